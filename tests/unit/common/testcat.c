/* Figures follow config/catalogue.yaml as of 2026-11-26 where they exist;
 * the tests only rely on them being fixed here. Sorted by id (strcmp). */
#include <math.h>

#include "testcat.h"

#define NO ((double)NAN)

/* clang-format off */
static const struct aic_gpu gpus[] = {
  { .id = "a100-80gb-sxm", .name = "NVIDIA A100 SXM4 80GB", .memory_gib = 80,
    .memory_bandwidth_tb_s = 2.039, .peak_tflops = { 19.5, 156, 312, 312, NO, 624, 1248, NO },
    .power_w = 400,
    .training_draw_fraction = NO, .serving_draw_fraction = NO,
    .purchase_usd = 15000, .price_on_demand_usd = 1.79, .price_reserved_usd = 1.16,
    .interconnect_gb_s = 600, .generation = "ampere" },
  { .id = "h100-pcie", .name = "NVIDIA H100 PCIe 80GB", .memory_gib = 80,
    .memory_bandwidth_tb_s = 2.0, .peak_tflops = { 51, 378, 756, 756, 1513, 1513, NO, NO },
    .power_w = 350,
    .training_draw_fraction = NO, .serving_draw_fraction = NO,
    .purchase_usd = 25000, .price_on_demand_usd = 2.49, .price_reserved_usd = 1.62,
    .interconnect_gb_s = 128, .generation = "hopper" },
  { .id = "h100-sxm", .name = "NVIDIA H100 SXM5 80GB", .memory_gib = 80,
    .memory_bandwidth_tb_s = 3.35, .peak_tflops = { 67, 494.5, 989.5, 989.5, 1979, 1979, NO, NO },
    .power_w = 700,
    .training_draw_fraction = NO, .serving_draw_fraction = NO,
    .purchase_usd = 30000, .price_on_demand_usd = 4.92, .price_reserved_usd = 1.94,
    .interconnect_gb_s = 900, .generation = "hopper" },
};
/* clang-format on */

/* Sorted by id; as config/catalogue.yaml's (sources shortened). */
/* clang-format off */
static const struct aic_site sites[] = {
  { .id = "aws/us-east-1", .name = "AWS us-east-1 (N. Virginia)", .provider = "aws",
    .region = "us-east-1", .pue = 1.15, .gco2e_per_kwh = 367, .year = 2023,
    .source = "AWS 2023 PUE; EIA 2023", .as_of = "2026-12-01" },
  { .id = "fr", .name = "France", .pue = 1.58, .gco2e_per_kwh = 56, .year = 2023,
    .source = "Ember 2023 via OWID; Uptime 2023", .as_of = "2026-12-01" },
  { .id = "us", .name = "United States, national average", .pue = 1.58, .gco2e_per_kwh = 367,
    .year = 2023, .source = "EIA 2023; Uptime 2023", .as_of = "2026-12-01" },
};
/* clang-format on */

/* clang-format off */
static const struct aic_model models[] = {
  { .id = "llama-2-70b", .name = "Llama 2 70B", .params_b = 68.98, .active_params_b = NO,
    .layers = 80, .d_model = 8192, .heads = 64, .kv_heads = 8, .head_dim = 128, .context = 4096,
    .experts = NO, .experts_per_token = NO },
  { .id = "llama-3.1-70b", .name = "Llama 3.1 70B", .params_b = 70.55, .active_params_b = NO,
    .layers = 80, .d_model = 8192, .heads = 64, .kv_heads = 8, .head_dim = 128, .context = 131072,
    .experts = NO, .experts_per_token = NO },
  { .id = "llama-3.1-8b", .name = "Llama 3.1 8B", .params_b = 8.03, .active_params_b = NO,
    .layers = 32, .d_model = 4096, .heads = 32, .kv_heads = 8, .head_dim = 128, .context = 131072,
    .experts = NO, .experts_per_token = NO },
};
/* clang-format on */

/* Token prices, absent kinds NO: (input, cached, write, write_1h, output). */
/* clang-format off */
#define TP(in, cached, write, write_1h, out)                                                        \
  { .input_per_mtok_usd = in, .cached_input_per_mtok_usd = cached,                                 \
    .cache_write_per_mtok_usd = write, .cache_write_1h_per_mtok_usd = write_1h,                    \
    .output_per_mtok_usd = out }
/* clang-format on */

/* DeepSeek's history as config/catalogue.yaml has it: half price at night
 * until 2025-09-05, then $0.56 / $0.07 / $1.68, then V3.2's prices. */
static const struct aic_api_period deepseek_changes[] = {
  { .from = "2025-09-05", .prices = TP(0.56, 0.07, NO, NO, 1.68) },
  { .from = "2025-09-29", .prices = TP(0.28, 0.028, NO, NO, 0.42) },
};

static const struct aic_api_batch batch[] = {
  { .id = "openai", .price_factor = 0.5, .source = "test", .as_of = "2026-11-02" },
};

/* The others never change: no tiers, no off-peak window. */
/* clang-format off */
static const struct aic_api_price apis[] = {
  { .id = "deepseek/deepseek-chat", .name = "DeepSeek chat",
    .first = { .prices = TP(0.27, 0.07, NO, NO, 1.10), .has_off_peak = true,
               .off_peak = { "16:30", "00:30", TP(0.135, 0.035, NO, NO, 0.55) } },
    .changes = deepseek_changes, .n_changes = 2 },
  { .id = "openai/gpt-4o", .name = "OpenAI GPT-4o", .first = { .prices = TP(2.5, 1.25, NO, NO, 10) } },
  { .id = "openai/gpt-4o-mini", .name = "OpenAI GPT-4o mini",
    .first = { .prices = TP(0.15, 0.075, NO, NO, 0.6) } },
};
/* clang-format on */

/* clang-format off */
static const struct aic_generation generations[] = {
  { .name = "ampere", .mfu_at_10b = 0.54, .serving_efficiency = { 0.63, NO, NO } },
  { .name = "default", .mfu_at_10b = 0.205, .serving_efficiency = { 0.46, 0.56, 0.36 } },
  { .name = "hopper", .mfu_at_10b = 0.205, .serving_efficiency = { 0.46, 0.56, NO } },
};
/* clang-format on */

static const struct aic_catalogue cat = {
  .version = "test-1",
  .currency = "USD",
  .hash = "0123abcd",
  .gpus = gpus,
  .n_gpus = sizeof gpus / sizeof gpus[0],
  .models = models,
  .n_models = sizeof models / sizeof models[0],
  .api_prices = apis,
  .n_api_prices = sizeof apis / sizeof apis[0],
  .api_batch = batch,
  .n_api_batch = sizeof batch / sizeof batch[0],
  .generations = generations,
  .sites = sites,
  .n_sites = sizeof sites / sizeof sites[0],
  .n_generations = sizeof generations / sizeof generations[0],
  .defaults = {
    .mfu_cap = 0.45, .mfu_size_exponent = 0.144, .fine_tuning_mfu_factor = 0.88,
    .lora_mfu_factor = 0.884, .mfu_p10_factor = 0.75, .mfu_p90_factor = 1.3,
    .goodput = 0.9, .rollout_mfu = 0.1, .lora_adapter_fraction = 0.01,
    .bandwidth_efficiency = 0.72, .interconnect_gb_s = 64, .interconnect_efficiency = 0.48,
    .allreduce_latency_us = 9, .serving_p10_factor = 0.75, .serving_p90_factor = 1.3,
    .target_utilization = 0.7, .peak_to_average = 2.0,
    .max_batch = 64, .amortisation_years = 3.1, .pue = 1.25, .electricity_usd_per_kwh = 0.077,
    .training_draw_fraction = 0.76, .serving_draw_fraction = 0.5, .server_overhead = 1.82,
    .stale_after_days = 120,
    .training_precision = AIC_BF16, .serving_precision = AIC_BF16,
  },
};

const struct aic_catalogue *
testcat(void)
{
  return &cat;
}
