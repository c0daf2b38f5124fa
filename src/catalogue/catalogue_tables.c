/* The catalogue's tables (catalogue_tables.h): every key of
 * config/catalogue.yaml, its type, unit, range and whether it is required.
 * docs/catalogue.md is the user-facing version, with the sources.
 *
 * One bound per quantity, wherever it is given: a GPU in the catalogue and
 * a GPU inline in a scenario are read by the same rows. The ranges leave
 * room far beyond any real part (the largest GPU here has 192 GiB and
 * 8 TB/s) while refusing slips of a factor of 1,000 and keeping the cost
 * arithmetic finite. */
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "bounds.h"
#include "catalogue_tables.h"

#define ID_MAX 64

/* clang-format off */
static const struct aic_enum_name precision_values[] = {
  { "fp32", AIC_FP32 }, { "tf32", AIC_TF32 }, { "bf16", AIC_BF16 }, { "fp16", AIC_FP16 },
  { "fp8", AIC_FP8 },   { "int8", AIC_INT8 }, { "int4", AIC_INT4 }, { "fp4", AIC_FP4 },
  { NULL, 0 },
};
/* clang-format on */
const struct aic_names aic_precision_names = {
  .schema_name = "Precision",
  .noun = "precision",
  .description = "Numeric precision; sets the peak TFLOP/s used and, for serving, the bytes per "
                 "weight (4, 4, 2, 2, 1, 1, 0.5, 0.5). fp4 needs a GPU with an fp4 peak.",
  .v = precision_values,
};

/* The classes of compute precision that serving efficiencies are fitted for. */
static const struct aic_enum_name class_values[] = {
  { "bf16", AIC_CLASS_16 },
  { "fp8", AIC_CLASS_8 },
  { "fp4", AIC_CLASS_4 },
  { NULL, 0 },
};
static const struct aic_names class_names = {
  .noun = "precision class",
  .description = "bf16: 16 bits and wider, and int4 weight-only; fp8: fp8 and int8; fp4: fp4, "
                 "and int4 on int4 tensor cores.",
  .v = class_values,
};
/* ENUM rows write an int. */
_Static_assert(sizeof(enum aic_precision) == sizeof(int), "enum size");

static bool
id_match(const char *s, size_t len)
{
  if (len == 0 || len > ID_MAX)
    return false;
  if (!((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= '0' && s[0] <= '9')))
    return false;
  for (size_t i = 1; i < len; i++) {
    char c = s[i];

    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '/' ||
          c == '-'))
      return false;
  }
  return true;
}

const struct aic_pattern aic_catalogue_id = {
  .schema_name = "CatalogueId",
  .regex = "^[a-z0-9][a-z0-9._/-]{0,63}$",
  .what = "lower-case letters, digits and . _ / -, starting with a letter or digit, at most 64 "
          "characters",
  .description = "An id from the catalogue: lower-case letters, digits and . _ / -, starting "
                 "with a letter or digit, at most 64 characters.",
  .match = id_match,
};

static bool
usd_match(const char *s, size_t len)
{
  return len == 3 && memcmp(s, "USD", 3) == 0;
}

/* Every price here is in US dollars; another currency would be misread. */
static const struct aic_pattern usd = {
  .regex = "^USD$",
  .what = "USD",
  .match = usd_match,
};

static bool
currency_match(const char *s, size_t len)
{
  if (len != 3)
    return false;
  for (size_t i = 0; i < 3; i++)
    if (s[i] < 'A' || s[i] > 'Z')
      return false;
  return true;
}

/* An ISO 4217 currency code. */
const struct aic_pattern aic_currency_code = {
  .schema_name = "CurrencyCode",
  .regex = "^[A-Z]{3}$",
  .what = "an ISO 4217 code: three capital letters (EUR, GBP)",
  .description = "An ISO 4217 currency code: three capital letters.",
  .match = currency_match,
};

/* Where every entry says its figures come from, and when. */
/* clang-format off */
#define PROVENANCE(S)                                                                           \
  { "source", AIC_K_STRING, offsetof(S, source), .min = 1, .max = 1000, .required = true,       \
    .description = "Where the figures come from." },                                           \
  { "as_of", AIC_K_DATE, offsetof(S, as_of), .required = true,                                 \
    .description = "The date the figures were true." }
/* clang-format on */
/* clang-format off */
#define ID_AND_NAME(S)                                                                          \
  { "id", AIC_K_STRING, offsetof(S, id), .output_only = true },                                \
  { "name", AIC_K_STRING, offsetof(S, name), .min = 1, .max = 200, .required = true,           \
    .description = "A label for people." }
/* clang-format on */

/* ---- GPUs ---- */

#define G(m) offsetof(struct aic_gpu, m)
/* clang-format off */
static const struct aic_field gpu_price_rows[] = {
  { "on_demand", AIC_K_REAL, G(price_on_demand_usd), .min = 0, .max = AIC_MAX_USD_PER_HOUR,
    .unit = "USD per GPU-hour", .description = "The list price." },
  { "reserved", AIC_K_REAL, G(price_reserved_usd), .min = 0, .max = AIC_MAX_USD_PER_HOUR,
    .unit = "USD per GPU-hour", .description = "A committed-use price." },
  { 0 },
};
/* clang-format on */
/* the prices are members of the GPU itself, hence offset 0 and size 0 */
static const struct aic_table gpu_price_table = {
  .description = "Rental price per GPU-hour, USD, without a provider: an inline GPU's, or a "
                 "catalogue entry in the v2 form (entries give offers instead).",
  .rows = gpu_price_rows,
};

/* A GPU's rows, inline in a scenario and in the catalogue alike; only the
 * catalogue's entries carry offers (catalogue_offers.c). */
/* clang-format off */
#define GPU_ROWS                                                                               \
  ID_AND_NAME(struct aic_gpu),                                                                   \
  { "memory_gib", AIC_K_REAL, G(memory_gib), AIC_POSITIVE(1e5), .required = true, .unit = "GiB", \
    .description = "Device memory, GiB." },                                                     \
  { "memory_bandwidth_tb_s", AIC_K_REAL, G(memory_bandwidth_tb_s), AIC_POSITIVE(1e3),           \
    .required = true, .unit = "TB/s", .description = "Memory bandwidth, TB/s." },               \
  { "peak_tflops", AIC_K_NUMBERS, G(peak_tflops), AIC_POSITIVE(1e6), .required = true,          \
    .min_items = 1, .names = &aic_precision_names, .unit = "TFLOP/s",                           \
    .description = "Dense peak TFLOP/s (TOP/s for integers) per precision." },                  \
  { "power_w", AIC_K_REAL, G(power_w), AIC_POSITIVE(1e5), .unit = "W",                          \
    .description = "Board power, watts (owned pricing)." },                                     \
  { "purchase_usd", AIC_K_REAL, G(purchase_usd), .min = 0, .max = 1e8, .unit = "USD",           \
    .description = "Purchase price per GPU, USD (owned pricing)." },                            \
  { "training_draw_fraction", AIC_K_REAL, G(training_draw_fraction), AIC_POSITIVE(1),          \
    .description = "Measured average draw while training, as a fraction of power_w; absent: "   \
                   "defaults.training_draw_fraction." },                                       \
  { "serving_draw_fraction", AIC_K_REAL, G(serving_draw_fraction), AIC_POSITIVE(1),            \
    .description = "Measured average draw while serving, as a fraction of power_w; absent: "    \
                   "defaults.serving_draw_fraction." },                                        \
  { "price_per_hour_usd", AIC_K_OBJECT, 0, .sub = &gpu_price_table },                           \
  { "interconnect_gb_s", AIC_K_REAL, G(interconnect_gb_s), AIC_POSITIVE(1e5), .unit = "GB/s",   \
    .description = "Scale-up bandwidth per GPU, both directions (NVLink as NVIDIA quotes it: "  \
                   "H100 SXM 900 = 450 each way); a PCIe card its x16 link. Absent: "           \
                   "defaults.interconnect_gb_s." },                                             \
  { "generation", AIC_K_STRING, G(generation), .min = 1, .max = 40,                             \
    .description = "Architecture family (ampere, hopper, ...): which `generations` values "     \
                   "apply; absent or unlisted: the default row." },                             \
  PROVENANCE(struct aic_gpu)
/* clang-format on */

static const struct aic_field gpu_rows[] = {
  GPU_ROWS,
  { 0 },
};
const struct aic_table aic_gpu_table = {
  .name = "Gpu",
  .description = "A GPU: memory, bandwidth, peak throughput per precision and prices.",
  .size = sizeof(struct aic_gpu),
  .rows = gpu_rows,
};

/* clang-format off */
static const struct aic_field catalogue_gpu_rows[] = {
  GPU_ROWS,
  { "offers", AIC_K_ARRAY, G(offers), .count_offset = G(n_offers), .sub = &aic_offer_table,
    .max_items = AIC_OFFERS_MAX, .noun = "offers",
    .description = "Its prices by provider, kind and region (docs/catalogue.md, \"Offers\")." },
  { 0 },
};
/* clang-format on */
const struct aic_table aic_catalogue_gpu_table = {
  .name = "CatalogueGpu",
  .description = "A GPU of the catalogue: its specs and its offers.",
  .size = sizeof(struct aic_gpu),
  .rows = catalogue_gpu_rows,
  .check = cat_gpu_check,
};

/* ---- models ---- */

#define M(m) offsetof(struct aic_model, m)
/* clang-format off */
static const struct aic_field model_rows[] = {
  ID_AND_NAME(struct aic_model),
  { "params_b", AIC_K_REAL, M(params_b), AIC_POSITIVE(AIC_MAX_PARAMS_B), .required = true,
    .unit = "billions", .description = "Total parameters, billions." },
  { "active_params_b", AIC_K_REAL, M(active_params_b), AIC_POSITIVE(AIC_MAX_PARAMS_B),
    .unit = "billions",
    .description = "Parameters active per token (mixture of experts), billions; at most "
                   "params_b. Absent: all of them." },
  { "layers", AIC_K_REAL, M(layers), AIC_AT_LEAST(1, 1e4), .whole = true, .required = true,
    .description = "Transformer layers." },
  { "d_model", AIC_K_REAL, M(d_model), AIC_AT_LEAST(1, 1e6), .whole = true, .required = true,
    .description = "Hidden size." },
  { "heads", AIC_K_REAL, M(heads), AIC_AT_LEAST(1, 1e4), .whole = true, .required = true,
    .description = "Attention (query) heads." },
  { "kv_heads", AIC_K_REAL, M(kv_heads), AIC_AT_LEAST(1, 1e4), .whole = true, .required = true,
    .description = "Key/value heads (grouped-query attention); at most heads." },
  { "head_dim", AIC_K_REAL, M(head_dim), AIC_AT_LEAST(1, 1e5), .whole = true, .required = true,
    .description = "Size of one attention head." },
  { "context", AIC_K_REAL, M(context), AIC_AT_LEAST(1, 1e9), .whole = true, .required = true,
    .unit = "tokens", .description = "Context window, tokens." },
  { "experts", AIC_K_REAL, M(experts), AIC_AT_LEAST(2, 1e6), .whole = true,
    .description = "Mixture of experts: routed experts per MoE layer (shared ones are in "
                   "active_params_b); with experts_per_token." },
  { "experts_per_token", AIC_K_REAL, M(experts_per_token), AIC_AT_LEAST(1, 1e6), .whole = true,
    .description = "Routed experts a token uses; fewer than experts." },
  PROVENANCE(struct aic_model),
  { 0 },
};
/* clang-format on */

/* A mixture of experts gives both counts, and a token uses fewer experts
 * than there are: the decode model needs both (docs/cost-model.md). */
static int
check_experts(const json_t *obj, struct aic_where *at, void *out, struct aic_run *run)
{
  const struct aic_model *m = out;
  bool has_e = json_object_get(obj, "experts") != NULL;
  bool has_k = json_object_get(obj, "experts_per_token") != NULL;
  struct aic_where w;

  if (has_e != has_k) {
    aic_where_init(&w, at, NULL, has_e ? "experts_per_token" : "experts");
    aic_report(run, &w, "required with %s (a mixture of experts gives both)",
               has_e ? "experts" : "experts_per_token");
    return AIC_E_INVALID;
  }
  if (aic_has(m->experts) && aic_has(m->experts_per_token) &&
      !(m->experts_per_token < m->experts)) {
    aic_where_init(&w, at, NULL, "experts_per_token");
    aic_report(run, &w, "must be fewer than experts (%g)", m->experts);
    return AIC_E_INVALID;
  }
  return 0;
}
/* clang-format off */
static const struct aic_rule model_rules[] = {
  /* a mixture of experts activates part of its weights, never more */
  { AIC_R_NOT_ABOVE, .member = "active_params_b", .limit = "params_b" },
  /* grouped-query attention shares key/value heads among query heads */
  { AIC_R_NOT_ABOVE, .member = "kv_heads", .limit = "heads" },
  { 0 },
};
/* clang-format on */
const struct aic_table aic_model_table = {
  .name = "Model",
  .description = "A model: its size and the shape of its attention.",
  .size = sizeof(struct aic_model),
  .rows = model_rows,
  .rules = model_rules,
  .check = check_experts,
};

/* ---- API prices ---- */

/* The five token prices of a price set at offset m of S; input and output
 * are required wherever a price set is (docs/catalogue.md, "API price"). */
/* clang-format off */
#define PRICE_ROWS(S, m)                                                                        \
  { "input_per_mtok_usd", AIC_K_REAL, offsetof(S, m.input_per_mtok_usd), .min = 0,             \
    .max = AIC_MAX_USD_PER_MTOK, .required = true, .unit = "USD per million tokens",            \
    .description = "Input neither read from nor written to a cache, USD per million tokens." }, \
  { "cached_input_per_mtok_usd", AIC_K_REAL, offsetof(S, m.cached_input_per_mtok_usd),         \
    .min = 0, .max = AIC_MAX_USD_PER_MTOK, .unit = "USD per million tokens",                   \
    .description = "Input read from the cache (a hit); absent when the vendor has no such "      \
                   "price." },                                                                 \
  { "cache_write_per_mtok_usd", AIC_K_REAL, offsetof(S, m.cache_write_per_mtok_usd), .min = 0, \
    .max = AIC_MAX_USD_PER_MTOK, .unit = "USD per million tokens",                              \
    .description = "Input written to the cache (Anthropic's 5-minute kind: 1.25 x input)." },  \
  { "cache_write_1h_per_mtok_usd", AIC_K_REAL, offsetof(S, m.cache_write_1h_per_mtok_usd),     \
    .min = 0, .max = AIC_MAX_USD_PER_MTOK, .unit = "USD per million tokens",                   \
    .description = "Input written to a 1-hour cache (Anthropic: 2 x input)." },                \
  { "output_per_mtok_usd", AIC_K_REAL, offsetof(S, m.output_per_mtok_usd), .min = 0,           \
    .max = AIC_MAX_USD_PER_MTOK, .required = true, .unit = "USD per million tokens",            \
    .description = "Output, reasoning tokens included, USD per million tokens." }
/* clang-format on */

#define T(m) offsetof(struct aic_api_tier, m)
/* clang-format off */
static const struct aic_field api_tier_rows[] = {
  { "above_input_tokens", AIC_K_REAL, T(above_input_tokens), AIC_POSITIVE(1e9), .whole = true,
    .required = true, .unit = "tokens",
    .description = "A request whose input exceeds this many tokens is billed at this tier, every "
                   "token of it." },
  PRICE_ROWS(struct aic_api_tier, prices),
  { 0 },
};
/* clang-format on */
static const struct aic_table api_tier_table = {
  .name = "ApiTier",
  .description = "A prompt-length tier and its prices.",
  .size = sizeof(struct aic_api_tier),
  .rows = api_tier_rows,
};

static bool
utc_time_match(const char *s, size_t len)
{
  return len == 5 && s[2] == ':' && s[0] >= '0' && s[0] <= '2' && s[1] >= '0' && s[1] <= '9' &&
         (s[0] - '0') * 10 + (s[1] - '0') <= 23 && s[3] >= '0' && s[3] <= '5' && s[4] >= '0' &&
         s[4] <= '9';
}

static const struct aic_pattern utc_time = {
  .regex = "^([01][0-9]|2[0-3]):[0-5][0-9]$",
  .what = "a time of day as HH:MM (UTC)",
  .match = utc_time_match,
};

#define O(m) offsetof(struct aic_api_off_peak, m)
/* clang-format off */
static const struct aic_field off_peak_rows[] = {
  { "start_utc", AIC_K_STRING, O(start_utc), .pattern = &utc_time, .required = true,
    .description = "When the window starts, HH:MM UTC." },
  { "end_utc", AIC_K_STRING, O(end_utc), .pattern = &utc_time, .required = true,
    .description = "When it ends, HH:MM UTC (before the start: it wraps midnight)." },
  PRICE_ROWS(struct aic_api_off_peak, prices),
  { 0 },
};
/* clang-format on */
static const struct aic_table off_peak_table = {
  .name = "ApiOffPeak",
  .description = "A cheaper daily window and its prices, the same kinds as the standard ones.",
  .rows = off_peak_rows,
};

/* A period's prices, tiers and window, at member prefix `pfx` of S
 * ("first." for an entry's own, "" for a change). */
/* clang-format off */
#define PERIOD_ROWS(S, pfx)                                                                     \
  PRICE_ROWS(S, pfx prices),                                                                    \
  { "tiers", AIC_K_ARRAY, offsetof(S, pfx tiers), .count_offset = offsetof(S, pfx n_tiers),    \
    .min_items = 1, .max_items = AIC_API_TIERS_MAX, .sub = &api_tier_table, .noun = "tiers",   \
    .description = "Prompt-length tiers, rising, with the same kinds of price as the prices "    \
                   "they stand beside." },                                                     \
  { "off_peak", AIC_K_OBJECT, offsetof(S, pfx off_peak), .sub = &off_peak_table,               \
    .has_flag = true, .flag_offset = offsetof(S, pfx has_off_peak),                             \
    .description = "A cheaper daily window (not with tiers)." }
/* clang-format on */

#define P(m) offsetof(struct aic_api_period, m)
/* clang-format off */
static const struct aic_field api_change_rows[] = {
  { "from", AIC_K_DATE, P(from), .required = true,
    .description = "The date these prices take effect." },
  PERIOD_ROWS(struct aic_api_period, ),
  { 0 },
};
/* clang-format on */
static const struct aic_table api_change_table = {
  .name = "ApiPriceChange",
  .description = "Prices in force from a date on.",
  .size = sizeof(struct aic_api_period),
  .rows = api_change_rows,
};

#define A(m) offsetof(struct aic_api_price, m)
/* clang-format off */
static const struct aic_field api_price_rows[] = {
  ID_AND_NAME(struct aic_api_price),
  PERIOD_ROWS(struct aic_api_price, first.),
  { "changes", AIC_K_ARRAY, A(changes), .count_offset = A(n_changes), .min_items = 1,
    .max_items = AIC_API_PERIODS_MAX - 1, .sub = &api_change_table, .noun = "changes",
    .description = "Later prices, rising by date." },
  PROVENANCE(struct aic_api_price),
  { 0 },
};
/* clang-format on */

static const char *const kind_keys[] = {
  "cached_input_per_mtok_usd",
  "cache_write_per_mtok_usd",
  "cache_write_1h_per_mtok_usd",
};

static void
kinds_of(const struct aic_token_prices *p, bool has[3])
{
  has[0] = aic_has(p->cached_input_per_mtok_usd);
  has[1] = aic_has(p->cache_write_per_mtok_usd);
  has[2] = aic_has(p->cache_write_1h_per_mtok_usd);
}

/* A tier, a window or a change prices the kinds the prices beside it do:
 * a cache price in one and not the other would bill a kind of token in
 * some requests and refuse it in others. */
static bool
same_kinds(struct aic_run *run, struct aic_where *at, const struct aic_token_prices *beside,
           const struct aic_token_prices *p, const char *beside_name)
{
  bool want[3], got[3], ok = true;

  kinds_of(beside, want);
  kinds_of(p, got);
  for (int k = 0; k < 3; k++) {
    if (want[k] == got[k])
      continue;
    aic_report(run, at, "%s %s, which %s %s: give the same kinds of price",
               got[k] ? "gives" : "lacks", kind_keys[k], beside_name, got[k] ? "lacks" : "gives");
    ok = false;
  }
  return ok;
}

/* A period's own rules: tiers rise and price its kinds; a window is not
 * empty, prices its kinds, and does not stand beside tiers. */
static bool
check_period(struct aic_run *run, struct aic_where *at, const struct aic_api_period *p)
{
  struct aic_where tiers, off;
  bool ok = true;

  aic_where_init(&tiers, at, NULL, "tiers");
  for (size_t i = 0; i < p->n_tiers && p->tiers != NULL; i++) {
    char index[24];
    struct aic_where w;

    snprintf(index, sizeof index, "%zu", i);
    aic_where_init(&w, &tiers, NULL, index);
    ok = same_kinds(run, &w, &p->prices, &p->tiers[i].prices, "the prices it stands beside") && ok;
    if (i > 0 && !(p->tiers[i].above_input_tokens > p->tiers[i - 1].above_input_tokens)) {
      struct aic_where key;

      aic_where_init(&key, &w, NULL, "above_input_tokens");
      aic_report(run, &key, "must rise from tier to tier");
      ok = false;
    }
  }
  if (!p->has_off_peak)
    return ok;
  aic_where_init(&off, at, NULL, "off_peak");
  if (p->n_tiers > 0) {
    aic_report(run, &off,
               "a period has prompt-length tiers or an off-peak window, not both (no "
               "vendor publishes both)");
    ok = false;
  }
  if (p->off_peak.start_utc != NULL && p->off_peak.end_utc != NULL &&
      strcmp(p->off_peak.start_utc, p->off_peak.end_utc) == 0) {
    aic_report(run, &off, "start_utc and end_utc are the same time: the window is empty");
    ok = false;
  }
  return same_kinds(run, &off, &p->prices, &p->off_peak.prices, "the standard prices beside it") &&
         ok;
}

/* An API price's rules beyond its rows: each period's, changes rising by
 * date and pricing the kinds the entry's own prices do. */
static int
check_api_price(const json_t *obj, struct aic_where *at, void *out, struct aic_run *run)
{
  const struct aic_api_price *a = out;
  struct aic_where changes;
  bool ok = check_period(run, at, &a->first);

  (void)obj;
  aic_where_init(&changes, at, NULL, "changes");
  for (size_t k = 0; k < a->n_changes && a->changes != NULL; k++) {
    const struct aic_api_period *c = &a->changes[k];
    char index[24];
    struct aic_where w;

    snprintf(index, sizeof index, "%zu", k);
    aic_where_init(&w, &changes, NULL, index);
    if (k > 0 && c->from != NULL && a->changes[k - 1].from != NULL &&
        strcmp(c->from, a->changes[k - 1].from) <= 0) {
      struct aic_where key;

      aic_where_init(&key, &w, NULL, "from");
      aic_report(run, &key, "must be later than the previous change's");
      ok = false;
    }
    ok = same_kinds(run, &w, &a->first.prices, &c->prices, "the entry's own prices") && ok;
    ok = check_period(run, &w, c) && ok;
  }
  return ok ? 0 : AIC_E_INVALID;
}

const struct aic_table aic_api_price_table = {
  .name = "ApiPrice",
  .description = "A vendor's prices for a hosted model, per million tokens: its own, its "
                 "prompt-length tiers, an off-peak window and the dates they change "
                 "(docs/catalogue.md, \"Billing rules\").",
  .size = sizeof(struct aic_api_price),
  .rows = api_price_rows,
  .check = check_api_price,
};

#define B(m) offsetof(struct aic_api_batch, m)
/* clang-format off */
static const struct aic_field api_batch_rows[] = {
  { "id", AIC_K_STRING, B(id), .output_only = true },
  { "price_factor", AIC_K_REAL, B(price_factor), AIC_POSITIVE(1), .required = true,
    .description = "A batch request costs this times every token price (0.5: half)." },
  PROVENANCE(struct aic_api_batch),
  { 0 },
};
/* clang-format on */
const struct aic_table aic_api_batch_table = {
  .name = "ApiBatch",
  .description = "A vendor's (or one model's) batch discount: asynchronous jobs, answers within "
                 "a day.",
  .size = sizeof(struct aic_api_batch),
  .rows = api_batch_rows,
};

/* ---- exchange rates ---- */

#define FX(m) offsetof(struct aic_fx_rate, m)
/* clang-format off */
static const struct aic_field fx_rows[] = {
  { "id", AIC_K_STRING, FX(id), .output_only = true },
  { "per_usd", AIC_K_REAL, FX(per_usd), AIC_POSITIVE(1e9), .required = true,
    .description = "Units of this currency that one US dollar buys (a central bank's reference "
                   "rate: the ECB's EUR 1 = USD x gives 1 / x)." },
  PROVENANCE(struct aic_fx_rate),
  { 0 },
};
/* clang-format on */
const struct aic_table aic_fx_table = {
  .name = "FxRate",
  .description = "An exchange rate for answers in another currency; prices stay in US dollars "
                 "and only output money is converted.",
  .size = sizeof(struct aic_fx_rate),
  .rows = fx_rows,
};

/* ---- defaults ---- */

#define D(m) offsetof(struct aic_defaults, m)
/* clang-format off */
static const struct aic_field defaults_rows[] = {
  { "mfu_cap", AIC_K_REAL, D(mfu_cap), AIC_FRACTION, .required = true,
    .description = "The training MFU prior's cap (fitted)." },
  { "mfu_size_exponent", AIC_K_REAL, D(mfu_size_exponent), AIC_AT_LEAST(0, 1), .required = true,
    .description = "The prior's MFU grows as (active parameters / 1e10) to this power (fitted)." },
  { "fine_tuning_mfu_factor", AIC_K_REAL, D(fine_tuning_mfu_factor), AIC_FRACTION,
    .required = true, .description = "The prior's factor for fine-tuning and alignment." },
  { "lora_mfu_factor", AIC_K_REAL, D(lora_mfu_factor), AIC_FRACTION, .required = true,
    .description = "The prior's factor for LoRA (4N FLOPs per token at this share of full's MFU)." },
  { "mfu_p10_factor", AIC_K_REAL, D(mfu_p10_factor), AIC_FRACTION, .required = true,
    .description = "10th percentile of published / prior MFU (leave-one-out)." },
  { "mfu_p90_factor", AIC_K_REAL, D(mfu_p90_factor), AIC_AT_LEAST(1, 10), .required = true,
    .description = "90th percentile of published / prior MFU (leave-one-out)." },
  { "goodput", AIC_K_REAL, D(goodput), AIC_FRACTION, .required = true,
    .description = "Fraction of wall time doing useful training steps." },
  { "rollout_mfu", AIC_K_REAL, D(rollout_mfu), AIC_FRACTION, .required = true,
    .description = "RLHF generation utilisation (decode is memory-bound)." },
  { "lora_adapter_fraction", AIC_K_REAL, D(lora_adapter_fraction), AIC_AT_LEAST(0, 1),
    .required = true, .description = "LoRA adapters' share of the parameters, for memory." },
  { "bandwidth_efficiency", AIC_K_REAL, D(bandwidth_efficiency), AIC_FRACTION, .required = true,
    .description = "Inference: achieved / peak memory bandwidth (fitted)." },
  { "interconnect_gb_s", AIC_K_REAL, D(interconnect_gb_s), AIC_POSITIVE(1e5), .required = true,
    .unit = "GB/s", .description = "For GPUs that give none: PCIe Gen4 x16." },
  { "interconnect_efficiency", AIC_K_REAL, D(interconnect_efficiency), AIC_FRACTION,
    .required = true,
    .description = "All-reduce: achieved / one direction of interconnect_gb_s (fitted)." },
  { "allreduce_latency_us", AIC_K_REAL, D(allreduce_latency_us), AIC_AT_LEAST(0, 1e4),
    .required = true, .unit = "µs", .description = "The fixed cost of one all-reduce (fitted)." },
  { "serving_p10_factor", AIC_K_REAL, D(serving_p10_factor), AIC_FRACTION, .required = true,
    .description = "10th percentile of published / modelled serving speed (leave-one-out)." },
  { "serving_p90_factor", AIC_K_REAL, D(serving_p90_factor), AIC_AT_LEAST(1, 10),
    .required = true,
    .description = "90th percentile of published / modelled serving speed (leave-one-out)." },
  { "target_utilization", AIC_K_REAL, D(target_utilization), AIC_FRACTION, .required = true,
    .description = "Inference fleet: planned busy fraction at peak." },
  { "peak_to_average", AIC_K_REAL, D(peak_to_average), AIC_AT_LEAST(1, AIC_MAX_PEAK_TO_AVERAGE),
    .required = true, .description = "Peak traffic / average traffic." },
  { "max_batch", AIC_K_REAL, D(max_batch), AIC_AT_LEAST(1, AIC_MAX_BATCH), .whole = true,
    .required = true, .description = "Inference: concurrent sequences per replica." },
  { "amortisation_years", AIC_K_REAL, D(amortisation_years), AIC_POSITIVE(100), .required = true,
    .unit = "years", .description = "Owned hardware is paid off over this many years." },
  { "pue", AIC_K_REAL, D(pue), AIC_AT_LEAST(1, AIC_PUE_MAX), .required = true,
    .description = "Data-centre power usage effectiveness." },
  { "electricity_usd_per_kwh", AIC_K_REAL, D(electricity_usd_per_kwh), AIC_AT_LEAST(0, 10),
    .required = true, .unit = "USD per kWh", .description = "Electricity, USD per kWh." },
  { "training_draw_fraction", AIC_K_REAL, D(training_draw_fraction), AIC_POSITIVE(1),
    .description = "Average draw while training, as a fraction of board power (energy); absent: "
                   "no energy." },
  { "serving_draw_fraction", AIC_K_REAL, D(serving_draw_fraction), AIC_POSITIVE(1),
    .description = "Average draw while serving, as a fraction of board power (energy); absent: "
                   "no energy." },
  { "server_overhead", AIC_K_REAL, D(server_overhead), AIC_AT_LEAST(1, AIC_SERVER_OVERHEAD_MAX),
    .description = "A server's power per GPU over the GPU's own (CPUs, memory, fans, "
                   "networking); absent: no energy." },
  { "training_draw_fraction_low", AIC_K_REAL, D(training_draw_fraction_low), AIC_POSITIVE(1),
    .description = "The low end of training_draw_fraction's documented range (energy bands); "
                   "absent: the draw is a point." },
  { "training_draw_fraction_high", AIC_K_REAL, D(training_draw_fraction_high), AIC_POSITIVE(1),
    .description = "The high end of training_draw_fraction's documented range (energy bands)." },
  { "serving_draw_fraction_low", AIC_K_REAL, D(serving_draw_fraction_low), AIC_POSITIVE(1),
    .description = "The low end of serving_draw_fraction's documented range (energy bands); "
                   "absent: the draw is a point." },
  { "serving_draw_fraction_high", AIC_K_REAL, D(serving_draw_fraction_high), AIC_POSITIVE(1),
    .description = "The high end of serving_draw_fraction's documented range (energy bands)." },
  { "pue_low", AIC_K_REAL, D(pue_low), AIC_AT_LEAST(1, AIC_PUE_MAX),
    .description = "The low end of pue's documented range (energy bands, where no site or "
                   "scenario gives the PUE); absent: the PUE is a point." },
  { "pue_high", AIC_K_REAL, D(pue_high), AIC_AT_LEAST(1, AIC_PUE_MAX),
    .description = "The high end of pue's documented range (energy bands)." },
  { "stale_after_days", AIC_K_REAL, D(stale_after_days), AIC_AT_LEAST(0, 36500), .unit = "days",
    .description = "A price older than this (before today, else the catalogue's date) carries a "
                   "stale_price warning, an exchange rate a stale_fx one; absent: none does "
                   "unless a request asks." },
  { "training_precision", AIC_K_ENUM, D(training_precision), .names = &aic_precision_names,
    .required = true },
  { "serving_precision", AIC_K_ENUM, D(serving_precision), .names = &aic_precision_names,
    .required = true },
  { 0 },
};
/* clang-format on */
/* clang-format off */
static const struct aic_rule defaults_rules[] = {
  /* the energy bands' documented ends bracket the default they spread */
  { AIC_R_NOT_ABOVE, .member = "training_draw_fraction_low", .limit = "training_draw_fraction" },
  { AIC_R_NOT_ABOVE, .member = "training_draw_fraction", .limit = "training_draw_fraction_high" },
  { AIC_R_NOT_ABOVE, .member = "serving_draw_fraction_low", .limit = "serving_draw_fraction" },
  { AIC_R_NOT_ABOVE, .member = "serving_draw_fraction", .limit = "serving_draw_fraction_high" },
  { AIC_R_NOT_ABOVE, .member = "pue_low", .limit = "pue" },
  { AIC_R_NOT_ABOVE, .member = "pue", .limit = "pue_high" },
  { 0 },
};
/* clang-format on */
const struct aic_table aic_defaults_table = {
  .name = "Defaults",
  .description = "What scenarios fall back on; docs/catalogue.md gives each value's source.",
  .size = sizeof(struct aic_defaults),
  .rows = defaults_rows,
  .rules = defaults_rules,
};

/* ---- generations ---- */

#define N(m) offsetof(struct aic_generation, m)
/* clang-format off */
static const struct aic_field generation_rows[] = {
  { "name", AIC_K_STRING, N(name), .output_only = true },
  { "mfu_at_10b", AIC_K_REAL, N(mfu_at_10b), AIC_FRACTION,
    .description = "Training MFU of a 10B-active model on this generation (the prior's scale)." },
  { "serving_efficiency", AIC_K_NUMBERS, N(serving_efficiency), AIC_FRACTION,
    .names = &class_names,
    .description = "Achieved fraction of the dense peak when serving, by class of the "
                   "precision the products run at." },
  { 0 },
};
/* clang-format on */
const struct aic_table aic_generation_table = {
  .name = "Generation",
  .description = "Values fitted per GPU generation on tests/data/calibration; `default` stands "
                 "in for a generation without a row or a value.",
  .size = sizeof(struct aic_generation),
  .rows = generation_rows,
};

/* ---- the file ---- */

#define C(m) offsetof(struct aic_catalogue, m)
#define SECTION(key, member, table)                                                                \
  {                                                                                                \
    key, AIC_K_MAP, C(member), .count_offset = C(n_##member), .sub = &table,                       \
                               .pattern = &aic_catalogue_id, .required = true                      \
  }
/* clang-format off */
static const struct aic_field catalogue_rows[] = {
  { "version", AIC_K_STRING, C(version), .min = 1, .max = 100, .required = true,
    .description = "The catalogue's version, echoed in every answer." },
  { "currency", AIC_K_STRING, C(currency), .pattern = &usd, .required = true,
    .description = "Every price here is in US dollars." },
  { "hash", AIC_K_STRING, C(hash), .output_only = true },
  SECTION("gpus", gpus, aic_catalogue_gpu_table),
  SECTION("models", models, aic_model_table),
  SECTION("api_prices", api_prices, aic_api_price_table),
  { "api_batch", AIC_K_MAP, C(api_batch), .count_offset = C(n_api_batch),
    .sub = &aic_api_batch_table, .pattern = &aic_catalogue_id,
    .description = "Batch discounts by vendor (or api price id)." },
  { "date", AIC_K_DATE, C(date),
    .description = "The day the prices were last checked: their ages are measured from it "
                   "unless a request gives today." },
  SECTION("generations", generations, aic_generation_table),
  { "sites", AIC_K_MAP, C(sites), .count_offset = C(n_sites), .sub = &aic_site_table,
    .pattern = &aic_catalogue_id,
    .description = "Where GPUs run: PUE and grid carbon intensity (docs/catalogue.md, "
                   "\"Sites\")." },
  { "defaults", AIC_K_OBJECT, C(defaults), .sub = &aic_defaults_table, .required = true },
  { "fx", AIC_K_MAP, C(fx), .count_offset = C(n_fx), .sub = &aic_fx_table,
    .pattern = &aic_currency_code,
    .description = "Exchange rates by ISO 4217 code, for answers in another currency "
                   "(a scenario's `currency`)." },
  { 0 },
};
/* clang-format on */

/* A precision named by the defaults must exist on every GPU, or a scenario
 * that relies on the default would fail on that GPU at request time. */
static int
check_default_precisions(const json_t *obj, struct aic_where *at, void *out, struct aic_run *run)
{
  static const char *const uses[] = { "training_precision", "serving_precision" };
  const struct aic_catalogue *c = out;
  const json_t *defaults = json_object_get(obj, "defaults"), *gpus = json_object_get(obj, "gpus");
  enum aic_precision p[2];
  bool named[2] = { false, false }, ok = true;

  for (size_t u = 0; u < 2; u++) {
    const char *name = json_string_value(json_object_get(defaults, uses[u]));

    named[u] = name != NULL && aic_precision_parse(name, &p[u]) == 0;
  }
  if (named[0] && named[1] && p[0] == p[1])
    named[1] = false; /* one message for one precision */
  for (size_t i = 0; i < c->n_gpus; i++) {
    const struct aic_gpu *g = &c->gpus[i];
    struct aic_where section, entry;

    if (!json_is_object(json_object_get(json_object_get(gpus, g->id), "peak_tflops")))
      continue; /* reported already */
    aic_where_init(&section, at, NULL, "gpus");
    aic_where_init(&entry, &section, NULL, g->id);
    for (size_t u = 0; u < 2; u++) {
      struct aic_where w;

      if (!named[u] || aic_has(g->peak_tflops[p[u]]))
        continue;
      aic_where_init(&w, &entry, NULL, "peak_tflops");
      aic_report(run, &w, "has no %s, which defaults.%s names", aic_precision_name(p[u]), uses[u]);
      ok = false;
    }
  }
  return ok ? 0 : AIC_E_INVALID;
}

/* The default generation stands in for every other: it must hold every
 * value, or a GPU of an unlisted generation would compute with nothing. */
static int
check_default_generation(const json_t *obj, struct aic_where *at, void *out, struct aic_run *run)
{
  const struct aic_catalogue *c = out;
  const struct aic_generation *d = NULL;
  struct aic_where section, entry;
  bool complete;

  if (!json_is_object(json_object_get(obj, "generations")))
    return 0; /* reported already */
  for (size_t i = 0; i < c->n_generations; i++)
    if (strcmp(c->generations[i].name, "default") == 0)
      d = &c->generations[i];
  aic_where_init(&section, at, NULL, "generations");
  aic_where_init(&entry, &section, NULL, "default");
  complete = d != NULL && aic_has(d->mfu_at_10b);
  for (int k = 0; d != NULL && k < AIC_CLASS_COUNT; k++)
    complete = complete && aic_has(d->serving_efficiency[k]);
  if (complete)
    return 0;
  aic_report(run, d != NULL ? &entry : &section,
             d != NULL ? "needs mfu_at_10b and serving_efficiency for bf16, fp8 and fp4 (it "
                         "stands in for every generation without them)"
                       : "needs a row named default (it stands in for every generation without "
                         "one)");
  return AIC_E_INVALID;
}

static int
check_catalogue(const json_t *obj, struct aic_where *at, void *out, struct aic_run *run)
{
  int a = check_default_precisions(obj, at, out, run);
  int b = check_default_generation(obj, at, out, run);
  int o = cat_offers_dated(at, out, run);
  int s = cat_sites_check(at, out, run);

  if (a < 0 || b < 0 || s < 0)
    return a < 0 ? a : b < 0 ? b : s;
  return a != 0 ? a : b != 0 ? b : o != 0 ? o : s;
}

const struct aic_table aic_catalogue_table = {
  .name = "Catalogue",
  .description = "The price catalogue: GPUs, models and vendor API prices, each with its source "
                 "and date, and the defaults scenarios fall back on (docs/catalogue.md).",
  .size = sizeof(struct aic_catalogue),
  .rows = catalogue_rows,
  .check = check_catalogue,
};

/* A layer (config/catalogue.d): API prices and batch discounts to add. */
/* clang-format off */
static const struct aic_field layer_rows[] = {
  { "api_prices", AIC_K_MAP, C(api_prices), .count_offset = C(n_api_prices),
    .sub = &aic_api_price_table, .pattern = &aic_catalogue_id },
  { "api_batch", AIC_K_MAP, C(api_batch), .count_offset = C(n_api_batch),
    .sub = &aic_api_batch_table, .pattern = &aic_catalogue_id },
  { "fx", AIC_K_MAP, C(fx), .count_offset = C(n_fx), .sub = &aic_fx_table,
    .pattern = &aic_currency_code },
  { 0 },
};
/* clang-format on */
const struct aic_table aic_catalogue_layer_table = {
  .name = "CatalogueLayer",
  .description = "A file layered on the catalogue: API prices, batch discounts and exchange "
                 "rates it adds.",
  .size = sizeof(struct aic_catalogue),
  .rows = layer_rows,
};
