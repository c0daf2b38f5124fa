/* The inline part of the JSON writer (json_writer.h includes it; nothing
 * else should): writing one member of a table, and aic_jw_rows.
 *
 * aic_jw_rows is inline so that, where it is called with a constant table
 * (a series' points), the compiler unrolls the loop over the members and
 * resolves each one at compile time: the key is a copy of known bytes, the
 * kind test and the member's offset disappear. What remains for each point
 * is what a loop written by hand for that struct would do, while the keys
 * stay written once, in the table. The helpers it needs are inline with it;
 * json_writer.c uses the same ones for aic_jw_fields. */
#ifndef AICOST_JSON_JSON_WRITER_INLINE_H
#define AICOST_JSON_JSON_WRITER_INLINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "aicost/util.h"
#include "num_format.h"

/* A comma, a key and a value that is not a string, at most. */
#define AIC_JW_MEMBER_ROOM (1 + AIC_JW_KEY_MAX + AIC_NUM_TEXT_MAX)

/* The cache slot of a number's bits: the top 4 bits of a multiplicative
 * hash. An empty slot holds bits that hash to another slot, so that no
 * lookup can match it: 0 everywhere (0 hashes to slot 0), and 1 (slot 9)
 * in slot 0 (aic_jw_init). */
#define AIC_JW_NUM_SLOT(bits) ((size_t)(((bits)*UINT64_C(0x9E3779B97F4A7C15)) >> 60))
_Static_assert(AIC_JW_CACHE == 16, "AIC_JW_NUM_SLOT gives 4 bits");
_Static_assert(AIC_JW_NUM_SLOT(UINT64_C(0)) == 0 && AIC_JW_NUM_SLOT(UINT64_C(1)) != 0,
               "the empty slots' bits");

/* The text of a number (at most 22 bytes) written earlier at `from`, again
 * at p; returns the end. A fixed-size copy: the bytes past len are
 * overwritten later, and `from` was written with AIC_NUM_TEXT_MAX bytes of
 * room, so the loads stay in the buffer. All 24 bytes are loaded before any
 * is stored, as the two may overlap. */
static inline char *
aic_jw_copy_number(char *p, const char *from, size_t len)
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

/* x formatted at p and remembered in slot; returns the end. buf is the
 * text's start (the caller's copy of the buffer pointer: byte stores
 * through p may alias the writer, so reading it there would reload it
 * after each). */
static inline char *
aic_jw_format_number(struct aic_jw_num *slot, const char *buf, char *p, double x, uint64_t bits)
{
  char *end = aic_num_put(p, x);

  slot->bits = bits;
  slot->at = (size_t)(p - buf);
  slot->len = (size_t)(end - p);
  return end;
}

/* x at p (AIC_NUM_TEXT_MAX bytes free), copied when the cache has its bits,
 * else formatted and kept there; returns the end. */
static inline char *
aic_jw_put_number(struct aic_jw_num *cache, const char *buf, char *p, double x)
{
  struct aic_jw_num *c;
  uint64_t bits;

  memcpy(&bits, &x, sizeof bits);
  c = &cache[AIC_JW_NUM_SLOT(bits)];
  if (c->bits == bits)
    return aic_jw_copy_number(p, buf + c->at, c->len);
  return aic_jw_format_number(c, buf, p, x, bits);
}

/* The real of member i of a row (aic_jw_rows) at p; returns the end.
 * columns[k] holds the text of column k's latest value: for the members
 * before i, this row's. A value is most often the one above it (a flat
 * series, the training cost on every point) or one of the two before it in
 * its row (a day's period cost is its daily cost; without training the
 * cumulative total is the cumulative inference cost): those are copied,
 * anything else is formatted, and the column remembers it. */
static inline char *
aic_jw_put_row_number(const char *buf, char *p, double x, const struct aic_jw_field *f,
                      struct aic_jw_num *columns, size_t i)
{
  struct aic_jw_num *c = &columns[i];
  uint64_t bits;

  memcpy(&bits, &x, sizeof bits);
  if (c->bits == bits)
    return aic_jw_copy_number(p, buf + c->at, c->len);
  for (size_t back = 1; back <= 2 && back <= i; back++) {
    const struct aic_jw_num *b = &columns[i - back];

    if (f[i - back].kind == AIC_JW_REAL && b->bits == bits) {
      *c = *b;
      return aic_jw_copy_number(p, buf + b->at, b->len);
    }
  }
  return aic_jw_format_number(c, buf, p, x, bits);
}

/* v at p (AIC_NUM_TEXT_MAX bytes free); one digit (a daily series' "days")
 * without a call. */
static inline char *
aic_jw_put_int(char *p, int64_t v)
{
  if (v >= 0 && v < 10) {
    *p = (char)('0' + v);
    return p + 1;
  }
  return aic_num_put_int(p, v);
}

/* A table's key at p (AIC_JW_KEY_MAX bytes free), in 16-byte copies. */
static inline char *
aic_jw_put_key(char *p, const struct aic_jw_key *k)
{
  memcpy(p, k->text, 16);
  if (k->len > 16)
    memcpy(p + 16, k->text + 16, 16);
  if (k->len > 32)
    memcpy(p + 32, k->text + 32, 16);
  return p + k->len;
}

static inline bool
aic_jw_is_string(enum aic_jw_kind k)
{
  return k == AIC_JW_TEXT || k == AIC_JW_NAME;
}

/* Member i of the table f (not a string) read from base, at p where
 * AIC_JW_MEMBER_ROOM bytes are free, after a ',' when `comma`; returns the
 * end. A real goes through the cache, or with `columns` (aic_jw_rows)
 * through the columns of the rows. */
static inline char *
aic_jw_put_member(struct aic_jw_num *cache, const char *buf, char *p, const char *base,
                  const struct aic_jw_field *f, size_t i, struct aic_jw_num *columns, bool comma,
                  const void *ctx)
{
  const void *v = base + f[i].offset;

  *p = ',';
  p = aic_jw_put_key(p + comma, &f[i].key);
  switch (f[i].kind) {
  case AIC_JW_REAL:
    if (columns != NULL)
      return aic_jw_put_row_number(buf, p, *(const double *)v, f, columns, i);
    return aic_jw_put_number(cache, buf, p, *(const double *)v);
  case AIC_JW_INT: return aic_jw_put_int(p, *(const int *)v);
  case AIC_JW_INDEX: return aic_num_put_int(p, (int64_t) * (const size_t *)v);
  case AIC_JW_DAY:
    if (*(const int *)v > 0)
      return aic_jw_put_int(p, *(const int *)v);
    memcpy(p, "null", 4);
    return p + 4;
  case AIC_JW_BOOL:
    if (*(const bool *)v) {
      memcpy(p, "true", 4);
      return p + 4;
    }
    memcpy(p, "false", 5);
    return p + 5;
  case AIC_JW_CALL: return f[i].put(p, base, ctx);
  case AIC_JW_TEXT:
  case AIC_JW_NAME: break; /* strings never come here */
  }
  return p;
}

/* The rows of a table with strings (json_writer.c): object by object. */
void aic_jw_rows_of_objects(struct aic_jw *w, const char *row, size_t size, size_t n_rows,
                            const struct aic_jw_field *f, size_t n, const void *ctx);

static inline void
aic_jw_rows(struct aic_jw *w, const char *key, const void *base, size_t size, size_t n_rows,
            const struct aic_jw_field *f, size_t n, const void *ctx)
{
  struct aic_jw_num columns[AIC_JW_ROW_MAX];
  const char *row = base;
  bool strings = false;
  size_t i;

  if (n > AIC_JW_ROW_MAX) {
    w->out.failed = true; /* a bug in the caller */
    return;
  }
  aic_jw_array_begin(w, key);
  for (i = 0; i < n; i++)
    strings = strings || aic_jw_is_string(f[i].kind);
  if (strings) {
    aic_jw_rows_of_objects(w, row, size, n_rows, f, n, ctx);
    aic_jw_array_end(w);
    return;
  }
  /* Each real column starts with bits that the first row's value does not
   * have (their complement), so that the first row fills it. */
  for (i = 0; i < n; i++) {
    uint64_t bits = 0;

    if (n_rows > 0 && f[i].kind == AIC_JW_REAL)
      memcpy(&bits, row + f[i].offset, sizeof bits);
    columns[i] = (struct aic_jw_num){ ~bits, 0, 0 };
  }
  for (size_t r = 0; r < n_rows; r++, row += size) {
    char *buf, *p;

    if (!aic_buf_room(&w->out, n * AIC_JW_MEMBER_ROOM + 2))
      return; /* failed: no need to close anything */
    buf = w->out.p;
    p = buf + w->out.len;
    *p = ',';
    p += r > 0;
    *p++ = '{';
    /* unrolled: with a constant table, each member is compiled on its own */
#if defined(__GNUC__)
#pragma GCC unroll 16
#endif
    for (i = 0; i < n; i++)
      p = aic_jw_put_member(w->cache, buf, p, row, f, i, columns, i > 0, ctx);
    *p++ = '}';
    w->out.len = (size_t)(p - buf);
  }
  aic_jw_array_end(w);
}

#endif
