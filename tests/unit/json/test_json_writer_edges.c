/* The one JSON writer on what real requests rarely reach: hand-made
 * projections with every escape, NAN and extreme number; series points
 * that repeat down and across columns while the buffer grows; names that
 * are not UTF-8; the writer's own calls used wrongly and in every shape.
 * (Real requests: test_json_writer.c.) */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "aicost/json.h"
#include "aicost/render.h"
#include "json_writer.h"
#include "num_format.h"
#include "testcat.h"
#include "writer_check.h"

/* Hand-made structs for what real requests rarely reach: every control
 * character and escape in a name, 2-4 byte UTF-8, NANs everywhere, a
 * dropped-warnings marker, no catalogue, no series, extreme numbers. */
static void
test_edge_structs(void **state)
{
  static char name[160];
  /* clang-format off */
  struct aic_series_point points[3] = {
    { 1, 1, 1e-300, -0.0, 1e308, 25000.000000000004, (double)NAN, -123456.789, (double)NAN, 0 },
    { 2, 1, 5e-324, 0.1 + 0.2, 9007199254740993.0, 1e15 + 0.5, 1e-5, 123456789012345.5, 1e-3,
      2.5e6 },
    { 3, 1, -1e-7, 6.3e24, 2.5, -0.000123, 1e21, 42, 0.1 + 0.2, (double)NAN },
  };
  struct aic_projection pj;
  const char *at;
  char *text;
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
  text = aic_projection_to_json(&pj, NULL, &len);
  writer_assert_canonical("edge projection", text, len);
  at = text;
  writer_assert_series("edge projection", &at, &pj);
  assert_non_null(strstr(text, "\"catalogue\":{\"version\":null,\"hash\":null,\"date\":null}"));
  assert_non_null(strstr(text, "\"stages\":[{\"stage\":\"fine_tuning\",\"method\":\"lora\",\"measured\":true,"
                               "\"flops\":null,\"mfu\":null,\"gpu_hours\":1e-9,"));
  assert_non_null(strstr(text, "\"total_usd\":null,\"lump_sum\":false,\"price_per_gpu_hour_usd\":null,"));
  assert_non_null(strstr(text, "\"crossover_day\":null,"));
  assert_non_null(strstr(text, "\"self_hosted\":null,\"api\":null}"));
  assert_non_null(strstr(text, "{\"code\":\"more\",\"pointer\":\"\",\"detail\":\"5 more not shown\"}]}"));
  free(text);

  /* a comparison of one, with no rank and no overtakes */
  {
    struct aic_comparison c = { .horizon_days = 7, .n = 1, .projections = &pj };

    text = aic_comparison_to_json(&c, testcat(), &len);
    writer_assert_canonical("edge comparison", text, len);
    assert_non_null(strstr(text, "\"ranking\":[],\"overtakes\":[]}"));
    free(text);
  }
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
  const char *at;
  char *text;
  size_t len = 0;

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
    text = aic_projection_to_json(&pj, NULL, &len);
    writer_assert_canonical("series edges", text, len);
    at = text;
    writer_assert_series("series edges", &at, &pj);
    assert_true(len > 2048 + 256 * (size_t)N); /* it grew */
    free(text);
  }

  /* no points, and one */
  for (size_t n = 0; n <= 1; n++) {
    pj.n_series = n;
    pj.name = "short";
    text = aic_projection_to_json(&pj, NULL, &len);
    writer_assert_canonical("series of 0 or 1", text, len);
    at = text;
    writer_assert_series("series of 0 or 1", &at, &pj);
    free(text);
  }
}

/* A string that is not UTF-8 (jansson's json_string would refuse it): NULL,
 * never half a document or raw bad bytes on the wire. */
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

    memset(&pj, 0, sizeof pj);
    pj.name = bad[i];
    if (aic_projection_to_json(&pj, NULL, &len) != NULL)
      fail_msg("case %zu: a text was made", i);
  }
}

/* The writer's own rules: nesting that does not close, a second value at
 * the top level, members outside an object and a table of rows too wide
 * are a NULL (a bug, never half a text). */
static void
test_writer_misuse(void **state)
{
  static const struct aic_jw_field wide[AIC_JW_ROW_MAX + 1] = { 0 };
  struct aic_jw w;
  size_t len;
  int one = 1;

  (void)state;
  aic_jw_init(&w, 0);
  aic_jw_object_begin(&w, NULL);
  assert_null(aic_jw_finish(&w, &len));
  aic_jw_init(&w, 0);
  aic_jw_object_begin(&w, NULL);
  aic_jw_object_end(&w);
  aic_jw_object_begin(&w, NULL);
  aic_jw_object_end(&w);
  assert_null(aic_jw_finish(&w, &len));
  aic_jw_init(&w, 0);
  assert_null(aic_jw_finish(&w, &len)); /* nothing at all */
  aic_jw_init(&w, 0);
  aic_jw_fields(&w, &one, wide, 1);
  assert_null(aic_jw_finish(&w, &len));
  aic_jw_init(&w, 0);
  aic_jw_object_begin(&w, NULL);
  aic_jw_rows(&w, "rows", &one, sizeof one, 1, wide, AIC_JW_ROW_MAX + 1, NULL);
  aic_jw_object_end(&w);
  assert_null(aic_jw_finish(&w, &len));
  aic_jw_init(&w, 0);
  for (int i = 0; i < AIC_JW_DEPTH + 1; i++)
    aic_jw_array_begin(&w, NULL);
  for (int i = 0; i < AIC_JW_DEPTH + 1; i++)
    aic_jw_array_end(&w);
  assert_null(aic_jw_finish(&w, &len));
  aic_jw_init(&w, 1);
  aic_jw_array_begin(&w, NULL);
  for (int i = 0; i < 1000; i++)
    aic_jw_string(&w, NULL, "growing past the first buffer");
  aic_jw_array_end(&w);
  {
    char *text = aic_jw_finish(&w, &len);

    assert_non_null(text);
    assert_int_equal(len, 2 + 1000 * 31 + 999);
    free(text);
  }
}

/* The writer on its own, with shapes the documents have few of: arrays of
 * arrays and of objects, empty containers, every kind of value at every
 * level, repeated numbers (the cache; 0.0 and 0x1p-1074 have the bits of
 * its empty slots, 0 and 1) and tables as fields and as rows, from a
 * one-byte start so that the buffer grows under them. The text is parsed
 * back and every value compared with what was written. */
struct jw_row {
  int day;
  double a, b;
  bool flag;
  size_t index;
};
/* clang-format on */

/* clang-format off */
static const struct aic_jw_field jw_row_fields[] = {
  AIC_JW_FIELD(struct jw_row, day, AIC_JW_INT),
  AIC_JW_FIELD(struct jw_row, a, AIC_JW_REAL),
  AIC_JW_MEMBER("a_key_of_thirty_three_characters", struct jw_row, b, AIC_JW_REAL),
  AIC_JW_FIELD(struct jw_row, flag, AIC_JW_BOOL),
  AIC_JW_FIELD(struct jw_row, index, AIC_JW_INDEX),
  AIC_JW_MEMBER("day_or_none", struct jw_row, day, AIC_JW_DAY),
};
/* clang-format on */
#define N_ROW_FIELDS (sizeof jw_row_fields / sizeof jw_row_fields[0])
#define N_ROWS 400

static const double shape_reals[] = {
  465.6,       2000000.0,          0.1 + 0.2,       -0.0, 1e-7,     6.3e24, 1003138.39986052,
  (double)NAN, 25000.000000000004, -1234567.891234, 0.0,  0x1p-1074
};
#define N_SHAPE_REALS (sizeof shape_reals / sizeof shape_reals[0])

static struct jw_row
shape_row(size_t i)
{
  return (struct jw_row){ (int)i - 3, shape_reals[i % N_SHAPE_REALS], (double)i * 0.25, i % 3 == 0,
                          i * 1000003 };
}

/* v is the JSON text of x under the number policy. */
static void
assert_number(json_t *v, double x)
{
  char want[AIC_NUM_TEXT_MAX], *got = aic_json_dump(v, 0);

  aic_num_format(x, want);
  assert_non_null(got);
  assert_string_equal(got, want);
  free(got);
}

/* o holds r's members (and `extra` more). */
static void
assert_row(json_t *o, const struct jw_row *r, size_t extra)
{
  assert_int_equal(json_object_size(o), N_ROW_FIELDS + extra);
  assert_int_equal(json_integer_value(json_object_get(o, "day")), r->day);
  assert_number(json_object_get(o, "a"), r->a);
  assert_number(json_object_get(o, "a_key_of_thirty_three_characters"), r->b);
  assert_true(json_is_boolean(json_object_get(o, "flag")) &&
              json_is_true(json_object_get(o, "flag")) == r->flag);
  assert_int_equal(json_integer_value(json_object_get(o, "index")), r->index);
  if (r->day > 0)
    assert_int_equal(json_integer_value(json_object_get(o, "day_or_none")), r->day);
  else
    assert_true(json_is_null(json_object_get(o, "day_or_none")));
}

static void
emit_shapes(struct aic_jw *w, const struct jw_row *rows)
{
  aic_jw_object_begin(w, NULL);
  aic_jw_array_begin(w, "empty");
  aic_jw_array_end(w);
  aic_jw_object_begin(w, "empty_object");
  aic_jw_object_end(w);
  aic_jw_array_begin(w, "nested");
  for (size_t i = 0; i < 3; i++) {
    aic_jw_array_begin(w, NULL);
    for (size_t j = 0; j <= i; j++) {
      aic_jw_object_begin(w, NULL);
      aic_jw_object_end(w);
      aic_jw_array_begin(w, NULL);
      aic_jw_array_end(w);
      aic_jw_number(w, NULL, shape_reals[(i + j) % N_SHAPE_REALS]);
    }
    aic_jw_array_end(w);
  }
  aic_jw_array_end(w);
  aic_jw_array_begin(w, "objects");
  for (size_t i = 0; i < N_ROWS; i++) {
    aic_jw_object_begin(w, NULL);
    aic_jw_fields(w, &rows[i], jw_row_fields, N_ROW_FIELDS);
    aic_jw_array_begin(w, "mixed");
    aic_jw_number(w, NULL, shape_reals[(i * 7) % N_SHAPE_REALS]);
    aic_jw_integer(w, NULL, (int64_t)i * -1000003);
    aic_jw_bool(w, NULL, i % 2 == 0);
    aic_jw_null(w, NULL);
    aic_jw_string(w, NULL, i % 3 == 0 ? NULL : "tab\there \"quoted\"");
    aic_jw_array_end(w);
    aic_jw_object_end(w);
  }
  aic_jw_array_end(w);
  aic_jw_rows(w, "rows", rows, sizeof rows[0], N_ROWS, jw_row_fields, N_ROW_FIELDS, NULL);
  aic_jw_rows(w, "no_rows", rows, sizeof rows[0], 0, jw_row_fields, N_ROW_FIELDS, NULL);
  aic_jw_integer(w, "last", INT64_MIN);
  aic_jw_object_end(w);
}

static void
test_writer_shapes(void **state)
{
  static struct jw_row rows[N_ROWS];
  struct aic_jw w;
  size_t len = 0;
  json_t *tree, *v;
  char *text;

  (void)state;
  for (size_t i = 0; i < N_ROWS; i++)
    rows[i] = shape_row(i);
  aic_jw_init(&w, 1);
  emit_shapes(&w, rows);
  text = aic_jw_finish(&w, &len);
  writer_assert_canonical("writer shapes", text, len);
  tree = json_loadb(text, len, 0, NULL);
  assert_int_equal(json_array_size(json_object_get(tree, "empty")), 0);
  assert_int_equal(json_object_size(json_object_get(tree, "empty_object")), 0);
  for (size_t i = 0; i < 3; i++) {
    json_t *a = json_array_get(json_object_get(tree, "nested"), i);

    assert_int_equal(json_array_size(a), 3 * (i + 1));
    for (size_t j = 0; j <= i; j++)
      assert_number(json_array_get(a, 3 * j + 2), shape_reals[(i + j) % N_SHAPE_REALS]);
  }
  for (size_t i = 0; i < N_ROWS; i++) {
    json_t *o = json_array_get(json_object_get(tree, "objects"), i);
    json_t *mixed = json_object_get(o, "mixed");

    assert_row(o, &rows[i], 1);
    assert_int_equal(json_array_size(mixed), 5);
    assert_number(json_array_get(mixed, 0), shape_reals[(i * 7) % N_SHAPE_REALS]);
    assert_int_equal(json_integer_value(json_array_get(mixed, 1)), (json_int_t)i * -1000003);
    assert_true(json_is_true(json_array_get(mixed, 2)) == (i % 2 == 0));
    assert_true(json_is_null(json_array_get(mixed, 3)));
    if (i % 3 == 0)
      assert_true(json_is_null(json_array_get(mixed, 4)));
    else
      assert_string_equal(json_string_value(json_array_get(mixed, 4)), "tab\there \"quoted\"");
  }
  for (size_t i = 0; i < N_ROWS; i++)
    assert_row(json_array_get(json_object_get(tree, "rows"), i), &rows[i], 0);
  assert_int_equal(json_array_size(json_object_get(tree, "no_rows")), 0);
  v = json_object_get(tree, "last");
  assert_true(json_is_integer(v) && json_integer_value(v) == INT64_MIN);
  json_decref(tree);
  free(text);
}

int
main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_edge_structs),  cmocka_unit_test(test_series_edges),
    cmocka_unit_test(test_invalid_utf8),  cmocka_unit_test(test_writer_misuse),
    cmocka_unit_test(test_writer_shapes),
  };

  return cmocka_run_group_tests(tests, NULL, NULL);
}
