/* aic_projection_to_json_text / aic_comparison_to_json_text (the direct
 * writer the server replies with) against aic_json_dump of the jansson tree
 * (the CLI's path, and the only path before the writer existed): the same
 * bytes for every valid request we have, and for the golden responses of
 * tests/data/golden taken before the writer was written.
 * Argument: tests/data (its grandparent holds tests/hostile/cases and
 * config/scenarios). */
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
#include "json_writer.h"
#include "testcat.h"
#include "testfiles.h"

static char root[512];
static struct aic_catalogue *embedded;

/* Fails with the first differing byte and some context. */
static void
assert_same(const char *what, const char *got, size_t got_len, const char *want, size_t want_len)
{
  size_t i = 0, from;

  if (got == NULL || want == NULL)
    fail_msg("%s: %s is NULL", what, got == NULL ? "the writer's text" : "the expected text");
  while (i < got_len && i < want_len && got[i] == want[i])
    i++;
  if (i == got_len && i == want_len)
    return;
  from = i > 40 ? i - 40 : 0;
  fail_msg("%s: %zu bytes, expected %zu; first difference at %zu:\n  got      ...%.80s\n  expected ...%.80s",
           what, got_len, want_len, i, got + from, want + from);
}

/* Projects one request body (a scenario, or a comparison when it has
 * "scenarios") and checks text == dump(tree), and == golden when given.
 * Returns false when the body is not a valid request (nothing compared). */
static bool
compare_request(const char *what, const char *body, size_t len, const struct aic_catalogue *cat,
                const char *golden, size_t golden_len)
{
  struct aic_diags d = AIC_DIAGS_INIT;
  json_t *doc, *tree = NULL;
  char *text = NULL, *dumped = NULL;
  size_t text_len = 0;
  bool ok = false;

  if (aic_json_parse(body, len, &doc, &d) != AIC_OK)
    return false;
  if (json_object_get(doc, "scenarios") != NULL) {
    struct aic_scenario *sc = NULL;
    struct aic_comparison cmp = { 0 };
    size_t n = 0;
    int horizon = AIC_HORIZON_DEFAULT;

    if (aic_comparison_request_from_json(doc, cat, &sc, &n, &horizon, &d) == AIC_OK &&
        aic_compare(cat, sc, n, horizon, &cmp, &d) == AIC_OK) {
      text = aic_comparison_to_json_text(&cmp, cat, &text_len);
      tree = aic_comparison_to_json(&cmp, cat);
      ok = true;
    }
    aic_comparison_release(&cmp);
    free(sc);
  } else {
    struct aic_scenario sc;
    struct aic_projection pj = { 0 };

    if (aic_scenario_from_json(doc, cat, "", &sc, &d) == AIC_OK &&
        aic_project(cat, &sc, &pj, &d) == AIC_OK) {
      text = aic_projection_to_json_text(&pj, cat, &text_len);
      tree = aic_projection_to_json(&pj, cat);
      ok = true;
    }
    aic_projection_release(&pj);
  }
  if (ok) {
    dumped = tree != NULL ? aic_json_dump(tree, 0) : NULL;
    assert_same(what, text, text_len, dumped, dumped != NULL ? strlen(dumped) : 0);
    assert_int_equal(strlen(text), text_len);
    if (golden != NULL)
      assert_same(what, text, text_len, golden, golden_len);
  }
  free(text);
  free(dumped);
  json_decref(tree);
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
  if (!compare_request(stem, req, req_len, embedded, want, want_len))
    fail_msg("%s: the golden request is not valid any more", stem);
  (*n)++;
  free(req);
  free(want);
}

/* The golden responses (taken from the server before the writer existed):
 * the writer and the tree both print them exactly. */
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
  if (text == NULL || !compare_request(stem, text, len, testcat(), NULL, 0))
    fail_msg("%s: not a valid request", stem);
  (*n)++;
  free(text);
}

/* Every valid scenario and comparison of tests/data/scenarios (fixed test
 * catalogue): writer == tree. */
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
  if (text != NULL && compare_request(stem, text, len, embedded, NULL, 0))
    (*n)++;
  free(text);
}

/* Every body of the hostile suite that is a valid request (odd names,
 * unicode, underflow to zero, negative zero, 16-way comparisons, a ten-year
 * daily series): writer == tree. The others must simply not crash. */
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

/* The named example scenarios of config/scenarios: writer == tree. */
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

    assert_true(compare_request(set->v[i].id, body, strlen(body), embedded, NULL, 0));
    free(body);
  }
  aic_scenarios_free(set);
}

/* Hand-made structs for what real requests rarely reach: every control
 * character and escape in a name, 2-4 byte UTF-8, NANs everywhere, a
 * dropped-warnings marker, no catalogue, no series, extreme numbers. */
static void
test_edge_structs(void **state)
{
  static char name[160];
  struct aic_series_point points[3] = {
    { 1, 1, 1e-300, -0.0, 1e308, 25000.000000000004, (double)NAN, -123456.789 },
    { 2, 1, 5e-324, 0.1 + 0.2, 9007199254740993.0, 1e15 + 0.5, 1e-5, 123456789012345.5 },
    { 3, 1, -1e-7, 6.3e24, 2.5, -0.000123, 1e21, 42 },
  };
  struct aic_projection pj;
  json_t *tree;
  char *text, *dumped;
  size_t len = 0, k = 0;

  (void)state;
  for (int c = 1; c < 0x20; c++)
    name[k++] = (char)c;
  snprintf(name + k, sizeof name - k, "%s", "\"\\/\x7f caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80 <&>'");
  memset(&pj, 0, sizeof pj);
  pj.name = name;
  pj.training_total_usd = (double)NAN;
  pj.training_price_per_gpu_hour_usd = (double)INFINITY;
  pj.n_stages = 1;
  pj.stages[0] = (struct aic_stage_result){ AIC_STAGE_FINE_TUNING, AIC_METHOD_LORA, true,
                                            (double)NAN, (double)NAN, 1e-9, 3.3e-9, 1e38, 1.7e38,
                                            2e39 };
  pj.inference_kind = AIC_INF_API;
  pj.cost_per_request_usd = 1.0 / 3.0;
  pj.horizon_days = 3;
  pj.granularity = AIC_GRAN_DAY;
  pj.n_series = 3;
  pj.series = points;
  pj.crossover_day = 0;
  for (int i = 0; i < AIC_DIAG_MAX + 5; i++)
    aic_diag_add_code(&pj.warnings, "w", "/x", "warning %d \xc3\xa9\t\"", i);
  text = aic_projection_to_json_text(&pj, NULL, &len);
  tree = aic_projection_to_json(&pj, NULL);
  dumped = aic_json_dump(tree, 0);
  assert_same("edge projection", text, len, dumped, strlen(dumped));
  assert_non_null(strstr(text, "\"5 more not shown\""));
  free(text);
  free(dumped);
  json_decref(tree);

  /* an empty comparison, and one with a NULL rank */
  {
    struct aic_comparison c = { .horizon_days = 7, .n = 1, .projections = &pj };

    text = aic_comparison_to_json_text(&c, testcat(), &len);
    tree = aic_comparison_to_json(&c, testcat());
    dumped = aic_json_dump(tree, 0);
    assert_same("edge comparison", text, len, dumped, strlen(dumped));
    free(text);
    free(dumped);
    json_decref(tree);
  }
}

/* The series points, which the text side writes on a path of its own
 * (projection_json.c's series_text): every granularity at horizons from 1
 * to the longest, for scenarios with and without growth, training and
 * self-hosting (repeated values: the writer's number cache). */
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
        if (!compare_request(what, body, (size_t)len, embedded, NULL, 0))
          fail_msg("%s: not a valid request", what);
        n++;
      }
  print_message("# %zu series compared\n", n);
}

/* Hand-made series points that no scenario gives: NAN (null) and
 * infinities in every field, ints of every width and sign, the bits of
 * the number cache's empty slots, repeats within a point, down a column
 * and across the columns the text side compares (period with daily,
 * cumulative total with cumulative inference), and points of the longest text, so that the buffer grows in the
 * middle of the series (at a different point, and place in the point, for
 * each length of the name before it: under ASan, a point written past the
 * room it reserved, or copied from where the buffer was, is an error). */
static void
test_series_edges(void **state)
{
  static const double reals[] = { (double)NAN, 0.0, -0.0, 0x1p-1074, (double)INFINITY, -(double)INFINITY,
                                  1.0, 0.1 + 0.2, 1e-300, 5e-324, 1e308, -1.23456789012345e-308,
                                  25000.000000000004, 2000000.0, 465.6, 1e21, 123456789012345.5 };
  static const double wide[] = { -1.23456789012345e-308, -9.87654321098765e-300, -1.11111111111111e-200,
                                 -2.22222222222222e-222, -3.33333333333333e-233, -4.44444444444444e-244,
                                 -5.55555555555555e-255 };
  static const int ints[] = { 0, 1, 9, 10, 99, 100, 999, 1000, 9999, 10000, 99999, 123456789,
                              2147483647, -1, -10, -2147483647 - 1 };
  const size_t nr = sizeof reals / sizeof reals[0], ni = sizeof ints / sizeof ints[0];
  const size_t nw = sizeof wide / sizeof wide[0];
  enum { N = 300, NAME = 8000, SPAN = 3000 };
  struct aic_series_point pts[N];
  struct aic_projection pj;
  static char name[NAME + SPAN + 1];
  char *text, *dumped;
  size_t len = 0;
  json_t *tree;

  (void)state;
  for (size_t i = 0; i < N; i++) {
    double r[6];

    pts[i].day = i % 8 < 3 ? ints[i % ni] : -2147483647 - 1;
    pts[i].days = i % 8 < 3 ? ints[(i * 7 + 3) % ni] : -1999999999;
    for (size_t k = 0; k < 6; k++)
      r[k] = i % 8 == 0   ? reals[(i / 8 + k) % nr]        /* a mix */
             : i % 8 == 1 ? (double)NAN                    /* all null */
             : i % 8 == 2 ? (double)i * 1000.25 + (double)k /* new every time */
             : i % 8 == 3 ? reals[(i / 8) % nr]            /* one value six times */
                          : wide[(i + k) % nw];            /* 22 bytes each */
    if (i % 8 == 4) { /* a day's period cost, a total without training */
      r[2] = r[1];
      r[5] = r[3];
    }
    pts[i].requests_per_day = r[0];
    pts[i].daily_inference_usd = r[1];
    pts[i].period_inference_usd = r[2];
    pts[i].cumulative_inference_usd = r[3];
    pts[i].training_usd = r[4];
    pts[i].cumulative_total_usd = r[5];
    if (i % 8 == 5) { /* the point before's values again */
      pts[i].requests_per_day = pts[i - 1].requests_per_day;
      pts[i].daily_inference_usd = pts[i - 1].daily_inference_usd;
      pts[i].period_inference_usd = pts[i - 1].period_inference_usd;
      pts[i].cumulative_inference_usd = pts[i - 1].cumulative_inference_usd;
      pts[i].training_usd = pts[i - 1].training_usd;
      pts[i].cumulative_total_usd = pts[i - 1].cumulative_total_usd;
    }
  }
  memset(&pj, 0, sizeof pj);
  pj.inference_kind = AIC_INF_API;
  pj.horizon_days = N;
  pj.granularity = AIC_GRAN_DAY;
  pj.n_series = N;
  pj.series = pts;
  pj.name = name;
  /* the writer starts with 2048 + 256 bytes a point (size_hint); the name
   * fills NAME to NAME + SPAN of them (it reserves 6 times that, which
   * fits), so that the buffer grows at one of a dozen points */
  for (size_t extra = 0; extra < SPAN; extra += 41) {
    memset(name, 'n', NAME + extra);
    name[NAME + extra] = '\0';
    text = aic_projection_to_json_text(&pj, NULL, &len);
    tree = aic_projection_to_json(&pj, NULL);
    assert_non_null(tree);
    dumped = aic_json_dump(tree, 0);
    assert_same("series edges", text, len, dumped, dumped != NULL ? strlen(dumped) : 0);
    assert_true(len > 2048 + 256 * (size_t)N); /* it grew */
    assert_non_null(strstr(text, "{\"day\":-2147483648,\"days\":-1999999999,"));
    assert_non_null(strstr(text, ",\"requests_per_day\":null,\"daily_inference_usd\":null,"));
    free(text);
    free(dumped);
    json_decref(tree);
  }

  /* no points, and one */
  for (size_t n = 0; n <= 1; n++) {
    pj.n_series = n;
    pj.name = "short";
    text = aic_projection_to_json_text(&pj, NULL, &len);
    tree = aic_projection_to_json(&pj, NULL);
    dumped = aic_json_dump(tree, 0);
    assert_same("series of 0 or 1", text, len, dumped, dumped != NULL ? strlen(dumped) : 0);
    free(text);
    free(dumped);
    json_decref(tree);
  }
}

/* A string that is not UTF-8 is refused by both (jansson's json_string
 * refuses it): NULL, never half a document or raw bad bytes on the wire. */
static void
test_invalid_utf8(void **state)
{
  static const char *const bad[] = {
    "\xff", "\xc3", "a\xc3(", "\xc0\xaf", "\xe0\x80\xaf", "\xed\xa0\x80", "\xf4\x90\x80\x80",
    "\xf8\x88\x80\x80\x80", "\x80",
  };
  struct aic_projection pj;

  (void)state;
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    size_t len = 7;
    char *text;
    json_t *tree;

    memset(&pj, 0, sizeof pj);
    pj.name = bad[i];
    text = aic_projection_to_json_text(&pj, NULL, &len);
    tree = aic_projection_to_json(&pj, NULL);
    if (text != NULL || tree != NULL)
      fail_msg("case %zu: text %s, tree %s", i, text ? "made" : "NULL", tree ? "made" : "NULL");
  }
}

/* The emitter's own rules: nesting that does not close is a NULL, and a
 * top level that is not one value is a NULL (a bug, never half a text). */
static void
test_emitter_misuse(void **state)
{
  struct aic_jw w;
  size_t len;

  (void)state;
  aic_jw_init_text(&w, 0);
  aic_jw_object_begin(&w, NULL);
  assert_null(aic_jw_finish_text(&w, &len));
  aic_jw_init_tree(&w);
  aic_jw_object_begin(&w, NULL);
  aic_jw_object_end(&w);
  aic_jw_object_begin(&w, NULL);
  aic_jw_object_end(&w);
  assert_null(aic_jw_finish_tree(&w));
  aic_jw_init_text(&w, 1);
  aic_jw_array_begin(&w, NULL);
  for (int i = 0; i < 1000; i++)
    aic_jw_string(&w, NULL, "growing past the first buffer");
  aic_jw_array_end(&w);
  {
    char *text = aic_jw_finish_text(&w, &len);

    assert_non_null(text);
    assert_int_equal(len, 2 + 1000 * 31 + 999);
    free(text);
  }
}

/* The emitter on its own, with shapes the documents have few of: arrays
 * of arrays and of objects, empty containers, every kind of value at every
 * level, repeated numbers (the writer's cache) and field tables, from a
 * one-byte start so that the buffer grows under them. Text against the
 * dump of the tree the same calls build. */
struct jw_row {
  int day;
  double a, b;
};

static const struct aic_jw_field jw_row_fields[] = {
  AIC_JW_FIELD(struct jw_row, day, AIC_JW_INT),
  AIC_JW_FIELD(struct jw_row, a, AIC_JW_REAL),
  AIC_JW_FIELD(struct jw_row, b, AIC_JW_REAL),
};

static void
emit_shapes(struct aic_jw *w)
{
  /* 0.0 and 0x1p-1074 have the bits of the cache's empty slots (0 and 1) */
  static const double reals[] = { 465.6, 2000000.0, 0.1 + 0.2, -0.0, 1e-7, 6.3e24, 1003138.39986052,
                                  (double)NAN, 25000.000000000004, -1234567.891234, 0.0, 0x1p-1074 };
  const int nr = (int)(sizeof reals / sizeof reals[0]);

  aic_jw_object_begin(w, NULL);
  aic_jw_array_begin(w, "empty");
  aic_jw_array_end(w);
  aic_jw_object_begin(w, "empty_object");
  aic_jw_object_end(w);
  aic_jw_array_begin(w, "nested");
  for (int i = 0; i < 3; i++) {
    aic_jw_array_begin(w, NULL);
    for (int j = 0; j <= i; j++) {
      aic_jw_object_begin(w, NULL);
      aic_jw_object_end(w);
      aic_jw_array_begin(w, NULL);
      aic_jw_array_end(w);
      aic_jw_number(w, NULL, reals[(i + j) % nr]);
    }
    aic_jw_array_end(w);
  }
  aic_jw_array_end(w);
  aic_jw_array_begin(w, "rows");
  for (int i = 0; i < 400; i++) {
    struct jw_row r = { i - 3, reals[i % nr], (double)i * 0.25 };

    aic_jw_object_begin(w, NULL);
    aic_jw_fields(w, &r, jw_row_fields, sizeof jw_row_fields / sizeof jw_row_fields[0]);
    aic_jw_array_begin(w, "mixed");
    aic_jw_number(w, NULL, reals[(i * 7) % nr]);
    aic_jw_integer(w, NULL, (int64_t)i * -1000003);
    aic_jw_bool(w, NULL, i % 2 == 0);
    aic_jw_null(w, NULL);
    aic_jw_string(w, NULL, i % 3 == 0 ? NULL : "tab\there \"quoted\"");
    aic_jw_array_end(w);
    aic_jw_object_end(w);
  }
  aic_jw_array_end(w);
  aic_jw_integer(w, "last", INT64_MIN);
  aic_jw_object_end(w);
}

static void
test_emitter_shapes(void **state)
{
  struct aic_jw w;
  size_t len = 0;
  char *text, *want;
  json_t *tree;

  (void)state;
  aic_jw_init_text(&w, 1);
  emit_shapes(&w);
  text = aic_jw_finish_text(&w, &len);
  aic_jw_init_tree(&w);
  emit_shapes(&w);
  tree = aic_jw_finish_tree(&w);
  assert_non_null(tree);
  want = aic_json_dump(tree, 0);
  assert_same("emitter shapes", text, len, want, want != NULL ? strlen(want) : 0);
  free(text);
  free(want);
  json_decref(tree);
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
    cmocka_unit_test(test_golden),         cmocka_unit_test(test_data_scenarios),
    cmocka_unit_test(test_hostile_valid_bodies), cmocka_unit_test(test_named_scenarios),
    cmocka_unit_test(test_edge_structs),   cmocka_unit_test(test_series_sweep),
    cmocka_unit_test(test_series_edges),   cmocka_unit_test(test_invalid_utf8),
    cmocka_unit_test(test_emitter_misuse), cmocka_unit_test(test_emitter_shapes),
  };

  snprintf(root, sizeof root, "%s/../..", argc > 1 ? argv[1] : "tests/data");
  return cmocka_run_group_tests(tests, setup, teardown);
}
