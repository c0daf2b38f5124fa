/* A small XML 1.0 well-formedness checker for the SVG tests, so they need
 * no XML library: elements balanced with one root, attributes quoted and
 * not repeated, only the five predefined or numeric entity references,
 * valid UTF-8, no characters XML forbids. It also counts what a safe
 * standalone SVG must not contain. */
#ifndef AICOST_TEST_XMLCHECK_H
#define AICOST_TEST_XMLCHECK_H

#include <stddef.h>

struct xml_stats {
  char root[32];
  size_t elements;
  size_t unsafe; /* script, foreignObject, image, use, on* handlers, href, url(, @import */
};

/* NULL when `s` is one well-formed document, else why not (static text,
 * with the byte offset in `*at`). */
const char *xml_check(const char *s, struct xml_stats *st, size_t *at);

/* How many times `needle` occurs in `s`. */
size_t count_of(const char *s, const char *needle);

/* Runs `xmllint --noout -` on the document when the tool exists: 0 when it
 * accepts it, 1 when it rejects it, -1 when xmllint is not installed. */
int xmllint_check(const char *doc);

#endif
