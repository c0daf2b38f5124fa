/* See harness.h. */
#include "harness.h"

#include <curl/curl.h>
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

static FILE *recorded;

static const char *
env_or(const char *name, const char *fallback)
{
  const char *v = getenv(name);

  return v != NULL && *v != '\0' ? v : fallback;
}

void
http_init(void)
{
  const char *path = env_or("AICOST_RESPONSES", "responses.jsonl");

  curl_global_init(CURL_GLOBAL_DEFAULT);
  recorded = fopen(path, "w");
  if (recorded == NULL)
    fprintf(stderr, "# cannot write %s: %s\n", path, strerror(errno));
}

char *
read_file(const char *path, size_t *len)
{
  FILE *f = fopen(path, "rb");
  char *buf = NULL;
  size_t n = 0;
  size_t cap = 0;

  if (f == NULL)
    return NULL;
  for (;;) {
    size_t got;

    if (cap - n < 4096) {
      char *grown = realloc(buf, cap + 65536);

      if (grown == NULL) {
        free(buf);
        fclose(f);
        return NULL;
      }
      buf = grown;
      cap += 65536;
    }
    got = fread(buf + n, 1, cap - n - 1, f);
    n += got;
    if (got == 0)
      break;
  }
  fclose(f);
  buf[n] = '\0';
  if (len != NULL)
    *len = n;
  return buf;
}

char *
read_source_file(const char *relative, size_t *len)
{
  char path[1024];

  snprintf(path, sizeof path, "%s/%s", env_or("AICOST_SOURCE_ROOT", "."), relative);
  return read_file(path, len);
}

bool
write_file(const char *path, const char *data, size_t len)
{
  FILE *f = fopen(path, "wb");
  bool ok;

  if (f == NULL)
    return false;
  ok = fwrite(data, 1, len, f) == len;
  return fclose(f) == 0 && ok;
}

static void
nap_ms(long ms)
{
  struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

  nanosleep(&ts, NULL);
}

bool
server_start(struct server *s, const char *const *args, int *status)
{
  static unsigned serial;
  const char *tmp = env_or("TMPDIR", "/tmp");
  const char *bin = env_or("AICOSTD", "aicostd");
  const char *argv[64];
  size_t n = 0;

  memset(s, 0, sizeof *s);
  serial++;
  snprintf(s->port_file, sizeof s->port_file, "%s/aicostd-test-%d-%u.port", tmp, (int)getpid(),
           serial);
  snprintf(s->log, sizeof s->log, "%s/aicostd-test-%d-%u.log", tmp, (int)getpid(), serial);
  unlink(s->port_file);
  argv[n++] = bin;
  argv[n++] = "--listen";
  argv[n++] = "127.0.0.1:0";
  argv[n++] = "--port-file";
  argv[n++] = s->port_file;
  for (size_t i = 0; args != NULL && args[i] != NULL && n < 63; i++)
    argv[n++] = args[i];
  argv[n] = NULL;

  s->pid = fork();
  if (s->pid == 0) {
    int log = open(s->log, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int null = open("/dev/null", O_WRONLY);
    static const char *const vars[] = { "AICOST_LISTEN",      "AICOST_CATALOGUE",
                                        "AICOST_THREADS",     "AICOST_MAX_BODY",
                                        "AICOST_CORS_ORIGIN", "AICOST_MAX_CONNECTIONS",
                                        "AICOST_TIMEOUT",     "AICOST_DRAIN_TIMEOUT",
                                        "AICOST_ACCESS_LOG" };

    dup2(log, STDERR_FILENO);
    dup2(null, STDOUT_FILENO);
    for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++)
      unsetenv(vars[i]);
    execv(bin, (char *const *)argv);
    _exit(127);
  }
  /* Up to 20 s for the port file: a safety net, not a timing assertion. */
  for (int i = 0; i < 2000; i++) {
    int st = 0;
    char *text;

    if (waitpid(s->pid, &st, WNOHANG) == s->pid) {
      if (status != NULL)
        *status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
      s->pid = 0;
      return false;
    }
    text = read_file(s->port_file, NULL);
    if (text != NULL && strchr(text, '\n') != NULL) {
      s->port = (unsigned)strtoul(text, NULL, 10);
      free(text);
      return s->port > 0;
    }
    free(text);
    nap_ms(10);
  }
  return false;
}

void
server_signal(struct server *s, int sig)
{
  if (s->pid > 0)
    kill(s->pid, sig);
}

int
server_stop(struct server *s)
{
  int st = 0;

  if (s->pid <= 0)
    return -1;
  kill(s->pid, SIGTERM);
  if (waitpid(s->pid, &st, 0) != s->pid)
    return -1;
  s->pid = 0;
  unlink(s->port_file);
  return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

char *
server_log(const struct server *s)
{
  return read_file(s->log, NULL);
}

/* ---- libcurl ---- */

struct buf {
  char *p;
  size_t n;
};

static size_t
collect(char *data, size_t size, size_t nmemb, void *userdata)
{
  struct buf *b = userdata;
  size_t n = size * nmemb;
  char *grown = realloc(b->p, b->n + n + 1);

  if (grown == NULL)
    return 0;
  b->p = grown;
  memcpy(b->p + b->n, data, n);
  b->n += n;
  b->p[b->n] = '\0';
  return n;
}

/* Keeps only the final response's headers (not those of "100 Continue"). */
static size_t
collect_header(char *data, size_t size, size_t nmemb, void *userdata)
{
  struct buf *b = userdata;

  if (size * nmemb >= 5 && strncmp(data, "HTTP/", 5) == 0)
    b->n = 0;
  return collect(data, size, nmemb, userdata);
}

struct upload {
  const char *p;
  size_t left;
};

/* Small reads, so a chunked body really arrives as many chunks. */
static size_t
feed(char *out, size_t size, size_t nmemb, void *userdata)
{
  struct upload *u = userdata;
  size_t n = size * nmemb;

  if (n > 16384)
    n = 16384;
  if (n > u->left)
    n = u->left;
  memcpy(out, u->p, n);
  u->p += n;
  u->left -= n;
  return n;
}

const char *
http_header(const struct http_resp *r, const char *name)
{
  static char value[1024];
  size_t nlen = strlen(name);
  const char *p = r->headers;

  while (p != NULL && *p != '\0') {
    const char *eol = strstr(p, "\r\n");
    size_t llen = eol != NULL ? (size_t)(eol - p) : strlen(p);

    if (llen > nlen && strncasecmp(p, name, nlen) == 0 && p[nlen] == ':') {
      const char *v = p + nlen + 1;
      size_t vlen;

      while (*v == ' ')
        v++;
      vlen = llen - (size_t)(v - p);
      if (vlen >= sizeof value)
        vlen = sizeof value - 1;
      memcpy(value, v, vlen);
      value[vlen] = '\0';
      return value;
    }
    p = eol != NULL ? eol + 2 : NULL;
  }
  return NULL;
}

static void
record(const struct http_req *rq, const struct http_resp *r)
{
  json_t *line;
  json_t *headers = json_object();
  json_t *body;
  const char *p = r->headers;
  char *text;

  if (recorded == NULL)
    return;
  /* every header, lower-case names */
  while (p != NULL && *p != '\0') {
    const char *eol = strstr(p, "\r\n");
    const char *colon = strchr(p, ':');

    if (eol == NULL)
      break;
    if (colon != NULL && colon < eol && strncmp(p, "HTTP/", 5) != 0) {
      char name[128];
      size_t n = (size_t)(colon - p) < sizeof name - 1 ? (size_t)(colon - p) : sizeof name - 1;
      const char *v = colon + 1;

      for (size_t i = 0; i < n; i++)
        name[i] = (char)((p[i] >= 'A' && p[i] <= 'Z') ? p[i] + 32 : p[i]);
      name[n] = '\0';
      while (*v == ' ')
        v++;
      json_object_set_new(headers, name, json_stringn(v, (size_t)(eol - v)));
    }
    p = eol + 2;
  }
  body = json_stringn(r->body != NULL ? r->body : "", r->len);
  if (body == NULL)
    body = json_string("<not UTF-8>");
  /* without a template, the path is one, less its query string */
  line = json_pack(
    "{s:s, s:s, s:s#, s:i, s:s?, s:o, s:o}", "method", rq->method != NULL ? rq->method : "GET",
    "path", rq->path, "template", rq->tmpl != NULL ? rq->tmpl : rq->path,
    (int)strcspn(rq->tmpl != NULL ? rq->tmpl : rq->path, rq->tmpl != NULL ? "" : "?"), "status",
    (int)r->status, "content_type", http_header(r, "Content-Type"), "headers", headers, "body",
    body);
  text = json_dumps(line, JSON_COMPACT);
  if (text != NULL) {
    fprintf(recorded, "%s\n", text);
    fflush(recorded);
  }
  free(text);
  json_decref(line);
}

bool
http_do(const struct server *s, const struct http_req *rq, struct http_resp *out)
{
  CURL *c = curl_easy_init();
  struct curl_slist *hl = NULL;
  struct buf body = { NULL, 0 };
  struct buf head = { NULL, 0 };
  struct upload up = { NULL, 0 };
  const char *method = rq->method != NULL ? rq->method : "GET";
  bool expect_given = false;
  char url[4096];
  CURLcode rc;

  memset(out, 0, sizeof *out);
  if (c == NULL)
    return false;
  snprintf(url, sizeof url, "http://127.0.0.1:%u%s", s->port, rq->path);
  curl_easy_setopt(c, CURLOPT_URL, url);
  curl_easy_setopt(c, CURLOPT_TIMEOUT, 60L); /* a hung server fails the test, not the CI job */
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, collect);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &body);
  curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, collect_header);
  curl_easy_setopt(c, CURLOPT_HEADERDATA, &head);
  curl_easy_setopt(c, CURLOPT_PATH_AS_IS, 1L);
  for (size_t i = 0; rq->headers != NULL && rq->headers[i] != NULL; i++) {
    hl = curl_slist_append(hl, rq->headers[i]);
    if (strncasecmp(rq->headers[i], "Expect:", 7) == 0)
      expect_given = true;
  }
  if (!expect_given)
    hl = curl_slist_append(hl, "Expect:");
  if (rq->chunked)
    hl = curl_slist_append(hl, "Transfer-Encoding: chunked");
  if (strcmp(method, "HEAD") == 0) {
    curl_easy_setopt(c, CURLOPT_NOBODY, 1L);
  } else if (rq->body != NULL || strcmp(method, "POST") == 0) {
    size_t len = rq->body == NULL ? 0 : rq->body_len > 0 ? rq->body_len : strlen(rq->body);

    curl_easy_setopt(c, CURLOPT_POST, 1L);
    if (rq->chunked) {
      up.p = rq->body;
      up.left = len;
      curl_easy_setopt(c, CURLOPT_READFUNCTION, feed);
      curl_easy_setopt(c, CURLOPT_READDATA, &up);
    } else {
      curl_easy_setopt(c, CURLOPT_POSTFIELDS, rq->body != NULL ? rq->body : "");
      curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)len);
    }
    if (strcmp(method, "POST") != 0)
      curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
  } else if (strcmp(method, "GET") != 0) {
    curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
  }
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, hl);
  rc = curl_easy_perform(c);
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &out->status);
  curl_slist_free_all(hl);
  curl_easy_cleanup(c);
  out->body = body.p != NULL ? body.p : calloc(1, 1);
  out->len = body.n;
  out->headers = head.p != NULL ? head.p : calloc(1, 1);
  out->headers_len = head.n;
  if (rc != CURLE_OK) {
    fprintf(stderr, "# %s %s: %s\n", method, rq->path, curl_easy_strerror(rc));
    return false;
  }
  record(rq, out);
  return true;
}

void
http_resp_free(struct http_resp *r)
{
  free(r->body);
  free(r->headers);
  memset(r, 0, sizeof *r);
}

bool
http_get(const struct server *s, const char *path, const char *tmpl, struct http_resp *out)
{
  struct http_req rq = { .method = "GET", .path = path, .tmpl = tmpl };

  return http_do(s, &rq, out);
}

bool
http_post_json(const struct server *s, const char *path, const char *body,
               const char *const *headers, struct http_resp *out)
{
  const char *h[16] = { "Content-Type: application/json" };
  size_t n = 1;
  struct http_req rq = { .method = "POST", .path = path, .body = body, .headers = h };

  for (size_t i = 0; headers != NULL && headers[i] != NULL && n < 15; i++)
    h[n++] = headers[i];
  h[n] = NULL;
  return http_do(s, &rq, out);
}

int
http_validate_recorded(void)
{
  const char *node = env_or("AICOST_NODE", "");
  const char *script = env_or("AICOST_VALIDATOR", "");
  const char *ci = env_or("CI", "");
  char openapi[1024];
  char ajv[1024];
  struct stat st;
  pid_t pid;
  int status = 0;

  snprintf(openapi, sizeof openapi, "%s/openapi.yaml", env_or("AICOST_SOURCE_ROOT", "."));
  snprintf(ajv, sizeof ajv, "%s/tests/node_modules/ajv/package.json",
           env_or("AICOST_SOURCE_ROOT", "."));
  if (*node == '\0' || *script == '\0' || stat(ajv, &st) != 0) {
    fprintf(stderr, "# node or tests/node_modules (ajv) missing: run npm ci in tests/\n");
    /* In CI a missing tool is a failure, never a silent pass. */
    return strcmp(ci, "true") == 0 ? 1 : 77;
  }
  if (recorded != NULL)
    fflush(recorded);
  pid = fork();
  if (pid == 0) {
    dup2(STDERR_FILENO, STDOUT_FILENO); /* keep TAP on stdout clean */
    execl(node, node, script, openapi, env_or("AICOST_RESPONSES", "responses.jsonl"), (char *)NULL);
    _exit(127);
  }
  if (pid < 0 || waitpid(pid, &status, 0) != pid)
    return 1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}

int
http_group_start(struct server *s, const char *const *args)
{
  http_init();
  return server_start(s, args, NULL) ? 0 : -1;
}

int
http_group_stop(struct server *s)
{
  return server_stop(s) == 0 ? 0 : -1;
}

void
test_responses_match_openapi(void **state)
{
  int r;

  (void)state;
  r = http_validate_recorded();
  if (r == 77)
    skip();
  assert_int_equal(r, 0);
}

json_t *
http_body_json(const struct http_resp *r)
{
  json_error_t err;
  json_t *j = json_loadb(r->body, r->len, 0, &err);

  if (j == NULL)
    fail_msg("not JSON (%s): %.200s", err.text, r->body);
  return j;
}

double
metric_value(const char *text, const char *series)
{
  size_t n = strlen(series);
  const char *p = text;

  while (p != NULL && *p != '\0') {
    if (strncmp(p, series, n) == 0 && p[n] == ' ')
      return strtod(p + n + 1, NULL);
    p = strchr(p, '\n');
    if (p != NULL)
      p++;
  }
  return -1;
}

void
http_assert_cli_bytes(const struct server *s, const char *command, const char *path,
                      const char *file)
{
  static const char *const formats[] = { "json", "csv", "svg", "table", "markdown" };
  static const char *const accept[] = { "Accept: application/json", "Accept: text/csv",
                                        "Accept: image/svg+xml", "Accept: text/plain",
                                        "Accept: text/markdown" };
  const char *cli = getenv("AICOST_CLI"), *root = getenv("AICOST_SOURCE_ROOT");
  char *req = read_source_file(file, NULL);

  assert_non_null(cli);
  assert_non_null(root);
  assert_non_null(req);
  for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++) {
    const char *const headers[] = { accept[i], NULL };
    char cmd[2048], *out = malloc(1 << 20);
    struct http_resp r;
    size_t n;
    FILE *p;

    snprintf(cmd, sizeof cmd, "'%s' %s --format %s '%s/%s' 2>/dev/null", cli, command, formats[i],
             root, file);
    assert_non_null(out);
    p = popen(cmd, "r");
    assert_non_null(p);
    n = fread(out, 1, (1 << 20) - 1, p);
    assert_int_equal(pclose(p), 0);
    assert_true(http_post_json(s, path, req, headers, &r));
    assert_int_equal(r.status, 200);
    if (i == 0) {
      assert_true(n == r.len + 1 && out[r.len] == '\n');
      n = r.len;
    }
    if (n != r.len || memcmp(out, r.body, n) != 0)
      fail_msg("aicost %s --format %s %s: not the server's bytes", command, formats[i], file);
    http_resp_free(&r);
    free(out);
  }
  free(req);
}
