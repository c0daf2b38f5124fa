#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "xmlcheck.h"

#define DEPTH 64
#define NAME 32

static bool
name_start(unsigned char c)
{
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':' || c >= 0x80;
}

static bool
name_char(unsigned char c)
{
  return name_start(c) || (c >= '0' && c <= '9') || c == '-' || c == '.';
}

static bool
space(char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Reads a name into out; returns its length (0 = no name here). */
static size_t
read_name(const char *s, char *out)
{
  size_t n = 0;

  if (!name_start((unsigned char)s[0]))
    return 0;
  while (name_char((unsigned char)s[n]) && n < NAME - 1) {
    out[n] = s[n];
    n++;
  }
  out[n] = '\0';
  return name_char((unsigned char)s[n]) ? 0 : n;
}

/* A reference at s ("&...;"); returns its length or 0 if it is not one of
 * &amp; &lt; &gt; &quot; &apos; &#N; &#xH;. */
static size_t
entity(const char *s)
{
  static const char *const named[] = { "&amp;", "&lt;", "&gt;", "&quot;", "&apos;" };
  size_t i;

  for (i = 0; i < 5; i++) {
    if (strncmp(s, named[i], strlen(named[i])) == 0)
      return strlen(named[i]);
  }
  if (s[1] == '#') {
    size_t n = 2;
    bool hex = s[2] == 'x';

    if (hex)
      n++;
    while ((s[n] >= '0' && s[n] <= '9') ||
           (hex && ((s[n] >= 'a' && s[n] <= 'f') || (s[n] >= 'A' && s[n] <= 'F'))))
      n++;
    if (n > (hex ? 3u : 2u) && s[n] == ';')
      return n + 1;
  }
  return 0;
}

static const char *
fail(size_t *at, size_t i, const char *why)
{
  *at = i;
  return why;
}

/* Valid UTF-8 and no character XML 1.0 forbids. */
static const char *
check_chars(const unsigned char *s, size_t *at)
{
  size_t i = 0;

  while (s[i] != '\0') {
    uint32_t c = s[i];
    size_t n = 1, k;

    if (c >= 0x80) {
      if ((c & 0xE0) == 0xC0) {
        n = 2;
        c &= 0x1F;
      } else if ((c & 0xF0) == 0xE0) {
        n = 3;
        c &= 0x0F;
      } else if ((c & 0xF8) == 0xF0) {
        n = 4;
        c &= 0x07;
      } else
        return fail(at, i, "invalid UTF-8 lead byte");
      for (k = 1; k < n; k++) {
        if ((s[i + k] & 0xC0) != 0x80)
          return fail(at, i, "truncated UTF-8 sequence");
        c = (c << 6) | (s[i + k] & 0x3F);
      }
      if ((n == 2 && c < 0x80) || (n == 3 && c < 0x800) || (n == 4 && c < 0x10000))
        return fail(at, i, "overlong UTF-8");
      if ((c >= 0xD800 && c <= 0xDFFF) || c == 0xFFFE || c == 0xFFFF || c > 0x10FFFF)
        return fail(at, i, "character not allowed in XML");
    } else if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
      return fail(at, i, "control character not allowed in XML");
    }
    i += n;
  }
  return NULL;
}

static bool
unsafe_name(const char *n)
{
  return strcmp(n, "script") == 0 || strcmp(n, "foreignObject") == 0 || strcmp(n, "image") == 0 ||
         strcmp(n, "use") == 0 || strcmp(n, "iframe") == 0;
}

const char *
xml_check(const char *s, struct xml_stats *st, size_t *at)
{
  char stack[DEPTH][NAME];
  size_t depth = 0, i = 0;
  bool root_done = false;
  const char *e;

  memset(st, 0, sizeof *st);
  e = check_chars((const unsigned char *)s, at);
  if (e != NULL)
    return e;
  if (strncmp(s, "<?xml ", 6) == 0) {
    const char *end = strstr(s, "?>");

    if (end == NULL)
      return fail(at, 0, "unterminated XML declaration");
    i = (size_t)(end - s) + 2;
  }
  while (s[i] != '\0') {
    *at = i;
    if (s[i] == '<') {
      char name[NAME];
      size_t n;

      if (strncmp(s + i, "<!--", 4) == 0) {
        const char *end = strstr(s + i + 4, "--");

        if (end == NULL || end[2] != '>')
          return "bad comment";
        i = (size_t)(end - s) + 3;
        continue;
      }
      if (s[i + 1] == '!' || s[i + 1] == '?')
        return "DOCTYPE, CDATA or processing instruction (never emitted)";
      if (s[i + 1] == '/') {
        n = read_name(s + i + 2, name);
        if (n == 0)
          return "bad end tag name";
        if (depth == 0 || strcmp(stack[depth - 1], name) != 0)
          return "end tag does not match the open element";
        i += 2 + n;
        while (space(s[i]))
          i++;
        if (s[i] != '>')
          return "end tag not closed";
        i++;
        depth--;
        if (depth == 0)
          root_done = true;
        continue;
      }
      if (root_done)
        return "content after the root element";
      n = read_name(s + i + 1, name);
      if (n == 0)
        return "bad start tag name";
      if (depth == 0)
        snprintf(st->root, sizeof st->root, "%s", name);
      if (unsafe_name(name))
        st->unsafe++;
      st->elements++;
      i += 1 + n;
      {
        char attrs[32][NAME];
        size_t n_attrs = 0, k;

        for (;;) {
          char an[NAME];
          char q;
          size_t vstart;
          bool had_space = space(s[i]);

          while (space(s[i]))
            i++;
          if (s[i] == '/' && s[i + 1] == '>') {
            i += 2;
            if (depth == 0)
              root_done = true;
            break;
          }
          if (s[i] == '>') {
            i++;
            if (depth == DEPTH)
              return "too deep";
            snprintf(stack[depth++], NAME, "%s", name);
            break;
          }
          if (!had_space)
            return "attributes must be separated by white space";
          n = read_name(s + i, an);
          if (n == 0)
            return "bad attribute name";
          for (k = 0; k < n_attrs; k++) {
            if (strcmp(attrs[k], an) == 0)
              return "repeated attribute";
          }
          if (n_attrs == 32)
            return "too many attributes";
          snprintf(attrs[n_attrs++], NAME, "%s", an);
          if ((an[0] == 'o' && an[1] == 'n') || strstr(an, "href") != NULL)
            st->unsafe++;
          i += n;
          while (space(s[i]))
            i++;
          if (s[i] != '=')
            return "attribute without '='";
          i++;
          while (space(s[i]))
            i++;
          q = s[i];
          if (q != '"' && q != '\'')
            return "attribute value not quoted";
          vstart = ++i;
          while (s[i] != q) {
            if (s[i] == '\0' || s[i] == '<')
              return "'<' or end of text in an attribute value";
            if (s[i] == '&') {
              size_t el = entity(s + i);

              if (el == 0)
                return "bad entity reference in an attribute";
              i += el;
              continue;
            }
            i++;
          }
          for (k = vstart; k + 4 <= i; k++) {
            if (strncmp(s + k, "url(", 4) == 0)
              st->unsafe++;
          }
          i++;
        }
      }
      continue;
    }
    if (depth == 0 && !space(s[i]))
      return "text outside the root element";
    if (s[i] == '&') {
      size_t el = entity(s + i);

      if (el == 0)
        return "bad entity reference in text";
      i += el;
      continue;
    }
    if (strncmp(s + i, "]]>", 3) == 0)
      return "']]>' in text";
    if (strncmp(s + i, "@import", 7) == 0)
      st->unsafe++;
    i++;
  }
  if (depth != 0)
    return "unclosed element at the end";
  if (!root_done)
    return "no root element";
  return NULL;
}

size_t
count_of(const char *s, const char *needle)
{
  size_t n = 0, len = strlen(needle);
  const char *p = s;

  while ((p = strstr(p, needle)) != NULL) {
    n++;
    p += len;
  }
  return n;
}

int
xmllint_check(const char *doc)
{
  FILE *f;
  int status;

  if (access("/usr/bin/xmllint", X_OK) != 0)
    return -1;
  f = popen("/usr/bin/xmllint --noout -", "w");
  if (f == NULL)
    return -1;
  fputs(doc, f);
  status = pclose(f);
  return status == 0 ? 0 : 1;
}
