/* Billing by vendor token prices (src/core/api_billing.c): prompt-length
 * tiers, cache reads and writes, reasoning tokens, batch discounts, dated
 * prices and off-peak windows, each against the vendor's own published
 * prices and rules (fixture.c names the pages), plus dates and staleness
 * (of prices and of exchange rates).
 * Sums are written out so that each expected figure can be checked by hand. */
#include <stdio.h>
#include <string.h>

#include "aicost/date.h"
#include "fixture.h"

static void
api(struct env *e, const char *id, double in, double out)
{
  const struct aic_api_price *a = aic_catalogue_api_price(&e->cat, id);

  assert_non_null(a);
  e->sc.inference.kind = AIC_INF_API;
  e->sc.inference.api = *a;
  e->sc.traffic.input_tokens = in;
  e->sc.traffic.output_tokens = out;
}

/* Anthropic: a prompt that exceeds 200K input tokens is billed, all of it,
 * at the long-context prices ($6 in, $22.50 out for Sonnet 4.5). 250,000 in
 * and 2,000 out: 250,000 x 6 + 2,000 x 22.5 = $1.545. A prompt of exactly
 * 200,000 does not exceed it: 200,000 x 3 + 2,000 x 15 = $0.63. */
static void
anthropic_long_context_tier(void **state)
{
  struct env *e = *state;

  api(e, "anthropic/claude-sonnet-4-5", 250000, 2000);
  assert_int_equal(env_run(e), AIC_OK);
  assert_rel(e->pj.cost_per_request_usd, 1.545, 1e-15);
  assert_exact(e->pj.api_billing.tier_above_input_tokens, 200000);
  assert_exact(e->pj.api_billing.prices.output_per_mtok_usd, 22.5);
  e->sc.traffic.input_tokens = 200000;
  assert_int_equal(env_run(e), AIC_OK);
  assert_rel(e->pj.cost_per_request_usd, 0.63, 1e-15);
  assert_true(isnan(e->pj.api_billing.tier_above_input_tokens));
}

/* Anthropic's caching multipliers on Sonnet 4.5 ($3 input): writes 1.25x
 * ($3.75), 1-hour writes 2x ($6), hits 0.1x ($0.30). A 10,000-token prompt
 * with 8,000 read and 1,000 written, 500 out:
 * 1,000 x 3 + 8,000 x 0.3 + 1,000 x 3.75 + 500 x 15 = $0.01665; the same
 * write with a 1-hour lifetime: 1,000 x 6 instead, $0.0189. */
static void
anthropic_cache_reads_and_writes(void **state)
{
  struct env *e = *state;

  api(e, "anthropic/claude-sonnet-4-5", 10000, 500);
  e->sc.traffic.cached_input_tokens = 8000;
  e->sc.traffic.cache_write_tokens = 1000;
  assert_int_equal(env_run(e), AIC_OK);
  assert_rel(e->pj.cost_per_request_usd, 0.01665, 1e-15);
  e->sc.traffic.cache_write_tokens = XNAN;
  e->sc.traffic.cache_write_1h_tokens = 1000;
  assert_int_equal(env_run(e), AIC_OK);
  assert_rel(e->pj.cost_per_request_usd, 0.0189, 1e-15);
}

/* The tier applies to cache reads, writes and output alike, and the whole
 * prompt (cached parts included) decides it: 300,000 in, of which 250,000
 * read and 10,000 written, 1,000 out:
 * 40,000 x 6 + 250,000 x 0.6 + 10,000 x 7.5 + 1,000 x 22.5 = $0.4875. */
static void
tier_applies_to_every_kind(void **state)
{
  struct env *e = *state;

  api(e, "anthropic/claude-sonnet-4-5", 300000, 1000);
  e->sc.traffic.cached_input_tokens = 250000;
  e->sc.traffic.cache_write_tokens = 10000;
  assert_int_equal(env_run(e), AIC_OK);
  assert_rel(e->pj.cost_per_request_usd, 0.4875, 1e-15);
}

/* Google: Gemini 2.5 Pro prompts over 200K tokens pay $2.50 in and $15 out
 * (the "billed at half the real price" when flattened): 300,000 in
 * and 1,000 out: 0.75 + 0.015 = $0.765; 100,000 in: 0.125 + 0.01 = $0.135. */
static void
gemini_long_prompt_tier(void **state)
{
  struct env *e = *state;

  api(e, "google/gemini-2.5-pro", 300000, 1000);
  assert_int_equal(env_run(e), AIC_OK);
  assert_rel(e->pj.cost_per_request_usd, 0.765, 1e-15);
  e->sc.traffic.input_tokens = 100000;
  assert_int_equal(env_run(e), AIC_OK);
  assert_rel(e->pj.cost_per_request_usd, 0.135, 1e-15);
}

/* OpenAI's batch API costs half: GPT-4o mini at 800 in and 300 out is
 * 800 x 0.15 + 300 x 0.6 = $0.0003 a request, $0.00015 in a batch; two
 * million a day: $600 and $300. */
static void
openai_batch_half_price(void **state)
{
  struct env *e = *state;

  api(e, "openai/gpt-4o-mini", 800, 300);
  e->sc.traffic.requests_per_day = 2e6;
  assert_int_equal(env_run(e), AIC_OK);
  assert_rel(e->pj.daily_usd, 600, 1e-15);
  e->sc.inference.batch = true;
  assert_int_equal(env_run(e), AIC_OK);
  assert_rel(e->pj.cost_per_request_usd, 0.00015, 1e-15);
  assert_rel(e->pj.daily_usd, 300, 1e-15);
  assert_exact(e->pj.api_billing.batch_price_factor, 0.5);
}

/* A vendor without a batch price is an error that names it, never the
 * standard price in silence; batch and off-peak are api-only options. */
static void
batch_errors(void **state)
{
  struct env *e = *state;

  api(e, "deepseek/deepseek-chat", 1000, 100);
  e->sc.start_date = "2025-10-01";
  e->sc.inference.batch = true;
  assert_int_equal(env_run(e), AIC_E_INVALID);
  assert_diag(&e->err, "/inference/batch", "no batch price for vendor 'deepseek'");
  fixture_scenario(&e->sc, &e->cat);
  e->sc.inference.batch = true;
  e->sc.inference.off_peak_share = 0.5;
  assert_int_equal(env_run(e), AIC_E_INVALID);
  assert_diag(&e->err, "/inference/batch", "applies only to api inference");
  assert_diag(&e->err, "/inference/off_peak_share", "applies only to api inference");
}

/* DeepSeek until 2025-09-05: half price from 16:30 to 00:30 UTC. A quarter
 * of the requests off peak, 1,000 in (200 cache hits) and 500 out:
 * peak 800 x 0.27 + 200 x 0.07 + 500 x 1.10 = 780e-6; off peak
 * 800 x 0.135 + 200 x 0.035 + 500 x 0.55 = 390e-6;
 * 0.75 x 780e-6 + 0.25 x 390e-6 = $0.0006825 a request. */
static void
deepseek_off_peak_share(void **state)
{
  struct env *e = *state;

  api(e, "deepseek/deepseek-chat", 1000, 500);
  e->sc.traffic.cached_input_tokens = 200;
  e->sc.start_date = "2025-06-01";
  e->sc.horizon_days = 90;
  e->sc.inference.off_peak_share = 0.25;
  assert_int_equal(env_run(e), AIC_OK);
  assert_rel(e->pj.cost_per_request_usd, 0.0006825, 1e-14);
  assert_exact(e->pj.api_billing.off_peak_prices.input_per_mtok_usd, 0.135);
  /* The discount ended on 2025-09-05, day 97 from 2025-06-01: a longer
   * horizon reaches prices with no off-peak window, an error that says when. */
  e->sc.horizon_days = 120;
  assert_int_equal(env_run(e), AIC_E_INVALID);
  assert_diag(&e->err, "/inference/off_peak_share",
              "has no off-peak price from 2025-09-05 (day 97)");
  /* Gemini has none at all. */
  api(e, "google/gemini-2.5-pro", 1000, 100);
  e->sc.traffic.cached_input_tokens = XNAN;
  assert_int_equal(env_run(e), AIC_E_INVALID);
  assert_diag(&e->err, "/inference/off_peak_share", "'google/gemini-2.5-pro' has no off-peak");
}

/* A launch price that ends mid-horizon is a step in the daily cost: from
 * 2026-08-01, 1,000 requests of 1,000 in and 100 out cost $3 a day until
 * day 31 and 1,000 x (3,000 + 1,500) / 1e6 = $4.50 from 2026-09-01 (day 32):
 * 31 x 3 + 30 x 4.5 = $228 over 61 days. */
static void
promotion_ends_mid_horizon(void **state)
{
  struct env *e = *state;

  api(e, "test/promo", 1000, 100);
  e->sc.start_date = "2026-08-01";
  e->sc.horizon_days = 61;
  e->sc.granularity = AIC_GRAN_DAY;
  assert_int_equal(env_run(e), AIC_OK);
  assert_rel(e->pj.daily_usd, 3, 1e-15);
  assert_rel(e->pj.series[30].daily_inference_usd, 3, 1e-15);
  assert_rel(e->pj.series[31].daily_inference_usd, 4.5, 1e-15);
  assert_rel(e->pj.inference_usd, 228, 1e-14);
  assert_int_equal(e->pj.api_billing.n_changes, 1);
  assert_int_equal(e->pj.api_billing.changes[0].day, 32);
  assert_string_equal(e->pj.api_billing.changes[0].from, "2026-09-01");
  assert_int_equal(e->pj.api_billing.basis, AIC_PRICE_DATE_START);
  assert_true(e->pj.has_start_date);
  /* Growing traffic walks the same steps: day 32 still jumps by 1.5x. */
  e->sc.traffic.monthly_growth = 0.1;
  assert_int_equal(env_run(e), AIC_OK);
  assert_rel(e->pj.series[31].daily_inference_usd / e->pj.series[31].requests_per_day,
             1.5 * e->pj.series[30].daily_inference_usd / e->pj.series[30].requests_per_day, 1e-14);
}

/* Without a start date the prices in force on `today` (else on the
 * catalogue's date) are used for every day, and the result says which; an
 * entry that changes cannot be priced with no date at all. */
static void
prices_of_today_or_catalogue_date(void **state)
{
  struct env *e = *state;

  api(e, "test/promo", 1000, 100);
  assert_int_equal(env_run(e), AIC_E_INVALID);
  assert_diag(&e->err, "/inference/api", "changes on 2026-09-01: give start_date or today");
  e->sc.today = "2026-10-01";
  assert_int_equal(env_run(e), AIC_OK);
  assert_rel(e->pj.cost_per_request_usd, 0.0045, 1e-15);
  assert_int_equal(e->pj.api_billing.basis, AIC_PRICE_DATE_TODAY);
  assert_string_equal(e->pj.api_billing.period_from, "2026-09-01");
  assert_int_equal(e->pj.api_billing.n_changes, 0);
  e->sc.today = NULL;
  e->cat.date = "2026-08-15";
  assert_int_equal(env_run(e), AIC_OK);
  assert_rel(e->pj.cost_per_request_usd, 0.003, 1e-15);
  assert_int_equal(e->pj.api_billing.basis, AIC_PRICE_DATE_CATALOGUE);
  assert_null(e->pj.api_billing.period_from);
}

/* Break-even with a step: training / (31 x $0.003 + 30 x $0.0045) a day:
 * $228 of training breaks even at 1,000 requests a day. */
static void
break_even_over_a_step(void **state)
{
  struct env *e = *state;

  api(e, "test/promo", 1000, 100);
  e->sc.start_date = "2026-08-01";
  e->sc.horizon_days = 61;
  e->sc.training.present = true;
  e->sc.training.cost_usd = 228;
  assert_int_equal(env_run(e), AIC_OK);
  assert_rel(e->pj.break_even_requests_per_day, 1000, 1e-14);
}

/* Reasoning tokens are billed as output and counted as served:
 * (1,000 x 3 + (200 + 800) x 15) / 1e6 = $0.018 a request, $9 per million
 * of the 2,000 tokens served. */
static void
reasoning_tokens_billed_as_output(void **state)
{
  struct env *e = *state;

  api(e, "test/vendor", 1000, 200);
  e->sc.traffic.reasoning_tokens = 800;
  assert_int_equal(env_run(e), AIC_OK);
  assert_rel(e->pj.cost_per_request_usd, 0.018, 1e-15);
  assert_rel(e->pj.cost_per_million_tokens_usd, 9, 1e-15);
}

/* Cache counts are parts of the prompt; a kind of token the vendor does not
 * price is an error at the traffic member, never a silent zero. */
static void
cache_token_errors(void **state)
{
  struct env *e = *state;

  api(e, "anthropic/claude-sonnet-4-5", 1000, 100);
  e->sc.traffic.cached_input_tokens = 600;
  e->sc.traffic.cache_write_tokens = 500;
  assert_int_equal(env_run(e), AIC_E_INVALID);
  assert_diag(&e->err, "/traffic/cache_write_tokens", "together must not exceed input_tokens");
  api(e, "google/gemini-2.5-pro", 1000, 100);
  e->sc.traffic.cached_input_tokens = 0;
  e->sc.traffic.cache_write_tokens = 100;
  assert_int_equal(env_run(e), AIC_E_INVALID);
  assert_diag(&e->err, "/traffic/cache_write_tokens", "has no cache-write price");
  e->sc.traffic.cache_write_tokens = 0;
  e->sc.traffic.cache_write_1h_tokens = 100;
  assert_int_equal(env_run(e), AIC_E_INVALID);
  assert_diag(&e->err, "/traffic/cache_write_1h_tokens", "has no 1-hour cache-write price");
}

/* A price checked more than stale_after_days before today (or the
 * catalogue's date) carries a stale_price warning naming it and its age:
 * 2025-08-01 to 2026-11-30 is 486 days. */
static void
stale_price_warning(void **state)
{
  struct env *e = *state;
  const struct aic_diags *w = &e->pj.warnings;

  api(e, "openai/gpt-4o-mini", 800, 300);
  assert_int_equal(env_run(e), AIC_OK);
  assert_int_equal(w->n, 0); /* no catalogue date, no today: nothing to measure against */
  e->sc.today = "2026-11-30";
  assert_int_equal(env_run(e), AIC_OK);
  assert_int_equal(w->n, 1);
  assert_string_equal(w->v[0].code, "stale_price");
  assert_diag(w, "/inference/api", "'openai/gpt-4o-mini' was checked 486 days before today");
  e->sc.stale_after_days = 500;
  assert_int_equal(env_run(e), AIC_OK);
  assert_int_equal(w->n, 0);
  e->sc.stale_after_days = XNAN;
  e->sc.today = NULL;
  e->cat.date = "2025-10-01"; /* 61 days: fresh */
  assert_int_equal(env_run(e), AIC_OK);
  assert_int_equal(w->n, 0);
  e->sc.today = "2031-01-01x";
  assert_int_equal(env_run(e), AIC_E_INVALID);
  assert_diag(&e->err, "/today", "must be a date as YYYY-MM-DD");
}

/* An answer in another currency is converted at the catalogue's rate; a
 * rate older than stale_after_days before today (or the catalogue's date)
 * carries a stale_fx warning at /currency naming the currency, the rate's
 * date and its age: 2025-03-14 to 2026-03-14 is 365 days, to 2026-12-01
 * 262 more (17 + 30 + 31 + 30 + 31 + 31 + 30 + 31 + 30 + 1), 627 in all;
 * 2025-07-12 is 120 days on (17 + 30 + 31 + 30 + 12), not more than the
 * threshold. A fresh rate, a USD answer and no day to measure against
 * give none. */
static void
stale_fx_warning(void **state)
{
  static const struct aic_fx_rate rates[] = { { "EUR", "test rate", "2025-03-14", 0.9 } };
  struct env *e = *state;
  const struct aic_diags *w = &e->pj.warnings;

  e->cat.fx = rates;
  e->cat.n_fx = 1;
  e->sc.currency = "EUR";
  assert_int_equal(env_run(e), AIC_OK);
  assert_int_equal(w->n, 0); /* no catalogue date, no today */
  e->sc.today = "2026-12-01";
  assert_int_equal(env_run(e), AIC_OK);
  assert_int_equal(w->n, 1);
  assert_string_equal(w->v[0].code, "stale_fx");
  assert_diag(w, "/currency",
              "the EUR exchange rate (0.9 per US dollar) dates from 2025-03-14, 627 days "
              "before today, 2026-12-01, more than 120");
  e->sc.today = "2025-07-12"; /* 120 days */
  assert_int_equal(env_run(e), AIC_OK);
  assert_int_equal(w->n, 0);
  e->sc.today = "2025-07-13"; /* 121 days */
  assert_int_equal(env_run(e), AIC_OK);
  assert_int_equal(w->n, 1);
  e->sc.today = NULL;
  e->cat.date = "2026-12-01"; /* the catalogue's date when the request gives no today */
  assert_int_equal(env_run(e), AIC_OK);
  assert_diag(w, "/currency", "627 days before the catalogue's date, 2026-12-01");
  e->sc.stale_after_days = 700; /* the request's threshold wins */
  assert_int_equal(env_run(e), AIC_OK);
  assert_int_equal(w->n, 0);
  e->sc.stale_after_days = XNAN;
  e->sc.currency = "USD"; /* nothing is converted */
  assert_int_equal(env_run(e), AIC_OK);
  assert_int_equal(w->n, 0);
  e->sc.currency = NULL;
  assert_int_equal(env_run(e), AIC_OK);
  assert_int_equal(w->n, 0);
}

/* Day numbers: 1970-01-01 is 0, 2000-03-01 is 10,957 + 31 + 29; a leap
 * day exists only in leap years; formatting inverts parsing on every day
 * of 1999-2101 (two century years, one of them not leap). */
static void
date_arithmetic(void **state)
{
  char text[AIC_DATE_TEXT];
  long day;

  (void)state;
  assert_int_equal(aic_days_from_civil(1970, 1, 1), 0);
  assert_int_equal(aic_days_from_civil(2000, 3, 1), 11017);
  assert_true(aic_date_parse("2024-02-29", &day));
  assert_false(aic_date_parse("2026-02-29", &day));
  assert_false(aic_date_parse("2100-02-29", &day));
  assert_true(aic_date_parse("2000-02-29", &day));
  assert_false(aic_date_parse("2026-1-01", &day));
  assert_false(aic_date_parse("2026-01-01T00", &day));
  assert_false(aic_date_parse("1899-12-31", &day));
  assert_false(aic_date_parse(NULL, &day));
  for (long d = aic_days_from_civil(1999, 1, 1); d <= aic_days_from_civil(2101, 12, 31); d++) {
    long back = 0;

    aic_date_format(d, text);
    assert_true(aic_date_parse(text, &back));
    assert_int_equal(back, d);
  }
  aic_date_format(aic_days_from_civil(2026, 12, 1), text);
  assert_string_equal(text, "2026-12-01");
}

/* A start date whose horizon runs past year 9999 is refused. */
static void
start_date_bounds(void **state)
{
  struct env *e = *state;

  e->sc.start_date = "9999-06-01";
  assert_int_equal(env_run(e), AIC_E_INVALID);
  assert_diag(&e->err, "/start_date", "past 9999-12-31");
  e->sc.start_date = "2026-02-30";
  assert_int_equal(env_run(e), AIC_E_INVALID);
  assert_diag(&e->err, "/start_date", "must be a date");
}

int
main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test_setup_teardown(anthropic_long_context_tier, env_setup, env_teardown),
    cmocka_unit_test_setup_teardown(anthropic_cache_reads_and_writes, env_setup, env_teardown),
    cmocka_unit_test_setup_teardown(tier_applies_to_every_kind, env_setup, env_teardown),
    cmocka_unit_test_setup_teardown(gemini_long_prompt_tier, env_setup, env_teardown),
    cmocka_unit_test_setup_teardown(openai_batch_half_price, env_setup, env_teardown),
    cmocka_unit_test_setup_teardown(batch_errors, env_setup, env_teardown),
    cmocka_unit_test_setup_teardown(deepseek_off_peak_share, env_setup, env_teardown),
    cmocka_unit_test_setup_teardown(promotion_ends_mid_horizon, env_setup, env_teardown),
    cmocka_unit_test_setup_teardown(prices_of_today_or_catalogue_date, env_setup, env_teardown),
    cmocka_unit_test_setup_teardown(break_even_over_a_step, env_setup, env_teardown),
    cmocka_unit_test_setup_teardown(reasoning_tokens_billed_as_output, env_setup, env_teardown),
    cmocka_unit_test_setup_teardown(cache_token_errors, env_setup, env_teardown),
    cmocka_unit_test_setup_teardown(stale_price_warning, env_setup, env_teardown),
    cmocka_unit_test_setup_teardown(stale_fx_warning, env_setup, env_teardown),
    cmocka_unit_test(date_arithmetic),
    cmocka_unit_test_setup_teardown(start_date_bounds, env_setup, env_teardown),
  };

  return cmocka_run_group_tests(tests, NULL, NULL);
}
