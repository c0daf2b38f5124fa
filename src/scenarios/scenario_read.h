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
#include "aicost/plan.h"
#include "aicost/scenario.h"
#include "bounds.h"
#include "catalogue_tables.h"
#include "schema.h"

/* Names of the enums that training and serving share (scenario_json.c). */
extern const struct aic_names sc_pricing_names;
/* Whose offer prices the GPU-hours (training and self_hosted alike). */
/* clang-format off */
#define SC_PROVIDER_ROWS(S)                                                                     \
  { "provider", AIC_K_STRING, offsetof(S, provider), .min = 1, .max = 64,                      \
    .example = "lambda",                                                                         \
    .description = "The provider whose offer prices the GPU-hours, as the catalogue's offers "  \
                   "name it; default the median provider's offer (docs/catalogue.md)." },       \
  { "region", AIC_K_STRING, offsetof(S, region), .min = 1, .max = 64, .example = "us-east-1",   \
    .description = "The provider's region (needs provider); default its cheapest." }
/* clang-format on */

/* scenario_refs.c: a catalogue id looked up in the run's catalogue (its
 * ctx) and copied, or an unknown id reported with the nearest ones. */
aic_resolve_fn sc_resolve_model;
aic_resolve_fn sc_resolve_gpu;
aic_resolve_fn sc_resolve_api_price;
aic_resolve_fn sc_resolve_site;

/* Where and how the GPUs of training and of self_hosted draw power
 * (struct aic_energy_ask at member m of S; docs/scenario.md, "Energy"). */
/* clang-format off */
#define SC_ENERGY_ROWS(S, m)                                                                    \
  { "site", AIC_K_REF, offsetof(S, m.site), .resolve = sc_resolve_site,                        \
    .pattern = &aic_catalogue_id, .noun = "site", .has_flag = true,                            \
    .flag_offset = offsetof(S, m.has_site), .example = "fr",                                    \
    .description = "A catalogue site (its PUE and grid intensity); default the site of the "    \
                   "priced offer's provider region, if the catalogue has one." },               \
  { "pue", AIC_K_REAL, offsetof(S, m.pue), AIC_AT_LEAST(1, AIC_PUE_MAX),                        \
    .description = "Power usage effectiveness; default the site's, else defaults.pue." },      \
  { "gco2e_per_kwh", AIC_K_REAL, offsetof(S, m.gco2e_per_kwh),                                  \
    AIC_AT_LEAST(0, AIC_GCO2E_PER_KWH_MAX),                                                     \
    .unit = "gCO2e per kWh",                                                                    \
    .description = "Grid carbon intensity; default the site's (none: emissions are null)." },  \
  { "draw_fraction", AIC_K_REAL, offsetof(S, m.draw_fraction), AIC_POSITIVE(1),                 \
    .description = "Average draw / board power; default the GPU's, else the catalogue's." },   \
  { "server_overhead", AIC_K_REAL, offsetof(S, m.server_overhead),                              \
    AIC_AT_LEAST(1, AIC_SERVER_OVERHEAD_MAX),                                                   \
    .description = "Server power per GPU / the GPU's own; default the catalogue's." }
/* clang-format on */

/* scenario_training.c: the training section. */
extern const struct aic_table sc_training_table;

/* scenario_json.c: a scenario's traffic (plan requests share it). */
extern const struct aic_table sc_traffic_table;
/* plan_json.c: a plan request (POST /v1/plans). */
extern const struct aic_table sc_plan_table;

/* scenario_json.c: one scenario; comparison_json.c: a comparison request. */
extern const struct aic_table sc_scenario_table;
extern const struct aic_table sc_comparison_table;
/* aic_scenario_from_json in a run of the caller's (a YAML file's). */
/* Reports at `at`/currency unless `currency` is NULL, USD or has a rate
 * in the catalogue. 0 or AIC_E_INVALID. */
int sc_currency_known(const char *currency, const struct aic_catalogue *cat, struct aic_where *at,
                      struct aic_run *run);
int sc_read(const json_t *doc, const struct aic_catalogue *cat, const char *base,
            struct aic_scenario *sc, struct aic_run *run);
/* comparison_json.c: aic_comparison_request_from_json in a run of the
 * caller's (run->ctx: the catalogue). */
int sc_comparison_read(const json_t *doc, struct aic_run *run, struct aic_scenario **out,
                       struct aic_plan_choice **plans, size_t *n, int *horizon_days);

#endif
