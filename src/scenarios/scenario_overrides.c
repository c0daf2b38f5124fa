/* Query-string overrides for a named scenario (GET /v1/scenarios/{id}/
 * projection?requests_per_day=...), for tools that can only GET: Grafana's
 * Infinity data source, a wiki image tag. Each value is put into a copy of
 * the scenario's JSON at the place the body field lives, and the copy then
 * goes through aic_scenario_from_json like any body: one set of rules, and
 * errors carry the same pointers (/traffic/requests_per_day). */
#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aicost/scenarios.h"

enum kind { NUMBER, INTEGER, WORD };

static const struct {
  const char *key;
  const char *parent; /* NULL: the scenario root */
  enum kind kind;
} known[] = {
  { "requests_per_day", "traffic", NUMBER },
  { "monthly_growth", "traffic", NUMBER },
  { "max_requests_per_day", "traffic", NUMBER },
  { "horizon_days", NULL, INTEGER },
  { "granularity", NULL, WORD },
  { "start_date", NULL, WORD },
  { "today", NULL, WORD },
  { "stale_after_days", NULL, NUMBER },
  { "currency", NULL, WORD },
};
#define N_KNOWN (sizeof known / sizeof known[0])

/* A whole-string finite decimal number ("5e6", "0.05", "-0.1"); no hex, no
 * "inf", no "nan", no leading or trailing space. Read as a JSON body's
 * number is: beyond double's range (1e400) refused, too small to hold
 * (1e-400) zero. */
static bool
parse_number(const char *s, double *out)
{
  char *end = NULL;
  double v;
  size_t i;

  if (s == NULL || s[0] == '\0')
    return false;
  for (i = 0; s[i] != '\0'; i++) {
    if (strchr("0123456789.eE+-", s[i]) == NULL)
      return false;
  }
  errno = 0;
  v = strtod(s, &end);
  if (end == s || *end != '\0' || !isfinite(v) || (errno == ERANGE && fabs(v) > DBL_MIN))
    return false;
  *out = v;
  return true;
}

static json_t *
value_of(enum kind kind, const char *text, const char *pointer, struct aic_diags *errors)
{
  double v;

  if (kind == WORD)
    return json_string(text);
  if (!parse_number(text, &v)) {
    aic_diag_add(errors, pointer, "must be a number (got '%.40s')", text);
    return NULL;
  }
  /* an integral value goes in as an integer so that integer fields accept
   * it; a fraction goes in as a real and the field's rule rejects it */
  if (kind == INTEGER && v == floor(v) && fabs(v) < 1e15)
    return json_integer((json_int_t)v);
  return json_real(v);
}

/* The known keys for a message, as the caller's users spell them. */
static void
known_list(bool dotted, char *out, size_t cap)
{
  size_t used = 0;

  out[0] = '\0';
  for (size_t k = 0; k < N_KNOWN && used < cap; k++) {
    int w = snprintf(out + used, cap - used, "%s%s%s%s",
                     k > 0    ? ", "
                     : dotted ? ""
                              : "format, bands, ",
                     dotted && known[k].parent != NULL ? known[k].parent : "",
                     dotted && known[k].parent != NULL ? "." : "", known[k].key);

    if (w < 0)
      return;
    used += (size_t)w;
  }
}

/* The row of `key`: its name, or with `dotted` parent.name too
 * ("traffic.requests_per_day"; the query's names stay the documented ones). */
static size_t
row_of(const char *key, bool dotted)
{
  size_t k;

  for (k = 0; k < N_KNOWN; k++) {
    size_t p = known[k].parent != NULL ? strlen(known[k].parent) : 0;

    if (strcmp(known[k].key, key) == 0)
      break;
    if (dotted && p > 0 && strncmp(key, known[k].parent, p) == 0 && key[p] == '.' &&
        strcmp(key + p + 1, known[k].key) == 0)
      break;
  }
  return k;
}

json_t *
aic_scenario_with_overrides(const json_t *doc, const struct aic_override *ov, size_t n, bool dotted,
                            struct aic_diags *errors)
{
  json_t *copy = json_deep_copy(doc);
  size_t i, k;

  if (copy == NULL)
    return NULL;
  for (i = 0; i < n; i++) {
    char pointer[AIC_DIAG_POINTER_MAX];
    json_t *parent = copy, *v;

    k = row_of(ov[i].key, dotted);
    if (k == N_KNOWN) {
      char list[400];

      known_list(dotted, list, sizeof list);
      aic_diag_add(errors, "", "unknown %s '%.40s' (known: %s)",
                   dotted ? "--set path" : "query parameter", ov[i].key, list);
      continue;
    }
    if (known[k].parent != NULL) {
      char up[AIC_DIAG_POINTER_MAX];

      aic_pointer_join(up, sizeof up, "", known[k].parent);
      aic_pointer_join(pointer, sizeof pointer, up, known[k].key);
      parent = json_object_get(copy, known[k].parent);
      if (parent == NULL) {
        parent = json_object();
        if (parent == NULL || json_object_set_new(copy, known[k].parent, parent) != 0)
          break;
      }
      if (!json_is_object(parent))
        continue; /* the scenario's own problem; validation will name it */
    } else {
      aic_pointer_join(pointer, sizeof pointer, "", known[k].key);
    }
    v = value_of(known[k].kind, ov[i].value != NULL ? ov[i].value : "", pointer, errors);
    if (v != NULL && json_object_set_new(parent, known[k].key, v) != 0)
      break;
  }
  if (i < n) {
    json_decref(copy);
    return NULL;
  }
  return copy;
}

int
aic_scenario_overridden(const json_t *doc, const struct aic_override *ov, size_t n, bool dotted,
                        const struct aic_catalogue *cat, struct aic_scenario *sc, json_t **out,
                        struct aic_diags *errors)
{
  int rc;

  *out = n > 0 ? aic_scenario_with_overrides(doc, ov, n, dotted, errors)
               : json_incref((json_t *)doc);
  if (*out == NULL)
    return AIC_E_NOMEM;
  rc = aic_scenario_from_json(*out, cat, "", sc, errors);
  return rc == AIC_OK && errors->n > 0 ? AIC_E_INVALID : rc;
}
