/* One JSON emitter with two outputs (for src/json and the libraries built
 * on it), so that a document is described once (projection_json.c)
 * and comes out either as
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
#ifndef AICOST_JSON_JSON_WRITER_H
#define AICOST_JSON_JSON_WRITER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <jansson.h>

#include "aicost/util.h"
#include "num_format.h"

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
  int depth;   /* containers open; 0 at the top */
  bool any[AIC_JW_DEPTH + 1];      /* text: the open container has a member (a ',' is due) */
  json_t *node[AIC_JW_DEPTH + 1];  /* tree: the open containers (borrowed from root) */
  json_t *root;
  /* text; out.failed is the writer's sticky failure, for the tree too */
  struct aic_buf out;
  /* text: the same bits print the same text, so the last few numbers
   * written through aic_jw_number/_fields/_raw_number are kept, by a hash
   * of their bits, and a repeat is copied (the series points, where most
   * repeats are, keep their own by column: projection_json.c) */
  struct aic_jw_num cache[AIC_JW_CACHE];
};

/* Text with room for about `hint` bytes up front (it grows as needed). */
void aic_jw_init_text(struct aic_jw *w, size_t hint);
void aic_jw_init_tree(struct aic_jw *w);

void aic_jw_object_begin(struct aic_jw *w, const char *key);
void aic_jw_object_end(struct aic_jw *w);
void aic_jw_array_begin(struct aic_jw *w, const char *key);
void aic_jw_array_end(struct aic_jw *w);
/* The number policy (aicost/json.h); NAN -> null. */
void aic_jw_number(struct aic_jw *w, const char *key, double x);

/* Tables of struct members printed under their own names, for the flat
 * objects (and the series points of the tree; their text has a path of its
 * own, through the raw calls below): the key is rendered once as JSON text
 * (the text side copies it in one fixed-size move) and room for the whole
 * run is reserved once. */
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

/* Raw text, for a hot loop that writes its own bytes instead of making a
 * call per value (the series points of projection_json.c; the tree side
 * keeps the calls above). aic_jw_raw_begin returns where the next member
 * or element of the open container goes, after its ',' when one is due,
 * with room for n bytes; or NULL when the writer builds a tree or has
 * failed (write nothing then). The caller writes there (its keys with
 * their quotes and ':', values through aic_jw_raw_number/_int/_copy, its
 * own ',' between several), within the n bytes, and aic_jw_raw_end(w, end) takes
 * the text up to end. */
bool aic_jw_raw_room(struct aic_jw *w, size_t n); /* its slow side */

static inline char *
aic_jw_raw_begin(struct aic_jw *w, size_t n)
{
  char *p;

  /* inline, as a daily series calls it for each of its 365 points */
  if ((w->tree || w->out.failed || w->out.cap - w->out.len <= n + 1) && !aic_jw_raw_room(w, n + 1))
    return NULL;
  p = w->out.p + w->out.len;
  *p = ',';
  p += w->any[w->depth];
  w->any[w->depth] = true;
  return p;
}

static inline void
aic_jw_raw_end(struct aic_jw *w, char *end)
{
  w->out.len = (size_t)(end - w->out.p);
}

/* The text of a number (len <= 22 bytes) written earlier at from, again
 * at p (AIC_NUM_TEXT_MAX bytes free); returns the end. A fixed-size copy
 * (the bytes past len are overwritten later; from was written with room
 * for AIC_NUM_TEXT_MAX after it, so the loads stay in the buffer), all
 * loaded before anything is stored, as the two may overlap. Copying it
 * aside when it is written instead would read back bytes just stored, a
 * store-forwarding stall that showed in the profile. */
static inline char *
aic_jw_raw_copy(char *p, const char *from, size_t len)
{
  uint64_t t0, t1, t2;

  memcpy(&t0, from, 8);
  memcpy(&t1, from + 8, 8);
  memcpy(&t2, from + 16, 8);
  memcpy(p, &t0, 8);
  memcpy(p + 8, &t1, 8);
  memcpy(p + 16, &t2, 8);
  return p + len;
}

/* x (with these bits) formatted at p and remembered in slot, whose text
 * the buffer buf then holds; returns the end. */
static inline char *
aic_jw_num_keep(struct aic_jw_num *slot, const char *buf, char *p, double x, uint64_t bits)
{
  char *end = aic_num_put(p, x);

  slot->bits = bits;
  slot->at = (size_t)(p - buf);
  slot->len = (size_t)(end - p);
  return end;
}

/* The cache slot of a number's bits. */
#define AIC_JW_NUM_SLOT(bits) ((size_t)(((bits) * UINT64_C(0x9E3779B97F4A7C15)) >> 60))
_Static_assert(AIC_JW_CACHE == 16, "AIC_JW_NUM_SLOT gives 4 bits");
_Static_assert(AIC_JW_NUM_SLOT(UINT64_C(0)) == 0 && AIC_JW_NUM_SLOT(UINT64_C(1)) != 0,
               "the empty slots' bits");

/* x in the number format (NAN -> null) written at p in the text, where
 * there is room for AIC_NUM_TEXT_MAX bytes, through the cache; returns the
 * end. Inline, as the writer's own calls and the raw loops use it. */
static inline char *
aic_jw_raw_number(struct aic_jw *w, char *p, double x)
{
  const char *buf = w->out.p; /* in a register across aic_num_put */
  struct aic_jw_num *c;
  uint64_t bits;

  memcpy(&bits, &x, sizeof bits);
  c = &w->cache[AIC_JW_NUM_SLOT(bits)];
  if (c->bits == bits)
    return aic_jw_raw_copy(p, buf + c->at, c->len);
  return aic_jw_num_keep(c, buf, p, x, bits);
}

/* v as a JSON integer at p (room for AIC_NUM_TEXT_MAX bytes); returns the
 * end. One digit (a daily series' "days") without a call. */
static inline char *
aic_jw_raw_int(char *p, int v)
{
  if ((unsigned)v < 10) {
    *p = (char)('0' + v);
    return p + 1;
  }
  return aic_num_put_int(p, v);
}

/* The text (NUL-terminated, caller frees) and its length, or NULL. */
char *aic_jw_finish_text(struct aic_jw *w, size_t *len);
/* The tree (a new reference), or NULL. */
json_t *aic_jw_finish_tree(struct aic_jw *w);

#endif
