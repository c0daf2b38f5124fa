/* Private to src/scenarios: what the files that read a scenario share
 * (scenario_json.c the document, comparisons and the inference side,
 * scenario_training.c the training section, scenario_refs.c the catalogue
 * references). The tables ARE the scenario format: every member, its type,
 * its range and the rules across members; docs/scenario.md lists the same
 * with the reasons for the bounds, and `aicost schema scenario` prints them
 * as JSON Schema. What a computation needs (a model key, a GPU's peak at a
 * precision) is the core's to report: the reader cannot know which keys
 * the chosen path uses. */
#ifndef AICOST_SCENARIOS_SCENARIO_READ_H
#define AICOST_SCENARIOS_SCENARIO_READ_H

#include "aicost/catalogue.h"
#include "aicost/scenario.h"
#include "bounds.h"
#include "catalogue_tables.h"
#include "schema.h"

/* Names of the enums that training and serving share (scenario_json.c). */
extern const struct aic_names sc_pricing_names;
/* Whose offer prices the GPU-hours (training and self_hosted alike). */
#define SC_PROVIDER_ROWS(S)                                                                     \
  { "provider", AIC_K_STRING, offsetof(S, provider), .min = 1, .max = 64,                      \
    .example = "lambda",                                                                         \
    .description = "The provider whose offer prices the GPU-hours, as the catalogue's offers "  \
                   "name it; default the median provider's offer (docs/catalogue.md)." },       \
  { "region", AIC_K_STRING, offsetof(S, region), .min = 1, .max = 64, .example = "us-east-1",   \
    .description = "The provider's region (needs provider); default its cheapest." }

/* scenario_refs.c: a catalogue id looked up in the run's catalogue (its
 * ctx) and copied, or an unknown id reported with the nearest ones. */
aic_resolve_fn sc_resolve_model;
aic_resolve_fn sc_resolve_gpu;
aic_resolve_fn sc_resolve_api_price;

/* scenario_training.c: the training section. */
extern const struct aic_table sc_training_table;

/* scenario_json.c: a scenario's traffic (plan requests share it). */
extern const struct aic_table sc_traffic_table;
/* plan_json.c: a plan request (POST /v1/plans). */
extern const struct aic_table sc_plan_table;

/* scenario_json.c: one scenario, and a comparison request. */
extern const struct aic_table sc_scenario_table;
extern const struct aic_table sc_comparison_table;
/* aic_scenario_from_json in a run of the caller's (a YAML file's). */
/* Reports at `at`/currency unless `currency` is NULL, USD or has a rate
 * in the catalogue. 0 or AIC_E_INVALID. */
int sc_currency_known(const char *currency, const struct aic_catalogue *cat, struct aic_where *at,
                      struct aic_run *run);
int sc_read(const json_t *doc, const struct aic_catalogue *cat, const char *base,
            struct aic_scenario *sc, struct aic_run *run);
/* aic_comparison_request_from_json in a run of the caller's (run->ctx: the
 * catalogue). */
int sc_comparison_read(const json_t *doc, struct aic_run *run, struct aic_scenario **out,
                       size_t *n, int *horizon_days);

#endif
