/* The training model's priors, for aic_project, the calibration test and
 * the uncertainty bands: what utilisation a run gets when the scenario does
 * not say, and how much memory its training state takes. Formulas and
 * sources: docs/cost-model.md, "The MFU prior" and "Memory warning". Part of
 * the pure core. */
#ifndef AICOST_TRAINING_H
#define AICOST_TRAINING_H

#include "aicost/catalogue.h"
#include "aicost/scenario.h"

/* The default MFU of a stage: min(mfu_cap, mfu_at_10b[generation] x
 * (active_params / 1e10)^mfu_size_exponent), x fine_tuning_mfu_factor for
 * fine-tuning and alignment, x lora_mfu_factor for LoRA. `generation` may
 * be NULL or unknown (the "default" row). NAN when the catalogue lacks the
 * figures. Pure. */
double aic_mfu_prior(const struct aic_catalogue *cat, const char *generation, double active_params,
                     enum aic_stage_kind stage, enum aic_method method);

/* Bytes of training state per parameter of the model for a stage: 16 for
 * full training with mixed-precision Adam; for LoRA the frozen weights at
 * base precision plus adapters (lora_adapter_fraction of the parameters)
 * with their own 16 bytes. */
double aic_training_state_bytes_per_param(const struct aic_catalogue *cat, enum aic_method method,
                                          enum aic_precision base_precision);

#endif
