/* The dashboard routes against the real aicostd: the budget page (GET /),
 * named scenarios (GET /v1/scenarios, GET /v1/scenarios/{id}/projection with
 * formats, overrides, ETags, reload with the catalogue), and the CSV and SVG
 * representations of POST /v1/projections and /v1/comparisons checked
 * against the JSON of the same request. Every response is recorded and
 * checked against openapi.yaml in the last test. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <jansson.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"

#define PROJ "/v1/scenarios/{id}/projection"

static struct server srv; /* one server with the built-in examples for most tests */

static const char article[] =
  "{\"name\":\"support bot\",\"training\":{\"cost_usd\":3000000},"
  "\"inference\":{\"cost_per_request_usd\":0.005},\"traffic\":{\"requests_per_day\":5000000}}";

static double
num_at(const json_t *j, const char *a, const char *b)
{
  return json_number_value(json_object_get(json_object_get(j, a), b));
}

/* Splits CSV text (CRLF rows, no quoted commas in these tests) and returns
 * the number of data rows; `last` gets a copy of the last row. */
static size_t
csv_rows(const char *csv, char *last, size_t cap)
{
  size_t rows = 0;
  const char *p = csv, *line = csv;

  for (; *p != '\0'; p++) {
    if (p[0] == '\r' && p[1] == '\n') {
      snprintf(last, cap, "%.*s", (int)(p - line), line);
      line = p + 2;
      rows++;
    }
  }
  return rows > 0 ? rows - 1 : 0;
}

/* The cumulative total of a CSV row: its eighth column (the columns after
 * it, the date, the energy columns and the bands' p10 and p90, keep it
 * there). */
static double
last_field(const char *row)
{
  const char *p = row;

  for (int col = 0; col < 7 && p != NULL; col++) {
    p = strchr(p, ',');
    if (p != NULL)
      p++;
  }
  return p != NULL ? strtod(p, NULL) : (double)NAN;
}

static bool
put(const char *path, const char *text)
{
  return write_file(path, text, strlen(text));
}

/* The cumulative total of the row starting at `row` (ended by CRLF). */
static double
row_total(const char *row)
{
  const char *end = strstr(row, "\r\n");
  char buf[512];

  snprintf(buf, sizeof buf, "%.*s", end != NULL ? (int)(end - row) : (int)strlen(row), row);
  return last_field(buf);
}

static bool
is_valid_svg(const struct http_resp *r)
{
  return r->len > 100 && strncmp(r->body, "<?xml", 5) == 0 && strstr(r->body, "<svg ") != NULL &&
         strstr(r->body, "</svg>") != NULL && strstr(r->body, "<script") == NULL;
}

/* GET / is the embedded page: HTML, revalidated by ETag, locked down by CSP. */
static void
test_page(void **state)
{
  struct http_resp r;
  const char *hdrs[2] = { NULL, NULL };
  char inm[128];
  struct http_req rq = { .method = "GET", .path = "/", .headers = hdrs };

  (void)state;
  assert_true(http_get(&srv, "/", NULL, &r));
  assert_int_equal(r.status, 200);
  assert_string_equal(http_header(&r, "Content-Type"), "text/html; charset=utf-8");
  assert_non_null(strstr(r.body, "<title>aicost"));
  /* one document assembled from its parts (src/tools/page.py): the styles
   * and scripts inline, no marker left, the namespace's file first */
  assert_null(strstr(r.body, "<!-- page:"));
  assert_null(strstr(r.body, "<script src"));
  assert_non_null(strstr(r.body, "<style>\n/* page.css */"));
  assert_non_null(strstr(r.body, "<script>\n/* js/aicost.js */"));
  assert_non_null(strstr(http_header(&r, "Content-Security-Policy"), "default-src 'none'"));
  assert_string_equal(http_header(&r, "Cache-Control"), "no-cache");
  snprintf(inm, sizeof inm, "If-None-Match: %s", http_header(&r, "ETag"));
  http_resp_free(&r);
  hdrs[0] = inm;
  assert_true(http_do(&srv, &rq, &r));
  assert_int_equal(r.status, 304);
  http_resp_free(&r);
}

/* The list: the five examples of config/scenarios, sorted, cacheable. */
static void
test_list(void **state)
{
  static const char *const ids[] = { "large-model", "self-hosted", "small-model", "support-bot",
                                     "vendor-api" };
  struct http_resp r;
  json_t *j, *list;

  (void)state;
  assert_true(http_get(&srv, "/v1/scenarios", NULL, &r));
  assert_int_equal(r.status, 200);
  assert_string_equal(http_header(&r, "Cache-Control"), "public, max-age=300");
  assert_non_null(http_header(&r, "ETag"));
  j = http_body_json(&r);
  list = json_object_get(j, "scenarios");
  assert_int_equal(json_array_size(list), 5);
  for (size_t i = 0; i < 5; i++) {
    json_t *it = json_array_get(list, i);

    assert_string_equal(json_string_value(json_object_get(it, "id")), ids[i]);
    assert_true(strlen(json_string_value(json_object_get(it, "name"))) > 0);
    assert_true(json_is_string(json_object_get(it, "description")));
  }
  json_decref(j);
  http_resp_free(&r);
}

/* The article's named scenario in its three formats: the JSON says $25,000
 * a day; the CSV's last cumulative total equals the JSON's total; the SVG
 * marks the crossover exactly when the JSON has one. */
static void
test_projection_formats(void **state)
{
  struct http_resp r;
  char last[512];
  double total;
  int crossover;
  json_t *j;

  (void)state;
  assert_true(http_get(&srv, "/v1/scenarios/support-bot/projection", PROJ, &r));
  assert_int_equal(r.status, 200);
  j = http_body_json(&r);
  assert_true(num_at(j, "inference", "daily_usd") == 25000);
  total = num_at(j, "projection", "total_usd");
  crossover = (int)num_at(j, "projection", "crossover_day");
  assert_true(crossover > 0);
  json_decref(j);
  http_resp_free(&r);

  assert_true(http_get(&srv, "/v1/scenarios/support-bot/projection?format=csv", PROJ, &r));
  assert_int_equal(r.status, 200);
  assert_non_null(strstr(http_header(&r, "Content-Type"), "text/csv"));
  assert_non_null(strstr(http_header(&r, "Content-Disposition"), "support-bot.csv"));
  assert_int_equal(csv_rows(r.body, last, sizeof last), 12);
  assert_true(fabs(last_field(last) - total) <= 1e-9 * total);
  http_resp_free(&r);

  assert_true(http_get(&srv, "/v1/scenarios/support-bot/projection?format=svg", PROJ, &r));
  assert_int_equal(r.status, 200);
  assert_string_equal(http_header(&r, "Content-Type"), "image/svg+xml");
  assert_true(is_valid_svg(&r));
  assert_non_null(strstr(r.body, "<g id=\"crossover\">"));
  http_resp_free(&r);

  /* no crossover: the vendor API trains nothing */
  assert_true(http_get(&srv, "/v1/scenarios/vendor-api/projection?format=svg", PROJ, &r));
  assert_int_equal(r.status, 200);
  assert_true(is_valid_svg(&r));
  assert_null(strstr(r.body, "id=\"crossover\""));
  http_resp_free(&r);
}

/* Without ?format, Accept decides, as on POST. */
static void
test_accept_negotiation(void **state)
{
  static const char *const csv[] = { "Accept: text/csv", NULL };
  struct http_req rq = {
    .method = "GET", .path = "/v1/scenarios/support-bot/projection", .tmpl = PROJ, .headers = csv
  };
  struct http_resp r;

  (void)state;
  assert_true(http_do(&srv, &rq, &r));
  assert_int_equal(r.status, 200);
  assert_non_null(strstr(http_header(&r, "Content-Type"), "text/csv"));
  assert_true(strncmp(r.body, "day,days,", 9) == 0);
  http_resp_free(&r);
}

/* Overrides change the numbers: a fifth of the traffic is a fifth of the
 * cost; a longer horizon gives more rows. */
static void
test_overrides(void **state)
{
  struct http_resp r;
  char last[512];
  json_t *j;

  (void)state;
  assert_true(
    http_get(&srv, "/v1/scenarios/support-bot/projection?requests_per_day=1000000", PROJ, &r));
  assert_int_equal(r.status, 200);
  j = http_body_json(&r);
  assert_true(num_at(j, "inference", "daily_usd") == 5000);
  json_decref(j);
  http_resp_free(&r);

  assert_true(http_get(
    &srv, "/v1/scenarios/support-bot/projection?format=csv&horizon_days=730&granularity=week", PROJ,
    &r));
  assert_int_equal(r.status, 200);
  assert_int_equal(csv_rows(r.body, last, sizeof last), 105); /* 104 weeks and 2 days */
  assert_true(strncmp(last, "730,2,", 6) == 0);
  http_resp_free(&r);

  /* a start date dates the rows (the column before the energy ones, empty
   * for a vendor API: no GPUs of ours) and today measures the
   * prices' ages: the vendor scenario's price from 2026-08-21 is 400 days
   * old on 2027-09-25 */
  assert_true(http_get(&srv,
                       "/v1/scenarios/vendor-api/projection?format=csv&start_date=2027-01-01"
                       "&horizon_days=31&granularity=day",
                       PROJ, &r));
  assert_int_equal(r.status, 200);
  assert_int_equal(csv_rows(r.body, last, sizeof last), 31);
  assert_non_null(strstr(r.body, ",2027-01-01,")); /* then the energy and the bands' columns */
  assert_true(strncmp(last, "31,1,", 5) == 0 && strstr(last, ",2027-01-31") != NULL);
  http_resp_free(&r);
  assert_true(http_get(&srv, "/v1/scenarios/vendor-api/projection?today=2027-09-25", PROJ, &r));
  assert_int_equal(r.status, 200);
  assert_non_null(strstr(r.body, "\"code\":\"stale_price\""));
  assert_non_null(strstr(r.body, "400 days before today, 2027-09-25"));
  http_resp_free(&r);
}

/* Bad overrides are 422 problems naming the body field, all at once;
 * an unknown parameter and an unknown format too; an unknown id is 404. */
static void
test_override_errors(void **state)
{
  struct http_resp r;
  json_t *j, *errs;
  char all[1024] = "";

  (void)state;
  assert_true(http_get(&srv,
                       "/v1/scenarios/support-bot/projection?requests_per_day=lots&horizon_days=0"
                       "&monthly_growth=-2&colour=red",
                       PROJ, &r));
  assert_int_equal(r.status, 422);
  assert_string_equal(http_header(&r, "Content-Type"), "application/problem+json");
  j = http_body_json(&r);
  errs = json_object_get(j, "errors");
  for (size_t i = 0; i < json_array_size(errs); i++) {
    strncat(all, json_string_value(json_object_get(json_array_get(errs, i), "pointer")), 200);
    strncat(all, " ", 2);
  }
  assert_int_equal(json_array_size(errs), 4);
  assert_non_null(strstr(all, "/traffic/requests_per_day "));
  assert_non_null(strstr(all, "/horizon_days "));
  assert_non_null(strstr(all, "/traffic/monthly_growth "));
  json_decref(j);
  http_resp_free(&r);

  assert_true(http_get(&srv, "/v1/scenarios/support-bot/projection?format=xml", PROJ, &r));
  assert_int_equal(r.status, 422);
  http_resp_free(&r);

  assert_true(http_get(&srv, "/v1/scenarios/no-such-thing/projection", PROJ, &r));
  assert_int_equal(r.status, 404);
  http_resp_free(&r);
}

/* The ETag names one representation: another format or override is another
 * tag, and the same request revalidates to 304. */
static void
test_etags(void **state)
{
  const char *paths[] = { "/v1/scenarios/support-bot/projection?format=csv",
                          "/v1/scenarios/support-bot/projection?format=svg",
                          "/v1/scenarios/support-bot/projection?format=csv&requests_per_day=1" };
  char tags[3][80], inm[128];
  const char *hdrs[] = { inm, NULL };
  struct http_req rq = { .method = "GET", .path = paths[0], .tmpl = PROJ, .headers = hdrs };
  struct http_resp r;

  (void)state;
  for (size_t i = 0; i < 3; i++) {
    assert_true(http_get(&srv, paths[i], PROJ, &r));
    assert_int_equal(r.status, 200);
    snprintf(tags[i], sizeof tags[i], "%s", http_header(&r, "ETag"));
    http_resp_free(&r);
  }
  assert_string_not_equal(tags[0], tags[1]);
  assert_string_not_equal(tags[0], tags[2]);
  snprintf(inm, sizeof inm, "If-None-Match: %s", tags[0]);
  assert_true(http_do(&srv, &rq, &r));
  assert_int_equal(r.status, 304);
  assert_string_equal(http_header(&r, "ETag"), tags[0]);
  http_resp_free(&r);
}

/* POST with Accept: text/csv and image/svg+xml gives the same numbers as
 * the JSON of the same body: the CSV's last total is the JSON's total and
 * the SVG marks the JSON's crossover day. */
static void
test_post_csv_svg_match_json(void **state)
{
  static const char *const csv[] = { "Accept: text/csv", NULL };
  static const char *const svg[] = { "Accept: image/svg+xml", NULL };
  struct http_resp r;
  char last[512], label[64];
  double total;
  int day;
  json_t *j;

  (void)state;
  assert_true(http_post_json(&srv, "/v1/projections", article, NULL, &r));
  assert_int_equal(r.status, 200);
  j = http_body_json(&r);
  total = num_at(j, "projection", "total_usd");
  day = (int)num_at(j, "projection", "crossover_day");
  json_decref(j);
  http_resp_free(&r);
  assert_true(total == 12125000); /* 3,000,000 + 365 x 25,000 */
  assert_int_equal(day, 120);

  assert_true(http_post_json(&srv, "/v1/projections", article, csv, &r));
  assert_int_equal(r.status, 200);
  assert_int_equal(csv_rows(r.body, last, sizeof last), 12);
  assert_true(last_field(last) == total);
  http_resp_free(&r);

  assert_true(http_post_json(&srv, "/v1/projections", article, svg, &r));
  assert_int_equal(r.status, 200);
  assert_true(is_valid_svg(&r));
  snprintf(label, sizeof label, "Day %d: inference passes training", day);
  assert_non_null(strstr(r.body, label));
  http_resp_free(&r);
}

/* One rule for the output format on every route that renders results
 * (negotiate.c, srv_choose_format): ?format= names a row of the format
 * table and wins over Accept (a link cannot set headers: issue 12 found
 * ?format=csv with Accept: text/html answered 406); an unknown name is a
 * 422 that lists the names; the SVG carries its CSP wherever it is served. */
static void
test_format_param_everywhere(void **state)
{
  static const char *const html[] = { "Accept: text/html", NULL };
  static const char *const json[] = { "Accept: application/json", NULL };
  struct http_req get = { .path = "/v1/scenarios/support-bot/projection?format=csv",
                          .tmpl = PROJ,
                          .headers = html };
  struct http_resp r;
  json_t *j, *e;

  (void)state;
  assert_true(http_do(&srv, &get, &r));
  assert_int_equal(r.status, 200);
  assert_non_null(strstr(http_header(&r, "Content-Type"), "text/csv"));
  http_resp_free(&r);

  assert_true(http_post_json(&srv, "/v1/projections?format=csv", article, json, &r));
  assert_int_equal(r.status, 200);
  assert_string_equal(http_header(&r, "Content-Type"), "text/csv; charset=utf-8; header=present");
  http_resp_free(&r);

  assert_true(http_post_json(&srv, "/v1/projections?format=svg", article, NULL, &r));
  assert_int_equal(r.status, 200);
  assert_true(is_valid_svg(&r));
  assert_non_null(strstr(http_header(&r, "Content-Security-Policy"), "default-src 'none'"));
  assert_non_null(strstr(http_header(&r, "Vary"), "Accept"));
  http_resp_free(&r);

  /* JSON has no CSP; a named scenario's JSON is named like the others */
  assert_true(http_get(&srv, "/v1/scenarios/support-bot/projection?format=json", PROJ, &r));
  assert_int_equal(r.status, 200);
  assert_null(http_header(&r, "Content-Security-Policy"));
  assert_non_null(strstr(http_header(&r, "Content-Disposition"), "support-bot.json"));
  http_resp_free(&r);

  assert_true(http_post_json(&srv, "/v1/comparisons?format=xml", "{}", NULL, &r));
  assert_int_equal(r.status, 422);
  j = http_body_json(&r);
  e = json_array_get(json_object_get(j, "errors"), 0);
  assert_string_equal(json_string_value(json_object_get(e, "pointer")), "");
  assert_string_equal(json_string_value(json_object_get(e, "detail")),
                      "format must be json, csv, svg, table or markdown (got 'xml')");
  json_decref(j);
  http_resp_free(&r);

  /* without ?format=, Accept still decides, and may rule every format out */
  assert_true(http_post_json(&srv, "/v1/projections", article, html, &r));
  assert_int_equal(r.status, 406);
  j = http_body_json(&r);
  assert_string_equal(json_string_value(json_object_get(j, "detail")),
                      "this resource is available as application/json, text/csv, image/svg+xml, "
                      "text/plain, text/markdown");
  json_decref(j);
  http_resp_free(&r);
}

/* A comparison's CSV is long form: option, name, then the series columns;
 * each option's last row is its JSON total. */
static void
test_comparison_csv(void **state)
{
  static const char body[] =
    "{\"horizon_days\":365,\"scenarios\":["
    "{\"name\":\"per request\",\"inference\":{\"cost_per_request_usd\":0.005},\"traffic\":{\"requests_per_day\":5000000}},"
    "{\"name\":\"api\",\"inference\":{\"api\":\"openai/gpt-4o-mini\"},"
    "\"traffic\":{\"requests_per_day\":5000000,\"input_tokens\":800,\"output_tokens\":300}}]}";
  static const char *const csv[] = { "Accept: text/csv", NULL };
  struct http_resp r;
  double t0, t1;
  char *row;
  json_t *j;

  (void)state;
  assert_true(http_post_json(&srv, "/v1/comparisons", body, NULL, &r));
  assert_int_equal(r.status, 200);
  j = http_body_json(&r);
  t0 = num_at(json_array_get(json_object_get(j, "options"), 0), "projection", "total_usd");
  t1 = num_at(json_array_get(json_object_get(j, "options"), 1), "projection", "total_usd");
  json_decref(j);
  http_resp_free(&r);

  assert_true(http_post_json(&srv, "/v1/comparisons", body, csv, &r));
  assert_int_equal(r.status, 200);
  assert_true(strncmp(r.body, "option,name,day,days,", 21) == 0);
  row = strstr(r.body, "0,per request,365,");
  assert_non_null(row);
  assert_true(row_total(row) == t0);
  row = strstr(r.body, "1,api,365,");
  assert_non_null(row);
  assert_true(fabs(row_total(row) - t1) <= 1e-9 * t1);
  http_resp_free(&r);
}

static void
nap_ms(long ms)
{
  struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

  nanosleep(&ts, NULL);
}

static size_t
list_size(const struct server *s)
{
  struct http_resp r;
  size_t n = (size_t)-1;

  if (http_get(s, "/v1/scenarios", NULL, &r) && r.status == 200) {
    json_t *j = json_loadb(r.body, r.len, 0, NULL);

    n = json_array_size(json_object_get(j, "scenarios"));
    json_decref(j);
  }
  http_resp_free(&r);
  return n;
}

/* --scenarios DIR: the folder's files are served; SIGHUP reloads them with
 * the catalogue; a broken file is logged and the old set keeps serving; an
 * invalid folder at start is exit 1 naming the file and field. */
static void
test_scenarios_dir_and_reload(void **state)
{
  char dir[256], path[320], other[320];
  const char *args[] = { "--scenarios", dir, NULL };
  struct server s;
  struct http_resp r;
  int status = 0;
  bool grew = false;
  char *log;

  (void)state;
  snprintf(dir, sizeof dir, "%s/aicost-scenarios-%d", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp",
           (int)getpid());
  mkdir(dir, 0700);
  snprintf(path, sizeof path, "%s/team-bot.yaml", dir);
  snprintf(other, sizeof other, "%s/second.yaml", dir);
  unlink(other);
  assert_true(put(path, "name: Team bot\ninference: {cost_per_request_usd: 0.01}\n"
                        "traffic: {requests_per_day: 1000}\n"));
  assert_true(server_start(&s, args, NULL));
  assert_int_equal(list_size(&s), 1);
  assert_true(http_get(&s, "/v1/scenarios/team-bot/projection", PROJ, &r));
  assert_int_equal(r.status, 200);
  http_resp_free(&r);

  /* a broken second file: the reload fails whole, the old set still serves */
  assert_true(
    put(other, "inference: {cost_per_request_usd: -1}\ntraffic: {requests_per_day: 5}\n"));
  server_signal(&s, SIGHUP);
  for (int i = 0; i < 2000; i++) {
    log = server_log(&s);
    grew = strstr(log, "catalogue_reload_failed") != NULL;
    free(log);
    if (grew)
      break;
    nap_ms(10);
  }
  assert_true(grew);
  assert_int_equal(list_size(&s), 1);

  /* fixed: the reload brings both */
  assert_true(
    put(other, "inference: {cost_per_request_usd: 0.1}\ntraffic: {requests_per_day: 5}\n"));
  server_signal(&s, SIGHUP);
  grew = false;
  for (int i = 0; i < 2000 && !grew; i++) {
    grew = list_size(&s) == 2;
    if (!grew)
      nap_ms(10);
  }
  assert_true(grew);
  assert_int_equal(server_stop(&s), 0);
  log = server_log(&s);
  assert_non_null(strstr(log, "second.yaml:1:35\",\"detail\":\"inference.cost_per_request_usd: "));
  free(log);

  /* broken at start: exit 1, and the message says which file and field */
  assert_true(
    put(other, "inference: {cost_per_request_usd: 0.1}\ntraffic: {requests_per_day: many}\n"));
  assert_false(server_start(&s, args, &status));
  assert_int_equal(status, 1);
  log = server_log(&s);
  assert_non_null(strstr(log, "second.yaml:2:29"));
  assert_non_null(strstr(log, "traffic.requests_per_day: expected a number, got 'many'"));
  free(log);
  unlink(path);
  unlink(other);
  rmdir(dir);
}

static int
setup(void **state)
{
  static const char *const args[] = { NULL };

  (void)state;
  return http_group_start(&srv, args);
}

static int
teardown(void **state)
{
  (void)state;
  return http_group_stop(&srv);
}

int
main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_page),
    cmocka_unit_test(test_list),
    cmocka_unit_test(test_projection_formats),
    cmocka_unit_test(test_accept_negotiation),
    cmocka_unit_test(test_overrides),
    cmocka_unit_test(test_override_errors),
    cmocka_unit_test(test_etags),
    cmocka_unit_test(test_post_csv_svg_match_json),
    cmocka_unit_test(test_comparison_csv),
    cmocka_unit_test(test_format_param_everywhere),
    cmocka_unit_test(test_scenarios_dir_and_reload),
    cmocka_unit_test(test_responses_match_openapi),
  };

  return cmocka_run_group_tests_name("http dashboards", tests, setup, teardown);
}
