/* The cost gauges on /metrics against the real aicostd with 50 named
 * scenarios: one sample per scenario and family, the same numbers as the
 * scenario's projection, budgets, promtool's checks, a reload that
 * recomputes them, and scrapes that only copy them (the server's own
 * latency histogram is reported, never asserted: speed belongs to bench/). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <ctype.h>
#include <jansson.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"

#define N_SCENARIOS 50

static struct server srv;
static char dir[256];

/* Scenario i: $500 of training, 1000·(i+1) requests a day at a cent.
 * s00's budget ($1000) runs out on day 51 (500 + 10·51 > 1000, and day 50
 * is exactly 1000, not over); s01's lasts the horizon. */
static bool
write_scenario(int i, double requests_per_day)
{
  char path[512], text[512];
  const char *budget = i == 0 ? ",\"budget_usd\":1000" : i == 1 ? ",\"budget_usd\":1e9" : "";
  int n;

  snprintf(path, sizeof path, "%s/s%02d.json", dir, i);
  n = snprintf(text, sizeof text,
               "{\"training\":{\"cost_usd\":500},\"inference\":{\"cost_per_request_usd\":0.01},"
               "\"traffic\":{\"requests_per_day\":%.17g}%s}",
               requests_per_day, budget);
  return n > 0 && write_file(path, text, (size_t)n);
}

static int
setup(void **state)
{
  const char *args[] = { "--scenarios", dir, NULL };

  (void)state;
  snprintf(dir, sizeof dir, "/tmp/aicost-gauges-XXXXXX");
  if (mkdtemp(dir) == NULL)
    return -1;
  for (int i = 0; i < N_SCENARIOS; i++)
    if (!write_scenario(i, 1000.0 * (i + 1)))
      return -1;
  return http_group_start(&srv, args);
}

static int
teardown(void **state)
{
  char path[512];
  int r;

  (void)state;
  r = http_group_stop(&srv);
  for (int i = 0; i < N_SCENARIOS; i++) {
    snprintf(path, sizeof path, "%s/s%02d.json", dir, i);
    unlink(path);
  }
  rmdir(dir);
  return r;
}

static char *
scrape(void)
{
  struct http_resp r;
  char *text;

  assert_true(http_get(&srv, "/metrics", NULL, &r));
  assert_int_equal(r.status, 200);
  text = strdup(r.body);
  http_resp_free(&r);
  assert_non_null(text);
  return text;
}

/* Lines of `text` that start with `prefix`. */
static size_t
count_lines(const char *text, const char *prefix)
{
  size_t n = 0, len = strlen(prefix);

  for (const char *p = text; p != NULL && *p != '\0'; p = strchr(p, '\n'), p = p ? p + 1 : p)
    if (strncmp(p, prefix, len) == 0)
      n++;
  return n;
}

/* Every scenario has its four figures; the crossover (day 50 or sooner, as
 * training is $500 against at least $10 a day) is within the horizon. */
static void
test_one_sample_per_scenario(void **state)
{
  static const char *const always[] = { "aicost_scenario_daily_usd{",
                                        "aicost_scenario_horizon_total_usd{",
                                        "aicost_scenario_fully_loaded_cost_per_request_usd{",
                                        "aicost_scenario_crossover_day{" };
  char *text = scrape();

  (void)state;
  for (size_t i = 0; i < sizeof always / sizeof always[0]; i++)
    assert_int_equal(count_lines(text, always[i]), N_SCENARIOS);
  /* only the two scenarios with a budget have one */
  assert_int_equal(count_lines(text, "aicost_scenario_budget_usd{"), 2);
  /* a price per request runs on no GPUs of ours: energy and emissions are
   * unknown, so no sample (never a made-up 0), but the families are declared */
  assert_int_equal(count_lines(text, "aicost_scenario_daily_kwh{"), 0);
  assert_int_equal(count_lines(text, "aicost_scenario_annual_tco2e{"), 0);
  assert_non_null(strstr(text, "# TYPE aicost_scenario_daily_kwh gauge\n"));
  assert_non_null(strstr(text, "# TYPE aicost_scenario_annual_tco2e gauge\n"));
  free(text);
}

/* The gauges are the projection's own numbers (one home for each figure). */
static void
test_same_numbers_as_the_projection(void **state)
{
  struct http_resp r;
  json_t *j;
  char *text = scrape();

  (void)state;
  assert_true(http_get(&srv, "/v1/scenarios/s07/projection", "/v1/scenarios/{id}/projection", &r));
  assert_int_equal(r.status, 200);
  j = http_body_json(&r);
  assert_float_equal(
    metric_value(text, "aicost_scenario_daily_usd{scenario=\"s07\"}"),
    json_number_value(json_object_get(json_object_get(j, "inference"), "daily_usd")), 0);
  assert_float_equal(
    metric_value(text, "aicost_scenario_horizon_total_usd{scenario=\"s07\"}"),
    json_number_value(json_object_get(json_object_get(j, "projection"), "total_usd")), 0);
  assert_float_equal(
    metric_value(text, "aicost_scenario_crossover_day{scenario=\"s07\"}"),
    json_number_value(json_object_get(json_object_get(j, "projection"), "crossover_day")), 0);
  /* s07: 8000 requests at a cent is $80 a day; 500 / 80 = 6.25, so day 7 */
  assert_float_equal(metric_value(text, "aicost_scenario_crossover_day{scenario=\"s07\"}"), 7, 0);
  json_decref(j);
  http_resp_free(&r);
  free(text);
}

/* s00's $1000 runs out on day 51; s01's $1e9 lasts: its budget is shown,
 * the day it runs out is absent rather than a made-up number. */
static void
test_budgets(void **state)
{
  char *text = scrape();

  (void)state;
  assert_float_equal(metric_value(text, "aicost_scenario_budget_usd{scenario=\"s00\"}"), 1000, 0);
  assert_float_equal(metric_value(text, "aicost_scenario_budget_exhausted_day{scenario=\"s00\"}"),
                     51, 0);
  assert_float_equal(metric_value(text, "aicost_scenario_budget_usd{scenario=\"s01\"}"), 1e9, 0);
  assert_float_equal(metric_value(text, "aicost_scenario_budget_exhausted_day{scenario=\"s01\"}"),
                     -1, 0);
  assert_float_equal(metric_value(text, "aicost_scenario_budget_usd{scenario=\"s02\"}"), -1, 0);
  free(text);
}

/* The exposition with every gauge present passes promtool's checks (when
 * promtool is installed; CI installs it). */
static void
test_promtool_clean(void **state)
{
  const char *promtool = getenv("AICOST_PROMTOOL");
  char path[512], cmd[1200];
  char *text;

  (void)state;
  if (promtool == NULL || promtool[0] == '\0') {
    if (getenv("CI") != NULL)
      fail_msg("promtool is missing");
    skip();
  }
  text = scrape();
  snprintf(path, sizeof path, "%s/metrics.txt", dir);
  assert_true(write_file(path, text, strlen(text)));
  snprintf(cmd, sizeof cmd, "'%s' check metrics < '%s'", promtool, path);
  assert_int_equal(system(cmd), 0);
  unlink(path);
  free(text);
}

/* The cost gauges are rendered once per load: 20 scrapes give the same
 * bytes for them. The server's own histogram says how many of the scrapes
 * took under 1 ms (reported for docs/benchmarks.md, not asserted). */
static void
test_scrapes_copy_the_cached_gauges(void **state)
{
  char *first = scrape();
  char *from = strstr(first, "# HELP aicost_scenario_");
  char *end = strstr(first, "# HELP aicost_http_connections_open");
  char *text;

  (void)state;
  assert_non_null(from);
  assert_non_null(end);
  *end = '\0'; /* the gauges' block: from the first family to the next metric */
  for (int i = 0; i < 20; i++) {
    text = scrape();
    assert_non_null(strstr(text, from));
    free(text);
  }
  text = scrape();
  print_message("# /metrics with %d named scenarios: %.0f of %.0f scrapes under 1 ms "
                "(server-measured)\n",
                N_SCENARIOS,
                metric_value(text, "aicost_http_request_duration_seconds_bucket{method=\"GET\","
                                   "route=\"/metrics\",le=\"0.001\"}"),
                metric_value(text, "aicost_http_request_duration_seconds_count{method=\"GET\","
                                   "route=\"/metrics\"}"));
  free(text);
  free(first);
}

/* Every aicost_* and process_* name in `text` (a PromQL expression, or a
 * whole file) is a family of `metrics`; returns how many names were seen. */
static size_t
names_exist(const char *text, const char *metrics, const char *where)
{
  size_t seen = 0;

  for (const char *p = text; *p != '\0'; p++) {
    char name[128], type_line[160];
    size_t n = 0;

    if (p > text && (isalnum((unsigned char)p[-1]) || p[-1] == '_' || p[-1] == ':' ||
                     p[-1] == '$' || p[-1] == '.'))
      continue;
    if (strncmp(p, "aicost_", 7) != 0 && strncmp(p, "process_", 8) != 0)
      continue;
    while ((isalnum((unsigned char)p[n]) || p[n] == '_') && n < sizeof name - 1) {
      name[n] = p[n];
      n++;
    }
    name[n] = '\0';
    snprintf(type_line, sizeof type_line, "# TYPE %s ", name);
    if (strstr(metrics, type_line) == NULL)
      fail_msg("%s names %s, which /metrics does not have", where, name);
    seen++;
    p += n - 1;
  }
  return seen;
}

/* Collects the PromQL of a Grafana dashboard: targets' "expr" and the
 * variables' queries, anywhere in the document. */
static void
dashboard_queries(const json_t *j, json_t *out)
{
  const char *key;
  json_t *v;
  size_t i;

  if (json_is_array(j))
    json_array_foreach(j, i, v) dashboard_queries(v, out);
  if (!json_is_object(j))
    return;
  json_object_foreach((json_t *)j, key, v)
  {
    if ((strcmp(key, "expr") == 0 || strcmp(key, "query") == 0 || strcmp(key, "definition") == 0) &&
        json_is_string(v))
      json_array_append(out, v);
    else
      dashboard_queries(v, out);
  }
}

/* The Grafana dashboard and the alert rules of docs/examples ask only for
 * series this server exports (and the dashboard parses as JSON). */
static void
test_examples_use_exported_names(void **state)
{
  json_t *dash, *queries = json_array(), *q;
  char *metrics = scrape(), *rules, *text;
  size_t len, i, seen = 0;

  (void)state;
  text = read_source_file("docs/examples/grafana-dashboard.json", &len);
  assert_non_null(text);
  dash = json_loadb(text, len, 0, NULL);
  free(text);
  assert_non_null(dash);
  dashboard_queries(json_object_get(dash, "panels"), queries);
  dashboard_queries(json_object_get(dash, "templating"), queries);
  json_array_foreach(queries, i, q)
    seen += names_exist(json_string_value(q), metrics, "the dashboard");
  /* six panels and two variables name at least ten series */
  assert_true(seen >= 10);
  rules = read_source_file("docs/examples/prometheus-alerts.yaml", &len);
  assert_non_null(rules);
  assert_true(names_exist(rules, metrics, "the alert rules") >= 3);
  free(rules);
  json_decref(queries);
  json_decref(dash);
  free(metrics);
}

/* The standard process metrics describe this server: it started within
 * the last hour (the clock is only compared, never asserted against a
 * duration), holds its listening socket and a few more, and has resident
 * memory and some CPU time. */
static void
test_process_metrics(void **state)
{
  char *text = scrape();
  double start = metric_value(text, "process_start_time_seconds");
  double now = (double)time(NULL);

  (void)state;
  assert_true(start > now - 3600 && start <= now + 1);
  assert_true(metric_value(text, "process_open_fds") >= 1);
  assert_true(metric_value(text, "process_max_fds") >= metric_value(text, "process_open_fds"));
  assert_true(metric_value(text, "process_resident_memory_bytes") > 0);
  assert_true(metric_value(text, "process_cpu_seconds_total") >= 0);
  free(text);
}

/* A reload (SIGHUP) recomputes them: s01 doubled to 4000 requests a day
 * costs $40 a day. */
static void
test_reload_recomputes(void **state)
{
  double daily = -1;

  (void)state;
  assert_true(write_scenario(1, 4000));
  server_signal(&srv, SIGHUP);
  for (int i = 0; i < 200 && daily != 40; i++) {
    char *text = scrape();

    daily = metric_value(text, "aicost_scenario_daily_usd{scenario=\"s01\"}");
    free(text);
    if (daily != 40)
      nanosleep(&(struct timespec){ 0, 50000000 }, NULL);
  }
  assert_float_equal(daily, 40, 0);
}

int
main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_one_sample_per_scenario),
    cmocka_unit_test(test_same_numbers_as_the_projection),
    cmocka_unit_test(test_budgets),
    cmocka_unit_test(test_promtool_clean),
    cmocka_unit_test(test_scrapes_copy_the_cached_gauges),
    cmocka_unit_test(test_examples_use_exported_names),
    cmocka_unit_test(test_process_metrics),
    cmocka_unit_test(test_reload_recomputes),
    cmocka_unit_test(test_responses_match_openapi),
  };

  return cmocka_run_group_tests_name("gauges", tests, setup, teardown);
}
