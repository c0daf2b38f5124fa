/* The fast path of aic_json_parse (json_scan.h): one pass over the bytes,
 * building the jansson tree directly.
 *
 * jansson's own parser reads a character at a time through its stream and
 * lexer layers and converts every real with strtod, which for a request
 * body costs several times one pass over the bytes, on every request
 * (docs/benchmarks.md has the measurements). This one accepts only what
 * json_loadb accepts, exactly as it reads it:
 *   - whitespace is space, tab, CR, LF; the document is an object or an
 *     array with nothing but whitespace after it;
 *   - strings: UTF-8 checked with jansson's rules, no raw control
 *     characters, the escapes \" \\ \/ \b \f \n \r \t (a \u gives up);
 *   - numbers: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?; without a
 *     fraction or an exponent an integer (up to 18 digits here; longer ones
 *     give up, jansson decides whether they fit), otherwise a real: exact
 *     by one IEEE multiplication or division when the digits fit 2^53 and
 *     the power of ten is exact (Clinger's fast path), else strtod as
 *     jansson does, giving up where jansson reports an overflow;
 *   - true, false, null; duplicate keys give up (jansson reports them),
 *     found by the object's size not growing on the second set.
 * Giving up costs a second parse by jansson, nothing else. */
#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "aicost/util.h"
#include "json_alloc.h"
#include "json_scan.h"

#define MAX_DEPTH 32    /* deeper documents are jansson's (its limit: 2048) */
#define MAX_ESCAPED 256 /* longer strings with escapes are jansson's */
#define MAX_NUMBER 64   /* longer number tokens are jansson's */

struct scan {
  const unsigned char *p, *end;
  int depth;
};

static const double exact_pow10[23] = {
  1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
  1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
};

static void
skip_ws_run(struct scan *s)
{
  while (s->p < s->end) {
    unsigned char c = *s->p;

    if (c != ' ' && c != '\n' && c != '\r' && c != '\t')
      return;
    s->p++;
  }
}

/* Most calls stop at once, on a byte above the space: that test is inline. */
static inline void
skip_ws(struct scan *s)
{
  if (s->p<s->end && * s->p> ' ')
    return;
  skip_ws_run(s);
}

#define R16(x) x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x
/* 1: a byte that stands for itself in a string (printable ASCII but '"'
 * and '\\'); everything else needs a look (end, escape, control
 * character, UTF-8). */
/* clang-format off */
static const unsigned char plain[256] = {
  R16(0), R16(0),
  1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0x20: '"' */
  R16(1), R16(1),
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, /* 0x50: '\\' */
  R16(1), R16(1),
  R16(0), R16(0), R16(0), R16(0), R16(0), R16(0), R16(0), R16(0),
};
/* clang-format on */
#undef R16

static bool
is_digit(const struct scan *s, const unsigned char *p)
{
  return p < s->end && *p >= '0' && *p <= '9';
}

/* The string whose opening quote is at s->p: its bytes in the input, or
 * decoded into buf when it has escapes. */
static bool
scan_string(struct scan *s, char *buf, const char **out, size_t *len)
{
  const unsigned char *start = s->p + 1, *p = start;
  bool escaped = false;
  size_t n = 0;

  for (;;) {
    const unsigned char *run = p;
    unsigned char c;
    size_t k = 1;

    /* a run of plain bytes at a time (all of most strings) */
    while (p < s->end && plain[*p])
      p++;
    if (escaped && p > run) {
      if (n + (size_t)(p - run) > MAX_ESCAPED)
        return false;
      memcpy(buf + n, run, (size_t)(p - run));
      n += (size_t)(p - run);
    }
    if (p >= s->end)
      return false;
    c = *p;
    if (c == '"')
      break;
    if (c < 0x20)
      return false; /* a raw control character: jansson's error */
    if (c == '\\') {
      char d;

      if (!escaped) {
        n = (size_t)(p - start);
        if (n >= MAX_ESCAPED)
          return false;
        memcpy(buf, start, n);
        escaped = true;
      }
      if (p + 1 >= s->end || n >= MAX_ESCAPED)
        return false;
      switch (p[1]) {
      case '"': d = '"'; break;
      case '\\': d = '\\'; break;
      case '/': d = '/'; break;
      case 'b': d = '\b'; break;
      case 'f': d = '\f'; break;
      case 'n': d = '\n'; break;
      case 'r': d = '\r'; break;
      case 't': d = '\t'; break;
      default: return false; /* \u (surrogates, \u0000) and invalid escapes: jansson's */
      }
      buf[n++] = d;
      p += 2;
      continue;
    }
    if (c >= 0x80) {
      k = aic_utf8_sequence(p, (size_t)(s->end - p));
      if (k == 0)
        return false;
    }
    if (escaped) {
      if (n + k > MAX_ESCAPED)
        return false;
      memcpy(buf + n, p, k);
      n += k;
    }
    p += k;
  }
  if (escaped) {
    *out = buf;
    *len = n;
  } else {
    *out = (const char *)start;
    *len = (size_t)(p - start);
  }
  s->p = p + 1;
  return true;
}

static json_t *
scan_number(struct scan *s)
{
  const unsigned char *tok = s->p, *p = s->p;
  bool neg = false, real = false, exp_neg = false;
  uint64_t mant = 0;
  int sig = 0, int_digits = 0, exp10 = 0, e = 0;

  if (*p == '-') {
    neg = true;
    p++;
  }
  if (!is_digit(s, p))
    return NULL;
  if (*p == '0') {
    p++;
    int_digits = 1;
    if (is_digit(s, p))
      return NULL; /* a leading zero: jansson's error */
  } else {
    for (; is_digit(s, p); p++) {
      int_digits++;
      if (sig < 19) {
        mant = mant * 10 + (uint64_t)(*p - '0');
        sig++;
      } else {
        sig++; /* too many digits for the fast path; strtod or jansson decides */
      }
    }
  }
  if (p < s->end && *p == '.') {
    real = true;
    p++;
    if (!is_digit(s, p))
      return NULL;
    for (; is_digit(s, p); p++) {
      if (mant == 0 && *p == '0') {
        exp10--; /* leading zeros of 0.005 are not significant */
      } else if (sig < 19) {
        mant = mant * 10 + (uint64_t)(*p - '0');
        sig++;
        exp10--;
      } else {
        sig++;
      }
    }
  }
  if (p < s->end && (*p == 'e' || *p == 'E')) {
    real = true;
    p++;
    if (p < s->end && (*p == '+' || *p == '-')) {
      exp_neg = *p == '-';
      p++;
    }
    if (!is_digit(s, p))
      return NULL;
    for (; is_digit(s, p); p++)
      if (e < 100000)
        e = e * 10 + (*p - '0');
  }
  s->p = p;
  if (!real) {
    if (int_digits > 18)
      return NULL; /* jansson says whether it fits an int64 */
    return json_integer(neg ? -(json_int_t)mant : (json_int_t)mant);
  }
  exp10 += exp_neg ? -e : e;
  if (sig <= 15 && exp10 >= -22 && exp10 <= 22) {
    /* both operands exact: one correctly rounded operation, as strtod */
    double v = (double)mant;

    v = exp10 >= 0 ? v * exact_pow10[exp10] : v / exact_pow10[-exp10];
    return json_real(neg ? -v : v);
  }
  {
    char text[MAX_NUMBER];
    size_t n = (size_t)(p - tok);
    char *end = NULL;
    double v;

    if (n >= sizeof text)
      return NULL;
    memcpy(text, tok, n);
    text[n] = '\0';
    errno = 0;
    v = strtod(text, &end);
    if (end != text + n || ((v == HUGE_VAL || v == -HUGE_VAL) && errno == ERANGE))
      return NULL; /* jansson's "real number overflow" */
    return json_real(v);
  }
}

/* s->p is at `word`'s first letter. */
static bool
literal(struct scan *s, const char *word, size_t n)
{
  if ((size_t)(s->end - s->p) < n || memcmp(s->p, word, n) != 0)
    return false;
  s->p += n;
  return true;
}

static json_t *scan_value(struct scan *s);

static json_t *
scan_object(struct scan *s)
{
  json_t *o = json_object();
  size_t size = 0; /* members set so far */

  if (o == NULL)
    return NULL;
  s->p++;
  skip_ws(s);
  if (s->p < s->end && *s->p == '}') {
    s->p++;
    return o;
  }
  for (;;) {
    char buf[MAX_ESCAPED];
    const char *key;
    size_t klen;
    json_t *v;

    if (s->p >= s->end || *s->p != '"' || !scan_string(s, buf, &key, &klen))
      break;
    skip_ws(s);
    if (s->p >= s->end || *s->p != ':')
      break;
    s->p++;
    skip_ws(s);
    v = scan_value(s);
    /* steals v, and refuses NULL */
    if (json_object_setn_new_nocheck(o, key, klen, v) != 0)
      break;
    /* A duplicate replaced the first value (no hashed lookup before each
     * set): jansson's error, so give up all the same. */
    if (json_object_size(o) != ++size)
      break;
    skip_ws(s);
    if (s->p >= s->end)
      break;
    if (*s->p == '}') {
      s->p++;
      return o;
    }
    if (*s->p != ',')
      break;
    s->p++;
    skip_ws(s);
  }
  json_decref(o);
  return NULL;
}

static json_t *
scan_array(struct scan *s)
{
  json_t *a = json_array();

  if (a == NULL)
    return NULL;
  s->p++;
  skip_ws(s);
  if (s->p < s->end && *s->p == ']') {
    s->p++;
    return a;
  }
  for (;;) {
    /* steals the value, and refuses NULL */
    if (json_array_append_new(a, scan_value(s)) != 0)
      break;
    skip_ws(s);
    if (s->p >= s->end)
      break;
    if (*s->p == ']') {
      s->p++;
      return a;
    }
    if (*s->p != ',')
      break;
    s->p++;
    skip_ws(s);
  }
  json_decref(a);
  return NULL;
}

static json_t *
scan_value(struct scan *s)
{
  json_t *v = NULL;

  if (s->p >= s->end)
    return NULL;
  switch (*s->p) {
  case '{':
  case '[':
    if (s->depth == MAX_DEPTH)
      return NULL;
    s->depth++;
    v = *s->p == '{' ? scan_object(s) : scan_array(s);
    s->depth--;
    return v;
  case '"': {
    char buf[MAX_ESCAPED];
    const char *str;
    size_t n;

    return scan_string(s, buf, &str, &n) ? json_stringn_nocheck(str, n) : NULL;
  }
  case 't': return literal(s, "true", 4) ? json_true() : NULL;
  case 'f': return literal(s, "false", 5) ? json_false() : NULL;
  case 'n': return literal(s, "null", 4) ? json_null() : NULL;
  default: break;
  }
  if (*s->p == '-' || (*s->p >= '0' && *s->p <= '9'))
    return scan_number(s);
  return NULL;
}

json_t *
aic_json_scan(const char *bytes, size_t len)
{
  struct scan s = { (const unsigned char *)bytes, (const unsigned char *)bytes + len, 0 };
  json_t *doc;

  skip_ws(&s);
  if (s.p >= s.end || (*s.p != '{' && *s.p != '['))
    return NULL; /* a bare scalar or nothing: jansson's error */
  /* The tree's blocks come from those the last tree's frees left. */
  aic_json_alloc_cache(true);
  doc = scan_value(&s);
  aic_json_alloc_cache(false);
  if (doc == NULL)
    return NULL;
  skip_ws(&s);
  if (s.p != s.end) {
    json_decref(doc); /* trailing bytes: jansson's "end of file expected" */
    return NULL;
  }
  return doc;
}
