/* End-to-end tests of every route and every error status, against the real
 * aicostd on an ephemeral loopback port. Every response is also recorded
 * and, in the last test, checked against openapi.yaml. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

static struct server srv;

static const char article[] =
  "{\"name\":\"article\",\"inference\":{\"cost_per_request_usd\":0.005},"
  "\"traffic\":{\"requests_per_day\":5000000}}";
static const char self_hosted[] =
  "{\"name\":\"self-hosted\",\"model\":\"llama-3.1-70b\","
  "\"training\":{\"gpu\":\"h100-sxm\",\"gpu_count\":64,"
  "\"fine_tuning\":{\"tokens\":2e9,\"epochs\":2,\"method\":\"lora\"}},"
  "\"inference\":{\"self_hosted\":{\"gpu\":\"h100-sxm\",\"precision\":\"fp8\",\"pricing\":\"reserved\"}},"
  "\"traffic\":{\"requests_per_day\":5000000,\"monthly_growth\":0.05,\"input_tokens\":800,"
  "\"output_tokens\":300}}";
static const char api[] =
  "{\"name\":\"api\",\"inference\":{\"api\":\"openai/gpt-4o-mini\"},"
  "\"traffic\":{\"requests_per_day\":5000000,\"input_tokens\":800,\"cached_input_tokens\":400,"
  "\"output_tokens\":300}}";

static int
start(void **state)
{
  static const char *const args[] = { "--max-body", "65536", "--threads", "2", NULL };

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
number_at(const json_t *j, const char *a, const char *b)
{
  const json_t *v = json_object_get(json_object_get(j, a), b);

  assert_true(json_is_number(v));
  return json_number_value(v);
}

/* Whether some errors[i].pointer equals `pointer` (and, when given, its detail contains `text`). */
static bool
has_error(const json_t *problem, const char *pointer, const char *text)
{
  size_t i;
  json_t *e;

  json_array_foreach(json_object_get(problem, "errors"), i, e)
  {
    const char *p = json_string_value(json_object_get(e, "pointer"));
    const char *d = json_string_value(json_object_get(e, "detail"));

    if (p != NULL && strcmp(p, pointer) == 0 && (text == NULL || (d != NULL && strstr(d, text))))
      return true;
  }
  return false;
}

static void
assert_problem(const struct http_resp *r, long status, const char *type_suffix)
{
  json_t *j;

  assert_int_equal(r->status, status);
  assert_non_null(http_header(r, "Content-Type"));
  assert_string_equal(http_header(r, "Content-Type"), "application/problem+json");
  j = http_body_json(r);
  assert_int_equal(json_integer_value(json_object_get(j, "status")), status);
  assert_non_null(strstr(json_string_value(json_object_get(j, "type")), type_suffix));
  assert_true(json_is_array(json_object_get(j, "errors")));
  json_decref(j);
}

/* Liveness answers with a fixed body and a generated request id. */
static void
test_healthz(void **state)
{
  struct http_resp r;

  (void)state;
  assert_true(http_get(&srv, "/healthz", NULL, &r));
  assert_int_equal(r.status, 200);
  assert_string_equal(r.body, "{\"status\":\"ok\"}");
  assert_string_equal(http_header(&r, "Content-Type"), "application/json");
  assert_non_null(http_header(&r, "X-Request-Id"));
  http_resp_free(&r);
}

/* Readiness names the catalogue being served, so operators can see a reload land. */
static void
test_readyz(void **state)
{
  struct http_resp r;
  json_t *j;

  (void)state;
  assert_true(http_get(&srv, "/readyz", NULL, &r));
  assert_int_equal(r.status, 200);
  j = http_body_json(&r);
  assert_string_equal(json_string_value(json_object_get(j, "status")), "ready");
  assert_true(strlen(json_string_value(json_object_get(json_object_get(j, "catalogue"), "hash"))) >
              0);
  json_decref(j);
  http_resp_free(&r);
}

/* A caller's X-Request-Id is echoed so it can be traced; an unsafe one is replaced. */
static void
test_request_id(void **state)
{
  static const char *const mine[] = { "X-Request-Id: trace-42.a:b_c", NULL };
  static const char *const unsafe[] = { "X-Request-Id: has space\"quote", NULL };
  struct http_req rq = { .path = "/healthz", .headers = mine };
  struct http_resp r;

  (void)state;
  assert_true(http_do(&srv, &rq, &r));
  assert_string_equal(http_header(&r, "X-Request-Id"), "trace-42.a:b_c");
  http_resp_free(&r);
  rq.headers = unsafe;
  assert_true(http_do(&srv, &rq, &r));
  assert_non_null(http_header(&r, "X-Request-Id"));
  assert_null(strstr(http_header(&r, "X-Request-Id"), "space"));
  http_resp_free(&r);
}

/* The article's case: $0.005 x 5,000,000 requests/day = $25,000/day, $9,125,000/year, printed exactly. */
static void
test_article_projection(void **state)
{
  struct http_resp r;
  json_t *j;

  (void)state;
  assert_true(http_post_json(&srv, "/v1/projections", article, NULL, &r));
  assert_int_equal(r.status, 200);
  assert_string_equal(http_header(&r, "Content-Type"), "application/json");
  assert_non_null(strstr(r.body, "\"daily_usd\":25000,"));
  j = http_body_json(&r);
  assert_true(number_at(j, "inference", "daily_usd") == 25000);
  assert_true(number_at(j, "inference", "annual_usd") == 9125000);
  assert_string_equal(json_string_value(json_object_get(json_object_get(j, "inference"), "kind")),
                      "cost_per_request");
  json_decref(j);
  http_resp_free(&r);
}

/* A self-hosted fleet is sized and reported (GPUs, latency), not just priced. */
static void
test_self_hosted_projection(void **state)
{
  struct http_resp r;
  json_t *j;
  json_t *sh;

  (void)state;
  assert_true(http_post_json(&srv, "/v1/projections", self_hosted, NULL, &r));
  assert_int_equal(r.status, 200);
  j = http_body_json(&r);
  sh = json_object_get(json_object_get(j, "inference"), "self_hosted");
  assert_true(json_is_object(sh));
  assert_true(json_number_value(json_object_get(sh, "gpus_total")) >= 1);
  assert_true(number_at(j, "training", "total_usd") > 0);
  json_decref(j);
  http_resp_free(&r);
}

/* A vendor API price from the catalogue: 800 in (400 cached) + 300 out on gpt-4o-mini. */
static void
test_api_projection(void **state)
{
  struct http_resp r;
  json_t *j;

  (void)state;
  assert_true(http_post_json(&srv, "/v1/projections", api, NULL, &r));
  assert_int_equal(r.status, 200);
  j = http_body_json(&r);
  assert_string_equal(json_string_value(json_object_get(json_object_get(j, "inference"), "kind")),
                      "api");
  assert_true(number_at(j, "inference", "daily_usd") > 0);
  json_decref(j);
  http_resp_free(&r);
}

/* Dashboards ask for CSV and SVG by Accept; the answer says Vary: Accept. */
static void
test_projection_csv_and_svg(void **state)
{
  static const char *const csv[] = { "Accept: text/csv", NULL };
  static const char *const svg[] = { "Accept: text/csv;q=0.5, image/svg+xml;q=0.9", NULL };
  struct http_resp r;

  (void)state;
  assert_true(http_post_json(&srv, "/v1/projections", article, csv, &r));
  assert_int_equal(r.status, 200);
  assert_non_null(strstr(http_header(&r, "Content-Type"), "text/csv"));
  assert_int_equal(strncmp(r.body, "day,", 4), 0);
  assert_non_null(strstr(http_header(&r, "Vary"), "Accept"));
  http_resp_free(&r);
  assert_true(http_post_json(&srv, "/v1/projections", article, svg, &r));
  assert_int_equal(r.status, 200);
  assert_string_equal(http_header(&r, "Content-Type"), "image/svg+xml");
  assert_non_null(strstr(r.body, "<svg"));
  http_resp_free(&r);
}

/* Issue 14: every answer carries bands unless ?bands=false; the self-hosted
 * plan's serving speed is uncertain, so its total has a spread with the
 * point inside, and a driver is named. ?bands=false gives null and the CSV
 * without the band columns; another value is a 422 naming the choice. */
static void
test_bands(void **state)
{
  static const char *const csv[] = { "Accept: text/csv", NULL };
  struct http_resp r;
  json_t *j, *b, *total;
  double point;

  (void)state;
  assert_true(http_post_json(&srv, "/v1/projections", self_hosted, NULL, &r));
  assert_int_equal(r.status, 200);
  j = http_body_json(&r);
  point = number_at(j, "projection", "total_usd");
  b = json_object_get(j, "bands");
  total = json_object_get(b, "total_usd");
  assert_int_equal(json_integer_value(json_object_get(b, "samples")), 64);
  assert_true(json_number_value(json_object_get(total, "p10")) < point);
  assert_true(json_number_value(json_object_get(total, "p90")) > point);
  assert_true(json_array_size(json_object_get(b, "drivers")) >= 1);
  json_decref(j);
  http_resp_free(&r);

  assert_true(http_post_json(&srv, "/v1/projections?bands=false", self_hosted, NULL, &r));
  assert_int_equal(r.status, 200);
  j = http_body_json(&r);
  assert_true(json_is_null(json_object_get(j, "bands")));
  json_decref(j);
  http_resp_free(&r);
  assert_true(http_post_json(&srv, "/v1/projections?bands=false", self_hosted, csv, &r));
  assert_int_equal(r.status, 200);
  assert_null(strstr(r.body, "_p10"));
  http_resp_free(&r);
  assert_true(http_post_json(&srv, "/v1/projections", self_hosted, csv, &r));
  /* the bands after the date and the energy columns */
  assert_non_null(strstr(r.body, ",date,daily_kwh,cumulative_tco2e,cumulative_inference_usd_p10,"
                                 "cumulative_inference_usd_p90\r\n"));
  http_resp_free(&r);

  assert_true(http_post_json(&srv, "/v1/projections?bands=maybe", self_hosted, NULL, &r));
  assert_int_equal(r.status, 422);
  assert_non_null(strstr(r.body, "bands must be true or false (got 'maybe')"));
  http_resp_free(&r);
}

/* Two options over one horizon: both projected, ranked, in input order. */
static void
test_comparison(void **state)
{
  char body[4096];
  struct http_resp r;
  json_t *j;

  (void)state;
  snprintf(body, sizeof body, "{\"horizon_days\":730,\"scenarios\":[%s,%s]}", article, api);
  assert_true(http_post_json(&srv, "/v1/comparisons", body, NULL, &r));
  assert_int_equal(r.status, 200);
  j = http_body_json(&r);
  assert_int_equal(json_array_size(json_object_get(j, "options")), 2);
  assert_int_equal(json_array_size(json_object_get(j, "ranking")), 2);
  /* the API option is far cheaper than $0.005 a request */
  assert_int_equal(json_integer_value(json_array_get(json_object_get(j, "ranking"), 0)), 1);
  assert_int_equal(json_integer_value(json_object_get(j, "horizon_days")), 730);
  json_decref(j);
  http_resp_free(&r);
}

/* A problem inside the second scenario is named under /scenarios/1. */
static void
test_comparison_422(void **state)
{
  char body[4096];
  struct http_resp r;
  json_t *j;

  (void)state;
  snprintf(body, sizeof body,
           "{\"scenarios\":[%s,{\"inference\":{\"cost_per_request_usd\":-1},"
           "\"traffic\":{\"requests_per_day\":1}}]}",
           article);
  assert_true(http_post_json(&srv, "/v1/comparisons", body, NULL, &r));
  assert_problem(&r, 422, "invalid");
  j = http_body_json(&r);
  assert_true(has_error(j, "/scenarios/1/inference/cost_per_request_usd", NULL));
  json_decref(j);
  http_resp_free(&r);
  /* fewer than two scenarios is a 422 on /scenarios */
  snprintf(body, sizeof body, "{\"scenarios\":[%s]}", article);
  assert_true(http_post_json(&srv, "/v1/comparisons", body, NULL, &r));
  assert_problem(&r, 422, "invalid");
  j = http_body_json(&r);
  assert_true(has_error(j, "/scenarios", NULL));
  json_decref(j);
  http_resp_free(&r);
}

/* Malformed JSON is a 400 whose detail says where (line and column). */
static void
test_malformed_400(void **state)
{
  struct http_resp r;
  json_t *j;

  (void)state;
  assert_true(
    http_post_json(&srv, "/v1/projections", "{\n  \"name\": \"x\",\n  oops\n}", NULL, &r));
  assert_problem(&r, 400, "malformed-json");
  j = http_body_json(&r);
  assert_non_null(strstr(json_string_value(json_object_get(j, "detail")), "line 3"));
  assert_non_null(strstr(json_string_value(json_object_get(j, "detail")), "column"));
  json_decref(j);
  http_resp_free(&r);
  /* an empty body is not a JSON document either */
  assert_true(http_post_json(&srv, "/v1/projections", "", NULL, &r));
  assert_problem(&r, 400, "malformed-json");
  http_resp_free(&r);
}

/* Every invalid field is reported at once, by pointer, with suggestions for an unknown id. */
static void
test_invalid_422(void **state)
{
  struct http_resp r;
  json_t *j;

  (void)state;
  assert_true(
    http_post_json(&srv, "/v1/projections",
                   "{\"traffic\":{\"requests_per_day\":-1},\"inference\":{\"api\":\"openai/gpt4\"},"
                   "\"bogus\":1}",
                   NULL, &r));
  assert_problem(&r, 422, "invalid");
  j = http_body_json(&r);
  assert_true(has_error(j, "/traffic/requests_per_day", NULL));
  assert_true(has_error(j, "/bogus", NULL));
  assert_true(has_error(j, "/inference/api", "did you mean"));
  json_decref(j);
  http_resp_free(&r);
}

/* Bad input of any shape is a 4xx, never a 5xx. */
static void
test_bad_input_never_5xx(void **state)
{
  static const char *const bodies[] = { "[]",
                                        "null",
                                        "\"x\"",
                                        "{}",
                                        "1e999",
                                        "{\"a\":1,\"a\":2}",
                                        "{\"traffic\":{\"requests_per_day\":1e308},\"inference\":"
                                        "{\"cost_per_request_usd\":1e308}}",
                                        NULL };
  char deep[4096];
  struct http_resp r;

  (void)state;
  for (size_t i = 0; bodies[i] != NULL; i++) {
    assert_true(http_post_json(&srv, "/v1/projections", bodies[i], NULL, &r));
    assert_true(r.status >= 400 && r.status < 500);
    http_resp_free(&r);
  }
  memset(deep, '[', 2000);
  memset(deep + 2000, ']', 2000);
  deep[4000] = '\0';
  assert_true(http_post_json(&srv, "/v1/projections", deep, NULL, &r));
  assert_true(r.status >= 400 && r.status < 500);
  http_resp_free(&r);
}

/* A path no route has is a 404 problem. */
static void
test_404(void **state)
{
  struct http_resp r;

  (void)state;
  assert_true(http_get(&srv, "/v2/nothing", "*", &r));
  assert_problem(&r, 404, "not-found");
  http_resp_free(&r);
  /* a trailing slash is another path */
  assert_true(http_get(&srv, "/v1/catalogue/", "*", &r));
  assert_problem(&r, 404, "not-found");
  http_resp_free(&r);
}

/* A known path with the wrong method is a 405 whose Allow comes from the route table. */
static void
test_405(void **state)
{
  struct http_req del = { .method = "DELETE", .path = "/v1/projections" };
  struct http_req post = { .method = "POST", .path = "/healthz", .body = "{}" };
  struct http_resp r;

  (void)state;
  assert_true(http_do(&srv, &del, &r));
  assert_problem(&r, 405, "method-not-allowed");
  assert_string_equal(http_header(&r, "Allow"), "POST, OPTIONS");
  http_resp_free(&r);
  assert_true(http_get(&srv, "/v1/comparisons", NULL, &r));
  assert_problem(&r, 405, "method-not-allowed");
  http_resp_free(&r);
  assert_true(http_do(&srv, &post, &r));
  assert_problem(&r, 405, "method-not-allowed");
  assert_string_equal(http_header(&r, "Allow"), "GET, HEAD, OPTIONS");
  http_resp_free(&r);
}

/* Accept that rules out everything a route produces is a 406 naming what it can produce. */
static void
test_406(void **state)
{
  static const char *const html[] = { "Accept: text/html", NULL };
  static const char *const zero[] = { "Accept: application/json;q=0, text/plain", NULL };
  struct http_req rq = { .path = "/healthz", .headers = html };
  struct http_resp r;
  json_t *j;

  (void)state;
  assert_true(http_post_json(&srv, "/v1/projections", article, html, &r));
  assert_problem(&r, 406, "not-acceptable");
  j = http_body_json(&r);
  assert_non_null(strstr(json_string_value(json_object_get(j, "detail")), "text/csv"));
  json_decref(j);
  http_resp_free(&r);
  assert_true(http_do(&srv, &rq, &r));
  assert_problem(&r, 406, "not-acceptable");
  http_resp_free(&r);
  rq.headers = zero; /* q=0 means "not this one" */
  assert_true(http_do(&srv, &rq, &r));
  assert_problem(&r, 406, "not-acceptable");
  http_resp_free(&r);
}

/* Over the limit by Content-Length: 413 before the body is read, with or without 100-continue. */
static void
test_413_content_length(void **state)
{
  static const char *const expect[] = { "Content-Type: application/json", "Expect: 100-continue",
                                        NULL };
  size_t n = 65537;
  char *big = malloc(n + 1);
  struct http_req rq = {
    .method = "POST", .path = "/v1/projections", .body = big, .body_len = n, .headers = expect
  };
  struct http_resp r;

  (void)state;
  memset(big, ' ', n);
  big[n] = '\0';
  assert_true(http_post_json(&srv, "/v1/projections", big, NULL, &r));
  assert_problem(&r, 413, "body-too-large");
  http_resp_free(&r);
  assert_true(http_do(&srv, &rq, &r));
  assert_problem(&r, 413, "body-too-large");
  http_resp_free(&r);
  free(big);
}

/* Over the limit in a chunked body: found while reading, answered 413, and the server carries on. */
static void
test_413_chunked(void **state)
{
  static const char *const json[] = { "Content-Type: application/json", NULL };
  size_t n = 300000;
  char *big = malloc(n + 1);
  struct http_req rq = { .method = "POST",
                         .path = "/v1/projections",
                         .body = big,
                         .body_len = n,
                         .headers = json,
                         .chunked = true };
  struct http_resp r;

  (void)state;
  memset(big, ' ', n);
  big[n] = '\0';
  assert_true(http_do(&srv, &rq, &r));
  assert_problem(&r, 413, "body-too-large");
  http_resp_free(&r);
  free(big);
  /* a chunked body under the limit is fine */
  rq.body = article;
  rq.body_len = strlen(article);
  assert_true(http_do(&srv, &rq, &r));
  assert_int_equal(r.status, 200);
  http_resp_free(&r);
}

/* Only application/json bodies are read; a UTF-8 charset is fine, another is not. */
static void
test_415(void **state)
{
  static const char *const text[] = { "Content-Type: text/plain", NULL };
  static const char *const latin1[] = { "Content-Type: application/json; charset=latin1", NULL };
  static const char *const utf8[] = { "Content-Type: application/json; charset=UTF-8", NULL };
  struct http_req rq = {
    .method = "POST", .path = "/v1/projections", .body = article, .headers = text
  };
  struct http_resp r;

  (void)state;
  assert_true(http_do(&srv, &rq, &r));
  assert_problem(&r, 415, "unsupported-media-type");
  http_resp_free(&r);
  rq.headers = latin1;
  assert_true(http_do(&srv, &rq, &r));
  assert_problem(&r, 415, "unsupported-media-type");
  http_resp_free(&r);
  rq.headers = NULL; /* curl's default for POST is form-urlencoded */
  assert_true(http_do(&srv, &rq, &r));
  assert_problem(&r, 415, "unsupported-media-type");
  http_resp_free(&r);
  rq.headers = utf8;
  assert_true(http_do(&srv, &rq, &r));
  assert_int_equal(r.status, 200);
  http_resp_free(&r);
}

/* The catalogue's ETag lets clients revalidate cheaply: a match is a 304 with no body. */
static void
test_catalogue_etag(void **state)
{
  char inm[256];
  char weak[256];
  const char *h[] = { inm, NULL };
  struct http_req rq = { .path = "/v1/catalogue", .headers = h };
  struct http_resp r;
  json_t *j;

  (void)state;
  assert_true(http_get(&srv, "/v1/catalogue", NULL, &r));
  assert_int_equal(r.status, 200);
  assert_non_null(http_header(&r, "ETag"));
  snprintf(inm, sizeof inm, "If-None-Match: %s", http_header(&r, "ETag"));
  snprintf(weak, sizeof weak, "If-None-Match: \"other\", W/%s", http_header(&r, "ETag"));
  assert_string_equal(http_header(&r, "Cache-Control"), "no-cache");
  j = http_body_json(&r);
  assert_string_equal(json_string_value(json_object_get(j, "currency")), "USD");
  assert_true(json_object_size(json_object_get(j, "gpus")) > 0);
  json_decref(j);
  http_resp_free(&r);

  assert_true(http_do(&srv, &rq, &r));
  assert_int_equal(r.status, 304);
  assert_int_equal(r.len, 0);
  http_resp_free(&r);
  h[0] = weak; /* weak comparison, in a list */
  assert_true(http_do(&srv, &rq, &r));
  assert_int_equal(r.status, 304);
  http_resp_free(&r);
  h[0] = "If-None-Match: \"stale\"";
  assert_true(http_do(&srv, &rq, &r));
  assert_int_equal(r.status, 200);
  http_resp_free(&r);
  /* sections revalidate with the same tag */
  h[0] = inm;
  rq.path = "/v1/catalogue/models";
  assert_true(http_do(&srv, &rq, &r));
  assert_int_equal(r.status, 304);
  http_resp_free(&r);
}

/* Each section holds exactly its own entries. */
static void
test_catalogue_sections(void **state)
{
  static const char *const paths[] = { "/v1/catalogue/gpus", "/v1/catalogue/models",
                                       "/v1/catalogue/api-prices" };
  static const char *const keys[] = { "gpus", "models", "api_prices" };
  struct http_resp r;

  (void)state;
  for (size_t i = 0; i < 3; i++) {
    json_t *j;

    assert_true(http_get(&srv, paths[i], NULL, &r));
    assert_int_equal(r.status, 200);
    j = http_body_json(&r);
    assert_true(json_object_size(json_object_get(j, keys[i])) > 0);
    assert_int_equal(json_object_size(j), 3); /* version, hash and the section */
    json_decref(j);
    http_resp_free(&r);
  }
}

/* One entry by id, including "vendor/model" ids with a slash, raw or percent-encoded. */
static void
test_catalogue_entries(void **state)
{
  static const struct {
    const char *path;
    const char *tmpl;
    const char *id;
  } ok[] = {
    { "/v1/catalogue/gpus/h100-sxm", "/v1/catalogue/gpus/{id}", "h100-sxm" },
    { "/v1/catalogue/models/llama-3.1-70b", "/v1/catalogue/models/{id}", "llama-3.1-70b" },
    { "/v1/catalogue/api-prices/openai/gpt-4o-mini", "/v1/catalogue/api-prices/{id}",
      "openai/gpt-4o-mini" },
    { "/v1/catalogue/api-prices/openai%2Fgpt-4o-mini", "/v1/catalogue/api-prices/{id}",
      "openai/gpt-4o-mini" },
  };
  struct http_resp r;

  (void)state;
  for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
    json_t *j;

    assert_true(http_get(&srv, ok[i].path, ok[i].tmpl, &r));
    assert_int_equal(r.status, 200);
    assert_non_null(http_header(&r, "ETag"));
    j = http_body_json(&r);
    assert_string_equal(json_string_value(json_object_get(j, "id")), ok[i].id);
    json_decref(j);
    http_resp_free(&r);
  }
}

/* An unknown id is a 404 that suggests the nearest ids. */
static void
test_catalogue_unknown_entry(void **state)
{
  struct http_resp r;
  json_t *j;
  json_t *s;

  (void)state;
  assert_true(http_get(&srv, "/v1/catalogue/gpus/h100", "/v1/catalogue/gpus/{id}", &r));
  assert_problem(&r, 404, "unknown-entry");
  j = http_body_json(&r);
  s = json_object_get(j, "suggestions");
  assert_true(json_array_size(s) >= 1);
  assert_non_null(strstr(json_string_value(json_object_get(j, "detail")), "did you mean"));
  assert_non_null(strstr(json_string_value(json_object_get(j, "detail")), "h100-sxm"));
  json_decref(j);
  http_resp_free(&r);
  /* %00 must not cut the id short and find h100-sxm */
  assert_true(http_get(&srv, "/v1/catalogue/gpus/h100-sxm%00x", "/v1/catalogue/gpus/{id}", &r));
  assert_problem(&r, 404, "unknown-entry");
  http_resp_free(&r);
  /* bytes that are not UTF-8 in the id still give a valid problem, not a 5xx */
  assert_true(http_get(&srv, "/v1/catalogue/models/%C3%28x", "/v1/catalogue/models/{id}", &r));
  assert_problem(&r, 404, "unknown-entry");
  http_resp_free(&r);
}

/* HEAD answers like GET without the body. */
static void
test_head(void **state)
{
  struct http_req rq = { .method = "HEAD", .path = "/v1/catalogue" };
  struct http_resp r;

  (void)state;
  assert_true(http_do(&srv, &rq, &r));
  assert_int_equal(r.status, 200);
  assert_int_equal(r.len, 0);
  assert_non_null(http_header(&r, "ETag"));
  http_resp_free(&r);
}

/* OPTIONS lists the methods (CORS is off by default: no Access-Control headers). */
static void
test_options(void **state)
{
  static const char *const origin[] = { "Origin: https://dash.example",
                                        "Access-Control-Request-Method: POST", NULL };
  struct http_req rq = { .method = "OPTIONS", .path = "/v1/projections", .headers = origin };
  struct http_resp r;

  (void)state;
  assert_true(http_do(&srv, &rq, &r));
  assert_int_equal(r.status, 204);
  assert_string_equal(http_header(&r, "Allow"), "POST, OPTIONS");
  assert_null(http_header(&r, "Access-Control-Allow-Origin"));
  http_resp_free(&r);
}

/* The contract is served from the binary, byte for byte the repository's openapi.yaml. */
static void
test_openapi_served(void **state)
{
  struct http_resp r;
  size_t len = 0;
  char *doc = read_source_file("openapi.yaml", &len);

  (void)state;
  assert_non_null(doc);
  assert_true(http_get(&srv, "/openapi.yaml", NULL, &r));
  assert_int_equal(r.status, 200);
  assert_string_equal(http_header(&r, "Content-Type"), "application/yaml");
  assert_int_equal(r.len, len);
  assert_memory_equal(r.body, doc, len);
  free(doc);
  http_resp_free(&r);
}

/* /metrics counts what the tests above did, by route and status. */
static void
test_metrics(void **state)
{
  struct http_resp r;

  (void)state;
  assert_true(http_get(&srv, "/metrics", NULL, &r));
  assert_int_equal(r.status, 200);
  assert_non_null(strstr(http_header(&r, "Content-Type"), "text/plain"));
  assert_true(
    metric_value(
      r.body, "aicost_http_requests_total{method=\"GET\",route=\"/healthz\",status=\"200\"}") >= 1);
  assert_true(
    metric_value(
      r.body,
      "aicost_http_requests_total{method=\"POST\",route=\"/v1/projections\",status=\"413\"}") >= 2);
  assert_true(
    metric_value(
      r.body, "aicost_http_requests_total{method=\"other\",route=\"other\",status=\"404\"}") >= 1);
  /* this request itself is in flight */
  assert_true(metric_value(r.body, "aicost_http_requests_in_flight") >= 1);
  assert_true(metric_value(r.body, "aicost_catalogue_reloads_total") == 0);
  assert_non_null(strstr(r.body, "aicost_catalogue_info{version=\""));
  assert_non_null(strstr(
    r.body,
    "aicost_http_request_duration_seconds_bucket{method=\"POST\",route=\"/v1/projections\",le=\"+Inf\"}"));
  http_resp_free(&r);
}

int
main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_healthz),
    cmocka_unit_test(test_readyz),
    cmocka_unit_test(test_request_id),
    cmocka_unit_test(test_article_projection),
    cmocka_unit_test(test_self_hosted_projection),
    cmocka_unit_test(test_api_projection),
    cmocka_unit_test(test_projection_csv_and_svg),
    cmocka_unit_test(test_bands),
    cmocka_unit_test(test_comparison),
    cmocka_unit_test(test_comparison_422),
    cmocka_unit_test(test_malformed_400),
    cmocka_unit_test(test_invalid_422),
    cmocka_unit_test(test_bad_input_never_5xx),
    cmocka_unit_test(test_404),
    cmocka_unit_test(test_405),
    cmocka_unit_test(test_406),
    cmocka_unit_test(test_413_content_length),
    cmocka_unit_test(test_413_chunked),
    cmocka_unit_test(test_415),
    cmocka_unit_test(test_catalogue_etag),
    cmocka_unit_test(test_catalogue_sections),
    cmocka_unit_test(test_catalogue_entries),
    cmocka_unit_test(test_catalogue_unknown_entry),
    cmocka_unit_test(test_head),
    cmocka_unit_test(test_options),
    cmocka_unit_test(test_openapi_served),
    cmocka_unit_test(test_metrics),
    cmocka_unit_test(test_responses_match_openapi),
  };

  return cmocka_run_group_tests_name("http api", tests, start, stop);
}
