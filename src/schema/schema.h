/* src/schema: what a valid document holds, as tables of rows applied by
 * an engine that reports every problem at once (never just the first).
 *
 *   fields.c            the engine for JSON objects (fields.h): a row per
 *                       member {name, kind, offset, bounds}; problems as
 *                       {JSON Pointer, detail}, "did you mean" for typos
 *   catalogue_fields.c  the engine for the catalogue's YAML mappings
 *                       (catalogue_fields.h): problems as "file:line:col",
 *                       "key.path: reason"
 * The tables themselves live with their documents: the scenario's in
 * src/scenarios, the catalogue's in src/catalogue. (Two engines with
 * different rule flags, and the GPU and model rows written in both, are
 * what issue 11's part B unifies.)
 *
 * What may live here: the engines and what every table shares (kinds,
 * bounds, messages). What may not: a document's own table or cross-member
 * rules, I/O, JSON or YAML syntax. Depends on src/json (json_util.h),
 * src/yaml (yaml_tree.h), src/util and the core's headers. Tests:
 * tests/unit/schema, and every folder of invalid input in tests/data. */
#ifndef AICOST_SCHEMA_SCHEMA_H
#define AICOST_SCHEMA_SCHEMA_H

#include "catalogue_fields.h"
#include "fields.h"

#endif
