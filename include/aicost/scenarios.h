/* src/scenarios: what a user asks for, read into the core's structs.
 *
 *   scenario_json.c       a JSON scenario -> struct aic_scenario; the
 *                         scenario format's tables
 *   scenario_refs.c       catalogue ids and inline GPUs and models in it
 *   scenario_training.c   its training section
 *   comparison_json.c     a comparison request: scenarios, or plans that
 *                         stand for their best set-up
 *   plan_json.c           a plan request (POST /v1/plans)
 *   scenarios_dir.c       named scenarios: a directory of YAML or JSON
 *                         files, validated and projected once at load
 *   scenario_overrides.c  overrides of a named scenario (the query string,
 *                         the CLI's --set)
 *   scenario_source.c     a file as its author wrote it: JSON or YAML by
 *                         content, problems at file:line:col
 *   schemas.c             the documents as JSON Schema
 *
 * What may live here: the scenario and comparison formats (their tables
 * and cross-member rules) and named scenario sets. What may not: the cost
 * model (src/core), output formats (src/render), HTTP (src/http), the
 * validation engine itself (src/schema). Depends on src/catalogue (its
 * tables read inline GPUs and models), src/schema, src/json, src/yaml,
 * src/util and the core. Tests: tests/unit/scenarios, with the
 * folders of valid and invalid requests in tests/data. The format for
 * people: docs/scenario.md. */
#ifndef AICOST_SCENARIOS_H
#define AICOST_SCENARIOS_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "aicost/catalogue.h"
#include "aicost/diag.h"
#include "aicost/plan.h"
#include "aicost/projection.h"
#include "aicost/scenario.h"

/* ---- scenario_json.c ---- */

/* Validates a JSON scenario against the catalogue and fills `sc`. Every
 * problem goes to `errors` with its JSON Pointer under `base` ("" for a
 * document root, "/scenarios/3" inside a comparison). Unknown members are
 * errors. Strings in `sc` point into `doc` or the catalogue, which must
 * outlive it. Returns AIC_OK or AIC_E_INVALID. */
int aic_scenario_from_json(const json_t *doc, const struct aic_catalogue *cat, const char *base,
                           struct aic_scenario *sc, struct aic_diags *errors);

/* ---- comparison_json.c ---- */

/* A comparison request {"horizon_days", "scenarios": [...]}: the scenarios
 * are allocated into *out (caller frees with free()). An option may be
 * {"name", "plan": <plan request>}: the planner runs (over the
 * comparison's horizon) and the option is its best set-up's scenario; an
 * infeasible plan is an error at /scenarios/<i>/plan/... with the nearest
 * miss. With `plans` non-NULL, *plans gets n choices (what each plan
 * chose; planned false for a scenario) when some option is a plan, else
 * NULL; the caller frees it with free() and may lend it to the
 * comparison's `plans` for the renderings. */
int aic_comparison_request_from_json(const json_t *doc, const struct aic_catalogue *cat,
                                     struct aic_scenario **out, struct aic_plan_choice **plans,
                                     size_t *n, int *horizon_days, struct aic_diags *errors);

/* ---- scenario_source.c: a document as its author wrote it ---- */

/* A scenario or comparison file: JSON or YAML, told apart by its bytes
 * (aic_source_is_json), never by its name. A YAML document keeps its tree,
 * so that every problem is reported where it is ("file:line:col" with
 * "key.path: reason"); a JSON document's problems carry JSON Pointers. */
struct aic_yaml;
struct aic_source {
  json_t *doc;           /* owned; NULL for an empty YAML file (validation says so) */
  struct aic_yaml *yaml; /* owned; NULL for JSON */
};

/* JSON when the first byte past a BOM and white space is '{' or '['
 * (YAML's flow style included, which JSON's syntax then reads); else YAML. */
bool aic_source_is_json(const char *text, size_t len);
/* Parses one document: AIC_OK, AIC_E_SYNTAX with every problem in
 * `errors` (YAML: "file:line:col"; JSON: line and column in the detail),
 * or AIC_E_NOMEM. A YAML file is at most max_bytes, and hostile YAML
 * (aliases, depth, tags) stops in src/yaml. `out` is releasable after any
 * return. */
int aic_source_parse(const char *text, size_t len, const char *filename, size_t max_bytes,
                     struct aic_source *out, struct aic_diags *errors);
void aic_source_release(struct aic_source *s);
/* aic_scenario_from_json and aic_comparison_request_from_json with the
 * problems placed in the source. */
int aic_source_scenario(const struct aic_source *s, const struct aic_catalogue *cat,
                        struct aic_scenario *sc, struct aic_diags *errors);
int aic_source_comparison(const struct aic_source *s, const struct aic_catalogue *cat,
                          struct aic_scenario **out, struct aic_plan_choice **plans, size_t *n,
                          int *horizon_days, struct aic_diags *errors);
/* Problems named by JSON Pointer (the core's) copied into `to` at their
 * place in the source: unchanged for JSON, "file:line:col" for YAML. */
void aic_source_place(const struct aic_source *s, const struct aic_diags *from,
                      struct aic_diags *to);

/* ---- schemas.c: the documents as JSON Schema ---- */

/* The JSON Schema (draft 2020-12) of "scenario", "comparison" (a request
 * to /v1/comparisons) or "catalogue" (config/catalogue.yaml), printed from
 * the tables that validate them. Returns AIC_OK with a new reference in
 * *out, AIC_E_INVALID for another name, or AIC_E_NOMEM. */
int aic_json_schema(const char *name, json_t **out);
/* The i-th of those names, or NULL past the last. */
const char *aic_json_schema_name(size_t i);

/* ---- plan_json.c ---- */

/* A plan request (docs/planner.md) validated against the catalogue into
 * rq; every problem in `errors` by JSON Pointer. Strings point into doc or
 * the catalogue; the lists it allocates are freed by
 * aic_plan_request_release (also after a failure). */
int aic_plan_request_from_json(const json_t *doc, const struct aic_catalogue *cat,
                               struct aic_plan_request *rq, struct aic_diags *errors);
void aic_plan_request_release(struct aic_plan_request *rq);
/* The same from a file as its author wrote it (scenario_source.c's
 * aic_source): a YAML file's problems at file:line:col. */
int aic_source_plan(const struct aic_source *s, const struct aic_catalogue *cat,
                    struct aic_plan_request *rq, struct aic_diags *errors);

/* ---- scenarios_dir.c: named scenarios ---- */

/* A team's budget scenario kept as a file (config/scenarios/<id>.yaml):
 * the same fields as a JSON scenario, plus an optional "description". */
struct aic_named_scenario {
  char *id;          /* the file's stem: [a-z0-9][a-z0-9_-]*, at most 64 bytes */
  char *name;        /* the scenario's "name" (set to the id when absent) */
  char *description; /* "" when absent */
  json_t *doc;       /* the scenario as JSON, validated and projected once at load */
  char hash[17];     /* hex FNV-1a 64 of the source bytes, for ETags */
};

/* Every named scenario of a directory, sorted by id; owns all its memory. */
struct aic_scenario_set {
  size_t n;
  struct aic_named_scenario *v;
  char hash[17]; /* of every id and source, for the list's ETag */
};

/* One source file's bytes: JSON or YAML by its content (aic_source_is_json);
 * its name (.yaml, .yml or .json) gives the id. */
struct aic_scenario_source {
  const char *filename; /* its stem is the id; a leading path is ignored */
  const char *text;
  size_t len;
};

/* Whether `id` is a valid scenario id (URL-safe, see above). */
bool aic_scenario_id_valid(const char *id);
/* Parses, validates against `cat` and projects every source. All or
 * nothing: NULL with every problem in `errors` when any is wrong, so a
 * reload never serves half a set: a YAML file's as "file:line:col" with
 * "key.path: reason", a JSON file's as "file#/json/pointer". n may be 0
 * (an empty set). */
struct aic_scenario_set *aic_scenarios_load(const struct aic_scenario_source *src, size_t n,
                                            const struct aic_catalogue *cat,
                                            struct aic_diags *errors);
/* The file of the named scenario `id` in dir, in `path`: dir/id.yaml,
 * .yml or .json, the first that exists (the extensions the directory
 * loader reads). False when there is none. */
bool aic_scenario_file(const char *dir, const char *id, char *path, size_t cap);
/* The same for the *.yaml, *.yml and *.json files of a directory (others,
 * and names starting with '.', are skipped). */
struct aic_scenario_set *aic_scenarios_load_dir(const char *dir, const struct aic_catalogue *cat,
                                                struct aic_diags *errors);
/* Every problem of every file of `dir`, file by file, for `aicost
 * scenarios check` and aicostd's start: each file is loaded on its own
 * (its problems in a list of their own, so that one file's never crowd out
 * another's) and `each` is called for every file with a problem, then an
 * id given by two files is a problem of the second. Returns the number of
 * files with problems, with the number of files in *n_files; -1 when the
 * directory cannot be listed (`each` told, with the directory's name). */
typedef void aic_scenario_problems_fn(void *ctx, const char *file,
                                      const struct aic_diags *problems);
int aic_scenarios_check_dir(const char *dir, const struct aic_catalogue *cat,
                            aic_scenario_problems_fn *each, void *ctx, size_t *n_files);
/* Binary search by id; NULL when unknown. */
const struct aic_named_scenario *aic_scenarios_find(const struct aic_scenario_set *s,
                                                    const char *id);
void aic_scenarios_free(struct aic_scenario_set *s);

/* ---- scenario_overrides.c ---- */

/* Overrides for a named scenario from a query string (GET with
 * ?requests_per_day=...&monthly_growth=...) or the CLI's --set
 * (traffic.requests_per_day=5e6): a new document with each value set at its
 * place (requests_per_day, monthly_growth, max_requests_per_day under
 * /traffic; horizon_days, granularity, start_date, today, stale_after_days
 * at the root). A key is the member's name; with `dotted` (the CLI) also
 * its dotted path, which the message naming an unknown key then lists
 * ("--set path" rather than "query parameter"). A value that is
 * not a number where one is needed, or an unknown key, is an error with the
 * field's JSON Pointer and is left out of the copy; ranges are left to
 * aic_scenario_from_json, so they are checked exactly like body fields. The
 * caller validates the copy even when errors were added here, so that every
 * problem is reported at once. NULL only when out of memory. */
struct aic_override {
  const char *key;
  const char *value;
};
json_t *aic_scenario_with_overrides(const json_t *doc, const struct aic_override *ov, size_t n,
                                    bool dotted, struct aic_diags *errors);
/* The scenario of `doc` with the overrides (none: doc as it is), validated
 * even after a bad override so that every problem is listed, as the
 * server's GET /v1/scenarios/{id}/projection and `aicost project NAME
 * --set` both need it. AIC_OK, AIC_E_INVALID (problems in errors) or
 * AIC_E_NOMEM; *out is the document sc's strings point into (NULL only
 * when out of memory): the caller json_decrefs it after sc. */
int aic_scenario_overridden(const json_t *doc, const struct aic_override *ov, size_t n, bool dotted,
                            const struct aic_catalogue *cat, struct aic_scenario *sc, json_t **out,
                            struct aic_diags *errors);

#endif
