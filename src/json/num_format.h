/* The number policy of aicost/json.h written straight into a byte buffer,
 * each real formatted once (for src/json and the libraries built on it).
 *
 * The bytes are exactly those of aic_json_number + aic_json_dump (a jansson
 * integer printed with %lld, or a jansson real printed with %.15g, then
 * stripped of the exponent's '+' and leading zeros): tests/unit/json/
 * test_num_format.c keeps that snprintf + strtod + jansson reference and
 * compares the two over millions of values. */
#ifndef AICOST_JSON_NUM_FORMAT_H
#define AICOST_JSON_NUM_FORMAT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Room for the longest text ("-1.23456789012345e-308", 22 bytes) and a NUL,
 * and for the formatter's eight-byte stores, which may write (never
 * meaningful) bytes up to here past the text. */
#define AIC_NUM_TEXT_MAX 48

/* Writes x as JSON text into out (NUL-terminated); returns the length.
 * NAN and infinities are "null". */
size_t aic_num_format(double x, char out[AIC_NUM_TEXT_MAX]);

/* A JSON integer, as jansson prints one ("%lld"); returns the length. */
size_t aic_num_format_int(int64_t v, char out[AIC_NUM_TEXT_MAX]);

/* The same two texts written at p, where AIC_NUM_TEXT_MAX bytes are free,
 * without the NUL; they return the end of the text (the writer's way). */
char *aic_num_put(char *p, double x);
char *aic_num_put_int(char *p, int64_t v);

/* Whether x prints as a JSON integer, and which one (for the jansson tree
 * built by aic_json_number). False for NAN, infinities and reals. */
bool aic_num_integer(double x, int64_t *value);

#endif
