/* Private to the planner's files: plan.c (the request, the order of
 * configurations, the entry point), plan_search.c (the search) and
 * plan_answer.c (the best plan's projection, Pareto set, alternatives,
 * inverse questions). */
#ifndef AICOST_CORE_PLAN_INTERNAL_H
#define AICOST_CORE_PLAN_INTERNAL_H

#include "aicost/plan.h"
#include "core.h"

/* The most sequences a replica is planned with: the scenario's bound on
 * max_batch, so that the best plan projects as a valid scenario. */
#define PLAN_BATCH_MAX 1e6

/* A configuration that meets the SLO: the cheapest offer of its shape. */
struct plan_candidate {
  struct aic_plan_config c;
  bool meets_constraints; /* max_gpus_total and max_daily_usd */
};

struct plan_ctx {
  const struct aic_catalogue *cat;
  const struct aic_plan_request *rq;
  struct aic_traffic_plan tp;
  int horizon;
  double util;          /* the planned utilisation */
  double ttft_limit;    /* ms; INFINITY when not asked */
  double tpot_limit;    /* ms: tpot_ms and 1000 / min tokens/s per user; INFINITY when neither */
  double decoded;       /* output + reasoning tokens */
  const double *by_day; /* requests on each day (1-based); NULL when constant */
  const struct aic_model *models;
  size_t n_models;
  struct plan_candidate *cand;
  size_t n_cand, cap_cand;
  struct aic_plan_result *out;
  /* the nearest misses, for `infeasible` */
  double slo_miss; /* smallest ratio of latency to its limit at batch 1 */
  char slo_text[AIC_DIAG_DETAIL_MAX];
  const char *slo_at; /* the request member each miss is about */
  double memory_miss; /* smallest ratio of what one replica needs to what it holds */
  char memory_text[AIC_DIAG_DETAIL_MAX];
  const char *memory_at;
  double constraint_miss; /* smallest ratio of peak use to the constraint */
  char constraint_text[AIC_DIAG_DETAIL_MAX];
  const char *constraint_at;
};

/* plan.c: the deterministic order of configurations: cheaper over the
 * horizon first, then on day 1, then faster, then by their knobs. */
int aic_plan_config_cmp(const struct aic_plan_config *a, const struct aic_plan_config *b);

/* plan_search.c: every configuration; fills ctx->cand, the counts and the
 * misses. AIC_OK, AIC_E_INVALID (constraints that empty the space, named
 * in errors) or AIC_E_NOMEM. */
int aic_plan_search(struct plan_ctx *ctx, struct aic_diags *errors);

/* plan_answer.c */
int aic_plan_answer(struct plan_ctx *ctx, struct aic_diags *errors);

#endif
