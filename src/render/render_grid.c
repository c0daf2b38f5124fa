/* A grid of text cells laid out for people: aligned columns for a terminal,
 * or a GitHub-flavoured Markdown table for a pull request comment. The
 * `table` and `markdown` formats and `aicost diff` share it, so that the
 * two layouts are written once.
 *
 * Cells come from input (scenario names), so they are made harmless here:
 * control characters (a terminal's escape sequences) become spaces, and in
 * Markdown the characters that would end a cell or start markup are
 * escaped, '<' and '>' as entities (a comment renders HTML). */
#include <stdlib.h>
#include <string.h>

#include "aicost/render.h"
#include "render_util.h"

#define GRID_COLS_MAX 16

struct aic_grid {
  size_t cols, rows, cap;
  char **cells; /* rows × cols, each owned */
  bool right[GRID_COLS_MAX];
  bool failed;
};

struct aic_grid *
aic_grid_new(size_t cols, const char *right_aligned)
{
  struct aic_grid *g;

  if (cols == 0 || cols > GRID_COLS_MAX)
    return NULL;
  g = calloc(1, sizeof *g);
  if (g == NULL)
    return NULL;
  g->cols = cols;
  for (size_t c = 0; right_aligned != NULL && c < cols && right_aligned[c] != '\0'; c++)
    g->right[c] = right_aligned[c] == 'r';
  return g;
}

void
aic_grid_free(struct aic_grid *g)
{
  if (g == NULL)
    return;
  for (size_t i = 0; i < g->rows * g->cols; i++)
    free(g->cells[i]);
  free(g->cells);
  free(g);
}

void
aic_grid_row(struct aic_grid *g, const char *const *cells)
{
  if (g == NULL || g->failed)
    return;
  if (g->rows == g->cap) {
    size_t cap = g->cap ? 2 * g->cap : 16;
    char **v = realloc(g->cells, cap * g->cols * sizeof *v);

    if (v == NULL) {
      g->failed = true;
      return;
    }
    g->cells = v;
    g->cap = cap;
  }
  for (size_t c = 0; c < g->cols; c++) {
    char *s = strdup(cells[c] != NULL ? cells[c] : "");

    g->cells[g->rows * g->cols + c] = s;
    if (s == NULL) {
      for (size_t k = 0; k < c; k++)
        free(g->cells[g->rows * g->cols + k]);
      g->failed = true;
      return;
    }
  }
  g->rows++;
}

/* Characters a terminal shows (UTF-8 continuation bytes take no column). */
static size_t
width(const char *s)
{
  size_t w = 0;

  for (; *s != '\0'; s++)
    w += ((unsigned char)*s & 0xC0) != 0x80;
  return w;
}

static bool
is_control(unsigned char c)
{
  return c < 0x20 || c == 0x7f;
}

static void
put_plain(struct aic_buf *b, const char *s)
{
  for (; *s != '\0'; s++)
    aic_buf_putn(b, is_control((unsigned char)*s) ? " " : s, 1);
}

static void
put_markdown(struct aic_buf *b, const char *s)
{
  for (; *s != '\0'; s++) {
    if (is_control((unsigned char)*s))
      aic_buf_put(b, " ");
    else if (*s == '<')
      aic_buf_put(b, "&lt;");
    else if (*s == '>')
      aic_buf_put(b, "&gt;");
    else if (strchr("\\|*_`[]", *s) != NULL && *s != '\0') {
      aic_buf_put(b, "\\");
      aic_buf_putn(b, s, 1);
    } else
      aic_buf_putn(b, s, 1);
  }
}

static void
pad(struct aic_buf *b, size_t n)
{
  for (size_t i = 0; i < n; i++)
    aic_buf_put(b, " ");
}

static void
render_plain(const struct aic_grid *g, struct aic_buf *b)
{
  size_t w[GRID_COLS_MAX] = { 0 };

  for (size_t r = 0; r < g->rows; r++) {
    for (size_t c = 0; c < g->cols; c++) {
      size_t x = width(g->cells[r * g->cols + c]);

      w[c] = x > w[c] ? x : w[c];
    }
  }
  for (size_t r = 0; r < g->rows; r++) {
    for (size_t c = 0; c < g->cols; c++) {
      const char *s = g->cells[r * g->cols + c];
      size_t gap = w[c] - width(s);
      bool last = c + 1 == g->cols;

      if (c > 0)
        aic_buf_put(b, "  ");
      if (g->right[c])
        pad(b, gap);
      put_plain(b, s);
      if (!g->right[c] && !last)
        pad(b, gap);
    }
    aic_buf_put(b, "\n");
    if (r == 0) { /* the header's rule */
      for (size_t c = 0; c < g->cols; c++) {
        if (c > 0)
          aic_buf_put(b, "  ");
        for (size_t k = 0; k < w[c]; k++)
          aic_buf_put(b, "-");
      }
      aic_buf_put(b, "\n");
    }
  }
}

static void
render_markdown(const struct aic_grid *g, struct aic_buf *b)
{
  for (size_t r = 0; r < g->rows; r++) {
    aic_buf_put(b, "|");
    for (size_t c = 0; c < g->cols; c++) {
      aic_buf_put(b, " ");
      put_markdown(b, g->cells[r * g->cols + c]);
      aic_buf_put(b, " |");
    }
    aic_buf_put(b, "\n");
    if (r == 0) {
      aic_buf_put(b, "|");
      for (size_t c = 0; c < g->cols; c++)
        aic_buf_put(b, g->right[c] ? " ---: |" : " --- |");
      aic_buf_put(b, "\n");
    }
  }
}

void
aic_grid_render(const struct aic_grid *g, bool markdown, struct aic_buf *b)
{
  if (g == NULL || g->failed) {
    b->failed = true;
    return;
  }
  if (markdown)
    render_markdown(g, b);
  else
    render_plain(g, b);
}

void
aic_text_put(struct aic_buf *b, bool markdown, const char *s)
{
  if (markdown)
    put_markdown(b, s);
  else
    put_plain(b, s);
}

void
aic_text_heading(struct aic_buf *b, bool markdown, const char *s)
{
  aic_buf_put(b, markdown ? "**" : "");
  aic_text_put(b, markdown, s);
  aic_buf_put(b, markdown ? "**\n\n" : "\n\n");
}
