/* Several scenarios over one horizon: projections side by side, a ranking by
 * total cost, and the days on which one option's cumulative cost drops below
 * another's. */
#include "core.h"

#include <stdlib.h>
#include <string.h>

/* Copies a scenario's errors under "/scenarios/<i>". */
static void
prefix_errors(struct aic_diags *to, const struct aic_diags *from, size_t i)
{
  char base[48], ptr[AIC_DIAG_POINTER_MAX];
  size_t k;

  if (from->n == 0) {
    if (to != NULL)
      to->dropped += from->dropped;
    return; /* the usual case: no prefix to build */
  }
  aic_pointer_index(base, sizeof base, "/scenarios", i);
  for (k = 0; k < from->n; k++) {
    size_t lb = strlen(base), lp = strlen(from->v[k].pointer);

    if (lb + lp >= sizeof ptr)
      lp = sizeof ptr - 1 - lb;
    memcpy(ptr, base, lb);
    memcpy(ptr + lb, from->v[k].pointer, lp);
    ptr[lb + lp] = '\0';
    aic_diag_add(to, ptr, "%s", from->v[k].detail);
  }
  if (to != NULL)
    to->dropped += from->dropped;
}

/* The status of several options: an internal failure outranks invalid
 * input and is forwarded as is; invalid input outranks success. */
static int
worse(int status, int r)
{
  if (r < 0 && (status >= 0 || r < status))
    return r;
  if (r > 0 && status == AIC_OK)
    return r;
  return status;
}

/* The first day on which a's cumulative total is below b's, given that it
 * starts at or above it; 0 when it never drops below within the horizon. */
static int
overtake_day(const struct aic_projection *a, const struct aic_projection *b, int horizon)
{
  int d;

  if (a->cumulative_total_by_day[0] < b->cumulative_total_by_day[0])
    return 0;
  for (d = 1; d <= horizon; d++) {
    if (a->cumulative_total_by_day[d] < b->cumulative_total_by_day[d])
      return d;
  }
  return 0;
}

static int
overtake_cmp(const void *x, const void *y)
{
  const struct aic_overtake *a = x, *b = y;

  if (a->day != b->day)
    return a->day < b->day ? -1 : 1;
  if (a->option != b->option)
    return a->option < b->option ? -1 : 1;
  if (a->other != b->other)
    return a->other < b->other ? -1 : 1;
  return 0;
}

int
aic_compare(const struct aic_catalogue *cat, const struct aic_scenario *scenarios, size_t n,
            int horizon_days, struct aic_comparison *out, struct aic_diags *errors)
{
  struct aic_diags one;
  int day[AIC_COMPARE_MAX][AIC_COMPARE_MAX];
  size_t i, j, k;
  int status = AIC_OK;

  if (out == NULL)
    return AIC_E_INTERNAL;
  memset(out, 0, sizeof *out);
  out->horizon_days = horizon_days;
  if (cat == NULL || (scenarios == NULL && n > 0))
    return AIC_E_INTERNAL;
  if (n < AIC_COMPARE_MIN || n > AIC_COMPARE_MAX) {
    aic_diag_add(errors, "/scenarios", "must hold %d to %d scenarios (got %zu)", AIC_COMPARE_MIN,
                 AIC_COMPARE_MAX, n);
    return AIC_E_INVALID;
  }
  if (horizon_days < AIC_HORIZON_MIN || horizon_days > AIC_HORIZON_MAX) {
    aic_diag_add(errors, "/horizon_days", "must be a whole number of days in [%d, %d]",
                 AIC_HORIZON_MIN, AIC_HORIZON_MAX);
    return AIC_E_INVALID;
  }
  /* Not zeroed (30 KB each): aic_project clears each one first, below,
   * before anything can release it. */
  out->projections = malloc(n * sizeof *out->projections);
  out->rank = calloc(n, sizeof *out->rank);
  if (out->projections == NULL || out->rank == NULL) {
    aic_comparison_release(out);
    return AIC_E_NOMEM;
  }
  out->n = n;
  for (i = 0; i < n; i++) {
    struct aic_scenario sc = scenarios[i];
    int r;

    sc.horizon_days = horizon_days; /* one horizon for all */
    aic_diags_reset(&one);
    r = aic_project(cat, &sc, &out->projections[i], &one);
    prefix_errors(errors, &one, i);
    status = worse(status, r);
  }
  if (status != AIC_OK) {
    aic_comparison_release(out);
    return status;
  }

  /* Cheapest total first; equal totals keep input order (insertion sort is
   * stable, and n <= 16). */
  for (i = 0; i < n; i++) {
    size_t idx = i;

    for (j = i;
         j > 0 && out->projections[out->rank[j - 1]].total_usd > out->projections[idx].total_usd;
         j--)
      out->rank[j] = out->rank[j - 1];
    out->rank[j] = idx;
  }

  /* Each pair is scanned once (up to horizon days each); n <= 16. */
  for (k = 0, i = 0; i < n; i++) {
    for (j = 0; j < n; j++) {
      day[i][j] = i != j ? overtake_day(&out->projections[i], &out->projections[j], horizon_days)
                         : 0;
      if (day[i][j] > 0)
        k++;
    }
  }
  if (k > 0) {
    out->overtakes = calloc(k, sizeof *out->overtakes);
    if (out->overtakes == NULL) {
      aic_comparison_release(out);
      return AIC_E_NOMEM;
    }
    for (i = 0; i < n; i++) {
      for (j = 0; j < n; j++) {
        int d = day[i][j];

        if (d > 0) {
          out->overtakes[out->n_overtakes].option = i;
          out->overtakes[out->n_overtakes].other = j;
          out->overtakes[out->n_overtakes].day = d;
          out->n_overtakes++;
        }
      }
    }
    qsort(out->overtakes, out->n_overtakes, sizeof *out->overtakes, overtake_cmp);
  }
  return AIC_OK;
}

int
aic_comparison_bands(const struct aic_catalogue *cat, const struct aic_scenario *scenarios,
                     size_t n, struct aic_comparison *c, struct aic_diags *errors)
{
  struct aic_diags one;
  int status = AIC_OK;

  if (c == NULL || scenarios == NULL || n != c->n)
    return AIC_E_INTERNAL;
  for (size_t i = 0; i < n; i++) {
    struct aic_scenario sc = scenarios[i];
    int r;

    sc.horizon_days = c->horizon_days; /* as aic_compare projected it */
    aic_diags_init(&one);
    r = aic_project_bands(cat, &sc, &c->projections[i], &one);
    prefix_errors(errors, &one, i);
    status = worse(status, r);
  }
  return status;
}

void
aic_comparison_release(struct aic_comparison *c)
{
  size_t i;

  if (c == NULL)
    return;
  if (c->projections != NULL) {
    for (i = 0; i < c->n; i++)
      aic_projection_release(&c->projections[i]);
  }
  free(c->projections);
  free(c->rank);
  free(c->overtakes);
  c->projections = NULL;
  c->rank = NULL;
  c->overtakes = NULL;
  c->plans = NULL;
  c->n = 0;
  c->n_overtakes = 0;
}
