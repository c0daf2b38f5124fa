/* Fuzz target: a plan request -> validation -> aic_plan -> the plan's
 * JSON, CSV and SVG (POST /v1/plans without sockets). Beyond the
 * sanitizers: a feasible plan's best meets the SLO it was asked, and the
 * Pareto set is within its bound and falls in cost as latency rises. */
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"

static void
check_plan(const struct aic_plan_request *rq, const struct aic_plan_result *p)
{
  const struct aic_plan_config *b = &p->best;

  if (p->n_pareto > AIC_PLAN_PARETO_MAX)
    fuzz_fail("aic_plan", "a Pareto set over its bound");
  if (!p->feasible) {
    if (p->infeasible[0] == '\0')
      fuzz_fail("aic_plan", "infeasible without a nearest miss");
    return;
  }
  if ((aic_has(rq->ttft_ms) && !(b->ttft_ms <= rq->ttft_ms)) ||
      (aic_has(rq->tpot_ms) && !(b->tpot_ms <= rq->tpot_ms)))
    fuzz_fail("aic_plan", "the best plan misses the SLO");
  if (!p->projected || p->projection.sh.ttft_ms != b->ttft_ms ||
      p->projection.daily_usd != b->daily_usd)
    fuzz_fail("aic_plan", "the best plan's projection differs from the plan");
  for (size_t i = 1; i < p->n_pareto; i++)
    if (!(p->pareto[i].latency_ms < p->pareto[i - 1].latency_ms))
      fuzz_fail("aic_plan", "the Pareto set does not get faster");
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  const struct aic_catalogue *cat = fuzz_catalogue();
  struct aic_diags d = AIC_DIAGS_INIT;
  struct aic_plan_request rq;
  struct aic_plan_result plan;
  json_t *doc;
  int rc, prc = aic_json_parse((const char *)data, size, &doc, &d);

  if (prc != AIC_OK) {
    fuzz_check_status("aic_json_parse", prc, &d);
    return 0;
  }
  memset(&plan, 0, sizeof plan);
  rc = aic_plan_request_from_json(doc, cat, &rq, &d);
  fuzz_check_status("aic_plan_request_from_json", rc, &d);
  if (rc == AIC_OK) {
    rc = aic_plan(cat, &rq, &plan, &d);
    fuzz_check_status("aic_plan", rc, &d);
  }
  if (rc == AIC_OK) {
    size_t len = 0;

    check_plan(&rq, &plan);
    fuzz_check_text("aic_plan_to_json", aic_plan_to_json(&plan, cat, &len), len);
    /* every other format of the table: bytes of the length it says */
    for (size_t i = 1; i < aic_n_formats; i++) {
      char *text = aic_formats[i].plan(&plan, cat, &len);

      if (text == NULL || strlen(text) != len)
        fuzz_fail(aic_formats[i].name, "a plan rendered NULL or with a wrong length");
      free(text);
    }
  }
  aic_plan_release(&plan);
  aic_plan_request_release(&rq);
  json_decref(doc);
  return 0;
}
