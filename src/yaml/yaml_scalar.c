/* Plain-scalar resolution by the YAML 1.2 core schema (spec 1.2.2, 10.3.2),
 * so that `80` is a number, `"80"` a string, `~` null and `true` a boolean,
 * whatever libyaml's YAML 1.1 habits (it resolves nothing itself).
 * Numbers are read with strtod/strtoll in the C locale the programs run in. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yaml_tree.h"

static bool
is_one_of(const char *s, const char *const *words)
{
  for (; *words != NULL; words++)
    if (strcmp(s, *words) == 0)
      return true;
  return false;
}

static bool
all_digits(const char *s, const char *set)
{
  if (*s == '\0')
    return false;
  for (; *s != '\0'; s++)
    if (strchr(set, *s) == NULL)
      return false;
  return true;
}

/* [-+]? ( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )? */
static bool
is_float(const char *s)
{
  size_t before = 0, after = 0;

  if (*s == '-' || *s == '+')
    s++;
  while (*s >= '0' && *s <= '9') {
    s++;
    before++;
  }
  if (*s == '.') {
    s++;
    while (*s >= '0' && *s <= '9') {
      s++;
      after++;
    }
  }
  if (before == 0 && after == 0)
    return false;
  if (*s == 'e' || *s == 'E') {
    s++;
    if (*s == '-' || *s == '+')
      s++;
    if (!(*s >= '0' && *s <= '9'))
      return false;
    while (*s >= '0' && *s <= '9')
      s++;
  }
  return *s == '\0';
}

static enum yscalar
resolve_int(const char *digits, int base, bool negative, struct yvalue *v)
{
  char *end;

  errno = 0;
  long long i = strtoll(digits, &end, base);

  v->fits = errno == 0 && *end == '\0';
  v->i = negative ? -i : i;
  if (!v->fits) {
    /* Too big for 64 bits: keep it as the nearest double, like JSON would. */
    errno = 0;
    v->d = base == 10 ? strtod(digits, NULL) : (double)strtoull(digits, NULL, base);
    if (negative)
      v->d = -v->d;
    return isfinite(v->d) ? YSCALAR_INT : YSCALAR_NONFINITE;
  }
  v->d = (double)v->i;
  return YSCALAR_INT;
}

enum yscalar
yscalar_resolve(const struct ynode *n, struct yvalue *v)
{
  static const char *const nulls[] = { "", "~", "null", "Null", "NULL", NULL };
  static const char *const trues[] = { "true", "True", "TRUE", NULL };
  static const char *const falses[] = { "false", "False", "FALSE", NULL };
  static const char *const infs[] = { ".inf",  ".Inf",  ".INF", "+.inf", "+.Inf", "+.INF", "-.inf",
                                      "-.Inf", "-.INF", ".nan", ".NaN",  ".NAN",  NULL };
  const char *s = n->text;

  memset(v, 0, sizeof *v);
  if (n->kind != YNODE_SCALAR || !n->plain)
    return YSCALAR_STRING;
  if (is_one_of(s, nulls))
    return YSCALAR_NULL;
  if (is_one_of(s, trues) || is_one_of(s, falses)) {
    v->b = s[0] == 't' || s[0] == 'T';
    return YSCALAR_BOOL;
  }
  if (is_one_of(s, infs))
    return YSCALAR_NONFINITE;
  if (strncmp(s, "0o", 2) == 0 && all_digits(s + 2, "01234567"))
    return resolve_int(s + 2, 8, false, v);
  if (strncmp(s, "0x", 2) == 0 && all_digits(s + 2, "0123456789abcdefABCDEF"))
    return resolve_int(s + 2, 16, false, v);
  {
    const char *digits = s + (s[0] == '-' || s[0] == '+');

    if (all_digits(digits, "0123456789"))
      return resolve_int(digits, 10, s[0] == '-', v);
  }
  if (is_float(s)) {
    errno = 0;
    v->d = strtod(s, NULL);
    /* 1e400 overflows to inf: as non-finite as .inf itself. Underflow to a
     * tiny or zero value is harmless and kept. */
    return isfinite(v->d) ? YSCALAR_FLOAT : YSCALAR_NONFINITE;
  }
  return YSCALAR_STRING;
}

const char *
ynode_describe(const struct ynode *n)
{
  struct yvalue v;

  if (n->kind == YNODE_MAP)
    return "a mapping";
  if (n->kind == YNODE_SEQ)
    return "a list";
  switch (yscalar_resolve(n, &v)) {
  case YSCALAR_NULL: return "null";
  case YSCALAR_BOOL: return "a boolean";
  case YSCALAR_INT:
  case YSCALAR_FLOAT:
  case YSCALAR_NONFINITE: return "a number";
  case YSCALAR_STRING: break;
  }
  return "a string";
}

void
yscalar_quote(const struct ynode *n, char *out, size_t cap)
{
  size_t max = 40, o = 0;

  if (cap < 8) {
    if (cap > 0)
      out[0] = '\0';
    return;
  }
  out[o++] = '\'';
  for (size_t i = 0; i < n->len && o + 5 < cap; i++) {
    unsigned char c = (unsigned char)n->text[i];

    if (i == max) {
      memcpy(out + o, "...", 3);
      o += 3;
      break;
    }
    /* control characters would garble a one-line message */
    out[o++] = c < 0x20 || c == 0x7f ? '?' : (char)c;
  }
  out[o++] = '\'';
  out[o] = '\0';
}
