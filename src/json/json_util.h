/* Builders of jansson trees that apply the number policy (aicost/json.h)
 * and never lose track of a failed allocation (json_dump.c). For aicost's
 * own libraries: the scenario reader, the catalogue and the renderings. */
#ifndef AICOST_JSON_JSON_UTIL_H
#define AICOST_JSON_JSON_UTIL_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "aicost/json.h"

/* The largest magnitude below which every whole double is exact (2^53). */
#define AIC_JSON_EXACT_INT 9007199254740992.0

/* aic_json_number, the number policy's builder, is public: aicost/json.h. */

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
