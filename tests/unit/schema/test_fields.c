/* The validation engine on a toy table: every kind, every kind of problem,
 * and the wording users see. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "aicost/json.h"
#include "schema.h"

enum color { RED, GREEN, BLUE };

struct inner {
  double depth;
};

struct toy {
  double ratio;
  double count;
  double price;
  int days;
  bool flag;
  const char *label;
  int color;
  bool has_inner;
  struct inner inner;
  double custom;
};

static const struct aic_enum_name colors[] = {
  { "red", RED }, { "green", GREEN }, { "blue", BLUE }, { 0 },
};

static const struct aic_field inner_fields[] = {
  { "depth", AIC_K_REAL, offsetof(struct inner, depth), .min = 0, .max = 10, .required = true },
  { 0 },
};

/* A custom row: accepts the string "half" as 0.5. */
static int
half(const struct aic_field *row, const json_t *v, struct aic_where *at, void *out, void *ctx,
     struct aic_diags *d)
{
  (void)ctx;
  if (json_is_string(v) && strcmp(json_string_value(v), "half") == 0) {
    ((struct toy *)out)->custom = 0.5;
    return 0;
  }
  aic_diag_add(d, aic_where_pointer(at), "must be 'half'");
  return AIC_E_INVALID;
}

#define TO(m) offsetof(struct toy, m)
static const struct aic_field toy_fields[] = {
  { "ratio", AIC_K_REAL, TO(ratio), .min = 0, .gt = true, .max = 1 },
  { "count", AIC_K_REAL, TO(count), .min = 1, .max = 100, .integral = true },
  { "price", AIC_K_REAL, TO(price), .min = 0, .max = ((double)INFINITY), .required = true },
  { "days", AIC_K_INT, TO(days), .min = 1, .max = 3650 },
  { "flag", AIC_K_BOOL, TO(flag), .required = false },
  { "label", AIC_K_STRING, TO(label), .max = 5 },
  { "color", AIC_K_ENUM, TO(color), .names = colors },
  { "inner", AIC_K_OBJECT, TO(inner), .sub = inner_fields, .has_flag = true,
    .flag_offset = TO(has_inner) },
  { "custom", AIC_K_CUSTOM, TO(custom), .custom = half },
  { "requests_per_day", AIC_K_REAL, TO(ratio), .min = 0, .max = 1, .validate_only = true },
  { 0 },
};

static void
blank(struct toy *t)
{
  memset(t, 0, sizeof *t);
  t->ratio = t->count = t->price = t->custom = ((double)NAN);
  t->inner.depth = ((double)NAN);
}

/* Strings in the struct point into the document: keep the last one alive. */
static json_t *last_doc;

static int
apply(const char *text, struct toy *t, struct aic_diags *d)
{
  json_error_t e;
  json_t *j = json_loads(text, 0, &e);

  assert_non_null(j);
  json_decref(last_doc);
  last_doc = j;
  blank(t);
  aic_diags_reset(d);
  return aic_fields_apply(toy_fields, j, "/base", t, NULL, d);
}

/* A valid object fills every slot; absent ones keep their ((double)NAN). */
static void
test_valid(void **state)
{
  struct toy t;
  struct aic_diags d;

  (void)state;
  assert_int_equal(apply("{\"ratio\": 1, \"count\": 3, \"price\": 0, \"days\": 365.0, \"flag\": true,"
                         " \"label\": \"caf\xc3\xa9\", \"color\": \"blue\", \"inner\": {\"depth\": 2},"
                         " \"custom\": \"half\", \"requests_per_day\": 0.5}",
                         &t, &d),
                   0);
  assert_int_equal(d.n, 0);
  assert_true(t.ratio == 1 && t.count == 3 && t.price == 0 && t.days == 365 && t.flag);
  assert_string_equal(t.label, "caf\xc3\xa9"); /* 4 characters, 5 bytes: within 5 */
  assert_int_equal(t.color, BLUE);
  assert_true(t.has_inner && t.inner.depth == 2 && t.custom == 0.5);
  /* null is absent: the default stays */
  assert_int_equal(apply("{\"price\": 1, \"ratio\": null}", &t, &d), 0);
  assert_true(isnan(t.ratio));
}

struct row {
  const char *why;
  const char *json;
  const char *pointer;
  const char *detail; /* exact */
};

/* Each row: one problem, and exactly what the user reads. */
static const struct row rows[] = {
  { "a string for a number names both", "{\"price\": \"5\"}", "/base/price",
    "must be a number ≥ 0 (got a string)" },
  { "negative below a bound", "{\"price\": -1}", "/base/price", "must be a number ≥ 0 (got -1)" },
  { "an excluded minimum reads as >", "{\"price\": 1, \"ratio\": 0}", "/base/ratio",
    "must be a number > 0 and ≤ 1 (got 0)" },
  { "above the maximum", "{\"price\": 1, \"ratio\": 1.5}", "/base/ratio",
    "must be a number > 0 and ≤ 1 (got 1.5)" },
  { "a count must be whole", "{\"price\": 1, \"count\": 2.5}", "/base/count",
    "must be a whole number between 1 and 100 (got 2.5)" },
  { "an integer row rejects fractions", "{\"price\": 1, \"days\": 365.5}", "/base/days",
    "must be an integer between 1 and 3650 (got 365.5)" },
  { "an integer row rejects out of range", "{\"price\": 1, \"days\": 0}", "/base/days",
    "must be an integer between 1 and 3650 (got 0)" },
  { "a huge number is out of range, not overflowed", "{\"price\": 1, \"days\": 1e308}", "/base/days",
    "must be an integer between 1 and 3650 (got 1e308)" },
  { "bool must be a JSON boolean, not 1", "{\"price\": 1, \"flag\": 1}", "/base/flag",
    "must be true or false (got a number)" },
  { "bool must not be a string", "{\"price\": 1, \"flag\": \"true\"}", "/base/flag",
    "must be true or false (got a string)" },
  { "strings have a length limit in characters", "{\"price\": 1, \"label\": \"abcdef\"}",
    "/base/label", "must be a string of at most 5 characters (got 6 characters)" },
  { "a string row rejects numbers", "{\"price\": 1, \"label\": 5}", "/base/label",
    "must be a string of at most 5 characters (got a number)" },
  { "an enum lists its names", "{\"price\": 1, \"color\": \"Red\"}", "/base/color",
    "must be one of red, green, blue (got 'Red')" },
  { "an enum rejects a non-string", "{\"price\": 1, \"color\": []}", "/base/color",
    "must be one of red, green, blue (got an array)" },
  { "a nested object must be an object", "{\"price\": 1, \"inner\": 3}", "/base/inner",
    "must be an object (got a number)" },
  { "nested problems have nested pointers", "{\"price\": 1, \"inner\": {\"depth\": 11}}",
    "/base/inner/depth", "must be a number between 0 and 10 (got 11)" },
  { "required in a nested object", "{\"price\": 1, \"inner\": {}}", "/base/inner/depth",
    "is required (a number between 0 and 10)" },
  { "a missing required member names what it needs", "{}", "/base/price",
    "is required (a number ≥ 0)" },
  { "null does not satisfy required", "{\"price\": null}", "/base/price",
    "is required (a number ≥ 0)" },
  { "a typo gets a suggestion", "{\"price\": 1, \"requests_per_dya\": 5}",
    "/base/requests_per_dya", "unknown field; did you mean 'requests_per_day'?" },
  { "a case slip gets a suggestion", "{\"price\": 1, \"Price\": 1}", "/base/Price",
    "unknown field; did you mean 'price'?" },
  { "nonsense gets none", "{\"price\": 1, \"zzzzzzzz\": 5}", "/base/zzzzzzzz", "unknown field" },
  { "unknown keys are escaped per RFC 6901", "{\"price\": 1, \"a/b~c\": 5}", "/base/a~1b~0c",
    "unknown field" },
  { "custom rows report their own problems", "{\"price\": 1, \"custom\": 3}", "/base/custom",
    "must be 'half'" },
  { "validate-only rows are still validated", "{\"price\": 1, \"requests_per_day\": 2}",
    "/base/requests_per_day", "must be a number between 0 and 1 (got 2)" },
};

static void
test_rows(void **state)
{
  (void)state;
  for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
    struct toy t;
    struct aic_diags d;
    int rc = apply(rows[i].json, &t, &d);

    if (rc != AIC_E_INVALID || d.n != 1 || strcmp(d.v[0].pointer, rows[i].pointer) != 0 ||
        strcmp(d.v[0].detail, rows[i].detail) != 0)
      fail_msg("row %zu (%s): rc %d, %zu diags, first '%s: %s'", i, rows[i].why, rc, d.n,
               d.n ? d.v[0].pointer : "", d.n ? d.v[0].detail : "");
  }
}

/* Every problem is reported, not just the first. */
static void
test_all_problems(void **state)
{
  struct toy t;
  struct aic_diags d;

  (void)state;
  assert_int_equal(apply("{\"ratio\": 2, \"count\": 0, \"flag\": 3, \"extra\": 1}", &t, &d),
                   AIC_E_INVALID);
  assert_int_equal(d.n, 5); /* ratio, count, price missing, flag, extra */
}

/* A non-object where an object is expected is one problem at the base. */
static void
test_not_object(void **state)
{
  struct aic_diags d = AIC_DIAGS_INIT;
  struct toy t;
  json_t *j = json_array();

  (void)state;
  blank(&t);
  assert_int_equal(aic_fields_apply(toy_fields, j, "", &t, NULL, &d), AIC_E_INVALID);
  assert_int_equal(d.n, 1);
  assert_string_equal(d.v[0].detail, "must be an object (got an array)");
  json_decref(j);
}

/* Thousands of unknown members: counted, the list stays bounded. */
static void
test_many_unknown(void **state)
{
  struct aic_diags d = AIC_DIAGS_INIT;
  struct toy t;
  json_t *j = json_object();
  char key[32];

  (void)state;
  json_object_set_new(j, "price", json_integer(1));
  for (int i = 0; i < 5000; i++) {
    snprintf(key, sizeof key, "k%d", i);
    json_object_set_new(j, key, json_true());
  }
  blank(&t);
  assert_int_equal(aic_fields_apply(toy_fields, j, "", &t, NULL, &d), AIC_E_INVALID);
  assert_int_equal(d.n + d.dropped, 5000);
  json_decref(j);
}

/* A table longer than the engine's one-pass limit (32 rows) is read row by
 * row: the same values, problems and order. */
static void
test_long_table(void **state)
{
  enum { ROWS = 40 };
  static char names[ROWS][8];
  struct aic_field table[ROWS + 1];
  double vals[ROWS];
  struct aic_diags d = AIC_DIAGS_INIT;
  json_error_t e;
  json_t *j;

  (void)state;
  memset(table, 0, sizeof table);
  for (int i = 0; i < ROWS; i++) {
    snprintf(names[i], sizeof names[i], "r%02d", i);
    table[i].name = names[i];
    table[i].kind = AIC_K_REAL;
    table[i].offset = (size_t)i * sizeof(double);
    table[i].min = 0;
    table[i].max = 10;
    table[i].required = i == 7;
    vals[i] = ((double)NAN);
  }
  j = json_loads("{\"r39\": 11, \"r00\": 1, \"r3x\": 2, \"r35\": null, \"r20\": 2.5}", 0, &e);
  assert_non_null(j);
  assert_int_equal(aic_fields_apply(table, j, "/t", vals, NULL, &d), AIC_E_INVALID);
  assert_true(vals[0] == 1 && vals[20] == 2.5 && isnan(vals[35]) && isnan(vals[39]));
  assert_int_equal(d.n, 3);
  assert_string_equal(d.v[0].pointer, "/t/r07");
  assert_string_equal(d.v[0].detail, "is required (a number between 0 and 10)");
  assert_string_equal(d.v[1].pointer, "/t/r39");
  assert_string_equal(d.v[1].detail, "must be a number between 0 and 10 (got 11)");
  assert_string_equal(d.v[2].pointer, "/t/r3x");
  assert_string_equal(d.v[2].detail, "unknown field; did you mean 'r30'?");
  json_decref(j);
  /* and without an unknown member, nothing more */
  aic_diags_reset(&d);
  j = json_loads("{\"r07\": 3, \"r31\": 4}", 0, &e);
  assert_int_equal(aic_fields_apply(table, j, "", vals, NULL, &d), 0);
  assert_int_equal(d.n, 0);
  assert_true(vals[7] == 3 && vals[31] == 4);
  json_decref(j);
}

int
main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_valid),        cmocka_unit_test(test_rows),
    cmocka_unit_test(test_all_problems), cmocka_unit_test(test_not_object),
    cmocka_unit_test(test_many_unknown),
    cmocka_unit_test(test_long_table),
  };

  return cmocka_run_group_tests(tests, NULL, NULL);
}
