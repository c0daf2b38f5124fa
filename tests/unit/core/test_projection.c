/* The horizon: traffic growth, crossover, break-even, series, edge cases,
 * overflow, and comparisons. */
#include "fixture.h"

#include <string.h>

static void
lump(struct aic_scenario *sc, double usd)
{
  sc->training.present = true;
  sc->training.cost_usd = usd;
}

/* Constant traffic crosses over on day ceil(training / daily): $1,000,000 at
 * $25,000 a day on day 40 exactly, $1,010,000 on day 41; the total and the
 * fully loaded cost per request follow by hand. */
static void
constant_traffic_crossover(void **state)
{
  static const struct {
    double training;
    int day;
  } rows[] = {
    { 1e6, 40 },    /* lands exactly: cumulative >= training counts */
    { 1.01e6, 41 }, /* 40.4 days: the next day */
    { 25000, 1 },   /* paid back on the first day */
    { 1e7, 0 },     /* 400 days: not within 365 */
  };
  struct env *e = *state;
  size_t i;

  e->sc.traffic.requests_per_day = 5e6;
  for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
    lump(&e->sc, rows[i].training);
    assert_int_equal(env_run(e), AIC_OK);
    assert_int_equal(e->pj.crossover_day, rows[i].day);
    assert_exact(e->pj.inference_usd, 25000.0 * 365);
    assert_exact(e->pj.total_usd, rows[i].training + 25000.0 * 365);
    assert_exact(e->pj.requests_total, 5e6 * 365);
    assert_rel(e->pj.fully_loaded_cost_per_request_usd,
               (rows[i].training + 25000.0 * 365) / (5e6 * 365), 1e-15);
    assert_rel(e->pj.inference_share, 25000.0 * 365 / (rows[i].training + 25000.0 * 365), 1e-15);
    assert_exact(e->pj.cumulative_total_by_day[0], rows[i].training);
    assert_exact(e->pj.cumulative_total_by_day[365], e->pj.total_usd);
  }
}

/* Growth, closed form: requests(d) = r·q^(d−1) with q = (1+g)^(12/365), so
 * the horizon's requests are r·(q^H − 1)/(q − 1) (geometric series) and day
 * 366 carries exactly twelve months of growth, r·(1+g)^12. */
static void
growth_closed_form(void **state)
{
  struct env *e = *state;
  double r = 1000, g = 0.05, q = pow(1 + g, 12.0 / 365), sum;

  e->sc.traffic.monthly_growth = g;
  e->sc.horizon_days = 366;
  e->sc.granularity = AIC_GRAN_DAY;
  assert_int_equal(env_run(e), AIC_OK);
  sum = r * (pow(q, 366) - 1) / (q - 1);
  assert_rel(e->pj.requests_total, sum, 1e-12);
  assert_rel(e->pj.inference_usd, 0.005 * sum, 1e-12);
  assert_rel(e->pj.series[365].requests_per_day, r * pow(1.05, 12), 1e-12);
  assert_exact(e->pj.series[0].requests_per_day, 1000);
  assert_exact(e->pj.daily_usd, 5); /* day 1 has no growth yet */
  assert_exact(e->pj.annual_usd, 1825);
}

/* A ceiling caps growth: doubling monthly from 1,000 reaches 4,000 after two
 * months, (d − 1)·12/365 >= 2, i.e. on day 62, and stays there. */
static void
growth_capped_by_ceiling(void **state)
{
  struct env *e = *state;
  double months61 = 60.0 * 12 / 365;

  e->sc.traffic.monthly_growth = 1;
  e->sc.traffic.max_requests_per_day = 4000;
  e->sc.granularity = AIC_GRAN_DAY;
  assert_int_equal(env_run(e), AIC_OK);
  assert_rel(e->pj.series[60].requests_per_day, 1000 * pow(2, months61), 1e-12);
  assert_true(e->pj.series[60].requests_per_day < 4000);
  assert_exact(e->pj.series[61].requests_per_day, 4000);
  assert_exact(e->pj.series[364].requests_per_day, 4000);
}

/* Shrinking traffic (negative growth) is allowed and falls each day. */
static void
negative_growth(void **state)
{
  struct env *e = *state;

  e->sc.traffic.monthly_growth = -0.5;
  e->sc.granularity = AIC_GRAN_DAY;
  assert_int_equal(env_run(e), AIC_OK);
  assert_rel(e->pj.series[60].requests_per_day, 1000 * pow(0.5, 60.0 * 12 / 365), 1e-12);
  assert_rel(e->pj.series[364].requests_per_day, 1000 * pow(0.5, 364.0 * 12 / 365), 1e-12);
  assert_true(e->pj.series[364].requests_per_day < e->pj.series[363].requests_per_day);
}

/* Zero traffic: nothing served, no crossover, no per-request figure. */
static void
zero_traffic(void **state)
{
  struct env *e = *state;

  lump(&e->sc, 1000);
  e->sc.traffic.requests_per_day = 0;
  assert_int_equal(env_run(e), AIC_OK);
  assert_exact(e->pj.inference_usd, 0);
  assert_exact(e->pj.total_usd, 1000);
  assert_exact(e->pj.inference_share, 0);
  assert_int_equal(e->pj.crossover_day, 0);
  assert_true(isnan(e->pj.fully_loaded_cost_per_request_usd));
  assert_rel(e->pj.break_even_requests_per_day, 1000 / (365 * 0.005), 1e-15);
}

/* Zero training: no crossover and no break-even (nothing to pay back);
 * inference is the whole cost. */
static void
zero_training(void **state)
{
  struct env *e = *state;

  assert_int_equal(env_run(e), AIC_OK);
  assert_exact(e->pj.training_total_usd, 0);
  assert_int_equal(e->pj.crossover_day, 0);
  assert_true(isnan(e->pj.break_even_requests_per_day));
  assert_exact(e->pj.inference_share, 1);
  assert_exact(e->pj.fully_loaded_cost_per_request_usd, 0.005);
}

/* Nothing at all: zero traffic and zero training leave the share undefined. */
static void
nothing_at_all(void **state)
{
  struct env *e = *state;

  e->sc.traffic.requests_per_day = 0;
  assert_int_equal(env_run(e), AIC_OK);
  assert_exact(e->pj.total_usd, 0);
  assert_true(isnan(e->pj.inference_share));
}

/* Break-even (linear cost): training / (horizon x cost per request); at
 * 1.0001 x that traffic crossover lands on the last day, at 0.9999 x never. */
static void
break_even_linear(void **state)
{
  struct env *e = *state;
  double be = 1e6 / (365 * 0.005);

  lump(&e->sc, 1e6);
  assert_int_equal(env_run(e), AIC_OK);
  assert_rel(e->pj.break_even_requests_per_day, be, 1e-15);
  e->sc.traffic.requests_per_day = be * 1.0001;
  assert_int_equal(env_run(e), AIC_OK);
  assert_int_equal(e->pj.crossover_day, 365);
  e->sc.traffic.requests_per_day = be * 0.9999;
  assert_int_equal(env_run(e), AIC_OK);
  assert_int_equal(e->pj.crossover_day, 0);
}

/* Break-even (self-hosted): the fleet is a step function, so break-even is
 * the traffic above which enough replicas are provisioned. Just above it
 * crossover lands within the horizon, just below it does not. */
static void
break_even_self_hosted(void **state)
{
  struct env *e = *state;
  double be, cap;

  fixture_model(&e->sc, &e->cat, "test-model");
  fixture_serving_gpu(&e->sc, &e->cat, "test-gpu");
  e->sc.traffic.input_tokens = 1000;
  e->sc.traffic.output_tokens = 1000;
  lump(&e->sc, 100000); /* one replica costs $17,520 over 365 days: 6 replicas */
  assert_int_equal(env_run(e), AIC_OK);
  cap = e->pj.sh.requests_per_second_per_replica;
  be = e->pj.break_even_requests_per_day;
  assert_rel(be, 5 * cap * 86400 / 2, 1e-12);
  e->sc.traffic.requests_per_day = be * 1.001;
  assert_int_equal(env_run(e), AIC_OK);
  assert_exact(e->pj.sh.replicas, 6);
  assert_true(e->pj.crossover_day > 0);
  e->sc.traffic.requests_per_day = be * 0.999;
  assert_int_equal(env_run(e), AIC_OK);
  assert_exact(e->pj.sh.replicas, 5);
  assert_int_equal(e->pj.crossover_day, 0);
  /* A fixed fleet's bill does not depend on traffic: no break-even. */
  e->sc.inference.self_hosted.gpus = 4;
  assert_int_equal(env_run(e), AIC_OK);
  assert_true(isnan(e->pj.break_even_requests_per_day));
}

/* Month periods end at round(k·365/12): 30, 61, 91, ... 365; their sums add
 * up to the horizon's inference; training is carried on every point. */
static void
month_series(void **state)
{
  static const int ends[12] = { 30, 61, 91, 122, 152, 183, 213, 243, 274, 304, 335, 365 };
  struct env *e = *state;
  double sum = 0;
  int prev = 0;
  size_t i;

  lump(&e->sc, 100);
  assert_int_equal(env_run(e), AIC_OK);
  assert_int_equal(e->pj.n_series, 12);
  for (i = 0; i < 12; i++) {
    const struct aic_series_point *p = &e->pj.series[i];

    assert_int_equal(p->day, ends[i]);
    assert_int_equal(p->days, ends[i] - prev);
    assert_exact(p->period_inference_usd, 5.0 * p->days);
    assert_exact(p->cumulative_inference_usd, 5.0 * ends[i]);
    assert_exact(p->training_usd, 100);
    assert_exact(p->cumulative_total_usd, 100 + 5.0 * ends[i]);
    assert_exact(p->daily_inference_usd, 5);
    sum += p->period_inference_usd;
    prev = ends[i];
  }
  assert_exact(sum, e->pj.inference_usd);
}

/* Weeks end every 7 days and the last, short period ends at the horizon. */
static void
week_series(void **state)
{
  struct env *e = *state;

  e->sc.granularity = AIC_GRAN_WEEK;
  assert_int_equal(env_run(e), AIC_OK);
  assert_int_equal(e->pj.n_series, 53);
  assert_int_equal(e->pj.series[51].day, 364);
  assert_int_equal(e->pj.series[52].day, 365);
  assert_int_equal(e->pj.series[52].days, 1);
}

/* Horizon 1: one point of one day; horizon 40 by month: 30 then 10 days. */
static void
short_horizons(void **state)
{
  struct env *e = *state;

  e->sc.horizon_days = 1;
  assert_int_equal(env_run(e), AIC_OK);
  assert_int_equal(e->pj.n_series, 1);
  assert_int_equal(e->pj.series[0].day, 1);
  assert_int_equal(e->pj.series[0].days, 1);
  assert_exact(e->pj.inference_usd, 5);
  assert_exact(e->pj.cumulative_total_by_day[1], 5);
  e->sc.horizon_days = 40;
  assert_int_equal(env_run(e), AIC_OK);
  assert_int_equal(e->pj.n_series, 2);
  assert_int_equal(e->pj.series[1].day, 40);
  assert_int_equal(e->pj.series[1].days, 10);
}

/* Horizon 3,650 by month: 120 periods, the last ending on day 3,650. */
static void
ten_year_horizon(void **state)
{
  struct env *e = *state;

  e->sc.horizon_days = 3650;
  e->sc.traffic.monthly_growth = 0.02;
  assert_int_equal(env_run(e), AIC_OK);
  assert_int_equal(e->pj.n_series, 120);
  assert_int_equal(e->pj.series[119].day, 3650);
  assert_true(isfinite(e->pj.total_usd));
}

/* Growth that carries traffic past 1e12 a day is an error naming the
 * growth, never an absurd number: 1e12/day growing 10x a month passes the
 * bound on day 2 (the hostile case, horizon 3,650). */
static void
growth_past_bound_names_growth(void **state)
{
  struct env *e = *state;

  e->sc.horizon_days = 3650;
  e->sc.traffic.requests_per_day = 1e12;
  e->sc.traffic.monthly_growth = 10;
  assert_int_equal(env_run(e), AIC_E_INVALID);
  assert_diag(&e->err, "/traffic/monthly_growth",
              "grows past 1e12 requests a day (the most aicost projects) on day 2");
  assert_null(e->pj.series);
  assert_null(e->pj.cumulative_total_by_day);
  /* With a ceiling at the bound the same growth is harmless. */
  e->sc.traffic.max_requests_per_day = 1e12;
  assert_int_equal(env_run(e), AIC_OK);
  assert_exact(e->pj.series[119].requests_per_day, 1e12);
}

/* Arithmetic that overflows a double is an error naming the cause, never
 * inf out: 1e12 requests at $1e300 each overflows on day 1. (The scenario reader
 * bounds the price; the core must not rely on it.) */
static void
overflow_names_traffic(void **state)
{
  struct env *e = *state;

  e->sc.traffic.requests_per_day = 1e12;
  e->sc.inference.cost_per_request_usd = 1e300;
  assert_int_equal(env_run(e), AIC_E_INVALID);
  assert_diag(&e->err, "/traffic/requests_per_day", "overflows on day 1");
}

/* A running sum that overflows names its day even when every day is
 * finite: $1e308 a day is finite, two of them are not, so day 2. */
static void
overflow_of_the_sum_names_its_day(void **state)
{
  struct env *e = *state;

  e->sc.traffic.requests_per_day = 1;
  e->sc.inference.cost_per_request_usd = 1e308;
  assert_int_equal(env_run(e), AIC_E_INVALID);
  assert_diag(&e->err, "/traffic/requests_per_day", "overflows on day 2");
  assert_null(e->pj.series);
}

/* The first problem in day order is the one reported: with growth, a sum
 * that overflows on day 2 ($1e299 x 1e9 requests is $1e308 a day) is named,
 * not the traffic that would pass 1e12 a day around day 92. */
static void
first_problem_by_day_with_growth(void **state)
{
  struct env *e = *state;

  e->sc.traffic.requests_per_day = 1e9;
  e->sc.traffic.monthly_growth = 9;
  e->sc.inference.cost_per_request_usd = 1e299;
  assert_int_equal(env_run(e), AIC_E_INVALID);
  assert_int_equal(e->err.n, 1);
  assert_diag(&e->err, "/traffic/monthly_growth", "overflows on day 2");
}

/* Out-of-range scenario fields are rejected, all at once. */
static void
scenario_ranges(void **state)
{
  struct env *e = *state;

  e->sc.horizon_days = 3651;
  e->sc.traffic.requests_per_day = XNAN;
  e->sc.traffic.monthly_growth = -1;
  e->sc.traffic.peak_to_average = 0.5;
  e->sc.traffic.output_tokens = -3;
  assert_int_equal(env_run(e), AIC_E_INVALID);
  assert_diag(&e->err, "/horizon_days", "[1, 3650]");
  assert_diag(&e->err, "/traffic/requests_per_day", "required");
  assert_diag(&e->err, "/traffic/monthly_growth", "> -1");
  assert_diag(&e->err, "/traffic/peak_to_average", ">= 1");
  assert_diag(&e->err, "/traffic/output_tokens", ">= 0");
  e->sc.horizon_days = 0;
  assert_int_equal(env_run(e), AIC_E_INVALID);
  assert_diag(&e->err, "/horizon_days", "[1, 3650]");
}

/* The same scenario gives the same numbers, bit for bit. */
static void
deterministic(void **state)
{
  struct env *e = *state;
  struct aic_projection again;
  int d;

  e->sc.traffic.monthly_growth = 0.07;
  lump(&e->sc, 12345);
  assert_int_equal(env_run(e), AIC_OK);
  assert_int_equal(aic_project(&e->cat, &e->sc, &again, NULL), AIC_OK);
  for (d = 0; d <= 365; d++)
    assert_memory_equal(&again.cumulative_total_by_day[d], &e->pj.cumulative_total_by_day[d],
                        sizeof(double));
  aic_projection_release(&again);
  aic_projection_release(&again); /* releasing twice is safe */
}

/* Comparison, hand-computed over 365 days:
 *   0: no training, $10/day      -> 3,650
 *   1: $1,000 + $2/day           -> 1,730
 *   2: $2,000 + $0/day           -> 2,000
 *   3: same as 0                 -> 3,650 (ties keep input order)
 * Ranking [1, 2, 0, 3]. Overtakes: 1 drops below 0 and 3 when 1000 + 2d <
 * 10d, day 126; 2 below 0 and 3 when 2000 < 10d, day 201; 2 never below 1
 * (day 501); 0 and 3 start below, so never listed; 0 vs 3 never drops. */
static void
comparison_hand_computed(void **state)
{
  struct env *e = *state;
  struct aic_scenario sc[4];
  struct aic_comparison cmp;
  static const struct aic_overtake want[] = {
    { 1, 0, 126 },
    { 1, 3, 126 },
    { 2, 0, 201 },
    { 2, 3, 201 },
  };
  size_t i;

  for (i = 0; i < 4; i++) {
    fixture_scenario(&sc[i], &e->cat);
    sc[i].horizon_days = 30; /* overridden by the comparison's horizon */
  }
  sc[0].inference.cost_per_request_usd = 0.01;
  lump(&sc[1], 1000);
  sc[1].inference.cost_per_request_usd = 0.002;
  lump(&sc[2], 2000);
  sc[2].inference.cost_per_request_usd = 0;
  sc[3] = sc[0];
  assert_int_equal(aic_compare(&e->cat, sc, 4, 365, &cmp, &e->err), AIC_OK);
  assert_int_equal(cmp.horizon_days, 365);
  assert_int_equal(cmp.n, 4);
  assert_exact(cmp.projections[0].total_usd, 3650);
  assert_exact(cmp.projections[1].total_usd, 1730);
  assert_int_equal(cmp.projections[2].horizon_days, 365);
  assert_int_equal(cmp.rank[0], 1);
  assert_int_equal(cmp.rank[1], 2);
  assert_int_equal(cmp.rank[2], 0);
  assert_int_equal(cmp.rank[3], 3);
  assert_int_equal(cmp.n_overtakes, 4);
  for (i = 0; i < 4; i++) {
    assert_int_equal(cmp.overtakes[i].option, want[i].option);
    assert_int_equal(cmp.overtakes[i].other, want[i].other);
    assert_int_equal(cmp.overtakes[i].day, want[i].day);
  }
  aic_comparison_release(&cmp);
  aic_comparison_release(&cmp);
}

/* Errors inside a scenario carry its index; counts and horizon are checked. */
static void
comparison_errors(void **state)
{
  struct env *e = *state;
  struct aic_scenario sc[2];
  struct aic_comparison cmp;

  fixture_scenario(&sc[0], &e->cat);
  fixture_scenario(&sc[1], &e->cat);
  sc[1].traffic.requests_per_day = -5;
  assert_int_equal(aic_compare(&e->cat, sc, 2, 365, &cmp, &e->err), AIC_E_INVALID);
  assert_diag(&e->err, "/scenarios/1/traffic/requests_per_day", ">= 0");
  assert_null(cmp.projections);
  memset(&e->err, 0, sizeof e->err);
  assert_int_equal(aic_compare(&e->cat, sc, 1, 365, &cmp, &e->err), AIC_E_INVALID);
  assert_diag(&e->err, "/scenarios", "2 to 16");
  memset(&e->err, 0, sizeof e->err);
  assert_int_equal(aic_compare(&e->cat, sc, 2, 0, &cmp, &e->err), AIC_E_INVALID);
  assert_diag(&e->err, "/horizon_days", "[1, 3650]");
}

/* The budget gauge's day by hand: $1,000,000 of training and $25,000 a day
 * (5e6 requests) total $1,000,000 + 25,000 d on day d, so a budget of
 * $1,500,000 is passed on day 21 (1,525,000), not on day 20, which lands on
 * it exactly; a budget under the training is passed on day 0; none, or one
 * above the 365-day total, is never passed. */
static void
budget_exhausted_by_hand(void **state)
{
  static const struct {
    double budget;
    int day;
  } rows[] = {
    { 1.5e6, 21 },               /* exceeds, not reaches: day 20 equals it */
    { 5e5, 0 },                  /* the training alone passes it */
    { 1e6 + 25000.0 * 365, -1 }, /* the horizon total equals it: lasts */
    { (double)NAN, -1 },         /* no budget */
  };
  struct env *e = *state;

  e->sc.traffic.requests_per_day = 5e6;
  lump(&e->sc, 1e6);
  assert_int_equal(env_run(e), AIC_OK);
  for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
    assert_int_equal(aic_budget_exhausted_day(&e->pj, rows[i].budget), rows[i].day);
}

int
main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, env_setup, env_teardown)
  const struct CMUnitTest tests[] = {
    T(constant_traffic_crossover),
    T(growth_closed_form),
    T(growth_capped_by_ceiling),
    T(negative_growth),
    T(zero_traffic),
    T(zero_training),
    T(nothing_at_all),
    T(break_even_linear),
    T(break_even_self_hosted),
    T(month_series),
    T(week_series),
    T(short_horizons),
    T(ten_year_horizon),
    T(growth_past_bound_names_growth),
    T(overflow_names_traffic),
    T(overflow_of_the_sum_names_its_day),
    T(first_problem_by_day_with_growth),
    T(scenario_ranges),
    T(deterministic),
    T(comparison_hand_computed),
    T(comparison_errors),
    T(budget_exhausted_by_hand),
  };

  return cmocka_run_group_tests(tests, NULL, NULL);
}
