/* aic_yaml_parse: YAML files become the same JSON the API takes, and every
 * member can be found again by its JSON Pointer (line, column, key path).
 * The YAML 1.2 core schema decides what a plain scalar is; quoting always
 * makes a string; hostile input is an error with a position; what JSON
 * cannot hold is left for src/schema to report where it is. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "aicost/yaml.h"
#include "yaml_tree.h"

/* cmocka's assert_float_equal works in float; figures here need double. */
#define assert_near(a, b, tol)                                                                     \
  near_((double)(a), (double)(b), (double)(tol), #a, __FILE__, __LINE__)
static void
near_(double a, double b, double tol, const char *expr, const char *file, int line)
{
  if (!(fabs(a - b) <= tol))
    fail_msg("%s:%d: %s = %.17g, expected %.17g (tolerance %g)", file, line, expr, a, b, tol);
}

/* The last document parsed, kept for ytree_find. */
static struct aic_yaml *last;

static json_t *
conv(const char *text, struct aic_diags *d)
{
  aic_diags_reset(d);
  aic_yaml_free(last);
  last = NULL;
  if (aic_yaml_parse(text, strlen(text), "s.yaml", YTREE_MAX_BYTES, &last, d) != AIC_OK)
    return NULL;
  return json_incref(aic_yaml_json(last));
}

/* Where a pointer lands: "line:col path", the key's position with at_key. */
static void
assert_found(const char *pointer, bool at_key, const char *want)
{
  const struct ynode *key, *n;
  char path[128], got[200];
  bool whole;

  n = ytree_find(&last->tree, pointer, &key, &whole, path, sizeof path);
  if (at_key)
    n = key;
  assert_non_null(n);
  snprintf(got, sizeof got, "%u:%u %s%s", n->line, n->col, path, whole ? "" : " (missing)");
  assert_string_equal(got, want);
}

static void
assert_error(const struct aic_diags *d, const char *where, const char *fragment)
{
  for (size_t i = 0; i < d->n; i++)
    if (strcmp(d->v[i].pointer, where) == 0 && strstr(d->v[i].detail, fragment) != NULL)
      return;
  for (size_t i = 0; i < d->n; i++)
    print_message("# %s: %s\n", d->v[i].pointer, d->v[i].detail);
  fail_msg("no error at %s containing '%s'", where, fragment);
}

/* Core-schema resolution, one row per rule of YAML 1.2.2 section 10.3.2, and
 * the YAML 1.1 traps that must NOT apply (yes, 1_000, 010 stay as 1.2 says). */
static void
core_schema_scalars(void **state)
{
  struct aic_diags d;
  json_t *j = conv("int: 42\n"
                   "neg: -7\n"
                   "sci: 1e6\n"
                   "flt: 2.5\n"
                   "dot: .5\n"
                   "hex: 0x1F\n"
                   "oct: 0o17\n"
                   "lead0: 010\n"
                   "t: true\n"
                   "f: False\n"
                   "n1: ~\n"
                   "n2: null\n"
                   "n3:\n"
                   "yes11: yes\n"
                   "under: 1_000\n"
                   "qnum: \"42\"\n"
                   "qnull: '~'\n"
                   "word: hello world\n"
                   "big: 99999999999999999999\n"
                   "block: |\n  two\n  lines\n",
                   &d);

  (void)state;
  assert_non_null(j);
  assert_int_equal(json_integer_value(json_object_get(j, "int")), 42);
  assert_int_equal(json_integer_value(json_object_get(j, "neg")), -7);
  assert_true(json_is_real(json_object_get(j, "sci")));
  assert_near(json_real_value(json_object_get(j, "sci")), 1e6, 0);
  assert_near(json_real_value(json_object_get(j, "flt")), 2.5, 0);
  assert_near(json_real_value(json_object_get(j, "dot")), 0.5, 0);
  assert_int_equal(json_integer_value(json_object_get(j, "hex")), 31);
  assert_int_equal(json_integer_value(json_object_get(j, "oct")), 15);
  assert_int_equal(json_integer_value(json_object_get(j, "lead0")), 10); /* decimal in 1.2 */
  assert_true(json_is_true(json_object_get(j, "t")));
  assert_true(json_is_false(json_object_get(j, "f")));
  assert_true(json_is_null(json_object_get(j, "n1")));
  assert_true(json_is_null(json_object_get(j, "n2")));
  assert_true(json_is_null(json_object_get(j, "n3")));
  assert_string_equal(json_string_value(json_object_get(j, "yes11")), "yes");
  assert_string_equal(json_string_value(json_object_get(j, "under")), "1_000");
  assert_string_equal(json_string_value(json_object_get(j, "qnum")), "42");
  assert_string_equal(json_string_value(json_object_get(j, "qnull")), "~");
  assert_string_equal(json_string_value(json_object_get(j, "word")), "hello world");
  assert_true(json_is_real(json_object_get(j, "big"))); /* beyond 64 bits: nearest double */
  assert_near(json_real_value(json_object_get(j, "big")), 1e20, 1e5);
  assert_string_equal(json_string_value(json_object_get(j, "block")), "two\nlines\n");
  json_decref(j);
}

/* Nested maps and lists keep their structure and order (a scenario). */
static void
nested_structure(void **state)
{
  struct aic_diags d;
  json_t *j = conv("model: llama-3.1-70b\n"
                   "training:\n"
                   "  gpu: h100-sxm\n"
                   "  pretraining: {tokens: 15e12, recompute: false}\n"
                   "scenarios:\n"
                   "  - {a: 1}\n"
                   "  - [x, 'y']\n",
                   &d);
  json_t *s;

  (void)state;
  assert_non_null(j);
  assert_string_equal(json_string_value(json_object_get(j, "model")), "llama-3.1-70b");
  assert_near(json_real_value(json_object_get(
                json_object_get(json_object_get(j, "training"), "pretraining"), "tokens")),
              15e12, 0);
  s = json_object_get(j, "scenarios");
  assert_int_equal(json_array_size(s), 2);
  assert_int_equal(json_integer_value(json_object_get(json_array_get(s, 0), "a")), 1);
  assert_string_equal(json_string_value(json_array_get(json_array_get(s, 1), 1)), "y");
  json_decref(j);
}

/* .inf, .nan and 1e999 are YAML floats but never valid inputs: they
 * become null, for the engine to report with their position. */
static void
non_finite_become_null(void **state)
{
  struct aic_diags d;
  json_t *j = conv("x:\n  y: [1, .nan]\nz: -.inf\nw: 1e999\n", &d);

  (void)state;
  assert_non_null(j);
  assert_int_equal(d.n, 0);
  assert_true(json_is_null(json_array_get(json_object_get(json_object_get(j, "x"), "y"), 1)));
  assert_true(json_is_null(json_object_get(j, "z")));
  assert_true(json_is_null(json_object_get(j, "w")));
  assert_found("/x/y/1", false, "2:10 x.y[1]");
  assert_found("/z", false, "3:4 z");
  json_decref(j);
}

/* Of equal keys the first is kept (as the tree's finder sees it), and a
 * key JSON cannot hold is left out; src/schema reports both. */
static void
duplicate_and_complex_keys(void **state)
{
  struct aic_diags d;
  json_t *j = conv("a: 1\nb:\n  c: 1\n  c: 2\na: 3\n? [k]\n: 4\n", &d);

  (void)state;
  assert_non_null(j);
  assert_int_equal(d.n, 0);
  assert_int_equal(json_integer_value(json_object_get(j, "a")), 1);
  assert_int_equal(json_integer_value(json_object_get(json_object_get(j, "b"), "c")), 1);
  assert_int_equal(json_object_size(j), 2);
  assert_found("/a", false, "1:4 a");
  assert_found("/b/c", true, "3:3 b.c");
  json_decref(j);
}

/* A pointer finds its node, or the deepest one it reaches (where a missing
 * member is missing from), with the key path either way; RFC 6901 escapes
 * are undone. */
static void
pointers_find_nodes(void **state)
{
  struct aic_diags d;
  json_t *j = conv("gpus:\n  h100-sxm:\n    memory_gib: 80\napi_prices:\n"
                   "  acme/model: {input: 1}\nlist: [a, {b: 2}]\n",
                   &d);

  (void)state;
  assert_non_null(j);
  assert_found("", false, "1:1 ");
  assert_found("/gpus/h100-sxm/memory_gib", false, "3:17 gpus.h100-sxm.memory_gib");
  assert_found("/gpus/h100-sxm/memory_gib", true, "3:5 gpus.h100-sxm.memory_gib");
  assert_found("/gpus/h100-sxm/power_w", false, "3:5 gpus.h100-sxm.power_w (missing)");
  assert_found("/api_prices/acme~1model/input", false, "5:23 api_prices.acme/model.input");
  assert_found("/list/1/b", false, "6:15 list[1].b");
  assert_found("/list/7", false, "6:7 list.7 (missing)");
  assert_found("/nowhere/deeper", false, "1:1 nowhere.deeper (missing)");
  json_decref(j);
}

/* Aliases could multiply a small file into a huge document: refused. */
static void
aliases_rejected(void **state)
{
  struct aic_diags d;

  (void)state;
  assert_null(conv("a: &x [1, 2]\nb: *x\n", &d));
  assert_int_equal(d.n, 1);
  assert_error(&d, "s.yaml:2:4", "aliases are not allowed");
}

/* Syntax errors carry libyaml's position; an empty file is an error. */
static void
syntax_and_empty(void **state)
{
  struct aic_diags d;

  (void)state;
  assert_null(conv("a: [1, 2\n", &d));
  assert_int_equal(d.n, 1);
  assert_error(&d, "s.yaml:2:1", "did not find expected ',' or ']'");
  /* an empty file is a document without JSON: src/schema says what it lacks */
  assert_null(conv("", &d));
  assert_int_equal(d.n, 0);
  assert_non_null(last);
  assert_null(aic_yaml_json(last));
}

/* A top-level scalar is a valid JSON text too. */
static void
top_level_scalar(void **state)
{
  struct aic_diags d;
  json_t *j = conv("3.25\n", &d);

  (void)state;
  assert_non_null(j);
  assert_near(json_real_value(j), 3.25, 0);
  json_decref(j);
}

int
main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(core_schema_scalars),    cmocka_unit_test(nested_structure),
    cmocka_unit_test(non_finite_become_null), cmocka_unit_test(duplicate_and_complex_keys),
    cmocka_unit_test(pointers_find_nodes),    cmocka_unit_test(aliases_rejected),
    cmocka_unit_test(syntax_and_empty),       cmocka_unit_test(top_level_scalar),
  };
  int failed = cmocka_run_group_tests_name("yaml_json", tests, NULL, NULL);

  aic_yaml_free(last);
  return failed;
}
