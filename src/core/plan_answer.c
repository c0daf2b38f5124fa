/* The planner's answer (docs/planner.md, "The answer"): the cheapest
 * feasible configuration projected in full by aic_project (so its numbers
 * are a scenario's, to the bit), the Pareto set of mean daily cost against
 * latency, each API alternative with its break-even traffic, the inverse
 * questions, and the nearest miss when nothing is feasible. */
#include "plan_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int
aic_plan_best_scenario(const struct aic_plan_request *rq, const struct aic_plan_result *plan,
                       struct aic_scenario *sc)
{
  const struct aic_plan_config *c = &plan->best;
  struct aic_self_hosted *s = &sc->inference.self_hosted;
  struct aic_scenario blank;

  if (!plan->feasible || c->m == NULL || c->gpu == NULL)
    return AIC_E_INVALID;
  *sc = rq->base;
  aic_scenario_init(&blank);
  sc->inference = blank.inference;
  sc->has_model = true;
  sc->model = *c->m;
  sc->model_inline = c->m->id == NULL;
  sc->inference.kind = AIC_INF_SELF_HOSTED;
  s->has_gpu = true;
  s->gpu = *c->gpu;
  s->gpu_inline = false;
  s->has_precision = true;
  s->precision = c->precision;
  s->max_batch = c->batch;
  s->gpus_per_replica = c->gpus_per_replica;
  s->target_utilization = plan->target_utilization;
  s->pricing = c->pricing;
  if (c->price.basis == AIC_BASIS_OFFER) {
    s->provider = c->price.offer.provider;
    s->region = c->price.offer.region;
  }
  return AIC_OK;
}

static void
api_scenario(const struct plan_ctx *ctx, const struct aic_api_price *api, struct aic_scenario *sc)
{
  struct aic_scenario blank;

  *sc = ctx->rq->base;
  aic_scenario_init(&blank);
  sc->inference = blank.inference;
  sc->training = blank.training; /* the API's cost alone */
  sc->inference.kind = AIC_INF_API;
  sc->inference.api = *api;
}

/* The traffic at which the best plan and a price per request cost the
 * same on a day (docs/planner.md, "Break-even"): a replica costs C a day
 * and carries K requests a day, the API a per request; self-hosting costs
 * ceil(R / K) x C, so it first costs no more at R = C / a, which lies on
 * the first replica's step exactly when a x K >= C; else never. */
static void
break_even(const struct aic_plan_config *best, struct aic_plan_alternative *a)
{
  double replica_day = best->gpus_per_replica * 24.0 * best->price.price_per_gpu_hour_usd;
  double k = best->requests_per_day_per_replica, per = a->cost_per_request_usd;

  a->compared = true;
  a->break_even_requests_per_day = AIC_NAN;
  a->direction = AIC_SELF_HOSTING_NEVER;
  if (!(per > 0) || !(per * k >= replica_day))
    return;
  a->break_even_requests_per_day = replica_day / per;
  a->direction = AIC_SELF_HOSTING_ABOVE;
}

static int
alternative(const struct plan_ctx *ctx, const struct aic_api_price *api,
            const struct aic_plan_config *best, struct aic_plan_alternative *a)
{
  struct aic_scenario sc;
  struct aic_diags errors;
  int rc;

  memset(a, 0, sizeof *a);
  a->id = api->id;
  a->cost_per_request_usd = AIC_NAN;
  a->daily_usd = AIC_NAN;
  a->horizon_usd = AIC_NAN;
  a->break_even_requests_per_day = AIC_NAN;
  api_scenario(ctx, api, &sc);
  aic_diags_init(&errors);
  {
    struct aic_projection *pj = malloc(sizeof *pj);

    if (pj == NULL)
      return AIC_E_NOMEM;
    rc = aic_project(ctx->cat, &sc, pj, &errors);
    if (rc == AIC_OK) {
      a->priced = true;
      a->cost_per_request_usd = pj->cost_per_request_usd;
      a->daily_usd = pj->daily_usd;
      a->horizon_usd = pj->inference_usd;
    } else if (rc > 0) {
      snprintf(a->problem, sizeof a->problem, "%s", errors.n ? errors.v[0].detail : "not priced");
    }
    aic_projection_release(pj);
    free(pj);
  }
  if (rc < 0)
    return rc;
  if (best != NULL && a->priced)
    break_even(best, a);
  return AIC_OK;
}

static int
alternatives(const struct plan_ctx *ctx, const struct aic_plan_config *best)
{
  const struct aic_plan_request *rq = ctx->rq;
  const struct aic_api_price *apis = rq->alternatives_all ? ctx->cat->api_prices : rq->apis;
  size_t n = rq->alternatives_all ? ctx->cat->n_api_prices : rq->n_apis;
  struct aic_plan_result *out = ctx->out;

  if (n == 0)
    return AIC_OK;
  out->alternatives = calloc(n, sizeof *out->alternatives);
  if (out->alternatives == NULL)
    return AIC_E_NOMEM;
  for (size_t i = 0; i < n; i++) {
    int rc = alternative(ctx, &apis[i], best, &out->alternatives[i]);

    if (rc != AIC_OK)
      return rc;
    out->n_alternatives++;
  }
  return AIC_OK;
}

static int
by_order(const void *a, const void *b)
{
  return aic_plan_config_cmp(*(const struct aic_plan_config *const *)a,
                             *(const struct aic_plan_config *const *)b);
}

/* Sorted by cost (ties: faster first, then the knobs), a configuration is
 * on the front when it is faster than every cheaper one. More than
 * AIC_PLAN_PARETO_MAX: evenly spaced ones, the cheapest and the fastest
 * kept. */
static int
pareto(const struct plan_ctx *ctx)
{
  struct aic_plan_result *out = ctx->out;
  const struct aic_plan_config **v, **front;
  size_t n = 0, m = 0;
  double fastest = AIC_INF;

  v = malloc((ctx->n_cand ? ctx->n_cand : 1) * 2 * sizeof *v);
  if (v == NULL)
    return AIC_E_NOMEM;
  front = v + (ctx->n_cand ? ctx->n_cand : 1);
  for (size_t i = 0; i < ctx->n_cand; i++)
    if (ctx->cand[i].meets_constraints)
      v[n++] = &ctx->cand[i].c;
  qsort(v, n, sizeof *v, by_order);
  for (size_t i = 0; i < n; i++) {
    if (v[i]->latency_ms < fastest) {
      front[m++] = v[i];
      fastest = v[i]->latency_ms;
    }
  }
  if (m <= AIC_PLAN_PARETO_MAX) {
    for (size_t i = 0; i < m; i++)
      out->pareto[i] = *front[i];
    out->n_pareto = m;
  } else {
    for (size_t i = 0; i < AIC_PLAN_PARETO_MAX; i++)
      out->pareto[i] =
        *front[(i * (m - 1) + (AIC_PLAN_PARETO_MAX - 1) / 2) / (AIC_PLAN_PARETO_MAX - 1)];
    out->n_pareto = AIC_PLAN_PARETO_MAX;
  }
  free(v);
  return AIC_OK;
}

/* The largest traffic a daily budget buys: over every shape meeting the
 * SLO, floor(budget / a replica's day) replicas (within max_gpus_total),
 * each carrying its requests a day. */
static void
solve_budget(const struct plan_ctx *ctx)
{
  const struct aic_plan_request *rq = ctx->rq;
  struct aic_plan_solve *s = &ctx->out->solve;
  double budget = aic_has(rq->solve_max_daily_usd) ? rq->solve_max_daily_usd : rq->max_daily_usd;

  s->budget_usd = budget;
  if (!aic_has(budget))
    return;
  for (size_t i = 0; i < ctx->n_cand; i++) {
    const struct aic_plan_config *c = &ctx->cand[i].c;
    double replica_day = c->gpus_per_replica * 24.0 * c->price.price_per_gpu_hour_usd;
    double n = replica_day > 0 ? floor(budget / replica_day) : AIC_INF;
    double r;

    if (aic_has(rq->max_gpus_total) && n * c->gpus_per_replica > rq->max_gpus_total)
      n = floor(rq->max_gpus_total / c->gpus_per_replica);
    r = n * c->requests_per_day_per_replica;
    if (!(n >= 1) || !isfinite(r))
      continue;
    if (!s->has_budget_config || r > s->budget_requests_per_day ||
        (r == s->budget_requests_per_day && aic_plan_config_cmp(c, &s->budget_config) < 0)) {
      s->budget_requests_per_day = r;
      s->budget_config = *c;
      s->has_budget_config = true;
    }
  }
}

/* Owning the best plan's GPU (the catalogue's amortised price and energy)
 * beats renting its offer for the hours it is busy when the busy share u
 * gives u x rented >= owned: u = owned / rented. */
static void
solve_owning(const struct plan_ctx *ctx, const struct aic_plan_config *best)
{
  struct aic_plan_solve *s = &ctx->out->solve;
  struct aic_price_ask ask = { .pricing = AIC_PRICING_OWNED, .override_usd = AIC_NAN };
  struct aic_price_choice owned;
  struct aic_diags scratch;

  aic_diags_init(&scratch);
  if (best->pricing == AIC_PRICING_OWNED ||
      !aic_gpu_hourly_price(ctx->cat, best->gpu, false, &ask, "", &owned, &scratch))
    return;
  s->owned_price_per_gpu_hour_usd = owned.price_per_gpu_hour_usd;
  if (best->price.price_per_gpu_hour_usd > 0)
    s->owning_break_even_utilization = owned.price_per_gpu_hour_usd /
                                       best->price.price_per_gpu_hour_usd;
}

static void
infeasible(const struct plan_ctx *ctx)
{
  char *t = ctx->out->infeasible;
  size_t cap = sizeof ctx->out->infeasible;

  if (isfinite(ctx->constraint_miss)) {
    snprintf(t, cap, "%s", ctx->constraint_text);
    ctx->out->infeasible_at = ctx->constraint_at;
  } else if (isfinite(ctx->slo_miss)) {
    snprintf(t, cap, "%s", ctx->slo_text);
    ctx->out->infeasible_at = ctx->slo_at;
  } else if (isfinite(ctx->memory_miss)) {
    snprintf(t, cap, "%s", ctx->memory_text);
    ctx->out->infeasible_at = ctx->memory_at;
  } else {
    snprintf(t, cap, "no configuration could be priced under the constraints");
    ctx->out->infeasible_at = "/constraints";
  }
}

int
aic_plan_answer(struct plan_ctx *ctx, struct aic_diags *errors)
{
  struct aic_plan_result *out = ctx->out;
  const struct aic_plan_config *best = NULL;
  int rc;

  for (size_t i = 0; i < ctx->n_cand; i++)
    if (ctx->cand[i].meets_constraints &&
        (best == NULL || aic_plan_config_cmp(&ctx->cand[i].c, best) < 0))
      best = &ctx->cand[i].c;
  solve_budget(ctx);
  if (best == NULL) {
    infeasible(ctx);
  } else {
    struct aic_scenario sc;

    out->feasible = true;
    out->best = *best;
    if (aic_plan_best_scenario(ctx->rq, out, &sc) != AIC_OK)
      return AIC_E_INTERNAL; /* a candidate always names its model and GPU */
    rc = aic_project(ctx->cat, &sc, &out->projection, errors);
    if (rc == AIC_OK && ctx->rq->bands)
      rc = aic_project_bands(ctx->cat, &sc, &out->projection, errors);
    /* the request's training (or a growth range's high end, for the
     * bands) can still be wrong: its problems are the request's */
    if (rc != AIC_OK) {
      aic_projection_release(&out->projection);
      return rc;
    }
    out->projected = true;
    solve_owning(ctx, best);
    rc = pareto(ctx);
    if (rc != AIC_OK)
      return rc;
  }
  rc = alternatives(ctx, best);
  if (rc == AIC_OK && ctx->rq->has_solve_api) {
    out->solve.has_api = true;
    rc = alternative(ctx, &ctx->rq->solve_api, best, &out->solve.api);
  }
  return rc;
}
