/* The table-driven field engine of the catalogue loader (see
 * catalogue_fields.h). Each setter checks one value and returns; the engine
 * adds where it is, so every message has the same "file:line:col" and
 * "key.path: reason" shape. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "aicost/catalogue.h"
#include "schema.h"

/* Edit distance for "did you mean" on misspelt keys; keys are short. */
static size_t
distance(const char *a, const char *b)
{
  size_t la = strlen(a), lb = strlen(b);
  size_t row[64], next[64];

  if (la >= 64 || lb >= 64)
    return (size_t)-1;
  for (size_t j = 0; j <= lb; j++)
    row[j] = j;
  for (size_t i = 1; i <= la; i++) {
    next[0] = i;
    for (size_t j = 1; j <= lb; j++) {
      size_t sub = row[j - 1] + (a[i - 1] != b[j - 1]);
      size_t del = row[j] + 1, ins = next[j - 1] + 1;

      next[j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
    }
    memcpy(row, next, (lb + 1) * sizeof *row);
  }
  return row[lb];
}

void
cfield_unknown_key(struct yreport *L, const struct cfield *fields, const struct ynode *key,
            const char *path)
{
  const char *best = NULL;
  size_t best_d = 4; /* suggest only close misspellings */
  char full[AIC_DIAG_DETAIL_MAX];

  for (const struct cfield *f = fields; f->key != NULL; f++) {
    size_t d = distance(key->text, f->key);

    if (d < best_d) {
      best_d = d;
      best = f->key;
    }
  }
  ypath_join(full, sizeof full, path, key->text);
  if (best != NULL)
    yreport_error(L, key, full, "unknown key; did you mean '%s'?", best);
  else
    yreport_error(L, key, full, "unknown key");
}

/* Reads a number and checks the rules; false (after reporting) when bad. */
static bool
read_number(struct yreport *L, const struct ynode *n, const char *path, unsigned rules, double *out)
{
  struct yvalue v;
  enum yscalar k = n->kind == YNODE_SCALAR ? yscalar_resolve(n, &v) : YSCALAR_STRING;
  char shown[64];

  if (n->kind != YNODE_SCALAR) {
    yreport_error(L, n, path, "expected a number, got %s", ynode_describe(n));
    return false;
  }
  if (k == YSCALAR_NONFINITE) {
    yreport_error(L, n, path, "must be a finite number");
    return false;
  }
  if (k != YSCALAR_INT && k != YSCALAR_FLOAT) {
    yscalar_quote(n, shown, sizeof shown);
    if (k == YSCALAR_STRING && !n->plain)
      yreport_error(L, n, path, "expected a number, got the quoted string %s", shown);
    else if (k == YSCALAR_STRING)
      yreport_error(L, n, path, "expected a number, got %s", shown);
    else
      yreport_error(L, n, path, "expected a number, got %s", ynode_describe(n));
    return false;
  }
  if (v.d < 0) {
    yreport_error(L, n, path, "must not be negative (got %g)", v.d);
    return false;
  }
  if ((rules & CR_POSITIVE) && v.d == 0) {
    yreport_error(L, n, path, "must be greater than 0");
    return false;
  }
  if ((rules & CR_FRACTION) && v.d > 1) {
    yreport_error(L, n, path, "must be at most 1 (got %g)", v.d);
    return false;
  }
  if ((rules & CR_AT_LEAST_1) && v.d < 1) {
    yreport_error(L, n, path, "must be at least 1 (got %g)", v.d);
    return false;
  }
  if ((rules & CR_WHOLE) && v.d != floor(v.d)) {
    yreport_error(L, n, path, "must be a whole number (got %g)", v.d);
    return false;
  }
  if (v.d > CF_MAX_NUMBER) {
    yreport_error(L, n, path, "is implausibly large (got %g; the limit is %g)", v.d,
                CF_MAX_NUMBER);
    return false;
  }
  *out = v.d;
  return true;
}

/* A string value: must be a string scalar (quoted or not); a plain `1.0`
 * is a number by the core schema and must be quoted to be a version. */
const char *
cfield_string(struct yreport *L, const struct ynode *n, const char *path)
{
  struct yvalue v;

  if (n->kind != YNODE_SCALAR || yscalar_resolve(n, &v) != YSCALAR_STRING) {
    if (n->kind == YNODE_SCALAR && n->plain && n->len > 0)
      yreport_error(L, n, path, "expected a string, got %s (quote it: \"%s\")",
                  ynode_describe(n), n->text);
    else
      yreport_error(L, n, path, "expected a string, got %s", ynode_describe(n));
    return NULL;
  }
  if (n->len == 0) {
    yreport_error(L, n, path, "must not be empty");
    return NULL;
  }
  return n->text;
}

static bool
is_date(const char *s)
{
  static const char shape[] = "dddd-dd-dd";
  int month, day;

  if (strlen(s) != sizeof shape - 1)
    return false;
  for (size_t i = 0; shape[i] != '\0'; i++)
    if (shape[i] == 'd' ? !(s[i] >= '0' && s[i] <= '9') : s[i] != shape[i])
      return false;
  month = (s[5] - '0') * 10 + (s[6] - '0');
  day = (s[8] - '0') * 10 + (s[9] - '0');
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

static void
read_peaks(struct yreport *L, const struct ynode *map, const char *path, double *peaks)
{
  size_t found = 0;

  if (map->kind != YNODE_MAP) {
    yreport_error(L, map, path, "expected a mapping of precision to TFLOP/s, got %s",
                ynode_describe(map));
    return;
  }
  for (size_t i = 0; i < map->n; i++) {
    const struct ynode *key = map->items[2 * i], *val = map->items[2 * i + 1];
    enum aic_precision p;
    char full[AIC_DIAG_DETAIL_MAX];

    if (ykey_check(L, key, path, "key"))
      continue;
    ypath_join(full, sizeof full, path, key->text);
    if (aic_precision_parse(key->text, &p) != 0) {
      yreport_error(L, key, full,
                    "unknown precision (one of fp32, tf32, bf16, fp16, fp8, int8, int4, fp4)");
      continue;
    }
    if (read_number(L, val, full, CR_POSITIVE, &peaks[p]))
      found++;
  }
  if (map->n == 0)
    yreport_error(L, map, path, "must name at least one precision");
  (void)found;
}

static void
read_prices(struct yreport *L, const struct ynode *map, const char *path, double *on_demand,
            double *reserved)
{
  if (map->kind != YNODE_MAP) {
    yreport_error(L, map, path, "expected a mapping with on_demand and reserved, got %s",
                ynode_describe(map));
    return;
  }
  for (size_t i = 0; i < map->n; i++) {
    const struct ynode *key = map->items[2 * i], *val = map->items[2 * i + 1];
    char full[AIC_DIAG_DETAIL_MAX];

    if (ykey_check(L, key, path, "key"))
      continue;
    ypath_join(full, sizeof full, path, key->text);
    if (strcmp(key->text, "on_demand") == 0)
      read_number(L, val, full, 0, on_demand);
    else if (strcmp(key->text, "reserved") == 0)
      read_number(L, val, full, 0, reserved);
    else
      yreport_error(L, key, full, "unknown key (expected on_demand or reserved)");
  }
}

static void
apply_one(struct yreport *L, const struct cfield *f, const struct ynode *val, const char *path,
          char *out)
{
  switch (f->kind) {
  case CF_STR: {
    const char *s = cfield_string(L, val, path);

    if (s != NULL)
      *(const char **)(void *)(out + f->off) = s;
    break;
  }
  case CF_DATE: {
    const char *s = cfield_string(L, val, path);

    if (s != NULL && !is_date(s))
      yreport_error(L, val, path, "expected a date as YYYY-MM-DD, got '%.40s'", s);
    else if (s != NULL)
      *(const char **)(void *)(out + f->off) = s;
    break;
  }
  case CF_NUM:
    read_number(L, val, path, f->rules, (double *)(void *)(out + f->off));
    break;
  case CF_PEAKS:
    read_peaks(L, val, path, (double *)(void *)(out + f->off));
    break;
  case CF_PRICES:
    read_prices(L, val, path, (double *)(void *)(out + f->off),
                (double *)(void *)(out + f->off2));
    break;
  case CF_LIST:
    if (val->kind != YNODE_SEQ)
      yreport_error(L, val, path, "expected a list, got %s", ynode_describe(val));
    break;
  case CF_PRECISION: {
    const char *s = cfield_string(L, val, path);
    enum aic_precision p;

    if (s != NULL && aic_precision_parse(s, &p) != 0)
      yreport_error(L, val, path,
                  "unknown precision '%.20s' (one of fp32, tf32, bf16, fp16, fp8, int8, int4, fp4)", s);
    else if (s != NULL)
      *(enum aic_precision *)(void *)(out + f->off) = p;
    break;
  }
  }
}

static void
set_absent(const struct cfield *fields, char *out)
{
  for (const struct cfield *f = fields; f->key != NULL; f++) {
    switch (f->kind) {
    case CF_NUM:
      *(double *)(void *)(out + f->off) = (double)NAN;
      break;
    case CF_PEAKS:
      for (int p = 0; p < AIC_PRECISION_COUNT; p++)
        ((double *)(void *)(out + f->off))[p] = (double)NAN;
      break;
    case CF_PRICES:
      *(double *)(void *)(out + f->off) = (double)NAN;
      *(double *)(void *)(out + f->off2) = (double)NAN;
      break;
    case CF_STR:
    case CF_DATE:
      *(const char **)(void *)(out + f->off) = NULL;
      break;
    case CF_PRECISION:
    case CF_LIST:
      break;
    }
  }
}

void
cfields_apply(struct yreport *L, const struct cfield *fields, const struct ynode *map,
              const char *path, void *out, const struct ynode **nodes)
{
  size_t nf = 0;
  bool seen[CF_ROWS_MAX] = { false };

  set_absent(fields, out);
  for (const struct cfield *f = fields; f->key != NULL; f++)
    nf++;
  if (map->kind != YNODE_MAP) {
    yreport_error(L, map, path, "expected a mapping, got %s", ynode_describe(map));
    return;
  }
  for (size_t i = 0; i < map->n; i++) {
    const struct ynode *key = map->items[2 * i], *val = map->items[2 * i + 1];
    char full[AIC_DIAG_DETAIL_MAX];
    size_t k;

    if (ykey_check(L, key, path, "key"))
      continue;
    for (k = 0; k < nf; k++)
      if (strcmp(fields[k].key, key->text) == 0)
        break;
    if (k == nf) {
      cfield_unknown_key(L, fields, key, path);
      continue;
    }
    seen[k] = true;
    if (nodes != NULL)
      nodes[k] = val;
    ypath_join(full, sizeof full, path, key->text);
    apply_one(L, &fields[k], val, full, out);
  }
  for (size_t k = 0; k < nf && k < CF_ROWS_MAX; k++) {
    char full[AIC_DIAG_DETAIL_MAX];

    if (fields[k].required && !seen[k]) {
      ypath_join(full, sizeof full, path, fields[k].key);
      yreport_error(L, map, full, "missing required key");
    }
  }
}
