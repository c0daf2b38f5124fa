/* The validation engine: one loop over a table of rows (see fields.h).
 * Setters describe what a row accepts; the engine adds the location. */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "aicost/catalogue.h"
#include "aicost/diag.h"
#include "aicost/util.h"
#include "schema.h"
#include "json_util.h"

/* Numbers in details: short ("1e12", "-0.99", "3650"), no "+" in exponents. */
static void
fmt_number(char *buf, size_t cap, double x, int digits)
{
  char tmp[48];
  size_t j = 0;

  snprintf(tmp, sizeof tmp, "%.*g", digits, x);
  for (size_t i = 0; tmp[i] && j + 1 < cap; i++) {
    if (tmp[i] == '+')
      continue;
    /* drop leading zeros of an exponent: 1e-07 -> 1e-7 */
    if (tmp[i] == '0' && j > 0 && (buf[j - 1] == 'e' || (buf[j - 1] == '-' && j > 1 && buf[j - 2] == 'e')))
      continue;
    buf[j++] = tmp[i];
  }
  buf[j] = '\0';
}

/* A user's number, echoed: the fewest digits that give it back exactly, but
 * at least 6 so that 800 stays 800 rather than 8e2. */
static void
fmt_given(char *buf, size_t cap, double x)
{
  int p = 1;
  char tmp[48];

  for (; p < 17; p++) {
    snprintf(tmp, sizeof tmp, "%.*g", p, x);
    if (strtod(tmp, NULL) == x)
      break;
  }
  fmt_number(buf, cap, x, p < 6 ? 6 : p);
}

static void
bounds_phrase(const struct aic_field *row, char *buf, size_t cap)
{
  char lo[32], hi[32];
  bool has_lo = isfinite(row->min), has_hi = isfinite(row->max);

  fmt_number(lo, sizeof lo, row->min, 6);
  fmt_number(hi, sizeof hi, row->max, 6);
  if (has_lo && has_hi && row->gt)
    snprintf(buf, cap, " > %s and ≤ %s", lo, hi);
  else if (has_lo && has_hi)
    snprintf(buf, cap, " between %s and %s", lo, hi);
  else if (has_lo)
    snprintf(buf, cap, " %s %s", row->gt ? ">" : "≥", lo);
  else if (has_hi)
    snprintf(buf, cap, " ≤ %s", hi);
  else
    buf[0] = '\0';
}

void
aic_field_expectation(const struct aic_field *row, char *buf, size_t cap)
{
  char b[96];
  size_t used;

  switch (row->kind) {
  case AIC_K_REAL:
  case AIC_K_INT:
    bounds_phrase(row, b, sizeof b);
    snprintf(buf, cap, "%s%s",
             row->kind == AIC_K_INT ? "an integer" : row->integral ? "a whole number" : "a number",
             b);
    return;
  case AIC_K_BOOL:
    snprintf(buf, cap, "true or false");
    return;
  case AIC_K_STRING:
    if (row->max > 0)
      snprintf(buf, cap, "a string of at most %.0f characters", row->max);
    else
      snprintf(buf, cap, "a string");
    return;
  case AIC_K_ENUM:
    snprintf(buf, cap, "one of ");
    used = strlen(buf);
    for (const struct aic_enum_name *n = row->names; n && n->name && used + 1 < cap; n++) {
      snprintf(buf + used, cap - used, "%s%s", n == row->names ? "" : ", ", n->name);
      used = strlen(buf);
    }
    return;
  case AIC_K_OBJECT:
    snprintf(buf, cap, "an object");
    return;
  case AIC_K_CUSTOM:
    snprintf(buf, cap, "a valid value");
    return;
  }
  snprintf(buf, cap, "a valid value");
}

bool
aic_json_has(const json_t *obj, const char *name)
{
  const json_t *v = json_object_get(obj, name);

  return v && !json_is_null(v);
}

void
aic_where_init(struct aic_where *w, struct aic_where *parent, const char *base, const char *key)
{
  w->pointer = NULL;
  w->parent = parent;
  w->base = base;
  w->key = key;
}

const char *
aic_where_pointer(struct aic_where *w)
{
  if (w->pointer == NULL) {
    aic_pointer_join(w->buf, sizeof w->buf, w->parent ? aic_where_pointer(w->parent) : w->base,
                     w->key);
    w->pointer = w->buf;
  }
  return w->pointer;
}

static int
fail(struct aic_diags *d, struct aic_where *w, const struct aic_field *row, const char *got)
{
  char want[200];

  aic_field_expectation(row, want, sizeof want);
  aic_diag_add(d, aic_where_pointer(w), "must be %s (got %s)", want, got);
  return AIC_E_INVALID;
}

static int
read_number(const struct aic_field *row, const json_t *v, struct aic_where *w, void *dst,
            struct aic_diags *d)
{
  double x;
  char got[40];
  bool in_range;

  if (!json_is_number(v))
    return fail(d, w, row, aic_json_type_phrase(v));
  x = json_number_value(v);
  if (!isfinite(x)) {
    aic_diag_add(d, aic_where_pointer(w), "must be a finite number");
    return AIC_E_INVALID;
  }
  in_range = (row->gt ? x > row->min : x >= row->min) && x <= row->max;
  if (!in_range || ((row->kind == AIC_K_INT || row->integral) && x != floor(x))) {
    /* echoed only in a failure: the shortest round trip costs up to 17
     * snprintf + strtod, too much for every valid number of every request */
    fmt_given(got, sizeof got, x);
    return fail(d, w, row, got);
  }
  if (row->kind == AIC_K_INT) {
    int i = (int)x; /* in range: the bounds of an INT row fit an int */
    memcpy(dst, &i, sizeof i);
  } else {
    memcpy(dst, &x, sizeof x);
  }
  return 0;
}

static int
read_enum(const struct aic_field *row, const json_t *v, struct aic_where *w, void *dst,
          struct aic_diags *d)
{
  char got[64];

  if (!json_is_string(v))
    return fail(d, w, row, aic_json_type_phrase(v));
  for (const struct aic_enum_name *n = row->names; n->name; n++) {
    if (strcmp(n->name, json_string_value(v)) == 0) {
      memcpy(dst, &n->value, sizeof n->value);
      return 0;
    }
  }
  aic_quote_short(got, sizeof got, json_string_value(v));
  return fail(d, w, row, got);
}

static int
read_value(const struct aic_field *row, const json_t *v, struct aic_where *w, void *out, void *ctx,
           struct aic_diags *d)
{
  char *dst = (char *)out + row->offset;
  char got[32];
  union {
    double x;
    int i;
    bool b;
    const char *s;
  } discard;

  if (row->has_flag)
    *(bool *)((char *)out + row->flag_offset) = true;
  if (row->validate_only)
    dst = (char *)&discard; /* scalar kinds only: a throwaway slot of any of their sizes */
  switch (row->kind) {
  case AIC_K_REAL:
  case AIC_K_INT:
    return read_number(row, v, w, dst, d);
  case AIC_K_BOOL:
    if (!json_is_boolean(v))
      return fail(d, w, row, aic_json_type_phrase(v));
    *(bool *)dst = json_is_true(v);
    return 0;
  case AIC_K_STRING: {
    const char *s = json_string_value(v);

    if (!s)
      return fail(d, w, row, aic_json_type_phrase(v));
    if (row->max > 0 && (double)aic_utf8_length(s) > row->max) {
      snprintf(got, sizeof got, "%zu characters", aic_utf8_length(s));
      return fail(d, w, row, got);
    }
    memcpy(dst, &s, sizeof s);
    return 0;
  }
  case AIC_K_ENUM:
    return read_enum(row, v, w, dst, d);
  case AIC_K_OBJECT:
    if (!json_is_object(v))
      return fail(d, w, row, aic_json_type_phrase(v));
    return aic_fields_apply_at(row->sub, v, w, dst, ctx, d);
  case AIC_K_CUSTOM:
    return row->custom(row, v, w, out, ctx, d);
  }
  return AIC_E_INTERNAL;
}

int
aic_field_read(const struct aic_field *row, const json_t *v, const char *pointer, void *out,
               void *ctx, struct aic_diags *d)
{
  struct aic_where w;

  aic_where_init(&w, NULL, NULL, NULL);
  w.pointer = pointer != NULL ? pointer : "";
  return read_value(row, v, &w, out, ctx, d);
}

const char *
aic_fields_suggest(const struct aic_field *spec, const char *name)
{
  const char *best = NULL;
  size_t best_d = (size_t)-1;

  for (const struct aic_field *r = spec; r->name; r++) {
    size_t len = strlen(r->name);
    /* A typo is a small edit relative to the word: 1 for short names, up to 3. */
    size_t cap = len <= 4 ? 1 : len <= 8 ? 2 : 3;
    size_t dist = aic_edit_distance(name, r->name, cap);

    if (dist <= cap && dist < best_d) {
      best = r->name;
      best_d = dist;
    }
  }
  if (best)
    return best;
  /* A shortened name ("horizon" for "horizon_days") is a typo too. */
  for (const struct aic_field *r = spec; r->name; r++) {
    size_t n = strlen(name);

    if (n >= 4 && strlen(r->name) > n && strncasecmp(r->name, name, n) == 0)
      return r->name;
  }
  return NULL;
}

static const struct aic_field *
find_row(const struct aic_field *spec, const char *name)
{
  for (const struct aic_field *r = spec; r->name; r++)
    if (r->name[0] == name[0] && strcmp(r->name, name) == 0)
      return r;
  return NULL;
}

/* Tables longer than this are read row by row with json_object_get. */
#define ROWS_MAX 32

/* The object's location (and a nested object's) is built only when a
 * message needs it. */
int
aic_fields_apply_at(const struct aic_field *spec, const json_t *obj, struct aic_where *at,
                    void *out, void *ctx, struct aic_diags *d)
{
  const json_t *member[ROWS_MAX];
  size_t rows = 0, unknown = 0, found = 0;
  bool bad = false;
  const char *key;
  json_t *v;

  if (!json_is_object(obj)) {
    aic_diag_add(d, aic_where_pointer(at), "must be an object (got %s)", aic_json_type_phrase(obj));
    return AIC_E_INVALID;
  }
  while (spec[rows].name != NULL)
    rows++;
  /* One pass over the members (a request gives a few of a table's rows)
   * rather than a hashed lookup per row; the names of a table are
   * distinct, and so are an object's keys. */
  if (rows <= ROWS_MAX) {
    memset(member, 0, rows * sizeof member[0]);
    json_object_foreach((json_t *)obj, key, v) {
      const struct aic_field *r = find_row(spec, key);

      if (r != NULL)
        member[r - spec] = v;
      else
        unknown++;
    }
  }
  for (size_t i = 0; i < rows; i++) {
    const struct aic_field *r = &spec[i];
    const json_t *m = rows <= ROWS_MAX ? member[i] : json_object_get(obj, r->name);
    struct aic_where w;
    int rc;

    if (rows > ROWS_MAX && m != NULL)
      found++;
    aic_where_init(&w, at, NULL, r->name);
    if (!m || json_is_null(m)) {
      if (r->required) {
        char want[200];

        aic_field_expectation(r, want, sizeof want);
        if (r->kind == AIC_K_OBJECT || r->kind == AIC_K_CUSTOM)
          aic_diag_add(d, aic_where_pointer(&w), "is required");
        else
          aic_diag_add(d, aic_where_pointer(&w), "is required (%s)", want);
        bad = true;
      }
      continue;
    }
    rc = read_value(r, m, &w, out, ctx, d);
    if (rc < 0)
      return rc;
    if (rc != 0)
      bad = true;
  }
  if (rows > ROWS_MAX)
    unknown = json_object_size(obj) - found;
  if (unknown == 0)
    return bad ? AIC_E_INVALID : 0;
  json_object_foreach((json_t *)obj, key, v) {
    struct aic_where w;
    const char *ptr;
    const char *hint;

    (void)v;
    if (find_row(spec, key))
      continue;
    aic_where_init(&w, at, NULL, key);
    ptr = aic_where_pointer(&w);
    /* Once the list is full only the count matters: skip the search. */
    hint = d->n < AIC_DIAG_MAX ? aic_fields_suggest(spec, key) : NULL;
    if (hint)
      aic_diag_add(d, ptr, "unknown field; did you mean '%s'?", hint);
    else
      aic_diag_add(d, ptr, "unknown field");
    bad = true;
  }
  return bad ? AIC_E_INVALID : 0;
}

int
aic_fields_apply(const struct aic_field *spec, const json_t *obj, const char *base, void *out,
                 void *ctx, struct aic_diags *d)
{
  struct aic_where at;

  aic_where_init(&at, NULL, NULL, NULL);
  at.pointer = base != NULL ? base : ""; /* as aic_pointer_join reads a NULL base */
  return aic_fields_apply_at(spec, obj, &at, out, ctx, d);
}
