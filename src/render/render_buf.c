/* The escaping the renderings need, into the growable buffer of
 * aicost/util.h (appends after a failed allocation are no-ops, so a
 * renderer checks once, at the end). */
#include <stdint.h>
#include <string.h>

#include "render_util.h"

void
aic_render_xml_text(struct aic_buf *b, const char *s, size_t max_chars)
{
  const unsigned char *p = (const unsigned char *)(s != NULL ? s : "");
  size_t chars = 0, left = strlen((const char *)p);

  while (*p != '\0') {
    uint32_t cp;
    size_t n = aic_utf8_decode(p, left, &cp);

    if (n == 0) { /* malformed, overlong or a surrogate: one byte becomes U+FFFD */
      cp = 0xFFFD;
      n = 1;
    }
    if (max_chars > 0 && chars == max_chars) {
      aic_buf_put(b, "\xE2\x80\xA6"); /* … */
      return;
    }
    switch (cp) {
    case '&': aic_buf_put(b, "&amp;"); break;
    case '<': aic_buf_put(b, "&lt;"); break;
    case '>': aic_buf_put(b, "&gt;"); break;
    case '"': aic_buf_put(b, "&quot;"); break;
    case '\'': aic_buf_put(b, "&#39;"); break;
    case '\t':
    case '\n':
    case '\r':
      aic_buf_put(b, " "); /* a title is one line; attributes would normalise them anyway */
      break;
    default:
      if (cp < 0x20 || cp == 0xFFFE || cp == 0xFFFF)
        break; /* not allowed anywhere in an XML 1.0 document */
      if (cp == 0xFFFD && n == 1)
        aic_buf_put(b, "\xEF\xBF\xBD");
      else
        aic_buf_putn(b, (const char *)p, n);
    }
    p += n;
    left -= n;
    chars++;
  }
}

void
aic_render_csv_field(struct aic_buf *b, const char *s)
{
  const char *p;

  if (s == NULL)
    return;
  if (s[0] != '\0' && strchr("=+-@\t\r", s[0]) != NULL) {
    /* after the quote the cell is text to every spreadsheet */
    aic_buf_put(b, "\"'");
  } else if (strpbrk(s, ",\"\r\n") == NULL) {
    aic_buf_put(b, s);
    return;
  } else {
    aic_buf_put(b, "\"");
  }
  for (p = s; *p != '\0'; p++) {
    if (*p == '"')
      aic_buf_put(b, "\"\"");
    else
      aic_buf_putn(b, p, 1);
  }
  aic_buf_put(b, "\"");
}
