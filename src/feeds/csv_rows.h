/* RFC 4180 CSV, row by row, through libcsv (Debian's libcsv3): quoted
 * fields with commas, doubled quotes and line breaks, CRLF or LF, in strict
 * mode (a stray quote is an error). Each row arrives as fields, with the
 * number a spreadsheet would show (the header is row 1). */
#ifndef AICOST_FEEDS_CSV_ROWS_H
#define AICOST_FEEDS_CSV_ROWS_H

#include <stdbool.h>
#include <stddef.h>

/* Rows with more fields than this are read with `n` still counting all. */
#define CSV_FIELDS_MAX 32

struct csv_row {
  size_t number;                     /* 1-based; the header is row 1 */
  size_t n;                          /* fields in the row (may exceed CSV_FIELDS_MAX) */
  const char *field[CSV_FIELDS_MAX]; /* NUL-terminated; "" for an empty field */
  bool unterminated;                 /* the file ends inside this row: no line break after it */
};

/* Called once per row; a non-zero return stops the reading and is returned. */
typedef int csv_row_fn(const struct csv_row *row, void *ctx);

/* Reads `len` bytes. Returns 0, the callback's non-zero value, or -1 with
 * "row N: reason" in err (malformed quoting, out of memory). */
int csv_rows(const char *text, size_t len, csv_row_fn *fn, void *ctx, char *err, size_t cap);

#endif
