/* A table's own consistency (schema.h, aic_table_lint). Tables are data,
 * and a slip in data fails quietly: a number row whose bounds were left out
 * accepts only 0, a rule that names a member the table lacks never fires, an
 * unbounded array lets a client send a million items. Every document's
 * tests lint its tables, so such a slip fails a test instead. */
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "engine.h"

/* $defs names met so far, each with what it stands for. */
#define NAMED_MAX 64
struct lint {
  struct aic_diags *d;
  const char *name[NAMED_MAX];
  const void *what[NAMED_MAX];
  size_t n;
  bool bad;
};

static void flaw(struct lint *l, const char *table, const char *row, const char *fmt, ...)
  __attribute__((format(printf, 4, 5)));

static void
flaw(struct lint *l, const char *table, const char *row, const char *fmt, ...)
{
  char reason[AIC_DIAG_DETAIL_MAX], where[AIC_DIAG_POINTER_MAX];
  va_list ap;

  va_start(ap, fmt);
  vsnprintf(reason, sizeof reason, fmt, ap);
  va_end(ap);
  snprintf(where, sizeof where, "%s.%s", table != NULL ? table : "(inline table)",
           row != NULL ? row : "");
  aic_diag_add(l->d, where, "%s", reason);
  l->bad = true;
}

/* One $defs name stands for one thing. */
static void
named(struct lint *l, const char *name, const void *what, const char *table, const char *row)
{
  if (name == NULL)
    return;
  for (size_t i = 0; i < l->n; i++) {
    if (strcmp(l->name[i], name) == 0) {
      if (l->what[i] != what)
        flaw(l, table, row, "the $defs name '%s' stands for two things", name);
      return;
    }
  }
  if (l->n < NAMED_MAX) {
    l->name[l->n] = name;
    l->what[l->n++] = what;
  }
}

static void lint_table(struct lint *l, const struct aic_table *t);

static void
lint_names(struct lint *l, const struct aic_table *t, const struct aic_field *r, bool bits)
{
  if (r->names == NULL || r->names->v == NULL || r->names->v[0].name == NULL) {
    flaw(l, t->name, r->name, "names no enumeration");
    return;
  }
  named(l, r->names->schema_name, r->names, t->name, r->name);
  for (const struct aic_enum_name *n = r->names->v; n->name != NULL; n++)
    if (bits && (n->value < 0 || n->value >= 32))
      flaw(l, t->name, r->name, "the value of '%s' is not a bit index (0-31)", n->name);
}

static void
lint_bounds(struct lint *l, const struct aic_table *t, const struct aic_field *r)
{
  if (isnan(r->min) || isnan(r->max) || r->min > r->max)
    flaw(l, t->name, r->name, "has no range (min %g, max %g)", r->min, r->max);
  else if (r->min == 0 && r->max == 0)
    flaw(l, t->name, r->name, "accepts only 0: are its bounds missing?");
  if (r->kind == AIC_K_INT && (r->min < INT_MIN || r->max > INT_MAX))
    flaw(l, t->name, r->name, "has bounds beyond an int");
  if (r->whole && r->kind != AIC_K_REAL)
    flaw(l, t->name, r->name, "is whole but not a REAL row");
}

static void
lint_row(struct lint *l, const struct aic_table *t, const struct aic_field *r)
{
  switch (r->kind) {
  case AIC_K_REAL:
  case AIC_K_INT:
  case AIC_K_RANGE: lint_bounds(l, t, r); break;
  case AIC_K_NUMBERS:
    lint_bounds(l, t, r);
    lint_names(l, t, r, false);
    if (r->names != NULL && r->names->noun == NULL)
      flaw(l, t->name, r->name, "its enumeration has no noun for messages");
    break;
  case AIC_K_ENUM: lint_names(l, t, r, false); break;
  case AIC_K_ENUM_LIST: lint_names(l, t, r, true); break;
  case AIC_K_STRING:
    if (r->min < 0 || (r->max > 0 && r->max < r->min))
      flaw(l, t->name, r->name, "has a length range that accepts nothing");
    if (r->pattern != NULL)
      named(l, r->pattern->schema_name, r->pattern, t->name, r->name);
    break;
  case AIC_K_BOOL:
  case AIC_K_DATE: break;
  case AIC_K_LIST:
    if (r->resolve == NULL || r->noun == NULL || r->pattern == NULL || r->item_size == 0 ||
        r->max_items == 0)
      flaw(l, t->name, r->name,
           "is a list without a resolver, noun, pattern, item size or "
           "size limit");
    if (r->pattern != NULL)
      named(l, r->pattern->schema_name, r->pattern, t->name, r->name);
    if (r->sub != NULL)
      lint_table(l, r->sub);
    break;
  case AIC_K_ARRAY:
  case AIC_K_MAP:
  case AIC_K_OBJECT:
  case AIC_K_REF:
    if (r->kind != AIC_K_REF && r->sub == NULL) {
      flaw(l, t->name, r->name, "reads objects by no table");
      break;
    }
    if (r->kind == AIC_K_ARRAY && (r->max_items == 0 || r->noun == NULL))
      flaw(l, t->name, r->name, "is an array without a size limit or a noun");
    if ((r->kind == AIC_K_ARRAY || r->kind == AIC_K_MAP) && r->sub->size == 0)
      flaw(l, t->name, r->name, "stores items of size 0");
    if (r->variant != NULL && (r->kind != AIC_K_ARRAY || r->variant_key == NULL ||
                               aic_row_named(r->variant->rows, r->variant_key) == NULL ||
                               aic_row_named(r->sub->rows, r->variant_key) != NULL ||
                               r->item_size < r->sub->size || r->item_size < r->variant->size))
      flaw(l, t->name, r->name,
           "has a variant that is not an array's, not told apart by a member of "
           "its own, or larger than the items");
    if (r->variant != NULL)
      lint_table(l, r->variant);
    if ((r->kind == AIC_K_MAP || r->kind == AIC_K_REF) && r->pattern == NULL)
      flaw(l, t->name, r->name, "has ids without a pattern");
    if (r->kind == AIC_K_REF && (r->resolve == NULL || r->noun == NULL))
      flaw(l, t->name, r->name, "is a reference without a resolver or a noun");
    if (r->pattern != NULL)
      named(l, r->pattern->schema_name, r->pattern, t->name, r->name);
    if (r->sub != NULL)
      lint_table(l, r->sub);
    break;
  }
  if (r->validate_only && (r->kind == AIC_K_ENUM_LIST || r->kind == AIC_K_OBJECT ||
                           r->kind == AIC_K_NUMBERS || r->kind == AIC_K_ARRAY ||
                           r->kind == AIC_K_MAP || r->kind == AIC_K_REF || r->kind == AIC_K_LIST))
    flaw(l, t->name, r->name, "is validate-only but not a scalar");
}

static const struct aic_field *
row_in(const struct aic_table *t, const char *name)
{
  return name != NULL ? aic_row_named(t->rows, name) : NULL;
}

static void
lint_rules(struct lint *l, const struct aic_table *t)
{
  for (const struct aic_rule *r = t->rules; r != NULL && (r->names != NULL || r->member != NULL);
       r++) {
    size_t n = 0;

    for (const char *const *name = r->names; name != NULL && *name != NULL; name++, n++)
      if (row_in(t, *name) == NULL)
        flaw(l, t->name, *name, "a rule names a member the table lacks");
    if (r->kind != AIC_R_ONE_OF && r->kind != AIC_R_ANY_OF && row_in(t, r->member) == NULL)
      flaw(l, t->name, r->member, "a rule names a member the table lacks");
    if ((r->kind == AIC_R_ANY_OF || r->kind == AIC_R_EXCLUDES) && r->message == NULL)
      flaw(l, t->name, r->member, "a rule without a message");
    if ((r->kind == AIC_R_ONE_OF || r->kind == AIC_R_ANY_OF) && n < 2)
      flaw(l, t->name, r->member, "a choice among fewer than two members");
    if (r->kind == AIC_R_NOT_ABOVE) {
      const struct aic_field *a = row_in(t, r->member), *b = row_in(t, r->limit);

      if (a == NULL || b == NULL || a->kind != AIC_K_REAL || b->kind != AIC_K_REAL)
        flaw(l, t->name, r->member, "compares members that are not both REAL rows");
    }
  }
}

static void
lint_table(struct lint *l, const struct aic_table *t)
{
  named(l, t->name, t, t->name, NULL);
  if (t->rows == NULL || t->rows[0].name == NULL) {
    flaw(l, t->name, NULL, "has no rows");
    return;
  }
  for (const struct aic_field *r = t->rows; r->name != NULL; r++) {
    for (const struct aic_field *s = t->rows; s != r; s++)
      if (strcmp(s->name, r->name) == 0)
        flaw(l, t->name, r->name, "is named twice");
    lint_row(l, t, r);
  }
  lint_rules(l, t);
}

int
aic_table_lint(const struct aic_table *t, struct aic_diags *d)
{
  struct lint l = { .d = d };

  lint_table(&l, t);
  return l.bad ? AIC_E_INTERNAL : AIC_OK;
}
