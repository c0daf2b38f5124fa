/* UTF-8 by the rules jansson applies to JSON strings (include/aicost/util.h):
 * the JSON fast path, the text writer, the XML escaping of the charts and
 * the problem bodies all accept or refuse exactly what jansson would. */
#include "aicost/util.h"

size_t
aic_utf8_decode(const unsigned char *s, size_t avail, uint32_t *cp)
{
  unsigned char u = s[0];
  size_t n;
  uint32_t c;

  if (u < 0x80) {
    *cp = u;
    return 1;
  }
  if (u >= 0xC2 && u <= 0xDF) {
    n = 2;
    c = u & 0x1F;
  } else if (u >= 0xE0 && u <= 0xEF) {
    n = 3;
    c = u & 0x0F;
  } else if (u >= 0xF0 && u <= 0xF4) {
    n = 4;
    c = u & 0x07;
  } else {
    return 0; /* a continuation byte, 0xC0/0xC1 (overlong ASCII), or >= 0xF5 */
  }
  if (n > avail)
    return 0;
  for (size_t i = 1; i < n; i++) {
    if (s[i] < 0x80 || s[i] > 0xBF)
      return 0;
    c = (c << 6) | (s[i] & 0x3F);
  }
  if (c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
    return 0;
  if ((n == 3 && c < 0x800) || (n == 4 && c < 0x10000))
    return 0; /* overlong (two-byte overlongs start with 0xC0/0xC1) */
  *cp = c;
  return n;
}

size_t
aic_utf8_sequence(const unsigned char *s, size_t avail)
{
  uint32_t cp;

  return aic_utf8_decode(s, avail, &cp);
}

size_t
aic_utf8_length(const char *s)
{
  size_t n = 0;

  for (; *s; s++)
    if (((unsigned char)*s & 0xC0) != 0x80)
      n++;
  return n;
}
