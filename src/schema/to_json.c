/* A struct back out as JSON by its table (schema.h): what the catalogue
 * serves is written by the rows that read it, so the two cannot drift. */
#include <math.h>
#include <string.h>

#include "engine.h"
#include "json_util.h"

static json_t *value_json(const struct aic_field *r, const char *in);

/* The number policy of src/json: 80, not 80.0; NAN (absent) is null. */
static json_t *
number_or_null(double x)
{
  return aic_json_number(x);
}

static const char *
name_of_value(const struct aic_names *names, int value)
{
  for (const struct aic_enum_name *n = names->v; n->name != NULL; n++)
    if (n->value == value)
      return n->name;
  return NULL;
}

static json_t *
items_json(const struct aic_field *r, const char *in)
{
  const char *items;
  size_t n;
  bool map = r->kind == AIC_K_MAP, bad = false;
  json_t *out = map ? json_object() : json_array();

  memcpy(&items, in + r->offset, sizeof items);
  memcpy(&n, in + r->count_offset, sizeof n);
  if (out == NULL)
    return NULL;
  for (size_t i = 0; i < n; i++) {
    const char *item = items + i * r->sub->size, *id;
    json_t *j = aic_table_to_json(r->sub, item);

    memcpy(&id, item, sizeof id); /* an entry's first member is its id */
    if (map)
      aic_json_put(out, id, j, &bad);
    else
      aic_json_append(out, j, &bad);
  }
  if (bad) {
    json_decref(out);
    return NULL;
  }
  return out;
}

static json_t *
value_json(const struct aic_field *r, const char *in)
{
  const char *p = in + r->offset, *s;
  double x;
  int i;
  unsigned bits;

  switch (r->kind) {
  case AIC_K_REAL: memcpy(&x, p, sizeof x); return number_or_null(x);
  case AIC_K_RANGE: {
    double range[2];

    memcpy(range, in + r->range_offset, sizeof range);
    if (!isnan(range[0]) || !isnan(range[1]))
      return json_pack("[o, o]", number_or_null(range[0]), number_or_null(range[1]));
    memcpy(&x, p, sizeof x);
    return number_or_null(x);
  }
  case AIC_K_INT: memcpy(&i, p, sizeof i); return json_integer(i);
  case AIC_K_BOOL: return json_boolean(*(const bool *)p);
  case AIC_K_STRING:
  case AIC_K_DATE: memcpy(&s, p, sizeof s); return aic_json_string_or_null(s);
  case AIC_K_ENUM:
    memcpy(&i, p, sizeof i);
    return aic_json_string_or_null(name_of_value(r->names, i));
  case AIC_K_ENUM_LIST: {
    json_t *a = json_array();
    bool bad = a == NULL;

    memcpy(&bits, p, sizeof bits);
    for (const struct aic_enum_name *n = r->names->v; n->name != NULL && !bad; n++)
      if (bits & (1u << n->value))
        aic_json_append(a, json_string(n->name), &bad);
    return bad ? (json_decref(a), NULL) : a;
  }
  case AIC_K_OBJECT:
    /* an optional object not given is null, not an object of nulls */
    if (r->has_flag && !*(const bool *)(in + r->flag_offset))
      return json_null();
    return aic_table_to_json(r->sub, p);
  case AIC_K_NUMBERS: {
    json_t *o = json_object();
    bool bad = o == NULL;

    for (const struct aic_enum_name *n = r->names->v; n->name != NULL && !bad; n++) {
      memcpy(&x, p + (size_t)n->value * sizeof x, sizeof x);
      aic_json_put(o, n->name, number_or_null(x), &bad);
    }
    return bad ? (json_decref(o), NULL) : o;
  }
  case AIC_K_ARRAY:
  case AIC_K_MAP: return items_json(r, in);
  case AIC_K_LIST: {
    json_t *a = json_array();
    const char *items;
    size_t n;
    bool bad = a == NULL;

    memcpy(&items, p, sizeof items);
    memcpy(&n, in + r->count_offset, sizeof n);
    for (size_t k = 0; k < n && !bad; k++) {
      memcpy(&s, items + k * r->item_size, sizeof s); /* an item's first member is its id */
      aic_json_append(a,
                      s != NULL || r->sub == NULL
                        ? aic_json_string_or_null(s)
                        : aic_table_to_json(r->sub, items + k * r->item_size),
                      &bad);
    }
    return bad ? (json_decref(a), NULL) : a;
  }
  case AIC_K_REF:
    /* a resolved entry by its id; an inline one as given */
    memcpy(&s, p, sizeof s);
    if (s != NULL || r->sub == NULL)
      return aic_json_string_or_null(s);
    return aic_table_to_json(r->sub, p);
  }
  return json_null();
}

json_t *
aic_table_to_json(const struct aic_table *t, const void *in)
{
  json_t *o = json_object();
  bool bad = o == NULL;

  for (const struct aic_field *r = t->rows; r->name != NULL && !bad; r++)
    if (!r->validate_only)
      aic_json_put(o, r->name, value_json(r, in), &bad);
  if (bad) {
    json_decref(o);
    return NULL;
  }
  return o;
}
