/* Money for people, shared by the SVG renderings (the numbers for machines:
 * test_numbers.c). */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "render_util.h"

struct money_row {
  double usd;
  const char *text;
};

/* The examples from issue 7 ($25k, $9.1M, $1.2B) and the edges around each
 * unit change, where rounding could print "1000k". */
static void
money_short_units(void **state)
{
  static const struct money_row rows[] = {
    { 0, "$0" },           /* nothing costs nothing, no decimals */
    { 25000, "$25k" },     /* the article's day of inference */
    { 9125000, "$9.1M" },  /* the article's year: two significant digits */
    { 1.2e9, "$1.2B" },    /* billions */
    { 3e12, "$3T" },       /* a trailing ".0" is dropped */
    { 950, "$950" },       /* below a thousand, whole dollars */
    { 5, "$5" },           /* the article's side project, $5 a day */
    { 4.55, "$4.6" },      /* small amounts keep one decimal */
    { 0.005, "$0.005" },   /* the article's cost per request */
    { 0.0051, "$0.0051" }, /* two significant digits below a dollar */
    { 999, "$999" },       /* just below the unit change */
    { 999.6, "$1k" },      /* rounds up into the next unit, never "$1000" */
    { 999600, "$1M" },     /* never "$1000k" */
    { 125000, "$125k" },   /* three digits before the unit */
    { 12500000, "$13M" },  /* two digits before the unit round to whole units */
    { -25000, "-$25k" },   /* a saving, should one ever be drawn */
    { 2e16, "$20000T" },   /* past the last unit, the number just grows */
  };
  char out[48];
  size_t i;

  (void)state;
  for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
    aic_fmt_money_short(out, sizeof out, rows[i].usd);
    assert_string_equal(out, rows[i].text);
  }
}

/* Full amounts for the chart's description and tooltips. */
static void
money_full_separators(void **state)
{
  static const struct money_row rows[] = {
    { 25000, "$25,000" },      /* the number the article quotes */
    { 9125000, "$9,125,000" }, /* a year of it */
    { 3e6, "$3,000,000" },     /* groups of three from the right */
    { 100, "$100" },           /* no separator below a thousand */
    { 4.55, "$4.55" },         /* cents on small amounts */
    { 0.0051, "$0.0051" },     /* a fully loaded cost per request */
  };
  char out[64];
  size_t i;

  (void)state;
  for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
    aic_fmt_money_full(out, sizeof out, rows[i].usd);
    assert_string_equal(out, rows[i].text);
  }
  aic_fmt_money_full(out, sizeof out, 1234.75); /* whole dollars from a thousand on */
  assert_string_equal(out, "$1,235");
  aic_fmt_money_full(out, sizeof out, (double)NAN);
  assert_string_equal(out, "n/a");
}

/* Axis steps are 1, 2 or 5 times a power of ten and fit the tick budget. */
static void
nice_steps(void **state)
{
  (void)state;
  assert_true(aic_nice_step(12125000, 5) == 5e6);  /* 2.4M raw -> 5M: three ticks */
  assert_true(aic_nice_step(10e6, 5) == 2e6);      /* exactly 2M raw stays 2M */
  assert_true(aic_nice_step(3e6, 5) == 1e6);       /* 600k raw -> 1M */
  assert_true(aic_nice_step(0.9, 5) == 0.2);       /* below one */
  assert_true(aic_nice_step(0, 5) == 1);           /* an empty chart still has an axis */
  assert_true(aic_nice_step((double)NAN, 5) == 1); /* and never a NAN step */
}

int
main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(money_short_units),
    cmocka_unit_test(money_full_separators),
    cmocka_unit_test(nice_steps),
  };

  return cmocka_run_group_tests(tests, NULL, NULL);
}
