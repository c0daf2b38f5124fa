/* Fuzz target, differential: the request parser's fast path
 * (aic_json_scan, src/json/json_scan.c) against jansson. The fast path
 * promises the very tree json_loadb(JSON_REJECT_DUPLICATES) builds (same
 * types, values, strings, key order) or NULL; so whenever it returns a
 * document, jansson must accept the same bytes and both trees must print
 * the same bytes. Then aic_json_parse, which chains the two, must agree
 * with jansson on accepting or refusing. */
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"
#include "json_scan.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  json_error_t err;
  struct aic_diags d = AIC_DIAGS_INIT;
  json_t *fast = aic_json_scan((const char *)data, size);
  json_t *ref = json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES, &err);
  json_t *chained;
  int rc = aic_json_parse((const char *)data, size, &chained, &d);

  if (fast != NULL) {
    char *a, *b;

    if (ref == NULL)
      fuzz_fail("aic_json_scan", "accepted bytes jansson refuses");
    a = aic_json_dump(fast, 0);
    b = aic_json_dump(ref, 0);
    if (a == NULL || b == NULL || strcmp(a, b) != 0) {
      fprintf(stderr, "fast: %.500s\njansson: %.500s\n", a ? a : "(null)", b ? b : "(null)");
      fuzz_fail("aic_json_scan", "a tree that differs from jansson's");
    }
    free(a);
    free(b);
  }
  /* aic_json_parse takes no document jansson refuses and refuses none it takes
   * (an empty body aside: jansson refuses it too). */
  if ((chained != NULL) != (ref != NULL))
    fuzz_fail("aic_json_parse",
              chained != NULL ? "accepted what jansson refuses" : "refused what jansson accepts");
  if (rc != AIC_OK)
    fuzz_check_status("aic_json_parse", rc, &d);
  json_decref(fast);
  json_decref(ref);
  json_decref(chained);
  return 0;
}
