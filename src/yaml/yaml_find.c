/* A JSON Pointer back to the YAML node it came from (yaml_tree.h), so that
 * a problem found in the document's JSON is reported at its line and
 * column. Walked from the root on demand: problems are few, and a map from
 * every pointer to its node would cost each valid file its building. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yaml_tree.h"

/* The next segment of `p` (after its '/'), unescaped (RFC 6901: ~1 is '/',
 * ~0 is '~'), into seg; returns where the one after starts. */
static const char *
next_segment(const char *p, char *seg, size_t cap)
{
  size_t n = 0;

  p++; /* the '/' */
  while (*p != '\0' && *p != '/') {
    char c = *p++;

    if (c == '~' && (*p == '0' || *p == '1'))
      c = *p++ == '1' ? '/' : '~';
    if (n + 1 < cap)
      seg[n++] = c;
  }
  seg[n] = '\0';
  return p;
}

static const struct ynode *
map_value(const struct ynode *map, const char *key, const struct ynode **key_node)
{
  for (size_t i = 0; i < map->n; i++) {
    const struct ynode *k = map->items[2 * i];

    if (k->kind == YNODE_SCALAR && k->dup_of == NULL && strcmp(k->text, key) == 0) {
      *key_node = k;
      return map->items[2 * i + 1];
    }
  }
  return NULL;
}

/* A list index as RFC 6901 writes one: digits, no leading zero. */
static bool
index_of(const char *s, size_t n, size_t *out)
{
  char *end;
  unsigned long long i;

  if (s[0] < '0' || s[0] > '9' || (s[0] == '0' && s[1] != '\0'))
    return false;
  i = strtoull(s, &end, 10);
  if (*end != '\0' || i >= n)
    return false;
  *out = (size_t)i;
  return true;
}

/* "key" or ".key" (after another), or "[index]" for a list item. */
static void
append(char *path, size_t cap, const char *key, size_t index)
{
  size_t used = strlen(path);

  if (used + 1 >= cap)
    return;
  if (key == NULL)
    snprintf(path + used, cap - used, "[%zu]", index);
  else
    snprintf(path + used, cap - used, "%s%s", used == 0 ? "" : ".", key);
}

const struct ynode *
ytree_find(const struct ytree *t, const char *pointer, const struct ynode **key, bool *whole,
           char *path, size_t cap)
{
  const struct ynode *node = t->root;
  char seg[AIC_DIAG_POINTER_MAX];

  *key = NULL;
  *whole = node != NULL;
  if (cap > 0)
    path[0] = '\0';
  while (pointer != NULL && *pointer == '/') {
    const struct ynode *next = NULL, *k = NULL;
    size_t i = 0;

    pointer = next_segment(pointer, seg, sizeof seg);
    if (*whole && node->kind == YNODE_MAP)
      next = map_value(node, seg, &k);
    else if (*whole && node->kind == YNODE_SEQ && index_of(seg, node->n, &i))
      next = node->items[i];
    if (next != NULL && node->kind == YNODE_SEQ)
      append(path, cap, NULL, i);
    else
      append(path, cap, seg, 0);
    if (next == NULL) {
      *whole = false;
      continue;
    }
    node = next;
    *key = k;
  }
  return node;
}
