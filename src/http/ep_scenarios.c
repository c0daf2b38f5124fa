/* Named scenarios for tools that can only GET (Grafana's Infinity data
 * source, a wiki image tag):
 *   GET /v1/scenarios                       {"scenarios": [{"id","name","description"}]}
 *   GET /v1/scenarios/{id}/projection       in an output format, by ?format= or Accept
 * with ?requests_per_day=&monthly_growth=&max_requests_per_day=&horizon_days=
 * &granularity= overrides checked like body fields. The set is loaded with
 * the catalogue and swapped with it on SIGHUP (srv_scenarios_load, called
 * from catalogue.c), so a request sees one consistent pair. Responses carry
 * an ETag from the catalogue hash, the scenario's bytes, the format and the
 * overrides, and are cacheable for five minutes. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "page/embedded.h"
#include "srv.h"

#define MAX_ARGS 16
#define CACHE "public, max-age=300"

struct aic_scenario_set *
srv_scenarios_load(const char *dir, const struct aic_catalogue *cat, struct aic_diags *errors)
{
  struct aic_scenario_source src[64];
  size_t n = 0;

  if (dir != NULL)
    return aic_scenarios_load_dir(dir, cat, errors);
  for (size_t i = 0; i < srv_n_default_scenarios && n < sizeof src / sizeof src[0]; i++) {
    src[n].filename = srv_default_scenarios[i].filename;
    src[n].text = srv_default_scenarios[i].text;
    src[n].len = *srv_default_scenarios[i].len;
    n++;
  }
  return aic_scenarios_load(src, n, cat, errors);
}

static uint64_t
fnv(uint64_t h, const char *s)
{
  h = aic_fnv1a(h, s, strlen(s));
  return aic_fnv1a(h, "\xff", 1); /* a separator, so ("ab","c") and ("a","bc") differ */
}

static bool
not_modified(struct srv_req *rq, const char *etag, enum MHD_Result *ret)
{
  const char *headers[] = { MHD_HTTP_HEADER_ETAG, etag, MHD_HTTP_HEADER_CACHE_CONTROL, CACHE,
                            NULL };
  const char *inm = MHD_lookup_connection_value(rq->conn, MHD_HEADER_KIND,
                                                MHD_HTTP_HEADER_IF_NONE_MATCH);

  if (!srv_etag_matches(inm, etag))
    return false;
  *ret = srv_reply(rq, MHD_HTTP_NOT_MODIFIED, NULL, NULL, 0, SRV_MEM_STATIC, headers);
  return true;
}

enum MHD_Result
srv_ep_scenarios(struct srv_req *rq)
{
  const struct aic_scenario_set *set;
  json_t *list, *doc;
  char etag[80];
  enum MHD_Result ret;
  const char *headers[] = { MHD_HTTP_HEADER_ETAG, etag, MHD_HTTP_HEADER_CACHE_CONTROL, CACHE,
                            NULL };

  if (rq->cat == NULL || rq->cat->scenarios == NULL)
    return srv_reply_problem(rq, SRV_E_NOT_READY, "no catalogue is loaded yet", NULL);
  set = rq->cat->scenarios;
  snprintf(etag, sizeof etag, "\"%.32s-%s\"", rq->cat->cat->hash != NULL ? rq->cat->cat->hash : "",
           set->hash);
  if (not_modified(rq, etag, &ret))
    return ret;
  list = json_array();
  for (size_t i = 0; list != NULL && i < set->n; i++) {
    json_t *item = json_pack("{s:s, s:s, s:s}", "id", set->v[i].id, "name", set->v[i].name,
                             "description", set->v[i].description);

    if (item == NULL || json_array_append_new(list, item) != 0) {
      json_decref(list);
      list = NULL;
    }
  }
  doc = list != NULL ? json_pack("{s:o}", "scenarios", list) : NULL;
  if (doc == NULL)
    return srv_reply_problem(rq, SRV_E_NOMEM, NULL, NULL);
  return srv_reply_json_steal(rq, MHD_HTTP_OK, doc, headers);
}

struct args {
  size_t n;
  bool too_many;
  struct aic_override v[MAX_ARGS];
};

static enum MHD_Result
collect(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
  struct args *a = cls;

  (void)kind;
  if (strcmp(key, "format") == 0 || strcmp(key, "bands") == 0)
    return MHD_YES; /* the output format and ?bands=: read on the first call (negotiate.c) */
  if (a->n == MAX_ARGS) {
    a->too_many = true;
    return MHD_NO;
  }
  a->v[a->n].key = key;
  a->v[a->n].value = value != NULL ? value : "";
  a->n++;
  return MHD_YES;
}

/* The projection in the format chosen on the first call (?format= or
 * Accept), named for a download after the scenario and the format. */
static enum MHD_Result
render(struct srv_req *rq, const struct aic_projection *pj, const char *currency, const char *id,
       const char *etag)
{
  char disposition[128];
  const char *headers[] = {
    MHD_HTTP_HEADER_ETAG, etag, MHD_HTTP_HEADER_CACHE_CONTROL, CACHE, "Content-Disposition",
    disposition,          NULL
  };

  snprintf(disposition, sizeof disposition, "inline; filename=\"%s.%s\"", id,
           rq->format->extension);
  return srv_reply_projection(rq, pj, currency, headers);
}

enum MHD_Result
srv_ep_scenario_projection(struct srv_req *rq)
{
  const struct aic_named_scenario *ns;
  struct aic_diags errors;
  struct aic_scenario sc;
  struct aic_projection pj;
  bool projected = false;
  struct args a = { 0 };
  enum MHD_Result ret;
  enum srv_err too_much = SRV_OK;
  char detail[256];
  char etag[80];
  uint64_t h;
  json_t *doc;
  int r;

  if (rq->cat == NULL || rq->cat->scenarios == NULL)
    return srv_reply_problem(rq, SRV_E_NOT_READY, "no catalogue is loaded yet", NULL);
  aic_diags_init(&errors);
  ns = aic_scenarios_find(rq->cat->scenarios, rq->match.param);
  if (ns == NULL) {
    snprintf(detail, sizeof detail, "no named scenario '%.64s' (GET /v1/scenarios lists them)",
             aic_scenario_id_valid(rq->match.param) ? rq->match.param : "?");
    return srv_reply_problem(rq, SRV_E_NOT_FOUND, detail, NULL);
  }
  MHD_get_connection_values(rq->conn, MHD_GET_ARGUMENT_KIND, collect, &a);
  if (a.too_many) {
    aic_diag_add(&errors, "", "at most %d query parameters", MAX_ARGS);
    return srv_reply_problem(rq, SRV_E_INVALID, NULL, &errors);
  }
  /* Same catalogue, scenario bytes, binary, format and overrides: same bytes. */
  h = fnv(AIC_FNV1A_OFFSET, AICOST_VERSION);
  h = fnv(h, rq->cat->cat->hash != NULL ? rq->cat->cat->hash : "");
  h = fnv(h, ns->id);
  h = fnv(h, ns->hash);
  h = fnv(h, rq->format->media_type);
  h = fnv(h, rq->bands ? "bands" : "no bands");
  for (size_t i = 0; i < a.n; i++) {
    h = fnv(h, a.v[i].key);
    h = fnv(h, a.v[i].value);
  }
  snprintf(etag, sizeof etag, "\"%016llx\"", (unsigned long long)h);

  r = aic_scenario_overridden(ns->doc, a.v, a.n, false, rq->cat->cat, &sc, &doc, &errors);
  if (doc == NULL)
    return srv_reply_problem(rq, SRV_E_NOMEM, NULL, NULL);
  if (r == AIC_OK) {
    r = aic_project(rq->cat->cat, &sc, &pj, &errors); /* pj is releasable whatever it returns */
    projected = true;
  }
  if (r == AIC_OK)
    too_much = srv_answer_check(rq, &pj, 1, false, &errors, detail, sizeof detail);
  /* the bands after the size check: an answer refused is not worth them */
  if (r == AIC_OK && too_much == SRV_OK && rq->bands)
    r = aic_project_bands(rq->cat->cat, &sc, &pj, &errors);
  /* If-None-Match only once the answer is known to be a 200: a request
   * that is refused has no representation to be unchanged, so
   * "If-None-Match: *" must not turn a 422 into a 304. Rendering, the
   * costly part, is still saved. */
  if (r != AIC_OK)
    ret = srv_reply_problem(rq, srv_err_from_aic(r), NULL, &errors);
  else if (too_much != SRV_OK)
    ret = srv_reply_problem(rq, too_much, detail, &errors);
  else if (!not_modified(rq, etag, &ret))
    ret = render(rq, &pj, sc.currency, ns->id, etag);
  if (projected)
    aic_projection_release(&pj);
  json_decref(doc); /* the scenario's strings point into doc: it goes last */
  return ret;
}
