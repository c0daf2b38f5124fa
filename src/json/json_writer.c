/* The JSON writer of json_writer.h: compact text written straight into a
 * growable buffer, byte for byte what jansson's compact dump prints for the
 * same values. Strings are escaped as jansson's dump_string escapes them
 * without JSON_ENSURE_ASCII (\" \\ \b \f \n \r \t, other control
 * characters as \u00XX with upper-case hex, everything else as it is) and
 * refused when they are not UTF-8 (json_string refuses overlong forms,
 * surrogates and code points beyond U+10FFFF). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "aicost/util.h"
#include "json_writer.h"
#include "num_format.h"

void
aic_jw_init(struct aic_jw *w, size_t hint)
{
  memset(w, 0, sizeof *w);
  w->cache[0].bits = 1;
  aic_buf_init(&w->out, hint > 64 ? hint : 64);
}

char *
aic_jw_finish(struct aic_jw *w, size_t *len)
{
  if (w->depth != 0 || !w->any[0]) {
    aic_buf_free(&w->out);
    return NULL;
  }
  return aic_buf_finish(&w->out, len);
}

/* Room for n more bytes (and a NUL) in the text; false once anything failed. */
static inline bool
room(struct aic_jw *w, size_t n)
{
  return aic_buf_room(&w->out, n);
}

static inline char *
at(struct aic_jw *w)
{
  return w->out.p + w->out.len;
}

static inline void
done(struct aic_jw *w, char *end)
{
  w->out.len = (size_t)(end - w->out.p);
}

/* The ',' a member or element needs when its container has one already.
 * A second value at the top level is the caller's bug: the writer fails. */
static inline char *
separator(struct aic_jw *w, char *p)
{
  if (w->any[w->depth]) {
    if (w->depth == 0)
      w->out.failed = true;
    *p++ = ',';
  }
  w->any[w->depth] = true;
  return p;
}

/* The separator and the key of the next member (none inside an array),
 * with room for `value` more bytes after them; NULL once the writer failed. */
static char *
member(struct aic_jw *w, const char *key, size_t value)
{
  size_t kl = key != NULL ? strlen(key) : 0;
  char *p;

  if (!room(w, kl + 4 + value))
    return NULL;
  p = separator(w, at(w));
  if (key != NULL) {
    /* keys are the contract's snake_case names: nothing to escape */
    *p++ = '"';
    memcpy(p, key, kl);
    p += kl;
    *p++ = '"';
    *p++ = ':';
  }
  return p;
}

/* The same for a key of a table, rendered once: one fixed-size copy. */
static inline char *
table_member(struct aic_jw *w, const struct aic_jw_key *key, size_t value)
{
  char *p;

  if (!room(w, 1 + AIC_JW_KEY_MAX + value))
    return NULL;
  p = separator(w, at(w));
  return aic_jw_put_key(p, key);
}

static void
put_raw(struct aic_jw *w, const char *key, const char *text, size_t n)
{
  char *p = member(w, key, n);

  if (p == NULL)
    return;
  memcpy(p, text, n);
  done(w, p + n);
}

static void
begin(struct aic_jw *w, const char *key, char open)
{
  char *p;

  if (w->depth == AIC_JW_DEPTH)
    w->out.failed = true; /* a bug in the caller; the result is NULL */
  p = member(w, key, 1);
  w->depth++; /* also after a failure, so that the ends still match */
  if (p == NULL)
    return;
  *p++ = open;
  done(w, p);
  w->any[w->depth] = false;
}

static void
end(struct aic_jw *w, char close)
{
  if (w->depth > 0)
    w->depth--;
  if (room(w, 1)) {
    *at(w) = close;
    w->out.len++;
  }
}

void
aic_jw_object_begin(struct aic_jw *w, const char *key)
{
  begin(w, key, '{');
}

void
aic_jw_object_end(struct aic_jw *w)
{
  end(w, '}');
}

void
aic_jw_array_begin(struct aic_jw *w, const char *key)
{
  begin(w, key, '[');
}

void
aic_jw_array_end(struct aic_jw *w)
{
  end(w, ']');
}

/* ---- values ---- */

void
aic_jw_number(struct aic_jw *w, const char *key, double x)
{
  char *p = member(w, key, AIC_NUM_TEXT_MAX);

  if (p != NULL)
    done(w, aic_jw_put_number(w->cache, w->out.p, p, x));
}

void
aic_jw_integer(struct aic_jw *w, const char *key, int64_t v)
{
  char *p = member(w, key, AIC_NUM_TEXT_MAX);

  if (p != NULL)
    done(w, aic_jw_put_int(p, v));
}

void
aic_jw_bool(struct aic_jw *w, const char *key, bool b)
{
  if (b)
    put_raw(w, key, "true", 4);
  else
    put_raw(w, key, "false", 5);
}

void
aic_jw_null(struct aic_jw *w, const char *key)
{
  put_raw(w, key, "null", 4);
}

void
aic_jw_value(struct aic_jw *w, const char *key, const char *text, size_t n)
{
  if (text == NULL)
    w->out.failed = true;
  else
    put_raw(w, key, text, n);
}

static const char hex[] = "0123456789ABCDEF";

/* s (n bytes, not NULL) quoted and escaped at p, where 6 * n + 2 bytes are
 * free; returns the end, or NULL when s is not UTF-8. */
static char *
put_string(char *p, const char *s, size_t n)
{
  const unsigned char *c = (const unsigned char *)s, *e = c + n;

  *p++ = '"';
  while (c < e) {
    size_t seq;

    if (*c >= 0x20 && *c < 0x80 && *c != '"' && *c != '\\') {
      *p++ = (char)*c++;
      continue;
    }
    if (*c >= 0x80) {
      seq = aic_utf8_sequence(c, (size_t)(e - c));
      if (seq == 0)
        return NULL; /* json_string would have refused it */
      memcpy(p, c, seq);
      p += seq;
      c += seq;
      continue;
    }
    *p++ = '\\';
    switch (*c) {
    case '"': *p++ = '"'; break;
    case '\\': *p++ = '\\'; break;
    case '\b': *p++ = 'b'; break;
    case '\f': *p++ = 'f'; break;
    case '\n': *p++ = 'n'; break;
    case '\r': *p++ = 'r'; break;
    case '\t': *p++ = 't'; break;
    default:
      *p++ = 'u';
      *p++ = '0';
      *p++ = '0';
      *p++ = hex[*c >> 4];
      *p++ = hex[*c & 0xF];
      break;
    }
    c++;
  }
  *p++ = '"';
  return p;
}

/* Room for s at worst (every byte as \u00XX), or 0 when that overflows. */
static size_t
string_room(size_t n)
{
  return n > (SIZE_MAX - 64) / 6 ? 0 : 6 * n + 2;
}

/* After `p` (where the member's key ends, or NULL): s, or null. */
static void
finish_string(struct aic_jw *w, char *p, const char *s, size_t n)
{
  if (p == NULL)
    return;
  if (s == NULL) {
    memcpy(p, "null", 4);
    done(w, p + 4);
    return;
  }
  p = put_string(p, s, n);
  if (p == NULL)
    w->out.failed = true;
  else
    done(w, p);
}

void
aic_jw_string(struct aic_jw *w, const char *key, const char *s)
{
  size_t n = s != NULL ? strlen(s) : 0, need = string_room(n);

  if (need == 0)
    w->out.failed = true;
  finish_string(w, member(w, key, need), s, n);
}

/* ---- tables ---- */

/* A string member of a table. */
static void
put_string_member(struct aic_jw *w, const struct aic_jw_field *f, const char *v)
{
  const char *s = f->kind == AIC_JW_TEXT ? *(const char *const *)v : f->name(*(const int *)v);
  size_t len = s != NULL ? strlen(s) : 0, need = string_room(len);

  if (need == 0)
    w->out.failed = true;
  finish_string(w, table_member(w, &f->key, need), s, len);
}

/* The members of f read from base, into the open object. */
static void
put_members(struct aic_jw *w, const char *base, const struct aic_jw_field *f, size_t n,
            const void *ctx)
{
  if (w->depth == 0)
    w->out.failed = true; /* members outside an object: a bug in the caller */
  for (size_t i = 0; i < n; i++) {
    if (aic_jw_is_string(f[i].kind)) {
      put_string_member(w, &f[i], base + f[i].offset);
      continue;
    }
    if (!room(w, AIC_JW_MEMBER_ROOM))
      return;
    done(w, aic_jw_put_member(w->cache, w->out.p, at(w), base, f, i, NULL, w->any[w->depth], ctx));
    w->any[w->depth] = true;
  }
}

void
aic_jw_fields(struct aic_jw *w, const void *base, const struct aic_jw_field *f, size_t n)
{
  put_members(w, base, f, n, NULL);
}

void
aic_jw_rows_of_objects(struct aic_jw *w, const char *row, size_t size, size_t n_rows,
                       const struct aic_jw_field *f, size_t n, const void *ctx)
{
  for (size_t r = 0; r < n_rows; r++, row += size) {
    aic_jw_object_begin(w, NULL);
    put_members(w, row, f, n, ctx);
    aic_jw_object_end(w);
  }
}
