/* The one JSON writer (for src/json and the libraries built on it): every
 * document of ours that is not parsed input (projections, comparisons, the
 * warnings in them) is written by these calls straight from the structs
 * into a growable buffer, as compact text.
 *
 * The text is exactly what jansson's compact dump (aic_json_dump(tree, 0))
 * prints for a tree holding the same values: '{' '[' ',' ':' with no
 * spaces, keys in call order, numbers by the number policy of
 * aicost/json.h (num_format.h), strings escaped as jansson escapes them.
 * So the text parses back into a tree that dumps to the same bytes, which
 * is how the CLI pretty-prints it and how tests/unit/json/
 * test_json_writer.c holds the writer to jansson.
 *
 * Calls name the member's key inside an object and pass NULL inside an
 * array. A failed allocation, a string that is not UTF-8 (jansson would
 * refuse it too), nesting deeper than AIC_JW_DEPTH or a second value at the
 * top level is sticky: every later call does nothing, and aic_jw_finish
 * returns NULL.
 *
 * Why not jansson's own tree and dump: a daily series is 365 objects of 8
 * members, and building, dumping and freeing that tree costs several times
 * what writing the text does (docs/benchmarks.md has the measurements). */
#ifndef AICOST_JSON_JSON_WRITER_H
#define AICOST_JSON_JSON_WRITER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "aicost/util.h"
#include "num_format.h"

#define AIC_JW_DEPTH 16
#define AIC_JW_CACHE 16

/* A number already written: its bits, and where its text is in the buffer
 * (an offset, as the buffer may move). */
struct aic_jw_num {
  uint64_t bits;
  size_t at;
  size_t len;
};

struct aic_jw {
  struct aic_buf out;         /* the text; out.failed is the writer's sticky failure */
  int depth;                  /* containers open; 0 at the top */
  bool any[AIC_JW_DEPTH + 1]; /* the open container has a member (a ',' is due) */
  /* The same bits print the same text, and documents repeat values (a
   * series' training cost on every point, a day's cost as its period's):
   * the last numbers written are kept by a hash of their bits, and a
   * repeat is a copy of the text instead of a second formatting. */
  struct aic_jw_num cache[AIC_JW_CACHE];
};

/* With room for about `hint` bytes up front (it grows as needed). */
void aic_jw_init(struct aic_jw *w, size_t hint);
/* The text (NUL-terminated, the caller frees) and its length, or NULL. */
char *aic_jw_finish(struct aic_jw *w, size_t *len);

void aic_jw_object_begin(struct aic_jw *w, const char *key);
void aic_jw_object_end(struct aic_jw *w);
void aic_jw_array_begin(struct aic_jw *w, const char *key);
void aic_jw_array_end(struct aic_jw *w);
/* The number policy; NAN and infinities are null. */
void aic_jw_number(struct aic_jw *w, const char *key, double x);
void aic_jw_integer(struct aic_jw *w, const char *key, int64_t v);
/* NULL is null. */
void aic_jw_string(struct aic_jw *w, const char *key, const char *s);
void aic_jw_bool(struct aic_jw *w, const char *key, bool b);
void aic_jw_null(struct aic_jw *w, const char *key);
/* A value this writer wrote into another document (its whole text, n
 * bytes), nested as it is: a plan's best projection. NULL text is a
 * failure (the other writer's). */
void aic_jw_value(struct aic_jw *w, const char *key, const char *text, size_t n);

/* ---- tables: the members of a struct, each key written once ---- */

/* A key as it goes out, '"name":', rendered at compile time. */
#define AIC_JW_KEY_MAX 48
struct aic_jw_key {
  uint8_t len;
  char
    text[AIC_JW_KEY_MAX]; /* zero-padded: copied in 16-byte steps, the padding overwritten next */
};
#define AIC_JW_KEY(n)                                                                              \
  {                                                                                                \
    sizeof "\"" n "\":" - 1, "\"" n "\":"                                                          \
  }

enum aic_jw_kind {
  AIC_JW_REAL,  /* double, by the number policy (NAN: null) */
  AIC_JW_INT,   /* int */
  AIC_JW_DAY,   /* int, a day; 0 or less means none: null */
  AIC_JW_INDEX, /* size_t */
  AIC_JW_BOOL,  /* bool */
  AIC_JW_TEXT,  /* const char *, NULL: null */
  AIC_JW_NAME,  /* an enum, printed as .name(value) (NULL: null) */
  AIC_JW_CALL,  /* a value computed from the struct: .put writes it */
};

struct aic_jw_field {
  struct aic_jw_key key;
  enum aic_jw_kind kind;
  size_t offset;
  const char *(*name)(int value); /* AIC_JW_NAME */
  /* AIC_JW_CALL: writes the JSON value (at most AIC_NUM_TEXT_MAX bytes: a
   * number, null, a short string such as a date) for the struct at base
   * at p and returns its end; ctx is aic_jw_rows' (NULL for fields). */
  char *(*put)(char *p, const void *base, const void *ctx);
};
/* A member under its own name: AIC_JW_FIELD(struct aic_series_point, day, AIC_JW_INT) */
#define AIC_JW_FIELD(type, member, kind) AIC_JW_MEMBER(#member, type, member, kind)
/* A member under another key: AIC_JW_MEMBER("total_usd", struct aic_projection, training_total_usd, AIC_JW_REAL) */
#define AIC_JW_MEMBER(key, type, member, kind)                                                     \
  {                                                                                                \
    AIC_JW_KEY(key), kind, offsetof(type, member), NULL, NULL                                      \
  }
/* An enum member (the same size as an int) printed by its name */
#define AIC_JW_NAMED(key, type, member, fn)                                                        \
  {                                                                                                \
    AIC_JW_KEY(key), AIC_JW_NAME, offsetof(type, member), fn, NULL                                 \
  }
/* A value computed from the struct by fn (a date from a day number, ...) */
#define AIC_JW_COMPUTED(key, fn)                                                                   \
  {                                                                                                \
    AIC_JW_KEY(key), AIC_JW_CALL, 0, NULL, fn                                                      \
  }
/* The most members a table of aic_jw_rows may have. */
#define AIC_JW_ROW_MAX 16

/* The n members of the table f, in order, read from the struct at base,
 * into the open object. */
void aic_jw_fields(struct aic_jw *w, const void *base, const struct aic_jw_field *f, size_t n);

/* An array under `key` of n_rows objects, one for each struct of `size`
 * bytes from base, each of the table's members (at most AIC_JW_ROW_MAX);
 * ctx goes to its computed members.
 * A column's value is often the one in the row before (a flat series): each
 * real column keeps its last value's text, so that a repeat is a copy.
 * Inline (json_writer_inline.h), so that the loop over a series' points is
 * compiled for its table: its keys become constant copies and its kinds
 * are known, as in a loop written by hand for that struct. */
static inline void aic_jw_rows(struct aic_jw *w, const char *key, const void *base, size_t size,
                               size_t n_rows, const struct aic_jw_field *f, size_t n,
                               const void *ctx);

#include "json_writer_inline.h"

#endif
