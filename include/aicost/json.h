/* src/json: JSON bytes <-> jansson trees, by the project's rules.
 *
 *   json_parse.c   bytes -> one document, strictly (aic_json_parse)
 *   json_scan.c    the parser's fast path for the usual request (json_scan.h)
 *   json_alloc.c   jansson's allocator: out-of-memory detection, the guard
 *                  against its lexer's allocation bug, the optional block
 *                  cache (json_alloc.h, aic_json_init)
 *   json_dump.c    tree -> text (aic_json_dump) and the tree builders that
 *                  apply the number policy (json_util.h)
 *   json_writer.c  the one writer of our documents: structs -> compact JSON
 *                  text, by tables of members (json_writer.h; its row loop
 *                  is inline, json_writer_inline.h)
 *   num_format.c,  the number policy as text, each real formatted once
 *   num_round.c    (num_format.h)
 *
 * Number policy (aic_num_put for text: the writer, the CSV, the SVG's labels;
 * aic_json_number for the few trees still built, the catalogue's: the same
 * bytes, so the HTTP API, the CLI, the dashboards and the page all agree):
 *   - NAN (absent / not applicable) becomes JSON null; so does an infinity,
 *     which the core never produces and jansson cannot encode.
 *   - A whole number of magnitude <= 2^53 is a JSON integer, exactly:
 *     25000, never 25000.0 (jansson appends ".0" to whole reals).
 *   - Otherwise the value is rounded to 15 significant digits (what
 *     JSON_REAL_PRECISION(15) prints anyway); if that is a whole number of
 *     magnitude <= 2^53 it is a JSON integer too: 25000.000000000004 -> 25000.
 *   - Otherwise it is a JSON real printed with 15 significant digits:
 *     0.1 + 0.2 prints 0.3, 6.3e24 prints 6.3e24.
 *
 * What may live here: JSON syntax, jansson, numbers as JSON text. What may
 * not: the shape of any document of ours (scenarios: src/scenarios;
 * projections: src/render; the catalogue: src/catalogue), YAML, HTTP.
 * Depends on src/util, the core's diag.h and jansson. The headers next to
 * the sources are for aicost's own libraries and tests, not for cmd/.
 * Tests: tests/unit/json, tests/unit/alloc, tests/fuzz/fuzz_json.c. */
#ifndef AICOST_JSON_H
#define AICOST_JSON_H

#include <stddef.h>

#include <jansson.h>

#include "aicost/diag.h"

/* Process-wide set-up of jansson's allocator, for a program that parses
 * requests on several threads for a long time: aicostd calls it once, at
 * start, before its threads parse. Nothing else needs it, and the library
 * never does it on its own.
 *   AIC_JSON_BLOCK_CACHE: each thread keeps the small blocks its parse
 *   trees free for its next tree, instead of handing them back to malloc
 *   at once (src/json/json_alloc.c says why; a plain malloc'd block all the
 *   same, so anything may free it). Off under AddressSanitizer.
 * Without it (the CLI, the tests) every allocation is malloc's. Either way
 * aic_json_parse installs, on its first call, a wrapper around jansson's
 * allocations (json_set_alloc_funcs, which is process-wide): it calls
 * malloc and free and only notes a failure, so that out of memory is told
 * from invalid JSON and a failed allocation cannot crash jansson's lexer.
 * A program that sets its own jansson allocator cannot use aic_json_parse.
 * Returns AIC_OK. */
enum { AIC_JSON_BLOCK_CACHE = 1 << 0 };
int aic_json_init(unsigned flags);
/* Frees the small blocks this thread keeps for jansson's next allocations
 * (AIC_JSON_BLOCK_CACHE; src/json/json_alloc.c): aicostd calls it before it
 * trims the heap after a large request, and the tests that count live
 * allocations do. */
void aic_json_alloc_drain(void);

/* Parses bytes as one JSON document, rejecting duplicate keys, invalid UTF-8
 * and NUL bytes. Returns AIC_OK with the document in *doc (a new
 * reference); AIC_E_SYNTAX (a client error, HTTP 400) with one diag: ""
 * pointer, a detail with line and column; or AIC_E_NOMEM (a diag says so
 * too). *doc is NULL unless AIC_OK. */
int aic_json_parse(const char *bytes, size_t len, json_t **doc, struct aic_diags *errors);

/* Serialises with the project's number format (reals that never show float
 * noise: 25000, not 25000.000000000004). Caller frees with free(). */
char *aic_json_dump(const json_t *j, int pretty);
/* A new reference for x under the number policy above (NAN: null);
 * NULL only when out of memory. */
json_t *aic_json_number(double x);

#endif
