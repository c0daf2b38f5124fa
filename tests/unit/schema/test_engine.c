/* The engine on the toy table (toy.c), JSON voice: every kind, every kind
 * of problem and rule, and the words users see; then a struct back out as
 * JSON and the limits (long tables, thousands of unknown members). */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "aicost/json.h"
#include "toy.h"

/* Strings in the struct point into the document: keep the last one alive. */
static json_t *last_doc;

/* JSON with ' for " (readable rows). */
static json_t *
load(const char *text)
{
  char buf[2048];
  json_error_t e;
  json_t *j;
  size_t i;

  for (i = 0; text[i] != '\0' && i + 1 < sizeof buf; i++)
    buf[i] = text[i] == '\'' ? '"' : text[i];
  buf[i] = '\0';
  j = json_loads(buf, 0, &e);
  if (j == NULL)
    fail_msg("bad test JSON: %s (%s)", text, e.text);
  return j;
}

static int
apply(const char *text, struct toy *t, struct aic_diags *d)
{
  struct aic_run run;
  int rc;

  json_decref(last_doc);
  last_doc = load(text);
  toy_blank(t);
  aic_diags_reset(d);
  aic_run_init(&run, d, NULL);
  rc = aic_table_apply(&toy_table, last_doc, "/base", t, &run);
  /* the array and the map were malloc'd: the caller frees them */
  return rc;
}

static void
release(struct toy *t)
{
  free(t->list);
  free(t->parts);
  t->list = t->parts = NULL;
}

/* A valid object fills every slot; absent ones keep their NAN. */
static void
test_valid(void **state)
{
  struct toy t;
  struct aic_diags d;

  (void)state;
  assert_int_equal(apply("{'ratio': 1, 'count': 3, 'price': 0, 'days': 365.0, 'flag': false,"
                         " 'label': 'caf\xc3\xa9', 'when': '2024-02-29', 'color': 'green',"
                         " 'colors': ['blue', 'red'], 'inner': {'depth': 2},"
                         " 'peaks': {'red': 1, 'blue': 5}, 'list': [{'weight': 1}],"
                         " 'parts': {'bolt': {'weight': 2, 'limit': 3}, 'nut': {'weight': 1}},"
                         " 'ref': 'known', 'gate': true, 'gated': 0.5, 'requests_per_day': 0.5}",
                         &t, &d),
                   0);
  assert_int_equal(d.n, 0);
  assert_true(t.ratio == 1 && t.count == 3 && t.price == 0 && t.days == 365 && !t.flag);
  assert_string_equal(t.label, "caf\xc3\xa9"); /* 4 characters, 5 bytes: within 5 */
  assert_string_equal(t.when, "2024-02-29");   /* a leap day */
  assert_int_equal(t.color, GREEN);
  assert_int_equal(t.colors, (1u << BLUE) | (1u << RED));
  assert_true(t.has_inner && t.inner.depth == 2);
  assert_true(t.peaks[RED] == 1 && isnan(t.peaks[GREEN]) && t.peaks[BLUE] == 5);
  assert_int_equal(t.n_list, 1);
  assert_true(t.list[0].weight == 1 && isnan(t.list[0].limit) && isnan(t.list[0].peaks[RED]));
  assert_int_equal(t.n_parts, 2);
  assert_string_equal(t.parts[0].id, "bolt");
  assert_true(t.parts[0].weight == 2 && t.parts[0].limit == 3);
  assert_string_equal(t.parts[1].id, "nut");
  assert_true(t.has_ref && !t.ref_inline && t.ref.weight == 7);
  assert_true(t.gated == 0.5);
  release(&t);
  /* null is absent: the default stays; an inline ref waives required members */
  assert_int_equal(apply("{'price': 1, 'ratio': null, 'code': 'USD', 'ref': {'limit': 2}}", &t, &d),
                   0);
  assert_true(isnan(t.ratio));
  assert_true(t.has_ref && t.ref_inline && isnan(t.ref.weight) && t.ref.limit == 2);
  assert_null(t.ref.id);
}

struct row {
  const char *why;
  const char *json; /* with 'price' and 'label' given unless the row is about them */
  const char *pointer;
  const char *detail; /* exact */
};

#define BASE "'price': 1, 'label': 'a', "

/* Each row: one problem, and exactly what the user reads. Numbers are
 * printed as JSON prints them: 1000000000000, not 1e12. */
/* clang-format off */
static const struct row rows[] = {
  { "a string for a number names both", "{'price': '5', 'label': 'a'}", "/base/price",
    "must be a number ≥ 0 (got a string)" },
  { "negative below a bound", "{'price': -1, 'label': 'a'}", "/base/price",
    "must be a number ≥ 0 (got -1)" },
  { "an excluded minimum reads as >", "{" BASE "'ratio': 0}", "/base/ratio",
    "must be a number > 0 and ≤ 1 (got 0)" },
  { "above the maximum", "{" BASE "'ratio': 1.5}", "/base/ratio",
    "must be a number > 0 and ≤ 1 (got 1.5)" },
  { "a count must be whole", "{" BASE "'count': 2.5}", "/base/count",
    "must be a whole number between 1 and 100 (got 2.5)" },
  { "an integer row rejects fractions", "{" BASE "'days': 365.5}", "/base/days",
    "must be an integer between 1 and 3650 (got 365.5)" },
  { "a huge number is out of range, not overflowed", "{" BASE "'days': 1e308}", "/base/days",
    "must be an integer between 1 and 3650 (got 1e308)" },
  { "the echo is JSON's number, not float noise", "{" BASE "'ratio': 1.0000000000000002}",
    "/base/ratio", "must be a number > 0 and ≤ 1 (got 1)" },
  { "bool must be a JSON boolean, not 1", "{" BASE "'flag': 1}", "/base/flag",
    "must be true or false (got a number)" },
  { "strings have a length limit in characters", "{'price': 1, 'label': 'abcdef'}",
    "/base/label", "must be a string of at most 5 characters (got 6 characters)" },
  { "a string row rejects numbers", "{'price': 1, 'label': 5}", "/base/label",
    "must be a string of at most 5 characters (got a number)" },
  { "a pattern names its rule", "{'price': 1, 'code': 'usd'}", "/base/code",
    "must be three capital letters (got 'usd')" },
  { "a date is a real day", "{" BASE "'when': '2023-02-29'}", "/base/when",
    "must be a date as YYYY-MM-DD (got '2023-02-29')" },
  { "a date has its shape", "{" BASE "'when': '1/2/2024'}", "/base/when",
    "must be a date as YYYY-MM-DD (got '1/2/2024')" },
  { "an enum lists its names", "{" BASE "'color': 'Red'}", "/base/color",
    "must be one of red, green, blue (got 'Red')" },
  { "an enum rejects a non-string", "{" BASE "'color': []}", "/base/color",
    "must be one of red, green, blue (got an array)" },
  { "a list of names checks each", "{" BASE "'colors': ['red', 'pink']}", "/base/colors/1",
    "must be one of red, green, blue (got 'pink')" },
  { "a list of names names each once", "{" BASE "'colors': ['red', 'red']}", "/base/colors/1",
    "is listed twice" },
  { "a list of names has a limit", "{" BASE "'colors': ['red', 'green', 'blue']}",
    "/base/colors", "must have at most 2 members (got 3)" },
  { "a nested object must be an object", "{" BASE "'inner': 3}", "/base/inner",
    "must be an object (got a number)" },
  { "nested problems have nested pointers", "{" BASE "'inner': {'depth': 11}}",
    "/base/inner/depth", "must be a number between 0 and 10 (got 11)" },
  { "required in a nested object", "{" BASE "'inner': {}}", "/base/inner/depth",
    "is required (a number between 0 and 10)" },
  { "numbers by name: each in range", "{" BASE "'peaks': {'red': 6}}", "/base/peaks/red",
    "must be a number between 0 and 5 (got 6)" },
  { "numbers by name: unknown names suggest", "{" BASE "'peaks': {'bleu': 1}}",
    "/base/peaks/bleu", "unknown field; did you mean 'blue'?" },
  { "an array has its bounds, checked first", "{" BASE "'list': []}", "/base/list",
    "must hold 1 to 3 parts (got 0)" },
  { "an array must be an array", "{" BASE "'list': {}}", "/base/list",
    "must be an array of 1 to 3 parts (got an object)" },
  { "array items are read by their table", "{" BASE "'list': [{'weight': 1}, {}]}",
    "/base/list/1/weight", "is required (a number > 0 and ≤ 100)" },
  { "a map's ids have a pattern", "{" BASE "'parts': {'Bolt': {'weight': 1}}}",
    "/base/parts/Bolt", "invalid id (lower-case letters)" },
  { "a map's entries are read by their table", "{" BASE "'parts': {'bolt': {'weight': 0}}}",
    "/base/parts/bolt/weight", "must be a number > 0 and ≤ 100 (got 0)" },
  { "an entry's rule across members", "{" BASE "'parts': {'bolt': {'weight': 5, 'limit': 4}}}",
    "/base/parts/bolt/weight", "must be ≤ limit (4)" },
  { "an entry must name a peak", "{" BASE "'parts': {'bolt': {'weight': 5, 'peaks': {}}}}",
    "/base/parts/bolt/peaks", "must name at least one color" },
  { "a ref resolves ids", "{" BASE "'ref': 'unknown'}", "/base/ref", "unknown part 'unknown'" },
  { "a ref is an id or an object", "{" BASE "'ref': 5}", "/base/ref",
    "must be a catalogue part id (a string) or an inline object (got a number)" },
  { "null does not satisfy required", "{" BASE "'inner': {'depth': null}}", "/base/inner/depth",
    "is required (a number between 0 and 10)" },
  { "a typo gets a suggestion", "{" BASE "'requests_per_dya': 5}", "/base/requests_per_dya",
    "unknown field; did you mean 'requests_per_day'?" },
  { "a case slip gets a suggestion", "{" BASE "'Price': 1}", "/base/Price",
    "unknown field; did you mean 'price'?" },
  { "an abbreviation gets a suggestion", "{" BASE "'requ': 1}", "/base/requ",
    "unknown field; did you mean 'requests_per_day'?" },
  { "nonsense gets none", "{" BASE "'zzzzzzzz': 5}", "/base/zzzzzzzz", "unknown field" },
  { "an output-only member is not an input", "{'price': 1, 'code': 'ABC', 'ref': {'id': 'x'}}",
    "/base/ref/id", "unknown field" },
  { "unknown keys are escaped per RFC 6901", "{" BASE "'a/b~c': 5}", "/base/a~1b~0c",
    "unknown field" },
  { "validate-only rows are still validated", "{" BASE "'requests_per_day': 2}",
    "/base/requests_per_day", "must be a number between 0 and 1 (got 2)" },
  { "any of: none given", "{'label': 'a'}", "/base", "needs price or count" },
  { "one of: none given", "{'price': 1}", "/base", "needs exactly one of label, code" },
  { "one of: two given", "{'price': 1, 'label': 'a', 'code': 'ABC'}", "/base",
    "needs exactly one of label, code (got label and code)" },
  { "excludes while a member is given",
    "{" BASE "'gate': true, 'gated': 1, 'gate_off': 0}", "/base/gate_off", "not with gated" },
  { "excludes unless a member is true", "{" BASE "'gated': 1}", "/base/gated",
    "only with gate: true" },
  { "excludes while a member equals a name", "{" BASE "'color': 'blue', 'colors': ['red']}",
    "/base/colors", "not with blue" },
  { "the table's own check", "{" BASE "'flag': true, 'ratio': 0.75}", "/base/ratio",
    "must be at most 0.5 with flag" },
};
/* clang-format on */

static void
test_rows(void **state)
{
  (void)state;
  for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
    struct toy t;
    struct aic_diags d;
    int rc = apply(rows[i].json, &t, &d);

    release(&t);
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
  assert_int_equal(apply("{'ratio': 2, 'count': 0, 'flag': 3, 'extra': 1, 'label': 'a'}", &t, &d),
                   AIC_E_INVALID);
  release(&t);
  assert_int_equal(d.n, 4); /* ratio, count, flag, extra */
  assert_int_equal(apply("{'ratio': 2}", &t, &d), AIC_E_INVALID);
  release(&t);
  assert_int_equal(d.n, 3); /* ratio, and the two rules: any of, one of */
}

/* A non-object where an object is expected is one problem at the base. */
static void
test_not_object(void **state)
{
  struct aic_diags d = AIC_DIAGS_INIT;
  struct aic_run run;
  struct toy t;
  json_t *j = json_array();

  (void)state;
  toy_blank(&t);
  aic_run_init(&run, &d, NULL);
  assert_int_equal(aic_table_apply(&toy_table, j, "", &t, &run), AIC_E_INVALID);
  assert_int_equal(d.n, 1);
  assert_string_equal(d.v[0].detail, "must be an object (got an array)");
  json_decref(j);
}

/* Thousands of unknown members: counted, the list stays bounded. */
static void
test_many_unknown(void **state)
{
  struct aic_diags d = AIC_DIAGS_INIT;
  struct aic_run run;
  struct toy t;
  json_t *j = json_object();
  char key[32];

  (void)state;
  json_object_set_new(j, "price", json_integer(1));
  json_object_set_new(j, "label", json_string("a"));
  for (int i = 0; i < 5000; i++) {
    snprintf(key, sizeof key, "k%d", i);
    json_object_set_new(j, key, json_true());
  }
  toy_blank(&t);
  aic_run_init(&run, &d, NULL);
  assert_int_equal(aic_table_apply(&toy_table, j, "", &t, &run), AIC_E_INVALID);
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
  static struct aic_field rows40[ROWS + 1];
  static const struct aic_table table = { .rows = rows40, .size = ROWS * sizeof(double) };
  double vals[ROWS];
  struct aic_diags d = AIC_DIAGS_INIT;
  struct aic_run run;
  json_t *j;

  (void)state;
  for (int i = 0; i < ROWS; i++) {
    snprintf(names[i], sizeof names[i], "r%02d", i);
    rows40[i] = (struct aic_field){ .name = names[i],
                                    .kind = AIC_K_REAL,
                                    .offset = (size_t)i * sizeof(double),
                                    .min = 0,
                                    .max = 10,
                                    .required = i == 7 };
  }
  aic_table_blank(&table, vals);
  aic_run_init(&run, &d, NULL);
  j = load("{'r39': 11, 'r00': 1, 'r3x': 2, 'r35': null, 'r20': 2.5}");
  assert_int_equal(aic_table_apply(&table, j, "/t", vals, &run), AIC_E_INVALID);
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
  j = load("{'r07': 3, 'r31': 4}");
  assert_int_equal(aic_table_apply(&table, j, "", vals, &run), 0);
  assert_int_equal(d.n, 0);
  assert_true(vals[7] == 3 && vals[31] == 4);
  json_decref(j);
}

/* What the rows read, they write back: absent numbers as null, every name
 * of a NUMBERS row, output-only ids, maps by id. */
static void
test_to_json(void **state)
{
  struct toy t;
  struct aic_diags d;
  json_t *j;
  char *text;

  (void)state;
  assert_int_equal(apply("{'price': 2.5, 'code': 'ABC', 'colors': ['green'],"
                         " 'parts': {'bolt': {'weight': 2, 'peaks': {'red': 1}}}}",
                         &t, &d),
                   0);
  j = aic_table_to_json(&toy_part_table, &t.parts[0]);
  text = aic_json_dump(j, 0);
  assert_string_equal(text, "{\"id\":\"bolt\",\"weight\":2,\"limit\":null,"
                            "\"peaks\":{\"red\":1,\"green\":null,\"blue\":null}}");
  free(text);
  json_decref(j);
  j = aic_table_to_json(&toy_table, &t);
  assert_true(json_real_value(json_object_get(j, "price")) == 2.5);
  assert_string_equal(json_string_value(json_object_get(j, "code")), "ABC");
  assert_true(json_is_null(json_object_get(j, "label")));
  assert_string_equal(json_string_value(json_array_get(json_object_get(j, "colors"), 0)), "green");
  assert_non_null(json_object_get(json_object_get(j, "parts"), "bolt"));
  assert_null(json_object_get(j, "requests_per_day")); /* validate-only: never stored */
  json_decref(j);
  release(&t);
}

/* clang-format off */
static const struct aic_field bad_rows[] = {
  { "open", AIC_K_REAL, 0, .required = false },        /* bounds left out */
  { "open", AIC_K_BOOL, 0, .required = false },        /* named twice */
  { "many", AIC_K_ARRAY, 0, .sub = &toy_part_table },  /* no limit, no noun */
  { "color", AIC_K_ENUM, 0, .required = false },       /* no names */
  { 0 },
};
/* clang-format on */
/* clang-format off */
static const struct aic_rule bad_rules[] = {
  { AIC_R_ANY_OF, .names = (const char *const[]){ "open", "nope", NULL }, .message = "x" },
  { AIC_R_NOT_ABOVE, .member = "open", .limit = "color" },
  { 0 },
};
/* clang-format on */
static const struct aic_table bad = { .name = "Part", .rows = bad_rows, .rules = bad_rules };

/* The toy lints clean; each slip a table can make is found. */
static void
test_lint(void **state)
{
  struct aic_diags d = AIC_DIAGS_INIT;

  (void)state;
  assert_int_equal(aic_table_lint(&toy_table, &d), AIC_OK);
  assert_int_equal(d.n, 0);
  assert_int_equal(aic_table_lint(&bad, &d), AIC_E_INTERNAL);
  for (size_t i = 0; i < d.n; i++)
    print_message("# %s: %s\n", d.v[i].pointer, d.v[i].detail);
  /* the bounds, the twin, the array, the names, the rule's two members, and
   * "Part" naming this table and toy_part_table (reached through "many") */
  assert_int_equal(d.n, 7);
}

int
main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_valid),        cmocka_unit_test(test_rows),
    cmocka_unit_test(test_all_problems), cmocka_unit_test(test_not_object),
    cmocka_unit_test(test_many_unknown), cmocka_unit_test(test_long_table),
    cmocka_unit_test(test_to_json),      cmocka_unit_test(test_lint),
  };
  int failed = cmocka_run_group_tests(tests, NULL, NULL);

  json_decref(last_doc);
  return failed;
}
