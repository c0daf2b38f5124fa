/* Faults: catalogue reloads with broken files, SIGHUP storms under load,
 * SIGTERM with requests in flight, and start-up failures. Each test starts
 * its own aicostd on a loopback port.
 *
 *   ops-faults AICOSTD CATALOGUE_YAML */
#define _DEFAULT_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <arpa/inet.h>

#include <cmocka.h>

#include "load.h"
#include "opsutil.h"

static const char *catalogue_src;
static char *good; /* the default catalogue's text */
static size_t good_len;

#define RELOADS "aicost_catalogue_reloads_total"
#define FAILURES "aicost_catalogue_reload_failures_total"

/* The good catalogue with its version replaced, so that a reload is visible. */
static char *
with_version(const char *version, size_t *len)
{
  const char *at = strstr(good, "\nversion:");
  const char *eol = at != NULL ? strchr(at + 1, '\n') : NULL;
  size_t cap = good_len + strlen(version) + 64;
  char *out = malloc(cap);

  assert_non_null(at);
  assert_non_null(eol);
  int n = snprintf(out, cap, "%.*s\nversion: \"%s\"%s", (int)(at - good), good, version, eol);

  *len = (size_t)n;
  return out;
}

static void
write_version(const char *path, const char *version)
{
  size_t len;
  char *text = with_version(version, &len);

  ops_write(path, text, len);
  free(text);
}

/* The generated API prices beside a catalogue written in dir, as
 * config/catalogue.d is beside config/catalogue.yaml: the named scenarios
 * use them, so the file alone would not start a server. */
static void
write_drop_ins(const char *dir)
{
  /* the generated layers of the default, as its drop-in directory */
  static const char *const files[] = { "api-prices.yaml", "gpu-offers.yaml" };
  char src[1024], sub[512], dst[600];
  size_t n = strlen(catalogue_src), len;

  assert_true(n > 5);
  snprintf(sub, sizeof sub, "%s/catalogue.d", dir);
  assert_int_equal(mkdir(sub, 0755), 0);
  for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
    char *text;

    snprintf(src, sizeof src, "%.*s.d/%s", (int)(n - 5), catalogue_src, files[i]);
    text = hc_read_file(src, &len);
    assert_non_null(text);
    snprintf(dst, sizeof dst, "%s/%s", sub, files[i]);
    ops_write(dst, text, len);
    free(text);
  }
}

/* SIGHUP and wait for the named counter to pass `before`. */
static double
hup_and_wait(struct hc_daemon *d, const char *counter, double before)
{
  kill(d->pid, SIGHUP);
  return ops_wait_metric(d->port, counter, before + 1, 10000);
}

struct variant {
  const char *name;
  void (*apply)(const char *path, const char *dir);
};

static void
v_broken(const char *path, const char *dir)
{
  static const char tail[] = "\ngpus:\n  extra: [unclosed\n";
  size_t len = good_len + sizeof tail;
  char *t = malloc(len);

  (void)dir;
  memcpy(t, good, good_len);
  memcpy(t + good_len, tail, sizeof tail - 1);
  ops_write(path, t, good_len + sizeof tail - 1);
  free(t);
}

static void
v_missing(const char *path, const char *dir)
{
  (void)dir;
  unlink(path);
}

static void
v_empty(const char *path, const char *dir)
{
  (void)dir;
  ops_write(path, "", 0);
}

/* An editor writing in place, caught half way. */
static void
v_half(const char *path, const char *dir)
{
  (void)dir;
  ops_write(path, good, good_len / 2);
}

/* Root reads any file, so the daemon runs unprivileged (see the test). */
static void
v_unreadable(const char *path, const char *dir)
{
  (void)dir;
  write_version(path, "unreadable");
  chmod(path, 0);
}

static void
v_directory(const char *path, const char *dir)
{
  (void)dir;
  unlink(path);
  mkdir(path, 0755);
}

static void
v_not_a_catalogue(const char *path, const char *dir)
{
  static const char t[] = "just: some\nother: yaml\n";

  (void)dir;
  rmdir(path);
  ops_write(path, t, sizeof t - 1);
}

static void
v_binary(const char *path, const char *dir)
{
  unsigned char b[4096];

  (void)dir;
  for (size_t i = 0; i < sizeof b; i++)
    b[i] = (unsigned char)(i * 131 + 7);
  ops_write(path, b, sizeof b);
}

/* A writer that pauses between two entries: the text so far is valid YAML,
 * a catalogue with its last API prices missing (issue 12, finding 5). Only
 * the missing closing '...' line tells it from a smaller catalogue. */
static void
v_entry_boundary(const char *path, const char *dir)
{
  const char *cut = NULL;

  (void)dir;
  /* the start of the last entry: the last blank line before "  <id>:" */
  for (const char *p = strstr(good, "\n\n  "); p != NULL; p = strstr(p + 1, "\n\n  "))
    cut = p;
  assert_non_null(cut);
  ops_write(path, good, (size_t)(cut - good) + 1);
}

/* A FIFO with no writer: opening it for reading used to block the thread
 * that reloads, and SIGTERM with it (issue 12, finding 6). */
static void
v_fifo(const char *path, const char *dir)
{
  (void)dir;
  unlink(path);
  if (mkfifo(path, 0644) != 0)
    fail_msg("mkfifo: %s", strerror(errno));
}

static void
v_symlink_loop(const char *path, const char *dir)
{
  (void)dir;
  unlink(path);
  if (symlink(path, path) != 0)
    fail_msg("symlink: %s", strerror(errno));
}

/* clang-format off */
static const struct variant variants[] = {
  { "broken YAML", v_broken },
  { "missing file", v_missing },
  { "empty file", v_empty },
  { "half-written file", v_half },
  { "cut at an entry boundary", v_entry_boundary },
  { "permission denied", v_unreadable },
  { "a directory", v_directory },
  { "YAML that is not a catalogue", v_not_a_catalogue },
  { "binary bytes", v_binary },
  { "a FIFO", v_fifo }, /* the next one unlinks it: writing to a FIFO would block */
  { "a symlink loop", v_symlink_loop },
};
/* clang-format on */

/* Issue 6: "SIGHUP with a broken, missing, empty, half-written and
 * permission-denied catalogue: the old one keeps serving, the failure is
 * logged and counted in /metrics". A good reload first and last proves the
 * reload path works at all, so the "kept serving" checks cannot pass
 * vacuously. */
static void
reload_bad_catalogues(void **state)
{
  char dir[256], path[512], v[64], h[128], v0[64], h0[128];
  struct hc_daemon d;
  long uid = ops_unprivileged_uid();
  size_t nv = sizeof variants / sizeof variants[0];

  (void)state;
  ops_tmpdir(dir, sizeof dir);
  snprintf(path, sizeof path, "%s/catalogue.yaml", dir);
  write_version(path, "hardening-1");
  write_drop_ins(dir);
  const char *extra[] = { "--catalogue", path, NULL };

  ops_start(&d, dir, "reload", extra, uid);
  assert_true(ops_catalogue(d.port, v0, sizeof v0, h0, sizeof h0));
  assert_string_equal(v0, "hardening-1");

  write_version(path, "hardening-2");
  assert_true(hup_and_wait(&d, RELOADS, 0) >= 1);
  assert_true(ops_catalogue(d.port, v0, sizeof v0, h0, sizeof h0));
  assert_string_equal(v0, "hardening-2");

  for (size_t i = 0; i < nv; i++) {
    double before = ops_metric(d.port, FAILURES);

    variants[i].apply(path, dir);
    double after = hup_and_wait(&d, FAILURES, before);

    if (after < before + 1)
      fail_msg("%s: reload failure not counted in /metrics (%g -> %g)", variants[i].name, before,
               after);
    if (!ops_catalogue(d.port, v, sizeof v, h, sizeof h))
      fail_msg("%s: /readyz is not 200 after a failed reload", variants[i].name);
    if (strcmp(v, v0) != 0 || strcmp(h, h0) != 0)
      fail_msg("%s: the served catalogue changed to %s", variants[i].name, v);
    if (ops_project(d.port) != 200)
      fail_msg("%s: a projection failed after a failed reload", variants[i].name);
    print_message("# %s: refused, %s still served\n", variants[i].name, v);
  }
  assert_true(ops_metric(d.port, RELOADS) == 1);
  assert_int_equal(ops_count_in_file(d.log_path, "catalogue_reload_failed"), (int)nv);

  unlink(path);
  write_version(path, "hardening-3");
  assert_true(hup_and_wait(&d, RELOADS, 1) >= 2);
  assert_true(ops_catalogue(d.port, v, sizeof v, h, sizeof h));
  assert_string_equal(v, "hardening-3");
  ops_stop_clean(&d, 30000);
  ops_rmtree(dir);
}

/* "SIGHUP 100 times while under load: no error, no leak". Each SIGHUP
 * waits for its reload to be counted, so none coalesce with the next. */
static void
hup_storm_under_load(void **state)
{
  char dir[256], path[512];
  struct hc_daemon d;
  struct load l;
  long rss10 = 0, rss_end;

  (void)state;
  ops_tmpdir(dir, sizeof dir);
  snprintf(path, sizeof path, "%s/catalogue.yaml", dir);
  ops_write(path, good, good_len);
  write_drop_ins(dir);
  const char *extra[] = { "--catalogue", path, "--access-log", "off", NULL };

  ops_start(&d, dir, "storm", extra, -1);
  load_start(&l, d.port, 4, 300000);
  hc_sleep_ms(200);
  for (int i = 1; i <= 100; i++) {
    if (hup_and_wait(&d, RELOADS, i - 1) < i)
      fail_msg("reload %d not counted within 10 s", i);
    if (i == 10)
      rss10 = hc_rss_kib(d.pid);
  }
  hc_sleep_ms(200);
  rss_end = hc_rss_kib(d.pid);
  load_stop(&l);
  print_message("# 100 reloads under load: %ld answers ok, %ld non-2xx, %ld cut, %ld connection "
                "errors; RSS %ld KiB after 10 reloads, %ld KiB after 100\n",
                atomic_load(&l.ok), atomic_load(&l.non2xx), atomic_load(&l.truncated),
                atomic_load(&l.conn_errors), rss10, rss_end);
  assert_true(atomic_load(&l.ok) > 100);
  assert_int_equal(atomic_load(&l.non2xx), 0);
  assert_int_equal(atomic_load(&l.truncated), 0);
  assert_int_equal(atomic_load(&l.conn_errors), 0);
  assert_true(ops_metric(d.port, FAILURES) == 0);
  /* A leaked catalogue per reload (hundreds of KiB each) would add tens of
   * MiB over 90 reloads; ASan's quarantine makes RSS meaningless, and LSan
   * checks leaks at exit there instead. */
  if (!ops_asan() && rss_end - rss10 > 4096)
    fail_msg("RSS grew by %ld KiB over 90 reloads", rss_end - rss10);
  ops_stop_clean(&d, 30000);
  ops_rmtree(dir);
}

/* "SIGTERM under load: requests in flight complete, exit 0 within the
 * timeout". One request is caught half uploaded when SIGTERM lands: its
 * body is finished afterwards and it must still get its full answer. */
static void
sigterm_under_load(void **state)
{
  static const char body[] =
    "{\"name\":\"in flight\",\"inference\":{\"cost_per_request_usd\":0.005},"
    "\"traffic\":{\"requests_per_day\":5000000}}";
  char dir[256], head[512];
  struct hc_daemon d;
  struct hc_conn c;
  struct hc_response r;
  struct load l;
  size_t half = (sizeof body - 1) / 2;

  (void)state;
  ops_tmpdir(dir, sizeof dir);
  const char *extra[] = { "--drain-timeout", "10", "--access-log", "off", NULL };

  ops_start(&d, dir, "term", extra, -1);
  load_start(&l, d.port, 4, 60000);
  hc_sleep_ms(300);
  assert_int_equal(hc_connect(&c, d.port), 0);
  int n = snprintf(head, sizeof head,
                   "POST /v1/projections HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                   "Content-Type: application/json\r\nContent-Length: %zu\r\n\r\n",
                   sizeof body - 1);

  assert_int_equal(hc_send(&c, head, (size_t)n, 5000), 0);
  assert_int_equal(hc_send(&c, body, half, 5000), 0);
  hc_sleep_ms(200);
  long long t0 = hc_now_ms();

  kill(d.pid, SIGTERM);
  hc_sleep_ms(300);
  assert_int_equal(hc_send(&c, body + half, sizeof body - 1 - half, 5000), 0);
  int rc = hc_read_response(&c, &r, false, 10000);

  hc_close(&c);
  load_stop(&l);
  if (rc != 0)
    fail_msg("the request in flight got no answer: %s", r.error);
  assert_int_equal(r.status, 200);
  assert_false(r.truncated);
  assert_non_null(strstr(r.body, "\"in flight\""));
  hc_response_free(&r);
  print_message("# during shutdown: %ld ok, %ld non-2xx, %ld cut, %ld refused or closed\n",
                atomic_load(&l.ok), atomic_load(&l.non2xx), atomic_load(&l.truncated),
                atomic_load(&l.conn_errors));
  /* Refused and closed-before-an-answer connections are how a stopping
   * server says no; an answer cut half way is a broken one. */
  assert_int_equal(atomic_load(&l.truncated), 0);
  ops_stop_clean(&d, 15000);
  print_message("# exited 0 %lld ms after SIGTERM\n", hc_now_ms() - t0);
  ops_rmtree(dir);
}

/* What the daemon printed, each line a TAP comment (meson counts any other
 * line as unknown output). Cuts `text`. */
static void
print_log(const char *what, int st, char *text)
{
  print_message("# %s -> exit %d:\n", what, WEXITSTATUS(st));
  for (char *line = strtok(text, "\n"); line != NULL; line = strtok(NULL, "\n"))
    print_message("#   %s\n", line);
}

/* One start-up attempt that must fail with one clear line. */
static void
expect_start_failure(const char *what, const char *const *args, long uid, const char *dir)
{
  char log[512];
  size_t len = 0;
  int lines = 0;

  snprintf(log, sizeof log, "%s/start.log", dir);
  unlink(log);
  int st = hc_run(ops_aicostd, args, log, uid, 15000);
  char *text = hc_read_file(log, &len);

  for (size_t i = 0; text != NULL && i < len; i++)
    lines += text[i] == '\n';
  if (st < 0 || !WIFEXITED(st) || WEXITSTATUS(st) == 0)
    fail_msg("%s: expected a non-zero exit, got wait status %d; output: %s", what, st,
             text != NULL ? text : "");
  if (lines != 1 || len < 10 || strncmp(text, "aicostd: ", 9) != 0)
    fail_msg("%s: expected one line starting 'aicostd: ', got %d lines: %s", what, lines,
             text != NULL ? text : "");
  print_log(what, st, text);
  free(text);
}

/* A start-up that fails on the named scenarios: the directory named on
 * the first line (not the catalogue), then every problem of every file on
 * its own line naming the file (issue 16), then a count; nothing else. */
static void
expect_scenarios_failure(const char *what, const char *const *args, const char *dir,
                         const char *file)
{
  char log[512];
  size_t len = 0;

  snprintf(log, sizeof log, "%s/start.log", dir);
  unlink(log);
  int st = hc_run(ops_aicostd, args, log, -1, 15000);
  char *text = hc_read_file(log, &len);

  if (st < 0 || !WIFEXITED(st) || WEXITSTATUS(st) == 0)
    fail_msg("%s: expected a non-zero exit, got wait status %d; output: %s", what, st,
             text != NULL ? text : "");
  if (text == NULL || strncmp(text, "aicostd: cannot load the scenarios in ", 38) != 0 ||
      strstr(text, file) == NULL || strstr(text, "catalogue") != NULL)
    fail_msg("%s: expected the directory, then %s: %s", what, file, text != NULL ? text : "");
  for (char *line = text; line != NULL && *line != '\0'; line = strchr(line, '\n') + 1) {
    if (strncmp(line, "aicostd: ", 9) != 0 && strncmp(line, "  ", 2) != 0)
      fail_msg("%s: a line that is neither aicostd's nor a problem: %s", what, line);
    if (strchr(line, '\n') == NULL)
      break;
  }
  print_log(what, st, text);
  free(text);
}

/* "Start-up with the port taken, a bad address, an unreadable catalogue:
 * a clear one-line error, non-zero exit." */
static void
startup_failures(void **state)
{
  char dir[256], taken[64], path[512], sub[512];
  struct sockaddr_in sa;
  socklen_t sl = sizeof sa;
  int fd = socket(AF_INET, SOCK_STREAM, 0);

  (void)state;
  ops_tmpdir(dir, sizeof dir);
  memset(&sa, 0, sizeof sa);
  sa.sin_family = AF_INET;
  sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  assert_int_equal(bind(fd, (struct sockaddr *)&sa, sizeof sa), 0);
  assert_int_equal(listen(fd, 1), 0);
  getsockname(fd, (struct sockaddr *)&sa, &sl);
  snprintf(taken, sizeof taken, "127.0.0.1:%u", ntohs(sa.sin_port));
  {
    const char *a[] = { "--listen", taken, NULL };
    expect_start_failure("port taken", a, -1, dir);
  }
  close(fd);
  static const char *const bad[] = { "999.1.1.1:8080",  "not-an-address",
                                     "127.0.0.1:99999", "127.0.0.1:",
                                     ":8080",           "[::1:8080",
                                     "127.0.0.1",       "",
                                     "192.0.2.1:8080",  "127.0.0.1:-1" };

  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    const char *a[] = { "--listen", bad[i], NULL };
    char what[128];

    snprintf(what, sizeof what, "--listen '%s'", bad[i]);
    expect_start_failure(what, a, -1, dir);
  }
  snprintf(path, sizeof path, "%s/missing.yaml", dir);
  {
    const char *a[] = { "--listen", "127.0.0.1:0", "--catalogue", path, NULL };
    expect_start_failure("a missing catalogue", a, -1, dir);
  }
  snprintf(sub, sizeof sub, "%s/adir", dir);
  mkdir(sub, 0755);
  {
    const char *a[] = { "--listen", "127.0.0.1:0", "--catalogue", sub, NULL };
    expect_start_failure("a directory as catalogue", a, -1, dir);
  }
  snprintf(path, sizeof path, "%s/empty.yaml", dir);
  ops_write(path, "", 0);
  {
    const char *a[] = { "--listen", "127.0.0.1:0", "--catalogue", path, NULL };
    expect_start_failure("an empty catalogue", a, -1, dir);
  }
  snprintf(path, sizeof path, "%s/half.yaml", dir);
  ops_write(path, good, good_len / 2);
  {
    const char *a[] = { "--listen", "127.0.0.1:0", "--catalogue", path, NULL };
    expect_start_failure("a half-written catalogue", a, -1, dir);
  }
  snprintf(path, sizeof path, "%s/cut.yaml", dir);
  v_entry_boundary(path, dir);
  {
    const char *a[] = { "--listen", "127.0.0.1:0", "--catalogue", path, NULL };
    expect_start_failure("a catalogue cut at an entry boundary", a, -1, dir);
  }
  snprintf(path, sizeof path, "%s/fifo.yaml", dir);
  v_fifo(path, dir);
  {
    const char *a[] = { "--listen", "127.0.0.1:0", "--catalogue", path, NULL };
    expect_start_failure("a FIFO as catalogue", a, -1, dir);
  }
  snprintf(sub, sizeof sub, "%s/scenarios", dir);
  mkdir(sub, 0755);
  snprintf(path, sizeof path, "%s/scenarios/x.yaml", dir);
  v_fifo(path, dir);
  {
    const char *a[] = { "--listen", "127.0.0.1:0", "--scenarios", sub, NULL };
    expect_scenarios_failure("a FIFO among the scenarios", a, dir, path);
  }
  unlink(path);
  rmdir(sub);
  snprintf(path, sizeof path, "%s/unreadable.yaml", dir);
  ops_write(path, good, good_len);
  chmod(path, 0);
  {
    const char *a[] = { "--listen", "127.0.0.1:0", "--catalogue", path, NULL };
    expect_start_failure("an unreadable catalogue", a, ops_unprivileged_uid(), dir);
  }
  ops_rmtree(dir);
}

/* The GPU offers and API prices live in config/catalogue.d/: the copy of
 * the catalogue in `dir` gets the same drop-in directory, so that a
 * scenario priced by an offer projects as it does on the default. */
static void
copy_drop_ins(const char *dir)
{
  static const char *const names[] = { "api-prices.yaml", "gpu-offers.yaml" };
  char from[600], to[600];

  snprintf(to, sizeof to, "%s/catalogue.d", dir);
  mkdir(to, 0755);
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
    size_t len = 0;
    char *text;

    snprintf(from, sizeof from, "%s", catalogue_src);
    assert_non_null(strrchr(from, '/'));
    snprintf(strrchr(from, '/'), sizeof from - (size_t)(strrchr(from, '/') - from),
             "/catalogue.d/%s", names[i]);
    text = hc_read_file(from, &len);
    assert_non_null(text);
    snprintf(to, sizeof to, "%s/catalogue.d/%s", dir, names[i]);
    ops_write(to, text, len);
    free(text);
  }
}

/* A FIFO put in the scenarios directory, and one over the catalogue, while
 * the server runs: each SIGHUP is refused at once (counted, logged) rather
 * than waiting for a writer, and SIGTERM then stops the server promptly. */
static void
fifo_reloads_never_block(void **state)
{
  char dir[256], path[512], scen[512], fifo[600], src[600];
  struct hc_daemon d;
  size_t len = 0;
  char *bot;

  (void)state;
  ops_tmpdir(dir, sizeof dir);
  snprintf(path, sizeof path, "%s/catalogue.yaml", dir);
  snprintf(scen, sizeof scen, "%s/scenarios", dir);
  mkdir(scen, 0755);
  ops_write(path, good, good_len);
  copy_drop_ins(dir);
  /* config/scenarios/support-bot.yaml, next to the catalogue given */
  snprintf(src, sizeof src, "%s", catalogue_src);
  assert_non_null(strrchr(src, '/'));
  snprintf(strrchr(src, '/'), sizeof src - (size_t)(strrchr(src, '/') - src),
           "/scenarios/support-bot.yaml");
  bot = hc_read_file(src, &len);
  assert_non_null(bot);
  snprintf(fifo, sizeof fifo, "%s/support-bot.yaml", scen);
  ops_write(fifo, bot, len);
  free(bot);
  const char *extra[] = { "--catalogue", path, "--scenarios", scen, "--drain-timeout", "5", NULL };

  ops_start(&d, dir, "fifo", extra, -1);
  assert_int_equal(hc_get(d.port, "/v1/scenarios/support-bot/projection", NULL, 5000), 200);

  snprintf(fifo, sizeof fifo, "%s/zz.yaml", scen);
  v_fifo(fifo, dir);
  assert_true(hup_and_wait(&d, FAILURES, 0) >= 1);
  unlink(fifo);
  v_fifo(path, dir);
  assert_true(hup_and_wait(&d, FAILURES, 1) >= 2);
  assert_int_equal(hc_get(d.port, "/v1/scenarios/support-bot/projection", NULL, 5000), 200);
  assert_true(ops_count_in_file(d.log_path, "not a regular file") >= 2);
  long long t0 = hc_now_ms();

  ops_stop_clean(&d, 5000);
  print_message("# FIFO in the scenarios and over the catalogue: 2 reloads refused; SIGTERM "
                "exit 0 after %lld ms\n",
                hc_now_ms() - t0);
  unlink(path);
  ops_rmtree(scen);
  ops_rmtree(dir);
}

int
main(int argc, char **argv)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test_teardown(startup_failures, ops_teardown),
    cmocka_unit_test_teardown(reload_bad_catalogues, ops_teardown),
    cmocka_unit_test_teardown(hup_storm_under_load, ops_teardown),
    cmocka_unit_test_teardown(sigterm_under_load, ops_teardown),
    cmocka_unit_test_teardown(fifo_reloads_never_block, ops_teardown),
  };

  if (argc != 3) {
    fprintf(stderr, "usage: %s AICOSTD CATALOGUE_YAML\n", argv[0]);
    return 2;
  }
  signal(SIGPIPE, SIG_IGN);
  ops_aicostd = argv[1];
  catalogue_src = argv[2];
  good = hc_read_file(catalogue_src, &good_len);
  if (good == NULL) {
    fprintf(stderr, "cannot read %s\n", catalogue_src);
    return 2;
  }
  return cmocka_run_group_tests(tests, NULL, NULL);
}
