/* Diagnostics: every problem found is collected as data, {pointer, detail},
 * so that callers can report all of them at once (never just the first).
 * For JSON input `pointer` is an RFC 6901 JSON Pointer ("/traffic/requests_per_day");
 * for YAML input it is "file:line:column" (1-based) and `detail` names the key path.
 * No allocation: a fixed number are kept and the rest are counted in `dropped`. */
#ifndef AICOST_DIAG_H
#define AICOST_DIAG_H

#include <stddef.h>

/* Return codes shared by core and io: 0 ok, > 0 a documented client error,
 * < 0 an internal error forwarded unchanged. */
enum aic_status {
  AIC_OK = 0,
  AIC_E_INVALID = 1,   /* well-formed input with invalid values (HTTP 422) */
  AIC_E_SYNTAX = 2,    /* bytes that are not one valid document (HTTP 400) */
  AIC_E_NOMEM = -1,    /* an allocation failed */
  AIC_E_INTERNAL = -2, /* a bug: should never be seen */
};

#define AIC_DIAG_MAX 64
#define AIC_DIAG_POINTER_MAX 160
#define AIC_DIAG_DETAIL_MAX 256

struct aic_diag {
  char code[32]; /* short machine code for warnings; "" for errors */
  char pointer[AIC_DIAG_POINTER_MAX];
  char detail[AIC_DIAG_DETAIL_MAX];
};

struct aic_diags {
  size_t n;       /* entries in v */
  size_t dropped; /* entries not kept because v was full */
  struct aic_diag v[AIC_DIAG_MAX];
};

/* Starts d as an empty list, and aic_diags_reset empties one for reuse:
 * every list goes through them (or, in a declaration, AIC_DIAGS_INIT).
 * Only n and dropped are read before they are written (the slots up to n
 * are), so emptying is two stores, not a memset of the 28 KB of slots,
 * which the server would pay per request. */
void aic_diags_init(struct aic_diags *d);
void aic_diags_reset(struct aic_diags *d);
/* An empty list in a declaration, where zeroing the slots costs nothing
 * that matters (tests, start-up): struct aic_diags d = AIC_DIAGS_INIT; */
#define AIC_DIAGS_INIT                                                                             \
  {                                                                                                \
    .n = 0, .dropped = 0                                                                           \
  }

/* Appends one problem; printf-style detail. Truncates over-long text. */
void aic_diag_add(struct aic_diags *d, const char *pointer, const char *fmt, ...)
  __attribute__((format(printf, 3, 4)));

/* The same with a machine code, used for projection warnings. */
void aic_diag_add_code(struct aic_diags *d, const char *code, const char *pointer, const char *fmt,
                       ...) __attribute__((format(printf, 4, 5)));

/* Builds "base/key" into out (escaping '~' and '/' per RFC 6901). */
void aic_pointer_join(char *out, size_t cap, const char *base, const char *key);

/* Builds "base/index" into out. */
void aic_pointer_index(char *out, size_t cap, const char *base, size_t index);

#endif
