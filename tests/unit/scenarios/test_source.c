/* A scenario as its author wrote it (scenario_source.c): JSON or YAML told
 * apart by the bytes, never the name, and problems placed in the source:
 * pointers for JSON, file:line:col for YAML, the core's included. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "aicost/scenarios.h"
#include "testcat.h"

/* Each row: bytes and whether they are JSON. */
static void
told_apart_by_content(void **state)
{
  static const struct {
    const char *text;
    bool json;
  } rows[] = {
    { "{\"a\": 1}", true },             /* an object */
    { " \r\n\t[1]", true },             /* white space first */
    { "\xEF\xBB\xBF{}", true },         /* a byte-order mark first */
    { "{a: 1}", true },                 /* YAML's flow style reads as JSON (and fails as JSON) */
    { "# comment\n{\"a\": 1}", false }, /* a comment is YAML's */
    { "a: 1", false },
    { "---\na: 1", false },
    { "", false }, /* empty: YAML, whose empty document is reported */
    { "   ", false },
  };

  (void)state;
  for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
    assert_int_equal(aic_source_is_json(rows[i].text, strlen(rows[i].text)), rows[i].json);
}

static bool
has(const struct aic_diags *d, const char *pointer, const char *part)
{
  for (size_t i = 0; i < d->n; i++) {
    if (strcmp(d->v[i].pointer, pointer) == 0 && strstr(d->v[i].detail, part) != NULL)
      return true;
  }
  return false;
}

/* The same scenario read from YAML and JSON gives the same struct. */
static void
yaml_and_json_agree(void **state)
{
  const char *yaml = "# a bot\ntraffic:\n  requests_per_day: 5e6\ninference:\n"
                     "  cost_per_request_usd: 0.005\nbudget_usd: 1e7\n";
  const char *json = "{\"traffic\": {\"requests_per_day\": 5000000}, \"inference\": "
                     "{\"cost_per_request_usd\": 0.005}, \"budget_usd\": 10000000}";
  struct aic_diags d = AIC_DIAGS_INIT;
  struct aic_source y, j;
  struct aic_scenario a, b;

  (void)state;
  assert_int_equal(aic_source_parse(yaml, strlen(yaml), "bot.json", 1 << 20, &y, &d), AIC_OK);
  assert_non_null(y.yaml);
  assert_int_equal(aic_source_parse(json, strlen(json), "bot.yaml", 1 << 20, &j, &d), AIC_OK);
  assert_null(j.yaml);
  assert_int_equal(aic_source_scenario(&y, testcat(), &a, &d), AIC_OK);
  assert_int_equal(aic_source_scenario(&j, testcat(), &b, &d), AIC_OK);
  assert_true(a.traffic.requests_per_day == b.traffic.requests_per_day);
  assert_true(a.budget_usd == 1e7 && b.budget_usd == 1e7);
  assert_int_equal(d.n, 0);
  aic_source_release(&y);
  aic_source_release(&j);
}

/* A YAML file's problems, the engine's and those placed afterwards (the
 * core reports by pointer), at file:line:col with the key path. */
static void
yaml_problems_placed(void **state)
{
  const char *yaml = "traffic:\n  requests_per_day: -1\ninference:\n  cost_per_request_usd: 1\n";
  struct aic_diags d = AIC_DIAGS_INIT, core = AIC_DIAGS_INIT;
  struct aic_source s;
  struct aic_scenario sc;

  (void)state;
  assert_int_equal(aic_source_parse(yaml, strlen(yaml), "f.yaml", 1 << 20, &s, &d), AIC_OK);
  assert_int_equal(aic_source_scenario(&s, testcat(), &sc, &d), AIC_E_INVALID);
  assert_true(has(&d, "f.yaml:2:21", "traffic.requests_per_day: must not be negative"));
  aic_diag_add(&core, "/inference/cost_per_request_usd", "a problem the core found");
  aic_source_place(&s, &core, &d);
  assert_true(has(&d, "f.yaml:4:25", "inference.cost_per_request_usd: a problem the core found"));
  aic_source_release(&s);
}

/* Syntax: YAML at its line and column; JSON with line and column in the
 * detail; a size limit; and release after a failure is safe. */
static void
syntax_errors(void **state)
{
  struct aic_diags d = AIC_DIAGS_INIT;
  struct aic_source s;

  (void)state;
  assert_int_equal(aic_source_parse("a: [\n", 5, "x.yaml", 1 << 20, &s, &d), AIC_E_SYNTAX);
  assert_int_equal(strncmp(d.v[0].pointer, "x.yaml:", 7), 0);
  aic_source_release(&s);
  aic_diags_reset(&d);
  assert_int_equal(aic_source_parse("{\"a\": ", 6, "x.json", 1 << 20, &s, &d), AIC_E_SYNTAX);
  assert_non_null(strstr(d.v[0].detail, "line 1"));
  aic_source_release(&s);
  aic_diags_reset(&d);
  assert_int_equal(aic_source_parse("a: 1\n", 5, "x.yaml", 2, &s, &d), AIC_E_SYNTAX);
  aic_source_release(&s);
}

int
main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(told_apart_by_content),
    cmocka_unit_test(yaml_and_json_agree),
    cmocka_unit_test(yaml_problems_placed),
    cmocka_unit_test(syntax_errors),
  };

  return cmocka_run_group_tests(tests, NULL, NULL);
}
