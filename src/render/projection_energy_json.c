/* A projection's "energy" as JSON (docs/scenario.md, "Energy"), nested by
 * projection_json.c (projection_json.h): each side's factors, training's
 * stages and totals, serving's day 1 and horizon, the carbon line. A side
 * whose energy is unknown is null, and so is "carbon" without a price. */
#include "projection_json.h"

static const char *
site_basis_name(int v)
{
  switch ((enum aic_site_basis)v) {
  case AIC_SITE_SCENARIO: return "scenario";
  case AIC_SITE_OFFER: return "offer_region";
  case AIC_SITE_NONE: break;
  }
  return NULL; /* no site */
}

#define SIDE(m, kind) AIC_JW_FIELD(struct aic_energy_side, m, kind)
/* clang-format off */
static const struct aic_jw_field side_members[] = {
  SIDE(site, AIC_JW_TEXT),
  AIC_JW_NAMED("site_from", struct aic_energy_side, site_basis, site_basis_name),
  SIDE(power_w, AIC_JW_REAL),
  SIDE(draw_fraction, AIC_JW_REAL),
  SIDE(server_overhead, AIC_JW_REAL),
  SIDE(pue, AIC_JW_REAL),
  SIDE(gco2e_per_kwh, AIC_JW_REAL),
  SIDE(kwh_per_gpu_hour, AIC_JW_REAL),
};
/* clang-format on */

#define SE(m) AIC_JW_FIELD(struct aic_stage_energy, m, AIC_JW_REAL)
/* clang-format off */
static const struct aic_jw_field stage_energy_members[] = {
  AIC_JW_NAMED("stage", struct aic_stage_energy, stage, aic_render_stage_name),
  SE(kwh),
  SE(tco2e),
};
/* clang-format on */

#define EN(key, m, kind) AIC_JW_MEMBER(key, struct aic_energy_result, m, kind)
static const struct aic_jw_field training_energy_members[] = {
  EN("kwh", training_kwh, AIC_JW_REAL),
  EN("tco2e", training_tco2e, AIC_JW_REAL),
};
/* clang-format off */
static const struct aic_jw_field serving_energy_members[] = {
  EN("kwh_per_day", kwh_per_day, AIC_JW_REAL),
  EN("tco2e_per_day", tco2e_per_day, AIC_JW_REAL),
  EN("wh_per_request", wh_per_request, AIC_JW_REAL),
  EN("kwh_per_million_tokens", kwh_per_million_tokens, AIC_JW_REAL),
  EN("annual_kwh", annual_kwh, AIC_JW_REAL),
  EN("annual_tco2e", annual_tco2e, AIC_JW_REAL),
  EN("horizon_kwh", horizon_kwh, AIC_JW_REAL),
  EN("horizon_tco2e", horizon_tco2e, AIC_JW_REAL),
};
/* clang-format on */
/* clang-format off */
static const struct aic_jw_field energy_total_members[] = {
  EN("total_kwh", total_kwh, AIC_JW_REAL),
  EN("total_tco2e", total_tco2e, AIC_JW_REAL),
  EN("crossover_day_kwh", crossover_day_kwh, AIC_JW_DAY),
  EN("crossover_day_tco2e", crossover_day_tco2e, AIC_JW_DAY),
};
/* clang-format on */
/* clang-format off */
static const struct aic_jw_field carbon_members[] = {
  EN("price_usd_per_t", carbon_price_usd_per_t, AIC_JW_REAL),
  EN("training_usd", carbon_training_usd, AIC_JW_REAL),
  EN("daily_usd", carbon_daily_usd, AIC_JW_REAL),
  EN("horizon_usd", carbon_horizon_usd, AIC_JW_REAL),
  EN("total_usd", carbon_total_usd, AIC_JW_REAL),
  EN("total_with_carbon_usd", total_with_carbon_usd, AIC_JW_REAL),
};
/* clang-format on */

/* ---- the nesting ---- */

/* A side's object, or null when its energy is unknown. */
static void
side_json(struct aic_jw *w, const char *key, const struct aic_energy_side *side,
          const struct aic_energy_result *e, const struct aic_jw_field *own, size_t n_own)
{
  if (!side->known) {
    aic_jw_null(w, key);
    return;
  }
  aic_jw_object_begin(w, key);
  aic_jw_fields(w, e, own, n_own);
  aic_jw_fields(w, side, side_members, N_FIELDS(side_members));
  if (own == training_energy_members)
    aic_jw_rows(w, "stages", e->stages, sizeof e->stages[0],
                e->n_stages < AIC_STAGE_COUNT ? e->n_stages : AIC_STAGE_COUNT, stage_energy_members,
                N_FIELDS(stage_energy_members), NULL);
  aic_jw_object_end(w);
}

void
aic_projection_energy_json(struct aic_jw *w, const struct aic_energy_result *e)
{
  aic_jw_object_begin(w, "energy");
  side_json(w, "training", &e->training, e, training_energy_members,
            N_FIELDS(training_energy_members));
  side_json(w, "serving", &e->serving, e, serving_energy_members, N_FIELDS(serving_energy_members));
  aic_jw_fields(w, e, energy_total_members, N_FIELDS(energy_total_members));
  if (e->carbon_price_usd_per_t == e->carbon_price_usd_per_t) {
    aic_jw_object_begin(w, "carbon");
    aic_jw_fields(w, e, carbon_members, N_FIELDS(carbon_members));
    aic_jw_object_end(w);
  } else {
    aic_jw_null(w, "carbon");
  }
  aic_jw_object_end(w);
}
