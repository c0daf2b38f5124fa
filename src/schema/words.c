/* What each problem says. The engine decides what is wrong; this file words
 * it in the voice of the document's syntax:
 *   JSON (request bodies): "must be a number between 0 and 1 (got 40)",
 *     "is required", "unknown field; did you mean 'mfu'?";
 *   YAML (the catalogue, named scenarios): "must be at most 1 (got 40)",
 *     "missing required key", "unknown key; did you mean 'mfu'?",
 *     "expected a number, got the quoted string '80'".
 * Either way a number is printed as JSON prints it (aic_num_format), so the
 * same value reads the same in a message, a projection and a CSV. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "aicost/util.h"
#include "engine.h"
#include "json_util.h"
#include "num_format.h"

/* ---- numbers and values as shown ---- */

struct num {
  char s[AIC_NUM_TEXT_MAX];
};

static struct num
num(double x)
{
  struct num n;

  aic_num_format(x, n.s);
  return n;
}

/* "a, b, c" (at most `cap` bytes) from an enumeration's names. */
static void
name_list(const struct aic_names *names, char *buf, size_t cap)
{
  size_t used = 0;

  buf[0] = '\0';
  for (const struct aic_enum_name *n = names->v; n->name != NULL && used + 1 < cap; n++) {
    int w = snprintf(buf + used, cap - used, "%s%s", n == names->v ? "" : ", ", n->name);

    if (w < 0)
      break;
    used += (size_t)w;
  }
}

/* "a, b and c" (or "a, b or c"): the input rows of a table, only the
 * required ones with `required_only`; returns how many. */
static size_t
row_list(const struct aic_field *rows, bool required_only, const char *last, char *buf, size_t cap)
{
  size_t used = 0, n = 0, k = 0;

  for (const struct aic_field *r = rows; r->name != NULL; r++)
    n += !r->output_only && (r->required || !required_only);
  buf[0] = '\0';
  for (const struct aic_field *r = rows; r->name != NULL && used + 1 < cap; r++) {
    int w;

    if (r->output_only || (required_only && !r->required))
      continue;
    k++;
    w = snprintf(buf + used, cap - used, "%s%s", k == 1 ? "" : k == n ? last : ", ", r->name);
    if (w < 0)
      break;
    used += (size_t)w;
  }
  return n;
}

/* A YAML value as the user wrote it: "the quoted string '80'", "'one'",
 * "a mapping", "null". */
static void
yaml_shown(const struct ynode *n, char *buf, size_t cap)
{
  struct yvalue v;
  char q[48];

  if (n->kind == YNODE_SCALAR && yscalar_resolve(n, &v) == YSCALAR_STRING) {
    yscalar_quote(n, q, sizeof q);
    snprintf(buf, cap, "%s%s", n->plain ? "" : "the quoted string ", q);
    return;
  }
  snprintf(buf, cap, "%s", ynode_describe(n));
}

/* What a value is, for "(got ...)": JSON's type, or the YAML as written. */
static void
shown(struct aic_run *run, struct aic_where *at, const json_t *v, char *buf, size_t cap)
{
  const struct ynode *n = aic_node_at(run, at);

  if (n != NULL)
    yaml_shown(n, buf, cap);
  else
    snprintf(buf, cap, "%s", aic_json_type_phrase(v));
}

/* ---- the JSON voice's expectations ---- */

/* " between 0 and 1", " > 0 and ≤ 1", " ≥ 0", "" */
static void
bounds_phrase(const struct aic_field *row, char *buf, size_t cap)
{
  bool has_lo = isfinite(row->min), has_hi = isfinite(row->max);
  struct num lo = num(row->min), hi = num(row->max);

  if (has_lo && has_hi && row->gt)
    snprintf(buf, cap, " > %s and ≤ %s", lo.s, hi.s);
  else if (has_lo && has_hi)
    snprintf(buf, cap, " between %s and %s", lo.s, hi.s);
  else if (has_lo)
    snprintf(buf, cap, " %s %s", row->gt ? ">" : "≥", lo.s);
  else if (has_hi)
    snprintf(buf, cap, " ≤ %s", hi.s);
  else
    buf[0] = '\0';
}

/* What a row accepts: "a number ≥ 0", "an integer between 1 and 3650",
 * "one of day, week, month". */
static void
expectation(const struct aic_field *row, char *buf, size_t cap)
{
  char b[160];

  switch (row->kind) {
  case AIC_K_REAL:
  case AIC_K_INT:
    bounds_phrase(row, b, sizeof b);
    snprintf(buf, cap, "%s%s",
             row->kind == AIC_K_INT ? "an integer"
             : row->whole           ? "a whole number"
                                    : "a number",
             b);
    return;
  case AIC_K_RANGE:
    bounds_phrase(row, b, sizeof b);
    snprintf(buf, cap, "a number%s, or a range [low, high] of two", b);
    return;
  case AIC_K_BOOL: snprintf(buf, cap, "true or false"); return;
  case AIC_K_STRING:
    if (row->pattern != NULL)
      snprintf(buf, cap, "%s", row->pattern->what);
    else if (row->max > 0)
      snprintf(buf, cap, "a string of at most %.0f characters", row->max);
    else
      snprintf(buf, cap, "a string");
    return;
  case AIC_K_DATE: snprintf(buf, cap, "a date as YYYY-MM-DD"); return;
  case AIC_K_ENUM:
    name_list(row->names, b, sizeof b);
    snprintf(buf, cap, "one of %s", b);
    return;
  case AIC_K_ENUM_LIST:
    name_list(row->names, b, sizeof b);
    snprintf(buf, cap, "a list of %s", b);
    return;
  case AIC_K_OBJECT:
  case AIC_K_NUMBERS:
  case AIC_K_MAP: snprintf(buf, cap, "an object"); return;
  case AIC_K_ARRAY:
    snprintf(buf, cap, "an array of %zu to %zu %s", row->min_items, row->max_items,
             row->noun != NULL ? row->noun : "items");
    return;
  case AIC_K_LIST:
    snprintf(buf, cap, "a list of %s ids%s", row->noun,
             row->sub != NULL ? " or inline objects" : "");
    return;
  case AIC_K_REF:
    if (row->sub != NULL)
      snprintf(buf, cap, "a catalogue %s id (a string) or an inline object", row->noun);
    else
      snprintf(buf, cap, "a catalogue %s id such as '%s'", row->noun,
               row->example != NULL ? row->example : "");
    return;
  }
  snprintf(buf, cap, "a valid value");
}

/* ---- the YAML voice's nouns ---- */

static void
yaml_noun(const struct aic_field *row, bool top, char *buf, size_t cap)
{
  switch (row->kind) {
  case AIC_K_REAL:
  case AIC_K_INT: snprintf(buf, cap, "a number"); return;
  case AIC_K_RANGE: snprintf(buf, cap, "a number or a list of two"); return;
  case AIC_K_BOOL: snprintf(buf, cap, "true or false"); return;
  case AIC_K_STRING:
  case AIC_K_DATE:
  case AIC_K_ENUM: snprintf(buf, cap, "a string"); return;
  case AIC_K_ENUM_LIST:
  case AIC_K_ARRAY: snprintf(buf, cap, "a list"); return;
  case AIC_K_OBJECT: snprintf(buf, cap, top ? "a mapping at the top" : "a mapping"); return;
  case AIC_K_NUMBERS:
    snprintf(buf, cap, "a mapping of %s to %s", row->names->noun,
             row->unit != NULL ? row->unit : "numbers");
    return;
  case AIC_K_MAP: snprintf(buf, cap, "a mapping from id to entry"); return;
  case AIC_K_REF: snprintf(buf, cap, "a %s id or a mapping", row->noun); return;
  case AIC_K_LIST: snprintf(buf, cap, "a list"); return;
  }
  snprintf(buf, cap, "a value");
}

/* ---- the problems ---- */

void
aic_say_type(struct aic_run *run, struct aic_where *at, const struct aic_field *row,
             const json_t *v)
{
  const struct ynode *n = aic_node_at(run, at);
  char want[200], got[80];

  shown(run, at, v, got, sizeof got);
  if (n == NULL) {
    expectation(row, want, sizeof want);
    aic_emitf(run, at, false, "must be %s (got %s)", want, got);
    return;
  }
  yaml_noun(row, false, want, sizeof want);
  /* a plain 1.0 is a number by the core schema: a version must be quoted */
  if ((row->kind == AIC_K_STRING || row->kind == AIC_K_DATE) && n->kind == YNODE_SCALAR &&
      n->plain && n->len > 0)
    aic_emitf(run, at, false, "expected %s, got %s (quote it: \"%s\")", want, got, n->text);
  else
    aic_emitf(run, at, false, "expected %s, got %s", want, got);
}

void
aic_say_not_object(struct aic_run *run, struct aic_where *at, const json_t *v)
{
  char got[80];

  shown(run, at, v, got, sizeof got);
  if (run->yaml != NULL)
    aic_emitf(run, at, false, "expected %s, got %s",
              at->depth == 0 ? "a mapping at the top" : "a mapping", got);
  else
    aic_emitf(run, at, false, "must be an object (got %s)", got);
}

void
aic_say_empty_document(struct aic_run *run, struct aic_where *at, const struct aic_table *t)
{
  char list[200];

  if (row_list(t->rows, true, " and ", list, sizeof list) == 0)
    aic_emitf(run, at, false, "the file is empty");
  else
    aic_emitf(run, at, false, "the file is empty; expected a mapping with %s", list);
}

void
aic_say_nonfinite(struct aic_run *run, struct aic_where *at)
{
  aic_emitf(run, at, false, "must be a finite number");
}

void
aic_say_range(struct aic_run *run, struct aic_where *at, const struct aic_field *row, double x)
{
  bool whole = row->kind == AIC_K_INT || row->whole;
  bool low = row->gt ? !(x > row->min) : !(x >= row->min);
  char want[200];
  struct num got = num(x);

  if (run->yaml == NULL) {
    expectation(row, want, sizeof want);
    aic_emitf(run, at, false, "must be %s (got %s)", want, got.s);
  } else if (low && row->min == 0 && (x < 0 || !row->gt)) {
    aic_emitf(run, at, false, "must not be negative (got %s)", got.s);
  } else if (low && row->gt) {
    aic_emitf(run, at, false, "must be greater than %s", num(row->min).s);
  } else if (low) {
    aic_emitf(run, at, false, "must be at least %s (got %s)", num(row->min).s, got.s);
  } else if (x > row->max) {
    aic_emitf(run, at, false, "must be at most %s (got %s)", num(row->max).s, got.s);
  } else {
    (void)whole; /* in range, so it is the fraction */
    aic_emitf(run, at, false, "must be a whole number (got %s)", got.s);
  }
}

void
aic_say_length(struct aic_run *run, struct aic_where *at, const struct aic_field *row, size_t chars)
{
  char want[200];

  expectation(row, want, sizeof want);
  aic_emitf(run, at, false, "must be %s (got %zu characters)", want, chars);
}

void
aic_say_empty(struct aic_run *run, struct aic_where *at)
{
  aic_emitf(run, at, false, "must not be empty");
}

void
aic_say_pattern(struct aic_run *run, struct aic_where *at, const struct aic_pattern *p,
                const char *s)
{
  char got[64];

  aic_quote_short(got, sizeof got, s);
  aic_emitf(run, at, false, "must be %s (got %s)", p->what, got);
}

void
aic_say_bad_id(struct aic_run *run, struct aic_where *at, const struct aic_pattern *p)
{
  aic_emitf(run, at, true, "invalid id (%s)", p->what);
}

void
aic_say_date(struct aic_run *run, struct aic_where *at, const char *s)
{
  if (run->yaml != NULL)
    aic_emitf(run, at, false, "expected a date as YYYY-MM-DD, got '%.40s'", s);
  else
    aic_emitf(run, at, false, "must be a date as YYYY-MM-DD (got '%.40s')", s);
}

void
aic_say_enum(struct aic_run *run, struct aic_where *at, const struct aic_names *names,
             const json_t *v)
{
  char list[160], got[80];

  name_list(names, list, sizeof list);
  if (json_is_string(v))
    aic_quote_short(got, sizeof got, json_string_value(v));
  else
    shown(run, at, v, got, sizeof got);
  if (run->yaml != NULL && names->noun != NULL)
    aic_emitf(run, at, false, "unknown %s %s (one of %s)", names->noun, got, list);
  else
    aic_emitf(run, at, false, "must be one of %s (got %s)", list, got);
}

void
aic_say_required(struct aic_run *run, struct aic_where *at, const struct aic_field *row)
{
  bool container = row->kind == AIC_K_OBJECT || row->kind == AIC_K_MAP ||
                   row->kind == AIC_K_ARRAY || row->kind == AIC_K_NUMBERS || row->kind == AIC_K_REF;
  char want[200];

  if (run->yaml != NULL) {
    /* the catalogue's top-level mappings are its sections */
    aic_emitf(run, at, false, "missing required %s",
              container && at->depth == 1 ? "section" : "key");
  } else if (container) {
    aic_emitf(run, at, false, "is required");
  } else {
    expectation(row, want, sizeof want);
    aic_emitf(run, at, false, "is required (%s)", want);
  }
}

void
aic_say_unknown(struct aic_run *run, struct aic_where *at, const struct aic_field *rows,
                const char *key)
{
  /* once the list is full only the count matters: skip the search */
  const char *hint = run->d->n < AIC_DIAG_MAX ? aic_suggest_row(rows, key) : NULL;
  const char *word = run->yaml != NULL ? "key" : "field";
  char list[160];

  if (hint != NULL) {
    aic_emitf(run, at, true, "unknown %s; did you mean '%s'?", word, hint);
    return;
  }
  /* a short table is named whole: "unknown key (expected on_demand or reserved)" */
  if (run->yaml != NULL && row_list(rows, false, " or ", list, sizeof list) <= 3) {
    aic_emitf(run, at, true, "unknown key (expected %s)", list);
    return;
  }
  aic_emitf(run, at, true, "unknown %s", word);
}

void
aic_say_unknown_name(struct aic_run *run, struct aic_where *at, const struct aic_names *names,
                     const char *key)
{
  const char *hint;
  char list[160];

  if (run->yaml != NULL) {
    name_list(names, list, sizeof list);
    aic_emitf(run, at, true, "unknown %s (one of %s)", names->noun, list);
    return;
  }
  hint = run->d->n < AIC_DIAG_MAX ? aic_suggest_name(names, key) : NULL;
  if (hint != NULL)
    aic_emitf(run, at, true, "unknown field; did you mean '%s'?", hint);
  else
    aic_emitf(run, at, true, "unknown field");
}

void
aic_say_listed_twice(struct aic_run *run, struct aic_where *at)
{
  aic_emitf(run, at, false, "is listed twice");
}

void
aic_say_count(struct aic_run *run, struct aic_where *at, const struct aic_field *row, size_t n)
{
  if (row->kind == AIC_K_ARRAY && row->max_items > 0)
    aic_emitf(run, at, false, "must hold %zu to %zu %s (got %zu)", row->min_items, row->max_items,
              row->noun != NULL ? row->noun : "items", n);
  else if (row->min_items == 1 && n == 0)
    aic_emitf(run, at, false, "must name at least one %s",
              row->names != NULL ? row->names->noun : row->noun);
  else if (n < row->min_items)
    aic_emitf(run, at, false, "must have at least %zu members (got %zu)", row->min_items, n);
  else
    aic_emitf(run, at, false, "must have at most %zu members (got %zu)", row->max_items, n);
}

void
aic_say_not_above(struct aic_run *run, struct aic_where *at, const char *limit, double x)
{
  if (run->yaml != NULL)
    aic_emitf(run, at, false, "must not exceed %s (%s)", limit, num(x).s);
  else
    aic_emitf(run, at, false, "must be ≤ %s (%s)", limit, num(x).s);
}

bool
aic_say_yaml_keys(struct aic_run *run, struct aic_where *at, const char *word)
{
  const struct ynode *map = aic_node_at(run, at);
  char reason[AIC_DIAG_DETAIL_MAX];
  bool said = false;

  if (map == NULL || map->kind != YNODE_MAP)
    return false;
  for (size_t i = 0; i < map->n; i++) {
    const struct ynode *key = map->items[2 * i];
    struct aic_where w;

    if (key->kind != YNODE_SCALAR) {
      snprintf(reason, sizeof reason, "%s must be a plain string, not %s", word,
               ynode_describe(key));
      aic_emit_node(run, at, key, reason);
      said = true;
    } else if (key->dup_of != NULL) {
      aic_where_init(&w, at, NULL, key->text);
      snprintf(reason, sizeof reason, "duplicate %s (first at line %u, column %u)", word,
               key->dup_of->line, key->dup_of->col);
      aic_emit_node(run, &w, key, reason);
      said = true;
    }
  }
  return said;
}
