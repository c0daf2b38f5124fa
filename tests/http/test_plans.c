/* POST /v1/plans on the default catalogue: the answer in every format, the
 * best plan's own projection meeting the SLO, the CLI's bytes, and bad
 * input as problem+json naming each field; every response is checked
 * against openapi.yaml in the last test. */
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

static json_t *
body_json(const struct http_resp *r)
{
  json_t *j = json_loadb(r->body, r->len, 0, NULL);

  assert_non_null(j);
  return j;
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
  j = body_json(&r);
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
  pj = body_json(&p);
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
  /* a format of the table that renders no plan: 406, never a crash */
  assert_true(http_post_json(&srv, "/v1/plans?format=markdown", req, NULL, &r));
  assert_int_equal(r.status, 406);
  assert_string_equal(http_header(&r, "Content-Type"), "application/problem+json");
  http_resp_free(&r);
  free(req);
}

/* `aicost plan FILE --format F` prints the server's bytes (and a newline
 * after the JSON, which has none). */
static void
test_cli_bytes(void **state)
{
  static const char *const formats[] = { "json", "csv", "svg" };
  static const char *const accept[] = { "Accept: application/json", "Accept: text/csv",
                                        "Accept: image/svg+xml" };
  const char *cli = getenv("AICOST_CLI"), *root = getenv("AICOST_SOURCE_ROOT");
  char *req = read_source_file("tests/data/plans/llama-70b-chat.json", NULL);

  (void)state;
  assert_non_null(cli);
  assert_non_null(root);
  for (size_t i = 0; i < 3; i++) {
    const char *const headers[] = { accept[i], NULL };
    char cmd[2048], *out = malloc(1 << 20);
    struct http_resp r;
    size_t n;
    FILE *p;

    snprintf(cmd, sizeof cmd, "'%s' plan --format %s '%s/tests/data/plans/llama-70b-chat.json'",
             cli, formats[i], root);
    assert_non_null(out);
    p = popen(cmd, "r");
    assert_non_null(p);
    n = fread(out, 1, (1 << 20) - 1, p);
    assert_int_equal(pclose(p), 0);
    assert_true(http_post_json(&srv, "/v1/plans", req, headers, &r));
    assert_int_equal(r.status, 200);
    if (i == 0) {
      assert_true(n == r.len + 1 && out[r.len] == '\n');
      n = r.len;
    }
    assert_int_equal(n, r.len);
    assert_memory_equal(out, r.body, n);
    http_resp_free(&r);
    free(out);
  }
  free(req);
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
  j = body_json(&r);
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
  j = body_json(&r);
  assert_true(json_is_false(json_object_get(j, "feasible")));
  assert_true(json_is_null(json_object_get(j, "best")));
  assert_non_null(
    strstr(json_string_value(json_object_get(json_object_get(j, "infeasible"), "nearest_miss")),
           "the SLO asks 0.1"));
  json_decref(j);
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
    cmocka_unit_test(test_cli_bytes),
    cmocka_unit_test(test_without_bands),
    cmocka_unit_test(test_infeasible),
    cmocka_unit_test(test_bad_input),
    cmocka_unit_test(test_responses_match_openapi),
  };

  return cmocka_run_group_tests_name("http plans", tests, start, stop);
}
