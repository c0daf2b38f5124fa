/* Query-string overrides for a named scenario (GET /v1/scenarios/{id}/
 * projection?requests_per_day=...), for tools that can only GET: Grafana's
 * Infinity data source, a wiki image tag. Each value is put into a copy of
 * the scenario's JSON at the place the body field lives, and the copy then
 * goes through aic_scenario_from_json like any body: one set of rules, and
 * errors carry the same pointers (/traffic/requests_per_day). */
#include <errno.h>
#include <float.h>
#include <math.h>
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

json_t *
aic_scenario_with_overrides(const json_t *doc, const struct aic_override *ov, size_t n,
                            struct aic_diags *errors)
{
  json_t *copy = json_deep_copy(doc);
  size_t i, k;

  if (copy == NULL)
    return NULL;
  for (i = 0; i < n; i++) {
    char pointer[AIC_DIAG_POINTER_MAX];
    json_t *parent = copy, *v;

    for (k = 0; k < N_KNOWN && strcmp(known[k].key, ov[i].key) != 0; k++)
      ;
    if (k == N_KNOWN) {
      aic_diag_add(errors, "",
                   "unknown query parameter '%.40s' (known: format, bands, requests_per_day, monthly_growth, "
                   "max_requests_per_day, horizon_days, granularity, start_date, today, "
                   "stale_after_days)",
                   ov[i].key);
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
