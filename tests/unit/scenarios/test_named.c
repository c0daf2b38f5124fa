/* Named scenarios (src/scenarios/scenarios_dir.c) and their query overrides
 * (src/scenarios/scenario_overrides.c), against the default catalogue. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "aicost/catalogue_io.h"
#include "aicost/scenarios.h"
#include "page/embedded.h"

static struct aic_catalogue *cat;

static int
setup(void **state)
{
  struct aic_diags d = AIC_DIAGS_INIT;

  (void)state;
  cat = aic_catalogue_load_default(&d);
  return cat == NULL ? -1 : 0;
}

static int
teardown(void **state)
{
  (void)state;
  aic_catalogue_free(cat);
  return 0;
}

static void
print_diags(const struct aic_diags *d)
{
  size_t i;

  for (i = 0; i < d->n; i++)
    print_message("# diag: %s: %s\n", d->v[i].pointer, d->v[i].detail);
}

/* Whether a diag's pointer starts with `prefix` (the whole pointer when
 * `whole`) and its detail contains `detail_part`; prints them all if not. */
static bool
find_diag(const struct aic_diags *d, const char *prefix, bool whole, const char *detail_part)
{
  size_t i;

  for (i = 0; i < d->n; i++) {
    bool at = whole ? strcmp(d->v[i].pointer, prefix) == 0
                    : strncmp(d->v[i].pointer, prefix, strlen(prefix)) == 0;

    if (at && strstr(d->v[i].detail, detail_part) != NULL)
      return true;
  }
  print_diags(d);
  return false;
}

static bool
has_diag(const struct aic_diags *d, const char *pointer, const char *detail_part)
{
  return find_diag(d, pointer, true, detail_part);
}

#define SRC(file, text)                                                                            \
  {                                                                                                \
    file, text, sizeof text - 1                                                                    \
  }

static const char good_yaml[] = "name: Support bot\n"
                                "description: the article's case\n"
                                "inference: {cost_per_request_usd: 0.005}\n"
                                "traffic: {requests_per_day: 5000000}\n";

/* The scenarios shipped in config/scenarios all load against the default
 * catalogue (a catalogue change that breaks one fails here, not in
 * production), sorted by id, each with a name and a description. */
static void
repository_scenarios_load(void **state)
{
  static const char *const ids[] = { "large-model", "self-hosted", "small-model", "support-bot",
                                     "vendor-api" };
  struct aic_diags d = AIC_DIAGS_INIT;
  const char *dir = getenv("AICOST_SCENARIOS_DIR");
  struct aic_scenario_set *s;
  size_t i;

  (void)state;
  assert_non_null(dir);
  s = aic_scenarios_load_dir(dir, cat, &d);
  if (s == NULL)
    print_diags(&d);
  assert_non_null(s);
  assert_int_equal(s->n, sizeof ids / sizeof ids[0]);
  for (i = 0; i < s->n; i++) {
    assert_string_equal(s->v[i].id, ids[i]);
    assert_true(strlen(s->v[i].name) > 0);
    assert_true(strlen(s->v[i].description) > 0);
    assert_int_equal(strlen(s->v[i].hash), 16);
  }
  assert_string_equal(aic_scenarios_find(s, "support-bot")->name,
                      "Support bot (the article's case)");
  aic_scenarios_free(s);
}

/* aicostd embeds config/scenarios as its default set (the list is in
 * src/http/page/meson.build, since meson has no glob): the embedded files
 * must be exactly the folder's, byte for byte, or the served examples would
 * drift from the repository. */
static void
embedded_defaults_match_folder(void **state)
{
  struct aic_diags d = AIC_DIAGS_INIT;
  struct aic_scenario_set *s = aic_scenarios_load_dir(getenv("AICOST_SCENARIOS_DIR"), cat, &d);
  size_t i;

  (void)state;
  assert_non_null(s);
  assert_int_equal(srv_n_default_scenarios, s->n);
  for (i = 0; i < srv_n_default_scenarios; i++) {
    const struct srv_embedded_file *f = &srv_default_scenarios[i];
    char path[512], *bytes;
    size_t n;
    FILE *fp;

    snprintf(path, sizeof path, "%s/%s", getenv("AICOST_SCENARIOS_DIR"), f->filename);
    fp = fopen(path, "rb");
    assert_non_null(fp);
    bytes = malloc(*f->len + 2);
    assert_non_null(bytes);
    n = fread(bytes, 1, *f->len + 1, fp);
    fclose(fp);
    assert_int_equal(n, *f->len);
    assert_memory_equal(bytes, f->text, n);
    free(bytes);
  }
  aic_scenarios_free(s);
}

/* The article's case as a named scenario projects to $25,000 a day. */
static void
support_bot_is_the_article(void **state)
{
  struct aic_diags d = AIC_DIAGS_INIT;
  struct aic_scenario_set *s = aic_scenarios_load_dir(getenv("AICOST_SCENARIOS_DIR"), cat, &d);
  struct aic_scenario sc;
  struct aic_projection pj;

  (void)state;
  assert_non_null(s);
  memset(&pj, 0, sizeof pj);
  assert_int_equal(
    aic_scenario_from_json(aic_scenarios_find(s, "support-bot")->doc, cat, "", &sc, &d), AIC_OK);
  assert_int_equal(aic_project(cat, &sc, &pj, &d), AIC_OK);
  assert_true(pj.daily_usd == 25000);
  assert_true(pj.annual_usd == 9125000);
  aic_projection_release(&pj);
  aic_scenarios_free(s);
}

/* Ids come from file names and end up in URLs: only [a-z0-9][a-z0-9_-]*. */
static void
id_rules(void **state)
{
  static const char *const good[] = { "a", "support-bot", "api_vs_self", "2025-q1", NULL };
  static const char *const bad[] = { "",    "-x",  "_x", "Support", "a b",
                                     "a.b", "a/b", "é",  "%2e",     NULL };
  char long_id[66];
  size_t i;

  (void)state;
  for (i = 0; good[i] != NULL; i++)
    assert_true(aic_scenario_id_valid(good[i]));
  for (i = 0; bad[i] != NULL; i++)
    assert_false(aic_scenario_id_valid(bad[i]));
  memset(long_id, 'a', 65);
  long_id[65] = '\0';
  assert_false(aic_scenario_id_valid(long_id)); /* 65 bytes */
  long_id[64] = '\0';
  assert_true(aic_scenario_id_valid(long_id)); /* 64 bytes */
  assert_false(aic_scenario_id_valid(NULL));
}

/* Every problem of every file is reported at once, each where it is: a
 * bad file name, a YAML syntax error and a bad field by line and column
 * (the field with its key path), a JSON file's field by JSON Pointer; and
 * one bad file fails the whole set (never half a set). */
static void
all_problems_all_or_nothing(void **state)
{
  const struct aic_scenario_source src[] = {
    SRC("dir/good.yaml", good_yaml),
    SRC("dir/Bad Name.yaml", good_yaml),
    SRC("dir/broken.yaml", "name: x\ntraffic: [1,\n"),
    SRC("dir/invalid.yaml",
        "inference: {cost_per_request_usd: 0.005}\ntraffic: {requests_per_day: -5}\n"),
    SRC("dir/unknown-gpu.yml",
        "inference: {self_hosted: {gpu: h100}}\ntraffic: {requests_per_day: 5}\n"),
    SRC(
      "dir/invalid.json",
      "{\"inference\": {\"cost_per_request_usd\": 0.005}, \"traffic\": {\"requests_per_day\": -5}}"),
  };
  struct aic_diags d = AIC_DIAGS_INIT;

  (void)state;
  assert_null(aic_scenarios_load(src, sizeof src / sizeof src[0], cat, &d));
  assert_true(has_diag(&d, "dir/Bad Name.yaml", "lower-case"));
  assert_true(has_diag(&d, "dir/invalid.yaml:2:29",
                       "traffic.requests_per_day: must not be negative (got -5)"));
  assert_true(has_diag(
    &d, "dir/unknown-gpu.yml:1:32",
    "inference.self_hosted.gpu: unknown gpu 'h100'; did you mean 'h100-nvl' or 'h100-sxm'"));
  assert_true(has_diag(&d, "dir/invalid.json#/traffic/requests_per_day", "(got -5)"));
  assert_true(find_diag(&d, "dir/broken.yaml:", false, "")); /* file:line:column */
}

/* A file without a name is named by its id (charts need a title); JSON
 * files load too; the set is sorted by id whatever the input order. */
static void
names_json_and_order(void **state)
{
  const struct aic_scenario_source src[] = {
    SRC(
      "zeta.json",
      "{\"inference\": {\"cost_per_request_usd\": 0.001}, \"traffic\": {\"requests_per_day\": 10}}"),
    SRC("alpha.yaml", good_yaml),
  };
  struct aic_diags d = AIC_DIAGS_INIT;
  struct aic_scenario_set *s = aic_scenarios_load(src, 2, cat, &d);

  (void)state;
  assert_non_null(s);
  assert_int_equal(s->n, 2);
  assert_string_equal(s->v[0].id, "alpha");
  assert_string_equal(s->v[1].id, "zeta");
  assert_string_equal(s->v[1].name, "zeta");
  assert_string_equal(json_string_value(json_object_get(s->v[1].doc, "name")), "zeta");
  assert_string_equal(s->v[1].description, "");
  assert_string_equal(s->v[0].description, "the article's case");
  assert_null(aic_scenarios_find(s, "beta"));
  assert_non_null(aic_scenarios_find(s, "zeta"));
  aic_scenarios_free(s);
}

/* Two files for one id (x.yaml and x.yml) would make the URL ambiguous. */
static void
duplicate_ids(void **state)
{
  const struct aic_scenario_source src[] = { SRC("x.yaml", good_yaml), SRC("x.yml", good_yaml) };
  struct aic_diags d = AIC_DIAGS_INIT;

  (void)state;
  assert_null(aic_scenarios_load(src, 2, cat, &d));
  assert_true(has_diag(&d, "x", "two files"));
}

/* ETags rest on the hashes: the same bytes give the same hash, one changed
 * byte another, and the set's hash follows its members. */
static void
hashes_follow_content(void **state)
{
  const struct aic_scenario_source a[] = { SRC("s.yaml", good_yaml) };
  const struct aic_scenario_source b[] = { SRC("s.yaml",
                                               "name: Support bot\n"
                                               "inference: {cost_per_request_usd: 0.006}\n"
                                               "traffic: {requests_per_day: 5000000}\n") };
  struct aic_diags d = AIC_DIAGS_INIT;
  struct aic_scenario_set *s1 = aic_scenarios_load(a, 1, cat, &d);
  struct aic_scenario_set *s2 = aic_scenarios_load(a, 1, cat, &d);
  struct aic_scenario_set *s3 = aic_scenarios_load(b, 1, cat, &d);

  (void)state;
  assert_non_null(s1);
  assert_non_null(s2);
  assert_non_null(s3);
  assert_string_equal(s1->v[0].hash, s2->v[0].hash);
  assert_string_equal(s1->hash, s2->hash);
  assert_string_not_equal(s1->v[0].hash, s3->v[0].hash);
  assert_string_not_equal(s1->hash, s3->hash);
  aic_scenarios_free(s1);
  aic_scenarios_free(s2);
  aic_scenarios_free(s3);
}

/* A missing directory is an error naming it, not an empty set. */
static void
missing_directory(void **state)
{
  struct aic_diags d = AIC_DIAGS_INIT;

  (void)state;
  assert_null(aic_scenarios_load_dir("/nonexistent/aicost-scenarios", cat, &d));
  assert_true(has_diag(&d, "/nonexistent/aicost-scenarios", "cannot read"));
}

/* Overrides land where the body field lives and are then checked by the
 * same rules as a body: a word where a number goes, an out-of-range value
 * and a fractional horizon each get the field's pointer. */
static void
overrides_validated_like_body(void **state)
{
  struct aic_diags d = AIC_DIAGS_INIT;
  json_t *doc = json_loads("{\"inference\": {\"cost_per_request_usd\": 0.005},"
                           " \"traffic\": {\"requests_per_day\": 5000000}}",
                           0, NULL);
  const struct aic_override ok[] = { { "requests_per_day", "1e6" },
                                     { "monthly_growth", "0.05" },
                                     { "horizon_days", "730" },
                                     { "granularity", "week" } };
  const struct aic_override words[] = { { "requests_per_day", "lots" },
                                        { "monthly_growth", "5%" },
                                        { "horizon_days", "0x10" },
                                        { "colour", "red" } };
  const struct aic_override ranges[] = { { "requests_per_day", "-1" },
                                         { "horizon_days", "30.5" },
                                         { "monthly_growth", "11" } };
  struct aic_scenario sc;
  json_t *o;

  (void)state;
  assert_non_null(doc);
  o = aic_scenario_with_overrides(doc, ok, 4, false, &d);
  assert_non_null(o);
  assert_int_equal(aic_scenario_from_json(o, cat, "", &sc, &d), AIC_OK);
  assert_true(sc.traffic.requests_per_day == 1e6);
  assert_true(sc.traffic.monthly_growth == 0.05);
  assert_int_equal(sc.horizon_days, 730);
  assert_int_equal(sc.granularity, AIC_GRAN_WEEK);
  json_decref(o);
  /* the named scenario itself is never changed */
  assert_true(
    json_number_value(json_object_get(json_object_get(doc, "traffic"), "requests_per_day")) == 5e6);

  aic_diags_reset(&d);
  o = aic_scenario_with_overrides(doc, words, 4, false, &d);
  assert_non_null(o); /* the bad values are left out, so the rest can still be checked */
  assert_true(json_equal(o, doc));
  json_decref(o);
  assert_true(has_diag(&d, "/traffic/requests_per_day", "must be a number"));
  assert_true(has_diag(&d, "/traffic/monthly_growth", "must be a number"));
  assert_true(has_diag(&d, "/horizon_days", "must be a number"));
  assert_true(has_diag(&d, "", "unknown query parameter 'colour'"));
  assert_int_equal(d.n, 4);

  aic_diags_reset(&d);
  o = aic_scenario_with_overrides(doc, ranges, 3, false, &d);
  assert_non_null(o);
  assert_int_equal(aic_scenario_from_json(o, cat, "", &sc, &d), AIC_E_INVALID);
  assert_true(has_diag(&d, "/traffic/requests_per_day", ""));
  assert_true(has_diag(&d, "/horizon_days", ""));
  assert_true(has_diag(&d, "/traffic/monthly_growth", ""));
  json_decref(o);
  json_decref(doc);
}

/* The CLI's --set spells a member by its dotted path; the query keeps
 * its documented names, so a dotted key there is unknown. */
static void
override_dotted_paths(void **state)
{
  struct aic_diags d = AIC_DIAGS_INIT;
  json_t *doc = json_loads("{\"traffic\": {\"requests_per_day\": 1}}", 0, NULL);
  const struct aic_override ov[] = { { "traffic.requests_per_day", "10" } };
  json_t *o = aic_scenario_with_overrides(doc, ov, 1, true, &d);

  (void)state;
  assert_non_null(o);
  assert_int_equal(d.n, 0);
  assert_true(
    json_number_value(json_object_get(json_object_get(o, "traffic"), "requests_per_day")) == 10);
  json_decref(o);
  o = aic_scenario_with_overrides(doc, ov, 1, false, &d);
  assert_true(has_diag(&d, "", "unknown query parameter 'traffic.requests_per_day'"));
  json_decref(o);
  json_decref(doc);
}

/* A scenario with no traffic object (training only) still takes a
 * requests_per_day override: the object is created. */
static void
override_creates_traffic(void **state)
{
  struct aic_diags d = AIC_DIAGS_INIT;
  json_t *doc = json_loads("{\"training\": {\"cost_usd\": 1000}}", 0, NULL);
  const struct aic_override ov[] = { { "requests_per_day", "10" } };
  json_t *o = aic_scenario_with_overrides(doc, ov, 1, false, &d);

  (void)state;
  assert_non_null(o);
  assert_true(
    json_number_value(json_object_get(json_object_get(o, "traffic"), "requests_per_day")) == 10);
  json_decref(o);
  json_decref(doc);
}

int
main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(repository_scenarios_load),
    cmocka_unit_test(embedded_defaults_match_folder),
    cmocka_unit_test(support_bot_is_the_article),
    cmocka_unit_test(id_rules),
    cmocka_unit_test(all_problems_all_or_nothing),
    cmocka_unit_test(names_json_and_order),
    cmocka_unit_test(duplicate_ids),
    cmocka_unit_test(hashes_follow_content),
    cmocka_unit_test(missing_directory),
    cmocka_unit_test(overrides_validated_like_body),
    cmocka_unit_test(override_creates_traffic),
    cmocka_unit_test(override_dotted_paths),
  };

  return cmocka_run_group_tests(tests, setup, teardown);
}
