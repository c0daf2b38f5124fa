/* POST /v1/comparisons: {"horizon_days", "scenarios": [2..16]} (each a
 * scenario or a plan standing for its best set-up) in, the
 * options side by side, their ranking and overtakes out, in the output
 * format chosen on the first call. Translation only. */
#include <stdlib.h>
#include <string.h>

#include "srv.h"

enum MHD_Result
srv_ep_comparisons(struct srv_req *rq)
{
  struct aic_diags errors;
  struct aic_scenario *scenarios = NULL;
  struct aic_plan_choice *plans = NULL;
  struct aic_comparison cmp;
  size_t n = 0;
  int horizon = AIC_HORIZON_DEFAULT;
  enum MHD_Result ret;
  enum srv_err too_much = SRV_OK;
  char detail[256];
  json_t *doc;
  int r;

  if (rq->cat == NULL)
    return srv_reply_problem(rq, SRV_E_NOT_READY, "no catalogue is loaded yet", NULL);
  memset(&cmp, 0, sizeof cmp);
  aic_diags_init(&errors);
  r = aic_json_parse(rq->body != NULL ? rq->body : "", rq->body_len, &doc, &errors);
  if (r != AIC_OK)
    return srv_reply_problem(rq, srv_err_from_aic(r), NULL, &errors);
  r = aic_comparison_request_from_json(doc, rq->cat->cat, &scenarios, &plans, &n, &horizon,
                                       &errors);
  if (r == AIC_OK)
    r = aic_compare(rq->cat->cat, scenarios, n, horizon, &cmp, &errors);
  cmp.plans = plans; /* what the options that name a plan chose */
  if (r == AIC_OK)
    too_much = srv_answer_check(rq, cmp.projections, cmp.n, true, &errors, detail, sizeof detail);
  /* the bands after the size check: an answer refused is not worth them */
  if (r == AIC_OK && too_much == SRV_OK && rq->bands)
    r = aic_comparison_bands(rq->cat->cat, scenarios, n, &cmp, &errors);
  if (r != AIC_OK)
    ret = srv_reply_problem(rq, srv_err_from_aic(r), NULL, &errors);
  else if (too_much != SRV_OK)
    ret = srv_reply_problem(rq, too_much, detail, &errors);
  else
    ret = srv_reply_comparison(rq, &cmp, n > 0 ? scenarios[0].currency : NULL, NULL);
  aic_comparison_release(&cmp);
  free(plans);
  free(scenarios);
  json_decref(doc);
  return ret;
}
