/* POST /v1/plans: a plan request in (docs/planner.md), the cheapest
 * feasible set-up, the Pareto set, the API alternatives and the inverse
 * questions out, in the output format chosen on the first call (JSON, the
 * Pareto set as CSV or an SVG scatter). Translation only. */
#include <string.h>

#include "srv.h"

enum MHD_Result
srv_ep_plans(struct srv_req *rq)
{
  struct aic_diags errors;
  struct aic_plan_request pr;
  struct aic_plan_result plan;
  enum MHD_Result ret;
  json_t *doc;
  int r;

  if (rq->cat == NULL)
    return srv_reply_problem(rq, SRV_E_NOT_READY, "no catalogue is loaded yet", NULL);
  aic_diags_init(&errors);
  r = aic_json_parse(rq->body != NULL ? rq->body : "", rq->body_len, &doc, &errors);
  if (r != AIC_OK)
    return srv_reply_problem(rq, srv_err_from_aic(r), NULL, &errors);
  memset(&plan, 0, sizeof plan);
  r = aic_plan_request_from_json(doc, rq->cat->cat, &pr, &errors);
  pr.bands = rq->bands; /* ?bands=false: the best plan's point values only */
  if (r == AIC_OK)
    r = aic_plan(rq->cat->cat, &pr, &plan, &errors); /* plan is releasable whatever it returns */
  if (r != AIC_OK)
    ret = srv_reply_problem(rq, srv_err_from_aic(r), NULL, &errors);
  else
    ret = srv_reply_plan(rq, &plan, pr.base.currency, NULL);
  aic_plan_release(&plan);
  /* The request's strings point into doc: it goes last. */
  aic_plan_request_release(&pr);
  json_decref(doc);
  return ret;
}
