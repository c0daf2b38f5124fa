/* The tree as JSON (aicost/yaml.h). Plain scalars resolve by the YAML 1.2
 * core schema (null/~, true/false, integers in decimal, 0o octal and 0x
 * hex, floats such as 1e6); quoted and block scalars are strings. Nothing
 * is reported here: a value JSON cannot hold (.inf, .nan, 1e400) becomes
 * null and a repeated or non-string key is left out, and src/schema, which
 * knows what each member must be, reports them where they are. */
#include <stdlib.h>

#include "aicost/yaml.h"
#include "yaml_tree.h"

static json_t *convert(const struct ynode *n, int *nomem);

static json_t *
scalar(const struct ynode *n)
{
  struct yvalue v;

  switch (yscalar_resolve(n, &v)) {
  case YSCALAR_NULL:
  case YSCALAR_NONFINITE: return json_null();
  case YSCALAR_BOOL: return json_boolean(v.b);
  case YSCALAR_INT: return v.fits ? json_integer((json_int_t)v.i) : json_real(v.d);
  case YSCALAR_FLOAT: return json_real(v.d);
  case YSCALAR_STRING: break;
  }
  return json_stringn(n->text, n->len);
}

static json_t *
mapping(const struct ynode *n, int *nomem)
{
  json_t *o = json_object();

  if (o == NULL) {
    *nomem = 1;
    return NULL;
  }
  for (size_t i = 0; i < n->n; i++) {
    const struct ynode *key = n->items[2 * i], *val = n->items[2 * i + 1];
    json_t *v;

    if (key->kind != YNODE_SCALAR || key->dup_of != NULL)
      continue;
    v = convert(val, nomem);
    if (v == NULL || json_object_set_new(o, key->text, v) != 0)
      *nomem = 1;
  }
  return o;
}

static json_t *
sequence(const struct ynode *n, int *nomem)
{
  json_t *a = json_array();

  if (a == NULL) {
    *nomem = 1;
    return NULL;
  }
  for (size_t i = 0; i < n->n; i++)
    if (json_array_append_new(a, convert(n->items[i], nomem)) != 0)
      *nomem = 1;
  return a;
}

static json_t *
convert(const struct ynode *n, int *nomem)
{
  switch (n->kind) {
  case YNODE_MAP: return mapping(n, nomem);
  case YNODE_SEQ: return sequence(n, nomem);
  case YNODE_SCALAR: break;
  }
  return scalar(n);
}

json_t *
ytree_to_json(const struct ynode *root, int *nomem)
{
  return root != NULL ? convert(root, nomem) : NULL;
}

int
aic_yaml_parse(const char *text, size_t len, const char *filename, size_t max_bytes,
               struct aic_yaml **out, struct aic_diags *errors)
{
  struct aic_yaml *y = calloc(1, sizeof *y);
  int r, nomem = 0;

  *out = NULL;
  if (y == NULL)
    return AIC_E_NOMEM;
  r = ytree_parse(&y->tree, text != NULL ? text : "", text != NULL ? len : 0, filename, max_bytes,
                  errors);
  if (r == 0 && y->tree.root != NULL) {
    y->json = convert(y->tree.root, &nomem);
    if (nomem)
      r = AIC_E_NOMEM;
  }
  if (r != 0) {
    aic_yaml_free(y);
    return r;
  }
  *out = y;
  return AIC_OK;
}

json_t *
aic_yaml_json(const struct aic_yaml *y)
{
  return y->json;
}

const char *
aic_yaml_filename(const struct aic_yaml *y)
{
  return y->tree.filename;
}

void
aic_yaml_free(struct aic_yaml *y)
{
  if (y == NULL)
    return;
  json_decref(y->json);
  ytree_free(&y->tree);
  free(y);
}
