/* POST /v1/comparisons with an option that names a plan ({"name", "plan"})
 * on the default catalogue: the option is the plan's best set-up projected
 * over the comparison's horizon (the same numbers as POST /v1/plans'
 * best.projection for that horizon) and says what the plan chose; a plan
 * nothing meets and bad plan members are 422s under /scenarios/<i>/plan;
 * `aicost compare FILE` prints the server's bytes in every format; every
 * response is checked against openapi.yaml in the last test. */
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

/* An API option and a plan option over 180 days. */
#define REQUEST "tests/data/scenarios/compare-plan-vs-api.json"

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

/* The request with option 1's plan replaced by `plan` (a JSON text). */
static char *
with_plan(const char *plan)
{
  char *req = read_source_file(REQUEST, NULL);
  json_t *doc = json_loads(req, 0, NULL), *p = json_loads(plan, 0, NULL);
  char *out;

  assert_non_null(doc);
  assert_non_null(p);
  assert_int_equal(
    json_object_set_new(json_array_get(json_object_get(doc, "scenarios"), 1), "plan", p), 0);
  out = json_dumps(doc, JSON_COMPACT);
  assert_non_null(out);
  json_decref(doc);
  free(req);
  return out;
}

/* Posts a comparison that must be refused: a 422 problem+json in *r. */
static void
post_refused(const char *req, struct http_resp *r)
{
  assert_true(http_post_json(&srv, "/v1/comparisons", req, NULL, r));
  assert_int_equal(r->status, 422);
  assert_string_equal(http_header(r, "Content-Type"), "application/problem+json");
}

/* The plan option's numbers are POST /v1/plans' best projection for the
 * comparison's horizon, member for member (its name and `plan` aside);
 * its `plan` is the plan's best configuration; the API option has no plan. */
static void
test_plan_option_is_the_best_projection(void **state)
{
  static const char *const same[] = { "catalogue", "training", "inference", "projection",
                                      "bands",     "energy",   "warnings",  NULL };
  char *req = read_source_file(REQUEST, NULL);
  struct http_resp c, p;
  json_t *doc, *plan, *cmp, *opt, *best;
  char *plan_body;

  (void)state;
  assert_true(http_post_json(&srv, "/v1/comparisons", req, NULL, &c));
  assert_int_equal(c.status, 200);
  assert_string_equal(http_header(&c, "Content-Type"), "application/json");
  cmp = http_body_json(&c);
  assert_true(
    json_is_null(json_object_get(json_array_get(json_object_get(cmp, "options"), 0), "plan")));
  opt = json_array_get(json_object_get(cmp, "options"), 1);
  assert_string_equal(json_string_value(json_object_get(opt, "name")),
                      "cheapest Llama 3.1 8B set-up");

  /* the same plan on its own, over the comparison's horizon (180 days:
   * the request's horizon_days) */
  doc = json_loads(req, 0, NULL);
  assert_non_null(doc);
  plan = json_deep_copy(
    json_object_get(json_array_get(json_object_get(doc, "scenarios"), 1), "plan"));
  assert_int_equal(json_object_set_new(plan, "horizon_days", json_integer(180)), 0);
  plan_body = json_dumps(plan, JSON_COMPACT);
  assert_true(http_post_json(&srv, "/v1/plans", plan_body, NULL, &p));
  assert_int_equal(p.status, 200);
  json_decref(plan);
  plan = http_body_json(&p);
  best = json_object_get(plan, "best");
  assert_non_null(best);
  assert_true(json_equal(json_object_get(json_object_get(opt, "plan"), "configuration"),
                         json_object_get(best, "configuration")));
  assert_true(
    json_integer_value(json_object_get(json_object_get(opt, "plan"), "configurations_searched")) ==
    json_integer_value(json_object_get(json_object_get(plan, "searched"), "configurations")));
  for (size_t i = 0; same[i] != NULL; i++) {
    if (!json_equal(json_object_get(opt, same[i]),
                    json_object_get(json_object_get(best, "projection"), same[i])))
      fail_msg("option 1's %s differs from the plan's best projection", same[i]);
  }
  /* and it was weighed: the ranking holds both options */
  assert_int_equal(json_array_size(json_object_get(cmp, "ranking")), 2);
  json_decref(plan);
  json_decref(doc);
  json_decref(cmp);
  free(plan_body);
  free(req);
  http_resp_free(&p);
  http_resp_free(&c);
}

/* The comparison's horizon applies to the plan: a longer one is the
 * plan's best over that horizon, not over the plan's own horizon_days. */
static void
test_comparison_horizon_applies(void **state)
{
  char *req = with_plan("{\"model\":\"llama-3.1-8b\",\"horizon_days\":30,\"traffic\":"
                        "{\"requests_per_day\":200000,\"input_tokens\":800,\"output_tokens\":200},"
                        "\"slo\":{\"ttft_ms\":500,\"tpot_ms\":30}}");
  struct http_resp r;
  json_t *j, *opt, *cfg;
  double mean, horizon;

  (void)state;
  assert_true(http_post_json(&srv, "/v1/comparisons", req, NULL, &r));
  assert_int_equal(r.status, 200);
  j = http_body_json(&r);
  opt = json_array_get(json_object_get(j, "options"), 1);
  assert_int_equal(
    json_integer_value(json_object_get(json_object_get(opt, "projection"), "horizon_days")), 180);
  /* the planner itself costed 180 days: horizon = mean daily x 180, not x 30 */
  cfg = json_object_get(json_object_get(opt, "plan"), "configuration");
  mean = json_number_value(json_object_get(cfg, "mean_daily_usd"));
  horizon = json_number_value(json_object_get(cfg, "horizon_usd"));
  assert_true(mean > 0);
  assert_true(fabs(horizon - mean * 180) <= 1e-9 * horizon);
  json_decref(j);
  http_resp_free(&r);
  free(req);
}

/* A plan nothing meets: a 422 at the SLO member the nearest miss is
 * about, with the planner's words; never a 5xx. */
static void
test_infeasible_plan(void **state)
{
  char *req = with_plan("{\"model\":\"llama-3.1-8b\",\"traffic\":{\"requests_per_day\":1000,"
                        "\"input_tokens\":100,\"output_tokens\":100},\"slo\":{\"tpot_ms\":0.01}}");
  char *cap = with_plan("{\"model\":\"llama-3.1-70b\",\"traffic\":{\"requests_per_day\":1000000,"
                        "\"input_tokens\":1000,\"output_tokens\":300},\"slo\":{\"ttft_ms\":500,"
                        "\"tpot_ms\":30},\"constraints\":{\"max_gpus_total\":1}}");
  struct http_resp r;

  (void)state;
  post_refused(req, &r);
  assert_non_null(strstr(r.body, "\"pointer\":\"/scenarios/1/plan/slo/tpot_ms\""));
  assert_non_null(strstr(r.body, "no set-up meets the plan: TPOT "));
  assert_non_null(strstr(r.body, "the SLO asks 0.01"));
  http_resp_free(&r);
  /* a constraint that no set-up meeting the SLO fits: the constraint is named */
  post_refused(cap, &r);
  assert_non_null(strstr(r.body, "\"pointer\":\"/scenarios/1/plan/constraints/max_gpus_total\""));
  assert_non_null(strstr(r.body, "max_gpus_total is 1"));
  http_resp_free(&r);
  free(cap);
  free(req);
}

/* Bad plan members by JSON Pointer under /scenarios/<i>/plan, every one
 * reported, as POST /v1/plans reports them at the root. */
static void
test_bad_plan_members(void **state)
{
  char *req = with_plan("{\"model\":\"llama-3.1-8b\",\"traffic\":{\"requests_per_day\":1000},"
                        "\"slo\":{\"ttft_ms\":0},\"constraints\":{\"gpus\":[\"h100-sxmm\"]},"
                        "\"alternatives\":[\"openai/gpt-5-nope\"],\"colour\":\"red\"}");
  struct http_resp r;

  (void)state;
  post_refused(req, &r);
  assert_non_null(strstr(r.body, "\"pointer\":\"/scenarios/1/plan/slo/ttft_ms\""));
  assert_non_null(strstr(r.body, "\"pointer\":\"/scenarios/1/plan/constraints/gpus/0\""));
  assert_non_null(strstr(r.body, "did you mean 'h100-sxm'"));
  assert_non_null(strstr(r.body, "\"pointer\":\"/scenarios/1/plan/alternatives/0\""));
  assert_non_null(strstr(r.body, "\"pointer\":\"/scenarios/1/plan/colour\""));
  http_resp_free(&r);
  free(req);
}

/* `aicost compare FILE --format F` prints the server's bytes in every
 * format, the plan option included: the JSON's `plan` and the table's
 * line naming the set-up chosen. */
static void
test_cli_bytes(void **state)
{
  char *req = read_source_file(REQUEST, NULL);
  struct http_resp r;

  (void)state;
  assert_true(http_post_json(&srv, "/v1/comparisons", req, NULL, &r));
  assert_int_equal(r.status, 200);
  assert_non_null(strstr(r.body, "\"plan\":{\"configuration\":{\"model\":\"llama-3.1-8b\""));
  http_resp_free(&r);
  assert_true(http_post_json(&srv, "/v1/comparisons?format=table", req, NULL, &r));
  assert_int_equal(r.status, 200);
  assert_non_null(strstr(r.body, "option 1 is a plan's cheapest set-up: llama-3.1-8b on "));
  http_resp_free(&r);
  free(req);
  http_assert_cli_bytes(&srv, "compare", "/v1/comparisons", REQUEST);
}

int
main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_plan_option_is_the_best_projection),
    cmocka_unit_test(test_comparison_horizon_applies),
    cmocka_unit_test(test_infeasible_plan),
    cmocka_unit_test(test_bad_plan_members),
    cmocka_unit_test(test_cli_bytes),
    cmocka_unit_test(test_responses_match_openapi),
  };

  return cmocka_run_group_tests_name("http plan comparisons", tests, start, stop);
}
