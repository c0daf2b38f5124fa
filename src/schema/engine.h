/* Private to src/schema: what the engine's files share (schema.h says which
 * file does what). */
#ifndef AICOST_SCHEMA_ENGINE_H
#define AICOST_SCHEMA_ENGINE_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "schema.h"
#include "yaml_tree.h"

/* The members of one object against its table's rows, found in one pass:
 * member[i] is the value of rows[i] (NULL when absent). Tables longer than
 * ROWS_MAX are read row by row with json_object_get instead. */
#define ROWS_MAX 32
struct members {
  const json_t *obj;
  const struct aic_field *rows;
  size_t n_rows;
  const json_t *member[ROWS_MAX];
};

/* engine.c */
int aic_apply(struct aic_run *run, const struct aic_table *t, const json_t *obj,
              struct aic_where *at, void *out, bool partial);
/* t->init, or blank per rows, then aic_apply: a fresh item of t. */
int aic_apply_fresh(struct aic_run *run, const struct aic_table *t, const json_t *obj,
                    struct aic_where *at, void *out, bool partial);
const struct aic_field *aic_row_named(const struct aic_field *rows, const char *name);
/* The member of `m` for the row called `name` (NULL when absent or null). */
const json_t *aic_given(const struct members *m, const char *name);

/* read.c: one member (never NULL or null) by its row. */
int aic_read(struct aic_run *run, const struct aic_field *row, const json_t *v,
             struct aic_where *at, void *out, bool partial);
bool aic_is_date(const char *s, size_t len);
/* A null member of a YAML run may stand for .inf or .nan, which JSON cannot
 * hold: then it is reported (true), else it is absent. */
bool aic_null_was_nonfinite(struct aic_run *run, struct aic_where *at);

/* rules.c */
int aic_rules_check(struct aic_run *run, const struct aic_table *t, const struct members *m,
                    struct aic_where *at, const void *out);

/* where.c: a problem at `at` (the member's key with at_key, else its
 * value; a missing member's at its parent), as JSON Pointer or YAML
 * position. */
void aic_emit(struct aic_run *run, struct aic_where *at, bool at_key, const char *reason);
void aic_emitf(struct aic_run *run, struct aic_where *at, bool at_key, const char *fmt, ...)
  __attribute__((format(printf, 4, 5)));
/* YAML only: a problem at `node` with the key path of `at` (a key that
 * has no pointer of its own: a repeated or non-string one). */
void aic_emit_node(struct aic_run *run, struct aic_where *at, const struct ynode *node,
                   const char *reason);
/* The YAML node of `at` when the run reads YAML and the node exists. */
const struct ynode *aic_node_at(struct aic_run *run, struct aic_where *at);

/* suggest.c: "did you mean": the nearest row name or enum name, or NULL. */
const char *aic_suggest_row(const struct aic_field *rows, const char *name);
const char *aic_suggest_name(const struct aic_names *names, const char *name);

/* words.c: each problem in the run's voice (JSON or YAML). */
void aic_say_type(struct aic_run *run, struct aic_where *at, const struct aic_field *row,
                  const json_t *v);
void aic_say_not_object(struct aic_run *run, struct aic_where *at, const json_t *v);
void aic_say_empty_document(struct aic_run *run, struct aic_where *at, const struct aic_table *t);
void aic_say_nonfinite(struct aic_run *run, struct aic_where *at);
void aic_say_range(struct aic_run *run, struct aic_where *at, const struct aic_field *row,
                   double x);
void aic_say_length(struct aic_run *run, struct aic_where *at, const struct aic_field *row,
                    size_t chars);
void aic_say_empty(struct aic_run *run, struct aic_where *at);
void aic_say_pattern(struct aic_run *run, struct aic_where *at, const struct aic_pattern *p,
                     const char *s);
void aic_say_bad_id(struct aic_run *run, struct aic_where *at, const struct aic_pattern *p);
void aic_say_date(struct aic_run *run, struct aic_where *at, const char *s);
void aic_say_enum(struct aic_run *run, struct aic_where *at, const struct aic_names *names,
                  const json_t *v);
void aic_say_required(struct aic_run *run, struct aic_where *at, const struct aic_field *row);
void aic_say_unknown(struct aic_run *run, struct aic_where *at, const struct aic_field *rows,
                     const char *key);
void aic_say_unknown_name(struct aic_run *run, struct aic_where *at, const struct aic_names *names,
                          const char *key);
void aic_say_listed_twice(struct aic_run *run, struct aic_where *at);
void aic_say_count(struct aic_run *run, struct aic_where *at, const struct aic_field *row,
                   size_t n);
void aic_say_not_above(struct aic_run *run, struct aic_where *at, const char *limit, double x);
/* YAML only: the keys of the mapping at `at` that JSON could not hold
 * (repeated, or not strings); `word` names them ("key", "id"). True when
 * there was one. */
bool aic_say_yaml_keys(struct aic_run *run, struct aic_where *at, const char *word);

#endif
