/* The planner's entry point: the request checked, the search run, the
 * answer assembled (docs/planner.md). The search is plan_search.c, the
 * answer plan_answer.c. */
#include "plan_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *const reject_names[AIC_REJECT_COUNT] = {
  "slo_ttft", "slo_tpot", "memory", "constraint", "no_price",
};

const char *
aic_plan_reject_name(enum aic_plan_reject r)
{
  return (unsigned)r < AIC_REJECT_COUNT ? reject_names[r] : "?";
}

const char *
aic_plan_precision_note(enum aic_precision p)
{
  switch (p) {
  case AIC_FP8: return "fp8 weights and activations (W8A8 floating point): quantised";
  case AIC_INT8: return "int8 weights and activations (W8A8 integer, SmoothQuant-style): quantised";
  case AIC_INT4: return "int4 weights (W4A16 weight-only, AWQ/GPTQ-style): quantised";
  case AIC_FP4: return "fp4 weights and activations (NVFP4/MXFP4): quantised";
  case AIC_FP32:
  case AIC_TF32:
  case AIC_BF16:
  case AIC_FP16:
  case AIC_PRECISION_COUNT: break;
  }
  return NULL;
}

void
aic_plan_request_init(struct aic_plan_request *rq)
{
  memset(rq, 0, sizeof *rq);
  aic_scenario_init(&rq->base);
  rq->ttft_ms = AIC_NAN;
  rq->tpot_ms = AIC_NAN;
  rq->min_tokens_per_second_per_user = AIC_NAN;
  rq->target_utilization = AIC_NAN;
  rq->max_gpus_per_replica = AIC_NAN;
  rq->max_gpus_total = AIC_NAN;
  rq->max_daily_usd = AIC_NAN;
  rq->solve_max_daily_usd = AIC_NAN;
  rq->bands = true;
}

void
aic_plan_perform(const struct aic_replica *r, double batch, double target_utilization,
                 struct aic_plan_perf *out)
{
  struct aic_replica_perf at_peak, planned;

  /* inference.c's shape(): capacity with every slot busy, latency at
   * target_utilization of it. */
  aic_replica_perform(r, batch, AIC_LOAD_RATE, AIC_INF, &at_peak);
  aic_replica_perform(r, batch, AIC_LOAD_RATE, at_peak.capacity_rps * target_utilization, &planned);
  out->batch = batch;
  out->capacity_rps = at_peak.capacity_rps * target_utilization;
  out->ttft_ms = planned.ttft_s * 1e3;
  out->tpot_ms = planned.tpot_s * 1e3;
}

static int
cmp_str(const char *a, const char *b)
{
  if (a == NULL || b == NULL)
    return (a != NULL) - (b != NULL);
  return strcmp(a, b);
}

static int
cmp_num(double a, double b)
{
  return (a > b) - (a < b);
}

int
aic_plan_config_cmp(const struct aic_plan_config *a, const struct aic_plan_config *b)
{
  int c;

  if ((c = cmp_num(a->horizon_usd, b->horizon_usd)) != 0)
    return c;
  if ((c = cmp_num(a->daily_usd, b->daily_usd)) != 0)
    return c;
  if ((c = cmp_num(a->latency_ms, b->latency_ms)) != 0)
    return c;
  if (a->model != b->model)
    return a->model < b->model ? -1 : 1;
  if ((c = cmp_str(a->gpu->id, b->gpu->id)) != 0)
    return c;
  if (a->precision != b->precision)
    return a->precision < b->precision ? -1 : 1;
  if ((c = cmp_num(a->gpus_per_replica, b->gpus_per_replica)) != 0)
    return c;
  if (a->pricing != b->pricing)
    return a->pricing < b->pricing ? -1 : 1;
  if ((c = cmp_str(a->price.offer.provider, b->price.offer.provider)) != 0)
    return c;
  return cmp_str(a->price.offer.region, b->price.offer.region);
}

/* The keys the serving model needs, > 0, for each candidate model. */
static bool
models_ok(const struct plan_ctx *ctx, bool single, struct aic_diags *errors)
{
  bool ok = true;

  for (size_t i = 0; i < ctx->n_models; i++) {
    const struct aic_model *m = &ctx->models[i];
    char ptr[AIC_DIAG_POINTER_MAX];

    if (single)
      aic_pointer_join(ptr, sizeof ptr, "", "model");
    else
      aic_pointer_index(ptr, sizeof ptr, "/models", i);
    if (!(m->params_b > 0 && m->layers > 0 && m->kv_heads > 0 && m->head_dim > 0) ||
        (aic_has(m->active_params_b) && !(m->active_params_b > 0)) ||
        (aic_has(m->context) && !(m->context > 0)) || (aic_has(m->d_model) && !(m->d_model > 0)) ||
        (aic_has(m->heads) && !(m->heads > 0)) ||
        aic_has(m->experts) != aic_has(m->experts_per_token) ||
        (aic_has(m->experts) &&
         !(m->experts_per_token >= 1 && m->experts > m->experts_per_token))) {
      aic_diag_add(errors, ptr,
                   "%s%s%s needs params_b, layers, kv_heads and head_dim > 0 (and "
                   "experts with experts_per_token) to be planned",
                   m->id != NULL ? "model '" : "the inline model", m->id != NULL ? m->id : "",
                   m->id != NULL ? "'" : "");
      ok = false;
    }
  }
  return ok;
}

static bool
positive_or_absent(struct aic_diags *errors, const char *ptr, double x)
{
  if (!aic_has(x) || (x > 0 && isfinite(x)))
    return true;
  aic_diag_add(errors, ptr, "must be a number > 0");
  return false;
}

/* Ranges the reader checks too: the core answers with an error, never a
 * NaN, whoever calls it. */
static bool
request_ok(struct plan_ctx *ctx, struct aic_diags *errors)
{
  const struct aic_plan_request *rq = ctx->rq;
  const struct aic_defaults *df = &ctx->cat->defaults;
  bool ok = true;

  ok = positive_or_absent(errors, "/slo/ttft_ms", rq->ttft_ms) && ok;
  ok = positive_or_absent(errors, "/slo/tpot_ms", rq->tpot_ms) && ok;
  ok = positive_or_absent(errors, "/slo/min_output_tokens_per_second_per_user",
                          rq->min_tokens_per_second_per_user) &&
       ok;
  ok = positive_or_absent(errors, "/constraints/max_gpus_per_replica", rq->max_gpus_per_replica) &&
       ok;
  ok = positive_or_absent(errors, "/constraints/max_gpus_total", rq->max_gpus_total) && ok;
  ok = positive_or_absent(errors, "/constraints/max_daily_usd", rq->max_daily_usd) && ok;
  ok = positive_or_absent(errors, "/solve/max_daily_usd", rq->solve_max_daily_usd) && ok;
  ok = aic_check_range(errors, "/slo/target_utilization", rq->target_utilization,
                       df->target_utilization, AIC_FRACTION_MIN, false, 1, &ctx->util) &&
       ok;
  if (rq->base.horizon_days < AIC_HORIZON_MIN || rq->base.horizon_days > AIC_HORIZON_MAX) {
    aic_diag_add(errors, "/horizon_days", "must be a whole number of days in [%d, %d]",
                 AIC_HORIZON_MIN, AIC_HORIZON_MAX);
    ok = false;
  }
  if (aic_traffic_resolve(ctx->cat, &rq->base.traffic, &ctx->tp, errors) != AIC_OK)
    return false;
  if (!(ctx->tp.requests_per_day > 0)) {
    aic_diag_add(errors, "/traffic/requests_per_day", "must be > 0 to plan a fleet for it");
    ok = false;
  }
  ctx->decoded = ctx->tp.output_tokens + ctx->tp.reasoning_tokens;
  if (!(ctx->tp.input_tokens + ctx->decoded > 0)) {
    aic_diag_add(errors, "/traffic/output_tokens",
                 "planning needs tokens per request: give "
                 "input_tokens or output_tokens");
    ok = false;
  }
  if (ctx->n_models == 0) {
    aic_diag_add(errors, "", "required: model or models");
    ok = false;
  }
  return models_ok(ctx, rq->models == NULL, errors) && ok;
}

/* Requests on each day, when they change. */
static int
traffic_days(struct plan_ctx *ctx, double **by_day)
{
  *by_day = NULL;
  if (ctx->tp.monthly_growth == 0)
    return AIC_OK;
  *by_day = malloc(((size_t)ctx->horizon + 1) * sizeof **by_day);
  if (*by_day == NULL)
    return AIC_E_NOMEM;
  (*by_day)[0] = 0;
  for (int d = 1; d <= ctx->horizon; d++) {
    (*by_day)[d] = aic_traffic_requests(&ctx->tp, d);
    if (!((*by_day)[d] <= AIC_REQUESTS_PER_DAY_MAX)) {
      free(*by_day);
      *by_day = NULL;
      return AIC_E_INVALID;
    }
  }
  return AIC_OK;
}

static void
result_clear(struct aic_plan_result *out)
{
  memset(out, 0, offsetof(struct aic_plan_result, projection));
  memset((char *)out + offsetof(struct aic_plan_result, n_pareto), 0,
         sizeof *out - offsetof(struct aic_plan_result, n_pareto));
  out->projected = false; /* between the two cleared ranges: aic_plan_release reads it */
  aic_diags_init(&out->projection.warnings);
  out->solve.budget_usd = AIC_NAN;
  out->solve.budget_requests_per_day = AIC_NAN;
  out->solve.owned_price_per_gpu_hour_usd = AIC_NAN;
  out->solve.owning_break_even_utilization = AIC_NAN;
}

int
aic_plan(const struct aic_catalogue *cat, const struct aic_plan_request *rq,
         struct aic_plan_result *out, struct aic_diags *errors)
{
  struct plan_ctx ctx;
  double *by_day = NULL;
  int rc;

  if (out == NULL)
    return AIC_E_INTERNAL;
  result_clear(out);
  if (cat == NULL || rq == NULL || errors == NULL)
    return AIC_E_INTERNAL;
  memset(&ctx, 0, sizeof ctx);
  ctx.cat = cat;
  ctx.rq = rq;
  ctx.out = out;
  ctx.horizon = rq->base.horizon_days;
  ctx.models = rq->models != NULL ? rq->models : &rq->base.model;
  ctx.n_models = rq->models != NULL ? rq->n_models : rq->base.has_model ? 1 : 0;
  ctx.slo_miss = AIC_INF;
  ctx.memory_miss = AIC_INF;
  ctx.constraint_miss = AIC_INF;
  if (!request_ok(&ctx, errors))
    return AIC_E_INVALID;
  ctx.ttft_limit = aic_has(rq->ttft_ms) ? rq->ttft_ms : AIC_INF;
  ctx.tpot_limit = aic_has(rq->tpot_ms) ? rq->tpot_ms : AIC_INF;
  if (aic_has(rq->min_tokens_per_second_per_user) &&
      1e3 / rq->min_tokens_per_second_per_user < ctx.tpot_limit)
    ctx.tpot_limit = 1e3 / rq->min_tokens_per_second_per_user;
  out->decoded_tokens = ctx.decoded;
  out->slo_ttft_ms = ctx.ttft_limit;
  out->slo_tpot_ms = ctx.tpot_limit;
  out->horizon_days = (int)ctx.horizon;
  out->target_utilization = ctx.util;
  rc = traffic_days(&ctx, &by_day);
  if (rc == AIC_E_INVALID)
    aic_diag_add(errors, "/traffic/monthly_growth",
                 "traffic grows past 1e12 requests a day "
                 "within the horizon: lower the growth or set max_requests_per_day");
  if (rc != AIC_OK)
    return rc;
  ctx.by_day = by_day;
  rc = aic_plan_search(&ctx, errors);
  if (rc == AIC_OK)
    rc = aic_plan_answer(&ctx, errors);
  free(by_day);
  free(ctx.cand);
  return rc;
}

void
aic_plan_release(struct aic_plan_result *out)
{
  if (out == NULL)
    return;
  if (out->projected)
    aic_projection_release(&out->projection);
  out->projected = false;
  free(out->alternatives);
  out->alternatives = NULL;
  out->n_alternatives = 0;
}
