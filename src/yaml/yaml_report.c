/* Problems found in a YAML tree, reported where they are (yaml_tree.h):
 * "file:line:col" as the pointer, "key.path: reason" as the detail, the
 * shape shared by the catalogue loader and the YAML -> JSON converter. */
#include <stdarg.h>
#include <stdio.h>

#include "yaml_tree.h"

void
yreport_error(struct yreport *L, const struct ynode *at, const char *path, const char *fmt, ...)
{
  char where[AIC_DIAG_POINTER_MAX];
  char reason[AIC_DIAG_DETAIL_MAX];
  va_list ap;

  if (at != NULL)
    ytree_where(L->t, at, where, sizeof where);
  else
    snprintf(where, sizeof where, "%s:1:1", L->t->filename);
  va_start(ap, fmt);
  vsnprintf(reason, sizeof reason, fmt, ap);
  va_end(ap);
  aic_diag_add(L->errors, where, "%s: %s", path[0] != '\0' ? path : "(document)", reason);
  L->n_errors++;
}

const char *
ynode_describe(const struct ynode *n)
{
  struct yvalue v;

  if (n->kind == YNODE_MAP)
    return "a mapping";
  if (n->kind == YNODE_SEQ)
    return "a list";
  switch (yscalar_resolve(n, &v)) {
  case YSCALAR_NULL:
    return "null";
  case YSCALAR_BOOL:
    return "a boolean";
  case YSCALAR_INT:
  case YSCALAR_FLOAT:
  case YSCALAR_NONFINITE:
    return "a number";
  case YSCALAR_STRING:
    break;
  }
  return "a string";
}

bool
ykey_check(struct yreport *L, const struct ynode *key, const char *path, const char *what)
{
  char full[AIC_DIAG_DETAIL_MAX];

  if (key->kind != YNODE_SCALAR) {
    yreport_error(L, key, path, "%s must be a plain string, not %s", what, ynode_describe(key));
    return true;
  }
  if (key->dup_of != NULL) {
    ypath_join(full, sizeof full, path, key->text);
    yreport_error(L, key, full, "duplicate %s (first at line %u, column %u)", what,
                key->dup_of->line, key->dup_of->col);
    return true;
  }
  return false;
}
