/* JSON in: bytes -> one JSON document, strictly.
 * Rejected with AIC_E_SYNTAX (HTTP 400) by jansson itself, as tests/unit/json
 * pins: duplicate keys (JSON_REJECT_DUPLICATES), invalid UTF-8, lone
 * surrogates, \u0000 (no JSON_ALLOW_NUL), raw NUL bytes, integers beyond
 * int64, reals beyond double, nesting deeper than 2048, trailing bytes after
 * the document (no JSON_DISABLE_EOF_CHECK), and a bare scalar at the top
 * (no JSON_DECODE_ANY: a document is an object or an array; the scenario
 * reader then insists on an object, a 422). */
#include <stdio.h>
#include <string.h>

#include "aicost/json.h"
#include "json_alloc.h"
#include "json_scan.h"

int
aic_json_parse(const char *bytes, size_t len, json_t **out, struct aic_diags *errors)
{
  json_error_t err;
  json_t *doc;

  /* jansson leaves `err` as it found it when an allocation fails in some
   * places (lex_init, json_object in the parser), so start from zeros. */
  memset(&err, 0, sizeof err);
  *out = NULL;

  if (len == 0) {
    aic_diag_add(errors, "", "invalid JSON: the body is empty; expected a JSON object");
    return AIC_E_SYNTAX;
  }
  /* The usual request takes the fast path; anything it does not take,
   * errors included, is parsed (and reported) by jansson as before. */
  aic_json_alloc_watch();
  doc = aic_json_scan(bytes, len);
  if (doc) {
    *out = doc;
    return AIC_OK;
  }
  /* Watched afresh: an allocation that failed in the fast path (which then
   * gave up) says nothing about jansson's verdict on a body that is really
   * invalid further on: that stays a 400. */
  aic_json_alloc_watch();
  /* json_loadb, guarded: a failed allocation inside it could otherwise
   * damage the heap or abort (json_alloc.c, reliability finding 9). */
  doc = aic_json_loadb_guarded(bytes, len, JSON_REJECT_DUPLICATES, &err);
  /* A tree despite a failed allocation is out of memory all the same:
   * unguarded, jansson returned [0.1234567890123567] for
   * [0.12345678901234567] when its lexer lost the '4'; guarded, the
   * allocation that failed may have been given the reserve and been the
   * tree's last (json_alloc.c). */
  if (doc && !aic_json_alloc_failed()) {
    *out = doc;
    return AIC_OK;
  }
  json_decref(doc);
  /* A failed allocation must not become a 400 for a valid body: jansson
   * sometimes reports it as a syntax error (json_alloc.c), sometimes with
   * no message at all ("invalid JSON at line -1, column -1: "). */
  if (aic_json_alloc_failed() || json_error_code(&err) == json_error_out_of_memory ||
      err.text[0] == '\0') {
    aic_diag_add(errors, "", "out of memory while parsing JSON");
    return AIC_E_NOMEM;
  }
  /* jansson's column counts characters on the line, 1-based. */
  aic_diag_add(errors, "", "invalid JSON at line %d, column %d: %s", err.line, err.column,
               err.text);
  return AIC_E_SYNTAX;
}
