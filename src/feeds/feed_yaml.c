/* YAML scalars for generated catalogue files, and the importers' report. */
#include "feed_yaml.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

void
feed_yaml_string(struct aic_buf *b, const char *s)
{
  aic_buf_put(b, "\"");
  for (const unsigned char *p = (const unsigned char *)s; *p != '\0'; p++) {
    if (*p == '"' || *p == '\\') {
      char esc[3] = { '\\', (char)*p, '\0' };

      aic_buf_put(b, esc);
    } else if (*p < 0x20 || *p == 0x7f) {
      aic_buf_printf(b, "\\u%04x", *p);
    } else {
      aic_buf_putn(b, (const char *)p, 1);
    }
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
  for (int digits = 1; digits <= 17; digits++) {
    snprintf(text, sizeof text, "%.*g", digits, x);
    if (strtod(text, NULL) == x)
      break;
  }
  aic_buf_put(b, text);
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
  case FEED_ERROR:
    counts->errors++;
    break;
  case FEED_SKIPPED:
    counts->skipped++;
    break;
  case FEED_UNSUPPORTED:
    counts->unsupported++;
    break;
  case FEED_SUSPICIOUS:
    counts->suspicious++;
    break;
  case FEED_NOTE:
    break;
  }
}
