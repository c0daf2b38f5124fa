/* Uncertainty bands: the p10/p50/p90 of a projection's figures over the
 * inputs the model does not know (docs/cost-model.md, "Uncertainty bands"),
 * and the inputs that move the total most. Computed after aic_project, on
 * request: the point values of the projection are never changed. Part of
 * the pure core: deterministic (a fixed-seed Latin hypercube), no clock, no
 * I/O. */
#ifndef AICOST_BANDS_H
#define AICOST_BANDS_H

#include <stdbool.h>
#include <stddef.h>

#include "aicost/catalogue.h"
#include "aicost/diag.h"
#include "aicost/scenario.h"

struct aic_projection;
struct aic_comparison;

/* Samples of the Latin hypercube: each input's range is cut into this many
 * equally likely strata and every stratum is sampled once. */
#define AIC_BANDS_SAMPLES 64
/* The most drivers reported. */
#define AIC_DRIVERS_MAX 3

/* The 10th, 50th and 90th percentiles of one figure; NAN where the point
 * value is absent (and p90, p50 or p10 of the crossover day where the
 * samples at that percentile cross after the horizon). */
struct aic_band {
  double p10, p50, p90;
};

struct aic_stage_band {
  struct aic_band gpu_hours;
  struct aic_band days;
  struct aic_band total_usd;
};

/* The uncertain inputs, in the order of the hypercube's dimensions (fixed,
 * so that one input's samples never depend on which others are present). */
enum aic_uncertain {
  AIC_U_TRAINING_MFU,   /* MFU (with goodput) of the prior, a factor on it */
  AIC_U_TRAINING_PRICE, /* the training GPU-hour, over the providers' offers */
  AIC_U_SERVING_SPEED,  /* a replica's capacity, a factor on the serving model's */
  AIC_U_SERVING_PRICE,  /* the serving GPU-hour, over the providers' offers */
  AIC_U_MONTHLY_GROWTH, /* the scenario's range [low, high] */
  /* The energy model's own inputs: they move the energy bands only, so
   * they come after every cost input (whose samples stay as they were). */
  AIC_U_TRAINING_DRAW, /* training's draw fraction, over the catalogue's ends */
  AIC_U_SERVING_DRAW,  /* serving's draw fraction */
  AIC_U_TRAINING_PUE,  /* the PUE where training runs */
  AIC_U_SERVING_PUE,   /* the PUE where serving runs */
  AIC_U_COUNT
};
/* The first of the energy model's inputs. */
#define AIC_U_ENERGY_FIRST AIC_U_TRAINING_DRAW

/* An input's name in the output ("training_mfu", ...) and the scenario
 * member it stands for ("/training/mfu", ...). */
const char *aic_uncertain_name(enum aic_uncertain u);
const char *aic_uncertain_pointer(enum aic_uncertain u);

/* One-at-a-time swing: the total with the input at its own p10 and p90
 * and every other input at its point value. */
struct aic_driver {
  enum aic_uncertain input; /* a cost input: the energy inputs move no dollar */
  double low, high;         /* the input at its p10 and p90 (a factor, USD or a rate) */
  double total_at_low_usd, total_at_high_usd;
  double swing_usd; /* |total_at_high_usd - total_at_low_usd| */
};

struct aic_bands {
  int samples;            /* of the cost bands: 0 when no cost input is uncertain */
  unsigned inputs;        /* bit u set for each uncertain cost input present */
  unsigned energy_inputs; /* bit u set for each energy input sampled (u >= AIC_U_ENERGY_FIRST) */
  struct aic_band training_total_usd;
  size_t n_stages; /* as the projection's stages, in the same order */
  struct aic_stage_band stages[AIC_STAGE_COUNT];
  struct aic_band daily_usd;     /* inference on day 1 */
  struct aic_band inference_usd; /* over the horizon */
  struct aic_band total_usd;
  struct aic_band fully_loaded_cost_per_request_usd;
  struct aic_band crossover_day;
  struct aic_band break_even_requests_per_day;
  /* The cumulative inference at each point of the projection's series
   * (what the chart's bars show; the training's band is above). */
  size_t n_series;
  double *cumulative_inference_p10_usd; /* owned, n_series entries */
  double *cumulative_inference_p90_usd; /* owned */
  /* Energy and emissions (docs/cost-model.md, "Energy and emissions"):
   * the spread of training's GPU-hours and serving's fleet (the cost
   * inputs) and of the energy inputs (draw fractions and PUE that come
   * from the catalogue's defaults) at the projection's server overhead and
   * intensity; NAN where the point value is unknown. */
  struct aic_band training_kwh;
  struct aic_band kwh_per_day; /* serving on day 1 */
  struct aic_band total_kwh;
  struct aic_band total_tco2e;
  size_t n_drivers; /* largest swing first; only inputs that move the total */
  struct aic_driver drivers[AIC_DRIVERS_MAX];
};

/* Computes pj->bands for a projection that aic_project just made of
 * (cat, sc). Returns AIC_OK; AIC_E_INVALID when an input's range takes
 * the projection out of bounds (the high end of a growth range past 1e12
 * requests a day), with the problem in errors; AIC_E_NOMEM. Pure. */
int aic_project_bands(const struct aic_catalogue *cat, const struct aic_scenario *sc,
                      struct aic_projection *pj, struct aic_diags *errors);

/* The bands of each option of a comparison aic_compare just made of the
 * same scenarios (errors under "/scenarios/<i>"). */
int aic_comparison_bands(const struct aic_catalogue *cat, const struct aic_scenario *scenarios,
                         size_t n, struct aic_comparison *c, struct aic_diags *errors);

/* Frees pj->bands' arrays and the bands; NULL-safe. */
void aic_bands_free(struct aic_bands *b);

/* A calibrated factor (p10_factor, p90_factor) as the bands sample it:
 * its distribution read at the hypercube's strata and the percentiles
 * taken as for any figure. For tests/calibration, which holds the
 * published figures to the bands of the model's own machinery. */
struct aic_band aic_factor_band(double p10_factor, double p90_factor);

/* The standard normal quantile (Acklam 2003; relative error < 1.2e-9), for
 * the inputs' distributions; u in (0, 1). */
double aic_normal_quantile(double u);

#endif
