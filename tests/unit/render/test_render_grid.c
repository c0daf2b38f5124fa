/* The grid of the text formats and aicost diff (render_grid.c): exact
 * layouts, and cells from input made harmless in both. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "aicost/render.h"

static char *
render(const char *const rows[][3], size_t n, const char *align, bool markdown)
{
  struct aic_grid *g = aic_grid_new(3, align);
  struct aic_buf b = { 0 };

  for (size_t i = 0; i < n; i++)
    aic_grid_row(g, rows[i]);
  aic_grid_render(g, markdown, &b);
  aic_grid_free(g);
  return aic_buf_finish(&b, NULL);
}

/* Columns as wide as their widest cell (in characters, not bytes: "—"
 * is one), right-aligned where asked, a rule under the header, no trailing
 * spaces. */
static void
plain_layout(void **state)
{
  static const char *const rows[][3] = { { "name", "total", "note" },
                                         { "bot", "$9,125,000", "—" },
                                         { "a", "$1", "x" } };
  char *t = render(rows, 3, "lrl", false);

  (void)state;
  assert_string_equal(t, "name       total  note\n"
                         "----  ----------  ----\n"
                         "bot   $9,125,000  —\n"
                         "a             $1  x\n");
  free(t);
}

/* GitHub's table: the alignment row after the header. */
static void
markdown_layout(void **state)
{
  static const char *const rows[][3] = { { "a", "b", "c" }, { "1", "2", "3" } };
  char *t = render(rows, 2, "lrl", true);

  (void)state;
  assert_string_equal(t, "| a | b | c |\n| --- | ---: | --- |\n| 1 | 2 | 3 |\n");
  free(t);
}

/* A name is input: in Markdown it cannot end a cell, start markup or
 * inject HTML into a PR comment; in a terminal it cannot send escapes. */
static void
cells_are_harmless(void **state)
{
  static const char *const rows[][3] = { { "h", "h", "h" },
                                         { "a|b", "<img src=x>", "*_`[]\\" },
                                         { "\x1b[31mred", "tab\there", "ok" } };
  char *md = render(rows, 3, "lll", true);
  char *plain = render(rows, 3, "lll", false);

  (void)state;
  assert_non_null(strstr(md, "| a\\|b | &lt;img src=x&gt; | \\*\\_\\`\\[\\]\\\\ |"));
  assert_null(strchr(md, '\x1b'));
  assert_null(strchr(plain, '\x1b'));
  assert_null(strchr(plain, '\t'));
  assert_non_null(strstr(plain, " [31mred"));
  free(md);
  free(plain);
}

/* Counts for people: rounded, grouped, "n/a" for not a number. */
static void
counts(void **state)
{
  char out[64];

  (void)state;
  aic_fmt_count(out, sizeof out, 1825000000.4);
  assert_string_equal(out, "1,825,000,000");
  aic_fmt_count(out, sizeof out, 999.5);
  assert_string_equal(out, "1,000");
  aic_fmt_count(out, sizeof out, -0.2);
  assert_string_equal(out, "0");
  aic_fmt_count(out, sizeof out, 0.0 / 0.0);
  assert_string_equal(out, "n/a");
}

/* Too many columns is refused, never a write past the widths array. */
static void
column_limit(void **state)
{
  (void)state;
  assert_null(aic_grid_new(17, NULL));
  assert_null(aic_grid_new(0, NULL));
}

int
main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(plain_layout),       cmocka_unit_test(markdown_layout),
    cmocka_unit_test(cells_are_harmless), cmocka_unit_test(counts),
    cmocka_unit_test(column_limit),
  };

  return cmocka_run_group_tests(tests, NULL, NULL);
}
