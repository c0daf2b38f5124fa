/* Training cost: FLOP estimates per stage, GPU-hours, prices, lump sums,
 * measured hours, and the errors and warnings that guard them. */
#include "aicost/training.h"
#include "fixture.h"

#define PFS_DAY (1e15 * 86400.0) /* one petaflop/s-day in FLOPs */

/* test-model (10B) on test-gpu (1,000 TFLOP/s bf16, $2/h) with round mfu/goodput. */
static void
plain_training(struct env *e)
{
  fixture_model(&e->sc, &e->cat, "test-model");
  fixture_training_gpu(&e->sc, &e->cat, "test-gpu");
  e->sc.training.mfu = 0.5;
  e->sc.training.goodput = 0.8;
  e->sc.training.gpu_count = 1000;
}

/* Published: GPT-3 175B on 300B tokens took 3.14e23 FLOPs (Brown et al. 2020,
 * table D.1); 6·N·D gives 3.15e23, within 1 %. Also 3,640 petaflop/s-days
 * (Ouyang et al. 2022, section 5.1, for GPT-3), again within 1 %. */
static void
gpt3_pretraining_flops(void **state)
{
  struct env *e = *state;

  fixture_model(&e->sc, &e->cat, "gpt-3-175b");
  fixture_training_gpu(&e->sc, &e->cat, "test-gpu");
  e->sc.training.stages[AIC_STAGE_PRETRAINING].present = true;
  e->sc.training.stages[AIC_STAGE_PRETRAINING].tokens = 300e9;
  assert_int_equal(env_run(e), AIC_OK);
  assert_int_equal(e->pj.n_stages, 1);
  assert_int_equal(e->pj.stages[0].stage, AIC_STAGE_PRETRAINING);
  assert_rel(e->pj.stages[0].flops, 3.14e23, 0.01);
  assert_rel(e->pj.stages[0].flops / PFS_DAY, 3640, 0.01);
}

/* Hand-computed: 6·10e9·1e12 = 6e22 FLOPs; / (1e15 FLOP/s · 0.5) / 0.8 /
 * 3600 = 41,666.67 GPU-hours; on 1,000 GPUs 1.736 days; at $2/h $83,333.33. */
static void
gpu_hours_days_and_cost(void **state)
{
  struct env *e = *state;
  const struct aic_stage_result *r = &e->pj.stages[0];
  double hours = 6e22 / (1e15 * 0.5) / 0.8 / 3600;

  plain_training(e);
  e->sc.training.stages[AIC_STAGE_PRETRAINING].present = true;
  e->sc.training.stages[AIC_STAGE_PRETRAINING].tokens = 1e12;
  assert_int_equal(env_run(e), AIC_OK);
  assert_exact(r->flops, 6e22);
  assert_rel(r->gpu_hours, 41666.666666666667, 1e-12);
  assert_rel(r->gpu_hours, hours, 1e-15);
  assert_rel(r->days, hours / 1000 / 24, 1e-15);
  assert_rel(r->compute_usd, 83333.333333333333, 1e-12);
  assert_exact(r->labelling_usd, 0);
  assert_exact(r->total_usd, r->compute_usd);
  assert_exact(e->pj.training_total_usd, r->total_usd);
  assert_exact(e->pj.training_price_per_gpu_hour_usd, 2);
  assert_false(r->measured);
  assert_false(e->pj.training_lump_sum);
}

/* Full recomputation costs one more forward pass: 8·N·D instead of 6·N·D. */
static void
recompute_factor_8(void **state)
{
  struct env *e = *state;

  plain_training(e);
  e->sc.training.stages[AIC_STAGE_PRETRAINING].present = true;
  e->sc.training.stages[AIC_STAGE_PRETRAINING].tokens = 1e12;
  e->sc.training.stages[AIC_STAGE_PRETRAINING].recompute = true;
  assert_int_equal(env_run(e), AIC_OK);
  assert_exact(e->pj.stages[0].flops, 8e22);
}

/* Kaplan et al. 2020 table 1: attention adds 2·n_layer·n_ctx·d_attn forward
 * per token, x3 for training: 6·10·4096·4096 per token on test-model at its
 * context; sequence_length overrides the context. */
static void
attention_term(void **state)
{
  struct env *e = *state;
  struct aic_stage *s = &e->sc.training.stages[AIC_STAGE_PRETRAINING];

  plain_training(e);
  s->present = true;
  s->tokens = 1e12;
  s->attention = true;
  assert_int_equal(env_run(e), AIC_OK);
  assert_rel(e->pj.stages[0].flops, (6 * 10e9 + 6.0 * 10 * 4096 * 4096) * 1e12, 1e-15);
  s->sequence_length = 2048;
  assert_int_equal(env_run(e), AIC_OK);
  assert_rel(e->pj.stages[0].flops, (6 * 10e9 + 6.0 * 10 * 2048 * 4096) * 1e12, 1e-15);
  s->recompute = true; /* the attention term is recomputed too: x4 */
  assert_int_equal(env_run(e), AIC_OK);
  assert_rel(e->pj.stages[0].flops, (8 * 10e9 + 8.0 * 10 * 2048 * 4096) * 1e12, 1e-15);
}

/* Mixture of experts: FLOPs use the 10B active parameters of test-moe. */
static void
moe_uses_active_params(void **state)
{
  struct env *e = *state;

  plain_training(e);
  fixture_model(&e->sc, &e->cat, "test-moe");
  e->sc.training.stages[AIC_STAGE_PRETRAINING].present = true;
  e->sc.training.stages[AIC_STAGE_PRETRAINING].tokens = 1e12;
  assert_int_equal(env_run(e), AIC_OK);
  assert_exact(e->pj.stages[0].flops, 6e22);
}

/* Fine-tuning: full = 6·N·tokens·epochs; LoRA = 4·N·tokens·epochs. */
static void
fine_tuning_full_and_lora(void **state)
{
  struct env *e = *state;
  struct aic_stage *s = &e->sc.training.stages[AIC_STAGE_FINE_TUNING];

  plain_training(e);
  s->present = true;
  s->tokens = 2e9;
  s->epochs = 2;
  s->method = AIC_METHOD_FULL;
  assert_int_equal(env_run(e), AIC_OK);
  assert_exact(e->pj.stages[0].flops, 6 * 10e9 * 2e9 * 2);
  assert_int_equal(e->pj.stages[0].method, AIC_METHOD_FULL);
  s->method = AIC_METHOD_LORA;
  assert_int_equal(env_run(e), AIC_OK);
  assert_exact(e->pj.stages[0].flops, 4 * 10e9 * 2e9 * 2);
  s->epochs = XNAN; /* one epoch by default */
  assert_int_equal(env_run(e), AIC_OK);
  assert_exact(e->pj.stages[0].flops, 4 * 10e9 * 2e9);
}

/* DPO: pairs·epochs·tokens_per_pair·(6N + 2N); labelling = pairs x $/pair. */
static void
dpo_and_labelling(void **state)
{
  struct env *e = *state;
  struct aic_stage *s = &e->sc.training.stages[AIC_STAGE_ALIGNMENT];
  const struct aic_stage_result *r = &e->pj.stages[0];

  plain_training(e);
  s->present = true;
  s->method = AIC_METHOD_DPO;
  s->preference_pairs = 100000;
  s->tokens_per_pair = 1024;
  s->label_cost_usd = 1.5;
  assert_int_equal(env_run(e), AIC_OK);
  assert_exact(r->flops, 100000.0 * 1024 * 8 * 10e9);
  assert_exact(r->labelling_usd, 150000);
  assert_rel(r->total_usd, r->compute_usd + 150000, 1e-15);
  assert_rel(r->gpu_hours, r->flops / (1e15 * 0.5) / 0.8 / 3600, 1e-15);
}

/* RLHF, hand-derived: reward model 6·N_rm·tpp·pairs·epochs; per episode of T
 * tokens 10·N·T (generation 2, reference 2, policy update 6) and 10·N_rm·T
 * (reward 2, value forward 2, value update 6); generation at rollout_mfu. */
static void
rlhf_hand_computed(void **state)
{
  struct env *e = *state;
  struct aic_stage *s = &e->sc.training.stages[AIC_STAGE_ALIGNMENT];
  const struct aic_stage_result *r = &e->pj.stages[0];
  double n = 10e9, nrm = 1e9, pairs = 1000, tpp = 1000, ep = 2, eps = 5000, t = 600;
  double gen = eps * 2 * n * t;
  double all = 6 * nrm * tpp * pairs * ep + eps * (10 * n * t + 10 * nrm * t);

  plain_training(e);
  s->present = true;
  s->method = AIC_METHOD_RLHF;
  s->preference_pairs = pairs;
  s->tokens_per_pair = tpp;
  s->epochs = ep;
  s->reward_model_params_b = 1;
  s->ppo_episodes = eps;
  s->rollout_tokens = t;
  s->rollout_mfu = 0.1;
  assert_int_equal(env_run(e), AIC_OK);
  assert_rel(r->flops, all, 1e-15);
  assert_rel(r->gpu_hours, ((all - gen) / (1e15 * 0.5) + gen / (1e15 * 0.1)) / 0.8 / 3600, 1e-14);
  /* Defaults: episodes = pairs, T = tpp / 2, reward model = policy size. */
  s->reward_model_params_b = XNAN;
  s->ppo_episodes = XNAN;
  s->rollout_tokens = XNAN;
  s->epochs = XNAN;
  assert_int_equal(env_run(e), AIC_OK);
  assert_rel(r->flops, 6 * n * tpp * pairs + pairs * 20 * n * (tpp / 2), 1e-15);
}

/* Ouyang et al. 2022 (InstructGPT), section 5.1: PPO-ptx for 175B took about
 * 60 petaflop/s-days against 3,640 for GPT-3. A comparable setup (175B
 * policy, 6B reward/value, 256k episodes per appendix C.4, prompts and
 * responses up to 1k tokens each: T = 2048; 50k comparison pairs of 1k
 * tokens for the reward model) must land within an order of magnitude of 60
 * and far below pretraining. We omit the ptx pretraining-mix gradients, so we
 * expect to sit below 60 (about 11). */
static void
instructgpt_ppo_band(void **state)
{
  struct env *e = *state;
  struct aic_stage *s = &e->sc.training.stages[AIC_STAGE_ALIGNMENT];
  double pfs_days;

  fixture_model(&e->sc, &e->cat, "gpt-3-175b");
  fixture_training_gpu(&e->sc, &e->cat, "test-gpu");
  s->present = true;
  s->method = AIC_METHOD_RLHF;
  s->preference_pairs = 50000;
  s->tokens_per_pair = 1024;
  s->reward_model_params_b = 6;
  s->ppo_episodes = 256000;
  s->rollout_tokens = 2048;
  assert_int_equal(env_run(e), AIC_OK);
  pfs_days = e->pj.stages[0].flops / PFS_DAY;
  assert_true(pfs_days > 60.0 / 10 && pfs_days < 60.0 * 10);
  assert_true(pfs_days < 3640.0 / 100);
  assert_rel(pfs_days, 11.2, 0.05);
}

/* A measured stage replaces the estimate: hours x price, no FLOPs, and needs
 * neither a model nor a peak. */
static void
measured_gpu_hours(void **state)
{
  struct env *e = *state;
  const struct aic_stage_result *r = &e->pj.stages[0];

  fixture_training_gpu(&e->sc, &e->cat, "test-gpu");
  e->sc.training.gpu_count = 8;
  e->sc.training.stages[AIC_STAGE_FINE_TUNING].present = true;
  e->sc.training.stages[AIC_STAGE_FINE_TUNING].gpu_hours = 1000;
  assert_int_equal(env_run(e), AIC_OK);
  assert_true(r->measured);
  assert_true(isnan(r->flops));
  assert_exact(r->gpu_hours, 1000);
  assert_exact(r->compute_usd, 2000);
  assert_rel(r->days, 1000.0 / 8 / 24, 1e-15);
}

/* Measured hours with a negotiated rate need no GPU at all; without
 * gpu_count the wall-clock days are unknown (NAN), not invented. */
static void
measured_without_gpu(void **state)
{
  struct env *e = *state;

  e->sc.training.present = true;
  e->sc.training.price_per_gpu_hour_usd = 3;
  e->sc.training.stages[AIC_STAGE_PRETRAINING].present = true;
  e->sc.training.stages[AIC_STAGE_PRETRAINING].gpu_hours = 100;
  assert_int_equal(env_run(e), AIC_OK);
  assert_exact(e->pj.training_total_usd, 300);
  assert_true(isnan(e->pj.stages[0].days));
}

/* A lump sum is the training total; no stage is costed. */
static void
lump_sum(void **state)
{
  struct env *e = *state;

  e->sc.training.present = true;
  e->sc.training.cost_usd = 1e6;
  e->sc.training.stages[AIC_STAGE_PRETRAINING].present = true; /* ignored */
  assert_int_equal(env_run(e), AIC_OK);
  assert_true(e->pj.training_lump_sum);
  assert_exact(e->pj.training_total_usd, 1e6);
  assert_int_equal(e->pj.n_stages, 0);
  assert_true(isnan(e->pj.training_price_per_gpu_hour_usd));
}

/* Owned, hand-computed (Epoch AI method, with the energy block's kWh):
 * $30,000 / (3 years x 8,766 h) + 0.7 kW x draw 0.75 x overhead 2 x PUE
 * 1.25 x $0.077/kWh = $1.1407712 + $0.1010625 per GPU-hour. */
static void
owned_pricing(void **state)
{
  struct env *e = *state;

  fixture_training_gpu(&e->sc, &e->cat, "test-gpu");
  e->sc.training.pricing = AIC_PRICING_OWNED;
  e->sc.training.stages[AIC_STAGE_PRETRAINING].present = true;
  e->sc.training.stages[AIC_STAGE_PRETRAINING].gpu_hours = 1000;
  assert_int_equal(env_run(e), AIC_OK);
  assert_rel(e->pj.training_price_per_gpu_hour_usd,
             30000.0 / (3 * 8766) + 0.7 * 0.75 * 2 * 1.25 * 0.077, 1e-15);
  assert_rel(e->pj.training_price_per_gpu_hour_usd, 1.2418336613050422, 1e-12);
  assert_rel(e->pj.training_total_usd, 1241.8336613050422, 1e-12);
}

/* Reserved and override rates. */
static void
reserved_and_override(void **state)
{
  struct env *e = *state;

  fixture_training_gpu(&e->sc, &e->cat, "h100-sxm");
  e->sc.training.pricing = AIC_PRICING_RESERVED_1Y;
  e->sc.training.stages[AIC_STAGE_PRETRAINING].present = true;
  e->sc.training.stages[AIC_STAGE_PRETRAINING].gpu_hours = 10;
  assert_int_equal(env_run(e), AIC_OK);
  assert_exact(e->pj.training_total_usd, 25);
  e->sc.training.price_per_gpu_hour_usd = 1.75;
  assert_int_equal(env_run(e), AIC_OK);
  assert_exact(e->pj.training_total_usd, 17.5);
}

/* A missing price is an error naming where to fix it, never a silent zero. */
static void
missing_price_is_error(void **state)
{
  struct env *e = *state;

  fixture_training_gpu(&e->sc, &e->cat, "test-gpu");
  e->sc.training.pricing = AIC_PRICING_RESERVED_1Y;
  e->sc.training.stages[AIC_STAGE_PRETRAINING].present = true;
  e->sc.training.stages[AIC_STAGE_PRETRAINING].gpu_hours = 10;
  assert_int_equal(env_run(e), AIC_E_INVALID);
  assert_diag(&e->err, "/training/gpu",
              "gpu 'test-gpu' has no reserved_1y price; give price_per_gpu_hour_usd");
  /* Inline: the pointer names the missing key. */
  e->sc.training.gpu.id = NULL;
  e->sc.training.gpu_inline = true;
  assert_int_equal(env_run(e), AIC_E_INVALID);
  assert_diag(&e->err, "/training/gpu/price_per_hour_usd/reserved", "required");
}

/* A precision the GPU lacks: "/training/precision" for a catalogue GPU, the
 * peak's own pointer for an inline one. */
static void
precision_the_gpu_lacks(void **state)
{
  struct env *e = *state;

  plain_training(e);
  e->sc.training.has_precision = true;
  e->sc.training.precision = AIC_INT4;
  e->sc.training.stages[AIC_STAGE_PRETRAINING].present = true;
  e->sc.training.stages[AIC_STAGE_PRETRAINING].tokens = 1e9;
  assert_int_equal(env_run(e), AIC_E_INVALID);
  assert_diag(&e->err, "/training/precision", "no int4 peak");
  e->sc.training.gpu.id = NULL;
  e->sc.training.gpu_inline = true;
  assert_int_equal(env_run(e), AIC_E_INVALID);
  assert_diag(&e->err, "/training/gpu/peak_tflops/int4", "required");
}

/* Missing model keys: inline names the key, catalogue names the entry, and
 * no model at all names /model; all problems are reported together. */
static void
missing_model_keys(void **state)
{
  struct env *e = *state;

  plain_training(e);
  e->sc.training.stages[AIC_STAGE_PRETRAINING].present = true;
  e->sc.training.stages[AIC_STAGE_PRETRAINING].tokens = 1e9;
  e->sc.training.stages[AIC_STAGE_PRETRAINING].attention = true;
  fixture_model(&e->sc, &e->cat, "opaque-model");
  assert_int_equal(env_run(e), AIC_E_INVALID);
  assert_diag(&e->err, "/model", "catalogue model 'opaque-model' has no layers");
  assert_diag(&e->err, "/model", "catalogue model 'opaque-model' has no d_model");
  e->sc.model.id = NULL;
  e->sc.model_inline = true;
  assert_int_equal(env_run(e), AIC_E_INVALID);
  assert_diag(&e->err, "/model/layers", "required");
  assert_diag(&e->err, "/model/context", "sequence_length");
  e->sc.has_model = false;
  e->sc.training.stages[AIC_STAGE_FINE_TUNING].present = true;
  e->sc.training.stages[AIC_STAGE_FINE_TUNING].tokens = 1e9;
  assert_int_equal(env_run(e), AIC_E_INVALID);
  assert_diag(&e->err, "/model", "required to estimate training FLOPs");
  assert_diag(&e->err, "/training/fine_tuning/method", "'full' or 'lora'");
  assert_int_equal(e->err.n, 2); /* the same missing model once, not per stage */
}

/* Out-of-range settings are rejected with their pointers, all at once. */
static void
invalid_ranges(void **state)
{
  struct env *e = *state;

  plain_training(e);
  e->sc.training.mfu = 1.5;
  e->sc.training.goodput = 0;
  e->sc.training.gpu_count = 2.5;
  e->sc.training.stages[AIC_STAGE_PRETRAINING].present = true;
  e->sc.training.stages[AIC_STAGE_PRETRAINING].tokens = -1;
  e->sc.training.stages[AIC_STAGE_ALIGNMENT].present = true;
  e->sc.training.stages[AIC_STAGE_ALIGNMENT].method = AIC_METHOD_DPO;
  e->sc.training.stages[AIC_STAGE_ALIGNMENT].tokens_per_pair = 10;
  assert_int_equal(env_run(e), AIC_E_INVALID);
  assert_diag(&e->err, "/training/mfu", "[0.01, 1]");
  assert_diag(&e->err, "/training/goodput", "[0.01, 1]");
  assert_diag(&e->err, "/training/gpu_count", "whole number");
  assert_diag(&e->err, "/training/pretraining/tokens", ">= 0");
  assert_diag(&e->err, "/training/alignment/preference_pairs", "required");
  assert_null(e->pj.series);
}

/* Stages without a GPU cannot be costed. */
static void
stages_need_gpu(void **state)
{
  struct env *e = *state;

  fixture_model(&e->sc, &e->cat, "test-model");
  e->sc.training.present = true;
  e->sc.training.stages[AIC_STAGE_PRETRAINING].present = true;
  e->sc.training.stages[AIC_STAGE_PRETRAINING].tokens = 1e9;
  assert_int_equal(env_run(e), AIC_E_INVALID);
  assert_diag(&e->err, "/training/gpu", "required");
}

/* ZeRO (Rajbhandari et al. 2020, section 3.1): 16 bytes per parameter; Llama
 * 2 70B needs 1,043 GiB: 8 x 80 GiB warns, 16 x 80 GiB does not. */
static void
state_memory_warning(void **state)
{
  struct env *e = *state;

  fixture_model(&e->sc, &e->cat, "llama-2-70b");
  fixture_training_gpu(&e->sc, &e->cat, "test-gpu");
  e->sc.training.gpu_count = 8;
  e->sc.training.stages[AIC_STAGE_FINE_TUNING].present = true;
  e->sc.training.stages[AIC_STAGE_FINE_TUNING].method = AIC_METHOD_FULL;
  e->sc.training.stages[AIC_STAGE_FINE_TUNING].tokens = 1e6;
  assert_int_equal(env_run(e), AIC_OK);
  assert_int_equal(e->pj.warnings.n, 1);
  assert_string_equal(e->pj.warnings.v[0].code, "training_state_exceeds_memory");
  assert_string_equal(e->pj.warnings.v[0].pointer, "/training/gpu_count");
  e->sc.training.gpu_count = 16;
  assert_int_equal(env_run(e), AIC_OK);
  assert_int_equal(e->pj.warnings.n, 0);
}

/* A prior with shape, for the cases below: generation rows of their own for
 * "hopper", the default row for the rest. */
static const struct aic_generation prior_rows[] = {
  { .name = "default", .mfu_at_10b = 0.25, .serving_efficiency = { 0.5, 0.5, 0.5 } },
  { .name = "hopper", .mfu_at_10b = 0.2, .serving_efficiency = { 0.5, 0.5, XNAN } },
};

static void
shaped_prior(struct env *e)
{
  e->cat.generations = prior_rows;
  e->cat.n_generations = 2;
  e->cat.defaults.mfu_cap = 0.3;
  e->cat.defaults.mfu_size_exponent = 0.15;
  e->cat.defaults.fine_tuning_mfu_factor = 0.9;
  e->cat.defaults.lora_mfu_factor = 0.88;
}

/* The MFU prior, hand-computed: min(cap, mfu_at_10b x (N/1e10)^0.15) for the
 * GPU's generation: 0.2 for a 10B model on a Hopper GPU, 0.25 on a GPU of
 * no fitted generation (the default row); 70B on Hopper 0.2 x 7^0.15 =
 * 0.2677; a bigger model stops at the cap; fine-tuning x 0.9, LoRA x 0.88
 * more. The hours divide by it. */
static void
mfu_prior(void **state)
{
  struct env *e = *state;
  struct aic_stage *s = &e->sc.training.stages[AIC_STAGE_PRETRAINING];

  shaped_prior(e);
  fixture_model(&e->sc, &e->cat, "test-model");
  fixture_training_gpu(&e->sc, &e->cat, "h100-sxm");
  s->present = true;
  s->tokens = 1e12;
  assert_int_equal(env_run(e), AIC_OK);
  assert_rel(e->pj.stages[0].mfu, 0.2, 1e-15);
  assert_rel(e->pj.stages[0].gpu_hours, 6e22 / (989e12 * 0.2) / 0.9 / 3600, 1e-14);
  fixture_training_gpu(&e->sc, &e->cat, "test-gpu");
  assert_int_equal(env_run(e), AIC_OK);
  assert_rel(e->pj.stages[0].mfu, 0.25, 1e-15);
  assert_rel(aic_mfu_prior(&e->cat, "hopper", 70e9, AIC_STAGE_PRETRAINING, AIC_METHOD_NONE),
             0.2 * pow(7, 0.15), 1e-15);
  assert_rel(aic_mfu_prior(&e->cat, "hopper", 1e13, AIC_STAGE_PRETRAINING, AIC_METHOD_NONE), 0.3,
             1e-15);
  assert_rel(aic_mfu_prior(&e->cat, "hopper", 1e10, AIC_STAGE_FINE_TUNING, AIC_METHOD_FULL),
             0.2 * 0.9, 1e-15);
  assert_rel(aic_mfu_prior(&e->cat, "hopper", 1e10, AIC_STAGE_FINE_TUNING, AIC_METHOD_LORA),
             0.2 * 0.9 * 0.88, 1e-15);
  /* A mixture of experts is sized by its active parameters: test-moe (10B
   * of 40B) gets the 10B prior. */
  fixture_model(&e->sc, &e->cat, "test-moe");
  fixture_training_gpu(&e->sc, &e->cat, "h100-sxm");
  assert_int_equal(env_run(e), AIC_OK);
  assert_rel(e->pj.stages[0].mfu, 0.2, 1e-15);
  /* The scenario's mfu replaces the prior in every stage. */
  e->sc.training.mfu = 0.33;
  assert_int_equal(env_run(e), AIC_OK);
  assert_exact(e->pj.stages[0].mfu, 0.33);
  /* A catalogue whose prior leaves (0, 1] is an error naming the way out. */
  e->sc.training.mfu = XNAN;
  e->cat.defaults.mfu_cap = 0;
  assert_int_equal(env_run(e), AIC_E_INVALID);
  assert_diag(&e->err, "/training/mfu", "give mfu");
}

/* LoRA's time: 4N FLOPs per token at 0.88 of full fine-tuning's MFU, i.e.
 * 1 / (4/6 / 0.88) = 1.32x the throughput of full fine-tuning, the LoRA
 * paper's 43.1 / 32.5 tokens/s (Hu et al. 2021, section 4.2). */
static void
lora_speedup(void **state)
{
  struct env *e = *state;
  struct aic_stage *s = &e->sc.training.stages[AIC_STAGE_FINE_TUNING];
  double full;

  shaped_prior(e);
  fixture_model(&e->sc, &e->cat, "test-model");
  fixture_training_gpu(&e->sc, &e->cat, "h100-sxm");
  s->present = true;
  s->tokens = 1e9;
  s->method = AIC_METHOD_FULL;
  assert_int_equal(env_run(e), AIC_OK);
  full = e->pj.stages[0].gpu_hours;
  s->method = AIC_METHOD_LORA;
  assert_int_equal(env_run(e), AIC_OK);
  assert_rel(full / e->pj.stages[0].gpu_hours, 0.88 * 6 / 4, 1e-14);
}

/* Training state by method: LoRA keeps the frozen weights at their
 * precision plus 1 % adapters with 16 bytes each. Llama 2 70B with LoRA
 * at bf16 needs 70e9 x 2.16 = 140.8 GiB: 2 x 80 GiB hold it, full
 * fine-tuning (1,043 GiB) does not. QLoRA (int4 base) is 70e9 x 0.66 =
 * 43.0 GiB: one 48 GiB GPU, as the QLoRA paper ran a 65B model. */
static void
memory_by_method(void **state)
{
  struct env *e = *state;
  struct aic_stage *s = &e->sc.training.stages[AIC_STAGE_FINE_TUNING];

  fixture_model(&e->sc, &e->cat, "llama-2-70b");
  fixture_training_gpu(&e->sc, &e->cat, "test-gpu");
  e->sc.training.gpu_count = 2;
  s->present = true;
  s->tokens = 1e6;
  s->method = AIC_METHOD_LORA;
  assert_int_equal(env_run(e), AIC_OK);
  assert_int_equal(e->pj.warnings.n, 0);
  assert_rel(aic_training_state_bytes_per_param(&e->cat, AIC_METHOD_LORA, AIC_BF16), 2.16, 1e-15);
  s->method = AIC_METHOD_FULL;
  assert_int_equal(env_run(e), AIC_OK);
  assert_string_equal(e->pj.warnings.v[0].code, "training_state_exceeds_memory");
  s->method = AIC_METHOD_LORA;
  s->has_base_precision = true;
  s->base_precision = AIC_INT4;
  e->sc.training.gpu_count = 1;
  e->sc.training.gpu.memory_gib = 48;
  assert_int_equal(env_run(e), AIC_OK);
  assert_int_equal(e->pj.warnings.n, 0);
  e->sc.training.gpu.memory_gib = 40;
  assert_int_equal(env_run(e), AIC_OK);
  assert_diag(&e->pj.warnings, "/training/gpu_count", "LoRA");
  /* base_precision belongs to LoRA: a full stage has no frozen weights. */
  s->method = AIC_METHOD_FULL;
  assert_int_equal(env_run(e), AIC_E_INVALID);
  assert_diag(&e->err, "/training/fine_tuning/base_precision", "LoRA");
}

/* Absurd sizes overflow to an error naming the stage, never inf out. */
static void
overflow_is_error(void **state)
{
  struct env *e = *state;

  plain_training(e);
  e->sc.training.stages[AIC_STAGE_PRETRAINING].present = true;
  e->sc.training.stages[AIC_STAGE_PRETRAINING].tokens = 1e300;
  assert_int_equal(env_run(e), AIC_E_INVALID);
  assert_diag(&e->err, "/training/pretraining", "overflows");
}

int
main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, env_setup, env_teardown)
  const struct CMUnitTest tests[] = {
    T(gpt3_pretraining_flops), T(gpu_hours_days_and_cost),
    T(recompute_factor_8),     T(attention_term),
    T(moe_uses_active_params), T(fine_tuning_full_and_lora),
    T(dpo_and_labelling),      T(rlhf_hand_computed),
    T(instructgpt_ppo_band),   T(measured_gpu_hours),
    T(measured_without_gpu),   T(lump_sum),
    T(owned_pricing),          T(reserved_and_override),
    T(missing_price_is_error), T(precision_the_gpu_lacks),
    T(missing_model_keys),     T(invalid_ranges),
    T(stages_need_gpu),        T(state_memory_warning),
    T(overflow_is_error),      T(mfu_prior),
    T(lora_speedup),           T(memory_by_method),
  };

  return cmocka_run_group_tests(tests, NULL, NULL);
}
