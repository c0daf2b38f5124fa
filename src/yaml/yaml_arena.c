/* A bump allocator for the YAML tree and the catalogue under construction:
 * thousands of small nodes and strings, freed all at once when parsing is
 * done, so neither leaks nor per-node frees are possible. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "yaml_tree.h"

#define BLOCK_MIN ((size_t)64 << 10)
#define ALIGN 16

struct arena_block {
  struct arena_block *next;
  size_t used, cap;
  _Alignas(ALIGN) unsigned char data[];
};

void *
arena_alloc(struct arena *a, size_t size)
{
  struct arena_block *b = a->head;
  size_t need = (size + (ALIGN - 1)) & ~(size_t)(ALIGN - 1);

  if (need < size)
    return NULL;
  if (b == NULL || b->cap - b->used < need) {
    size_t cap = need > BLOCK_MIN ? need : BLOCK_MIN;

    if (cap > SIZE_MAX - sizeof *b)
      return NULL;
    b = malloc(sizeof *b + cap);
    if (b == NULL)
      return NULL;
    b->used = 0;
    b->cap = cap;
    b->next = a->head;
    a->head = b;
  }
  void *p = b->data + b->used;
  b->used += need;
  memset(p, 0, size);
  return p;
}

void
arena_free(struct arena *a)
{
  struct arena_block *b = a->head;

  while (b != NULL) {
    struct arena_block *next = b->next;
    free(b);
    b = next;
  }
  a->head = NULL;
}
