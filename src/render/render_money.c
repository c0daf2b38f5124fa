/* Money for people (chart axes, labels, descriptions, tables): the amount
 * is rounded to what a person reads ($25k, $9.1M, $0.0051), and the digits
 * of that rounded amount are written by the number function of the JSON and
 * the CSV (src/json/num_format.h), so that the same value prints the same
 * way everywhere, never "3e-05" or "e+24". One exception: an amount under a
 * dollar is written in plain decimals, since a person reads a cost per
 * request of "$0.00007" where the JSON's exponent form ("7e-5") would ask
 * them to count. */
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "num_format.h"
#include "render_util.h"

/* "-$" or "$", the digits of `amount` (>= 0, already rounded), a unit. */
static void
put_amount(char *out, size_t cap, bool negative, double amount, const char *unit)
{
  char num[AIC_NUM_TEXT_MAX];

  aic_num_format(amount, num);
  snprintf(out, cap, "%s$%s%s", negative ? "-" : "", num, unit);
}

/* Decimals that show two significant digits of a value below 1 (at most
 * eight: a hundred-millionth of a dollar is nothing to anyone). */
static int
small_decimals(double a)
{
  int d = (int)ceil(-log10(a)) + 1;

  if (d < 2)
    d = 2;
  if (d > 8)
    d = 8;
  return d;
}

/* a rounded to d decimals (0 <= d <= 8: the power of ten is exact). */
static double
round_decimals(double a, int d)
{
  double p = pow(10, d);

  return round(a * p) / p;
}

/* "-$" or "$" and a (< 1) in plain decimals, rounded to d of them, with no
 * trailing zeros: "$0.00003", "$0.3", "$0" when it rounds away. */
static void
put_decimals(char *out, size_t cap, bool negative, double a, int d)
{
  char num[32];
  size_t n = (size_t)snprintf(num, sizeof num, "%.*f", d, round_decimals(a, d));

  while (n > 1 && num[n - 1] == '0')
    num[--n] = '\0';
  if (n > 0 && num[n - 1] == '.')
    num[--n] = '\0';
  negative = negative && strcmp(num, "0") != 0;
  snprintf(out, cap, "%s$%s", negative ? "-" : "", num);
}

/* a (>= 1) rounded to three significant digits, for amounts too large to
 * group: past 10^22 the power of ten is not exact, but 15 printed digits
 * hide its last bit. */
static double
round_three_digits(double a)
{
  double p = pow(10, floor(log10(a)) - 2);

  return round(a / p) * p;
}

/* The cases both money formats share: not a number, zero, and amounts under
 * a dollar (two significant digits, so that they can be read). True when
 * it wrote out. */
static bool
format_below_one(char *out, size_t cap, double usd)
{
  double a = fabs(usd);

  if (!isfinite(usd)) {
    snprintf(out, cap, "n/a");
    return true;
  }
  if (a == 0) {
    snprintf(out, cap, "$0");
    return true;
  }
  if (a >= 1)
    return false;
  put_decimals(out, cap, usd < 0, a, small_decimals(a));
  return true;
}

void
aic_fmt_money_short(char *out, size_t cap, double usd)
{
  static const char *const units[] = { "", "k", "M", "B", "T" };
  const size_t n_units = sizeof units / sizeof units[0];
  double a = fabs(usd);
  double s, r;
  size_t u = 0;

  if (format_below_one(out, cap, usd))
    return;
  s = a;
  while (s >= 1000 && u + 1 < n_units) {
    s /= 1000;
    u++;
  }
  /* Round first, then re-check the unit: 999,600 is "$1M", never "$1000k". */
  r = s < 10 ? round(s * 10) / 10 : round(s);
  if (r >= 1000 && u + 1 < n_units) {
    s /= 1000;
    u++;
    r = round(s * 10) / 10;
  }
  put_amount(out, cap, usd < 0, r, units[u]);
}

/* Inserts thousands separators into the digits of a non-negative integer. */
static void
group_thousands(const char *digits, char *out, size_t cap)
{
  size_t n = strlen(digits), i, o = 0;

  for (i = 0; i < n && o + 2 < cap; i++) {
    if (i > 0 && (n - i) % 3 == 0)
      out[o++] = ',';
    out[o++] = digits[i];
  }
  out[o] = '\0';
}

void
aic_fmt_money_full(char *out, size_t cap, double usd)
{
  double a = fabs(usd);
  char num[AIC_NUM_TEXT_MAX], grouped[64];

  if (format_below_one(out, cap, usd))
    return;
  if (a < 1000) {
    /* cents matter on small amounts ($4.55 per million tokens) */
    put_amount(out, cap, usd < 0, round_decimals(a, 2), "");
    return;
  }
  if (a >= 0x1p53) {
    /* past 9e15 the number function writes an exponent, which no digit
     * grouping fits: three significant digits, "$3.65e18" */
    put_amount(out, cap, usd < 0, round_three_digits(a), "");
    return;
  }
  aic_num_format(nearbyint(a), num); /* a whole number: digits only */
  group_thousands(num, grouped, sizeof grouped);
  snprintf(out, cap, "%s$%s", usd < 0 ? "-" : "", grouped);
}

void
aic_fmt_count(char *out, size_t cap, double x)
{
  char num[AIC_NUM_TEXT_MAX], grouped[64];

  if (!isfinite(x)) {
    snprintf(out, cap, "n/a");
    return;
  }
  if (fabs(x) >= 0x1p53) {
    aic_num_format(round_three_digits(fabs(x)), num);
    snprintf(out, cap, "%s%s", x < 0 ? "-" : "", num);
    return;
  }
  aic_num_format(fabs(nearbyint(x)), num);
  group_thousands(num, grouped, sizeof grouped);
  snprintf(out, cap, "%s%s", x < 0 && nearbyint(x) != 0 ? "-" : "", grouped);
}

double
aic_nice_step(double max, int max_ticks)
{
  static const double mult[] = { 1, 2, 5, 10 };
  double raw, mag;
  size_t i;

  if (!(max > 0) || !isfinite(max) || max_ticks < 1)
    return 1;
  raw = max / max_ticks;
  mag = pow(10, floor(log10(raw)));
  for (i = 0; i < sizeof mult / sizeof mult[0]; i++) {
    if (mult[i] * mag >= raw * (1 - 1e-12))
      return mult[i] * mag;
  }
  return 10 * mag;
}
