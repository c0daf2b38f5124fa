/* One member, read by its row's kind (table.h) into the struct: each reader
 * checks what it can and says what is wrong (words.c); the engine has
 * already found the member and knows where it is. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aicost/util.h"
#include "aicost/date.h"
#include "engine.h"

static int
wrong_type(struct aic_run *run, struct aic_where *at, const struct aic_field *row, const json_t *v)
{
  aic_say_type(run, at, row, v);
  return AIC_E_INVALID;
}

static bool
in_range(const struct aic_field *row, double x)
{
  bool whole = row->kind == AIC_K_INT || row->whole;

  return (row->gt ? x > row->min : x >= row->min) && x <= row->max && (!whole || x == floor(x));
}

static int
read_number(struct aic_run *run, const struct aic_field *row, const json_t *v, struct aic_where *at,
            void *dst)
{
  double x;

  if (!json_is_number(v))
    return wrong_type(run, at, row, v);
  x = json_number_value(v);
  if (!isfinite(x)) {
    aic_say_nonfinite(run, at);
    return AIC_E_INVALID;
  }
  if (!in_range(row, x)) {
    aic_say_range(run, at, row, x);
    return AIC_E_INVALID;
  }
  if (row->kind == AIC_K_INT) {
    int i = (int)x; /* in range: the bounds of an INT row fit an int */

    memcpy(dst, &i, sizeof i);
  } else {
    memcpy(dst, &x, sizeof x);
  }
  return 0;
}

/* A RANGE: one number, or [low, high] (each named by its index when out
 * of bounds). */
static int
read_range(struct aic_run *run, const struct aic_field *row, const json_t *v, struct aic_where *at,
           void *out, void *dst)
{
  struct aic_field each = *row;
  double *range = (double *)(void *)((char *)out + row->range_offset);
  bool ok = true;

  each.kind = AIC_K_REAL;
  if (!json_is_array(v))
    return read_number(run, &each, v, at, dst);
  if (json_array_size(v) != 2)
    return wrong_type(run, at, row, v);
  for (size_t i = 0; i < 2; i++) {
    struct aic_where w;
    char index[4];

    snprintf(index, sizeof index, "%zu", i);
    aic_where_init(&w, at, NULL, index);
    ok = read_number(run, &each, json_array_get(v, i), &w, &range[i]) == 0 && ok;
  }
  return ok ? 0 : AIC_E_INVALID;
}

static int
read_string(struct aic_run *run, const struct aic_field *row, const json_t *v, struct aic_where *at,
            void *dst)
{
  const char *s = json_string_value(v);
  size_t chars;

  if (s == NULL)
    return wrong_type(run, at, row, v);
  chars = aic_utf8_length(s);
  if (chars == 0 && row->min >= 1) {
    aic_say_empty(run, at);
    return AIC_E_INVALID;
  }
  if ((row->max > 0 && (double)chars > row->max) || (double)chars < row->min) {
    aic_say_length(run, at, row, chars);
    return AIC_E_INVALID;
  }
  if (row->pattern != NULL && !row->pattern->match(s, strlen(s))) {
    aic_say_pattern(run, at, row->pattern, s);
    return AIC_E_INVALID;
  }
  memcpy(dst, &s, sizeof s);
  return 0;
}

/* YYYY-MM-DD, a day that exists (29 February in leap years only). */
bool
aic_is_date(const char *s, size_t len)
{
  long day;

  /* the core's calendar: the dates the projection can use, 1900-9999 */
  return len == 10 && aic_date_parse(s, &day);
}

static int
read_date(struct aic_run *run, const struct aic_field *row, const json_t *v, struct aic_where *at,
          void *dst)
{
  const char *s = json_string_value(v);

  if (s == NULL)
    return wrong_type(run, at, row, v);
  if (!aic_is_date(s, strlen(s))) {
    aic_say_date(run, at, s);
    return AIC_E_INVALID;
  }
  memcpy(dst, &s, sizeof s);
  return 0;
}

static const struct aic_enum_name *
name_of(const struct aic_names *names, const char *s)
{
  for (const struct aic_enum_name *n = names->v; n->name != NULL; n++)
    if (strcmp(n->name, s) == 0)
      return n;
  return NULL;
}

static int
read_enum(struct aic_run *run, const struct aic_field *row, const json_t *v, struct aic_where *at,
          void *dst)
{
  const struct aic_enum_name *n;

  if (!json_is_string(v))
    return wrong_type(run, at, row, v);
  n = name_of(row->names, json_string_value(v));
  if (n == NULL) {
    aic_say_enum(run, at, row->names, v);
    return AIC_E_INVALID;
  }
  memcpy(dst, &n->value, sizeof n->value);
  return 0;
}

static bool
count_ok(struct aic_run *run, struct aic_where *at, const struct aic_field *row, size_t n)
{
  if (n >= row->min_items && (row->max_items == 0 || n <= row->max_items))
    return true;
  aic_say_count(run, at, row, n);
  return false;
}

static int
read_enum_list(struct aic_run *run, const struct aic_field *row, const json_t *v,
               struct aic_where *at, void *dst)
{
  unsigned bits = 0;
  bool ok;

  if (!json_is_array(v))
    return wrong_type(run, at, row, v);
  ok = count_ok(run, at, row, json_array_size(v));
  for (size_t i = 0; i < json_array_size(v); i++) {
    const json_t *item = json_array_get(v, i);
    const struct aic_enum_name *n = json_is_string(item)
                                      ? name_of(row->names, json_string_value(item))
                                      : NULL;
    struct aic_where w;
    char index[24];

    snprintf(index, sizeof index, "%zu", i);
    aic_where_init(&w, at, NULL, index);
    if (n == NULL) {
      aic_say_enum(run, &w, row->names, item);
      ok = false;
    } else if (bits & (1u << n->value)) {
      aic_say_listed_twice(run, &w);
      ok = false;
    } else {
      bits |= 1u << n->value;
    }
  }
  memcpy(dst, &bits, sizeof bits);
  return ok ? 0 : AIC_E_INVALID;
}

bool
aic_null_was_nonfinite(struct aic_run *run, struct aic_where *at)
{
  const struct ynode *n = aic_node_at(run, at);
  struct yvalue yv;

  if (n == NULL || n->kind != YNODE_SCALAR || yscalar_resolve(n, &yv) != YSCALAR_NONFINITE)
    return false;
  aic_say_nonfinite(run, at);
  return true;
}

static int
read_numbers(struct aic_run *run, const struct aic_field *row, const json_t *v,
             struct aic_where *at, double *dst)
{
  /* each value is a number by the row's bounds */
  struct aic_field each = *row;
  const char *key;
  json_t *x;
  size_t given = 0;
  bool ok = true;

  each.kind = AIC_K_REAL;
  if (!json_is_object(v))
    return wrong_type(run, at, row, v);
  if (run->yaml != NULL)
    ok = !aic_say_yaml_keys(run, at, "key");
  json_object_foreach((json_t *)v, key, x)
  {
    const struct aic_enum_name *n = name_of(row->names, key);
    struct aic_where w;
    double value;

    aic_where_init(&w, at, NULL, key);
    if (n == NULL) {
      aic_say_unknown_name(run, &w, row->names, key);
      ok = false;
      continue;
    }
    given++;
    if (json_is_null(x)) {
      ok = !aic_null_was_nonfinite(run, &w) && ok;
      continue;
    }
    if (read_number(run, &each, x, &w, &value) != 0)
      ok = false;
    else
      dst[n->value] = value;
  }
  ok = count_ok(run, at, row, given) && ok;
  return ok ? 0 : AIC_E_INVALID;
}

static void *
allocate(struct aic_run *run, size_t size)
{
  return run->alloc != NULL ? run->alloc(run->arena, size) : malloc(size);
}

static int
read_array(struct aic_run *run, const struct aic_field *row, const json_t *v, struct aic_where *at,
           void *out, bool partial)
{
  size_t n = json_array_size(v), size = row->variant != NULL ? row->item_size : row->sub->size,
         *count = (void *)((char *)out + row->count_offset);
  char *items;
  bool ok = true;

  if (!json_is_array(v))
    return wrong_type(run, at, row, v);
  /* checked before any item is read, so 100,000 of them cost nothing */
  if (!count_ok(run, at, row, n))
    return AIC_E_INVALID;
  if (n == 0)
    return 0;
  items = allocate(run, n * size);
  if (items == NULL)
    return AIC_E_NOMEM;
  if (row->variant != NULL)
    memset(items, 0, n * size); /* a table fills its own part of the item */
  memcpy((char *)out + row->offset, &items, sizeof items);
  *count = n;
  for (size_t i = 0; i < n; i++) {
    const json_t *item = json_array_get(v, i);
    const struct aic_table *t = row->sub;
    struct aic_where w;
    char index[24];
    int rc;

    if (row->variant != NULL && json_is_object(item) &&
        json_object_get(item, row->variant_key) != NULL)
      t = row->variant;
    snprintf(index, sizeof index, "%zu", i);
    aic_where_init(&w, at, NULL, index);
    rc = aic_apply_fresh(run, t, item, &w, items + i * size, partial);
    if (rc < 0)
      return rc;
    ok = rc == 0 && ok;
  }
  return ok ? 0 : AIC_E_INVALID;
}

static int
read_map(struct aic_run *run, const struct aic_field *row, const json_t *v, struct aic_where *at,
         void *out, bool partial)
{
  size_t size = row->sub->size, k = 0, *count = (void *)((char *)out + row->count_offset);
  const char *key;
  json_t *item;
  char *items = NULL;
  bool ok = true;

  if (!json_is_object(v))
    return wrong_type(run, at, row, v);
  if (run->yaml != NULL)
    ok = !aic_say_yaml_keys(run, at, "id");
  if (!count_ok(run, at, row, json_object_size(v)))
    ok = false;
  if (json_object_size(v) > 0) {
    items = allocate(run, json_object_size(v) * size);
    if (items == NULL)
      return AIC_E_NOMEM;
  }
  json_object_foreach((json_t *)v, key, item)
  {
    struct aic_where w;
    char *entry = items + k * size;
    int rc;

    aic_where_init(&w, at, NULL, key);
    if (!row->pattern->match(key, strlen(key))) {
      aic_say_bad_id(run, &w, row->pattern);
      ok = false;
      continue;
    }
    rc = aic_apply_fresh(run, row->sub, item, &w, entry, partial);
    if (rc < 0)
      return rc;
    ok = rc == 0 && ok;
    memcpy(entry, &key, sizeof key); /* an entry's first member is its id */
    k++;
  }
  memcpy((char *)out + row->offset, &items, sizeof items);
  *count = k;
  return ok ? 0 : AIC_E_INVALID;
}

static int
read_ref(struct aic_run *run, const struct aic_field *row, const json_t *v, struct aic_where *at,
         void *out, void *dst)
{
  bool *is_inline = row->has_inline_flag ? (bool *)((char *)out + row->inline_flag_offset) : NULL;

  if (json_is_string(v)) {
    if (is_inline != NULL)
      *is_inline = false;
    return row->resolve(row, json_string_value(v), at, dst, run);
  }
  if (row->sub == NULL || !json_is_object(v))
    return wrong_type(run, at, row, v);
  if (is_inline != NULL)
    *is_inline = true;
  /* an inline entry gives only what the computation needs; the core names
   * anything missing */
  return aic_apply_fresh(run, row->sub, v, at, dst, true);
}

/* A list of ids (or inline objects), or one id alone: each item as a REF
 * row reads it, at its index ("/gpus/1"), or at the member for a lone id. */
static int
read_list(struct aic_run *run, const struct aic_field *row, const json_t *v, struct aic_where *at,
          void *out)
{
  bool lone = json_is_string(v);
  size_t n = lone ? 1 : json_array_size(v), *count = (void *)((char *)out + row->count_offset);
  char *items;
  bool ok = true;

  if (!lone && !json_is_array(v))
    return wrong_type(run, at, row, v);
  if (!count_ok(run, at, row, n))
    return AIC_E_INVALID;
  if (n == 0)
    return 0;
  items = allocate(run, n * row->item_size);
  if (items == NULL)
    return AIC_E_NOMEM;
  memset(items, 0, n * row->item_size);
  memcpy((char *)out + row->offset, &items, sizeof items);
  *count = n;
  for (size_t i = 0; i < n; i++) {
    const json_t *item = lone ? v : json_array_get(v, i);
    char *dst = items + i * row->item_size;
    struct aic_where w;
    char index[24];
    int rc;

    snprintf(index, sizeof index, "%zu", i);
    aic_where_init(&w, at, NULL, index);
    if (json_is_string(item))
      rc = row->resolve(row, json_string_value(item), lone ? at : &w, dst, run);
    else if (row->sub != NULL && json_is_object(item))
      rc = aic_apply_fresh(run, row->sub, item, &w, dst, true);
    else
      rc = wrong_type(run, &w, row, item);
    if (rc < 0)
      return rc;
    ok = rc == 0 && ok;
  }
  return ok ? 0 : AIC_E_INVALID;
}

int
aic_read(struct aic_run *run, const struct aic_field *row, const json_t *v, struct aic_where *at,
         void *out, bool partial)
{
  char *dst = (char *)out + row->offset;
  union {
    double x;
    int i;
    bool b;
    const char *s;
  } discard;

  if (row->has_flag)
    *(bool *)((char *)out + row->flag_offset) = true;
  if (row->validate_only)
    dst = (char *)&discard; /* scalar kinds only: a throwaway slot of any of their sizes */
  switch (row->kind) {
  case AIC_K_REAL:
  case AIC_K_INT: return read_number(run, row, v, at, dst);
  case AIC_K_RANGE: return read_range(run, row, v, at, out, dst);
  case AIC_K_BOOL:
    if (!json_is_boolean(v))
      return wrong_type(run, at, row, v);
    *(bool *)dst = json_is_true(v);
    return 0;
  case AIC_K_STRING: return read_string(run, row, v, at, dst);
  case AIC_K_DATE: return read_date(run, row, v, at, dst);
  case AIC_K_ENUM: return read_enum(run, row, v, at, dst);
  case AIC_K_ENUM_LIST: return read_enum_list(run, row, v, at, dst);
  case AIC_K_OBJECT:
    if (!json_is_object(v))
      return wrong_type(run, at, row, v);
    return aic_apply(run, row->sub, v, at, dst, partial);
  case AIC_K_NUMBERS: return read_numbers(run, row, v, at, (double *)(void *)dst);
  case AIC_K_ARRAY: return read_array(run, row, v, at, out, partial);
  case AIC_K_MAP: return read_map(run, row, v, at, out, partial);
  case AIC_K_REF: return read_ref(run, row, v, at, out, dst);
  case AIC_K_LIST: return read_list(run, row, v, at, out);
  }
  return AIC_E_INTERNAL;
}
