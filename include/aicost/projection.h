/* The pure cost model: scenario in, projection out. No I/O, no globals, no
 * clock; the same scenario and catalogue always give the same numbers.
 * Every formula is in docs/cost-model.md with its source. */
#ifndef AICOST_PROJECTION_H
#define AICOST_PROJECTION_H

#include <stdbool.h>
#include <stddef.h>

#include "aicost/bands.h"
#include "aicost/catalogue.h"
#include "aicost/date.h"
#include "aicost/diag.h"
#include "aicost/scenario.h"

/* Where the price of a GPU-hour came from (docs/catalogue.md, "Offers"). */
enum aic_price_basis {
  AIC_BASIS_NONE,     /* no GPU-hour was priced */
  AIC_BASIS_SCENARIO, /* the scenario's own price_per_gpu_hour_usd */
  AIC_BASIS_OWNED,    /* purchase price amortised, plus energy */
  AIC_BASIS_OFFER,    /* a catalogue offer, or a price the GPU lists without a provider */
};
/* How the offer was chosen. */
enum aic_offer_rule {
  AIC_RULE_LISTED,          /* the GPU's one price without a provider */
  AIC_RULE_MEDIAN,          /* no provider given: the median provider's offer */
  AIC_RULE_PROVIDER,        /* the provider's cheapest offer of the kind */
  AIC_RULE_PROVIDER_REGION, /* the provider's offer of the kind in the region */
};
struct aic_price_choice {
  enum aic_price_basis basis;
  enum aic_offer_kind kind; /* BASIS_OFFER */
  enum aic_offer_rule rule; /* BASIS_OFFER */
  /* BASIS_OFFER: the offer (provider and region NULL for a listed price;
   * source and as_of then the GPU entry's). Points into the catalogue or
   * the scenario, which outlive the projection. */
  struct aic_offer offer;
  size_t providers; /* AIC_RULE_MEDIAN: how many providers' offers were compared */
  double price_per_gpu_hour_usd;
  double
    kwh_per_gpu_hour; /* BASIS_OWNED: the electricity billed, as the energy block's; else NAN */
};

struct aic_stage_result {
  enum aic_stage_kind stage;
  enum aic_method method;
  bool measured; /* gpu_hours were given, not estimated */
  double flops;  /* NAN when measured */
  double mfu;    /* the utilisation the hours assume; NAN when measured */
  double gpu_hours;
  double days; /* wall-clock days on gpu_count GPUs */
  double compute_usd;
  double labelling_usd;
  double total_usd;
};

struct aic_self_hosted_result {
  double weights_bytes; /* per replica, at the serving precision */
  double kv_cache_bytes_per_token;
  double kv_cache_bytes_per_request;
  double gpus_per_replica;
  double tensor_parallel;           /* GPUs per tensor-parallel group (at most one node) */
  double pipeline_stages;           /* gpus_per_replica / tensor_parallel */
  double replicas;                  /* on day 1 */
  double gpus_total;                /* on day 1 */
  double prefill_ms;                /* one request's prompt, alone */
  double ttft_ms;                   /* mean time to first token at the planned load */
  double tpot_ms;                   /* mean time per output token at the planned load */
  double concurrency;               /* mean sequences in a replica at the planned load */
  double tokens_per_second_per_gpu; /* output tokens/s per GPU at max_batch, prefill included */
  double requests_per_second_per_replica; /* the planned load: capacity x target utilisation */
  double price_per_gpu_hour_usd;
  struct aic_price_choice price; /* where price_per_gpu_hour_usd came from */
  double max_batch;              /* after capping by what fits */
};

/* Which date chose the API prices of day 1 (docs/catalogue.md "Prices that
 * change on a date"). */
enum aic_price_date_basis {
  AIC_PRICE_DATE_NONE,      /* no date known: the entry has one period, dates do not matter */
  AIC_PRICE_DATE_START,     /* the scenario's start_date (then each day's own date) */
  AIC_PRICE_DATE_TODAY,     /* the request's today */
  AIC_PRICE_DATE_CATALOGUE, /* the catalogue's date */
};

/* From `day` on (2 ... horizon), the cost per request is new: a dated
 * price took effect on that day's date. */
struct aic_api_change {
  int day;
  const char *from; /* the date of the new prices, "YYYY-MM-DD" */
  double cost_per_request_usd;
};

/* How a vendor's token prices became a cost per request (api inference). */
struct aic_api_result {
  const char *id;
  enum aic_price_date_basis basis;
  long price_day;                 /* the date whose prices day 1 uses (not with basis NONE) */
  const char *period_from;        /* the start of those prices; NULL: the entry's first */
  double tier_above_input_tokens; /* the prompt-length tier billed; NAN: none */
  bool batch;
  double batch_price_factor; /* NAN when not batch */
  const char *batch_source;
  double off_peak_share;          /* 0 when none */
  struct aic_token_prices prices; /* billed on day 1 (tier chosen; before the batch factor) */
  struct aic_token_prices off_peak_prices; /* NAN when no off-peak share */
  size_t n_changes;
  struct aic_api_change changes[AIC_API_PERIODS_MAX];
};

struct aic_series_point {
  int day;                     /* last day of the period (1-based) */
  int days;                    /* days in the period */
  double requests_per_day;     /* on `day` */
  double daily_inference_usd;  /* inference cost on `day` */
  double period_inference_usd; /* inference cost summed over the period */
  double cumulative_inference_usd;
  double training_usd; /* paid on day 0, so constant */
  double cumulative_total_usd;
  double daily_kwh;        /* serving energy on `day`; NAN when unknown */
  double cumulative_tco2e; /* training + serving emissions to `day`; NAN when unknown */
};

/* How a side's site was chosen (docs/cost-model.md, "Energy and emissions"). */
enum aic_site_basis {
  AIC_SITE_NONE,     /* no site: PUE the default, no intensity unless given */
  AIC_SITE_SCENARIO, /* the scenario's site */
  AIC_SITE_OFFER,    /* the site of the priced offer's provider and region */
};

/* The power one side (training or serving) draws per GPU, and why. */
struct aic_energy_side {
  bool known;       /* energy computed (the GPU's power and the factors known) */
  const char *site; /* the site's id, or NULL */
  enum aic_site_basis site_basis;
  double power_w; /* board power */
  double draw_fraction;
  double server_overhead;
  double pue;
  double gco2e_per_kwh;    /* NAN: unknown, so emissions are null */
  double kwh_per_gpu_hour; /* power_w / 1000 x draw x overhead x PUE */
};

struct aic_stage_energy {
  enum aic_stage_kind stage;
  double kwh;
  double tco2e;
};

/* Energy and emissions beside the dollars; NAN wherever unknown (never 0
 * for unknown). tCO2e are metric tonnes. */
struct aic_energy_result {
  struct aic_energy_side training, serving;
  size_t n_stages;
  struct aic_stage_energy stages[AIC_STAGE_COUNT];
  double training_kwh;
  double training_tco2e;
  /* serving, day 1 */
  double kwh_per_day;
  double tco2e_per_day;
  double wh_per_request;
  double kwh_per_million_tokens;
  double annual_kwh; /* 365 x day 1 */
  double annual_tco2e;
  /* over the horizon */
  double horizon_kwh;
  double horizon_tco2e;
  double total_kwh; /* training + horizon */
  double total_tco2e;
  int crossover_day_kwh; /* serving's cumulative kWh reach training's; 0 = none */
  int crossover_day_tco2e;
  /* the carbon line, USD (NAN without carbon_price_usd_per_t) */
  double carbon_price_usd_per_t;
  double carbon_training_usd;
  double carbon_daily_usd;   /* day 1's serving */
  double carbon_horizon_usd; /* serving over the horizon */
  double carbon_total_usd;
  double total_with_carbon_usd; /* the projection's total_usd + carbon_total_usd */
};

struct aic_projection {
  const char *name;
  /* training */
  double training_total_usd;
  bool training_lump_sum;
  double training_price_per_gpu_hour_usd; /* NAN when no stage was costed */
  struct aic_price_choice training_price; /* where it came from */
  size_t n_stages;
  struct aic_stage_result stages[AIC_STAGE_COUNT];
  /* inference, on day 1 */
  enum aic_inference_kind inference_kind;
  double cost_per_request_usd; /* NAN when day 1 has no traffic and the cost is not per request */
  double daily_usd;
  double annual_usd;                  /* 365 x daily_usd */
  double cost_per_million_tokens_usd; /* NAN when requests carry no tokens */
  bool self_hosted;
  struct aic_self_hosted_result sh;
  bool api;
  struct aic_api_result api_billing;
  /* over the horizon */
  int horizon_days;
  enum aic_granularity granularity;
  bool has_start_date;
  long start_day; /* day number of day 1 (aicost/date.h) */
  double requests_total;
  double inference_usd;
  double total_usd;
  double inference_share;                   /* NAN when total is 0 */
  int crossover_day;                        /* 0 = none within the horizon */
  double break_even_requests_per_day;       /* NAN when undefined */
  double fully_loaded_cost_per_request_usd; /* NAN when no requests */
  size_t n_series;
  struct aic_series_point *series; /* owned; freed by aic_projection_release */
  double *cumulative_total_by_day; /* owned; horizon_days + 1 entries, [0] = training */
  struct aic_bands *bands;         /* owned; NULL unless aic_project_bands (aicost/bands.h) */
  struct aic_energy_result energy;
  struct aic_diags warnings; /* with codes, e.g. "training_state_exceeds_memory" */
};

/* Every energy figure NAN (unknown), no side known, no carbon price. */
void aic_energy_clear(struct aic_energy_result *e);

/* Projects one scenario. Returns AIC_OK, AIC_E_INVALID with every problem in
 * `errors` (pointers relative to the scenario root, e.g. "/model/layers"), or
 * AIC_E_NOMEM. On success the caller owns pj's arrays. */
int aic_project(const struct aic_catalogue *cat, const struct aic_scenario *sc,
                struct aic_projection *pj, struct aic_diags *errors);

/* Frees what aic_project allocated; safe on a zeroed or failed projection. */
void aic_projection_release(struct aic_projection *pj);

/* The first day (0 = the training day) whose cumulative total exceeds
 * budget_usd (a scenario's horizon budget); -1 when there is no budget
 * (NAN) or it lasts the horizon. */
int aic_budget_exhausted_day(const struct aic_projection *pj, double budget_usd);

#define AIC_COMPARE_MIN 2
#define AIC_COMPARE_MAX 16

/* Option `option` starts (day 0, training paid) at or above `other` in
 * cumulative total cost and drops below it on `day`, the first such day.
 * Only pairs where that happens within the horizon are listed. */
struct aic_overtake {
  size_t option;
  size_t other;
  int day;
};

struct aic_plan_choice; /* aicost/plan.h */

struct aic_comparison {
  int horizon_days;
  size_t n;
  struct aic_projection *projections; /* owned, n entries, in input order */
  size_t *rank;                       /* owned: input indices, cheapest total first */
  size_t n_overtakes;
  struct aic_overtake *overtakes; /* owned; ordered by day, then option, then other */
  /* borrowed, n entries or NULL: which options a plan chose (the reader's
   * aic_comparison_request_from_json gives them; the caller sets this
   * after aic_compare, for the renderings) */
  const struct aic_plan_choice *plans;
};

/* Projects 2 ... 16 scenarios over one horizon (it overrides each scenario's).
 * Error pointers are prefixed with "/scenarios/<i>". */
int aic_compare(const struct aic_catalogue *cat, const struct aic_scenario *scenarios, size_t n,
                int horizon_days, struct aic_comparison *out, struct aic_diags *errors);

void aic_comparison_release(struct aic_comparison *c);

#endif
