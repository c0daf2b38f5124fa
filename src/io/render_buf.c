/* A growable text buffer and the escaping the renderings need. Appends
 * after a failed allocation are no-ops, so a renderer checks once at the
 * end instead of after every line. */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render_util.h"

static bool
reserve(struct aic_rbuf *b, size_t more)
{
  size_t want;
  char *np;

  if (b->failed)
    return false;
  if (more > SIZE_MAX / 2 - b->len) {
    b->failed = true;
    return false;
  }
  want = b->len + more + 1;
  if (want <= b->cap)
    return true;
  if (want < b->cap * 2)
    want = b->cap * 2;
  if (want < 256)
    want = 256;
  np = realloc(b->p, want);
  if (np == NULL) {
    b->failed = true;
    return false;
  }
  b->p = np;
  b->cap = want;
  return true;
}

void
aic_rbuf_putn(struct aic_rbuf *b, const char *s, size_t n)
{
  if (!reserve(b, n))
    return;
  memcpy(b->p + b->len, s, n);
  b->len += n;
  b->p[b->len] = '\0';
}

char *
aic_rbuf_room(struct aic_rbuf *b, size_t n)
{
  return reserve(b, n) ? b->p + b->len : NULL;
}

void
aic_rbuf_used(struct aic_rbuf *b, size_t n)
{
  b->len += n;
  b->p[b->len] = '\0';
}

void
aic_rbuf_put(struct aic_rbuf *b, const char *s)
{
  aic_rbuf_putn(b, s, strlen(s));
}

void
aic_rbuf_printf(struct aic_rbuf *b, const char *fmt, ...)
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
  if (!reserve(b, (size_t)n))
    return;
  va_start(ap, fmt);
  vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
  va_end(ap);
  b->len += (size_t)n;
}

/* Decodes one UTF-8 sequence at s (NUL-terminated). Returns its length in
 * bytes (>= 1) and the code point, or 0xFFFD for a malformed, overlong or
 * surrogate sequence (consuming one byte, so decoding always advances). */
static size_t
utf8_next(const unsigned char *s, uint32_t *cp)
{
  uint32_t c = s[0];
  size_t n, i;
  uint32_t min;

  if (c < 0x80) {
    *cp = c;
    return 1;
  }
  if ((c & 0xE0) == 0xC0) {
    n = 2;
    c &= 0x1F;
    min = 0x80;
  } else if ((c & 0xF0) == 0xE0) {
    n = 3;
    c &= 0x0F;
    min = 0x800;
  } else if ((c & 0xF8) == 0xF0) {
    n = 4;
    c &= 0x07;
    min = 0x10000;
  } else {
    *cp = 0xFFFD;
    return 1;
  }
  for (i = 1; i < n; i++) {
    if ((s[i] & 0xC0) != 0x80) {
      *cp = 0xFFFD;
      return 1;
    }
    c = (c << 6) | (s[i] & 0x3F);
  }
  if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) {
    *cp = 0xFFFD;
    return 1;
  }
  *cp = c;
  return n;
}

void
aic_rbuf_xml_text(struct aic_rbuf *b, const char *s, size_t max_chars)
{
  const unsigned char *p = (const unsigned char *)(s != NULL ? s : "");
  size_t chars = 0;

  while (*p != '\0') {
    uint32_t cp;
    size_t n = utf8_next(p, &cp);

    if (max_chars > 0 && chars == max_chars) {
      aic_rbuf_put(b, "\xE2\x80\xA6"); /* … */
      return;
    }
    switch (cp) {
    case '&': aic_rbuf_put(b, "&amp;"); break;
    case '<': aic_rbuf_put(b, "&lt;"); break;
    case '>': aic_rbuf_put(b, "&gt;"); break;
    case '"': aic_rbuf_put(b, "&quot;"); break;
    case '\'': aic_rbuf_put(b, "&#39;"); break;
    case '\t': case '\n': case '\r':
      aic_rbuf_put(b, " "); /* a title is one line; attributes would normalise them anyway */
      break;
    default:
      if (cp < 0x20 || cp == 0xFFFE || cp == 0xFFFF)
        break; /* not allowed anywhere in an XML 1.0 document */
      if (cp == 0xFFFD && n == 1)
        aic_rbuf_put(b, "\xEF\xBF\xBD");
      else
        aic_rbuf_putn(b, (const char *)p, n);
    }
    p += n;
    chars++;
  }
}

void
aic_rbuf_csv_field(struct aic_rbuf *b, const char *s)
{
  const char *p;

  if (s == NULL)
    return;
  if (s[0] != '\0' && strchr("=+-@\t\r", s[0]) != NULL) {
    /* after the quote the cell is text to every spreadsheet */
    aic_rbuf_put(b, "\"'");
  } else if (strpbrk(s, ",\"\r\n") == NULL) {
    aic_rbuf_put(b, s);
    return;
  } else {
    aic_rbuf_put(b, "\"");
  }
  for (p = s; *p != '\0'; p++) {
    if (*p == '"')
      aic_rbuf_put(b, "\"\"");
    else
      aic_rbuf_putn(b, p, 1);
  }
  aic_rbuf_put(b, "\"");
}

char *
aic_rbuf_finish(struct aic_rbuf *b, size_t *len)
{
  char *p;

  if (!b->failed && b->p == NULL)
    aic_rbuf_putn(b, "", 0);
  if (b->failed) {
    free(b->p);
    b->p = NULL;
    b->len = b->cap = 0;
    return NULL;
  }
  p = b->p;
  if (len != NULL)
    *len = b->len;
  b->p = NULL;
  b->len = b->cap = 0;
  return p;
}
