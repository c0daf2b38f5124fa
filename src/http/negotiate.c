/* Header parsing the handlers should never do themselves: Accept (RFC 9110
 * 12.5.1) and ?format=, Content-Type for JSON bodies, If-None-Match (RFC
 * 9110 13.1.2). */
#include <string.h>
#include <strings.h>

#include "srv.h"

static const char *
skip_ows(const char *s)
{
  while (*s == ' ' || *s == '\t')
    s++;
  return s;
}

/* Length of the token at s, without trailing whitespace, up to any of `stop`. */
static size_t
token_len(const char *s, const char *stop)
{
  size_t n = strcspn(s, stop);

  while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
    n--;
  return n;
}

/* Parses a qvalue ("1", "0.5", "0.125"): 0..1000, or -1 when malformed. */
static int
parse_q(const char *s, size_t n)
{
  int q = 0;
  int scale = 1000;
  size_t i = 0;

  if (n == 0 || (s[0] != '0' && s[0] != '1'))
    return -1;
  q = (s[0] - '0') * 1000;
  i = 1;
  if (i < n && s[i] == '.') {
    i++;
    for (int digits = 0; i < n && digits < 3; i++, digits++) {
      if (s[i] < '0' || s[i] > '9')
        return -1;
      scale /= 10;
      q += (s[i] - '0') * scale;
    }
  }
  if (i != n || q > 1000)
    return -1;
  return q;
}

/* How well a media range (exact, "type/" + "*", or "*" + "/" + "*") matches `type`:
 * 3 exact, 2 subtype wildcard, 1 full wildcard, 0 no match. */
static int
specificity(const char *range, size_t rlen, const char *type)
{
  size_t tlen = strlen(type);
  const char *slash = memchr(range, '/', rlen);

  if (slash == NULL)
    return 0;
  if (rlen == 3 && memcmp(range, "*/*", 3) == 0)
    return 1;
  if ((size_t)(slash - range) + 2 == rlen && slash[1] == '*') {
    size_t major = (size_t)(slash - range) + 1; /* with the '/' */

    return strncasecmp(range, type, major) == 0 ? 2 : 0;
  }
  return rlen == tlen && strncasecmp(range, type, tlen) == 0 ? 3 : 0;
}

/* The q the Accept header gives `type`: that of its most specific matching
 * range, 0 when none matches. Malformed ranges are ignored, not fatal. */
static int
quality(const char *accept, const char *type)
{
  int best_spec = 0;
  int best_q = 0;
  const char *p = accept;

  while (*p != '\0') {
    const char *range = skip_ows(p);
    size_t rlen = token_len(range, ",;");
    const char *q_at = range + strcspn(range, ",;");
    int q = 1000;
    int spec;

    /* parameters: only q matters here */
    while (*q_at == ';') {
      const char *param = skip_ows(q_at + 1);
      size_t plen = strcspn(param, ",;");

      if (plen >= 2 && (param[0] == 'q' || param[0] == 'Q') && param[1] == '=')
        q = parse_q(param + 2, token_len(param + 2, ",;"));
      q_at = param + plen;
    }
    spec = specificity(range, rlen, type);
    if (q >= 0 && spec > best_spec) {
      best_spec = spec;
      best_q = q;
    }
    p = q_at;
    if (*p == ',')
      p++;
  }
  return best_q;
}

const char *
srv_negotiate(const char *accept, const struct srv_route *r)
{
  const char *best = NULL, *m;
  int best_q = 0;

  if (accept == NULL || *skip_ows(accept) == '\0')
    return srv_route_media(r, 0);
  /* Ties go to the route's own order of preference. */
  for (size_t i = 0; (m = srv_route_media(r, i)) != NULL; i++) {
    int q = quality(accept, m);

    if (q > best_q) {
      best_q = q;
      best = m;
    }
  }
  return best;
}

void
srv_not_acceptable_detail(const struct srv_route *r, char *detail, size_t cap)
{
  size_t n = (size_t)snprintf(detail, cap, "this resource is available as");
  const char *m;

  for (size_t i = 0; (m = srv_route_media(r, i)) != NULL && n < cap; i++)
    n += (size_t)snprintf(detail + n, cap - n, "%s %s", i > 0 ? "," : "", m);
}

const struct aic_format *
srv_choose_format(const char *accept, const char *format_arg, const struct srv_route *r,
                  enum srv_err *err, char *detail, size_t cap)
{
  const struct aic_format *f;

  if (format_arg != NULL) {
    char names[64];

    f = aic_format_named(format_arg);
    if (f != NULL)
      return f;
    aic_format_names(names, sizeof names);
    *err = SRV_E_INVALID;
    snprintf(detail, cap, "format must be %s (got '%.20s')", names, format_arg);
    return NULL;
  }
  f = aic_format_for_media_type(srv_negotiate(accept, r));
  if (f == NULL) {
    *err = SRV_E_NOT_ACCEPTABLE;
    srv_not_acceptable_detail(r, detail, cap);
  }
  return f;
}

bool
srv_is_json_type(const char *ct)
{
  static const char json[] = "application/json";
  const char *p;

  if (ct == NULL)
    return false;
  ct = skip_ows(ct);
  if (strncasecmp(ct, json, sizeof json - 1) != 0)
    return false;
  p = skip_ows(ct + sizeof json - 1);
  /* JSON is UTF-8 (RFC 8259 8.1): a charset, when given, must say so. */
  while (*p == ';') {
    const char *param = skip_ows(p + 1);
    size_t n = strcspn(param, ";");

    if (n >= 8 && strncasecmp(param, "charset=", 8) == 0) {
      const char *v = param + 8;
      size_t vlen = token_len(v, ";");

      if (vlen >= 2 && v[0] == '"' && v[vlen - 1] == '"') {
        v++;
        vlen -= 2;
      }
      if (!(vlen == 5 && strncasecmp(v, "utf-8", 5) == 0) &&
          !(vlen == 4 && strncasecmp(v, "utf8", 4) == 0))
        return false;
    }
    p = param + n;
  }
  return *p == '\0';
}

bool
srv_etag_matches(const char *inm, const char *etag)
{
  size_t elen = strlen(etag);
  const char *p = inm;

  if (inm == NULL)
    return false;
  while (*p != '\0') {
    const char *tag = skip_ows(p);
    size_t n = token_len(tag, ",");

    if (n == 1 && tag[0] == '*')
      return true;
    /* Weak comparison: W/"x" matches "x" (RFC 9110 8.8.3.2). */
    if (n >= 2 && tag[0] == 'W' && tag[1] == '/') {
      tag += 2;
      n -= 2;
    }
    if (n == elen && memcmp(tag, etag, n) == 0)
      return true;
    p = tag + strcspn(tag, ",");
    if (*p == ',')
      p++;
  }
  return false;
}

bool
srv_choose_bands(const char *arg, enum srv_err *err, char *detail, size_t cap)
{
  if (arg == NULL || strcmp(arg, "true") == 0)
    return true;
  if (strcmp(arg, "false") == 0)
    return false;
  *err = SRV_E_INVALID;
  snprintf(detail, cap, "bands must be true or false (got '%.20s')", arg);
  return false;
}
