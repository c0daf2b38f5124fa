/* One number policy across the formats: a value prints as the same text in
 * the JSON, in a CSV cell and in the SVG's money labels (which add "$", a
 * sign before it and thousands separators, and round to what a person
 * reads; amounts under a dollar in plain decimals, "$0.00003", which a
 * person reads without counting). Before issue 11 the CSV printed %.15g
 * (3.65e+15, 3e-05) where the JSON printed 3650000000000000 and 3e-5. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "aicost/render.h"
#include "fixture.h"
#include "render_util.h"

struct number_row {
  double x;
  const char *text;  /* the JSON member and the CSV cell */
  const char *label; /* aic_fmt_money_full: the SVG's description and tooltips */
};

/* clang-format off */
static const struct number_row rows[] = {
  /* whole numbers up to 2^53 are integers, however large */
  { 3.65e15, "3650000000000000", "$3,650,000,000,000,000" },
  { 9125000, "9125000", "$9,125,000" },
  { 0x1p53, "9007199254740992", "$9.01e15" },
  /* 2^53 + 2 rounded to 15 digits is whole and below 2^53: an integer too */
  { 0x1p53 + 2, "9007199254740990", "$9.01e15" },
  /* past that a real with an exponent, no '+' and no leading zero in it */
  { 1e16, "1e16", "$1e16" },
  { 6.3e24, "6.3e24", "$6.3e24" },
  /* tiny amounts: an exponent from 1e-5 down, as %.15g decides; for
   * people, plain decimals to two significant digits */
  { 3e-5, "3e-5", "$0.00003" },
  { 1.5e-7, "1.5e-7", "$0.00000015" },
  { 7.24e-5, "7.24e-5", "$0.000072" },
  { -3e-5, "-3e-5", "-$0.00003" },
  { 1e-12, "1e-12", "$0" },
  { 0.0051, "0.0051", "$0.0051" },
  /* float noise never shows; neither does a negative zero */
  { 0.1 + 0.2, "0.3", "$0.3" },
  { 25000.000000000004, "25000", "$25,000" },
  { -0.0, "0", "$0" },
  { -2.5, "-2.5", "-$2.5" },
  /* labels round to cents; the machine formats keep 15 digits */
  { 123.456, "123.456", "$123.46" },
};
/* clang-format on */
#define N_ROWS (sizeof rows / sizeof rows[0])

/* A projection whose series point i holds rows[i].x in every real column. */
static void
fixture(struct aic_projection *pj)
{
  fx_flat(pj, "numbers", 1, 1, (int)N_ROWS, AIC_GRAN_DAY, 0);
  assert_int_equal(pj->n_series, N_ROWS);
  for (size_t i = 0; i < N_ROWS; i++) {
    struct aic_series_point *s = &pj->series[i];

    s->requests_per_day = s->daily_inference_usd = s->period_inference_usd = rows[i].x;
    s->cumulative_inference_usd = s->training_usd = s->cumulative_total_usd = rows[i].x;
  }
}

static const char *const real_columns[] = {
  "requests_per_day",         "daily_inference_usd", "period_inference_usd",
  "cumulative_inference_usd", "training_usd",        "cumulative_total_usd",
};

/* The text of member `key` after *at in a compact JSON text; moves *at past it. */
static void
json_member(const char **at, const char *key, char *out, size_t cap)
{
  char quoted[64];
  const char *p;
  size_t n;

  snprintf(quoted, sizeof quoted, "\"%s\":", key);
  p = strstr(*at, quoted);
  assert_non_null(p);
  p += strlen(quoted);
  n = strcspn(p, ",}");
  assert_true(n < cap);
  memcpy(out, p, n);
  out[n] = '\0';
  *at = p + n;
}

/* Every real of every point, in the JSON and in the CSV, is rows[i].text. */
static void
json_and_csv_agree(void **state)
{
  struct aic_projection pj;
  char *json, *csv, *line, *save = NULL;
  const char *at;
  char got[64];

  (void)state;
  fixture(&pj);
  json = aic_projection_to_json(&pj, NULL, NULL);
  csv = aic_projection_to_csv(&pj, NULL, NULL);
  assert_non_null(json);
  assert_non_null(csv);
  at = strstr(json, "\"series\":[");
  assert_non_null(at);
  line = strtok_r(csv, "\r\n", &save); /* the header */
  for (size_t i = 0; i < N_ROWS; i++) {
    char *cell, *cells = strtok_r(NULL, "\r\n", &save);
    size_t c = 0;

    assert_non_null(cells);
    for (size_t k = 0; k < sizeof real_columns / sizeof real_columns[0]; k++) {
      json_member(&at, real_columns[k], got, sizeof got);
      if (strcmp(got, rows[i].text) != 0)
        fail_msg("row %zu, JSON %s: '%s', expected '%s'", i, real_columns[k], got, rows[i].text);
    }
    /* day,days, then the six reals */
    for (cell = cells; c < 2; c++)
      cell = strchr(cell, ',') + 1;
    for (size_t k = 0; k < 6; k++) {
      size_t n = strcspn(cell, ",");

      if (n != strlen(rows[i].text) || memcmp(cell, rows[i].text, n) != 0)
        fail_msg("row %zu, CSV column %zu: '%.*s', expected '%s'", i, k + 2, (int)n, cell,
                 rows[i].text);
      cell += n + (cell[n] == ',');
    }
  }
  (void)line;
  free(json);
  free(csv);
  fx_release(&pj);
}

/* An absent value is null in the JSON and an empty cell in the CSV. */
static void
absent_is_null_and_empty(void **state)
{
  struct aic_projection pj;
  char *json, *csv;

  (void)state;
  fx_flat(&pj, NULL, 1, 1, 1, AIC_GRAN_DAY, 0);
  pj.series[0].requests_per_day = (double)NAN;
  json = aic_projection_to_json(&pj, NULL, NULL);
  csv = aic_projection_to_csv(&pj, NULL, NULL);
  assert_non_null(strstr(json, "\"requests_per_day\":null,"));
  assert_non_null(strstr(csv, "\r\n1,1,,1,1,1,1,2,,,\r\n"));
  free(json);
  free(csv);
  fx_release(&pj);
}

/* The money labels: the same digits, rounded for a reader. */
static void
labels_agree(void **state)
{
  char out[64];

  (void)state;
  for (size_t i = 0; i < N_ROWS; i++) {
    aic_fmt_money_full(out, sizeof out, rows[i].x);
    if (strcmp(out, rows[i].label) != 0)
      fail_msg("row %zu: label '%s', expected '%s'", i, out, rows[i].label);
  }
  aic_fmt_money_full(out, sizeof out, (double)NAN);
  assert_string_equal(out, "n/a");
}

/* ... and they are what the SVG prints: its description states the
 * training cost in full. */
static void
svg_labels_are_the_labels(void **state)
{
  (void)state;
  for (size_t i = 0; i < N_ROWS; i++) {
    struct aic_projection pj;
    char want[96];
    char *svg;

    fx_flat(&pj, NULL, rows[i].x, 1, 30, AIC_GRAN_DAY, 0);
    svg = aic_projection_to_svg(&pj, NULL, NULL);
    assert_non_null(svg);
    snprintf(want, sizeof want, "Training costs %s once.", rows[i].label);
    if (strstr(svg, want) == NULL)
      fail_msg("row %zu: the SVG does not say '%s'", i, want);
    free(svg);
    fx_release(&pj);
  }
}

int
main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(json_and_csv_agree),
    cmocka_unit_test(absent_is_null_and_empty),
    cmocka_unit_test(labels_agree),
    cmocka_unit_test(svg_labels_are_the_labels),
  };

  return cmocka_run_group_tests(tests, NULL, NULL);
}
