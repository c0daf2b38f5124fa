/* JSON scenario -> struct aic_scenario, and comparison requests.
 * The tables below ARE the scenario format: every member, its type, its
 * range (docs/scenario.md lists the same, with the reasons for the bounds).
 * After the tables, a few cross-member rules the tables cannot express
 * (exactly one inference form, tokens or gpu_hours, a lump sum alone).
 * What a computation needs (a model key, a GPU's peak at a precision) is the
 * core's to report: the io layer cannot know which keys the chosen path uses. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aicost/io.h"
#include "aicost/util.h"
#include "schema.h"
#include "json_util.h"

/* ENUM rows write an int. */
_Static_assert(sizeof(enum aic_granularity) == sizeof(int), "enum size");
_Static_assert(sizeof(enum aic_pricing) == sizeof(int), "enum size");
_Static_assert(sizeof(enum aic_precision) == sizeof(int), "enum size");
_Static_assert(sizeof(enum aic_method) == sizeof(int), "enum size");
/* scenarios_array writes an index of at most two digits. */
_Static_assert(AIC_COMPARE_MAX <= 100, "two-digit scenario index");

struct ctx {
  const struct aic_catalogue *cat;
};

/* Bounds shared by many rows. They keep every product the core forms finite
 * (3,650 days x 1e12 requests x $1e4 is 3.65e19) while leaving room far
 * beyond any real plan; docs/scenario.md gives the reasons. */
#define MAX_USD_PER_HOUR 1e4   /* a GPU-hour; list prices are $1-$15 */
#define MAX_TOKENS_TRAIN 1e16  /* Llama 3 pretrained on 1.5e13 */
#define MAX_TOKENS_REQ 1e7     /* per request; the longest contexts are ~1e6-1e7 */
#define MAX_PARAMS_B 1e5       /* 100 trillion parameters */
#define MAX_REQUESTS 1e12      /* per day: ~12 million a second */
#define MAX_GPUS 1e7
#define MAX_GPU_HOURS 1e12

#define FRACTION .min = 0, .gt = true, .max = 1 /* (0, 1] */

static const struct aic_enum_name granularity_names[] = {
  { "day", AIC_GRAN_DAY }, { "week", AIC_GRAN_WEEK }, { "month", AIC_GRAN_MONTH }, { 0 },
};
static const struct aic_enum_name pricing_names[] = {
  { "on_demand", AIC_PRICING_ON_DEMAND },
  { "reserved", AIC_PRICING_RESERVED },
  { "owned", AIC_PRICING_OWNED },
  { 0 },
};
static const struct aic_enum_name precision_names[] = {
  { "fp32", AIC_FP32 }, { "tf32", AIC_TF32 }, { "bf16", AIC_BF16 }, { "fp16", AIC_FP16 },
  { "fp8", AIC_FP8 },   { "int8", AIC_INT8 }, { "int4", AIC_INT4 }, { 0 },
};
static const struct aic_enum_name fine_tuning_methods[] = {
  { "full", AIC_METHOD_FULL }, { "lora", AIC_METHOD_LORA }, { 0 },
};
static const struct aic_enum_name alignment_methods[] = {
  { "dpo", AIC_METHOD_DPO }, { "rlhf", AIC_METHOD_RLHF }, { 0 },
};

/* ---- inline catalogue entries (the catalogue's own keys) ---- */

#define G(m) offsetof(struct aic_gpu, m)
#define PEAK .min = 0, .gt = true, .max = 1e6 /* TFLOP/s; a B200 is ~4.5e3 at fp8 */
static const struct aic_field gpu_peak_fields[] = {
  { "fp32", AIC_K_REAL, G(peak_tflops[AIC_FP32]), PEAK },
  { "tf32", AIC_K_REAL, G(peak_tflops[AIC_TF32]), PEAK },
  { "bf16", AIC_K_REAL, G(peak_tflops[AIC_BF16]), PEAK },
  { "fp16", AIC_K_REAL, G(peak_tflops[AIC_FP16]), PEAK },
  { "fp8", AIC_K_REAL, G(peak_tflops[AIC_FP8]), PEAK },
  { "int8", AIC_K_REAL, G(peak_tflops[AIC_INT8]), PEAK },
  { "int4", AIC_K_REAL, G(peak_tflops[AIC_INT4]), PEAK },
  { 0 },
};
static const struct aic_field gpu_price_fields[] = {
  { "on_demand", AIC_K_REAL, G(price_on_demand_usd), .min = 0, .max = MAX_USD_PER_HOUR },
  { "reserved", AIC_K_REAL, G(price_reserved_usd), .min = 0, .max = MAX_USD_PER_HOUR },
  { 0 },
};
static const struct aic_field gpu_fields[] = {
  { "name", AIC_K_STRING, G(name), .max = 200 },
  { "source", AIC_K_STRING, G(source), .max = 1000 },
  { "as_of", AIC_K_STRING, G(as_of), .max = 40 },
  { "memory_gib", AIC_K_REAL, G(memory_gib), .min = 0, .gt = true, .max = 1e5 },
  { "memory_bandwidth_tb_s", AIC_K_REAL, G(memory_bandwidth_tb_s), .min = 0, .gt = true, .max = 1e3 },
  /* the two maps write into the GPU itself, hence offset 0 */
  { "peak_tflops", AIC_K_OBJECT, 0, .sub = gpu_peak_fields },
  { "power_w", AIC_K_REAL, G(power_w), .min = 0, .max = 1e5 },
  { "purchase_usd", AIC_K_REAL, G(purchase_usd), .min = 0, .max = 1e8 },
  { "price_per_hour_usd", AIC_K_OBJECT, 0, .sub = gpu_price_fields },
  { 0 },
};

#define M(m) offsetof(struct aic_model, m)
static const struct aic_field model_fields[] = {
  { "name", AIC_K_STRING, M(name), .max = 200 },
  { "source", AIC_K_STRING, M(source), .max = 1000 },
  { "as_of", AIC_K_STRING, M(as_of), .max = 40 },
  { "params_b", AIC_K_REAL, M(params_b), .min = 0, .gt = true, .max = MAX_PARAMS_B },
  { "active_params_b", AIC_K_REAL, M(active_params_b), .min = 0, .gt = true, .max = MAX_PARAMS_B },
  { "layers", AIC_K_REAL, M(layers), .min = 1, .max = 1e4, .integral = true },
  { "d_model", AIC_K_REAL, M(d_model), .min = 1, .max = 1e6, .integral = true },
  { "heads", AIC_K_REAL, M(heads), .min = 1, .max = 1e4, .integral = true },
  { "kv_heads", AIC_K_REAL, M(kv_heads), .min = 1, .max = 1e4, .integral = true },
  { "head_dim", AIC_K_REAL, M(head_dim), .min = 1, .max = 1e5, .integral = true },
  { "context", AIC_K_REAL, M(context), .min = 1, .max = 1e9, .integral = true },
  { 0 },
};

static void
gpu_blank(struct aic_gpu *g)
{
  memset(g, 0, sizeof *g);
  g->memory_gib = g->memory_bandwidth_tb_s = ((double)NAN);
  for (size_t i = 0; i < AIC_PRECISION_COUNT; i++)
    g->peak_tflops[i] = ((double)NAN);
  g->power_w = g->purchase_usd = ((double)NAN);
  g->price_on_demand_usd = g->price_reserved_usd = ((double)NAN);
}

static void
model_blank(struct aic_model *m)
{
  memset(m, 0, sizeof *m);
  m->params_b = m->active_params_b = m->layers = m->d_model = ((double)NAN);
  m->heads = m->kv_heads = m->head_dim = m->context = ((double)NAN);
}

static const char *const section_label[] = {
  [AIC_SECTION_GPUS] = "gpu",
  [AIC_SECTION_MODELS] = "model",
  [AIC_SECTION_API_PRICES] = "api price",
};

/* "unknown gpu 'h100'; did you mean 'h100-sxm' or 'h100-pcie'?" */
static int
unknown_id(const struct aic_catalogue *cat, enum aic_section section, const char *id,
           struct aic_where *at, struct aic_diags *d)
{
  const char *near[2];
  size_t n = aic_catalogue_suggest(cat, section, id, near, 2);
  char quoted[64];

  aic_quote_short(quoted, sizeof quoted, id);
  if (n == 2)
    aic_diag_add(d, aic_where_pointer(at), "unknown %s %s; did you mean '%s' or '%s'?",
                 section_label[section],
                 quoted, near[0], near[1]);
  else if (n == 1)
    aic_diag_add(d, aic_where_pointer(at), "unknown %s %s; did you mean '%s'?",
                 section_label[section], quoted,
                 near[0]);
  else
    aic_diag_add(d, aic_where_pointer(at), "unknown %s %s: not in catalogue %s",
                 section_label[section], quoted,
                 cat->version ? cat->version : "");
  return AIC_E_INVALID;
}

static int
not_a_ref(const json_t *v, const char *what, struct aic_where *at, struct aic_diags *d)
{
  aic_diag_add(d, aic_where_pointer(at), "must be a catalogue %s id (a string) or an inline object (got %s)",
               what, aic_json_type_phrase(v));
  return AIC_E_INVALID;
}

static int
gpu_ref(const json_t *v, struct aic_where *at, struct aic_gpu *dst, bool *is_inline, void *ctx,
        struct aic_diags *d)
{
  const struct ctx *c = ctx;

  if (json_is_string(v)) {
    const struct aic_gpu *g = aic_catalogue_gpu(c->cat, json_string_value(v));

    if (!g)
      return unknown_id(c->cat, AIC_SECTION_GPUS, json_string_value(v), at, d);
    *dst = *g;
    *is_inline = false;
    return 0;
  }
  if (!json_is_object(v))
    return not_a_ref(v, "gpu", at, d);
  gpu_blank(dst);
  *is_inline = true;
  return aic_fields_apply_at(gpu_fields, v, at, dst, ctx, d);
}

static int
model_ref(const struct aic_field *row, const json_t *v, struct aic_where *at, void *out,
          void *ctx, struct aic_diags *d)
{
  struct aic_scenario *sc = out;
  const struct ctx *c = ctx;
  char p[AIC_DIAG_POINTER_MAX];
  int rc;

  (void)row;
  sc->has_model = true;
  if (json_is_string(v)) {
    const struct aic_model *m = aic_catalogue_model(c->cat, json_string_value(v));

    if (!m)
      return unknown_id(c->cat, AIC_SECTION_MODELS, json_string_value(v), at, d);
    sc->model = *m;
    sc->model_inline = false;
    return 0;
  }
  if (!json_is_object(v))
    return not_a_ref(v, "model", at, d);
  model_blank(&sc->model);
  sc->model_inline = true;
  rc = aic_fields_apply_at(model_fields, v, at, &sc->model, ctx, d);
  if (rc != 0)
    return rc;
  /* A mixture of experts activates part of its weights, never more. */
  if (aic_has(sc->model.active_params_b) && aic_has(sc->model.params_b) &&
      sc->model.active_params_b > sc->model.params_b) {
    aic_pointer_join(p, sizeof p, aic_where_pointer(at), "active_params_b");
    aic_diag_add(d, p, "must be ≤ params_b (%g)", sc->model.params_b);
    rc = AIC_E_INVALID;
  }
  /* Grouped-query attention shares KV heads among query heads. */
  if (aic_has(sc->model.kv_heads) && aic_has(sc->model.heads) &&
      sc->model.kv_heads > sc->model.heads) {
    aic_pointer_join(p, sizeof p, aic_where_pointer(at), "kv_heads");
    aic_diag_add(d, p, "must be ≤ heads (%g)", sc->model.heads);
    rc = AIC_E_INVALID;
  }
  return rc;
}

static int
training_gpu(const struct aic_field *row, const json_t *v, struct aic_where *at, void *out,
             void *ctx, struct aic_diags *d)
{
  struct aic_training *t = out;

  (void)row;
  t->has_gpu = true;
  return gpu_ref(v, at, &t->gpu, &t->gpu_inline, ctx, d);
}

static int
serving_gpu(const struct aic_field *row, const json_t *v, struct aic_where *at, void *out,
            void *ctx, struct aic_diags *d)
{
  struct aic_self_hosted *s = out;

  (void)row;
  s->has_gpu = true;
  return gpu_ref(v, at, &s->gpu, &s->gpu_inline, ctx, d);
}

static int
api_ref(const struct aic_field *row, const json_t *v, struct aic_where *at, void *out, void *ctx,
        struct aic_diags *d)
{
  struct aic_inference *inf = out;
  const struct ctx *c = ctx;
  const struct aic_api_price *p;

  (void)row;
  if (!json_is_string(v)) {
    aic_diag_add(d, aic_where_pointer(at),
                 "must be a catalogue api price id such as 'vendor/model' (got %s)",
                 aic_json_type_phrase(v));
    return AIC_E_INVALID;
  }
  p = aic_catalogue_api_price(c->cat, json_string_value(v));
  if (!p)
    return unknown_id(c->cat, AIC_SECTION_API_PRICES, json_string_value(v), at, d);
  inf->api = *p;
  return 0;
}

/* ---- training ---- */

#define S(m) offsetof(struct aic_stage, m)
#define STAGE_TOKENS { "tokens", AIC_K_REAL, S(tokens), .min = 0, .max = MAX_TOKENS_TRAIN }
#define STAGE_HOURS { "gpu_hours", AIC_K_REAL, S(gpu_hours), .min = 0, .max = MAX_GPU_HOURS }
#define STAGE_EPOCHS { "epochs", AIC_K_REAL, S(epochs), .min = 0, .gt = true, .max = 1e4 }

static const struct aic_field pretraining_fields[] = {
  STAGE_TOKENS,
  STAGE_HOURS,
  { "recompute", AIC_K_BOOL, S(recompute), .required = false },
  { "attention", AIC_K_BOOL, S(attention), .required = false },
  { "sequence_length", AIC_K_REAL, S(sequence_length), .min = 1, .max = 1e9, .integral = true },
  { 0 },
};
static const struct aic_field fine_tuning_fields[] = {
  STAGE_TOKENS,
  STAGE_HOURS,
  STAGE_EPOCHS,
  { "method", AIC_K_ENUM, S(method), .names = fine_tuning_methods },
  { 0 },
};
static const struct aic_field alignment_fields[] = {
  { "method", AIC_K_ENUM, S(method), .names = alignment_methods },
  STAGE_HOURS,
  STAGE_EPOCHS,
  { "preference_pairs", AIC_K_REAL, S(preference_pairs), .min = 0, .max = 1e12, .integral = true },
  { "tokens_per_pair", AIC_K_REAL, S(tokens_per_pair), .min = 0, .gt = true, .max = MAX_TOKENS_REQ },
  { "label_cost_usd", AIC_K_REAL, S(label_cost_usd), .min = 0, .max = 1e6 },
  { "reward_model_params_b", AIC_K_REAL, S(reward_model_params_b), .min = 0, .gt = true,
    .max = MAX_PARAMS_B },
  { "ppo_episodes", AIC_K_REAL, S(ppo_episodes), .min = 0, .max = 1e12, .integral = true },
  { "rollout_tokens", AIC_K_REAL, S(rollout_tokens), .min = 0, .gt = true, .max = MAX_TOKENS_REQ },
  { "rollout_mfu", AIC_K_REAL, S(rollout_mfu), FRACTION },
  { 0 },
};

#define T(m) offsetof(struct aic_training, m)
#define STAGE_ROW(key, k, tbl)                                                                 \
  { key, AIC_K_OBJECT, T(stages[k]), .sub = tbl, .has_flag = true, .flag_offset = T(stages[k].present) }
static const struct aic_field training_fields[] = {
  { "cost_usd", AIC_K_REAL, T(cost_usd), .min = 0, .max = 1e13 },
  { "gpu", AIC_K_CUSTOM, T(gpu), .custom = training_gpu },
  { "gpu_count", AIC_K_REAL, T(gpu_count), .min = 1, .max = MAX_GPUS, .integral = true },
  { "pricing", AIC_K_ENUM, T(pricing), .names = pricing_names },
  { "precision", AIC_K_ENUM, T(precision), .names = precision_names, .has_flag = true,
    .flag_offset = T(has_precision) },
  { "mfu", AIC_K_REAL, T(mfu), FRACTION },
  { "goodput", AIC_K_REAL, T(goodput), FRACTION },
  { "price_per_gpu_hour_usd", AIC_K_REAL, T(price_per_gpu_hour_usd), .min = 0,
    .max = MAX_USD_PER_HOUR },
  STAGE_ROW("pretraining", AIC_STAGE_PRETRAINING, pretraining_fields),
  STAGE_ROW("fine_tuning", AIC_STAGE_FINE_TUNING, fine_tuning_fields),
  STAGE_ROW("alignment", AIC_STAGE_ALIGNMENT, alignment_fields),
  { 0 },
};

static const char *const stage_keys[AIC_STAGE_COUNT] = { "pretraining", "fine_tuning",
                                                         "alignment" };

/* Members of a stage that only feed the FLOP estimate: measured gpu_hours
 * replace the estimate, so giving both is a contradiction to resolve.
 * `method` is not among them: it still names what was done. */
static const char *const estimate_only[AIC_STAGE_COUNT][8] = {
  { "tokens", "recompute", "attention", "sequence_length", NULL },
  { "tokens", "epochs", NULL },
  { "tokens_per_pair", "epochs", "reward_model_params_b", "ppo_episodes", "rollout_tokens",
    "rollout_mfu", NULL },
};
static const char *const rlhf_only[] = { "reward_model_params_b", "ppo_episodes", "rollout_tokens",
                                         "rollout_mfu", NULL };

/* An object's members, read once: the rules below ask several times
 * whether a member is given, and these objects are small, so a look along
 * the keys (first byte, then strcmp) beats a hashed lookup each time. */
#define MEMBERS_MAX 16
struct members {
  const json_t *obj;
  size_t n;         /* > MEMBERS_MAX: too many, ask jansson */
  const char *key[MEMBERS_MAX];
  const json_t *value[MEMBERS_MAX];
};

static void
members_read(struct members *m, const json_t *obj)
{
  const char *key;
  json_t *v;

  m->obj = obj;
  m->n = 0;
  json_object_foreach((json_t *)obj, key, v) {
    if (m->n < MEMBERS_MAX) {
      m->key[m->n] = key;
      m->value[m->n] = v;
    }
    m->n++;
  }
}

/* json_object_get */
static const json_t *
member(const struct members *m, const char *name)
{
  if (m->n > MEMBERS_MAX)
    return json_object_get(m->obj, name);
  for (size_t i = 0; i < m->n; i++)
    if (m->key[i][0] == name[0] && strcmp(m->key[i], name) == 0)
      return m->value[i];
  return NULL;
}

/* aic_json_has */
static bool
given(const struct members *m, const char *name)
{
  const json_t *v = member(m, name);

  return v != NULL && !json_is_null(v);
}

static bool
check_stage(enum aic_stage_kind k, const json_t *obj, struct aic_where *sp,
            const struct aic_stage *s, struct aic_diags *d)
{
  struct members m;
  bool ok = true;

  members_read(&m, obj);
  if (given(&m, "gpu_hours")) {
    for (size_t i = 0; estimate_only[k][i]; i++) {
      struct aic_where p;

      if (!given(&m, estimate_only[k][i]))
        continue;
      aic_where_init(&p, sp, NULL, estimate_only[k][i]);
      aic_diag_add(d, aic_where_pointer(&p),
                   "not used with gpu_hours (measured hours replace the estimate); give one "
                   "or the other");
      ok = false;
    }
  } else if (k != AIC_STAGE_ALIGNMENT && !given(&m, "tokens")) {
    aic_diag_add(d, aic_where_pointer(sp), "needs tokens (to estimate) or gpu_hours (measured)");
    ok = false;
  }
  if (k == AIC_STAGE_ALIGNMENT && s->method == AIC_METHOD_DPO) {
    for (size_t i = 0; rlhf_only[i]; i++) {
      struct aic_where p;

      if (!given(&m, rlhf_only[i]))
        continue;
      aic_where_init(&p, sp, NULL, rlhf_only[i]);
      aic_diag_add(d, aic_where_pointer(&p), "only applies to method rlhf");
      ok = false;
    }
  }
  if (k == AIC_STAGE_PRETRAINING && given(&m, "sequence_length") && !s->attention) {
    struct aic_where p;

    aic_where_init(&p, sp, NULL, "sequence_length");
    aic_diag_add(d, aic_where_pointer(&p), "only used with attention: true");
    ok = false;
  }
  return ok;
}

static bool
check_training(const json_t *obj, struct aic_where *tp, const struct aic_training *t,
               struct aic_diags *d)
{
  struct members m;
  const char *key;
  json_t *v;
  bool ok = true, any_stage = false;

  members_read(&m, obj);
  if (given(&m, "cost_usd")) {
    /* A lump sum is the whole training cost; anything else would be ignored. */
    json_object_foreach((json_t *)obj, key, v) {
      struct aic_where p;

      if (strcmp(key, "cost_usd") == 0 || json_is_null(v))
        continue;
      aic_where_init(&p, tp, NULL, key);
      aic_diag_add(d, aic_where_pointer(&p),
                   "not allowed with cost_usd (a lump sum replaces the stages)");
      ok = false;
    }
    return ok;
  }
  for (int k = 0; k < AIC_STAGE_COUNT; k++) {
    const json_t *so = member(&m, stage_keys[k]);
    struct aic_where sp;

    any_stage = any_stage || (so != NULL && !json_is_null(so));
    if (!json_is_object(so))
      continue; /* a wrong type is already reported */
    aic_where_init(&sp, tp, NULL, stage_keys[k]);
    ok = check_stage((enum aic_stage_kind)k, so, &sp, &t->stages[k], d) && ok;
  }
  if (!any_stage && json_is_object(obj)) {
    aic_diag_add(d, aic_where_pointer(tp),
                 "needs cost_usd (a lump sum) or at least one of pretraining, fine_tuning, "
                 "alignment");
    ok = false;
  }
  return ok;
}

/* ---- inference and traffic ---- */

#define H(m) offsetof(struct aic_self_hosted, m)
static const struct aic_field self_hosted_fields[] = {
  { "gpu", AIC_K_CUSTOM, H(gpu), .custom = serving_gpu, .required = true },
  { "precision", AIC_K_ENUM, H(precision), .names = precision_names, .has_flag = true,
    .flag_offset = H(has_precision) },
  { "max_batch", AIC_K_REAL, H(max_batch), .min = 1, .max = 1e6, .integral = true },
  { "gpus_per_replica", AIC_K_REAL, H(gpus_per_replica), .min = 1, .max = 1e5, .integral = true },
  { "gpus", AIC_K_REAL, H(gpus), .min = 1, .max = MAX_GPUS, .integral = true },
  { "target_utilization", AIC_K_REAL, H(target_utilization), FRACTION },
  { "pricing", AIC_K_ENUM, H(pricing), .names = pricing_names },
  { "price_per_gpu_hour_usd", AIC_K_REAL, H(price_per_gpu_hour_usd), .min = 0,
    .max = MAX_USD_PER_HOUR },
  { "compute_efficiency", AIC_K_REAL, H(compute_efficiency), FRACTION },
  { "bandwidth_efficiency", AIC_K_REAL, H(bandwidth_efficiency), FRACTION },
  { 0 },
};

#define I(m) offsetof(struct aic_inference, m)
static const struct aic_field inference_fields[] = {
  { "cost_per_request_usd", AIC_K_REAL, I(cost_per_request_usd), .min = 0, .max = 1e4 },
  { "api", AIC_K_CUSTOM, I(api), .custom = api_ref },
  { "self_hosted", AIC_K_OBJECT, I(self_hosted), .sub = self_hosted_fields },
  { 0 },
};
static const char *const inference_forms[] = { "cost_per_request_usd", "api", "self_hosted" };
static const enum aic_inference_kind inference_kinds[] = { AIC_INF_PER_REQUEST, AIC_INF_API,
                                                          AIC_INF_SELF_HOSTED };

static bool
check_inference(const json_t *obj, struct aic_where *ip, struct aic_inference *inf,
                struct aic_diags *d)
{
  struct members m;
  const char *forms[3];
  size_t n = 0;

  members_read(&m, obj);
  for (size_t i = 0; i < 3; i++) {
    if (given(&m, inference_forms[i])) {
      forms[n++] = inference_forms[i];
      inf->kind = inference_kinds[i];
    }
  }
  if (n == 1)
    return true;
  inf->kind = AIC_INF_NONE;
  if (n == 0)
    aic_diag_add(d, aic_where_pointer(ip),
                 "needs exactly one of cost_per_request_usd, api, self_hosted");
  else if (n == 2)
    aic_diag_add(d, aic_where_pointer(ip),
                 "needs exactly one of cost_per_request_usd, api, self_hosted (got %s and %s)",
                 forms[0], forms[1]);
  else
    aic_diag_add(d, aic_where_pointer(ip),
                 "needs exactly one of cost_per_request_usd, api, self_hosted (got all three)");
  return false;
}

#define R(m) offsetof(struct aic_traffic, m)
static const struct aic_field traffic_fields[] = {
  { "requests_per_day", AIC_K_REAL, R(requests_per_day), .min = 0, .max = MAX_REQUESTS,
    .required = true },
  { "monthly_growth", AIC_K_REAL, R(monthly_growth), .min = -0.99, .max = 10 },
  { "max_requests_per_day", AIC_K_REAL, R(max_requests_per_day), .min = 0, .max = MAX_REQUESTS },
  { "peak_to_average", AIC_K_REAL, R(peak_to_average), .min = 1, .max = 1000 },
  { "input_tokens", AIC_K_REAL, R(input_tokens), .min = 0, .max = MAX_TOKENS_REQ },
  { "cached_input_tokens", AIC_K_REAL, R(cached_input_tokens), .min = 0, .max = MAX_TOKENS_REQ },
  { "output_tokens", AIC_K_REAL, R(output_tokens), .min = 0, .max = MAX_TOKENS_REQ },
  { 0 },
};

static bool
check_traffic(struct aic_where *rp, const struct aic_traffic *t, struct aic_diags *d)
{
  double input = aic_has(t->input_tokens) ? t->input_tokens : 0;

  /* Cached tokens are the part of the input billed at the cached rate. */
  if (aic_has(t->cached_input_tokens) && t->cached_input_tokens > input) {
    struct aic_where p;

    aic_where_init(&p, rp, NULL, "cached_input_tokens");
    aic_diag_add(d, aic_where_pointer(&p),
                 "must be ≤ input_tokens (%g): cached tokens are part of the input", input);
    return false;
  }
  return true;
}

/* ---- the scenario ---- */

#define SC(m) offsetof(struct aic_scenario, m)
static const struct aic_field scenario_fields[] = {
  { "name", AIC_K_STRING, SC(name), .max = 200 },
  /* accepted so that named scenarios (config/scenarios) can describe
   * themselves; not part of the projection */
  { "description", AIC_K_STRING, 0, .max = 2000, .validate_only = true },
  { "horizon_days", AIC_K_INT, SC(horizon_days), .min = AIC_HORIZON_MIN, .max = AIC_HORIZON_MAX },
  { "granularity", AIC_K_ENUM, SC(granularity), .names = granularity_names },
  { "model", AIC_K_CUSTOM, SC(model), .custom = model_ref },
  { "training", AIC_K_OBJECT, SC(training), .sub = training_fields, .has_flag = true,
    .flag_offset = SC(training.present) },
  /* Both are required: a projection weighs training against serving, and
   * a missing serving side would be a silent zero. Training is optional. */
  { "inference", AIC_K_OBJECT, SC(inference), .sub = inference_fields, .required = true },
  { "traffic", AIC_K_OBJECT, SC(traffic), .sub = traffic_fields, .required = true },
  { 0 },
};

/* aic_scenario_from_json at a lazily built location (a comparison's
 * "/scenarios/<i>" is joined only for a message). */
static int
scenario_read(const json_t *doc, const struct aic_catalogue *cat, struct aic_where *at,
              struct aic_scenario *sc, struct aic_diags *errors)
{
  struct ctx c = { cat };
  const json_t *obj[3];
  struct members m;
  struct aic_where p;
  bool ok = true;
  int rc;

  aic_scenario_init(sc);
  if (!json_is_object(doc)) {
    aic_diag_add(errors, aic_where_pointer(at), "must be an object (got %s)",
                 aic_json_type_phrase(doc));
    return AIC_E_INVALID;
  }
  rc = aic_fields_apply_at(scenario_fields, doc, at, sc, &c, errors);
  if (rc < 0)
    return rc;
  ok = rc == 0;
  /* The rules across members; their pointers are built only for a message. */
  members_read(&m, doc);
  obj[0] = member(&m, "training");
  obj[1] = member(&m, "inference");
  obj[2] = member(&m, "traffic");
  if (json_is_object(obj[0])) {
    aic_where_init(&p, at, NULL, "training");
    ok = check_training(obj[0], &p, &sc->training, errors) && ok;
  }
  if (json_is_object(obj[1])) {
    aic_where_init(&p, at, NULL, "inference");
    ok = check_inference(obj[1], &p, &sc->inference, errors) && ok;
  }
  if (json_is_object(obj[2])) {
    aic_where_init(&p, at, NULL, "traffic");
    ok = check_traffic(&p, &sc->traffic, errors) && ok;
  }
  return ok ? AIC_OK : AIC_E_INVALID;
}

int
aic_scenario_from_json(const json_t *doc, const struct aic_catalogue *cat, const char *base,
                       struct aic_scenario *sc, struct aic_diags *errors)
{
  struct aic_where at;

  aic_where_init(&at, NULL, NULL, NULL);
  at.pointer = base != NULL ? base : "";
  return scenario_read(doc, cat, &at, sc, errors);
}

/* ---- comparison requests ---- */

struct comparison {
  int horizon_days;
  struct aic_scenario *scenarios;
  size_t n;
};

static int
scenarios_array(const struct aic_field *row, const json_t *v, struct aic_where *at, void *out,
                void *ctx, struct aic_diags *d)
{
  struct comparison *cmp = out;
  const struct ctx *c = ctx;
  size_t n = json_array_size(v);
  bool ok = true;

  (void)row;
  if (!json_is_array(v)) {
    aic_diag_add(d, aic_where_pointer(at), "must be an array of %d to %d scenarios (got %s)",
                 AIC_COMPARE_MIN, AIC_COMPARE_MAX, aic_json_type_phrase(v));
    return AIC_E_INVALID;
  }
  /* Checked before any scenario is read, so 100,000 of them cost nothing. */
  if (n < AIC_COMPARE_MIN || n > AIC_COMPARE_MAX) {
    aic_diag_add(d, aic_where_pointer(at), "must hold %d to %d scenarios (got %zu)",
                 AIC_COMPARE_MIN, AIC_COMPARE_MAX, n);
    return AIC_E_INVALID;
  }
  /* Not zeroed: scenario_read initialises each one first. */
  cmp->scenarios = malloc(n * sizeof *cmp->scenarios);
  if (!cmp->scenarios)
    return AIC_E_NOMEM;
  cmp->n = n;
  for (size_t i = 0; i < n; i++) {
    char index[4]; /* n <= AIC_COMPARE_MAX */
    struct aic_where p;
    int rc;

    if (i < 10) {
      index[0] = (char)('0' + i);
      index[1] = '\0';
    } else {
      index[0] = (char)('0' + i / 10);
      index[1] = (char)('0' + i % 10);
      index[2] = '\0';
    }
    aic_where_init(&p, at, NULL, index);
    rc = scenario_read(json_array_get(v, i), c->cat, &p, &cmp->scenarios[i], d);
    if (rc < 0)
      return rc;
    ok = ok && rc == 0;
  }
  return ok ? 0 : AIC_E_INVALID;
}

#define CMP(m) offsetof(struct comparison, m)
static const struct aic_field comparison_fields[] = {
  { "horizon_days", AIC_K_INT, CMP(horizon_days), .min = AIC_HORIZON_MIN, .max = AIC_HORIZON_MAX },
  { "scenarios", AIC_K_CUSTOM, CMP(scenarios), .custom = scenarios_array, .required = true },
  { 0 },
};

int
aic_comparison_request_from_json(const json_t *doc, const struct aic_catalogue *cat,
                                 struct aic_scenario **out, size_t *n, int *horizon_days,
                                 struct aic_diags *errors)
{
  struct comparison cmp = { AIC_HORIZON_DEFAULT, NULL, 0 };
  struct ctx c = { cat };
  int rc;

  *out = NULL;
  *n = 0;
  if (!json_is_object(doc)) {
    aic_diag_add(errors, "", "must be an object (got %s)", aic_json_type_phrase(doc));
    return AIC_E_INVALID;
  }
  rc = aic_fields_apply(comparison_fields, doc, "", &cmp, &c, errors);
  if (rc != 0) {
    free(cmp.scenarios);
    return rc;
  }
  /* The comparison's horizon overrides each scenario's own. */
  for (size_t i = 0; i < cmp.n; i++)
    cmp.scenarios[i].horizon_days = cmp.horizon_days;
  *out = cmp.scenarios;
  *n = cmp.n;
  *horizon_days = cmp.horizon_days;
  return AIC_OK;
}
