/* One failed allocation inside json_loadb (reliability finding 9).
 *
 * jansson 2.14's lexer ignores a failure to grow the buffer it saves a
 * token's text in: it drops the byte and goes on with what it kept. A string
 * that lost its closing quote (or one of the backslashes of a final "\\") is
 * decoded past its end when the next allocation succeeds: an invalid read
 * and write, then glibc's abort. A number that lost the byte after it or the
 * first digit of its exponent fails an assertion in jansson (abort); one that
 * lost another digit is silently another number. aic_json_parse calls
 * json_loadb guarded (src/json/json_alloc.c) and reports such a parse as out
 * of memory.
 *
 * Here the allocator under the watcher (aic_json_alloc_backing) fails the
 * kth allocation of aic_json_parse and no other, for every k: the pattern of
 * memory pressure, where a large allocation fails and small ones still
 * succeed. It is not sticky itself: the guards must make the parse safe.
 * Each run must give what an undisturbed run gives (the same tree, or for
 * an invalid body the same 400) or AIC_E_NOMEM (a 503),
 * never another answer, heap damage or an abort. Unlike test_alloc this
 * needs no allocator of its own for the process, so it runs under ASan and
 * valgrind. With json_loadb called unguarded, bodies 2 to 4 write past a
 * heap block (valgrind: invalid read and write; alone, and under ASan, which
 * does not see into the uninstrumented libjansson, a segfault or glibc's
 * abort), 5 gives a different tree, and 6, 7 and 9 abort in jansson. */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "aicost/json.h"
#include "json_alloc.h"

static long fail_at; /* 0: never fail, do not count */
static long calls, fired;

static void *
kth_fails(size_t n)
{
  if (fail_at > 0 && ++calls == fail_at) {
    fired++;
    return NULL;
  }
  return malloc(n);
}

/* Fail the kth allocation from now (LONG_MAX: count only). */
static void
arm(long k)
{
  /* Every allocation of the run goes to kth_fails, none to the cache. */
  aic_json_alloc_drain();
  fail_at = k;
  calls = fired = 0;
}

/* Stop counting and failing; the counts stay. */
static void
disarm(void)
{
  fail_at = 0;
}

/* The bodies all take jansson's path: each has a \u escape (the fast path
 * gives up on one) or is invalid. jansson's token buffer starts at 16 bytes
 * and doubles, growing when the 16th, 32nd, ... byte of a token is saved:
 * these put a critical byte there. */
/* clang-format off */
static const char *const bodies[] = {
  /* 1: the engineer's body, a request with \u escapes and nested objects. */
  ("{\"name\":\"caf\\u00e9 \\u2713\",\"inference\":{\"cost_per_request_usd\":0.005},"
   "\"traffic\":{\"requests_per_day\":5000000}}"),
  /* 2: a key whose closing quote is the 16th byte: lost, the decoder runs
   * on past the end of the key. */
  "{\"\\u00e9abcdefgh\":{\"x\":[1,2.5,\"y\"]}}",
  /* 3: the 32nd byte is the second backslash of a final "\\": "\" is left,
   * an escaped quote, and the decoder runs on. */
  "{\"n\":{\"caf\\u00e9 \\u2713 0123456789ab\\\\\":[true,{\"a\":\"b\"}]}}",
  /* 4: the 32nd byte is the closing quote. */
  "{\"n\":{\"caf\\u00e9 \\u2713 0123456789abc\":[null,{\"a\":\"b\"}]}}",
  /* 5: the 16th byte is a digit: 0.1234567890123567 came back, parsed. */
  "{\"x\":[0.12345678901234567,{\"a\":\"\\u00e9\"}]}",
  /* 6: the 16th byte ends a number: lost, unsaving it pops a digit and
   * jansson's assertion aborts. */
  "{\"\\u00e9\":[123456789012345,1]}",
  /* 7: the 16th byte is the exponent's first digit: strtod stops before
   * the "e" and jansson's assertion aborts. */
  "{\"\\u00e9\":[0.123456789012e5]}",
  /* 8: invalid (an unknown word): the same 400 or out of memory. */
  "{\"\\u00e9\":[truetruetruetruetrue]}",
  /* 9: invalid, a 15-letter word: its end is the 16th byte. */
  "{\"\\u00e9\":[nullnullnullnul]}",
};
/* clang-format on */

/* What aic_json_parse answered: the tree's text, or "400 " and the detail,
 * or NULL for out of memory. */
static char *
answer(const char *body)
{
  struct aic_diags d = AIC_DIAGS_INIT;
  json_t *doc;
  int rc = aic_json_parse(body, strlen(body), &doc, &d);
  char *text;

  disarm();
  if (rc == AIC_OK) {
    text = aic_json_dump(doc, 0);
    json_decref(doc);
    assert_non_null(text);
    return text;
  }
  assert_true(d.n > 0);
  if (rc == AIC_E_NOMEM)
    return NULL;
  assert_int_equal(rc, AIC_E_SYNTAX);
  text = malloc(strlen(d.v[0].detail) + 5);
  assert_non_null(text);
  strcpy(text, "400 ");
  strcat(text, d.v[0].detail);
  return text;
}

static void
kth_allocation_fails(const char *body)
{
  char *ref;
  long total, k, oom = 0;

  aic_json_alloc_backing(kth_fails);
  arm(LONG_MAX); /* counts without failing */
  ref = answer(body);
  total = calls;
  if (ref == NULL)
    fail_msg("the undisturbed parse ran out of memory");
  for (k = 1;; k++) {
    char *text;

    arm(k);
    text = answer(body);
    if (text == NULL)
      oom++;
    else if (strcmp(text, ref) != 0)
      fail_msg("allocation %ld of %ld failing: %s instead of %s", k, total, text, ref);
    free(text);
    if (fired == 0)
      break; /* the parse needs fewer than k allocations: done */
  }
  aic_json_alloc_backing(NULL);
  aic_json_alloc_drain();
  /* Some failures must have ended as out of memory: else nothing failed. */
  assert_true(oom > 0);
  print_message("# %ld allocations, %ld of them out of memory when failing\n", total, oom);
  free(ref);
}

static void
each_single_failure(void **state)
{
  kth_allocation_fails(*state);
}

int
main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test_prestate(each_single_failure, (void *)bodies[0]),
    cmocka_unit_test_prestate(each_single_failure, (void *)bodies[1]),
    cmocka_unit_test_prestate(each_single_failure, (void *)bodies[2]),
    cmocka_unit_test_prestate(each_single_failure, (void *)bodies[3]),
    cmocka_unit_test_prestate(each_single_failure, (void *)bodies[4]),
    cmocka_unit_test_prestate(each_single_failure, (void *)bodies[5]),
    cmocka_unit_test_prestate(each_single_failure, (void *)bodies[6]),
    cmocka_unit_test_prestate(each_single_failure, (void *)bodies[7]),
    cmocka_unit_test_prestate(each_single_failure, (void *)bodies[8]),
  };

  /* aicostd's set-up: the guards must hold with jansson's block cache on. */
  (void)aic_json_init(AIC_JSON_BLOCK_CACHE);
  return cmocka_run_group_tests(tests, NULL, NULL);
}
