/* Energy and emissions beside the dollars (docs/cost-model.md, "Energy and
 * emissions"):
 *   kWh    = GPU-hours x power_w / 1000 x draw_fraction x server_overhead x PUE
 *   tCO2e  = kWh x gco2e_per_kwh / 1e6
 * The GPU-hours are training's per stage and serving's fleet x 24 per day
 * (projection.c walks the days). Which PUE, intensity, draw and overhead
 * apply is decided here, once per side: the scenario's, else the site's
 * (the scenario's site, else the site of the priced offer's region), else
 * the GPU's, else the catalogue's defaults. An intensity nobody gives is
 * unknown: emissions are then null, never 0, and a warning names the
 * inputs that would give them. */
#include "core.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static void
side_clear(struct aic_energy_side *s)
{
  memset(s, 0, sizeof *s);
  s->power_w = AIC_NAN;
  s->draw_fraction = AIC_NAN;
  s->server_overhead = AIC_NAN;
  s->pue = AIC_NAN;
  s->gco2e_per_kwh = AIC_NAN;
  s->kwh_per_gpu_hour = AIC_NAN;
}

void
aic_energy_clear(struct aic_energy_result *e)
{
  memset(e, 0, sizeof *e);
  side_clear(&e->training);
  side_clear(&e->serving);
  e->training_kwh = AIC_NAN;
  e->training_tco2e = AIC_NAN;
  e->kwh_per_day = AIC_NAN;
  e->tco2e_per_day = AIC_NAN;
  e->wh_per_request = AIC_NAN;
  e->kwh_per_million_tokens = AIC_NAN;
  e->annual_kwh = AIC_NAN;
  e->annual_tco2e = AIC_NAN;
  e->horizon_kwh = AIC_NAN;
  e->horizon_tco2e = AIC_NAN;
  e->total_kwh = AIC_NAN;
  e->total_tco2e = AIC_NAN;
  e->carbon_price_usd_per_t = AIC_NAN;
  e->carbon_training_usd = AIC_NAN;
  e->carbon_daily_usd = AIC_NAN;
  e->carbon_horizon_usd = AIC_NAN;
  e->carbon_total_usd = AIC_NAN;
  e->total_with_carbon_usd = AIC_NAN;
}

/* What one side needs: where its errors and warnings point, and which of
 * the GPU's and the catalogue's draw fractions apply. */
struct side_spec {
  const char *base; /* "/training", "/inference/self_hosted" */
  const char *what; /* "training", "serving" */
  const struct aic_energy_ask *ask;
  const struct aic_gpu *gpu;
  bool gpu_inline;
  double gpu_draw;     /* the GPU's own fraction for this side, NAN if none */
  double default_draw; /* the catalogue's, NAN if none */
  const struct aic_price_choice *price;
};

/* A factor nobody gives: the side has no energy, and a warning says which
 * key would give it. */
static void
missing(struct aic_diags *warnings, const char *pointer, const char *what, const char *key)
{
  aic_diag_add_code(warnings, "energy_unknown", pointer,
                    "no %s energy: %s is not given (energy and emissions are null)", what, key);
}

static bool
side_resolve(const struct aic_catalogue *cat, const struct side_spec *sp,
             struct aic_energy_side *out, struct aic_diags *warnings, struct aic_diags *errors)
{
  const struct aic_defaults *df = &cat->defaults;
  const struct aic_energy_ask *ask = sp->ask;
  const struct aic_site *site = NULL;
  char ptr[64];
  bool ok = true, known = true;
  double v;

  side_clear(out);
  if (ask->has_site) {
    site = &ask->site;
    out->site_basis = AIC_SITE_SCENARIO;
  } else if (sp->price != NULL && sp->price->basis == AIC_BASIS_OFFER) {
    site = aic_catalogue_site_of(cat, sp->price->offer.provider, sp->price->offer.region);
    out->site_basis = site != NULL ? AIC_SITE_OFFER : AIC_SITE_NONE;
  }
  out->site = site != NULL ? site->id : NULL;

  snprintf(ptr, sizeof ptr, "%s/pue", sp->base);
  ok = aic_check_range(errors, ptr, ask->pue, site != NULL ? site->pue : df->pue, 1, false,
                       AIC_PUE_MAX, &out->pue) &&
       ok;
  v = aic_has(ask->gco2e_per_kwh) ? ask->gco2e_per_kwh
      : site != NULL              ? site->gco2e_per_kwh
                                  : AIC_NAN;
  if (aic_has(v)) {
    snprintf(ptr, sizeof ptr, "%s/gco2e_per_kwh", sp->base);
    ok = aic_check_range(errors, ptr, v, AIC_NAN, 0, false, AIC_GCO2E_PER_KWH_MAX,
                         &out->gco2e_per_kwh) &&
         ok;
  }

  v = aic_has(ask->draw_fraction) ? ask->draw_fraction
      : aic_has(sp->gpu_draw)     ? sp->gpu_draw
                                  : sp->default_draw;
  snprintf(ptr, sizeof ptr, "%s/draw_fraction", sp->base);
  if (!aic_has(v)) {
    missing(warnings, ptr, sp->what, "draw_fraction (nor the GPU's nor the catalogue's default)");
    known = false;
  } else {
    ok = aic_check_range(errors, ptr, v, AIC_NAN, 0, true, 1, &out->draw_fraction) && ok;
  }
  snprintf(ptr, sizeof ptr, "%s/server_overhead", sp->base);
  if (!aic_has(ask->server_overhead) && !aic_has(df->server_overhead)) {
    missing(warnings, ptr, sp->what, "server_overhead (nor the catalogue's default)");
    known = false;
  } else {
    ok = aic_check_range(errors, ptr, ask->server_overhead, df->server_overhead, 1, false,
                         AIC_SERVER_OVERHEAD_MAX, &out->server_overhead) &&
         ok;
  }
  out->power_w = sp->gpu->power_w;
  if (!(aic_has(out->power_w) && out->power_w > 0)) {
    snprintf(ptr, sizeof ptr, sp->gpu_inline ? "%s/gpu/power_w" : "%s/gpu", sp->base);
    missing(warnings, ptr, sp->what, "the GPU's power_w");
    known = false;
  }
  if (!ok || !known)
    return ok;
  out->known = true;
  out->kwh_per_gpu_hour = out->power_w / 1000.0 * out->draw_fraction * out->server_overhead *
                          out->pue;
  if (!aic_has(out->gco2e_per_kwh)) {
    snprintf(ptr, sizeof ptr, "%s/site", sp->base);
    aic_diag_add_code(warnings, "emissions_unknown", ptr,
                      "%s energy is given but emissions are null: give %s/site (a catalogue "
                      "site) or %s/gco2e_per_kwh",
                      sp->what, sp->base + 1, sp->base + 1);
  }
  return true;
}

/* One side's spec: training's draw fractions or serving's. */
static struct side_spec
spec_of(const struct aic_catalogue *cat, bool training, const struct aic_energy_ask *ask,
        const struct aic_gpu *gpu, bool gpu_inline, const struct aic_price_choice *price)
{
  return (struct side_spec){
    .base = training ? "/training" : "/inference/self_hosted",
    .what = training ? "training" : "serving",
    .ask = ask,
    .gpu = gpu,
    .gpu_inline = gpu_inline,
    .gpu_draw = training ? gpu->training_draw_fraction : gpu->serving_draw_fraction,
    .default_draw = training ? cat->defaults.training_draw_fraction
                             : cat->defaults.serving_draw_fraction,
    .price = price,
  };
}

double
aic_energy_kwh_per_gpu_hour(const struct aic_catalogue *cat, bool training,
                            const struct aic_energy_ask *ask, const struct aic_gpu *gpu,
                            bool gpu_inline, struct aic_diags *errors)
{
  struct aic_energy_ask none;
  struct side_spec sp;
  struct aic_energy_side side;
  struct aic_diags warnings;

  aic_energy_ask_init(&none);
  sp = spec_of(cat, training, ask != NULL ? ask : &none, gpu, gpu_inline, NULL);
  aic_diags_init(&warnings);
  if (!side_resolve(cat, &sp, &side, &warnings, errors))
    return AIC_NAN;
  if (side.known)
    return side.kwh_per_gpu_hour;
  /* What the energy block would only warn about is an error here: the
   * price cannot leave its electricity out. */
  for (size_t i = 0; i < warnings.n; i++)
    if (strcmp(warnings.v[i].code, "energy_unknown") == 0)
      aic_diag_add(errors, warnings.v[i].pointer, "%s", warnings.v[i].detail);
  return AIC_NAN;
}

static double
tco2e(double kwh, double gco2e_per_kwh)
{
  return kwh * gco2e_per_kwh / 1e6;
}

/* Training's energy per stage and in all. */
static int
training_energy(const struct aic_catalogue *cat, const struct aic_scenario *sc,
                struct aic_projection *pj, struct aic_diags *errors)
{
  const struct aic_training *tr = &sc->training;
  struct aic_energy_result *e = &pj->energy;
  struct side_spec sp = spec_of(cat, true, &tr->energy, &tr->gpu, tr->gpu_inline,
                                &pj->training_price);
  double kwh = 0;

  if (!tr->present) {
    /* nothing trained: a true zero */
    e->training_kwh = 0;
    e->training_tco2e = 0;
    return AIC_OK;
  }
  if (pj->training_lump_sum || !tr->has_gpu || pj->n_stages == 0)
    return AIC_OK; /* a lump sum has no GPU-hours: unknown */
  if (!side_resolve(cat, &sp, &e->training, &pj->warnings, errors))
    return AIC_E_INVALID;
  if (!e->training.known)
    return AIC_OK;
  e->n_stages = pj->n_stages;
  for (size_t i = 0; i < pj->n_stages && i < AIC_STAGE_COUNT; i++) {
    struct aic_stage_energy *s = &e->stages[i];

    s->stage = pj->stages[i].stage;
    s->kwh = pj->stages[i].gpu_hours * e->training.kwh_per_gpu_hour;
    s->tco2e = tco2e(s->kwh, e->training.gco2e_per_kwh);
    kwh += s->kwh;
  }
  e->training_kwh = kwh;
  e->training_tco2e = tco2e(kwh, e->training.gco2e_per_kwh);
  return AIC_OK;
}

int
aic_energy_resolve(const struct aic_catalogue *cat, const struct aic_scenario *sc,
                   struct aic_projection *pj, struct aic_energy_plan *ep, struct aic_diags *errors)
{
  const struct aic_self_hosted *sh = &sc->inference.self_hosted;
  struct aic_energy_result *e = &pj->energy;
  bool ok = true;

  memset(ep, 0, sizeof *ep);
  ep->tco2e_per_kwh = AIC_NAN;
  if (aic_has(sc->carbon_price_usd_per_t))
    ok = aic_check_range(errors, "/carbon_price_usd_per_t", sc->carbon_price_usd_per_t, AIC_NAN, 0,
                         false, AIC_CARBON_PRICE_MAX, &e->carbon_price_usd_per_t) &&
         ok;
  ok = training_energy(cat, sc, pj, errors) == AIC_OK && ok;
  if (sc->inference.kind == AIC_INF_SELF_HOSTED && sh->has_gpu) {
    struct side_spec sp = spec_of(cat, false, &sh->energy, &sh->gpu, sh->gpu_inline, &pj->sh.price);

    ok = side_resolve(cat, &sp, &e->serving, &pj->warnings, errors) && ok;
    if (e->serving.known) {
      ep->serving = true;
      ep->kwh_per_gpu_day = e->serving.kwh_per_gpu_hour * 24.0;
      ep->tco2e_per_kwh = e->serving.gco2e_per_kwh / 1e6;
    }
  }
  ep->training_kwh = e->training_kwh;
  ep->training_tco2e = e->training_tco2e;
  return ok ? AIC_OK : AIC_E_INVALID;
}

void
aic_energy_finish(const struct aic_traffic_plan *tp, struct aic_projection *pj)
{
  struct aic_energy_result *e = &pj->energy;
  double served = tp->input_tokens + tp->output_tokens + tp->reasoning_tokens;
  double g = e->serving.gco2e_per_kwh, price = e->carbon_price_usd_per_t;

  if (e->serving.known) {
    e->tco2e_per_day = tco2e(e->kwh_per_day, g);
    e->annual_kwh = 365.0 * e->kwh_per_day;
    e->annual_tco2e = tco2e(e->annual_kwh, g);
    e->horizon_tco2e = tco2e(e->horizon_kwh, g);
    if (served > 0 && isfinite(e->wh_per_request))
      e->kwh_per_million_tokens = e->wh_per_request / 1000.0 / served * 1e6;
  }
  e->total_kwh = e->training_kwh + e->horizon_kwh;
  e->total_tco2e = e->training_tco2e + e->horizon_tco2e;
  if (aic_has(price)) {
    e->carbon_training_usd = e->training_tco2e * price;
    e->carbon_daily_usd = e->tco2e_per_day * price;
    e->carbon_horizon_usd = e->horizon_tco2e * price;
    e->carbon_total_usd = e->total_tco2e * price;
    e->total_with_carbon_usd = pj->total_usd + e->carbon_total_usd;
  }
}
