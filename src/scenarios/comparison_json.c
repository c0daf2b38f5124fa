/* A comparison request (POST /v1/comparisons, aicost compare FILE) ->
 * the scenarios it weighs. Each option is a scenario, or {"name", "plan"}:
 * a plan request exactly as POST /v1/plans takes it, which stands for its
 * best set-up's scenario (aic_plan_best_scenario, the one the planner
 * projects). The comparison's horizon, today and currency apply to both
 * forms alike. docs/api.md and docs/planner.md ("Compare a plan"). */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "aicost/scenarios.h"
#include "scenario_read.h"

/* One option as read: the Scenario table fills `sc` (it comes first, so
 * that the table reads an option as a scenario), the PlanOption table
 * `sc.name` and `plan`. */
struct option {
  struct aic_scenario sc;
  bool planned;
  struct aic_plan_request plan;
};

static void
plan_option_init(void *out)
{
  struct option *o = out;

  aic_scenario_init(&o->sc);
  aic_plan_request_init(&o->plan);
  o->plan.bands = false; /* the comparison's bands are the scenario's */
  o->planned = true;
}

#define OPT(m) offsetof(struct option, m)
/* clang-format off */
static const struct aic_field plan_option_rows[] = {
  { "name", AIC_K_STRING, OPT(sc.name), .max = 200,
    .description = "A label echoed in the option; default the plan's own name." },
  { "plan", AIC_K_OBJECT, OPT(plan), .sub = &sc_plan_table, .required = true,
    .description = "A plan request as POST /v1/plans takes it: the option is the projection of "
                   "its best set-up, and says so under `plan`. The comparison's horizon_days, "
                   "today and currency override the plan's." },
  { 0 },
};
/* clang-format on */
static const struct aic_table plan_option_table = {
  .name = "PlanOption",
  .description = "A comparison option chosen by the planner: the cheapest set-up that meets the "
                 "plan's SLO (docs/planner.md, \"Compare a plan\").",
  .size = sizeof(struct option),
  .rows = plan_option_rows,
  .init = plan_option_init,
};

struct comparison {
  int horizon_days;
  const char *today;
  const char *currency;
  struct option *options;
  size_t n;
};

#define CMP(m) offsetof(struct comparison, m)
/* clang-format off */
static const struct aic_field comparison_rows[] = {
  { "horizon_days", AIC_K_INT, CMP(horizon_days), AIC_AT_LEAST(AIC_HORIZON_MIN, AIC_HORIZON_MAX),
    .unit = "days", .dflt = "365", .description = "Overrides each scenario's horizon." },
  { "today", AIC_K_DATE, CMP(today), .description = "Overrides each scenario's `today`." },
  { "currency", AIC_K_STRING, CMP(currency), .pattern = &aic_currency_code,
    .description = "The answer's currency (overrides each scenario's); without it the options "
                   "must agree." },
  { "scenarios", AIC_K_ARRAY, CMP(options), .count_offset = CMP(n), .sub = &sc_scenario_table,
    .variant_key = "plan", .variant = &plan_option_table, .item_size = sizeof(struct option),
    .min_items = AIC_COMPARE_MIN, .max_items = AIC_COMPARE_MAX, .noun = "scenarios",
    .required = true },
  { 0 },
};
/* clang-format on */
const struct aic_table sc_comparison_table = {
  .name = "ComparisonRequest",
  .description = "Two to sixteen options projected over one horizon and ranked: scenarios, or "
                 "plans standing for their best set-up.",
  .size = sizeof(struct comparison),
  .rows = comparison_rows,
};

/* The options as read, with the lists their plan requests allocated. */
static void
options_release(struct comparison *cmp)
{
  for (size_t i = 0; cmp->options != NULL && i < cmp->n; i++)
    aic_plan_request_release(&cmp->options[i].plan);
  free(cmp->options);
  cmp->options = NULL;
}

/* One currency for the whole answer: the request's, else the options'
 * when they agree (a ranking mixes no currencies). */
static int
comparison_currency(struct comparison *cmp, struct aic_scenario *sc,
                    const struct aic_catalogue *cat, struct aic_run *run)
{
  struct aic_where root, w;
  const char *first = cmp->n > 0 ? sc[0].currency : NULL;

  aic_where_init(&root, NULL, "", NULL);
  if (cmp->currency != NULL) {
    for (size_t i = 0; i < cmp->n; i++)
      sc[i].currency = cmp->currency;
    return sc_currency_known(cmp->currency, cat, &root, run);
  }
  for (size_t i = 1; i < cmp->n; i++) {
    const char *c = sc[i].currency;

    if (strcmp(c == NULL ? "USD" : c, first == NULL ? "USD" : first) != 0) {
      char at[48];

      snprintf(at, sizeof at, "/scenarios/%zu%s", i, cmp->options[i].planned ? "/plan" : "");
      aic_where_init(&w, NULL, at, "currency");
      aic_report(run, &w,
                 "differs from the first option's (%s); give the comparison's own "
                 "currency to answer in one",
                 first == NULL ? "USD" : first);
      return AIC_E_INVALID;
    }
  }
  return 0;
}

/* The planner's problems with option i, under /scenarios/<i>/plan. */
static void
report_plan(struct aic_run *run, size_t i, const char *member, const char *detail)
{
  char ptr[AIC_DIAG_POINTER_MAX];

  snprintf(ptr, sizeof ptr, "/scenarios/%zu/plan%s", i, member);
  aic_report_pointer(run, ptr, detail);
}

/* Option i's plan, run over the comparison's horizon (and today): its best
 * set-up's scenario into *sc, what it chose into *choice. An infeasible
 * plan is the option's error, at the member its nearest miss is about. */
static int
plan_option(struct option *o, size_t i, const struct comparison *cmp, struct aic_run *run,
            struct aic_scenario *sc, struct aic_plan_choice *choice)
{
  const struct aic_catalogue *cat = run->ctx;
  /* a projection and more: not on the stack */
  struct aic_plan_result *plan = calloc(1, sizeof *plan);
  struct aic_diags errors;
  int rc;

  if (plan == NULL)
    return AIC_E_NOMEM;
  o->plan.base.horizon_days = cmp->horizon_days;
  if (cmp->today != NULL)
    o->plan.base.today = cmp->today;
  aic_diags_init(&errors);
  rc = aic_plan(cat, &o->plan, plan, &errors);
  for (size_t k = 0; k < errors.n; k++)
    report_plan(run, i, errors.v[k].pointer, errors.v[k].detail);
  if (rc == AIC_OK && !plan->feasible) {
    char detail[AIC_DIAG_DETAIL_MAX + 64];

    snprintf(detail, sizeof detail, "no set-up meets the plan: %s", plan->infeasible);
    report_plan(run, i, plan->infeasible_at != NULL ? plan->infeasible_at : "", detail);
    rc = AIC_E_INVALID;
  }
  if (rc == AIC_OK)
    rc = aic_plan_best_scenario(&o->plan, plan, sc);
  if (rc == AIC_OK) {
    choice->planned = true;
    choice->best = plan->best;
    choice->model = plan->best.m->id;
    choice->gpu = plan->best.gpu->id;
    choice->best.m = NULL; /* they point into the request, released with it */
    choice->best.gpu = NULL;
    choice->configurations = plan->searched.configurations;
    if (o->sc.name != NULL)
      sc->name = o->sc.name;
  }
  aic_plan_release(plan);
  free(plan);
  return rc;
}

/* The scenario of every option: its own, or its plan's best; the plans'
 * choices into *plans when the caller wants them (NULL when no option is
 * a plan). Every plan runs, so that each one's problems are reported. */
static int
resolve_options(struct comparison *cmp, struct aic_run *run, struct aic_scenario *sc,
                struct aic_plan_choice **plans)
{
  struct aic_plan_choice *chosen = NULL;
  int status = 0;

  for (size_t i = 0; i < cmp->n && chosen == NULL; i++) {
    if (cmp->options[i].planned) {
      chosen = calloc(cmp->n, sizeof *chosen);
      if (chosen == NULL)
        return AIC_E_NOMEM;
    }
  }
  for (size_t i = 0; i < cmp->n; i++) {
    struct option *o = &cmp->options[i];
    int rc = 0;

    if (o->planned)
      rc = plan_option(o, i, cmp, run, &sc[i], &chosen[i]);
    else
      sc[i] = o->sc;
    if (rc < 0) {
      free(chosen);
      return rc;
    }
    if (rc != 0)
      status = rc;
    /* The comparison's horizon (and today, when given) override each
     * option's own: the options are weighed over the same days. */
    sc[i].horizon_days = cmp->horizon_days;
    if (cmp->today != NULL)
      sc[i].today = cmp->today;
  }
  if (status != 0 || plans == NULL)
    free(chosen);
  else
    *plans = chosen;
  return status;
}

int
sc_comparison_read(const json_t *doc, struct aic_run *run, struct aic_scenario **out,
                   struct aic_plan_choice **plans, size_t *n, int *horizon_days)
{
  struct comparison cmp = { AIC_HORIZON_DEFAULT, NULL, NULL, NULL, 0 };
  struct aic_scenario *sc = NULL;
  int rc;

  *out = NULL;
  *n = 0;
  if (plans != NULL)
    *plans = NULL;
  rc = aic_table_apply(&sc_comparison_table, doc, "", &cmp, run);
  if (rc == 0 && cmp.n > 0) {
    sc = malloc(cmp.n * sizeof *sc);
    rc = sc == NULL ? AIC_E_NOMEM : resolve_options(&cmp, run, sc, plans);
  }
  if (rc == 0)
    rc = comparison_currency(&cmp, sc, run->ctx, run);
  if (rc != 0 && plans != NULL) {
    free(*plans);
    *plans = NULL;
  }
  options_release(&cmp);
  if (rc != 0) {
    free(sc);
    return rc;
  }
  *out = sc;
  *n = cmp.n;
  *horizon_days = cmp.horizon_days;
  return AIC_OK;
}

int
aic_comparison_request_from_json(const json_t *doc, const struct aic_catalogue *cat,
                                 struct aic_scenario **out, struct aic_plan_choice **plans,
                                 size_t *n, int *horizon_days, struct aic_diags *errors)
{
  struct aic_run run;

  aic_run_init(&run, errors, (void *)(uintptr_t)cat);
  return sc_comparison_read(doc, &run, out, plans, n, horizon_days);
}
