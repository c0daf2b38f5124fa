/* The uncertainty bands (src/core/bands.c): deterministic, ordered, around
 * the point value, as wide as the inputs' spreads, and naming the inputs
 * that move the total. Formulas: docs/cost-model.md, "Uncertainty bands". */
#include <stdlib.h>
#include <string.h>

#include "fixture.h"

/* Pretraining at the MFU prior on offer-gpu (four providers, no provider
 * named: the median rule), served by a self-hosted fleet on the same GPU
 * with 3 % monthly growth for two years: every uncertain input but the
 * growth range. */
static void
uncertain_plan(struct env *e)
{
  struct aic_stage *s = &e->sc.training.stages[AIC_STAGE_PRETRAINING];

  fixture_model(&e->sc, &e->cat, "test-model");
  fixture_training_gpu(&e->sc, &e->cat, "offer-gpu");
  e->sc.training.gpu_count = 64;
  s->present = true;
  s->tokens = 1e11;
  fixture_serving_gpu(&e->sc, &e->cat, "offer-gpu");
  e->sc.inference.self_hosted.gpu.interconnect_gb_s = XNAN; /* the default's */
  e->sc.horizon_days = 730;
  e->sc.granularity = AIC_GRAN_DAY;
  e->sc.traffic.requests_per_day = 1e6;
  e->sc.traffic.monthly_growth = 0.03;
  e->sc.traffic.input_tokens = 1000;
  e->sc.traffic.output_tokens = 500;
}

static int
bands(struct env *e)
{
  int r = env_run(e);

  return r == AIC_OK ? aic_project_bands(&e->cat, &e->sc, &e->pj, &e->err) : r;
}

static void
assert_ordered(const struct aic_band *b, const char *what)
{
  if (!(b->p10 <= b->p50 && b->p50 <= b->p90))
    fail_msg("%s: p10 %.17g, p50 %.17g, p90 %.17g out of order", what, b->p10, b->p50, b->p90);
}

static void
assert_inside(const struct aic_band *b, double point, const char *what)
{
  if (!(b->p10 <= point && point <= b->p90))
    fail_msg("%s: point %.17g outside [%.17g, %.17g]", what, point, b->p10, b->p90);
}

/* The same scenario twice gives the same bands, bit for bit: the sampling
 * has a fixed seed and reads no clock. */
static void
deterministic(void **state)
{
  struct env *e = *state;
  struct aic_bands first;
  double p10[730], p90[730];

  uncertain_plan(e);
  assert_int_equal(bands(e), AIC_OK);
  first = *e->pj.bands;
  memcpy(p10, first.cumulative_inference_p10_usd, sizeof p10);
  memcpy(p90, first.cumulative_inference_p90_usd, sizeof p90);
  assert_int_equal(bands(e), AIC_OK);
  first.cumulative_inference_p10_usd = e->pj.bands->cumulative_inference_p10_usd;
  first.cumulative_inference_p90_usd = e->pj.bands->cumulative_inference_p90_usd;
  assert_memory_equal(&first, e->pj.bands, sizeof first);
  assert_memory_equal(p10, e->pj.bands->cumulative_inference_p10_usd, sizeof p10);
  assert_memory_equal(p90, e->pj.bands->cumulative_inference_p90_usd, sizeof p90);
}

/* p10 <= p50 <= p90 for every figure, the point value inside each band,
 * and the point values themselves untouched by the bands. */
static void
ordered_around_the_point(void **state)
{
  struct env *e = *state;
  const struct aic_bands *b;
  double total;

  uncertain_plan(e);
  assert_int_equal(env_run(e), AIC_OK);
  total = e->pj.total_usd;
  assert_int_equal(aic_project_bands(&e->cat, &e->sc, &e->pj, &e->err), AIC_OK);
  b = e->pj.bands;
  assert_exact(e->pj.total_usd, total);
  assert_int_equal(b->samples, AIC_BANDS_SAMPLES);
  assert_int_equal(b->inputs, (1u << AIC_U_TRAINING_MFU) | (1u << AIC_U_TRAINING_PRICE) |
                                (1u << AIC_U_SERVING_SPEED) | (1u << AIC_U_SERVING_PRICE));
  assert_ordered(&b->training_total_usd, "training");
  assert_ordered(&b->stages[0].gpu_hours, "gpu_hours");
  assert_ordered(&b->stages[0].days, "days");
  assert_ordered(&b->daily_usd, "daily");
  assert_ordered(&b->inference_usd, "inference");
  assert_ordered(&b->total_usd, "total");
  assert_ordered(&b->fully_loaded_cost_per_request_usd, "fully loaded");
  assert_ordered(&b->break_even_requests_per_day, "break-even");
  assert_inside(&b->training_total_usd, e->pj.training_total_usd, "training");
  assert_inside(&b->stages[0].gpu_hours, e->pj.stages[0].gpu_hours, "gpu_hours");
  assert_inside(&b->daily_usd, e->pj.daily_usd, "daily");
  assert_inside(&b->inference_usd, e->pj.inference_usd, "inference");
  assert_inside(&b->total_usd, e->pj.total_usd, "total");
  assert_inside(&b->fully_loaded_cost_per_request_usd, e->pj.fully_loaded_cost_per_request_usd,
                "fully loaded");
  for (size_t k = 0; k < b->n_series; k += 73)
    assert_inside(&(struct aic_band){ b->cumulative_inference_p10_usd[k], 0,
                                      b->cumulative_inference_p90_usd[k] },
                  e->pj.series[k].cumulative_inference_usd, "cumulative inference");
}

/* MFU alone: GPU-hours are FLOPs / MFU, so the hours' p10 and p90 are the
 * point / the p90 factor and / the p10 factor (1.3 and 0.75 in the
 * fixture), to the hypercube's stratification: the 64 strata's midpoints
 * read by Hazen's rule give the factor's own percentiles within 1 %. */
static void
mfu_spread_maps_onto_hours(void **state)
{
  struct env *e = *state;
  struct aic_stage *s = &e->sc.training.stages[AIC_STAGE_PRETRAINING];
  double h;

  fixture_model(&e->sc, &e->cat, "test-model");
  fixture_training_gpu(&e->sc, &e->cat, "test-gpu");
  e->sc.training.gpu_count = 8;
  s->present = true;
  s->tokens = 1e10;
  assert_int_equal(bands(e), AIC_OK);
  h = e->pj.stages[0].gpu_hours;
  assert_int_equal(e->pj.bands->inputs, 1u << AIC_U_TRAINING_MFU);
  assert_rel(e->pj.bands->stages[0].gpu_hours.p10, h / 1.3, 0.01);
  assert_rel(e->pj.bands->stages[0].gpu_hours.p90, h / 0.75, 0.01);
  assert_rel(e->pj.bands->stages[0].gpu_hours.p50, h, 0.01);
  assert_rel(e->pj.bands->stages[0].days.p90, h / 0.75 / 8 / 24, 0.01);
  /* a given MFU has no model spread: nothing is uncertain */
  e->sc.training.mfu = 0.4;
  assert_int_equal(bands(e), AIC_OK);
  assert_int_equal(e->pj.bands->inputs, 0);
  assert_int_equal(e->pj.bands->samples, 0);
  assert_exact(e->pj.bands->stages[0].gpu_hours.p10, e->pj.stages[0].gpu_hours);
  assert_exact(e->pj.bands->stages[0].gpu_hours.p90, e->pj.stages[0].gpu_hours);
  assert_int_equal(e->pj.bands->n_drivers, 0);
}

/* The shared-traffic path (bands_known.c: runs of days with the same
 * replicas) against aic_project's day walk: with only the serving price
 * moved, the replicas do not change, so the driver's totals are the
 * point's training plus its inference x price / the point's price. */
static void
known_traffic_matches_the_walk(void **state)
{
  struct env *e = *state;
  const struct aic_bands *b;
  double price;

  uncertain_plan(e);
  assert_int_equal(bands(e), AIC_OK);
  b = e->pj.bands;
  price = e->pj.sh.price_per_gpu_hour_usd;
  for (size_t i = 0; i < b->n_drivers; i++) {
    const struct aic_driver *d = &b->drivers[i];

    if (d->input != AIC_U_SERVING_PRICE)
      continue;
    assert_rel(d->total_at_low_usd, e->pj.training_total_usd + e->pj.inference_usd * d->low / price,
               1e-9);
    assert_rel(d->total_at_high_usd,
               e->pj.training_total_usd + e->pj.inference_usd * d->high / price, 1e-9);
    return;
  }
  fail_msg("no serving_gpu_price driver");
}

/* A growth range widens the band of inference, and its point value is the
 * range's midpoint: [0.02, 0.08] projects as 0.05. (The serving provider
 * is named, so that the price's spread does not hide the growth's.) */
static void
growth_range_widens(void **state)
{
  struct env *e = *state;
  double one_rate, lo, hi, mid_total;

  uncertain_plan(e);
  e->sc.inference.self_hosted.provider = "a";
  e->sc.traffic.monthly_growth = 0.05;
  assert_int_equal(bands(e), AIC_OK);
  one_rate = e->pj.bands->inference_usd.p90 - e->pj.bands->inference_usd.p10;
  mid_total = e->pj.total_usd;
  e->sc.traffic.monthly_growth = XNAN;
  e->sc.traffic.monthly_growth_range[0] = 0.02;
  e->sc.traffic.monthly_growth_range[1] = 0.08;
  assert_int_equal(bands(e), AIC_OK);
  assert_exact(e->pj.total_usd, mid_total);
  lo = e->pj.bands->inference_usd.p10;
  hi = e->pj.bands->inference_usd.p90;
  assert_true(hi - lo > 1.5 * one_rate);
  assert_true(e->pj.bands->inputs & (1u << AIC_U_MONTHLY_GROWTH));
  /* over two years the growth moves the total most */
  assert_true(e->pj.bands->n_drivers >= 2);
  assert_int_equal(e->pj.bands->drivers[0].input, AIC_U_MONTHLY_GROWTH);
  assert_rel(e->pj.bands->drivers[0].low, 0.026, 1e-12);
  assert_rel(e->pj.bands->drivers[0].high, 0.074, 1e-12);
  assert_true(e->pj.bands->drivers[0].swing_usd >= e->pj.bands->drivers[1].swing_usd);
}

/* The drivers' swings are the total with one input at its p10 and p90:
 * the price of offer-gpu over its four providers' cheapest on-demand
 * offers (1.5, 2, 3, 4: Hazen's p10 1.5, p90 4) for a training-only plan
 * priced by the hour: total = hours x price. */
static void
price_driver_by_hand(void **state)
{
  struct env *e = *state;
  struct aic_stage *s = &e->sc.training.stages[AIC_STAGE_PRETRAINING];
  const struct aic_driver *d;
  double h;

  fixture_model(&e->sc, &e->cat, "test-model");
  fixture_training_gpu(&e->sc, &e->cat, "offer-gpu");
  e->sc.training.mfu = 0.4;
  s->present = true;
  s->tokens = 1e10;
  assert_int_equal(bands(e), AIC_OK);
  h = e->pj.stages[0].gpu_hours;
  assert_int_equal(e->pj.bands->inputs, 1u << AIC_U_TRAINING_PRICE);
  assert_int_equal(e->pj.bands->n_drivers, 1);
  d = &e->pj.bands->drivers[0];
  assert_int_equal(d->input, AIC_U_TRAINING_PRICE);
  assert_rel(d->low, 1.5, 1e-12);
  assert_rel(d->high, 4, 1e-12);
  assert_rel(d->total_at_low_usd, h * 1.5 + e->pj.inference_usd, 1e-9);
  assert_rel(d->swing_usd, h * 2.5, 1e-9);
  assert_string_equal(aic_uncertain_pointer(d->input), "/training/price_per_gpu_hour_usd");
  /* a named provider's price is known: no spread */
  e->sc.training.provider = "a";
  assert_int_equal(bands(e), AIC_OK);
  assert_int_equal(e->pj.bands->inputs, 0);
}

/* The crossover's band: a constant day's cost reaches a training bill
 * spread by the MFU factor; days after the horizon are none (NAN). */
static void
crossover_band(void **state)
{
  struct env *e = *state;
  struct aic_stage *s = &e->sc.training.stages[AIC_STAGE_PRETRAINING];

  fixture_model(&e->sc, &e->cat, "test-model");
  fixture_training_gpu(&e->sc, &e->cat, "test-gpu");
  s->present = true;
  s->tokens = 1e11;
  e->sc.traffic.requests_per_day = 1e4;
  assert_int_equal(bands(e), AIC_OK);
  assert_true(e->pj.crossover_day > 0);
  assert_ordered(&e->pj.bands->crossover_day, "crossover");
  assert_inside(&e->pj.bands->crossover_day, e->pj.crossover_day, "crossover");
  e->sc.horizon_days = e->pj.crossover_day; /* the slow samples cross after it */
  assert_int_equal(bands(e), AIC_OK);
  assert_true(isnan(e->pj.bands->crossover_day.p90));
  assert_true(e->pj.bands->crossover_day.p10 <= e->pj.crossover_day);
}

/* A range whose high end grows traffic past 1e12 a day is refused, naming
 * the range. */
static void
growth_range_too_high(void **state)
{
  struct env *e = *state;

  e->sc.horizon_days = 730;
  e->sc.traffic.requests_per_day = 1e6;
  e->sc.traffic.monthly_growth_range[0] = 0;
  e->sc.traffic.monthly_growth_range[1] = 1;
  assert_int_equal(env_run(e), AIC_OK); /* the midpoint, 50 %, stays below the bound */
  assert_int_equal(aic_project_bands(&e->cat, &e->sc, &e->pj, &e->err), AIC_E_INVALID);
  assert_diag(&e->err, "/traffic/monthly_growth", "high end of its range");
  assert_null(e->pj.bands);
}

/* The normal quantile: its known values (Acklam's approximation is good
 * to about 1e-9). */
static void
normal_quantile(void **state)
{
  (void)state;
  assert_rel(aic_normal_quantile(0.9), 1.2815515655446004, 1e-8);
  assert_rel(aic_normal_quantile(0.1), -1.2815515655446004, 1e-8);
  assert_rel(aic_normal_quantile(0.975), 1.959963984540054, 1e-8);
  assert_rel(aic_normal_quantile(0.001), -3.090232306167813, 1e-8);
  assert_exact(aic_normal_quantile(0.5), 0);
}

int
main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test_setup_teardown(deterministic, env_setup, env_teardown),
    cmocka_unit_test_setup_teardown(ordered_around_the_point, env_setup, env_teardown),
    cmocka_unit_test_setup_teardown(mfu_spread_maps_onto_hours, env_setup, env_teardown),
    cmocka_unit_test_setup_teardown(known_traffic_matches_the_walk, env_setup, env_teardown),
    cmocka_unit_test_setup_teardown(growth_range_widens, env_setup, env_teardown),
    cmocka_unit_test_setup_teardown(price_driver_by_hand, env_setup, env_teardown),
    cmocka_unit_test_setup_teardown(crossover_band, env_setup, env_teardown),
    cmocka_unit_test_setup_teardown(growth_range_too_high, env_setup, env_teardown),
    cmocka_unit_test(normal_quantile),
  };

  return cmocka_run_group_tests(tests, NULL, NULL);
}
