/* src/yaml: YAML bytes -> a tree whose every node knows its line and
 * column, and that tree as a jansson value for the engine of src/schema.
 *
 *   yaml_tree.c    libyaml events -> a tree of positioned nodes; hostile
 *                  input (aliases, depth, size, tags, NULs) stops here
 *   yaml_arena.c   the bump allocator the tree lives in
 *   yaml_scalar.c  YAML 1.2 core-schema resolution of plain scalars
 *   yaml_json.c    the tree as JSON (aic_yaml_parse)
 *   yaml_find.c    a JSON Pointer back to its node: line, column, key path
 * The tree's API is yaml_tree.h, for the libraries built on this one.
 *
 * What may live here: YAML syntax and its resolution to values. What may
 * not: what a catalogue or a scenario must hold (src/schema, src/catalogue,
 * src/scenarios), what a problem says (src/schema), JSON syntax, HTTP.
 * Depends on the core's diag.h, libyaml and jansson (for the document's
 * JSON). Tests: tests/unit/yaml, and src/schema's, which read YAML. */
#ifndef AICOST_YAML_H
#define AICOST_YAML_H

#include <stddef.h>

#include <jansson.h>

#include "aicost/diag.h"

/* A YAML file read for validation: its JSON and its positioned tree. */
struct aic_yaml;

/* Parses YAML bytes (at most max_bytes). Returns AIC_OK with *out set;
 * AIC_E_SYNTAX with every problem in `errors` as "file:line:col" and
 * "(document): reason"; or AIC_E_NOMEM. *out is NULL unless AIC_OK.
 * Plain scalars resolve by the YAML 1.2 core schema (null, booleans,
 * integers, floats such as 1e6); quoted scalars are strings. What JSON
 * cannot hold is left for the engine to report with its position: a
 * non-finite number becomes null, a repeated or non-string key is left out
 * (the first of equal keys stays). */
int aic_yaml_parse(const char *text, size_t len, const char *filename, size_t max_bytes,
                   struct aic_yaml **out, struct aic_diags *errors);
/* The document as JSON (borrowed; NULL for an empty file). */
json_t *aic_yaml_json(const struct aic_yaml *y);
const char *aic_yaml_filename(const struct aic_yaml *y);
void aic_yaml_free(struct aic_yaml *y);

#endif
