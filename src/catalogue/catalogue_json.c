/* The catalogue as JSON, written by the tables that read it
 * (catalogue_tables.c): the YAML keys plus `id` and the file's `hash`.
 * Absent optional numbers (NAN) are written as null and every key is
 * always present, as in projections: a client never has to tell "missing"
 * from "unknown key". peak_tflops always lists the eight precisions, null
 * where the part lacks one. Each GPU also gets `default_offers`: per kind,
 * the offer a scenario naming no provider gets (the core's rule,
 * aic_offer_pick), so a client needs no copy of the rule. Returns NULL only
 * when jansson cannot allocate. */
#include "aicost/catalogue_io.h"
#include "catalogue_tables.h"
#include "json_util.h"

static json_t *
num(double x)
{
  return aic_has(x) ? json_real(x) : json_null();
}

/* {kind: {provider, region, price_per_gpu_hour_usd, providers_compared} | null} */
static json_t *
default_offers(const struct aic_gpu *g)
{
  json_t *j = json_object();
  bool bad = j == NULL;

  for (int k = 0; j != NULL && k < AIC_OFFER_KIND_COUNT; k++) {
    size_t providers = 0;
    const struct aic_offer *o = aic_offer_pick(g, (enum aic_offer_kind)k, NULL, NULL, &providers,
                                               NULL);
    json_t *d = o != NULL ? json_object() : json_null();

    if (o != NULL && d != NULL) {
      aic_json_put(d, "provider", json_string(o->provider), &bad);
      aic_json_put(d, "region", o->region != NULL ? json_string(o->region) : json_null(), &bad);
      aic_json_put(d, "price_per_gpu_hour_usd", num(o->price_per_gpu_hour_usd), &bad);
      aic_json_put(d, "providers_compared", json_integer((json_int_t)providers), &bad);
    }
    aic_json_put(j, aic_offer_kind_name((enum aic_offer_kind)k), d, &bad);
  }
  if (bad) {
    json_decref(j);
    return NULL;
  }
  return j;
}

static json_t *
with_defaults(json_t *gpu, const struct aic_gpu *g)
{
  bool bad = gpu == NULL;

  if (gpu != NULL)
    aic_json_put(gpu, "default_offers", default_offers(g), &bad);
  if (bad) {
    json_decref(gpu);
    return NULL;
  }
  return gpu;
}

json_t *
aic_gpu_to_json(const struct aic_gpu *g)
{
  return with_defaults(aic_table_to_json(&aic_catalogue_gpu_table, g), g);
}

json_t *
aic_model_to_json(const struct aic_model *m)
{
  return aic_table_to_json(&aic_model_table, m);
}

json_t *
aic_api_price_to_json(const struct aic_api_price *p)
{
  return aic_table_to_json(&aic_api_price_table, p);
}

json_t *
aic_catalogue_to_json(const struct aic_catalogue *c)
{
  json_t *j = aic_table_to_json(&aic_catalogue_table, c);
  json_t *gpus = json_object_get(j, "gpus");

  for (size_t i = 0; j != NULL && i < c->n_gpus; i++) {
    json_t *g = json_object_get(gpus, c->gpus[i].id);

    if (g == NULL || json_incref(g) == NULL || with_defaults(g, &c->gpus[i]) == NULL) {
      json_decref(j);
      return NULL;
    }
    json_decref(g);
  }
  return j;
}
