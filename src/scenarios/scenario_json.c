/* JSON scenario -> struct aic_scenario: the
 * scenario's own tables (the training section's are in
 * scenario_training.c, the GPU and model rows in src/catalogue), read by the
 * engine of src/schema. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "aicost/scenarios.h"
#include "num_format.h"
#include "scenario_read.h"

/* ENUM rows write an int. */
_Static_assert(sizeof(enum aic_granularity) == sizeof(int), "enum size");
_Static_assert(sizeof(enum aic_pricing) == sizeof(int), "enum size");

static const struct aic_enum_name granularity_values[] = {
  { "day", AIC_GRAN_DAY },
  { "week", AIC_GRAN_WEEK },
  { "month", AIC_GRAN_MONTH },
  { NULL, 0 },
};
static const struct aic_names granularity_names = { .v = granularity_values };
/* "reserved" is the name before catalogue v3 (docs/scenario.md): an alias
 * of reserved_1y, listed after it so that output spells reserved_1y. */
/* clang-format off */
static const struct aic_enum_name pricing_values[] = {
  { "on_demand", AIC_PRICING_ON_DEMAND },
  { "spot", AIC_PRICING_SPOT },
  { "reserved_1y", AIC_PRICING_RESERVED_1Y },
  { "reserved_3y", AIC_PRICING_RESERVED_3Y },
  { "capacity_block", AIC_PRICING_CAPACITY_BLOCK },
  { "owned", AIC_PRICING_OWNED },
  { "reserved", AIC_PRICING_RESERVED_1Y },
  { NULL, 0 },
};
/* clang-format on */
const struct aic_names sc_pricing_names = {
  .schema_name = "Pricing",
  .description =
    "How GPU-hours are priced: a catalogue offer of that kind (`on_demand`, `spot`, "
    "`reserved_1y`, `reserved_3y`, `capacity_block`; `reserved` is read as "
    "`reserved_1y`), or `owned`: purchase price amortised over "
    "`defaults.amortisation_years` plus the energy block's kWh (power × draw × server overhead × PUE) × electricity. Default "
    "on_demand.",
  .v = pricing_values,
};

/* ---- inference ---- */

/* The formats a KV cache is kept in (vLLM kv_cache_dtype, TensorRT-LLM
 * kv_cache_quant_algo). */
static const struct aic_enum_name kv_precision_values[] = {
  { "bf16", AIC_BF16 }, { "fp16", AIC_FP16 }, { "fp8", AIC_FP8 }, { "int8", AIC_INT8 }, { NULL, 0 },
};
static const struct aic_names kv_precision_names = {
  .noun = "KV cache precision",
  .description = "The KV cache's format; default 16-bit (32-bit when serving fp32/tf32), the "
                 "engines' default.",
  .v = kv_precision_values,
};

#define H(m) offsetof(struct aic_self_hosted, m)
/* clang-format off */
static const struct aic_field self_hosted_rows[] = {
  { "gpu", AIC_K_REF, H(gpu), .sub = &aic_gpu_table, .resolve = sc_resolve_gpu,
    .pattern = &aic_catalogue_id, .noun = "gpu", .required = true, .has_flag = true,
    .flag_offset = H(has_gpu), .has_inline_flag = true, .inline_flag_offset = H(gpu_inline),
    .example = "h100-sxm", .description = "A catalogue GPU id, or an inline GPU." },
  { "precision", AIC_K_ENUM, H(precision), .names = &aic_precision_names, .has_flag = true,
    .flag_offset = H(has_precision) },
  { "kv_cache_precision", AIC_K_ENUM, H(kv_precision), .names = &kv_precision_names,
    .has_flag = true, .flag_offset = H(has_kv_precision) },
  { "max_batch", AIC_K_REAL, H(max_batch), AIC_AT_LEAST(1, AIC_MAX_BATCH), .whole = true,
    .description = "Concurrent sequences per replica; default from the catalogue (64)." },
  { "gpus_per_replica", AIC_K_REAL, H(gpus_per_replica), AIC_AT_LEAST(1, 1e5), .whole = true,
    .description = "Default the width (1 … 64) that holds the weights and one request and is "
                   "cheapest per token." },
  { "gpus", AIC_K_REAL, H(gpus), AIC_AT_LEAST(1, AIC_MAX_GPUS), .whole = true,
    .description = "A fixed fleet; the bill is then gpus × 24 × hourly price." },
  { "target_utilization", AIC_K_REAL, H(target_utilization), AIC_FRACTION,
    .description = "Planned busy fraction at peak (0.7)." },
  { "pricing", AIC_K_ENUM, H(pricing), .names = &sc_pricing_names },
  SC_PROVIDER_ROWS(struct aic_self_hosted),
  { "price_per_gpu_hour_usd", AIC_K_REAL, H(price_per_gpu_hour_usd), .min = 0,
    .max = AIC_MAX_USD_PER_HOUR, .unit = "USD per GPU-hour",
    .description = "A negotiated rate, USD per GPU-hour." },
  { "compute_efficiency", AIC_K_REAL, H(compute_efficiency), AIC_FRACTION,
    .description = "Achieved / peak FLOP/s; default the catalogue's for the GPU's generation "
                   "and precision (fitted)." },
  { "bandwidth_efficiency", AIC_K_REAL, H(bandwidth_efficiency), AIC_FRACTION,
    .description = "Achieved / peak memory bandwidth; default the catalogue's (fitted)." },
  SC_ENERGY_ROWS(struct aic_self_hosted, energy),
  { 0 },
};
/* clang-format on */
static const struct aic_table self_hosted_table = {
  .name = "SelfHosted",
  .description = "A fleet sized for peak traffic (requests/day × peak_to_average / 86,400) at "
                 "`target_utilization`, or a fixed fleet of `gpus`.",
  .rows = self_hosted_rows,
};

#define I(m) offsetof(struct aic_inference, m)
/* clang-format off */
static const struct aic_field inference_rows[] = {
  { "cost_per_request_usd", AIC_K_REAL, I(cost_per_request_usd), .min = 0, .max = 1e4,
    .unit = "USD", .description = "A known price per answer, USD." },
  { "api", AIC_K_REF, I(api), .resolve = sc_resolve_api_price, .pattern = &aic_catalogue_id,
    .noun = "api price", .example = "openai/gpt-4o-mini",
    .description = "A catalogue API price id, `vendor/model`." },
  { "self_hosted", AIC_K_OBJECT, I(self_hosted), .sub = &self_hosted_table },
  /* ways of paying a vendor (api only: the core says so for the others) */
  { "batch", AIC_K_BOOL, I(batch), .dflt = "false",
    .description = "api only: bill at the vendor's batch price (the catalogue's api_batch "
                   "discount; an error naming the vendor where it has none)." },
  { "off_peak_share", AIC_K_REAL, I(off_peak_share), .min = 0, .max = 1, .dflt = "0",
    .description = "api only: the share of requests sent in the vendor's off-peak window, "
                   "billed at its off-peak prices (an error where the price has none)." },
  { 0 },
};
/* clang-format on */
/* The forms of inference, of which a scenario gives exactly one. */
static const struct {
  const char *member;
  enum aic_inference_kind kind;
} inference_forms[] = {
  { "cost_per_request_usd", AIC_INF_PER_REQUEST },
  { "api", AIC_INF_API },
  { "self_hosted", AIC_INF_SELF_HOSTED },
};
/* clang-format off */
static const struct aic_rule inference_rules[] = {
  { AIC_R_ONE_OF,
    .names = (const char *const[]){ "cost_per_request_usd", "api", "self_hosted", NULL } },
  { 0 },
};
/* clang-format on */

/* Which form was given (the rule reported any count but one). The object
 * has a member or three: a look along its keys beats a lookup per form. */
static int
inference_kind(const json_t *obj, struct aic_where *at, void *out, struct aic_run *run)
{
  struct aic_inference *inf = out;
  size_t given = 0;
  const char *key;
  json_t *v;

  (void)at;
  (void)run;
  inf->kind = AIC_INF_NONE;
  json_object_foreach((json_t *)obj, key, v)
  {
    for (size_t i = 0; i < sizeof inference_forms / sizeof inference_forms[0]; i++) {
      if (!json_is_null(v) && strcmp(key, inference_forms[i].member) == 0) {
        inf->kind = inference_forms[i].kind;
        given++;
      }
    }
  }
  if (given != 1)
    inf->kind = AIC_INF_NONE;
  return 0;
}

static const struct aic_table inference_table = {
  .name = "Inference",
  .description = "Exactly one of a fixed price per request, a vendor API, or a self-hosted fleet.",
  .rows = inference_rows,
  .rules = inference_rules,
  .check = inference_kind,
};

#define R(m) offsetof(struct aic_traffic, m)
#define PER_REQUEST(m, what)                                                                       \
  {                                                                                                \
#m, AIC_K_REAL, R(m), .min = 0, .max = AIC_MAX_TOKENS_REQ, .unit = "tokens", .dflt = "0",      \
                          .description = what                                                      \
  }
/* clang-format off */
static const struct aic_field traffic_rows[] = {
  { "requests_per_day", AIC_K_REAL, R(requests_per_day), .min = 0, .max = AIC_MAX_REQUESTS,
    .required = true, .description = "Requests on day 1." },
  { "monthly_growth", AIC_K_RANGE, R(monthly_growth), .min = -0.99, .max = 10, .dflt = "0",
    .range_offset = R(monthly_growth_range),
    .description = "Compound growth per month (0.05 = 5 %), or a range [low, high] of it: the "
                   "projection takes the midpoint and the bands sample the range uniformly." },
  { "max_requests_per_day", AIC_K_REAL, R(max_requests_per_day), .min = 0,
    .max = AIC_MAX_REQUESTS, .description = "A ceiling on growth." },
  { "peak_to_average", AIC_K_REAL, R(peak_to_average), AIC_AT_LEAST(1, AIC_MAX_PEAK_TO_AVERAGE),
    .description = "Peak / average traffic, for fleet sizing (2)." },
  PER_REQUEST(input_tokens, "Prompt tokens per request."),
  PER_REQUEST(cached_input_tokens,
              "The part of input_tokens read from the vendor's cache, billed at the cached rate."),
  PER_REQUEST(cache_write_tokens, "The part of input_tokens written to the vendor's cache, billed "
                                  "at the cache-write price (Anthropic: 1.25 × input)."),
  PER_REQUEST(cache_write_1h_tokens,
              "The part of input_tokens written to a 1-hour cache (Anthropic: 2 × input)."),
  PER_REQUEST(output_tokens, "Generated tokens per request."),
  PER_REQUEST(reasoning_tokens, "Reasoning tokens per request, generated besides output_tokens: "
                                "billed at the output price, counted as served, decoded by a "
                                "self-hosted fleet."),
  { 0 },
};
/* clang-format on */

static double
or_zero(double x)
{
  return aic_has(x) ? x : 0;
}

/* What JSON Schema cannot compare: a growth range runs from low to high;
 * cached tokens are the part of the input billed at the cached rate, and
 * the cache reads and writes together are parts of one prompt (an absent
 * input counts as 0). The core holds hand-built scenarios to the same. */
static int
traffic_check(const json_t *obj, struct aic_where *at, void *out, struct aic_run *run)
{
  const struct aic_traffic *t = out;
  double input = or_zero(t->input_tokens);
  char shown[AIC_NUM_TEXT_MAX];
  struct aic_where w;

  (void)obj;
  if (t->monthly_growth_range[0] > t->monthly_growth_range[1]) {
    aic_where_init(&w, at, NULL, "monthly_growth");
    aic_report(run, &w, "a range must be [low, high] with low <= high");
    return AIC_E_INVALID;
  }
  aic_num_format(input, shown);
  if (aic_has(t->cached_input_tokens) && t->cached_input_tokens > input) {
    aic_where_init(&w, at, NULL, "cached_input_tokens");
    aic_report(run, &w, "must be ≤ input_tokens (%s): cached tokens are part of the input", shown);
    return AIC_E_INVALID;
  }
  if (or_zero(t->cached_input_tokens) + or_zero(t->cache_write_tokens) +
        or_zero(t->cache_write_1h_tokens) >
      input) {
    aic_where_init(&w, at, NULL,
                   aic_has(t->cache_write_tokens) ? "cache_write_tokens" : "cache_write_1h_tokens");
    aic_report(run, &w,
               "cached_input_tokens, cache_write_tokens and cache_write_1h_tokens "
               "together must be ≤ input_tokens (%s): they are parts of the input",
               shown);
    return AIC_E_INVALID;
  }
  return 0;
}

const struct aic_table sc_traffic_table = {
  .name = "Traffic",
  .description = "Requests on day d = min(max_requests_per_day, requests_per_day · (1 + "
                 "monthly_growth)^((d − 1)·12/365)).",
  .rows = traffic_rows,
  .check = traffic_check,
};

/* ---- the scenario ---- */

static void
scenario_init(void *out)
{
  aic_scenario_init(out);
}

/* The codes the catalogue has rates for, for a message: "USD, CHF, EUR". */
static void
known_currencies(const struct aic_catalogue *cat, char *out, size_t cap)
{
  size_t used = (size_t)snprintf(out, cap, "USD");

  for (size_t i = 0; cat != NULL && i < cat->n_fx && used < cap; i++)
    used += (size_t)snprintf(out + used, cap - used, ", %s", cat->fx[i].id);
}

/* An answer in another currency needs the catalogue's rate for it. */
int
sc_currency_known(const char *currency, const struct aic_catalogue *cat, struct aic_where *at,
                  struct aic_run *run)
{
  struct aic_where w;
  char known[256];

  if (currency == NULL || strcmp(currency, "USD") == 0 || aic_catalogue_fx(cat, currency) != NULL)
    return 0;
  known_currencies(cat, known, sizeof known);
  aic_where_init(&w, at, NULL, "currency");
  aic_report(run, &w,
             "the catalogue has no exchange rate for '%s' (it has %s; a catalogue layer "
             "may add one under fx)",
             currency, known);
  return AIC_E_INVALID;
}

static int
scenario_check(const json_t *obj, struct aic_where *at, void *out, struct aic_run *run)
{
  const struct aic_scenario *sc = out;

  (void)obj;
  return sc_currency_known(sc->currency, run->ctx, at, run);
}

#define SC(m) offsetof(struct aic_scenario, m)
/* clang-format off */
static const struct aic_field scenario_rows[] = {
  { "name", AIC_K_STRING, SC(name), .max = 200, .description = "A label echoed in the projection." },
  /* accepted so that named scenarios (config/scenarios) can describe
   * themselves; not part of the projection */
  { "description", AIC_K_STRING, 0, .max = 2000, .validate_only = true,
    .description = "Free text; accepted and ignored (for named scenarios)." },
  { "currency", AIC_K_STRING, SC(currency), .pattern = &aic_currency_code, .dflt = "\"USD\"",
    .description = "The answer's money in this ISO 4217 currency, at the catalogue's rate (fx): "
                   "members named *_usd are then *_eur etc., and the JSON names the rate, its "
                   "source and date under `currency`. Costs are computed in US dollars." },
  { "horizon_days", AIC_K_INT, SC(horizon_days), AIC_AT_LEAST(AIC_HORIZON_MIN, AIC_HORIZON_MAX),
    .unit = "days", .dflt = "365", .description = "Days projected; training is paid on day 0." },
  { "granularity", AIC_K_ENUM, SC(granularity), .names = &granularity_names, .dflt = "\"month\"",
    .description = "Periods of the series. Months end on day round(k·365/12) (30, 61, 91, …, "
                   "365); the last period ends at the horizon." },
  { "start_date", AIC_K_DATE, SC(start_date),
    .description = "Day 1's date (YYYY-MM-DD). Every series point then carries its date, and "
                   "API prices that change on a date apply from that calendar day. Without it "
                   "the prices in force on `today` (else the catalogue's date) apply to every "
                   "day." },
  { "today", AIC_K_DATE, SC(today),
    .description = "The date prices' and exchange rates' ages are measured at (stale_price, "
                   "stale_fx warnings) and, without start_date, whose prices apply; default the "
                   "catalogue's date. The service reads no clock." },
  { "stale_after_days", AIC_K_REAL, SC(stale_after_days), AIC_AT_LEAST(0, 36500),
    .unit = "days",
    .description = "A price (or the answer's exchange rate) older than this many days before "
                   "`today` carries a stale_price (stale_fx) warning; default the catalogue's "
                   "defaults.stale_after_days." },
  { "carbon_price_usd_per_t", AIC_K_REAL, SC(carbon_price_usd_per_t),
    AIC_AT_LEAST(0, AIC_CARBON_PRICE_MAX), .unit = "USD per tonne CO2e",
    .description = "An internal carbon price: emissions priced as their own money line "
                   "(energy.carbon); absent: no carbon line." },
  /* a gate, not an input of the cost model: `aicost diff` fails past it */
  { "budget_usd", AIC_K_REAL, SC(budget_usd), .min = 0, .max = AIC_MAX_BUDGET_USD, .unit = "USD",
    .description = "The horizon budget: what the team may spend over horizon_days, training "
                   "included. The projection does not use it; `aicost diff` exits 3 when the "
                   "horizon total passes it (docs/cli.md)." },
  { "model", AIC_K_REF, SC(model), .sub = &aic_model_table, .resolve = sc_resolve_model,
    .pattern = &aic_catalogue_id, .noun = "model", .has_flag = true, .flag_offset = SC(has_model),
    .has_inline_flag = true, .inline_flag_offset = SC(model_inline), .example = "llama-3.1-70b",
    .description = "A catalogue model id, or an inline model with the catalogue's keys (only "
                   "those the computation needs)." },
  { "training", AIC_K_OBJECT, SC(training), .sub = &sc_training_table, .has_flag = true,
    .flag_offset = SC(training.present) },
  /* Both are required: a projection weighs training against serving, and
   * a missing serving side would be a silent zero. Training is optional. */
  { "inference", AIC_K_OBJECT, SC(inference), .sub = &inference_table, .required = true },
  { "traffic", AIC_K_OBJECT, SC(traffic), .sub = &sc_traffic_table, .required = true },
  { 0 },
};
/* clang-format on */
const struct aic_table sc_scenario_table = {
  .name = "Scenario",
  .description = "What a team plans to train and how it will serve it. Unknown members are "
                 "rejected (a typo never silently becomes a default).",
  .size = sizeof(struct aic_scenario),
  .rows = scenario_rows,
  .init = scenario_init,
  .check = scenario_check,
};

int
sc_read(const json_t *doc, const struct aic_catalogue *cat, const char *base,
        struct aic_scenario *sc, struct aic_run *run)
{
  run->ctx = (void *)(uintptr_t)cat;
  aic_scenario_init(sc);
  return aic_table_apply(&sc_scenario_table, doc, base, sc, run);
}

int
aic_scenario_from_json(const json_t *doc, const struct aic_catalogue *cat, const char *base,
                       struct aic_scenario *sc, struct aic_diags *errors)
{
  struct aic_run run;

  aic_run_init(&run, errors, NULL);
  return sc_read(doc, cat, base, sc, &run);
}
