/* The default catalogue (config/catalogue.yaml, embedded at build time):
 * it loads, holds what issue 3 promises, is sorted for the core's binary
 * search, and answers lookups, suggestions and JSON. Figures checked here
 * are published ones, each with its source in the comment. Argument 1 is the
 * source root, to compare the embedded bytes with the file. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <dirent.h>
#include <regex.h>

#include "aicost/catalogue_io.h"
#include "catalogue_tables.h"

/* cmocka's assert_float_equal works in float; figures here need double. */
#define assert_near(a, b, tol)                                                                     \
  near_((double)(a), (double)(b), (double)(tol), #a, __FILE__, __LINE__)
static void
near_(double a, double b, double tol, const char *expr, const char *file, int line)
{
  if (!(fabs(a - b) <= tol))
    fail_msg("%s:%d: %s = %.17g, expected %.17g (tolerance %g)", file, line, expr, a, b, tol);
}

static const char *source_root;

static int
setup(void **state)
{
  struct aic_diags d = AIC_DIAGS_INIT;
  struct aic_catalogue *c = aic_catalogue_load_default(&d);

  for (size_t i = 0; i < d.n; i++)
    print_message("# %s: %s\n", d.v[i].pointer, d.v[i].detail);
  *state = c;
  return c == NULL ? -1 : 0;
}

static int
teardown(void **state)
{
  aic_catalogue_free(*state);
  return 0;
}

/* Issue 3 promises at least 10 GPUs and 15 models; issue 13 at least 300
 * API prices (the generated layer) and a date to measure their ages from. */
static void
promised_counts(void **state)
{
  const struct aic_catalogue *c = *state;

  assert_true(c->n_gpus >= 10);
  assert_true(c->n_models >= 15);
  assert_true(c->n_api_prices >= 300);
  assert_non_null(c->date);
  assert_true(c->defaults.stale_after_days > 0);
  assert_string_equal(c->currency, "USD");
  assert_true(strlen(c->version) > 0);
}

static void
assert_sorted_with_provenance(const void *base, size_t n, size_t size)
{
  for (size_t i = 0; i < n; i++) {
    /* every entry struct starts with id, name, source, as_of */
    const char *const *e = (const char *const *)(const void *)((const char *)base + i * size);

    assert_non_null(e[0]);
    assert_non_null(e[1]);
    assert_true(strlen(e[2]) > 0);
    assert_int_equal(strlen(e[3]), 10);
    if (i > 0) {
      const char *prev = *(const char *const *)(const void *)((const char *)base + (i - 1) * size);

      assert_true(strcmp(prev, e[0]) < 0);
    }
  }
}

/* The core binary-searches each section, and every entry must carry its
 * source and date: both are checked for every entry. */
static void
sorted_and_sourced(void **state)
{
  const struct aic_catalogue *c = *state;

  assert_sorted_with_provenance(c->gpus, c->n_gpus, sizeof *c->gpus);
  assert_sorted_with_provenance(c->models, c->n_models, sizeof *c->models);
  assert_sorted_with_provenance(c->api_prices, c->n_api_prices, sizeof *c->api_prices);
}

/* The GPUs and models the issue names are all there, by their ids. */
static void
named_entries_present(void **state)
{
  const struct aic_catalogue *c = *state;
  static const char *const gpus[] = { "a100-40gb-sxm", "a100-80gb-sxm", "h100-sxm", "h100-pcie",
                                      "h200-sxm",      "h800-sxm",      "b200",     "l4",
                                      "l40s",          "mi300x" };
  static const char *const models[] = {
    "llama-2-7b",     "llama-2-13b", "llama-2-70b",  "llama-3.1-8b", "llama-3.1-70b",
    "llama-3.1-405b", "mistral-7b",  "mixtral-8x7b", "qwen-2.5-7b",  "qwen-2.5-72b",
    "gemma-2-9b",     "gemma-2-27b", "deepseek-v3",  "gpt-3-175b",
  };
  static const char *const vendors[] = { "openai/",   "anthropic/", "google/",
                                         "deepseek/", "mistral/",   "together/meta-llama/" };

  for (size_t i = 0; i < sizeof gpus / sizeof *gpus; i++)
    assert_non_null(aic_catalogue_gpu(c, gpus[i]));
  for (size_t i = 0; i < sizeof models / sizeof *models; i++)
    assert_non_null(aic_catalogue_model(c, models[i]));
  for (size_t v = 0; v < sizeof vendors / sizeof *vendors; v++) {
    bool found = false;

    for (size_t i = 0; i < c->n_api_prices; i++)
      found = found || strncmp(c->api_prices[i].id, vendors[v], strlen(vendors[v])) == 0;
    assert_true(found);
  }
}

/* Published figures, exact as written in the datasheets (dense peaks). */
static void
published_gpu_figures(void **state)
{
  const struct aic_catalogue *c = *state;
  const struct aic_gpu *h100 = aic_catalogue_gpu(c, "h100-sxm");
  const struct aic_gpu *a100 = aic_catalogue_gpu(c, "a100-80gb-sxm");
  const struct aic_gpu *h200 = aic_catalogue_gpu(c, "h200-sxm");

  /* NVIDIA H100 SXM: 1,979 TFLOP/s bf16 with sparsity -> 989.5 dense; 3.35 TB/s; 700 W */
  assert_near(h100->peak_tflops[AIC_BF16], 989.5, 1e-9);
  assert_near(h100->peak_tflops[AIC_FP8], 1979, 1e-9);
  assert_near(h100->memory_bandwidth_tb_s, 3.35, 1e-12);
  assert_near(h100->power_w, 700, 0);
  /* AWS Capacity Blocks p5.48xlarge $39.33/h for 8 GPUs = $4.92 per GPU-hour, a
   * hand-checked capacity block; SkyPilot's AWS p5.48xlarge $98.32/h for 8 is
   * $12.29 on demand (config/catalogue.d/gpu-offers.yaml) */
  assert_near(
    aic_offer_pick(h100, AIC_OFFER_CAPACITY_BLOCK, "aws", NULL, NULL, NULL)->price_per_gpu_hour_usd,
    39.33 / 8, 0.005);
  assert_near(aic_offer_pick(h100, AIC_OFFER_ON_DEMAND, "aws", "us-east-1", NULL, NULL)
                ->price_per_gpu_hour_usd,
              98.32 / 8, 1e-9);
  /* offers replace the v2 prices on a v3 entry */
  assert_false(aic_has(h100->price_on_demand_usd));
  /* NVIDIA A100: 312 TFLOP/s bf16 dense, no FP8 (Ampere has none: absent is NAN) */
  assert_near(a100->peak_tflops[AIC_BF16], 312, 0);
  assert_false(aic_has(a100->peak_tflops[AIC_FP8]));
  /* H200: 141 GB at 4.8 TB/s (TensorRT-LLM H200 launch note) */
  assert_near(h200->memory_gib, 141, 0);
  assert_near(h200->memory_bandwidth_tb_s, 4.8, 1e-12);
}

/* DeepSeek-V3's MLA cache is 512 + 64 values per token per layer; the entry
 * encodes it so 2 x layers x kv_heads x head_dim = 61 x 576 exactly. */
static void
deepseek_mla_kv_cache(void **state)
{
  const struct aic_model *m = aic_catalogue_model(*state, "deepseek-v3");

  assert_non_null(m);
  assert_near(2 * m->layers * m->kv_heads * m->head_dim, 61 * (512 + 64), 0);
  /* 671B total, 37B active (arXiv:2412.19437) */
  assert_near(m->params_b, 671, 0);
  assert_near(m->active_params_b, 37, 0);
}

/* Dense models leave active_params_b absent (NAN = params_b); Mixtral 8x7B
 * gives 46.7B total and 12.9B active (Mistral's model card). */
static void
active_params(void **state)
{
  const struct aic_catalogue *c = *state;

  assert_false(aic_has(aic_catalogue_model(c, "llama-3.1-70b")->active_params_b));
  assert_near(aic_catalogue_model(c, "mixtral-8x7b")->params_b, 46.7, 1e-12);
  assert_near(aic_catalogue_model(c, "mixtral-8x7b")->active_params_b, 12.9, 1e-12);
}

/* Defaults: amortisation is Epoch AI's 1/(0.14 ln 10) = 3.102 years, to the
 * one decimal written; both default precisions are bf16. The fitted values
 * themselves are held to the fit by tests/calibration. */
static void
defaults(void **state)
{
  const struct aic_catalogue *c = *state;
  const struct aic_generation *d = aic_catalogue_generation(c, "default");

  assert_near(c->defaults.amortisation_years, 1 / (0.14 * log(10)), 0.01);
  assert_int_equal(c->defaults.training_precision, AIC_BF16);
  assert_int_equal(c->defaults.serving_precision, AIC_BF16);
  assert_true(c->defaults.mfu_cap > 0 && c->defaults.mfu_cap <= 1);
  assert_non_null(d);
  assert_string_equal(d->name, "default");
  /* The default row carries every value: it stands in for unknown parts. */
  assert_true(d->mfu_at_10b > 0 && d->serving_efficiency[AIC_CLASS_4] > 0);
  /* Every GPU names a generation and its interconnect (issue 14). */
  for (size_t i = 0; i < c->n_gpus; i++) {
    assert_non_null(c->gpus[i].generation);
    assert_true(c->gpus[i].interconnect_gb_s > 0);
  }
}

/* The figures issue 14 adds from the research drafts: B200's dense fp4
 * peak (NVIDIA's Blackwell table: 144 | 72 PF per 8 GPUs, sparse | dense),
 * H100 SXM's NVLink 900 GB/s (bidirectional, per GPU), and Mixtral's 8
 * experts with 2 per token (its config.json). */
static void
issue14_figures(void **state)
{
  const struct aic_catalogue *c = *state;

  assert_near(aic_catalogue_gpu(c, "b200")->peak_tflops[AIC_FP4], 9000, 0);
  assert_false(aic_has(aic_catalogue_gpu(c, "h100-sxm")->peak_tflops[AIC_FP4]));
  assert_near(aic_catalogue_gpu(c, "h100-sxm")->interconnect_gb_s, 900, 0);
  assert_near(aic_catalogue_gpu(c, "h800-sxm")->interconnect_gb_s, 400, 0);
  assert_string_equal(aic_catalogue_gpu(c, "h100-sxm")->generation, "hopper");
  assert_near(aic_catalogue_model(c, "mixtral-8x7b")->experts, 8, 0);
  assert_near(aic_catalogue_model(c, "mixtral-8x7b")->experts_per_token, 2, 0);
  assert_false(aic_has(aic_catalogue_model(c, "llama-3.1-70b")->experts));
}

/* Prices: DeepSeek's own page (until and from 2025-09-05: 0.27 / 0.07 /
 * 1.10 with half price at night, then 0.56 / 0.07 / 1.68, then V3.2's
 * 0.28 / 0.028 / 0.42); a vendor without a cache price has it absent, not
 * zero; a price with prompt-length tiers keeps them (Gemini 2.5 Pro over
 * 200K tokens: $2.50 / $15); the batch discounts are there. */
static void
api_prices(void **state)
{
  const struct aic_catalogue *c = *state;
  const struct aic_api_price *p = aic_catalogue_api_price(c, "deepseek/deepseek-chat");
  const struct aic_api_price *g = aic_catalogue_api_price(c, "google/gemini-2.5-pro");
  const struct aic_api_price *m = aic_catalogue_api_price(c, "mistral/mistral-large");

  assert_non_null(p);
  assert_int_equal(aic_api_n_periods(p), 3);
  assert_near(p->first.prices.input_per_mtok_usd, 0.27, 1e-12);
  assert_true(p->first.has_off_peak);
  assert_near(p->first.off_peak.prices.output_per_mtok_usd, 0.55, 1e-12);
  assert_string_equal(p->first.off_peak.start_utc, "16:30");
  assert_string_equal(p->changes[0].from, "2025-09-05");
  assert_near(p->changes[0].prices.input_per_mtok_usd, 0.56, 1e-12);
  assert_near(p->changes[0].prices.cached_input_per_mtok_usd, 0.07, 1e-12);
  assert_near(p->changes[0].prices.output_per_mtok_usd, 1.68, 1e-12);
  assert_false(p->changes[0].has_off_peak);
  assert_near(p->changes[1].prices.output_per_mtok_usd, 0.42, 1e-12);
  assert_non_null(g);
  assert_int_equal(g->first.n_tiers, 1);
  assert_near(g->first.tiers[0].above_input_tokens, 200000, 0);
  assert_near(g->first.tiers[0].prices.input_per_mtok_usd, 2.5, 1e-12);
  assert_near(g->first.tiers[0].prices.output_per_mtok_usd, 15, 1e-12);
  assert_non_null(m);
  assert_false(aic_has(m->first.prices.cached_input_per_mtok_usd));
  assert_non_null(aic_catalogue_api_batch(c, "openai/gpt-4o-mini"));
  assert_near(aic_catalogue_api_batch(c, "anthropic/claude-sonnet-4-5")->price_factor, 0.5, 0);
  assert_null(aic_catalogue_api_batch(c, "deepseek/deepseek-chat"));
}

/* Unknown ids are NULL and get the nearest known id as a suggestion. */
static void
lookups_and_suggestions(void **state)
{
  const struct aic_catalogue *c = *state;
  const char *out[3];
  size_t n;

  assert_null(aic_catalogue_gpu(c, "h100"));
  assert_null(aic_catalogue_gpu(c, "H100-SXM")); /* ids are case-sensitive */
  n = aic_catalogue_suggest(c, AIC_SECTION_GPUS, "h100-sxn", out, 3);
  assert_true(n >= 1);
  assert_string_equal(out[0], "h100-sxm");
  n = aic_catalogue_suggest(c, AIC_SECTION_MODELS, "llama3.1-70b", out, 1);
  assert_int_equal(n, 1);
  assert_string_equal(out[0], "llama-3.1-70b");
  n = aic_catalogue_suggest(c, AIC_SECTION_API_PRICES, "openai/gpt4o", out, 1);
  assert_int_equal(n, 1);
  assert_string_equal(out[0], "openai/gpt-4o");
}

/* JSON uses the YAML keys plus id; absent numbers are null, never missing. */
static void
json_shape(void **state)
{
  const struct aic_catalogue *c = *state;
  json_t *j = aic_catalogue_to_json(c);
  json_t *a100, *h100;

  assert_non_null(j);
  assert_string_equal(json_string_value(json_object_get(j, "hash")), c->hash);
  assert_int_equal(json_object_size(json_object_get(j, "gpus")), c->n_gpus);
  assert_int_equal(json_object_size(json_object_get(j, "models")), c->n_models);
  assert_int_equal(json_object_size(json_object_get(j, "api_prices")), c->n_api_prices);
  a100 = json_object_get(json_object_get(j, "gpus"), "a100-80gb-sxm");
  assert_string_equal(json_string_value(json_object_get(a100, "id")), "a100-80gb-sxm");
  assert_true(json_is_null(json_object_get(json_object_get(a100, "peak_tflops"), "fp8")));
  h100 = json_object_get(json_object_get(j, "gpus"), "h100-sxm");
  assert_true(
    json_is_null(json_object_get(json_object_get(h100, "price_per_hour_usd"), "on_demand")));
  assert_int_equal(json_array_size(json_object_get(h100, "offers")),
                   aic_catalogue_gpu(c, "h100-sxm")->n_offers);
  /* the median of the on-demand offers, as the core picks it */
  assert_near(
    json_real_value(
      json_object_get(json_object_get(json_object_get(h100, "default_offers"), "on_demand"),
                      "price_per_gpu_hour_usd")),
    aic_offer_pick(aic_catalogue_gpu(c, "h100-sxm"), AIC_OFFER_ON_DEMAND, NULL, NULL, NULL, NULL)
      ->price_per_gpu_hour_usd,
    0);
  assert_string_equal(
    json_string_value(json_object_get(json_object_get(j, "defaults"), "serving_precision")),
    "bf16");
  assert_true(json_is_null(json_object_get(
    json_object_get(json_object_get(j, "models"), "llama-2-7b"), "active_params_b")));
  json_decref(j);
}

/* The embedded bytes are config/catalogue.yaml itself (no stale copy). */
static void
embedded_matches_file(void **state)
{
  char path[1024];
  size_t len, got;
  const char *text = aic_catalogue_default_text(&len);
  FILE *f;
  char *buf;

  (void)state;
  snprintf(path, sizeof path, "%s/config/catalogue.yaml", source_root);
  f = fopen(path, "rb");
  assert_non_null(f);
  buf = malloc(len + 1);
  assert_non_null(buf);
  got = fread(buf, 1, len + 1, f);
  fclose(f);
  assert_int_equal(got, len);
  assert_memory_equal(buf, text, len);
  assert_int_equal(text[len], '\0');
  free(buf);
}

/* The embedded layers are config/catalogue.yaml and then every file of
 * config/catalogue.d/, in name order, byte for byte: a generated file added
 * to the directory and not to the build (config/meson.build,
 * catalogue_embedded.c) fails here. */
static int
by_name(const void *a, const void *b)
{
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void
embedded_layers_match_directory(void **state)
{
  struct aic_catalogue_layer layers[AIC_CATALOGUE_LAYERS_MAX];
  size_t n = aic_catalogue_default_layers(layers, AIC_CATALOGUE_LAYERS_MAX), k = 0;
  char dir[400], *names[AIC_CATALOGUE_LAYERS_MAX];
  DIR *d;
  struct dirent *e;

  (void)state;
  snprintf(dir, sizeof dir, "%s/config/catalogue.d", source_root);
  d = opendir(dir);
  assert_non_null(d);
  while ((e = readdir(d)) != NULL) {
    size_t l = strlen(e->d_name);

    if (l > 5 && strcmp(e->d_name + l - 5, ".yaml") == 0 && k < AIC_CATALOGUE_LAYERS_MAX)
      names[k++] = strdup(e->d_name);
  }
  closedir(d);
  qsort(names, k, sizeof names[0], by_name);
  assert_int_equal(n, k + 1);
  assert_string_equal(layers[0].name, "config/catalogue.yaml");
  for (size_t i = 0; i < k; i++) {
    char want[300], path[700];
    FILE *f;
    char *buf;

    snprintf(want, sizeof want, "config/catalogue.d/%s", names[i]);
    assert_string_equal(layers[i + 1].name, want);
    snprintf(path, sizeof path, "%s/%s", source_root, want);
    f = fopen(path, "rb");
    assert_non_null(f);
    buf = malloc(layers[i + 1].len + 1);
    assert_non_null(buf);
    assert_int_equal(fread(buf, 1, layers[i + 1].len + 1, f), layers[i + 1].len);
    assert_memory_equal(buf, layers[i + 1].text, layers[i + 1].len);
    fclose(f);
    free(buf);
    free(names[i]);
  }
}

/* The hash is FNV-1a 64 of the bytes before each file's closing "..." line,
 * in hex: 16 digits, the same on reload, different for different bytes; a
 * reload is a new object, freed alone. */
static void
hash_and_reload(void **state)
{
  const struct aic_catalogue *c = *state;
  struct aic_diags d = AIC_DIAGS_INIT;
  struct aic_catalogue_layer layers[AIC_CATALOGUE_LAYERS_MAX];
  size_t n = aic_catalogue_default_layers(layers, AIC_CATALOGUE_LAYERS_MAX);
  size_t len = layers[0].len;
  struct aic_catalogue *again = aic_catalogue_load_layers(layers, n, &d);
  char *edited = malloc(len + 2);
  struct aic_catalogue *other;

  assert_int_equal(strlen(c->hash), 16);
  assert_int_equal(strspn(c->hash, "0123456789abcdef"), 16);
  assert_non_null(again);
  assert_ptr_not_equal(again, c);
  assert_string_equal(again->hash, c->hash);
  aic_catalogue_free(again);
  assert_non_null(edited);
  edited[0] = '\n'; /* one more newline first: same content, new bytes */
  memcpy(edited + 1, layers[0].text, len);
  layers[0].text = edited;
  layers[0].len = len + 1;
  other = aic_catalogue_load_layers(layers, n, &d);
  assert_non_null(other);
  assert_string_not_equal(other->hash, c->hash);
  aic_catalogue_free(other);
  /* the closing "..." line and what follows it are not content: without
   * them (an older file) or with a comment after them, the same hash */
  assert_true(len > 4 && memcmp(edited + 1 + len - 4, "...\n", 4) == 0);
  layers[0].text = edited + 1;
  layers[0].len = len - 4;
  other = aic_catalogue_load_layers(layers, n, &d);
  assert_non_null(other);
  assert_string_equal(other->hash, c->hash);
  aic_catalogue_free(other);
  memmove(edited, edited + 1, len);
  memcpy(edited + len, "#\n", 2);
  layers[0].text = edited;
  layers[0].len = len + 2;
  other = aic_catalogue_load_layers(layers, n, &d);
  assert_non_null(other);
  assert_string_equal(other->hash, c->hash);
  aic_catalogue_free(other);
  free(edited);
  aic_catalogue_free(NULL); /* accepted, like free() */
}

/* The hash is pinned to the documented algorithm (FNV-1a 64 over the exact
 * bytes), computed here independently; the reference's own test vector
 * FNV-1a 64("a") = af63dc4c8601ec8c checks the constants used. */
static void
hash_is_fnv1a64(void **state)
{
  static const char text[] =
    "version: \"h\"\ncurrency: USD\n"
    "defaults: {mfu_cap: 0.45, mfu_size_exponent: 0.1, fine_tuning_mfu_factor: 0.9,"
    " lora_mfu_factor: 0.9, mfu_p10_factor: 0.7, mfu_p90_factor: 1.3, goodput: 0.9,"
    " rollout_mfu: 0.1, lora_adapter_fraction: 0.01, bandwidth_efficiency: 0.9,"
    " interconnect_gb_s: 64, interconnect_efficiency: 0.5, allreduce_latency_us: 10,"
    " serving_p10_factor: 0.7, serving_p90_factor: 1.3, target_utilization: 0.7,"
    " peak_to_average: 2, max_batch: 8, amortisation_years: 3.1, pue: 1.2,"
    " electricity_usd_per_kwh: 0.1, training_precision: bf16, serving_precision: bf16}\n"
    "generations: {default: {mfu_at_10b: 0.2, serving_efficiency: {bf16: 0.5, fp8: 0.5,"
    " fp4: 0.4}}}\n"
    "gpus: {}\nmodels: {}\napi_prices: {}\n";
  struct aic_diags d = AIC_DIAGS_INIT;
  struct aic_catalogue *c = aic_catalogue_load(text, sizeof text - 1, "h.yaml", &d);
  uint64_t h = 0xcbf29ce484222325ULL;
  char want[17];

  (void)state;
  for (size_t i = 0; i < sizeof text - 1; i++) {
    h ^= (unsigned char)text[i];
    h *= 0x100000001b3ULL;
  }
  snprintf(want, sizeof want, "%016llx", (unsigned long long)h);
  assert_non_null(c);
  assert_string_equal(c->hash, want);
  /* reference vector: FNV-1a 64("a") */
  h = (0xcbf29ce484222325ULL ^ 'a') * 0x100000001b3ULL;
  assert_true(h == 0xaf63dc4c8601ec8cULL);
  /* empty sections are allowed and give empty arrays */
  assert_int_equal(c->n_gpus, 0);
  assert_null(aic_catalogue_gpu(c, "h100-sxm"));
  aic_catalogue_free(c);
}

/* Layers add API prices and batch discounts to the base, and an entry
 * with an id the base has replaces it (a team's negotiated price). */
static void
layers(void **state)
{
  static const char add[] = "api_prices:\n"
                            "  acme/new:\n"
                            "    name: New\n"
                            "    input_per_mtok_usd: 1\n"
                            "    output_per_mtok_usd: 2\n"
                            "    source: test\n"
                            "    as_of: \"2026-01-01\"\n"
                            "api_batch:\n"
                            "  acme: {price_factor: 0.25, source: test, as_of: \"2026-01-01\"}\n";
  static const char dup[] = "api_prices:\n"
                            "  deepseek/deepseek-chat:\n"
                            "    name: Again\n"
                            "    input_per_mtok_usd: 1\n"
                            "    output_per_mtok_usd: 2\n"
                            "    source: test\n"
                            "    as_of: \"2026-01-01\"\n"
                            "gpus: {}\n";
  struct aic_catalogue_layer l[2];
  struct aic_diags d = AIC_DIAGS_INIT;
  struct aic_catalogue *c;

  (void)state;
  l[0].text = aic_catalogue_default_text(&l[0].len);
  l[0].name = "base.yaml";
  l[1] = (struct aic_catalogue_layer){ add, sizeof add - 1, "add.yaml" };
  c = aic_catalogue_load_layers(l, 2, &d);
  assert_non_null(c);
  assert_non_null(aic_catalogue_api_price(c, "acme/new"));
  assert_non_null(aic_catalogue_api_price(c, "deepseek/deepseek-chat"));
  assert_near(aic_catalogue_api_batch(c, "acme/new")->price_factor, 0.25, 0);
  assert_near(aic_catalogue_api_batch(c, "openai/gpt-4o")->price_factor, 0.5, 0);
  aic_catalogue_free(c);
  l[1] = (struct aic_catalogue_layer){ dup, sizeof dup - 1, "dup.yaml" };
  /* an overlay's entry replaces the same id whole (docs/catalogue.md,
   * "Layering catalogues"): a team's own price for a model wins */
  c = aic_catalogue_load_layers(l, 2, &d);
  assert_non_null(c);
  assert_string_equal(aic_catalogue_api_price(c, "deepseek/deepseek-chat")->name, "Again");
  aic_catalogue_free(c);
}

/* The catalogue's tables are consistent (every number row has a range,
 * every rule names members the table has), and the id pattern's C rule and
 * its regular expression (what JSON Schema checks) agree on every sample. */
static void
tables_lint_and_patterns_agree(void **state)
{
  static const char *const ids[] = {
    "h100-sxm",
    "openai/gpt-4o-mini",
    "llama-3.1-70b",
    "a",
    "0day",
    "x_y.z",
    "",
    "H100",
    "-x",
    ".x",
    "/x",
    "a b",
    "a+b",
    "é",
    "llama:70b",
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",  /* 64 */
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", /* 65 */
  };
  struct aic_diags d = AIC_DIAGS_INIT;
  regex_t re;

  (void)state;
  assert_int_equal(aic_table_lint(&aic_catalogue_table, &d), AIC_OK);
  assert_int_equal(regcomp(&re, aic_catalogue_id.regex, REG_EXTENDED | REG_NOSUB), 0);
  for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++) {
    bool c = aic_catalogue_id.match(ids[i], strlen(ids[i]));
    bool r = regexec(&re, ids[i], 0, NULL, 0) == 0;

    if (c != r)
      fail_msg("'%s': C says %d, the pattern %d", ids[i], c, r);
  }
  regfree(&re);
}

int
main(int argc, char **argv)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(promised_counts),
    cmocka_unit_test(tables_lint_and_patterns_agree),
    cmocka_unit_test(sorted_and_sourced),
    cmocka_unit_test(named_entries_present),
    cmocka_unit_test(published_gpu_figures),
    cmocka_unit_test(deepseek_mla_kv_cache),
    cmocka_unit_test(active_params),
    cmocka_unit_test(defaults),
    cmocka_unit_test(issue14_figures),
    cmocka_unit_test(api_prices),
    cmocka_unit_test(lookups_and_suggestions),
    cmocka_unit_test(json_shape),
    cmocka_unit_test(embedded_matches_file),
    cmocka_unit_test(hash_and_reload),
    cmocka_unit_test(embedded_layers_match_directory),
    cmocka_unit_test(layers),
    cmocka_unit_test(hash_is_fnv1a64),
  };

  source_root = argc > 1 ? argv[1] : ".";
  return cmocka_run_group_tests_name("catalogue_default", tests, setup, teardown);
}
