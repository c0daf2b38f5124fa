/* Number formatting for the renderings: exact-enough numbers for machines
 * (CSV cells) and short money for people (chart axes, labels). Everything
 * goes through the JSON writer's formatter or snprintf with the C locale's
 * '.', so the bytes out depend on the numbers only. */
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "num_format.h"
#include "render_util.h"

char *
aic_fmt_number_put(char *p, double x)
{
  char *e, *end;
  bool minus;
  size_t digits;

  if (!isfinite(x))
    return p;
  if (x == 0)
    x = 0; /* -0 prints as "-0"; a cost of minus nothing is just nothing */
  /* 15 significant digits is what a double always holds exactly, so the
   * noise of the last bits (25000.000000000004) never reaches the text and
   * the same value always gives the same text: "%.15g". The JSON writer's
   * formatter gives the same digits about ten times faster than snprintf;
   * it prints whole numbers in full, which "%.15g" does only below 1e15,
   * and drops the exponent's '+' and leading zeros, which are put back. */
  if (fabs(x) >= 1e15) {
    int n = snprintf(p, AIC_NUM_TEXT_MAX, "%.15g", x);

    return p + (n > 0 ? n : 0);
  }
  end = aic_num_put(p, x);
  e = memchr(p, 'e', (size_t)(end - p));
  if (e == NULL)
    return end;
  minus = e[1] == '-';
  digits = (size_t)(end - e - 1 - minus);
  /* e-5 -> e-05, e5 -> e+05 (|x| < 1e15: at most two exponent digits) */
  memmove(e + 2 + (digits < 2), e + 1 + minus, digits);
  e[1] = minus ? '-' : '+';
  if (digits < 2)
    e[2] = '0';
  return e + 2 + (digits < 2 ? 2 : digits);
}

void
aic_fmt_number(char *out, size_t cap, double x)
{
  char text[AIC_NUM_TEXT_MAX];
  size_t n;

  if (cap == 0)
    return;
  n = (size_t)(aic_fmt_number_put(text, x) - text);
  if (n >= cap)
    n = cap - 1;
  memcpy(out, text, n);
  out[n] = '\0';
}

/* Drops a trailing ".0", ".00", ".50" -> ".5" from a fixed-point number. */
static void
trim_zeros(char *s)
{
  char *dot = strchr(s, '.');
  size_t n;

  if (dot == NULL)
    return;
  n = strlen(s);
  while (n > 0 && s[n - 1] == '0')
    s[--n] = '\0';
  if (n > 0 && s[n - 1] == '.')
    s[--n] = '\0';
}

/* Decimals that show two significant digits of a value below 1. */
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

/* The cases both money formats share: not a number, zero, and amounts under
 * a dollar (shown with enough decimals to be read). True when it wrote out. */
static bool
format_below_one(char *out, size_t cap, double usd)
{
  double a = fabs(usd);
  char num[64];

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
  snprintf(num, sizeof num, "%.*f", small_decimals(a), a);
  trim_zeros(num);
  snprintf(out, cap, "%s$%s", usd < 0 ? "-" : "", num);
  return true;
}

void
aic_fmt_money_short(char *out, size_t cap, double usd)
{
  static const char *const units[] = { "", "k", "M", "B", "T" };
  const size_t n_units = sizeof units / sizeof units[0];
  const char *sign = usd < 0 ? "-" : "";
  double a = fabs(usd);
  double s, r;
  size_t u = 0;
  char num[64];

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
  if (r < 10)
    snprintf(num, sizeof num, "%.1f", r);
  else
    snprintf(num, sizeof num, "%.0f", r);
  trim_zeros(num);
  snprintf(out, cap, "%s$%s%s", sign, num, units[u]);
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
  const char *sign = usd < 0 ? "-" : "";
  double a = fabs(usd);
  char num[64], grouped[96];

  if (format_below_one(out, cap, usd))
    return;
  if (a < 1000) {
    /* cents matter on small amounts ($4.55 per million tokens) */
    snprintf(num, sizeof num, "%.2f", a);
    trim_zeros(num);
    snprintf(out, cap, "%s$%s", sign, num);
    return;
  }
  if (a >= 1e21) {
    snprintf(out, cap, "%s$%.3g", sign, a); /* no digit grouping makes sense here */
    return;
  }
  snprintf(num, sizeof num, "%.0f", a);
  group_thousands(num, grouped, sizeof grouped);
  snprintf(out, cap, "%s$%s", sign, grouped);
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
