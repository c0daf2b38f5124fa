/* JSON out: the project's number format and serialisation. See aicost/json.h
 * for the number policy; docs/scenario.md documents it for users. */
#include <math.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "aicost/json.h"
#include "aicost/util.h"
#include "json_util.h"
#include "num_format.h"

json_t *
aic_json_number(double x)
{
  int64_t v;

  if (!isfinite(x))
    return json_null();
  /* Whole numbers up to 2^53 are integers, exactly (-0.0 -> 0), and so are
   * values whose 15 printed digits are one (25000.000000000004 -> 25000):
   * num_format.c decides without a printf round trip. */
  if (aic_num_integer(x, &v))
    return json_integer((json_int_t)v);
  return json_real(x);
}

json_t *
aic_json_string_or_null(const char *s)
{
  return s ? json_string(s) : json_null();
}

void
aic_json_put(json_t *obj, const char *key, json_t *value, bool *failed)
{
  /* json_object_set_new releases value on failure and refuses NULL. */
  if (json_object_set_new(obj, key, value) != 0)
    *failed = true;
}

void
aic_json_put_number(json_t *obj, const char *key, double x, bool *failed)
{
  aic_json_put(obj, key, aic_json_number(x), failed);
}

void
aic_json_put_string(json_t *obj, const char *key, const char *s, bool *failed)
{
  aic_json_put(obj, key, aic_json_string_or_null(s), failed);
}

void
aic_json_put_bool(json_t *obj, const char *key, bool b, bool *failed)
{
  aic_json_put(obj, key, json_boolean(b), failed);
}

void
aic_json_append(json_t *arr, json_t *value, bool *failed)
{
  if (json_array_append_new(arr, value) != 0)
    *failed = true;
}

const char *
aic_json_type_phrase(const json_t *v)
{
  switch (json_typeof(v)) {
  case JSON_OBJECT: return "an object";
  case JSON_ARRAY: return "an array";
  case JSON_STRING: return "a string";
  case JSON_INTEGER:
  case JSON_REAL: return "a number";
  case JSON_TRUE:
  case JSON_FALSE: return "a boolean";
  case JSON_NULL: return "null";
  }
  return "an unknown value";
}

/* A failed write is sticky (aic_buf): jansson 2.14 ignores the result of
 * writing an object's key (dump.c calls dump_string for keys without
 * checking it), so with json_dumps an allocation failure there gives back
 * text with a key missing. Failing every later write as well, and checking
 * the flag at the end, turns that into a clean NULL (tests/unit/alloc
 * found it). */
static int
dump_write(const char *bytes, size_t size, void *data)
{
  struct aic_buf *b = data;

  aic_buf_putn(b, bytes, size);
  return b->failed ? -1 : 0;
}

char *
aic_json_dump(const json_t *j, int pretty)
{
  /* Objects keep insertion order in jansson >= 2.8, so the key order of the
   * contract is the order out; ENSURE_ASCII is off: names stay readable UTF-8. */
  size_t flags = JSON_REAL_PRECISION(15) | JSON_ENCODE_ANY;
  struct aic_buf b = { 0 };

  flags |= pretty ? JSON_INDENT(2) : JSON_COMPACT;
  if (json_dump_callback(j, dump_write, &b, flags) != 0 || b.len == 0) {
    aic_buf_free(&b);
    return NULL;
  }
  return aic_buf_finish(&b, NULL);
}
