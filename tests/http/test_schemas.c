/* GET /v1/schemas/{name}: each document's JSON Schema as the CLI prints it,
 * revalidated by ETag like the catalogue, 404 for another name; every
 * response is checked against openapi.yaml in the last test. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
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

/* Each name answers its schema, as application/schema+json by default. */
static void
test_each_schema(void **state)
{
  static const char *const names[][2] = {
    { "scenario", "Scenario" },
    { "comparison", "ComparisonRequest" },
    { "catalogue", "Catalogue" },
    { "plan", "PlanRequest" },
  };

  (void)state;
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
    char path[64], id[64];
    struct http_resp r;
    json_t *j;

    snprintf(path, sizeof path, "/v1/schemas/%s", names[i][0]);
    snprintf(id, sizeof id, "urn:aicost:schema:%s", names[i][0]);
    assert_true(http_get(&srv, path, "/v1/schemas/{name}", &r));
    assert_int_equal(r.status, 200);
    assert_string_equal(http_header(&r, "Content-Type"), "application/schema+json");
    assert_string_equal(http_header(&r, "Cache-Control"), "no-cache");
    assert_non_null(http_header(&r, "ETag"));
    j = json_loadb(r.body, r.len, 0, NULL);
    assert_non_null(j);
    assert_string_equal(json_string_value(json_object_get(j, "$schema")),
                        "https://json-schema.org/draft/2020-12/schema");
    assert_string_equal(json_string_value(json_object_get(j, "$id")), id);
    assert_string_equal(json_string_value(json_object_get(j, "title")), names[i][1]);
    json_decref(j);
    http_resp_free(&r);
  }
}

/* A client that asks for plain JSON gets the same bytes as JSON; a match
 * of the ETag is a 304 without a body. */
static void
test_json_and_etag(void **state)
{
  char inm[128];
  const char *h[] = { "Accept: application/json", NULL };
  struct http_req rq = { .path = "/v1/schemas/scenario",
                         .tmpl = "/v1/schemas/{name}",
                         .headers = h };
  struct http_resp first, r;

  (void)state;
  assert_true(http_get(&srv, "/v1/schemas/scenario", "/v1/schemas/{name}", &first));
  assert_true(http_do(&srv, &rq, &r));
  assert_int_equal(r.status, 200);
  assert_string_equal(http_header(&r, "Content-Type"), "application/json");
  assert_int_equal(r.len, first.len);
  assert_memory_equal(r.body, first.body, r.len);
  http_resp_free(&r);
  snprintf(inm, sizeof inm, "If-None-Match: %s", http_header(&first, "ETag"));
  h[0] = inm;
  assert_true(http_do(&srv, &rq, &r));
  assert_int_equal(r.status, 304);
  assert_int_equal(r.len, 0);
  http_resp_free(&r);
  http_resp_free(&first);
}

/* Another name is a 404 that lists the names. */
static void
test_unknown_name(void **state)
{
  struct http_resp r;

  (void)state;
  assert_true(http_get(&srv, "/v1/schemas/projection", "/v1/schemas/{name}", &r));
  assert_int_equal(r.status, 404);
  assert_non_null(strstr(
    r.body, "no schema 'projection'; the schemas are scenario, comparison, catalogue and plan"));
  http_resp_free(&r);
}

int
main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_each_schema),
    cmocka_unit_test(test_json_and_etag),
    cmocka_unit_test(test_unknown_name),
    cmocka_unit_test(test_responses_match_openapi),
  };

  return cmocka_run_group_tests_name("http schemas", tests, start, stop);
}
