/* aic_json_scan (src/json/json_scan.c, the fast path of aic_json_parse)
 * against json_loadb(JSON_REJECT_DUPLICATES), differentially: for every
 * input, when jansson refuses it the fast path must give up (so the 400 and
 * its message stay jansson's), and when jansson accepts it the fast path
 * either gives up or builds the same tree: same types, same key order, same
 * strings byte for byte, same reals bit for bit (-0.0 included).
 * Inputs: every JSON file of the repository's test data, a list of edges,
 * and a few hundred thousand random mutations of them.
 * Argument: tests/data (its grandparent holds tests/hostile and bench). */
#include <dirent.h>
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
#include "json_scan.h"
#include "testfiles.h"

static char root[512];

/* Strictly the same tree: json_equal ignores key order and -0.0. */
static bool
same_tree(const json_t *a, const json_t *b)
{
  if (json_typeof(a) != json_typeof(b))
    return false;
  switch (json_typeof(a)) {
  case JSON_OBJECT: {
    void *ia = json_object_iter((json_t *)a), *ib = json_object_iter((json_t *)b);

    if (json_object_size(a) != json_object_size(b))
      return false;
    for (; ia != NULL && ib != NULL;
         ia = json_object_iter_next((json_t *)a, ia), ib = json_object_iter_next((json_t *)b, ib)) {
      size_t la = json_object_iter_key_len(ia), lb = json_object_iter_key_len(ib);

      if (la != lb || memcmp(json_object_iter_key(ia), json_object_iter_key(ib), la) != 0 ||
          !same_tree(json_object_iter_value(ia), json_object_iter_value(ib)))
        return false;
    }
    return ia == NULL && ib == NULL;
  }
  case JSON_ARRAY:
    if (json_array_size(a) != json_array_size(b))
      return false;
    for (size_t i = 0; i < json_array_size(a); i++)
      if (!same_tree(json_array_get(a, i), json_array_get(b, i)))
        return false;
    return true;
  case JSON_STRING:
    return json_string_length(a) == json_string_length(b) &&
           memcmp(json_string_value(a), json_string_value(b), json_string_length(a)) == 0;
  case JSON_INTEGER: return json_integer_value(a) == json_integer_value(b);
  case JSON_REAL: {
    double x = json_real_value(a), y = json_real_value(b);

    return memcmp(&x, &y, sizeof x) == 0;
  }
  case JSON_TRUE:
  case JSON_FALSE:
  case JSON_NULL: return true;
  }
  return false;
}

static size_t compared, taken;

/* One input both ways; returns whether the fast path took it. */
static bool
check(const char *what, const char *bytes, size_t len)
{
  json_t *ref = json_loadb(bytes, len, JSON_REJECT_DUPLICATES, NULL);
  json_t *fast = aic_json_scan(bytes, len);
  bool took = fast != NULL;

  if (ref == NULL && fast != NULL)
    fail_msg("%s: jansson refuses '%.*s' but the fast path accepted it", what,
             (int)(len < 200 ? len : 200), bytes);
  if (ref != NULL && fast != NULL && !same_tree(ref, fast))
    fail_msg("%s: a different tree for '%.*s'", what, (int)(len < 200 ? len : 200), bytes);
  json_decref(ref);
  json_decref(fast);
  compared++;
  taken += took;
  return took;
}

/* Hand-picked edges: each row says whether the fast path must take it
 * (the usual request shapes) or may give up. */
static void
test_edges(void **state)
{
  static const struct {
    const char *text;
    bool must_take;
  } rows[] = {
    { "{}", true },
    { "[]", true },
    { " \t\r\n{ \"a\" : [ 1 , -2 , 3.5 , true , false , null ] } \n", true },
    { "{\"a\":0.005,\"b\":2.5,\"c\":1e6,\"d\":15e12,\"e\":-0.0,\"f\":-0,\"g\":0.1}", true },
    { "{\"a\":1E5,\"b\":1e+5,\"c\":1e-5,\"d\":123456789012345,\"e\":999999999999999999}", true },
    { "{\"esc\":\"q\\\" b\\\\ s\\/ \\b\\f\\n\\r\\t\",\"utf8\":\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\"}",
      true },
    { "[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]", true },
    { "{\"\":\"\"}", true },
    { "{\"a\":1}x", false },
    { "{\"a\":1} {}", false },
    { "{\"a\":01}", false },
    { "{\"a\":-}", false },
    { "{\"a\":1.}", false },
    { "{\"a\":.5}", false },
    { "{\"a\":+1}", false },
    { "{\"a\":1e}", false },
    { "{\"a\":1e+}", false },
    { "{\"a\":1ee5}", false },
    { "{\"a\":1.5.5}", false },
    { "{\"a\":--1}", false },
    { "{\"a\":1e400}", false },
    { "{\"a\":-1e400}", false },
    { "{\"a\":1e-400}", false },
    { "{\"a\":4.9e-324}", false },
    { "{\"a\":1.7976931348623157e308}", false },
    { "{\"a\":0.1234567890123456789}", false },
    { "{\"a\":12345678901234567890123}", false },
    { "{\"a\":9223372036854775807}", false },
    { "{\"a\":9223372036854775808}", false },
    { "{\"a\":-9223372036854775808}", false },
    { "{\"a\":-9223372036854775809}", false },
    { "{\"a\":1,}", false },
    { "{,}", false },
    { "[1,]", false },
    { "[,1]", false },
    { "{\"a\" 1}", false },
    { "{\"a\":1 \"b\":2}", false },
    { "{\"a\":1,\"a\":2}", false },
    { "{\"a\":{\"x\":1},\"b\":2,\"a\":[2]}", false },
    { "{\"a\\nb\":1,\"a\\u000ab\":2}", false },
    { "{\"a\\nb\":1,\"a\\nb\":2}", false },
    { "[{\"a\":1},{\"a\":1,\"b\":{\"a\":1}}]", true },
    { "{\"a\":tru}", false },
    { "{\"a\":truex}", false },
    { "{\"a\":nul}", false },
    { "{\"a\":True}", false },
    { "{\"a\":\"\\u0041\"}", false },
    { "{\"a\":\"\\u0000\"}", false },
    { "{\"a\":\"\\ud800\"}", false },
    { "{\"a\":\"\\x\"}", false },
    { "{\"a\":\"tab\there\"}", false },
    { "{\"a\":\"\xff\"}", false },
    { "{\"a\":\"\xc0\xaf\"}", false },
    { "{\"a\":\"\xed\xa0\x80\"}", false },
    { "{\"a\":\"\xf4\x90\x80\x80\"}", false },
    { "{\"a\":\"\xe2\x82\"}", false },
    { "{\"\xff\":1}", false },
    { "\xef\xbb\xbf{}", false },
    { "{\"a\":1}\xc3\xa9", false },
    { "{\"a\":\"unterminated}", false },
    { "{\"a\":", false },
    { "{", false },
    { "[", false },
    { "", false },
    { "   ", false },
    { "3", false },
    { "\"s\"", false },
    { "null", false },
    { "{'a':1}", false },
    { "{a:1}", false },
    { "{\"a\":NaN}", false },
    { "{\"a\":Infinity}", false },
    { "[1] /* c */", false },
    { "{\"a\":1}\v", false },
    { "\f{}", false },
  };
  char deep[300];

  (void)state;
  for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
    bool took = check(rows[i].text, rows[i].text, strlen(rows[i].text));

    if (rows[i].must_take && !took)
      fail_msg("row %zu: the fast path gave up on '%s'", i, rows[i].text);
  }
  /* every byte value at every place of a string's run of plain bytes: a
   * plain byte must be taken, any other judged as jansson judges it */
  for (int b = 0; b < 256; b++) {
    for (size_t at = 0; at < 19; at++) {
      char text[40];
      size_t n = 0;

      memcpy(text, "{\"k\":\"", 6);
      n = 6;
      memset(text + n, 'a', 20);
      text[n + at] = (char)b;
      n += 20;
      memcpy(text + n, "\"}", 2);
      n += 2;
      if (!check("a byte in a string", text, n) && b >= 0x20 && b < 0x80 && b != '"' && b != '\\')
        fail_msg("byte 0x%02x at %zu: the fast path gave up on a plain string", b, at);
    }
  }
  /* NUL bytes, inside and outside strings */
  check("NUL in a string", "{\"a\":\"x\0y\"}", 11);
  check("NUL after", "{\"a\":1}\0", 8);
  check("NUL in a key", "{\"a\0b\":1}", 10);
  /* nesting past the fast path's limit, and far past jansson's */
  memset(deep, '[', 150);
  memset(deep + 150, ']', 150);
  check("150 levels", deep, sizeof deep);
  /* an escaped string longer than the fast path's scratch buffer */
  {
    char big[700];
    size_t n = 0;

    big[n++] = '[';
    big[n++] = '"';
    for (int i = 0; i < 300; i++) {
      big[n++] = '\\';
      big[n++] = 'n';
    }
    big[n++] = '"';
    big[n++] = ']';
    check("long escaped string", big, n);
  }
}

/* The seeds: every *.json of a folder (kept for the mutation test). */
#define MAX_SEEDS 1024
static char *seeds[MAX_SEEDS];
static size_t seed_len[MAX_SEEDS];
static size_t n_seeds;

static size_t
load_dir(const char *rel, bool must_take)
{
  char dir[1024], path[1400];
  struct dirent *e;
  DIR *d;
  size_t n = 0;

  snprintf(dir, sizeof dir, "%s/%s", root, rel);
  d = opendir(dir);
  if (d == NULL)
    fail_msg("cannot open %s", dir);
  while ((e = readdir(d)) != NULL) {
    size_t l = strlen(e->d_name), len = 0;
    char *text;

    if (l < 6 || strcmp(e->d_name + l - 5, ".json") != 0)
      continue;
    snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
    text = testfile_read(path, &len);
    if (text == NULL)
      continue;
    if (!check(path, text, len) && must_take)
      fail_msg("%s: the fast path gave up on a request it is there for", path);
    if (n_seeds < MAX_SEEDS && len < 20000) {
      seeds[n_seeds] = text;
      seed_len[n_seeds++] = len;
    } else {
      free(text);
    }
    n++;
  }
  closedir(d);
  return n;
}

/* Every JSON file we have: the bench and golden requests must take the
 * fast path (it is there for them); the rest only must agree. */
static void
test_files(void **state)
{
  (void)state;
  assert_true(load_dir("bench/scenarios", true) >= 3);
  assert_true(load_dir("tests/data/golden", false) >= 30);
  assert_true(load_dir("tests/data/scenarios", true) >= 9);
  assert_true(load_dir("tests/data/invalid", false) >= 20);
  assert_true(load_dir("tests/hostile/cases", false) >= 100);
  print_message("# %zu inputs, %zu taken by the fast path\n", compared, taken);
}

static uint64_t rng_state = 0x243f6a8885a308d3u;

static uint64_t
rng(void)
{
  uint64_t z = (rng_state += 0x9e3779b97f4a7c15u);

  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
  return z ^ (z >> 31);
}

/* Random edits of the seeds, biased to JSON's own characters: each result
 * is compared as above. AIC_SCAN_TEST_N sets how many (default 300000). */
static void
test_mutations(void **state)
{
  static const char alphabet[] =
    "{}[]\":,.-+eE0123456789 \t\n\\/ubfnrtaxl\x01\x7f\xc3\xa9\xff\xed\xa0";
  const char *env = getenv("AIC_SCAN_TEST_N");
  size_t n = env != NULL && strtoul(env, NULL, 10) > 0 ? strtoul(env, NULL, 10) : 300000;
  size_t before_taken = taken;
  char *buf = malloc(20000 + 64);

  (void)state;
  assert_non_null(buf);
  assert_true(n_seeds > 0);
  for (size_t i = 0; i < n; i++) {
    size_t k = rng() % n_seeds, len = seed_len[k];
    int edits = 1 + (int)(rng() % 3);

    memcpy(buf, seeds[k], len);
    for (int e = 0; e < edits && len > 0; e++) {
      size_t at = rng() % len;
      char c = (rng() % 4 == 0) ? (char)(rng() & 0xff) : alphabet[rng() % (sizeof alphabet - 1)];

      switch (rng() % 3) {
      case 0: buf[at] = c; break;
      case 1:
        if (len < 20000 + 60) {
          memmove(buf + at + 1, buf + at, len - at);
          buf[at] = c;
          len++;
        }
        break;
      default:
        memmove(buf + at, buf + at + 1, len - at - 1);
        len--;
        break;
      }
    }
    check("mutation", buf, len);
  }
  print_message("# %zu mutations, %zu taken by the fast path\n", n, taken - before_taken);
  /* most single edits still give valid JSON the fast path takes */
  assert_true(taken - before_taken > n / 20);
  free(buf);
  for (size_t i = 0; i < n_seeds; i++)
    free(seeds[i]);
}

/* aic_json_parse uses it: a valid body parses, and an invalid one still
 * gets jansson's message with line and column. */
static void
test_parse_uses_it(void **state)
{
  struct aic_diags d = AIC_DIAGS_INIT;
  const char *ok = "{\"a\":[1,2.5,\"x\"]}", *bad = "{\n\"a\":1,\n\"a\":2}";
  json_t *j;

  (void)state;
  assert_int_equal(aic_json_parse(ok, strlen(ok), &j, &d), AIC_OK);
  assert_non_null(j);
  assert_true(json_is_real(json_array_get(json_object_get(j, "a"), 1)));
  json_decref(j);
  assert_int_equal(aic_json_parse(bad, strlen(bad), &j, &d), AIC_E_SYNTAX);
  assert_null(j);
  assert_int_equal(d.n, 1);
  assert_non_null(strstr(d.v[0].detail, "duplicate object key"));
  assert_non_null(strstr(d.v[0].detail, "line 3"));
}

int
main(int argc, char **argv)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_edges),
    cmocka_unit_test(test_files),
    cmocka_unit_test(test_mutations),
    cmocka_unit_test(test_parse_uses_it),
  };

  snprintf(root, sizeof root, "%s/../..", argc > 1 ? argv[1] : "tests/data");
  return cmocka_run_group_tests(tests, NULL, NULL);
}
