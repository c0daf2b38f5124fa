/* A small, strict YAML reader shared by the catalogue loader and the
 * YAML -> JSON converter: libyaml events become a tree of nodes that keep
 * their 1-based line and column, so every later error can say where it is.
 *
 * Hostile input is stopped here, before anything is interpreted:
 * aliases are rejected (no billion laughs), nesting deeper than
 * YTREE_MAX_DEPTH, more than YTREE_MAX_NODES nodes, input over the byte
 * limit, explicit tags, NUL characters in scalars, more than one document,
 * and whatever libyaml rejects (syntax, invalid UTF-8).
 * Duplicate keys are not errors here: they are marked (dup_of) so that the
 * engine of src/schema can word the error for its context ("duplicate id"). */
#ifndef AICOST_YAML_YAML_TREE_H
#define AICOST_YAML_YAML_TREE_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "aicost/diag.h"
#include "aicost/util.h"

#define YTREE_MAX_DEPTH 32
#define YTREE_MAX_NODES 200000
#define YTREE_MAX_BYTES ((size_t)4 << 20) /* 4 MiB: the default catalogue is ~25 KiB */

/* A bump allocator: a chain of blocks freed all at once. */
struct arena {
  struct arena_block *head;
};
void *arena_alloc(struct arena *a, size_t size); /* 16-byte aligned, zeroed; NULL on OOM */
void arena_free(struct arena *a);

enum ynode_kind { YNODE_SCALAR, YNODE_MAP, YNODE_SEQ };

struct ynode {
  enum ynode_kind kind;
  bool plain;                 /* scalar written without quotes or block style */
  unsigned line, col;         /* 1-based position of the node's first character */
  const char *file;           /* the file it was read from: a merged tree mixes files */
  const char *text;           /* scalar: NUL-terminated copy (in the arena) */
  size_t len;                 /* scalar: bytes in text */
  size_t n;                   /* map: key/value pairs; seq: items */
  struct ynode **items;       /* map: key0, value0, key1, value1, ...; seq: items */
  const struct ynode *dup_of; /* map key: the earlier equal key, else NULL */
};

struct ytree {
  struct arena arena;
  struct ynode *root; /* NULL for an empty stream */
  const char *filename;
};

/* Parses `len` bytes. On success returns 0 and fills `t` (root may be NULL
 * for an empty file). On failure returns AIC_E_SYNTAX (every problem already
 * in `errors` as "file:line:col" / "(document): reason") or AIC_E_NOMEM.
 * Free with ytree_free in both cases. */
int ytree_parse(struct ytree *t, const char *text, size_t len, const char *filename,
                size_t max_bytes, struct aic_diags *errors);
void ytree_free(struct ytree *t);

/* "file:line:col" for a node (the node's own file, else the tree's). */
void ytree_where(const struct ytree *t, const struct ynode *n, char *out, size_t cap);

/* ---- yaml_emit.c: a tree back to YAML text ---- */

/* Block-style YAML for the tree under `root`: plain scalars as they were
 * written, the others double-quoted; comments are not kept. Appends to out
 * (whose `failed` says if memory ran out). */
void ytree_emit(const struct ynode *root, struct aic_buf *out);

/* YAML 1.2 core-schema resolution of a plain scalar. Quoted scalars are
 * always strings. */
enum yscalar {
  YSCALAR_STRING,
  YSCALAR_NULL,
  YSCALAR_BOOL,
  YSCALAR_INT,
  YSCALAR_FLOAT,
  YSCALAR_NONFINITE, /* .inf, .nan, or a number that overflows a double */
};
/* For INT *i is set when it fits in 64 bits (else *fits is false and *d is
 * the nearest double); for FLOAT *d; for BOOL *b. */
struct yvalue {
  bool b;
  bool fits;
  long long i;
  double d;
};
enum yscalar yscalar_resolve(const struct ynode *n, struct yvalue *v);

/* A short, printable rendering of a scalar for messages ("'abc...'"). */
void yscalar_quote(const struct ynode *n, char *out, size_t cap);

/* The kind of a node for messages: "a mapping", "a list", "a string", ... */
const char *ynode_describe(const struct ynode *n);

/* ---- the document (aicost/yaml.h) and its positions (yaml_find.c) ---- */

struct aic_yaml {
  struct ytree tree;
  json_t *json; /* NULL for an empty file */
};

/* The tree under `root` as JSON, as aic_yaml_parse builds it (for a tree
 * merged from several files). NULL for NULL; *nomem set when memory ran
 * out. */
json_t *ytree_to_json(const struct ynode *root, int *nomem);

/* Where the member at JSON Pointer `pointer` is: returns the deepest node
 * the pointer reaches (NULL for an empty file), with *whole true when it
 * reaches all of it, *key the key node of the last member reached (NULL
 * for the root or a list item), and `path` the pointer as a key path
 * ("gpus.h100-sxm.peak_tflops", "scenarios[1].traffic"), unreached
 * members included. Keys are looked up as the JSON was built: the first of
 * equal keys. */
const struct ynode *ytree_find(const struct ytree *t, const char *pointer, const struct ynode **key,
                               bool *whole, char *path, size_t cap);

#endif
