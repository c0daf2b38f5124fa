/* Private helpers shared by the io layer's JSON code (scenarios, projections,
 * the catalogue, renderings). Not installed; include as "json_util.h".
 *
 * Number policy (every to_json in the io layer goes through aic_json_number,
 * and the direct text writer through aic_num_put (num_format.h, the same
 * bytes as aic_num_format), so the HTTP API, the CLI and the page all agree):
 *   - NAN (absent / not applicable) becomes JSON null; so does an infinity,
 *     which the core never produces and jansson cannot encode.
 *   - A whole number of magnitude <= 2^53 is a JSON integer, exactly:
 *     25000, never 25000.0 (jansson appends ".0" to whole reals).
 *   - Otherwise the value is rounded to 15 significant digits (what
 *     JSON_REAL_PRECISION(15) prints anyway); if that is a whole number of
 *     magnitude <= 2^53 it is a JSON integer too: 25000.000000000004 -> 25000.
 *   - Otherwise it is a JSON real printed with 15 significant digits:
 *     0.1 + 0.2 prints 0.3, 6.3e24 prints 6.3e24. */
#ifndef AICOST_IO_JSON_UTIL_H
#define AICOST_IO_JSON_UTIL_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

/* The largest magnitude below which every whole double is exact (2^53). */
#define AIC_JSON_EXACT_INT 9007199254740992.0

/* A new reference for x under the policy above; NULL only when out of memory. */
json_t *aic_json_number(double x);

/* A new string reference, or JSON null for NULL. */
json_t *aic_json_string_or_null(const char *s);

/* Builders that never lose track of a failed allocation: each call sets
 * obj[key] (stealing `value`, which may be NULL after a failed allocation)
 * and records a failure in *failed. Check *failed once at the end. */
void aic_json_put(json_t *obj, const char *key, json_t *value, bool *failed);
void aic_json_put_number(json_t *obj, const char *key, double x, bool *failed);
void aic_json_put_string(json_t *obj, const char *key, const char *s, bool *failed);
void aic_json_put_bool(json_t *obj, const char *key, bool b, bool *failed);
void aic_json_append(json_t *arr, json_t *value, bool *failed);

/* "a string", "a number", "an object", ...: for "must be ... (got a string)". */
const char *aic_json_type_phrase(const json_t *v);

#endif
