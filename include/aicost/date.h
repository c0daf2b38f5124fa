/* Calendar dates as day numbers, for prices that change on a date and
 * projections that start on one. Plain arithmetic on the proleptic
 * Gregorian calendar (no time zones, no libc time functions: the core reads
 * no clock). Part of the pure core. */
#ifndef AICOST_DATE_H
#define AICOST_DATE_H

#include <stdbool.h>

/* "YYYY-MM-DD" plus its terminating NUL. */
#define AIC_DATE_TEXT 11

/* The years a date may name: wide enough for any price or plan, narrow
 * enough that day numbers and a 3,650-day horizon stay far from overflow. */
#define AIC_DATE_YEAR_MIN 1900
#define AIC_DATE_YEAR_MAX 9999

/* Days from 1970-01-01 to y-m-d (negative before it). m is 1-12, d 1-31;
 * the caller has checked them (aic_date_parse does). */
long aic_days_from_civil(int y, int m, int d);

/* The date of day number `day`, as "YYYY-MM-DD" into out. */
void aic_date_format(long day, char out[AIC_DATE_TEXT]);

/* Parses exactly "YYYY-MM-DD" naming a real date (2026-02-29 is not) in
 * [AIC_DATE_YEAR_MIN, AIC_DATE_YEAR_MAX]. Returns true with *day set. */
bool aic_date_parse(const char *s, long *day);

#endif
