/* Declarative validation of JSON objects: a table of rows, one per member,
 * applied by one engine (aic_fields_apply). The engine reports EVERY problem
 * as {pointer, detail}: wrong type, out of range, non-finite, missing
 * required member, unknown member (with "did you mean" for near typos).
 * Rows write what they read into a struct at `offset`; absent members are
 * left as the caller initialised them (NAN for optional doubles).
 * JSON null counts as absent, so a form that sends null gets the default.
 * (src/schema: see schema.h.) */
#ifndef AICOST_SCHEMA_FIELDS_H
#define AICOST_SCHEMA_FIELDS_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "aicost/diag.h"

enum aic_field_kind {
  AIC_K_REAL,   /* double within [min, max] (min excluded with .gt); .integral for counts */
  AIC_K_INT,    /* int: a whole number within [min, max] */
  AIC_K_BOOL,   /* bool: true or false */
  AIC_K_STRING, /* const char * into the document; at most .max characters (0: no limit) */
  AIC_K_ENUM,   /* an int-sized enum, from the names in .names */
  AIC_K_OBJECT, /* nested object checked against .sub, written at out + offset */
  AIC_K_CUSTOM, /* .custom decides (e.g. a catalogue id or an inline object) */
};

struct aic_enum_name {
  const char *name;
  int value;
};

struct aic_field;

struct aic_where;

/* A custom row's reader: `v` is the member (never NULL or null), `at` its
 * location (aic_where_pointer gives its JSON Pointer), `out` the struct the
 * table writes into (not out + offset, so that it can also set flags),
 * `ctx` the caller's context. Adds its own diags; returns 0 or
 * AIC_E_INVALID (or < 0). */
typedef int aic_field_custom_fn(const struct aic_field *row, const json_t *v,
                                struct aic_where *at, void *out, void *ctx, struct aic_diags *d);

struct aic_field {
  const char *name; /* NULL ends a table; the names of a table are distinct */
  enum aic_field_kind kind;
  size_t offset;
  double min, max;  /* REAL/INT bounds, always given (use +-INFINITY for none); STRING: max length */
  bool gt;          /* min is excluded: "> 0" */
  bool integral;    /* REAL: must be a whole number (counts of GPUs, pairs, ...) */
  bool required;
  bool validate_only; /* checked, not stored (a scenario's description) */
  bool has_flag;    /* when present, set the bool at flag_offset to true */
  size_t flag_offset;
  const struct aic_enum_name *names; /* ENUM: ends with {NULL, 0} */
  const struct aic_field *sub;       /* OBJECT */
  aic_field_custom_fn *custom;       /* CUSTOM */
};

/* A JSON Pointer built on first use, from its parent's (or `base`) and a
 * key: most members of a request are valid, and their pointers would only
 * be built to go unread. */
struct aic_where {
  const char *pointer;      /* NULL until built (or set by the caller) */
  struct aic_where *parent; /* NULL: `base` is the parent's pointer */
  const char *base;
  const char *key;
  char buf[AIC_DIAG_POINTER_MAX];
};

void aic_where_init(struct aic_where *w, struct aic_where *parent, const char *base,
                    const char *key);
/* The pointer, joined (RFC 6901 escapes) the first time it is asked for. */
const char *aic_where_pointer(struct aic_where *w);

/* Applies `spec` to `obj`, whose pointer is `base` ("" for the root).
 * Returns 0, AIC_E_INVALID when it added at least one problem, or < 0. */
int aic_fields_apply(const struct aic_field *spec, const json_t *obj, const char *base, void *out,
                     void *ctx, struct aic_diags *d);
/* The same at a location built only if a message needs it (a custom row's
 * reader passes its `at` on). */
int aic_fields_apply_at(const struct aic_field *spec, const json_t *obj, struct aic_where *at,
                        void *out, void *ctx, struct aic_diags *d);

/* Checks one value against one row and writes it; the engine's per-member
 * step, public so that custom readers can reuse it. */
int aic_field_read(const struct aic_field *row, const json_t *v, const char *pointer, void *out,
                   void *ctx, struct aic_diags *d);

/* "a number ≥ 0", "an integer between 1 and 3650", "one of day, week, month":
 * what a row accepts, for details such as "must be a number ≥ 0". */
void aic_field_expectation(const struct aic_field *row, char *buf, size_t cap);

/* The name in `spec` nearest to `name` (the core's aic_edit_distance, small
 * enough to be a typo), else a name that `name` abbreviates ("horizon" ->
 * "horizon_days"), or NULL. */
const char *aic_fields_suggest(const struct aic_field *spec, const char *name);

/* Whether `name` is a member of `obj` with a non-null value. */
bool aic_json_has(const json_t *obj, const char *name);

#endif
