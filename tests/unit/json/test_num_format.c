/* aic_num_format (src/json/num_format.c) against the way numbers printed
 * before it: aic_json_number's snprintf("%.15g") + strtod, then jansson's
 * dump with JSON_REAL_PRECISION(15). That reference is kept here verbatim,
 * and the two must give the same bytes for every value tried: millions of
 * random doubles and every edge we could think of. AIC_NUM_TEST_N sets the
 * number of random values per family (default 400000, six families). */
#include <float.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "json_util.h"
#include "num_format.h"

#define P14 UINT64_C(100000000000000) /* the smallest 15-digit number */

/* The number policy as it was implemented before num_format.c: a jansson
 * integer or real, dumped by jansson. */
static json_t *
reference_value(double x)
{
  char buf[40];
  double r;

  if (!isfinite(x))
    return json_null();
  if (x == floor(x) && fabs(x) <= AIC_JSON_EXACT_INT)
    return json_integer((json_int_t)x);
  snprintf(buf, sizeof buf, "%.15g", x);
  r = strtod(buf, NULL);
  if (r == floor(r) && fabs(r) <= AIC_JSON_EXACT_INT)
    return json_integer((json_int_t)r);
  return json_real(x);
}

static char *
reference_text(double x)
{
  json_t *v = reference_value(x);
  char *s = json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT | JSON_REAL_PRECISION(15));

  json_decref(v);
  return s;
}

static size_t checked;

/* One value, both ways; also aic_num_integer against the reference's type. */
static void
check(double x)
{
  char got[AIC_NUM_TEXT_MAX];
  size_t n = aic_num_format(x, got);
  json_t *ref = reference_value(x);
  char *want = json_dumps(ref, JSON_ENCODE_ANY | JSON_COMPACT | JSON_REAL_PRECISION(15));
  int64_t iv = 0;
  bool is_int = aic_num_integer(x, &iv);

  if (want == NULL || strcmp(got, want) != 0 || n != strlen(want))
    fail_msg("%a (%.17g): got '%s' (%zu bytes), want '%s'", x, x, got, n, want ? want : "NULL");
  if (is_int != json_is_integer(ref) || (is_int && iv != json_integer_value(ref)))
    fail_msg("%a (%.17g): aic_num_integer says %s %lld, the reference %s", x, x,
             is_int ? "integer" : "not an integer", (long long)iv, want);
  free(want);
  json_decref(ref);
  checked++;
}

static void
check_both_signs(double x)
{
  check(x);
  check(-x);
}

/* A fixed-seed generator (splitmix64): the same values on every run. */
static uint64_t rng_state = 0x9e3779b97f4a7c15u;

static uint64_t
rng(void)
{
  uint64_t z = (rng_state += 0x9e3779b97f4a7c15u);

  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
  return z ^ (z >> 31);
}

static double
from_bits(uint64_t b)
{
  double x;

  memcpy(&x, &b, sizeof x);
  return x;
}

static size_t
family_size(void)
{
  const char *s = getenv("AIC_NUM_TEST_N");

  return s != NULL && strtoul(s, NULL, 10) > 0 ? strtoul(s, NULL, 10) : 400000;
}

/* The values the old tests and the contract name, exactly. */
static void
test_named_values(void **state)
{
  static const struct {
    double x;
    const char *text;
  } rows[] = {
    { 25000.0, "25000" },                       /* the article's daily bill */
    { 25000.000000000004, "25000" },            /* float noise never shows */
    { 0.1 + 0.2, "0.3" },                       /* 15 digits, not 17 */
    { 0.005, "0.005" },                         /* a price stays a decimal */
    { -0.0, "0" },                              /* negative zero is zero */
    { 9007199254740992.0, "9007199254740992" }, /* 2^53, all 16 digits */
    { 9007199254740994.0, "9007199254740990" }, /* past 2^53: 15 digits, still whole */
    { 1e15 + 0.3, "1000000000000000" },         /* noise beyond 15 digits */
    { 6.3e24, "6.3e24" },                       /* beyond 2^53 a real, no '+' */
    { 1e-7, "1e-7" },                           /* no leading zero in the exponent */
    { 1.0 / 3.0, "0.333333333333333" },
    { 123456789012345.5, "123456789012346" },  /* a tie rounds to even, then whole */
    { 123456789012344.5, "123456789012344" },  /* the other way */
    { 999999999999999.9, "1000000000000000" }, /* rounding up adds a digit */
    { 0.000123456789, "0.000123456789" },      /* fixed style down to 1e-4 */
    { 0.0000123456789, "1.23456789e-5" },      /* exponent style below it */
    { (double)NAN, "null" },
    { (double)INFINITY, "null" },
    { -(double)INFINITY, "null" },
  };
  char got[AIC_NUM_TEXT_MAX];

  (void)state;
  for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
    aic_num_format(rows[i].x, got);
    if (strcmp(got, rows[i].text) != 0)
      fail_msg("row %zu (%.17g): got '%s', want '%s'", i, rows[i].x, got, rows[i].text);
    check(rows[i].x);
  }
}

/* Edges: zero, subnormals, DBL_MIN/MAX, every power of ten and its
 * neighbours, the 1e15..1e17 and 2^53 boundaries, x.5 ties at the 15th
 * digit, and 9.99...95-style values that round up into a new decade. */
static void
test_edges(void **state)
{
  char *s;

  (void)state;
  check_both_signs(0.0);
  check_both_signs(DBL_MIN);
  check_both_signs(DBL_MAX);
  check_both_signs(DBL_TRUE_MIN);
  check_both_signs(nextafter(DBL_MIN, 0));
  for (int i = 0; i < 64; i++)
    check_both_signs(from_bits((uint64_t)1 << i)); /* subnormals with one bit */
  for (int p = -325; p <= 309; p++) {
    char t[32];
    double x;

    snprintf(t, sizeof t, "1e%d", p);
    x = strtod(t, NULL);
    check_both_signs(x);
    check_both_signs(nextafter(x, 0));
    check_both_signs(nextafter(x, (double)INFINITY));
    /* just under the next decade: rounds up at 15 digits */
    snprintf(t, sizeof t, "9.999999999999995e%d", p);
    x = strtod(t, NULL);
    check_both_signs(x);
    check_both_signs(nextafter(x, 0));
    check_both_signs(nextafter(x, (double)INFINITY));
    snprintf(t, sizeof t, "9.999999999999994999e%d", p);
    check_both_signs(strtod(t, NULL));
  }
  for (int i = -1100; i <= 1100; i++)
    check_both_signs(ldexp(1.0, i)); /* every power of two */
  for (double x = 1e15; x < 1e17; x *= 1.001)
    check_both_signs(x);
  for (int d = -64; d <= 64; d++) {
    check_both_signs(9007199254740992.0 + 2.0 * d); /* around 2^53 */
    check_both_signs(1e15 + 0.125 * d);
    check_both_signs(1e16 + 2.0 * d);
    check_both_signs(1e17 + 16.0 * d);
    check_both_signs(25000.0 + d * ldexp(1.0, -38)); /* noise on a whole number */
  }
  /* exact ties at the 15th significant digit: n + 0.5 below 2^52, and
   * 16-or-more-digit whole numbers ending in 5 (even ones above 2^53) */
  for (int i = 0; i < 20000; i++) {
    uint64_t q = P14 + rng() % (9 * P14);
    double x = (double)q + 0.5;

    if ((double)q < 4503599627370496.0)
      check_both_signs(x);
    for (int k = 1; k <= 5; k++) {
      double w = ((double)q * 10.0 + 5.0) * pow(10.0, k - 1);

      check_both_signs(w);
      check_both_signs(nextafter(w, 0));
      check_both_signs(nextafter(w, (double)INFINITY));
    }
  }
  s = reference_text(0.1);
  assert_string_equal(s, "0.1"); /* the reference itself is what we think it is */
  free(s);
}

/* Uniform over all bit patterns: every exponent, mostly the slow path. */
static void
test_random_bits(void **state)
{
  size_t n = family_size();

  (void)state;
  for (size_t i = 0; i < n; i++)
    check(from_bits(rng()));
}

/* Log-uniform over the fast path's range (1e-9 .. 1e40), full mantissas:
 * where every figure of ours falls. */
static void
test_random_magnitudes(void **state)
{
  size_t n = family_size();

  (void)state;
  for (size_t i = 0; i < n; i++) {
    double mant = 1.0 + (double)(rng() >> 11) * 0x1p-53;
    int e2 = (int)(rng() % 165) - 30; /* 2^-30 .. 2^134 */

    check_both_signs(ldexp(mant, e2));
  }
}

/* Short decimals (prices, shares, 0.1 + 0.2-style sums) and 15-17 digit
 * decimals: the values nearest the rounding boundaries. */
static void
test_random_decimals(void **state)
{
  size_t n = family_size();
  char t[64];

  (void)state;
  for (size_t i = 0; i < n; i++) {
    int digits = 1 + (int)(rng() % 17);
    uint64_t mod = 1, mant;
    int p = (int)(rng() % 60) - 25;
    double x;

    for (int d = 0; d < digits; d++)
      mod *= 10;
    mant = rng() % mod;
    snprintf(t, sizeof t, "%llue%d", (unsigned long long)mant, p);
    x = strtod(t, NULL);
    check(x);
    check(x + x * 1e-16); /* float noise on it */
    check(x * 3.0 / 7.0);
  }
}

/* Money arithmetic as the core does it: sums and products of short
 * decimals, where noise like 25000.000000000004 comes from. */
static void
test_random_arithmetic(void **state)
{
  size_t n = family_size();

  (void)state;
  for (size_t i = 0; i < n; i++) {
    double a = (double)(rng() % 1000000) / 100.0;
    double b = (double)(rng() % 100000) / 1000.0;
    double g = 1.0 + (double)(rng() % 100) / 1000.0;

    check(a * b);
    check(a + b);
    check(a * pow(g, (double)(rng() % 365) / 30.0));
  }
}

/* Whole numbers through aic_num_format_int and aic_num_put_int, against
 * "%lld": every value up to 200000 either way, and each power of ten and
 * its neighbours up to the int64 limits. */
static void
check_int(int64_t v)
{
  char got[AIC_NUM_TEXT_MAX], put[AIC_NUM_TEXT_MAX], want[32];
  size_t n = aic_num_format_int(v, got);
  char *end = aic_num_put_int(put, v);

  snprintf(want, sizeof want, "%lld", (long long)v);
  if (strcmp(got, want) != 0 || n != strlen(want))
    fail_msg("%lld: got '%s' (%zu bytes)", (long long)v, got, n);
  if ((size_t)(end - put) != n || memcmp(put, want, n) != 0)
    fail_msg("%lld: aic_num_put_int wrote '%.*s'", (long long)v, (int)(end - put), put);
  checked++;
}

static void
test_integers(void **state)
{
  (void)state;
  for (int64_t v = -200000; v <= 200000; v++)
    check_int(v);
  for (int64_t p = 10; p <= INT64_MAX / 10; p *= 10)
    for (int64_t d = -2; d <= 2; d++) {
      check_int(p + d);
      check_int(-(p + d));
    }
  check_int(INT64_MAX);
  check_int(INT64_MIN);
  check_int(INT64_MIN + 1);
}

/* Every whole number below 10^8 + 10^4, against a decimal counter: all the
 * inputs of the formatter's eight-digit kernel (the numbers themselves,
 * and 10^8 + r for the last eight digits of larger ones). */
static void
test_every_int_to_1e8(void **state)
{
  char want[24] = "0", got[AIC_NUM_TEXT_MAX];
  size_t len = 1;

  (void)state;
  for (int64_t v = 0; v < 100010000; v++) {
    char *end = aic_num_put_int(got, v);
    size_t i = len;

    if ((size_t)(end - got) != len || memcmp(got, want, len) != 0)
      fail_msg("%lld: aic_num_put_int wrote '%.*s'", (long long)v, (int)(end - got), got);
    while (i > 0 && want[i - 1] == '9')
      want[--i] = '0';
    if (i == 0) {
      memmove(want + 1, want, len++);
      want[0] = '1';
    } else {
      want[i - 1]++;
    }
  }
  checked += 100010000;
}

/* aic_num_put (the writer's entry) writes the same text as aic_num_format,
 * returns its end, and stays within AIC_NUM_TEXT_MAX bytes of where it
 * starts, at every offset from an 8-byte boundary. */
static void
test_put_matches_format(void **state)
{
  static const double named[] = {
    0.0,
    -0.0,
    1.0,
    -1.0,
    0.5,
    465.6,
    2000465.6,
    1003138.39986052,
    25000.000000000004,
    0.0051,
    0.000123456789,
    0.0000123456789,
    6.3e24,
    1e-7,
    -1.23456789012345e-308,
    9007199254740992.0,
    1e15 + 0.3,
    999999999999999.9,
    123456789012345.5,
    (double)NAN,
    (double)INFINITY,
    12345678.5,
    99999999.25,
    10000000.5,
    1234567.891234,
  };
  size_t n = family_size() / 4;

  (void)state;
  for (size_t i = 0; i < sizeof named / sizeof named[0] + n; i++) {
    double x = i < sizeof named / sizeof named[0] ? named[i]
               : (i & 1) != 0
                 ? from_bits(rng())
                 /* the hot path's range, 2^-14 .. 2^49, and a little beyond */
                 : ldexp(1.0 + (double)(rng() >> 11) * 0x1p-53, (int)(rng() % 66) - 16);
    char want[AIC_NUM_TEXT_MAX];
    size_t len = aic_num_format(x, want);

    for (size_t off = 0; off < 8; off++) {
      unsigned char buf[AIC_NUM_TEXT_MAX + 24];
      char *end;

      memset(buf, 0xA5, sizeof buf);
      end = aic_num_put((char *)buf + off, x);
      if ((size_t)(end - ((char *)buf + off)) != len || memcmp(buf + off, want, len) != 0)
        fail_msg("%a: aic_num_put wrote '%.*s', aic_num_format '%s'", x,
                 (int)(end - ((char *)buf + off)), (char *)buf + off, want);
      for (size_t j = off + AIC_NUM_TEXT_MAX; j < sizeof buf; j++)
        if (buf[j] != 0xA5)
          fail_msg("%a: aic_num_put wrote past AIC_NUM_TEXT_MAX", x);
    }
  }
}

int
main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_named_values),       cmocka_unit_test(test_edges),
    cmocka_unit_test(test_random_bits),        cmocka_unit_test(test_random_magnitudes),
    cmocka_unit_test(test_random_decimals),    cmocka_unit_test(test_random_arithmetic),
    cmocka_unit_test(test_integers),           cmocka_unit_test(test_every_int_to_1e8),
    cmocka_unit_test(test_put_matches_format),
  };
  int r = cmocka_run_group_tests(tests, NULL, NULL);

  print_message("# %zu values compared with the reference\n", checked);
  return r;
}
