/* Inference: the recurring cost, by a price per request, a vendor's token
 * prices, or a self-hosted fleet sized from the model and the GPU.
 * Formulas and sources: docs/cost-model.md. */
#include "core.h"

#include <math.h>
#include <string.h>

#define GIB 1073741824.0
#define SH "/inference/self_hosted"

/* Share of GPU memory given to weights and KV cache; the rest is left for
 * the CUDA context, activations and fragmentation. vLLM's default
 * gpu_memory_utilization is the same 0.9. */
#define MEMORY_USABLE 0.9
/* Tensor-parallel replicas come in powers of two up to 64 GPUs (8 nodes). */
#define MAX_GPUS_PER_REPLICA 64

/* The precision the matrix products run at. int4 serving is weight-only
 * quantisation (AWQ, GPTQ: W4A16): kernels dequantise to 16 bits and
 * multiply there, so a part without int4 tensor cores (Hopper) computes at
 * its bf16 (else fp16) peak. Every other precision computes as stored. */
static enum aic_precision compute_precision(const struct aic_gpu *g, enum aic_precision p)
{
  if (p != AIC_INT4 || aic_has(g->peak_tflops[AIC_INT4]))
    return p;
  return aic_has(g->peak_tflops[AIC_BF16]) ? AIC_BF16 : AIC_FP16;
}

/* KV-cache bytes per value: 16-bit for every serving precision of 16 bits or
 * fewer (quantised weights keep 16-bit activations and cache by default in
 * vLLM and TGI; an 8-bit cache is an opt-in we do not assume), 32-bit for
 * fp32/tf32. Llama 2 70B: 2·80·8·128·2 = 327,680 bytes per token. */
static double kv_bytes(enum aic_precision p)
{
  return (p == AIC_FP32 || p == AIC_TF32) ? 4.0 : 2.0;
}

static int resolve_api(const struct aic_scenario *sc, const struct aic_traffic_plan *t,
                       struct aic_inference_plan *plan, struct aic_diags *errors)
{
  const struct aic_api_price *a = &sc->inference.api;
  const char *id = a->id ? a->id : "?";
  bool ok = true;
  double uncached = t->input_tokens - t->cached_input_tokens;

  if (!(aic_has(a->input_per_mtok_usd) && isfinite(a->input_per_mtok_usd) &&
        a->input_per_mtok_usd >= 0)) {
    aic_diag_add(errors, "/inference/api", "api price '%s' has no valid input price", id);
    ok = false;
  }
  if (!(aic_has(a->output_per_mtok_usd) && isfinite(a->output_per_mtok_usd) &&
        a->output_per_mtok_usd >= 0)) {
    aic_diag_add(errors, "/inference/api", "api price '%s' has no valid output price", id);
    ok = false;
  }
  if (t->cached_input_tokens > 0 &&
      !(aic_has(a->cached_input_per_mtok_usd) && isfinite(a->cached_input_per_mtok_usd) &&
        a->cached_input_per_mtok_usd >= 0)) {
    aic_diag_add(errors, "/traffic/cached_input_tokens",
                 "api price '%s' has no cached-input price; set cached_input_tokens to 0", id);
    ok = false;
  }
  if (!ok)
    return AIC_E_INVALID;
  /* Vendor bills per million tokens: input not served from the cache, cached
   * input, and output, each at its own rate. */
  plan->cost_per_request_usd =
    (uncached * a->input_per_mtok_usd +
     (t->cached_input_tokens > 0 ? t->cached_input_tokens * a->cached_input_per_mtok_usd : 0) +
     t->output_tokens * a->output_per_mtok_usd) / 1e6;
  return AIC_OK;
}

/* The serving settings, resolved against the catalogue defaults. */
struct serving {
  enum aic_precision precision;
  double max_batch;
  double gpus_per_replica; /* AIC_NAN = choose */
  double target_utilization;
  double compute_efficiency;
  double bandwidth_efficiency;
};

/* The replica: how many GPUs, how big a batch, how fast. All errors go to e. */
static bool shape(const struct aic_scenario *sc, const struct aic_traffic_plan *t,
                  const struct serving *sv, struct aic_inference_plan *plan,
                  struct aic_self_hosted_result *sh, struct aic_diags *warnings,
                  struct aic_diags *e)
{
  const struct aic_self_hosted *s = &sc->inference.self_hosted;
  const struct aic_gpu *g = &s->gpu;
  const struct aic_model *m = &sc->model;
  const char *why = "to size self-hosted serving";
  double peak = 0, n_total, n_active, weights, kv_tok, tokens, kv_req, usable, gpus = AIC_NAN;
  double batch, prefill, step, mem_time, compute_time, denom, rps;
  bool ok = true;

  if (!sc->has_model) {
    aic_diag_add(e, "/model", "required %s", why);
    ok = false;
  } else {
    ok = aic_need_model_key(e, m, sc->model_inline, m->params_b, "params_b", why) && ok;
    ok = aic_need_model_key(e, m, sc->model_inline, m->layers, "layers", why) && ok;
    ok = aic_need_model_key(e, m, sc->model_inline, m->kv_heads, "kv_heads", why) && ok;
    ok = aic_need_model_key(e, m, sc->model_inline, m->head_dim, "head_dim", why) && ok;
  }
  ok = aic_need_gpu_key(e, g, s->gpu_inline, SH, g->memory_gib, "memory_gib", why) && ok;
  ok = aic_need_gpu_key(e, g, s->gpu_inline, SH, g->memory_bandwidth_tb_s,
                        "memory_bandwidth_tb_s", why) && ok;
  ok = aic_need_peak(e, g, s->gpu_inline, SH, SH "/precision", compute_precision(g, sv->precision),
                     &peak) && ok;
  if (!ok)
    return false;
  if (!(m->params_b > 0 && m->layers > 0 && m->kv_heads > 0 && m->head_dim > 0 &&
        (!aic_has(m->active_params_b) || m->active_params_b > 0) &&
        (!aic_has(m->context) || m->context > 0))) {
    aic_diag_add(e, "/model", "params_b, active_params_b, layers, kv_heads, head_dim and "
                              "context must be > 0");
    return false;
  }
  if (!(g->memory_gib > 0 && g->memory_bandwidth_tb_s > 0 && isfinite(g->memory_gib) &&
        isfinite(g->memory_bandwidth_tb_s))) {
    aic_diag_add(e, SH "/gpu", "memory_gib and memory_bandwidth_tb_s must be > 0");
    return false;
  }
  n_total = m->params_b * 1e9;
  n_active = (aic_has(m->active_params_b) ? m->active_params_b : m->params_b) * 1e9;
  /* Every expert of a mixture-of-experts model stays resident. */
  weights = n_total * aic_precision_bytes(sv->precision);
  /* Keys and values (2) for every layer and KV head (GQA/MQA share heads). */
  kv_tok = 2.0 * m->layers * m->kv_heads * m->head_dim * kv_bytes(sv->precision);
  /* The cache holds the request's own tokens, capped by the context window. */
  tokens = t->input_tokens + t->output_tokens;
  if (aic_has(m->context) && tokens > m->context)
    tokens = m->context;
  kv_req = kv_tok * tokens;
  usable = g->memory_gib * GIB * MEMORY_USABLE;

  if (aic_has(sv->gpus_per_replica)) {
    gpus = sv->gpus_per_replica;
    if (gpus * usable < weights + kv_req) {
      aic_diag_add(e, SH "/gpus_per_replica",
                   "%g GPUs (%.4g GiB usable) cannot hold the weights (%.4g GiB at %s) and one "
                   "request's KV cache (%.4g GiB)",
                   gpus, gpus * usable / GIB, weights / GIB, aic_precision_name(sv->precision),
                   kv_req / GIB);
      return false;
    }
  } else {
    double p;

    /* The fewest GPUs (a power of two) that hold the weights and a full
     * batch's cache; failing that, the fewest that hold one request, with
     * the batch capped below. */
    for (p = 1; p <= MAX_GPUS_PER_REPLICA && !aic_has(gpus); p *= 2) {
      if (p * usable >= weights + sv->max_batch * kv_req)
        gpus = p;
    }
    for (p = 1; p <= MAX_GPUS_PER_REPLICA && !aic_has(gpus); p *= 2) {
      if (p * usable >= weights + kv_req)
        gpus = p;
    }
    if (!aic_has(gpus)) {
      aic_diag_add(e, SH "/gpu",
                   "the model does not fit: weights %.4g GiB at %s plus %.4g GiB of KV cache "
                   "for one request exceed %d GPUs' %.4g GiB usable",
                   weights / GIB, aic_precision_name(sv->precision), kv_req / GIB,
                   MAX_GPUS_PER_REPLICA, MAX_GPUS_PER_REPLICA * usable / GIB);
      return false;
    }
  }
  batch = sv->max_batch;
  if (kv_req > 0 && weights + batch * kv_req > gpus * usable) {
    batch = floor((gpus * usable - weights) / kv_req);
    aic_diag_add_code(warnings, "max_batch_capped", SH "/max_batch",
                      "only %.0f concurrent requests fit in the KV cache on %g GPUs (asked %g)",
                      batch, gpus, sv->max_batch);
  }

  /* Prefill is compute-bound: 2·N_active FLOPs per prompt token. */
  prefill = 2.0 * n_active * t->input_tokens / (gpus * peak * sv->compute_efficiency);
  /* A decode step reads all weights and the batch's KV cache once, or is
   * bound by 2·N_active FLOPs per sequence, whichever is slower. */
  mem_time = (weights + batch * kv_req) /
             (gpus * g->memory_bandwidth_tb_s * 1e12 * sv->bandwidth_efficiency);
  compute_time = 2.0 * n_active * batch / (gpus * peak * sv->compute_efficiency);
  step = mem_time > compute_time ? mem_time : compute_time;
  /* Continuous batching: a slot serves one request per prefill + O steps. */
  denom = batch * prefill + t->output_tokens * step;
  if (!(denom > 0)) {
    aic_diag_add(e, "/traffic/output_tokens",
                 "self-hosted sizing needs tokens per request: give input_tokens or "
                 "output_tokens");
    return false;
  }
  rps = batch / denom;

  sh->weights_bytes = weights;
  sh->kv_cache_bytes_per_token = kv_tok;
  sh->kv_cache_bytes_per_request = kv_req;
  sh->gpus_per_replica = gpus;
  sh->prefill_ms = prefill * 1e3;
  sh->ttft_ms = (prefill + step) * 1e3;
  sh->tpot_ms = step * 1e3;
  sh->tokens_per_second_per_gpu = rps * t->output_tokens / gpus;
  sh->requests_per_second_per_replica = rps * sv->target_utilization;
  sh->max_batch = batch;
  plan->shaped = true;
  plan->gpus_per_replica = gpus;
  plan->capacity_rps = rps * sv->target_utilization;
  if (!(isfinite(plan->capacity_rps) && plan->capacity_rps > 0 && isfinite(sh->ttft_ms))) {
    aic_diag_add(e, SH, "the replica's capacity is not a finite positive number; check the "
                        "model and GPU figures");
    return false;
  }
  return true;
}

static void copy_diags(struct aic_diags *to, const struct aic_diags *from)
{
  size_t i;

  for (i = 0; i < from->n; i++)
    aic_diag_add(to, from->v[i].pointer, "%s", from->v[i].detail);
}

static int resolve_self_hosted(const struct aic_catalogue *cat, const struct aic_scenario *sc,
                               const struct aic_traffic_plan *t, struct aic_inference_plan *plan,
                               struct aic_self_hosted_result *sh, struct aic_diags *warnings,
                               struct aic_diags *errors)
{
  const struct aic_self_hosted *s = &sc->inference.self_hosted;
  const struct aic_defaults *df = &cat->defaults;
  struct serving sv;
  struct aic_diags shape_errors;
  struct aic_price_ask ask;
  bool ok = true;

  sv.gpus_per_replica = AIC_NAN;
  sv.precision = s->has_precision ? s->precision : df->serving_precision;
  if ((unsigned)sv.precision >= AIC_PRECISION_COUNT) {
    aic_diag_add(errors, SH "/precision", "unknown precision");
    ok = false;
  }
  ok = aic_check_count(errors, SH "/max_batch", s->max_batch, df->max_batch, 1, 1e6,
                       &sv.max_batch) && ok;
  if (aic_has(s->gpus_per_replica))
    ok = aic_check_count(errors, SH "/gpus_per_replica", s->gpus_per_replica, AIC_NAN, 1, 1e6,
                         &sv.gpus_per_replica) && ok;
  ok = aic_check_range(errors, SH "/target_utilization", s->target_utilization,
                       df->target_utilization, 0, true, 1, &sv.target_utilization) && ok;
  ok = aic_check_range(errors, SH "/compute_efficiency", s->compute_efficiency,
                       df->compute_efficiency, 0, true, 1, &sv.compute_efficiency) && ok;
  ok = aic_check_range(errors, SH "/bandwidth_efficiency", s->bandwidth_efficiency,
                       df->bandwidth_efficiency, 0, true, 1, &sv.bandwidth_efficiency) && ok;
  plan->fixed_fleet = aic_has(s->gpus);
  if (plan->fixed_fleet)
    ok = aic_check_count(errors, SH "/gpus", s->gpus, AIC_NAN, 1, 1e9, &plan->fleet_gpus) && ok;
  if (!s->has_gpu) {
    aic_diag_add(errors, SH "/gpu", "required for self-hosted inference");
    return AIC_E_INVALID;
  }
  ask = (struct aic_price_ask){ .pricing = s->pricing, .provider = s->provider,
                                .region = s->region, .override_usd = s->price_per_gpu_hour_usd };
  ok = aic_gpu_hourly_price(cat, &s->gpu, s->gpu_inline, &ask, SH, &sh->price, errors) && ok;
  if (!ok)
    return AIC_E_INVALID;
  plan->price_per_gpu_hour_usd = sh->price.price_per_gpu_hour_usd;
  sh->price_per_gpu_hour_usd = plan->price_per_gpu_hour_usd;

  aic_diags_init(&shape_errors);
  if (!shape(sc, t, &sv, plan, sh, warnings, &shape_errors)) {
    if (!plan->fixed_fleet) {
      copy_diags(errors, &shape_errors);
      return AIC_E_INVALID;
    }
    /* A fixed fleet is billed without any architecture; say what could
     * not be checked instead of failing. */
    aic_diag_add_code(warnings, "fleet_capacity_unchecked", SH "/gpus",
                      "the fleet's capacity was not checked: %s %s",
                      shape_errors.n ? shape_errors.v[0].pointer : "",
                      shape_errors.n ? shape_errors.v[0].detail : "");
    plan->shaped = false;
  } else if (plan->fixed_fleet && plan->fleet_gpus < plan->gpus_per_replica) {
    aic_diag_add(errors, SH "/gpus", "%g GPUs cannot hold one replica of %g GPUs",
                 plan->fleet_gpus, plan->gpus_per_replica);
    return AIC_E_INVALID;
  }
  plan->peak_to_average = t->peak_to_average;
  return AIC_OK;
}

static void sh_clear(struct aic_self_hosted_result *sh)
{
  sh->weights_bytes = AIC_NAN;
  sh->kv_cache_bytes_per_token = AIC_NAN;
  sh->kv_cache_bytes_per_request = AIC_NAN;
  sh->gpus_per_replica = AIC_NAN;
  sh->replicas = AIC_NAN;
  sh->gpus_total = AIC_NAN;
  sh->prefill_ms = AIC_NAN;
  sh->ttft_ms = AIC_NAN;
  sh->tpot_ms = AIC_NAN;
  sh->tokens_per_second_per_gpu = AIC_NAN;
  sh->requests_per_second_per_replica = AIC_NAN;
  sh->price_per_gpu_hour_usd = AIC_NAN;
  aic_price_choice_clear(&sh->price);
  sh->max_batch = AIC_NAN;
}

int aic_inference_resolve(const struct aic_catalogue *cat, const struct aic_scenario *sc,
                          const struct aic_traffic_plan *t, struct aic_inference_plan *plan,
                          struct aic_self_hosted_result *sh, struct aic_diags *warnings,
                          struct aic_diags *errors)
{
  memset(plan, 0, sizeof *plan);
  plan->kind = sc->inference.kind;
  plan->cost_per_request_usd = AIC_NAN;
  plan->price_per_gpu_hour_usd = AIC_NAN;
  plan->gpus_per_replica = AIC_NAN;
  plan->capacity_rps = AIC_NAN;
  plan->fleet_gpus = AIC_NAN;
  sh_clear(sh);
  switch (sc->inference.kind) {
  case AIC_INF_PER_REQUEST:
    return aic_check_range(errors, "/inference/cost_per_request_usd",
                           sc->inference.cost_per_request_usd, AIC_NAN, 0, false, AIC_INF,
                           &plan->cost_per_request_usd)
             ? AIC_OK
             : AIC_E_INVALID;
  case AIC_INF_API:
    return resolve_api(sc, t, plan, errors);
  case AIC_INF_SELF_HOSTED:
    return resolve_self_hosted(cat, sc, t, plan, sh, warnings, errors);
  case AIC_INF_NONE:
    break;
  }
  aic_diag_add(errors, "/inference",
               "required: one of cost_per_request_usd, api or self_hosted");
  return AIC_E_INVALID;
}

double aic_inference_break_even(const struct aic_inference_plan *p, double training_usd,
                                int horizon_days)
{
  double per_replica, k;

  if (!(training_usd > 0) || horizon_days < 1)
    return AIC_NAN;
  switch (p->kind) {
  case AIC_INF_PER_REQUEST:
  case AIC_INF_API:
    if (!(p->cost_per_request_usd > 0))
      return AIC_NAN;
    return training_usd / ((double)horizon_days * p->cost_per_request_usd);
  case AIC_INF_SELF_HOSTED:
    if (p->fixed_fleet)
      return AIC_NAN; /* the bill does not depend on traffic */
    per_replica = p->gpus_per_replica * 24.0 * p->price_per_gpu_hour_usd * horizon_days;
    if (!(per_replica > 0))
      return AIC_NAN;
    /* k replicas reach the training total over the horizon; traffic above
     * (k − 1) replicas' capacity provisions the k-th. */
    k = aic_ceil_tolerant(training_usd / per_replica);
    return (k - 1.0) * p->capacity_rps * AIC_SECONDS_PER_DAY / p->peak_to_average;
  case AIC_INF_NONE:
    break;
  }
  return AIC_NAN;
}
