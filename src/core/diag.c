/* Diagnostics as data: a fixed array, no allocation, so that reporting a
 * problem can never itself fail (an allocation failure must stay reportable). */
#include "aicost/diag.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* Copies src into dst[cap], truncating; dst is always terminated. */
static void
copy_trunc(char *dst, size_t cap, const char *src)
{
  size_t n;

  if (cap == 0)
    return;
  if (src == NULL)
    src = "";
  n = strlen(src);
  if (n >= cap)
    n = cap - 1;
  memcpy(dst, src, n);
  dst[n] = '\0';
}

void
aic_diags_init(struct aic_diags *d)
{
  d->n = 0;
  d->dropped = 0;
}

void
aic_diags_reset(struct aic_diags *d)
{
  aic_diags_init(d);
}

__attribute__((format(printf, 4, 0))) static void
add_v(struct aic_diags *d, const char *code, const char *pointer, const char *fmt, va_list ap)
{
  struct aic_diag tmp;
  size_t i;

  if (d == NULL)
    return;
  copy_trunc(tmp.code, sizeof tmp.code, code);
  copy_trunc(tmp.pointer, sizeof tmp.pointer, pointer);
  if (fmt == NULL)
    tmp.detail[0] = '\0';
  else
    (void)vsnprintf(tmp.detail, sizeof tmp.detail, fmt, ap); /* truncates by design */
  /* The same problem reached by two computations (say, a model key needed by
   * two training stages) is one problem for the reader: keep it once. */
  for (i = 0; i < d->n; i++) {
    if (strcmp(d->v[i].code, tmp.code) == 0 && strcmp(d->v[i].pointer, tmp.pointer) == 0 &&
        strcmp(d->v[i].detail, tmp.detail) == 0)
      return;
  }
  if (d->n >= AIC_DIAG_MAX) {
    d->dropped++;
    return;
  }
  d->v[d->n++] = tmp;
}

void
aic_diag_add(struct aic_diags *d, const char *pointer, const char *fmt, ...)
{
  va_list ap;

  va_start(ap, fmt);
  add_v(d, "", pointer, fmt, ap);
  va_end(ap);
}

void
aic_diag_add_code(struct aic_diags *d, const char *code, const char *pointer, const char *fmt, ...)
{
  va_list ap;

  va_start(ap, fmt);
  add_v(d, code, pointer, fmt, ap);
  va_end(ap);
}

/* Appends c to out[cap] at *len when it fits, keeping room for the terminator;
 * returns false once full so the caller stops (a truncated pointer is still a
 * prefix of the true one). */
static int
put(char *out, size_t cap, size_t *len, char c)
{
  if (*len + 1 >= cap)
    return 0;
  out[(*len)++] = c;
  out[*len] = '\0';
  return 1;
}

void
aic_pointer_join(char *out, size_t cap, const char *base, const char *key)
{
  size_t len = 0;
  const char *p;

  if (out == NULL || cap == 0)
    return;
  /* The usual case, built for every field a request sets: it fits and the
   * key needs no escape, so it is two copies (the same bytes as below). */
  if (out != base) {
    const char *b = base ? base : "", *k = key ? key : "";
    size_t bl = strlen(b), kl = strlen(k);

    if (bl + kl + 2 <= cap && strpbrk(k, "~/") == NULL) {
      memcpy(out, b, bl);
      out[bl] = '/';
      memcpy(out + bl + 1, k, kl + 1);
      return;
    }
  }
  out[0] = '\0';
  for (p = base ? base : ""; *p != '\0'; p++) {
    if (!put(out, cap, &len, *p))
      return;
  }
  if (!put(out, cap, &len, '/'))
    return;
  /* RFC 6901 section 3: '~' is written "~0" and '/' is written "~1". */
  for (p = key ? key : ""; *p != '\0'; p++) {
    int ok;

    if (*p == '~')
      ok = put(out, cap, &len, '~') && put(out, cap, &len, '0');
    else if (*p == '/')
      ok = put(out, cap, &len, '~') && put(out, cap, &len, '1');
    else
      ok = put(out, cap, &len, *p);
    if (!ok)
      return;
  }
}

void
aic_pointer_index(char *out, size_t cap, const char *base, size_t index)
{
  char digits[24];

  (void)snprintf(digits, sizeof digits, "%zu", index);
  aic_pointer_join(out, cap, base, digits);
}
