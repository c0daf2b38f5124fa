/* The one route table. 404 (no row has the path), 405 and its Allow header
 * (rows have the path, none the method), the OPTIONS answer, the metrics
 * labels, `aicostd --print-routes` and the contract test against
 * openapi.yaml are all derived from it: a route exists exactly when it has a
 * row here. The routes that render results offer the formats of render.h's
 * table (SRV_FORMATS). */
#include <string.h>
#include <strings.h>

#include "srv.h"

static const char *const json_only[] = { "application/json", NULL };
static const char *const prometheus[] = { "text/plain", NULL };
static const char *const yaml[] = { "application/yaml", NULL };
static const char *const html[] = { "text/html", NULL };
static const char *const json_schema[] = { "application/schema+json", "application/json", NULL };

/* clang-format off */
const struct srv_route srv_routes[] = {
  { SRV_POST, "/v1/projections", false, true, SRV_FORMATS, srv_ep_projections, 0 },
  { SRV_POST, "/v1/comparisons", false, true, SRV_FORMATS, srv_ep_comparisons, 0 },
  { SRV_POST, "/v1/plans", false, true, SRV_FORMATS, srv_ep_plans, 0 },
  { SRV_GET, "/v1/catalogue", false, false, json_only, srv_ep_catalogue, 0 },
  { SRV_GET, "/v1/catalogue/gpus", false, false, json_only, srv_ep_catalogue_section, AIC_SECTION_GPUS },
  { SRV_GET, "/v1/catalogue/models", false, false, json_only, srv_ep_catalogue_section, AIC_SECTION_MODELS },
  { SRV_GET, "/v1/catalogue/api-prices", false, false, json_only, srv_ep_catalogue_section,
    AIC_SECTION_API_PRICES },
  { SRV_GET, "/v1/catalogue/gpus/{id}", false, false, json_only, srv_ep_catalogue_entry, AIC_SECTION_GPUS },
  { SRV_GET, "/v1/catalogue/models/{id}", false, false, json_only, srv_ep_catalogue_entry,
    AIC_SECTION_MODELS },
  /* API price ids are "vendor/model": the id takes the rest of the path. */
  { SRV_GET, "/v1/catalogue/api-prices/{id}", true, false, json_only, srv_ep_catalogue_entry,
    AIC_SECTION_API_PRICES },
  { SRV_GET, "/healthz", false, false, json_only, srv_ep_healthz, 0 },
  { SRV_GET, "/readyz", false, false, json_only, srv_ep_readyz, 0 },
  { SRV_GET, "/metrics", false, false, prometheus, srv_ep_metrics, 0 },
  { SRV_GET, "/openapi.yaml", false, false, yaml, srv_ep_openapi, 0 },
  { SRV_GET, "/v1/schemas/{name}", false, false, json_schema, srv_ep_schema, 0 },
  /* dashboards (ep_page.c, ep_scenarios.c) */
  { SRV_GET, "/", false, false, html, srv_ep_page, 0 },
  { SRV_GET, "/v1/scenarios", false, false, json_only, srv_ep_scenarios, 0 },
  { SRV_GET, "/v1/scenarios/{id}/projection", false, false, SRV_FORMATS, srv_ep_scenario_projection, 0 },
};
/* clang-format on */
const size_t srv_n_routes = sizeof srv_routes / sizeof srv_routes[0];

_Static_assert(sizeof srv_routes / sizeof srv_routes[0] <= SRV_ROUTES_MAX,
               "raise SRV_ROUTES_MAX: metrics keep one slot per row");

const char *
srv_route_media(const struct srv_route *r, size_t i)
{
  if (r->produces != SRV_FORMATS)
    return r->produces[i]; /* the caller stops at its NULL */
  return i < aic_n_formats ? aic_formats[i].media_type : NULL;
}

enum srv_method
srv_method_parse(const char *method)
{
  if (strcmp(method, "GET") == 0)
    return SRV_GET;
  if (strcmp(method, "HEAD") == 0)
    return SRV_HEAD;
  if (strcmp(method, "POST") == 0)
    return SRV_POST;
  if (strcmp(method, "OPTIONS") == 0)
    return SRV_OPTIONS;
  return SRV_OTHER;
}

const char *
srv_method_name(enum srv_method m)
{
  switch (m) {
  case SRV_GET: return "GET";
  case SRV_HEAD: return "HEAD";
  case SRV_POST: return "POST";
  case SRV_OPTIONS: return "OPTIONS";
  case SRV_OTHER: break;
  }
  return "OTHER";
}

static bool
has_encoded_slash(const char *s, size_t n)
{
  for (size_t i = 0; i + 2 < n; i++)
    if (s[i] == '%' && s[i + 1] == '2' && (s[i + 2] == 'F' || s[i + 2] == 'f'))
      return true;
  return false;
}

/* Matches one template against the path, capturing "{x}" into param.
 * Segments are compared whole; a capture is never empty. */
static bool
match_template(const struct srv_route *r, const char *path, char *param, size_t cap)
{
  const char *t = r->path;
  const char *p = path;

  param[0] = '\0'; /* a template without "{x}" captures nothing */
  while (*t != '\0') {
    if (*t == '{') {
      const char *close = strchr(t, '}');
      const char *end;
      size_t n;

      if (close == NULL)
        return false;
      if (r->tail && close[1] == '\0')
        end = p + strlen(p);
      else
        end = p + strcspn(p, "/");
      n = (size_t)(end - p);
      if (n == 0 || n >= cap)
        return false;
      /* an encoded slash inside one segment would be a path separator to
       * whoever decodes it: only the rest-of-path id ("vendor/model") may
       * hold one */
      if (!(r->tail && close[1] == '\0') && has_encoded_slash(p, n))
        return false;
      memcpy(param, p, n);
      param[n] = '\0';
      p = end;
      t = close + 1;
      continue;
    }
    if (*t != *p)
      return false;
    t++;
    p++;
  }
  return *p == '\0';
}

/* The path keeps %2F and %25 encoded (server.c); inside a captured
 * segment they are data: decoded here, once. */
static void
decode_capture(char *param)
{
  char *in = param;
  char *out = param;

  while (*in != '\0') {
    if (in[0] == '%' && in[1] == '2' && (in[2] == 'F' || in[2] == 'f')) {
      *out++ = '/';
      in += 3;
    } else if (in[0] == '%' && in[1] == '2' && in[2] == '5') {
      *out++ = '%';
      in += 3;
    } else {
      *out++ = *in++;
    }
  }
  *out = '\0';
}

enum { BIT_GET = 1, BIT_POST = 2 };

void
srv_route_match(const char *method, const char *path, struct srv_match *m)
{
  enum srv_method want = srv_method_parse(method);
  unsigned bits = 0;
  char param[SRV_PARAM_MAX];

  memset(m, 0, sizeof *m);
  for (size_t i = 0; i < srv_n_routes; i++) {
    const struct srv_route *r = &srv_routes[i];

    if (!match_template(r, path, param, sizeof param))
      continue;
    m->path_known = true;
    bits |= r->method == SRV_GET ? BIT_GET : BIT_POST;
    if (m->route == NULL && (r->method == want || (r->method == SRV_GET && want == SRV_HEAD))) {
      m->route = r;
      m->index = i;
      memcpy(m->param, param, sizeof param);
      decode_capture(m->param);
    }
  }
  if (!m->path_known)
    return;
  /* The Allow header: what the table has for the path, plus HEAD for GET
   * (MHD drops the body) and OPTIONS (answered for every known path). */
  m->allow[0] = '\0';
  if (bits & BIT_GET)
    strcat(m->allow, "GET, HEAD, ");
  if (bits & BIT_POST)
    strcat(m->allow, "POST, ");
  strcat(m->allow, "OPTIONS");
}

void
srv_routes_print(FILE *out)
{
  for (size_t i = 0; i < srv_n_routes; i++)
    fprintf(out, "%s %s\n", srv_method_name(srv_routes[i].method), srv_routes[i].path);
}
