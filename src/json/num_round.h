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

/* The digits of |x| = m * 2^e (> 0, not a whole number up to 2^53). */
void aic_num_round15(double x, uint64_t m, int e, struct aic_dec15 *out);

#endif
