/* POST /v1/plans on the default catalogue: the answer in every format, the
 * best plan's own projection meeting the SLO, the CLI's bytes, and bad
 * input as problem+json naming each field; every response is checked
 * against openapi.yaml in the last test. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "harness.h"

static struct server srv;

static int
start(void **state)
{
  static const char *const args[] = { NULL };

  (void)state;
  return http_group_start(&srv, args);
}

static int
stop(void **state)
{
  (void)state;
  return http_group_stop(&srv);
}

static double
num(const json_t *o, const char *key)
{
  const json_t *v = json_object_get(o, key);

  assert_true(json_is_number(v));
  return json_number_value(v);
}

/* The example request: a best plan whose knobs, projected on their own by
 * POST /v1/projections, meet the SLO and cost what the plan says. */
static void
test_best_meets_its_slo(void **state)
{
  char *req = read_source_file("tests/data/plans/llama-70b-chat.json", NULL);
  struct http_resp r, p;
  json_t *j, *cfg, *pj, *sc, *doc;
  char *body;

  (void)state;
  assert_true(http_post_json(&srv, "/v1/plans", req, NULL, &r));
  assert_int_equal(r.status, 200);
  assert_string_equal(http_header(&r, "Content-Type"), "application/json");
  j = http_body_json(&r);
  assert_true(json_is_true(json_object_get(j, "feasible")));
  cfg = json_object_get(json_object_get(j, "best"), "configuration");
  assert_true(num(cfg, "ttft_ms") <= 500 && num(cfg, "tpot_ms") <= 30);
  assert_true(json_array_size(json_object_get(j, "pareto")) >= 1);
  assert_true(json_array_size(json_object_get(j, "pareto")) <= 20);
  assert_int_equal(json_array_size(json_object_get(j, "alternatives")), 1);
  /* the best plan's projection carries its uncertainty bands around its point value */
  {
    json_t *bands = json_object_get(json_object_get(json_object_get(j, "best"), "projection"),
                                    "bands");
    json_t *daily = json_object_get(bands, "daily_usd");

    assert_true(json_is_object(bands));
    assert_true(num(daily, "p10") <= num(cfg, "daily_usd") &&
                num(cfg, "daily_usd") <= num(daily, "p90"));
  }
  /* the same knobs as a scenario */
  doc = json_loads(req, 0, NULL);
  assert_non_null(doc);
  sc = json_pack("{s:s, s:O, s:{s:{s:s, s:s, s:O, s:O, s:s, s:O}}}", "model", "llama-3.1-70b",
                 "traffic", json_object_get(doc, "traffic"), "inference", "self_hosted", "gpu",
                 json_string_value(json_object_get(cfg, "gpu")), "precision",
                 json_string_value(json_object_get(cfg, "precision")), "gpus_per_replica",
                 json_object_get(cfg, "gpus_per_replica"), "max_batch",
                 json_object_get(cfg, "batch"), "pricing",
                 json_string_value(json_object_get(cfg, "pricing")), "provider",
                 json_object_get(cfg, "provider"));
  assert_non_null(sc);
  body = json_dumps(sc, JSON_COMPACT);
  assert_true(http_post_json(&srv, "/v1/projections", body, NULL, &p));
  assert_int_equal(p.status, 200);
  pj = http_body_json(&p);
  {
    json_t *inf = json_object_get(pj, "inference"), *sh = json_object_get(inf, "self_hosted");

    assert_true(num(sh, "ttft_ms") <= 500);
    assert_true(num(sh, "tpot_ms") <= 30);
    assert_true(num(inf, "daily_usd") == num(cfg, "daily_usd"));
  }
  json_decref(pj);
  json_decref(sc);
  json_decref(doc);
  json_decref(j);
  free(body);
  free(req);
  http_resp_free(&p);
  http_resp_free(&r);
}

/* The Pareto set as CSV rows and as an SVG scatter, by Accept. */
static void
test_csv_and_svg(void **state)
{
  static const char *const csv[] = { "Accept: text/csv", NULL };
  static const char *const svg[] = { "Accept: image/svg+xml", NULL };
  char *req = read_source_file("tests/data/plans/llama-70b-chat.json", NULL);
  struct http_resp r;

  (void)state;
  assert_true(http_post_json(&srv, "/v1/plans", req, csv, &r));
  assert_int_equal(r.status, 200);
  assert_non_null(strstr(http_header(&r, "Content-Type"), "text/csv"));
  assert_int_equal(strncmp(r.body, "rank,model,gpu,precision,", 25), 0);
  assert_non_null(strstr(r.body, "\r\n1,llama-3.1-70b,"));
  http_resp_free(&r);
  assert_true(http_post_json(&srv, "/v1/plans", req, svg, &r));
  assert_int_equal(r.status, 200);
  assert_string_equal(http_header(&r, "Content-Type"), "image/svg+xml");
  assert_non_null(strstr(r.body, "<circle"));
  assert_non_null(http_header(&r, "Content-Security-Policy"));
  http_resp_free(&r);
  free(req);
}

/* The text formats for people: the best plan, the Pareto grid (a row per
 * configuration, as many as the JSON has) and the API break-even. */
static void
test_table_and_markdown(void **state)
{
  char *req = read_source_file("tests/data/plans/llama-70b-chat.json", NULL);
  struct http_resp r, j;
  json_t *doc;
  size_t rows = 0;

  (void)state;
  assert_true(http_post_json(&srv, "/v1/plans", req, NULL, &j));
  assert_int_equal(j.status, 200);
  doc = http_body_json(&j);
  assert_true(http_post_json(&srv, "/v1/plans?format=markdown", req, NULL, &r));
  assert_int_equal(r.status, 200);
  assert_non_null(strstr(http_header(&r, "Content-Type"), "text/markdown"));
  assert_non_null(strstr(r.body, "**the cheapest set-up**"));
  assert_non_null(strstr(r.body, "| rank | model | GPU | precision | width | batch |"));
  for (const char *s = strstr(strstr(r.body, "| rank |"), " | llama-3.1-70b | "); s != NULL;
       s = strstr(s + 1, " | llama-3.1-70b | "))
    rows++;
  /* a count of zero would match an empty Pareto set: the grid has rows */
  assert_true(rows >= 1);
  assert_int_equal(rows, json_array_size(json_object_get(doc, "pareto")));
  assert_non_null(strstr(r.body, "self-hosting is cheaper above "));
  assert_non_null(strstr(r.body, "rejected: slo\\_ttft "));
  http_resp_free(&r);
  assert_true(http_post_json(&srv, "/v1/plans?format=table", req, NULL, &r));
  assert_int_equal(r.status, 200);
  assert_non_null(strstr(http_header(&r, "Content-Type"), "text/plain"));
  assert_non_null(strstr(r.body, "TTFT ≤ 500 ms, TPOT ≤ 30 ms"));
  assert_null(strstr(r.body, "| rank |"));
  http_resp_free(&r);
  http_resp_free(&j);
  json_decref(doc);
  free(req);
}

/* `aicost plan FILE --format F` prints the server's bytes. */
static void
test_cli_bytes(void **state)
{
  (void)state;
  http_assert_cli_bytes(&srv, "plan", "/v1/plans", "tests/data/plans/llama-70b-chat.json");
}

/* ?bands=false: the best plan's point values only. */
static void
test_without_bands(void **state)
{
  char *req = read_source_file("tests/data/plans/llama-70b-chat.json", NULL);
  struct http_resp r;
  json_t *j;

  (void)state;
  assert_true(http_post_json(&srv, "/v1/plans?bands=false", req, NULL, &r));
  assert_int_equal(r.status, 200);
  j = http_body_json(&r);
  assert_true(json_is_null(
    json_object_get(json_object_get(json_object_get(j, "best"), "projection"), "bands")));
  json_decref(j);
  http_resp_free(&r);
  free(req);
}

/* An SLO nothing meets: still a 200, with the nearest miss. */
static void
test_infeasible(void **state)
{
  static const char body[] =
    "{\"model\":\"llama-3.1-70b\",\"traffic\":{\"requests_per_day\":1000,\"input_tokens\":100,"
    "\"output_tokens\":100},\"slo\":{\"tpot_ms\":0.1}}";
  struct http_resp r;
  json_t *j;

  (void)state;
  assert_true(http_post_json(&srv, "/v1/plans", body, NULL, &r));
  assert_int_equal(r.status, 200);
  j = http_body_json(&r);
  assert_true(json_is_false(json_object_get(j, "feasible")));
  assert_true(json_is_null(json_object_get(j, "best")));
  assert_non_null(
    strstr(json_string_value(json_object_get(json_object_get(j, "infeasible"), "nearest_miss")),
           "the SLO asks 0.1"));
  json_decref(j);
  http_resp_free(&r);
}

/* A plan in euros: the same search, every *_usd member renamed and
 * converted at the catalogue's rate (render_currency.c), the CSV's money
 * columns too; the text formats draw dollars, so they are a 422, as is a
 * currency without a rate. */
static void
test_in_currency(void **state)
{
#define PLAN_BODY(cur)                                                                             \
  "{\"model\":\"llama-3.1-70b\"," cur "\"traffic\":{\"requests_per_day\":100000,"                  \
  "\"input_tokens\":500,\"output_tokens\":200},\"slo\":{\"ttft_ms\":500,\"tpot_ms\":30},"          \
  "\"alternatives\":[\"openai/gpt-4o-mini\"]}"
  static const char usd[] = PLAN_BODY("");
  static const char eur[] = PLAN_BODY("\"currency\":\"EUR\",");
  static const char nope[] = PLAN_BODY("\"currency\":\"XYZ\",");
#undef PLAN_BODY
  struct http_resp r, u;
  json_t *ju, *je, *cur;
  double rate;

  (void)state;
  assert_true(http_post_json(&srv, "/v1/plans", usd, NULL, &u));
  assert_int_equal(u.status, 200);
  assert_true(http_post_json(&srv, "/v1/plans", eur, NULL, &r));
  assert_int_equal(r.status, 200);
  ju = http_body_json(&u);
  je = http_body_json(&r);
  cur = json_object_get(je, "currency");
  assert_string_equal(json_string_value(json_object_get(cur, "code")), "EUR");
  rate = num(cur, "per_usd");
  assert_true(rate > 0 && rate != 1);
  {
    json_t *cu = json_array_get(json_object_get(ju, "pareto"), 0),
           *ce = json_array_get(json_object_get(je, "pareto"), 0),
           *ae = json_array_get(json_object_get(je, "alternatives"), 0);

    assert_null(json_object_get(ce, "daily_usd"));
    assert_true(fabs(num(ce, "daily_eur") - num(cu, "daily_usd") * rate) <=
                1e-9 * num(cu, "daily_usd"));
    assert_true(num(ce, "ttft_ms") == num(cu, "ttft_ms")); /* not money: unchanged */
    assert_non_null(json_object_get(ae, "daily_eur"));
  }
  /* nowhere in dollars, the best plan's projection included (per_usd is the rate) */
  assert_null(strstr(r.body, "daily_usd\""));
  assert_null(strstr(r.body, "horizon_usd\""));
  assert_null(strstr(r.body, "total_usd\""));
  json_decref(ju);
  json_decref(je);
  http_resp_free(&r);
  http_resp_free(&u);
  assert_true(http_post_json(&srv, "/v1/plans?format=csv", eur, NULL, &r));
  assert_int_equal(r.status, 200);
  assert_non_null(strstr(r.body, ",price_per_gpu_hour_eur,"));
  assert_non_null(strstr(r.body, ",daily_eur,mean_daily_eur,horizon_eur\r\n"));
  http_resp_free(&r);
  assert_true(http_post_json(&srv, "/v1/plans?format=markdown", eur, NULL, &r));
  assert_int_equal(r.status, 422);
  assert_non_null(strstr(r.body, "\"/currency\""));
  http_resp_free(&r);
  assert_true(http_post_json(&srv, "/v1/plans", nope, NULL, &r));
  assert_int_equal(r.status, 422);
  assert_non_null(strstr(r.body, "no exchange rate for 'XYZ'"));
  http_resp_free(&r);
}

/* Bad input names every field: an SLO of 0, an unknown GPU (did you
 * mean), an unknown API, an unknown provider; constraints that empty the
 * space name the one that did. */
static void
test_bad_input(void **state)
{
  static const char bad[] =
    "{\"model\":\"llama-3.1-70b\",\"traffic\":{\"requests_per_day\":1000},\"slo\":{\"ttft_ms\":0},"
    "\"constraints\":{\"gpus\":[\"h100-sxm\",\"h100\"],\"providers\":[\"lambdaa\"]},"
    "\"alternatives\":[\"openai/gpt-5-nope\"]}";
  static const char empty[] =
    "{\"model\":\"llama-3.1-70b\",\"traffic\":{\"requests_per_day\":1000,\"output_tokens\":10},"
    "\"slo\":{\"ttft_ms\":1000},\"constraints\":{\"gpus\":[\"h100-sxm\"],\"pricing\":"
    "[\"capacity_block\"],\"providers\":[\"lambda\"]}}";
  struct http_resp r;

  (void)state;
  assert_true(http_post_json(&srv, "/v1/plans", bad, NULL, &r));
  assert_int_equal(r.status, 422);
  assert_string_equal(http_header(&r, "Content-Type"), "application/problem+json");
  assert_non_null(strstr(r.body, "\"/slo/ttft_ms\""));
  assert_non_null(strstr(r.body, "\"/constraints/gpus/1\""));
  assert_non_null(strstr(r.body, "did you mean"));
  assert_non_null(strstr(r.body, "\"/constraints/providers/0\""));
  assert_non_null(strstr(r.body, "\"/alternatives/0\""));
  http_resp_free(&r);
  assert_true(http_post_json(&srv, "/v1/plans", empty, NULL, &r));
  assert_int_equal(r.status, 422);
  assert_non_null(strstr(r.body, "\"/constraints/"));
  assert_non_null(strstr(r.body, "nothing is left to search"));
  http_resp_free(&r);
}

int
main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_best_meets_its_slo),
    cmocka_unit_test(test_csv_and_svg),
    cmocka_unit_test(test_table_and_markdown),
    cmocka_unit_test(test_cli_bytes),
    cmocka_unit_test(test_without_bands),
    cmocka_unit_test(test_infeasible),
    cmocka_unit_test(test_in_currency),
    cmocka_unit_test(test_bad_input),
    cmocka_unit_test(test_responses_match_openapi),
  };

  return cmocka_run_group_tests_name("http plans", tests, start, stop);
}
