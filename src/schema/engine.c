/* The engine: one loop over a table's rows for one object (schema.h). Each
 * member is read by its row (read.c), missing required ones and unknown
 * ones are reported, then the rules across members (rules.c) and the
 * table's own check. Problems are collected, never fatal: the caller gets
 * every one of them. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"

void
aic_run_init(struct aic_run *run, struct aic_diags *d, void *ctx)
{
  memset(run, 0, sizeof *run);
  run->d = d;
  run->ctx = ctx;
}

const struct aic_field *
aic_row_named(const struct aic_field *rows, const char *name)
{
  for (const struct aic_field *r = rows; r->name != NULL; r++)
    if (r->name[0] == name[0] && strcmp(r->name, name) == 0)
      return r;
  return NULL;
}

const json_t *
aic_given(const struct members *m, const char *name)
{
  const json_t *v;

  if (m->n_rows > ROWS_MAX) {
    v = json_object_get(m->obj, name);
  } else {
    const struct aic_field *r = aic_row_named(m->rows, name);

    v = r != NULL ? m->member[r - m->rows] : NULL;
  }
  return v != NULL && !json_is_null(v) ? v : NULL;
}

static void
blank_rows(const struct aic_field *rows, char *base)
{
  for (const struct aic_field *r = rows; r->name != NULL; r++) {
    double *slot = (double *)(void *)(base + r->offset);

    if (r->kind == AIC_K_REAL) {
      *slot = (double)NAN;
    } else if (r->kind == AIC_K_RANGE) {
      double *range = (double *)(void *)(base + r->range_offset);

      *slot = range[0] = range[1] = (double)NAN;
    } else if (r->kind == AIC_K_NUMBERS) {
      for (const struct aic_enum_name *n = r->names->v; n->name != NULL; n++)
        slot[n->value] = (double)NAN;
    } else if (r->kind == AIC_K_OBJECT) {
      /* a nested object of the same struct (a GPU's prices) */
      if (r->sub->init != NULL)
        r->sub->init(base + r->offset);
      else
        blank_rows(r->sub->rows, base + r->offset);
    }
  }
}

void
aic_table_blank(const struct aic_table *t, void *out)
{
  if (t->init != NULL) {
    t->init(out);
    return;
  }
  memset(out, 0, t->size);
  blank_rows(t->rows, out);
}

int
aic_apply_fresh(struct aic_run *run, const struct aic_table *t, const json_t *obj,
                struct aic_where *at, void *out, bool partial)
{
  aic_table_blank(t, out);
  return aic_apply(run, t, obj, at, out, partial);
}

/* One pass over the members (an object gives a few of a table's rows)
 * rather than a hashed lookup per row; the names of a table are distinct,
 * and so are an object's keys. Returns how many members no row has. */
static size_t
scan(struct members *m, const struct aic_table *t, const json_t *obj)
{
  size_t unknown = 0;
  const char *key;
  json_t *v;

  m->obj = obj;
  m->rows = t->rows;
  m->n_rows = 0;
  while (t->rows[m->n_rows].name != NULL)
    m->n_rows++;
  if (m->n_rows > ROWS_MAX)
    return 0; /* counted after the rows, from the ones found */
  memset(m->member, 0, m->n_rows * sizeof m->member[0]);
  json_object_foreach((json_t *)obj, key, v)
  {
    const struct aic_field *r = aic_row_named(t->rows, key);

    if (r != NULL && !r->output_only)
      m->member[r - t->rows] = v;
    else
      unknown++;
  }
  return unknown;
}

static void
report_unknown(struct aic_run *run, const struct aic_table *t, const json_t *obj,
               struct aic_where *at)
{
  const char *key;
  json_t *v;

  json_object_foreach((json_t *)obj, key, v)
  {
    const struct aic_field *r = aic_row_named(t->rows, key);
    struct aic_where w;

    (void)v;
    if (r != NULL && !r->output_only)
      continue;
    aic_where_init(&w, at, NULL, key);
    aic_say_unknown(run, &w, t->rows, key);
  }
}

int
aic_apply(struct aic_run *run, const struct aic_table *t, const json_t *obj, struct aic_where *at,
          void *out, bool partial)
{
  struct members m;
  size_t unknown, found = 0;
  bool bad = false;
  int rc;

  if (obj == NULL && run->yaml != NULL) {
    aic_say_empty_document(run, at, t);
    return AIC_E_INVALID;
  }
  if (!json_is_object(obj)) {
    aic_say_not_object(run, at, obj);
    return AIC_E_INVALID;
  }
  if (run->yaml != NULL)
    bad = aic_say_yaml_keys(run, at, "key");
  unknown = scan(&m, t, obj);
  for (size_t i = 0; i < m.n_rows; i++) {
    const struct aic_field *r = &t->rows[i];
    const json_t *v = m.n_rows <= ROWS_MAX ? m.member[i] : json_object_get(obj, r->name);
    struct aic_where w;

    if (r->output_only)
      continue;
    if (m.n_rows > ROWS_MAX && v != NULL)
      found++;
    aic_where_init(&w, at, NULL, r->name);
    if (v != NULL && json_is_null(v) && run->yaml != NULL && aic_null_was_nonfinite(run, &w)) {
      bad = true;
      continue;
    }
    if (v == NULL || json_is_null(v)) {
      if (r->required && !partial) {
        aic_say_required(run, &w, r);
        bad = true;
      }
      continue;
    }
    rc = aic_read(run, r, v, &w, out, partial);
    if (rc < 0)
      return rc;
    bad = bad || rc != 0;
  }
  if (m.n_rows > ROWS_MAX)
    unknown = json_object_size(obj) - found;
  if (unknown > 0) {
    report_unknown(run, t, obj, at);
    bad = true;
  }
  if (t->rules != NULL) {
    rc = aic_rules_check(run, t, &m, at, out);
    if (rc < 0)
      return rc;
    bad = bad || rc != 0;
  }
  if (t->check != NULL) {
    rc = t->check(obj, at, out, run);
    if (rc < 0)
      return rc;
    bad = bad || rc != 0;
  }
  return bad ? AIC_E_INVALID : 0;
}

int
aic_table_apply(const struct aic_table *t, const json_t *obj, const char *base, void *out,
                struct aic_run *run)
{
  struct aic_where at;

  aic_where_init(&at, NULL, NULL, NULL);
  at.pointer = base != NULL ? base : ""; /* as aic_pointer_join reads a NULL base */
  return aic_apply(run, t, obj, &at, out, false);
}
