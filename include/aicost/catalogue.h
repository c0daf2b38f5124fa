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
  AIC_FP4, /* NVFP4 / MXFP4: Blackwell and CDNA 4 tensor cores */
  AIC_PRECISION_COUNT
};

/* "fp32", "tf32", "bf16", "fp16", "fp8", "int8", "int4", "fp4". */
const char *aic_precision_name(enum aic_precision p);
/* 0 and *out set, or -1 for an unknown name. */
int aic_precision_parse(const char *name, enum aic_precision *out);
/* Bytes per stored value: 4, 4, 2, 2, 1, 1, 0.5, 0.5. */
double aic_precision_bytes(enum aic_precision p);

/* What a matrix product achieves is fitted per class of the precision it
 * computes at, not per name: 16 bits and wider, 8 bits, 4 bits. The
 * columns of `generations` in the catalogue. */
enum aic_precision_class { AIC_CLASS_16, AIC_CLASS_8, AIC_CLASS_4, AIC_CLASS_COUNT };
/* "bf16", "fp8", "fp4": the name each class is keyed by in the catalogue. */
const char *aic_precision_class_name(enum aic_precision_class c);
enum aic_precision_class aic_precision_class_of(enum aic_precision p);

/* Every optional double below is NAN when not given ("absent"). The loaders
 * reject non-finite input, so NAN is never a user's value. */
static inline bool
aic_has(double x)
{
  return x == x;
}

/* How a GPU-hour is sold. Order is stable: scenario pricing (enum
 * aic_pricing) uses the same values. docs/catalogue.md, "Offers". */
enum aic_offer_kind {
  AIC_OFFER_ON_DEMAND,
  AIC_OFFER_SPOT,
  AIC_OFFER_RESERVED_1Y,
  AIC_OFFER_RESERVED_3Y,
  AIC_OFFER_CAPACITY_BLOCK,
  AIC_OFFER_KIND_COUNT
};

/* "on_demand", "spot", "reserved_1y", "reserved_3y", "capacity_block". */
const char *aic_offer_kind_name(enum aic_offer_kind k);
/* 0 and *out set, or -1 for an unknown name (no aliases: the catalogue
 * spells kinds one way). */
int aic_offer_kind_parse(const char *name, enum aic_offer_kind *out);

/* One provider's price for one GPU-hour of one kind, in one region. */
struct aic_offer {
  const char *provider; /* "aws", "lambda", ... */
  const char *region;   /* NULL when the offer names none */
  const char *source;   /* where the price was read: feed, commit, file, instance */
  const char *as_of;    /* YYYY-MM-DD */
  enum aic_offer_kind kind;
  double price_per_gpu_hour_usd;
};

/* The most offers one GPU may carry: bounds the work of choosing one, which
 * keeps a fixed array on the stack (src/core/offers.c). */
#define AIC_OFFERS_MAX 512

struct aic_gpu {
  const char *id; /* NULL for an inline object from a scenario */
  const char *name;
  const char *source;
  const char *as_of;
  double memory_gib;
  double memory_bandwidth_tb_s;
  double peak_tflops[AIC_PRECISION_COUNT]; /* dense peak; NAN where the part lacks it */
  double power_w;
  double purchase_usd;
  /* Measured average draw while training / serving, as a fraction of
   * power_w in (0, 1]; NAN = the catalogue's defaults (docs/cost-model.md,
   * "Energy and emissions"). */
  double training_draw_fraction;
  double serving_draw_fraction;
  /* Prices by provider (catalogue v3), in no required order. */
  const struct aic_offer *offers;
  size_t n_offers;
  /* Prices without a provider, per GPU-hour: an inline GPU's
   * price_per_hour_usd, or a catalogue entry in the v2 form. NAN when
   * absent, and always absent on an entry that has offers. */
  double price_on_demand_usd;
  double price_reserved_usd; /* a 1-year commitment (reserved_1y) */
  /* Total bidirectional scale-up bandwidth per GPU (NVLink as NVIDIA quotes
   * it: H100 SXM 900 = 450 each way); NAN = defaults.interconnect_gb_s. */
  double interconnect_gb_s;
  /* Architecture family ("ampere", "hopper", ...): keys the fitted
   * efficiencies in `generations`; NULL or unknown = the default row. */
  const char *generation;
};

/* Why aic_offer_pick found no offer. */
enum aic_offer_miss {
  AIC_OFFER_FOUND,
  AIC_OFFER_NO_KIND,          /* no offer of the kind from anyone */
  AIC_OFFER_NO_PROVIDER,      /* no offer at all from the provider */
  AIC_OFFER_NO_PROVIDER_KIND, /* the provider has offers, none of the kind */
  AIC_OFFER_NO_REGION,        /* the provider has the kind, not in the region */
};

/* The offer of `kind` that prices a GPU-hour of g (docs/catalogue.md,
 * "Which offer a scenario gets"):
 * - provider NULL: take each provider's cheapest offer of the kind (equal
 *   prices: the first region by name, an offer without region first), order
 *   those by price (then provider name) and take the median; with an even
 *   count the lower of the two middle ones, so it is always a real offer
 *   and never an average. *providers gets how many were compared.
 * - provider given, region NULL: that provider's cheapest offer of the kind.
 * - provider and region: that provider's offer of the kind in the region.
 * Returns the offer, or NULL with *miss saying why. `providers` and `miss`
 * may be NULL. Only the first AIC_OFFERS_MAX offers are read. */
const struct aic_offer *aic_offer_pick(const struct aic_gpu *g, enum aic_offer_kind kind,
                                       const char *provider, const char *region, size_t *providers,
                                       enum aic_offer_miss *miss);

/* The price of each provider's cheapest offer of `kind`, ascending, into
 * out (room for AIC_OFFERS_MAX); returns how many: the spread the median
 * rule chooses from, for the uncertainty bands. */
size_t aic_offer_provider_prices(const struct aic_gpu *g, enum aic_offer_kind kind, double *out);

/* Up to `max` distinct providers of g's offers of `kind` (or of any kind
 * when kind is AIC_OFFER_KIND_COUNT), sorted by name, for messages. Returns
 * how many there are in all (which may exceed max). */
size_t aic_offer_providers(const struct aic_gpu *g, enum aic_offer_kind kind, const char **out,
                           size_t max);

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
  /* Mixture of experts: routed experts per MoE layer and how many a token
   * uses (shared experts count in the active parameters, not here). NAN for
   * a dense model, or when unknown: decode then reads every weight. */
  double experts;
  double experts_per_token;
};

/* What a vendor charges per million tokens of each kind, in USD; NAN
 * where it publishes no such price (docs/catalogue.md "Billing rules"). */
struct aic_token_prices {
  double input_per_mtok_usd;          /* input not read from or written to a cache */
  double cached_input_per_mtok_usd;   /* input read from the cache (a hit) */
  double cache_write_per_mtok_usd;    /* input written to the cache (the 5-minute kind) */
  double cache_write_1h_per_mtok_usd; /* input written to a 1-hour cache */
  double output_per_mtok_usd;         /* output, reasoning tokens included */
};

/* A prompt-length tier: a request whose input tokens EXCEED
 * `above_input_tokens` is billed, every token of it, at `prices`. */
struct aic_api_tier {
  double above_input_tokens;
  struct aic_token_prices prices;
};

/* A cheaper daily window and its prices. */
struct aic_api_off_peak {
  const char *start_utc; /* "HH:MM" (UTC); the window may wrap midnight */
  const char *end_utc;
  struct aic_token_prices prices; /* the same kinds as the standard prices */
};

/* The prices in force from one date until the next period's. */
struct aic_api_period {
  const char *from;                 /* "YYYY-MM-DD"; NULL for an entry's own (first) prices */
  struct aic_token_prices prices;   /* standard (peak) prices, the shortest prompts */
  const struct aic_api_tier *tiers; /* ascending by above_input_tokens */
  size_t n_tiers;
  bool has_off_peak; /* a cheaper daily window (no tiers in that period) */
  struct aic_api_off_peak off_peak;
};

/* The most periods an API price may have: prices change a few times a year. */
#define AIC_API_PERIODS_MAX 32
/* The most tiers a period may have. */
#define AIC_API_TIERS_MAX 8

/* As the catalogue writes it: the entry's own prices, in force until its
 * first change, then the changes by date (aic_api_period_at numbers them
 * all from 0). */
struct aic_api_price {
  const char *id; /* "vendor/model" */
  const char *name;
  const char *source;
  const char *as_of;
  struct aic_api_period first;
  const struct aic_api_period *changes; /* ascending by from; at most AIC_API_PERIODS_MAX - 1 */
  size_t n_changes;
};

static inline size_t
aic_api_n_periods(const struct aic_api_price *p)
{
  return 1 + p->n_changes;
}

/* Period k: 0 is the entry's own prices, k >= 1 its change k. */
static inline const struct aic_api_period *
aic_api_period_at(const struct aic_api_price *p, size_t k)
{
  return k == 0 ? &p->first : &p->changes[k - 1];
}

/* A vendor's batch discount (asynchronous jobs, results within a day):
 * every token price times `price_factor`. `id` is "vendor" (all its
 * prices) or "vendor/model" (that one, which wins). */
struct aic_api_batch {
  const char *id;
  const char *source;
  const char *as_of;
  double price_factor; /* (0, 1] */
};

/* An exchange rate for output money (docs/catalogue.md, "Currencies"):
 * `per_usd` units of the currency buy one US dollar. Prices stay in USD;
 * only answers are converted, by the renderers, never by the core. */
struct aic_fx_rate {
  const char *id; /* ISO 4217 code, "EUR" */
  const char *source;
  const char *as_of;
  double per_usd; /* > 0 */
};

/* Values fitted per GPU generation on tests/data/calibration (the fit is
 * the test tests/calibration; docs/cost-model.md has the numbers). NAN where
 * the calibration set has too few rows of that generation: the catalogue's
 * `default` row is used instead. */
struct aic_generation {
  const char *name;                           /* "ampere", "hopper", ...; "default" */
  double mfu_at_10b;                          /* training MFU of a 10B-active model */
  double serving_efficiency[AIC_CLASS_COUNT]; /* achieved / dense peak FLOP/s, serving */
};

/* Fallbacks for scenario fields left out; each has a documented why in
 * config/catalogue.yaml and docs/catalogue.md. All are required in a catalogue. */
struct aic_defaults {
  /* Training MFU prior (docs/cost-model.md, "The MFU prior"):
   * mfu = min(mfu_cap, mfu_at_10b[generation] x (N_active / 1e10)^size_exponent),
   * x fine_tuning_mfu_factor after pretraining, x lora_mfu_factor for LoRA. */
  double mfu_cap;
  double mfu_size_exponent;
  double fine_tuning_mfu_factor;
  double lora_mfu_factor;
  /* Leave-one-out spread of the prior: 10th and 90th percentiles of
   * published MFU / prior MFU over the calibration runs. */
  double mfu_p10_factor;
  double mfu_p90_factor;
  double goodput;                 /* fraction of wall time doing useful steps */
  double rollout_mfu;             /* RLHF generation utilisation (decode is memory-bound) */
  double lora_adapter_fraction;   /* LoRA adapter parameters / model parameters, for memory */
  double bandwidth_efficiency;    /* inference: achieved / peak memory bandwidth */
  double interconnect_gb_s;       /* GPUs that give none: PCIe Gen4 x16 */
  double interconnect_efficiency; /* all-reduce: achieved / one direction of interconnect_gb_s */
  double allreduce_latency_us;    /* fixed cost of one all-reduce */
  /* Leave-one-out spread of the serving model: 10th and 90th percentiles
   * of published / modelled speed (throughput, 1/TTFT, 1/TPOT). */
  double serving_p10_factor;
  double serving_p90_factor;
  double target_utilization; /* inference fleet: planned busy fraction at peak */
  double peak_to_average;    /* peak traffic / average traffic */
  double max_batch;          /* inference: concurrent sequences per replica */
  double amortisation_years; /* owned hardware */
  double pue;                /* data-centre power usage effectiveness */
  double electricity_usd_per_kwh;
  /* Energy (docs/cost-model.md, "Energy and emissions"): average draw as a
   * fraction of board power, and the server's power per GPU (CPUs, memory,
   * fans, networking) as a multiple of the GPU's. NAN when the catalogue
   * gives none: energy is then null, with a warning naming the key. */
  double training_draw_fraction;
  double serving_draw_fraction;
  double server_overhead;
  /* The documented ends of the defaults above, for the energy bands
   * (docs/cost-model.md, "Uncertainty bands"): a default between its ends
   * is sampled there; NAN (absent) or ends that do not bracket it: a point. */
  double training_draw_fraction_low, training_draw_fraction_high;
  double serving_draw_fraction_low, serving_draw_fraction_high;
  double pue_low, pue_high;
  double stale_after_days; /* a price older than this carries a stale_price warning */
  enum aic_precision training_precision;
  enum aic_precision serving_precision;
};

/* Where GPUs run, for energy and emissions (docs/catalogue.md, "Sites"):
 * the data centre's PUE and its grid's average carbon intensity
 * (location-based), with the year of that average. A site with a provider
 * and a region is that provider's default for offers in the region. */
struct aic_site {
  const char *id; /* "fr", "aws/us-east-1" */
  const char *name;
  const char *provider; /* NULL: not a provider's region */
  const char *region;   /* with provider */
  double pue;           /* [1, 3] */
  double gco2e_per_kwh; /* [0, 2000] */
  double year;          /* the year the intensity averages */
  const char *source;
  const char *as_of;
};

struct aic_catalogue {
  const char *version;
  const char *currency;       /* always "USD" */
  const char *hash;           /* hex content hash of the source bytes, set by the loader */
  const char *date;           /* "YYYY-MM-DD": the day its prices were last checked */
  const struct aic_gpu *gpus; /* sorted by id (strcmp) */
  size_t n_gpus;
  const struct aic_model *models; /* sorted by id */
  size_t n_models;
  const struct aic_api_price *api_prices; /* sorted by id */
  size_t n_api_prices;
  const struct aic_api_batch *api_batch; /* sorted by id */
  size_t n_api_batch;
  const struct aic_generation *generations; /* sorted by name, "default" among them */
  size_t n_generations;
  const struct aic_site *sites; /* sorted by id; may be empty */
  size_t n_sites;
  struct aic_defaults defaults;
  const struct aic_fx_rate *fx; /* sorted by code; may be empty */
  size_t n_fx;
};

/* Binary search by id; NULL when unknown. */
const struct aic_gpu *aic_catalogue_gpu(const struct aic_catalogue *c, const char *id);
const struct aic_model *aic_catalogue_model(const struct aic_catalogue *c, const char *id);
const struct aic_api_price *aic_catalogue_api_price(const struct aic_catalogue *c, const char *id);
/* The batch discount for api price `id`: its own entry, else its vendor's
 * (the id up to the first '/'); NULL when the catalogue has neither. */
const struct aic_api_batch *aic_catalogue_api_batch(const struct aic_catalogue *c, const char *id);
/* The exchange rate of an ISO 4217 code; NULL when the catalogue has none. */
const struct aic_fx_rate *aic_catalogue_fx(const struct aic_catalogue *c, const char *code);
/* The generation's row, else the "default" row, else NULL. */
const struct aic_generation *aic_catalogue_generation(const struct aic_catalogue *c,
                                                      const char *name);
const struct aic_site *aic_catalogue_site(const struct aic_catalogue *c, const char *id);
/* The site of provider's region, or NULL. */
const struct aic_site *aic_catalogue_site_of(const struct aic_catalogue *c, const char *provider,
                                             const char *region);
/* Up to `max` site ids nearest to `id`, ranked as aic_catalogue_suggest. */
size_t aic_catalogue_suggest_site(const struct aic_catalogue *c, const char *id, const char **out,
                                  size_t max);

enum aic_section {
  AIC_SECTION_GPUS,
  AIC_SECTION_MODELS,
  AIC_SECTION_API_PRICES,
  AIC_SECTION_COUNT
};

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

/* Notes for `aicost catalogue check` (src/core/offer_notes.c): within one
 * provider, a faster GPU (more bf16 TFLOP/s and memory bandwidth) offered
 * on demand below a slower one. Allowed, so notes, not errors: pointer
 * "gpus.<id>.offers". Returns how many were found (notes may keep fewer). */
struct aic_diags;
size_t aic_catalogue_offer_notes(const struct aic_catalogue *c, struct aic_diags *notes);

#endif
