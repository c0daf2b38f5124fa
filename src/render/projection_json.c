/* Projection, comparison and diagnostics -> JSON, exactly the contract in the
 * team brief and docs/scenario.md: every key always present, null when it does
 * not apply (NAN in the struct), numbers in the project's format, keys in the
 * contract's order.
 *
 * Each document is described once, as calls on the emitter of json_writer.h,
 * which either writes the text directly (aic_*_to_json_text: the server's
 * replies, no tree, each number formatted once) or builds the jansson tree
 * (aic_*_to_json: the CLI, tests). Both give the same bytes out. The
 * series points, the bulk of a long series' text, have a text path of their
 * own (series_text). */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "aicost/render.h"
#include "json_util.h"
#include "json_writer.h"

#define N_FIELDS(t) (sizeof t / sizeof t[0])

#define STAGE(m) AIC_JW_FIELD(struct aic_stage_result, m, AIC_JW_REAL)
static const struct aic_jw_field stage_numbers[] = {
  STAGE(flops), STAGE(mfu), STAGE(gpu_hours), STAGE(days), STAGE(compute_usd),
  STAGE(labelling_usd), STAGE(total_usd),
};

#define SH(m) AIC_JW_FIELD(struct aic_self_hosted_result, m, AIC_JW_REAL)
static const struct aic_jw_field self_hosted_numbers[] = {
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

/* A point's members; its "date" follows them (point_date). */
#define POINT(m, k) AIC_JW_FIELD(struct aic_series_point, m, k)
static const struct aic_jw_field point_fields[] = {
  POINT(day, AIC_JW_INT),
  POINT(days, AIC_JW_INT),
  POINT(requests_per_day, AIC_JW_REAL),
  POINT(daily_inference_usd, AIC_JW_REAL),
  POINT(period_inference_usd, AIC_JW_REAL),
  POINT(cumulative_inference_usd, AIC_JW_REAL),
  POINT(training_usd, AIC_JW_REAL),
  POINT(cumulative_total_usd, AIC_JW_REAL),
};

/* The text side of a series point: the bytes aic_jw_fields prints from
 * point_fields (which the tree side keeps; tests/unit/json/
 * test_json_writer.c holds the two to the same bytes), without the table
 * walk: each key, with the ',' or '{' before it and its ':', is one
 * fixed-size copy of a zero-padded constant (the padding is overwritten by
 * the value next), the values go straight in. */
#define LIT_SIZE(s) ((sizeof s - 1 + 7) & ~(size_t)7)
#define LIT(p, s)                                                                                  \
  do {                                                                                             \
    static const char lit_[LIT_SIZE(s)] = s;                                                       \
    _Static_assert(LIT_SIZE(s) <= 32, "POINT_ROOM counts 32 bytes a key");                         \
    memcpy(p, lit_, sizeof lit_);                                                                  \
    (p) += sizeof s - 1;                                                                           \
  } while (0)
/* 9 keys (with what precedes them) and values, and the '}' */
#define POINT_ROOM (9 * (32 + AIC_NUM_TEXT_MAX) + 1)
_Static_assert(AIC_NUM_TEXT_MAX >= AIC_DATE_TEXT + 2, "a quoted date fits a value's room");

/* A series repeats values down a column (the training cost on every point,
 * a fleet's daily cost between steps, flat traffic) and across two (a
 * day's period cost is its daily cost; with no training the cumulative
 * total is the cumulative inference cost). So each column keeps its last
 * value's bits and where its text is (an offset: the buffer may move),
 * which a bit comparison finds cheaper than the writer's hashed cache.
 * column_number writes x at p (AIC_NUM_TEXT_MAX bytes free), from the text
 * of `same` or of col when one of them holds its bits, else formatted (and
 * kept in col). */
static inline char *
column_number(struct aic_jw_num *col, const struct aic_jw_num *same, const char *buf, char *p, double x)
{
  const struct aic_jw_num *from;
  uint64_t bits;

  memcpy(&bits, &x, sizeof bits);
  from = same != NULL && same->bits == bits ? same : col->bits == bits ? col : NULL;
  if (from != NULL)
    return aic_jw_raw_copy(p, buf + from->at, from->len);
  return aic_jw_num_keep(col, buf, p, x, bits);
}

enum { REQUESTS, DAILY, PERIOD, CUMULATIVE, TRAINING, TOTAL, N_COLUMNS };

/* The date of series day `day` into out ("YYYY-MM-DD"), or false when the
 * projection has no start date (the point's date is then null). */
static bool
point_date(const struct aic_projection *pj, int day, char out[AIC_DATE_TEXT])
{
  if (!pj->has_start_date)
    return false;
  aic_date_format(pj->start_day + day - 1, out);
  return true;
}

static void
series_text(struct aic_jw *w, const struct aic_projection *pj)
{
  const struct aic_series_point *pts = pj->series;
  size_t n = pj->n_series;
  struct aic_jw_num c[N_COLUMNS];
  double first[N_COLUMNS];

  if (n == 0)
    return;
  first[REQUESTS] = pts[0].requests_per_day;
  first[DAILY] = pts[0].daily_inference_usd;
  first[PERIOD] = pts[0].period_inference_usd;
  first[CUMULATIVE] = pts[0].cumulative_inference_usd;
  first[TRAINING] = pts[0].training_usd;
  first[TOTAL] = pts[0].cumulative_total_usd;
  /* bits that the first point's values do not have: it formats them all
   * (the columns compared with another one compare with what this point
   * has just written there) */
  for (int k = 0; k < N_COLUMNS; k++) {
    memcpy(&c[k].bits, &first[k], sizeof c[k].bits);
    c[k].bits = ~c[k].bits;
    c[k].at = c[k].len = 0;
  }
  for (size_t i = 0; i < n; i++) {
    const struct aic_series_point *s = &pts[i];
    char *p = aic_jw_raw_begin(w, POINT_ROOM);
    const char *buf = w->out.p;
    char date[AIC_DATE_TEXT];

    if (p == NULL)
      return;
    LIT(p, "{\"day\":");
    p = aic_jw_raw_int(p, s->day);
    LIT(p, ",\"days\":");
    p = aic_jw_raw_int(p, s->days);
    LIT(p, ",\"requests_per_day\":");
    p = column_number(&c[REQUESTS], NULL, buf, p, s->requests_per_day);
    LIT(p, ",\"daily_inference_usd\":");
    p = column_number(&c[DAILY], NULL, buf, p, s->daily_inference_usd);
    LIT(p, ",\"period_inference_usd\":");
    p = column_number(&c[PERIOD], &c[DAILY], buf, p, s->period_inference_usd);
    LIT(p, ",\"cumulative_inference_usd\":");
    p = column_number(&c[CUMULATIVE], NULL, buf, p, s->cumulative_inference_usd);
    LIT(p, ",\"training_usd\":");
    p = column_number(&c[TRAINING], NULL, buf, p, s->training_usd);
    LIT(p, ",\"cumulative_total_usd\":");
    p = column_number(&c[TOTAL], &c[CUMULATIVE], buf, p, s->cumulative_total_usd);
    if (point_date(pj, s->day, date)) {
      LIT(p, ",\"date\":\"");
      memcpy(p, date, AIC_DATE_TEXT - 1);
      p += AIC_DATE_TEXT - 1;
      *p++ = '"';
    } else {
      LIT(p, ",\"date\":null");
    }
    *p++ = '}';
    aic_jw_raw_end(w, p);
  }
}

static void
catalogue_json(struct aic_jw *w, const struct aic_catalogue *cat)
{
  aic_jw_object_begin(w, "catalogue");
  aic_jw_string(w, "version", cat ? cat->version : NULL);
  aic_jw_string(w, "hash", cat ? cat->hash : NULL);
  aic_jw_string(w, "date", cat ? cat->date : NULL);
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
training_json(struct aic_jw *w, const struct aic_projection *pj)
{
  aic_jw_object_begin(w, "training");
  aic_jw_number(w, "total_usd", pj->training_total_usd);
  aic_jw_bool(w, "lump_sum", pj->training_lump_sum);
  aic_jw_number(w, "price_per_gpu_hour_usd", pj->training_price_per_gpu_hour_usd);
  price_json(w, &pj->training_price);
  aic_jw_array_begin(w, "stages");
  for (size_t i = 0; i < pj->n_stages && i < AIC_STAGE_COUNT; i++) {
    const struct aic_stage_result *s = &pj->stages[i];

    aic_jw_object_begin(w, NULL);
    aic_jw_string(w, "stage", aic_stage_name(s->stage));
    aic_jw_string(w, "method", s->method == AIC_METHOD_NONE ? NULL : aic_method_name(s->method));
    aic_jw_bool(w, "measured", s->measured);
    aic_jw_fields(w, s, stage_numbers, N_FIELDS(stage_numbers));
    aic_jw_object_end(w);
  }
  aic_jw_array_end(w);
  aic_jw_object_end(w);
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

#define TP(m) AIC_JW_FIELD(struct aic_token_prices, m, AIC_JW_REAL)
static const struct aic_jw_field token_prices[] = {
  TP(input_per_mtok_usd),       TP(cached_input_per_mtok_usd), TP(cache_write_per_mtok_usd),
  TP(cache_write_1h_per_mtok_usd), TP(output_per_mtok_usd),
};

static const char *
basis_name(enum aic_price_date_basis b)
{
  switch (b) {
  case AIC_PRICE_DATE_START: return "start_date";
  case AIC_PRICE_DATE_TODAY: return "today";
  case AIC_PRICE_DATE_CATALOGUE: return "catalogue_date";
  case AIC_PRICE_DATE_NONE: break;
  }
  return NULL; /* the prices never change: no date was needed */
}

/* How the vendor's prices were applied: which date's, which tier, batch,
 * off peak, and the days the cost per request changes. */
static void
api_json(struct aic_jw *w, const struct aic_api_result *a)
{
  char date[AIC_DATE_TEXT];

  aic_jw_object_begin(w, "api");
  aic_jw_string(w, "id", a->id);
  if (a->basis != AIC_PRICE_DATE_NONE) {
    aic_date_format(a->price_day, date);
    aic_jw_string(w, "prices_date", date);
  } else {
    aic_jw_null(w, "prices_date");
  }
  aic_jw_string(w, "prices_date_from", basis_name(a->basis));
  aic_jw_string(w, "prices_from", a->period_from);
  aic_jw_number(w, "tier_above_input_tokens", a->tier_above_input_tokens);
  aic_jw_fields(w, &a->prices, token_prices, N_FIELDS(token_prices));
  aic_jw_bool(w, "batch", a->batch);
  aic_jw_number(w, "batch_price_factor", a->batch_price_factor);
  aic_jw_number(w, "off_peak_share", a->off_peak_share);
  if (a->off_peak_share > 0) {
    aic_jw_object_begin(w, "off_peak");
    aic_jw_fields(w, &a->off_peak_prices, token_prices, N_FIELDS(token_prices));
    aic_jw_object_end(w);
  } else {
    aic_jw_null(w, "off_peak");
  }
  aic_jw_array_begin(w, "changes");
  for (size_t i = 0; i < a->n_changes && i < AIC_API_PERIODS_MAX; i++) {
    aic_jw_object_begin(w, NULL);
    aic_jw_integer(w, "day", a->changes[i].day);
    aic_jw_string(w, "date", a->changes[i].from);
    aic_jw_number(w, "cost_per_request_usd", a->changes[i].cost_per_request_usd);
    aic_jw_object_end(w);
  }
  aic_jw_array_end(w);
  aic_jw_object_end(w);
}

static void
inference_json(struct aic_jw *w, const struct aic_projection *pj)
{
  aic_jw_object_begin(w, "inference");
  aic_jw_string(w, "kind", kind_name(pj->inference_kind));
  aic_jw_number(w, "cost_per_request_usd", pj->cost_per_request_usd);
  aic_jw_number(w, "daily_usd", pj->daily_usd);
  aic_jw_number(w, "annual_usd", pj->annual_usd);
  aic_jw_number(w, "cost_per_million_tokens_usd", pj->cost_per_million_tokens_usd);
  if (pj->self_hosted) {
    aic_jw_object_begin(w, "self_hosted");
    aic_jw_fields(w, &pj->sh, self_hosted_numbers, N_FIELDS(self_hosted_numbers));
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
}

static void
horizon_json(struct aic_jw *w, const struct aic_projection *pj)
{
  aic_jw_object_begin(w, "projection");
  aic_jw_integer(w, "horizon_days", pj->horizon_days);
  aic_jw_string(w, "granularity", aic_granularity_name(pj->granularity));
  if (pj->has_start_date) {
    char date[AIC_DATE_TEXT];

    aic_date_format(pj->start_day, date);
    aic_jw_string(w, "start_date", date);
  } else {
    aic_jw_null(w, "start_date");
  }
  aic_jw_number(w, "requests_total", pj->requests_total);
  aic_jw_number(w, "inference_usd", pj->inference_usd);
  aic_jw_number(w, "total_usd", pj->total_usd);
  aic_jw_number(w, "inference_share", pj->inference_share);
  /* day 0 would be "paid at once", which crossover never is: 0 means none */
  if (pj->crossover_day > 0)
    aic_jw_integer(w, "crossover_day", pj->crossover_day);
  else
    aic_jw_null(w, "crossover_day");
  aic_jw_number(w, "break_even_requests_per_day", pj->break_even_requests_per_day);
  aic_jw_number(w, "fully_loaded_cost_per_request_usd", pj->fully_loaded_cost_per_request_usd);
  aic_jw_array_begin(w, "series");
  if (!w->tree && pj->series != NULL)
    series_text(w, pj); /* a daily series: 365 points or more */
  for (size_t i = 0; w->tree && i < pj->n_series && pj->series; i++) {
    const struct aic_series_point *p = &pj->series[i];
    char date[AIC_DATE_TEXT];

    aic_jw_object_begin(w, NULL);
    aic_jw_fields(w, p, point_fields, N_FIELDS(point_fields));
    if (point_date(pj, p->day, date))
      aic_jw_string(w, "date", date);
    else
      aic_jw_null(w, "date");
    aic_jw_object_end(w);
  }
  aic_jw_array_end(w);
  aic_jw_object_end(w);
}

/* One diag as {"code"?, "pointer", "detail"}: warnings carry a code, errors not. */
static void
diag_json(struct aic_jw *w, const struct aic_diag *g, bool with_code)
{
  aic_jw_object_begin(w, NULL);
  if (with_code)
    aic_jw_string(w, "code", g->code);
  aic_jw_string(w, "pointer", g->pointer);
  aic_jw_string(w, "detail", g->detail);
  aic_jw_object_end(w);
}

static void
diag_array(struct aic_jw *w, const char *key, const struct aic_diags *d, bool with_code)
{
  aic_jw_array_begin(w, key);
  for (size_t i = 0; d && i < d->n && i < AIC_DIAG_MAX; i++)
    diag_json(w, &d->v[i], with_code);
  /* Say that the list is cut rather than pretend it is complete. */
  if (d && d->dropped > 0) {
    struct aic_diag more = { .code = "more", .pointer = "" };

    snprintf(more.detail, sizeof more.detail, "%zu more not shown", d->dropped);
    diag_json(w, &more, with_code);
  }
  aic_jw_array_end(w);
}

/* One projection as a member of `key` (NULL inside an array). */
static void
projection_json(struct aic_jw *w, const char *key, const struct aic_projection *pj,
                const struct aic_catalogue *cat)
{
  aic_jw_object_begin(w, key);
  aic_jw_string(w, "name", pj->name);
  catalogue_json(w, cat);
  training_json(w, pj);
  inference_json(w, pj);
  horizon_json(w, pj);
  diag_array(w, "warnings", &pj->warnings, true);
  aic_jw_object_end(w);
}

static void
comparison_json(struct aic_jw *w, const struct aic_comparison *c, const struct aic_catalogue *cat)
{
  aic_jw_object_begin(w, NULL);
  aic_jw_integer(w, "horizon_days", c->horizon_days);
  catalogue_json(w, cat);
  aic_jw_array_begin(w, "options");
  for (size_t i = 0; i < c->n; i++)
    projection_json(w, NULL, &c->projections[i], cat);
  aic_jw_array_end(w);
  aic_jw_array_begin(w, "ranking");
  for (size_t i = 0; i < c->n && c->rank; i++)
    aic_jw_integer(w, NULL, (int64_t)c->rank[i]);
  aic_jw_array_end(w);
  aic_jw_array_begin(w, "overtakes");
  for (size_t i = 0; i < c->n_overtakes && c->overtakes; i++) {
    const struct aic_overtake *t = &c->overtakes[i];

    aic_jw_object_begin(w, NULL);
    aic_jw_integer(w, "option", (int64_t)t->option);
    aic_jw_integer(w, "other", (int64_t)t->other);
    aic_jw_integer(w, "day", t->day);
    aic_jw_object_end(w);
  }
  aic_jw_array_end(w);
  aic_jw_object_end(w);
}

/* About how many bytes a projection prints to: one allocation in the usual case. */
static size_t
size_hint(const struct aic_projection *pj)
{
  return 2048 + pj->n_stages * 256 + pj->n_series * 256 + pj->warnings.n * 400;
}

json_t *
aic_projection_to_json(const struct aic_projection *pj, const struct aic_catalogue *cat)
{
  struct aic_jw w;

  aic_jw_init_tree(&w);
  projection_json(&w, NULL, pj, cat);
  return aic_jw_finish_tree(&w);
}

char *
aic_projection_to_json_text(const struct aic_projection *pj, const struct aic_catalogue *cat,
                            size_t *len)
{
  struct aic_jw w;

  aic_jw_init_text(&w, size_hint(pj));
  projection_json(&w, NULL, pj, cat);
  return aic_jw_finish_text(&w, len);
}

json_t *
aic_comparison_to_json(const struct aic_comparison *c, const struct aic_catalogue *cat)
{
  struct aic_jw w;

  aic_jw_init_tree(&w);
  comparison_json(&w, c, cat);
  return aic_jw_finish_tree(&w);
}

char *
aic_comparison_to_json_text(const struct aic_comparison *c, const struct aic_catalogue *cat,
                            size_t *len)
{
  struct aic_jw w;
  size_t hint = 1024;

  for (size_t i = 0; i < c->n && c->projections; i++)
    hint += size_hint(&c->projections[i]);
  aic_jw_init_text(&w, hint);
  comparison_json(&w, c, cat);
  return aic_jw_finish_text(&w, len);
}

json_t *
aic_diags_to_json(const struct aic_diags *d)
{
  struct aic_jw w;

  aic_jw_init_tree(&w);
  aic_jw_object_begin(&w, NULL);
  diag_array(&w, "errors", d, false);
  aic_jw_object_end(&w);
  return aic_jw_finish_tree(&w);
}
