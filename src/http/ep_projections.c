/* POST /v1/projections: a scenario in, its projection out. Translation
 * only: bytes -> JSON -> validated scenario -> aic_project -> JSON, CSV or
 * SVG as Accept asked. Every rule lives in io and core. */
#include <string.h>

#include "srv.h"

static enum MHD_Result
render(struct srv_req *rq, const struct aic_projection *pj)
{
  size_t len = 0;
  char *bytes = NULL;

  if (strcmp(rq->media, "text/csv") == 0) {
    bytes = aic_projection_to_csv(pj, rq->cat->cat, &len);
    if (bytes == NULL)
      return srv_reply_problem(rq, SRV_E_NOMEM, NULL, NULL);
    return srv_reply(rq, MHD_HTTP_OK, "text/csv; charset=utf-8; header=present", bytes, len,
                     SRV_MEM_FREE, NULL);
  }
  if (strcmp(rq->media, "image/svg+xml") == 0) {
    bytes = aic_projection_to_svg(pj, rq->cat->cat, &len);
    if (bytes == NULL)
      return srv_reply_problem(rq, SRV_E_NOMEM, NULL, NULL);
    return srv_reply(rq, MHD_HTTP_OK, "image/svg+xml", bytes, len, SRV_MEM_FREE, NULL);
  }
  /* written straight from the struct, no jansson tree: the hot path */
  bytes = aic_projection_to_json(pj, rq->cat->cat, &len);
  return srv_reply_json_text_steal(rq, MHD_HTTP_OK, bytes, len, NULL);
}

enum MHD_Result
srv_ep_projections(struct srv_req *rq)
{
  struct aic_diags errors;
  struct aic_scenario sc;
  struct aic_projection pj;
  bool projected = false;
  enum MHD_Result ret;
  json_t *doc;
  int r;

  if (rq->cat == NULL)
    return srv_reply_problem(rq, SRV_E_NOT_READY, "no catalogue is loaded yet", NULL);
  aic_diags_init(&errors);
  r = aic_json_parse(rq->body != NULL ? rq->body : "", rq->body_len, &doc, &errors);
  if (r != AIC_OK)
    return srv_reply_problem(rq, srv_err_from_aic(r), NULL, &errors);
  r = aic_scenario_from_json(doc, rq->cat->cat, "", &sc, &errors);
  if (r == AIC_OK) {
    r = aic_project(rq->cat->cat, &sc, &pj, &errors); /* pj is releasable whatever it returns */
    projected = true;
  }
  /* The scenario's strings point into doc: it goes last. */
  if (r != AIC_OK)
    ret = srv_reply_problem(rq, srv_err_from_aic(r), NULL, &errors);
  else
    ret = render(rq, &pj);
  if (projected)
    aic_projection_release(&pj);
  json_decref(doc);
  return ret;
}
