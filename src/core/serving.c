/* The serving model of one replica: memory, prefill, decode steps,
 * all-reduces, and the latency and throughput under a load. Formulas and
 * sources: docs/cost-model.md, "Self-hosted serving". */
#include "aicost/serving.h"

#include "core.h"

#include <math.h>
#include <string.h>

#define GIB 1073741824.0
/* Bytes per activation value all-reduced between tensor-parallel GPUs:
 * engines keep activations in 16 bits even with 8- or 4-bit weights. */
#define ACTIVATION_BYTES 2.0
/* The fixed point of the open-loop latency converges in a few steps below
 * saturation; the bound only guards a pathological input. */
#define FIXED_POINT_STEPS 100

enum aic_precision
aic_compute_precision(const struct aic_gpu *g, enum aic_precision p)
{
  if (p != AIC_INT4 || aic_has(g->peak_tflops[AIC_INT4]))
    return p;
  return aic_has(g->peak_tflops[AIC_BF16]) ? AIC_BF16 : AIC_FP16;
}

enum aic_precision
aic_kv_precision_default(enum aic_precision serving)
{
  return (serving == AIC_FP32 || serving == AIC_TF32) ? AIC_FP32 : AIC_BF16;
}

/* The widest tensor-parallel group that divides the replica, at most one
 * node (AIC_TENSOR_PARALLEL_MAX); the rest of the width is pipeline stages. */
static double
tensor_parallel_of(double gpus)
{
  double tp;

  if (gpus <= AIC_TENSOR_PARALLEL_MAX)
    return gpus;
  for (tp = AIC_TENSOR_PARALLEL_MAX; tp > 1; tp--) {
    if (fmod(gpus, tp) == 0)
      return tp;
  }
  return 1;
}

void
aic_replica_resolve(const struct aic_catalogue *cat, const struct aic_model *m,
                    const struct aic_gpu *g, const struct aic_serving_settings *s, double gpus,
                    double input_tokens, double output_tokens, struct aic_replica *r)
{
  const struct aic_defaults *df = &cat->defaults;
  enum aic_precision cp = aic_compute_precision(g, s->precision);
  double bytes = aic_precision_bytes(s->precision);
  double total = m->params_b * 1e9;
  double active = (aic_has(m->active_params_b) ? m->active_params_b : m->params_b) * 1e9;
  double efficiency = s->compute_efficiency;
  double interconnect = aic_has(g->interconnect_gb_s) ? g->interconnect_gb_s
                                                      : df->interconnect_gb_s;

  memset(r, 0, sizeof *r);
  if (!aic_has(efficiency)) {
    const struct aic_generation *gen = aic_catalogue_generation(cat, g->generation);
    const struct aic_generation *fallback = aic_catalogue_generation(cat, "default");
    enum aic_precision_class c = aic_precision_class_of(cp);

    efficiency = gen != NULL ? gen->serving_efficiency[c] : AIC_NAN;
    if (!aic_has(efficiency) && fallback != NULL)
      efficiency = fallback->serving_efficiency[c];
  }
  r->active_params = active;
  r->weight_bytes = total * bytes;
  /* A routed expert's parameters, summed over the MoE layers, follow from
   * the totals: total = shared + E x expert, active = shared + k x expert. */
  if (aic_has(m->experts) && aic_has(m->experts_per_token) && total > active &&
      m->experts > m->experts_per_token) {
    r->experts = m->experts;
    r->experts_per_token = m->experts_per_token;
    r->expert_bytes = (total - active) / (m->experts - m->experts_per_token) * bytes;
  }
  r->layers = m->layers;
  /* Without d_model: the attention width, else Kaplan's N = 12 x layers x d^2. */
  if (aic_has(m->d_model))
    r->d_model = m->d_model;
  else if (aic_has(m->heads))
    r->d_model = m->heads * m->head_dim;
  else
    r->d_model = sqrt(total / (12.0 * m->layers));
  /* Keys and values (2) for every layer and KV head (GQA/MQA share heads). */
  r->kv_bytes_per_token = 2.0 * m->layers * m->kv_heads * m->head_dim *
                          aic_precision_bytes(s->kv_precision);
  r->context = aic_has(m->context) ? m->context : AIC_INF;
  r->input_tokens = input_tokens;
  r->output_tokens = output_tokens;
  r->gpus = gpus;
  r->tensor_parallel = tensor_parallel_of(gpus);
  r->pipeline_stages = gpus / r->tensor_parallel;
  r->memory_bytes = gpus * g->memory_gib * GIB * AIC_MEMORY_USABLE;
  r->flops = g->peak_tflops[cp] * 1e12 * efficiency;
  r->memory_bytes_per_s = g->memory_bandwidth_tb_s * 1e12 *
                          (aic_has(s->bandwidth_efficiency) ? s->bandwidth_efficiency
                                                            : df->bandwidth_efficiency);
  /* interconnect_gb_s counts both directions; a ring all-reduce sends and
   * receives at once, so each direction carries half. */
  r->link_bytes_per_s = interconnect / 2.0 * 1e9 * df->interconnect_efficiency;
  r->allreduce_latency_s = df->allreduce_latency_us * 1e-6;
}

double
aic_replica_tokens_held(const struct aic_replica *r)
{
  double held = r->input_tokens + r->output_tokens / 2.0;

  return held < r->context ? held : r->context;
}

double
aic_replica_tokens_max(const struct aic_replica *r)
{
  double all = r->input_tokens + r->output_tokens;

  return all < r->context ? all : r->context;
}

double
aic_replica_max_batch(const struct aic_replica *r)
{
  double room = r->memory_bytes - r->weight_bytes;
  double seq = r->kv_bytes_per_token * aic_replica_tokens_held(r);

  if (room < r->kv_bytes_per_token * aic_replica_tokens_max(r) || room < 0)
    return 0;
  if (!(seq > 0))
    return AIC_INF;
  return floor(room / seq);
}

double
aic_replica_weights_read(const struct aic_replica *r, double tokens)
{
  double touched;

  if (!(r->expert_bytes > 0) || !(tokens > 0))
    return r->weight_bytes;
  /* Each token picks k of E experts: an expert is missed by all `tokens`
   * with probability (1 - k/E)^tokens (routing taken as uniform). */
  touched = r->experts * (1.0 - pow(1.0 - r->experts_per_token / r->experts, tokens));
  return r->weight_bytes - r->expert_bytes * (r->experts - touched);
}

/* Two all-reduces per layer (after attention and after the MLP; Shoeybi et
 * al. 2019, Megatron-LM section 3) over the tensor-parallel group, each a
 * fixed latency plus a ring's 2(t-1)/t of the activations per GPU. */
static double
allreduce_s(const struct aic_replica *r, double tokens)
{
  double tp = r->tensor_parallel, per;

  if (!(tp > 1))
    return 0;
  per = r->allreduce_latency_s +
        2.0 * (tp - 1.0) / tp * tokens * r->d_model * ACTIVATION_BYTES / r->link_bytes_per_s;
  return 2.0 * r->layers * per;
}

double
aic_replica_prefill_s(const struct aic_replica *r, double sequences, double tokens)
{
  double n = sequences * tokens;

  if (!(n > 0))
    return 0;
  {
    /* 2N FLOPs per token (Kaplan et al. 2020) plus causal attention: each
   * token attends to half the prompt on average, 2 x layers x (t/2) x d. */
    double flops = 2.0 * r->active_params * n +
                   sequences * r->layers * tokens * tokens * r->d_model;
    double compute = flops / (r->tensor_parallel * r->flops);
    double memory = aic_replica_weights_read(r, n) / (r->tensor_parallel * r->memory_bytes_per_s);

    return (compute > memory ? compute : memory) + allreduce_s(r, n);
  }
}

double
aic_replica_step_s(const struct aic_replica *r, double batch)
{
  /* Pipeline stages split the batch into as many micro-batches; a sequence
   * passes every stage once per token, so the step is that of one
   * micro-batch through all the layers on one tensor-parallel group. */
  double m = batch / r->pipeline_stages;
  double memory = (aic_replica_weights_read(r, m) +
                   m * r->kv_bytes_per_token * aic_replica_tokens_held(r)) /
                  (r->tensor_parallel * r->memory_bytes_per_s);
  double compute = 2.0 * r->active_params * m / (r->tensor_parallel * r->flops);

  return (memory > compute ? memory : compute) + allreduce_s(r, m);
}

/* The M/D/1 mean wait (Pollaczek-Khinchine) for a prefill slot busy a
 * fraction rho of the time with service time s. */
static double
prefill_wait(double rho, double s)
{
  return rho > 0 ? rho * s / (2.0 * (1.0 - rho)) : 0;
}

static void
saturated(const struct aic_replica *r, double b, double pf, double decode_steps, double capacity,
          struct aic_replica_perf *out)
{
  double occupy = pf / r->pipeline_stages;

  out->saturated = true;
  out->rps = capacity;
  out->concurrency = b;
  out->ttft_s = AIC_INF;
  /* Every slot busy: a sequence's decode steps also wait for the other
   * slots' prefills. */
  out->tpot_s = aic_replica_step_s(r, b) +
                (decode_steps > 0 ? (b - 1.0) * occupy / decode_steps : 0);
}

void
aic_replica_perform(const struct aic_replica *r, double batch, enum aic_load_kind kind,
                    double value, struct aic_replica_perf *out)
{
  double o = r->output_tokens;
  /* One decode step per output token: the first comes out of the prefill's
   * last position, but the request then waits for the running step. */
  double steps = o;
  double pf = aic_replica_prefill_s(r, 1, r->input_tokens);
  double occupy = pf / r->pipeline_stages; /* a prefill holds each stage this long */
  double b = batch, cycle, capacity;

  memset(out, 0, sizeof *out);
  out->batch = batch;
  out->prefill_s = pf;
  if (kind == AIC_LOAD_STATIC) {
    /* Every prompt of the batch in one pass, then the decode steps. */
    double first = aic_replica_prefill_s(r, b, r->input_tokens);

    cycle = first + steps * aic_replica_step_s(r, b);
    out->capacity_rps = b / cycle;
    out->rps = out->capacity_rps;
    out->concurrency = b;
    out->ttft_s = first;
    out->tpot_s = aic_replica_step_s(r, b);
    out->tokens_per_s_per_gpu = out->rps * o / r->gpus;
    return;
  }
  /* Continuous batching (Yu et al. 2022, Orca; Kwon et al. 2023, vLLM):
   * each of b slots serves a request per prefill plus its decode steps, and
   * a prefill stalls the decoding batch while it runs. */
  if (kind == AIC_LOAD_CLIENTS && value < b)
    b = value;
  cycle = b * occupy + steps * aic_replica_step_s(r, b);
  capacity = cycle > 0 ? b / cycle : AIC_INF;
  out->capacity_rps = capacity;
  if (kind == AIC_LOAD_CLIENTS) {
    /* value clients, b of them in slots: each waits for the other slots'
     * prefills (M/D/1), and clients beyond the slots wait for a slot. */
    double rho = capacity * occupy * (b - 1.0) / b;

    out->rps = capacity;
    out->concurrency = value;
    out->tpot_s = aic_replica_step_s(r, b) + (steps > 0 ? (b - 1.0) * occupy / steps : 0);
    out->ttft_s = pf + prefill_wait(rho, occupy) + aic_replica_step_s(r, b);
    if (value > b)
      out->ttft_s += cycle * (value / b - 1.0);
    out->tokens_per_s_per_gpu = out->rps * o / r->gpus;
    return;
  }
  if (!(value < capacity)) {
    saturated(r, b, pf, steps, capacity, out);
    out->tokens_per_s_per_gpu = out->rps * o / r->gpus;
    return;
  }
  {
    /* Open loop at value requests/s: prefills take a fraction rho of the
     * replica; decode runs the rest of the time with c sequences in flight,
     * and c follows from Little's law, c = rate x time in the replica. */
    double rho = value * occupy, c = 0, ttft = 0, tpot = 0, step;
    int i;

    if (!(rho < 1)) {
      saturated(r, b, pf, steps, capacity, out);
      out->tokens_per_s_per_gpu = out->rps * o / r->gpus;
      return;
    }
    for (i = 0; i < FIXED_POINT_STEPS; i++) {
      double next;

      step = aic_replica_step_s(r, c > 1 ? c : 1);
      tpot = step / (1.0 - rho);
      ttft = pf + prefill_wait(rho, occupy) + step;
      next = value * (ttft + steps * tpot);
      if (next > b)
        next = b;
      if (fabs(next - c) <= 1e-12 * next) {
        c = next;
        break;
      }
      c = next;
    }
    out->rps = value;
    out->concurrency = c;
    out->ttft_s = ttft;
    out->tpot_s = tpot;
    out->tokens_per_s_per_gpu = value * o / r->gpus;
  }
}
