/* The growable byte buffer of include/aicost/util.h. */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "aicost/util.h"

#define FIRST_CAP 256

void
aic_buf_init(struct aic_buf *b, size_t hint)
{
  memset(b, 0, sizeof *b);
  if (hint > 0)
    (void)aic_buf_grow(b, hint);
}

bool
aic_buf_grow(struct aic_buf *b, size_t n)
{
  size_t cap = b->cap > 0 ? b->cap : FIRST_CAP;
  char *grown;

  if (b->failed)
    return false;
  while (cap - b->len <= n) {
    if (cap > SIZE_MAX / 2) {
      b->failed = true;
      return false;
    }
    cap *= 2;
  }
  if (cap == b->cap)
    return true;
  grown = realloc(b->p, cap);
  if (grown == NULL) {
    b->failed = true;
    return false;
  }
  b->p = grown;
  b->cap = cap;
  return true;
}

void
aic_buf_putn(struct aic_buf *b, const char *s, size_t n)
{
  if (!aic_buf_room(b, n))
    return;
  memcpy(b->p + b->len, s, n);
  b->len += n;
  b->p[b->len] = '\0';
}

void
aic_buf_put(struct aic_buf *b, const char *s)
{
  aic_buf_putn(b, s, strlen(s));
}

void
aic_buf_printf(struct aic_buf *b, const char *fmt, ...)
{
  va_list ap;
  int n;

  va_start(ap, fmt);
  n = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  if (n < 0) {
    b->failed = true;
    return;
  }
  if (!aic_buf_room(b, (size_t)n))
    return;
  va_start(ap, fmt);
  vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
  va_end(ap);
  b->len += (size_t)n;
}

char *
aic_buf_finish(struct aic_buf *b, size_t *len)
{
  char *p;

  if (!aic_buf_room(b, 0)) {
    aic_buf_free(b);
    return NULL;
  }
  p = b->p;
  p[b->len] = '\0';
  if (len != NULL)
    *len = b->len;
  memset(b, 0, sizeof *b);
  return p;
}

void
aic_buf_free(struct aic_buf *b)
{
  free(b->p);
  memset(b, 0, sizeof *b);
}

int
aic_buf_read(struct aic_buf *b, FILE *f, size_t max)
{
  size_t start = b->len;

  /* up to one byte past max: enough to know that the stream is too large
   * without reading all of a huge one */
  for (;;) {
    size_t left = max + 1 - (b->len - start), chunk, got;

    if (left == 0)
      break;
    chunk = left < 65536 ? left : 65536;
    if (!aic_buf_room(b, chunk))
      return ENOMEM;
    got = fread(b->p + b->len, 1, chunk, f);
    b->len += got;
    b->p[b->len] = '\0';
    if (got < chunk)
      break; /* the end, or an error */
  }
  if (ferror(f))
    return errno != 0 ? errno : EIO;
  return b->len - start > max ? EFBIG : 0;
}
