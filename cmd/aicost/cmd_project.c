/* aicost project FILE|-|NAME, aicost compare FILE|- and aicost plan FILE|-:
 * read a scenario (or a comparison or plan request), JSON or YAML by its
 * content, validate it against the catalogue, project (or plan), print it
 * in one of the output formats of render.h's table (--format; JSON by
 * default, the server's bytes).
 *
 * NAME is a named scenario of --scenarios DIR (default config/scenarios),
 * loaded by the server's loader and changed by --set as the server's
 * GET /v1/scenarios/{id}/projection changes it by its query (one function,
 * aic_scenario_overridden). Every problem goes to stderr: a YAML
 * file's as "file:line:col: key.path: reason", a JSON one's as
 * "pointer: reason". */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "aicost/catalogue_io.h"
#include "aicost/json.h"
#include "cli_io.h"

#define SETS_MAX 32
#define SCENARIOS_DEFAULT "config/scenarios"

struct opts {
  struct cli_common c;
  const char *input;
  const char *scenarios; /* --scenarios DIR */
  bool no_bands;         /* --no-bands: point values only (the API's ?bands=false) */
  size_t n_set;
  struct aic_override set[SETS_MAX + 1]; /* --set PATH=VALUE, and --today as today=DATE */
};

static void
usage(const char *cmd)
{
  if (strcmp(cmd, "project") == 0)
    fprintf(stderr, "usage: aicost project FILE|-|NAME [--scenarios DIR] [--set PATH=VALUE]... "
                    "[--no-bands] " CLI_COMMON_USAGE "\n");
  else
    fprintf(stderr, "usage: aicost %s FILE|- [--no-bands] " CLI_COMMON_USAGE "\n", cmd);
}

/* --set traffic.requests_per_day=5e6: the path and the value, split at
 * the first '=' (the server's query gives them split). */
static int
add_set(const char *cmd, char *arg, struct opts *o)
{
  char *eq = strchr(arg, '=');

  if (eq == NULL || eq == arg) {
    fprintf(stderr,
            "aicost %s: --set takes PATH=VALUE, e.g. traffic.requests_per_day=5e6 "
            "(got '%s')\n",
            cmd, arg);
    return -1;
  }
  if (o->n_set == SETS_MAX) {
    fprintf(stderr, "aicost %s: at most %d --set\n", cmd, SETS_MAX);
    return -1;
  }
  *eq = '\0';
  o->set[o->n_set].key = arg;
  o->set[o->n_set].value = eq + 1;
  o->n_set++;
  return 0;
}

static int
parse_opts(const char *cmd, int argc, char **argv, struct opts *o)
{
  bool named = strcmp(cmd, "project") == 0;

  memset(o, 0, sizeof *o);
  cli_common_init(&o->c);
  for (int i = 1; i < argc; i++) {
    char *a = argv[i];
    int r = cli_common_option(cmd, argc, argv, &i, &o->c);

    if (r < 0)
      return -1;
    if (r > 0)
      continue;
    if (strcmp(a, "--no-bands") == 0) {
      o->no_bands = true;
    } else if (named && strcmp(a, "--set") == 0 && i + 1 < argc) {
      if (add_set(cmd, argv[++i], o) != 0)
        return -1;
    } else if (named && strncmp(a, "--set=", 6) == 0) {
      if (add_set(cmd, a + 6, o) != 0)
        return -1;
    } else if (named && strcmp(a, "--scenarios") == 0 && i + 1 < argc) {
      o->scenarios = argv[++i];
    } else if (named && strncmp(a, "--scenarios=", 12) == 0) {
      o->scenarios = a + 12;
    } else if (strcmp(a, "-") == 0 || a[0] != '-') {
      if (o->input) {
        fprintf(stderr, "aicost %s: one input file only (got '%s' and '%s')\n", cmd, o->input, a);
        return -1;
      }
      o->input = a;
    } else {
      fprintf(stderr, "aicost %s: unknown option '%s'\n", cmd, a);
      return -1;
    }
  }
  if (!o->input) {
    usage(cmd);
    return -1;
  }
  if (o->c.today != NULL) { /* the scenario's own `today`, checked like one */
    o->set[o->n_set].key = "today";
    o->set[o->n_set].value = o->c.today;
    o->n_set++;
  }
  return cli_output_check(cmd, &o->c.out);
}

/* NAME rather than a file: no '/', no '.', no such file, and an id. */
static bool
is_name(const char *input)
{
  struct stat st;

  return strcmp(input, "-") != 0 && strchr(input, '/') == NULL && strchr(input, '.') == NULL &&
         stat(input, &st) != 0 && aic_scenario_id_valid(input);
}

/* The named scenario NAME of dir, by the server's loader; NULL with the
 * problems printed. */
static struct aic_scenario_set *
load_named(const char *dir, const char *name, const struct aic_catalogue *cat, int *status)
{
  struct aic_scenario_source src = { 0 };
  struct aic_scenario_set *set = NULL;
  struct aic_diags errors;
  char path[4096];
  char *text;

  if (!aic_scenario_file(dir, name, path, sizeof path)) {
    fprintf(stderr, "aicost project: no file '%s', and no scenario %s/%s.yaml (.yml, .json)\n",
            name, dir, name);
    *status = CLI_INVALID;
    return NULL;
  }
  text = cli_read_bytes(path, &src.len, status);
  if (text == NULL)
    return NULL;
  src.filename = path;
  src.text = text;
  aic_diags_init(&errors);
  set = aic_scenarios_load(&src, 1, cat, &errors);
  free(text);
  if (set == NULL) {
    cli_print_diags("", &errors);
    *status = CLI_INVALID;
  }
  return set;
}

/* The rendered answer in the currency asked for (render_currency.c, the
 * server's rule): the bytes converted in place, or the exit status of a
 * format that cannot be (the SVG draws dollars) with the reason printed. */
static int
in_currency(const char *cmd, const struct cli_output *out, const struct aic_catalogue *cat,
            const char *currency, char **text, size_t *len)
{
  const struct aic_fx_rate *fx = currency != NULL ? aic_catalogue_fx(cat, currency) : NULL;
  int rc = *text != NULL ? aic_render_in_currency(out->format->name, text, len, fx) : AIC_OK;

  if (rc == AIC_E_INVALID) {
    fprintf(stderr,
            "aicost %s: /currency: the %s format shows US dollars only; use --format json "
            "or csv to have %s\n",
            cmd, out->format->name, currency);
    free(*text);
    *text = NULL;
    return CLI_INVALID;
  }
  return CLI_OK; /* out of memory leaves *text NULL: cli_emit says so */
}

int
cmd_project(int argc, char **argv)
{
  struct aic_scenario_set *set = NULL;
  struct aic_catalogue *cat = NULL;
  struct aic_source src = { 0 };
  struct aic_diags errors, core;
  struct aic_scenario sc;
  struct aic_projection pj;
  json_t *doc = NULL;
  struct opts o;
  char *text;
  size_t len = 0;
  int status = CLI_INVALID, rc;

  memset(&pj, 0, sizeof pj);
  aic_diags_init(&errors);
  aic_diags_init(&core);
  if (parse_opts("project", argc, argv, &o) != 0)
    return CLI_INVALID;
  if (!is_name(o.input)) {
    status = cli_read_source(o.input, &src);
    if (status != CLI_OK)
      return status;
  }
  cat = cli_load_catalogue(catalogue_opt_list(&o.c.catalogue), &status);
  if (cat == NULL)
    goto out;
  if (is_name(o.input)) {
    set = load_named(o.scenarios != NULL ? o.scenarios : SCENARIOS_DEFAULT, o.input, cat, &status);
    if (set == NULL)
      goto out;
    rc = aic_scenario_overridden(set->v[0].doc, o.set, o.n_set, true, cat, &sc, &doc, &errors);
  } else {
    /* the file as written first, its problems where they are */
    rc = aic_source_scenario(&src, cat, &sc, &errors);
    if (rc == AIC_OK && o.n_set > 0)
      rc = aic_scenario_overridden(src.doc, o.set, o.n_set, true, cat, &sc, &doc, &errors);
  }
  if (rc == AIC_OK) {
    rc = aic_project(cat, &sc, &pj, &core);
    if (rc == AIC_OK && !o.no_bands)
      rc = aic_project_bands(cat, &sc, &pj, &core);
    if (doc == NULL)
      aic_source_place(&src, &core, &errors);
    else
      errors = core;
  }
  if (rc != AIC_OK) {
    status = cli_fail_status(rc, &errors);
    goto out;
  }
  cli_print_diags("warning: ", &pj.warnings);
  text = o.c.out.format->projection(&pj, cat, &len);
  status = in_currency("project", &o.c.out, cat, sc.currency, &text, &len);
  if (status == CLI_OK)
    status = cli_emit(&o.c.out, text, len);
out:
  aic_projection_release(&pj);
  json_decref(doc);
  aic_scenarios_free(set);
  aic_source_release(&src);
  aic_catalogue_free(cat);
  return status;
}

/* A comparison's or a plan's document and the catalogue. --today becomes the
 * document's own `today` (a comparison's overrides its options'), so that it
 * is checked and reported like one: /today. */
static int
read_document(const struct opts *o, struct aic_source *src, struct aic_catalogue **cat)
{
  int status = cli_read_source(o->input, src);

  if (status != CLI_OK)
    return status;
  if (o->c.today != NULL && json_is_object(src->doc) &&
      json_object_set_new(src->doc, "today", json_string(o->c.today)) != 0)
    return CLI_INTERNAL;
  *cat = cli_load_catalogue(catalogue_opt_list(&o->c.catalogue), &status);
  return *cat == NULL ? status : CLI_OK;
}

int
cmd_compare(int argc, char **argv)
{
  struct aic_scenario *scenarios = NULL;
  struct aic_plan_choice *plans = NULL;
  struct aic_catalogue *cat = NULL;
  struct aic_comparison cmp;
  struct aic_source src = { 0 };
  struct aic_diags errors, core;
  struct opts o;
  size_t n = 0, len = 0;
  char *text;
  int horizon = AIC_HORIZON_DEFAULT;
  int status, rc;

  memset(&cmp, 0, sizeof cmp);
  aic_diags_init(&errors);
  aic_diags_init(&core);
  if (parse_opts("compare", argc, argv, &o) != 0)
    return CLI_INVALID;
  status = read_document(&o, &src, &cat);
  if (status != CLI_OK)
    goto out;
  rc = aic_source_comparison(&src, cat, &scenarios, &plans, &n, &horizon, &errors);
  if (rc == AIC_OK) {
    rc = aic_compare(cat, scenarios, n, horizon, &cmp, &core);
    cmp.plans = plans; /* what the options that name a plan chose */
    if (rc == AIC_OK && !o.no_bands)
      rc = aic_comparison_bands(cat, scenarios, n, &cmp, &core);
    aic_source_place(&src, &core, &errors);
  }
  if (rc != AIC_OK) {
    status = cli_fail_status(rc, &errors);
    goto out;
  }
  for (size_t i = 0; i < cmp.n; i++) {
    char prefix[48];

    snprintf(prefix, sizeof prefix, "warning: option %zu: ", i);
    cli_print_diags(prefix, &cmp.projections[i].warnings);
  }
  text = o.c.out.format->comparison(&cmp, cat, &len);
  status = in_currency("compare", &o.c.out, cat, n > 0 ? scenarios[0].currency : NULL, &text, &len);
  if (status == CLI_OK)
    status = cli_emit(&o.c.out, text, len);
out:
  aic_comparison_release(&cmp);
  free(plans);
  free(scenarios);
  aic_source_release(&src);
  aic_catalogue_free(cat);
  return status;
}

int
cmd_plan(int argc, char **argv)
{
  struct aic_plan_request rq;
  struct aic_plan_result plan;
  struct aic_catalogue *cat = NULL;
  struct aic_source src = { 0 };
  struct aic_diags errors, core;
  struct opts o;
  size_t len = 0;
  char *text;
  int status, rc;

  aic_plan_request_init(&rq);
  memset(&plan, 0, sizeof plan);
  aic_diags_init(&errors);
  aic_diags_init(&core);
  if (parse_opts("plan", argc, argv, &o) != 0)
    return CLI_INVALID;
  status = read_document(&o, &src, &cat);
  if (status != CLI_OK)
    goto out;
  rc = aic_source_plan(&src, cat, &rq, &errors);
  rq.bands = !o.no_bands;
  if (rc == AIC_OK)
    rc = aic_plan(cat, &rq, &plan, &core);
  aic_source_place(&src, &core, &errors);
  if (rc != AIC_OK) {
    status = cli_fail_status(rc, &errors);
    goto out;
  }
  if (plan.projected)
    cli_print_diags("warning: best plan: ", &plan.projection.warnings);
  text = o.c.out.format->plan(&plan, cat, &len);
  status = in_currency("plan", &o.c.out, cat, rq.base.currency, &text, &len);
  if (status == CLI_OK)
    status = cli_emit(&o.c.out, text, len);
out:
  aic_plan_release(&plan);
  aic_plan_request_release(&rq);
  aic_source_release(&src);
  aic_catalogue_free(cat);
  return status;
}
