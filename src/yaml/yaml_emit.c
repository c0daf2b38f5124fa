/* A positioned tree back to YAML text (yaml_tree.h), for `aicost catalogue
 * merge`: block style, two spaces a level. A plain scalar is written as it
 * was read (it resolved to its value in a block or flow context, and block
 * context reads every such text the same way); quoted and block scalars are
 * written double-quoted with escapes, so every value reads back the same. */
#include <stdio.h>

#include "yaml_tree.h"

static void
quoted(struct aic_buf *b, const char *s, size_t len)
{
  aic_buf_put(b, "\"");
  for (size_t i = 0; i < len; i++) {
    unsigned char c = (unsigned char)s[i];

    if (c == '"' || c == '\\')
      aic_buf_printf(b, "\\%c", c);
    else if (c == '\n')
      aic_buf_put(b, "\\n");
    else if (c == '\t')
      aic_buf_put(b, "\\t");
    else if (c < 0x20 || c == 0x7f)
      aic_buf_printf(b, "\\x%02x", c);
    else
      aic_buf_putn(b, s + i, 1);
  }
  aic_buf_put(b, "\"");
}

static void
scalar(struct aic_buf *b, const struct ynode *n)
{
  if (n->plain && n->len == 0)
    aic_buf_put(b, "null");
  else if (n->plain)
    aic_buf_putn(b, n->text, n->len);
  else
    quoted(b, n->text, n->len);
}

static void
indent(struct aic_buf *b, unsigned depth)
{
  for (unsigned i = 0; i < depth; i++)
    aic_buf_put(b, "  ");
}

static bool
empty_container(const struct ynode *n)
{
  return n->kind != YNODE_SCALAR && n->n == 0;
}

static void node(struct aic_buf *b, const struct ynode *n, unsigned depth, bool inline_first);

/* After "key:" or "-": a scalar or an empty container on the same line,
 * anything else on the lines below. */
static void
value(struct aic_buf *b, const struct ynode *v, unsigned depth, bool in_list)
{
  if (v->kind == YNODE_SCALAR) {
    aic_buf_put(b, " ");
    scalar(b, v);
    aic_buf_put(b, "\n");
  } else if (empty_container(v)) {
    aic_buf_put(b, v->kind == YNODE_MAP ? " {}\n" : " []\n");
  } else if (in_list && v->kind == YNODE_MAP) {
    aic_buf_put(b, " ");
    node(b, v, depth, true);
  } else {
    aic_buf_put(b, "\n");
    node(b, v, depth, false);
  }
}

/* inline_first: the first line follows a "- " already written. */
static void
node(struct aic_buf *b, const struct ynode *n, unsigned depth, bool inline_first)
{
  for (size_t i = 0; i < n->n; i++) {
    if (!(inline_first && i == 0))
      indent(b, depth);
    if (n->kind == YNODE_MAP) {
      scalar(b, n->items[2 * i]);
      aic_buf_put(b, ":");
      value(b, n->items[2 * i + 1], depth + 1, false);
    } else {
      aic_buf_put(b, "-");
      value(b, n->items[i], depth + 1, true);
    }
  }
}

void
ytree_emit(const struct ynode *root, struct aic_buf *out)
{
  if (root == NULL)
    return;
  if (root->kind == YNODE_SCALAR) {
    scalar(out, root);
    aic_buf_put(out, "\n");
  } else if (empty_container(root)) {
    aic_buf_put(out, root->kind == YNODE_MAP ? "{}\n" : "[]\n");
  } else {
    node(out, root, 0, false);
  }
}
