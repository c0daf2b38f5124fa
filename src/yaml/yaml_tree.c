/* libyaml events -> a tree of positioned nodes (see yaml_tree.h for the
 * limits and why they exist). The event API is used rather than libyaml's
 * document loader because the loader expands aliases into shared nodes and
 * keeps no per-key positions for duplicate detection. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "yaml_tree.h"

struct cell {
  struct ynode *node;
  struct cell *next;
};

struct frame {
  struct ynode *node;
  struct cell *head, *tail;
  size_t count;
};

struct builder {
  struct ytree *t;
  struct aic_diags *errors;
  const char *text;
  size_t len;
  struct frame stack[YTREE_MAX_DEPTH + 1];
  size_t depth;
  size_t nodes;
  size_t documents;
};

void
ytree_where(const struct ytree *t, const struct ynode *n, char *out, size_t cap)
{
  snprintf(out, cap, "%s:%u:%u", n->file != NULL ? n->file : t->filename, n->line, n->col);
}

static void
error_at(struct builder *b, size_t line, size_t col, const char *reason)
{
  char where[AIC_DIAG_POINTER_MAX];

  snprintf(where, sizeof where, "%s:%zu:%zu", b->t->filename, line, col);
  aic_diag_add(b->errors, where, "(document): %s", reason);
}

static void
error_mark(struct builder *b, yaml_mark_t m, const char *reason)
{
  error_at(b, m.line + 1, m.column + 1, reason);
}

/* libyaml reports reader errors (invalid UTF-8, control characters) by byte
 * offset only; turn it into a line and a column counted in characters, as
 * libyaml does for its other marks. */
static void
offset_to_position(const char *text, size_t len, size_t offset, size_t *line, size_t *col)
{
  size_t l = 1, c = 1;

  if (offset > len)
    offset = len;
  for (size_t i = 0; i < offset; i++) {
    unsigned char ch = (unsigned char)text[i];

    if (ch == '\n') {
      l++;
      c = 1;
    } else if ((ch & 0xC0) != 0x80) {
      c++;
    }
  }
  *line = l;
  *col = c;
}

static void
report_parser_error(struct builder *b, const yaml_parser_t *p)
{
  char reason[AIC_DIAG_DETAIL_MAX];
  const char *problem = p->problem != NULL ? p->problem : "invalid YAML";

  if (p->error == YAML_MEMORY_ERROR) {
    error_at(b, 1, 1, "out of memory while parsing");
    return;
  }
  if (p->error == YAML_READER_ERROR) {
    size_t line, col;

    offset_to_position(b->text, b->len, p->problem_offset, &line, &col);
    snprintf(reason, sizeof reason, "%s (byte %zu)", problem, p->problem_offset);
    error_at(b, line, col, reason);
    return;
  }
  if (p->context != NULL)
    snprintf(reason, sizeof reason, "%s %s (started at line %zu, column %zu)", problem, p->context,
             p->context_mark.line + 1, p->context_mark.column + 1);
  else
    snprintf(reason, sizeof reason, "%s", problem);
  error_mark(b, p->problem_mark, reason);
}

static struct ynode *
new_node(struct builder *b, enum ynode_kind kind, yaml_mark_t m)
{
  struct ynode *n;

  if (++b->nodes > YTREE_MAX_NODES) {
    char reason[96];

    snprintf(reason, sizeof reason, "more than %d nodes", YTREE_MAX_NODES);
    error_mark(b, m, reason);
    return NULL;
  }
  n = arena_alloc(&b->t->arena, sizeof *n);
  if (n == NULL)
    return NULL;
  n->kind = kind;
  n->file = b->t->filename;
  n->line = (unsigned)(m.line + 1);
  n->col = (unsigned)(m.column + 1);
  return n;
}

/* Attaches a finished node to the open container, or makes it the root. */
static int
attach(struct builder *b, struct ynode *n)
{
  if (b->depth == 0) {
    b->t->root = n;
    return 0;
  }
  struct frame *f = &b->stack[b->depth - 1];
  struct cell *c = arena_alloc(&b->t->arena, sizeof *c);

  if (c == NULL)
    return AIC_E_NOMEM;
  c->node = n;
  if (f->tail != NULL)
    f->tail->next = c;
  else
    f->head = c;
  f->tail = c;
  f->count++;
  return 0;
}

static int
key_cmp(const void *a, const void *b)
{
  const struct ynode *x = *(const struct ynode *const *)a;
  const struct ynode *y = *(const struct ynode *const *)b;
  size_t n = x->len < y->len ? x->len : y->len;
  int r = memcmp(x->text, y->text, n);

  if (r != 0)
    return r;
  if (x->len != y->len)
    return x->len < y->len ? -1 : 1;
  /* equal keys: document order, so the first one is the original */
  if (x->line != y->line)
    return x->line < y->line ? -1 : 1;
  return (x->col > y->col) - (x->col < y->col);
}

/* Marks every repeated scalar key with the first occurrence. Sorting keeps
 * this O(n log n), so a hostile map of many keys stays cheap. */
static int
mark_duplicates(struct builder *b, struct ynode *map)
{
  struct ynode **keys;
  size_t k = 0;

  if (map->n < 2)
    return 0;
  keys = arena_alloc(&b->t->arena, map->n * sizeof *keys);
  if (keys == NULL)
    return AIC_E_NOMEM;
  for (size_t i = 0; i < map->n; i++)
    if (map->items[2 * i]->kind == YNODE_SCALAR)
      keys[k++] = map->items[2 * i];
  qsort(keys, k, sizeof *keys, key_cmp);
  for (size_t i = 1; i < k; i++) {
    const struct ynode *prev = keys[i - 1];

    if (keys[i]->len == prev->len && memcmp(keys[i]->text, prev->text, prev->len) == 0)
      keys[i]->dup_of = prev->dup_of != NULL ? prev->dup_of : prev;
  }
  return 0;
}

static int
close_container(struct builder *b)
{
  struct frame *f = &b->stack[--b->depth];
  struct ynode *n = f->node;
  size_t i = 0;

  if (f->count > 0) {
    n->items = arena_alloc(&b->t->arena, f->count * sizeof *n->items);
    if (n->items == NULL)
      return AIC_E_NOMEM;
  }
  for (struct cell *c = f->head; c != NULL; c = c->next)
    n->items[i++] = c->node;
  n->n = n->kind == YNODE_MAP ? f->count / 2 : f->count;
  if (n->kind == YNODE_MAP) {
    int r = mark_duplicates(b, n);

    if (r != 0)
      return r;
  }
  return attach(b, n);
}

static int
open_container(struct builder *b, enum ynode_kind kind, const yaml_event_t *ev)
{
  struct ynode *n;

  if (b->depth >= YTREE_MAX_DEPTH) {
    char reason[96];

    snprintf(reason, sizeof reason, "nested deeper than %d levels", YTREE_MAX_DEPTH);
    error_mark(b, ev->start_mark, reason);
    return AIC_E_SYNTAX;
  }
  n = new_node(b, kind, ev->start_mark);
  if (n == NULL)
    return b->nodes > YTREE_MAX_NODES ? AIC_E_SYNTAX : AIC_E_NOMEM;
  b->stack[b->depth] = (struct frame){ .node = n };
  b->depth++;
  return 0;
}

static int
add_scalar(struct builder *b, const yaml_event_t *ev)
{
  const char *value = (const char *)ev->data.scalar.value;
  size_t len = ev->data.scalar.length;
  struct ynode *n;
  char *copy;

  if (memchr(value, '\0', len) != NULL) {
    error_mark(b, ev->start_mark, "NUL character in a string");
    return AIC_E_SYNTAX;
  }
  n = new_node(b, YNODE_SCALAR, ev->start_mark);
  if (n == NULL)
    return b->nodes > YTREE_MAX_NODES ? AIC_E_SYNTAX : AIC_E_NOMEM;
  copy = arena_alloc(&b->t->arena, len + 1);
  if (copy == NULL)
    return AIC_E_NOMEM;
  memcpy(copy, value, len);
  n->text = copy;
  n->len = len;
  n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
  return attach(b, n);
}

static const char *
event_tag(const yaml_event_t *ev)
{
  switch (ev->type) {
  case YAML_SCALAR_EVENT: return (const char *)ev->data.scalar.tag;
  case YAML_SEQUENCE_START_EVENT: return (const char *)ev->data.sequence_start.tag;
  case YAML_MAPPING_START_EVENT: return (const char *)ev->data.mapping_start.tag;
  default: return NULL;
  }
}

/* One event; 0 to continue, 1 at the end of the stream, else an error. */
static int
on_event(struct builder *b, const yaml_event_t *ev)
{
  const char *tag = event_tag(ev);

  if (tag != NULL) {
    char reason[128];

    snprintf(reason, sizeof reason, "tags are not supported (found '%.40s')", tag);
    error_mark(b, ev->start_mark, reason);
    return AIC_E_SYNTAX;
  }
  switch (ev->type) {
  case YAML_STREAM_END_EVENT: return 1;
  case YAML_DOCUMENT_START_EVENT:
    if (++b->documents > 1) {
      error_mark(b, ev->start_mark, "more than one document");
      return AIC_E_SYNTAX;
    }
    return 0;
  case YAML_ALIAS_EVENT:
    error_mark(b, ev->start_mark, "aliases are not allowed");
    return AIC_E_SYNTAX;
  case YAML_SCALAR_EVENT: return add_scalar(b, ev);
  case YAML_SEQUENCE_START_EVENT: return open_container(b, YNODE_SEQ, ev);
  case YAML_MAPPING_START_EVENT: return open_container(b, YNODE_MAP, ev);
  case YAML_SEQUENCE_END_EVENT:
  case YAML_MAPPING_END_EVENT: return close_container(b);
  default: return 0;
  }
}

int
ytree_parse(struct ytree *t, const char *text, size_t len, const char *filename, size_t max_bytes,
            struct aic_diags *errors)
{
  struct builder b = { .t = t, .errors = errors, .text = text, .len = len };
  yaml_parser_t parser;
  int r = 0;

  memset(t, 0, sizeof *t);
  t->filename = filename != NULL ? filename : "-";
  if (len > max_bytes) {
    char reason[128];

    snprintf(reason, sizeof reason, "the input is larger than the limit of %zu bytes", max_bytes);
    error_at(&b, 1, 1, reason);
    return AIC_E_SYNTAX;
  }
  if (!yaml_parser_initialize(&parser))
    return AIC_E_NOMEM;
  yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
  while (r == 0) {
    yaml_event_t ev;

    if (!yaml_parser_parse(&parser, &ev)) {
      report_parser_error(&b, &parser);
      r = parser.error == YAML_MEMORY_ERROR ? AIC_E_NOMEM : AIC_E_SYNTAX;
      break;
    }
    r = on_event(&b, &ev);
    yaml_event_delete(&ev);
  }
  yaml_parser_delete(&parser);
  return r == 1 ? 0 : r;
}

void
ytree_free(struct ytree *t)
{
  if (t == NULL)
    return;
  arena_free(&t->arena);
  t->root = NULL;
}
