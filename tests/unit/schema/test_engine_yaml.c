/* The engine on the toy table (toy.c) reading YAML: each problem at its
 * line and column, with its key path, in YAML's words, including what JSON
 * cannot show (repeated and non-string keys, .inf); then the toy table as
 * JSON Schema. */
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
#include "yaml_tree.h"

static int
apply_yaml(const char *text, struct toy *t, struct aic_diags *d)
{
  struct aic_yaml *y = NULL;
  struct aic_run run;
  int rc;

  aic_diags_reset(d);
  toy_blank(t);
  assert_int_equal(aic_yaml_parse(text, strlen(text), "f.yaml", YTREE_MAX_BYTES, &y, d), AIC_OK);
  aic_run_init(&run, d, NULL);
  run.yaml = y;
  rc = aic_table_apply(&toy_table, aic_yaml_json(y), "", t, &run);
  free(t->list);
  free(t->parts);
  aic_yaml_free(y);
  return rc;
}

struct row {
  const char *why;
  const char *yaml; /* with label: a unless the row is about it */
  const char *where;
  const char *detail; /* exact */
};

/* Each row: one problem, where it is and what the user reads. */
/* clang-format off */
static const struct row rows[] = {
  { "a quoted number is a string", "label: a\nprice: '5'\ncount: 1\n", "f.yaml:2:8",
    "price: expected a number, got the quoted string '5'" },
  { "a word is shown back", "label: a\nprice: five\ncount: 1\n", "f.yaml:2:8",
    "price: expected a number, got 'five'" },
  { "a version that YAML reads as a number must be quoted", "label: 1.0\nprice: 1\n", "f.yaml:1:8",
    "label: expected a string, got a number (quote it: \"1.0\")" },
  { "negative", "label: a\nprice: -1\ncount: 1\n", "f.yaml:2:8", "price: must not be negative (got -1)" },
  { "zero where more is needed", "label: a\nratio: 0\nprice: 1\n", "f.yaml:2:8",
    "ratio: must be greater than 0" },
  { "above the maximum", "label: a\nratio: 1.5\nprice: 1\n", "f.yaml:2:8", "ratio: must be at most 1 (got 1.5)" },
  { "below a minimum above zero", "label: a\ncount: 0\n", "f.yaml:2:8",
    "count: must be at least 1 (got 0)" },
  { "a fraction where a count belongs", "label: a\ncount: 2.5\n", "f.yaml:2:8",
    "count: must be a whole number (got 2.5)" },
  { ".inf is a float but not a figure", "label: a\nratio: .inf\nprice: 1\n", "f.yaml:2:8",
    "ratio: must be a finite number" },
  { "1e400 overflows like .inf", "label: a\npeaks: {red: 1e400}\nprice: 1\n", "f.yaml:2:14",
    "peaks.red: must be a finite number" },
  { "an enum names its noun", "label: a\ncolor: pink\nprice: 1\n", "f.yaml:2:8",
    "color: unknown color 'pink' (one of red, green, blue)" },
  { "a date as written", "label: a\nwhen: 2024-13-01\nprice: 1\n", "f.yaml:2:7",
    "when: expected a date as YYYY-MM-DD, got '2024-13-01'" },
  { "an unknown key, at the key", "label: a\npirce: 1\nprice: 1\n", "f.yaml:2:1",
    "pirce: unknown key; did you mean 'price'?" },
  { "a short table lists its keys", "label: a\ninner: {depth: 1, width: 2}\nprice: 1\n", "f.yaml:2:19",
    "inner.width: unknown key (expected depth)" },
  { "numbers by name: an unknown name", "label: a\npeaks: {pink: 1}\nprice: 1\n", "f.yaml:2:9",
    "peaks.pink: unknown color (one of red, green, blue)" },
  { "a missing key, at its mapping", "label: a\ninner: {}\nprice: 1\n", "f.yaml:2:8",
    "inner.depth: missing required key" },
  { "a repeated key, at the repeat", "label: a\nprice: 1\nprice: 2\ncount: 1\n", "f.yaml:3:1",
    "price: duplicate key (first at line 2, column 1)" },
  { "a repeated id", "label: a\nparts:\n  bolt: {weight: 1}\n  bolt: {weight: 2}\nprice: 1\n", "f.yaml:4:3",
    "parts.bolt: duplicate id (first at line 3, column 3)" },
  { "a key JSON cannot hold", "label: a\n? [k]\n: 1\nprice: 1\n", "f.yaml:2:3",
    "(document): key must be a plain string, not a list" },
  { "an invalid id, at the key", "label: a\nparts:\n  Bolt: {weight: 1}\nprice: 1\n", "f.yaml:3:3",
    "parts.Bolt: invalid id (lower-case letters)" },
  { "a rule across members", "label: a\nparts:\n  bolt: {weight: 5, limit: 4}\nprice: 1\n", "f.yaml:3:18",
    "parts.bolt.weight: must not exceed limit (4)" },
  { "list items by index", "label: a\nlist:\n  - {weight: 0}\nprice: 1\n", "f.yaml:3:14",
    "list[0].weight: must be greater than 0" },
  { "a rule about the whole mapping", "price: 1\n", "f.yaml:1:1",
    "(document): needs exactly one of label, code" },
  { "the top must be a mapping", "- 1\n", "f.yaml:1:1",
    "(document): expected a mapping at the top, got a list" },
  { "an empty file", "# nothing\n", "f.yaml:1:1", "(document): the file is empty" },
};
/* clang-format on */

static void
test_rows(void **state)
{
  (void)state;
  for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
    struct toy t;
    struct aic_diags d = AIC_DIAGS_INIT;
    int rc = apply_yaml(rows[i].yaml, &t, &d);

    for (size_t k = 0; k < d.n && (rc != AIC_E_INVALID || d.n != 1); k++)
      print_message("# %s: %s\n", d.v[k].pointer, d.v[k].detail);
    if (rc != AIC_E_INVALID || d.n != 1 || strcmp(d.v[0].pointer, rows[i].where) != 0 ||
        strcmp(d.v[0].detail, rows[i].detail) != 0)
      fail_msg("row %zu (%s): rc %d, %zu diags, first '%s: %s'", i, rows[i].why, rc, d.n,
               d.n ? d.v[0].pointer : "", d.n ? d.v[0].detail : "");
  }
}

/* A valid file reads as its JSON would; YAML null is absent, as JSON null. */
static void
test_valid_yaml(void **state)
{
  struct aic_diags d = AIC_DIAGS_INIT;
  struct aic_yaml *y = NULL;
  struct aic_run run;
  struct toy t;
  const char *text = "code: ABC\nratio: ~\nprice: 2.5\ncolors: [red]\n";

  (void)state;
  toy_blank(&t);
  assert_int_equal(aic_yaml_parse(text, strlen(text), "f.yaml", YTREE_MAX_BYTES, &y, &d), AIC_OK);
  aic_run_init(&run, &d, NULL);
  run.yaml = y;
  assert_int_equal(aic_table_apply(&toy_table, aic_yaml_json(y), "", &t, &run), 0);
  assert_string_equal(t.code, "ABC");
  assert_true(isnan(t.ratio) && t.price == 2.5 && t.colors == 1u << RED);
  /* a problem found later (the core's, by pointer) lands on its node */
  aic_report_pointer(&run, "/price", "is too much");
  aic_report_pointer(&run, "/inner/depth", "is needed");
  assert_int_equal(d.n, 2);
  assert_string_equal(d.v[0].pointer, "f.yaml:3:8");
  assert_string_equal(d.v[0].detail, "price: is too much");
  assert_string_equal(d.v[1].pointer, "f.yaml:1:1");
  assert_string_equal(d.v[1].detail, "inner.depth: is needed");
  aic_yaml_free(y);
}

/* The compact text of the member at `pointer` (RFC 6901, no escapes here). */
static char *
at(const json_t *j, const char *pointer)
{
  char key[64];

  while (*pointer == '/' && j != NULL) {
    size_t n = strcspn(pointer + 1, "/");

    snprintf(key, sizeof key, "%.*s", (int)n, pointer + 1);
    j = json_is_array(j) ? json_array_get(j, (size_t)atoi(key)) : json_object_get(j, key);
    pointer += 1 + n;
  }
  return j != NULL ? json_dumps(j, JSON_COMPACT | JSON_ENCODE_ANY | JSON_PRESERVE_ORDER)
                   : strdup("(absent)");
}

static void
assert_at(const json_t *j, const char *pointer, const char *want)
{
  char *got = at(j, pointer);

  if (strcmp(got, want) != 0)
    fail_msg("%s: %s, expected %s", pointer, got, want);
  free(got);
}

/* The toy table as JSON Schema: kinds, bounds, names and patterns as
 * $defs, an entry's inline form without its requirements, and the rules. */
static void
test_json_schema(void **state)
{
  json_t *s = aic_table_json_schema(&toy_table, "urn:test:toy", "Toy");

  (void)state;
  assert_non_null(s);
  assert_at(s, "/$schema", "\"https://json-schema.org/draft/2020-12/schema\"");
  assert_at(s, "/$id", "\"urn:test:toy\"");
  assert_at(s, "/additionalProperties", "false");
  assert_at(s, "/required", "(absent)");
  assert_at(s, "/properties/ratio", "{\"type\":\"number\",\"exclusiveMinimum\":0,\"maximum\":1}");
  assert_at(s, "/properties/count", "{\"type\":\"integer\",\"minimum\":1,\"maximum\":100}");
  assert_at(s, "/properties/price", "{\"type\":\"number\",\"minimum\":0}");
  assert_at(s, "/properties/days/default", "365");
  assert_at(s, "/properties/code", "{\"type\":\"string\",\"pattern\":\"^[A-Z]{3}$\"}");
  assert_at(s, "/properties/when/format", "\"date\"");
  assert_at(s, "/properties/color", "{\"$ref\":\"#/$defs/Color\"}");
  assert_at(s, "/$defs/Color/enum", "[\"red\",\"green\",\"blue\"]");
  assert_at(
    s, "/properties/colors",
    "{\"type\":\"array\",\"uniqueItems\":true,\"maxItems\":2,\"items\":{\"$ref\":\"#/$defs/Color\"}}");
  assert_at(s, "/properties/peaks/properties/blue",
            "{\"type\":\"number\",\"minimum\":0,\"maximum\":5}");
  assert_at(s, "/properties/list/items", "{\"$ref\":\"#/$defs/Part\"}");
  assert_at(s, "/properties/list/minItems", "1");
  assert_at(s, "/properties/parts/propertyNames", "{\"$ref\":\"#/$defs/PartId\"}");
  assert_at(s, "/properties/parts/additionalProperties", "{\"$ref\":\"#/$defs/Part\"}");
  assert_at(s, "/properties/ref/oneOf",
            "[{\"$ref\":\"#/$defs/PartId\"},{\"$ref\":\"#/$defs/PartInline\"}]");
  assert_at(s, "/properties/ref/examples", "[\"known\"]");
  assert_at(s, "/$defs/Part/required", "[\"weight\"]");
  assert_at(s, "/$defs/PartInline/required", "(absent)");
  assert_at(s, "/$defs/Part/properties/id", "(absent)"); /* output only */
  assert_at(s, "/$defs/Part/properties/weight/x-unit", "\"kg\"");
  assert_at(s, "/$defs/Part/properties/peaks/minProperties", "1");
  assert_at(s, "/$defs/PartId/pattern", "\"^[a-z]+$\"");
  assert_at(s, "/allOf/0", "{\"anyOf\":[{\"required\":[\"price\"]},{\"required\":[\"count\"]}]}");
  assert_at(s, "/allOf/1", "{\"oneOf\":[{\"required\":[\"label\"]},{\"required\":[\"code\"]}]}");
  assert_at(s, "/allOf/2",
            "{\"if\":{\"required\":[\"gated\"]},\"then\":{\"not\":{\"required\":[\"gate_off\"]}}}");
  assert_at(s, "/allOf/3",
            "{\"if\":{\"required\":[\"gate\"],\"properties\":{\"gate\":{\"const\":true}}},"
            "\"else\":{\"not\":{\"required\":[\"gated\"]}}}");
  assert_at(s, "/allOf/4/if/properties/color/const", "\"blue\"");
  json_decref(s);
}

int
main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_rows),
    cmocka_unit_test(test_valid_yaml),
    cmocka_unit_test(test_json_schema),
  };

  return cmocka_run_group_tests(tests, NULL, NULL);
}
