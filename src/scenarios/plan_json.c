/* A plan request (POST /v1/plans, aicost plan FILE) -> struct
 * aic_plan_request: the request's own tables, read by the engine of
 * src/schema. The model, traffic and training parts are the scenario's
 * (scenario_json.c, scenario_training.c); the SLO, constraints and solve
 * objects are tables here whose rows point into the one request struct.
 * docs/planner.md has the fields and the reasons for their bounds. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "aicost/scenarios.h"
#include "aicost/util.h"
#include "scenario_read.h"

#define PR(m) offsetof(struct aic_plan_request, m)

/* ---- references the planner adds ---- */

/* A provider named by some GPU offer of the catalogue, else the nearest. */
static int
resolve_provider(const struct aic_field *row, const char *id, struct aic_where *at, void *dst,
                 struct aic_run *run)
{
  const struct aic_catalogue *cat = run->ctx;
  const char *nearest = NULL;
  size_t best = 4;

  (void)row;
  for (size_t i = 0; i < cat->n_gpus; i++) {
    for (size_t j = 0; j < cat->gpus[i].n_offers; j++) {
      const char *p = cat->gpus[i].offers[j].provider;
      size_t d;

      if (p == NULL)
        continue;
      if (strcmp(p, id) == 0) {
        memcpy(dst, &p, sizeof p);
        return 0;
      }
      d = aic_edit_distance(id, p, 3);
      if (d < best || (d == best && nearest != NULL && strcmp(p, nearest) < 0)) {
        best = d;
        nearest = p;
      }
    }
  }
  if (nearest != NULL)
    aic_report(run, at, "no catalogue offer comes from provider '%s'; did you mean '%s'?", id,
               nearest);
  else
    aic_report(run, at, "no catalogue offer comes from provider '%s'", id);
  return AIC_E_INVALID;
}

/* "all" stands for every API price of the catalogue (plan_check). */
static const char all_apis[] = "all";

static int
resolve_alternative(const struct aic_field *row, const char *id, struct aic_where *at, void *dst,
                    struct aic_run *run)
{
  if (strcmp(id, all_apis) == 0) {
    struct aic_api_price *p = dst;

    memset(p, 0, sizeof *p);
    p->id = all_apis;
    return 0;
  }
  return sc_resolve_api_price(row, id, at, dst, run);
}

/* ---- slo, constraints, solve ---- */

/* clang-format off */
static const struct aic_field slo_rows[] = {
  { "ttft_ms", AIC_K_REAL, PR(ttft_ms), AIC_POSITIVE(1e7), .unit = "ms",
    .description = "Mean time to first token at the planned load, at most." },
  { "tpot_ms", AIC_K_REAL, PR(tpot_ms), AIC_POSITIVE(1e7), .unit = "ms",
    .description = "Mean time per output token at the planned load, at most." },
  { "min_output_tokens_per_second_per_user", AIC_K_REAL,
    PR(min_tokens_per_second_per_user), AIC_POSITIVE(1e6), .unit = "tokens/s",
    .description = "Each user's decode speed, at least: a TPOT of at most 1000 / this." },
  { "target_utilization", AIC_K_REAL, PR(target_utilization), AIC_FRACTION,
    .description = "The planned busy fraction latency is quoted at; default the catalogue's." },
  { 0 },
};
/* clang-format on */
/* clang-format off */
static const struct aic_rule slo_rules[] = {
  { AIC_R_ANY_OF,
    .names = (const char *const[]){ "ttft_ms", "tpot_ms", "min_output_tokens_per_second_per_user",
                                    NULL },
    .message = "give ttft_ms, tpot_ms or min_output_tokens_per_second_per_user: the latency the "
               "plan must meet" },
  { 0 },
};
/* clang-format on */
static const struct aic_table slo_table = {
  .name = "PlanSlo",
  .description = "The latency every configuration must meet at its planned load.",
  .rows = slo_rows,
  .rules = slo_rules,
};

/* clang-format off */
static const struct aic_field constraint_rows[] = {
  { "gpus", AIC_K_LIST, PR(gpus), .count_offset = PR(n_gpus), .item_size = sizeof(struct aic_gpu),
    .resolve = sc_resolve_gpu, .pattern = &aic_catalogue_id, .noun = "gpu", .min_items = 1,
    .max_items = AIC_PLAN_GPUS_MAX, .example = "h100-sxm",
    .description = "Catalogue GPU ids to search; default every GPU." },
  { "providers", AIC_K_LIST, PR(providers), .count_offset = PR(n_providers),
    .item_size = sizeof(const char *), .resolve = resolve_provider, .pattern = &aic_catalogue_id,
    .noun = "provider", .min_items = 1, .max_items = AIC_PLAN_PROVIDERS_MAX, .example = "lambda",
    .description = "Providers whose offers may price the plan; default any (and then also "
                   "prices without a provider, and owned hardware when pricing allows it)." },
  { "pricing", AIC_K_ENUM_LIST, PR(pricing), .names = &sc_pricing_names, .min_items = 1,
    .description = "Kinds of price to search; default [\"on_demand\"]. A reserved term longer "
                   "than the horizon is still the offer's hourly rate: choose it knowingly." },
  { "precisions", AIC_K_ENUM_LIST, PR(precisions), .names = &aic_precision_names, .min_items = 1,
    .description = "Serving precisions to search; default bf16, fp8, int8, int4 and fp4, each "
                   "where the GPU computes it. Quantised ones are named with their trade-off, "
                   "not scored." },
  { "max_gpus_per_replica", AIC_K_REAL, PR(max_gpus_per_replica),
    AIC_AT_LEAST(1, AIC_PLAN_WIDTH_MAX), .whole = true,
    .description = "The widest replica; widths are powers of two up to 64." },
  { "max_gpus_total", AIC_K_REAL, PR(max_gpus_total), AIC_AT_LEAST(1, AIC_MAX_GPUS),
    .whole = true, .description = "The most GPUs on any day of the horizon." },
  { "max_daily_usd", AIC_K_REAL, PR(max_daily_usd), AIC_POSITIVE(1e12), .unit = "USD",
    .description = "The most the fleet may cost on any day of the horizon." },
  { 0 },
};
/* clang-format on */
static const struct aic_table constraint_table = {
  .name = "PlanConstraints",
  .description = "What the search may use. Constraints that leave nothing to search are a 422 "
                 "naming the one that emptied it.",
  .rows = constraint_rows,
};

/* clang-format off */
static const struct aic_field solve_rows[] = {
  { "max_daily_usd", AIC_K_REAL, PR(solve_max_daily_usd), AIC_POSITIVE(1e12), .unit = "USD",
    .description = "The largest traffic this daily budget buys; default constraints' "
                   "max_daily_usd." },
  { "api", AIC_K_REF, PR(solve_api), .resolve = sc_resolve_api_price,
    .pattern = &aic_catalogue_id, .noun = "api price", .has_flag = true,
    .flag_offset = PR(has_solve_api), .example = "openai/gpt-4o-mini",
    .description = "The traffic at which the best plan and this API cost the same." },
  { 0 },
};
/* clang-format on */
static const struct aic_table solve_table = {
  .name = "PlanSolve",
  .description = "Inverse questions (the utilisation at which owning beats renting is always "
                 "answered).",
  .rows = solve_rows,
};

/* The currency is one the catalogue has a rate for; "all" alone, never
 * among ids. */
static int
plan_check(const json_t *obj, struct aic_where *at, void *out, struct aic_run *run)
{
  struct aic_plan_request *rq = out;
  struct aic_where w;

  (void)obj;
  int rc = sc_currency_known(rq->base.currency, run->ctx, at, run);

  for (size_t i = 0; i < rq->n_apis; i++) {
    if (rq->apis[i].id != all_apis)
      continue;
    if (rq->n_apis > 1) {
      aic_where_init(&w, at, NULL, "alternatives");
      aic_report(run, &w, "\"all\" stands alone: it already names every API price");
      return AIC_E_INVALID;
    }
    rq->alternatives_all = true;
    rq->n_apis = 0;
  }
  return rc;
}

static void
plan_init(void *out)
{
  aic_plan_request_init(out);
}

/* clang-format off */
static const struct aic_field plan_rows[] = {
  { "name", AIC_K_STRING, PR(base.name), .max = 200, .description = "A label echoed in the best "
                                                                    "plan's projection." },
  { "horizon_days", AIC_K_INT, PR(base.horizon_days),
    AIC_AT_LEAST(AIC_HORIZON_MIN, AIC_HORIZON_MAX), .unit = "days", .dflt = "365",
    .description = "Days the plans are costed over." },
  { "currency", AIC_K_STRING, PR(base.currency), .pattern = &aic_currency_code, .dflt = "\"USD\"",
    .description = "The answer's money in this ISO 4217 currency, at the catalogue's rate (fx), "
                   "as a scenario's: JSON and CSV only; members named *_usd are then *_eur "
                   "etc., and the JSON names the rate under `currency`. The search is in US "
                   "dollars." },
  { "today", AIC_K_DATE, PR(base.today),
    .description = "The date prices' and exchange rates' ages are measured at; default the "
                   "catalogue's date." },
  { "model", AIC_K_REF, PR(base.model), .sub = &aic_model_table, .resolve = sc_resolve_model,
    .pattern = &aic_catalogue_id, .noun = "model", .has_flag = true,
    .flag_offset = PR(base.has_model), .has_inline_flag = true,
    .inline_flag_offset = PR(base.model_inline), .example = "llama-3.1-70b",
    .description = "The model to serve: a catalogue id or an inline model." },
  { "models", AIC_K_LIST, PR(models), .count_offset = PR(n_models),
    .item_size = sizeof(struct aic_model), .sub = &aic_model_table, .resolve = sc_resolve_model,
    .pattern = &aic_catalogue_id, .noun = "model", .min_items = 1,
    .max_items = AIC_PLAN_MODELS_MAX, .example = "llama-3.1-8b",
    .description = "Candidate models (a small and a large one, say): the plan may choose any." },
  { "traffic", AIC_K_OBJECT, PR(base.traffic), .sub = &sc_traffic_table, .required = true },
  { "training", AIC_K_OBJECT, PR(base.training), .sub = &sc_training_table, .has_flag = true,
    .flag_offset = PR(base.training.present),
    .description = "Optional: the best plan's projection then includes it." },
  { "slo", AIC_K_OBJECT, 0, .sub = &slo_table, .required = true },
  { "constraints", AIC_K_OBJECT, 0, .sub = &constraint_table },
  { "alternatives", AIC_K_LIST, PR(apis), .count_offset = PR(n_apis),
    .item_size = sizeof(struct aic_api_price), .resolve = resolve_alternative,
    .pattern = &aic_catalogue_id, .noun = "api price", .min_items = 1,
    .max_items = AIC_PLAN_APIS_MAX, .example = "all",
    .description = "API price ids to weigh against self-hosting, or \"all\" for every one." },
  { "solve", AIC_K_OBJECT, 0, .sub = &solve_table },
  { 0 },
};
/* clang-format on */
static const struct aic_rule plan_rules[] = {
  { AIC_R_ONE_OF, .names = (const char *const[]){ "model", "models", NULL } },
  { 0 },
};
const struct aic_table sc_plan_table = {
  .name = "PlanRequest",
  .description = "The cheapest way to serve a model under a latency target: the search space "
                 "and the questions (docs/planner.md).",
  .size = sizeof(struct aic_plan_request),
  .rows = plan_rows,
  .init = plan_init,
  .rules = plan_rules,
  .check = plan_check,
};

int
aic_plan_request_from_json(const json_t *doc, const struct aic_catalogue *cat,
                           struct aic_plan_request *rq, struct aic_diags *errors)
{
  struct aic_run run;

  aic_run_init(&run, errors, (void *)(uintptr_t)cat);
  aic_plan_request_init(rq);
  return aic_table_apply(&sc_plan_table, doc, "", rq, &run);
}

int
aic_source_plan(const struct aic_source *s, const struct aic_catalogue *cat,
                struct aic_plan_request *rq, struct aic_diags *errors)
{
  struct aic_run run;

  aic_run_init(&run, errors, (void *)(uintptr_t)cat);
  run.yaml = s->yaml;
  aic_plan_request_init(rq);
  return aic_table_apply(&sc_plan_table, s->doc, "", rq, &run);
}

void
aic_plan_request_release(struct aic_plan_request *rq)
{
  free(rq->models);
  free(rq->gpus);
  free((void *)rq->providers);
  free(rq->apis);
  rq->models = NULL;
  rq->gpus = NULL;
  rq->providers = NULL;
  rq->apis = NULL;
  rq->n_models = rq->n_gpus = rq->n_providers = rq->n_apis = 0;
}
