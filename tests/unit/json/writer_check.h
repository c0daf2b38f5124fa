/* Checks shared by the writer tests (test_json_writer.c, on requests;
 * test_json_writer_edges.c, on hand-made structs and the writer's own
 * calls). Each fails the running cmocka test with what differs. */
#ifndef AICOST_TEST_WRITER_CHECK_H
#define AICOST_TEST_WRITER_CHECK_H

#include <stddef.h>

#include "aicost/projection.h"

/* got == want, byte for byte (the first difference shown with context). */
void writer_assert_same(const char *what, const char *got, size_t got_len, const char *want,
                        size_t want_len);

/* The text (of length len) is one JSON document that jansson, parsing it
 * strictly and dumping it again, prints to the same bytes. */
void writer_assert_canonical(const char *what, const char *text, size_t len);

/* The points of the next "series" array from *at on are pj's, each
 * written here without the writer's caches (its keys, each value's
 * aic_num_format text, its date); *at moves past them. */
void writer_assert_series(const char *what, const char **at, const struct aic_projection *pj);

#endif
