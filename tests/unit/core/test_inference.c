/* Inference cost on day 1: per request, vendor API prices, and a self-hosted
 * fleet sized from the model and the GPU. */
#include <stdio.h>

#include "fixture.h"

#define GIB 1073741824.0

static void api(struct env *e, const char *id)
{
  const struct aic_api_price *a = aic_catalogue_api_price(&e->cat, id);

  assert_non_null(a);
  e->sc.inference.kind = AIC_INF_API;
  e->sc.inference.api = *a;
}

/* test-model on test-gpu, 1,000 input + 1,000 output tokens, 1e6 requests/day. */
static void self_hosted(struct env *e)
{
  fixture_model(&e->sc, &e->cat, "test-model");
  fixture_serving_gpu(&e->sc, &e->cat, "test-gpu");
  e->sc.traffic.requests_per_day = 1e6;
  e->sc.traffic.input_tokens = 1000;
  e->sc.traffic.output_tokens = 1000;
}

/* The article: $0.005 x 1,000 requests = $5 a day, $1,825 a year. */
static void article_small(void **state)
{
  struct env *e = *state;

  assert_int_equal(env_run(e), AIC_OK);
  assert_int_equal(e->pj.inference_kind, AIC_INF_PER_REQUEST);
  assert_exact(e->pj.cost_per_request_usd, 0.005);
  assert_exact(e->pj.daily_usd, 5);
  assert_exact(e->pj.annual_usd, 1825);
  assert_true(isnan(e->pj.cost_per_million_tokens_usd)); /* no tokens given */
  assert_false(e->pj.self_hosted);
}

/* The article: x 5,000,000 requests = $25,000 a day, $9,125,000 a year; at
 * 800 + 300 tokens, $0.005 / 1,100 x 1e6 = $4.5454... per million tokens. */
static void article_large(void **state)
{
  struct env *e = *state;

  e->sc.traffic.requests_per_day = 5e6;
  e->sc.traffic.input_tokens = 800;
  e->sc.traffic.output_tokens = 300;
  assert_int_equal(env_run(e), AIC_OK);
  assert_exact(e->pj.daily_usd, 25000);
  assert_exact(e->pj.annual_usd, 9125000);
  assert_rel(e->pj.cost_per_million_tokens_usd, 4.545454545454545, 1e-15);
}

/* Hand-computed: (400 x $3 + 600 x $0.30 + 200 x $15) / 1e6 = $0.00438 per
 * request; / 1,200 tokens x 1e6 = $3.65 per million. */
static void api_with_cached_tokens(void **state)
{
  struct env *e = *state;

  api(e, "test/vendor");
  e->sc.traffic.input_tokens = 1000;
  e->sc.traffic.cached_input_tokens = 600;
  e->sc.traffic.output_tokens = 200;
  assert_int_equal(env_run(e), AIC_OK);
  assert_int_equal(e->pj.inference_kind, AIC_INF_API);
  assert_rel(e->pj.cost_per_request_usd, 0.00438, 1e-15);
  assert_rel(e->pj.daily_usd, 4.38, 1e-15);
  assert_rel(e->pj.cost_per_million_tokens_usd, 3.65, 1e-15);
}

/* Cached tokens beyond the input, or with a vendor that has no cache price,
 * are errors rather than guesses. */
static void api_cache_errors(void **state)
{
  struct env *e = *state;

  api(e, "test/vendor");
  e->sc.traffic.input_tokens = 100;
  e->sc.traffic.cached_input_tokens = 200;
  assert_int_equal(env_run(e), AIC_E_INVALID);
  assert_diag(&e->err, "/traffic/cached_input_tokens", "must not exceed input_tokens");
  api(e, "test/nocache");
  e->sc.traffic.cached_input_tokens = 50;
  assert_int_equal(env_run(e), AIC_E_INVALID);
  assert_diag(&e->err, "/traffic/cached_input_tokens", "has no cached-input price");
  e->sc.traffic.cached_input_tokens = 0; /* no cached tokens: no cache price needed */
  assert_int_equal(env_run(e), AIC_OK);
  assert_rel(e->pj.cost_per_request_usd, 100e-6, 1e-15);
}

/* Published: Llama 2 70B's KV cache is 2 x 80 layers x 8 KV heads x 128 x 2
 * bytes = 327,680 bytes per token at 16 bits, exactly. Its 140 GB of bf16
 * weights plus 64 requests of 2,000 tokens need 4 x 80 GiB GPUs. */
static void llama2_kv_cache_and_fit(void **state)
{
  struct env *e = *state;
  const struct aic_self_hosted_result *sh = &e->pj.sh;

  self_hosted(e);
  fixture_model(&e->sc, &e->cat, "llama-2-70b");
  assert_int_equal(env_run(e), AIC_OK);
  assert_exact(sh->kv_cache_bytes_per_token, 327680);
  assert_exact(sh->kv_cache_bytes_per_request, 327680.0 * 2000);
  assert_exact(sh->weights_bytes, 140e9);
  assert_exact(sh->gpus_per_replica, 4); /* 2 x 72 GiB usable < 140 GB + 41.9 GB */
  assert_exact(sh->max_batch, 64);
}

/* The KV cache is sized by the request's own tokens, capped by the context. */
static void kv_capped_by_context(void **state)
{
  struct env *e = *state;

  self_hosted(e);
  e->sc.traffic.input_tokens = 10000;
  e->sc.traffic.output_tokens = 10000;
  assert_int_equal(env_run(e), AIC_OK);
  assert_exact(e->pj.sh.kv_cache_bytes_per_request, 40960.0 * 4096);
}

/* Hand-computed replica: weights 20 GB; KV 40,960 B/token x 2,000 tokens =
 * 81.92 MB/request; 64 fit on one GPU. Prefill 2·1e10·1000 / (1e15·0.5) =
 * 40 ms; decode step = max(25.24288 GB / (2e12·0.5), 2·1e10·64 / 5e14) =
 * 25.24288 ms; rps = 64 / (64·0.04 + 1000·0.02524288); at 50 % utilisation
 * and peak 1e6·2/86400 = 23.15 req/s: ceil(20.11) = 21 replicas, 21 GPUs x
 * 24 h x $2 = $1,008 a day. */
static void self_hosted_hand_computed(void **state)
{
  struct env *e = *state;
  const struct aic_self_hosted_result *sh = &e->pj.sh;
  double rps = 64.0 / (64 * 0.04 + 1000 * 0.02524288);

  self_hosted(e);
  assert_int_equal(env_run(e), AIC_OK);
  assert_true(e->pj.self_hosted);
  assert_exact(sh->weights_bytes, 20e9);
  assert_exact(sh->kv_cache_bytes_per_token, 40960);
  assert_exact(sh->kv_cache_bytes_per_request, 81920000);
  assert_exact(sh->gpus_per_replica, 1);
  assert_rel(sh->prefill_ms, 40, 1e-12);
  assert_rel(sh->tpot_ms, 25.24288, 1e-12);
  assert_rel(sh->ttft_ms, 65.24288, 1e-12);
  assert_rel(sh->tokens_per_second_per_gpu, rps * 1000, 1e-12);
  assert_rel(sh->requests_per_second_per_replica, rps * 0.5, 1e-12);
  assert_exact(sh->replicas, 21);
  assert_exact(sh->gpus_total, 21);
  assert_exact(sh->price_per_gpu_hour_usd, 2);
  assert_exact(e->pj.daily_usd, 1008);
  assert_rel(e->pj.cost_per_request_usd, 0.001008, 1e-15);
  assert_rel(e->pj.cost_per_million_tokens_usd, 0.504, 1e-15);
}

/* Compute-bound decode: at a batch where 2·N·B FLOPs outlast the memory
 * read, the step follows compute (B = 512 on a 1-token request). */
static void decode_compute_bound(void **state)
{
  struct env *e = *state;

  self_hosted(e);
  e->sc.traffic.input_tokens = 0;
  e->sc.traffic.output_tokens = 1;
  e->sc.inference.self_hosted.max_batch = 512;
  assert_int_equal(env_run(e), AIC_OK);
  /* memory: (20e9 + 512·40960) / 1e12 = 20.02 ms; compute: 2e10·512/5e14 = 20.48 ms */
  assert_rel(e->pj.sh.tpot_ms, 20.48, 1e-12);
  assert_exact(e->pj.sh.prefill_ms, 0);
}

/* All experts stay resident (weights at 40B) but FLOPs use 10B active. */
static void moe_weights_and_flops(void **state)
{
  struct env *e = *state;

  self_hosted(e);
  fixture_model(&e->sc, &e->cat, "test-moe");
  assert_int_equal(env_run(e), AIC_OK);
  assert_exact(e->pj.sh.weights_bytes, 80e9);
  assert_exact(e->pj.sh.gpus_per_replica, 2);
  assert_rel(e->pj.sh.prefill_ms, 2 * 10e9 * 1000 / (2 * 1e15 * 0.5) * 1e3, 1e-12);
}

/* fp8 halves the weights; the KV cache stays 16-bit (documented choice). */
static void fp8_serving(void **state)
{
  struct env *e = *state;

  self_hosted(e);
  e->sc.inference.self_hosted.has_precision = true;
  e->sc.inference.self_hosted.precision = AIC_FP8;
  assert_int_equal(env_run(e), AIC_OK);
  assert_exact(e->pj.sh.weights_bytes, 10e9);
  assert_exact(e->pj.sh.kv_cache_bytes_per_token, 40960);
  assert_rel(e->pj.sh.prefill_ms, 2 * 10e9 * 1000 / (2e15 * 0.5) * 1e3, 1e-12);
}

/* A precision the serving GPU lacks is an error at its pointer. */
static void serving_precision_missing(void **state)
{
  struct env *e = *state;

  self_hosted(e);
  e->sc.inference.self_hosted.has_precision = true;
  e->sc.inference.self_hosted.precision = AIC_FP8;
  e->sc.inference.self_hosted.gpu.peak_tflops[AIC_FP8] = XNAN;
  assert_int_equal(env_run(e), AIC_E_INVALID);
  assert_diag(&e->err, "/inference/self_hosted/precision", "no fp8 peak");
}

/* int4 serving is weight-only (W4A16): on a part without int4 tensor cores
 * the weights take 0.5 byte each but the products run at the bf16 peak,
 * 1000 TFLOP/s here: prefill = 2 * 10e9 * 1000 / (1e15 * 0.5) s = 40 ms. */
static void serving_int4_computes_at_bf16(void **state)
{
  struct env *e = *state;

  self_hosted(e);
  e->sc.inference.self_hosted.has_precision = true;
  e->sc.inference.self_hosted.precision = AIC_INT4;
  assert_int_equal(env_run(e), AIC_OK);
  assert_exact(e->pj.sh.weights_bytes, 5e9);
  assert_rel(e->pj.sh.prefill_ms, 40, 1e-12);
}

/* Given gpus_per_replica that cannot hold weights + one request: an
 * impossible combination, reported. */
static void model_does_not_fit_one_gpu(void **state)
{
  struct env *e = *state;

  self_hosted(e);
  fixture_model(&e->sc, &e->cat, "llama-2-70b");
  e->sc.inference.self_hosted.gpus_per_replica = 1;
  assert_int_equal(env_run(e), AIC_E_INVALID);
  assert_diag(&e->err, "/inference/self_hosted/gpus_per_replica", "cannot hold the weights");
}

/* A model too big for 64 GPUs cannot be served at all. */
static void model_does_not_fit_64(void **state)
{
  struct env *e = *state;

  self_hosted(e);
  e->sc.model.id = NULL;
  e->sc.model_inline = true;
  e->sc.model.params_b = 10000;
  assert_int_equal(env_run(e), AIC_E_INVALID);
  assert_diag(&e->err, "/inference/self_hosted/gpu", "does not fit");
}

/* When no power of two up to 64 holds the full batch, the fewest GPUs that
 * hold one request are used and the batch is capped (with a warning):
 * 2 x 72 GiB − 140 GB leaves room for floor(22.3) = 22 requests. */
static void batch_capped(void **state)
{
  struct env *e = *state;

  self_hosted(e);
  fixture_model(&e->sc, &e->cat, "llama-2-70b");
  e->sc.inference.self_hosted.max_batch = 1e6;
  assert_int_equal(env_run(e), AIC_OK);
  assert_exact(e->pj.sh.gpus_per_replica, 2);
  assert_exact(e->pj.sh.max_batch, 22);
  assert_diag(&e->pj.warnings, "/inference/self_hosted/max_batch", "only 22");
  assert_string_equal(e->pj.warnings.v[0].code, "max_batch_capped");
}

/* A fixed fleet bills gpus x 24 h x price whatever the traffic, and warns
 * when it cannot carry the peak (8 replicas x 1.15 req/s < 23.1 req/s). */
static void fixed_fleet(void **state)
{
  struct env *e = *state;

  self_hosted(e);
  e->sc.inference.self_hosted.gpus = 8;
  assert_int_equal(env_run(e), AIC_OK);
  assert_exact(e->pj.daily_usd, 384);
  assert_exact(e->pj.sh.gpus_total, 8);
  assert_exact(e->pj.sh.replicas, 8);
  assert_diag(&e->pj.warnings, "/inference/self_hosted/gpus", "from day 1");
  assert_string_equal(e->pj.warnings.v[0].code, "fleet_below_peak");
  e->sc.traffic.requests_per_day = 1000;
  assert_int_equal(env_run(e), AIC_OK);
  assert_exact(e->pj.daily_usd, 384);
  assert_int_equal(e->pj.warnings.n, 0);
}

/* With growth the fleet check runs day by day: 100,000 requests a day growing
 * 50 % a month outgrow the 8 replicas' 9.2 req/s at some day d, and the
 * warning names exactly that day: the first whose peak (requests x 2 /
 * 86,400 s) exceeds the capacity. */
static void fixed_fleet_outgrown_later(void **state)
{
  struct env *e = *state;
  double cap;
  int day;

  self_hosted(e);
  e->sc.inference.self_hosted.gpus = 8;
  e->sc.traffic.requests_per_day = 1e5; /* 2.3 req/s at peak on day 1 */
  e->sc.traffic.monthly_growth = 0.5;
  e->sc.granularity = AIC_GRAN_DAY;
  assert_int_equal(env_run(e), AIC_OK);
  assert_string_equal(e->pj.warnings.v[0].code, "fleet_below_peak");
  assert_int_equal(sscanf(e->pj.warnings.v[0].detail, "from day %d", &day), 1);
  cap = e->pj.sh.replicas * e->pj.sh.requests_per_second_per_replica * (1.0 + 1e-12);
  assert_true(day > 1 && day <= 365);
  assert_true(e->pj.series[day - 1].requests_per_day * 2 / 86400 > cap);
  assert_false(e->pj.series[day - 2].requests_per_day * 2 / 86400 > cap);
}

/* A fixed fleet needs no architecture: billed anyway, capacity unchecked. */
static void fixed_fleet_without_model(void **state)
{
  struct env *e = *state;

  self_hosted(e);
  e->sc.has_model = false;
  e->sc.inference.self_hosted.gpus = 8;
  assert_int_equal(env_run(e), AIC_OK);
  assert_exact(e->pj.daily_usd, 384);
  assert_true(isnan(e->pj.sh.replicas));
  assert_string_equal(e->pj.warnings.v[0].code, "fleet_capacity_unchecked");
}

/* A fixed fleet smaller than one replica is impossible. */
static void fixed_fleet_too_small(void **state)
{
  struct env *e = *state;

  self_hosted(e);
  fixture_model(&e->sc, &e->cat, "llama-2-70b");
  e->sc.inference.self_hosted.gpus = 2;
  assert_int_equal(env_run(e), AIC_E_INVALID);
  assert_diag(&e->err, "/inference/self_hosted/gpus", "cannot hold one replica of 4");
}

/* No traffic: no replicas, no bill, and no cost per request to speak of. */
static void self_hosted_zero_traffic(void **state)
{
  struct env *e = *state;

  self_hosted(e);
  e->sc.traffic.requests_per_day = 0;
  assert_int_equal(env_run(e), AIC_OK);
  assert_exact(e->pj.sh.replicas, 0);
  assert_exact(e->pj.daily_usd, 0);
  assert_true(isnan(e->pj.cost_per_request_usd));
  assert_true(isnan(e->pj.cost_per_million_tokens_usd));
}

/* Self-hosting needs tokens per request, a model and a GPU, each named. */
static void self_hosted_errors(void **state)
{
  struct env *e = *state;

  self_hosted(e);
  e->sc.traffic.input_tokens = 0;
  e->sc.traffic.output_tokens = 0;
  assert_int_equal(env_run(e), AIC_E_INVALID);
  assert_diag(&e->err, "/traffic/output_tokens", "needs tokens per request");
  self_hosted(e);
  fixture_model(&e->sc, &e->cat, "opaque-model");
  assert_int_equal(env_run(e), AIC_E_INVALID);
  assert_diag(&e->err, "/model", "catalogue model 'opaque-model' has no kv_heads");
  e->sc.has_model = false;
  assert_int_equal(env_run(e), AIC_E_INVALID);
  assert_diag(&e->err, "/model", "required to size self-hosted serving");
  e->sc.inference.self_hosted.has_gpu = false;
  assert_int_equal(env_run(e), AIC_E_INVALID);
  assert_diag(&e->err, "/inference/self_hosted/gpu", "required");
}

/* Inline GPU keys are named by their own pointers. */
static void inline_gpu_keys(void **state)
{
  struct env *e = *state;

  self_hosted(e);
  e->sc.inference.self_hosted.gpu.id = NULL;
  e->sc.inference.self_hosted.gpu_inline = true;
  e->sc.inference.self_hosted.gpu.memory_bandwidth_tb_s = XNAN;
  e->sc.inference.self_hosted.gpu.price_on_demand_usd = XNAN;
  assert_int_equal(env_run(e), AIC_E_INVALID);
  assert_diag(&e->err, "/inference/self_hosted/gpu/price_per_hour_usd/on_demand", "required");
  e->sc.inference.self_hosted.price_per_gpu_hour_usd = 1;
  assert_int_equal(env_run(e), AIC_E_INVALID);
  assert_diag(&e->err, "/inference/self_hosted/gpu/memory_bandwidth_tb_s", "required");
}

/* Settings out of range, and no inference at all, are errors. */
static void inference_errors(void **state)
{
  struct env *e = *state;

  self_hosted(e);
  e->sc.inference.self_hosted.target_utilization = 0;
  e->sc.inference.self_hosted.max_batch = 0.5;
  e->sc.inference.self_hosted.compute_efficiency = 2;
  assert_int_equal(env_run(e), AIC_E_INVALID);
  assert_diag(&e->err, "/inference/self_hosted/target_utilization", "[0.01, 1]");
  assert_diag(&e->err, "/inference/self_hosted/max_batch", "[1, 1000000]");
  assert_diag(&e->err, "/inference/self_hosted/compute_efficiency", "[0.01, 1]");
  e->sc.inference.kind = AIC_INF_NONE;
  assert_int_equal(env_run(e), AIC_E_INVALID);
  assert_diag(&e->err, "/inference", "required");
  e->sc.inference.kind = AIC_INF_PER_REQUEST;
  e->sc.inference.cost_per_request_usd = -1;
  assert_int_equal(env_run(e), AIC_E_INVALID);
  assert_diag(&e->err, "/inference/cost_per_request_usd", ">= 0");
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, env_setup, env_teardown)
  const struct CMUnitTest tests[] = {
    T(article_small),           T(article_large),          T(api_with_cached_tokens),
    T(api_cache_errors),        T(llama2_kv_cache_and_fit), T(kv_capped_by_context),
    T(self_hosted_hand_computed), T(decode_compute_bound), T(moe_weights_and_flops),
    T(fp8_serving),             T(serving_precision_missing), T(serving_int4_computes_at_bf16),
    T(model_does_not_fit_one_gpu),
    T(model_does_not_fit_64),   T(batch_capped),           T(fixed_fleet),
    T(fixed_fleet_outgrown_later),
    T(fixed_fleet_without_model), T(fixed_fleet_too_small), T(self_hosted_zero_traffic),
    T(self_hosted_errors),      T(inline_gpu_keys),        T(inference_errors),
  };

  return cmocka_run_group_tests(tests, NULL, NULL);
}
