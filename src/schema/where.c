/* Where a problem is. A JSON body's problems carry the member's JSON
 * Pointer, built only when a message needs it. A YAML file's carry the
 * node's "file:line:col" and start with the key path ("gpus.h100-sxm.
 * memory_gib: "), found from the pointer in the file's tree (src/yaml):
 * a member's value, or its key for problems about the key itself (unknown,
 * repeated), or, for a missing member, the mapping it is missing from. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "engine.h"

void
aic_where_init(struct aic_where *w, struct aic_where *parent, const char *base, const char *key)
{
  w->pointer = NULL;
  w->parent = parent;
  w->base = base;
  w->key = key;
  w->depth = parent != NULL ? parent->depth + 1 : 0;
}

const char *
aic_where_pointer(struct aic_where *w)
{
  if (w->pointer == NULL) {
    aic_pointer_join(w->buf, sizeof w->buf, w->parent ? aic_where_pointer(w->parent) : w->base,
                     w->key);
    w->pointer = w->buf;
  }
  return w->pointer;
}

static void
yaml_emit(struct aic_run *run, const struct ynode *n, const char *path, const char *reason)
{
  char where[AIC_DIAG_POINTER_MAX];

  if (n != NULL)
    ytree_where(&run->yaml->tree, n, where, sizeof where);
  else
    snprintf(where, sizeof where, "%s:1:1", run->yaml->tree.filename);
  aic_diag_add(run->d, where, "%s: %s", path[0] != '\0' ? path : "(document)", reason);
}

static void
emit_pointer(struct aic_run *run, const char *pointer, bool at_key, const char *reason)
{
  const struct ynode *n, *key;
  char path[AIC_DIAG_DETAIL_MAX];
  bool whole;

  if (run->yaml == NULL) {
    aic_diag_add(run->d, pointer, "%s", reason);
    return;
  }
  n = ytree_find(&run->yaml->tree, pointer, &key, &whole, path, sizeof path);
  yaml_emit(run, whole && at_key && key != NULL ? key : n, path, reason);
}

void
aic_emit(struct aic_run *run, struct aic_where *at, bool at_key, const char *reason)
{
  emit_pointer(run, aic_where_pointer(at), at_key, reason);
}

void
aic_emit_node(struct aic_run *run, struct aic_where *at, const struct ynode *node,
              const char *reason)
{
  const struct ynode *key;
  char path[AIC_DIAG_DETAIL_MAX];
  bool whole;

  ytree_find(&run->yaml->tree, aic_where_pointer(at), &key, &whole, path, sizeof path);
  yaml_emit(run, node, path, reason);
}

const struct ynode *
aic_node_at(struct aic_run *run, struct aic_where *at)
{
  const struct ynode *n, *key;
  char path[8];
  bool whole;

  if (run->yaml == NULL)
    return NULL;
  n = ytree_find(&run->yaml->tree, aic_where_pointer(at), &key, &whole, path, sizeof path);
  return whole ? n : NULL;
}

static void emitv(struct aic_run *run, struct aic_where *at, bool at_key, const char *fmt,
                  va_list ap) __attribute__((format(printf, 4, 0)));

static void
emitv(struct aic_run *run, struct aic_where *at, bool at_key, const char *fmt, va_list ap)
{
  char reason[AIC_DIAG_DETAIL_MAX];

  vsnprintf(reason, sizeof reason, fmt, ap);
  aic_emit(run, at, at_key, reason);
}

void
aic_emitf(struct aic_run *run, struct aic_where *at, bool at_key, const char *fmt, ...)
{
  va_list ap;

  va_start(ap, fmt);
  emitv(run, at, at_key, fmt, ap);
  va_end(ap);
}

void
aic_report(struct aic_run *run, struct aic_where *at, const char *fmt, ...)
{
  va_list ap;

  va_start(ap, fmt);
  emitv(run, at, false, fmt, ap);
  va_end(ap);
}

void
aic_report_pointer(struct aic_run *run, const char *pointer, const char *detail)
{
  emit_pointer(run, pointer, false, detail);
}
