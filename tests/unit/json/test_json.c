/* aic_json_parse and aic_json_dump: what is a syntax error (HTTP 400), what
 * the error says, and how numbers print. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "aicost/json.h"
#include "json_util.h"

struct bad_case {
  const char *why;
  const char *bytes;
  size_t len; /* 0: strlen(bytes) */
  const char *fragment;
};

/* Each row is bytes that are not one acceptable JSON document. */
/* clang-format off */
static const struct bad_case bad[] = {
  { "invalid UTF-8 must not reach the validator", "{\"a\": \"\xff\"}", 0, "line 1, column" },
  { "a lone surrogate is not a character", "{\"a\": \"\\ud800\"}", 0, "invalid Unicode" },
  { "an integer beyond int64 cannot be represented exactly", "{\"a\": 99999999999999999999}", 0,
    "too big integer" },
  { "a negative integer beyond int64 either", "{\"a\": -9223372036854775809}", 0,
    "too big negative integer" },
  { "a real beyond double would become infinity", "{\"a\": 1e400}", 0, "real number overflow" },
  { "trailing garbage after the document is not one document", "{\"a\": 1} x", 0,
    "end of file expected" },
  { "two documents are not one", "{}{}", 0, "end of file expected" },
  { "an escaped NUL would cut C strings short", "{\"a\": \"\\u0000\"}", 0, "\\u0000" },
  { "a raw NUL byte after the document", "{\"a\": 1}\0", 9, "end of file expected" },
  { "a raw NUL byte inside a string", "{\"a\": \"x\0y\"}", 12, "line 1" },
  { "duplicate keys would make the last one win silently", "{\"a\": 1,\n \"a\": 2}", 0,
    "duplicate object key" },
  { "a bare number is not a scenario or a request", "3", 0, "'[' or '{' expected" },
  { "an empty body says so", "", 0, "empty" },
  { "whitespace only is empty too", "  \n ", 0, "line" },
  { "a truncated object", "{\"a\": ", 0, "line 1" },
  { "the line and column point at the problem", "{\n  \"a\": 1,\n  \"b\": tru\n}", 0,
    "invalid JSON at line 3, column" },
  { "a comment is not JSON", "{\"a\": 1 /* no */}", 0, "line 1" },
  { "NaN is not JSON", "{\"a\": NaN}", 0, "invalid token" },
  { "single quotes are not JSON", "{'a': 1}", 0, "line 1" },
};
/* clang-format on */

static void
test_parse_rejects(void **state)
{
  (void)state;
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    struct aic_diags d = AIC_DIAGS_INIT;
    size_t len = bad[i].len ? bad[i].len : strlen(bad[i].bytes);
    json_t *j;
    int rc = aic_json_parse(bad[i].bytes, len, &j, &d);

    if (rc != AIC_E_SYNTAX || j || d.n != 1 || strcmp(d.v[0].pointer, "") != 0 ||
        !strstr(d.v[0].detail, bad[i].fragment) || strcmp(d.v[0].code, "") != 0)
      fail_msg("case %zu (%s): got %s, %zu diags, detail '%s'", i, bad[i].why,
               j ? "a document" : "NULL", d.n, d.n ? d.v[0].detail : "");
    json_decref(j);
  }
}

/* 2048 levels are jansson's limit: 10,000 must be a 400, not a stack overflow. */
static void
test_parse_depth(void **state)
{
  struct aic_diags d = AIC_DIAGS_INIT;
  size_t n = 10000;
  char *deep = malloc(n);
  json_t *j;

  (void)state;
  memset(deep, '[', n);
  assert_int_equal(aic_json_parse(deep, n, &j, &d), AIC_E_SYNTAX);
  assert_null(j);
  assert_non_null(strstr(d.v[0].detail, "maximum parsing depth"));
  free(deep);
}

/* The accepted side: an array parses (the scenario reader then says 422),
 * and UTF-8 names survive. */
static void
test_parse_accepts(void **state)
{
  struct aic_diags d = AIC_DIAGS_INIT;
  const char *s = "{\"name\": \"caf\xc3\xa9 \\u00e9\", \"n\": 1e3}";
  json_t *j;

  (void)state;
  assert_int_equal(aic_json_parse(s, strlen(s), &j, &d), AIC_OK);
  assert_non_null(j);
  assert_int_equal(d.n, 0);
  assert_string_equal(json_string_value(json_object_get(j, "name")), "caf\xc3\xa9 \xc3\xa9");
  json_decref(j);
  assert_int_equal(aic_json_parse("[1]", 3, &j, &d), AIC_OK);
  assert_non_null(j);
  json_decref(j);
}

struct num_case {
  const char *why;
  double x;
  const char *text;
};

/* Each row: a double and exactly how it must print. */
/* clang-format off */
static const struct num_case nums[] = {
  { "the article's daily bill is a whole number: no .0", 25000.0, "25000" },
  { "float noise on a whole number must not show", 25000.000000000004, "25000" },
  { "the article's annual bill", 9125000.0, "9125000" },
  { "0.1 + 0.2 prints as 0.3 at 15 digits", 0.1 + 0.2, "0.3" },
  { "a price stays a decimal", 0.005, "0.005" },
  { "absent (NAN) is null", ((double)NAN), "null" },
  { "infinity is never a number in JSON: null", ((double)INFINITY), "null" },
  { "negative zero is zero", -0.0, "0" },
  { "2^53 is still an exact integer, all 16 digits", 9007199254740992.0, "9007199254740992" },
  { "noise beyond 15 digits rounds to the printed whole number", 1e15 + 0.3, "1000000000000000" },
  { "beyond 2^53 a whole number prints as a real", 6.3e24, "6.3e24" },
  { "GPT-3's training FLOPs", 3.14e23, "3.14e23" },
  { "small reals keep their exponent", 1e-7, "1e-7" },
  { "15 significant digits, not 17", 1.0 / 3.0, "0.333333333333333" },
  { "negative whole numbers are integers too", -42.0, "-42" },
};
/* clang-format on */

static void
test_numbers(void **state)
{
  (void)state;
  for (size_t i = 0; i < sizeof nums / sizeof nums[0]; i++) {
    json_t *a = json_array();
    char *s;

    json_array_append_new(a, aic_json_number(nums[i].x));
    s = aic_json_dump(a, 0);
    /* strip the brackets */
    if (!s || strlen(s) < 2 || strncmp(s + 1, nums[i].text, strlen(nums[i].text)) != 0 ||
        s[1 + strlen(nums[i].text)] != ']')
      fail_msg("case %zu (%s): got %s, want [%s]", i, nums[i].why, s ? s : "NULL", nums[i].text);
    free(s);
    json_decref(a);
  }
}

/* Compact by default, 2-space indent when pretty, UTF-8 kept (no \u escapes). */
static void
test_dump_layout(void **state)
{
  json_t *o = json_object();
  char *s;

  (void)state;
  json_object_set_new(o, "b", aic_json_number(1));
  json_object_set_new(o, "a", json_string("caf\xc3\xa9"));
  s = aic_json_dump(o, 0);
  assert_string_equal(s, "{\"b\":1,\"a\":\"caf\xc3\xa9\"}"); /* insertion order, compact */
  free(s);
  s = aic_json_dump(o, 1);
  assert_string_equal(s, "{\n  \"b\": 1,\n  \"a\": \"caf\xc3\xa9\"\n}");
  free(s);
  json_decref(o);
}

int
main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_parse_rejects), cmocka_unit_test(test_parse_depth),
    cmocka_unit_test(test_parse_accepts), cmocka_unit_test(test_numbers),
    cmocka_unit_test(test_dump_layout),
  };

  return cmocka_run_group_tests(tests, NULL, NULL);
}
