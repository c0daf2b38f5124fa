/* Traffic: requests per day with compound monthly growth under a ceiling. */
#include "core.h"

#include <math.h>

/* A growth range [low, high] (docs/cost-model.md, "Uncertainty bands"):
 * the projection's point value is its midpoint. Both ends above -100 %,
 * low <= high, and not together with one rate. */
static bool
growth_range(const struct aic_traffic *t, struct aic_traffic_plan *out, struct aic_diags *errors)
{
  const double *g = t->monthly_growth_range;
  bool ok = aic_check_range(errors, "/traffic/monthly_growth/0", g[0], AIC_NAN, -1, true, AIC_INF,
                            &out->growth_low);

  ok = aic_check_range(errors, "/traffic/monthly_growth/1", g[1], AIC_NAN, -1, true, AIC_INF,
                       &out->growth_high) &&
       ok;
  if (!ok)
    return false;
  if (aic_has(t->monthly_growth)) {
    aic_diag_add(errors, "/traffic/monthly_growth",
                 "give one rate or a range [low, high], not both");
    return false;
  }
  if (!(out->growth_low <= out->growth_high)) {
    aic_diag_add(errors, "/traffic/monthly_growth", "a range must be [low, high] with low <= high");
    return false;
  }
  out->monthly_growth = (out->growth_low + out->growth_high) / 2.0;
  return true;
}

int
aic_traffic_resolve(const struct aic_catalogue *cat, const struct aic_traffic *t,
                    struct aic_traffic_plan *out, struct aic_diags *errors)
{
  bool ok = aic_check_range(errors, "/traffic/requests_per_day", t->requests_per_day, AIC_NAN, 0,
                            false, AIC_INF, &out->requests_per_day);

  /* Growth above -100 % a month: (1 + g) must stay positive. */
  ok = aic_check_range(errors, "/traffic/monthly_growth", t->monthly_growth, 0, -1, true, AIC_INF,
                       &out->monthly_growth) &&
       ok;
  out->growth_low = out->growth_high = out->monthly_growth;
  if (aic_has(t->monthly_growth_range[0]) || aic_has(t->monthly_growth_range[1]))
    ok = growth_range(t, out, errors) && ok;
  out->max_requests_per_day = AIC_INF; /* no ceiling */
  if (aic_has(t->max_requests_per_day))
    ok = aic_check_range(errors, "/traffic/max_requests_per_day", t->max_requests_per_day, AIC_NAN,
                         0, false, AIC_INF, &out->max_requests_per_day) &&
         ok;
  /* Peak at least the average: a ratio below 1 is not a peak. */
  ok = aic_check_range(errors, "/traffic/peak_to_average", t->peak_to_average,
                       cat->defaults.peak_to_average, 1, false, AIC_INF, &out->peak_to_average) &&
       ok;
  ok = aic_check_range(errors, "/traffic/input_tokens", t->input_tokens, 0, 0, false, AIC_INF,
                       &out->input_tokens) &&
       ok;
  ok = aic_check_range(errors, "/traffic/cached_input_tokens", t->cached_input_tokens, 0, 0, false,
                       AIC_INF, &out->cached_input_tokens) &&
       ok;
  ok = aic_check_range(errors, "/traffic/cache_write_tokens", t->cache_write_tokens, 0, 0, false,
                       AIC_INF, &out->cache_write_tokens) &&
       ok;
  ok = aic_check_range(errors, "/traffic/cache_write_1h_tokens", t->cache_write_1h_tokens, 0, 0,
                       false, AIC_INF, &out->cache_write_1h_tokens) &&
       ok;
  ok = aic_check_range(errors, "/traffic/output_tokens", t->output_tokens, 0, 0, false, AIC_INF,
                       &out->output_tokens) &&
       ok;
  ok = aic_check_range(errors, "/traffic/reasoning_tokens", t->reasoning_tokens, 0, 0, false,
                       AIC_INF, &out->reasoning_tokens) &&
       ok;
  /* The prompt is read from the cache, written to it, or neither: the
   * three cache counts are parts of input_tokens. */
  if (ok && out->cached_input_tokens > out->input_tokens) {
    aic_diag_add(errors, "/traffic/cached_input_tokens",
                 "must not exceed input_tokens (%g): cached tokens are part of the input",
                 out->input_tokens);
    ok = false;
  } else if (ok && out->cached_input_tokens + out->cache_write_tokens + out->cache_write_1h_tokens >
                     out->input_tokens) {
    aic_diag_add(errors,
                 out->cache_write_tokens > 0 ? "/traffic/cache_write_tokens"
                                             : "/traffic/cache_write_1h_tokens",
                 "cached_input_tokens, cache_write_tokens and cache_write_1h_tokens together "
                 "must not exceed input_tokens (%g): they are parts of the input",
                 out->input_tokens);
    ok = false;
  }
  return ok ? AIC_OK : AIC_E_INVALID;
}
