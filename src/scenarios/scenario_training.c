/* The training section of a scenario: a lump sum (cost_usd), or one to
 * three stages (pretraining, fine_tuning, alignment), each estimated from
 * tokens or given as measured gpu_hours; and the rules across members that
 * the tables cannot express. docs/scenario.md lists the same. */
#include <string.h>

#include "scenario_read.h"

static const struct aic_enum_name fine_tuning_methods[] = {
  { "full", AIC_METHOD_FULL }, { "lora", AIC_METHOD_LORA }, { 0 },
};
static const struct aic_enum_name alignment_methods[] = {
  { "dpo", AIC_METHOD_DPO }, { "rlhf", AIC_METHOD_RLHF }, { 0 },
};

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
const struct aic_field sc_training_fields[] = {
  { "cost_usd", AIC_K_REAL, T(cost_usd), .min = 0, .max = 1e13 },
  { "gpu", AIC_K_CUSTOM, T(gpu), .custom = sc_training_gpu },
  { "gpu_count", AIC_K_REAL, T(gpu_count), .min = 1, .max = MAX_GPUS, .integral = true },
  { "pricing", AIC_K_ENUM, T(pricing), .names = sc_pricing_names },
  { "provider", AIC_K_STRING, T(provider), .max = 64 },
  { "region", AIC_K_STRING, T(region), .max = 64 },
  { "precision", AIC_K_ENUM, T(precision), .names = sc_precision_names, .has_flag = true,
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

static bool
check_stage(enum aic_stage_kind k, const json_t *obj, struct aic_where *sp,
            const struct aic_stage *s, struct aic_diags *d)
{
  struct members m;
  bool ok = true;

  sc_members_read(&m, obj);
  if (sc_given(&m, "gpu_hours")) {
    for (size_t i = 0; estimate_only[k][i]; i++) {
      struct aic_where p;

      if (!sc_given(&m, estimate_only[k][i]))
        continue;
      aic_where_init(&p, sp, NULL, estimate_only[k][i]);
      aic_diag_add(d, aic_where_pointer(&p),
                   "not used with gpu_hours (measured hours replace the estimate); give one "
                   "or the other");
      ok = false;
    }
  } else if (k != AIC_STAGE_ALIGNMENT && !sc_given(&m, "tokens")) {
    aic_diag_add(d, aic_where_pointer(sp), "needs tokens (to estimate) or gpu_hours (measured)");
    ok = false;
  }
  if (k == AIC_STAGE_ALIGNMENT && s->method == AIC_METHOD_DPO) {
    for (size_t i = 0; rlhf_only[i]; i++) {
      struct aic_where p;

      if (!sc_given(&m, rlhf_only[i]))
        continue;
      aic_where_init(&p, sp, NULL, rlhf_only[i]);
      aic_diag_add(d, aic_where_pointer(&p), "only applies to method rlhf");
      ok = false;
    }
  }
  if (k == AIC_STAGE_PRETRAINING && sc_given(&m, "sequence_length") && !s->attention) {
    struct aic_where p;

    aic_where_init(&p, sp, NULL, "sequence_length");
    aic_diag_add(d, aic_where_pointer(&p), "only used with attention: true");
    ok = false;
  }
  return ok;
}

bool
sc_check_training(const json_t *obj, struct aic_where *tp, const struct aic_training *t,
               struct aic_diags *d)
{
  struct members m;
  const char *key;
  json_t *v;
  bool ok = true, any_stage = false;

  sc_members_read(&m, obj);
  if (sc_given(&m, "cost_usd")) {
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
    const json_t *so = sc_member(&m, stage_keys[k]);
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
