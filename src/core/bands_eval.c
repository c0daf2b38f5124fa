/* The projection as a function of its uncertain inputs, for the bands: the
 * training stages' hours and price, and the inference walk with a replica's
 * capacity, the GPU-hour and the growth rate set per sample. Only the
 * figures the bands report are computed, and the days are walked only when
 * the traffic changes from day to day (docs/cost-model.md, "Uncertainty
 * bands"). */
#include "bands_model.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

int
bands_model_init(const struct aic_catalogue *cat, const struct aic_scenario *sc,
                 const struct aic_projection *pj, struct bands_model *m)
{
  /* The plans are aic_project's, made again: cheap next to the samples,
   * and the projection stays a plain result. Its warnings were given. */
  static const struct aic_projection zero;
  struct aic_projection scratch;
  struct aic_diags errors;
  struct aic_calendar cal;

  memset(m, 0, sizeof *m);
  m->pj = pj;
  m->horizon = pj->horizon_days;
  m->lump_sum = pj->training_lump_sum;
  m->lump_usd = pj->training_total_usd;
  m->n_stages = pj->n_stages;
  m->gpu_count = AIC_NAN;
  if (sc->training.present && aic_has(sc->training.gpu_count))
    m->gpu_count = sc->training.gpu_count;
  for (size_t k = 0; k < pj->n_stages; k++) {
    const struct aic_stage_result *s = &pj->stages[k];

    m->hours[k] = s->gpu_hours;
    m->labelling[k] = s->labelling_usd;
    m->prior[k] = !s->measured && !aic_has(sc->training.mfu);
  }
  scratch = zero;
  aic_diags_init(&scratch.warnings);
  aic_diags_init(&errors);
  if (aic_traffic_resolve(cat, &sc->traffic, &m->traffic, &errors) != AIC_OK ||
      aic_calendar_resolve(cat, sc, &cal, &errors) != AIC_OK ||
      aic_inference_resolve(cat, sc, &m->traffic, &cal, &m->plan, &scratch, &errors) != AIC_OK)
    return AIC_E_INTERNAL; /* aic_project accepted the same scenario */
  m->point[AIC_U_TRAINING_MFU] = 1;
  m->point[AIC_U_TRAINING_PRICE] = pj->training_price_per_gpu_hour_usd;
  m->point[AIC_U_SERVING_SPEED] = 1;
  m->point[AIC_U_SERVING_PRICE] = m->plan.price_per_gpu_hour_usd;
  m->point[AIC_U_MONTHLY_GROWTH] = m->traffic.monthly_growth;
  m->point[AIC_U_TRAINING_DRAW] = pj->energy.training.draw_fraction;
  m->point[AIC_U_SERVING_DRAW] = pj->energy.serving.draw_fraction;
  m->point[AIC_U_TRAINING_PUE] = pj->energy.training.pue;
  m->point[AIC_U_SERVING_PUE] = pj->energy.serving.pue;
  return AIC_OK;
}

static void
training(const struct bands_model *m, const double *x, struct bands_outcome *o)
{
  o->training = 0;
  if (m->lump_sum) {
    o->training = m->lump_usd;
    return;
  }
  for (size_t k = 0; k < m->n_stages; k++) {
    /* GPU-hours are FLOPs / (peak x MFU x goodput): 1 / the MFU factor. */
    double h = m->hours[k] / (m->prior[k] ? x[AIC_U_TRAINING_MFU] : 1.0);

    o->stage_hours[k] = h;
    o->stage_days[k] = h / m->gpu_count / 24.0;
    o->stage_total[k] = h * x[AIC_U_TRAINING_PRICE] + m->labelling[k];
    o->training += o->stage_total[k];
  }
}

/* The first day d with d x daily >= training; +INFINITY past the horizon. */
static double
constant_crossover(double training, double daily, int horizon)
{
  double d;

  if (!(training > 0 && daily > 0))
    return AIC_INF;
  d = ceil(training / daily);
  if (d < 1)
    d = 1;
  while (d > 1 && (d - 1) * daily >= training)
    d--;
  while (d * daily < training)
    d++;
  return d <= horizon ? d : AIC_INF;
}

/* One day's inference cost as aic_inference_daily computes it, with what
 * is fixed for the sample worked out once: the replicas per request/day
 * (k) and a replica-day's price (unit) instead of two divisions a day, and
 * a ceil by integer conversion (traffic is at most 1e12 a day, so x fits). */
struct day_cost {
  enum aic_inference_kind kind;
  bool sized;  /* self-hosted, sized for the day's peak */
  double rate; /* linear kinds: per request */
  double k;    /* sized: replicas = ceil(requests x k) */
  double unit; /* sized: a replica-day; fixed fleet: the fleet's day */
};

static struct day_cost
day_cost_of(const struct aic_inference_plan *p)
{
  struct day_cost c = { .kind = p->kind, .rate = p->cost_per_request_usd };

  if (p->kind == AIC_INF_SELF_HOSTED && p->fixed_fleet) {
    c.unit = p->fleet_gpus * 24.0 * p->price_per_gpu_hour_usd;
  } else if (p->kind == AIC_INF_SELF_HOSTED) {
    c.sized = true;
    c.k = p->peak_to_average / AIC_SECONDS_PER_DAY / p->capacity_rps;
    c.unit = p->gpus_per_replica * 24.0 * p->price_per_gpu_hour_usd;
  }
  return c;
}

static inline double
day_cost(const struct day_cost *c, double requests)
{
  double x, n;

  if (c->kind != AIC_INF_SELF_HOSTED)
    return requests * c->rate;
  if (!c->sized)
    return c->unit;
  if (!(requests > 0))
    return 0;
  x = requests * c->k;
  n = (double)(int64_t)x;
  n += n < x;
  /* aic_ceil_tolerant: float noise above a whole number adds no replica */
  if (n >= 1 && n - 1 >= x * (1.0 - AIC_CEIL_SLACK))
    n -= 1;
  return n * c->unit;
}

/* The day walk of projection.c for one sample, without the series: the
 * traffic grows by a factor per day, each day costs what day_cost says,
 * and the cumulative inference is kept at the series' days. */
static int
walk(const struct bands_model *m, const struct aic_traffic_plan *t,
     const struct aic_inference_plan *p, struct bands_outcome *o, double *curve, size_t stride,
     struct aic_diags *errors)
{
  const struct aic_projection *pj = m->pj;
  struct day_cost cost = day_cost_of(p);
  double step = t->monthly_growth != 0 && t->requests_per_day > 0
                  ? pow(1.0 + t->monthly_growth, 12.0 / 365.0)
                  : 1.0;
  double raw = t->requests_per_day, cum = 0, reqs = 0, training = o->training;
  double cap = t->max_requests_per_day < AIC_REQUESTS_PER_DAY_MAX ? t->max_requests_per_day
                                                                  : AIC_REQUESTS_PER_DAY_MAX;
  size_t next_change = 0, point = 0, points = curve != NULL ? pj->n_series : 0;
  int next_day = p->n_steps > 0 ? p->steps[0].day : m->horizon + 1, crossover = 0;
  int next_point = points > 0 ? pj->series[0].day : 0;

  for (int d = 1; d <= m->horizon; d++) {
    double r = raw < t->max_requests_per_day ? raw : t->max_requests_per_day, daily;

    if (r > cap) {
      aic_diag_add(errors, "/traffic/monthly_growth",
                   "at the high end of its range, traffic grows past 1e12 requests a day "
                   "(the most aicost projects) on day %d: lower the range, shorten "
                   "horizon_days, or set max_requests_per_day",
                   d);
      return AIC_E_INVALID;
    }
    if (d == next_day) {
      cost.rate = p->steps[next_change].cost_per_request_usd;
      next_day = ++next_change < p->n_steps ? p->steps[next_change].day : m->horizon + 1;
    }
    daily = day_cost(&cost, r);
    if (d == 1)
      o->daily = daily;
    cum += daily;
    reqs += r;
    if (crossover == 0 && training > 0 && cum >= training)
      crossover = d;
    if (d == next_point) {
      curve[stride * point++] = cum;
      next_point = point < points ? pj->series[point].day : 0;
    }
    raw *= step;
  }
  o->crossover = crossover > 0 ? crossover : AIC_INF;
  if (!isfinite(cum)) {
    aic_diag_add(errors, "/traffic/monthly_growth",
                 "at the high end of its range the projection overflows: lower the range");
    return AIC_E_INVALID;
  }
  o->inference = cum;
  o->requests = reqs;
  return AIC_OK;
}

/* A side's kWh per GPU-hour at the sample's draw fraction and PUE, in
 * energy.c's order of operations: at the point values, the projection's
 * figure to the bit. */
static double
kwh_per_gpu_hour(const struct aic_energy_side *s, double draw, double pue)
{
  return s->power_w / 1000.0 * draw * s->server_overhead * pue;
}

/* A sample's energy: training's GPU-hours and serving's (its cost over the
 * sample's GPU-hour price: the fleet the bill pays for) at the sample's
 * kWh per GPU-hour and the projection's intensities. Unknown (NAN) where
 * the projection's is, and where a price of 0 hides the GPU-hours. */
static void
energy(const struct bands_model *m, const struct aic_inference_plan *p, const double *x,
       struct bands_outcome *o)
{
  const struct aic_energy_result *e = &m->pj->energy;
  double kwh = 0, serving = AIC_NAN, price = p->price_per_gpu_hour_usd;
  double per_training = kwh_per_gpu_hour(&e->training, x[AIC_U_TRAINING_DRAW],
                                         x[AIC_U_TRAINING_PUE]);
  double per_serving = kwh_per_gpu_hour(&e->serving, x[AIC_U_SERVING_DRAW], x[AIC_U_SERVING_PUE]);

  o->training_kwh = o->kwh_per_day = o->total_kwh = o->total_tco2e = AIC_NAN;
  if (e->training.known) {
    for (size_t k = 0; k < m->n_stages; k++)
      kwh += o->stage_hours[k] * per_training;
    o->training_kwh = kwh;
  } else if (e->training_kwh == 0) {
    o->training_kwh = 0; /* nothing trained */
  }
  if (!e->serving.known || !(price > 0))
    return;
  o->kwh_per_day = o->daily / price * per_serving;
  serving = o->inference / price * per_serving;
  if (isnan(o->training_kwh))
    return; /* training's unknown (a lump sum): no total, as the point's */
  o->total_kwh = o->training_kwh + serving;
  o->total_tco2e = (o->training_kwh * (e->training.known ? e->training.gco2e_per_kwh : 0) +
                    serving * e->serving.gco2e_per_kwh) /
                   1e6;
}

int
bands_evaluate(const struct bands_model *m, const double *x, struct bands_outcome *o, double *curve,
               size_t stride, struct aic_diags *errors)
{
  struct aic_inference_plan p = m->plan;
  struct aic_traffic_plan t = m->traffic;
  const struct aic_projection *pj = m->pj;
  double replicas;

  training(m, x, o);
  if (p.kind == AIC_INF_SELF_HOSTED) {
    p.capacity_rps *= x[AIC_U_SERVING_SPEED];
    p.price_per_gpu_hour_usd = x[AIC_U_SERVING_PRICE];
  }
  t.monthly_growth = x[AIC_U_MONTHLY_GROWTH];
  if (t.monthly_growth == m->traffic.monthly_growth &&
      bands_known_inference(m, &p, o, curve, stride)) {
    /* done from the shared traffic */
  } else if ((t.monthly_growth != 0 && t.requests_per_day > 0) || p.n_steps > 0) {
    int r = walk(m, &t, &p, o, curve, stride, errors);

    if (r != AIC_OK)
      return r;
  } else {
    /* Every day is day 1: the sums are products. */
    double r = aic_traffic_requests(&t, 1);

    o->daily = aic_inference_daily(&p, r, &replicas);
    o->inference = o->daily * m->horizon;
    o->requests = r * m->horizon;
    o->crossover = constant_crossover(o->training, o->daily, m->horizon);
    for (size_t k = 0; curve != NULL && k < pj->n_series; k++)
      curve[stride * k] = o->daily * pj->series[k].day;
  }
  o->total = o->training + o->inference;
  o->fully_loaded = o->requests > 0 ? o->total / o->requests : AIC_NAN;
  o->break_even = aic_inference_break_even(&p, o->training, m->horizon);
  energy(m, &p, x, o);
  return AIC_OK;
}
