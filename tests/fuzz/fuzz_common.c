/* See fuzz_common.h. */
#include "fuzz_common.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const struct aic_catalogue *
fuzz_catalogue(void)
{
  static struct aic_catalogue *cat;

  if (cat == NULL) {
    struct aic_diags d = AIC_DIAGS_INIT;

    cat = aic_catalogue_load_default(&d);
    if (cat == NULL)
      fuzz_fail("the embedded catalogue does not load", d.n > 0 ? d.v[0].detail : "");
  }
  return cat;
}

void
fuzz_fail(const char *what, const char *detail)
{
  fprintf(stderr, "fuzz oracle: %s: %s\n", what, detail != NULL ? detail : "");
  abort();
}

void
fuzz_check_status(const char *where, int rc, const struct aic_diags *d)
{
  char msg[160];

  if (rc != AIC_OK && rc != AIC_E_INVALID && rc != AIC_E_SYNTAX) {
    snprintf(msg, sizeof msg, "status %d (not 0, invalid or syntax)", rc);
    fuzz_fail(where, msg);
  }
  /* A 422 or 400 with an empty errors[] names no field. */
  if (rc > 0 && d->n == 0)
    fuzz_fail(where, "a client error without any diagnostic");
  for (size_t i = 0; i < d->n; i++)
    if (memchr(d->v[i].detail, '\0', sizeof d->v[i].detail) == NULL ||
        memchr(d->v[i].pointer, '\0', sizeof d->v[i].pointer) == NULL)
      fuzz_fail(where, "a diagnostic that is not NUL-terminated");
}

void
fuzz_check_json(const char *where, const json_t *j)
{
  char *text;
  json_error_t err;
  json_t *back;

  if (j == NULL)
    fuzz_fail(where, "serialisation returned NULL (a value jansson cannot hold, such as inf?)");
  text = aic_json_dump(j, 0);
  if (text == NULL)
    fuzz_fail(where, "aic_json_dump returned NULL");
  back = json_loads(text, 0, &err);
  if (back == NULL) {
    fprintf(stderr, "%.2000s\n", text);
    fuzz_fail(where, err.text);
  }
  json_decref(back);
  free(text);
}

void
fuzz_check_text(const char *where, char *text, size_t len)
{
  json_error_t err;
  json_t *back;
  char *again;

  if (text == NULL)
    fuzz_fail(where, "the writer returned NULL");
  if (strlen(text) != len)
    fuzz_fail(where, "a length that disagrees with the text");
  back = json_loadb(text, len, JSON_REJECT_DUPLICATES, &err);
  if (back == NULL) {
    fprintf(stderr, "%.2000s\n", text);
    fuzz_fail(where, err.text);
  }
  again = aic_json_dump(back, 0);
  if (again == NULL || strcmp(again, text) != 0) {
    fprintf(stderr, "text:   %.800s\njansson: %.800s\n", text, again != NULL ? again : "(null)");
    fuzz_fail(where, "differs from jansson's dump of the same values");
  }
  free(again);
  json_decref(back);
  free(text);
}
