/* The rules across the members of one object (table.h, struct aic_rule),
 * checked after its rows were read. They are data, so that json_schema.c
 * prints the same rules as JSON Schema (oneOf, anyOf, dependentSchemas,
 * if/then) that the engine applies here. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "engine.h"

static const char *const count_words[] = { "none", "one", "two", "three", "four", "five", "six" };

/* "needs exactly one of a, b, c", with what was given when not one. */
static bool
one_of(struct aic_run *run, const struct aic_rule *r, const struct members *m, struct aic_where *at)
{
  const char *given[2] = { NULL, NULL };
  char all[160] = "";
  size_t n = 0, used = 0, names = 0;

  for (const char *const *name = r->names; *name != NULL; name++, names++)
    if (aic_given(m, *name) != NULL && n++ < 2)
      given[n - 1] = *name;
  if (n == 1)
    return true;
  for (const char *const *name = r->names; *name != NULL && used < sizeof all; name++)
    used += (size_t)snprintf(all + used, sizeof all - used, "%s%s", name > r->names ? ", " : "",
                             *name);
  if (n == 0)
    aic_report(run, at, "needs exactly one of %s", all);
  else if (n == 2)
    aic_report(run, at, "needs exactly one of %s (got %s and %s)", all, given[0], given[1]);
  else if (n == names && n < sizeof count_words / sizeof count_words[0])
    aic_report(run, at, "needs exactly one of %s (got all %s)", all, count_words[n]);
  else if (n < sizeof count_words / sizeof count_words[0])
    aic_report(run, at, "needs exactly one of %s (got %s of them)", all, count_words[n]);
  else
    aic_report(run, at, "needs exactly one of %s (got %zu of them)", all, n);
  return false;
}

static bool
any_of(struct aic_run *run, const struct aic_rule *r, const struct members *m, struct aic_where *at)
{
  for (const char *const *name = r->names; *name != NULL; name++)
    if (aic_given(m, *name) != NULL)
      return true;
  aic_report(run, at, "%s", r->message);
  return false;
}

/* Whether a member equals a JSON literal: a string ("\"dpo\"") or true/false. */
static bool
equals(const json_t *v, const char *literal)
{
  size_t n = strlen(literal);

  if (literal[0] == '"')
    return json_is_string(v) && strlen(json_string_value(v)) == n - 2 &&
           strncmp(json_string_value(v), literal + 1, n - 2) == 0;
  if (strcmp(literal, "true") == 0)
    return json_is_true(v);
  if (strcmp(literal, "false") == 0)
    return json_is_false(v);
  return false;
}

static bool
holds(const struct aic_rule *r, const struct members *m)
{
  const json_t *v = aic_given(m, r->member);
  bool yes = v != NULL && (r->equals == NULL || equals(v, r->equals));

  return r->unless ? !yes : yes;
}

static bool
listed(const char *const *names, const char *name)
{
  for (; *names != NULL; names++)
    if (strcmp(*names, name) == 0)
      return true;
  return false;
}

static bool
excludes(struct aic_run *run, const struct aic_rule *r, const struct members *m,
         struct aic_where *at)
{
  const char *key;
  json_t *v;
  bool ok = true;

  if (!holds(r, m))
    return true;
  /* in the object's order, as the members were given */
  json_object_foreach((json_t *)m->obj, key, v)
  {
    struct aic_where w;

    if (json_is_null(v) || strcmp(key, r->member) == 0)
      continue;
    if (r->names != NULL && !listed(r->names, key))
      continue;
    aic_where_init(&w, at, NULL, key);
    aic_report(run, &w, "%s", r->message);
    ok = false;
  }
  return ok;
}

static double
real_of(const struct aic_field *rows, const void *out, const char *name)
{
  const struct aic_field *row = aic_row_named(rows, name);

  return row != NULL ? *(const double *)(const void *)((const char *)out + row->offset)
                     : (double)NAN;
}

static bool
not_above(struct aic_run *run, const struct aic_rule *r, const struct members *m,
          struct aic_where *at, const void *out)
{
  double x = real_of(m->rows, out, r->member), limit = real_of(m->rows, out, r->limit);
  struct aic_where w;

  /* only values that were read: a bad one is reported already */
  if (!(aic_given(m, r->member) && aic_given(m, r->limit)) || isnan(x) || isnan(limit) ||
      x <= limit)
    return true;
  aic_where_init(&w, at, NULL, r->member);
  aic_say_not_above(run, &w, r->limit, limit);
  return false;
}

int
aic_rules_check(struct aic_run *run, const struct aic_table *t, const struct members *m,
                struct aic_where *at, const void *out)
{
  bool ok = true;

  for (const struct aic_rule *r = t->rules; r->names != NULL || r->member != NULL; r++) {
    switch (r->kind) {
    case AIC_R_ONE_OF: ok = one_of(run, r, m, at) && ok; break;
    case AIC_R_ANY_OF: ok = any_of(run, r, m, at) && ok; break;
    case AIC_R_EXCLUDES: ok = excludes(run, r, m, at) && ok; break;
    case AIC_R_NOT_ABOVE: ok = not_above(run, r, m, at, out) && ok; break;
    }
  }
  return ok ? 0 : AIC_E_INVALID;
}
