/* The planner (issue 15) on the fixture catalogue: its best plan against
 * an exhaustive brute force over the same space (a slow path that tries
 * every batch and every offer in every region), its projection against the
 * SLO, and the answers when nothing fits. */
#include <stdio.h>
#include <string.h>

#include "aicost/plan.h"
#include "fixture.h"

struct penv {
  struct aic_catalogue cat;
  struct aic_plan_request rq;
  struct aic_plan_result res;
  struct aic_diags err;
  bool planned;
};

static int
penv_setup(void **state)
{
  struct penv *e = test_calloc(1, sizeof *e);

  fixture_catalogue(&e->cat);
  aic_plan_request_init(&e->rq);
  aic_diags_init(&e->err);
  e->rq.base.traffic.requests_per_day = 1e6;
  e->rq.base.traffic.input_tokens = 1000;
  e->rq.base.traffic.output_tokens = 200;
  *state = e;
  return 0;
}

static int
penv_teardown(void **state)
{
  struct penv *e = *state;

  if (e->planned)
    aic_plan_release(&e->res);
  test_free(e);
  return 0;
}

static void
model(struct penv *e, const char *id)
{
  const struct aic_model *m = aic_catalogue_model(&e->cat, id);

  assert_non_null(m);
  e->rq.base.has_model = true;
  e->rq.base.model = *m;
}

static int
run(struct penv *e)
{
  if (e->planned)
    aic_plan_release(&e->res);
  aic_diags_reset(&e->err);
  e->planned = true;
  return aic_plan(&e->cat, &e->rq, &e->res, &e->err);
}

/* ---- the slow path: every point of the space, no pruning, no bisection ---- */

static double
requests_on(const struct aic_plan_request *rq, int d)
{
  const struct aic_traffic *t = &rq->base.traffic;
  double g = aic_has(t->monthly_growth) ? t->monthly_growth : 0;
  double r = t->requests_per_day * (g != 0 ? pow(1 + g, (d - 1) * 12.0 / 365.0) : 1);

  return aic_has(t->max_requests_per_day) && t->max_requests_per_day < r ? t->max_requests_per_day
                                                                         : r;
}

static double
ceil_tolerant(double x)
{
  double k = ceil(x);

  return k >= 1 && k - 1 >= x * (1.0 - 1e-12) ? k - 1 : k;
}

struct brute {
  bool found;
  double horizon_usd;
};

static bool
kind_allowed(unsigned bits, enum aic_pricing p)
{
  return ((bits ? bits : 1u << AIC_PRICING_ON_DEMAND) >> p) & 1u;
}

/* Every price of g the request allows, each region on its own. */
static size_t
all_prices(const struct aic_catalogue *cat, const struct aic_plan_request *rq,
           const struct aic_gpu *g, double *out)
{
  size_t n = 0;

  for (size_t i = 0; i < g->n_offers; i++)
    if (kind_allowed(rq->pricing, (enum aic_pricing)g->offers[i].kind))
      out[n++] = g->offers[i].price_per_gpu_hour_usd;
  if (g->n_offers == 0 && kind_allowed(rq->pricing, AIC_PRICING_ON_DEMAND) &&
      aic_has(g->price_on_demand_usd))
    out[n++] = g->price_on_demand_usd;
  if (g->n_offers == 0 && kind_allowed(rq->pricing, AIC_PRICING_RESERVED_1Y) &&
      aic_has(g->price_reserved_usd))
    out[n++] = g->price_reserved_usd;
  if (kind_allowed(rq->pricing, AIC_PRICING_OWNED) && aic_has(g->purchase_usd))
    out[n++] = g->purchase_usd / (cat->defaults.amortisation_years * 8766.0) +
               g->power_w / 1000.0 * cat->defaults.pue * cat->defaults.electricity_usd_per_kwh;
  return n;
}

static void
brute_force(const struct aic_catalogue *cat, const struct aic_plan_request *rq, struct brute *b)
{
  static const enum aic_precision precs[] = { AIC_BF16, AIC_FP8, AIC_INT8, AIC_INT4, AIC_FP4 };
  const struct aic_model *m = &rq->base.model;
  double util = cat->defaults.target_utilization, p2a = cat->defaults.peak_to_average;
  double decoded = rq->base.traffic.output_tokens;
  int horizon = rq->base.horizon_days;

  b->found = false;
  for (size_t gi = 0; gi < cat->n_gpus; gi++) {
    const struct aic_gpu *g = &cat->gpus[gi];
    double prices[32];
    size_t n_prices = all_prices(cat, rq, g, prices);

    for (size_t pi = 0; pi < sizeof precs / sizeof precs[0]; pi++) {
      struct aic_serving_settings set = { precs[pi], AIC_BF16, XNAN, XNAN };

      if (!(g->peak_tflops[aic_compute_precision(g, precs[pi])] > 0))
        continue;
      for (double w = 1; w <= rq->max_gpus_per_replica; w *= 2) {
        struct aic_replica r;
        double fit;

        aic_replica_resolve(cat, m, g, &set, w, rq->base.traffic.input_tokens, decoded, &r);
        fit = aic_replica_max_batch(&r);
        for (double batch = 1; batch <= fit; batch++) {
          struct aic_plan_perf p;
          double days = 0, peak = 0;

          aic_plan_perform(&r, batch, util, &p);
          if (!(p.ttft_ms <= rq->ttft_ms && p.tpot_ms <= rq->tpot_ms))
            continue;
          for (int d = 1; d <= horizon; d++) {
            double n = ceil_tolerant(requests_on(rq, d) * p2a / 86400.0 / p.capacity_rps);

            days += n;
            peak = n > peak ? n : peak;
          }
          for (size_t k = 0; k < n_prices; k++) {
            double cost = days * w * 24.0 * prices[k];

            if (aic_has(rq->max_gpus_total) && peak * w > rq->max_gpus_total)
              continue;
            if (!b->found || cost < b->horizon_usd) {
              b->found = true;
              b->horizon_usd = cost;
            }
          }
        }
      }
    }
  }
}

/* For pseudo-random requests over the fixture's GPUs (offers in several
 * regions, listed prices, owned), the search's best costs exactly what the
 * brute force's cheapest does, it is found exactly when the brute force
 * finds one, and its own projection meets the SLO at the planned batch. */
static void
best_is_exhaustive_minimum(void **state)
{
  struct penv *e = *state;
  static const char *const ids[] = { "test-model", "test-moe", "llama-2-70b" };
  static const unsigned pricings[] = {
    0,
    (1u << AIC_PRICING_SPOT) | (1u << AIC_PRICING_RESERVED_1Y),
    (1u << AIC_PRICING_ON_DEMAND) | (1u << AIC_PRICING_OWNED),
  };
  unsigned long seed = 12345;
  int feasible = 0, infeasible = 0;

  for (int i = 0; i < 24; i++) {
    struct brute b;
    double u;

#define NEXT()                                                                                     \
  (seed = seed * 6364136223846793005ul + 1442695040888963407ul,                                    \
   (double)(seed >> 11) / 9007199254740992.0)
    aic_plan_request_init(&e->rq);
    model(e, ids[i % 3]);
    u = NEXT();
    e->rq.base.traffic.requests_per_day = pow(10, 3 + 5 * NEXT());
    e->rq.base.traffic.input_tokens = 1500 + floor(2500 * u);
    e->rq.base.traffic.output_tokens = 100 + floor(400 * NEXT());
    e->rq.base.traffic.monthly_growth = i % 2 ? 0.05 : XNAN;
    e->rq.base.horizon_days = 30 + (int)(200 * NEXT());
    e->rq.ttft_ms = 100 + 3000 * NEXT();
    e->rq.tpot_ms = 5 + 60 * NEXT();
    e->rq.pricing = pricings[i % 3];
    e->rq.max_gpus_per_replica = i % 4 == 3 ? 1 : 2;
    e->rq.max_gpus_total = i % 5 == 4 ? 40 : XNAN;
#undef NEXT
    if (run(e) != AIC_OK)
      fail_msg("request %d: %s %s", i, e->err.n ? e->err.v[0].pointer : "",
               e->err.n ? e->err.v[0].detail : "");
    brute_force(&e->cat, &e->rq, &b);
    if (b.found != e->res.feasible)
      fail_msg("request %d: brute force %s, planner %s (%s)", i, b.found ? "found" : "none",
               e->res.feasible ? "found" : "none", e->res.infeasible);
    if (!b.found) {
      assert_true(e->res.infeasible[0] != '\0');
      infeasible++;
      continue;
    }
    feasible++;
    assert_rel(e->res.best.horizon_usd, b.horizon_usd, 1e-12);
    /* the chosen configuration's own projection meets the SLO */
    assert_true(e->res.projected);
    assert_true(e->res.projection.sh.ttft_ms <= e->rq.ttft_ms);
    assert_true(e->res.projection.sh.tpot_ms <= e->rq.tpot_ms);
    assert_exact(e->res.projection.sh.max_batch, e->res.best.batch);
    assert_exact(e->res.projection.daily_usd, e->res.best.daily_usd);
    assert_rel(e->res.projection.inference_usd, e->res.best.horizon_usd, 1e-9);
    /* the best is the cheapest point of the front */
    assert_true(e->res.n_pareto >= 1 && e->res.n_pareto <= AIC_PLAN_PARETO_MAX);
    assert_exact(e->res.pareto[0].horizon_usd, e->res.best.horizon_usd);
  }
  /* the random requests cover both answers */
  assert_true(feasible >= 5);
  assert_true(infeasible >= 1);
}

/* The same request twice gives the same choice (ties broken by the knobs). */
static void
deterministic(void **state)
{
  struct penv *e = *state;
  struct aic_plan_config first;

  model(e, "test-model");
  e->rq.ttft_ms = 2000;
  e->rq.tpot_ms = 50;
  assert_int_equal(run(e), AIC_OK);
  assert_true(e->res.feasible);
  first = e->res.best;
  assert_int_equal(run(e), AIC_OK);
  assert_memory_equal(&first, &e->res.best, sizeof first);
  /* the front falls in cost as latency rises (and has a second point, or
   * the loop below checks nothing) */
  assert_true(e->res.n_pareto >= 2);
  for (size_t i = 1; i < e->res.n_pareto; i++) {
    assert_true(e->res.pareto[i].mean_daily_usd >= e->res.pareto[i - 1].mean_daily_usd);
    assert_true(e->res.pareto[i].latency_ms < e->res.pareto[i - 1].latency_ms);
  }
}

/* A TPOT no GPU reaches: infeasible, the nearest miss named with its
 * figure, every configuration counted as rejected by slo_tpot or memory. */
static void
nearest_miss(void **state)
{
  struct penv *e = *state;

  model(e, "llama-2-70b");
  e->rq.tpot_ms = 0.5;
  assert_int_equal(run(e), AIC_OK);
  assert_false(e->res.feasible);
  assert_non_null(strstr(e->res.infeasible, "TPOT"));
  assert_non_null(strstr(e->res.infeasible, "the SLO asks 0.5"));
  assert_true(e->res.rejected[AIC_REJECT_SLO_TPOT] > 0);
  assert_int_equal(e->res.rejected[AIC_REJECT_SLO_TTFT], 0);
  assert_int_equal(e->res.rejected[AIC_REJECT_SLO_TPOT] + e->res.rejected[AIC_REJECT_MEMORY],
                   e->res.searched.configurations);
}

/* GPT-3 at bf16 on one 80 GB GPU: weights 350 GB cannot fit; the miss
 * names the memory. */
static void
memory_miss(void **state)
{
  struct penv *e = *state;

  model(e, "gpt-3-175b");
  e->rq.tpot_ms = 100;
  e->rq.max_gpus_per_replica = 1;
  e->rq.precisions = 1u << AIC_BF16;
  assert_int_equal(run(e), AIC_OK);
  assert_false(e->res.feasible);
  assert_non_null(strstr(e->res.infeasible, "GiB"));
  assert_int_equal(e->res.rejected[AIC_REJECT_MEMORY], e->res.searched.configurations);
}

/* A budget below the cheapest plan: rejected by constraint, the miss says
 * what the cheapest costs; the inverse question answers what it buys. */
static void
budget(void **state)
{
  struct penv *e = *state;
  double per_day;

  model(e, "test-model");
  e->rq.tpot_ms = 50;
  e->rq.base.traffic.requests_per_day = 1e8;
  assert_int_equal(run(e), AIC_OK);
  assert_true(e->res.feasible);
  assert_true(e->res.best.replicas > 2);
  per_day = e->res.best.peak_daily_usd;
  e->rq.max_daily_usd = per_day / 2;
  assert_int_equal(run(e), AIC_OK);
  assert_false(e->res.feasible);
  assert_non_null(strstr(e->res.infeasible, "max_daily_usd"));
  assert_true(e->res.rejected[AIC_REJECT_CONSTRAINT] > 0);
  assert_true(e->res.solve.budget_requests_per_day > 0);
  assert_true(e->res.solve.budget_requests_per_day < e->rq.base.traffic.requests_per_day);
}

/* Against an API: self-hosting wins above C / a when a replica's day
 * costs no more than the API's price for the requests it carries. */
static void
break_even_against_api(void **state)
{
  struct penv *e = *state;
  const struct aic_plan_alternative *a;
  double replica_day;

  model(e, "test-model");
  e->rq.tpot_ms = 50;
  e->rq.apis = (struct aic_api_price *)aic_catalogue_api_price(&e->cat, "test/vendor");
  e->rq.n_apis = 1;
  assert_int_equal(run(e), AIC_OK);
  assert_true(e->res.feasible);
  assert_int_equal(e->res.n_alternatives, 1);
  a = &e->res.alternatives[0];
  assert_true(a->priced);
  /* $3 / Mtok x 1000 + $15 / Mtok x 200 = $0.006 a request */
  assert_rel(a->cost_per_request_usd, 0.006, 1e-12);
  replica_day = e->res.best.gpus_per_replica * 24 * e->res.best.price.price_per_gpu_hour_usd;
  assert_int_equal(a->direction, AIC_SELF_HOSTING_ABOVE);
  assert_rel(a->break_even_requests_per_day, replica_day / 0.006, 1e-12);
  assert_true(a->break_even_requests_per_day <= e->res.best.requests_per_day_per_replica);
}

/* Providers that sell none of the allowed GPUs: a 422 naming them. */
static void
constraints_empty_the_space(void **state)
{
  struct penv *e = *state;
  static const char *providers[] = { "nobody" };
  struct aic_gpu g = *aic_catalogue_gpu(&e->cat, "offer-gpu");

  model(e, "test-model");
  e->rq.tpot_ms = 50;
  e->rq.gpus = &g;
  e->rq.n_gpus = 1;
  e->rq.providers = providers;
  e->rq.n_providers = 1;
  assert_int_equal(run(e), AIC_E_INVALID);
  assert_diag(&e->err, "/constraints/providers", "nothing is left");
  e->rq.n_providers = 0;
  e->rq.pricing = 1u << AIC_PRICING_CAPACITY_BLOCK;
  assert_int_equal(run(e), AIC_E_INVALID);
  assert_diag(&e->err, "/constraints/pricing", "nothing is left");
}

/* Bad numbers the reader would stop are errors here too, never NaN. */
static void
bad_input(void **state)
{
  struct penv *e = *state;

  model(e, "opaque-model");
  e->rq.ttft_ms = -1;
  e->rq.base.traffic.requests_per_day = 0;
  assert_int_equal(run(e), AIC_E_INVALID);
  assert_diag(&e->err, "/slo/ttft_ms", "> 0");
  assert_diag(&e->err, "/traffic/requests_per_day", "> 0");
  assert_diag(&e->err, "/model", "needs params_b");
}

int
main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test_setup_teardown(best_is_exhaustive_minimum, penv_setup, penv_teardown),
    cmocka_unit_test_setup_teardown(deterministic, penv_setup, penv_teardown),
    cmocka_unit_test_setup_teardown(nearest_miss, penv_setup, penv_teardown),
    cmocka_unit_test_setup_teardown(memory_miss, penv_setup, penv_teardown),
    cmocka_unit_test_setup_teardown(budget, penv_setup, penv_teardown),
    cmocka_unit_test_setup_teardown(break_even_against_api, penv_setup, penv_teardown),
    cmocka_unit_test_setup_teardown(constraints_empty_the_space, penv_setup, penv_teardown),
    cmocka_unit_test_setup_teardown(bad_input, penv_setup, penv_teardown),
  };

  return cmocka_run_group_tests(tests, NULL, NULL);
}
