/* The serving model of one replica: pure functions of a resolved
 * configuration, with no allocation and no catalogue, so that aic_project,
 * the planner's search loop and the calibration test call the same
 * formulas. Formulas and sources: docs/cost-model.md, "Self-hosted serving".
 * Part of the pure core. */
#ifndef AICOST_SERVING_H
#define AICOST_SERVING_H

#include <stdbool.h>

#include "aicost/scenario.h"

/* A replica of `gpus` GPUs serving one kind of request. Every field is a
 * plain number; aic_replica_resolve fills one from a model and a GPU. */
struct aic_replica {
  /* the model */
  double active_params; /* parameters used per token */
  double weight_bytes;  /* every weight, at the serving precision */
  double expert_bytes;  /* one routed expert, summed over the MoE layers; 0 = dense */
  double experts;       /* routed experts per MoE layer; 0 = dense or unknown */
  double experts_per_token;
  double layers;
  double d_model;            /* width of the activations that are all-reduced */
  double kv_bytes_per_token; /* all layers, keys and values */
  double context;            /* most tokens a sequence holds; INFINITY = no limit */
  /* the request */
  double input_tokens;
  double output_tokens;
  /* the replica */
  double gpus; /* tensor_parallel x pipeline_stages */
  double tensor_parallel;
  double pipeline_stages;
  double memory_bytes;       /* for weights and KV cache, all GPUs together */
  double flops;              /* per GPU: dense peak at the compute precision x efficiency */
  double memory_bytes_per_s; /* per GPU: memory bandwidth x efficiency */
  double link_bytes_per_s;   /* per GPU and direction: interconnect x efficiency */
  double allreduce_latency_s;
};

/* What a scenario may set for serving; resolved against the catalogue by
 * aic_replica_resolve. */
struct aic_serving_settings {
  enum aic_precision precision;    /* weights (and activations unless int4 weight-only) */
  enum aic_precision kv_precision; /* the KV cache */
  double compute_efficiency;       /* NAN = the catalogue's for the GPU's generation */
  double bandwidth_efficiency;     /* NAN = defaults.bandwidth_efficiency */
};

/* The precision matrix products run at: int4 is weight-only (AWQ, GPTQ:
 * W4A16) on a part without int4 tensor cores, so it multiplies at the bf16
 * (else fp16) peak; every other precision computes as stored. */
enum aic_precision aic_compute_precision(const struct aic_gpu *g, enum aic_precision p);

/* The KV cache's default precision: 16-bit for every serving precision of
 * 16 bits or fewer (vLLM's "auto", TensorRT-LLM: "by default the KV cache
 * is not quantized"), 32-bit for fp32/tf32. */
enum aic_precision aic_kv_precision_default(enum aic_precision serving);

/* Fills r for `gpus` GPUs. The model and GPU must carry what the formulas
 * need (checked by the caller: params_b, layers, kv_heads, head_dim,
 * memory_gib, memory_bandwidth_tb_s and the peak at the compute precision);
 * absent optional figures take the documented fallbacks. Pure. */
void aic_replica_resolve(const struct aic_catalogue *cat, const struct aic_model *m,
                         const struct aic_gpu *g, const struct aic_serving_settings *s, double gpus,
                         double input_tokens, double output_tokens, struct aic_replica *r);

/* Share of GPU memory given to weights and KV cache; the rest is left for
 * the CUDA context, activations and fragmentation. vLLM's default
 * gpu_memory_utilization is the same 0.9. */
#define AIC_MEMORY_USABLE 0.9

/* The most GPUs one tensor-parallel group spans: an 8-GPU NVLink/NVSwitch
 * (or Infinity Fabric) node. Wider replicas add pipeline stages. */
#define AIC_TENSOR_PARALLEL_MAX 8

/* Tokens a sequence holds on average while it decodes (its prompt and half
 * its output, paged allocation), and at most (the whole request); both
 * capped by the context window. */
double aic_replica_tokens_held(const struct aic_replica *r);
double aic_replica_tokens_max(const struct aic_replica *r);

/* Sequences whose average KV cache fits next to the weights:
 * floor((memory - weights) / (kv_per_token x tokens_held)). 0 when the
 * weights and one whole request do not fit; INFINITY without a KV cache. */
double aic_replica_max_batch(const struct aic_replica *r);

/* Weight bytes one forward pass over `tokens` tokens reads: every weight
 * of a dense model; for a mixture of experts the shared part plus the
 * expected distinct experts E x (1 - (1 - k/E)^tokens) of each MoE layer. */
double aic_replica_weights_read(const struct aic_replica *r, double tokens);

/* Seconds to prefill `sequences` prompts of `tokens` each in one pass. */
double aic_replica_prefill_s(const struct aic_replica *r, double sequences, double tokens);

/* Seconds of one decode step of `batch` sequences (the time per output
 * token when nothing else runs). */
double aic_replica_step_s(const struct aic_replica *r, double batch);

/* How requests arrive. */
enum aic_load_kind {
  AIC_LOAD_RATE,    /* open loop: value requests/s arrive at random (INFINITY: all at once) */
  AIC_LOAD_CLIENTS, /* closed loop: value clients, each sends again when answered */
  AIC_LOAD_STATIC,  /* one static batch of value requests that start together */
};

struct aic_replica_perf {
  double batch;                /* the batch cap the replica ran with */
  double capacity_rps;         /* requests/s completed with every slot busy */
  double rps;                  /* requests/s completed at the load */
  double concurrency;          /* mean sequences in the replica at the load */
  double prefill_s;            /* one request's prompt, alone */
  double ttft_s;               /* mean time to first token; INFINITY when saturated */
  double tpot_s;               /* mean time per output token */
  double tokens_per_s_per_gpu; /* output tokens/s per GPU at the load */
  bool saturated;              /* the load exceeds capacity: a queue grows without bound */
};

/* The replica with at most `batch` sequences decoding together, under a
 * load. Pure; a fixed-point loop of at most 100 steps for AIC_LOAD_RATE. */
void aic_replica_perform(const struct aic_replica *r, double batch, enum aic_load_kind kind,
                         double value, struct aic_replica_perf *out);

#endif
