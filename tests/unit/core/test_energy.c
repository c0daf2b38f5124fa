/* Energy and emissions (src/core/energy.c, docs/cost-model.md "Energy and
 * emissions") on the fixture catalogue's round figures: draw 0.75 training
 * and 0.5 serving, server overhead 2, PUE 1.25; sites "clean" (PUE 1.2,
 * 20 g/kWh) and "grid-a" (provider a's region east: PUE 1.1, 100 g/kWh). */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "aicost/bands.h"
#include "fixture.h"

/* 1,000 measured GPU-hours of pretraining on test-gpu (700 W). */
static void
measured(struct env *e, const char *gpu)
{
  fixture_training_gpu(&e->sc, &e->cat, gpu);
  e->sc.training.gpu_count = 8;
  e->sc.training.price_per_gpu_hour_usd = 2;
  e->sc.training.stages[AIC_STAGE_PRETRAINING].present = true;
  e->sc.training.stages[AIC_STAGE_PRETRAINING].gpu_hours = 1000;
}

/* A fixed fleet of 2 test-gpus: 2 x 24 h a day whatever the traffic. */
static void
fleet(struct env *e)
{
  fixture_model(&e->sc, &e->cat, "test-model");
  fixture_serving_gpu(&e->sc, &e->cat, "test-gpu");
  e->sc.inference.self_hosted.gpus = 2;
  e->sc.inference.self_hosted.price_per_gpu_hour_usd = 1;
  e->sc.traffic.input_tokens = 500;
  e->sc.traffic.output_tokens = 500;
}

static const struct aic_site *
site(const struct env *e, const char *id)
{
  const struct aic_site *s = aic_catalogue_site(&e->cat, id);

  assert_non_null(s);
  return s;
}

/* By hand: 0.7 kW x 0.75 x 2 x 1.25 = 1.3125 kWh per GPU-hour; 1,000 h =
 * 1,312.5 kWh; at the fixture's 400 g/kWh, 0.525 t. */
static void
training_by_hand(void **state)
{
  struct env *e = *state;
  const struct aic_energy_result *en = &e->pj.energy;

  measured(e, "test-gpu");
  assert_int_equal(env_run(e), AIC_OK);
  assert_true(en->training.known);
  assert_rel(en->training.kwh_per_gpu_hour, 1.3125, 1e-15);
  assert_rel(en->training_kwh, 1312.5, 1e-15);
  assert_rel(en->training_tco2e, 0.525, 1e-15);
  assert_int_equal(en->n_stages, 1);
  assert_int_equal(en->stages[0].stage, AIC_STAGE_PRETRAINING);
  assert_rel(en->stages[0].kwh, 1312.5, 1e-15);
  assert_int_equal(en->training.site_basis, AIC_SITE_NONE);
  assert_exact(en->training.pue, 1.25); /* defaults.pue without a site */
  assert_int_equal(e->pj.warnings.n, 0);
}

/* The must-hold: no site and no intensity give energy but null (NAN)
 * emissions, never 0, and a warning naming the inputs that would give
 * them. */
static void
no_site_no_emissions(void **state)
{
  struct env *e = *state;
  const struct aic_energy_result *en = &e->pj.energy;

  measured(e, "test-gpu");
  e->sc.training.energy.gco2e_per_kwh = XNAN;
  assert_int_equal(env_run(e), AIC_OK);
  assert_rel(en->training_kwh, 1312.5, 1e-15);
  assert_true(isnan(en->training_tco2e));
  assert_true(isnan(en->stages[0].tco2e));
  assert_true(isnan(en->total_tco2e));
  assert_diag(&e->pj.warnings, "/training/site", "emissions are null");
  assert_diag(&e->pj.warnings, "/training/site", "training/gco2e_per_kwh");
  assert_string_equal(e->pj.warnings.v[0].code, "emissions_unknown");
}

/* A scenario's site sets PUE and intensity; its own pue and intensity win
 * over the site's. */
static void
site_and_overrides(void **state)
{
  struct env *e = *state;
  struct aic_energy_ask *ask = &e->sc.training.energy;
  const struct aic_energy_result *en = &e->pj.energy;

  measured(e, "test-gpu");
  ask->gco2e_per_kwh = XNAN;
  ask->has_site = true;
  ask->site = *site(e, "clean");
  assert_int_equal(env_run(e), AIC_OK);
  /* 0.7 x 0.75 x 2 x 1.2 = 1.26 kWh/GPU-h; 1,260 kWh x 20 g = 0.0252 t */
  assert_rel(en->training_kwh, 1260, 1e-15);
  assert_rel(en->training_tco2e, 0.0252, 1e-14);
  assert_int_equal(en->training.site_basis, AIC_SITE_SCENARIO);
  assert_string_equal(en->training.site, "clean");
  ask->pue = 1;
  ask->gco2e_per_kwh = 500;
  ask->draw_fraction = 1;
  ask->server_overhead = 1;
  assert_int_equal(env_run(e), AIC_OK);
  /* board power x hours (the model cards' method): 700 kWh, 0.35 t */
  assert_rel(en->training_kwh, 700, 1e-15);
  assert_rel(en->training_tco2e, 0.35, 1e-15);
}

/* Without a site, the priced offer's provider region gives one: offer-gpu's
 * median offer is provider a's in "east", the catalogue's site grid-a. */
static void
offer_region_site(void **state)
{
  struct env *e = *state;
  const struct aic_energy_result *en = &e->pj.energy;

  measured(e, "offer-gpu");
  e->sc.training.price_per_gpu_hour_usd = XNAN;
  e->sc.training.energy.gco2e_per_kwh = XNAN;
  assert_int_equal(env_run(e), AIC_OK);
  assert_string_equal(e->pj.training_price.offer.provider, "a");
  assert_int_equal(en->training.site_basis, AIC_SITE_OFFER);
  assert_string_equal(en->training.site, "grid-a");
  assert_exact(en->training.pue, 1.1);
  assert_exact(en->training.gco2e_per_kwh, 100);
  /* 0.7 x 0.75 x 2 x 1.1 = 1.155 kWh/GPU-h x 1,000 h x 100 g = 0.1155 t */
  assert_rel(en->training_tco2e, 0.1155, 1e-14);
  assert_int_equal(e->pj.warnings.n, 0);
}

/* Serving: 2 GPUs x 24 h x (0.7 x 0.5 x 2 x 1.25 = 0.875 kWh) = 42 kWh a
 * day; 1,000 requests of 1,000 tokens: 42 Wh each, 42 kWh per million
 * tokens; 365 days: 15,330 kWh. With 1,312.5 kWh of training, serving
 * passes it on day ceil(1312.5 / 42) = 32, in energy and (one intensity)
 * in emissions. */
static void
serving_by_hand(void **state)
{
  struct env *e = *state;
  const struct aic_energy_result *en = &e->pj.energy;

  measured(e, "test-gpu");
  fleet(e);
  assert_int_equal(env_run(e), AIC_OK);
  assert_true(en->serving.known);
  assert_rel(en->kwh_per_day, 42, 1e-15);
  assert_rel(en->wh_per_request, 42, 1e-15);
  assert_rel(en->kwh_per_million_tokens, 42, 1e-15);
  assert_rel(en->tco2e_per_day, 0.0168, 1e-14);
  assert_rel(en->annual_kwh, 15330, 1e-15);
  assert_rel(en->horizon_kwh, 15330, 1e-12);
  assert_rel(en->total_kwh, 15330 + 1312.5, 1e-12);
  assert_int_equal(en->crossover_day_kwh, 32);
  assert_int_equal(en->crossover_day_tco2e, 32);
  /* the series: each point's day and the emissions through it */
  assert_rel(e->pj.series[0].daily_kwh, 42, 1e-15);
  assert_rel(e->pj.series[0].cumulative_tco2e, 0.525 + 30 * 0.0168, 1e-12);
}

/* A serving side without an intensity leaves the totals' emissions and
 * the series' cumulative tCO2e null, not training's alone. */
static void
serving_unknown_emissions(void **state)
{
  struct env *e = *state;
  const struct aic_energy_result *en = &e->pj.energy;

  measured(e, "test-gpu");
  fleet(e);
  e->sc.inference.self_hosted.energy.gco2e_per_kwh = XNAN;
  assert_int_equal(env_run(e), AIC_OK);
  assert_rel(en->kwh_per_day, 42, 1e-15);
  assert_true(isnan(en->tco2e_per_day));
  assert_true(isnan(en->total_tco2e));
  assert_true(isnan(e->pj.series[0].cumulative_tco2e));
  assert_int_equal(en->crossover_day_tco2e, 0);
  assert_diag(&e->pj.warnings, "/inference/self_hosted/site", "serving energy is given");
}

/* A carbon price is its own money line, outside total_usd. */
static void
carbon_line(void **state)
{
  struct env *e = *state;
  const struct aic_energy_result *en = &e->pj.energy;

  measured(e, "test-gpu");
  fleet(e);
  e->sc.carbon_price_usd_per_t = 100;
  assert_int_equal(env_run(e), AIC_OK);
  assert_rel(en->carbon_training_usd, 52.5, 1e-14);
  assert_rel(en->carbon_daily_usd, 1.68, 1e-14);
  assert_rel(en->carbon_total_usd, (0.525 + 365 * 0.0168) * 100, 1e-12);
  assert_rel(en->total_with_carbon_usd, e->pj.total_usd + en->carbon_total_usd, 1e-15);
  /* the dollars are those without a carbon price */
  assert_rel(e->pj.total_usd, 2000 + 365 * 48, 1e-15);
  e->sc.carbon_price_usd_per_t = XNAN;
  assert_int_equal(env_run(e), AIC_OK);
  assert_true(isnan(en->carbon_total_usd));
}

/* A GPU without power_w: no energy (never 0), a warning naming the key;
 * the projection itself goes on. A lump sum has no GPU-hours: unknown. */
static void
unknown_power_and_lump_sum(void **state)
{
  struct env *e = *state;
  const struct aic_energy_result *en = &e->pj.energy;

  measured(e, "test-gpu");
  e->sc.training.gpu_inline = true;
  e->sc.training.gpu.power_w = XNAN;
  assert_int_equal(env_run(e), AIC_OK);
  assert_false(en->training.known);
  assert_true(isnan(en->training_kwh));
  assert_diag(&e->pj.warnings, "/training/gpu/power_w", "power_w");
  assert_string_equal(e->pj.warnings.v[0].code, "energy_unknown");

  fixture_scenario(&e->sc, &e->cat);
  e->sc.training.present = true;
  e->sc.training.cost_usd = 1e6;
  assert_int_equal(env_run(e), AIC_OK);
  assert_false(en->training.known);
  assert_true(isnan(en->training_kwh));
  /* no training at all: a true zero */
  fixture_scenario(&e->sc, &e->cat);
  assert_int_equal(env_run(e), AIC_OK);
  assert_exact(en->training_kwh, 0);
}

/* Out of range, wherever it comes from, is an error at the member: PUE
 * below 1 or above 3, an intensity above 2,000 g/kWh, a draw fraction of 0
 * or above 1, an overhead below 1, a negative carbon price. */
static void
bad_inputs(void **state)
{
  struct env *e = *state;
  static const struct {
    const char *pointer;
    double pue, gco2e, draw, overhead, carbon;
    const char *part;
  } rows[] = {
    { "/training/pue", 0.9, 400, XNAN, XNAN, XNAN, "in [1, 3]" },
    { "/training/pue", 3.5, 400, XNAN, XNAN, XNAN, "in [1, 3]" },
    { "/training/gco2e_per_kwh", XNAN, 2500, XNAN, XNAN, XNAN, "2000" },
    { "/training/gco2e_per_kwh", XNAN, -1, XNAN, XNAN, XNAN, "2000" },
    { "/training/draw_fraction", XNAN, 400, 0, XNAN, XNAN, "(0, 1]" },
    { "/training/draw_fraction", XNAN, 400, 1.2, XNAN, XNAN, "(0, 1]" },
    { "/training/server_overhead", XNAN, 400, XNAN, 0.5, XNAN, "[1, 3]" },
    { "/carbon_price_usd_per_t", XNAN, 400, XNAN, XNAN, -1, "10000" },
  };

  for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
    fixture_scenario(&e->sc, &e->cat);
    measured(e, "test-gpu");
    e->sc.training.energy.pue = rows[i].pue;
    e->sc.training.energy.gco2e_per_kwh = rows[i].gco2e;
    e->sc.training.energy.draw_fraction = rows[i].draw;
    e->sc.training.energy.server_overhead = rows[i].overhead;
    e->sc.carbon_price_usd_per_t = rows[i].carbon;
    assert_int_equal(env_run(e), AIC_E_INVALID);
    if (!has_diag(&e->err, rows[i].pointer, rows[i].part))
      fail_msg("row %zu: no error at %s with '%s' (first: %s %s)", i, rows[i].pointer, rows[i].part,
               e->err.n > 0 ? e->err.v[0].pointer : "-", e->err.n > 0 ? e->err.v[0].detail : "-");
  }
}

/* Bands: training's kWh spread with its GPU-hours (the MFU prior's
 * spread) around the point value, and a total without an uncertain
 * serving input still spreads with training's. Measured hours carry no
 * spread: every band is the point value. */
static void
energy_bands(void **state)
{
  struct env *e = *state;
  const struct aic_energy_result *en = &e->pj.energy;
  struct aic_stage *s = &e->sc.training.stages[AIC_STAGE_PRETRAINING];
  const struct aic_bands *b;

  measured(e, "test-gpu");
  fleet(e);
  assert_int_equal(env_run(e), AIC_OK);
  assert_int_equal(aic_project_bands(&e->cat, &e->sc, &e->pj, &e->err), AIC_OK);
  b = e->pj.bands;
  assert_non_null(b);
  assert_rel(b->training_kwh.p10, en->training_kwh, 1e-11);
  assert_rel(b->training_kwh.p90, en->training_kwh, 1e-11);
  assert_rel(b->total_tco2e.p50, en->total_tco2e, 1e-11);

  fixture_model(&e->sc, &e->cat, "test-model");
  s->gpu_hours = XNAN;
  s->tokens = 1e9;
  assert_int_equal(env_run(e), AIC_OK);
  assert_int_equal(aic_project_bands(&e->cat, &e->sc, &e->pj, &e->err), AIC_OK);
  b = e->pj.bands;
  assert_true(b->training_kwh.p10 < en->training_kwh && en->training_kwh < b->training_kwh.p90);
  assert_true(b->total_kwh.p10 < en->total_kwh && en->total_kwh < b->total_kwh.p90);
  /* a fixed fleet's serving energy is known exactly */
  assert_rel(b->kwh_per_day.p10, 42, 1e-11);
  assert_rel(b->kwh_per_day.p90, 42, 1e-11);
}

/* The catalogue's documented ends of its energy defaults, at
 * config/catalogue.yaml's figures: draw 0.70-0.82 training, 0.20-1
 * serving, PUE 1.1-1.58 (the fixture's defaults, 0.75, 0.5 and 1.25, lie
 * between them). */
static void
with_ends(struct aic_catalogue *c, bool on)
{
  struct aic_defaults *df = &c->defaults;

  df->training_draw_fraction_low = on ? 0.70 : XNAN;
  df->training_draw_fraction_high = on ? 0.82 : XNAN;
  df->serving_draw_fraction_low = on ? 0.20 : XNAN;
  df->serving_draw_fraction_high = on ? 1.0 : XNAN;
  df->pue_low = on ? 1.1 : XNAN;
  df->pue_high = on ? 1.58 : XNAN;
}

/* Projects with and without the ends; *before gets the bands without them
 * (a byte copy; its arrays are the caller's to free). */
static void
bands_both_ways(struct env *e, struct aic_bands *before)
{
  with_ends(&e->cat, false);
  assert_int_equal(env_run(e), AIC_OK);
  assert_int_equal(aic_project_bands(&e->cat, &e->sc, &e->pj, &e->err), AIC_OK);
  memcpy(before, e->pj.bands, sizeof *before);
  e->pj.bands->cumulative_inference_p10_usd = NULL; /* now before's */
  e->pj.bands->cumulative_inference_p90_usd = NULL;
  with_ends(&e->cat, true);
  assert_int_equal(env_run(e), AIC_OK);
  assert_int_equal(aic_project_bands(&e->cat, &e->sc, &e->pj, &e->err), AIC_OK);
}

/* The must-hold of the energy inputs: they move no dollar. Every cost band,
 * the drivers and the chart's curves are the same bytes with and without
 * the ends; only the energy bands and energy_inputs may differ. */
static void
assert_same_cost_bands(const struct aic_bands *before, const struct aic_bands *after)
{
  struct aic_bands a, b;

  memcpy(&a, before, sizeof a);
  memcpy(&b, after, sizeof b);
  assert_int_equal(a.n_series, b.n_series);
  assert_memory_equal(a.cumulative_inference_p10_usd, b.cumulative_inference_p10_usd,
                      a.n_series * sizeof(double));
  assert_memory_equal(a.cumulative_inference_p90_usd, b.cumulative_inference_p90_usd,
                      a.n_series * sizeof(double));
  a.cumulative_inference_p10_usd = b.cumulative_inference_p10_usd = NULL;
  a.cumulative_inference_p90_usd = b.cumulative_inference_p90_usd = NULL;
  memset(&a.training_kwh, 0, 4 * sizeof a.training_kwh);
  memset(&b.training_kwh, 0, 4 * sizeof b.training_kwh);
  a.energy_inputs = b.energy_inputs = 0;
  assert_memory_equal(&a, &b, sizeof a);
}

static void
free_copy(struct aic_bands *b)
{
  free(b->cumulative_inference_p10_usd);
  free(b->cumulative_inference_p90_usd);
}

/* A default serving draw and PUE are sampled between their ends: the fixed
 * fleet's 42 kWh a day, a point before, becomes a band that holds it
 * strictly inside, within the ends' extremes (42 x 0.2/0.5 x 1.1/1.25 and
 * 42 x 1/0.5 x 1.58/1.25); nothing else being uncertain, the cost bands
 * stay point values (samples 0). */
static void
energy_defaults_widen_the_bands(void **state)
{
  struct env *e = *state;
  struct aic_bands before;
  const struct aic_bands *b;

  measured(e, "test-gpu");
  fleet(e);
  bands_both_ways(e, &before);
  b = e->pj.bands;
  assert_exact(before.kwh_per_day.p10, 42);
  assert_exact(before.kwh_per_day.p90, 42);
  assert_int_equal(b->energy_inputs, (1u << AIC_U_TRAINING_DRAW) | (1u << AIC_U_SERVING_DRAW) |
                                       (1u << AIC_U_TRAINING_PUE) | (1u << AIC_U_SERVING_PUE));
  assert_int_equal(b->inputs, 0);
  assert_int_equal(b->samples, 0);
  assert_true(b->kwh_per_day.p10 < 42 && 42 < b->kwh_per_day.p90);
  assert_true(b->kwh_per_day.p10 > 42 * 0.2 / 0.5 * 1.1 / 1.25);
  assert_true(b->kwh_per_day.p90 < 42 * 1.0 / 0.5 * 1.58 / 1.25);
  assert_true(b->training_kwh.p10 < 1312.5 && 1312.5 < b->training_kwh.p90);
  assert_true(b->total_tco2e.p10 < before.total_tco2e.p10);
  assert_true(b->total_tco2e.p90 > before.total_tco2e.p90);
  assert_same_cost_bands(&before, b);
  free_copy(&before);
}

/* The serving draw alone (the scenario states both PUEs and training's
 * draw): kWh a day is linear in it, so its band is 42 x the draw's own
 * p10 and p90 over 0.5, to the strata's resolution (1 %): 0.2 + 0.2 x 0.3
 * = 0.26 and 0.5 + 0.8 x 0.5 = 0.9, so 21.84 and 75.6. */
static void
serving_draw_by_hand(void **state)
{
  struct env *e = *state;
  const struct aic_bands *b;

  measured(e, "test-gpu");
  fleet(e);
  e->sc.training.energy.draw_fraction = 0.75;
  e->sc.training.energy.pue = 1.25;
  e->sc.inference.self_hosted.energy.pue = 1.25;
  with_ends(&e->cat, true);
  assert_int_equal(env_run(e), AIC_OK);
  assert_int_equal(aic_project_bands(&e->cat, &e->sc, &e->pj, &e->err), AIC_OK);
  b = e->pj.bands;
  assert_int_equal(b->energy_inputs, 1u << AIC_U_SERVING_DRAW);
  assert_rel(b->kwh_per_day.p10, 21.84, 0.01);
  assert_rel(b->kwh_per_day.p50, 42, 0.01);
  assert_rel(b->kwh_per_day.p90, 75.6, 0.01);
  assert_exact(b->training_kwh.p10, 1312.5); /* training's draw and PUE given */
  assert_exact(b->training_kwh.p90, 1312.5);
}

/* A draw fraction and a PUE the scenario gives (or a site's PUE) are
 * points: the energy bands are today's to the byte. */
static void
given_energy_inputs_stay_points(void **state)
{
  struct env *e = *state;
  struct aic_bands before;

  measured(e, "test-gpu");
  fleet(e);
  e->sc.training.energy.draw_fraction = 0.75;
  e->sc.training.energy.has_site = true;
  e->sc.training.energy.site = *site(e, "clean");
  e->sc.inference.self_hosted.energy.draw_fraction = 0.5;
  e->sc.inference.self_hosted.energy.pue = 1.25;
  bands_both_ways(e, &before);
  assert_int_equal(e->pj.bands->energy_inputs, 0);
  assert_memory_equal(&before, e->pj.bands, offsetof(struct aic_bands, n_series));
  assert_memory_equal(&before.training_kwh, &e->pj.bands->training_kwh,
                      4 * sizeof before.training_kwh);
  free_copy(&before);
}

/* With cost inputs uncertain too (the MFU prior, a sized fleet's speed,
 * growing traffic over a daily series), the energy inputs take dimensions
 * of their own: every cost band, driver and curve point keeps its bytes,
 * and the serving kWh band still widens. */
static void
cost_bands_keep_their_bytes(void **state)
{
  struct env *e = *state;
  struct aic_bands before;
  const struct aic_bands *b;

  measured(e, "test-gpu");
  fleet(e);
  e->sc.training.stages[AIC_STAGE_PRETRAINING].gpu_hours = XNAN;
  e->sc.training.stages[AIC_STAGE_PRETRAINING].tokens = 1e9;
  e->sc.inference.self_hosted.gpus = XNAN;
  e->sc.traffic.requests_per_day = 1e6;
  e->sc.traffic.monthly_growth = 0.03;
  e->sc.horizon_days = 365;
  e->sc.granularity = AIC_GRAN_DAY;
  bands_both_ways(e, &before);
  b = e->pj.bands;
  assert_int_equal(b->inputs, (1u << AIC_U_TRAINING_MFU) | (1u << AIC_U_SERVING_SPEED));
  assert_int_equal(b->samples, AIC_BANDS_SAMPLES);
  assert_true(b->n_drivers >= 1);
  assert_same_cost_bands(&before, b);
  assert_true(b->kwh_per_day.p10 < before.kwh_per_day.p10);
  assert_true(b->kwh_per_day.p90 > before.kwh_per_day.p90);
  free_copy(&before);
}

/* Owned pricing bills the energy block's kWh: the electricity part of the
 * owned price (price - $30,000 / (3 y x 8,766 h)) times the GPU-hours is
 * the reported kWh x $0.077, with no site (defaults: PUE 1.25, 1,312.5
 * kWh) and with the scenario's site "clean" (PUE 1.2, 1,260 kWh). */
static void
owned_bills_energy_kwh(void **state)
{
  struct env *e = *state;
  const struct aic_energy_result *en = &e->pj.energy;
  const double hardware = 30000.0 / (3 * 8766);

  for (int with_site = 0; with_site < 2; with_site++) {
    measured(e, "test-gpu");
    e->sc.training.price_per_gpu_hour_usd = XNAN;
    e->sc.training.pricing = AIC_PRICING_OWNED;
    e->sc.training.energy.has_site = with_site != 0;
    if (with_site)
      e->sc.training.energy.site = *site(e, "clean");
    assert_int_equal(env_run(e), AIC_OK);
    assert_int_equal(e->pj.training_price.basis, AIC_BASIS_OWNED);
    assert_rel(en->training_kwh, with_site ? 1260 : 1312.5, 1e-15);
    assert_rel(e->pj.training_price.kwh_per_gpu_hour, en->training.kwh_per_gpu_hour, 1e-15);
    assert_rel(e->pj.training_total_usd - 1000 * hardware, en->training_kwh * 0.077, 1e-9);
  }
  /* serving: 2 owned GPUs a day bill 42 kWh (0.875 kWh/GPU-h) */
  measured(e, "test-gpu");
  fleet(e);
  e->sc.inference.self_hosted.price_per_gpu_hour_usd = XNAN;
  e->sc.inference.self_hosted.pricing = AIC_PRICING_OWNED;
  assert_int_equal(env_run(e), AIC_OK);
  assert_rel(en->kwh_per_day, 42, 1e-15);
  assert_rel(e->pj.daily_usd - 48 * hardware, en->kwh_per_day * 0.077, 1e-9);
}

/* An out-of-bounds PUE fails owned pricing at its own pointer, once. */
static void
owned_bad_pue(void **state)
{
  struct env *e = *state;

  measured(e, "test-gpu");
  e->sc.training.price_per_gpu_hour_usd = XNAN;
  e->sc.training.pricing = AIC_PRICING_OWNED;
  e->sc.training.energy.pue = 0.5;
  assert_int_equal(env_run(e), AIC_E_INVALID);
  assert_int_equal(e->err.n, 1);
  assert_diag(&e->err, "/training/pue", "");
}

#define T(f) cmocka_unit_test_setup_teardown(f, env_setup, env_teardown)

int
main(void)
{
  const struct CMUnitTest tests[] = {
    T(training_by_hand),
    T(no_site_no_emissions),
    T(site_and_overrides),
    T(offer_region_site),
    T(serving_by_hand),
    T(serving_unknown_emissions),
    T(carbon_line),
    T(unknown_power_and_lump_sum),
    T(bad_inputs),
    T(energy_bands),
    T(energy_defaults_widen_the_bands),
    T(serving_draw_by_hand),
    T(given_energy_inputs_stay_points),
    T(cost_bands_keep_their_bytes),
    T(owned_bills_energy_kwh),
    T(owned_bad_pue),
  };

  return cmocka_run_group_tests(tests, NULL, NULL);
}
