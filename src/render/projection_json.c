/* Projections and comparisons as JSON, exactly the contract of
 * docs/scenario.md: every key always present, null when it does not apply
 * (NAN in the struct), numbers by the number policy, keys in the
 * contract's order. Each object's members are one table of the struct
 * they come from, written by the one JSON writer (src/json/json_writer.h)
 * straight into the text; the code below only nests them. Its "bands"
 * and "energy" are their own files (projection_json.h). */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "aicost/date.h"
#include "aicost/plan.h"
#include "aicost/render.h"
#include "projection_json.h"
#include "render_util.h"

/* Names of the enums the tables print (AIC_JW_NAME reads them as ints). */
_Static_assert(sizeof(enum aic_stage_kind) == sizeof(int) &&
                 sizeof(enum aic_method) == sizeof(int) &&
                 sizeof(enum aic_inference_kind) == sizeof(int) &&
                 sizeof(enum aic_granularity) == sizeof(int) &&
                 sizeof(enum aic_price_date_basis) == sizeof(int),
               "AIC_JW_NAME reads an enum as an int");

const char *
aic_render_stage_name(int v)
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

static const char *
basis_name(int v)
{
  switch ((enum aic_price_date_basis)v) {
  case AIC_PRICE_DATE_START: return "start_date";
  case AIC_PRICE_DATE_TODAY: return "today";
  case AIC_PRICE_DATE_CATALOGUE: return "catalogue_date";
  case AIC_PRICE_DATE_NONE: break;
  }
  return NULL; /* the prices never change: no date was needed */
}

/* Dates, computed from day numbers (aicost/date.h): "YYYY-MM-DD" or null. */
_Static_assert(AIC_NUM_TEXT_MAX >= AIC_DATE_TEXT + 2, "a quoted date fits a value's room");

static char *
put_date(char *p, bool known, long day)
{
  if (!known) {
    memcpy(p, "null", 4);
    return p + 4;
  }
  *p++ = '"';
  aic_date_format(day, p); /* its NUL is overwritten by the quote */
  p += AIC_DATE_TEXT - 1;
  *p++ = '"';
  return p;
}

/* The projection's day 1. */
static char *
start_date(char *p, const void *base, const void *ctx)
{
  const struct aic_projection *pj = base;

  (void)ctx;
  return put_date(p, pj->has_start_date, pj->start_day);
}

/* A series point's last day; ctx is its projection. */
static char *
point_date(char *p, const void *base, const void *ctx)
{
  const struct aic_series_point *s = base;
  const struct aic_projection *pj = ctx;

  return put_date(p, pj->has_start_date, pj->start_day + s->day - 1);
}

/* The date whose vendor prices day 1 uses (none when they never change). */
static char *
prices_date(char *p, const void *base, const void *ctx)
{
  const struct aic_api_result *a = base;

  (void)ctx;
  return put_date(p, a->basis != AIC_PRICE_DATE_NONE, a->price_day);
}

/* ---- the tables ---- */

#define PJ(key, m, kind) AIC_JW_MEMBER(key, struct aic_projection, m, kind)

/* "training", before its "stages" */
/* clang-format off */
static const struct aic_jw_field training_members[] = {
  PJ("total_usd", training_total_usd, AIC_JW_REAL),
  PJ("lump_sum", training_lump_sum, AIC_JW_BOOL),
  PJ("price_per_gpu_hour_usd", training_price_per_gpu_hour_usd, AIC_JW_REAL),
};
/* clang-format on */

#define STAGE(m, kind) AIC_JW_FIELD(struct aic_stage_result, m, kind)
/* clang-format off */
static const struct aic_jw_field stage_members[] = {
  AIC_JW_NAMED("stage", struct aic_stage_result, stage, aic_render_stage_name),
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
/* clang-format on */

/* "inference", before its "self_hosted" */
/* clang-format off */
static const struct aic_jw_field inference_members[] = {
  AIC_JW_NAMED("kind", struct aic_projection, inference_kind, kind_name),
  PJ("cost_per_request_usd", cost_per_request_usd, AIC_JW_REAL),
  PJ("daily_usd", daily_usd, AIC_JW_REAL),
  PJ("annual_usd", annual_usd, AIC_JW_REAL),
  PJ("cost_per_million_tokens_usd", cost_per_million_tokens_usd, AIC_JW_REAL),
};
/* clang-format on */

#define SH(m) AIC_JW_FIELD(struct aic_self_hosted_result, m, AIC_JW_REAL)
/* clang-format off */
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
/* clang-format on */

/* "api" (how a vendor's token prices became a cost per request): before
 * its prices, between them and "off_peak", and its "changes" (the days
 * the cost per request changes, as a dated price takes effect) */
#define API(key, m, kind) AIC_JW_MEMBER(key, struct aic_api_result, m, kind)
/* clang-format off */
static const struct aic_jw_field api_head_members[] = {
  API("id", id, AIC_JW_TEXT),
  AIC_JW_COMPUTED("prices_date", prices_date),
  AIC_JW_NAMED("prices_date_from", struct aic_api_result, basis, basis_name),
  API("prices_from", period_from, AIC_JW_TEXT),
  API("tier_above_input_tokens", tier_above_input_tokens, AIC_JW_REAL),
};
/* clang-format on */

#define TP(m) AIC_JW_FIELD(struct aic_token_prices, m, AIC_JW_REAL)
static const struct aic_jw_field token_price_members[] = {
  TP(input_per_mtok_usd),          TP(cached_input_per_mtok_usd), TP(cache_write_per_mtok_usd),
  TP(cache_write_1h_per_mtok_usd), TP(output_per_mtok_usd),
};

/* clang-format off */
static const struct aic_jw_field api_tail_members[] = {
  API("batch", batch, AIC_JW_BOOL),
  API("batch_price_factor", batch_price_factor, AIC_JW_REAL),
  API("off_peak_share", off_peak_share, AIC_JW_REAL),
};
/* clang-format on */

#define CHANGE(key, m, kind) AIC_JW_MEMBER(key, struct aic_api_change, m, kind)
/* clang-format off */
static const struct aic_jw_field api_change_members[] = {
  CHANGE("day", day, AIC_JW_INT),
  CHANGE("date", from, AIC_JW_TEXT),
  CHANGE("cost_per_request_usd", cost_per_request_usd, AIC_JW_REAL),
};
/* clang-format on */

/* "projection", before its "series" (crossover day 0 would be "paid at
 * once", which a crossover never is: 0 means none, null) */
/* clang-format off */
static const struct aic_jw_field horizon_members[] = {
  PJ("horizon_days", horizon_days, AIC_JW_INT),
  AIC_JW_NAMED("granularity", struct aic_projection, granularity, granularity_name),
  AIC_JW_COMPUTED("start_date", start_date),
  PJ("requests_total", requests_total, AIC_JW_REAL),
  PJ("inference_usd", inference_usd, AIC_JW_REAL),
  PJ("total_usd", total_usd, AIC_JW_REAL),
  PJ("inference_share", inference_share, AIC_JW_REAL),
  PJ("crossover_day", crossover_day, AIC_JW_DAY),
  PJ("break_even_requests_per_day", break_even_requests_per_day, AIC_JW_REAL),
  PJ("fully_loaded_cost_per_request_usd", fully_loaded_cost_per_request_usd, AIC_JW_REAL),
};
/* clang-format on */

#define POINT(m, kind) AIC_JW_FIELD(struct aic_series_point, m, kind)
/* clang-format off */
static const struct aic_jw_field point_members[] = {
  POINT(day, AIC_JW_INT),
  POINT(days, AIC_JW_INT),
  POINT(requests_per_day, AIC_JW_REAL),
  POINT(daily_inference_usd, AIC_JW_REAL),
  POINT(period_inference_usd, AIC_JW_REAL),
  POINT(cumulative_inference_usd, AIC_JW_REAL),
  POINT(training_usd, AIC_JW_REAL),
  POINT(cumulative_total_usd, AIC_JW_REAL),
  AIC_JW_COMPUTED("date", point_date),
  POINT(daily_kwh, AIC_JW_REAL),
  POINT(cumulative_tco2e, AIC_JW_REAL),
};
/* clang-format on */

#define OVERTAKE(m, kind) AIC_JW_FIELD(struct aic_overtake, m, kind)
/* clang-format off */
static const struct aic_jw_field overtake_members[] = {
  OVERTAKE(option, AIC_JW_INDEX),
  OVERTAKE(other, AIC_JW_INDEX),
  OVERTAKE(day, AIC_JW_INT),
};
/* clang-format on */

#define CAT(m) AIC_JW_FIELD(struct aic_catalogue, m, AIC_JW_TEXT)
static const struct aic_jw_field catalogue_members[] = { CAT(version), CAT(hash), CAT(date) };

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
    aic_jw_null(w, "date");
  }
  aic_jw_object_end(w);
}

static const char *
price_basis_name(enum aic_price_basis b)
{
  switch (b) {
  case AIC_BASIS_SCENARIO: return "scenario";
  case AIC_BASIS_OWNED: return "owned";
  case AIC_BASIS_OFFER: return "offer";
  case AIC_BASIS_NONE: break;
  }
  return NULL; /* nothing priced: null */
}

static const char *
rule_name(enum aic_offer_rule r)
{
  switch (r) {
  case AIC_RULE_LISTED: return "listed";
  case AIC_RULE_MEDIAN: return "median";
  case AIC_RULE_PROVIDER: return "provider";
  case AIC_RULE_PROVIDER_REGION: return "provider_region";
  }
  return NULL;
}

/* "price_basis" and "offer": where the price of a GPU-hour came from
 * (docs/scenario.md, "Which offer"). */
static void
price_json(struct aic_jw *w, const struct aic_price_choice *c)
{
  const struct aic_offer *o = &c->offer;

  aic_jw_string(w, "price_basis", price_basis_name(c->basis));
  if (c->basis != AIC_BASIS_OFFER) {
    aic_jw_null(w, "offer");
    return;
  }
  aic_jw_object_begin(w, "offer");
  aic_jw_string(w, "provider", o->provider);
  aic_jw_string(w, "kind", aic_offer_kind_name(c->kind));
  aic_jw_string(w, "region", o->region);
  aic_jw_number(w, "price_per_gpu_hour_usd", c->price_per_gpu_hour_usd);
  aic_jw_string(w, "as_of", o->as_of);
  aic_jw_string(w, "source", o->source);
  aic_jw_string(w, "chosen_by", rule_name(c->rule));
  if (c->rule == AIC_RULE_MEDIAN)
    aic_jw_integer(w, "providers_compared", (int64_t)c->providers);
  else
    aic_jw_null(w, "providers_compared");
  aic_jw_object_end(w);
}

static void
api_json(struct aic_jw *w, const struct aic_api_result *a)
{
  size_t n_changes = a->n_changes < AIC_API_PERIODS_MAX ? a->n_changes : AIC_API_PERIODS_MAX;

  aic_jw_object_begin(w, "api");
  aic_jw_fields(w, a, api_head_members, N_FIELDS(api_head_members));
  aic_jw_fields(w, &a->prices, token_price_members, N_FIELDS(token_price_members));
  aic_jw_fields(w, a, api_tail_members, N_FIELDS(api_tail_members));
  if (a->off_peak_share > 0) {
    aic_jw_object_begin(w, "off_peak");
    aic_jw_fields(w, &a->off_peak_prices, token_price_members, N_FIELDS(token_price_members));
    aic_jw_object_end(w);
  } else {
    aic_jw_null(w, "off_peak");
  }
  aic_jw_rows(w, "changes", a->changes, sizeof a->changes[0], n_changes, api_change_members,
              N_FIELDS(api_change_members), NULL);
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

/* One projection (a member of an array: no key). A comparison's option
 * also says whether a plan chose it (`option`: then "plan", null or what
 * the plan chose). */
static void
projection_json(struct aic_jw *w, const struct aic_projection *pj, const struct aic_catalogue *cat,
                bool option, const struct aic_plan_choice *plan)
{
  size_t n_stages = pj->n_stages < AIC_STAGE_COUNT ? pj->n_stages : AIC_STAGE_COUNT;

  aic_jw_object_begin(w, NULL);
  aic_jw_string(w, "name", pj->name);
  if (option && plan != NULL && plan->planned)
    aic_plan_choice_json(w, "plan", plan);
  else if (option)
    aic_jw_null(w, "plan");
  catalogue_json(w, cat);

  aic_jw_object_begin(w, "training");
  aic_jw_fields(w, pj, training_members, N_FIELDS(training_members));
  price_json(w, &pj->training_price);
  aic_jw_rows(w, "stages", pj->stages, sizeof pj->stages[0], n_stages, stage_members,
              N_FIELDS(stage_members), NULL);
  aic_jw_object_end(w);

  aic_jw_object_begin(w, "inference");
  aic_jw_fields(w, pj, inference_members, N_FIELDS(inference_members));
  if (pj->self_hosted) {
    aic_jw_object_begin(w, "self_hosted");
    aic_jw_fields(w, &pj->sh, self_hosted_members, N_FIELDS(self_hosted_members));
    price_json(w, &pj->sh.price);
    aic_jw_object_end(w);
  } else {
    aic_jw_null(w, "self_hosted");
  }
  if (pj->api)
    api_json(w, &pj->api_billing);
  else
    aic_jw_null(w, "api");
  aic_jw_object_end(w);

  aic_jw_object_begin(w, "projection");
  aic_jw_fields(w, pj, horizon_members, N_FIELDS(horizon_members));
  aic_jw_rows(w, "series", pj->series, sizeof *pj->series, pj->series != NULL ? pj->n_series : 0,
              point_members, N_FIELDS(point_members), pj);
  aic_jw_object_end(w);

  if (pj->bands != NULL)
    aic_projection_bands_json(w, pj);
  else
    aic_jw_null(w, "bands");
  aic_projection_energy_json(w, &pj->energy);
  warnings_json(w, &pj->warnings);
  aic_jw_object_end(w);
}

/* About how many bytes a projection prints to: one allocation in the usual case. */
static size_t
size_hint(const struct aic_projection *pj)
{
  return 3072 + pj->n_stages * 320 + pj->n_series * (pj->bands != NULL ? 340 : 300) +
         pj->warnings.n * 400 + (pj->bands != NULL ? 2048 : 0);
}

char *
aic_projection_to_json(const struct aic_projection *pj, const struct aic_catalogue *cat,
                       size_t *len)
{
  struct aic_jw w;

  aic_jw_init(&w, size_hint(pj));
  projection_json(&w, pj, cat, false, NULL);
  return aic_jw_finish(&w, len);
}

char *
aic_comparison_to_json(const struct aic_comparison *c, const struct aic_catalogue *cat, size_t *len)
{
  struct aic_jw w;
  size_t hint = 1024;

  for (size_t i = 0; i < c->n && c->projections; i++)
    hint += size_hint(&c->projections[i]) + (c->plans != NULL ? 1024 : 0);
  aic_jw_init(&w, hint);
  aic_jw_object_begin(&w, NULL);
  aic_jw_integer(&w, "horizon_days", c->horizon_days);
  catalogue_json(&w, cat);
  aic_jw_array_begin(&w, "options");
  for (size_t i = 0; i < c->n; i++)
    projection_json(&w, &c->projections[i], cat, true, c->plans != NULL ? &c->plans[i] : NULL);
  aic_jw_array_end(&w);
  aic_jw_array_begin(&w, "ranking");
  for (size_t i = 0; i < c->n && c->rank; i++)
    aic_jw_integer(&w, NULL, (int64_t)c->rank[i]);
  aic_jw_array_end(&w);
  aic_jw_rows(&w, "overtakes", c->overtakes, sizeof *c->overtakes,
              c->overtakes != NULL ? c->n_overtakes : 0, overtake_members,
              N_FIELDS(overtake_members), NULL);
  aic_jw_object_end(&w);
  return aic_jw_finish(&w, len);
}
