/* The CSV rendering: parsed back by an RFC 4180 reader, every cell must
 * equal the struct it came from. */
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

#define MAX_ROWS 4000
#define MAX_COLS 16
#define CELL 128

struct table {
  size_t rows, cols[MAX_ROWS];
  char cell[MAX_ROWS][MAX_COLS][CELL];
};

/* A strict RFC 4180 reader: CRLF row ends, quoted fields with "" for a
 * quote. Fails the test on anything else (a bare LF, a stray quote). */
static void
parse_csv(const char *s, struct table *t)
{
  size_t r = 0, c = 0, k = 0;
  bool quoted = false, was_quoted = false;

  memset(t, 0, sizeof *t);
  while (*s != '\0') {
    if (quoted) {
      if (s[0] == '"' && s[1] == '"') {
        t->cell[r][c][k++] = '"';
        s += 2;
      } else if (s[0] == '"') {
        quoted = false;
        s++;
      } else {
        t->cell[r][c][k++] = *s++;
      }
    } else if (*s == '"') {
      assert_int_equal(k, 0); /* a quote only opens a field */
      assert_false(was_quoted);
      quoted = was_quoted = true;
      s++;
    } else if (*s == ',') {
      c++;
      k = 0;
      was_quoted = false;
      assert_true(c < MAX_COLS);
      s++;
    } else if (s[0] == '\r' && s[1] == '\n') {
      t->cols[r] = c + 1;
      r++;
      c = k = 0;
      was_quoted = false;
      assert_true(r < MAX_ROWS);
      s += 2;
    } else {
      assert_true(*s != '\r' && *s != '\n'); /* rows end in CRLF, nothing else */
      assert_false(was_quoted);              /* nothing after a closing quote */
      t->cell[r][c][k++] = *s++;
    }
    assert_true(k < CELL);
  }
  assert_false(quoted);
  assert_int_equal(c, 0); /* the last row ended with CRLF too */
  assert_int_equal(k, 0);
  t->rows = r;
}

static double
num(const char *cell)
{
  char *end;
  double v = strtod(cell, &end);

  assert_true(cell[0] != '\0');
  assert_true(*end == '\0'); /* a plain number: no separators, no unit */
  return v;
}

static struct table tab;

static void
check_point_cells(char cells[][CELL], const struct aic_series_point *s)
{
  assert_true(num(cells[0]) == s->day);
  assert_true(num(cells[1]) == s->days);
  assert_true(num(cells[2]) == s->requests_per_day);
  assert_true(num(cells[3]) == s->daily_inference_usd);
  assert_true(num(cells[4]) == s->period_inference_usd);
  assert_true(num(cells[5]) == s->cumulative_inference_usd);
  assert_true(num(cells[6]) == s->training_usd);
  assert_true(num(cells[7]) == s->cumulative_total_usd);
  assert_string_equal(cells[8], ""); /* no start date: an empty date */
  assert_string_equal(cells[9], ""); /* no energy: empty daily_kwh and cumulative_tco2e */
  assert_string_equal(cells[10], "");
}

/* The article's support bot: a header, 12 month rows, each cell exactly the
 * struct's value, and the last row's cumulative total is the projection's
 * total ($3,000,000 + 365 x $25,000 = $12,125,000). */
static void
projection_parsed_back(void **state)
{
  struct aic_projection pj;
  size_t len = 0, i;
  char *csv;

  (void)state;
  fx_support_bot(&pj, "support bot");
  csv = aic_projection_to_csv(&pj, NULL, &len);
  assert_non_null(csv);
  assert_int_equal(len, strlen(csv));
  parse_csv(csv, &tab);
  assert_int_equal(tab.rows, 1 + 12);
  assert_int_equal(tab.cols[0], 11);
  assert_string_equal(tab.cell[0][0], "day");
  assert_string_equal(tab.cell[0][8], "date");
  assert_string_equal(tab.cell[0][2], "requests_per_day");
  assert_string_equal(tab.cell[0][7], "cumulative_total_usd");
  for (i = 0; i < pj.n_series; i++) {
    assert_int_equal(tab.cols[i + 1], 11);
    check_point_cells(tab.cell[i + 1], &pj.series[i]);
  }
  assert_string_equal(tab.cell[1][0], "30");    /* first month ends on day 30 */
  assert_string_equal(tab.cell[1][3], "25000"); /* $25,000 a day, printed plainly */
  assert_string_equal(tab.cell[12][0], "365");
  assert_string_equal(tab.cell[12][7], "12125000");
  assert_true(num(tab.cell[12][7]) == pj.total_usd);
  free(csv);
  fx_release(&pj);
}

/* Float noise from summing must not reach the text; the same struct gives
 * the same bytes every time (dashboards diff and cache them). */
static void
no_float_noise_and_deterministic(void **state)
{
  struct aic_projection pj;
  char *a, *b;
  size_t la, lb;

  (void)state;
  fx_support_bot(&pj, NULL);
  pj.series[0].cumulative_inference_usd = 750000.0000000001;
  pj.series[0].period_inference_usd = 0.1 + 0.2;
  a = aic_projection_to_csv(&pj, NULL, &la);
  b = aic_projection_to_csv(&pj, NULL, &lb);
  assert_non_null(a);
  assert_non_null(b);
  assert_int_equal(la, lb);
  assert_memory_equal(a, b, la);
  parse_csv(a, &tab);
  assert_string_equal(tab.cell[1][5], "750000");
  assert_string_equal(tab.cell[1][4], "0.3");
  free(a);
  free(b);
  fx_release(&pj);
}

/* A day series over ten years is the largest a scenario can ask for:
 * 3650 rows, all present. */
static void
day_series_all_rows(void **state)
{
  struct aic_projection pj;
  char *csv;

  (void)state;
  fx_flat(&pj, "daily", 0, 100, 3650, AIC_GRAN_DAY, 0);
  csv = aic_projection_to_csv(&pj, NULL, NULL);
  assert_non_null(csv);
  parse_csv(csv, &tab);
  assert_int_equal(tab.rows, 1 + 3650);
  assert_string_equal(tab.cell[3650][0], "3650");
  assert_string_equal(tab.cell[3650][7], "365000");
  free(csv);
  fx_release(&pj);
}

/* An empty series still has its header, so a dashboard sees the columns. */
static void
empty_series_header_only(void **state)
{
  struct aic_projection pj;
  char *csv;
  size_t len;

  (void)state;
  memset(&pj, 0, sizeof pj);
  csv = aic_projection_to_csv(&pj, NULL, &len);
  assert_non_null(csv);
  assert_string_equal(csv,
                      "day,days,requests_per_day,daily_inference_usd,period_inference_usd,"
                      "cumulative_inference_usd,training_usd,cumulative_total_usd,date,daily_kwh,"
                      "cumulative_tco2e\r\n");
  free(csv);
}

/* A comparison in long form: one row per (option, period), option index and
 * name first; a name with a comma and quotes survives the round trip. */
static void
comparison_long_form(void **state)
{
  struct aic_comparison c;
  const char *tricky = "large, \"smart\" model";
  size_t i, k, row = 1;
  char *csv;

  (void)state;
  fx_pair(&c, 365, tricky, "small");
  csv = aic_comparison_to_csv(&c, NULL, NULL);
  assert_non_null(csv);
  assert_non_null(strstr(csv, "\"large, \"\"smart\"\" model\""));
  parse_csv(csv, &tab);
  assert_int_equal(tab.rows, 1 + 12 + 12);
  assert_int_equal(tab.cols[0], 13);
  assert_string_equal(tab.cell[0][0], "option");
  assert_string_equal(tab.cell[0][1], "name");
  assert_string_equal(tab.cell[0][2], "day");
  for (i = 0; i < c.n; i++) {
    for (k = 0; k < c.projections[i].n_series; k++, row++) {
      assert_int_equal(tab.cols[row], 13);
      assert_true(num(tab.cell[row][0]) == (double)i);
      assert_string_equal(tab.cell[row][1], i == 0 ? tricky : "small");
      check_point_cells(&tab.cell[row][2], &c.projections[i].series[k]);
    }
  }
  /* totals at the horizon: 30M + 365 x 5k, and 1M + 365 x 25k */
  assert_string_equal(tab.cell[12][9], "31825000");
  assert_string_equal(tab.cell[24][9], "10125000");
  free(csv);
  fx_comparison_release(&c);
}

/* Formula injection (OWASP "CSV injection"): a name a spreadsheet would
 * run (= + - @, TAB, CR first) is written as text, with a leading quote;
 * numbers, negative ones included, stay numbers; other names are untouched. */
static void
formula_names_neutralised(void **state)
{
  static const struct {
    const char *name;
    const char *cell; /* as written in the file */
  } rows[] = {
    { "=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"" },
    { "+1+2", "\"'+1+2\"" },
    { "-2+3", "\"'-2+3\"" },
    { "@SUM(A1)", "\"'@SUM(A1)\"" },
    { "\tx", "\"'\tx\"" },
    { "\rx", "\"'\rx\"" },
    { "a=b", "a=b" }, /* only the first character matters */
    { "plain", "plain" },
  };
  char *csv;

  (void)state;
  for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
    struct aic_comparison c;
    char want[128];

    fx_pair(&c, 31, rows[i].name, "-5");
    csv = aic_comparison_to_csv(&c, NULL, NULL);
    assert_non_null(csv);
    snprintf(want, sizeof want, "\r\n0,%s,", rows[i].cell);
    if (strstr(csv, want) == NULL)
      fail_msg("name '%s': no row starting %s in\n%.300s", rows[i].name, want, csv);
    assert_non_null(strstr(csv, "\r\n1,\"'-5\","));
    free(csv);
    fx_comparison_release(&c);
  }
  /* a negative number is still a number */
  {
    struct aic_projection pj;
    struct aic_series_point pt = { 1, 1, -5, -0.25, 0, 0, 0, -1e-5, (double)NAN, 2.5 };

    memset(&pj, 0, sizeof pj);
    pj.n_series = 1;
    pj.series = &pt;
    csv = aic_projection_to_csv(&pj, NULL, NULL);
    assert_non_null(csv);
    /* the JSON's text; no date, an unknown daily_kwh: empty cells */
    assert_non_null(strstr(csv, "\r\n1,1,-5,-0.25,0,0,0,-1e-5,,,2.5\r\n"));
    free(csv);
  }
}

/* With a start date each row's date is its period's last day: the month
 * series from 2026-01-01 ends its first month on day 30, 2026-01-30, and
 * its year on day 365, 2026-12-31. */
static void
dated_rows(void **state)
{
  struct aic_projection pj;
  char *csv;

  (void)state;
  fx_support_bot(&pj, NULL);
  pj.has_start_date = true;
  pj.start_day = aic_days_from_civil(2026, 1, 1);
  csv = aic_projection_to_csv(&pj, NULL, NULL);
  assert_non_null(csv);
  parse_csv(csv, &tab);
  assert_string_equal(tab.cell[1][8], "2026-01-30");
  assert_string_equal(tab.cell[12][8], "2026-12-31");
  free(csv);
  fx_release(&pj);
}

int
main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(projection_parsed_back),           cmocka_unit_test(dated_rows),
    cmocka_unit_test(no_float_noise_and_deterministic), cmocka_unit_test(day_series_all_rows),
    cmocka_unit_test(empty_series_header_only),         cmocka_unit_test(comparison_long_form),
    cmocka_unit_test(formula_names_neutralised),
  };

  return cmocka_run_group_tests(tests, NULL, NULL);
}
