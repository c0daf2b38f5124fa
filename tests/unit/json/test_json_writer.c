/* The one JSON writer (src/json/json_writer.h) through what it writes for
 * real requests: projections and comparisons (aic_projection_to_json /
 * aic_comparison_to_json, the server's replies and the CLI's output).
 *   - The golden responses of tests/data/golden, taken from the server
 *     before the writer existed: byte for byte.
 *   - Every text is what jansson prints for the values it holds: parsed
 *     strictly and dumped again, it gives the same bytes (this is what lets
 *     the CLI pretty-print through jansson without changing a value).
 *   - Every series point against a reference written here without the
 *     writer's caches: each member's key and each value's aic_num_format
 *     text, point after point (the caches copy text they wrote earlier;
 *     a wrong copy would show here).
 * For every valid request we have (data folders, the hostile suite's valid
 * bodies, the named scenarios) and a sweep of 168 series; hand-made
 * structs are test_json_writer_edges.c's. Argument: tests/data (its grandparent holds tests/hostile/cases
 * and config/scenarios). */
#include <dirent.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "aicost/catalogue_io.h"
#include "aicost/json.h"
#include "aicost/render.h"
#include "aicost/scenarios.h"
#include "testcat.h"
#include "testfiles.h"
#include "writer_check.h"

static char root[512];
static struct aic_catalogue *embedded;

/* Projects one request body (a scenario, or a comparison when it has
 * "scenarios") and checks its text (against `golden` when given). Returns
 * false when the body is not a valid request (nothing checked). */
static bool
check_request(const char *what, const char *body, size_t len, const struct aic_catalogue *cat,
              const char *golden, size_t golden_len)
{
  struct aic_diags d = AIC_DIAGS_INIT;
  json_t *doc;
  char *text = NULL;
  size_t text_len = 0;
  bool ok = false;

  if (aic_json_parse(body, len, &doc, &d) != AIC_OK)
    return false;
  if (json_object_get(doc, "scenarios") != NULL) {
    struct aic_scenario *sc = NULL;
    struct aic_comparison cmp = { 0 };
    size_t n = 0;
    int horizon = AIC_HORIZON_DEFAULT;

    if (aic_comparison_request_from_json(doc, cat, &sc, NULL, &n, &horizon, &d) == AIC_OK &&
        aic_compare(cat, sc, n, horizon, &cmp, &d) == AIC_OK &&
        aic_comparison_bands(cat, sc, n, &cmp, &d) == AIC_OK) {
      const char *at;

      text = aic_comparison_to_json(&cmp, cat, &text_len);
      writer_assert_canonical(what, text, text_len);
      at = text;
      for (size_t i = 0; i < cmp.n; i++)
        writer_assert_series(what, &at, &cmp.projections[i]);
      ok = true;
    }
    aic_comparison_release(&cmp);
    free(sc);
  } else {
    struct aic_scenario sc;
    struct aic_projection pj = { 0 };

    if (aic_scenario_from_json(doc, cat, "", &sc, &d) == AIC_OK &&
        aic_project(cat, &sc, &pj, &d) == AIC_OK &&
        aic_project_bands(cat, &sc, &pj, &d) == AIC_OK) {
      const char *at;

      text = aic_projection_to_json(&pj, cat, &text_len);
      writer_assert_canonical(what, text, text_len);
      at = text;
      writer_assert_series(what, &at, &pj);
      ok = true;
    }
    aic_projection_release(&pj);
  }
  if (ok && golden != NULL)
    writer_assert_same(what, text, text_len, golden, golden_len);
  free(text);
  json_decref(doc);
  return ok;
}

/* Every file NAME*SUFFIX of dir, with its stem. */
static size_t
each_file(const char *dir, const char *prefix, const char *suffix,
          void (*fn)(const char *dir, const char *stem, size_t *n), size_t *n)
{
  char stem[256];
  struct dirent *e;
  DIR *d = opendir(dir);

  if (d == NULL)
    fail_msg("cannot open %s", dir);
  while ((e = readdir(d)) != NULL) {
    size_t l = strlen(e->d_name), s = strlen(suffix);

    if (l <= s || l - s >= sizeof stem || strcmp(e->d_name + l - s, suffix) != 0 ||
        strncmp(e->d_name, prefix, strlen(prefix)) != 0)
      continue;
    memcpy(stem, e->d_name, l - s);
    stem[l - s] = '\0';
    fn(dir, stem, n);
  }
  closedir(d);
  return *n;
}

static void
golden_case(const char *dir, const char *stem, size_t *n)
{
  char path[1024], *req, *want;
  size_t req_len = 0, want_len = 0;

  snprintf(path, sizeof path, "%s/%s.request.json", dir, stem);
  req = testfile_read(path, &req_len);
  snprintf(path, sizeof path, "%s/%s.json", dir, stem);
  want = testfile_read(path, &want_len);
  if (req == NULL || want == NULL)
    fail_msg("%s: cannot read", stem);
  if (!check_request(stem, req, req_len, embedded, want, want_len))
    fail_msg("%s: the golden request is not valid any more", stem);
  (*n)++;
  free(req);
  free(want);
}

/* The golden responses (taken from the server before the writer existed):
 * the writer prints them exactly. */
static void
test_golden(void **state)
{
  char dir[1024];
  size_t n = 0;

  (void)state;
  snprintf(dir, sizeof dir, "%s/tests/data/golden", root);
  each_file(dir, "", ".request.json", golden_case, &n);
  print_message("# %zu golden documents\n", n);
  assert_true(n >= 13);
}

static void
data_case(const char *dir, const char *stem, size_t *n)
{
  char path[1024], *text;
  size_t len = 0;

  snprintf(path, sizeof path, "%s/%s.json", dir, stem);
  text = testfile_read(path, &len);
  if (text == NULL || !check_request(stem, text, len, testcat(), NULL, 0))
    fail_msg("%s: not a valid request", stem);
  (*n)++;
  free(text);
}

/* Every valid scenario and comparison of tests/data/scenarios (fixed test
 * catalogue). */
static void
test_data_scenarios(void **state)
{
  char dir[1024];
  size_t n = 0;

  (void)state;
  snprintf(dir, sizeof dir, "%s/tests/data/scenarios", root);
  each_file(dir, "", ".json", data_case, &n);
  assert_true(n >= 9);
}

static void
hostile_case(const char *dir, const char *stem, size_t *n)
{
  char path[1024], *text;
  size_t len = 0;

  snprintf(path, sizeof path, "%s/%s.json", dir, stem);
  text = testfile_read(path, &len);
  if (text != NULL && check_request(stem, text, len, embedded, NULL, 0))
    (*n)++;
  free(text);
}

/* Every body of the hostile suite that is a valid request (odd names,
 * unicode, underflow to zero, negative zero, 16-way comparisons, a ten-year
 * daily series). The others must simply not crash. */
static void
test_hostile_valid_bodies(void **state)
{
  char dir[1024];
  size_t n = 0;

  (void)state;
  snprintf(dir, sizeof dir, "%s/tests/hostile/cases", root);
  each_file(dir, "", ".json", hostile_case, &n);
  print_message("# %zu valid hostile bodies\n", n);
  assert_true(n >= 20);
}

/* The named example scenarios of config/scenarios. */
static void
test_named_scenarios(void **state)
{
  char dir[1024];
  struct aic_diags d = AIC_DIAGS_INIT;
  struct aic_scenario_set *set;

  (void)state;
  snprintf(dir, sizeof dir, "%s/config/scenarios", root);
  set = aic_scenarios_load_dir(dir, embedded, &d);
  assert_non_null(set);
  assert_true(set->n >= 3);
  for (size_t i = 0; i < set->n; i++) {
    char *body = json_dumps(set->v[i].doc, 0);

    assert_true(check_request(set->v[i].id, body, strlen(body), embedded, NULL, 0));
    free(body);
  }
  aic_scenarios_free(set);
}

/* The series points, which the writer's row loop writes with a memory per
 * column (json_writer_inline.h): every granularity at horizons from 1 to
 * the longest, for scenarios with and without growth, training and
 * self-hosting (repeated values: the columns and the number cache). */
static void
test_series_sweep(void **state)
{
  /* each after {"horizon_days":H,"granularity":G, */
  static const char *const bodies[] = {
    /* self-hosted, growing, with training: a daily fleet that steps up */
    "\"name\":\"sweep\",\"model\":\"llama-3.1-70b\","
    "\"training\":{\"cost_usd\":2000000},\"inference\":{\"self_hosted\":{\"gpu\":\"h100-sxm\","
    "\"precision\":\"fp8\",\"max_batch\":64,\"target_utilization\":0.6,\"pricing\":\"reserved\"}},"
    "\"traffic\":{\"requests_per_day\":1000000,\"monthly_growth\":0.1,\"peak_to_average\":2.0,"
    "\"input_tokens\":800,\"output_tokens\":300}}",
    /* per request, growing to a cap, no training */
    "\"inference\":{\"cost_per_request_usd\":0.005},"
    "\"traffic\":{\"requests_per_day\":5000000,\"monthly_growth\":0.05,\"max_requests_per_day\":2e7}}",
    /* flat traffic: the same values on every point */
    "\"training\":{\"cost_usd\":12345.678},"
    "\"inference\":{\"cost_per_request_usd\":0.0001},\"traffic\":{\"requests_per_day\":3}}",
    /* no traffic at all */
    "\"inference\":{\"cost_per_request_usd\":0.005},"
    "\"traffic\":{\"requests_per_day\":0}}",
  };
  static const char *const grans[] = { "day", "week", "month" };
  static const int horizons[] = { 1, 2, 6, 7, 8, 29, 30, 31, 32, 364, 365, 366, 1000, 3650 };
  size_t n = 0;

  (void)state;
  for (size_t b = 0; b < sizeof bodies / sizeof bodies[0]; b++)
    for (size_t g = 0; g < sizeof grans / sizeof grans[0]; g++)
      for (size_t h = 0; h < sizeof horizons / sizeof horizons[0]; h++) {
        char body[1024], what[64];
        int len = snprintf(body, sizeof body, "{\"horizon_days\":%d,\"granularity\":\"%s\",%s",
                           horizons[h], grans[g], bodies[b]);

        assert_true(len > 0 && (size_t)len < sizeof body);
        snprintf(what, sizeof what, "body %zu, %s, %d days", b, grans[g], horizons[h]);
        if (!check_request(what, body, (size_t)len, embedded, NULL, 0))
          fail_msg("%s: not a valid request", what);
        n++;
      }
  print_message("# %zu series compared\n", n);
}

static int
setup(void **state)
{
  struct aic_diags d = AIC_DIAGS_INIT;

  (void)state;
  embedded = aic_catalogue_load_default(&d);
  return embedded != NULL ? 0 : -1;
}

static int
teardown(void **state)
{
  (void)state;
  aic_catalogue_free(embedded);
  return 0;
}

int
main(int argc, char **argv)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_golden),
    cmocka_unit_test(test_data_scenarios),
    cmocka_unit_test(test_hostile_valid_bodies),
    cmocka_unit_test(test_named_scenarios),
    cmocka_unit_test(test_series_sweep),
  };

  snprintf(root, sizeof root, "%s/../..", argc > 1 ? argv[1] : "tests/data");
  return cmocka_run_group_tests(tests, setup, teardown);
}
