/* What the C benchmarks of bench/ share: CPU time, and the order for a
 * median. Not tests; docs/benchmarks.md has the numbers. */
#ifndef AICOST_BENCH_UTIL_H
#define AICOST_BENCH_UTIL_H

#include <time.h>

/* CPU time of the process, in milliseconds (not wall time: other load on
 * the machine moves it less). */
static inline double
cpu_ms(void)
{
  struct timespec t;

  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

/* qsort's order of doubles, ascending. */
static inline int
by_value(const void *a, const void *b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return (x > y) - (x < y);
}

#endif
