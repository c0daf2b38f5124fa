/* The JSON emitter of json_writer.h: text written straight into a buffer,
 * or a jansson tree. The text side reproduces jansson's compact dump:
 * '{' '[' ',' ':' with no spaces, strings escaped as jansson's dump_string
 * escapes them without JSON_ENSURE_ASCII (\" \\ \b \f \n \r \t, other
 * control characters as \u00XX with upper-case hex, everything else as it
 * is), and rejected when they are not UTF-8 (json_string refuses them:
 * overlong forms, surrogates, beyond U+10FFFF). tests/unit/json/
 * test_json_writer.c holds both sides to the same bytes. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "aicost/util.h"
#include "json_util.h"
#include "json_writer.h"
#include "num_format.h"

void
aic_jw_init_text(struct aic_jw *w, size_t hint)
{
  memset(w, 0, sizeof *w);
  /* An empty cache slot holds bits that hash to another slot, so that no
   * lookup can match it: 0 everywhere (0 hashes to slot 0), and 1 (slot 9)
   * in slot 0. */
  w->cache[0].bits = 1;
  aic_buf_init(&w->out, hint > 64 ? hint : 64);
}

void
aic_jw_init_tree(struct aic_jw *w)
{
  memset(w, 0, sizeof *w);
  w->tree = true;
}

/* Room for n more bytes (and a NUL) in the text. */
static inline bool
reserve(struct aic_jw *w, size_t n)
{
  return aic_buf_room(&w->out, n);
}

/* The separator and the key (of length kl) of the next member, with room
 * for `value` more bytes after them; false when the writer has failed. */
static bool
member_n(struct aic_jw *w, const char *key, size_t kl, size_t value)
{
  char *p;

  if (!reserve(w, kl + 4 + value))
    return false;
  p = w->out.p + w->out.len;
  if (w->any[w->depth])
    *p++ = ',';
  w->any[w->depth] = true;
  if (key != NULL) {
    /* keys are the contract's snake_case names: nothing to escape */
    *p++ = '"';
    memcpy(p, key, kl);
    p += kl;
    *p++ = '"';
    *p++ = ':';
  }
  w->out.len = (size_t)(p - w->out.p);
  return true;
}

static bool
member(struct aic_jw *w, const char *key, size_t value)
{
  return member_n(w, key, key != NULL ? strlen(key) : 0, value);
}

static void
put_raw(struct aic_jw *w, const char *key, const char *text, size_t n)
{
  if (!member(w, key, n))
    return;
  memcpy(w->out.p + w->out.len, text, n);
  w->out.len += n;
}

/* Tree: hangs v (stolen, may be NULL after a failed allocation) on the open
 * container, or makes it the root. */
static void
attach(struct aic_jw *w, const char *key, json_t *v)
{
  json_t *parent = w->node[w->depth];
  int r;

  if (w->depth == 0) {
    if (v == NULL || w->root != NULL) {
      json_decref(v);
      w->out.failed = true;
      return;
    }
    w->root = v;
    return;
  }
  /* both steal v, also when they fail (and refuse NULL) */
  r = key != NULL ? json_object_set_new(parent, key, v) : json_array_append_new(parent, v);
  if (r != 0)
    w->out.failed = true;
}

/* begin's general side: keys, the tree, growing, failures. */
__attribute__((noinline)) static void
begin_any(struct aic_jw *w, const char *key, bool object)
{
  if (w->depth == AIC_JW_DEPTH)
    w->out.failed = true; /* a bug in the caller; the result is NULL */
  if (w->out.failed) {
    w->depth++; /* keep the count so that the ends still match */
    return;
  }
  if (w->tree) {
    json_t *c = object ? json_object() : json_array();

    attach(w, key, c);
    w->depth++;
    w->node[w->depth] = w->out.failed ? NULL : c;
    return;
  }
  if (member(w, key, 1))
    w->out.p[w->out.len++] = object ? '{' : '[';
  w->depth++;
  w->any[w->depth] = false;
}

static inline void
begin(struct aic_jw *w, const char *key, bool object)
{
  char *p;

  if (key != NULL || w->tree || w->out.failed || w->depth >= AIC_JW_DEPTH || w->out.cap - w->out.len <= 2) {
    begin_any(w, key, object);
    return;
  }
  /* an element of an array in the text (a daily series opens 365): a comma
   * if one is due and a store, no call */
  p = w->out.p + w->out.len;
  *p = ',';
  p += w->any[w->depth];
  *p++ = object ? '{' : '[';
  w->out.len = (size_t)(p - w->out.p);
  w->any[w->depth] = true;
  w->depth++;
  w->any[w->depth] = false;
}

static void
end(struct aic_jw *w, bool object)
{
  if (w->depth > 0)
    w->depth--;
  if (w->out.failed || w->tree)
    return;
  if (reserve(w, 1))
    w->out.p[w->out.len++] = object ? '}' : ']';
}

void
aic_jw_object_begin(struct aic_jw *w, const char *key)
{
  begin(w, key, true);
}

void
aic_jw_object_end(struct aic_jw *w)
{
  end(w, true);
}

void
aic_jw_array_begin(struct aic_jw *w, const char *key)
{
  begin(w, key, false);
}

void
aic_jw_array_end(struct aic_jw *w)
{
  end(w, false);
}

/* aic_jw_raw_begin's slow side: room for n bytes, or false when the
 * writer builds a tree or has failed. */
bool
aic_jw_raw_room(struct aic_jw *w, size_t n)
{
  return !w->tree && reserve(w, n);
}

void
aic_jw_number(struct aic_jw *w, const char *key, double x)
{
  if (w->out.failed)
    return;
  if (w->tree) {
    attach(w, key, aic_json_number(x));
    return;
  }
  if (member(w, key, AIC_NUM_TEXT_MAX))
    w->out.len = (size_t)(aic_jw_raw_number(w, w->out.p + w->out.len, x) - w->out.p);
}

/* A comma, a key and a value at most. */
#define FIELD_ROOM (1 + AIC_JW_KEY_MAX + AIC_NUM_TEXT_MAX)

void
aic_jw_fields(struct aic_jw *w, const void *base, const struct aic_jw_field *f, size_t n)
{
  const char *b = base;
  bool any;
  char *buf, *p;

  if (w->out.failed)
    return;
  if (w->tree) {
    for (size_t i = 0; i < n && !w->out.failed; i++) {
      const void *v = b + f[i].offset;

      attach(w, f[i].key.name,
             f[i].kind == AIC_JW_INT ? json_integer(*(const int *)v) : aic_json_number(*(const double *)v));
    }
    return;
  }
  if (n > SIZE_MAX / FIELD_ROOM || !reserve(w, n * FIELD_ROOM))
    return;
  buf = w->out.p;
  p = buf + w->out.len;
  any = w->any[w->depth];
  for (size_t i = 0; i < n; i++) {
    const void *v = b + f[i].offset;

    if (any)
      *p++ = ',';
    any = true;
    memcpy(p, f[i].key.text, AIC_JW_KEY_MAX); /* the padding is overwritten next */
    p += f[i].key.len;
    if (f[i].kind == AIC_JW_INT)
      p = aic_jw_raw_int(p, *(const int *)v);
    else
      p = aic_jw_raw_number(w, p, *(const double *)v);
  }
  w->any[w->depth] = any;
  w->out.len = (size_t)(p - buf);
}

void
aic_jw_integer(struct aic_jw *w, const char *key, int64_t v)
{
  if (w->out.failed)
    return;
  if (w->tree) {
    attach(w, key, json_integer((json_int_t)v));
    return;
  }
  if (member(w, key, AIC_NUM_TEXT_MAX))
    w->out.len = (size_t)(aic_num_put_int(w->out.p + w->out.len, v) - w->out.p);
}

void
aic_jw_bool(struct aic_jw *w, const char *key, bool b)
{
  if (w->out.failed)
    return;
  if (w->tree)
    attach(w, key, json_boolean(b));
  else if (b)
    put_raw(w, key, "true", 4);
  else
    put_raw(w, key, "false", 5);
}

void
aic_jw_null(struct aic_jw *w, const char *key)
{
  if (w->out.failed)
    return;
  if (w->tree)
    attach(w, key, json_null());
  else
    put_raw(w, key, "null", 4);
}

static const char hex[] = "0123456789ABCDEF";

void
aic_jw_string(struct aic_jw *w, const char *key, const char *s)
{
  const unsigned char *p = (const unsigned char *)s;
  size_t n;
  char *o;

  if (w->out.failed)
    return;
  if (w->tree) {
    attach(w, key, aic_json_string_or_null(s));
    return;
  }
  if (s == NULL) {
    put_raw(w, key, "null", 4);
    return;
  }
  n = strlen(s);
  /* at worst every byte becomes \u00XX */
  if (n > (SIZE_MAX - 64) / 6 || !member(w, key, 6 * n + 2))
    return;
  o = w->out.p + w->out.len;
  *o++ = '"';
  while (*p != '\0') {
    unsigned char c = *p;
    size_t seq;

    if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
      *o++ = (char)c;
      p++;
      continue;
    }
    if (c >= 0x80) {
      seq = aic_utf8_sequence(p, n - (size_t)(p - (const unsigned char *)s));
      if (seq == 0) {
        w->out.failed = true; /* json_string would have refused it */
        return;
      }
      memcpy(o, p, seq);
      o += seq;
      p += seq;
      continue;
    }
    *o++ = '\\';
    switch (c) {
    case '"': *o++ = '"'; break;
    case '\\': *o++ = '\\'; break;
    case '\b': *o++ = 'b'; break;
    case '\f': *o++ = 'f'; break;
    case '\n': *o++ = 'n'; break;
    case '\r': *o++ = 'r'; break;
    case '\t': *o++ = 't'; break;
    default:
      *o++ = 'u';
      *o++ = '0';
      *o++ = '0';
      *o++ = hex[c >> 4];
      *o++ = hex[c & 0xF];
      break;
    }
    p++;
  }
  *o++ = '"';
  w->out.len = (size_t)(o - w->out.p);
}

char *
aic_jw_finish_text(struct aic_jw *w, size_t *len)
{
  if (w->tree || w->depth != 0) {
    aic_buf_free(&w->out);
    return NULL;
  }
  return aic_buf_finish(&w->out, len);
}

json_t *
aic_jw_finish_tree(struct aic_jw *w)
{
  json_t *root = w->root;

  w->root = NULL;
  if (!w->tree || w->out.failed || w->depth != 0) {
    json_decref(root);
    return NULL;
  }
  return root;
}
