/* Inference cost on day 1: per request, vendor API prices, and a self-hosted
 * fleet sized from the model and the GPU. */
#include <stdio.h>

#include "aicost/serving.h"
#include "fixture.h"

#define GIB 1073741824.0

static void
api(struct env *e, const char *id)
{
  const struct aic_api_price *a = aic_catalogue_api_price(&e->cat, id);

  assert_non_null(a);
  e->sc.inference.kind = AIC_INF_API;
  e->sc.inference.api = *a;
}

/* test-model on test-gpu, 1,000 input + 1,000 output tokens, 1e6 requests/day. */
static void
self_hosted(struct env *e)
{
  fixture_model(&e->sc, &e->cat, "test-model");
  fixture_serving_gpu(&e->sc, &e->cat, "test-gpu");
  e->sc.traffic.requests_per_day = 1e6;
  e->sc.traffic.input_tokens = 1000;
  e->sc.traffic.output_tokens = 1000;
}

/* The article: $0.005 x 1,000 requests = $5 a day, $1,825 a year. */
static void
article_small(void **state)
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
static void
article_large(void **state)
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
static void
api_with_cached_tokens(void **state)
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
static void
api_cache_errors(void **state)
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
 * weights leave room for 29 sequences of 1,500 tokens held on average on 2
 * x 80 GiB GPUs, 64 on 4: the 4-GPU replica is cheaper per token. */
static void
llama2_kv_cache_and_fit(void **state)
{
  struct env *e = *state;
  const struct aic_self_hosted_result *sh = &e->pj.sh;

  self_hosted(e);
  fixture_model(&e->sc, &e->cat, "llama-2-70b");
  assert_int_equal(env_run(e), AIC_OK);
  assert_exact(sh->kv_cache_bytes_per_token, 327680);
  assert_exact(sh->kv_cache_bytes_per_request, 327680.0 * 2000);
  assert_exact(sh->weights_bytes, 140e9);
  assert_exact(sh->gpus_per_replica, 4);
  assert_exact(sh->tensor_parallel, 4);
  assert_exact(sh->pipeline_stages, 1);
  assert_exact(sh->max_batch, 64);
}

/* The KV cache is sized by the request's own tokens, capped by the context. */
static void
kv_capped_by_context(void **state)
{
  struct env *e = *state;

  self_hosted(e);
  e->sc.traffic.input_tokens = 10000;
  e->sc.traffic.output_tokens = 10000;
  assert_int_equal(env_run(e), AIC_OK);
  assert_exact(e->pj.sh.kv_cache_bytes_per_request, 40960.0 * 4096);
}

/* Hand-computed replica: weights 20 GB; KV 40,960 B/token, a sequence holds
 * 1,000 + 1,000/2 tokens on average (61.44 MB) and a whole request 81.92 MB;
 * 64 fit on one GPU, which is the cheapest width. Prefill = (2·1e10·1000 +
 * 10·1000²·4096) / (1e15·0.5) = 40.08192 ms (compute-bound; causal
 * attention included). Step at 64 = (20e9 + 64·61.44e6) / (2e12·0.5) =
 * 23.93216 ms; capacity = 64 / (64·0.04008192 + 1000·0.02393216). At 50 %
 * utilisation and a peak of 1e6·2/86400 = 23.15 req/s: 20 replicas,
 * 20 GPUs x 24 h x $2 = $960 a day. */
static void
self_hosted_hand_computed(void **state)
{
  struct env *e = *state;
  const struct aic_self_hosted_result *sh = &e->pj.sh;
  double pf = 0.04008192, cap = 64.0 / (64 * pf + 1000 * 0.02393216);
  double rate = cap * 0.5, rho = rate * pf, c, step, tpot, ttft;

  self_hosted(e);
  assert_int_equal(env_run(e), AIC_OK);
  assert_true(e->pj.self_hosted);
  assert_exact(sh->weights_bytes, 20e9);
  assert_exact(sh->kv_cache_bytes_per_token, 40960);
  assert_exact(sh->kv_cache_bytes_per_request, 81920000);
  assert_exact(sh->gpus_per_replica, 1);
  assert_rel(sh->prefill_ms, 40.08192, 1e-12);
  assert_rel(sh->tokens_per_second_per_gpu, cap * 1000, 1e-12);
  assert_rel(sh->requests_per_second_per_replica, cap * 0.5, 1e-12);
  /* At the planned load (half the capacity) the latency is the fixed point
   * of Little's law: c sequences decode, a step takes (20e9 + c·61.44e6) /
   * 1e12 s, prefills take rho of the time, a prompt waits the M/D/1 mean. */
  c = sh->concurrency;
  assert_true(c > 1 && c < 64);
  step = (20e9 + c * 61.44e6) / 1e12;
  tpot = step / (1 - rho);
  ttft = pf + rho * pf / (2 * (1 - rho)) + step;
  assert_rel(sh->tpot_ms, tpot * 1e3, 1e-9);
  assert_rel(sh->ttft_ms, ttft * 1e3, 1e-9);
  assert_rel(c, rate * (ttft + 1000 * tpot), 1e-9);
  assert_exact(sh->replicas, 20);
  assert_exact(sh->gpus_total, 20);
  assert_exact(sh->price_per_gpu_hour_usd, 2);
  assert_exact(e->pj.daily_usd, 960);
  assert_rel(e->pj.cost_per_request_usd, 0.00096, 1e-15);
  assert_rel(e->pj.cost_per_million_tokens_usd, 0.48, 1e-15);
}

/* Compute-bound decode: at a batch where 2·N·B FLOPs outlast the memory
 * read, the step follows compute. B = 512 on a 1-token request holding half
 * a token on average: memory (20e9 + 512·20,480) / 1e12 = 20.01 ms, compute
 * 2e10·512 / 5e14 = 20.48 ms; capacity 512 / 0.02048 s. */
static void
decode_compute_bound(void **state)
{
  struct env *e = *state;

  self_hosted(e);
  e->sc.traffic.input_tokens = 0;
  e->sc.traffic.output_tokens = 1;
  e->sc.inference.self_hosted.max_batch = 512;
  assert_int_equal(env_run(e), AIC_OK);
  assert_exact(e->pj.sh.gpus_per_replica, 1);
  assert_rel(e->pj.sh.tokens_per_second_per_gpu, 512 / 0.02048, 1e-12);
  assert_exact(e->pj.sh.prefill_ms, 0);
}

/* All experts stay resident (80 GB at bf16: two GPUs) but FLOPs use the 10B
 * active. A 1,000-token prompt touches every expert, so its prefill reads
 * all 80 GB at 1 TB/s per GPU: 40 ms, plus two all-reduces per layer of
 * 1000 x 4096 x 2 bytes over 800/2 GB/s x 0.5 (ring, t = 2: 40.96 us) and
 * 10 us each: 20 x 50.96 us = 1.0192 ms. */
static void
moe_weights_and_flops(void **state)
{
  struct env *e = *state;

  self_hosted(e);
  fixture_model(&e->sc, &e->cat, "test-moe");
  assert_int_equal(env_run(e), AIC_OK);
  assert_exact(e->pj.sh.weights_bytes, 80e9);
  assert_exact(e->pj.sh.gpus_per_replica, 2);
  assert_rel(e->pj.sh.prefill_ms, 40 + 1.0192, 1e-12);
}

/* Decode reads the experts a batch touches: E·(1 - (1 - k/E)^B) of 16
 * per MoE layer. One token reads its 4 experts (5 GB each at bf16) and the
 * shared part (none): exactly the 10B active parameters, 20 GB; two tokens
 * 16·(1 - 0.75²) = 7 experts, 35 GB; a large batch every weight. Without
 * the expert counts, every weight at any batch. */
static void
moe_expected_experts(void **state)
{
  struct env *e = *state;
  struct aic_serving_settings set = { AIC_BF16, AIC_BF16, XNAN, XNAN };
  struct aic_replica r;
  struct aic_model m = *aic_catalogue_model(&e->cat, "test-moe");

  aic_replica_resolve(&e->cat, &m, aic_catalogue_gpu(&e->cat, "test-gpu"), &set, 2, 1000, 1000, &r);
  assert_rel(r.expert_bytes, 5e9, 1e-15);
  assert_rel(aic_replica_weights_read(&r, 1), 20e9, 1e-12);
  assert_rel(aic_replica_weights_read(&r, 2), 35e9, 1e-12);
  assert_rel(aic_replica_weights_read(&r, 1e4), 80e9, 1e-12);
  m.experts = XNAN;
  m.experts_per_token = XNAN;
  aic_replica_resolve(&e->cat, &m, aic_catalogue_gpu(&e->cat, "test-gpu"), &set, 2, 1000, 1000, &r);
  assert_exact(aic_replica_weights_read(&r, 1), 80e9);
}

/* fp8 halves the weights; the KV cache stays 16-bit unless asked (vLLM
 * "auto", TensorRT-LLM's default), and halves too with kv_cache_precision
 * fp8. Prefill (2e13 + 4.096e10) / (2e15 x 0.5) = 20.04096 ms. */
static void
fp8_serving(void **state)
{
  struct env *e = *state;

  self_hosted(e);
  e->sc.inference.self_hosted.has_precision = true;
  e->sc.inference.self_hosted.precision = AIC_FP8;
  assert_int_equal(env_run(e), AIC_OK);
  assert_exact(e->pj.sh.weights_bytes, 10e9);
  assert_exact(e->pj.sh.kv_cache_bytes_per_token, 40960);
  assert_rel(e->pj.sh.prefill_ms, 20.04096, 1e-12);
  e->sc.inference.self_hosted.has_kv_precision = true;
  e->sc.inference.self_hosted.kv_precision = AIC_FP8;
  assert_int_equal(env_run(e), AIC_OK);
  assert_exact(e->pj.sh.kv_cache_bytes_per_token, 20480);
  e->sc.inference.self_hosted.kv_precision = AIC_INT4; /* not a KV cache format */
  assert_int_equal(env_run(e), AIC_E_INVALID);
  assert_diag(&e->err, "/inference/self_hosted/kv_cache_precision", "'fp8' or 'int8'");
  /* Serving fp32 keeps a 32-bit cache by default: 2·10·8·128·4 bytes. */
  e->sc.inference.self_hosted.has_kv_precision = false;
  e->sc.inference.self_hosted.precision = AIC_FP32;
  assert_int_equal(env_run(e), AIC_OK);
  assert_exact(e->pj.sh.kv_cache_bytes_per_token, 81920);
}

/* A hand-built catalogue without usable serving defaults answers with an
 * error naming them, never a NaN. */
static void
serving_defaults_checked(void **state)
{
  struct env *e = *state;

  self_hosted(e);
  e->cat.defaults.interconnect_efficiency = 0;
  assert_int_equal(env_run(e), AIC_E_INVALID);
  assert_diag(&e->err, "/inference/self_hosted", "interconnect_efficiency");
  e->cat.defaults.interconnect_efficiency = 0.5;
  e->cat.n_generations = 0; /* no default row */
  assert_int_equal(env_run(e), AIC_E_INVALID);
  assert_diag(&e->err, "/inference/self_hosted", "generations.default");
}

/* fp4 serves at the fp4 peak where the GPU has one (test-gpu: 4,000 TF):
 * 0.5 byte a weight, prefill (2e13 + 4.096e10) / (4e15 x 0.5) = 10.02 ms;
 * on an H100, which has none, it is an error at the precision. */
static void
fp4_serving(void **state)
{
  struct env *e = *state;

  self_hosted(e);
  e->sc.inference.self_hosted.has_precision = true;
  e->sc.inference.self_hosted.precision = AIC_FP4;
  assert_int_equal(env_run(e), AIC_OK);
  assert_exact(e->pj.sh.weights_bytes, 5e9);
  assert_rel(e->pj.sh.prefill_ms, 10.02048, 1e-12);
  fixture_serving_gpu(&e->sc, &e->cat, "h100-sxm");
  assert_int_equal(env_run(e), AIC_E_INVALID);
  assert_diag(&e->err, "/inference/self_hosted/precision", "no fp4 peak");
}

/* A precision the serving GPU lacks is an error at its pointer. */
static void
serving_precision_missing(void **state)
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
 * 1000 TFLOP/s here: prefill = (2e13 + 4.096e10) / (1e15 * 0.5) s. */
static void
serving_int4_computes_at_bf16(void **state)
{
  struct env *e = *state;

  self_hosted(e);
  e->sc.inference.self_hosted.has_precision = true;
  e->sc.inference.self_hosted.precision = AIC_INT4;
  assert_int_equal(env_run(e), AIC_OK);
  assert_exact(e->pj.sh.weights_bytes, 5e9);
  assert_rel(e->pj.sh.prefill_ms, 40.08192, 1e-12);
}

/* Given gpus_per_replica that cannot hold weights + one request: an
 * impossible combination, reported. */
static void
model_does_not_fit_one_gpu(void **state)
{
  struct env *e = *state;

  self_hosted(e);
  fixture_model(&e->sc, &e->cat, "llama-2-70b");
  e->sc.inference.self_hosted.gpus_per_replica = 1;
  assert_int_equal(env_run(e), AIC_E_INVALID);
  assert_diag(&e->err, "/inference/self_hosted/gpus_per_replica", "cannot hold the weights");
}

/* A model too big for 64 GPUs cannot be served at all. */
static void
model_does_not_fit_64(void **state)
{
  struct env *e = *state;

  self_hosted(e);
  e->sc.model.id = NULL;
  e->sc.model_inline = true;
  e->sc.model.params_b = 10000;
  assert_int_equal(env_run(e), AIC_E_INVALID);
  assert_diag(&e->err, "/inference/self_hosted/gpu", "does not fit");
}

/* The batch is capped to what fits, with a warning: on 2 x 80 GiB x 0.9,
 * 140 GB of weights leave 14.62 GB for sequences holding 1,500 tokens of
 * 327,680 bytes on average: floor(29.7) = 29. */
static void
batch_capped(void **state)
{
  struct env *e = *state;

  self_hosted(e);
  fixture_model(&e->sc, &e->cat, "llama-2-70b");
  e->sc.inference.self_hosted.max_batch = 1e6;
  e->sc.inference.self_hosted.gpus_per_replica = 2;
  assert_int_equal(env_run(e), AIC_OK);
  assert_exact(e->pj.sh.gpus_per_replica, 2);
  assert_exact(e->pj.sh.max_batch, 29);
  assert_diag(&e->pj.warnings, "/inference/self_hosted/max_batch", "only 29");
  assert_string_equal(e->pj.warnings.v[0].code, "max_batch_capped");
}

/* Cost per token of a width of g GPUs: g / capacity at the batch that fits. */
static double
width_cost(struct env *e, double g)
{
  struct aic_serving_settings set = { AIC_FP8, AIC_BF16, XNAN, XNAN };
  struct aic_replica r;
  struct aic_replica_perf p;
  double fit, b;

  aic_replica_resolve(&e->cat, &e->sc.model, &e->sc.inference.self_hosted.gpu, &set, g, 1000, 1000,
                      &r);
  fit = aic_replica_max_batch(&r);
  b = fit < 64 ? fit : 64;
  aic_replica_perform(&r, b, AIC_LOAD_RATE, XINF, &p);
  return g / p.capacity_rps;
}

/* The width is the cheapest per token among those that hold the weights
 * and one request: Llama 2 70B at fp8 (70 GB) fits one GPU with room for
 * 14 sequences, but two GPUs hold the 64 asked and cost less per token;
 * four cost more again (the all-reduces and the idle weight reads). */
static void
width_by_cost_per_token(void **state)
{
  struct env *e = *state;

  self_hosted(e);
  fixture_model(&e->sc, &e->cat, "llama-2-70b");
  e->sc.inference.self_hosted.has_precision = true;
  e->sc.inference.self_hosted.precision = AIC_FP8;
  assert_int_equal(env_run(e), AIC_OK);
  assert_exact(e->pj.sh.gpus_per_replica, 2);
  assert_exact(e->pj.sh.max_batch, 64);
  assert_true(width_cost(e, 2) < width_cost(e, 1));
  assert_true(width_cost(e, 2) < width_cost(e, 4));
  assert_int_equal(e->pj.warnings.n, 0);
}

/* Tensor parallelism, hand-computed on test-model: 2 GPUs halve the
 * compute and the weight reads, and add 2 all-reduces per layer of 10 us
 * plus 2(t-1)/t x tokens x 4096 x 2 bytes over 800/2 GB/s x 0.5. A step of
 * 64: (20e9 + 64·61.44e6) / (2 x 1e12) + 20 x (10 us + 64 x 8192 / 2e11 s).
 * Wider than a node (8), the rest are pipeline stages: 16 GPUs are 8 x 2,
 * a step is one micro-batch of 32 through all layers on 8 GPUs. */
static void
tensor_parallel_and_pipeline(void **state)
{
  struct env *e = *state;
  struct aic_serving_settings set = { AIC_BF16, AIC_BF16, XNAN, XNAN };
  struct aic_replica r;
  const struct aic_model *m = aic_catalogue_model(&e->cat, "test-model");
  const struct aic_gpu *g = aic_catalogue_gpu(&e->cat, "test-gpu");

  aic_replica_resolve(&e->cat, m, g, &set, 2, 1000, 1000, &r);
  assert_exact(r.tensor_parallel, 2);
  assert_exact(r.pipeline_stages, 1);
  assert_rel(aic_replica_step_s(&r, 64),
             (20e9 + 64 * 61.44e6) / 2e12 + 20 * (10e-6 + 64 * 8192 / 2e11), 1e-12);
  aic_replica_resolve(&e->cat, m, g, &set, 1, 1000, 1000, &r);
  assert_rel(aic_replica_step_s(&r, 64), (20e9 + 64 * 61.44e6) / 1e12, 1e-12);
  aic_replica_resolve(&e->cat, m, g, &set, 16, 1000, 1000, &r);
  assert_exact(r.tensor_parallel, 8);
  assert_exact(r.pipeline_stages, 2);
  assert_rel(aic_replica_step_s(&r, 64),
             (20e9 + 32 * 61.44e6) / 8e12 + 20 * (10e-6 + 1.75 * 32 * 8192 / 2e11), 1e-12);
  aic_replica_resolve(&e->cat, m, g, &set, 12, 1000, 1000, &r); /* 6 x 2 */
  assert_exact(r.tensor_parallel, 6);
  assert_exact(r.pipeline_stages, 2);
}

/* Paged KV cache: the batch that fits counts the tokens a sequence holds
 * on average (prompt + half the output), not the whole request; but the
 * whole request must fit once. */
static void
paged_kv_batch(void **state)
{
  struct env *e = *state;
  struct aic_serving_settings set = { AIC_BF16, AIC_BF16, XNAN, XNAN };
  struct aic_replica r;
  const struct aic_gpu *g = aic_catalogue_gpu(&e->cat, "test-gpu");
  double room = 80 * 1073741824.0 * 0.9 - 20e9;

  aic_replica_resolve(&e->cat, aic_catalogue_model(&e->cat, "test-model"), g, &set, 1, 1000, 3000,
                      &r);
  assert_exact(aic_replica_tokens_held(&r), 2500);
  assert_exact(aic_replica_tokens_max(&r), 4000);
  assert_exact(aic_replica_max_batch(&r), floor(room / (40960.0 * 2500)));
  r.context = 2000; /* both capped by the context window */
  assert_exact(aic_replica_tokens_held(&r), 2000);
  r.memory_bytes = r.weight_bytes + 40960.0 * 1999; /* one whole request no longer fits */
  assert_exact(aic_replica_max_batch(&r), 0);
}

/* The loads the calibration set measures. Closed loop: N clients beyond the
 * slots wait for one, a cycle per N/B - 1. Static batch: all prompts in one
 * pass, then the steps. Open loop at or beyond capacity: saturated, TTFT
 * unbounded. */
static void
load_kinds(void **state)
{
  struct env *e = *state;
  struct aic_serving_settings set = { AIC_BF16, AIC_BF16, XNAN, XNAN };
  struct aic_replica r;
  struct aic_replica_perf a, b;
  double cycle;

  aic_replica_resolve(&e->cat, aic_catalogue_model(&e->cat, "test-model"),
                      aic_catalogue_gpu(&e->cat, "test-gpu"), &set, 1, 1000, 1000, &r);
  aic_replica_perform(&r, 64, AIC_LOAD_CLIENTS, 64, &a);
  aic_replica_perform(&r, 64, AIC_LOAD_CLIENTS, 128, &b);
  cycle = 64 * a.prefill_s + 1000 * aic_replica_step_s(&r, 64);
  assert_rel(a.capacity_rps, 64 / cycle, 1e-12);
  assert_rel(b.rps, a.rps, 1e-15);
  assert_rel(b.ttft_s - a.ttft_s, cycle, 1e-12);
  aic_replica_perform(&r, 64, AIC_LOAD_CLIENTS, 1, &a); /* alone: no prefill to wait for */
  assert_rel(a.ttft_s, a.prefill_s + aic_replica_step_s(&r, 1), 1e-15);
  aic_replica_perform(&r, 8, AIC_LOAD_STATIC, 8, &a);
  assert_rel(a.ttft_s, aic_replica_prefill_s(&r, 8, 1000), 1e-15);
  assert_rel(a.rps, 8 / (a.ttft_s + 1000 * aic_replica_step_s(&r, 8)), 1e-12);
  aic_replica_perform(&r, 64, AIC_LOAD_RATE, XINF, &a);
  assert_true(a.saturated);
  assert_true(isinf(a.ttft_s));
  assert_rel(a.tokens_per_s_per_gpu, a.capacity_rps * 1000, 1e-15);
}

/* A fixed fleet bills gpus x 24 h x price whatever the traffic, and warns
 * when it cannot carry the peak (8 replicas x 1.15 req/s < 23.1 req/s). */
static void
fixed_fleet(void **state)
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
static void
fixed_fleet_outgrown_later(void **state)
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
static void
fixed_fleet_without_model(void **state)
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
static void
fixed_fleet_too_small(void **state)
{
  struct env *e = *state;

  self_hosted(e);
  fixture_model(&e->sc, &e->cat, "llama-2-70b");
  e->sc.inference.self_hosted.gpus = 2;
  assert_int_equal(env_run(e), AIC_E_INVALID);
  assert_diag(&e->err, "/inference/self_hosted/gpus", "cannot hold one replica of 4");
}

/* No traffic: no replicas, no bill, and no cost per request to speak of. */
static void
self_hosted_zero_traffic(void **state)
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
static void
self_hosted_errors(void **state)
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
static void
inline_gpu_keys(void **state)
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
static void
inference_errors(void **state)
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

int
main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, env_setup, env_teardown)
  const struct CMUnitTest tests[] = {
    T(article_small),
    T(article_large),
    T(api_with_cached_tokens),
    T(api_cache_errors),
    T(llama2_kv_cache_and_fit),
    T(kv_capped_by_context),
    T(self_hosted_hand_computed),
    T(decode_compute_bound),
    T(moe_weights_and_flops),
    T(moe_expected_experts),
    T(fp8_serving),
    T(fp4_serving),
    T(serving_precision_missing),
    T(serving_int4_computes_at_bf16),
    T(model_does_not_fit_one_gpu),
    T(model_does_not_fit_64),
    T(batch_capped),
    T(width_by_cost_per_token),
    T(tensor_parallel_and_pipeline),
    T(paged_kv_batch),
    T(load_kinds),
    T(serving_defaults_checked),
    T(fixed_fleet),
    T(fixed_fleet_outgrown_later),
    T(fixed_fleet_without_model),
    T(fixed_fleet_too_small),
    T(self_hosted_zero_traffic),
    T(self_hosted_errors),
    T(inline_gpu_keys),
    T(inference_errors),
  };

  return cmocka_run_group_tests(tests, NULL, NULL);
}
