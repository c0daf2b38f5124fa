/* The general path of the 15-digit rounding (num_round.h): values outside
 * the direct path of num_format.c. With 128-bit integers the exact
 * quotient and remainder of m * 2^e * 10^s give the digits and how the rest
 * compares with one half; when the operands do not fit 128 bits (|x|
 * below 1e-8 or above 2^127, never a figure of ours in practice) glibc's
 * "%.14e", which rounds exactly too, gives them. */
#include <math.h>
#include <stdio.h>

#include "num_round.h"

#define P14 UINT64_C(100000000000000) /* the smallest 15-digit significand */
#define P15 UINT64_C(1000000000000000)

#ifdef __SIZEOF_INT128__
__extension__ typedef unsigned __int128 u128;

/* clang-format off */
static const uint64_t pow10_64[20] = {
  UINT64_C(1),
  UINT64_C(10),
  UINT64_C(100),
  UINT64_C(1000),
  UINT64_C(10000),
  UINT64_C(100000),
  UINT64_C(1000000),
  UINT64_C(10000000),
  UINT64_C(100000000),
  UINT64_C(1000000000),
  UINT64_C(10000000000),
  UINT64_C(100000000000),
  UINT64_C(1000000000000),
  UINT64_C(10000000000000),
  UINT64_C(100000000000000),
  UINT64_C(1000000000000000),
  UINT64_C(10000000000000000),
  UINT64_C(100000000000000000),
  UINT64_C(1000000000000000000),
  UINT64_C(10000000000000000000),
};
/* clang-format on */

static u128
pow10_128(int n) /* 0 <= n <= 38 */
{
  return n < 20 ? (u128)pow10_64[n] : (u128)pow10_64[n - 19] * pow10_64[19];
}

/* q = floor(m * 2^e * 10^s) and how the rest compares with one half
 * (-1 below, 0 exactly half, 1 above). False when an operand would not fit
 * 128 bits: the caller then takes the slow, exact path. */
static bool
scale(uint64_t m, int e, int s, uint64_t *q, int *half)
{
  u128 n, div, quot, rem;

  if (s >= 0) {
    /* m * 10^s < 2^53 * 2^74; the division by 2^-e is a shift */
    unsigned sh;
    u128 hv;

    if (s > 22 || e >= 0 || e < -127)
      return false;
    sh = (unsigned)-e;
    n = (u128)m * pow10_128(s);
    quot = n >> sh;
    rem = n - (quot << sh);
    hv = (u128)1 << (sh - 1);
    *q = (uint64_t)quot;
    *half = rem < hv ? -1 : rem > hv;
    return true;
  }
  if (-s > 24)
    return false;
  div = pow10_128(-s); /* < 2^80 */
  if (e >= 0) {
    if (e > 74)
      return false;
    n = (u128)m << e; /* < 2^127 */
  } else {
    if (e < -40)
      return false;
    n = m;
    div <<= -e; /* < 2^120 */
  }
  if ((n >> 64) == 0 && (div >> 64) == 0) {
    uint64_t n64 = (uint64_t)n, d64 = (uint64_t)div;

    quot = n64 / d64;
    rem = n64 % d64;
  } else {
    quot = n / div;
    rem = n - quot * div;
  }
  *q = (uint64_t)quot;
  *half = 2 * rem < div ? -1 : 2 * rem > div;
  return true;
}

static int
floor_div(int a, int b) /* b > 0 */
{
  return a >= 0 ? a / b : -((-a + b - 1) / b);
}

/* The 15 rounded digits of m * 2^e (> 0, not a small whole number). */
static bool
round15_fast(uint64_t m, int e, struct aic_dec15 *out)
{
  int lg2 = 63 - __builtin_clzll(m) + e;   /* floor(log2 x) */
  int k = floor_div(lg2 * 78913, 1 << 18); /* floor(log10 x), or one off */
  uint64_t q = 0;
  int half = 0;
  int tries;

  for (tries = 0; tries < 3; tries++) {
    if (!scale(m, e, 14 - k, &q, &half))
      return false;
    if (q >= P15)
      k++;
    else if (q < P14)
      k--;
    else
      break;
  }
  if (tries == 3)
    return false;
  if (half > 0 || (half == 0 && (q & 1) != 0))
    q++;
  aic_dec15_set(out, q, k);
  return true;
}
#else
static bool
round15_fast(uint64_t m, int e, struct aic_dec15 *out)
{
  (void)m;
  (void)e;
  (void)out;
  return false;
}
#endif

/* glibc's own exact rounding: "d.dddddddddddddde[+-]XX". */
static void
round15_slow(double ax, struct aic_dec15 *out)
{
  char buf[40];
  const char *p = buf;
  uint64_t d = 0;
  int x = 0;
  bool negx;

  snprintf(buf, sizeof buf, "%.14e", ax);
  for (; *p != 'e'; p++)
    if (*p != '.')
      d = d * 10 + (uint64_t)(*p - '0');
  p++;
  negx = *p == '-';
  for (p++; *p != '\0'; p++)
    x = x * 10 + (*p - '0');
  out->d = d;
  out->exp10 = negx ? -x : x;
}

void
aic_num_round15(double x, uint64_t m, int e, struct aic_dec15 *out)
{
  if (!round15_fast(m, e, out))
    round15_slow(fabs(x), out);
}
