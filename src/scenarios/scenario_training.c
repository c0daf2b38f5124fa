/* The training section of a scenario: a lump sum (cost_usd), or one to
 * three stages (pretraining, fine_tuning, alignment), each estimated from
 * tokens or given as measured gpu_hours. docs/scenario.md lists the same. */
#include <stddef.h>

#include "scenario_read.h"

static const struct aic_enum_name fine_tuning_values[] = {
  { "full", AIC_METHOD_FULL },
  { "lora", AIC_METHOD_LORA },
  { NULL, 0 },
};
static const struct aic_names fine_tuning_methods = { .v = fine_tuning_values };
static const struct aic_enum_name alignment_values[] = {
  { "dpo", AIC_METHOD_DPO },
  { "rlhf", AIC_METHOD_RLHF },
  { NULL, 0 },
};
static const struct aic_names alignment_methods = { .v = alignment_values };
_Static_assert(sizeof(enum aic_method) == sizeof(int), "enum size");

#define S(m) offsetof(struct aic_stage, m)
/* clang-format off */
#define STAGE_HOURS(what)                                                                       \
  { "gpu_hours", AIC_K_REAL, S(gpu_hours), .min = 0, .max = AIC_MAX_GPU_HOURS,                  \
    .unit = "GPU-hours", .description = what }
/* clang-format on */
/* clang-format off */
#define STAGE_EPOCHS                                                                            \
  { "epochs", AIC_K_REAL, S(epochs), AIC_POSITIVE(1e4), .dflt = "1",                            \
    .description = "Passes over the data." }
/* clang-format on */

/* Members that only feed the FLOP estimate: measured gpu_hours replace the
 * estimate, so giving both is a contradiction to resolve. `method` is not
 * among them: it still names what was done. */
#define MEASURED_REPLACES(...)                                                                     \
  {                                                                                                \
    AIC_R_EXCLUDES,                                                                                \
      .member = "gpu_hours", .names = (const char *const[]){ __VA_ARGS__, NULL },                  \
      .message = "not used with gpu_hours (measured hours replace the estimate); give one or "     \
                 "the other"                                                                       \
  }
/* clang-format off */
#define NEEDS_TOKENS_OR_HOURS                                                                   \
  { AIC_R_ANY_OF, .names = (const char *const[]){ "tokens", "gpu_hours", NULL },                \
    .message = "needs tokens (to estimate) or gpu_hours (measured)" }
/* clang-format on */

/* clang-format off */
static const struct aic_field pretraining_rows[] = {
  { "tokens", AIC_K_REAL, S(tokens), .min = 0, .max = AIC_MAX_TOKENS_TRAIN, .unit = "tokens",
    .description = "Training tokens." },
  STAGE_HOURS("Measured GPU-hours; replace the estimate."),
  { "recompute", AIC_K_BOOL, S(recompute), .dflt = "false",
    .description = "Full activation recomputation (8·N·D instead of 6·N·D)." },
  { "attention", AIC_K_BOOL, S(attention), .dflt = "false",
    .description = "Add the attention FLOPs (needs layers and d_model)." },
  { "sequence_length", AIC_K_REAL, S(sequence_length), AIC_AT_LEAST(1, 1e9), .whole = true,
    .unit = "tokens", .description = "For the attention term; default the model's context." },
  { 0 },
};
/* clang-format on */
/* clang-format off */
static const struct aic_rule pretraining_rules[] = {
  MEASURED_REPLACES("tokens", "recompute", "attention", "sequence_length"),
  NEEDS_TOKENS_OR_HOURS,
  { AIC_R_EXCLUDES, .member = "attention", .equals = "true", .unless = true,
    .names = (const char *const[]){ "sequence_length", NULL },
    .message = "only used with attention: true" },
  { 0 },
};
/* clang-format on */
static const struct aic_table pretraining_table = {
  .name = "Pretraining",
  .description = "FLOPs = 6·N_active·tokens (8· with recompute), plus the attention term when "
                 "asked. Give `tokens` or measured `gpu_hours`.",
  .rows = pretraining_rows,
  .rules = pretraining_rules,
};

/* clang-format off */
static const struct aic_field fine_tuning_rows[] = {
  { "tokens", AIC_K_REAL, S(tokens), .min = 0, .max = AIC_MAX_TOKENS_TRAIN, .unit = "tokens",
    .description = "Tokens per epoch." },
  STAGE_HOURS("Measured GPU-hours; replace the estimate."),
  STAGE_EPOCHS,
  { "method", AIC_K_ENUM, S(method), .names = &fine_tuning_methods,
    .description = "`full`: 6·N·tokens·epochs; `lora`: about 4·N·tokens·epochs." },
  { "base_precision", AIC_K_ENUM, S(base_precision), .names = &aic_precision_names,
    .has_flag = true, .flag_offset = S(has_base_precision),
    .description = "LoRA only: the frozen weights' precision (QLoRA: int4), for the memory "
                   "check; default the training precision." },
  { 0 },
};
/* clang-format on */
/* clang-format off */
static const struct aic_rule fine_tuning_rules[] = {
  MEASURED_REPLACES("tokens", "epochs"),
  NEEDS_TOKENS_OR_HOURS,
  { 0 },
};
/* clang-format on */
static const struct aic_table fine_tuning_table = {
  .name = "FineTuning",
  .description = "`full`: 6·N·tokens·epochs; `lora`: about 4·N·tokens·epochs. Give `tokens` or "
                 "measured `gpu_hours`.",
  .rows = fine_tuning_rows,
  .rules = fine_tuning_rules,
};

/* clang-format off */
static const struct aic_field alignment_rows[] = {
  { "method", AIC_K_ENUM, S(method), .names = &alignment_methods,
    .description = "`dpo`, or `rlhf` (a reward model and PPO)." },
  STAGE_HOURS("Measured GPU-hours; replace the estimate."),
  STAGE_EPOCHS,
  { "preference_pairs", AIC_K_REAL, S(preference_pairs), .min = 0, .max = 1e12, .whole = true,
    .description = "Human comparisons collected." },
  { "tokens_per_pair", AIC_K_REAL, S(tokens_per_pair), AIC_POSITIVE(AIC_MAX_TOKENS_REQ),
    .unit = "tokens", .description = "Tokens of a pair (prompt and both responses)." },
  { "label_cost_usd", AIC_K_REAL, S(label_cost_usd), .min = 0, .max = 1e6, .unit = "USD",
    .description = "Human labelling per pair, USD." },
  { "reward_model_params_b", AIC_K_REAL, S(reward_model_params_b),
    AIC_POSITIVE(AIC_MAX_PARAMS_B), .unit = "billions",
    .description = "rlhf only; default the policy's size." },
  { "ppo_episodes", AIC_K_REAL, S(ppo_episodes), .min = 0, .max = 1e12, .whole = true,
    .description = "rlhf only; default preference_pairs." },
  { "rollout_tokens", AIC_K_REAL, S(rollout_tokens), AIC_POSITIVE(AIC_MAX_TOKENS_REQ),
    .unit = "tokens", .description = "rlhf only; prompt + response tokens per episode." },
  { "rollout_mfu", AIC_K_REAL, S(rollout_mfu), AIC_FRACTION,
    .description = "rlhf only; generation utilisation (decode is memory-bound)." },
  { 0 },
};
/* clang-format on */
#define RLHF_ONLY "reward_model_params_b", "ppo_episodes", "rollout_tokens", "rollout_mfu"
/* clang-format off */
static const struct aic_rule alignment_rules[] = {
  MEASURED_REPLACES("tokens_per_pair", "epochs", RLHF_ONLY),
  { AIC_R_EXCLUDES, .member = "method", .equals = "\"dpo\"",
    .names = (const char *const[]){ RLHF_ONLY, NULL }, .message = "only applies to method rlhf" },
  { 0 },
};
/* clang-format on */
static const struct aic_table alignment_table = {
  .name = "Alignment",
  .description = "DPO or RLHF (reward model + PPO), plus human labelling (preference_pairs × "
                 "label_cost_usd).",
  .rows = alignment_rows,
  .rules = alignment_rules,
};

#define T(m) offsetof(struct aic_training, m)
#define STAGE_ROW(key, k, table)                                                                   \
  {                                                                                                \
    key, AIC_K_OBJECT, T(stages[k]), .sub = &table, .has_flag = true,                              \
                                     .flag_offset = T(stages[k].present)                           \
  }
/* clang-format off */
static const struct aic_field training_rows[] = {
  { "cost_usd", AIC_K_REAL, T(cost_usd), .min = 0, .max = 1e13, .unit = "USD",
    .description = "A known total, USD; replaces the stages (nothing else may be given with "
                   "it)." },
  { "gpu", AIC_K_REF, T(gpu), .sub = &aic_gpu_table, .resolve = sc_resolve_gpu,
    .pattern = &aic_catalogue_id, .noun = "gpu", .has_flag = true, .flag_offset = T(has_gpu),
    .has_inline_flag = true, .inline_flag_offset = T(gpu_inline), .example = "h100-sxm",
    .description = "A catalogue GPU id, or an inline GPU." },
  { "gpu_count", AIC_K_REAL, T(gpu_count), AIC_AT_LEAST(1, AIC_MAX_GPUS), .whole = true,
    .description = "GPUs training in parallel (sets wall-clock days)." },
  { "pricing", AIC_K_ENUM, T(pricing), .names = &sc_pricing_names },
  SC_PROVIDER_ROWS(struct aic_training),
  { "precision", AIC_K_ENUM, T(precision), .names = &aic_precision_names, .has_flag = true,
    .flag_offset = T(has_precision) },
  { "mfu", AIC_K_REAL, T(mfu), AIC_FRACTION,
    .description = "Model-FLOPs utilisation of every stage; default the MFU prior per stage (by "
                   "GPU generation and active size; docs/cost-model.md)." },
  { "goodput", AIC_K_REAL, T(goodput), AIC_FRACTION,
    .description = "Fraction of wall time doing useful steps; default from the catalogue (0.9)." },
  { "price_per_gpu_hour_usd", AIC_K_REAL, T(price_per_gpu_hour_usd), .min = 0,
    .max = AIC_MAX_USD_PER_HOUR, .unit = "USD per GPU-hour",
    .description = "A negotiated rate per GPU-hour, USD; replaces the catalogue's." },
  SC_ENERGY_ROWS(struct aic_training, energy),
  STAGE_ROW("pretraining", AIC_STAGE_PRETRAINING, pretraining_table),
  STAGE_ROW("fine_tuning", AIC_STAGE_FINE_TUNING, fine_tuning_table),
  STAGE_ROW("alignment", AIC_STAGE_ALIGNMENT, alignment_table),
  { 0 },
};
/* clang-format on */
/* clang-format off */
static const struct aic_rule training_rules[] = {
  /* a lump sum is the whole training cost; anything else would be ignored */
  { AIC_R_EXCLUDES, .member = "cost_usd",
    .message = "not allowed with cost_usd (a lump sum replaces the stages)" },
  { AIC_R_ANY_OF,
    .names = (const char *const[]){ "cost_usd", "pretraining", "fine_tuning", "alignment", NULL },
    .message = "needs cost_usd (a lump sum) or at least one of pretraining, fine_tuning, "
               "alignment" },
  { 0 },
};
/* clang-format on */
const struct aic_table sc_training_table = {
  .name = "Training",
  .description = "One-time training: a lump sum (`cost_usd` alone), or one or more stages on "
                 "`gpu_count` GPUs. GPU-hours = FLOPs / (peak at `precision` × `mfu`) / "
                 "`goodput`.",
  .rows = training_rows,
  .rules = training_rules,
};
