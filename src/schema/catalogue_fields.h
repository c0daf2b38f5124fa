/* The field engine of the catalogue loader: each entry kind (GPU, model,
 * API price, defaults) is a table of rows {key, kind, offset, rules}, applied
 * to a YAML mapping by one function that reports every problem with its
 * position and key path and never stops at the first (src/schema: see
 * schema.h). */
#ifndef AICOST_SCHEMA_CATALOGUE_FIELDS_H
#define AICOST_SCHEMA_CATALOGUE_FIELDS_H

#include <stdbool.h>
#include <stddef.h>

#include "aicost/diag.h"
#include "yaml_tree.h"

enum cfield_kind {
  CF_STR,       /* non-empty string */
  CF_DATE,      /* "YYYY-MM-DD" */
  CF_NUM,       /* finite number, >= 0, plus the rules below */
  CF_PEAKS,     /* map precision -> TFLOP/s into double[AIC_PRECISION_COUNT] */
  CF_PRICES,    /* map {on_demand, reserved} into two doubles at off, off2 */
  CF_PRECISION, /* a precision name into enum aic_precision */
  CF_LIST,      /* a list, left to the caller to read from `nodes` (GPU offers) */
};

enum {
  CR_POSITIVE = 1 << 0, /* > 0 */
  CR_FRACTION = 1 << 1, /* <= 1 */
  CR_AT_LEAST_1 = 1 << 2,
  CR_WHOLE = 1 << 3,
};

/* The most rows a table may have, its closing row included: the size of
 * the `nodes` arrays cfields_apply fills (each table asserts it fits). */
#define CF_ROWS_MAX 16

/* Numbers above this are rejected as implausible: they would only overflow
 * the cost arithmetic downstream. */
#define CF_MAX_NUMBER 1e15

struct cfield {
  const char *key;
  enum cfield_kind kind;
  size_t off;
  size_t off2; /* CF_PRICES: offset of the reserved price */
  bool required;
  unsigned rules;
};

/* Applies `fields` (ended by a row with key NULL) to the mapping `map` at
 * `path`, writing into `out`. Numbers default to NAN and strings to NULL
 * before anything is read. `nodes`, when not NULL, receives the value node
 * of each field (same index as the table) for later cross-checks; tables
 * have at most CF_ROWS_MAX rows. */
void cfields_apply(struct yreport *L, const struct cfield *fields, const struct ynode *map,
                   const char *path, void *out, const struct ynode **nodes);

/* A string value at `path`, or NULL after reporting why not. */
const char *cfield_string(struct yreport *L, const struct ynode *n, const char *path);

/* "path.key: unknown key; did you mean '...'?" using the keys of `fields`. */
void cfield_unknown_key(struct yreport *L, const struct cfield *fields, const struct ynode *key,
                        const char *path);

#endif
