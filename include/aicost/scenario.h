/* A scenario: what a team plans to train and how it will serve it.
 * Built by src/scenarios from JSON or YAML (ids already resolved against the
 * catalogue into copies of the entries, inline objects copied as given) or by
 * tests in code. Every optional double is NAN when not given; the core fills
 * it from the catalogue defaults. Strings point into storage that outlives
 * the scenario (the catalogue or the parsed document). Part of the pure core. */
#ifndef AICOST_SCENARIO_H
#define AICOST_SCENARIO_H

#include <stdbool.h>
#include <stddef.h>

#include "aicost/catalogue.h"

enum aic_granularity { AIC_GRAN_DAY, AIC_GRAN_WEEK, AIC_GRAN_MONTH };
/* A rented GPU-hour of one offer kind (the values of enum aic_offer_kind),
 * or owned hardware, amortised. */
enum aic_pricing {
  AIC_PRICING_ON_DEMAND = AIC_OFFER_ON_DEMAND,
  AIC_PRICING_SPOT = AIC_OFFER_SPOT,
  AIC_PRICING_RESERVED_1Y = AIC_OFFER_RESERVED_1Y,
  AIC_PRICING_RESERVED_3Y = AIC_OFFER_RESERVED_3Y,
  AIC_PRICING_CAPACITY_BLOCK = AIC_OFFER_CAPACITY_BLOCK,
  AIC_PRICING_OWNED = AIC_OFFER_KIND_COUNT,
};
enum aic_stage_kind {
  AIC_STAGE_PRETRAINING,
  AIC_STAGE_FINE_TUNING,
  AIC_STAGE_ALIGNMENT,
  AIC_STAGE_COUNT
};
enum aic_method {
  AIC_METHOD_NONE,
  AIC_METHOD_FULL,
  AIC_METHOD_LORA,
  AIC_METHOD_DPO,
  AIC_METHOD_RLHF
};
enum aic_inference_kind { AIC_INF_NONE, AIC_INF_PER_REQUEST, AIC_INF_API, AIC_INF_SELF_HOSTED };

#define AIC_HORIZON_MIN 1
#define AIC_HORIZON_MAX 3650
#define AIC_HORIZON_DEFAULT 365

/* The most requests a day that a scenario may give or grow to: about 12
 * million a second, beyond any product's traffic. A projection whose
 * growth carries past it is an error, not an absurd but finite number. */
#define AIC_REQUESTS_PER_DAY_MAX 1e12

/* The smallest efficiency or utilisation fraction (mfu, goodput,
 * rollout_mfu, compute_efficiency, bandwidth_efficiency,
 * target_utilization): each divides a bill, so 1e-300 was "in range" and
 * gave 1.3e300 GPUs. 1 % is ten times below any published figure (MFU of
 * large runs 14-51 %, Cottier et al. 2024); below it the value is a typo,
 * not a plan. */
#define AIC_FRACTION_MIN 0.01

/* The energy model's bounds (docs/catalogue.md, "Sites"), wherever a
 * value is given (scenario, site, catalogue default): the best data
 * centres report a PUE of 1.06-1.1 and the industry average is 1.58
 * (Uptime Institute 2023), so a PUE above 3 is a typo, not a plan; a
 * server's power over its GPUs' (CPUs, memory, networking) is bounded the
 * same way; the dirtiest national grids average about 1,000 g/kWh (coal),
 * so 2,000 leaves room and refuses a kg-for-g slip. The lower bounds are 1,
 * 1 and 0. */
#define AIC_PUE_MAX 3.0
#define AIC_SERVER_OVERHEAD_MAX 3.0
#define AIC_GCO2E_PER_KWH_MAX 2000.0

/* The highest internal carbon price a scenario may give, USD per tonne
 * CO2e: fifty times the US EPA's 2023 social cost of carbon ($190/t for
 * 2020 emissions); above it the value is a slip of units. */
#define AIC_CARBON_PRICE_MAX 10000

/* "day" "week" "month"; "on_demand" "spot" "reserved_1y" "reserved_3y"
 * "capacity_block" "owned" (parse also takes "reserved", the name before
 * catalogue v3, for reserved_1y); "pretraining" ...;
 * "full" "lora" "dpo" "rlhf"; parse returns 0 or -1. */
const char *aic_granularity_name(enum aic_granularity g);
int aic_granularity_parse(const char *s, enum aic_granularity *out);
const char *aic_pricing_name(enum aic_pricing p);
int aic_pricing_parse(const char *s, enum aic_pricing *out);
const char *aic_stage_name(enum aic_stage_kind s);
const char *aic_method_name(enum aic_method m);

/* Where and how GPUs draw power, for energy and emissions (docs/cost-model.md,
 * "Energy and emissions"). Every member may be absent (NULL, NAN): the
 * site then is the offer's region's, if the catalogue knows it, else none
 * (energy without emissions); each number the site's, the GPU's or the
 * catalogue's default. */
struct aic_energy_ask {
  bool has_site;
  struct aic_site site;   /* copy of the catalogue entry */
  double pue;             /* [1, 3] */
  double gco2e_per_kwh;   /* [0, 2000] */
  double draw_fraction;   /* (0, 1] */
  double server_overhead; /* [1, 3] */
};

/* One training stage. Either `tokens` (work to do, FLOPs estimated) or
 * `gpu_hours` (measured) is given. */
struct aic_stage {
  bool present;
  enum aic_method method; /* fine-tuning: FULL or LORA; alignment: DPO or RLHF; pretraining: NONE */
  double tokens;          /* pretraining and fine-tuning: tokens per epoch */
  double gpu_hours;       /* measured GPU-hours: replaces the FLOP estimate */
  double epochs;          /* fine-tuning and alignment; NAN = 1 */
  bool recompute; /* pretraining: full activation recomputation (8·N·D instead of 6·N·D) */
  bool attention; /* pretraining: add the attention term (needs layers, d_model) */
  double sequence_length; /* attention term; NAN = model context */
  /* alignment */
  double preference_pairs;      /* human comparisons collected */
  double tokens_per_pair;       /* tokens of a pair, prompt and both responses together */
  double label_cost_usd;        /* human labelling per pair; NAN = 0 */
  double reward_model_params_b; /* rlhf: reward and value model size; NAN = policy size */
  double ppo_episodes;          /* rlhf: prompts rolled out; NAN = preference_pairs */
  double rollout_tokens; /* rlhf: prompt + response tokens per episode; NAN = tokens_per_pair / 2 */
  double rollout_mfu;    /* rlhf: generation utilisation; NAN = defaults.rollout_mfu */
  /* fine-tuning LoRA: the frozen weights' precision (QLoRA: int4); default
   * the training precision */
  bool has_base_precision;
  enum aic_precision base_precision;
};

struct aic_training {
  bool present;
  double cost_usd; /* a known lump sum; when given, stages are not costed */
  bool has_gpu;
  struct aic_gpu gpu; /* copy of the catalogue entry or the inline object */
  bool gpu_inline;
  double gpu_count;
  enum aic_pricing pricing; /* default on_demand */
  const char *provider;     /* NULL = the catalogue's default rule */
  const char *region;       /* NULL = the provider's cheapest region */
  bool has_precision;
  enum aic_precision precision;  /* default defaults.training_precision */
  double mfu;                    /* NAN = the MFU prior (per stage) */
  double goodput;                /* NAN = defaults.goodput */
  double price_per_gpu_hour_usd; /* negotiated rate; NAN = catalogue rate for `pricing` */
  struct aic_energy_ask energy;
  struct aic_stage stages[AIC_STAGE_COUNT];
};

struct aic_self_hosted {
  bool has_gpu;
  struct aic_gpu gpu;
  bool gpu_inline;
  bool has_precision;
  enum aic_precision precision; /* default defaults.serving_precision */
  bool has_kv_precision;
  enum aic_precision kv_precision; /* bf16, fp16, fp8, int8; default aic_kv_precision_default */
  double max_batch;                /* NAN = defaults.max_batch */
  double gpus_per_replica;         /* NAN = the fewest that hold weights + KV cache */
  double gpus;                     /* a fixed fleet; NAN = sized for peak traffic */
  double target_utilization;       /* NAN = defaults.target_utilization */
  enum aic_pricing pricing;        /* default on_demand */
  const char *provider;            /* NULL = the catalogue's default rule */
  const char *region;              /* NULL = the provider's cheapest region */
  double price_per_gpu_hour_usd;   /* NAN = catalogue rate for `pricing` */
  double compute_efficiency;       /* NAN = the catalogue's for the GPU's generation */
  double bandwidth_efficiency;     /* NAN = defaults.bandwidth_efficiency */
  struct aic_energy_ask energy;
};

struct aic_inference {
  enum aic_inference_kind kind;
  double cost_per_request_usd; /* AIC_INF_PER_REQUEST */
  struct aic_api_price api;    /* AIC_INF_API: copy of the catalogue entry */
  bool batch;                  /* api: the vendor's batch price (catalogue api_batch) */
  double off_peak_share;       /* api: share of requests in the off-peak window; NAN = 0 */
  struct aic_self_hosted self_hosted;
};

struct aic_traffic {
  double requests_per_day; /* required */
  double monthly_growth;   /* NAN = 0 */
  /* A range [low, high] instead of one rate: the projection takes the
   * midpoint, the bands sample the range. NAN, NAN = one rate. */
  double monthly_growth_range[2];
  double max_requests_per_day; /* NAN = no ceiling */
  double peak_to_average;      /* NAN = defaults.peak_to_average */
  double input_tokens;         /* per request; NAN = 0 */
  double
    cached_input_tokens; /* per request, part of input_tokens billed at the cached rate; NAN = 0 */
  double cache_write_tokens; /* per request, part of input_tokens written to the cache; NAN = 0 */
  double
    cache_write_1h_tokens; /* per request, part of input_tokens written to a 1-hour cache; NAN = 0 */
  double output_tokens;    /* per request; NAN = 0 */
  double reasoning_tokens; /* per request, generated besides output_tokens; NAN = 0 */
};

struct aic_scenario {
  const char *name;     /* may be NULL */
  const char *currency; /* ISO 4217 code of the answer's money; NULL = USD. The renderers
                           convert (render_currency.c); the core only warns of an old rate */
  int horizon_days;     /* 1 ... 3650 */
  enum aic_granularity granularity;
  const char *start_date;  /* "YYYY-MM-DD" of day 1; NULL = none (no dates, prices of `today`) */
  const char *today;       /* "YYYY-MM-DD" prices' ages are measured at; NULL = catalogue date */
  double stale_after_days; /* NAN = defaults.stale_after_days */
  double carbon_price_usd_per_t; /* an internal carbon price; NAN = none (no carbon line) */
  double budget_usd;             /* NAN = none; the horizon budget, a gate (aicost diff),
                                     not an input of the projection */
  bool has_model;
  struct aic_model model;
  bool model_inline;
  struct aic_training training;
  struct aic_inference inference;
  struct aic_traffic traffic;
};

/* A scenario with every optional field absent (NAN), horizon 365, month series. */
void aic_scenario_init(struct aic_scenario *sc);

#endif
