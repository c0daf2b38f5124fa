/* See opsutil.h. */
#define _DEFAULT_SOURCE
#include "opsutil.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>
#include <jansson.h>

const char *ops_aicostd;

#define MAX_STARTED 16
/* Pids, not pointers: a failed assertion unwinds the test's stack. */
static pid_t started[MAX_STARTED];
static size_t n_started;

int
ops_teardown(void **state)
{
  (void)state;
  for (size_t i = 0; i < n_started; i++) {
    int st;

    /* 0: still our running child (not yet reaped by the test): stop it. */
    if (waitpid(started[i], &st, WNOHANG) == 0) {
      kill(started[i], SIGKILL);
      waitpid(started[i], &st, 0);
    }
  }
  n_started = 0;
  return 0;
}

void
ops_tmpdir(char *out, size_t cap)
{
  snprintf(out, cap, "/tmp/aicost-ops.XXXXXX");
  if (mkdtemp(out) == NULL)
    fail_msg("mkdtemp: %s", strerror(errno));
  chmod(out, 0755);
}

void
ops_rmtree(const char *dir)
{
  DIR *d = opendir(dir);
  struct dirent *e;
  char p[1024];

  if (d == NULL)
    return;
  while ((e = readdir(d)) != NULL) {
    if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
      continue;
    snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
    if (unlink(p) != 0)
      ops_rmtree(p); /* a directory (a catalogue's drop-ins): its files, then it */
  }
  closedir(d);
  rmdir(dir);
}

long
ops_unprivileged_uid(void)
{
  return geteuid() == 0 ? 65534 : -1;
}

void
ops_start(struct hc_daemon *d, const char *dir, const char *name, const char *const *extra,
          long uid)
{
  const char *args[48] = { "--listen", "127.0.0.1:0", "--threads", "2" };
  size_t n = 4;
  char log[512], err[512];

  for (size_t i = 0; extra != NULL && extra[i] != NULL && n < 47; i++)
    args[n++] = extra[i];
  args[n] = NULL;
  snprintf(log, sizeof log, "%s/%s.log", dir, name);
  if (hc_daemon_start(d, ops_aicostd, args, log, uid, 30000, err, sizeof err) != 0)
    fail_msg("%s", err);
  if (n_started < MAX_STARTED)
    started[n_started++] = d->pid;
}

void
ops_stop_clean(struct hc_daemon *d, int timeout_ms)
{
  int st = hc_daemon_stop(d, SIGTERM, timeout_ms);
  char desc[64];

  hc_describe_status(st, desc, sizeof desc);
  if (st < 0 || !WIFEXITED(st) || WEXITSTATUS(st) != 0)
    fail_msg("SIGTERM: expected exit 0 within %d ms, got %s (log %s)", timeout_ms, desc,
             d->log_path);
}

double
ops_metric(int port, const char *name)
{
  struct hc_response r;
  double v = -1;
  size_t nl = strlen(name);

  if (hc_get(port, "/metrics", &r, 5000) == 200) {
    for (const char *line = r.body; line != NULL && *line != '\0';) {
      if (strncmp(line, name, nl) == 0 && line[nl] == ' ') {
        v = strtod(line + nl + 1, NULL);
        break;
      }
      line = strchr(line, '\n');
      if (line != NULL)
        line++;
    }
  }
  hc_response_free(&r);
  return v;
}

double
ops_wait_metric(int port, const char *name, double want, int timeout_ms)
{
  long long end = hc_now_ms() + timeout_ms;
  double v = ops_metric(port, name);

  while (v < want && hc_now_ms() < end) {
    hc_sleep_ms(10);
    v = ops_metric(port, name);
  }
  return v;
}

bool
ops_catalogue(int port, char *version, size_t vcap, char *hash, size_t hcap)
{
  struct hc_response r;
  bool ok = false;

  if (hc_get(port, "/readyz", &r, 5000) == 200) {
    json_t *doc = json_loadb(r.body, r.body_len, 0, NULL);
    const char *v = json_string_value(
      json_object_get(json_object_get(doc, "catalogue"), "version"));
    const char *h = json_string_value(json_object_get(json_object_get(doc, "catalogue"), "hash"));

    if (v != NULL && h != NULL) {
      snprintf(version, vcap, "%s", v);
      snprintf(hash, hcap, "%s", h);
      ok = true;
    }
    json_decref(doc);
  }
  hc_response_free(&r);
  return ok;
}

int
ops_project(int port)
{
  static const char body[] = "{\"inference\":{\"cost_per_request_usd\":0.005},"
                             "\"traffic\":{\"requests_per_day\":5000000}}";

  return hc_post_json(port, "/v1/projections", body, sizeof body - 1, NULL, 10000);
}

int
ops_count_in_file(const char *path, const char *needle)
{
  size_t len = 0;
  char *text = hc_read_file(path, &len);
  int n = 0;

  for (const char *p = text; p != NULL && (p = strstr(p, needle)) != NULL; p += strlen(needle))
    n++;
  free(text);
  return n;
}

void
ops_write(const char *path, const void *bytes, size_t len)
{
  int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);

  if (fd < 0 || write(fd, bytes, len) != (ssize_t)len)
    fail_msg("write %s: %s", path, strerror(errno));
  fchmod(fd, 0644);
  close(fd);
}

bool
ops_asan(void)
{
#if defined(__SANITIZE_ADDRESS__)
  return true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
  return true;
#else
  return false;
#endif
#else
  return false;
#endif
}
