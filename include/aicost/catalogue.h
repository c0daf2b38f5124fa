/* The price catalogue as plain C data: GPUs, models and vendor API prices,
 * each sorted by id, plus the defaults that scenarios fall back on.
 * This header is part of the pure core: no YAML, no I/O. src/catalogue
 * (aic_catalogue_load in catalogue_io.h) builds one from YAML and owns its memory;
 * tests may build one in code. A catalogue is immutable once built. */
#ifndef AICOST_CATALOGUE_H
#define AICOST_CATALOGUE_H

#include <stdbool.h>
#include <stddef.h>

/* Numeric precisions. Order is stable: it indexes peak_tflops[]. */
enum aic_precision {
  AIC_FP32,
  AIC_TF32,
  AIC_BF16,
  AIC_FP16,
  AIC_FP8,
  AIC_INT8,
  AIC_INT4,
  AIC_PRECISION_COUNT
};

/* "fp32", "tf32", "bf16", "fp16", "fp8", "int8", "int4". */
const char *aic_precision_name(enum aic_precision p);
/* 0 and *out set, or -1 for an unknown name. */
int aic_precision_parse(const char *name, enum aic_precision *out);
/* Bytes per stored value: 4, 4, 2, 2, 1, 1, 0.5. */
double aic_precision_bytes(enum aic_precision p);

/* Every optional double below is NAN when not given ("absent"). The loaders
 * reject non-finite input, so NAN is never a user's value. */
static inline bool aic_has(double x) { return x == x; }

struct aic_gpu {
  const char *id;   /* NULL for an inline object from a scenario */
  const char *name;
  const char *source;
  const char *as_of;
  double memory_gib;
  double memory_bandwidth_tb_s;
  double peak_tflops[AIC_PRECISION_COUNT]; /* dense peak; NAN where the part lacks it */
  double power_w;
  double purchase_usd;
  double price_on_demand_usd; /* per GPU-hour */
  double price_reserved_usd;  /* per GPU-hour */
};

struct aic_model {
  const char *id; /* NULL for an inline object from a scenario */
  const char *name;
  const char *source;
  const char *as_of;
  double params_b;        /* total parameters, billions */
  double active_params_b; /* active per token (mixture of experts); NAN = params_b */
  double layers;
  double d_model;
  double heads;
  double kv_heads;
  double head_dim;
  double context; /* tokens */
};

struct aic_api_price {
  const char *id; /* "vendor/model" */
  const char *name;
  const char *source;
  const char *as_of;
  double input_per_mtok_usd;
  double cached_input_per_mtok_usd; /* NAN when the vendor has no cache price */
  double output_per_mtok_usd;
};

/* Fallbacks for scenario fields left out; each has a documented why in
 * config/catalogue.yaml and docs/catalogue.md. All are required in a catalogue. */
struct aic_defaults {
  double mfu;                     /* training model-FLOPs utilisation */
  double goodput;                 /* fraction of wall time doing useful steps */
  double rollout_mfu;             /* RLHF generation utilisation (decode is memory-bound) */
  double compute_efficiency;      /* inference: achieved / peak FLOP/s */
  double bandwidth_efficiency;    /* inference: achieved / peak memory bandwidth */
  double target_utilization;      /* inference fleet: planned busy fraction at peak */
  double peak_to_average;         /* peak traffic / average traffic */
  double max_batch;               /* inference: concurrent sequences per replica */
  double amortisation_years;      /* owned hardware */
  double pue;                     /* data-centre power usage effectiveness */
  double electricity_usd_per_kwh;
  enum aic_precision training_precision;
  enum aic_precision serving_precision;
};

struct aic_catalogue {
  const char *version;
  const char *currency; /* always "USD" */
  const char *hash;     /* hex content hash of the source bytes, set by the loader */
  const struct aic_gpu *gpus; /* sorted by id (strcmp) */
  size_t n_gpus;
  const struct aic_model *models; /* sorted by id */
  size_t n_models;
  const struct aic_api_price *api_prices; /* sorted by id */
  size_t n_api_prices;
  struct aic_defaults defaults;
};

/* Binary search by id; NULL when unknown. */
const struct aic_gpu *aic_catalogue_gpu(const struct aic_catalogue *c, const char *id);
const struct aic_model *aic_catalogue_model(const struct aic_catalogue *c, const char *id);
const struct aic_api_price *aic_catalogue_api_price(const struct aic_catalogue *c, const char *id);

enum aic_section { AIC_SECTION_GPUS, AIC_SECTION_MODELS, AIC_SECTION_API_PRICES, AIC_SECTION_COUNT };

/* Up to `max` known ids of `section` nearest to `id` (edit distance, ties by id),
 * for "did you mean" messages. Returns how many were written to out. */
/* The one edit distance of "did you mean", for catalogue ids here and for
 * field names in src/schema: case-insensitive optimal string alignment (a
 * swap of two neighbours costs 1, like an insertion, a deletion or a
 * change). Returns cap + 1 as soon as the distance exceeds cap, and for
 * strings over 128 bytes. */
size_t aic_edit_distance(const char *a, const char *b, size_t cap);

size_t aic_catalogue_suggest(const struct aic_catalogue *c, enum aic_section section,
                             const char *id, const char **out, size_t max);

#endif
