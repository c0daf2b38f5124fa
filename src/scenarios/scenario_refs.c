/* Catalogue references in a scenario: "model", "training.gpu",
 * "inference.self_hosted.gpu" and "inference.api" name a catalogue entry by
 * id (an unknown id is an error that suggests the nearest ones), or, for a
 * model or a GPU, give an inline entry with the catalogue's own keys. What
 * an entry must hold for a computation is the core's to report. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "aicost/util.h"
#include "json_util.h"
#include "scenario_read.h"

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
  { "fp4", AIC_K_REAL, G(peak_tflops[AIC_FP4]), PEAK },
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
  { "interconnect_gb_s", AIC_K_REAL, G(interconnect_gb_s), .min = 0, .gt = true, .max = 1e5 },
  { "generation", AIC_K_STRING, G(generation), .max = 40 },
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
  { "experts", AIC_K_REAL, M(experts), .min = 2, .max = 1e6, .integral = true },
  { "experts_per_token", AIC_K_REAL, M(experts_per_token), .min = 1, .max = 1e6, .integral = true },
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
  g->interconnect_gb_s = ((double)NAN);
  g->generation = NULL;
}

static void
model_blank(struct aic_model *m)
{
  memset(m, 0, sizeof *m);
  m->params_b = m->active_params_b = m->layers = m->d_model = ((double)NAN);
  m->heads = m->kv_heads = m->head_dim = m->context = ((double)NAN);
  m->experts = m->experts_per_token = ((double)NAN);
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
  const struct sc_ctx *c = ctx;

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

int
sc_model_ref(const struct aic_field *row, const json_t *v, struct aic_where *at, void *out,
          void *ctx, struct aic_diags *d)
{
  struct aic_scenario *sc = out;
  const struct sc_ctx *c = ctx;
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

int
sc_training_gpu(const struct aic_field *row, const json_t *v, struct aic_where *at, void *out,
             void *ctx, struct aic_diags *d)
{
  struct aic_training *t = out;

  (void)row;
  t->has_gpu = true;
  return gpu_ref(v, at, &t->gpu, &t->gpu_inline, ctx, d);
}

int
sc_serving_gpu(const struct aic_field *row, const json_t *v, struct aic_where *at, void *out,
            void *ctx, struct aic_diags *d)
{
  struct aic_self_hosted *s = out;

  (void)row;
  s->has_gpu = true;
  return gpu_ref(v, at, &s->gpu, &s->gpu_inline, ctx, d);
}

int
sc_api_ref(const struct aic_field *row, const json_t *v, struct aic_where *at, void *out, void *ctx,
        struct aic_diags *d)
{
  struct aic_inference *inf = out;
  const struct sc_ctx *c = ctx;
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
