/* Projections and comparisons as JSON, exactly the contract of
 * docs/scenario.md: every key always present, null when it does not apply
 * (NAN in the struct), numbers by the number policy, keys in the
 * contract's order. Each object's members are one table of the struct
 * they come from, written by the one JSON writer (src/json/json_writer.h)
 * straight into the text; the code below only nests them. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "aicost/render.h"
#include "json_writer.h"

#define N_FIELDS(t) (sizeof t / sizeof t[0])

/* Names of the enums the tables print (AIC_JW_NAME reads them as ints). */
_Static_assert(sizeof(enum aic_stage_kind) == sizeof(int) && sizeof(enum aic_method) == sizeof(int)
                 && sizeof(enum aic_inference_kind) == sizeof(int)
                 && sizeof(enum aic_granularity) == sizeof(int),
               "AIC_JW_NAME reads an enum as an int");

static const char *
stage_name(int v)
{
  return aic_stage_name((enum aic_stage_kind)v);
}

static const char *
method_name(int v)
{
  return v == AIC_METHOD_NONE ? NULL : aic_method_name((enum aic_method)v);
}

static const char *
kind_name(int v)
{
  switch ((enum aic_inference_kind)v) {
  case AIC_INF_PER_REQUEST: return "cost_per_request";
  case AIC_INF_API: return "api";
  case AIC_INF_SELF_HOSTED: return "self_hosted";
  case AIC_INF_NONE: break;
  }
  return NULL; /* no inference in the scenario: null */
}

static const char *
granularity_name(int v)
{
  return aic_granularity_name((enum aic_granularity)v);
}

/* ---- the tables ---- */

#define PJ(key, m, kind) AIC_JW_MEMBER(key, struct aic_projection, m, kind)

/* "training", before its "stages" */
static const struct aic_jw_field training_members[] = {
  PJ("total_usd", training_total_usd, AIC_JW_REAL),
  PJ("lump_sum", training_lump_sum, AIC_JW_BOOL),
  PJ("price_per_gpu_hour_usd", training_price_per_gpu_hour_usd, AIC_JW_REAL),
};

#define STAGE(m, kind) AIC_JW_FIELD(struct aic_stage_result, m, kind)
static const struct aic_jw_field stage_members[] = {
  AIC_JW_NAMED("stage", struct aic_stage_result, stage, stage_name),
  AIC_JW_NAMED("method", struct aic_stage_result, method, method_name),
  STAGE(measured, AIC_JW_BOOL),
  STAGE(flops, AIC_JW_REAL),
  STAGE(mfu, AIC_JW_REAL),
  STAGE(gpu_hours, AIC_JW_REAL),
  STAGE(days, AIC_JW_REAL),
  STAGE(compute_usd, AIC_JW_REAL),
  STAGE(labelling_usd, AIC_JW_REAL),
  STAGE(total_usd, AIC_JW_REAL),
};

/* "inference", before its "self_hosted" */
static const struct aic_jw_field inference_members[] = {
  AIC_JW_NAMED("kind", struct aic_projection, inference_kind, kind_name),
  PJ("cost_per_request_usd", cost_per_request_usd, AIC_JW_REAL),
  PJ("daily_usd", daily_usd, AIC_JW_REAL),
  PJ("annual_usd", annual_usd, AIC_JW_REAL),
  PJ("cost_per_million_tokens_usd", cost_per_million_tokens_usd, AIC_JW_REAL),
};

#define SH(m) AIC_JW_FIELD(struct aic_self_hosted_result, m, AIC_JW_REAL)
static const struct aic_jw_field self_hosted_members[] = {
  SH(gpus_per_replica),
  SH(tensor_parallel),
  SH(pipeline_stages),
  SH(replicas),
  SH(gpus_total),
  SH(kv_cache_bytes_per_token),
  SH(kv_cache_bytes_per_request),
  SH(weights_bytes),
  SH(tokens_per_second_per_gpu),
  SH(requests_per_second_per_replica),
  SH(prefill_ms),
  SH(ttft_ms),
  SH(tpot_ms),
  SH(concurrency),
  SH(price_per_gpu_hour_usd),
  SH(max_batch),
};

/* "projection", before its "series" (crossover day 0 would be "paid at
 * once", which a crossover never is: 0 means none, null) */
static const struct aic_jw_field horizon_members[] = {
  PJ("horizon_days", horizon_days, AIC_JW_INT),
  AIC_JW_NAMED("granularity", struct aic_projection, granularity, granularity_name),
  PJ("requests_total", requests_total, AIC_JW_REAL),
  PJ("inference_usd", inference_usd, AIC_JW_REAL),
  PJ("total_usd", total_usd, AIC_JW_REAL),
  PJ("inference_share", inference_share, AIC_JW_REAL),
  PJ("crossover_day", crossover_day, AIC_JW_DAY),
  PJ("break_even_requests_per_day", break_even_requests_per_day, AIC_JW_REAL),
  PJ("fully_loaded_cost_per_request_usd", fully_loaded_cost_per_request_usd, AIC_JW_REAL),
};

#define POINT(m, kind) AIC_JW_FIELD(struct aic_series_point, m, kind)
static const struct aic_jw_field point_members[] = {
  POINT(day, AIC_JW_INT),
  POINT(days, AIC_JW_INT),
  POINT(requests_per_day, AIC_JW_REAL),
  POINT(daily_inference_usd, AIC_JW_REAL),
  POINT(period_inference_usd, AIC_JW_REAL),
  POINT(cumulative_inference_usd, AIC_JW_REAL),
  POINT(training_usd, AIC_JW_REAL),
  POINT(cumulative_total_usd, AIC_JW_REAL),
};

#define OVERTAKE(m, kind) AIC_JW_FIELD(struct aic_overtake, m, kind)
static const struct aic_jw_field overtake_members[] = {
  OVERTAKE(option, AIC_JW_INDEX),
  OVERTAKE(other, AIC_JW_INDEX),
  OVERTAKE(day, AIC_JW_INT),
};

#define CAT(m) AIC_JW_FIELD(struct aic_catalogue, m, AIC_JW_TEXT)
static const struct aic_jw_field catalogue_members[] = { CAT(version), CAT(hash) };

/* ---- the nesting ---- */

static void
catalogue_json(struct aic_jw *w, const struct aic_catalogue *cat)
{
  aic_jw_object_begin(w, "catalogue");
  if (cat != NULL) {
    aic_jw_fields(w, cat, catalogue_members, N_FIELDS(catalogue_members));
  } else {
    aic_jw_null(w, "version");
    aic_jw_null(w, "hash");
  }
  aic_jw_object_end(w);
}

/* One diag as {"code"?, "pointer", "detail"}: warnings carry a code. */
static void
diag_json(struct aic_jw *w, const struct aic_diag *g)
{
  aic_jw_object_begin(w, NULL);
  aic_jw_string(w, "code", g->code);
  aic_jw_string(w, "pointer", g->pointer);
  aic_jw_string(w, "detail", g->detail);
  aic_jw_object_end(w);
}

static void
warnings_json(struct aic_jw *w, const struct aic_diags *d)
{
  aic_jw_array_begin(w, "warnings");
  for (size_t i = 0; i < d->n && i < AIC_DIAG_MAX; i++)
    diag_json(w, &d->v[i]);
  /* Say that the list is cut rather than pretend it is complete. */
  if (d->dropped > 0) {
    struct aic_diag more = { .code = "more", .pointer = "" };

    snprintf(more.detail, sizeof more.detail, "%zu more not shown", d->dropped);
    diag_json(w, &more);
  }
  aic_jw_array_end(w);
}

/* One projection (a member of an array: no key). */
static void
projection_json(struct aic_jw *w, const struct aic_projection *pj, const struct aic_catalogue *cat)
{
  size_t n_stages = pj->n_stages < AIC_STAGE_COUNT ? pj->n_stages : AIC_STAGE_COUNT;

  aic_jw_object_begin(w, NULL);
  aic_jw_string(w, "name", pj->name);
  catalogue_json(w, cat);

  aic_jw_object_begin(w, "training");
  aic_jw_fields(w, pj, training_members, N_FIELDS(training_members));
  aic_jw_rows(w, "stages", pj->stages, sizeof pj->stages[0], n_stages, stage_members,
              N_FIELDS(stage_members));
  aic_jw_object_end(w);

  aic_jw_object_begin(w, "inference");
  aic_jw_fields(w, pj, inference_members, N_FIELDS(inference_members));
  if (pj->self_hosted) {
    aic_jw_object_begin(w, "self_hosted");
    aic_jw_fields(w, &pj->sh, self_hosted_members, N_FIELDS(self_hosted_members));
    aic_jw_object_end(w);
  } else {
    aic_jw_null(w, "self_hosted");
  }
  aic_jw_object_end(w);

  aic_jw_object_begin(w, "projection");
  aic_jw_fields(w, pj, horizon_members, N_FIELDS(horizon_members));
  aic_jw_rows(w, "series", pj->series, sizeof *pj->series, pj->series != NULL ? pj->n_series : 0,
              point_members, N_FIELDS(point_members));
  aic_jw_object_end(w);

  warnings_json(w, &pj->warnings);
  aic_jw_object_end(w);
}

/* About how many bytes a projection prints to: one allocation in the usual case. */
static size_t
size_hint(const struct aic_projection *pj)
{
  return 2048 + pj->n_stages * 256 + pj->n_series * 256 + pj->warnings.n * 400;
}

char *
aic_projection_to_json(const struct aic_projection *pj, const struct aic_catalogue *cat, size_t *len)
{
  struct aic_jw w;

  aic_jw_init(&w, size_hint(pj));
  projection_json(&w, pj, cat);
  return aic_jw_finish(&w, len);
}

char *
aic_comparison_to_json(const struct aic_comparison *c, const struct aic_catalogue *cat, size_t *len)
{
  struct aic_jw w;
  size_t hint = 1024;

  for (size_t i = 0; i < c->n && c->projections; i++)
    hint += size_hint(&c->projections[i]);
  aic_jw_init(&w, hint);
  aic_jw_object_begin(&w, NULL);
  aic_jw_integer(&w, "horizon_days", c->horizon_days);
  catalogue_json(&w, cat);
  aic_jw_array_begin(&w, "options");
  for (size_t i = 0; i < c->n; i++)
    projection_json(&w, &c->projections[i], cat);
  aic_jw_array_end(&w);
  aic_jw_array_begin(&w, "ranking");
  for (size_t i = 0; i < c->n && c->rank; i++)
    aic_jw_integer(&w, NULL, (int64_t)c->rank[i]);
  aic_jw_array_end(&w);
  aic_jw_rows(&w, "overtakes", c->overtakes, sizeof *c->overtakes,
              c->overtakes != NULL ? c->n_overtakes : 0, overtake_members, N_FIELDS(overtake_members));
  aic_jw_object_end(&w);
  return aic_jw_finish(&w, len);
}
