/* Private to src/core: the pieces aic_project() is assembled from. Each
 * function adds every problem it finds to `errors` (pointers relative to the
 * scenario root) and returns AIC_OK or AIC_E_INVALID. */
#ifndef AICOST_CORE_PRIVATE_H
#define AICOST_CORE_PRIVATE_H

#include <math.h>
#include <stdbool.h>
#include <stddef.h>

#include "aicost/projection.h"

/* NAN and INFINITY are float constants; clang's -Wdouble-promotion flags
 * every implicit widening, so the core spells them as doubles. */
#define AIC_NAN ((double)NAN)
#define AIC_INF ((double)INFINITY)

/* Hours in an average year (365.25 days), as Epoch AI amortises hardware. */
#define AIC_HOURS_PER_YEAR 8766.0
#define AIC_SECONDS_PER_DAY 86400.0

/* check.c: required keys and ranges, with pointers and details that say
 * what to give. */

/* A model or GPU key the computation needs. For an inline object the pointer
 * names the key ("/model/layers"); for a catalogue entry it names the entry
 * ("/model", "catalogue model 'x' has no layers"). Returns true when present. */
bool aic_need_model_key(struct aic_diags *errors, const struct aic_model *m, bool is_inline,
                        double value, const char *key, const char *why);
bool aic_need_gpu_key(struct aic_diags *errors, const struct aic_gpu *g, bool is_inline,
                      const char *base, double value, const char *key, const char *why);
/* The GPU's dense peak FLOP/s at precision p (> 0), or false with an error:
 * inline -> "<base>/gpu/peak_tflops/<p>", catalogue -> precision_pointer. */
bool aic_need_peak(struct aic_diags *errors, const struct aic_gpu *g, bool is_inline,
                   const char *base, const char *precision_pointer, enum aic_precision p,
                   double *flops_per_s);

/* value (or fallback when absent) must lie in [lo, hi]; lo_open excludes lo.
 * Returns true with *out set, or false with an error at pointer. */
bool aic_check_range(struct aic_diags *errors, const char *pointer, double value, double fallback,
                     double lo, bool lo_open, double hi, double *out);
/* Same, and the value must be a whole number. */
bool aic_check_count(struct aic_diags *errors, const char *pointer, double value, double fallback,
                     double lo, double hi, double *out);

/* catalogue.c: up to `max` of the n words nearest to `word` (the ranking of
 * aic_catalogue_suggest), for "did you mean" over names that are not ids. */
size_t aic_suggest_among(const char *word, const char *const *words, size_t n, const char **out,
                         size_t max);

/* pricing.c: what a scenario asks of a GPU-hour's price. */
struct aic_price_ask {
  enum aic_pricing pricing;
  const char *provider; /* NULL: the default rule */
  const char *region;   /* NULL: the provider's cheapest */
  double override_usd;  /* the scenario's price_per_gpu_hour_usd; NAN when not given */
  /* Owned pricing bills the energy block's kWh (docs/cost-model.md, "GPU
   * pricing"): which side's draw fraction, and the scenario's site, PUE,
   * draw and overhead (NULL: none, the catalogue's defaults). */
  bool training;
  const struct aic_energy_ask *energy;
};
/* The hourly price of one GPU and where it came from (docs/catalogue.md,
 * "Which offer a scenario gets"). base is "/training" or
 * "/inference/self_hosted": errors name base/provider, base/region,
 * base/gpu... Returns false with every problem in errors. */
bool aic_gpu_hourly_price(const struct aic_catalogue *cat, const struct aic_gpu *g, bool is_inline,
                          const struct aic_price_ask *ask, const char *base,
                          struct aic_price_choice *out, struct aic_diags *errors);
/* No price yet: basis NONE, prices NAN. */
void aic_price_choice_clear(struct aic_price_choice *c);

/* training.c: fills pj's training fields and warnings. */
int aic_training_project(const struct aic_catalogue *cat, const struct aic_scenario *sc,
                         struct aic_projection *pj, struct aic_diags *errors);

/* traffic.c */
struct aic_traffic_plan {
  double requests_per_day;
  double monthly_growth;          /* a range's midpoint */
  double growth_low, growth_high; /* the range; both monthly_growth when one rate */
  double max_requests_per_day;    /* +inf when no ceiling */
  double peak_to_average;
  double input_tokens;
  double cached_input_tokens;
  double cache_write_tokens;
  double cache_write_1h_tokens;
  double output_tokens;
  double reasoning_tokens;
};
int aic_traffic_resolve(const struct aic_catalogue *cat, const struct aic_traffic *t,
                        struct aic_traffic_plan *out, struct aic_diags *errors);
/* Requests on day d (1-based), docs/cost-model.md "Traffic":
 * requests(d) = min(ceiling, r·(1 + g)^((d − 1)·12/365)), compound growth
 * per month of 365/12 days, continuous between month ends so the curve has
 * no steps. May be +inf when the arithmetic overflows. Inline, as is
 * aic_inference_daily: projection.c evaluates both for every day. */
static inline double
aic_traffic_requests(const struct aic_traffic_plan *t, int day)
{
  double months = (double)(day - 1) * 12.0 / 365.0;
  double r = t->requests_per_day;

  if (t->monthly_growth != 0 && r > 0)
    r *= pow(1.0 + t->monthly_growth, months);
  return r < t->max_requests_per_day ? r : t->max_requests_per_day;
}

/* calendar.c: the dates a projection knows, parsed and checked once. */
struct aic_calendar {
  bool has_start; /* the scenario's start_date: day d is start_day + d - 1 */
  long start_day;
  bool has_ref; /* the day prices' ages are measured at: today, else the catalogue's date */
  long ref_day;
  bool ref_is_today;
  double stale_after_days;
};
int aic_calendar_resolve(const struct aic_catalogue *cat, const struct aic_scenario *sc,
                         struct aic_calendar *out, struct aic_diags *errors);
/* Adds a stale_price warning at `pointer` when a price known on `as_of` is
 * more than stale_after_days older than the reference day. `what` names
 * the entry ("api price 'openai/gpt-4o'"). A price without as_of, or a
 * calendar without a reference day, is not checked. GPU offers use it too. */
void aic_warn_if_stale(struct aic_diags *warnings, const struct aic_calendar *cal,
                       const char *pointer, const char *what, const char *as_of);
/* Adds a stale_fx warning at /currency when an answer in `currency` (not
 * USD, NULL meaning USD) is converted at a catalogue rate whose as_of is
 * more than stale_after_days older than the reference day. Projections
 * call it, so comparisons' options and plans' projections carry it too. */
void aic_warn_if_fx_stale(struct aic_diags *warnings, const struct aic_calendar *cal,
                          const struct aic_catalogue *cat, const char *currency);

/* inference.c */
/* From `day` on, every request costs `cost_per_request_usd` (dated API prices). */
struct aic_rate_step {
  int day;
  double cost_per_request_usd;
};
struct aic_inference_plan {
  enum aic_inference_kind kind;
  double cost_per_request_usd; /* per request and api: the linear rate (day 1's) */
  size_t n_steps;              /* api: later changes of the rate, by day (2 ... horizon) */
  struct aic_rate_step steps[AIC_API_PERIODS_MAX];
  /* self-hosted */
  bool fixed_fleet;
  double fleet_gpus; /* fixed fleet size */
  bool shaped;       /* replica shape known (always, unless a fixed fleet lacks keys) */
  double gpus_per_replica;
  double capacity_rps; /* requests/s one replica carries at target utilisation */
  double price_per_gpu_hour_usd;
  double peak_to_average;
};
int aic_inference_resolve(const struct aic_catalogue *cat, const struct aic_scenario *sc,
                          const struct aic_traffic_plan *t, const struct aic_calendar *cal,
                          struct aic_inference_plan *plan, struct aic_projection *pj,
                          struct aic_diags *errors);

/* api_billing.c: a vendor's token prices for this traffic -> the cost per
 * request on day 1 and the days it changes (dated prices), in plan; how it
 * was billed in *out. docs/catalogue.md "Billing rules". */
int aic_api_resolve(const struct aic_catalogue *cat, const struct aic_scenario *sc,
                    const struct aic_traffic_plan *t, const struct aic_calendar *cal,
                    struct aic_inference_plan *plan, struct aic_api_result *out,
                    struct aic_diags *errors);
/* ceil() of a ratio that is a whole number up to float noise must not add a
 * replica: 3.0000000000000004 replicas are 3 (docs/cost-model.md: 1e-12
 * relative). */
#define AIC_CEIL_SLACK 1e-12

static inline double
aic_ceil_tolerant(double x)
{
  double k = ceil(x);

  if (k >= 1 && k - 1 >= x * (1.0 - AIC_CEIL_SLACK))
    return k - 1;
  return k;
}

/* Replicas provisioned for `requests` a day (> 0): requests/day x
 * peak_to_average / 86,400 s, each replica carrying capacity_rps at the
 * target utilisation. The one expression the projection, the planner and
 * the bands' exact walk share, so their figures agree to the bit. */
static inline double
aic_replicas_for(double requests, double peak_to_average, double capacity_rps)
{
  return aic_ceil_tolerant(requests * peak_to_average / AIC_SECONDS_PER_DAY / capacity_rps);
}

/* Inference cost of one day with `requests` requests; *replicas gets the
 * replicas provisioned (0 for other kinds). docs/cost-model.md "Replicas
 * and cost". */
static inline double
aic_inference_daily(const struct aic_inference_plan *p, double requests, double *replicas)
{
  double n;

  *replicas = 0;
  switch (p->kind) {
  case AIC_INF_PER_REQUEST:
  case AIC_INF_API: return requests * p->cost_per_request_usd;
  case AIC_INF_SELF_HOSTED:
    if (p->fixed_fleet) {
      *replicas = p->shaped ? floor(p->fleet_gpus / p->gpus_per_replica) : AIC_NAN;
      return p->fleet_gpus * 24.0 * p->price_per_gpu_hour_usd;
    }
    if (!(requests > 0))
      return 0;
    n = aic_replicas_for(requests, p->peak_to_average, p->capacity_rps);
    *replicas = n;
    return n * p->gpus_per_replica * 24.0 * p->price_per_gpu_hour_usd;
  case AIC_INF_NONE: break;
  }
  return AIC_NAN;
}
/* energy.c: energy and emissions (docs/cost-model.md, "Energy and
 * emissions"). What the walk over the days needs to add serving's energy. */
struct aic_energy_plan {
  bool serving;           /* serving's energy is known (a self-hosted fleet) */
  double kwh_per_gpu_day; /* serving: one GPU for 24 hours */
  double tco2e_per_kwh;   /* serving; NAN when the intensity is unknown */
  double training_kwh;    /* 0 without training; NAN when unknown */
  double training_tco2e;
};
/* After training and inference are resolved (it reads their prices'
 * offers and the stages' GPU-hours): training's energy, serving's power,
 * the warnings for what is unknown, errors for factors out of range. */
int aic_energy_resolve(const struct aic_catalogue *cat, const struct aic_scenario *sc,
                       struct aic_projection *pj, struct aic_energy_plan *ep,
                       struct aic_diags *errors);
/* scenario.c: an energy ask with nothing asked (all factors NAN, no site). */
void aic_energy_ask_init(struct aic_energy_ask *e);
/* The kWh one GPU-hour of training (or serving) draws, resolved exactly as
 * the energy block resolves it for a price that is no offer: power_w / 1000
 * x draw x server overhead x PUE. NAN with the reasons in errors when a
 * factor is unknown or out of bounds. Owned pricing bills these kWh. */
double aic_energy_kwh_per_gpu_hour(const struct aic_catalogue *cat, bool training,
                                   const struct aic_energy_ask *ask, const struct aic_gpu *gpu,
                                   bool gpu_inline, struct aic_diags *errors);
/* After the walk (which set kwh_per_day, wh_per_request, horizon_kwh and
 * the crossovers): the per-token, annual, total and carbon figures. */
void aic_energy_finish(const struct aic_traffic_plan *tp, struct aic_projection *pj);

/* Constant requests/day at which the horizon's inference reaches training;
 * NAN when undefined (see docs/cost-model.md). */
double aic_inference_break_even(const struct aic_inference_plan *p, double training_usd,
                                int horizon_days);

#endif
