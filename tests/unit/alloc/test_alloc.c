/* Allocation-failure injection over the core and the libraries above it: every
 * operation the server runs per request (and the catalogue load it runs on
 * reload) is repeated with its 1st, 2nd, ... Nth allocation failing, until
 * an attempt runs with no failure left to inject. Each attempt must
 *   - not crash,
 *   - leave no allocation behind (failalloc counts live allocations),
 *   - either fail cleanly (NULL or AIC_E_NOMEM) or
 *     succeed with exactly the output of an undisturbed run: a partial
 *     JSON object or a 422 instead of an out-of-memory would be a wrong
 *     answer given to a client.
 * Then the same with every allocation from the Nth on failing. */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "aicost/catalogue_io.h"
#include "aicost/json.h"
#include "aicost/render.h"
#include "aicost/scenarios.h"
#include "failalloc.h"
#include "json_alloc.h"

/* An op returns OK with *text set (rendered while injection is paused),
 * CLEAN for a clean failure, or WRONG with why[] set. */
enum { OK = 0, CLEAN = 1, WRONG = 2 };
typedef int op_fn(void *ctx, char **text);

static char why[512];
static const struct aic_catalogue *cat;

static const char article[] =
  "{\"name\":\"support bot\",\"inference\":{\"cost_per_request_usd\":0.005},"
  "\"traffic\":{\"requests_per_day\":5000000,\"monthly_growth\":0.05}}";
static const char rich[] =
  "{\"name\":\"rich\",\"horizon_days\":120,\"granularity\":\"week\",\"model\":\"llama-3.1-70b\","
  "\"training\":{\"gpu\":\"h100-sxm\",\"gpu_count\":64,"
  "\"pretraining\":{\"tokens\":1e11},"
  "\"fine_tuning\":{\"tokens\":2e9,\"epochs\":2,\"method\":\"lora\"},"
  "\"alignment\":{\"method\":\"dpo\",\"preference_pairs\":10000,\"tokens_per_pair\":1024,"
  "\"label_cost_usd\":1.5}},"
  "\"inference\":{\"self_hosted\":{\"gpu\":\"h100-sxm\"}},"
  "\"traffic\":{\"requests_per_day\":100000,\"input_tokens\":800,\"output_tokens\":300,"
  "\"monthly_growth\":0.1}}";
static const char api[] =
  "{\"name\":\"api\",\"inference\":{\"api\":\"openai/gpt-4o\"},"
  "\"traffic\":{\"requests_per_day\":1000,\"input_tokens\":800,\"cached_input_tokens\":100,"
  "\"output_tokens\":300}}";
static const char broken_yaml[] =
  "version: \"x\"\ncurrency: EUR\ngpus:\n  Bad Id:\n    memory_gib: -1\n";

/* ---- the driver ---- */

static char *
render_json(const json_t *j)
{
  char *s;

  fa_pause();
  s = aic_json_dump(j, 0);
  fa_resume();
  return s;
}

static void
inject(const char *name, op_fn *op, void *ctx)
{
  char *ref = NULL;
  long base, n, attempts = 0, total;
  int r;

  fa_disarm();
  r = op(ctx, &ref); /* warm-up (lazy one-time allocations) and reference */
  free(ref);
  ref = NULL;
  aic_json_alloc_drain();
  fa_arm(LONG_MAX, false); /* counts without ever failing */
  r = op(ctx, &ref);
  total = fa_calls();
  fa_disarm();
  if (r != OK)
    fail_msg("%s: the undisturbed run failed (%d): %s", name, r, why);
  if (!fa_active())
    skip(); /* valgrind or a sanitizer owns malloc: nothing to inject */
  for (int persistent = 0; persistent < 2; persistent++) {
    for (n = 1;; n += n < 3000 ? 1 : n / 1500) {
      char *text = NULL;
      long fired;

      /* jansson's freed blocks wait in a per-thread cache (json_alloc.c):
       * empty it around each run, so that every allocation of the run is a
       * real one that can fail, and what it keeps is not counted as a leak. */
      aic_json_alloc_drain();
      base = fa_live();
      fa_arm(n, persistent != 0);
      why[0] = '\0';
      r = op(ctx, &text);
      fired = fa_failed();
      fa_disarm();
      aic_json_alloc_drain();
      attempts++;
      if (r == WRONG)
        fail_msg("%s: allocation %ld failing%s: %s", name, n, persistent ? " (and all after)" : "",
                 why);
      if (r == OK && strcmp(text, ref) != 0)
        fail_msg("%s: allocation %ld failing%s: reported success with different output "
                 "(a partial result)",
                 name, n, persistent ? " (and all after)" : "");
      if (r == CLEAN && fired == 0)
        fail_msg("%s: failed with no allocation failing", name);
      free(text);
      if (fa_live() != base)
        fail_msg("%s: allocation %ld failing%s: %ld allocation(s) leaked", name, n,
                 persistent ? " (and all after)" : "", fa_live() - base);
      if (fired == 0)
        break; /* the op needs fewer than n allocations: done */
    }
  }
  /* Up to 3000 every allocation is failed in turn, beyond that a sample. */
  print_message("# %s: %ld allocations, %ld failure runs\n", name, total, attempts);
  free(ref);
}

/* ---- operations ---- */

static int
op_catalogue_default(void *ctx, char **text)
{
  struct aic_diags d = AIC_DIAGS_INIT;
  struct aic_catalogue *c = aic_catalogue_load_default(&d);
  json_t *j;

  (void)ctx;
  if (c == NULL)
    return CLEAN;
  fa_pause();
  j = aic_catalogue_to_json(c);
  *text = aic_json_dump(j, 0);
  json_decref(j);
  fa_resume();
  aic_catalogue_free(c);
  return *text != NULL ? OK : WRONG;
}

static int
op_catalogue_broken(void *ctx, char **text)
{
  struct aic_diags d = AIC_DIAGS_INIT;
  struct aic_catalogue *c = aic_catalogue_load(broken_yaml, sizeof broken_yaml - 1, "broken.yaml",
                                               &d);
  char buf[4096] = "";

  (void)ctx;
  if (c != NULL) {
    aic_catalogue_free(c);
    snprintf(why, sizeof why, "a broken catalogue loaded");
    return WRONG;
  }
  for (size_t i = 0; i < d.n; i++) {
    if (strstr(d.v[i].detail, "memory") != NULL)
      return CLEAN;
    size_t used = strlen(buf);

    snprintf(buf + used, sizeof buf - used, "%s %s\n", d.v[i].pointer, d.v[i].detail);
  }
  if (d.n == 0) {
    snprintf(why, sizeof why, "NULL without any diagnostic");
    return WRONG;
  }
  fa_pause();
  *text = strdup(buf);
  fa_resume();
  return OK;
}

struct parse_ctx {
  const char *text;
};

static int
op_json_parse(void *ctx, char **text)
{
  const struct parse_ctx *p = ctx;
  struct aic_diags d = AIC_DIAGS_INIT;
  json_t *doc;
  int rc = aic_json_parse(p->text, strlen(p->text), &doc, &d);

  if (rc != AIC_OK) {
    if (rc == AIC_E_NOMEM)
      return CLEAN;
    snprintf(why, sizeof why, "a valid document refused as '%s' (a 400 for a memory failure)",
             d.n > 0 ? d.v[0].detail : "");
    return WRONG;
  }
  *text = render_json(doc);
  json_decref(doc);
  return OK;
}

struct scenario_ctx {
  json_t *doc;
  struct aic_scenario sc;
};

static int
op_scenario_from_json(void *ctx, char **text)
{
  struct scenario_ctx *s = ctx;
  struct aic_diags d = AIC_DIAGS_INIT;
  struct aic_scenario sc;
  char buf[256];
  int rc = aic_scenario_from_json(s->doc, cat, "", &sc, &d);

  if (rc < 0)
    return CLEAN;
  if (rc != 0) {
    snprintf(why, sizeof why, "status %d (%s)", rc, d.n > 0 ? d.v[0].detail : "");
    return WRONG;
  }
  snprintf(buf, sizeof buf, "%s %d %.17g %d", sc.name ? sc.name : "", sc.horizon_days,
           sc.traffic.requests_per_day, (int)sc.inference.kind);
  fa_pause();
  *text = strdup(buf);
  fa_resume();
  return OK;
}

static int
op_project(void *ctx, char **text)
{
  struct scenario_ctx *s = ctx;
  struct aic_diags d = AIC_DIAGS_INIT;
  struct aic_projection pj;
  int rc;

  memset(&pj, 0, sizeof pj);
  rc = aic_project(cat, &s->sc, &pj, &d);
  if (rc == AIC_E_NOMEM) {
    aic_projection_release(&pj);
    return CLEAN;
  }
  if (rc != AIC_OK) {
    snprintf(why, sizeof why, "status %d instead of AIC_E_NOMEM (%s)", rc,
             d.n > 0 ? d.v[0].detail : "");
    aic_projection_release(&pj);
    return WRONG;
  }
  fa_pause();
  *text = aic_projection_to_json(&pj, cat, NULL);
  fa_resume();
  aic_projection_release(&pj);
  return OK;
}

struct projection_ctx {
  struct aic_projection pj;
  json_t *json;
};

static int
op_projection_to_json(void *ctx, char **text)
{
  struct projection_ctx *p = ctx;
  size_t len = 0;

  *text = aic_projection_to_json(&p->pj, cat, &len);
  return *text != NULL ? OK : CLEAN;
}

static int
op_json_dump(void *ctx, char **text)
{
  struct projection_ctx *p = ctx;

  *text = aic_json_dump(p->json, 1);
  return *text != NULL ? OK : CLEAN;
}

static int
op_projection_csv(void *ctx, char **text)
{
  struct projection_ctx *p = ctx;
  size_t len = 0;

  *text = aic_projection_to_csv(&p->pj, NULL, &len);
  return *text != NULL ? OK : CLEAN;
}

static int
op_projection_svg(void *ctx, char **text)
{
  struct projection_ctx *p = ctx;
  size_t len = 0;

  *text = aic_projection_to_svg(&p->pj, NULL, &len);
  return *text != NULL ? OK : CLEAN;
}

static int
op_catalogue_to_json(void *ctx, char **text)
{
  json_t *j = aic_catalogue_to_json(cat);

  (void)ctx;
  if (j == NULL)
    return CLEAN;
  *text = render_json(j);
  json_decref(j);
  return OK;
}

struct compare_ctx {
  json_t *doc;
  struct aic_comparison cmp;
};

static int
op_compare(void *ctx, char **text)
{
  struct compare_ctx *c = ctx;
  struct aic_diags d = AIC_DIAGS_INIT;
  struct aic_scenario *scs = NULL;
  struct aic_plan_choice *plans = NULL;
  struct aic_comparison cmp;
  size_t n = 0;
  int horizon = 0;
  int rc = aic_comparison_request_from_json(c->doc, cat, &scs, &plans, &n, &horizon, &d);

  if (rc < 0) {
    free(scs);
    return CLEAN;
  }
  if (rc != 0) {
    snprintf(why, sizeof why, "request status %d (%s)", rc, d.n > 0 ? d.v[0].detail : "");
    free(plans);
    free(scs);
    return WRONG;
  }
  memset(&cmp, 0, sizeof cmp);
  rc = aic_compare(cat, scs, n, horizon, &cmp, &d);
  cmp.plans = plans;
  if (rc == AIC_E_NOMEM) {
    aic_comparison_release(&cmp);
    free(plans);
    free(scs);
    return CLEAN;
  }
  if (rc != 0) {
    snprintf(why, sizeof why, "aic_compare status %d instead of AIC_E_NOMEM (%s)", rc,
             d.n > 0 ? d.v[0].detail : "");
    aic_comparison_release(&cmp);
    free(plans);
    free(scs);
    return WRONG;
  }
  fa_pause();
  *text = aic_comparison_to_json(&cmp, cat, NULL);
  fa_resume();
  aic_comparison_release(&cmp);
  free(plans);
  free(scs);
  return OK;
}

static int
op_comparison_to_json(void *ctx, char **text)
{
  struct compare_ctx *c = ctx;
  size_t len = 0;

  *text = aic_comparison_to_json(&c->cmp, cat, &len);
  return *text != NULL ? OK : CLEAN;
}

static int
op_comparison_csv(void *ctx, char **text)
{
  struct compare_ctx *c = ctx;
  size_t len = 0;

  *text = aic_comparison_to_csv(&c->cmp, NULL, &len);
  return *text != NULL ? OK : CLEAN;
}

static int
op_comparison_svg(void *ctx, char **text)
{
  struct compare_ctx *c = ctx;
  size_t len = 0;

  *text = aic_comparison_to_svg(&c->cmp, NULL, &len);
  return *text != NULL ? OK : CLEAN;
}

/* ---- set-up helpers (run without injection) ---- */

static json_t *
parse(const char *text)
{
  struct aic_diags d = AIC_DIAGS_INIT;
  json_t *doc;

  if (aic_json_parse(text, strlen(text), &doc, &d) != AIC_OK)
    fail_msg("test scenario does not parse: %s", d.v[0].detail);
  return doc;
}

static void
scenario_ctx_init(struct scenario_ctx *s, const char *text)
{
  struct aic_diags d = AIC_DIAGS_INIT;

  s->doc = parse(text);
  if (aic_scenario_from_json(s->doc, cat, "", &s->sc, &d) != AIC_OK)
    fail_msg("test scenario is invalid: %s %s", d.v[0].pointer, d.v[0].detail);
}

static void
projection_ctx_init(struct projection_ctx *p, struct scenario_ctx *s, const char *text)
{
  struct aic_diags d = AIC_DIAGS_INIT;

  scenario_ctx_init(s, text);
  memset(&p->pj, 0, sizeof p->pj);
  if (aic_project(cat, &s->sc, &p->pj, &d) != AIC_OK)
    fail_msg("test scenario does not project: %s %s", d.v[0].pointer, d.v[0].detail);
  {
    char *t = aic_projection_to_json(&p->pj, cat, NULL);

    p->json = t != NULL ? json_loads(t, 0, NULL) : NULL; /* for aic_json_dump */
    free(t);
  }
}

static void
projection_ctx_free(struct projection_ctx *p, struct scenario_ctx *s)
{
  json_decref(p->json);
  aic_projection_release(&p->pj);
  json_decref(s->doc);
}

/* ---- tests ---- */

/* The catalogue is loaded at start and on every SIGHUP: an allocation
 * failure there must leave no half-built catalogue and no leak. */
static void
catalogue_load(void **state)
{
  (void)state;
  inject("aic_catalogue_load_default", op_catalogue_default, NULL);
}

/* The error path of the loader allocates too (diagnostics, partial trees). */
static void
catalogue_load_broken(void **state)
{
  (void)state;
  inject("aic_catalogue_load (broken)", op_catalogue_broken, NULL);
}

/* GET /v1/catalogue is rendered from this at load. */
static void
catalogue_to_json(void **state)
{
  (void)state;
  inject("aic_catalogue_to_json", op_catalogue_to_json, NULL);
}

/* A valid body must never become a 400 because memory ran out. */
static void
json_parse(void **state)
{
  struct parse_ctx p = { rich };
  /* A \u escape makes the fast path hand the bytes to jansson. */
  struct parse_ctx escaped = { "{\"name\":\"caf\\u00e9 \\u2713\",\"inference\":"
                               "{\"cost_per_request_usd\":0.005},"
                               "\"traffic\":{\"requests_per_day\":5000000}}" };

  (void)state;
  inject("aic_json_parse (fast path)", op_json_parse, &p);
  inject("aic_json_parse (jansson)", op_json_parse, &escaped);
}

/* Validation must report out-of-memory, never a 422, when it cannot allocate. */
static void
scenario_from_json(void **state)
{
  struct scenario_ctx s;

  (void)state;
  scenario_ctx_init(&s, rich);
  inject("aic_scenario_from_json", op_scenario_from_json, &s);
  json_decref(s.doc);
}

/* The projection's series arrays: AIC_E_NOMEM and nothing leaked. */
static void
project(void **state)
{
  struct scenario_ctx s;

  (void)state;
  scenario_ctx_init(&s, rich);
  inject("aic_project (self-hosted, three stages)", op_project, &s);
  json_decref(s.doc);
  scenario_ctx_init(&s, api);
  inject("aic_project (api)", op_project, &s);
  json_decref(s.doc);
}

/* A projection JSON missing a member because json_object_set_new failed
 * would be a wrong answer, not an error. */
static void
projection_to_json(void **state)
{
  struct scenario_ctx s;
  struct projection_ctx p;

  (void)state;
  projection_ctx_init(&p, &s, rich);
  inject("aic_projection_to_json", op_projection_to_json, &p);
  inject("aic_json_dump", op_json_dump, &p);
  inject("aic_projection_to_csv", op_projection_csv, &p);
  inject("aic_projection_to_svg", op_projection_svg, &p);
  projection_ctx_free(&p, &s);
  projection_ctx_init(&p, &s, article);
  inject("aic_projection_to_json (article)", op_projection_to_json, &p);
  projection_ctx_free(&p, &s);
}

/* Comparisons allocate the scenario array, n projections, the ranking and
 * the overtakes. */
static void
compare(void **state)
{
  struct compare_ctx c;
  char text[4096];
  struct aic_diags d = AIC_DIAGS_INIT;
  struct aic_scenario *scs = NULL;
  size_t n = 0;
  int horizon = 0;

  (void)state;
  snprintf(text, sizeof text, "{\"horizon_days\":200,\"scenarios\":[%s,%s,%s]}", article, rich,
           api);
  c.doc = parse(text);
  inject("aic_comparison_request_from_json + aic_compare", op_compare, &c);
  if (aic_comparison_request_from_json(c.doc, cat, &scs, NULL, &n, &horizon, &d) != AIC_OK)
    fail_msg("comparison request invalid");
  memset(&c.cmp, 0, sizeof c.cmp);
  if (aic_compare(cat, scs, n, horizon, &c.cmp, &d) != AIC_OK)
    fail_msg("comparison failed");
  inject("aic_comparison_to_json", op_comparison_to_json, &c);
  inject("aic_comparison_to_csv", op_comparison_csv, &c);
  inject("aic_comparison_to_svg", op_comparison_svg, &c);
  aic_comparison_release(&c.cmp);
  free(scs);
  json_decref(c.doc);
}

/* A comparison whose option names a plan (narrowed to one GPU, so that
 * the attempts stay few): the planner's allocations fail inside the
 * request's reading, which must then be an out-of-memory, never a 422. */
static void
compare_plan(void **state)
{
  struct compare_ctx c;
  char text[4096];

  (void)state;
  snprintf(text, sizeof text,
           "{\"horizon_days\":90,\"scenarios\":[%s,{\"name\":\"plan\",\"plan\":"
           "{\"model\":\"llama-3.1-8b\",\"traffic\":{\"requests_per_day\":100000,"
           "\"input_tokens\":500,\"output_tokens\":200},\"slo\":{\"tpot_ms\":50},"
           "\"constraints\":{\"gpus\":[\"l4\"],\"precisions\":[\"fp8\"]}}}]}",
           article);
  c.doc = parse(text);
  inject("aic_comparison_request_from_json (a plan option) + aic_compare", op_compare, &c);
  json_decref(c.doc);
}

int
main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(catalogue_load),     cmocka_unit_test(catalogue_load_broken),
    cmocka_unit_test(catalogue_to_json),  cmocka_unit_test(json_parse),
    cmocka_unit_test(scenario_from_json), cmocka_unit_test(project),
    cmocka_unit_test(projection_to_json), cmocka_unit_test(compare),
    cmocka_unit_test(compare_plan),
  };
  struct aic_diags d = AIC_DIAGS_INIT;
  struct aic_catalogue *c;

  json_object_seed(0);
  /* aicostd's set-up, so that jansson's block cache is under the injection
   * too (it is drained around each run, below). */
  (void)aic_json_init(AIC_JSON_BLOCK_CACHE);
  c = aic_catalogue_load_default(&d);
  if (c == NULL) {
    fprintf(stderr, "the default catalogue does not load\n");
    return 1;
  }
  cat = c;
  int r = cmocka_run_group_tests(tests, NULL, NULL);

  aic_catalogue_free(c);
  return r;
}
