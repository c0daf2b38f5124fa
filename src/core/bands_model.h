/* Private to src/core/bands*.c: the projection reduced to what the
 * uncertain inputs move, evaluated once per sample. */
#ifndef AICOST_BANDS_MODEL_H
#define AICOST_BANDS_MODEL_H

#include "core.h"

#include "aicost/bands.h"

struct bands_model {
  const struct aic_projection *pj;
  int horizon;
  /* training */
  bool lump_sum;
  double lump_usd;
  size_t n_stages;
  double hours[AIC_STAGE_COUNT]; /* the point GPU-hours */
  bool prior[AIC_STAGE_COUNT];   /* hours at the MFU prior: they carry its spread */
  double labelling[AIC_STAGE_COUNT];
  double gpu_count; /* NAN when not given */
  /* inference */
  struct aic_traffic_plan traffic;
  struct aic_inference_plan plan;
  /* every input at the value the projection used (factors at 1) */
  double point[AIC_U_COUNT];
  /* bands_traffic_init: the traffic every sample shares (no growth range),
   * requests[d] and requests_sum[d] for d = 0 ... horizon; NULL: walk */
  double *requests;
  double *requests_sum;
  bool rising; /* requests never fall from one day to the next */
};

/* One sample's figures. crossover is +INFINITY when the sample's
 * inference does not reach its training within the horizon. */
struct bands_outcome {
  double stage_hours[AIC_STAGE_COUNT];
  double stage_days[AIC_STAGE_COUNT];
  double stage_total[AIC_STAGE_COUNT];
  double training, daily, inference, requests, total, fully_loaded, crossover, break_even;
  /* energy (bands_eval.c, energy()): NAN where the projection's is unknown */
  double training_kwh, kwh_per_day, total_kwh, total_tco2e;
};

/* Resolves the model of (cat, sc, pj) again, as aic_project did. */
int bands_model_init(const struct aic_catalogue *cat, const struct aic_scenario *sc,
                     const struct aic_projection *pj, struct bands_model *m);

/* bands_known.c: the shared traffic (for a projection whose traffic
 * changes from day to day and has no growth range); AIC_E_NOMEM. Released
 * by bands_model_release. */
int bands_traffic_init(struct bands_model *m);
void bands_model_release(struct bands_model *m);
/* A sample's inference from the shared traffic, when its kind allows (a
 * price per request without dated changes, a fleet sized for rising
 * traffic): daily, inference, requests, crossover and the curve; false
 * when the sample must walk its days. training must be filled first. */
bool bands_known_inference(const struct bands_model *m, const struct aic_inference_plan *p,
                           struct bands_outcome *o, double *curve, size_t stride);

/* The projection with the inputs at x[AIC_U_COUNT]; curve (NULL: not
 * wanted) gets the cumulative inference at each of the projection's series
 * points, every `stride` doubles. AIC_E_INVALID when the traffic passes
 * 1e12 requests a day or a sum is not finite (errors says which). */
int bands_evaluate(const struct bands_model *m, const double *x, struct bands_outcome *o,
                   double *curve, size_t stride, struct aic_diags *errors);

#endif
