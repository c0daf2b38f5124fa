/* See hclient.h. Everything here is bounded in bytes and time so that a
 * misbehaving server makes a test fail, never hang. */
#define _DEFAULT_SOURCE /* setgroups, strncasecmp */
#include "hclient.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>

#define HEADER_CAP (1u << 20) /* a response head larger than this is a failure */
#define BODY_CAP (256u << 20) /* no response of ours is anywhere near this */

long long
hc_now_ms(void)
{
  struct timespec ts;

  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void
hc_sleep_ms(int ms)
{
  struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };

  while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
    ;
}

const char *
hc_memcasemem(const char *hay, size_t hay_len, const char *needle)
{
  size_t n = strlen(needle);

  if (n == 0)
    return hay;
  for (size_t i = 0; i + n <= hay_len; i++)
    if (strncasecmp(hay + i, needle, n) == 0)
      return hay + i;
  return NULL;
}

/* strncasecmp stops at a NUL in the haystack; bodies may hold NULs, so the
 * above only ever misses a match that straddles one, which is fine. */

char *
hc_read_file(const char *path, size_t *len)
{
  FILE *f = fopen(path, "rb");
  char *buf = NULL;
  size_t n = 0, cap = 0;

  if (f == NULL)
    return NULL;
  for (;;) {
    if (n + 65536 + 1 > cap) {
      size_t ncap = cap == 0 ? 131072 : cap * 2;
      char *nb = realloc(buf, ncap);

      if (nb == NULL) {
        free(buf);
        fclose(f);
        return NULL;
      }
      buf = nb;
      cap = ncap;
    }
    size_t got = fread(buf + n, 1, 65536, f);

    n += got;
    if (got < 65536)
      break;
  }
  fclose(f);
  buf[n] = '\0';
  if (len != NULL)
    *len = n;
  return buf;
}

void
hc_describe_status(int status, char *out, size_t cap)
{
  if (status < 0)
    snprintf(out, cap, "did not exit in time");
  else if (WIFEXITED(status))
    snprintf(out, cap, "exit %d", WEXITSTATUS(status));
  else if (WIFSIGNALED(status))
    snprintf(out, cap, "killed by signal %d%s", WTERMSIG(status),
             WCOREDUMP(status) ? " (core dumped)" : "");
  else
    snprintf(out, cap, "wait status %d", status);
}

static pid_t
spawn(const char *exe, const char *const *args, const char *log_path, long run_as_uid)
{
  const char *argv[64];
  size_t n = 0;
  int log_fd = open(log_path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);

  if (log_fd < 0)
    return -1;
  argv[n++] = exe;
  for (size_t i = 0; args != NULL && args[i] != NULL && n < 63; i++)
    argv[n++] = args[i];
  argv[n] = NULL;

  pid_t pid = fork();

  if (pid == 0) {
    int null_fd = open("/dev/null", O_RDONLY);

    if (null_fd >= 0)
      dup2(null_fd, 0);
    dup2(log_fd, 1);
    dup2(log_fd, 2);
    if (run_as_uid >= 0) {
      /* Root ignores file modes, so permission tests drop to an
       * unprivileged uid the way the container's non-root user runs. */
      if (setgroups(0, NULL) != 0 || setgid((gid_t)run_as_uid) != 0 ||
          setuid((uid_t)run_as_uid) != 0) {
        dprintf(2, "hclient: cannot drop to uid %ld: %s\n", run_as_uid, strerror(errno));
        _exit(126);
      }
    }
    execv(exe, (char *const *)argv);
    dprintf(2, "hclient: exec %s: %s\n", exe, strerror(errno));
    _exit(127);
  }
  close(log_fd);
  return pid;
}

static int
parse_port(const char *log, size_t len)
{
  const char *mark = hc_memcasemem(log, len, "listening on http://");

  if (mark == NULL)
    return -1;
  const char *stop = log + len;
  const char *url = mark + strlen("listening on ");
  const char *end = url;

  while (end < stop && *end != '\n' && *end != ' ' && *end != '"' && *end != '\r')
    end++;
  /* Until the newline is there the port may be half written. */
  if (end == stop || end == url || end[-1] < '0' || end[-1] > '9')
    return -1;
  const char *colon = end;

  while (colon > url && colon[-1] != ':')
    colon--;
  long port = 0;

  for (const char *p = colon; p < end; p++) {
    if (*p < '0' || *p > '9')
      return -1;
    port = port * 10 + (*p - '0');
    if (port > 65535)
      return -1;
  }
  return (int)port;
}

int
hc_daemon_start(struct hc_daemon *d, const char *exe, const char *const *args, const char *log_path,
                long run_as_uid, int timeout_ms, char *err, size_t errcap)
{
  memset(d, 0, sizeof *d);
  snprintf(d->log_path, sizeof d->log_path, "%s", log_path);
  d->pid = spawn(exe, args, log_path, run_as_uid);
  if (d->pid < 0) {
    snprintf(err, errcap, "cannot start %s: %s", exe, strerror(errno));
    return -1;
  }
  long long deadline = hc_now_ms() + timeout_ms;

  while (hc_now_ms() < deadline) {
    size_t len = 0;
    char *log = hc_read_file(log_path, &len);
    int port = log != NULL ? parse_port(log, len) : -1;

    free(log);
    if (port > 0) {
      d->port = port;
      return 0;
    }
    if (!hc_daemon_alive(d)) {
      char why[64];

      hc_describe_status(d->wait_status, why, sizeof why);
      snprintf(err, errcap, "%s %s before listening (see %s)", exe, why, log_path);
      return -1;
    }
    hc_sleep_ms(10);
  }
  hc_daemon_stop(d, SIGKILL, 2000);
  snprintf(err, errcap, "no 'listening on http://' line from %s within %d ms (see %s)", exe,
           timeout_ms, log_path);
  return -1;
}

int
hc_run(const char *exe, const char *const *args, const char *log_path, long run_as_uid,
       int timeout_ms)
{
  struct hc_daemon d;

  memset(&d, 0, sizeof d);
  d.pid = spawn(exe, args, log_path, run_as_uid);
  if (d.pid < 0)
    return -1;
  long long deadline = hc_now_ms() + timeout_ms;

  while (hc_now_ms() < deadline) {
    if (!hc_daemon_alive(&d))
      return d.wait_status;
    hc_sleep_ms(5);
  }
  hc_daemon_stop(&d, SIGKILL, 2000);
  return -1;
}

bool
hc_daemon_alive(struct hc_daemon *d)
{
  int st = 0;

  if (d->exited || d->pid <= 0)
    return false;
  pid_t r = waitpid(d->pid, &st, WNOHANG);

  if (r == d->pid) {
    d->exited = true;
    d->wait_status = st;
    return false;
  }
  return true;
}

int
hc_daemon_stop(struct hc_daemon *d, int sig, int timeout_ms)
{
  if (!hc_daemon_alive(d))
    return d->exited ? d->wait_status : -1;
  kill(d->pid, sig);
  long long deadline = hc_now_ms() + timeout_ms;

  while (hc_now_ms() < deadline) {
    if (!hc_daemon_alive(d))
      return d->wait_status;
    hc_sleep_ms(5);
  }
  kill(d->pid, SIGKILL);
  waitpid(d->pid, &d->wait_status, 0);
  d->exited = true;
  return -1;
}

long
hc_rss_kib(pid_t pid)
{
  char path[64], *text;
  long kib = -1;

  snprintf(path, sizeof path, "/proc/%ld/status", (long)pid);
  text = hc_read_file(path, NULL);
  if (text == NULL)
    return -1;
  const char *line = strstr(text, "VmRSS:");

  if (line != NULL) {
    char *end = NULL;

    kib = strtol(line + 6, &end, 10);
    if (end == line + 6)
      kib = -1;
  }
  free(text);
  return kib;
}

/* ---- connections ---- */

int
hc_connect(struct hc_conn *c, int port)
{
  struct sockaddr_in sa;
  int one = 1;

  memset(c, 0, sizeof *c);
  c->fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (c->fd < 0)
    return -1;
  memset(&sa, 0, sizeof sa);
  sa.sin_family = AF_INET;
  sa.sin_port = htons((unsigned short)port);
  sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(c->fd, (struct sockaddr *)&sa, sizeof sa) != 0) {
    close(c->fd);
    c->fd = -1;
    return -1;
  }
  /* Small writes (a slowloris trickle, a pipelined burst) must leave at once. */
  setsockopt(c->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  return 0;
}

int
hc_send(struct hc_conn *c, const void *bytes, size_t len, int timeout_ms)
{
  const char *p = bytes;
  long long deadline = hc_now_ms() + timeout_ms;

  while (len > 0) {
    struct pollfd pfd = { c->fd, POLLOUT | POLLIN, 0 };
    long long left = deadline - hc_now_ms();

    if (left <= 0)
      return -1;
    int r = poll(&pfd, 1, (int)left);

    if (r < 0 && errno == EINTR)
      continue;
    if (r <= 0)
      return -1;
    /* The server answered (say 413) before taking everything: stop
     * pushing bytes it will not read and go and read its answer. */
    if (pfd.revents & POLLIN)
      return 1;
    if (pfd.revents & (POLLERR | POLLHUP))
      return -1;
    ssize_t n = send(c->fd, p, len, MSG_NOSIGNAL | MSG_DONTWAIT);

    if (n < 0) {
      if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)
        continue;
      return -1;
    }
    p += n;
    len -= (size_t)n;
  }
  return 0;
}

void
hc_half_close(struct hc_conn *c)
{
  if (c->fd >= 0)
    shutdown(c->fd, SHUT_WR);
}

void
hc_close(struct hc_conn *c)
{
  if (c->fd >= 0)
    close(c->fd);
  c->fd = -1;
  free(c->buf);
  c->buf = NULL;
  c->len = c->cap = 0;
}

/* Reads more bytes into c->buf; 1 got some, 0 EOF, -1 error or timeout. */
static int
fill(struct hc_conn *c, long long deadline)
{
  if (c->eof)
    return 0;
  if (c->len + 65536 + 1 > c->cap) {
    size_t ncap = c->cap == 0 ? 131072 : c->cap * 2;
    char *nb;

    if (ncap > (size_t)HEADER_CAP + BODY_CAP + 131072)
      return -1;
    nb = realloc(c->buf, ncap);
    if (nb == NULL)
      return -1;
    c->buf = nb;
    c->cap = ncap;
  }
  for (;;) {
    struct pollfd pfd = { c->fd, POLLIN, 0 };
    long long left = deadline - hc_now_ms();

    if (left <= 0)
      return -1;
    int r = poll(&pfd, 1, (int)left);

    if (r < 0 && errno == EINTR)
      continue;
    if (r <= 0)
      return -1;
    ssize_t n = recv(c->fd, c->buf + c->len, c->cap - c->len - 1, 0);

    if (n < 0 && (errno == EINTR || errno == EAGAIN))
      continue;
    if (n < 0) {
      c->eof = true; /* reset: treat as closed */
      return 0;
    }
    if (n == 0) {
      c->eof = true;
      return 0;
    }
    c->len += (size_t)n;
    c->buf[c->len] = '\0';
    return 1;
  }
}

static void
consume(struct hc_conn *c, size_t n)
{
  memmove(c->buf, c->buf + n, c->len - n);
  c->len -= n;
  if (c->buf != NULL)
    c->buf[c->len] = '\0';
}

static const char *
find_crlf2(const char *buf, size_t len)
{
  for (size_t i = 0; i + 4 <= len; i++)
    if (buf[i] == '\r' && buf[i + 1] == '\n' && buf[i + 2] == '\r' && buf[i + 3] == '\n')
      return buf + i;
  return NULL;
}

void
hc_response_free(struct hc_response *r)
{
  for (size_t i = 0; i < r->n_headers; i++) {
    free(r->headers[i].name);
    free(r->headers[i].value);
  }
  free(r->body);
  memset(r, 0, sizeof *r);
}

const char *
hc_header(const struct hc_response *r, const char *name)
{
  for (size_t i = 0; i < r->n_headers; i++)
    if (strcasecmp(r->headers[i].name, name) == 0)
      return r->headers[i].value;
  return NULL;
}

static char *
dup_range(const char *s, size_t n)
{
  char *out = malloc(n + 1);

  if (out != NULL) {
    memcpy(out, s, n);
    out[n] = '\0';
  }
  return out;
}

static int
parse_head(struct hc_response *r, const char *head, size_t len)
{
  const char *eol = memchr(head, '\r', len);
  const char *end = head + len;

  if (eol == NULL || len < 12 || memcmp(head, "HTTP/", 5) != 0) {
    snprintf(r->error, sizeof r->error, "not an HTTP status line");
    return -1;
  }
  const char *sp = memchr(head, ' ', (size_t)(eol - head));

  if (sp == NULL || eol - sp < 4 || sp[1] < '1' || sp[1] > '5' || sp[2] < '0' || sp[2] > '9' ||
      sp[3] < '0' || sp[3] > '9') {
    snprintf(r->error, sizeof r->error, "bad status line");
    return -1;
  }
  snprintf(r->version, sizeof r->version, "%.*s", (int)(sp - head), head);
  r->status = (sp[1] - '0') * 100 + (sp[2] - '0') * 10 + (sp[3] - '0');
  const char *line = eol + 2;

  while (line < end) {
    const char *le = line;

    while (le + 1 < end && !(le[0] == '\r' && le[1] == '\n'))
      le++;
    if (le + 1 >= end)
      le = end;
    const char *colon = memchr(line, ':', (size_t)(le - line));

    if (colon != NULL && r->n_headers < HC_MAX_HEADERS) {
      const char *v = colon + 1;
      const char *ve = le;

      while (v < ve && (*v == ' ' || *v == '\t'))
        v++;
      while (ve > v && (ve[-1] == ' ' || ve[-1] == '\t'))
        ve--;
      r->headers[r->n_headers].name = dup_range(line, (size_t)(colon - line));
      r->headers[r->n_headers].value = dup_range(v, (size_t)(ve - v));
      r->n_headers++;
    }
    line = le + 2;
  }
  return 0;
}

/* Appends n bytes from the connection buffer to the body. */
static int
body_take(struct hc_response *r, struct hc_conn *c, size_t n, size_t *cap)
{
  if (r->body_len + n + 1 > *cap) {
    size_t ncap = *cap == 0 ? 4096 : *cap;

    while (ncap < r->body_len + n + 1)
      ncap *= 2;
    if (ncap > BODY_CAP)
      return -1;
    char *nb = realloc(r->body, ncap);

    if (nb == NULL)
      return -1;
    r->body = nb;
    *cap = ncap;
  }
  memcpy(r->body + r->body_len, c->buf, n);
  r->body_len += n;
  r->body[r->body_len] = '\0';
  consume(c, n);
  return 0;
}

static int
read_chunked(struct hc_conn *c, struct hc_response *r, long long deadline, size_t *cap)
{
  for (;;) {
    const char *eol;

    while ((eol = c->len > 0 ? memchr(c->buf, '\n', c->len) : NULL) == NULL)
      if (fill(c, deadline) <= 0)
        return -1;
    unsigned long long size = 0;
    size_t i = 0;

    for (; c->buf + i < eol; i++) {
      char ch = c->buf[i];
      int v = ch >= '0' && ch <= '9'   ? ch - '0'
              : ch >= 'a' && ch <= 'f' ? ch - 'a' + 10
              : ch >= 'A' && ch <= 'F' ? ch - 'A' + 10
                                       : -1;

      if (v < 0)
        break;
      size = size * 16 + (unsigned)v;
      if (size > BODY_CAP)
        return -1;
    }
    consume(c, (size_t)(eol - c->buf) + 1);
    if (size == 0) {
      /* trailers, then the empty line */
      for (;;) {
        while ((eol = c->len > 0 ? memchr(c->buf, '\n', c->len) : NULL) == NULL)
          if (fill(c, deadline) <= 0)
            return -1;
        size_t l = (size_t)(eol - c->buf) + 1;
        bool empty = l <= 2;

        consume(c, l);
        if (empty)
          return 0;
      }
    }
    while (c->len < size + 2)
      if (fill(c, deadline) <= 0)
        return -1;
    if (body_take(r, c, (size_t)size, cap) != 0)
      return -1;
    consume(c, 2);
  }
}

int
hc_read_response(struct hc_conn *c, struct hc_response *r, bool head_request, int timeout_ms)
{
  long long deadline = hc_now_ms() + timeout_ms;
  size_t cap = 0;

  memset(r, 0, sizeof *r);
  for (;;) {
    const char *end;

    while ((end = find_crlf2(c->buf, c->len)) == NULL) {
      if (c->len > HEADER_CAP) {
        snprintf(r->error, sizeof r->error, "response head over %u bytes", HEADER_CAP);
        return -1;
      }
      int f = fill(c, deadline);

      if (f <= 0) {
        snprintf(r->error, sizeof r->error, "%s",
                 f == 0 ? (c->len == 0 ? "closed without a response" : "closed inside the head")
                        : "timed out waiting for a response");
        return -1;
      }
    }
    size_t head_len = (size_t)(end - c->buf) + 4;

    if (parse_head(r, c->buf, head_len - 2) != 0)
      return -1;
    consume(c, head_len);
    if (r->status >= 100 && r->status < 200) {
      hc_response_free(r); /* 100 Continue: the real answer follows */
      continue;
    }
    break;
  }
  const char *te = hc_header(r, "Transfer-Encoding");
  const char *cl = hc_header(r, "Content-Length");

  if (head_request || r->status == 204 || r->status == 304) {
    r->body = calloc(1, 1);
    return 0;
  }
  if (te != NULL && hc_memcasemem(te, strlen(te), "chunked") != NULL) {
    if (read_chunked(c, r, deadline, &cap) != 0) {
      r->truncated = true;
      snprintf(r->error, sizeof r->error, "chunked body cut short");
    }
  } else if (cl != NULL) {
    char *e = NULL;
    unsigned long long want = strtoull(cl, &e, 10);

    if (e == cl || want > BODY_CAP) {
      snprintf(r->error, sizeof r->error, "bad Content-Length in response");
      r->truncated = true;
    } else {
      while (c->len < want)
        if (fill(c, deadline) <= 0)
          break;
      size_t take = c->len < want ? c->len : (size_t)want;

      if (body_take(r, c, take, &cap) != 0 || take < want) {
        r->truncated = true;
        snprintf(r->error, sizeof r->error, "body cut short: %zu of %llu bytes", take, want);
      }
    }
  } else {
    /* HTTP/1.0 style: the body runs to the close */
    int f;

    while ((f = fill(c, deadline)) > 0)
      ;
    if (f < 0 && !c->eof) {
      r->truncated = true;
      snprintf(r->error, sizeof r->error, "timed out reading a body delimited by close");
    }
    if (body_take(r, c, c->len, &cap) != 0)
      r->truncated = true;
  }
  if (r->body == NULL)
    r->body = calloc(1, 1);
  return 0;
}

int
hc_expect_close(struct hc_conn *c, int timeout_ms)
{
  long long deadline = hc_now_ms() + timeout_ms;
  int f;

  while ((f = fill(c, deadline)) > 0)
    ;
  if (c->len > 0)
    return 1;
  return f == 0 ? 0 : -1;
}

int
hc_exchange(int port, const void *req, size_t len, struct hc_response *r, int timeout_ms)
{
  struct hc_conn c;

  memset(r, 0, sizeof *r);
  if (hc_connect(&c, port) != 0) {
    snprintf(r->error, sizeof r->error, "connect: %s", strerror(errno));
    return -1;
  }
  hc_send(&c, req, len, timeout_ms);
  bool head = len >= 5 && memcmp(req, "HEAD ", 5) == 0;
  int rc = hc_read_response(&c, r, head, timeout_ms);

  hc_close(&c);
  return rc;
}

int
hc_get(int port, const char *path, struct hc_response *r_or_null, int timeout_ms)
{
  char req[2048];
  struct hc_response tmp;
  struct hc_response *r = r_or_null != NULL ? r_or_null : &tmp;
  int n = snprintf(req, sizeof req,
                   "GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n", path);

  if (n < 0 || (size_t)n >= sizeof req)
    return 0;
  hc_exchange(port, req, (size_t)n, r, timeout_ms);
  int status = r->truncated ? 0 : r->status;

  if (r_or_null == NULL)
    hc_response_free(&tmp);
  return status;
}

int
hc_post_json(int port, const char *path, const char *body, size_t len,
             struct hc_response *r_or_null, int timeout_ms)
{
  char head[1024];
  struct hc_response tmp;
  struct hc_response *r = r_or_null != NULL ? r_or_null : &tmp;
  int n = snprintf(head, sizeof head,
                   "POST %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                   "Content-Type: application/json\r\nContent-Length: %zu\r\n\r\n",
                   path, len);

  if (n < 0 || (size_t)n >= sizeof head)
    return 0;
  char *req = malloc((size_t)n + len);

  if (req == NULL)
    return 0;
  memcpy(req, head, (size_t)n);
  memcpy(req + n, body, len);
  hc_exchange(port, req, (size_t)n + len, r, timeout_ms);
  free(req);
  int status = r->truncated ? 0 : r->status;

  if (r_or_null == NULL)
    hc_response_free(&tmp);
  return status;
}
