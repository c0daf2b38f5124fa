/* Any YAML document -> a jansson value, for scenario files written in YAML.
 * Plain scalars resolve by the YAML 1.2 core schema (null/~, true/false,
 * integers in decimal, 0o octal and 0x hex, floats such as 1e6); quoted and
 * block scalars are strings; .inf/.nan and overflowing numbers are errors,
 * as are duplicate keys, non-scalar keys, aliases, tags and everything
 * ytree_parse rejects. Every problem is reported as "file:line:col" with
 * "key.path: reason"; the result is NULL whenever there is one. */
#include <stdio.h>

#include "aicost/yaml.h"
#include "yaml_tree.h"

struct conv {
  struct yreport L;
  int nomem;
};

static json_t *convert(struct conv *cv, const struct ynode *n, const char *path);

static json_t *
scalar(struct conv *cv, const struct ynode *n, const char *path)
{
  struct yvalue v;

  switch (yscalar_resolve(n, &v)) {
  case YSCALAR_NULL:
    return json_null();
  case YSCALAR_BOOL:
    return json_boolean(v.b);
  case YSCALAR_INT:
    return v.fits ? json_integer((json_int_t)v.i) : json_real(v.d);
  case YSCALAR_FLOAT:
    return json_real(v.d);
  case YSCALAR_NONFINITE:
    yreport_error(&cv->L, n, path, "must be a finite number");
    return NULL;
  case YSCALAR_STRING:
    break;
  }
  return json_stringn(n->text, n->len);
}

static json_t *
mapping(struct conv *cv, const struct ynode *n, const char *path)
{
  json_t *o = json_object();

  if (o == NULL) {
    cv->nomem = 1;
    return NULL;
  }
  for (size_t i = 0; i < n->n; i++) {
    const struct ynode *key = n->items[2 * i], *val = n->items[2 * i + 1];
    char full[AIC_DIAG_DETAIL_MAX];
    json_t *v;

    if (ykey_check(&cv->L, key, path, "key"))
      continue;
    ypath_join(full, sizeof full, path, key->text);
    v = convert(cv, val, full);
    if (v != NULL && json_object_set_new(o, key->text, v) != 0)
      cv->nomem = 1;
  }
  return o;
}

static json_t *
sequence(struct conv *cv, const struct ynode *n, const char *path)
{
  json_t *a = json_array();

  if (a == NULL) {
    cv->nomem = 1;
    return NULL;
  }
  for (size_t i = 0; i < n->n; i++) {
    char full[AIC_DIAG_DETAIL_MAX];
    json_t *v;

    snprintf(full, sizeof full, "%s[%zu]", path, i);
    v = convert(cv, n->items[i], full);
    if (v != NULL && json_array_append_new(a, v) != 0)
      cv->nomem = 1;
  }
  return a;
}

static json_t *
convert(struct conv *cv, const struct ynode *n, const char *path)
{
  switch (n->kind) {
  case YNODE_MAP:
    return mapping(cv, n, path);
  case YNODE_SEQ:
    return sequence(cv, n, path);
  case YNODE_SCALAR:
    break;
  }
  return scalar(cv, n, path);
}

json_t *
aic_yaml_to_json(const char *text, size_t len, const char *filename, struct aic_diags *errors)
{
  struct aic_diags scratch;
  struct ytree tree;
  struct conv cv;
  json_t *out = NULL;
  int r;

  if (errors == NULL) {
    aic_diags_init(&scratch);
    errors = &scratch;
  }
  r = ytree_parse(&tree, text != NULL ? text : "", text != NULL ? len : 0, filename,
                  YTREE_MAX_BYTES, errors);
  if (r == 0) {
    cv = (struct conv){ .L = { .t = &tree, .errors = errors } };
    if (tree.root == NULL)
      yreport_error(&cv.L, NULL, "", "the file is empty");
    else
      out = convert(&cv, tree.root, "");
    if (cv.nomem || cv.L.n_errors > 0) {
      if (cv.nomem)
        aic_diag_add(errors, tree.filename, "(document): out of memory");
      json_decref(out);
      out = NULL;
    }
  } else if (r < 0) {
    aic_diag_add(errors, tree.filename, "(document): out of memory");
  }
  ytree_free(&tree);
  return out;
}
