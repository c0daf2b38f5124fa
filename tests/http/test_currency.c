/* Answers in another currency against the real aicostd (embedded catalogue
 * and scenarios): the catalogue's rate applied to every money member and
 * column, renamed for the currency, with the rate's source and date; bad
 * currencies and formats that cannot be converted are 422s naming
 * /currency; an old rate is a stale_fx warning. Every response is checked
 * against openapi.yaml at the end. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

static struct server srv;

/* The seed article's case: 5,000,000 requests a day at $0.005 each, i.e.
 * $25,000 a day (5e6 x 0.005), after a $3,000,000 training run. */
#define ARTICLE(extra)                                                                             \
  "{" extra "\"training\":{\"cost_usd\":3000000},\"inference\":{\"cost_per_request_usd\":0.005},"  \
  "\"traffic\":{\"requests_per_day\":5000000}}"

static int
setup(void **state)
{
  (void)state;
  return http_group_start(&srv, NULL);
}

static int
teardown(void **state)
{
  (void)state;
  return http_group_stop(&srv);
}

static json_t *
post_json(const char *path, const char *body, long status)
{
  struct http_resp r;
  json_t *j;

  assert_true(http_post_json(&srv, path, body, NULL, &r));
  assert_int_equal(r.status, status);
  j = http_body_json(&r);
  http_resp_free(&r);
  return j;
}

/* The catalogue's rate for a code, {per_usd, source, as_of}, as GET
 * /v1/catalogue serves it (owned). */
static json_t *
fx_rate(const char *code)
{
  struct http_resp r;
  json_t *j, *fx;

  assert_true(http_get(&srv, "/v1/catalogue", NULL, &r));
  assert_int_equal(r.status, 200);
  j = http_body_json(&r);
  fx = json_object_get(json_object_get(j, "fx"), code);
  assert_non_null(fx);
  json_incref(fx);
  json_decref(j);
  http_resp_free(&r);
  return fx;
}

static double
rate(const char *code)
{
  json_t *fx = fx_rate(code);
  double per_usd = json_number_value(json_object_get(fx, "per_usd"));

  assert_true(per_usd > 0);
  json_decref(fx);
  return per_usd;
}

/* The detail of the warning with that code in a `warnings` array, after
 * checking that it points at /currency; NULL when there is none. */
static const char *
warning(const json_t *warnings, const char *code)
{
  size_t i;
  const json_t *w;

  assert_true(json_is_array(warnings));
  json_array_foreach(warnings, i, w)
  {
    if (strcmp(json_string_value(json_object_get(w, "code")), code) == 0) {
      assert_string_equal(json_string_value(json_object_get(w, "pointer")), "/currency");
      return json_string_value(json_object_get(w, "detail"));
    }
  }
  return NULL;
}

static json_t *
get_json(const char *path, const char *tmpl)
{
  struct http_resp r;
  json_t *j;

  assert_true(http_get(&srv, path, tmpl, &r));
  assert_int_equal(r.status, 200);
  j = http_body_json(&r);
  http_resp_free(&r);
  return j;
}

static const char *
first_detail(const json_t *problem, const char *pointer)
{
  const json_t *e = json_array_get(json_object_get(problem, "errors"), 0);

  assert_string_equal(json_string_value(json_object_get(e, "pointer")), pointer);
  return json_string_value(json_object_get(e, "detail"));
}

/* The article's $25,000 a day in euros: every money member renamed and
 * converted at the catalogue's rate, none left in dollars, and the rate
 * named with its source and date. */
static void
test_json_in_euros(void **state)
{
  json_t *j = post_json("/v1/projections", ARTICLE("\"currency\":\"EUR\","), 200);
  const json_t *inf = json_object_get(j, "inference");
  json_t *cur = json_incref(json_object_get(j, "currency"));
  char *text;
  double eur = rate("EUR");

  (void)state;
  /* every member but the rate's own per_usd (a rate, not an amount) */
  json_object_del(j, "currency");
  text = json_dumps(j, 0);
  assert_true(fabs(json_number_value(json_object_get(inf, "daily_eur")) - 25000 * eur) < 1e-9);
  assert_true(fabs(json_number_value(json_object_get(json_object_get(j, "training"), "total_eur")) -
                   3000000 * eur) < 1e-6);
  assert_null(strstr(text, "_usd\""));
  assert_string_equal(json_string_value(json_object_get(cur, "code")), "EUR");
  assert_true(json_number_value(json_object_get(cur, "per_usd")) == eur);
  assert_non_null(json_string_value(json_object_get(cur, "source")));
  assert_non_null(json_string_value(json_object_get(cur, "as_of")));
  free(text);
  json_decref(cur);
  json_decref(j);
}

/* USD (asked for, or by default) is the dollar answer, unchanged. */
static void
test_usd_unchanged(void **state)
{
  json_t *a = post_json("/v1/projections", ARTICLE("\"currency\":\"USD\","), 200);
  json_t *b = post_json("/v1/projections", ARTICLE(""), 200);

  (void)state;
  assert_true(json_equal(a, b));
  assert_null(json_object_get(a, "currency"));
  assert_true(json_number_value(json_object_get(json_object_get(a, "inference"), "daily_usd")) ==
              25000);
  json_decref(a);
  json_decref(b);
}

/* A named scenario by query: pounds and calendar dates together in the
 * CSV, as a spreadsheet or Grafana reads them. */
static void
test_named_csv_in_pounds_with_dates(void **state)
{
  struct http_resp r;
  char want[128];

  (void)state;
  assert_true(http_get(&srv,
                       "/v1/scenarios/support-bot/projection?format=csv&currency=GBP"
                       "&start_date=2027-01-01",
                       "/v1/scenarios/{id}/projection", &r));
  assert_int_equal(r.status, 200);
  assert_non_null(strstr(r.body, "day,days,requests_per_day,daily_inference_gbp,"
                                 "period_inference_gbp,cumulative_inference_gbp,training_gbp,"
                                 "cumulative_total_gbp,date,"));
  /* the bands' columns too: every money column is named for the currency */
  assert_non_null(strstr(r.body, ",cumulative_inference_gbp_p10,cumulative_inference_gbp_p90\r\n"));
  /* $25,000 a day at the catalogue's rate; the first month ends 2027-01-30 */
  snprintf(want, sizeof want, "30,30,5000000,%.15g,", 25000 * rate("GBP"));
  assert_non_null(strstr(r.body, want));
  assert_non_null(strstr(r.body, ",2027-01-30,"));
  assert_null(strstr(r.body, "_usd"));
  http_resp_free(&r);
}

/* Bad currencies are the client's, each named at /currency: one the
 * catalogue has no rate for (with the codes it has), and a non-code. */
static void
test_unknown_currency(void **state)
{
  json_t *j = post_json("/v1/projections", ARTICLE("\"currency\":\"XAU\","), 422);
  const char *d = first_detail(j, "/currency");

  (void)state;
  assert_non_null(strstr(d, "'XAU'"));
  assert_non_null(strstr(d, "EUR"));
  json_decref(j);
  j = post_json("/v1/projections", ARTICLE("\"currency\":\"euro\","), 422);
  (void)first_detail(j, "/currency");
  json_decref(j);
}

/* The SVG draws dollar labels: in another currency it is a 422 that says
 * which formats can, rather than dollars under a euro request. */
static void
test_svg_refused(void **state)
{
  struct http_resp r;
  json_t *j;

  (void)state;
  assert_true(
    http_post_json(&srv, "/v1/projections?format=svg", ARTICLE("\"currency\":\"EUR\","), NULL, &r));
  assert_int_equal(r.status, 422);
  j = http_body_json(&r);
  assert_non_null(strstr(first_detail(j, "/currency"), "json or csv"));
  json_decref(j);
  http_resp_free(&r);
}

/* A comparison answers in one currency: the request's (then every option
 * is converted), else the options' when they agree; options that disagree
 * are a 422 at the one that differs. */
static void
test_comparison_currency(void **state)
{
  json_t *j;
  char *text;

  (void)state;
  j = post_json("/v1/comparisons",
                "{\"currency\":\"JPY\",\"scenarios\":[" ARTICLE("") "," ARTICLE("") "]}", 200);
  assert_string_equal(json_string_value(json_object_get(json_object_get(j, "currency"), "code")),
                      "JPY");
  json_object_del(j, "currency");
  text = json_dumps(j, 0);
  assert_null(strstr(text, "_usd\""));
  /* not an answer with no money in it: the options' amounts are in yen */
  assert_non_null(strstr(text, "\"daily_jpy\""));
  free(text);
  json_decref(j);
  j = post_json("/v1/comparisons",
                "{\"scenarios\":[" ARTICLE("\"currency\":\"EUR\",") "," ARTICLE("") "]}", 422);
  assert_non_null(strstr(first_detail(j, "/scenarios/1/currency"), "EUR"));
  json_decref(j);
}

/* A rate older than stale_after_days before `today` (a query or body
 * member) says so: a stale_fx warning at /currency naming the currency
 * and the rate's date, on a projection, on every option of a comparison
 * and on a plan's projection. Measured on the rate's own day it is fresh;
 * a dollar answer converts nothing and has none. */
static void
test_stale_rate_warned(void **state)
{
  static const char named[] = "/v1/scenarios/support-bot/projection";
  static const char tmpl[] = "/v1/scenarios/{id}/projection";
  json_t *eur = fx_rate("EUR"), *j;
  const char *as_of = json_string_value(json_object_get(eur, "as_of"));
  const char *d;
  char path[160], want[64];

  (void)state;
  assert_non_null(as_of);
  snprintf(path, sizeof path, "%s?currency=EUR&today=2036-01-01", named);
  j = get_json(path, tmpl);
  d = warning(json_object_get(j, "warnings"), "stale_fx");
  assert_non_null(d);
  snprintf(want, sizeof want, "the EUR exchange rate (%.6g per US dollar) dates from %s,",
           json_number_value(json_object_get(eur, "per_usd")), as_of);
  assert_non_null(strstr(d, want));
  /* 120: the catalogue's defaults.stale_after_days (config/catalogue.yaml) */
  assert_non_null(strstr(d, "days before today, 2036-01-01, more than 120"));
  json_decref(j);
  snprintf(path, sizeof path, "%s?currency=EUR&today=%s", named, as_of);
  j = get_json(path, tmpl);
  assert_null(warning(json_object_get(j, "warnings"), "stale_fx"));
  json_decref(j);
  snprintf(path, sizeof path, "%s?today=2036-01-01", named);
  j = get_json(path, tmpl);
  assert_null(warning(json_object_get(j, "warnings"), "stale_fx"));
  json_decref(j);
  j = post_json("/v1/comparisons",
                "{\"currency\":\"JPY\",\"today\":\"2036-01-01\",\"scenarios\":[" ARTICLE(
                  "") "," ARTICLE("") "]}",
                200);
  for (size_t i = 0; i < 2; i++)
    assert_non_null(
      strstr(warning(json_object_get(json_array_get(json_object_get(j, "options"), i), "warnings"),
                     "stale_fx"),
             "the JPY exchange rate"));
  json_decref(j);
  j = post_json(
    "/v1/plans",
    "{\"model\":\"llama-3.1-70b\",\"currency\":\"GBP\",\"today\":\"2036-01-01\","
    "\"traffic\":{\"requests_per_day\":100000,\"input_tokens\":500,\"output_tokens\":200},"
    "\"slo\":{\"ttft_ms\":500,\"tpot_ms\":30}}",
    200);
  assert_non_null(strstr(
    warning(json_object_get(json_object_get(json_object_get(j, "best"), "projection"), "warnings"),
            "stale_fx"),
    "the GBP exchange rate"));
  json_decref(j);
  json_decref(eur);
}

int
main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_json_in_euros),
    cmocka_unit_test(test_usd_unchanged),
    cmocka_unit_test(test_named_csv_in_pounds_with_dates),
    cmocka_unit_test(test_unknown_currency),
    cmocka_unit_test(test_svg_refused),
    cmocka_unit_test(test_comparison_currency),
    cmocka_unit_test(test_stale_rate_warned),
    cmocka_unit_test(test_responses_match_openapi),
  };

  return cmocka_run_group_tests_name("currency", tests, setup, teardown);
}
