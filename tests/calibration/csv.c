#include "csv.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int
read_all(const char *path, char **out, size_t *len)
{
  FILE *f = fopen(path, "rb");
  long n;

  if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0) {
    if (f != NULL)
      fclose(f);
    return -1;
  }
  *out = malloc((size_t)n + 1);
  if (*out == NULL || fread(*out, 1, (size_t)n, f) != (size_t)n) {
    fclose(f);
    return -1;
  }
  fclose(f);
  (*out)[n] = '\0';
  *len = (size_t)n;
  return 0;
}

/* Splits in place: each field is terminated where its separator was, and
 * quoted fields are unquoted by moving the bytes down. */
int
csv_read(struct csv *t, const char *path)
{
  size_t len, cap = 0, i = 0;

  memset(t, 0, sizeof *t);
  if (read_all(path, &t->text, &len) != 0) {
    fprintf(stderr, "%s: cannot read\n", path);
    return -1;
  }
  while (i < len) {
    char **row = NULL;
    size_t nf = 0, fcap = 0;
    int end_of_row = 0;

    while (!end_of_row) {
      char *start = t->text + i, *w = start;

      if (i < len && t->text[i] == '"') {
        i++;
        for (;;) {
          if (i >= len) {
            fprintf(stderr, "%s: unterminated quote\n", path);
            return -1;
          }
          if (t->text[i] == '"' && i + 1 < len && t->text[i + 1] == '"') {
            *w++ = '"';
            i += 2;
          } else if (t->text[i] == '"') {
            i++;
            break;
          } else {
            *w++ = t->text[i++];
          }
        }
      } else {
        while (i < len && t->text[i] != ',' && t->text[i] != '\n')
          *w++ = t->text[i++];
      }
      end_of_row = i >= len || t->text[i] == '\n';
      i++; /* past the separator */
      *w = '\0';
      if (nf == fcap) {
        fcap = fcap ? 2 * fcap : 32;
        row = realloc(row, fcap * sizeof *row);
        if (row == NULL)
          return -1;
      }
      row[nf++] = start;
    }
    if (t->n_rows == 0)
      t->n_cols = nf;
    if (nf != t->n_cols) {
      fprintf(stderr, "%s: row %zu has %zu fields, the header %zu\n", path, t->n_rows + 1, nf,
              t->n_cols);
      free(row);
      return -1;
    }
    if (t->n_rows == cap) {
      cap = cap ? 2 * cap : 64;
      t->rows = realloc(t->rows, cap * sizeof *t->rows);
      if (t->rows == NULL)
        return -1;
    }
    t->rows[t->n_rows++] = row;
  }
  return t->n_rows > 0 ? 0 : -1;
}

void
csv_free(struct csv *t)
{
  for (size_t r = 0; r < t->n_rows; r++)
    free(t->rows[r]);
  free(t->rows);
  free(t->text);
  memset(t, 0, sizeof *t);
}

int
csv_col(const struct csv *t, const char *name)
{
  for (size_t c = 0; c < t->n_cols; c++)
    if (strcmp(t->rows[0][c], name) == 0)
      return (int)c;
  return -1;
}

const char *
csv_get(const struct csv *t, size_t r, const char *name)
{
  int c = csv_col(t, name);

  return c < 0 ? "" : t->rows[r][c];
}

double
csv_num(const struct csv *t, size_t r, const char *name)
{
  const char *s = csv_get(t, r, name);
  char *end;
  double v;

  if (*s == '\0')
    return (double)NAN;
  v = strtod(s, &end);
  return *end == '\0' ? v : (double)NAN;
}
