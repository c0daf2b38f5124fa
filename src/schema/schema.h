/* src/schema: what a valid document holds, as tables of rows (table.h)
 * applied by one engine that reports every problem at once, never just the
 * first: wrong type, out of range, non-finite, not one of the names, a bad
 * id or date, a missing required member, an unknown member (with "did you
 * mean"), a rule across members broken.
 *
 *   engine.c     objects: rows, unknown members, rules, a table's check
 *   read.c       one member by its row's kind
 *   rules.c      the rules across members (table.h, struct aic_rule)
 *   words.c      what each problem says, in two voices (below)
 *   where.c      where a problem is: a JSON Pointer, or file:line:col
 *   suggest.c    "did you mean" (the core's aic_edit_distance)
 *   to_json.c    a struct back out as JSON, by its table
 *   json_schema.c  a table as JSON Schema (draft 2020-12)
 *   lint.c       a table's own consistency, for tests
 *   bounds.h     the bounds that several tables share
 *
 * One engine, two kinds of source. A JSON body: problems are {JSON Pointer,
 * detail} ("/traffic/requests_per_day", "must be a number between 0 and
 * 1000000000000 (got -1)"). A YAML file (src/yaml turned it into JSON and
 * kept its tree): the engine finds each problem's node by its pointer and
 * reports "file:line:col" with "key.path: reason", in the words YAML users
 * know ("missing required key", "expected a number, got the quoted string
 * '80'"); it also reports what the JSON cannot show: duplicate and
 * non-string keys, .inf and .nan. Numbers in messages are printed as JSON
 * prints them (src/json's aic_num_format).
 *
 * The tables live with their documents: the catalogue's entities in
 * src/catalogue (catalogue_tables.h), the scenario's in src/scenarios. What
 * may live here: the engine, the table language and what every table
 * shares. What may not: a document's own tables or rules, I/O, JSON or YAML
 * syntax. Depends on src/json, src/yaml and the core's headers. Tests:
 * tests/unit/schema, and every folder of invalid input in tests/data. */
#ifndef AICOST_SCHEMA_SCHEMA_H
#define AICOST_SCHEMA_SCHEMA_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "aicost/diag.h"
#include "aicost/yaml.h"
#include "table.h"

/* Where a member is: a JSON Pointer built on first use, from its parent's
 * (or `base`) and a key. Most members are valid, and their pointers would
 * only be built to go unread. */
struct aic_where {
  const char *pointer;      /* NULL until built (or set by the caller) */
  struct aic_where *parent; /* NULL: `base` is the parent's pointer */
  const char *base;
  const char *key;
  unsigned depth; /* 0 for the document (or the object applied to) */
  char buf[AIC_DIAG_POINTER_MAX];
};

void aic_where_init(struct aic_where *w, struct aic_where *parent, const char *base,
                    const char *key);
/* The pointer, joined (RFC 6901 escapes) the first time it is asked for. */
const char *aic_where_pointer(struct aic_where *w);

/* One reading of a document. */
struct aic_run {
  struct aic_diags *d;
  void *ctx; /* the caller's, for resolvers and checks (scenarios: the catalogue) */
  const struct aic_yaml *yaml; /* the YAML file the document came from, or NULL */
  /* ARRAY and MAP items; NULL: malloc, and the caller frees what was stored */
  void *(*alloc)(void *arena, size_t size);
  void *arena;
};

void aic_run_init(struct aic_run *run, struct aic_diags *d, void *ctx);

/* Reads `obj` (at pointer `base`, "" for the document) into `out`, which the
 * caller has initialised: members left out keep their values. Every
 * problem goes to run->d. Returns 0, AIC_E_INVALID when it reported at least
 * one problem, or < 0 (AIC_E_NOMEM). A YAML run passes the document's JSON
 * (NULL for an empty file, which is then the problem). */
int aic_table_apply(const struct aic_table *t, const json_t *obj, const char *base, void *out,
                    struct aic_run *run);

/* `out` as a table's items start: table->init, else every REAL and NUMBERS
 * slot NAN and everything else zero. */
void aic_table_blank(const struct aic_table *t, void *out);

/* A problem in the caller's words at `at` (resolvers, checks): a JSON
 * Pointer, or in a YAML run "file:line:col" and "key.path: " before it. */
void aic_report(struct aic_run *run, struct aic_where *at, const char *fmt, ...)
  __attribute__((format(printf, 3, 4)));
/* The same at a pointer given as text (the core's problems about a
 * document read from YAML). */
void aic_report_pointer(struct aic_run *run, const char *pointer, const char *detail);

/* A table's own consistency, and its sub-tables': every number row has a
 * range, every rule names members the table has, every array a limit, one
 * $defs name stands for one thing. AIC_OK, or AIC_E_INTERNAL with each
 * flaw in `d` ("Table.row", reason). For the tests of every document. */
int aic_table_lint(const struct aic_table *t, struct aic_diags *d);

/* ---- out: a struct as JSON, a table as JSON Schema ---- */

/* `in` as a JSON object by `t`'s rows (output_only rows included,
 * validate_only rows not): absent numbers and strings are null, NUMBERS
 * list every name. NULL only when out of memory. */
json_t *aic_table_to_json(const struct aic_table *t, const void *in);

/* A JSON Schema (draft 2020-12) document for `t`: named tables, enums and
 * patterns become $defs ("#/$defs/Name"); inline REF objects become
 * "<Name>Inline" with no required members. NULL only when out of memory. */
json_t *aic_table_json_schema(const struct aic_table *t, const char *id, const char *title);

#endif
