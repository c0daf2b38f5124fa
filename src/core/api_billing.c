/* Billing by a vendor's token prices: which prices are in force (the
 * period of a date, the prompt-length tier of the request, the off-peak
 * window, the batch discount), what one request costs at them, and the days
 * of the projection on which that cost changes. The day walk then looks
 * the cost up in a step function (plan->steps) and does no billing itself.
 * Rules, sources and worked examples: docs/catalogue.md "Billing rules";
 * formulas: docs/cost-model.md "api". */
#include "core.h"

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#define API "/inference/api"

/* Tokens of each kind in one request, from the traffic. Cached, cache-write
 * and 1-hour cache-write tokens are parts of input_tokens (aic_traffic_resolve
 * checks that they fit); reasoning tokens are generated besides the output
 * and billed as output, as every vendor that reports them does. */
struct request_tokens {
  double input; /* the whole prompt: what tiers compare with */
  double uncached;
  double cached;
  double write;
  double write_1h;
  double generated; /* output + reasoning */
};

static struct request_tokens
tokens_of(const struct aic_traffic_plan *t)
{
  struct request_tokens r;

  r.input = t->input_tokens;
  r.cached = t->cached_input_tokens;
  r.write = t->cache_write_tokens;
  r.write_1h = t->cache_write_1h_tokens;
  r.uncached = t->input_tokens - t->cached_input_tokens - t->cache_write_tokens -
               t->cache_write_1h_tokens;
  r.generated = t->output_tokens + t->reasoning_tokens;
  return r;
}

static bool
valid_price(double p)
{
  return aic_has(p) && isfinite(p) && p >= 0;
}

/* The prices a request of these tokens needs, each present and valid;
 * every missing one is reported. `what` is "" or " off-peak", `when` ""
 * or " from <date> (day d)". */
static bool
check_prices(const struct aic_token_prices *p, const struct request_tokens *r, const char *id,
             const char *what, const char *when, struct aic_diags *errors)
{
  bool ok = true;

  if (!valid_price(p->input_per_mtok_usd)) {
    aic_diag_add(errors, API, "api price '%s' has no valid%s input price%s", id, what, when);
    ok = false;
  }
  if (!valid_price(p->output_per_mtok_usd)) {
    aic_diag_add(errors, API, "api price '%s' has no valid%s output price%s", id, what, when);
    ok = false;
  }
  if (r->cached > 0 && !valid_price(p->cached_input_per_mtok_usd)) {
    aic_diag_add(errors, "/traffic/cached_input_tokens",
                 "api price '%s' has no%s cached-input price%s; set cached_input_tokens to 0", id,
                 what, when);
    ok = false;
  }
  if (r->write > 0 && !valid_price(p->cache_write_per_mtok_usd)) {
    aic_diag_add(errors, "/traffic/cache_write_tokens",
                 "api price '%s' has no%s cache-write price%s (a vendor that caches by itself "
                 "bills writes as input): set cache_write_tokens to 0",
                 id, what, when);
    ok = false;
  }
  if (r->write_1h > 0 && !valid_price(p->cache_write_1h_per_mtok_usd)) {
    aic_diag_add(errors, "/traffic/cache_write_1h_tokens",
                 "api price '%s' has no%s 1-hour cache-write price%s; set cache_write_1h_tokens "
                 "to 0",
                 id, what, when);
    ok = false;
  }
  return ok;
}

/* USD for one request at prices p, every token at its kind's price per
 * million. A kind with no tokens adds nothing (its price may be absent). */
static double
request_usd(const struct aic_token_prices *p, const struct request_tokens *r)
{
  double usd = r->uncached * p->input_per_mtok_usd;

  if (r->cached > 0)
    usd += r->cached * p->cached_input_per_mtok_usd;
  if (r->write > 0)
    usd += r->write * p->cache_write_per_mtok_usd;
  if (r->write_1h > 0)
    usd += r->write_1h * p->cache_write_1h_per_mtok_usd;
  usd += r->generated * p->output_per_mtok_usd;
  return usd / 1e6;
}

/* The prices of a period for a request of `input` tokens: the last tier
 * whose start the prompt exceeds, else the base prices. The whole request
 * is billed at the tier (genai-prices' rule; Anthropic and Google price
 * prompts "over 200K tokens" that way). *above is the tier's start or NAN. */
static const struct aic_token_prices *
tier_prices(const struct aic_api_period *p, double input, double *above)
{
  const struct aic_token_prices *chosen = &p->prices;

  *above = AIC_NAN;
  for (size_t i = 0; i < p->n_tiers && p->tiers != NULL; i++) {
    if (input > p->tiers[i].above_input_tokens) {
      chosen = &p->tiers[i].prices;
      *above = p->tiers[i].above_input_tokens;
    }
  }
  return chosen;
}

/* What the scenario asks of the prices, besides its tokens. */
struct billing {
  const char *id;
  struct request_tokens r;
  double off_peak_share; /* [0, 1] */
  double factor;         /* the batch discount, 1 without */
};

/* One request's cost under period p; `when` as for check_prices. The
 * prices billed go to *used and *off_peak (when a share is off peak). */
static bool
period_cost(const struct billing *b, const struct aic_api_period *p, const char *when, double *usd,
            double *above, struct aic_token_prices *used, struct aic_token_prices *off_peak,
            struct aic_diags *errors)
{
  const struct aic_token_prices *std = tier_prices(p, b->r.input, above);
  bool ok = check_prices(std, &b->r, b->id, "", when, errors);
  double cost;

  if (b->off_peak_share > 0) {
    if (!p->has_off_peak) {
      aic_diag_add(errors, "/inference/off_peak_share",
                   "api price '%s' has no off-peak price%s; set off_peak_share to 0", b->id, when);
      return false;
    }
    ok = check_prices(&p->off_peak.prices, &b->r, b->id, " off-peak", when, errors) && ok;
  }
  if (!ok)
    return false;
  cost = request_usd(std, &b->r);
  /* A share of the day's requests falls in the vendor's cheaper window. */
  if (b->off_peak_share > 0)
    cost = (1.0 - b->off_peak_share) * cost +
           b->off_peak_share * request_usd(&p->off_peak.prices, &b->r);
  if (b->factor != 1.0)
    cost *= b->factor;
  *usd = cost;
  if (used != NULL)
    *used = *std;
  if (off_peak != NULL && b->off_peak_share > 0)
    *off_peak = p->off_peak.prices;
  return true;
}

static void
prices_absent(struct aic_token_prices *p)
{
  p->input_per_mtok_usd = AIC_NAN;
  p->cached_input_per_mtok_usd = AIC_NAN;
  p->cache_write_per_mtok_usd = AIC_NAN;
  p->cache_write_1h_per_mtok_usd = AIC_NAN;
  p->output_per_mtok_usd = AIC_NAN;
}

/* The periods' first days, checked to rise; the first period has none. */
static bool
period_days(const struct aic_api_price *a, long *from, struct aic_diags *errors)
{
  const char *id = a->id ? a->id : "?";

  if (aic_api_n_periods(a) > AIC_API_PERIODS_MAX || (a->n_changes > 0 && a->changes == NULL)) {
    aic_diag_add(errors, API, "api price '%s' has more than %d dated prices", id,
                 AIC_API_PERIODS_MAX);
    return false;
  }
  from[0] = LONG_MIN;
  for (size_t k = 1; k < aic_api_n_periods(a); k++) {
    if (!aic_date_parse(aic_api_period_at(a, k)->from, &from[k]) || from[k] <= from[k - 1]) {
      aic_diag_add(errors, API, "api price '%s' has prices from an invalid or unordered date", id);
      return false;
    }
  }
  return true;
}

/* The period in force on day number `day`: the last one begun by then. */
static size_t
period_on(const long *from, size_t n, long day)
{
  size_t k = 0;

  while (k + 1 < n && from[k + 1] <= day)
    k++;
  return k;
}

/* The batch discount, the off-peak share and their combination. */
static bool
read_options(const struct aic_catalogue *cat, const struct aic_scenario *sc, struct billing *b,
             struct aic_api_result *out, struct aic_diags *errors)
{
  const struct aic_inference *inf = &sc->inference;
  bool ok = aic_check_range(errors, "/inference/off_peak_share", inf->off_peak_share, 0, 0, false,
                            1, &b->off_peak_share);

  b->factor = 1.0;
  out->batch = inf->batch;
  out->batch_price_factor = AIC_NAN;
  out->batch_source = NULL;
  if (inf->batch) {
    const struct aic_api_batch *bt = aic_catalogue_api_batch(cat, b->id);

    if (bt == NULL) {
      const char *slash = strchr(b->id, '/');
      int vendor_len = slash != NULL ? (int)(slash - b->id) : (int)strlen(b->id);

      aic_diag_add(errors, "/inference/batch",
                   "the catalogue has no batch price for vendor '%.*s' (api_batch names neither "
                   "'%.*s' nor '%s'); remove batch or add the vendor's batch discount",
                   vendor_len, b->id, vendor_len, b->id, b->id);
      ok = false;
    } else if (!(bt->price_factor > 0 && bt->price_factor <= 1)) {
      aic_diag_add(errors, "/inference/batch", "the batch price factor of '%s' must be in (0, 1]",
                   bt->id ? bt->id : "?");
      ok = false;
    } else {
      b->factor = bt->price_factor;
      out->batch_price_factor = bt->price_factor;
      out->batch_source = bt->source;
    }
  }
  /* A batch runs when the vendor schedules it, not in a window the
   * scenario picks: the two discounts do not stack. */
  if (ok && inf->batch && b->off_peak_share > 0) {
    aic_diag_add(errors, "/inference/off_peak_share",
                 "cannot be combined with batch: a batch runs when the vendor schedules it");
    ok = false;
  }
  out->off_peak_share = ok ? b->off_peak_share : 0;
  return ok;
}

int
aic_api_resolve(const struct aic_catalogue *cat, const struct aic_scenario *sc,
                const struct aic_traffic_plan *t, const struct aic_calendar *cal,
                struct aic_inference_plan *plan, struct aic_api_result *out,
                struct aic_diags *errors)
{
  const struct aic_api_price *a = &sc->inference.api;
  long from[AIC_API_PERIODS_MAX];
  struct billing b;
  size_t k1 = 0;
  bool ok;

  memset(out, 0, sizeof *out);
  b.id = a->id ? a->id : "?";
  b.r = tokens_of(t);
  out->id = a->id;
  out->tier_above_input_tokens = AIC_NAN;
  prices_absent(&out->prices);
  prices_absent(&out->off_peak_prices);
  ok = read_options(cat, sc, &b, out, errors);
  if (!period_days(a, from, errors) || !ok)
    return AIC_E_INVALID;

  /* Day 1's prices: those of the start date, else of the request's today,
   * else of the catalogue's date. An entry whose price never changes needs
   * no date at all. */
  if (cal->has_start) {
    out->basis = AIC_PRICE_DATE_START;
    out->price_day = cal->start_day;
  } else if (cal->has_ref) {
    out->basis = cal->ref_is_today ? AIC_PRICE_DATE_TODAY : AIC_PRICE_DATE_CATALOGUE;
    out->price_day = cal->ref_day;
  } else if (a->n_changes > 0) {
    aic_diag_add(errors, API,
                 "api price '%s' changes on %s: give start_date or today (the catalogue has no "
                 "date)",
                 b.id, a->changes[0].from);
    return AIC_E_INVALID;
  } else {
    out->basis = AIC_PRICE_DATE_NONE;
  }
  if (out->basis != AIC_PRICE_DATE_NONE)
    k1 = period_on(from, aic_api_n_periods(a), out->price_day);
  out->period_from = aic_api_period_at(a, k1)->from;
  ok = period_cost(&b, aic_api_period_at(a, k1), "", &plan->cost_per_request_usd,
                   &out->tier_above_input_tokens, &out->prices, &out->off_peak_prices, errors);

  /* With a start date, each later period that begins within the horizon
   * is a step of the cost per request on the day of its date. */
  plan->n_steps = 0;
  for (size_t k = k1 + 1; cal->has_start && k < aic_api_n_periods(a); k++) {
    const struct aic_api_period *period = aic_api_period_at(a, k);
    long day = from[k] - cal->start_day + 1; /* >= 2: period k1 was in force on day 1 */
    char when[64];
    double usd, above;

    if (day > sc->horizon_days)
      break;
    snprintf(when, sizeof when, " from %s (day %ld)", period->from, day);
    if (!period_cost(&b, period, when, &usd, &above, NULL, NULL, errors)) {
      ok = false;
      continue;
    }
    plan->steps[plan->n_steps].day = (int)day;
    plan->steps[plan->n_steps].cost_per_request_usd = usd;
    out->changes[out->n_changes].day = (int)day;
    out->changes[out->n_changes].from = period->from;
    out->changes[out->n_changes].cost_per_request_usd = usd;
    plan->n_steps++;
    out->n_changes++;
  }
  return ok ? AIC_OK : AIC_E_INVALID;
}
