/* A plan as a table and as Markdown (plan_text.c), on plans built by hand
 * so that the layout is pinned without the planner's search. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "aicost/render.h"

static const struct aic_model model = { .id = "llama|<b>" };
static const struct aic_gpu gpu = { .id = "h100" };

/* Two configurations, one API weighed against the best and one that
 * cannot bill the traffic. */
static void
feasible_plan(struct aic_plan_result *p, struct aic_plan_alternative alts[2])
{
  memset(p, 0, sizeof *p);
  p->feasible = true;
  p->slo_ttft_ms = 500;
  p->slo_tpot_ms = HUGE_VAL; /* not given */
  p->horizon_days = 30;
  p->searched.models = 1;
  p->rejected[AIC_REJECT_MEMORY] = 7;
  for (size_t i = 0; i < 2; i++) {
    struct aic_plan_config *c = &p->pareto[i];

    c->m = &model;
    c->gpu = &gpu;
    c->precision = AIC_FP8;
    c->pricing = AIC_PRICING_ON_DEMAND;
    c->price.basis = AIC_BASIS_OFFER;
    c->price.offer.provider = "aws";
    c->price.offer.region = "us-east-1";
    c->price.price_per_gpu_hour_usd = 4;
    c->gpus_per_replica = 2.0 * (double)(i + 1);
    c->batch = 64;
    c->ttft_ms = 120.5;
    c->tpot_ms = 20;
    c->replicas = 3;
    c->daily_usd = 576.0 * (double)(i + 1); /* 3 × 2 GPUs × $4 × 24 h */
    c->mean_daily_usd = c->daily_usd;
    c->horizon_usd = 30 * c->daily_usd;
  }
  p->n_pareto = 2;
  p->best = p->pareto[0];
  memset(alts, 0, 2 * sizeof alts[0]);
  alts[0].id = "openai/gpt-4o-mini";
  alts[0].priced = true;
  alts[0].daily_usd = 1000;
  alts[0].horizon_usd = 30000;
  alts[0].compared = true;
  alts[0].direction = AIC_SELF_HOSTING_ABOVE;
  alts[0].break_even_requests_per_day = 250000;
  alts[1].id = "x/batch-only";
  strcpy(alts[1].problem, "bills batches only");
  p->alternatives = alts;
  p->n_alternatives = 2;
}

static size_t
count(const char *s, const char *what)
{
  size_t n = 0;

  for (s = strstr(s, what); s != NULL; s = strstr(s + 1, what))
    n++;
  return n;
}

/* The header, the best plan, a grid row per configuration, the API's
 * break-even in words and the rejected counts, in aligned columns. */
static void
table_has_every_part(void **state)
{
  struct aic_plan_result p;
  struct aic_plan_alternative alts[2];
  size_t len = 0;
  char *t;

  (void)state;
  feasible_plan(&p, alts);
  t = aic_plan_to_table(&p, NULL, &len);
  assert_non_null(t);
  assert_int_equal(strlen(t), len);
  assert_non_null(strstr(t, "TTFT ≤ 500 ms, TPOT none, over 30 days"));
  assert_non_null(strstr(t, "2 × h100 (tensor 0, pipeline 0)"));
  assert_non_null(strstr(t, "on_demand aws us-east-1 at $4 per GPU-hour"));
  /* the best plan's $576 a day over the plan's 30 days */
  assert_non_null(strstr(t, "inference over 30 days  $17,280"));
  assert_non_null(strstr(t, "rank  model"));
  assert_int_equal(count(t, "  llama|<b>  h100  fp8"), 2); /* the Pareto rows */
  assert_non_null(strstr(t, "self-hosting is cheaper above 250,000 requests/day"));
  assert_non_null(strstr(t, "not priced: bills batches only"));
  assert_non_null(strstr(t, "rejected: slo_ttft 0, slo_tpot 0, memory 7, constraint 0"));
  assert_null(strstr(t, "No configuration"));
  free(t);
}

/* Markdown escapes a name that would end a cell or open HTML. */
static void
markdown_escapes_names(void **state)
{
  struct aic_plan_result p;
  struct aic_plan_alternative alts[2];
  char *t;

  (void)state;
  feasible_plan(&p, alts);
  t = aic_plan_to_markdown(&p, NULL, NULL);
  assert_non_null(t);
  assert_non_null(strstr(t, "**plan for llama\\|&lt;b&gt;: TTFT ≤ 500 ms"));
  assert_non_null(strstr(t, "| 1 | llama\\|&lt;b&gt; | h100 | fp8 | 2 | 64 |"));
  assert_non_null(strstr(t, "| 2 | llama\\|&lt;b&gt; | h100 | fp8 | 4 | 64 |"));
  assert_null(strstr(t, "<b>"));
  assert_non_null(strstr(t, "rejected: slo\\_ttft 0"));
  free(t);
}

/* Nothing feasible: the nearest miss instead of a best plan and a grid;
 * an API with no plan to weigh it against says so. */
static void
infeasible_says_nearest_miss(void **state)
{
  struct aic_plan_result p;
  struct aic_plan_alternative alts[2];
  char *t;

  (void)state;
  feasible_plan(&p, alts);
  p.feasible = false;
  p.n_pareto = 0;
  alts[0].compared = false;
  strcpy(p.infeasible, "TTFT 10.75 ms at batch 1 (the nearest miss); the SLO asks 1");
  t = aic_plan_to_table(&p, NULL, NULL);
  assert_non_null(t);
  assert_non_null(strstr(t, "plan: TTFT ≤ 500 ms"));
  assert_non_null(strstr(t, "No configuration meets the SLO: TTFT 10.75 ms at batch 1"));
  assert_non_null(strstr(t, "no plan to weigh it against"));
  assert_null(strstr(t, "cheapest set-up"));
  assert_null(strstr(t, "rank"));
  free(t);
  /* no API asked for: no section (and, under ASan, no grid left behind) */
  p.n_alternatives = 0;
  t = aic_plan_to_markdown(&p, NULL, NULL);
  assert_non_null(t);
  assert_null(strstr(t, "API alternatives"));
  assert_non_null(strstr(t, "No configuration meets the SLO"));
  free(t);
}

int
main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(table_has_every_part),
    cmocka_unit_test(markdown_escapes_names),
    cmocka_unit_test(infeasible_says_nearest_miss),
  };

  return cmocka_run_group_tests(tests, NULL, NULL);
}
