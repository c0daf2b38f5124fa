/* YAML scalars for generated catalogue files, and the importers' report. */
#include "feed_yaml.h"

#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What YAML lets stand as itself in a scalar (libyaml's printable set);
 * anything else is written as an escape. */
static bool
printable(uint32_t c)
{
  return c == 0x0A || (c >= 0x20 && c <= 0x7E) || c == 0x85 || (c >= 0xA0 && c <= 0xD7FF) ||
         (c >= 0xE000 && c <= 0xFFFD && c != 0xFEFF) || (c >= 0x10000 && c <= 0x10FFFF);
}

void
feed_yaml_string(struct aic_buf *b, const char *s)
{
  size_t len = strlen(s);

  aic_buf_put(b, "\"");
  for (size_t i = 0; i < len;) {
    uint32_t c = (unsigned char)s[i];
    size_t n = aic_utf8_decode((const unsigned char *)s + i, len - i, &c);

    if (n == 0) /* not UTF-8 (the importers refuse it): the byte, escaped */
      n = 1, c = (unsigned char)s[i], aic_buf_printf(b, "\\x%02x", (unsigned)c);
    else if (c == '"' || c == '\\')
      aic_buf_printf(b, "\\%c", (char)c);
    else if (c < 0x20 || c == 0x7f || !printable(c))
      aic_buf_printf(b, c > 0xFFFF ? "\\U%08x" : "\\u%04x", (unsigned)c);
    else
      aic_buf_putn(b, s + i, n);
    i += n;
  }
  aic_buf_put(b, "\"");
}

void
feed_yaml_number(struct aic_buf *b, double x)
{
  char text[32];

  /* Whole numbers as integers (200000, not 2e+05); others as the shortest
   * %g that strtod reads back exactly (17 digits always do), which for a
   * fraction is fixed notation down to 1e-4. */
  if (x == floor(x) && fabs(x) < 1e15) {
    snprintf(text, sizeof text, "%.0f", x);
    aic_buf_put(b, text);
    return;
  }
  aic_buf_put(b, feed_shortest(text, sizeof text, x));
}

const char *
feed_shortest(char *s, size_t cap, double x)
{
  for (int digits = 1; digits <= 17; digits++) {
    snprintf(s, cap, "%.*g", digits, x);
    if (strtod(s, NULL) == x)
      break;
  }
  return s;
}

void
feed_report(struct aic_buf *log, struct aic_feed_counts *counts, const char *file,
            const char *pointer, enum feed_line kind, const char *fmt, ...)
{
  static const char *const names[] = { "error", "skipped", "unsupported", "suspicious", "note" };
  char text[512];
  va_list ap;

  va_start(ap, fmt);
  vsnprintf(text, sizeof text, fmt, ap);
  va_end(ap);
  aic_buf_printf(log, "%s: %s: %s: %s\n", file != NULL ? file : "-",
                 pointer[0] != '\0' ? pointer : "(document)", names[kind], text);
  switch (kind) {
  case FEED_ERROR: counts->errors++; break;
  case FEED_SKIPPED: counts->skipped++; break;
  case FEED_UNSUPPORTED: counts->unsupported++; break;
  case FEED_SUSPICIOUS: counts->suspicious++; break;
  case FEED_NOTE: break;
  }
}
