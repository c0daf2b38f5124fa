/* POST /v1/projections: a scenario in, its projection out. Translation
 * only: bytes -> JSON -> validated scenario -> aic_project -> the output
 * format chosen on the first call (?format= or Accept, negotiate.c). Every
 * rule lives in the libraries and the core. */

#include "srv.h"

enum MHD_Result
srv_ep_projections(struct srv_req *rq)
{
  struct aic_diags errors;
  struct aic_scenario sc;
  struct aic_projection pj;
  bool projected = false;
  enum MHD_Result ret;
  enum srv_err too_much = SRV_OK;
  char detail[256];
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
  if (r == AIC_OK)
    too_much = srv_answer_check(rq, &pj, 1, false, &errors, detail, sizeof detail);
  /* the bands after the size check: an answer refused is not worth them */
  if (r == AIC_OK && too_much == SRV_OK && rq->bands)
    r = aic_project_bands(rq->cat->cat, &sc, &pj, &errors);
  /* The scenario's strings point into doc: it goes last. */
  if (r != AIC_OK)
    ret = srv_reply_problem(rq, srv_err_from_aic(r), NULL, &errors);
  else if (too_much != SRV_OK)
    ret = srv_reply_problem(rq, too_much, detail, &errors);
  else
    ret = srv_reply_projection(rq, &pj, sc.currency, NULL);
  if (projected)
    aic_projection_release(&pj);
  json_decref(doc);
  return ret;
}
