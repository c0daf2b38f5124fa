/* Cost gauges for /metrics: each named scenario's projection as Prometheus
 * series (aicost_scenario_*{scenario="<id>"}), so that teams chart and alert
 * on projected cost where they already chart spend (docs/dashboards.md,
 * "Prometheus").
 *
 * The text is rendered once, when a catalogue and its scenarios are loaded
 * (srv_catalogue_load), and kept with them in the srv_catref: a scrape
 * copies bytes and never projects, and a reload (SIGHUP) recomputes the
 * figures because it builds a new srv_catref. */
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "num_format.h"
#include "srv.h"

/* NAN as a double (math.h's is a float, which -Wdouble-promotion flags). */
#define NO_SAMPLE ((double)NAN)

/* Where a gauge's value comes from. */
enum from {
  FROM_PROJECTION_REAL, /* a double of struct aic_projection; NAN: no sample */
  FROM_PROJECTION_DAY,  /* an int day of struct aic_projection; 0: no sample */
  FROM_BUDGET_REAL,     /* a double of struct budget; NAN: no sample */
  FROM_BUDGET_DAY,      /* an int day of struct budget; -1: no sample */
};

/* What a scenario's budget_usd says about its projection. */
struct budget {
  double budget_usd; /* NAN: the scenario sets none */
  int exhausted_day; /* first day whose cumulative total exceeds the budget; -1: none */
};

struct gauge {
  const char *name;
  const char *help;
  enum from from;
  size_t offset;
};

/* THE gauge table: one row per series family. A new figure of the
 * projection (energy, emissions) is one row here. A value that is not
 * known (no crossover within the horizon, no budget) has no sample rather
 * than a made-up zero. */
#define PJ(m) offsetof(struct aic_projection, m)
#define BG(m) offsetof(struct budget, m)
/* clang-format off */
static const struct gauge gauges[] = {
  { "aicost_scenario_daily_usd",
    "Projected inference cost on day 1 of the named scenario, in US dollars.",
    FROM_PROJECTION_REAL, PJ(daily_usd) },
  { "aicost_scenario_horizon_total_usd",
    "Projected training plus inference cost over the scenario's horizon, in US dollars.",
    FROM_PROJECTION_REAL, PJ(total_usd) },
  { "aicost_scenario_fully_loaded_cost_per_request_usd",
    "Horizon total divided by the requests served over the horizon, in US dollars.",
    FROM_PROJECTION_REAL, PJ(fully_loaded_cost_per_request_usd) },
  { "aicost_scenario_crossover_day",
    "First day on which cumulative inference cost reaches the training cost (absent: not "
    "within the horizon).",
    FROM_PROJECTION_DAY, PJ(crossover_day) },
  /* issue 17: energy and emissions beside the dollars (absent when unknown: no
   * self-hosted fleet, no site or intensity) */
  { "aicost_scenario_daily_kwh",
    "Projected serving energy on day 1 of the named scenario, in kWh (absent: unknown, e.g. "
    "a vendor API).",
    FROM_PROJECTION_REAL, PJ(energy.kwh_per_day) },
  { "aicost_scenario_annual_tco2e",
    "Projected serving emissions over a year at day 1's fleet (365 x day 1), in tonnes CO2e "
    "(absent: unknown, e.g. no site).",
    FROM_PROJECTION_REAL, PJ(energy.annual_tco2e) },
  { "aicost_scenario_budget_usd",
    "The scenario's budget_usd: what it may cost over its horizon, in US dollars (absent: "
    "no budget).",
    FROM_BUDGET_REAL, BG(budget_usd) },
  { "aicost_scenario_budget_exhausted_day",
    "First day (0 = training day) on which the cumulative projected cost exceeds budget_usd "
    "(absent: no budget, or it lasts the horizon).",
    FROM_BUDGET_DAY, BG(exhausted_day) },
};
/* clang-format on */
#undef PJ
#undef BG
#define N_GAUGES (sizeof gauges / sizeof gauges[0])

/* The budget's figures (the rule is the core's). */
static void
budget_figures(const struct aic_projection *pj, double budget_usd, struct budget *b)
{
  b->budget_usd = budget_usd;
  b->exhausted_day = aic_budget_exhausted_day(pj, budget_usd);
}

static double
gauge_value(const struct gauge *g, const struct aic_projection *pj, const struct budget *b)
{
  const char *base = g->from <= FROM_PROJECTION_DAY ? (const char *)pj : (const char *)b;
  double v;
  int day;

  switch (g->from) {
  case FROM_PROJECTION_REAL:
  case FROM_BUDGET_REAL: memcpy(&v, base + g->offset, sizeof v); return isfinite(v) ? v : NO_SAMPLE;
  case FROM_PROJECTION_DAY:
  case FROM_BUDGET_DAY:
    memcpy(&day, base + g->offset, sizeof day);
    if (g->from == FROM_PROJECTION_DAY ? day <= 0 : day < 0)
      return NO_SAMPLE;
    return day;
  }
  return NO_SAMPLE;
}

/* Projects every scenario into values[i * N_GAUGES + g]. */
static int
project_all(const struct aic_catalogue *cat, const struct aic_scenario_set *set, double *values)
{
  for (size_t i = 0; i < set->n; i++) {
    struct aic_scenario sc;
    struct aic_projection pj;
    struct aic_diags d;
    struct budget b;
    int r;

    aic_diags_init(&d);
    memset(&pj, 0, sizeof pj);
    r = aic_scenario_from_json(set->v[i].doc, cat, "", &sc, &d);
    if (r == AIC_OK)
      r = aic_project(cat, &sc, &pj, &d);
    if (r != AIC_OK) {
      /* the set was projected when it loaded, so only memory can fail here */
      aic_projection_release(&pj);
      return r;
    }
    budget_figures(&pj, sc.budget_usd, &b);
    for (size_t g = 0; g < N_GAUGES; g++)
      values[i * N_GAUGES + g] = gauge_value(&gauges[g], &pj, &b);
    aic_projection_release(&pj);
  }
  return AIC_OK;
}

/* Scenario ids are [a-z0-9_-] (aic_scenario_id_valid): no label escaping. */
static void
write_families(FILE *f, const struct aic_scenario_set *set, const double *values)
{
  char num[AIC_NUM_TEXT_MAX];

  for (size_t g = 0; g < N_GAUGES; g++) {
    fprintf(f, "# HELP %s %s\n# TYPE %s gauge\n", gauges[g].name, gauges[g].help, gauges[g].name);
    for (size_t i = 0; i < set->n; i++) {
      double v = values[i * N_GAUGES + g];

      if (isnan(v))
        continue;
      aic_num_format(v, num);
      fprintf(f, "%s{scenario=\"%s\"} %s\n", gauges[g].name, set->v[i].id, num);
    }
  }
}

char *
srv_gauges_render(const struct aic_catalogue *cat, const struct aic_scenario_set *set, size_t *len)
{
  double *values = NULL;
  char *text = NULL;
  size_t n = 0;
  FILE *f;

  *len = 0;
  if (set->n > 0) {
    values = calloc(set->n * N_GAUGES, sizeof *values);
    if (values == NULL || project_all(cat, set, values) != AIC_OK) {
      free(values);
      return NULL;
    }
  }
  f = open_memstream(&text, &n);
  if (f == NULL) {
    free(values);
    return NULL;
  }
  write_families(f, set, values);
  free(values);
  if (fclose(f) != 0) {
    free(text);
    return NULL;
  }
  *len = n;
  return text;
}
