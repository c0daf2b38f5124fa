#include "fixture.h"

#include <stdio.h>
#include <string.h>

/* Sorted by id (strcmp). test-gpu has round figures for hand computation
 * and no int4 peak, no reserved price; the H100s mirror the reference
 * sheet. */
/* offer-gpu's offers, in no order (the core must not rely on one): four
 * providers sell it on demand (each one's cheapest: b 1.5, a 2, c 3, d 4,
 * so the lower median is a's 2); a has two regions; two kinds besides. */
/* clang-format off */
static const struct aic_offer offers[] = {
  { .provider = "c", .region = "r1", .kind = AIC_OFFER_ON_DEMAND, .price_per_gpu_hour_usd = 3,
    .source = "c's page", .as_of = "2026-01-03" },
  { .provider = "a", .region = "west", .kind = AIC_OFFER_ON_DEMAND, .price_per_gpu_hour_usd = 2.5,
    .source = "a's page", .as_of = "2026-01-01" },
  { .provider = "a", .region = "east", .kind = AIC_OFFER_ON_DEMAND, .price_per_gpu_hour_usd = 2,
    .source = "a's page", .as_of = "2026-01-01" },
  { .provider = "d", .region = NULL, .kind = AIC_OFFER_ON_DEMAND, .price_per_gpu_hour_usd = 4,
    .source = "d's page", .as_of = "2026-01-04" },
  { .provider = "b", .region = "x", .kind = AIC_OFFER_ON_DEMAND, .price_per_gpu_hour_usd = 1.5,
    .source = "b's page", .as_of = "2026-01-02" },
  { .provider = "a", .region = "east", .kind = AIC_OFFER_SPOT, .price_per_gpu_hour_usd = 0.9,
    .source = "a's page", .as_of = "2026-01-01" },
  { .provider = "c", .region = "r1", .kind = AIC_OFFER_RESERVED_1Y, .price_per_gpu_hour_usd = 1.8,
    .source = "c's page", .as_of = "2026-01-03" },
};
/* clang-format on */

/* clang-format off */
static const struct aic_gpu gpus[] = {
  { .id = "h100-pcie", .name = "H100 PCIe", .memory_gib = 80, .memory_bandwidth_tb_s = 2.0,
    .peak_tflops = { 51, 378, 756, 756, 1513, 1513, XNAN, XNAN }, .power_w = 350,
    .training_draw_fraction = XNAN, .serving_draw_fraction = XNAN,
    .purchase_usd = 25000, .price_on_demand_usd = 2.5, .price_reserved_usd = 1.9,
    .interconnect_gb_s = 128, .generation = "hopper" },
  { .id = "h100-sxm", .name = "H100 SXM", .memory_gib = 80, .memory_bandwidth_tb_s = 3.35,
    .peak_tflops = { 67, 494, 989, 989, 1979, 1979, XNAN, XNAN }, .power_w = 700,
    .training_draw_fraction = XNAN, .serving_draw_fraction = XNAN,
    .purchase_usd = 30000, .price_on_demand_usd = 4.92, .price_reserved_usd = 2.5,
    .interconnect_gb_s = 900, .generation = "hopper" },
  { .id = "offer-gpu", .name = "Offered", .memory_gib = 80, .memory_bandwidth_tb_s = 2.0,
    .peak_tflops = { 100, 500, 1000, 1000, 2000, 2000, XNAN, XNAN }, .power_w = 700,
    .training_draw_fraction = XNAN, .serving_draw_fraction = XNAN,
    .purchase_usd = 30000, .offers = offers, .n_offers = sizeof offers / sizeof offers[0],
    .price_on_demand_usd = XNAN, .price_reserved_usd = XNAN, .interconnect_gb_s = XNAN },
  { .id = "test-gpu", .name = "Test GPU", .memory_gib = 80, .memory_bandwidth_tb_s = 2.0,
    .peak_tflops = { 100, 500, 1000, 1000, 2000, 2000, XNAN, 4000 }, .power_w = 700,
    .training_draw_fraction = XNAN, .serving_draw_fraction = XNAN,
    .purchase_usd = 30000, .price_on_demand_usd = 2.0, .price_reserved_usd = XNAN,
    .interconnect_gb_s = 800, .generation = "testgen" },
};
/* clang-format on */

/* clang-format off */
static const struct aic_model models[] = {
  /* Brown et al. 2020, table 2.1: 96 layers, d_model 12288, 96 heads of 128, context 2048. */
  { .id = "gpt-3-175b", .name = "GPT-3 175B", .params_b = 175, .active_params_b = XNAN,
    .layers = 96, .d_model = 12288, .heads = 96, .kv_heads = 96, .head_dim = 128,
    .context = 2048, .experts = XNAN, .experts_per_token = XNAN },
  /* Touvron et al. 2023 (Llama 2), table 1 and section 2.2: GQA with 8 KV heads. */
  { .id = "llama-2-70b", .name = "Llama 2 70B", .params_b = 70, .active_params_b = XNAN,
    .layers = 80, .d_model = 8192, .heads = 64, .kv_heads = 8, .head_dim = 128, .context = 4096,
    .experts = XNAN, .experts_per_token = XNAN },
  /* A catalogue entry that lacks its architecture. */
  { .id = "opaque-model", .name = "Opaque", .params_b = 7, .active_params_b = XNAN,
    .layers = XNAN, .d_model = XNAN, .heads = XNAN, .kv_heads = XNAN, .head_dim = XNAN,
    .context = XNAN, .experts = XNAN, .experts_per_token = XNAN },
  { .id = "test-model", .name = "Test 10B", .params_b = 10, .active_params_b = XNAN,
    .layers = 10, .d_model = 4096, .heads = 32, .kv_heads = 8, .head_dim = 128, .context = 4096,
    .experts = XNAN, .experts_per_token = XNAN },
  /* A mixture of experts: 40B resident, 10B active per token, 16 experts of
   * which 4 per token: an expert is (40 - 10) / (16 - 4) = 2.5B, shared 0. */
  { .id = "test-moe", .name = "Test MoE", .params_b = 40, .active_params_b = 10, .layers = 10,
    .d_model = 4096, .heads = 32, .kv_heads = 8, .head_dim = 128, .context = 4096,
    .experts = 16, .experts_per_token = 4 },
};
/* clang-format on */

/* Token prices, absent kinds NAN: (input, cached, write, write_1h, output). */
/* clang-format off */
#define TP(in, cached, write, write_1h, out)                                                        \
  { .input_per_mtok_usd = in, .cached_input_per_mtok_usd = cached,                                 \
    .cache_write_per_mtok_usd = write, .cache_write_1h_per_mtok_usd = write_1h,                    \
    .output_per_mtok_usd = out }
/* clang-format on */

/* Anthropic's price page (platform.claude.com/docs/en/about-claude/pricing,
 * 2026): Sonnet 4.5 $3 input, $3.75 5-minute cache write (1.25x), $6
 * 1-hour write (2x), $0.30 cache hit (0.1x), $15 output; prompts over 200K
 * input tokens $6 / $7.50 / $12 / $0.60 / $22.50, the whole request. */
static const struct aic_api_tier sonnet_tiers[] = {
  { .above_input_tokens = 200000, .prices = TP(6, 0.6, 7.5, 12, 22.5) },
};
/* DeepSeek's price page (api-docs.deepseek.com/quick_start/pricing): until
 * 16:00 UTC on 2025-09-05 deepseek-chat cost $0.27 input (cache miss),
 * $0.07 (hit), $1.10 output, and half that from 16:30 to 00:30 UTC; then
 * $0.56 / $0.07 / $1.68 and no night discount. */
static const struct aic_api_period deepseek_changes[] = {
  { .from = "2025-09-05", .prices = TP(0.56, 0.07, XNAN, XNAN, 1.68) },
};
/* Google's Gemini API price page: Gemini 2.5 Pro $1.25 input, $0.125
 * cached, $10 output for prompts up to 200K tokens; $2.50 / $0.25 / $15
 * above. */
static const struct aic_api_tier gemini_tiers[] = {
  { .above_input_tokens = 200000, .prices = TP(2.5, 0.25, XNAN, XNAN, 15) },
};
/* A launch price that ends: $2 / $10 until 2026-09-01, then $3 / $15. */
static const struct aic_api_period promo_changes[] = {
  { .from = "2026-09-01", .prices = TP(3, XNAN, XNAN, XNAN, 15) },
};

/* clang-format off */
static const struct aic_api_price apis[] = {
  { .id = "anthropic/claude-sonnet-4-5", .name = "Claude Sonnet 4.5",
    .first = { .prices = TP(3, 0.3, 3.75, 6, 15), .tiers = sonnet_tiers, .n_tiers = 1 } },
  { .id = "deepseek/deepseek-chat", .name = "DeepSeek chat",
    .first = { .prices = TP(0.27, 0.07, XNAN, XNAN, 1.10), .has_off_peak = true,
               .off_peak = { "16:30", "00:30", TP(0.135, 0.035, XNAN, XNAN, 0.55) } },
    .changes = deepseek_changes, .n_changes = 1 },
  { .id = "google/gemini-2.5-pro", .name = "Gemini 2.5 Pro",
    .first = { .prices = TP(1.25, 0.125, XNAN, XNAN, 10), .tiers = gemini_tiers, .n_tiers = 1 } },
  /* OpenAI's list price of GPT-4o mini: $0.15 / $0.075 / $0.60. */
  { .id = "openai/gpt-4o-mini", .name = "GPT-4o mini", .as_of = "2025-08-01",
    .first = { .prices = TP(0.15, 0.075, XNAN, XNAN, 0.6) } },
  { .id = "test/nocache", .name = "No cache", .first = { .prices = TP(1, XNAN, XNAN, XNAN, 2) } },
  { .id = "test/promo", .name = "Promotion", .first = { .prices = TP(2, XNAN, XNAN, XNAN, 10) },
    .changes = promo_changes, .n_changes = 1 },
  { .id = "test/vendor", .name = "Vendor", .first = { .prices = TP(3, 0.3, XNAN, XNAN, 15) } },
};
/* clang-format on */

/* Batch discounts: half of every price (OpenAI's and Anthropic's batch APIs). */
static const struct aic_api_batch batch[] = {
  { .id = "anthropic", .price_factor = 0.5, .source = "test" },
  { .id = "openai", .price_factor = 0.5, .source = "test" },
};

/* Round efficiencies: every generation computes at half its peak; the
 * prior is a flat 0.4 (exponent 0, factors 1) unless a case changes it. */
/* Sorted by id: a provider's region (offer-gpu's provider a sells in
 * "east") and a plain grid, round figures. */
/* clang-format off */
static const struct aic_site sites[] = {
  { .id = "clean", .name = "Clean grid", .pue = 1.2, .gco2e_per_kwh = 20, .year = 2023,
    .source = "test", .as_of = "2026-01-01" },
  { .id = "grid-a", .name = "a's east", .provider = "a", .region = "east", .pue = 1.1,
    .gco2e_per_kwh = 100, .year = 2023, .source = "test", .as_of = "2026-01-01" },
};
/* clang-format on */

static const struct aic_generation generations[] = {
  { .name = "default", .mfu_at_10b = 0.4, .serving_efficiency = { 0.5, 0.5, 0.5 } },
  { .name = "hopper", .mfu_at_10b = XNAN, .serving_efficiency = { 0.5, 0.5, XNAN } },
};

void
fixture_catalogue(struct aic_catalogue *c)
{
  memset(c, 0, sizeof *c);
  c->version = "test";
  c->currency = "USD";
  c->hash = "0";
  c->gpus = gpus;
  c->n_gpus = sizeof gpus / sizeof gpus[0];
  c->models = models;
  c->n_models = sizeof models / sizeof models[0];
  c->api_prices = apis;
  c->n_api_prices = sizeof apis / sizeof apis[0];
  c->api_batch = batch;
  c->n_api_batch = sizeof batch / sizeof batch[0];
  c->sites = sites;
  c->n_sites = sizeof sites / sizeof sites[0];
  c->generations = generations;
  c->n_generations = sizeof generations / sizeof generations[0];
  c->defaults.mfu_cap = 0.4;
  c->defaults.mfu_size_exponent = 0;
  c->defaults.fine_tuning_mfu_factor = 1;
  c->defaults.lora_mfu_factor = 1;
  c->defaults.mfu_p10_factor = 0.75;
  c->defaults.mfu_p90_factor = 1.3;
  c->defaults.goodput = 0.9;
  c->defaults.rollout_mfu = 0.1;
  c->defaults.lora_adapter_fraction = 0.01;
  c->defaults.bandwidth_efficiency = 0.5;
  c->defaults.interconnect_gb_s = 64;
  c->defaults.interconnect_efficiency = 0.5;
  c->defaults.allreduce_latency_us = 10;
  c->defaults.serving_p10_factor = 0.75;
  c->defaults.serving_p90_factor = 1.3;
  c->defaults.target_utilization = 0.5;
  c->defaults.peak_to_average = 2;
  c->defaults.max_batch = 64;
  c->defaults.amortisation_years = 3;
  c->defaults.pue = 1.25;
  c->defaults.electricity_usd_per_kwh = 0.077;
  /* round energy factors, so that hand computations stay short */
  c->defaults.training_draw_fraction = 0.75;
  c->defaults.serving_draw_fraction = 0.5;
  c->defaults.server_overhead = 2;
  c->defaults.stale_after_days = 120;
  c->defaults.training_precision = AIC_BF16;
  c->defaults.serving_precision = AIC_BF16;
}

void
fixture_scenario(struct aic_scenario *sc, const struct aic_catalogue *c)
{
  (void)c;
  aic_scenario_init(sc);
  sc->name = "test";
  sc->inference.kind = AIC_INF_PER_REQUEST;
  sc->inference.cost_per_request_usd = 0.005;
  sc->traffic.requests_per_day = 1000;
}

void
fixture_model(struct aic_scenario *sc, const struct aic_catalogue *c, const char *id)
{
  const struct aic_model *m = aic_catalogue_model(c, id);

  assert_non_null(m);
  sc->has_model = true;
  sc->model = *m;
  sc->model_inline = false;
}

void
fixture_training_gpu(struct aic_scenario *sc, const struct aic_catalogue *c, const char *id)
{
  const struct aic_gpu *g = aic_catalogue_gpu(c, id);

  assert_non_null(g);
  sc->training.present = true;
  sc->training.has_gpu = true;
  sc->training.gpu = *g;
  sc->training.gpu_inline = false;
  /* an intensity, so that only the energy tests see the emissions_unknown warning */
  sc->training.energy.gco2e_per_kwh = 400;
}

void
fixture_serving_gpu(struct aic_scenario *sc, const struct aic_catalogue *c, const char *id)
{
  const struct aic_gpu *g = aic_catalogue_gpu(c, id);

  assert_non_null(g);
  sc->inference.kind = AIC_INF_SELF_HOSTED;
  sc->inference.self_hosted.has_gpu = true;
  sc->inference.self_hosted.gpu = *g;
  sc->inference.self_hosted.gpu_inline = false;
  sc->inference.self_hosted.energy.gco2e_per_kwh = 400;
}

int
env_setup(void **state)
{
  static struct env e;

  memset(&e, 0, sizeof e);
  fixture_catalogue(&e.cat);
  fixture_scenario(&e.sc, &e.cat);
  *state = &e;
  return 0;
}

int
env_teardown(void **state)
{
  struct env *e = *state;

  aic_projection_release(&e->pj);
  return 0;
}

int
env_run(struct env *e)
{
  aic_projection_release(&e->pj);
  aic_diags_reset(&e->err);
  return aic_project(&e->cat, &e->sc, &e->pj, &e->err);
}

void
check_rel(double got, double want, double tol, const char *what, const char *file, int line)
{
  int ok;

  if (isnan(want))
    ok = isnan(got);
  else if (tol == 0)
    ok = got == want;
  else
    ok = fabs(got - want) <= tol * fabs(want);
  if (!ok) {
    print_error("%s:%d: %s = %.17g, want %.17g (tolerance %g)\n", file, line, what, got, want, tol);
    fail();
  }
}

int
has_diag(const struct aic_diags *d, const char *pointer, const char *part)
{
  size_t i;

  for (i = 0; i < d->n; i++) {
    if (strcmp(d->v[i].pointer, pointer) == 0 && strstr(d->v[i].detail, part) != NULL)
      return 1;
  }
  for (i = 0; i < d->n; i++)
    print_error("  have: %s%s%s: %s\n", d->v[i].code, d->v[i].code[0] ? " " : "", d->v[i].pointer,
                d->v[i].detail);
  print_error("  missing: %s containing '%s'\n", pointer, part);
  return 0;
}
