/* One scenario's projection: training paid on day 0, inference day by day
 * through the horizon, the summary figures and the series. */
#include "core.h"

#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Last day of period k (1-based) at granularity g, before clipping to the
 * horizon. Months end at day round(k·365/12): 30, 61, 91, ..., 365, computed
 * in integers as floor((730k + 12) / 24) so no rounding mode is involved. */
static long
period_end(enum aic_granularity g, long k)
{
  switch (g) {
  case AIC_GRAN_DAY: return k;
  case AIC_GRAN_WEEK: return 7 * k;
  case AIC_GRAN_MONTH: break;
  }
  return (730 * k + 12) / 24;
}

static size_t
count_periods(enum aic_granularity g, int horizon)
{
  size_t n = 0;
  long k;

  for (k = 1;; k++) {
    n++;
    if (period_end(g, k) >= horizon)
      return n;
  }
}

/* Neumaier's compensated sum: over 3,650 days a plain running sum drifts in
 * the last digits, which would move crossover days that tests pin exactly. */
struct sum {
  double s, c;
};

static void
sum_add(struct sum *a, double x)
{
  double t = a->s + x;

  if (fabs(a->s) >= fabs(x))
    a->c += (a->s - t) + x;
  else
    a->c += (x - t) + a->s;
  a->s = t;
}

static double
sum_get(const struct sum *a)
{
  return a->s + a->c;
}

/* Everything before the warnings is zeroed; the warnings, 28 KB of message
 * slots read only up to n, are emptied (diag.h). */
_Static_assert(offsetof(struct aic_projection, warnings) + sizeof(struct aic_diags) ==
                 sizeof(struct aic_projection),
               "warnings must stay the last member of struct aic_projection");

static void
clear(struct aic_projection *pj)
{
  memset(pj, 0, offsetof(struct aic_projection, warnings));
  aic_diags_init(&pj->warnings);
  pj->training_price_per_gpu_hour_usd = AIC_NAN;
  pj->cost_per_request_usd = AIC_NAN;
  pj->daily_usd = AIC_NAN;
  pj->annual_usd = AIC_NAN;
  pj->cost_per_million_tokens_usd = AIC_NAN;
  pj->requests_total = AIC_NAN;
  pj->inference_usd = AIC_NAN;
  pj->total_usd = AIC_NAN;
  pj->inference_share = AIC_NAN;
  pj->break_even_requests_per_day = AIC_NAN;
  pj->fully_loaded_cost_per_request_usd = AIC_NAN;
  aic_energy_clear(&pj->energy);
}

/* Names the input that made the arithmetic overflow. */
static void
overflow(struct aic_diags *errors, const struct aic_traffic_plan *t, int day)
{
  const char *ptr = t->monthly_growth > 0 && isinf(t->max_requests_per_day)
                      ? "/traffic/monthly_growth"
                      : "/traffic/requests_per_day";

  aic_diag_add(errors, ptr,
               "the projection overflows on day %d: lower the traffic or its growth, or set "
               "max_requests_per_day",
               day);
}

/* Grown traffic past AIC_REQUESTS_PER_DAY_MAX (1e12, named in the text) is reported like an
 * overflow: its costs would be finite but meaningless. */
static void
traffic_too_high(struct aic_diags *errors, const struct aic_traffic_plan *t, int day)
{
  const char *ptr = t->monthly_growth > 0 ? "/traffic/monthly_growth" : "/traffic/requests_per_day";

  aic_diag_add(errors, ptr,
               "traffic grows past 1e12 requests a day (the most aicost projects) on day %d: "
               "lower the growth, shorten horizon_days, or set max_requests_per_day",
               day);
}

/* Warns (once) when a fixed fleet carries less than the day's peak; true
 * when it did. */
static bool
fleet_below_peak(struct aic_projection *pj, const struct aic_inference_plan *ip, double r,
                 double replicas, int day)
{
  double peak = r * ip->peak_to_average / AIC_SECONDS_PER_DAY;

  if (!(peak > replicas * ip->capacity_rps * (1.0 + 1e-12)))
    return false;
  aic_diag_add_code(&pj->warnings, "fleet_below_peak", "/inference/self_hosted/gpus",
                    "from day %d the fixed fleet's %.0f replicas carry %.4g requests/s "
                    "at target utilisation, below the peak of %.4g requests/s",
                    day, replicas, replicas * ip->capacity_rps, peak);
  return true;
}

/* Walks the days once: each day's traffic and inference cost, the running
 * sums, the crossover, the series points at each period's end and the
 * cumulative total by day. Fills pj's series and totals; an error names
 * the input that made a day's figures overflow or pass the traffic bound. */
static inline __attribute__((always_inline)) int
walk_days_as(bool constant, const struct aic_traffic_plan *t, const struct aic_inference_plan *ip,
             const struct aic_energy_plan *ep, double training, int horizon,
             enum aic_granularity gran, struct aic_projection *pj, struct aic_diags *errors)
{
  const bool watch_fleet = ip->kind == AIC_INF_SELF_HOSTED && ip->fixed_fleet && ip->shaped;
  /* Dated API prices: the rate per request steps on known days (the plan's
   * steps); between them the day's cost is worked out as without. */
  struct aic_inference_plan rate = *ip;
  size_t step = 0;
  int next_step = ip->n_steps > 0 ? ip->steps[0].day : horizon + 1;
  double *by_day = pj->cumulative_total_by_day;
  struct sum inf = { 0, 0 }, reqs = { 0, 0 }, period = { 0, 0 }, kwh_sum = { 0, 0 };
  int crossover_kwh = 0, crossover_t = 0;
  bool fleet_warned = false;
  size_t s = 0;
  long k = 1;
  long end = period_end(gran, 1);
  int start = 1, crossover = 0, d;
  double r = 0, replicas = 0, daily = 0;

  if (constant) {
    r = aic_traffic_requests(t, 1);
    if (r > AIC_REQUESTS_PER_DAY_MAX) {
      traffic_too_high(errors, t, 1);
      return AIC_E_INVALID;
    }
    daily = aic_inference_daily(ip, r, &replicas);
    if (watch_fleet)
      fleet_below_peak(pj, ip, r, replicas, 1);
  } else {
    /* The traffic curve first, on its own (pow() is the walk's only call
     * per day): requests(d) of every day up to the first past the bound,
     * held in by_day until day d's total replaces it. */
    for (d = 1; d <= horizon; d++) {
      by_day[d] = aic_traffic_requests(t, d);
      if (by_day[d] > AIC_REQUESTS_PER_DAY_MAX)
        break;
    }
  }
  by_day[0] = training;
  for (d = 1; d <= horizon; d++) {
    double cum, total, kwh = AIC_NAN, cum_kwh = AIC_NAN;

    if (d == next_step) {
      rate.cost_per_request_usd = ip->steps[step].cost_per_request_usd;
      next_step = ++step < ip->n_steps ? ip->steps[step].day : horizon + 1;
      if (constant)
        daily = aic_inference_daily(&rate, r, &replicas);
    }
    if (!constant) {
      r = by_day[d];
      if (r > AIC_REQUESTS_PER_DAY_MAX) {
        traffic_too_high(errors, t, d);
        return AIC_E_INVALID;
      }
      daily = aic_inference_daily(&rate, r, &replicas);
      if (watch_fleet && !fleet_warned)
        fleet_warned = fleet_below_peak(pj, ip, r, replicas, d);
    }
    sum_add(&inf, daily);
    sum_add(&reqs, r);
    sum_add(&period, daily);
    cum = sum_get(&inf);
    total = training + cum;
    /* A day's cost that is not finite makes its sum, and so `total`, not
     * finite on the same day. Traffic needs no test here: it is at most
     * AIC_REQUESTS_PER_DAY_MAX (tested above; never NaN: growth is applied
     * only to traffic above zero), so its sum stays below 1e12 x 3,650. */
    if (!isfinite(total)) {
      overflow(errors, t, d);
      return AIC_E_INVALID;
    }
    /* Serving's energy: the day's fleet powered for 24 hours (the fleet
     * the bill pays for, docs/cost-model.md "Energy and emissions"). */
    if (ep->serving) {
      kwh = (ip->fixed_fleet ? ip->fleet_gpus : replicas * ip->gpus_per_replica) *
            ep->kwh_per_gpu_day;
      sum_add(&kwh_sum, kwh);
      cum_kwh = sum_get(&kwh_sum);
      if (crossover_kwh == 0 && ep->training_kwh > 0 && cum_kwh >= ep->training_kwh)
        crossover_kwh = d;
      if (crossover_t == 0 && ep->training_tco2e > 0 &&
          cum_kwh * ep->tco2e_per_kwh >= ep->training_tco2e)
        crossover_t = d;
    }
    if (d == 1) {
      pj->energy.kwh_per_day = kwh;
      pj->energy.wh_per_request = r > 0 ? kwh * 1000.0 / r : AIC_NAN;
      pj->daily_usd = daily;
      if (ip->kind == AIC_INF_SELF_HOSTED) {
        pj->sh.replicas = replicas;
        pj->sh.gpus_total = ip->fixed_fleet ? ip->fleet_gpus : replicas * ip->gpus_per_replica;
        pj->cost_per_request_usd = r > 0 ? daily / r : AIC_NAN;
      }
    }
    if (crossover == 0 && training > 0 && cum >= training)
      crossover = d;
    by_day[d] = total;
    if (d == horizon || d == end) {
      struct aic_series_point *p = &pj->series[s++];

      p->day = d;
      p->days = d - start + 1;
      p->requests_per_day = r;
      p->daily_inference_usd = daily;
      p->period_inference_usd = sum_get(&period);
      p->cumulative_inference_usd = cum;
      p->training_usd = training;
      p->cumulative_total_usd = total;
      p->daily_kwh = kwh;
      p->cumulative_tco2e = ep->training_tco2e + cum_kwh * ep->tco2e_per_kwh;
      period.s = 0;
      period.c = 0;
      start = d + 1;
      end = period_end(gran, ++k);
    }
  }
  pj->crossover_day = crossover;
  pj->energy.crossover_day_kwh = crossover_kwh;
  pj->energy.crossover_day_tco2e = crossover_t;
  pj->energy.horizon_kwh = ep->serving ? sum_get(&kwh_sum) : AIC_NAN;
  pj->n_series = s;
  pj->inference_usd = sum_get(&inf);
  pj->requests_total = sum_get(&reqs);
  return AIC_OK;
}

/* Traffic grows only with both a growth rate and traffic; otherwise every
 * day has day 1's traffic, and so its cost, worked out once. The walk is
 * inlined for each case, so that each has a loop of its own. */
static int
walk_days(const struct aic_traffic_plan *t, const struct aic_inference_plan *ip,
          const struct aic_energy_plan *ep, double training, int horizon, enum aic_granularity gran,
          struct aic_projection *pj, struct aic_diags *errors)
{
  if (t->monthly_growth != 0 && t->requests_per_day > 0)
    return walk_days_as(false, t, ip, ep, training, horizon, gran, pj, errors);
  return walk_days_as(true, t, ip, ep, training, horizon, gran, pj, errors);
}

/* stale_price warnings for the prices the projection used: the vendor's
 * API price (and its batch discount), and each GPU's catalogue rate (not an owned GPU's, nor a rate
 * the scenario gives); stale_fx for the exchange rate its answer will be
 * converted at. */
static void
warn_stale(const struct aic_catalogue *cat, const struct aic_scenario *sc,
           const struct aic_calendar *cal, struct aic_projection *pj)
{
  const struct aic_training *tr = &sc->training;
  const struct aic_self_hosted *sh = &sc->inference.self_hosted;
  char what[96];

  if (tr->present && tr->has_gpu && !aic_has(tr->price_per_gpu_hour_usd) &&
      tr->pricing != AIC_PRICING_OWNED && pj->n_stages > 0) {
    snprintf(what, sizeof what, "the hourly price of gpu '%.64s'", tr->gpu.id ? tr->gpu.id : "?");
    aic_warn_if_stale(&pj->warnings, cal, "/training/gpu", what, tr->gpu.as_of);
  }
  if (sc->inference.kind == AIC_INF_SELF_HOSTED && sh->has_gpu &&
      !aic_has(sh->price_per_gpu_hour_usd) && sh->pricing != AIC_PRICING_OWNED) {
    snprintf(what, sizeof what, "the hourly price of gpu '%.64s'", sh->gpu.id ? sh->gpu.id : "?");
    aic_warn_if_stale(&pj->warnings, cal, "/inference/self_hosted/gpu", what, sh->gpu.as_of);
  }
  if (sc->inference.kind == AIC_INF_API) {
    const char *id = sc->inference.api.id;

    const struct aic_api_batch *b = sc->inference.batch ? aic_catalogue_api_batch(cat, id) : NULL;

    snprintf(what, sizeof what, "api price '%.64s'", id ? id : "?");
    aic_warn_if_stale(&pj->warnings, cal, "/inference/api", what, sc->inference.api.as_of);
    if (b != NULL) {
      snprintf(what, sizeof what, "the batch discount '%.64s'", b->id ? b->id : "?");
      aic_warn_if_stale(&pj->warnings, cal, "/inference/batch", what, b->as_of);
    }
  }
  aic_warn_if_fx_stale(&pj->warnings, cal, cat, sc->currency);
}

int
aic_project(const struct aic_catalogue *cat, const struct aic_scenario *sc,
            struct aic_projection *pj, struct aic_diags *errors)
{
  struct aic_diags scratch;
  struct aic_traffic_plan tp;
  struct aic_inference_plan ip;
  struct aic_energy_plan ep;
  struct aic_calendar cal;
  double served;
  bool ok = true;
  int r;

  if (pj == NULL)
    return AIC_E_INTERNAL;
  clear(pj);
  if (cat == NULL || sc == NULL)
    return AIC_E_INTERNAL;
  if (errors == NULL) {
    aic_diags_init(&scratch);
    errors = &scratch;
  }
  pj->name = sc->name;
  pj->horizon_days = sc->horizon_days;
  pj->granularity = sc->granularity;
  pj->inference_kind = sc->inference.kind;
  pj->self_hosted = sc->inference.kind == AIC_INF_SELF_HOSTED;
  if (sc->horizon_days < AIC_HORIZON_MIN || sc->horizon_days > AIC_HORIZON_MAX) {
    aic_diag_add(errors, "/horizon_days", "must be a whole number of days in [%d, %d]",
                 AIC_HORIZON_MIN, AIC_HORIZON_MAX);
    ok = false;
  }
  if ((unsigned)sc->granularity > AIC_GRAN_MONTH) {
    aic_diag_add(errors, "/granularity", "must be 'day', 'week' or 'month'");
    ok = false;
  }
  r = aic_training_project(cat, sc, pj, errors);
  ok = r == AIC_OK && ok;
  ok = aic_calendar_resolve(cat, sc, &cal, errors) == AIC_OK && ok;
  pj->has_start_date = cal.has_start;
  pj->start_day = cal.start_day;
  if (aic_traffic_resolve(cat, &sc->traffic, &tp, errors) == AIC_OK)
    ok = aic_inference_resolve(cat, sc, &tp, &cal, &ip, pj, errors) == AIC_OK && ok;
  else
    ok = false;
  /* after both sides: it reads their prices' offers and GPU-hours */
  if (ok)
    ok = aic_energy_resolve(cat, sc, pj, &ep, errors) == AIC_OK;
  if (!ok) {
    aic_diags_reset(&pj->warnings);
    return AIC_E_INVALID;
  }

  pj->n_series = count_periods(sc->granularity, sc->horizon_days);
  /* Not zeroed: walk_days writes every point and every day before anything
   * reads them (and n_series counts only the points written). */
  pj->series = malloc(pj->n_series * sizeof *pj->series);
  pj->cumulative_total_by_day = malloc(((size_t)sc->horizon_days + 1) *
                                       sizeof *pj->cumulative_total_by_day);
  if (pj->series == NULL || pj->cumulative_total_by_day == NULL) {
    aic_projection_release(pj);
    return AIC_E_NOMEM;
  }
  r = walk_days(&tp, &ip, &ep, pj->training_total_usd, sc->horizon_days, sc->granularity, pj,
                errors);
  if (r != AIC_OK) {
    aic_projection_release(pj);
    aic_diags_reset(&pj->warnings);
    return r;
  }

  if (ip.kind != AIC_INF_SELF_HOSTED)
    pj->cost_per_request_usd = ip.cost_per_request_usd;
  /* The article's "nine million dollars a year": 365 x the first day. */
  pj->annual_usd = 365.0 * pj->daily_usd;
  /* Tokens served: the prompt, the answer and the reasoning behind it. */
  served = tp.input_tokens + tp.output_tokens + tp.reasoning_tokens;
  if (served > 0 && isfinite(pj->cost_per_request_usd))
    pj->cost_per_million_tokens_usd = pj->cost_per_request_usd / served * 1e6;
  warn_stale(cat, sc, &cal, pj);
  pj->total_usd = pj->training_total_usd + pj->inference_usd;
  pj->inference_share = pj->total_usd > 0 ? pj->inference_usd / pj->total_usd : AIC_NAN;
  pj->break_even_requests_per_day = aic_inference_break_even(&ip, pj->training_total_usd,
                                                             sc->horizon_days);
  pj->fully_loaded_cost_per_request_usd = pj->requests_total > 0
                                            ? pj->total_usd / pj->requests_total
                                            : AIC_NAN;
  aic_energy_finish(&tp, pj);
  if (!isfinite(pj->annual_usd)) {
    overflow(errors, &tp, 1);
    aic_projection_release(pj);
    aic_diags_reset(&pj->warnings);
    return AIC_E_INVALID;
  }
  return AIC_OK;
}

int
aic_budget_exhausted_day(const struct aic_projection *pj, double budget_usd)
{
  if (isnan(budget_usd) || pj->cumulative_total_by_day == NULL)
    return -1;
  for (int d = 0; d <= pj->horizon_days; d++) {
    if (pj->cumulative_total_by_day[d] > budget_usd)
      return d;
  }
  return -1;
}

void
aic_projection_release(struct aic_projection *pj)
{
  if (pj == NULL)
    return;
  free(pj->series);
  free(pj->cumulative_total_by_day);
  aic_bands_free(pj->bands);
  pj->bands = NULL;
  pj->series = NULL;
  pj->cumulative_total_by_day = NULL;
  pj->n_series = 0;
}
