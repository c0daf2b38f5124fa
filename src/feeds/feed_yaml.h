/* Helpers shared by the feed importers (src/feeds): YAML scalars that the
 * catalogue loader reads back to the same value, and the report's lines. */
#ifndef AICOST_FEEDS_FEED_YAML_H
#define AICOST_FEEDS_FEED_YAML_H

#include "aicost/feeds.h"

/* s as a double-quoted YAML scalar: '"' and '\' escaped, control
 * characters as \uXXXX, the rest (UTF-8 included) as is. */
void feed_yaml_string(struct aic_buf *b, const char *s);

/* x (finite) with the fewest significant digits that read back to the same
 * double: 0.135, not 0.13500000000000001. */
void feed_yaml_number(struct aic_buf *b, double x);
/* x as the shortest %g that strtod reads back exactly, in s (32 bytes
 * hold any): 4.096575, not 4.0965750000000001. Returns s. */
const char *feed_shortest(char *s, size_t cap, double x);

/* The kinds of report line, and what each counts. */
enum feed_line { FEED_ERROR, FEED_SKIPPED, FEED_UNSUPPORTED, FEED_SUSPICIOUS, FEED_NOTE };

/* "FILE: POINTER: kind: text\n" into log, counted in counts. */
void feed_report(struct aic_buf *log, struct aic_feed_counts *counts, const char *file,
                 const char *pointer, enum feed_line kind, const char *fmt, ...)
  __attribute__((format(printf, 6, 7)));

#endif
