/* A projection's "bands" as JSON (docs/scenario.md, "Uncertainty bands"),
 * nested by projection_json.c (projection_json.h): each figure an object
 * {p10, p50, p90}, under the key of its point value; the inputs sampled,
 * the drivers, and the energy model's own inputs and figures. */
#include <stddef.h>

#include "projection_json.h"

#define BAND(m) AIC_JW_FIELD(struct aic_band, m, AIC_JW_REAL)
static const struct aic_jw_field band_members[] = { BAND(p10), BAND(p50), BAND(p90) };

struct band_figure {
  const char *key;
  size_t offset;
};
#define FIGURE(key, m)                                                                             \
  {                                                                                                \
    key, offsetof(struct aic_bands, m)                                                             \
  }
/* before "stages" */
static const struct band_figure training_band_figures[] = {
  FIGURE("training_total_usd", training_total_usd),
};
#define STAGE_FIGURE(m)                                                                            \
  {                                                                                                \
#m, offsetof(struct aic_stage_band, m)                                                         \
  }
/* clang-format off */
static const struct band_figure stage_band_figures[] = {
  STAGE_FIGURE(gpu_hours),
  STAGE_FIGURE(days),
  STAGE_FIGURE(total_usd),
};
/* clang-format on */
/* after "stages" */
/* clang-format off */
static const struct band_figure horizon_band_figures[] = {
  FIGURE("daily_usd", daily_usd),
  FIGURE("inference_usd", inference_usd),
  FIGURE("total_usd", total_usd),
  FIGURE("fully_loaded_cost_per_request_usd", fully_loaded_cost_per_request_usd),
  FIGURE("crossover_day", crossover_day),
  FIGURE("break_even_requests_per_day", break_even_requests_per_day),
};
/* clang-format on */
/* after the drivers: energy (issue 17) */
/* clang-format off */
static const struct band_figure energy_band_figures[] = {
  FIGURE("training_kwh", training_kwh),
  FIGURE("kwh_per_day", kwh_per_day),
  FIGURE("total_kwh", total_kwh),
  FIGURE("total_tco2e", total_tco2e),
};
/* clang-format on */

#define DRIVER(m) AIC_JW_FIELD(struct aic_driver, m, AIC_JW_REAL)
static const struct aic_jw_field driver_members[] = {
  DRIVER(low), DRIVER(high), DRIVER(total_at_low_usd), DRIVER(total_at_high_usd), DRIVER(swing_usd),
};

/* ---- the nesting ---- */

static void
band_figures_json(struct aic_jw *w, const void *base, const struct band_figure *f, size_t n)
{
  for (size_t i = 0; i < n; i++) {
    aic_jw_object_begin(w, f[i].key);
    aic_jw_fields(w, (const char *)base + f[i].offset, band_members, N_FIELDS(band_members));
    aic_jw_object_end(w);
  }
}

static void
numbers_json(struct aic_jw *w, const char *key, const double *v, size_t n)
{
  aic_jw_array_begin(w, key);
  for (size_t i = 0; i < n; i++)
    aic_jw_number(w, NULL, v[i]);
  aic_jw_array_end(w);
}

void
aic_projection_bands_json(struct aic_jw *w, const struct aic_projection *pj)
{
  const struct aic_bands *b = pj->bands;
  size_t n_stages = b->n_stages < pj->n_stages ? b->n_stages : pj->n_stages;

  aic_jw_object_begin(w, "bands");
  aic_jw_integer(w, "samples", b->samples);
  aic_jw_string(w, "method", "latin_hypercube");
  aic_jw_array_begin(w, "inputs");
  for (int u = 0; u < AIC_U_COUNT; u++)
    if (b->inputs & (1u << u))
      aic_jw_string(w, NULL, aic_uncertain_name((enum aic_uncertain)u));
  aic_jw_array_end(w);
  band_figures_json(w, b, training_band_figures, N_FIELDS(training_band_figures));
  aic_jw_array_begin(w, "stages");
  for (size_t k = 0; k < n_stages; k++) {
    aic_jw_object_begin(w, NULL);
    aic_jw_string(w, "stage", aic_stage_name(pj->stages[k].stage));
    band_figures_json(w, &b->stages[k], stage_band_figures, N_FIELDS(stage_band_figures));
    aic_jw_object_end(w);
  }
  aic_jw_array_end(w);
  band_figures_json(w, b, horizon_band_figures, N_FIELDS(horizon_band_figures));
  /* the cumulative inference's band at each point of projection.series */
  numbers_json(w, "cumulative_inference_usd_p10", b->cumulative_inference_p10_usd, b->n_series);
  numbers_json(w, "cumulative_inference_usd_p90", b->cumulative_inference_p90_usd, b->n_series);
  aic_jw_array_begin(w, "drivers");
  for (size_t i = 0; i < b->n_drivers && i < AIC_DRIVERS_MAX; i++) {
    aic_jw_object_begin(w, NULL);
    aic_jw_string(w, "input", aic_uncertain_name(b->drivers[i].input));
    aic_jw_string(w, "pointer", aic_uncertain_pointer(b->drivers[i].input));
    aic_jw_fields(w, &b->drivers[i], driver_members, N_FIELDS(driver_members));
    aic_jw_object_end(w);
  }
  aic_jw_array_end(w);
  aic_jw_object_begin(w, "energy");
  /* the energy model's own inputs sampled, beside the cost inputs' spread */
  aic_jw_array_begin(w, "inputs");
  for (int u = AIC_U_ENERGY_FIRST; u < AIC_U_COUNT; u++)
    if (b->energy_inputs & (1u << u))
      aic_jw_string(w, NULL, aic_uncertain_name((enum aic_uncertain)u));
  aic_jw_array_end(w);
  band_figures_json(w, b, energy_band_figures, N_FIELDS(energy_band_figures));
  aic_jw_object_end(w);
  aic_jw_object_end(w);
}
