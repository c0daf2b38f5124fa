/* Private to src/io: one JSON emitter with two outputs, so that a document
 * is described once (projection_json.c) and comes out either as
 *   text: compact JSON bytes in a growable buffer, exactly what
 *         aic_json_dump(tree, 0) would print for the same calls (numbers by
 *         num_format.c, strings escaped as jansson escapes them, keys in call
 *         order), without building the tree; the server's reply path;
 *   tree: a jansson value (numbers through aic_json_number), for callers
 *         that want to walk or pretty-print it (the CLI, tests).
 * Calls name the member's key inside an object and pass NULL inside an
 * array. A failed allocation (or a string that is not UTF-8, which jansson
 * would refuse too) is sticky: every later call does nothing, and the
 * finish call returns NULL. */
#ifndef AICOST_IO_JSON_WRITER_H
#define AICOST_IO_JSON_WRITER_H

#include <stdbool.h>
#include <stddef.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#define AIC_JW_DEPTH 16
#define AIC_JW_CACHE 16

/* A number already written, and where its text is in the buffer (an empty
 * slot holds bits that hash to another slot: see aic_jw_init_text). */
struct aic_jw_num {
  uint64_t bits;
  size_t at;
  size_t len;
};

struct aic_jw {
  bool tree;   /* build a jansson tree rather than text */
  bool failed;
  int depth;   /* containers open; 0 at the top */
  bool any[AIC_JW_DEPTH + 1];      /* text: the open container has a member (a ',' is due) */
  json_t *node[AIC_JW_DEPTH + 1];  /* tree: the open containers (borrowed from root) */
  json_t *root;
  char *buf;   /* text */
  size_t len, cap;
  /* text: a series repeats values (the training cost on every point, a
   * fixed fleet's daily cost): the same bits print the same text, so the
   * last few are kept, by a hash of their bits */
  struct aic_jw_num cache[AIC_JW_CACHE];
};

/* Text with room for about `hint` bytes up front (it grows as needed). */
void aic_jw_init_text(struct aic_jw *w, size_t hint);
void aic_jw_init_tree(struct aic_jw *w);

void aic_jw_object_begin(struct aic_jw *w, const char *key);
void aic_jw_object_end(struct aic_jw *w);
void aic_jw_array_begin(struct aic_jw *w, const char *key);
void aic_jw_array_end(struct aic_jw *w);
/* The project's number format (json_util.h); NAN -> null. */
void aic_jw_number(struct aic_jw *w, const char *key, double x);

/* Tables of struct members printed under their own names, for the series
 * and the other flat objects: the key is rendered once as JSON text (the
 * text side copies it in one fixed-size move) and room for the whole run
 * is reserved once. */
#define AIC_JW_KEY_MAX 48
struct aic_jw_key {
  const char *name;          /* for the tree */
  uint8_t len;               /* of text */
  char text[AIC_JW_KEY_MAX]; /* "\"name\":", zero-padded */
};
#define AIC_JW_KEY(n) { n, sizeof "\"" n "\":" - 1, "\"" n "\":" }

enum aic_jw_kind {
  AIC_JW_REAL, /* a double, in the number format */
  AIC_JW_INT,  /* an int */
};
struct aic_jw_field {
  struct aic_jw_key key;
  enum aic_jw_kind kind;
  size_t offset;
};
/* AIC_JW_FIELD(struct aic_series_point, day, AIC_JW_INT) */
#define AIC_JW_FIELD(type, member, kind) { AIC_JW_KEY(#member), kind, offsetof(type, member) }

/* The n members of the table, in order, read from the struct at base. */
void aic_jw_fields(struct aic_jw *w, const void *base, const struct aic_jw_field *f, size_t n);
void aic_jw_integer(struct aic_jw *w, const char *key, int64_t v);
/* NULL -> null. */
void aic_jw_string(struct aic_jw *w, const char *key, const char *s);
void aic_jw_bool(struct aic_jw *w, const char *key, bool b);
void aic_jw_null(struct aic_jw *w, const char *key);

/* The text (NUL-terminated, caller frees) and its length, or NULL. */
char *aic_jw_finish_text(struct aic_jw *w, size_t *len);
/* The tree (a new reference), or NULL. */
json_t *aic_jw_finish_tree(struct aic_jw *w);

#endif
