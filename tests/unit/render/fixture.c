#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"

/* Period ends as the contract defines them: days for "day", every 7 days
 * for "week", round(k * 365 / 12) for "month"; the last ends at the horizon. */
static size_t
period_ends(int horizon, enum aic_granularity gran, int *ends)
{
  size_t n = 0;
  int k, d;

  for (k = 1;; k++) {
    if (gran == AIC_GRAN_DAY)
      d = k;
    else if (gran == AIC_GRAN_WEEK)
      d = 7 * k;
    else
      d = (k * 730 + 12) / 24; /* round half up of k * 365 / 12 */
    if (d >= horizon)
      break;
    ends[n++] = d;
  }
  ends[n++] = horizon;
  return n;
}

void
fx_flat(struct aic_projection *pj, const char *name, double training_usd, double daily_usd,
        int horizon, enum aic_granularity gran, int crossover_day)
{
  int *ends = calloc((size_t)horizon + 1, sizeof *ends);
  size_t n, i;
  int prev = 0, d;

  memset(pj, 0, sizeof *pj);
  pj->name = name;
  pj->training_total_usd = training_usd;
  pj->training_lump_sum = true;
  pj->training_price_per_gpu_hour_usd = (double)NAN;
  pj->inference_kind = AIC_INF_PER_REQUEST;
  pj->cost_per_request_usd = daily_usd / 5e6;
  pj->daily_usd = daily_usd;
  pj->annual_usd = 365 * daily_usd;
  pj->cost_per_million_tokens_usd = (double)NAN;
  pj->horizon_days = horizon;
  pj->granularity = gran;
  pj->requests_total = 5e6 * horizon;
  pj->inference_usd = daily_usd * horizon;
  pj->total_usd = training_usd + daily_usd * horizon;
  pj->inference_share = pj->inference_usd / pj->total_usd;
  pj->crossover_day = crossover_day;
  pj->break_even_requests_per_day = (double)NAN;
  pj->fully_loaded_cost_per_request_usd = pj->total_usd / pj->requests_total;
  aic_energy_clear(&pj->energy);

  n = period_ends(horizon, gran, ends);
  pj->series = calloc(n, sizeof *pj->series);
  pj->n_series = n;
  for (i = 0; i < n; i++) {
    struct aic_series_point *s = &pj->series[i];

    s->day = ends[i];
    s->days = ends[i] - prev;
    s->requests_per_day = 5e6;
    s->daily_inference_usd = daily_usd;
    s->period_inference_usd = daily_usd * s->days;
    s->cumulative_inference_usd = daily_usd * s->day;
    s->training_usd = training_usd;
    s->cumulative_total_usd = training_usd + daily_usd * s->day;
    /* a price per request: no GPUs, so no energy (null, empty cells) */
    s->daily_kwh = (double)NAN;
    s->cumulative_tco2e = (double)NAN;
    prev = ends[i];
  }
  pj->cumulative_total_by_day = calloc((size_t)horizon + 1, sizeof *pj->cumulative_total_by_day);
  for (d = 0; d <= horizon; d++)
    pj->cumulative_total_by_day[d] = training_usd + daily_usd * d;
  free(ends);
}

void
fx_support_bot(struct aic_projection *pj, const char *name)
{
  fx_flat(pj, name, 3e6, 25000, 365, AIC_GRAN_MONTH, 120);
}

void
fx_release(struct aic_projection *pj)
{
  free(pj->series);
  free(pj->cumulative_total_by_day);
  pj->series = NULL;
  pj->cumulative_total_by_day = NULL;
}

void
fx_pair(struct aic_comparison *c, int horizon, const char *name_a, const char *name_b)
{
  bool large_wins = horizon > 1450;

  memset(c, 0, sizeof *c);
  c->horizon_days = horizon;
  c->n = 2;
  c->projections = calloc(2, sizeof *c->projections);
  c->rank = calloc(2, sizeof *c->rank);
  fx_flat(&c->projections[0], name_a, 30e6, 5000, horizon, AIC_GRAN_MONTH, 0);
  fx_flat(&c->projections[1], name_b, 1e6, 25000, horizon, AIC_GRAN_MONTH, 40);
  c->rank[0] = large_wins ? 0 : 1;
  c->rank[1] = large_wins ? 1 : 0;
  if (large_wins) {
    c->overtakes = calloc(1, sizeof *c->overtakes);
    c->overtakes[0] = (struct aic_overtake){ .option = 0, .other = 1, .day = 1451 };
    c->n_overtakes = 1;
  }
}

void
fx_comparison_release(struct aic_comparison *c)
{
  size_t i;

  for (i = 0; i < c->n; i++)
    fx_release(&c->projections[i]);
  free(c->projections);
  free(c->rank);
  free(c->overtakes);
  memset(c, 0, sizeof *c);
}
