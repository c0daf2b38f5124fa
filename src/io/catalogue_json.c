/* The catalogue as JSON, with the YAML keys plus `id`. Absent optional
 * numbers (NAN) are written as null and every key is always present, as in
 * projections: a client never has to tell "missing" from "unknown key".
 * peak_tflops always lists the seven precisions, null where the part lacks
 * one. Returns NULL only when jansson cannot allocate. */
#include "aicost/io.h"

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

/* json_object_set_new that remembers a failure instead of checking each. */
static void
put(json_t *o, const char *key, json_t *v, int *bad)
{
  if (v == NULL || json_object_set_new(o, key, v) != 0)
    *bad = 1;
}

static json_t *
finish(json_t *o, int bad)
{
  if (bad) {
    json_decref(o);
    return NULL;
  }
  return o;
}

json_t *
aic_gpu_to_json(const struct aic_gpu *g)
{
  json_t *o = json_object(), *peaks = json_object(), *prices = json_object();
  int bad = o == NULL || peaks == NULL || prices == NULL;

  if (bad) {
    json_decref(o);
    json_decref(peaks);
    json_decref(prices);
    return NULL;
  }
  for (int p = 0; p < AIC_PRECISION_COUNT; p++)
    put(peaks, aic_precision_name((enum aic_precision)p), num(g->peak_tflops[p]), &bad);
  put(prices, "on_demand", num(g->price_on_demand_usd), &bad);
  put(prices, "reserved", num(g->price_reserved_usd), &bad);
  put(o, "id", str(g->id), &bad);
  put(o, "name", str(g->name), &bad);
  put(o, "memory_gib", num(g->memory_gib), &bad);
  put(o, "memory_bandwidth_tb_s", num(g->memory_bandwidth_tb_s), &bad);
  put(o, "peak_tflops", peaks, &bad);
  put(o, "power_w", num(g->power_w), &bad);
  put(o, "purchase_usd", num(g->purchase_usd), &bad);
  put(o, "price_per_hour_usd", prices, &bad);
  put(o, "source", str(g->source), &bad);
  put(o, "as_of", str(g->as_of), &bad);
  return finish(o, bad);
}

json_t *
aic_model_to_json(const struct aic_model *m)
{
  json_t *o = json_object();
  int bad = o == NULL;

  if (bad)
    return NULL;
  put(o, "id", str(m->id), &bad);
  put(o, "name", str(m->name), &bad);
  put(o, "params_b", num(m->params_b), &bad);
  put(o, "active_params_b", num(m->active_params_b), &bad);
  put(o, "layers", num(m->layers), &bad);
  put(o, "d_model", num(m->d_model), &bad);
  put(o, "heads", num(m->heads), &bad);
  put(o, "kv_heads", num(m->kv_heads), &bad);
  put(o, "head_dim", num(m->head_dim), &bad);
  put(o, "context", num(m->context), &bad);
  put(o, "source", str(m->source), &bad);
  put(o, "as_of", str(m->as_of), &bad);
  return finish(o, bad);
}

json_t *
aic_api_price_to_json(const struct aic_api_price *p)
{
  json_t *o = json_object();
  int bad = o == NULL;

  if (bad)
    return NULL;
  put(o, "id", str(p->id), &bad);
  put(o, "name", str(p->name), &bad);
  put(o, "input_per_mtok_usd", num(p->input_per_mtok_usd), &bad);
  put(o, "cached_input_per_mtok_usd", num(p->cached_input_per_mtok_usd), &bad);
  put(o, "output_per_mtok_usd", num(p->output_per_mtok_usd), &bad);
  put(o, "source", str(p->source), &bad);
  put(o, "as_of", str(p->as_of), &bad);
  return finish(o, bad);
}

static json_t *
defaults_to_json(const struct aic_defaults *d)
{
  json_t *o = json_object();
  int bad = o == NULL;

  if (bad)
    return NULL;
  put(o, "mfu", num(d->mfu), &bad);
  put(o, "goodput", num(d->goodput), &bad);
  put(o, "rollout_mfu", num(d->rollout_mfu), &bad);
  put(o, "compute_efficiency", num(d->compute_efficiency), &bad);
  put(o, "bandwidth_efficiency", num(d->bandwidth_efficiency), &bad);
  put(o, "target_utilization", num(d->target_utilization), &bad);
  put(o, "peak_to_average", num(d->peak_to_average), &bad);
  put(o, "max_batch", num(d->max_batch), &bad);
  put(o, "amortisation_years", num(d->amortisation_years), &bad);
  put(o, "pue", num(d->pue), &bad);
  put(o, "electricity_usd_per_kwh", num(d->electricity_usd_per_kwh), &bad);
  put(o, "training_precision", json_string(aic_precision_name(d->training_precision)), &bad);
  put(o, "serving_precision", json_string(aic_precision_name(d->serving_precision)), &bad);
  return finish(o, bad);
}

json_t *
aic_catalogue_to_json(const struct aic_catalogue *c)
{
  json_t *o = json_object(), *gpus = json_object(), *models = json_object();
  json_t *apis = json_object();
  int bad = o == NULL || gpus == NULL || models == NULL || apis == NULL;

  if (bad) {
    json_decref(o);
    json_decref(gpus);
    json_decref(models);
    json_decref(apis);
    return NULL;
  }
  /* sections are maps from id to entry, as in the YAML */
  for (size_t i = 0; i < c->n_gpus; i++)
    put(gpus, c->gpus[i].id, aic_gpu_to_json(&c->gpus[i]), &bad);
  for (size_t i = 0; i < c->n_models; i++)
    put(models, c->models[i].id, aic_model_to_json(&c->models[i]), &bad);
  for (size_t i = 0; i < c->n_api_prices; i++)
    put(apis, c->api_prices[i].id, aic_api_price_to_json(&c->api_prices[i]), &bad);
  put(o, "version", str(c->version), &bad);
  put(o, "currency", str(c->currency), &bad);
  put(o, "hash", str(c->hash), &bad);
  put(o, "gpus", gpus, &bad);
  put(o, "models", models, &bad);
  put(o, "api_prices", apis, &bad);
  put(o, "defaults", defaults_to_json(&c->defaults), &bad);
  return finish(o, bad);
}
