/* Projection, comparison and diagnostics -> JSON, exactly the contract in the
 * team brief and docs/scenario.md: every key always present, null when it does
 * not apply (NAN in the struct), numbers through aic_json_number. Key order is
 * the contract's: jansson keeps insertion order. */
#include <stdio.h>

#include "aicost/io.h"
#include "json_util.h"

static json_t *
catalogue_json(const struct aic_catalogue *cat, bool *failed)
{
  json_t *o = json_object();

  if (!o) {
    *failed = true;
    return NULL;
  }
  aic_json_put_string(o, "version", cat ? cat->version : NULL, failed);
  aic_json_put_string(o, "hash", cat ? cat->hash : NULL, failed);
  return o;
}

static json_t *
stage_json(const struct aic_stage_result *s, bool *failed)
{
  json_t *o = json_object();

  if (!o) {
    *failed = true;
    return NULL;
  }
  aic_json_put_string(o, "stage", aic_stage_name(s->stage), failed);
  aic_json_put_string(o, "method", s->method == AIC_METHOD_NONE ? NULL : aic_method_name(s->method),
                      failed);
  aic_json_put_bool(o, "measured", s->measured, failed);
  aic_json_put_number(o, "flops", s->flops, failed);
  aic_json_put_number(o, "gpu_hours", s->gpu_hours, failed);
  aic_json_put_number(o, "days", s->days, failed);
  aic_json_put_number(o, "compute_usd", s->compute_usd, failed);
  aic_json_put_number(o, "labelling_usd", s->labelling_usd, failed);
  aic_json_put_number(o, "total_usd", s->total_usd, failed);
  return o;
}

static json_t *
training_json(const struct aic_projection *pj, bool *failed)
{
  json_t *o = json_object(), *stages = json_array();

  if (!o || !stages) {
    json_decref(o);
    json_decref(stages);
    *failed = true;
    return NULL;
  }
  aic_json_put_number(o, "total_usd", pj->training_total_usd, failed);
  aic_json_put_bool(o, "lump_sum", pj->training_lump_sum, failed);
  aic_json_put_number(o, "price_per_gpu_hour_usd", pj->training_price_per_gpu_hour_usd, failed);
  for (size_t i = 0; i < pj->n_stages && i < AIC_STAGE_COUNT; i++)
    aic_json_append(stages, stage_json(&pj->stages[i], failed), failed);
  aic_json_put(o, "stages", stages, failed);
  return o;
}

static json_t *
self_hosted_json(const struct aic_self_hosted_result *sh, bool *failed)
{
  json_t *o = json_object();

  if (!o) {
    *failed = true;
    return NULL;
  }
  aic_json_put_number(o, "gpus_per_replica", sh->gpus_per_replica, failed);
  aic_json_put_number(o, "replicas", sh->replicas, failed);
  aic_json_put_number(o, "gpus_total", sh->gpus_total, failed);
  aic_json_put_number(o, "kv_cache_bytes_per_token", sh->kv_cache_bytes_per_token, failed);
  aic_json_put_number(o, "kv_cache_bytes_per_request", sh->kv_cache_bytes_per_request, failed);
  aic_json_put_number(o, "weights_bytes", sh->weights_bytes, failed);
  aic_json_put_number(o, "tokens_per_second_per_gpu", sh->tokens_per_second_per_gpu, failed);
  aic_json_put_number(o, "requests_per_second_per_replica", sh->requests_per_second_per_replica,
                      failed);
  aic_json_put_number(o, "prefill_ms", sh->prefill_ms, failed);
  aic_json_put_number(o, "ttft_ms", sh->ttft_ms, failed);
  aic_json_put_number(o, "tpot_ms", sh->tpot_ms, failed);
  aic_json_put_number(o, "price_per_gpu_hour_usd", sh->price_per_gpu_hour_usd, failed);
  aic_json_put_number(o, "max_batch", sh->max_batch, failed);
  return o;
}

static const char *
kind_name(enum aic_inference_kind k)
{
  switch (k) {
  case AIC_INF_PER_REQUEST: return "cost_per_request";
  case AIC_INF_API: return "api";
  case AIC_INF_SELF_HOSTED: return "self_hosted";
  case AIC_INF_NONE: break;
  }
  return NULL; /* no inference in the scenario: null */
}

static json_t *
inference_json(const struct aic_projection *pj, bool *failed)
{
  json_t *o = json_object();

  if (!o) {
    *failed = true;
    return NULL;
  }
  aic_json_put_string(o, "kind", kind_name(pj->inference_kind), failed);
  aic_json_put_number(o, "cost_per_request_usd", pj->cost_per_request_usd, failed);
  aic_json_put_number(o, "daily_usd", pj->daily_usd, failed);
  aic_json_put_number(o, "annual_usd", pj->annual_usd, failed);
  aic_json_put_number(o, "cost_per_million_tokens_usd", pj->cost_per_million_tokens_usd, failed);
  aic_json_put(o, "self_hosted", pj->self_hosted ? self_hosted_json(&pj->sh, failed) : json_null(),
               failed);
  return o;
}

static json_t *
point_json(const struct aic_series_point *p, bool *failed)
{
  json_t *o = json_object();

  if (!o) {
    *failed = true;
    return NULL;
  }
  aic_json_put(o, "day", json_integer(p->day), failed);
  aic_json_put(o, "days", json_integer(p->days), failed);
  aic_json_put_number(o, "requests_per_day", p->requests_per_day, failed);
  aic_json_put_number(o, "daily_inference_usd", p->daily_inference_usd, failed);
  aic_json_put_number(o, "period_inference_usd", p->period_inference_usd, failed);
  aic_json_put_number(o, "cumulative_inference_usd", p->cumulative_inference_usd, failed);
  aic_json_put_number(o, "training_usd", p->training_usd, failed);
  aic_json_put_number(o, "cumulative_total_usd", p->cumulative_total_usd, failed);
  return o;
}

static json_t *
horizon_json(const struct aic_projection *pj, bool *failed)
{
  json_t *o = json_object(), *series = json_array();

  if (!o || !series) {
    json_decref(o);
    json_decref(series);
    *failed = true;
    return NULL;
  }
  aic_json_put(o, "horizon_days", json_integer(pj->horizon_days), failed);
  aic_json_put_string(o, "granularity", aic_granularity_name(pj->granularity), failed);
  aic_json_put_number(o, "requests_total", pj->requests_total, failed);
  aic_json_put_number(o, "inference_usd", pj->inference_usd, failed);
  aic_json_put_number(o, "total_usd", pj->total_usd, failed);
  aic_json_put_number(o, "inference_share", pj->inference_share, failed);
  /* day 0 would be "paid at once", which crossover never is: 0 means none */
  aic_json_put(o, "crossover_day", pj->crossover_day > 0 ? json_integer(pj->crossover_day) : json_null(),
               failed);
  aic_json_put_number(o, "break_even_requests_per_day", pj->break_even_requests_per_day, failed);
  aic_json_put_number(o, "fully_loaded_cost_per_request_usd", pj->fully_loaded_cost_per_request_usd,
                      failed);
  for (size_t i = 0; i < pj->n_series && pj->series; i++)
    aic_json_append(series, point_json(&pj->series[i], failed), failed);
  aic_json_put(o, "series", series, failed);
  return o;
}

/* One diag as {"code"?, "pointer", "detail"}: warnings carry a code, errors not. */
static json_t *
diag_json(const struct aic_diag *g, bool with_code, bool *failed)
{
  json_t *o = json_object();

  if (!o) {
    *failed = true;
    return NULL;
  }
  if (with_code)
    aic_json_put_string(o, "code", g->code, failed);
  aic_json_put_string(o, "pointer", g->pointer, failed);
  aic_json_put_string(o, "detail", g->detail, failed);
  return o;
}

static json_t *
diag_array(const struct aic_diags *d, bool with_code, bool *failed)
{
  json_t *a = json_array();

  if (!a) {
    *failed = true;
    return NULL;
  }
  for (size_t i = 0; d && i < d->n && i < AIC_DIAG_MAX; i++)
    aic_json_append(a, diag_json(&d->v[i], with_code, failed), failed);
  /* Say that the list is cut rather than pretend it is complete. */
  if (d && d->dropped > 0) {
    struct aic_diag more = { .code = "more", .pointer = "" };

    snprintf(more.detail, sizeof more.detail, "%zu more not shown", d->dropped);
    aic_json_append(a, diag_json(&more, with_code, failed), failed);
  }
  return a;
}

static json_t *
finish(json_t *o, bool failed)
{
  if (!failed)
    return o;
  json_decref(o);
  return NULL;
}

json_t *
aic_projection_to_json(const struct aic_projection *pj, const struct aic_catalogue *cat)
{
  json_t *o = json_object();
  bool failed = false;

  if (!o)
    return NULL;
  aic_json_put_string(o, "name", pj->name, &failed);
  aic_json_put(o, "catalogue", catalogue_json(cat, &failed), &failed);
  aic_json_put(o, "training", training_json(pj, &failed), &failed);
  aic_json_put(o, "inference", inference_json(pj, &failed), &failed);
  aic_json_put(o, "projection", horizon_json(pj, &failed), &failed);
  aic_json_put(o, "warnings", diag_array(&pj->warnings, true, &failed), &failed);
  return finish(o, failed);
}

json_t *
aic_comparison_to_json(const struct aic_comparison *c, const struct aic_catalogue *cat)
{
  json_t *o = json_object(), *options = json_array(), *ranking = json_array(),
         *overtakes = json_array();
  bool failed = !o || !options || !ranking || !overtakes;

  if (failed) {
    json_decref(o);
    json_decref(options);
    json_decref(ranking);
    json_decref(overtakes);
    return NULL;
  }
  aic_json_put(o, "horizon_days", json_integer(c->horizon_days), &failed);
  aic_json_put(o, "catalogue", catalogue_json(cat, &failed), &failed);
  for (size_t i = 0; i < c->n; i++) {
    json_t *p = aic_projection_to_json(&c->projections[i], cat);

    aic_json_append(options, p, &failed);
  }
  for (size_t i = 0; i < c->n && c->rank; i++)
    aic_json_append(ranking, json_integer((json_int_t)c->rank[i]), &failed);
  for (size_t i = 0; i < c->n_overtakes && c->overtakes; i++) {
    const struct aic_overtake *t = &c->overtakes[i];
    json_t *e = json_object();

    if (e) {
      aic_json_put(e, "option", json_integer((json_int_t)t->option), &failed);
      aic_json_put(e, "other", json_integer((json_int_t)t->other), &failed);
      aic_json_put(e, "day", json_integer(t->day), &failed);
    }
    aic_json_append(overtakes, e, &failed);
  }
  aic_json_put(o, "options", options, &failed);
  aic_json_put(o, "ranking", ranking, &failed);
  aic_json_put(o, "overtakes", overtakes, &failed);
  return finish(o, failed);
}

json_t *
aic_diags_to_json(const struct aic_diags *d)
{
  json_t *o = json_object();
  bool failed = false;

  if (!o)
    return NULL;
  aic_json_put(o, "errors", diag_array(d, false, &failed), &failed);
  return finish(o, failed);
}
