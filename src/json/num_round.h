/* Private to num_format.c: a double rounded to 15 significant decimal
 * digits, exactly (to nearest, ties to even, as glibc rounds), for the
 * values outside num_format.c's direct path. */
#ifndef AICOST_JSON_NUM_ROUND_H
#define AICOST_JSON_NUM_ROUND_H

#include <stdbool.h>
#include <stdint.h>

/* 15 significant digits and the decimal exponent of the first one:
 * x ~ d * 10^(exp10 - 14), 10^14 <= d < 10^15. */
struct aic_dec15 {
  uint64_t d;
  int exp10;
};

/* Rounded digits q (10^14 <= q <= 10^15) of a value whose first digit is
 * at 10^k: when rounding carried into a sixteenth digit
 * (9.999999999999995 -> 10), one digit more stands before the point. */
static inline void
aic_dec15_set(struct aic_dec15 *out, uint64_t q, int k)
{
  if (q == UINT64_C(1000000000000000)) {
    q = UINT64_C(100000000000000);
    k++;
  }
  out->d = q;
  out->exp10 = k;
}

/* The digits of |x| = m * 2^e (> 0, not a whole number up to 2^53). */
void aic_num_round15(double x, uint64_t m, int e, struct aic_dec15 *out);

#endif
