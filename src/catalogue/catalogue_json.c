/* The catalogue as JSON, with the YAML keys plus `id`. Absent optional
 * numbers (NAN) are written as null and every key is always present, as in
 * projections: a client never has to tell "missing" from "unknown key".
 * peak_tflops always lists the eight precisions, null where the part lacks
 * one. Returns NULL only when jansson cannot allocate. */
#include "aicost/catalogue_io.h"
#include "json_util.h"

static json_t *
num(double x)
{
  return aic_has(x) ? json_real(x) : json_null();
}

static json_t *
str(const char *s)
{
  return s != NULL ? json_string(s) : json_null();
}

static json_t *
finish(json_t *o, bool bad)
{
  if (bad) {
    json_decref(o);
    return NULL;
  }
  return o;
}

static json_t *
offer_to_json(const struct aic_offer *o)
{
  json_t *j = json_object();
  bool bad = j == NULL;

  if (bad)
    return NULL;
  aic_json_put(j, "provider", str(o->provider), &bad);
  aic_json_put(j, "kind", json_string(aic_offer_kind_name(o->kind)), &bad);
  aic_json_put(j, "region", str(o->region), &bad);
  aic_json_put(j, "price_per_gpu_hour_usd", num(o->price_per_gpu_hour_usd), &bad);
  aic_json_put(j, "source", str(o->source), &bad);
  aic_json_put(j, "as_of", str(o->as_of), &bad);
  return finish(j, bad);
}

/* What a scenario that names no provider gets, per kind (the core's rule,
 * aic_offer_pick): {provider, region, price_per_gpu_hour_usd,
 * providers_compared}, or null when no one sells that kind. */
static json_t *
default_offers_to_json(const struct aic_gpu *g)
{
  json_t *j = json_object();
  bool bad = j == NULL;

  if (bad)
    return NULL;
  for (int k = 0; k < AIC_OFFER_KIND_COUNT; k++) {
    size_t providers = 0;
    const struct aic_offer *o = aic_offer_pick(g, (enum aic_offer_kind)k, NULL, NULL,
                                               &providers, NULL);
    json_t *d;

    if (o == NULL) {
      aic_json_put(j, aic_offer_kind_name((enum aic_offer_kind)k), json_null(), &bad);
      continue;
    }
    d = json_object();
    bad = bad || d == NULL;
    if (d == NULL)
      break;
    aic_json_put(d, "provider", str(o->provider), &bad);
    aic_json_put(d, "region", str(o->region), &bad);
    aic_json_put(d, "price_per_gpu_hour_usd", num(o->price_per_gpu_hour_usd), &bad);
    aic_json_put(d, "providers_compared", json_integer((json_int_t)providers), &bad);
    aic_json_put(j, aic_offer_kind_name((enum aic_offer_kind)k), d, &bad);
  }
  return finish(j, bad);
}

json_t *
aic_gpu_to_json(const struct aic_gpu *g)
{
  json_t *o = json_object(), *peaks = json_object(), *prices = json_object();
  json_t *offers = json_array();
  bool bad = o == NULL || peaks == NULL || prices == NULL || offers == NULL;

  if (bad) {
    json_decref(o);
    json_decref(peaks);
    json_decref(prices);
    json_decref(offers);
    return NULL;
  }
  for (size_t i = 0; i < g->n_offers && g->offers != NULL; i++) {
    json_t *e = offer_to_json(&g->offers[i]);

    /* json_array_append_new takes e even when it fails */
    if (e == NULL || json_array_append_new(offers, e) != 0)
      bad = true;
  }
  for (int p = 0; p < AIC_PRECISION_COUNT; p++)
    aic_json_put(peaks, aic_precision_name((enum aic_precision)p), num(g->peak_tflops[p]), &bad);
  aic_json_put(prices, "on_demand", num(g->price_on_demand_usd), &bad);
  aic_json_put(prices, "reserved", num(g->price_reserved_usd), &bad);
  aic_json_put(o, "id", str(g->id), &bad);
  aic_json_put(o, "name", str(g->name), &bad);
  aic_json_put(o, "memory_gib", num(g->memory_gib), &bad);
  aic_json_put(o, "memory_bandwidth_tb_s", num(g->memory_bandwidth_tb_s), &bad);
  aic_json_put(o, "peak_tflops", peaks, &bad);
  aic_json_put(o, "power_w", num(g->power_w), &bad);
  aic_json_put(o, "purchase_usd", num(g->purchase_usd), &bad);
  aic_json_put(o, "price_per_hour_usd", prices, &bad);
  aic_json_put(o, "interconnect_gb_s", num(g->interconnect_gb_s), &bad);
  aic_json_put(o, "generation", str(g->generation), &bad);
  aic_json_put(o, "offers", offers, &bad);
  aic_json_put(o, "default_offers", default_offers_to_json(g), &bad);
  aic_json_put(o, "source", str(g->source), &bad);
  aic_json_put(o, "as_of", str(g->as_of), &bad);
  return finish(o, bad);
}

json_t *
aic_model_to_json(const struct aic_model *m)
{
  json_t *o = json_object();
  bool bad = o == NULL;

  if (bad)
    return NULL;
  aic_json_put(o, "id", str(m->id), &bad);
  aic_json_put(o, "name", str(m->name), &bad);
  aic_json_put(o, "params_b", num(m->params_b), &bad);
  aic_json_put(o, "active_params_b", num(m->active_params_b), &bad);
  aic_json_put(o, "layers", num(m->layers), &bad);
  aic_json_put(o, "d_model", num(m->d_model), &bad);
  aic_json_put(o, "heads", num(m->heads), &bad);
  aic_json_put(o, "kv_heads", num(m->kv_heads), &bad);
  aic_json_put(o, "head_dim", num(m->head_dim), &bad);
  aic_json_put(o, "context", num(m->context), &bad);
  aic_json_put(o, "experts", num(m->experts), &bad);
  aic_json_put(o, "experts_per_token", num(m->experts_per_token), &bad);
  aic_json_put(o, "source", str(m->source), &bad);
  aic_json_put(o, "as_of", str(m->as_of), &bad);
  return finish(o, bad);
}

json_t *
aic_api_price_to_json(const struct aic_api_price *p)
{
  json_t *o = json_object();
  bool bad = o == NULL;

  if (bad)
    return NULL;
  aic_json_put(o, "id", str(p->id), &bad);
  aic_json_put(o, "name", str(p->name), &bad);
  aic_json_put(o, "input_per_mtok_usd", num(p->input_per_mtok_usd), &bad);
  aic_json_put(o, "cached_input_per_mtok_usd", num(p->cached_input_per_mtok_usd), &bad);
  aic_json_put(o, "output_per_mtok_usd", num(p->output_per_mtok_usd), &bad);
  aic_json_put(o, "source", str(p->source), &bad);
  aic_json_put(o, "as_of", str(p->as_of), &bad);
  return finish(o, bad);
}

static json_t *
defaults_to_json(const struct aic_defaults *d)
{
  json_t *o = json_object();
  bool bad = o == NULL;

  if (bad)
    return NULL;
  aic_json_put(o, "mfu", num(d->mfu), &bad);
  aic_json_put(o, "goodput", num(d->goodput), &bad);
  aic_json_put(o, "rollout_mfu", num(d->rollout_mfu), &bad);
  aic_json_put(o, "compute_efficiency", num(d->compute_efficiency), &bad);
  aic_json_put(o, "bandwidth_efficiency", num(d->bandwidth_efficiency), &bad);
  aic_json_put(o, "target_utilization", num(d->target_utilization), &bad);
  aic_json_put(o, "peak_to_average", num(d->peak_to_average), &bad);
  aic_json_put(o, "max_batch", num(d->max_batch), &bad);
  aic_json_put(o, "amortisation_years", num(d->amortisation_years), &bad);
  aic_json_put(o, "pue", num(d->pue), &bad);
  aic_json_put(o, "electricity_usd_per_kwh", num(d->electricity_usd_per_kwh), &bad);
  aic_json_put(o, "training_precision", json_string(aic_precision_name(d->training_precision)), &bad);
  aic_json_put(o, "serving_precision", json_string(aic_precision_name(d->serving_precision)), &bad);
  return finish(o, bad);
}

json_t *
aic_catalogue_to_json(const struct aic_catalogue *c)
{
  json_t *o = json_object(), *gpus = json_object(), *models = json_object();
  json_t *apis = json_object();
  bool bad = o == NULL || gpus == NULL || models == NULL || apis == NULL;

  if (bad) {
    json_decref(o);
    json_decref(gpus);
    json_decref(models);
    json_decref(apis);
    return NULL;
  }
  /* sections are maps from id to entry, as in the YAML */
  for (size_t i = 0; i < c->n_gpus; i++)
    aic_json_put(gpus, c->gpus[i].id, aic_gpu_to_json(&c->gpus[i]), &bad);
  for (size_t i = 0; i < c->n_models; i++)
    aic_json_put(models, c->models[i].id, aic_model_to_json(&c->models[i]), &bad);
  for (size_t i = 0; i < c->n_api_prices; i++)
    aic_json_put(apis, c->api_prices[i].id, aic_api_price_to_json(&c->api_prices[i]), &bad);
  aic_json_put(o, "version", str(c->version), &bad);
  aic_json_put(o, "currency", str(c->currency), &bad);
  aic_json_put(o, "hash", str(c->hash), &bad);
  aic_json_put(o, "gpus", gpus, &bad);
  aic_json_put(o, "models", models, &bad);
  aic_json_put(o, "api_prices", apis, &bad);
  aic_json_put(o, "defaults", defaults_to_json(&c->defaults), &bad);
  return finish(o, bad);
}
