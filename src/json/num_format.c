/* Reals to JSON text in the project's format (aicost/json.h), exactly and
 * with each real formatted once.
 *
 * A double x = m * 2^e is rounded to 15 significant decimal digits with
 * integer arithmetic, which is exact: the rounding (to nearest, ties to
 * even, as glibc does) compares the exact remainder with the exact half, so
 * no result is ever "close enough", and the bytes are those of the
 * snprintf("%.15g") + jansson reference that tests/unit/json/
 * test_num_format.c compares them with over millions of values.
 *
 * Every figure of ours (money, traffic, FLOPs per GPU) falls in
 * 2^-14 <= |x| < 2^49, the range of put_real's direct path: whole numbers
 * print as integers straight away, and for the others a table per binary
 * exponent gives k = floor(log10 x) from one comparison of the mantissa,
 * and a factor f such that x * 10^(14-k) is (m * 2^11) * f / 2^64: one
 * 64 x 64 -> 128-bit multiplication, whose high word is the 15 digits and
 * low word the exact remainder (round15_quick). Values outside that range
 * take the general rounding of num_round.c.
 *
 * The digits are then laid out as jansson lays out "%.15g" (layout): eight
 * ASCII digits at a time in a 64-bit word (digits8), the count of
 * significant digits from the word's zero bytes, the decimal point put in
 * with shifts and masks, and the text stored eight bytes at a time (so up
 * to 24 bytes from the start may be written: AIC_NUM_TEXT_MAX leaves room
 * for them). A daily series prints over a thousand distinct reals a
 * request, which is why this is not a loop over snprintf, nor a library's
 * formatter (libdouble-conversion's ToPrecision also rounds exact ties up
 * where glibc rounds them to even); docs/benchmarks.md compares them. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "num_format.h"
#include "num_round.h"

#define EXACT_INT (UINT64_C(1) << 53) /* whole doubles up to here are exact */
#define P7 UINT64_C(10000000)
#define P8 UINT64_C(100000000)
#define P14 UINT64_C(100000000000000) /* the smallest 15-digit significand */
#define P15 UINT64_C(1000000000000000)
#define P16 UINT64_C(10000000000000000)
#define ZEROS UINT64_C(0x3030303030303030) /* eight '0' */

/* The direct path's range of binary exponents (biased): 2^-14 <= |x| < 2^49. */
#define QUICK_MIN (1023 - 14)
#define QUICK_MAX (1023 + 48)

/* Text is built in 64-bit words whose byte i is character i (the first in
 * the low byte), whatever the host's byte order; store8 writes one. */
static inline void
store8(char *p, uint64_t w)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
  w = __builtin_bswap64(w);
#endif
  memcpy(p, &w, sizeof w);
}

/* v < 10^8 as eight decimal digits (0..9, not yet ASCII), one a byte, the
 * first in the low byte. The two halves of four digits, then their pairs,
 * then the digits are split in parallel lanes of one word: each step
 * divides every lane with a multiplication and a shift that are exact in
 * its range (x * 10486 >> 20 is x / 100 for x < 10^4, x * 103 >> 10 is
 * x / 10 for x < 100; checked for every v < 10^8), then moves the
 * remainders up into the lanes' upper halves: (x << w) + h * (1 - d * 2^w)
 * is the quotient h in the low half and x - d * h in the high one. */
static inline uint64_t
digits8(uint32_t v)
{
  uint64_t x = (uint64_t)(v / 10000);
  uint64_t h;

  x = ((uint64_t)v << 32) + x * (UINT64_C(1) - (UINT64_C(10000) << 32));
  h = ((x * 10486) >> 20) & UINT64_C(0x0000007F0000007F);
  x = (x << 16) + h * (UINT64_C(1) - (UINT64_C(100) << 16));
  h = ((x * 103) >> 10) & UINT64_C(0x000F000F000F000F);
  return (x << 8) + h * (UINT64_C(1) - (UINT64_C(10) << 8));
}

/* v < 10^8 at p without leading zeros ("0" for 0); returns the end. */
static inline char *
put_head(char *p, uint32_t v)
{
  uint64_t d = digits8(v);
  /* the leading zero digits are the low zero bytes (7 at most: a set bit
   * in the last byte stands for the units digit of 0) */
  int lead = __builtin_ctzll(d | (UINT64_C(1) << 56)) >> 3;

  store8(p, (d + ZEROS) >> (8 * lead));
  return p + 8 - lead;
}

/* v < 10^4 as four digits, as digits8 makes eight (v * 5243 >> 19 is
 * v / 100 for v < 10^4). */
static inline uint32_t
digits4(uint32_t v)
{
  uint32_t x = (v << 16) + ((v * 5243) >> 19) * (1u - (100u << 16));
  uint32_t h = ((x * 103) >> 10) & 0x000F000Fu;

  return (x << 8) + h * (1u - (10u << 8));
}

static const char digit_pairs[201] = "00010203040506070809"
                                     "10111213141516171819"
                                     "20212223242526272829"
                                     "30313233343536373839"
                                     "40414243444546474849"
                                     "50515253545556575859"
                                     "60616263646566676869"
                                     "70717273747576777879"
                                     "80818283848586878889"
                                     "90919293949596979899";

/* The decimal digits of v at p; returns the end. */
static inline char *
put_uint(char *p, uint64_t v)
{
  if (v < 100) { /* one digit is the second of its pair ("07") */
    memcpy(p, digit_pairs + 2 * v + (v < 10), 2);
    return p + 2 - (v < 10);
  }
  if (v < 10000) { /* days, counts: half the work */
    uint32_t d = digits4((uint32_t)v);
    int lead = __builtin_ctz(d | (1u << 24)) >> 3;
    uint32_t t = (d + 0x30303030u) >> (8 * lead);

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    t = __builtin_bswap32(t);
#endif
    memcpy(p, &t, sizeof t);
    return p + 4 - lead;
  }
  if (v < P8)
    return put_head(p, (uint32_t)v);
  if (v < P16) {
    p = put_head(p, (uint32_t)(v / P8));
    store8(p, digits8((uint32_t)(v % P8)) + ZEROS);
    return p + 8;
  }
  p = put_head(p, (uint32_t)(v / P16)); /* < 1845 */
  v %= P16;
  store8(p, digits8((uint32_t)(v / P8)) + ZEROS);
  store8(p + 8, digits8((uint32_t)(v % P8)) + ZEROS);
  return p + 16;
}

/* The eight characters of w with a '.' put in at byte j (0..7): the bytes
 * before it stay, the ones from it move up one place (the top one drops
 * out). */
static inline uint64_t
insert_point(uint64_t w, int j)
{
  uint64_t before = (UINT64_C(1) << (8 * j)) - 1;

  return (w & before) | ((w & ~before) << 8) | ((uint64_t)'.' << (8 * j));
}

/* The 15 digits d (P14 <= d < P15, the first one at 10^exp10) laid out as
 * jansson lays out "%.15g" (whole results as integers, aicost/json.h) at p;
 * returns the end. */
static inline char *
layout(char *p, uint64_t d, int exp10)
{
  uint32_t hi = (uint32_t)(d / P7);                /* the first 8 digits */
  uint32_t lo = (uint32_t)(d - (uint64_t)hi * P7); /* the last 7 */
  uint64_t a = digits8(hi), b = 0;
  int nd; /* significant digits: up to the last nonzero digit byte */

  if (lo != 0) {     /* many of ours have 8 digits or fewer: then lo is 0 */
    b = digits8(lo); /* byte 0 is a 0 (lo < 10^7), digits 8..14 follow */
    nd = 15 - (__builtin_clzll(b) >> 3);
  } else {
    nd = 8 - (__builtin_clzll(a) >> 3); /* a != 0: hi >= 10^7 */
  }
  a += ZEROS;           /* digits 0..7 */
  b = (b + ZEROS) >> 8; /* digits 8..14, and a 0 byte */
  if (exp10 >= nd - 1 && (exp10 < 15 || (exp10 == 15 && d * 10 <= EXACT_INT))) {
    /* Whole, no larger than 2^53: then strtod gives it back exactly and the
     * old code made it a JSON integer. (A 15-digit decimal that is not whole
     * is too far from every integer for strtod to land on one.) exp10 + 1
     * digits; for exp10 == 15 the 16th is a '0'. */
    store8(p, a);
    store8(p + 8, b | (ZEROS << 56));
    return p + exp10 + 1;
  }
  if (exp10 >= 0 && exp10 < 15) {
    /* fixed style with a point after digit exp10 (< nd - 1, so <= 13): in
     * the first word, which then passes its last digit to the second, or
     * in the second */
    if (exp10 < 7) {
      store8(p, insert_point(a, exp10 + 1));
      store8(p + 8, (b << 8) | (a >> 56));
    } else {
      store8(p, a);
      store8(p + 8, insert_point(b, exp10 - 7));
    }
    return p + nd + 1;
  }
  if (exp10 >= -4 && exp10 < 0) {
    /* "0." and -exp10 - 1 zeros, then the digits */
    store8(p, (ZEROS & ~(UINT64_C(0xff) << 8)) | ((uint64_t)'.' << 8));
    p += 1 - exp10;
    store8(p, a);
    store8(p + 8, b);
    return p + nd;
  }
  /* exponent style, as jansson leaves it: no '+', no leading zeros */
  store8(p, insert_point(a, 1));
  store8(p + 8, (b << 8) | (a >> 56));
  p += nd > 1 ? nd + 1 : 1;
  *p++ = 'e';
  if (exp10 < 0)
    *p++ = '-';
  return put_uint(p, (uint64_t)(exp10 < 0 ? -exp10 : exp10));
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

/* The direct path's table, one entry per binary exponent, 2^lg2 <= x < 2^(lg2+1)
 * (lg2 = biased - 1023, -14 .. 48): floor(log10 x) is k0 =
 * floor(lg2 * log10(2)) or k0 + 1, the latter when m >= thr, the smallest
 * m for which m * 2^(lg2-52) >= 10^(k0+1) (above 2^53, never, when that
 * power is beyond the binade). Then x * 10^(14-k) = m * 5^(14-k) *
 * 2^(lg2-k-38) = (m * 2^11) * f[k - k0] / 2^64 with f = 5^(14-k) *
 * 2^(lg2-k+15) (a shift of 5..49, f < 2^55): the 15 digits are the high
 * word of one 64 x 64 -> 128-bit product, and the fraction its low word.
 * Built by the compiler from these formulas (P5 and P10 are powers of five
 * and ten by their binary digits; the "& 63"s only keep shifts in arms that
 * are not taken defined). */
#define P5(n)                                                                                      \
  (((n)&1 ? UINT64_C(5) : 1) * ((n)&2 ? UINT64_C(25) : 1) * ((n)&4 ? UINT64_C(625) : 1) *          \
   ((n)&8 ? UINT64_C(390625) : 1) * ((n)&16 ? UINT64_C(152587890625) : 1))
#define P10(n)                                                                                     \
  (((n)&1 ? UINT64_C(10) : 1) * ((n)&2 ? UINT64_C(100) : 1) * ((n)&4 ? UINT64_C(10000) : 1) *      \
   ((n)&8 ? UINT64_C(100000000) : 1))
#define Q_LG2(b) ((b)-1023)
#define Q_K0(b) (((Q_LG2(b) * 78913 + (20 << 18)) >> 18) - 20) /* floor(lg2 * log10(2)) */
#define Q_J(b) (-Q_K0(b) - 1)                                  /* 10^(k0+1) = 10^-j */
#define Q_THR(b)                                                                                   \
  (Q_K0(b) >= -1                                                                                   \
     ? P10(Q_K0(b) + 1) << ((52 - Q_LG2(b)) & 63)                                                  \
     : ((UINT64_C(1) << ((52 - Q_LG2(b) - Q_J(b)) & 63)) + P5(Q_J(b)) - 1) / P5(Q_J(b)))
#define Q_F(b, up)                                                                                 \
  (Q_K0(b) + (up) > 14 ? 0 : P5(14 - Q_K0(b) - (up)) << ((Q_LG2(b) - Q_K0(b) - (up) + 15) & 63))
#define Q_ENTRY(b)                                                                                 \
  {                                                                                                \
    Q_THR(b), { Q_F(b, 0), Q_F(b, 1) }, Q_K0(b)                                                    \
  }
#define Q_ENTRY4(b) Q_ENTRY(b), Q_ENTRY(b + 1), Q_ENTRY(b + 2), Q_ENTRY(b + 3)
#define Q_ENTRY16(b) Q_ENTRY4(b), Q_ENTRY4(b + 4), Q_ENTRY4(b + 8), Q_ENTRY4(b + 12)

static const struct {
  uint64_t thr;
  uint64_t f[2];
  int k0;
} quick[64] = {
  /* the last, lg2 = 49, is not used */
  Q_ENTRY16(QUICK_MIN),
  Q_ENTRY16(QUICK_MIN + 16),
  Q_ENTRY16(QUICK_MIN + 32),
  Q_ENTRY16(QUICK_MIN + 48),
};

/* The direct path: the 15 rounded digits of m * 2^(biased - 1075) > 0,
 * QUICK_MIN <= biased <= QUICK_MAX, m with its top bit (52) set. */
static inline bool
round15_quick(uint64_t m, int biased, struct aic_dec15 *out)
{
  unsigned up = m >= quick[biased - QUICK_MIN].thr;
  u128 n = (u128)(m << 11) * quick[biased - QUICK_MIN].f[up];
  uint64_t q = (uint64_t)(n >> 64), rem = (uint64_t)n; /* rem's low 16 bits are 0 */
  int k = quick[biased - QUICK_MIN].k0 + (int)up;

  /* above one half, or exactly half and q odd (ties to even) */
  q += rem + (q & 1) > (UINT64_C(1) << 63);
  aic_dec15_set(out, q, k);
  return true;
}

#else
static inline bool
round15_quick(uint64_t m, int biased, struct aic_dec15 *out)
{
  (void)m;
  (void)biased;
  (void)out;
  return false;
}
#endif

static void
round15(double x, uint64_t m, int e, struct aic_dec15 *out)
{
  int biased = e + 1075; /* m has its top bit set when this is in range */

  if (biased >= QUICK_MIN && biased <= QUICK_MAX && round15_quick(m, biased, out))
    return;
  aic_num_round15(x, m, e, out);
}

/* Whether the printed decimal d * 10^(exp10 - 14), with nd significant
 * digits, is a whole number no larger than 2^53 (as in layout). */
static bool
decimal_small_whole(const struct aic_dec15 *v, int nd)
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
  struct aic_dec15 v;
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

/* Everything put_real leaves: NAN and infinities, zero, |x| outside the direct
 * path's range (and all of it where the compiler has no 128-bit integers). */
static char *
put_general(char *p, double x)
{
  struct aic_dec15 v;
  uint64_t m, w;
  bool neg;
  int e;

  if (!isfinite(x)) {
    memcpy(p, "null", 4);
    return p + 4;
  }
  decompose(x, &neg, &m, &e);
  if (small_whole(m, e, &w)) {
    if (neg && w != 0)
      *p++ = '-'; /* -0.0 -> 0 */
    return put_uint(p, w);
  }
  if (neg)
    *p++ = '-';
  round15(x, m, e, &v);
  return layout(p, v.d, v.exp10);
}

/* x's text at p; returns the end. The '-' is stored before it is known to
 * be needed (a whole number or the digits overwrite it otherwise). */
static inline char *
put_real(char *p, double x)
{
  uint64_t bits, m;
  unsigned biased;
  struct aic_dec15 v;
  char *s = p;

  memcpy(&bits, &x, sizeof bits);
  biased = (unsigned)(bits >> 52) & 0x7ff;
  if (biased - QUICK_MIN > QUICK_MAX - QUICK_MIN)
    return put_general(p, x);
  m = (bits & ((UINT64_C(1) << 52) - 1)) | (UINT64_C(1) << 52);
  *s = '-';
  s += bits >> 63;
  if (biased >= 1023) {
    unsigned sh = 1075 - biased; /* 4 .. 52: whole when the low sh bits of m are 0 */

    if ((m << (64 - sh)) == 0)
      return put_uint(s, m >> sh);
  }
  if (!round15_quick(m, (int)biased, &v))
    return put_general(p, x); /* no 128-bit integers */
  return layout(s, v.d, v.exp10);
}

char *
aic_num_put(char *p, double x)
{
  return put_real(p, x);
}

char *
aic_num_put_int(char *p, int64_t v)
{
  *p = '-';
  p += v < 0;
  return put_uint(p, v < 0 ? -(uint64_t)v : (uint64_t)v);
}

size_t
aic_num_format(double x, char out[AIC_NUM_TEXT_MAX])
{
  char *end = put_real(out, x);

  *end = '\0';
  return (size_t)(end - out);
}

size_t
aic_num_format_int(int64_t v, char out[AIC_NUM_TEXT_MAX])
{
  char *end = aic_num_put_int(out, v);

  *end = '\0';
  return (size_t)(end - out);
}
