/* A small reader for the calibration CSVs (RFC 4180: a header row, fields
 * separated by commas, quoted when they hold a comma or a quote, quotes
 * doubled inside). The whole file is read into one buffer; fields point
 * into it. Test code: it aborts the test on a malformed file. */
#ifndef CAL_CSV_H
#define CAL_CSV_H

#include <stddef.h>

struct csv {
  char *text;   /* the file, unquoted in place */
  char ***rows; /* rows[r][c], r = 0 is the header */
  size_t n_rows;
  size_t n_cols;
};

/* Reads path; returns 0, or -1 with a message on stderr. */
int csv_read(struct csv *t, const char *path);
void csv_free(struct csv *t);
/* The column named `name`, or -1. */
int csv_col(const struct csv *t, const char *name);
/* Field of data row r (1-based, as rows[]) in column `name`; "" when the
 * column is unknown (a caller that needs it checks csv_col first). */
const char *csv_get(const struct csv *t, size_t r, const char *name);
/* The field as a number; NAN when empty. */
double csv_num(const struct csv *t, size_t r, const char *name);

#endif
