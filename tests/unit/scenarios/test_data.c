/* The data folders (tests/data/README.md describes the format):
 *   invalid/<case>.json + <case>.expect: the status and every problem, by
 *     pointer and a fragment of its detail, nothing more and nothing less;
 *   scenarios/<case>.json + <case>.expect: valid scenarios projected through
 *     the core, with key numbers of the projection JSON asserted.
 * Files named compare-*.json are comparison requests. The catalogue is the
 * fixed one in testcat.c, so that re-pricing config/catalogue.yaml does not
 * move these expectations. */
#include <dirent.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "aicost/json.h"
#include "aicost/render.h"
#include "aicost/scenarios.h"
#include "testcat.h"
#include "testfiles.h"

static const char *data_dir;

/* Case names (stems of *.json) in a folder, sorted. */
static size_t
list_cases(const char *dir, char names[][128], size_t max)
{
  DIR *d = opendir(dir);
  struct dirent *e;
  size_t n = 0;

  if (!d)
    fail_msg("cannot open %s", dir);
  while ((e = readdir(d)) != NULL && n < max) {
    size_t l = strlen(e->d_name);

    if (l > 5 && l < 128 && strcmp(e->d_name + l - 5, ".json") == 0) {
      memcpy(names[n], e->d_name, l - 5);
      names[n][l - 5] = '\0';
      n++;
    }
  }
  closedir(d);
  qsort(names, n, sizeof names[0], (int (*)(const void *, const void *))strcmp);
  return n;
}

static bool
is_comparison(const char *name)
{
  return strncmp(name, "compare-", 8) == 0;
}

/* Parses and validates like the HTTP layer does: 400, 422 or 0. */
static int
validate(const char *name, const char *text, size_t len, json_t **doc, struct aic_scenario **sc,
         struct aic_plan_choice **plans, size_t *n, int *horizon, struct aic_diags *d)
{
  int rc;

  if (aic_json_parse(text, len, doc, d) != AIC_OK)
    return 400;
  if (is_comparison(name)) {
    rc = aic_comparison_request_from_json(*doc, testcat(), sc, plans, n, horizon, d);
  } else {
    *sc = calloc(1, sizeof **sc);
    *n = 1;
    rc = aic_scenario_from_json(*doc, testcat(), "", *sc, d);
  }
  return rc == AIC_OK ? 0 : rc == AIC_E_INVALID ? 422 : 500;
}

/* The next line of a buffer, cut in place; NULL at the end. */
static char *
next_line(char **cursor)
{
  char *s = *cursor, *nl;

  if (!*s)
    return NULL;
  nl = strchr(s, '\n');
  if (nl) {
    *nl = '\0';
    *cursor = nl + 1;
  } else {
    *cursor = s + strlen(s);
  }
  return s;
}

/* Splits "word rest" in place. */
static char *
split(char *s)
{
  char *sp = strchr(s, ' ');

  if (!sp)
    return s + strlen(s);
  *sp = '\0';
  return sp + 1;
}

static void
run_invalid(const char *name, size_t *checked)
{
  char path[512], *text, *expect, *save = NULL;
  size_t len, elen;
  json_t *doc = NULL;
  struct aic_scenario *sc = NULL;
  struct aic_plan_choice *plans = NULL;
  struct aic_diags d = AIC_DIAGS_INIT;
  size_t n = 0, n_errors = 0;
  bool used[AIC_DIAG_MAX] = { false };
  int horizon = 0, status, want_status = -1;

  snprintf(path, sizeof path, "%s/invalid/%s.json", data_dir, name);
  text = testfile_read(path, &len);
  snprintf(path, sizeof path, "%s/invalid/%s.expect", data_dir, name);
  expect = testfile_read(path, &elen);
  if (!text || !expect)
    fail_msg("%s: missing .json or .expect", name);
  status = validate(name, text, len, &doc, &sc, &plans, &n, &horizon, &d);
  save = expect;
  for (char *line = next_line(&save); line; line = next_line(&save)) {
    char *rest = split(line), *fragment;
    bool found = false;

    if (line[0] == '#' || line[0] == '\0')
      continue;
    if (strcmp(line, "status") == 0) {
      want_status = (int)strtol(rest, NULL, 10);
      continue;
    }
    /* for tests/contract/schemas.mjs: JSON Schema cannot catch this case */
    if (strcmp(line, "schema-valid") == 0)
      continue;
    if (strcmp(line, "error") != 0)
      fail_msg("%s.expect: unknown directive '%s'", name, line);
    fragment = split(rest);
    if (strcmp(rest, "\"\"") == 0)
      rest[0] = '\0';
    n_errors++;
    for (size_t i = 0; i < d.n && !found; i++) {
      if (!used[i] && strcmp(d.v[i].pointer, rest) == 0 && strstr(d.v[i].detail, fragment)) {
        used[i] = true;
        found = true;
      }
    }
    if (!found) {
      for (size_t i = 0; i < d.n; i++)
        print_message("#   got %s: %s\n", d.v[i].pointer, d.v[i].detail);
      fail_msg("%s: no problem at '%s' containing '%s'", name, rest, fragment);
    }
  }
  if (want_status != status)
    fail_msg("%s: status %d, expected %d", name, status, want_status);
  if (n_errors != d.n + d.dropped) {
    for (size_t i = 0; i < d.n; i++)
      print_message("#   got %s: %s\n", d.v[i].pointer, d.v[i].detail);
    fail_msg("%s: %zu problems reported, %zu expected", name, d.n + d.dropped, n_errors);
  }
  json_decref(doc);
  free(sc);
  free(plans);
  free(text);
  free(expect);
  (*checked)++;
}

/* Every invalid case gives its status and exactly its problems. */
static void
test_invalid(void **state)
{
  static char names[512][128];
  char dir[512];
  size_t n, checked = 0;

  (void)state;
  snprintf(dir, sizeof dir, "%s/invalid", data_dir);
  n = list_cases(dir, names, 512);
  for (size_t i = 0; i < n; i++)
    run_invalid(names[i], &checked);
  /* guards against an empty or unreadable folder passing silently */
  assert_true(checked >= 40);
  print_message("# %zu invalid cases checked\n", checked);
}

/* RFC 6901 lookup in a projection. */
static json_t *
at_pointer(json_t *j, const char *ptr)
{
  char tok[128];

  while (j && *ptr == '/') {
    size_t k = 0;

    ptr++;
    while (*ptr && *ptr != '/' && k + 1 < sizeof tok) {
      if (ptr[0] == '~' && ptr[1] == '1') {
        tok[k++] = '/';
        ptr += 2;
      } else if (ptr[0] == '~' && ptr[1] == '0') {
        tok[k++] = '~';
        ptr += 2;
      } else {
        tok[k++] = *ptr++;
      }
    }
    tok[k] = '\0';
    j = json_is_array(j) ? json_array_get(j, strtoul(tok, NULL, 10)) : json_object_get(j, tok);
  }
  return j;
}

static void
run_scenario(const char *name, size_t *checked, size_t *asserted)
{
  char path[512], *text, *expect, *out_text, *save = NULL;
  size_t len, elen, n = 0;
  json_t *doc = NULL, *out = NULL;
  struct aic_scenario *sc = NULL;
  struct aic_plan_choice *plans = NULL;
  struct aic_diags d = AIC_DIAGS_INIT;
  struct aic_projection pj = { 0 };
  struct aic_comparison cmp = { 0 };
  int horizon = 0, status, rc;

  snprintf(path, sizeof path, "%s/scenarios/%s.json", data_dir, name);
  text = testfile_read(path, &len);
  snprintf(path, sizeof path, "%s/scenarios/%s.expect", data_dir, name);
  expect = testfile_read(path, &elen);
  if (!text || !expect)
    fail_msg("%s: missing .json or .expect", name);
  status = validate(name, text, len, &doc, &sc, &plans, &n, &horizon, &d);
  if (status != 0)
    fail_msg("%s: invalid (%d): %s: %s", name, status, d.n ? d.v[0].pointer : "",
             d.n ? d.v[0].detail : "");
  if (is_comparison(name)) {
    rc = aic_compare(testcat(), sc, n, horizon, &cmp, &d);
    cmp.plans = plans; /* what the options that name a plan chose */
    if (rc == AIC_OK)  /* as the API answers: with bands */
      rc = aic_comparison_bands(testcat(), sc, n, &cmp, &d);
    out_text = rc == AIC_OK ? aic_comparison_to_json(&cmp, testcat(), NULL) : NULL;
  } else {
    rc = aic_project(testcat(), sc, &pj, &d);
    if (rc == AIC_OK)
      rc = aic_project_bands(testcat(), sc, &pj, &d);
    out_text = rc == AIC_OK ? aic_projection_to_json(&pj, testcat(), NULL) : NULL;
  }
  /* the text as the API sends it, parsed to look members up by pointer */
  out = out_text != NULL ? json_loads(out_text, JSON_REJECT_DUPLICATES, NULL) : NULL;
  free(out_text);
  if (!out)
    fail_msg("%s: projection failed (%d): %s: %s", name, rc, d.n ? d.v[0].pointer : "",
             d.n ? d.v[0].detail : "");
  save = expect;
  for (char *line = next_line(&save); line; line = next_line(&save)) {
    char *rest = split(line), *want = split(rest), *got_text;
    json_t *got;

    if (line[0] == '#' || line[0] == '\0')
      continue;
    got = at_pointer(out, rest);
    if (!got)
      fail_msg("%s: no member at %s", name, rest);
    got_text = aic_json_dump(got, 0);
    if (strcmp(line, "value") == 0) {
      /* the printed text: pins the number format too */
      if (strcmp(got_text, want) != 0)
        fail_msg("%s: %s is %s, expected %s", name, rest, got_text, want);
    } else if (strcmp(line, "approx") == 0) {
      char *tol_text = split(want);
      double w = strtod(want, NULL), tol = strtod(tol_text, NULL), g = json_number_value(got);

      if (!json_is_number(got) || fabs(g - w) > tol * fabs(w))
        fail_msg("%s: %s is %s, expected %s within %s (relative)", name, rest, got_text, want,
                 tol_text);
    } else if (strcmp(line, "nonnull") == 0) {
      if (json_is_null(got))
        fail_msg("%s: %s is null", name, rest);
    } else {
      fail_msg("%s.expect: unknown directive '%s'", name, line);
    }
    free(got_text);
    (*asserted)++;
  }
  json_decref(out);
  aic_projection_release(&pj);
  aic_comparison_release(&cmp);
  json_decref(doc);
  free(sc);
  free(plans);
  free(text);
  free(expect);
  (*checked)++;
}

/* Every valid scenario projects and its key numbers are as hand-computed. */
static void
test_scenarios(void **state)
{
  static char names[128][128];
  char dir[512];
  size_t n, checked = 0, asserted = 0;

  (void)state;
  snprintf(dir, sizeof dir, "%s/scenarios", data_dir);
  n = list_cases(dir, names, 128);
  for (size_t i = 0; i < n; i++)
    run_scenario(names[i], &checked, &asserted);
  assert_true(checked >= 5);
  assert_true(asserted >= checked * 3);
  print_message("# %zu scenarios, %zu values checked\n", checked, asserted);
}

int
main(int argc, char **argv)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_invalid),
    cmocka_unit_test(test_scenarios),
  };

  data_dir = argc > 1 ? argv[1] : "tests/data";
  return cmocka_run_group_tests(tests, NULL, NULL);
}
