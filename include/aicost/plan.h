/* The planner: the cheapest way to serve a model under a latency target
 * (issue 15). It searches every (model, GPU, offer, precision, replica
 * width, batch) the constraints allow with the serving model of
 * aicost/serving.h, and answers with the cheapest feasible plan (projected
 * in full by aic_project), the Pareto set of daily cost against latency,
 * API alternatives with their break-even traffic, and the inverse
 * questions. docs/planner.md has the search space, the rules and a worked
 * example. Part of the pure core. */
#ifndef AICOST_PLAN_H
#define AICOST_PLAN_H

#include <stdbool.h>
#include <stddef.h>

#include "aicost/projection.h"
#include "aicost/scenario.h"
#include "aicost/serving.h"

/* Candidate models, GPUs, providers and APIs a request may name. */
#define AIC_PLAN_MODELS_MAX 8
#define AIC_PLAN_GPUS_MAX 64
#define AIC_PLAN_PROVIDERS_MAX 32
#define AIC_PLAN_APIS_MAX 64
/* The Pareto set is thinned to this many configurations. */
#define AIC_PLAN_PARETO_MAX 20
/* Replica widths are powers of two up to this (eight 8-GPU nodes), as
 * aic_project chooses them. */
#define AIC_PLAN_WIDTH_MAX 64

/* Why a configuration was not feasible (the answer's `rejected`). */
enum aic_plan_reject {
  AIC_REJECT_SLO_TTFT,   /* TTFT over the SLO even at batch 1 */
  AIC_REJECT_SLO_TPOT,   /* TPOT (or tokens/s per user) over the SLO even at batch 1 */
  AIC_REJECT_MEMORY,     /* the width does not hold the weights and one request */
  AIC_REJECT_CONSTRAINT, /* meets the SLO, breaks max_gpus_total or max_daily_usd */
  AIC_REJECT_NO_PRICE,   /* a (model, GPU) with no price under the constraints */
  AIC_REJECT_COUNT
};
/* "slo_ttft", "slo_tpot", "memory", "constraint", "no_price". */
const char *aic_plan_reject_name(enum aic_plan_reject r);

/* What a request asks. Built by src/scenarios (plan_json.c) from JSON;
 * optional numbers are NAN when not given. */
struct aic_plan_request {
  /* The candidates: `base.model` (has_model) or `models`; base also holds
   * traffic, horizon_days, today and the optional training, exactly as a
   * scenario does, and its inference part is filled for the best plan. */
  struct aic_scenario base;
  struct aic_model *models; /* NULL with has_model; owned by the reader */
  size_t n_models;
  /* slo */
  double ttft_ms;
  double tpot_ms;
  double min_tokens_per_second_per_user;
  double target_utilization; /* NAN = defaults.target_utilization */
  /* constraints */
  struct aic_gpu *gpus; /* NULL: every catalogue GPU */
  size_t n_gpus;
  const char **providers; /* NULL: any */
  size_t n_providers;
  unsigned pricing;    /* bits of enum aic_pricing; 0 = on_demand */
  unsigned precisions; /* bits of enum aic_precision; 0 = every one the GPU computes
                                but fp32, tf32 and fp16 (bf16 stands for 16 bits) */
  double max_gpus_per_replica;
  double max_gpus_total;
  double max_daily_usd;
  /* alternatives */
  bool alternatives_all;
  struct aic_api_price *apis;
  size_t n_apis;
  /* the best plan's projection with its uncertainty bands (aicost/bands.h):
   * the API's ?bands= and the CLI's --no-bands; default on */
  bool bands;
  /* solve */
  double solve_max_daily_usd; /* NAN: constraints' max_daily_usd, else not asked */
  bool has_solve_api;
  struct aic_api_price solve_api;
};

/* A request with nothing given (models, SLO and constraints absent). */
void aic_plan_request_init(struct aic_plan_request *rq);

/* One replica shape under load, as aic_project computes it for a scenario
 * with these knobs (the planned load is capacity x target utilisation). */
struct aic_plan_perf {
  double batch;
  double capacity_rps; /* per replica at the planned load */
  double ttft_ms;
  double tpot_ms;
};
void aic_plan_perform(const struct aic_replica *r, double batch, double target_utilization,
                      struct aic_plan_perf *out);

/* One configuration: its knobs and its numbers. */
struct aic_plan_config {
  size_t model; /* index among the request's models */
  const struct aic_model *m;
  const struct aic_gpu *gpu;
  enum aic_pricing pricing;
  struct aic_price_choice price; /* the offer (or owned, or listed price) */
  enum aic_precision precision;
  double gpus_per_replica;
  double tensor_parallel;
  double pipeline_stages;
  double max_batch_fit; /* sequences whose KV cache fits */
  double batch;         /* the largest meeting the SLO */
  double ttft_ms;
  double tpot_ms;
  double latency_ms;                   /* ttft + decoded tokens x tpot: the whole answer */
  double capacity_rps;                 /* per replica at the planned load */
  double requests_per_day_per_replica; /* capacity x 86,400 / peak_to_average */
  double replicas;                     /* day 1 */
  double gpus_total;                   /* day 1 */
  double peak_gpus;                    /* the most on any day of the horizon */
  double daily_usd;                    /* day 1 */
  double peak_daily_usd;               /* the most on any day of the horizon */
  double horizon_usd;                  /* inference over the horizon */
  double mean_daily_usd;               /* horizon_usd / horizon_days */
};

/* Which way a break-even goes. */
enum aic_plan_direction {
  AIC_SELF_HOSTING_NEVER, /* the API is cheaper at every traffic */
  AIC_SELF_HOSTING_ABOVE, /* self-hosting is cheaper above the break-even traffic */
};

struct aic_plan_alternative {
  const char *id;
  bool priced; /* false: the API cannot bill this traffic (see problem) */
  char problem[AIC_DIAG_DETAIL_MAX];
  double cost_per_request_usd;
  double daily_usd;
  double horizon_usd;
  bool compared;                      /* a best plan to weigh it against: direction is known */
  double break_even_requests_per_day; /* NAN with NEVER or not compared */
  enum aic_plan_direction direction;
};

struct aic_plan_counts {
  size_t models;
  size_t gpus;
  size_t offers;         /* prices weighed across the GPUs (offers, listed, owned) */
  size_t configurations; /* (model, GPU, offer, precision, width) points */
  size_t shapes;         /* (model, GPU, precision, width) whose serving was computed */
  size_t evaluations;    /* batches evaluated */
};

struct aic_plan_solve {
  /* the largest traffic max_daily_usd buys (over every feasible shape) */
  double budget_usd;              /* NAN: not asked */
  double budget_requests_per_day; /* NAN when nothing fits the budget */
  bool has_budget_config;
  struct aic_plan_config budget_config;
  /* solve.api against the best plan */
  bool has_api;
  struct aic_plan_alternative api;
  /* owning the best plan's GPU against renting its offer */
  double owned_price_per_gpu_hour_usd;  /* NAN: no purchase price */
  double owning_break_even_utilization; /* owned / rented price; NAN as above */
};

struct aic_plan_result {
  bool feasible;
  struct aic_plan_config best;
  struct aic_projection projection; /* the best plan's, when feasible */
  bool projected;
  size_t n_pareto;
  struct aic_plan_config pareto[AIC_PLAN_PARETO_MAX];
  size_t n_alternatives;
  struct aic_plan_alternative *alternatives; /* owned */
  struct aic_plan_counts searched;
  size_t rejected[AIC_REJECT_COUNT];
  char infeasible[AIC_DIAG_DETAIL_MAX]; /* the nearest miss, when not feasible */
  const char *infeasible_at;            /* the request member it is about ("/slo/tpot_ms") */
  struct aic_plan_solve solve;
  double decoded_tokens; /* output + reasoning tokens per request */
  /* the SLO searched against, for the text renderings' header: INFINITY
   * when not given; tpot_ms folds in min_tokens_per_second_per_user */
  double slo_ttft_ms;
  double slo_tpot_ms;
  int horizon_days;
  double target_utilization; /* the planned busy fraction the search used */
};

/* Plans. Returns AIC_OK (feasible or not: see result->feasible),
 * AIC_E_INVALID with every problem in `errors` (bad input, or constraints
 * that leave nothing to search: the pointer names the one that emptied
 * it), or AIC_E_NOMEM. The result's arrays are owned: aic_plan_release. */
int aic_plan(const struct aic_catalogue *cat, const struct aic_plan_request *rq,
             struct aic_plan_result *out, struct aic_diags *errors);
void aic_plan_release(struct aic_plan_result *out);

/* The scenario a feasible plan's best configuration stands for: the
 * request's model, traffic, horizon, dates and training, served on the
 * chosen GPU, precision, width, batch, offer and utilisation. The best
 * plan's projection is this scenario's, and so is a comparison option that
 * names a plan (docs/planner.md, "Compare a plan"). Strings point where
 * the request's do; `rq` must be the one `plan` answered. AIC_OK, or
 * AIC_E_INVALID when the plan is not feasible. */
int aic_plan_best_scenario(const struct aic_plan_request *rq, const struct aic_plan_result *plan,
                           struct aic_scenario *sc);

/* What a plan chose for a comparison option: the best configuration, and
 * the ids of its model (NULL when inline) and GPU, since best.m and
 * best.gpu pointed into the request, which is gone (NULL here). */
struct aic_plan_choice {
  bool planned; /* false: the option was a scenario of its own */
  struct aic_plan_config best;
  const char *model;
  const char *gpu;
  size_t configurations; /* searched */
};

/* The quality trade-off a precision implies, by name only ("W4A16
 * weight-only quantisation"), or NULL for 16 bits and wider. */
const char *aic_plan_precision_note(enum aic_precision p);

#endif
