/* src/yaml: YAML bytes -> a tree whose every node knows its line and
 * column, and any YAML document -> a jansson value.
 *
 *   yaml_tree.c    libyaml events -> a tree of positioned nodes; hostile
 *                  input (aliases, depth, size, tags, NULs) stops here
 *   yaml_arena.c   the bump allocator the tree lives in
 *   yaml_scalar.c  YAML 1.2 core-schema resolution of plain scalars
 *   yaml_report.c  problems reported where they are: "file:line:col"
 *   yaml_json.c    a document as JSON (aic_yaml_to_json)
 * The tree's API is yaml_tree.h, for the libraries built on this one.
 *
 * What may live here: YAML syntax and its resolution to values. What may
 * not: what a catalogue or a scenario must hold (src/schema, src/catalogue,
 * src/scenarios), JSON syntax, HTTP. Depends on the core's diag.h, libyaml
 * and jansson (for aic_yaml_to_json's result). Tests: tests/unit/yaml,
 * and the catalogue's (tests/unit/catalogue) through the loader. */
#ifndef AICOST_YAML_H
#define AICOST_YAML_H

#include <stddef.h>

#include <jansson.h>

#include "aicost/diag.h"

/* Any YAML document as JSON, for scenario files in YAML: plain scalars by
 * the YAML 1.2 core schema (null, booleans, integers, floats such as 1e6),
 * quoted scalars as strings. Non-finite numbers, duplicate keys, aliases,
 * tags and malformed input are errors reported like the catalogue's
 * ("file:line:col", "key.path: reason"). New reference, or NULL with every
 * problem in `errors`. */
json_t *aic_yaml_to_json(const char *text, size_t len, const char *filename,
                         struct aic_diags *errors);

#endif
