/* CSV rows through libcsv (see csv_rows.h). libcsv is a small, long-stable
 * RFC 4180 parser packaged by Debian; it replaces a hand-written quoting
 * state machine, and its strict modes report a stray quote and a file that
 * ends inside a quoted field. Its callbacks hand over one field at a time,
 * which are gathered here into a row. */
#include "csv_rows.h"

#include <stdio.h>
#include <string.h>

#include <csv.h>

#include "aicost/util.h"

struct gather {
  csv_row_fn *fn;
  void *ctx;
  struct aic_buf text;       /* the row's fields, each NUL-terminated */
  size_t at[CSV_FIELDS_MAX]; /* where each field starts in text */
  struct csv_row row;
  int stop; /* the callback's non-zero return */
  bool nomem;
};

static void
on_field(void *s, size_t len, void *data)
{
  struct gather *g = data;

  if (g->stop != 0)
    return;
  if (g->row.n < CSV_FIELDS_MAX) {
    g->at[g->row.n] = g->text.len;
    if (s != NULL)
      aic_buf_putn(&g->text, s, len);
    aic_buf_putn(&g->text, "", 1);
    g->nomem = g->nomem || g->text.failed;
  }
  g->row.n++;
}

/* c is the character that ended the row, or -1 when the file ended it. */
static void
on_row(int c, void *data)
{
  struct gather *g = data;

  if (g->stop != 0)
    return;
  g->row.number++;
  g->row.unterminated = c == -1;
  for (size_t i = 0; i < g->row.n && i < CSV_FIELDS_MAX && !g->nomem; i++)
    g->row.field[i] = g->text.p + g->at[i];
  if (!g->nomem)
    g->stop = g->fn(&g->row, g->ctx);
  g->row.n = 0;
  g->text.len = 0;
}

int
csv_rows(const char *text, size_t len, csv_row_fn *fn, void *ctx, char *err, size_t cap)
{
  struct csv_parser p;
  struct gather g;
  int r = 0;

  memset(&g, 0, sizeof g);
  g.fn = fn;
  g.ctx = ctx;
  if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0) {
    snprintf(err, cap, "row 1: out of memory");
    return -1;
  }
  if (csv_parse(&p, text, len, on_field, on_row, &g) != len ||
      csv_fini(&p, on_field, on_row, &g) != 0) {
    if (g.stop == 0) {
      snprintf(err, cap, "row %zu: %s", g.row.number + 1, csv_strerror(csv_error(&p)));
      r = -1;
    }
  }
  if (g.stop != 0)
    r = g.stop;
  else if (g.nomem) {
    snprintf(err, cap, "row %zu: out of memory", g.row.number + 1);
    r = -1;
  }
  csv_free(&p);
  aic_buf_free(&g.text);
  return r;
}
