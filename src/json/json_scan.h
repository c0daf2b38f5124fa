/* Private to src/json: a fast path in front of jansson's parser for the
 * requests the server sees every time (aic_json_parse calls it first).
 *
 * It builds the very tree json_loadb(bytes, len, JSON_REJECT_DUPLICATES)
 * would build (same types, values, strings and key order), or gives up:
 * on anything unusual (a syntax error, a \u escape, a number it cannot
 * convert exactly on its own, nesting deeper than 32, a duplicate key, a
 * failed allocation) it returns NULL and jansson parses the bytes instead,
 * so every error, message, line and column stays jansson's.
 * tests/unit/json/test_json_scan.c holds it to that against json_loadb. */
#ifndef AICOST_JSON_JSON_SCAN_H
#define AICOST_JSON_JSON_SCAN_H

#include <stddef.h>

#include <jansson.h>

/* The document (a new reference), or NULL: let jansson parse it. */
json_t *aic_json_scan(const char *bytes, size_t len);

#endif
