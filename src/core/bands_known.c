/* The bands' inference when every sample has the same traffic (no growth
 * range): the day's requests and their running sum are worked out once,
 * and each sample's inference follows without walking its days one by one
 * (docs/cost-model.md, "Uncertainty bands"):
 *   - a price per request (no dated change): inference to day d is
 *     rate x requests to day d, a product per series point;
 *   - a fleet sized for rising traffic: the replicas stay the same for
 *     runs of days, found by a galloping search, and each run adds
 *     replicas x a replica-day per day. */
#include "bands_model.h"

#include <math.h>
#include <stdlib.h>

int
bands_traffic_init(struct bands_model *m)
{
  const struct aic_traffic_plan *t = &m->traffic;
  double step = pow(1.0 + t->monthly_growth, 12.0 / 365.0), raw = t->requests_per_day;
  int h = m->horizon;

  m->requests = malloc(((size_t)h + 1) * sizeof *m->requests);
  m->requests_sum = malloc(((size_t)h + 1) * sizeof *m->requests_sum);
  if (m->requests == NULL || m->requests_sum == NULL)
    return AIC_E_NOMEM;
  m->requests[0] = m->requests_sum[0] = 0;
  for (int d = 1; d <= h; d++) {
    m->requests[d] = raw < t->max_requests_per_day ? raw : t->max_requests_per_day;
    m->requests_sum[d] = m->requests_sum[d - 1] + m->requests[d];
    raw *= step;
  }
  m->rising = t->monthly_growth >= 0;
  return AIC_OK;
}

void
bands_model_release(struct bands_model *m)
{
  free(m->requests);
  free(m->requests_sum);
  m->requests = m->requests_sum = NULL;
}

/* The first whole day d in [from, to] with base + (d - from + 1) x per >=
 * target, or 0. */
static int
first_reaching(double base, double per, double target, int from, int to)
{
  double k;

  if (!(per > 0) || base + (double)(to - from + 1) * per < target)
    return 0;
  k = ceil((target - base) / per);
  if (k < 1)
    k = 1;
  while (k > 1 && base + (k - 1) * per >= target)
    k--;
  while (base + k * per < target)
    k++;
  return from + (int)k - 1;
}

/* A price per request: every figure from the running sum of requests. */
static void
linear(const struct bands_model *m, double rate, struct bands_outcome *o, double *curve,
       size_t stride)
{
  const struct aic_projection *pj = m->pj;
  const double *sum = m->requests_sum;
  int h = m->horizon, lo = 0, hi = h;

  o->daily = rate * m->requests[1];
  o->inference = rate * sum[h];
  o->crossover = AIC_INF;
  if (o->training > 0 && rate > 0 && o->inference >= o->training) {
    /* the running sum rises (requests are >= 0): the first day reaching it */
    while (hi - lo > 1) {
      int mid = lo + (hi - lo) / 2;

      if (rate * sum[mid] >= o->training)
        hi = mid;
      else
        lo = mid;
    }
    o->crossover = hi;
  }
  for (size_t k = 0; curve != NULL && k < pj->n_series; k++)
    curve[stride * k] = rate * sum[pj->series[k].day];
}

/* Replicas for `requests` a day, as aic_inference_daily provisions them. */
static double
replicas(double requests, double k)
{
  return requests > 0 ? aic_ceil_tolerant(requests * k) : 0;
}

/* A sized fleet under rising traffic: runs of days with the same replicas. */
static void
sized(const struct bands_model *m, const struct aic_inference_plan *p, struct bands_outcome *o,
      double *curve, size_t stride)
{
  const struct aic_projection *pj = m->pj;
  const double *r = m->requests;
  double k = p->peak_to_average / AIC_SECONDS_PER_DAY / p->capacity_rps;
  double unit = p->gpus_per_replica * 24.0 * p->price_per_gpu_hour_usd, cum = 0;
  size_t point = 0, points = curve != NULL ? pj->n_series : 0;
  int h = m->horizon, crossover = 0;

  o->daily = replicas(r[1], k) * unit;
  for (int d = 1; d <= h;) {
    double n = replicas(r[d], k), per = n * unit;
    int last = d, step = 1, hi;

    /* gallop to a day with more replicas (or past the horizon), then halve */
    while (last + step <= h && replicas(r[last + step], k) <= n) {
      last += step;
      step *= 2;
    }
    hi = last + step <= h ? last + step : h + 1;
    while (hi - last > 1) {
      int mid = last + (hi - last) / 2;

      if (replicas(r[mid], k) <= n)
        last = mid;
      else
        hi = mid;
    }
    if (crossover == 0 && o->training > 0)
      crossover = first_reaching(cum, per, o->training, d, last);
    for (; point < points && pj->series[point].day <= last; point++)
      curve[stride * point] = cum + (double)(pj->series[point].day - d + 1) * per;
    cum += (double)(last - d + 1) * per;
    d = last + 1;
  }
  o->inference = cum;
  o->crossover = crossover > 0 ? crossover : AIC_INF;
}

bool
bands_known_inference(const struct bands_model *m, const struct aic_inference_plan *p,
                      struct bands_outcome *o, double *curve, size_t stride)
{
  if (m->requests == NULL || p->n_steps > 0)
    return false;
  if (p->kind == AIC_INF_PER_REQUEST || p->kind == AIC_INF_API) {
    linear(m, p->cost_per_request_usd, o, curve, stride);
  } else if (p->kind == AIC_INF_SELF_HOSTED && !p->fixed_fleet && m->rising) {
    sized(m, p, o, curve, stride);
  } else {
    return false;
  }
  o->requests = m->requests_sum[m->horizon];
  return true;
}
