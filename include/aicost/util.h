/* src/util: small helpers that several folders need, each written once.
 *
 *   hash.c   FNV-1a 64, the fingerprint behind ETags and catalogue hashes
 *   utf8.c   UTF-8 by jansson's rules (what a JSON string may hold)
 *   buf.c    a growable byte buffer whose allocation failure is sticky,
 *            and reading a whole stream into one under a size limit
 *   quote.c  a user's string shortened and quoted for a message
 *   file.c   opening a file that must be a regular one, without blocking
 *
 * What may live here: code with no knowledge of aicost's data (no cost
 * model, scenario, catalogue or JSON types) that at least two folders
 * would otherwise each write. What may not: anything that links more than
 * libc, global state, or policy (which number format, which limits): the
 * callers decide those. Every other library may depend on this one; it
 * depends on none. Tests: tests/unit/util. */
#ifndef AICOST_UTIL_H
#define AICOST_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* ---- hash.c: FNV-1a, 64 bits ----
 * Not cryptographic: a stable, platform-independent fingerprint for caches
 * and reports (http://www.isthe.com/chongo/tech/comp/fnv/). */

#define AIC_FNV1A_OFFSET UINT64_C(0xcbf29ce484222325)

/* h (AIC_FNV1A_OFFSET to start) carried over `len` more bytes. */
uint64_t aic_fnv1a(uint64_t h, const void *data, size_t len);

/* h as 16 lower-case hex digits and a NUL. */
void aic_hash_hex(uint64_t h, char out[17]);

/* ---- utf8.c ---- */

/* The length (1..4) of the UTF-8 sequence at s, of which `avail` bytes may
 * be read, as jansson accepts it (no overlong forms, no surrogates, nothing
 * beyond U+10FFFF), or 0 when it is not one. It stops reading at the first
 * byte that breaks the sequence, so a NUL-terminated string is safe with
 * any `avail` up to its end. */
size_t aic_utf8_sequence(const unsigned char *s, size_t avail);

/* The same, with the code point in *cp when the length is not 0. */
size_t aic_utf8_decode(const unsigned char *s, size_t avail, uint32_t *cp);

/* The characters (not bytes) of a string that is valid UTF-8. */
size_t aic_utf8_length(const char *s);

/* ---- buf.c: a growable byte buffer ----
 * After a failed allocation every later append does nothing and `failed`
 * stays set, so a writer checks once, at the end. The text is always
 * followed by room for a NUL. Start from { 0 } or aic_buf_init. */
struct aic_buf {
  char *p;
  size_t len;
  size_t cap;
  bool failed;
};

/* Room for `hint` bytes up front (a failed allocation sets `failed`). */
void aic_buf_init(struct aic_buf *b, size_t hint);

/* The slow side of aic_buf_room: grows (doubling) to hold n more bytes and
 * a NUL. False, with `failed` set, when that cannot be allocated. */
bool aic_buf_grow(struct aic_buf *b, size_t n);

/* Room for n more bytes and a NUL at p + len; false once anything failed. */
static inline bool
aic_buf_room(struct aic_buf *b, size_t n)
{
  return !b->failed && (b->cap - b->len > n || aic_buf_grow(b, n));
}

void aic_buf_putn(struct aic_buf *b, const char *s, size_t n);
void aic_buf_put(struct aic_buf *b, const char *s);
void aic_buf_printf(struct aic_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Hands the NUL-terminated text to the caller (length in *len, may be
 * NULL), "" when nothing was appended; or frees it and returns NULL when
 * anything failed. The buffer is empty afterwards. */
char *aic_buf_finish(struct aic_buf *b, size_t *len);

/* Frees the text; the buffer is empty afterwards. */
void aic_buf_free(struct aic_buf *b);

/* Appends what is left of f, up to max + 1 bytes, NUL-terminated. Returns 0;
 * EFBIG when f holds more than max bytes (the first max + 1 are in b, for a
 * caller that reports the size itself); ENOMEM; or the errno of a read
 * error. */
int aic_buf_read(struct aic_buf *b, FILE *f, size_t max);

/* ---- file.c ---- */

/* Opens `path` for reading when it is a regular file (or a symlink to one),
 * or returns NULL with a short reason in `why` ("cannot open: No such file
 * or directory", "is a FIFO (named pipe), not a regular file"). Opening
 * never waits: a FIFO at a catalogue's path used to block the thread that
 * reloads it, and SIGTERM with it. Read the stream with aic_buf_read. */
FILE *aic_open_regular(const char *path, char *why, size_t cap);

/* ---- quote.c ---- */

/* s for a message: in single quotes, and when longer than 40 bytes its
 * first 37 and "...", so that a megabyte value cannot crowd out the rest
 * of the message ("unknown gpu 'h100'"). */
void aic_quote_short(char *out, size_t cap, const char *s);

#endif
