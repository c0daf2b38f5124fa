/* A table as JSON Schema, draft 2020-12 (schema.h): the bounds, names,
 * patterns, required members and rules the engine applies, printed for
 * editors, clients and openapi.yaml (tests/contract holds the document's
 * request schemas equal to these). What JSON Schema cannot say (a member
 * bounded by another, an id the catalogue must know) stays the engine's. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "engine.h"
#include "json_util.h"

struct gen {
  json_t *defs;
  bool bad;
};

static json_t *table_schema(struct gen *g, const struct aic_table *t, bool partial);

static void
put(struct gen *g, json_t *o, const char *key, json_t *v)
{
  aic_json_put(o, key, v, &g->bad);
}

static json_t *
ref_to(struct gen *g, const char *name)
{
  char ref[128];
  json_t *o;

  snprintf(ref, sizeof ref, "#/$defs/%s", name);
  o = json_pack("{s:s}", "$ref", ref);
  if (o == NULL)
    g->bad = true;
  return o;
}

/* A $defs entry made once, and a reference to it. */
static json_t *
def(struct gen *g, const char *name, json_t *(*make)(struct gen *, const void *, bool),
    const void *what, bool partial)
{
  if (json_object_get(g->defs, name) == NULL) {
    /* placed first, so that the $defs keep the order they are met in */
    put(g, g->defs, name, json_object());
    put(g, g->defs, name, make(g, what, partial));
  }
  return ref_to(g, name);
}

static json_t *
make_names(struct gen *g, const void *what, bool partial)
{
  const struct aic_names *names = what;
  json_t *o = json_object(), *list = json_array();

  (void)partial;
  for (const struct aic_enum_name *n = names->v; n->name != NULL; n++)
    aic_json_append(list, json_string(n->name), &g->bad);
  put(g, o, "type", json_string("string"));
  put(g, o, "enum", list);
  if (names->description != NULL)
    put(g, o, "description", json_string(names->description));
  return o;
}

static json_t *
names_schema(struct gen *g, const struct aic_names *names)
{
  if (names->schema_name != NULL)
    return def(g, names->schema_name, make_names, names, false);
  return make_names(g, names, false);
}

static json_t *
make_pattern(struct gen *g, const void *what, bool partial)
{
  const struct aic_pattern *p = what;
  json_t *o = json_object();

  (void)partial;
  put(g, o, "type", json_string("string"));
  put(g, o, "pattern", json_string(p->regex));
  put(g, o, "description", json_string(p->description != NULL ? p->description : p->what));
  return o;
}

static json_t *
pattern_schema(struct gen *g, const struct aic_pattern *p)
{
  if (p->schema_name != NULL)
    return def(g, p->schema_name, make_pattern, p, false);
  return make_pattern(g, p, false);
}

static json_t *
make_table(struct gen *g, const void *what, bool partial)
{
  return table_schema(g, what, partial);
}

/* A named table is a $defs entry; the inline form of an entry, without its
 * required members, is "<Name>Inline". */
static json_t *
table_ref(struct gen *g, const struct aic_table *t, bool partial)
{
  char name[96];

  if (t->name == NULL)
    return table_schema(g, t, partial);
  snprintf(name, sizeof name, "%s%s", t->name, partial ? "Inline" : "");
  return def(g, name, make_table, t, partial);
}

static void
bounds(struct gen *g, json_t *o, const struct aic_field *r)
{
  if (isfinite(r->min))
    put(g, o, r->gt ? "exclusiveMinimum" : "minimum", aic_json_number(r->min));
  if (isfinite(r->max))
    put(g, o, "maximum", aic_json_number(r->max));
}

static void
items(struct gen *g, json_t *o, const struct aic_field *r, const char *min, const char *max)
{
  if (r->min_items > 0)
    put(g, o, min, json_integer((json_int_t)r->min_items));
  if (r->max_items > 0)
    put(g, o, max, json_integer((json_int_t)r->max_items));
}

static json_t *
number_schema(struct gen *g, const struct aic_field *r)
{
  json_t *o = json_object();

  put(g, o, "type", json_string(r->kind == AIC_K_INT || r->whole ? "integer" : "number"));
  bounds(g, o, r);
  return o;
}

/* The schema of one member, before its description and default. */
static json_t *
kind_schema(struct gen *g, const struct aic_field *r, bool partial)
{
  json_t *o;

  switch (r->kind) {
  case AIC_K_REAL:
  case AIC_K_INT: return number_schema(g, r);
  case AIC_K_RANGE:
    o = json_pack("{s:s, s:i, s:i}", "type", "array", "minItems", 2, "maxItems", 2);
    put(g, o, "items", number_schema(g, r));
    return json_pack("{s:[o, o]}", "oneOf", number_schema(g, r), o);
  case AIC_K_BOOL: return json_pack("{s:s}", "type", "boolean");
  case AIC_K_STRING:
    if (r->pattern != NULL && r->pattern->schema_name != NULL)
      return pattern_schema(g, r->pattern);
    o = json_pack("{s:s}", "type", "string");
    if (r->min > 0)
      put(g, o, "minLength", aic_json_number(r->min));
    if (r->max > 0)
      put(g, o, "maxLength", aic_json_number(r->max));
    if (r->pattern != NULL)
      put(g, o, "pattern", json_string(r->pattern->regex));
    return o;
  case AIC_K_DATE:
    return json_pack("{s:s, s:s, s:s}", "type", "string", "format", "date", "pattern",
                     "^[0-9]{4}-[0-9]{2}-[0-9]{2}$");
  case AIC_K_ENUM: return names_schema(g, r->names);
  case AIC_K_ENUM_LIST:
    o = json_pack("{s:s, s:b}", "type", "array", "uniqueItems", 1);
    items(g, o, r, "minItems", "maxItems");
    put(g, o, "items", names_schema(g, r->names));
    return o;
  case AIC_K_OBJECT: return table_ref(g, r->sub, partial);
  case AIC_K_NUMBERS: {
    json_t *props = json_object();

    o = json_pack("{s:s, s:b}", "type", "object", "additionalProperties", 0);
    items(g, o, r, "minProperties", "maxProperties");
    for (const struct aic_enum_name *n = r->names->v; n->name != NULL; n++)
      put(g, props, n->name, number_schema(g, r));
    put(g, o, "properties", props);
    return o;
  }
  case AIC_K_ARRAY:
    o = json_pack("{s:s}", "type", "array");
    items(g, o, r, "minItems", "maxItems");
    if (r->variant != NULL) {
      json_t *forms = json_array(); /* in this order: the $defs keep the order they are met in */

      aic_json_append(forms, table_ref(g, r->sub, partial), &g->bad);
      aic_json_append(forms, table_ref(g, r->variant, partial), &g->bad);
      put(g, o, "items", json_pack("{s:o}", "oneOf", forms));
    } else {
      put(g, o, "items", table_ref(g, r->sub, partial));
    }
    return o;
  case AIC_K_MAP:
    o = json_pack("{s:s}", "type", "object");
    put(g, o, "propertyNames", pattern_schema(g, r->pattern));
    items(g, o, r, "minProperties", "maxProperties");
    put(g, o, "additionalProperties", table_ref(g, r->sub, partial));
    return o;
  case AIC_K_LIST: {
    json_t *item = r->sub == NULL ? pattern_schema(g, r->pattern)
                                  : json_pack("{s:[o, o]}", "oneOf", pattern_schema(g, r->pattern),
                                              table_ref(g, r->sub, true));
    json_t *list = json_pack("{s:s}", "type", "array");

    items(g, list, r, "minItems", "maxItems");
    put(g, list, "items", item);
    return json_pack("{s:[o, O]}", "oneOf", list, json_object_get(list, "items"));
  }
  case AIC_K_REF:
    if (r->sub == NULL)
      return pattern_schema(g, r->pattern);
    o = json_array();
    aic_json_append(o, pattern_schema(g, r->pattern), &g->bad);
    aic_json_append(o, table_ref(g, r->sub, true), &g->bad);
    return json_pack("{s:o}", "oneOf", o);
  }
  return json_object();
}

static json_t *
row_schema(struct gen *g, const struct aic_field *r, bool partial)
{
  json_t *o = kind_schema(g, r, partial);

  if (o == NULL) {
    g->bad = true;
    return NULL;
  }
  if (r->description != NULL)
    put(g, o, "description", json_string(r->description));
  if (r->unit != NULL)
    put(g, o, "x-unit", json_string(r->unit));
  if (r->dflt != NULL)
    put(g, o, "default", json_loads(r->dflt, JSON_DECODE_ANY, NULL));
  if (r->example != NULL)
    put(g, o, "examples", json_pack("[s]", r->example));
  return o;
}

/* [{"required": [a]}, {"required": [b]}, ...] */
static json_t *
each_required(struct gen *g, const char *const *names)
{
  json_t *a = json_array();

  for (; *names != NULL; names++)
    aic_json_append(a, json_pack("{s:[s]}", "required", *names), &g->bad);
  return a;
}

/* The schema an EXCLUDES rule applies while its condition holds. */
static json_t *
excluded(struct gen *g, const struct aic_rule *r)
{
  if (r->names == NULL)
    return json_pack("{s:i}", "maxProperties", 1);
  if (r->names[1] == NULL)
    return json_pack("{s:{s:[s]}}", "not", "required", r->names[0]);
  return json_pack("{s:{s:o}}", "not", "anyOf", each_required(g, r->names));
}

static json_t *
condition(struct gen *g, const struct aic_rule *r)
{
  json_t *c = json_pack("{s:[s]}", "required", r->member);

  if (r->equals != NULL)
    put(g, c, "properties",
        json_pack("{s:{s:o}}", r->member, "const", json_loads(r->equals, JSON_DECODE_ANY, NULL)));
  return c;
}

static json_t *
rule_schema(struct gen *g, const struct aic_rule *r)
{
  switch (r->kind) {
  case AIC_R_ONE_OF: return json_pack("{s:o}", "oneOf", each_required(g, r->names));
  case AIC_R_ANY_OF: return json_pack("{s:o}", "anyOf", each_required(g, r->names));
  case AIC_R_EXCLUDES:
    return json_pack("{s:o, s:o}", "if", condition(g, r), r->unless ? "else" : "then",
                     excluded(g, r));
  case AIC_R_NOT_ABOVE: break;
  }
  return NULL;
}

static json_t *
table_schema(struct gen *g, const struct aic_table *t, bool partial)
{
  json_t *o = json_pack("{s:s, s:b}", "type", "object", "additionalProperties", 0);
  json_t *props = json_object(), *required = json_array(), *rules = json_array();

  if (t->description != NULL)
    put(g, o, "description", json_string(t->description));
  for (const struct aic_field *r = t->rows; r->name != NULL; r++) {
    if (r->output_only)
      continue;
    if (r->required && !partial)
      aic_json_append(required, json_string(r->name), &g->bad);
    put(g, props, r->name, row_schema(g, r, partial));
  }
  if (json_array_size(required) > 0)
    put(g, o, "required", required);
  else
    json_decref(required);
  put(g, o, "properties", props);
  for (const struct aic_rule *r = t->rules; r != NULL && (r->names != NULL || r->member != NULL);
       r++) {
    if (r->kind != AIC_R_NOT_ABOVE) /* JSON Schema cannot compare two members */
      aic_json_append(rules, rule_schema(g, r), &g->bad);
  }
  if (json_array_size(rules) > 0)
    put(g, o, "allOf", rules);
  else
    json_decref(rules);
  return o;
}

json_t *
aic_table_json_schema(const struct aic_table *t, const char *id, const char *title)
{
  struct gen g = { json_object(), false };
  json_t *doc = json_object(), *body;
  const char *key;
  json_t *v;

  put(&g, doc, "$schema", json_string("https://json-schema.org/draft/2020-12/schema"));
  put(&g, doc, "$id", json_string(id));
  put(&g, doc, "title", json_string(title));
  body = table_schema(&g, t, false);
  json_object_foreach(body, key, v) put(&g, doc, key, json_incref(v));
  json_decref(body);
  if (json_object_size(g.defs) > 0)
    put(&g, doc, "$defs", g.defs);
  else
    json_decref(g.defs);
  if (g.bad || doc == NULL) {
    json_decref(doc);
    return NULL;
  }
  return doc;
}
