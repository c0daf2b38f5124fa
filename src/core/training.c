/* Training: a one-time cost in up to three stages (pretraining, fine-tuning,
 * alignment), each estimated from its work in FLOPs or given as measured
 * GPU-hours; or one known lump sum. Formulas and sources: docs/cost-model.md. */
#include "core.h"

#include "aicost/training.h"

#include <math.h>
#include <string.h>

/* Bytes of training state per parameter with mixed-precision Adam: fp16
 * weights and gradients (2 + 2) plus fp32 master weights, momentum and
 * variance (4 + 4 + 4). Rajbhandari et al. 2020 (ZeRO), section 3.1. */
#define TRAINING_STATE_BYTES_PER_PARAM 16.0
#define GIB 1073741824.0

/* Everything a stage estimate needs, resolved once. */
struct ctx {
  const struct aic_catalogue *cat;
  const struct aic_scenario *sc;
  struct aic_diags *errors;
  bool have_peak;
  double peak; /* FLOP/s per GPU at the training precision */
  double mfu;  /* the scenario's; NAN = the prior, per stage */
  double goodput;
  bool have_n;
  double n_active; /* parameters used per token (MoE: active) */
};

static bool
need_model(struct ctx *c, const char *why)
{
  if (c->sc->has_model)
    return true;
  aic_diag_add(c->errors, "/model", "required %s", why);
  return false;
}

/* Active parameters for FLOP counts: a mixture-of-experts model computes
 * with its active experts only (Kaplan et al. 2020 count non-embedding N;
 * we take the catalogue's active count). */
static bool
need_n(struct ctx *c)
{
  const struct aic_model *m = &c->sc->model;
  const char *why = "to estimate training FLOPs";

  if (c->have_n)
    return true;
  if (!need_model(c, why))
    return false;
  if (!aic_need_model_key(c->errors, m, c->sc->model_inline, m->params_b, "params_b", why))
    return false;
  c->n_active = (aic_has(m->active_params_b) ? m->active_params_b : m->params_b) * 1e9;
  if (!(isfinite(c->n_active) && c->n_active > 0)) {
    aic_diag_add(c->errors, "/model", "params_b and active_params_b must be > 0");
    return false;
  }
  c->have_n = true;
  return true;
}

static void
ptr_of(char *out, size_t cap, const char *stage, const char *key)
{
  char base[64];

  aic_pointer_join(base, sizeof base, "/training", stage);
  if (key == NULL) {
    memcpy(out, base, strlen(base) + 1);
    return;
  }
  aic_pointer_join(out, cap, base, key);
}

/* A required non-negative quantity of a stage. */
static bool
stage_value(struct ctx *c, const char *stage, const char *key, double v, double fallback,
            bool positive, double *out)
{
  char p[AIC_DIAG_POINTER_MAX];

  ptr_of(p, sizeof p, stage, key);
  return aic_check_range(c->errors, p, v, fallback, 0, positive, AIC_INF, out);
}

/* Pretraining FLOPs: c·N·D with c = 6 (forward 2N + backward 4N per token;
 * Kaplan et al. 2020 section 2.1, Hoffmann et al. 2022), c = 8 with full
 * activation recomputation (one more forward pass). The optional attention
 * term is Kaplan's forward 2·n_layer·n_ctx·d_attn per token, scaled by the
 * same c/2 (x3 for training, x4 with recomputation); d_attn = d_model. */
static bool
pretraining_flops(struct ctx *c, const struct aic_stage *s, double *flops)
{
  const char *name = "pretraining";
  const struct aic_model *m = &c->sc->model;
  double tokens, factor = s->recompute ? 8.0 : 6.0, per_token;
  bool ok = stage_value(c, name, "tokens", s->tokens, AIC_NAN, false, &tokens);

  ok = need_n(c) && ok;
  if (!ok)
    return false;
  per_token = factor * c->n_active;
  if (s->attention) {
    const char *why = "for the attention term";
    double seq = s->sequence_length;
    bool a = aic_need_model_key(c->errors, m, c->sc->model_inline, m->layers, "layers", why);

    a = aic_need_model_key(c->errors, m, c->sc->model_inline, m->d_model, "d_model", why) && a;
    if (!aic_has(seq))
      a = aic_need_model_key(c->errors, m, c->sc->model_inline, m->context, "context",
                             "for the attention term (or give sequence_length)") &&
          a;
    if (!a)
      return false;
    if (!stage_value(c, name, "sequence_length", seq, m->context, true, &seq))
      return false;
    per_token += factor / 2.0 * 2.0 * m->layers * seq * m->d_model;
  }
  *flops = per_token * tokens;
  return true;
}

/* Fine-tuning: full = 6·N·tokens·epochs like pretraining; LoRA ~ 4·N·tokens·
 * epochs: the forward (2N) and the backward pass for activation gradients
 * (2N) still run through every frozen weight, but no weight gradients (2N)
 * are formed for them (Hu et al. 2021; the adapters' own FLOPs are
 * negligible at small rank). */
static bool
fine_tuning_flops(struct ctx *c, const struct aic_stage *s, double *flops)
{
  const char *name = "fine_tuning";
  char p[AIC_DIAG_POINTER_MAX];
  double tokens, epochs, factor = 0;
  bool ok = stage_value(c, name, "tokens", s->tokens, AIC_NAN, false, &tokens);

  ok = stage_value(c, name, "epochs", s->epochs, 1, true, &epochs) && ok;
  if (s->method == AIC_METHOD_FULL) {
    factor = 6.0;
  } else if (s->method == AIC_METHOD_LORA) {
    factor = 4.0;
  } else {
    ptr_of(p, sizeof p, name, "method");
    aic_diag_add(c->errors, p, "required to estimate FLOPs: 'full' or 'lora'");
    ok = false;
  }
  ok = need_n(c) && ok;
  if (!ok)
    return false;
  *flops = factor * c->n_active * tokens * epochs;
  return true;
}

/* Alignment. DPO (Rafailov et al. 2023): per pair the policy runs forward and
 * backward (6N per token) and the frozen reference forward (2N) over the
 * pair's tokens (prompt and both responses). RLHF (Ouyang et al. 2022): the
 * reward model is trained on the pairs (6·N_rm per token), then PPO: per
 * episode of T tokens, generation 2N·T (at rollout_mfu: decoding is
 * memory-bound), reference 2N·T, reward 2N_rm·T, value forward 2N_rm·T and
 * update 6N_rm·T, policy update 6N·T. gen_flops gets the generation part. */
static bool
alignment_flops(struct ctx *c, const struct aic_stage *s, double *flops, double *gen_flops,
                double *rollout_mfu)
{
  const char *name = "alignment";
  char p[AIC_DIAG_POINTER_MAX];
  double pairs, tpp, epochs;
  bool ok = stage_value(c, name, "preference_pairs", s->preference_pairs, AIC_NAN, false, &pairs);

  ok = stage_value(c, name, "tokens_per_pair", s->tokens_per_pair, AIC_NAN, false, &tpp) && ok;
  ok = stage_value(c, name, "epochs", s->epochs, 1, true, &epochs) && ok;
  *gen_flops = 0;
  *rollout_mfu = 0;
  if (s->method == AIC_METHOD_DPO) {
    ok = need_n(c) && ok;
    if (!ok)
      return false;
    *flops = pairs * epochs * tpp * (6.0 + 2.0) * c->n_active;
    return true;
  }
  if (s->method != AIC_METHOD_RLHF) {
    ptr_of(p, sizeof p, name, "method");
    aic_diag_add(c->errors, p, "required to estimate FLOPs: 'dpo' or 'rlhf'");
    (void)need_n(c);
    return false;
  }
  {
    double n_rm, episodes, t, rmfu;

    ok = need_n(c) && ok;
    if (!ok)
      return false;
    ok = stage_value(c, name, "reward_model_params_b", s->reward_model_params_b, c->n_active / 1e9,
                     true, &n_rm);
    ok = stage_value(c, name, "ppo_episodes", s->ppo_episodes, pairs, false, &episodes) && ok;
    ok = stage_value(c, name, "rollout_tokens", s->rollout_tokens, tpp / 2.0, false, &t) && ok;
    ptr_of(p, sizeof p, name, "rollout_mfu");
    ok = aic_check_range(c->errors, p, s->rollout_mfu, c->cat->defaults.rollout_mfu,
                         AIC_FRACTION_MIN, false, 1, &rmfu) &&
         ok;
    if (!ok)
      return false;
    n_rm *= 1e9;
    {
      double n = c->n_active;
      double reward_training = 6.0 * n_rm * tpp * pairs * epochs;
      double generation = 2.0 * n * t;
      double rest = 2.0 * n * t      /* reference forward */
                    + 2.0 * n_rm * t /* reward forward */
                    + 2.0 * n_rm * t /* value forward during rollout */
                    + 6.0 * n_rm * t /* value update */
                    + 6.0 * n * t;   /* policy update */

      *gen_flops = episodes * generation;
      *flops = reward_training + episodes * (generation + rest);
      *rollout_mfu = rmfu;
    }
  }
  return true;
}

double
aic_mfu_prior(const struct aic_catalogue *cat, const char *generation, double active_params,
              enum aic_stage_kind stage, enum aic_method method)
{
  const struct aic_defaults *df = &cat->defaults;
  const struct aic_generation *gen = aic_catalogue_generation(cat, generation);
  const struct aic_generation *fallback = aic_catalogue_generation(cat, "default");
  double at_10b = gen != NULL ? gen->mfu_at_10b : AIC_NAN, mfu;

  if (!aic_has(at_10b) && fallback != NULL)
    at_10b = fallback->mfu_at_10b;
  /* Small models cannot keep a fast GPU's tensor cores busy: the MFU grows
   * with the active size as a power law, up to a cap (fitted on the
   * published runs of tests/data/calibration). */
  mfu = at_10b * pow(active_params / 1e10, df->mfu_size_exponent);
  if (mfu > df->mfu_cap)
    mfu = df->mfu_cap;
  if (stage != AIC_STAGE_PRETRAINING)
    mfu *= df->fine_tuning_mfu_factor;
  if (method == AIC_METHOD_LORA)
    mfu *= df->lora_mfu_factor;
  return mfu;
}

double
aic_training_state_bytes_per_param(const struct aic_catalogue *cat, enum aic_method method,
                                   enum aic_precision base_precision)
{
  if (method != AIC_METHOD_LORA)
    return TRAINING_STATE_BYTES_PER_PARAM;
  /* LoRA (Hu et al. 2021): the frozen weights at their precision (QLoRA,
   * Dettmers et al. 2023: 4-bit), and only the adapters carry gradients and
   * Adam state. */
  return aic_precision_bytes(base_precision) +
         cat->defaults.lora_adapter_fraction * TRAINING_STATE_BYTES_PER_PARAM;
}

/* The stage's MFU: the scenario's, else the prior for the training GPU's
 * generation and the model's active size. */
static bool
stage_mfu(struct ctx *c, enum aic_stage_kind k, enum aic_method method, double *out)
{
  double mfu;

  if (aic_has(c->mfu)) {
    *out = c->mfu;
    return true;
  }
  if (!need_n(c))
    return false;
  mfu = aic_mfu_prior(c->cat, c->sc->training.gpu.generation, c->n_active, k, method);
  if (!(mfu > 0 && mfu <= 1)) {
    aic_diag_add(c->errors, "/training/mfu",
                 "the catalogue's MFU prior (mfu_cap, mfu_size_exponent, generations) gives "
                 "%g, outside (0, 1]; give mfu",
                 mfu);
    return false;
  }
  *out = mfu;
  return true;
}

/* Fills r for one present stage; false after adding errors. */
static bool
cost_stage(struct ctx *c, enum aic_stage_kind k, double price, double gpu_count,
           struct aic_stage_result *r)
{
  const struct aic_stage *s = &c->sc->training.stages[k];
  const char *name = aic_stage_name(k);
  char p[AIC_DIAG_POINTER_MAX];
  double flops = AIC_NAN, gen = 0, rmfu = 0, hours, labelling = 0, mfu = AIC_NAN;
  bool ok = true;

  memset(r, 0, sizeof *r);
  r->stage = k;
  r->method = s->method;
  r->measured = aic_has(s->gpu_hours);
  if (r->measured) {
    ok = stage_value(c, name, "gpu_hours", s->gpu_hours, AIC_NAN, false, &hours);
  } else {
    switch (k) {
    case AIC_STAGE_PRETRAINING: ok = pretraining_flops(c, s, &flops); break;
    case AIC_STAGE_FINE_TUNING: ok = fine_tuning_flops(c, s, &flops); break;
    default: ok = alignment_flops(c, s, &flops, &gen, &rmfu); break;
    }
    ok = c->have_peak && ok;
    ok = ok && stage_mfu(c, k, s->method, &mfu);
    if (ok) {
      /* GPU-hours = FLOPs / (peak x MFU) / goodput / 3600 s; the generation
       * part of RLHF runs at the rollout utilisation instead. */
      hours = ((flops - gen) / (c->peak * mfu) + (gen > 0 ? gen / (c->peak * rmfu) : 0)) /
              c->goodput / 3600.0;
    }
  }
  if (k == AIC_STAGE_ALIGNMENT) {
    double pairs = s->preference_pairs, label;

    ptr_of(p, sizeof p, name, "label_cost_usd");
    ok = aic_check_range(c->errors, p, s->label_cost_usd, 0, 0, false, AIC_INF, &label) && ok;
    if (aic_has(s->label_cost_usd) && !aic_has(pairs)) {
      ptr_of(p, sizeof p, name, "preference_pairs");
      aic_diag_add(c->errors, p, "required to cost labelling (label_cost_usd is given)");
      ok = false;
    }
    if (ok && aic_has(pairs))
      labelling = pairs * label;
  }
  if (!ok)
    return false;
  r->flops = r->measured ? AIC_NAN : flops;
  r->mfu = r->measured ? AIC_NAN : mfu;
  r->gpu_hours = hours;
  r->days = aic_has(gpu_count) ? hours / gpu_count / 24.0 : AIC_NAN;
  r->compute_usd = hours * price;
  r->labelling_usd = labelling;
  r->total_usd = r->compute_usd + r->labelling_usd;
  if (!isfinite(r->gpu_hours) || !isfinite(r->total_usd) || (!r->measured && !isfinite(flops))) {
    ptr_of(p, sizeof p, name, NULL);
    aic_diag_add(c->errors, p, "the estimate overflows: check the stage's sizes");
    return false;
  }
  return true;
}

/* The largest training state of the present stages. */
static void
warn_state_memory(const struct aic_catalogue *cat, const struct aic_scenario *sc,
                  enum aic_precision precision, double gpu_count, struct aic_diags *warnings)
{
  const struct aic_gpu *g = &sc->training.gpu;
  double per_param = 0, have;
  const char *how = "";
  int k;

  if (!sc->has_model || !aic_has(sc->model.params_b) || !aic_has(gpu_count) ||
      !sc->training.has_gpu || !aic_has(g->memory_gib))
    return;
  for (k = 0; k < AIC_STAGE_COUNT; k++) {
    const struct aic_stage *s = &sc->training.stages[k];
    enum aic_precision base = s->has_base_precision ? s->base_precision : precision;
    double b;

    if (!s->present)
      continue;
    b = aic_training_state_bytes_per_param(cat, s->method, base);
    if (b > per_param) {
      per_param = b;
      how = s->method == AIC_METHOD_LORA ? "LoRA: frozen weights at their precision and the "
                                           "adapters' Adam state"
                                         : "16 bytes per parameter, mixed-precision Adam";
    }
  }
  have = gpu_count * g->memory_gib * GIB;
  if (per_param * sc->model.params_b * 1e9 > have)
    aic_diag_add_code(warnings, "training_state_exceeds_memory", "/training/gpu_count",
                      "training state of about %.4g GiB (%s) exceeds %.4g GiB on %.0f GPUs",
                      per_param * sc->model.params_b * 1e9 / GIB, how, have / GIB, gpu_count);
}

/* base_precision names the frozen weights of LoRA; a full stage has none. */
static bool
check_base_precision(const struct aic_training *tr, struct aic_diags *errors)
{
  const struct aic_stage *s = &tr->stages[AIC_STAGE_FINE_TUNING];
  bool ok = true;

  for (int k = 0; k < AIC_STAGE_COUNT; k++) {
    const struct aic_stage *o = &tr->stages[k];
    char p[AIC_DIAG_POINTER_MAX];

    if (!o->present || !o->has_base_precision)
      continue;
    ptr_of(p, sizeof p, aic_stage_name((enum aic_stage_kind)k), "base_precision");
    if (o != s || o->method != AIC_METHOD_LORA) {
      aic_diag_add(errors, p, "applies to LoRA fine-tuning only (the frozen weights)");
      ok = false;
    } else if ((unsigned)o->base_precision >= AIC_PRECISION_COUNT) {
      aic_diag_add(errors, p, "unknown precision");
      ok = false;
    }
  }
  return ok;
}

int
aic_training_project(const struct aic_catalogue *cat, const struct aic_scenario *sc,
                     struct aic_projection *pj, struct aic_diags *errors)
{
  const struct aic_training *tr = &sc->training;
  const struct aic_defaults *df = &cat->defaults;
  struct ctx c;
  struct aic_price_choice choice;
  double price = AIC_NAN, gpu_count = AIC_NAN, total = 0;
  bool ok = true, estimating = false, any = false;
  enum aic_precision prec;
  int k;

  pj->training_total_usd = 0;
  pj->training_lump_sum = false;
  pj->training_price_per_gpu_hour_usd = AIC_NAN;
  aic_price_choice_clear(&pj->training_price);
  pj->n_stages = 0;
  if (!tr->present)
    return AIC_OK;
  if (aic_has(tr->cost_usd)) {
    /* A bought or licensed model: the sum is the cost; no stage is costed. */
    if (!aic_check_range(errors, "/training/cost_usd", tr->cost_usd, AIC_NAN, 0, false, AIC_INF,
                         &total))
      return AIC_E_INVALID;
    pj->training_total_usd = total;
    pj->training_lump_sum = true;
    return AIC_OK;
  }
  for (k = 0; k < AIC_STAGE_COUNT; k++) {
    if (tr->stages[k].present) {
      any = true;
      if (!aic_has(tr->stages[k].gpu_hours))
        estimating = true;
    }
  }
  if (!any)
    return AIC_OK;

  aic_price_choice_clear(&choice);
  memset(&c, 0, sizeof c);
  c.cat = cat;
  c.sc = sc;
  c.errors = errors;
  c.mfu = AIC_NAN;
  if (aic_has(tr->mfu))
    ok = aic_check_range(errors, "/training/mfu", tr->mfu, AIC_NAN, AIC_FRACTION_MIN, false, 1,
                         &c.mfu) &&
         ok;
  ok = check_base_precision(tr, errors) && ok;
  ok = aic_check_range(errors, "/training/goodput", tr->goodput, df->goodput, AIC_FRACTION_MIN,
                       false, 1, &c.goodput) &&
       ok;
  if (aic_has(tr->gpu_count))
    ok = aic_check_count(errors, "/training/gpu_count", tr->gpu_count, AIC_NAN, 1, 1e9,
                         &gpu_count) &&
         ok;
  prec = tr->has_precision ? tr->precision : df->training_precision;
  if ((unsigned)prec >= AIC_PRECISION_COUNT) {
    aic_diag_add(errors, "/training/precision", "unknown precision");
    ok = false;
  }
  if (!tr->has_gpu) {
    if (aic_has(tr->price_per_gpu_hour_usd) && !estimating) {
      ok = aic_check_range(errors, "/training/price_per_gpu_hour_usd", tr->price_per_gpu_hour_usd,
                           AIC_NAN, 0, false, AIC_INF, &price) &&
           ok;
      choice.basis = AIC_BASIS_SCENARIO;
      choice.price_per_gpu_hour_usd = price;
    } else {
      aic_diag_add(errors, "/training/gpu", "required to cost the training stages");
      ok = false;
    }
  } else {
    struct aic_price_ask ask = { .pricing = tr->pricing,
                                 .provider = tr->provider,
                                 .region = tr->region,
                                 .override_usd = tr->price_per_gpu_hour_usd,
                                 .training = true,
                                 .energy = &tr->energy };

    ok = aic_gpu_hourly_price(cat, &tr->gpu, tr->gpu_inline, &ask, "/training", &choice, errors) &&
         ok;
    price = choice.price_per_gpu_hour_usd;
    if (estimating && (unsigned)prec < AIC_PRECISION_COUNT)
      c.have_peak = aic_need_peak(errors, &tr->gpu, tr->gpu_inline, "/training",
                                  "/training/precision", prec, &c.peak);
  }
  /* On a bad setting, still check the stages so every problem is reported
   * at once, but compute nothing from the bad values. */
  if (!ok)
    c.have_peak = false;
  for (k = 0; k < AIC_STAGE_COUNT; k++) {
    struct aic_stage_result r;

    if (!tr->stages[k].present)
      continue;
    if (!cost_stage(&c, (enum aic_stage_kind)k, ok ? price : 0, gpu_count, &r)) {
      ok = false;
      continue;
    }
    pj->stages[pj->n_stages++] = r;
    total += r.total_usd;
  }
  if (!ok || (estimating && !c.have_peak))
    return AIC_E_INVALID;
  if (!isfinite(total)) {
    aic_diag_add(errors, "/training", "the training total overflows");
    return AIC_E_INVALID;
  }
  pj->training_total_usd = total;
  pj->training_price_per_gpu_hour_usd = price;
  pj->training_price = choice;
  warn_state_memory(cat, sc, prec, gpu_count, &pj->warnings);
  return AIC_OK;
}
