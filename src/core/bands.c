/* Uncertainty bands (docs/cost-model.md, "Uncertainty bands"): each input
 * the model does not know gets a distribution, a fixed-seed Latin
 * hypercube of AIC_BANDS_SAMPLES draws runs the projection's figures
 * through bands_evaluate, and each figure's p10/p50/p90 are read off its
 * sorted samples. Drivers: the total with one input at a time at its p10
 * and p90. */
#include "bands_model.h"

#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define N AIC_BANDS_SAMPLES
/* The standard normal's 90th percentile. */
#define Z90 1.2815515655446004
/* The hypercube's seed: any fixed number; it is part of the output's bytes. */
#define LHS_SEED UINT64_C(0x6169636f73742d31)

static const struct {
  const char *name;
  const char *pointer;
} uncertain[AIC_U_COUNT] = {
  [AIC_U_TRAINING_MFU] = { "training_mfu", "/training/mfu" },
  [AIC_U_TRAINING_PRICE] = { "training_gpu_price", "/training/price_per_gpu_hour_usd" },
  [AIC_U_SERVING_SPEED] = { "serving_speed", "/inference/self_hosted/compute_efficiency" },
  [AIC_U_SERVING_PRICE] = { "serving_gpu_price", "/inference/self_hosted/price_per_gpu_hour_usd" },
  [AIC_U_MONTHLY_GROWTH] = { "monthly_growth", "/traffic/monthly_growth" },
  [AIC_U_TRAINING_DRAW] = { "training_draw_fraction", "/training/draw_fraction" },
  [AIC_U_SERVING_DRAW] = { "serving_draw_fraction", "/inference/self_hosted/draw_fraction" },
  [AIC_U_TRAINING_PUE] = { "training_pue", "/training/pue" },
  [AIC_U_SERVING_PUE] = { "serving_pue", "/inference/self_hosted/pue" },
};

/* The cost inputs' bits: the energy inputs move no dollar figure. */
#define COST_INPUTS ((1u << AIC_U_ENERGY_FIRST) - 1u)

const char *
aic_uncertain_name(enum aic_uncertain u)
{
  return (unsigned)u < AIC_U_COUNT ? uncertain[u].name : NULL;
}

const char *
aic_uncertain_pointer(enum aic_uncertain u)
{
  return (unsigned)u < AIC_U_COUNT ? uncertain[u].pointer : NULL;
}

/* Hazen's quantile of n sorted values (position n·q − ½): the same rule
 * reads an input's offers at u and a figure's samples at 0.1, 0.5, 0.9, so
 * that one input alone maps its own p10 and p90 onto the figure's. An
 * infinite neighbour (a crossover after the horizon) wins. */
static double
hazen(const double *s, size_t n, double q)
{
  double h = (double)n * q - 0.5, f;
  size_t lo;

  if (n == 0)
    return AIC_NAN;
  if (h <= 0)
    return s[0];
  if (h >= (double)(n - 1))
    return s[n - 1];
  lo = (size_t)h;
  f = h - (double)lo;
  if (f == 0 || isinf(s[lo]))
    return s[lo];
  if (isinf(s[lo + 1]))
    return s[lo + 1];
  return s[lo] + f * (s[lo + 1] - s[lo]);
}

/* One input's distribution. */
enum dist { D_FACTOR, D_VALUES, D_UNIFORM, D_SPLIT };
struct input {
  enum dist kind;
  double sigma_lo, sigma_hi; /* D_FACTOR: ln-spread below and above the median 1 */
  double v[AIC_OFFERS_MAX];  /* D_VALUES: ascending */
  size_t n;
  double lo, hi;   /* D_UNIFORM, D_SPLIT: the ends */
  double mid;      /* D_SPLIT: the median */
  double q10, q90; /* its own 10th and 90th percentiles, for the drivers */
};

/* The input's value at probability u (its quantile function). A factor is
 * two half log-normals joined at the median 1, whose 10th and 90th
 * percentiles are the calibrated p10 and p90 factors. */
static double
input_at(const struct input *in, double u)
{
  double z;

  switch (in->kind) {
  case D_FACTOR: z = aic_normal_quantile(u); return exp(z * (z < 0 ? in->sigma_lo : in->sigma_hi));
  case D_VALUES: return hazen(in->v, in->n, u);
  case D_SPLIT:
    return u < 0.5 ? in->lo + 2 * u * (in->mid - in->lo)
                   : in->mid + 2 * (u - 0.5) * (in->hi - in->mid);
  case D_UNIFORM: break;
  }
  return in->lo + u * (in->hi - in->lo);
}

/* A factor's spread; false when the catalogue's figures cannot be one
 * (a hand-built catalogue: the loader holds them to 0 < p10 <= 1 <= p90). */
static bool
factor(struct input *in, double p10, double p90)
{
  if (!(p10 > 0 && p10 <= 1 && p90 >= 1 && isfinite(p90)))
    return false;
  in->kind = D_FACTOR;
  in->sigma_lo = -log(p10) / Z90;
  in->sigma_hi = log(p90) / Z90;
  in->q10 = p10;
  in->q90 = p90;
  return true;
}

/* A catalogue default between its documented ends: half the probability
 * spread evenly below it down to `lo`, half above it up to `hi`, so that
 * its median is the value the projection used. False when the ends are
 * absent or do not bracket it. */
static bool
split(struct input *in, double lo, double mid, double hi)
{
  if (!(lo <= mid && mid <= hi && lo < hi))
    return false;
  in->kind = D_SPLIT;
  in->lo = lo;
  in->mid = mid;
  in->hi = hi;
  in->q10 = input_at(in, 0.1);
  in->q90 = input_at(in, 0.9);
  return true;
}

/* The providers' offers a median-rule price was chosen among: the price a
 * plan without a provider will pay is any of theirs. */
static bool
offers(struct input *in, const struct aic_price_choice *c, const struct aic_gpu *g)
{
  if (c->basis != AIC_BASIS_OFFER || c->rule != AIC_RULE_MEDIAN || c->providers < 2)
    return false;
  in->kind = D_VALUES;
  in->n = aic_offer_provider_prices(g, c->kind, in->v);
  in->q10 = hazen(in->v, in->n, 0.1);
  in->q90 = hazen(in->v, in->n, 0.9);
  return in->n >= 2 && in->v[0] < in->v[in->n - 1];
}

_Static_assert(AIC_U_SERVING_PUE - AIC_U_SERVING_DRAW == AIC_U_TRAINING_PUE - AIC_U_TRAINING_DRAW,
               "each side's PUE is as far from its draw");

/* One side's energy inputs that come from the catalogue's defaults: a
 * draw fraction neither the scenario nor the GPU gives, a PUE neither the
 * scenario nor a site gives. A value given is a point, as for the cost
 * inputs. `draw` is the side's first input (its PUE's is two after). */
static unsigned
side_inputs(const struct aic_energy_side *side, const struct aic_energy_ask *ask, double gpu_draw,
            double draw_low, double draw_high, const struct aic_defaults *df,
            enum aic_uncertain draw, struct input *in)
{
  enum aic_uncertain pue = draw + (AIC_U_TRAINING_PUE - AIC_U_TRAINING_DRAW);
  unsigned set = 0;

  if (!side->known)
    return 0;
  if (!aic_has(ask->draw_fraction) && !aic_has(gpu_draw) &&
      split(&in[draw], draw_low, side->draw_fraction, draw_high))
    set |= 1u << draw;
  if (!aic_has(ask->pue) && side->site_basis == AIC_SITE_NONE &&
      split(&in[pue], df->pue_low, side->pue, df->pue_high))
    set |= 1u << pue;
  return set;
}

static unsigned
energy_inputs(const struct aic_catalogue *cat, const struct aic_scenario *sc,
              const struct aic_projection *pj, struct input *in)
{
  const struct aic_defaults *df = &cat->defaults;
  const struct aic_self_hosted *sh = &sc->inference.self_hosted;

  return side_inputs(&pj->energy.training, &sc->training.energy,
                     sc->training.gpu.training_draw_fraction, df->training_draw_fraction_low,
                     df->training_draw_fraction_high, df, AIC_U_TRAINING_DRAW, in) |
         side_inputs(&pj->energy.serving, &sh->energy, sh->gpu.serving_draw_fraction,
                     df->serving_draw_fraction_low, df->serving_draw_fraction_high, df,
                     AIC_U_SERVING_DRAW, in);
}

/* Which inputs are uncertain here, and how. */
static unsigned
find_inputs(const struct aic_catalogue *cat, const struct aic_scenario *sc,
            const struct aic_projection *pj, const struct bands_model *m, struct input *in)
{
  const struct aic_defaults *df = &cat->defaults;
  const struct aic_self_hosted *sh = &sc->inference.self_hosted;
  unsigned set = 0;

  for (size_t k = 0; k < m->n_stages; k++) {
    if (m->prior[k] && factor(&in[AIC_U_TRAINING_MFU], df->mfu_p10_factor, df->mfu_p90_factor))
      set |= 1u << AIC_U_TRAINING_MFU;
  }
  if (m->n_stages > 0 && offers(&in[AIC_U_TRAINING_PRICE], &pj->training_price, &sc->training.gpu))
    set |= 1u << AIC_U_TRAINING_PRICE;
  if (m->plan.kind == AIC_INF_SELF_HOSTED) {
    /* The calibrated spread is of the model's speed: a scenario that gives
     * both efficiencies has stated its own. */
    if (m->plan.shaped && !m->plan.fixed_fleet &&
        !(aic_has(sh->compute_efficiency) && aic_has(sh->bandwidth_efficiency)) &&
        factor(&in[AIC_U_SERVING_SPEED], df->serving_p10_factor, df->serving_p90_factor))
      set |= 1u << AIC_U_SERVING_SPEED;
    if (offers(&in[AIC_U_SERVING_PRICE], &pj->sh.price, &sh->gpu))
      set |= 1u << AIC_U_SERVING_PRICE;
  }
  if (m->traffic.growth_low < m->traffic.growth_high && m->traffic.requests_per_day > 0) {
    in[AIC_U_MONTHLY_GROWTH].kind = D_UNIFORM;
    in[AIC_U_MONTHLY_GROWTH].lo = m->traffic.growth_low;
    in[AIC_U_MONTHLY_GROWTH].hi = m->traffic.growth_high;
    in[AIC_U_MONTHLY_GROWTH].q10 = input_at(&in[AIC_U_MONTHLY_GROWTH], 0.1);
    in[AIC_U_MONTHLY_GROWTH].q90 = input_at(&in[AIC_U_MONTHLY_GROWTH], 0.9);
    set |= 1u << AIC_U_MONTHLY_GROWTH;
  }
  return set | energy_inputs(cat, sc, pj, in);
}

/* splitmix64 (Steele, Lea and Flood 2014): the permutations' generator. */
static uint64_t
splitmix(uint64_t *s)
{
  uint64_t z = (*s += UINT64_C(0x9e3779b97f4a7c15));

  z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
  return z ^ (z >> 31);
}

/* The Latin hypercube (McKay, Beckman and Conover 1979): in dimension u,
 * sample i falls in stratum perm_u(i) of N equal strata, at its middle.
 * Each dimension's permutation (Fisher-Yates) has a seed of its own. */
static void
hypercube(double u[N][AIC_U_COUNT])
{
  for (int dim = 0; dim < AIC_U_COUNT; dim++) {
    uint64_t s = LHS_SEED + (uint64_t)dim;
    int perm[N];

    for (int i = 0; i < N; i++)
      perm[i] = i;
    for (int i = N - 1; i > 0; i--) {
      int j = (int)(splitmix(&s) % (uint64_t)(i + 1)), t = perm[i];

      perm[i] = perm[j];
      perm[j] = t;
    }
    for (int i = 0; i < N; i++)
      u[i][dim] = ((double)perm[i] + 0.5) / N;
  }
}

/* A percentile to 12 significant digits: the average of two samples, or a
 * sum over 3,650 days, carries float noise in the 15th digit, which the
 * output would show (412195.679999999); a band is not that precise. */
static double
clean(double x)
{
  /* powers of ten that are exact doubles: dividing by one rounds once */
  static const double p10[] = { 1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22 };
  double a = fabs(x);
  int e, k;

  if (!isfinite(x) || x == 0)
    return x;
  /* The decade of a: 2^(e-1) <= a < 2^e puts it at floor((e - 1) log10 2)
   * or one above, which the table tells apart; outside 1 ... 1e22, log10. */
  (void)frexp(a, &e);
  k = (int)floor((e - 1) * 0.30102999566398120);
  if (k >= 0 && k <= 21)
    k += a >= p10[k + 1];
  else
    k = (int)floor(log10(a));
  k = 11 - k;
  if (k >= 0 && k <= 22)
    return round(x * p10[k]) / p10[k];
  if (k < 0 && k >= -22)
    return round(x / p10[-k]) * p10[-k];
  return x;
}

static int
cmp_double(const void *a, const void *b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return (x > y) - (x < y);
}

/* p10/p50/p90 of one figure, at `offset` in each outcome; NAN when a
 * sample has none (the point has none either). */
static struct aic_band
band_of(const struct bands_outcome *o, size_t offset)
{
  double v[N];
  struct aic_band b = { AIC_NAN, AIC_NAN, AIC_NAN };

  for (int i = 0; i < N; i++) {
    memcpy(&v[i], (const char *)&o[i] + offset, sizeof v[i]);
    if (isnan(v[i]))
      return b;
  }
  qsort(v, N, sizeof v[0], cmp_double);
  b.p10 = clean(hazen(v, N, 0.1));
  b.p50 = clean(hazen(v, N, 0.5));
  b.p90 = clean(hazen(v, N, 0.9));
  return b;
}

#define BAND(field) band_of(out, offsetof(struct bands_outcome, field))
#define STAGE_BAND(field, k)                                                                       \
  band_of(out, offsetof(struct bands_outcome, field) + (k) * sizeof(double))

static struct aic_band
point_band(double x)
{
  return (struct aic_band){ x, x, x };
}

/* A crossover after the horizon is none: null in the output. */
static void
crossover_days(struct aic_band *b)
{
  double *v[3] = { &b->p10, &b->p50, &b->p90 };

  for (int i = 0; i < 3; i++)
    *v[i] = isfinite(*v[i]) ? floor(*v[i] + 0.5) : AIC_NAN;
}

/* p10 and p90 of the cumulative inference at each series point. The samples'
 * order changes little from one point to the next, so an insertion sort
 * of the previous order costs about N per point. */
static void
curve_bands(const double *curve, size_t points, struct aic_bands *b)
{
  int order[N];

  for (int i = 0; i < N; i++)
    order[i] = i;
  for (size_t k = 0; k < points; k++) {
    const double *c = curve + k * N;
    /* Hazen's 0.1 and 0.9 of 64: between the 6th and 7th, and the 58th and 59th */
    const double h10 = N * 0.1 - 0.5, h90 = N * 0.9 - 0.5;
    const int i10 = (int)h10, i90 = (int)h90;

    for (int i = 1; i < N; i++) {
      int o = order[i], j = i;

      while (j > 0 && c[order[j - 1]] > c[o]) {
        order[j] = order[j - 1];
        j--;
      }
      order[j] = o;
    }
    b->cumulative_inference_p10_usd[k] = clean(c[order[i10]] +
                                               (h10 - i10) * (c[order[i10 + 1]] - c[order[i10]]));
    b->cumulative_inference_p90_usd[k] = clean(c[order[i90]] +
                                               (h90 - i90) * (c[order[i90 + 1]] - c[order[i90]]));
  }
}

/* Every figure at its point value: no input is uncertain. */
static void
point_bands(const struct aic_projection *pj, struct aic_bands *b)
{
  b->samples = 0;
  b->training_total_usd = point_band(pj->training_total_usd);
  for (size_t k = 0; k < b->n_stages; k++) {
    b->stages[k].gpu_hours = point_band(pj->stages[k].gpu_hours);
    b->stages[k].days = point_band(pj->stages[k].days);
    b->stages[k].total_usd = point_band(pj->stages[k].total_usd);
  }
  b->daily_usd = point_band(pj->daily_usd);
  b->inference_usd = point_band(pj->inference_usd);
  b->total_usd = point_band(pj->total_usd);
  b->fully_loaded_cost_per_request_usd = point_band(pj->fully_loaded_cost_per_request_usd);
  b->crossover_day = point_band(pj->crossover_day > 0 ? pj->crossover_day : AIC_NAN);
  b->break_even_requests_per_day = point_band(pj->break_even_requests_per_day);
  b->training_kwh = point_band(pj->energy.training_kwh);
  b->kwh_per_day = point_band(pj->energy.kwh_per_day);
  b->total_kwh = point_band(pj->energy.total_kwh);
  b->total_tco2e = point_band(pj->energy.total_tco2e);
  for (size_t k = 0; k < b->n_series; k++) {
    b->cumulative_inference_p10_usd[k] = pj->series[k].cumulative_inference_usd;
    b->cumulative_inference_p90_usd[k] = pj->series[k].cumulative_inference_usd;
  }
}

/* Each input alone at its p10 and p90, the others at their points; the
 * inputs that move the total, largest swing first (ties: input order). */
static int
drivers(const struct bands_model *m, const struct input *in, unsigned set, struct aic_bands *b,
        struct aic_diags *errors)
{
  struct aic_driver all[AIC_U_COUNT];
  size_t n = 0;

  for (int u = 0; u < AIC_U_COUNT; u++) {
    struct bands_outcome lo, hi;
    double x[AIC_U_COUNT];
    struct aic_driver d;
    int r;

    if (!(set & COST_INPUTS & (1u << u)))
      continue;
    memcpy(x, m->point, sizeof x);
    memset(&d, 0, sizeof d); /* padding too: the bands compare equal byte for byte */
    d.input = (enum aic_uncertain)u;
    d.low = x[u] = in[u].q10;
    r = bands_evaluate(m, x, &lo, NULL, 0, errors);
    d.high = x[u] = in[u].q90;
    if (r == AIC_OK)
      r = bands_evaluate(m, x, &hi, NULL, 0, errors);
    if (r != AIC_OK)
      return r;
    d.total_at_low_usd = clean(lo.total);
    d.total_at_high_usd = clean(hi.total);
    d.swing_usd = clean(fabs(hi.total - lo.total));
    d.low = clean(d.low);
    d.high = clean(d.high);
    if (!(d.swing_usd > 0))
      continue;
    size_t j = n++;

    while (j > 0 && all[j - 1].swing_usd < d.swing_usd) {
      all[j] = all[j - 1];
      j--;
    }
    all[j] = d;
  }
  b->n_drivers = n < AIC_DRIVERS_MAX ? n : AIC_DRIVERS_MAX;
  memcpy(b->drivers, all, b->n_drivers * sizeof all[0]);
  return AIC_OK;
}

static int
sample(const struct bands_model *m, const struct input *in, unsigned set, struct aic_bands *b,
       struct aic_diags *errors)
{
  const struct aic_projection *pj = m->pj;
  double u[N][AIC_U_COUNT];
  struct bands_outcome out[N];
  double *curve = malloc((pj->n_series > 0 ? pj->n_series : 1) * N * sizeof *curve);

  if (curve == NULL)
    return AIC_E_NOMEM;
  hypercube(u);
  for (int i = 0; i < N; i++) {
    double x[AIC_U_COUNT];
    int r;

    memcpy(x, m->point, sizeof x);
    for (int k = 0; k < AIC_U_COUNT; k++)
      if (set & (1u << k))
        x[k] = input_at(&in[k], u[i][k]);
    r = bands_evaluate(m, x, &out[i], curve + i, N, errors);
    if (r != AIC_OK) {
      free(curve);
      return r;
    }
  }
  b->samples = N;
  b->training_total_usd = BAND(training);
  for (size_t k = 0; k < b->n_stages; k++) {
    b->stages[k].gpu_hours = STAGE_BAND(stage_hours, k);
    b->stages[k].days = STAGE_BAND(stage_days, k);
    b->stages[k].total_usd = STAGE_BAND(stage_total, k);
  }
  b->daily_usd = BAND(daily);
  b->inference_usd = BAND(inference);
  b->total_usd = BAND(total);
  b->fully_loaded_cost_per_request_usd = BAND(fully_loaded);
  b->crossover_day = BAND(crossover);
  crossover_days(&b->crossover_day);
  b->break_even_requests_per_day = BAND(break_even);
  b->training_kwh = BAND(training_kwh);
  b->kwh_per_day = BAND(kwh_per_day);
  b->total_kwh = BAND(total_kwh);
  b->total_tco2e = BAND(total_tco2e);
  curve_bands(curve, pj->n_series, b);
  free(curve);
  if (!(set & COST_INPUTS)) {
    /* Only the energy inputs are uncertain: every cost figure is its
     * point value, as without them (the samples would round it). */
    struct aic_band e[4] = { b->training_kwh, b->kwh_per_day, b->total_kwh, b->total_tco2e };

    point_bands(pj, b);
    b->training_kwh = e[0];
    b->kwh_per_day = e[1];
    b->total_kwh = e[2];
    b->total_tco2e = e[3];
  }
  return AIC_OK;
}

struct aic_band
aic_factor_band(double p10_factor, double p90_factor)
{
  struct input in;
  double v[N];

  memset(&in, 0, sizeof in);
  if (!factor(&in, p10_factor, p90_factor))
    return (struct aic_band){ AIC_NAN, AIC_NAN, AIC_NAN };
  /* every stratum once, in order: the hypercube's marginal */
  for (int i = 0; i < N; i++)
    v[i] = input_at(&in, ((double)i + 0.5) / N);
  return (struct aic_band){ hazen(v, N, 0.1), hazen(v, N, 0.5), hazen(v, N, 0.9) };
}

void
aic_bands_free(struct aic_bands *b)
{
  if (b == NULL)
    return;
  free(b->cumulative_inference_p10_usd);
  free(b->cumulative_inference_p90_usd);
  free(b);
}

int
aic_project_bands(const struct aic_catalogue *cat, const struct aic_scenario *sc,
                  struct aic_projection *pj, struct aic_diags *errors)
{
  struct bands_model m;
  struct input in[AIC_U_COUNT];
  struct aic_bands *b;
  struct aic_diags scratch;
  unsigned set;
  size_t points;
  int r;

  if (cat == NULL || sc == NULL || pj == NULL)
    return AIC_E_INTERNAL;
  if (errors == NULL) {
    aic_diags_init(&scratch);
    errors = &scratch;
  }
  aic_bands_free(pj->bands);
  pj->bands = NULL;
  r = bands_model_init(cat, sc, pj, &m);
  if (r != AIC_OK)
    return r;
  points = pj->series != NULL ? pj->n_series : 0;
  b = calloc(1, sizeof *b);
  if (b == NULL)
    return AIC_E_NOMEM;
  b->n_series = points;
  b->cumulative_inference_p10_usd = malloc((points > 0 ? points : 1) * sizeof(double));
  b->cumulative_inference_p90_usd = malloc((points > 0 ? points : 1) * sizeof(double));
  if (b->cumulative_inference_p10_usd == NULL || b->cumulative_inference_p90_usd == NULL) {
    aic_bands_free(b);
    return AIC_E_NOMEM;
  }
  b->n_stages = m.n_stages;
  memset(in, 0, sizeof in);
  set = find_inputs(cat, sc, pj, &m, in);
  b->inputs = set & COST_INPUTS;
  b->energy_inputs = set & ~COST_INPUTS;
  /* traffic that changes by day but not by sample: worked out once */
  if (set != 0 && !(set & (1u << AIC_U_MONTHLY_GROWTH)) && m.traffic.monthly_growth != 0 &&
      m.traffic.requests_per_day > 0 && bands_traffic_init(&m) != AIC_OK) {
    bands_model_release(&m);
    aic_bands_free(b);
    return AIC_E_NOMEM;
  }
  if (set == 0) {
    point_bands(pj, b);
    r = AIC_OK;
  } else {
    r = sample(&m, in, set, b, errors);
    if (r == AIC_OK)
      r = drivers(&m, in, set, b, errors);
  }
  bands_model_release(&m);
  if (r != AIC_OK) {
    aic_bands_free(b);
    return r;
  }
  pj->bands = b;
  return AIC_OK;
}
