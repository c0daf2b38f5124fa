/* The calibration check (issue 14): the cost model's defaults fitted on the
 * published figures of tests/data/calibration, with leave-one-out errors,
 * the shipped catalogue held to the fit, and a report. Shared pieces of
 * main.c, training_cal.c and serving_cal.c. */
#ifndef CAL_CALIB_H
#define CAL_CALIB_H

#include <stdbool.h>
#include <stddef.h>

#include "aicost/catalogue.h"
#include "csv.h"

/* Accelerators of the set that the catalogue lacks (hardware.csv). */
struct cal_hw {
  const char *id;
  const char *generation;
  double memory_gib;
  double peak_bf16, peak_fp16;
};

struct cal_data {
  const struct aic_catalogue *cat; /* config/catalogue.yaml */
  struct csv training, serving, models, hardware, energy;
};

/* One compared figure: published and modelled under leave-one-out, as a
 * "speed" ratio (published speed / modelled speed: > 1 means the model is
 * slow), with the p10-p90 band from the other rows' ratios. */
struct cal_obs {
  const char *row;  /* id */
  const char *what; /* "gpu_hours", "throughput", "ttft", "tpot" */
  double published;
  double modelled; /* leave-one-out */
  double ratio;    /* speed ratio, see above */
  double lo, hi;   /* the band's ratios */
};

#define CAL_OBS_MAX 256

struct cal_result {
  struct cal_obs obs[CAL_OBS_MAX];
  size_t n_obs;
  size_t n_rows, n_excluded;
  int failures; /* assertions that did not hold */
};

/* Quantile q of v[0..n) (linear interpolation, R's type 7); sorts a copy. */
double cal_quantile(const double *v, size_t n, double q);
/* True when a and b agree to three significant digits (the catalogue's
 * rounding of the fitted values). */
bool cal_same_3sig(double fit, double shipped);
/* Prints "check: ok|FAILED ..." and counts a failure. */
void cal_check(struct cal_result *r, bool ok, const char *fmt, ...)
  __attribute__((format(printf, 3, 4)));
/* Prints a fitted parameter with its jackknife standard error (Efron 1982:
 * sqrt((n-1)/n x sum (theta_i - mean)^2) over the n leave-one-out refits)
 * and their range. loo points at the first refit's value; `stride`
 * doubles apart; `exp_of` when the refits hold logarithms. */
void cal_jackknife(const char *name, double value, const double *loo, size_t stride, size_t n,
                   bool exp_of);
/* Fills each observation's band from the other rows' ratios. */
void cal_bands(struct cal_result *r);

int cal_training(const struct cal_data *d, struct cal_result *r);
/* After cal_bands: published GPU-hours inside the band that
 * aic_project_bands gives for each run (of *n projected). */
size_t cal_training_bands(const struct cal_data *d, const struct cal_result *r, size_t *n);
int cal_serving(const struct cal_data *d, struct cal_result *r);
/* energy_cal.c: energy.csv by the sources' own methods (issue 17). */
int cal_energy(const struct cal_data *d, struct cal_result *r);

#endif
