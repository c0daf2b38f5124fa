/* Operating aicostd: catalogue reload on SIGHUP (good and bad files),
 * graceful shutdown with a request in flight, start-up failures, CORS.
 * Each test starts its own server; every response is recorded and checked
 * against openapi.yaml in the last test. Waits are bounded polls of the
 * server's own state (/metrics, a refused connect), never timed assertions. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <arpa/inet.h>
#include <errno.h>
#include <jansson.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"

static const char article[] =
  "{\"name\":\"article\",\"inference\":{\"cost_per_request_usd\":0.005},"
  "\"traffic\":{\"requests_per_day\":5000000}}";

static void
nap_ms(long ms)
{
  struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

  nanosleep(&ts, NULL);
}

static double
metric(const struct server *s, const char *series)
{
  struct http_resp r;
  double v = -1;

  if (http_get(s, "/metrics", NULL, &r) && r.status == 200)
    v = metric_value(r.body, series);
  http_resp_free(&r);
  return v;
}

/* Polls /metrics until `series` reaches `want` (bounded: about 20 s). */
static bool
wait_metric(const struct server *s, const char *series, double want)
{
  for (int i = 0; i < 2000; i++) {
    if (metric(s, series) >= want)
      return true;
    nap_ms(10);
  }
  return false;
}

static char *
readyz_hash(const struct server *s)
{
  struct http_resp r;
  char *hash = NULL;

  if (http_get(s, "/readyz", NULL, &r) && r.status == 200) {
    json_t *j = json_loadb(r.body, r.len, 0, NULL);
    const char *h = json_string_value(json_object_get(json_object_get(j, "catalogue"), "hash"));

    hash = h != NULL ? strdup(h) : NULL;
    json_decref(j);
  }
  http_resp_free(&r);
  return hash;
}

/* Lines in a text. */
static size_t
count_lines(const char *text)
{
  size_t n = 0;

  for (const char *p = text; p != NULL && *p != '\0'; p++)
    n += *p == '\n';
  return n;
}

/* SIGHUP with a good file swaps the catalogue (new hash, new ETag); with a
 * broken or missing file it is logged, counted, and the old one keeps serving. */
static void
test_reload_good_then_bad(void **state)
{
  char path[512], drop_in[512], layer[600];
  const char *args[] = { "--catalogue", path, NULL };
  struct server s;
  size_t len = 0, api_len = 0;
  char *yaml = read_source_file("config/catalogue.yaml", &len);
  char *api;
  char *changed;
  char *before;
  char *after;
  char *still;
  char *log;
  struct http_resp r;

  (void)state;
  assert_non_null(yaml);
  snprintf(path, sizeof path, "%s/aicost-reload-%d.yaml",
           getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", (int)getpid());
  assert_true(write_file(path, yaml, len));
  /* its drop-in directory with the generated API prices, which the named
   * scenarios use (the file alone would not validate them) */
  snprintf(drop_in, sizeof drop_in, "%.*s.d", (int)(strlen(path) - 5), path);
  assert_int_equal(mkdir(drop_in, 0700), 0);
  snprintf(layer, sizeof layer, "%s/api-prices.yaml", drop_in);
  api = read_source_file("config/catalogue.d/api-prices.yaml", &api_len);
  assert_non_null(api);
  assert_true(write_file(layer, api, api_len));
  free(api);
  /* and the generated GPU offers, which their prices come from */
  snprintf(layer, sizeof layer, "%s/gpu-offers.yaml", drop_in);
  api = read_source_file("config/catalogue.d/gpu-offers.yaml", &api_len);
  assert_non_null(api);
  assert_true(write_file(layer, api, api_len));
  free(api);
  assert_true(server_start(&s, args, NULL));
  before = readyz_hash(&s);
  assert_non_null(before);

  /* a good file whose bytes differ (a comment is enough to change the hash) */
  changed = malloc(len + 64);
  memcpy(changed, "# edited for the reload test\n", 29);
  memcpy(changed + 29, yaml, len);
  assert_true(write_file(path, changed, len + 29));
  server_signal(&s, SIGHUP);
  assert_true(wait_metric(&s, "aicost_catalogue_reloads_total", 1));
  after = readyz_hash(&s);
  assert_non_null(after);
  assert_string_not_equal(before, after);
  assert_true(http_get(&s, "/v1/catalogue", NULL, &r));
  assert_non_null(strstr(http_header(&r, "ETag"), after));
  http_resp_free(&r);

  /* a broken file: counted, logged with where, and the good one still serves */
  assert_true(write_file(path, "version: [unclosed\n", 19));
  server_signal(&s, SIGHUP);
  assert_true(wait_metric(&s, "aicost_catalogue_reload_failures_total", 1));
  still = readyz_hash(&s);
  assert_string_equal(still, after);
  free(still);
  assert_true(http_post_json(&s, "/v1/projections", article, NULL, &r));
  assert_int_equal(r.status, 200);
  http_resp_free(&r);

  /* a missing file: the same */
  unlink(path);
  server_signal(&s, SIGHUP);
  assert_true(wait_metric(&s, "aicost_catalogue_reload_failures_total", 2));
  assert_true(metric(&s, "aicost_catalogue_reloads_total") == 1);
  still = readyz_hash(&s);
  assert_string_equal(still, after);
  free(still);

  assert_int_equal(server_stop(&s), 0);
  log = server_log(&s);
  assert_non_null(strstr(log, "\"event\":\"catalogue_reloaded\""));
  assert_non_null(strstr(log, "\"event\":\"catalogue_reload_failed\""));
  assert_non_null(strstr(log, path)); /* the errors name the file (and line:column) */
  free(log);
  unlink(layer);
  snprintf(layer, sizeof layer, "%s/api-prices.yaml", drop_in);
  unlink(layer);
  rmdir(drop_in);
  free(before);
  free(after);
  free(changed);
  free(yaml);
}

static int
connect_to(unsigned port)
{
  struct sockaddr_in a = { 0 };
  int fd = socket(AF_INET, SOCK_STREAM, 0);

  a.sin_family = AF_INET;
  a.sin_port = htons((uint16_t)port);
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, (struct sockaddr *)&a, sizeof a) != 0) {
    close(fd);
    return -1;
  }
  return fd;
}

static bool
send_all(int fd, const char *p, size_t n)
{
  while (n > 0) {
    ssize_t w = send(fd, p, n, MSG_NOSIGNAL);

    if (w <= 0)
      return false;
    p += w;
    n -= (size_t)w;
  }
  return true;
}

/* SIGTERM while a request is half sent: new connections are refused at once,
 * the request in flight completes with its answer, and the exit status is 0. */
static void
test_graceful_shutdown_in_flight(void **state)
{
  static const char *const args[] = { NULL };
  struct server s;
  char head[256];
  char reply[16384];
  size_t got = 0;
  size_t blen = strlen(article);
  int fd;
  int refused = 0;
  int status = 0;
  char *log;

  (void)state;
  assert_true(server_start(&s, args, NULL));
  fd = connect_to(s.port);
  assert_true(fd >= 0);
  snprintf(head, sizeof head,
           "POST /v1/projections HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n"
           "Content-Length: %zu\r\n\r\n",
           blen);
  assert_true(send_all(fd, head, strlen(head)));
  assert_true(send_all(fd, article, 10));
  /* in flight: this one and the /metrics request asking */
  assert_true(wait_metric(&s, "aicost_http_requests_in_flight", 2));

  kill(s.pid, SIGTERM);
  for (int i = 0; i < 2000 && !refused; i++) {
    int probe = connect_to(s.port);

    if (probe < 0)
      refused = 1;
    else
      close(probe);
    if (!refused)
      nap_ms(10);
  }
  assert_true(refused);

  assert_true(send_all(fd, article + 10, blen - 10));
  for (;;) {
    ssize_t n = recv(fd, reply + got, sizeof reply - 1 - got, 0);

    if (n <= 0)
      break;
    got += (size_t)n;
  }
  reply[got] = '\0';
  close(fd);
  assert_int_equal(strncmp(reply, "HTTP/1.1 200", 12), 0);
  assert_non_null(strstr(reply, "Connection: close"));
  assert_non_null(strstr(reply, "\"daily_usd\":25000"));

  assert_int_equal(waitpid(s.pid, &status, 0), s.pid);
  assert_true(WIFEXITED(status));
  assert_int_equal(WEXITSTATUS(status), 0);
  log = server_log(&s);
  assert_non_null(strstr(log, "\"event\":\"shutting_down\""));
  assert_non_null(strstr(log, "\"event\":\"stopped\""));
  free(log);
}

/* Start-up failures: exit 1 (2 for usage) with exactly one clear line. */
static void
expect_start_failure(const char *const *args, int want_status, const char *want_text)
{
  struct server s;
  int status = 0;
  char *log;

  assert_false(server_start(&s, args, &status));
  assert_int_equal(status, want_status);
  log = server_log(&s);
  assert_non_null(log);
  assert_int_equal(count_lines(log), 1);
  assert_int_equal(strncmp(log, "aicostd: ", 9), 0);
  assert_non_null(strstr(log, want_text));
  free(log);
}

/* A port already taken is one line, exit 1. */
static void
test_start_port_in_use(void **state)
{
  struct sockaddr_in a = { 0 };
  socklen_t alen = sizeof a;
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  char listen_at[64];
  const char *args[] = { "--listen", listen_at, NULL };

  (void)state;
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  assert_int_equal(bind(fd, (struct sockaddr *)&a, sizeof a), 0);
  assert_int_equal(listen(fd, 1), 0);
  getsockname(fd, (struct sockaddr *)&a, &alen);
  snprintf(listen_at, sizeof listen_at, "127.0.0.1:%u", (unsigned)ntohs(a.sin_port));
  expect_start_failure(args, 1, "cannot listen on");
  close(fd);
}

/* A malformed or unassignable address is one line, exit 1. */
static void
test_start_bad_address(void **state)
{
  static const char *const no_port[] = { "--listen", "127.0.0.1", NULL };
  static const char *const big_port[] = { "--listen", "127.0.0.1:70000", NULL };
  static const char *const not_here[] = { "--listen", "192.0.2.1:8080", NULL };

  (void)state;
  expect_start_failure(no_port, 1, "bad listen address");
  expect_start_failure(big_port, 1, "bad listen address");
  expect_start_failure(not_here, 1, "cannot listen on");
}

/* A catalogue that cannot be loaded at start is one line naming the file, exit 1. */
static void
test_start_bad_catalogue(void **state)
{
  static const char *const missing[] = { "--catalogue", "/nonexistent/catalogue.yaml", NULL };
  char path[512];
  const char *broken[] = { "--catalogue", path, NULL };

  (void)state;
  expect_start_failure(missing, 1, "cannot load catalogue /nonexistent/catalogue.yaml");
  snprintf(path, sizeof path, "%s/aicost-broken-%d.yaml",
           getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", (int)getpid());
  assert_true(write_file(path, "gpus: {a: [\n", 12));
  expect_start_failure(broken, 1, "cannot load catalogue");
  unlink(path);
}

/* A bad flag value is a usage error, exit 2. */
static void
test_start_usage_error(void **state)
{
  static const char *const zero_threads[] = { "--threads", "0", NULL };
  static const char *const bad_body[] = { "--max-body", "1k", NULL };

  (void)state;
  expect_start_failure(zero_threads, 2, "--threads");
  expect_start_failure(bad_body, 2, "--max-body");
}

/* CORS on: an allowed origin gets the preflight and the Allow-Origin header, another gets neither. */
static void
test_cors(void **state)
{
  static const char *const args[] = { "--cors-origin", "https://a.example, https://dash.example",
                                      NULL };
  static const char *const preflight[] = { "Origin: https://dash.example",
                                           "Access-Control-Request-Method: POST",
                                           "Access-Control-Request-Headers: content-type", NULL };
  static const char *const allowed[] = { "Origin: https://dash.example", NULL };
  static const char *const other[] = { "Origin: https://evil.example", NULL };
  struct http_req rq = { .method = "OPTIONS", .path = "/v1/projections", .headers = preflight };
  struct server s;
  struct http_resp r;

  (void)state;
  assert_true(server_start(&s, args, NULL));
  assert_true(http_do(&s, &rq, &r));
  assert_int_equal(r.status, 204);
  assert_string_equal(http_header(&r, "Access-Control-Allow-Origin"), "https://dash.example");
  assert_string_equal(http_header(&r, "Access-Control-Allow-Methods"), "POST, OPTIONS");
  assert_non_null(strstr(http_header(&r, "Access-Control-Allow-Headers"), "Content-Type"));
  http_resp_free(&r);

  assert_true(http_post_json(&s, "/v1/projections", article, allowed, &r));
  assert_int_equal(r.status, 200);
  assert_string_equal(http_header(&r, "Access-Control-Allow-Origin"), "https://dash.example");
  assert_non_null(strstr(http_header(&r, "Access-Control-Expose-Headers"), "X-Request-Id"));
  assert_non_null(strstr(http_header(&r, "Vary"), "Origin"));
  http_resp_free(&r);

  assert_true(http_post_json(&s, "/v1/projections", article, other, &r));
  assert_int_equal(r.status, 200);
  assert_null(http_header(&r, "Access-Control-Allow-Origin"));
  http_resp_free(&r);
  assert_int_equal(server_stop(&s), 0);
}

/* The access log is one JSON object per request with the fields operators grep for. */
static void
test_access_log(void **state)
{
  static const char *const args[] = { NULL };
  static const char *const id[] = { "X-Request-Id: log-test-7", NULL };
  struct http_req rq = { .path = "/healthz", .headers = id };
  struct server s;
  struct http_resp r;
  char *log;
  char *line;
  json_t *j;

  (void)state;
  assert_true(server_start(&s, args, NULL));
  assert_true(http_do(&s, &rq, &r));
  http_resp_free(&r);
  assert_int_equal(server_stop(&s), 0);
  log = server_log(&s);
  /* the line of that request: from the '{' before its id to the newline */
  line = strstr(log, "\"request_id\":\"log-test-7\"");
  assert_non_null(line);
  while (line > log && line[-1] != '\n')
    line--;
  *strchr(line, '\n') = '\0';
  j = json_loads(line, 0, NULL);
  assert_non_null(j);
  assert_string_equal(json_string_value(json_object_get(j, "method")), "GET");
  assert_string_equal(json_string_value(json_object_get(j, "path")), "/healthz");
  assert_int_equal(json_integer_value(json_object_get(j, "status")), 200);
  assert_int_equal(json_integer_value(json_object_get(j, "bytes")), 15);
  assert_true(json_is_number(json_object_get(j, "duration_ms")));
  assert_string_equal(json_string_value(json_object_get(j, "request_id")), "log-test-7");
  assert_non_null(json_object_get(j, "time"));
  json_decref(j);
  free(log);
}

static int
setup(void **state)
{
  (void)state;
  http_init();
  return 0;
}

int
main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_reload_good_then_bad),
    cmocka_unit_test(test_graceful_shutdown_in_flight),
    cmocka_unit_test(test_start_port_in_use),
    cmocka_unit_test(test_start_bad_address),
    cmocka_unit_test(test_start_bad_catalogue),
    cmocka_unit_test(test_start_usage_error),
    cmocka_unit_test(test_cors),
    cmocka_unit_test(test_access_log),
    cmocka_unit_test(test_responses_match_openapi),
  };

  return cmocka_run_group_tests_name("http operations", tests, setup, NULL);
}
