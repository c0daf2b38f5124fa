/* Inference: the recurring cost, by a price per request, a vendor's token
 * prices, or a self-hosted fleet sized from the model and the GPU.
 * Formulas and sources: docs/cost-model.md. */
#include "core.h"

#include "aicost/serving.h"

#include <math.h>
#include <string.h>

#define GIB 1073741824.0
#define SH "/inference/self_hosted"

/* Replicas chosen by cost come in powers of two up to 64 GPUs (8 nodes). */
#define MAX_GPUS_PER_REPLICA 64

/* The serving settings, resolved against the catalogue defaults. */
struct serving {
  struct aic_serving_settings set;
  double max_batch;
  double gpus_per_replica; /* AIC_NAN = choose */
  double target_utilization;
};

/* The model keys serving needs, and the mixture-of-experts counts when
 * given (both or neither; whole numbers with 1 <= k < E). */
static bool
check_model(const struct aic_scenario *sc, struct aic_diags *e, const char *why)
{
  const struct aic_model *m = &sc->model;
  bool ok = true;

  if (!sc->has_model) {
    aic_diag_add(e, "/model", "required %s", why);
    return false;
  }
  ok = aic_need_model_key(e, m, sc->model_inline, m->params_b, "params_b", why) && ok;
  ok = aic_need_model_key(e, m, sc->model_inline, m->layers, "layers", why) && ok;
  ok = aic_need_model_key(e, m, sc->model_inline, m->kv_heads, "kv_heads", why) && ok;
  ok = aic_need_model_key(e, m, sc->model_inline, m->head_dim, "head_dim", why) && ok;
  if (aic_has(m->experts) != aic_has(m->experts_per_token)) {
    aic_need_model_key(e, m, sc->model_inline, m->experts, "experts",
                       "with experts_per_token (a mixture of experts gives both)");
    aic_need_model_key(e, m, sc->model_inline, m->experts_per_token, "experts_per_token",
                       "with experts (a mixture of experts gives both)");
    ok = false;
  } else if (aic_has(m->experts) &&
             !(m->experts >= 2 && m->experts == floor(m->experts) && m->experts_per_token >= 1 &&
               m->experts_per_token == floor(m->experts_per_token) &&
               m->experts_per_token < m->experts && m->experts <= 1e6)) {
    aic_diag_add(e, "/model",
                 "experts and experts_per_token must be whole numbers with "
                 "1 <= experts_per_token < experts");
    ok = false;
  }
  return ok;
}

/* Capacity of a replica of r's width at batch b: requests/s with every
 * slot busy. */
static double
capacity_at(const struct aic_replica *r, double b)
{
  struct aic_replica_perf p;

  aic_replica_perform(r, b, AIC_LOAD_RATE, AIC_INF, &p);
  return p.capacity_rps;
}

/* The replica: how many GPUs, how big a batch, how fast. All errors go to e. */
static bool
shape(const struct aic_catalogue *cat, const struct aic_scenario *sc,
      const struct aic_traffic_plan *t, const struct serving *sv, struct aic_inference_plan *plan,
      struct aic_self_hosted_result *sh, struct aic_diags *warnings, struct aic_diags *e)
{
  const struct aic_self_hosted *s = &sc->inference.self_hosted;
  const struct aic_gpu *g = &s->gpu;
  const struct aic_model *m = &sc->model;
  const char *why = "to size self-hosted serving";
  struct aic_replica r;
  struct aic_replica_perf at_peak, planned;
  double peak = 0, fit, batch, capacity, one_request;
  /* Reasoning tokens are decoded like output tokens: they take steps and cache. */
  double decoded = t->output_tokens + t->reasoning_tokens;
  bool ok = check_model(sc, e, why);

  ok = aic_need_gpu_key(e, g, s->gpu_inline, SH, g->memory_gib, "memory_gib", why) && ok;
  ok = aic_need_gpu_key(e, g, s->gpu_inline, SH, g->memory_bandwidth_tb_s, "memory_bandwidth_tb_s",
                        why) &&
       ok;
  ok = aic_need_peak(e, g, s->gpu_inline, SH, SH "/precision",
                     aic_compute_precision(g, sv->set.precision), &peak) &&
       ok;
  if (!ok)
    return false;
  if (!(m->params_b > 0 && m->layers > 0 && m->kv_heads > 0 && m->head_dim > 0 &&
        (!aic_has(m->active_params_b) || m->active_params_b > 0) &&
        (!aic_has(m->context) || m->context > 0) && (!aic_has(m->d_model) || m->d_model > 0) &&
        (!aic_has(m->heads) || m->heads > 0))) {
    aic_diag_add(e, "/model",
                 "params_b, active_params_b, layers, d_model, heads, kv_heads, "
                 "head_dim and context must be > 0");
    return false;
  }
  if (!(g->memory_gib > 0 && g->memory_bandwidth_tb_s > 0 && isfinite(g->memory_gib) &&
        isfinite(g->memory_bandwidth_tb_s) &&
        (!aic_has(g->interconnect_gb_s) ||
         (g->interconnect_gb_s > 0 && isfinite(g->interconnect_gb_s))))) {
    aic_diag_add(e, SH "/gpu",
                 "memory_gib, memory_bandwidth_tb_s and interconnect_gb_s must "
                 "be > 0");
    return false;
  }
  if (!(t->input_tokens + decoded > 0)) {
    aic_diag_add(e, "/traffic/output_tokens",
                 "self-hosted sizing needs tokens per request: give input_tokens or "
                 "output_tokens");
    return false;
  }

  if (aic_has(sv->gpus_per_replica)) {
    aic_replica_resolve(cat, m, g, &sv->set, sv->gpus_per_replica, t->input_tokens, decoded, &r);
    if (!(aic_replica_max_batch(&r) >= 1)) {
      one_request = r.kv_bytes_per_token * aic_replica_tokens_max(&r);
      aic_diag_add(e, SH "/gpus_per_replica",
                   "%g GPUs (%.4g GiB usable) cannot hold the weights (%.4g GiB at %s) and one "
                   "request's KV cache (%.4g GiB)",
                   sv->gpus_per_replica, r.memory_bytes / GIB, r.weight_bytes / GIB,
                   aic_precision_name(sv->set.precision), one_request / GIB);
      return false;
    }
  } else {
    /* Among the widths that hold the weights and one whole request, the
     * cheapest per token: GPUs per request/s at the batch that fits (the
     * price per GPU-hour is the same for every width). Ties keep the
     * narrower replica. */
    struct aic_replica best;
    double best_cost = AIC_INF, p;

    for (p = 1; p <= MAX_GPUS_PER_REPLICA; p *= 2) {
      struct aic_replica c;
      double b, cost;

      aic_replica_resolve(cat, m, g, &sv->set, p, t->input_tokens, decoded, &c);
      fit = aic_replica_max_batch(&c);
      if (!(fit >= 1))
        continue;
      b = fit < sv->max_batch ? fit : sv->max_batch;
      cost = p / capacity_at(&c, b);
      if (cost < best_cost) {
        best_cost = cost;
        best = c;
      }
    }
    if (!(best_cost < AIC_INF)) {
      aic_replica_resolve(cat, m, g, &sv->set, MAX_GPUS_PER_REPLICA, t->input_tokens, decoded, &r);
      one_request = r.kv_bytes_per_token * aic_replica_tokens_max(&r);
      aic_diag_add(e, SH "/gpu",
                   "the model does not fit: weights %.4g GiB at %s plus %.4g GiB of KV cache "
                   "for one request exceed %d GPUs' %.4g GiB usable",
                   r.weight_bytes / GIB, aic_precision_name(sv->set.precision), one_request / GIB,
                   MAX_GPUS_PER_REPLICA, r.memory_bytes / GIB);
      return false;
    }
    r = best;
  }
  fit = aic_replica_max_batch(&r);
  batch = sv->max_batch;
  if (fit < batch) {
    batch = fit;
    aic_diag_add_code(warnings, "max_batch_capped", SH "/max_batch",
                      "only %.0f concurrent requests fit in the KV cache on %g GPUs (asked %g)",
                      batch, r.gpus, sv->max_batch);
  }
  /* Capacity with every slot busy; the fleet plans for target_utilization
   * of it, and latency is quoted at that planned load. */
  aic_replica_perform(&r, batch, AIC_LOAD_RATE, AIC_INF, &at_peak);
  capacity = at_peak.capacity_rps;
  aic_replica_perform(&r, batch, AIC_LOAD_RATE, capacity * sv->target_utilization, &planned);

  sh->weights_bytes = r.weight_bytes;
  sh->kv_cache_bytes_per_token = r.kv_bytes_per_token;
  sh->kv_cache_bytes_per_request = r.kv_bytes_per_token * aic_replica_tokens_max(&r);
  sh->gpus_per_replica = r.gpus;
  sh->tensor_parallel = r.tensor_parallel;
  sh->pipeline_stages = r.pipeline_stages;
  sh->prefill_ms = planned.prefill_s * 1e3;
  sh->ttft_ms = planned.ttft_s * 1e3;
  sh->tpot_ms = planned.tpot_s * 1e3;
  sh->concurrency = planned.concurrency;
  sh->tokens_per_second_per_gpu = capacity * decoded / r.gpus;
  sh->requests_per_second_per_replica = capacity * sv->target_utilization;
  sh->max_batch = batch;
  plan->shaped = true;
  plan->gpus_per_replica = r.gpus;
  plan->capacity_rps = capacity * sv->target_utilization;
  if (!(isfinite(plan->capacity_rps) && plan->capacity_rps > 0 && isfinite(sh->ttft_ms) &&
        isfinite(sh->tpot_ms))) {
    aic_diag_add(e, SH,
                 "the replica's capacity is not a finite positive number; check the "
                 "model and GPU figures");
    return false;
  }
  return true;
}

/* The catalogue's serving defaults, checked once: a hand-built catalogue
 * with a bad one answers with an error, never a NaN. */
static bool
serving_defaults_ok(const struct aic_catalogue *cat, struct aic_diags *errors)
{
  const struct aic_defaults *df = &cat->defaults;
  const struct aic_generation *d = aic_catalogue_generation(cat, "default");
  bool ok = d != NULL && df->interconnect_gb_s > 0 && isfinite(df->interconnect_gb_s) &&
            df->interconnect_efficiency > 0 && df->interconnect_efficiency <= 1 &&
            df->allreduce_latency_us >= 0 && isfinite(df->allreduce_latency_us);

  for (int c = 0; ok && c < AIC_CLASS_COUNT; c++)
    ok = d->serving_efficiency[c] > 0 && d->serving_efficiency[c] <= 1;
  if (!ok)
    aic_diag_add(errors, SH,
                 "the catalogue's serving defaults (generations.default, "
                 "interconnect_gb_s, interconnect_efficiency, allreduce_latency_us) "
                 "are missing or out of range");
  return ok;
}

static void
copy_diags(struct aic_diags *to, const struct aic_diags *from)
{
  size_t i;

  for (i = 0; i < from->n; i++)
    aic_diag_add(to, from->v[i].pointer, "%s", from->v[i].detail);
}

static int
resolve_self_hosted(const struct aic_catalogue *cat, const struct aic_scenario *sc,
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
  sv.set.precision = s->has_precision ? s->precision : df->serving_precision;
  if ((unsigned)sv.set.precision >= AIC_PRECISION_COUNT) {
    aic_diag_add(errors, SH "/precision", "unknown precision");
    ok = false;
  }
  sv.set.kv_precision = s->has_kv_precision ? s->kv_precision
                                            : aic_kv_precision_default(sv.set.precision);
  if (!(sv.set.kv_precision == AIC_BF16 || sv.set.kv_precision == AIC_FP16 ||
        sv.set.kv_precision == AIC_FP8 || sv.set.kv_precision == AIC_INT8 ||
        (!s->has_kv_precision && sv.set.kv_precision == AIC_FP32))) {
    aic_diag_add(errors, SH "/kv_cache_precision", "must be 'bf16', 'fp16', 'fp8' or 'int8'");
    ok = false;
  }
  ok = aic_check_count(errors, SH "/max_batch", s->max_batch, df->max_batch, 1, 1e6,
                       &sv.max_batch) &&
       ok;
  if (aic_has(s->gpus_per_replica))
    ok = aic_check_count(errors, SH "/gpus_per_replica", s->gpus_per_replica, AIC_NAN, 1, 1e6,
                         &sv.gpus_per_replica) &&
         ok;
  ok = aic_check_range(errors, SH "/target_utilization", s->target_utilization,
                       df->target_utilization, AIC_FRACTION_MIN, false, 1,
                       &sv.target_utilization) &&
       ok;
  /* Absent efficiencies stay absent: aic_replica_resolve takes the
   * catalogue's for the GPU's generation. */
  sv.set.compute_efficiency = AIC_NAN;
  sv.set.bandwidth_efficiency = AIC_NAN;
  if (aic_has(s->compute_efficiency))
    ok = aic_check_range(errors, SH "/compute_efficiency", s->compute_efficiency, AIC_NAN,
                         AIC_FRACTION_MIN, false, 1, &sv.set.compute_efficiency) &&
         ok;
  ok = aic_check_range(errors, SH "/bandwidth_efficiency", s->bandwidth_efficiency,
                       df->bandwidth_efficiency, AIC_FRACTION_MIN, false, 1,
                       &sv.set.bandwidth_efficiency) &&
       ok;
  plan->fixed_fleet = aic_has(s->gpus);
  if (plan->fixed_fleet)
    ok = aic_check_count(errors, SH "/gpus", s->gpus, AIC_NAN, 1, 1e9, &plan->fleet_gpus) && ok;
  if (!s->has_gpu) {
    aic_diag_add(errors, SH "/gpu", "required for self-hosted inference");
    return AIC_E_INVALID;
  }
  ask = (struct aic_price_ask){ .pricing = s->pricing,
                                .provider = s->provider,
                                .region = s->region,
                                .override_usd = s->price_per_gpu_hour_usd,
                                .energy = &s->energy };
  ok = aic_gpu_hourly_price(cat, &s->gpu, s->gpu_inline, &ask, SH, &sh->price, errors) && ok;
  if (!ok)
    return AIC_E_INVALID;
  plan->price_per_gpu_hour_usd = sh->price.price_per_gpu_hour_usd;
  sh->price_per_gpu_hour_usd = plan->price_per_gpu_hour_usd;

  aic_diags_init(&shape_errors);
  if (!serving_defaults_ok(cat, errors))
    return AIC_E_INVALID;
  if (!shape(cat, sc, t, &sv, plan, sh, warnings, &shape_errors)) {
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
    aic_diag_add(errors, SH "/gpus", "%g GPUs cannot hold one replica of %g GPUs", plan->fleet_gpus,
                 plan->gpus_per_replica);
    return AIC_E_INVALID;
  }
  plan->peak_to_average = t->peak_to_average;
  return AIC_OK;
}

static void
sh_clear(struct aic_self_hosted_result *sh)
{
  sh->weights_bytes = AIC_NAN;
  sh->kv_cache_bytes_per_token = AIC_NAN;
  sh->kv_cache_bytes_per_request = AIC_NAN;
  sh->gpus_per_replica = AIC_NAN;
  sh->tensor_parallel = AIC_NAN;
  sh->pipeline_stages = AIC_NAN;
  sh->concurrency = AIC_NAN;
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

/* batch and off_peak_share are ways of paying a vendor: with any other
 * kind of inference they would be silently ignored. */
static bool
api_options_only(const struct aic_scenario *sc, struct aic_diags *errors)
{
  bool ok = true;

  if (sc->inference.kind == AIC_INF_API)
    return true;
  if (sc->inference.batch) {
    aic_diag_add(errors, "/inference/batch",
                 "applies only to api inference (a vendor's batch "
                 "price)");
    ok = false;
  }
  if (aic_has(sc->inference.off_peak_share)) {
    aic_diag_add(errors, "/inference/off_peak_share",
                 "applies only to api inference (a vendor's "
                 "off-peak price)");
    ok = false;
  }
  return ok;
}

int
aic_inference_resolve(const struct aic_catalogue *cat, const struct aic_scenario *sc,
                      const struct aic_traffic_plan *t, const struct aic_calendar *cal,
                      struct aic_inference_plan *plan, struct aic_projection *pj,
                      struct aic_diags *errors)
{
  struct aic_self_hosted_result *sh = &pj->sh;

  memset(plan, 0, sizeof *plan);
  plan->kind = sc->inference.kind;
  plan->cost_per_request_usd = AIC_NAN;
  plan->price_per_gpu_hour_usd = AIC_NAN;
  plan->gpus_per_replica = AIC_NAN;
  plan->capacity_rps = AIC_NAN;
  plan->fleet_gpus = AIC_NAN;
  sh_clear(sh);
  if (!api_options_only(sc, errors))
    return AIC_E_INVALID;
  switch (sc->inference.kind) {
  case AIC_INF_PER_REQUEST:
    return aic_check_range(errors, "/inference/cost_per_request_usd",
                           sc->inference.cost_per_request_usd, AIC_NAN, 0, false, AIC_INF,
                           &plan->cost_per_request_usd)
             ? AIC_OK
             : AIC_E_INVALID;
  case AIC_INF_API:
    pj->api = true;
    return aic_api_resolve(cat, sc, t, cal, plan, &pj->api_billing, errors);
  case AIC_INF_SELF_HOSTED: return resolve_self_hosted(cat, sc, t, plan, sh, &pj->warnings, errors);
  case AIC_INF_NONE: break;
  }
  aic_diag_add(errors, "/inference", "required: one of cost_per_request_usd, api or self_hosted");
  return AIC_E_INVALID;
}

double
aic_inference_break_even(const struct aic_inference_plan *p, double training_usd, int horizon_days)
{
  double per_replica, k;

  if (!(training_usd > 0) || horizon_days < 1)
    return AIC_NAN;
  switch (p->kind) {
  case AIC_INF_PER_REQUEST:
  case AIC_INF_API: {
    /* Linear in traffic: the horizon's requests at each day's rate (a
     * dated price changes the rate on its day) reach the training cost. */
    double per_request_days = 0, rate = p->cost_per_request_usd;
    int from = 1;

    for (size_t i = 0; i < p->n_steps && p->steps[i].day <= horizon_days; i++) {
      per_request_days += (double)(p->steps[i].day - from) * rate;
      rate = p->steps[i].cost_per_request_usd;
      from = p->steps[i].day;
    }
    per_request_days += (double)(horizon_days - from + 1) * rate;
    if (!(per_request_days > 0))
      return AIC_NAN;
    return training_usd / per_request_days;
  }
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
  case AIC_INF_NONE: break;
  }
  return AIC_NAN;
}
