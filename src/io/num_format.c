/* Reals to JSON text in the project's format (json_util.h), fast and exact.
 *
 * The old way printed every real twice through glibc (snprintf "%.15g" and
 * strtod to spot float noise, then jansson's own "%.15g"): about half of the
 * server's CPU. Here a double x = m * 2^e is rounded to 15 significant
 * decimal digits with 128-bit integer arithmetic, which is exact: the
 * rounding (to nearest, ties to even, as glibc does) compares the exact
 * remainder with the exact half, so no result is ever "close enough". When
 * the operands do not fit 128 bits (|x| below 1e-8 or above 2^127, never a
 * figure of ours in practice) the 15 digits come from snprintf("%.14e"),
 * which is exact too. Either way the digits are then laid out once, the way
 * jansson lays out "%.15g". */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "num_format.h"

#define EXACT_INT (UINT64_C(1) << 53) /* whole doubles up to here are exact */
#define P14 UINT64_C(100000000000000) /* the smallest 15-digit significand */
#define P15 UINT64_C(1000000000000000)

/* 15 significant digits and the decimal exponent of the first one:
 * x ~ d * 10^(exp10 - 14), P14 <= d < P15. */
struct dec15 {
  uint64_t d;
  int exp10;
};

static const char pairs[201] = "00010203040506070809"
                               "10111213141516171819"
                               "20212223242526272829"
                               "30313233343536373839"
                               "40414243444546474849"
                               "50515253545556575859"
                               "60616263646566676869"
                               "70717273747576777879"
                               "80818283848586878889"
                               "90919293949596979899";

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

/* The decimal digits of v, left-aligned in out; returns how many. */
static size_t
put_u64(char *out, uint64_t v)
{
  size_t n = 1;
  char *p;

  while (n < 20 && v >= pow10_64[n])
    n++;
  p = out + n;
  while (v >= 100) {
    unsigned r = (unsigned)(v % 100);

    v /= 100;
    p -= 2;
    memcpy(p, pairs + 2 * r, 2);
  }
  if (v >= 10)
    memcpy(p - 2, pairs + 2 * v, 2);
  else
    p[-1] = (char)('0' + v);
  return n;
}

/* v < 10^8 as exactly eight digits, in four independent pairs. */
static void
put8(char *out, uint32_t v)
{
  uint32_t hi = v / 10000, lo = v % 10000;

  memcpy(out, pairs + 2 * (hi / 100), 2);
  memcpy(out + 2, pairs + 2 * (hi % 100), 2);
  memcpy(out + 4, pairs + 2 * (lo / 100), 2);
  memcpy(out + 6, pairs + 2 * (lo % 100), 2);
}

/* x's sign, and |x| = m * 2^e with m < 2^53 (m == 0 for zero). */
static void
decompose(double x, bool *neg, uint64_t *m, int *e)
{
  uint64_t bits;
  int biased;

  memcpy(&bits, &x, sizeof bits);
  *neg = (bits >> 63) != 0;
  biased = (int)((bits >> 52) & 0x7ff);
  *m = bits & ((UINT64_C(1) << 52) - 1);
  if (biased == 0) {
    *e = -1074; /* zero or subnormal */
  } else {
    *m |= UINT64_C(1) << 52;
    *e = biased - 1075;
  }
}

/* Whether m * 2^e is a whole number no larger than 2^53, and which. */
static bool
small_whole(uint64_t m, int e, uint64_t *v)
{
  if (m == 0) {
    *v = 0;
    return true;
  }
  if (e >= 0) {
    /* m has its top bit at 52 unless subnormal (then e < 0): only 2^53 fits */
    if (e > 1 || (m << e) > EXACT_INT)
      return false;
    *v = m << e;
    return true;
  }
  if (e <= -53 || (m & ((UINT64_C(1) << -e) - 1)) != 0)
    return false;
  *v = m >> -e;
  return true;
}

#ifdef __SIZEOF_INT128__
__extension__ typedef unsigned __int128 u128;


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

/* Powers of ten that are exact doubles (up to 1e22). */
static const double exact_pow10[16] = {
  1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
};

/* The common case, money and traffic: x = m * 2^e in [1, 1e15), not whole
 * (so -52 <= e <= -1). floor(log10 x) is exact here by one comparison with
 * an exact power of ten, and x * 10^(14-k) = m * 10^(14-k) / 2^-e is one
 * multiplication and a shift of at most 100 bits. False outside it. */
static bool
round15_common(double x, uint64_t m, int e, struct dec15 *out)
{
  int lg2, k;
  unsigned sh;
  u128 n, rem, hv;
  uint64_t q;

  if (!(x >= 1.0 && x < 1e15) || e >= 0)
    return false;
  lg2 = 63 - __builtin_clzll(m) + e;       /* 0 .. 49 */
  k = (lg2 * 78913) >> 18;                 /* floor(lg2 * log10(2)): k or k - 1 */
  if (x >= exact_pow10[k + 1])
    k++;
  sh = (unsigned)-e;
  n = (u128)m * pow10_64[14 - k];          /* < 2^53 * 10^14 < 2^100 */
  q = (uint64_t)(n >> sh);                 /* 10^14 <= q < 10^15 */
  rem = n & (((u128)1 << sh) - 1);
  hv = (u128)1 << (sh - 1);
  if (rem > hv || (rem == hv && (q & 1) != 0))
    q++;
  if (q == P15) { /* 999999999999999.5 -> 1e15 */
    q = P14;
    k++;
  }
  out->d = q;
  out->exp10 = k;
  return true;
}

/* The 15 rounded digits of m * 2^e (> 0, not a small whole number). */
static bool
round15_fast(uint64_t m, int e, struct dec15 *out)
{
  int lg2 = 63 - __builtin_clzll(m) + e; /* floor(log2 x) */
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
  if (q == P15) { /* 999999999999999.5 -> 1e15: one digit more before the point */
    q = P14;
    k++;
  }
  out->d = q;
  out->exp10 = k;
  return true;
}
#else
static bool
round15_fast(uint64_t m, int e, struct dec15 *out)
{
  (void)m;
  (void)e;
  (void)out;
  return false;
}
#endif

/* glibc's own exact rounding: "d.dddddddddddddde[+-]XX". */
static void
round15_slow(double ax, struct dec15 *out)
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

static void
round15(double x, uint64_t m, int e, struct dec15 *out)
{
#ifdef __SIZEOF_INT128__
  if (round15_common(fabs(x), m, e, out))
    return;
#endif
  if (!round15_fast(m, e, out))
    round15_slow(fabs(x), out);
}

/* Whether the printed decimal d * 10^(exp10 - 14), with nd significant
 * digits, is a whole number no larger than 2^53: then strtod gives it back
 * exactly and the old code made it a JSON integer. (A 15-digit decimal that
 * is not whole is too far from every integer for strtod to land on one.) */
static bool
decimal_small_whole(const struct dec15 *v, int nd)
{
  if (v->exp10 < nd - 1)
    return false;
  if (v->exp10 <= 14)
    return true;
  return v->exp10 == 15 && v->d * 10 <= EXACT_INT;
}

bool
aic_num_integer(double x, int64_t *value)
{
  struct dec15 v;
  uint64_t m, w;
  bool neg;
  int e, nd = 15;

  if (!isfinite(x))
    return false;
  decompose(x, &neg, &m, &e);
  if (small_whole(m, e, &w)) {
    *value = neg ? -(int64_t)w : (int64_t)w; /* -0.0 -> 0 */
    return true;
  }
  round15(x, m, e, &v);
  for (uint64_t d = v.d; d % 10 == 0; d /= 10)
    nd--;
  if (!decimal_small_whole(&v, nd))
    return false;
  w = v.d;
  for (int z = v.exp10 - 14; z > 0; z--)
    w *= 10;
  for (int z = v.exp10 - 14; z < 0; z++)
    w /= 10; /* only trailing zeros go */
  *value = neg ? -(int64_t)w : (int64_t)w;
  return true;
}

size_t
aic_num_format_int(int64_t v, char out[AIC_NUM_TEXT_MAX])
{
  size_t n = 0;

  if (v < 0)
    out[n++] = '-';
  n += put_u64(out + n, v < 0 ? -(uint64_t)v : (uint64_t)v);
  out[n] = '\0';
  return n;
}

size_t
aic_num_format(double x, char out[AIC_NUM_TEXT_MAX])
{
  struct dec15 v;
  /* buf[0] is a leading '0', the 15 digits follow, then '0's: every copy
   * below is a fixed 16 bytes (the caller's room is AIC_NUM_TEXT_MAX) */
  char buf[48];
  const char *dig = buf + 1;
  char *p = out;
  uint64_t m, w;
  bool neg;
  int e, nd = 15;

  if (!isfinite(x)) {
    memcpy(out, "null", 5);
    return 4;
  }
  decompose(x, &neg, &m, &e);
  if (small_whole(m, e, &w)) {
    if (neg && w != 0)
      *p++ = '-';
    p += put_u64(p, w);
    *p = '\0';
    return (size_t)(p - out);
  }
  round15(x, m, e, &v);
  memset(buf + 8, '0', sizeof buf - 8);
  put8(buf, (uint32_t)(v.d / 100000000));
  if (v.d % 100000000 != 0)
    put8(buf + 8, (uint32_t)(v.d % 100000000));
  else
    nd = 7; /* the last eight digits are zeros (944.64 and the like) */
  while (dig[nd - 1] == '0')
    nd--;
  if (neg)
    *p++ = '-';
  if (decimal_small_whole(&v, nd)) {
    /* the units digit is digit exp10 (<= 15; dig[15] is a '0') */
    memcpy(p, dig, 16);
    p += v.exp10 + 1;
  } else if (v.exp10 >= -4 && v.exp10 < 15) {
    /* "%.15g" in fixed style, trailing zeros dropped */
    if (v.exp10 >= 0) {
      int before = v.exp10 + 1;

      memcpy(p, dig, 16);
      if (nd > before) {
        p[before] = '.';
        memcpy(p + before + 1, dig + before, 16);
        p += nd + 1;
      } else {
        /* whole: not reached (decimal_small_whole), but jansson would add ".0" */
        memcpy(p + before, ".0", 2);
        p += before + 2;
      }
    } else {
      memcpy(p, "0.000", 5);
      p += 2 + (-v.exp10 - 1);
      memcpy(p, dig, 16);
      p += nd;
    }
  } else {
    /* exponent style, as jansson leaves it: no '+', no leading zeros */
    int ex = v.exp10 < 0 ? -v.exp10 : v.exp10;

    p[0] = dig[0];
    if (nd > 1) {
      p[1] = '.';
      memcpy(p + 2, dig + 1, 16);
      p += nd + 1;
    } else {
      p += 1;
    }
    *p++ = 'e';
    if (v.exp10 < 0)
      *p++ = '-';
    p += put_u64(p, (uint64_t)ex);
  }
  *p = '\0';
  return (size_t)(p - out);
}
