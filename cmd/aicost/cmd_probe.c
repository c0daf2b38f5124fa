/* aicost probe URL [--timeout SECONDS]: one HTTP/1.1 GET over a plain socket,
 * exit 0 when the status is 2xx. It exists so that the container image can
 * have a HEALTHCHECK without curl or wget: the runtime stage carries only
 * the libraries aicostd needs. No TLS: it probes a service on its own host.
 *
 * Exit: 0 on 2xx, 1 on anything else (refused, timeout, non-2xx, garbage),
 * 2 on a usage error. Silent on success; one line on stderr otherwise. */
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#include "commands.h"

enum { HOST_MAX = 256, PORT_MAX = 8, PATH_MAX_LEN = 2048, REQUEST_MAX = 2560 };

struct url {
  char host[HOST_MAX];
  char port[PORT_MAX];
  char path[PATH_MAX_LEN];
};

/* Splits http://host[:port][/path]; an IPv6 literal is written [addr]. */
static const char *
parse_url(const char *s, struct url *u)
{
  const char *prefix = "http://";
  size_t plen = strlen(prefix);

  if (strncmp(s, prefix, plen) != 0)
    return "the URL must start with http:// (no TLS)";
  s += plen;

  const char *host = s;
  const char *host_end;
  if (*s == '[') {
    host = s + 1;
    host_end = strchr(host, ']');
    if (host_end == NULL)
      return "unterminated [ in the host";
    s = host_end + 1;
  } else {
    s += strcspn(s, ":/?#");
    host_end = s;
  }
  size_t hlen = (size_t)(host_end - host);
  if (hlen == 0 || hlen >= sizeof u->host)
    return "missing or too long host";
  memcpy(u->host, host, hlen);
  u->host[hlen] = '\0';

  snprintf(u->port, sizeof u->port, "80");
  if (*s == ':') {
    s++;
    size_t n = strspn(s, "0123456789");
    if (n == 0 || n > 5)
      return "invalid port";
    char digits[6];
    memcpy(digits, s, n);
    digits[n] = '\0';
    long port = strtol(digits, NULL, 10);
    if (port < 1 || port > 65535)
      return "port out of range";
    snprintf(u->port, sizeof u->port, "%ld", port);
    s += n;
  }
  if (*s != '\0' && *s != '/' && *s != '?')
    return "unexpected character after the host";

  const char *path = *s == '\0' ? "/" : s;
  /* A fragment is never sent; a space or control byte would break the
   * request line, so it is refused rather than encoded. */
  size_t len = strcspn(path, "#");
  if (len >= sizeof u->path)
    return "path too long";
  for (size_t i = 0; i < len; i++)
    if ((unsigned char)path[i] <= ' ' || path[i] == 0x7f)
      return "space or control character in the path";
  if (path[0] == '?') {
    u->path[0] = '/';
    if (len + 1 >= sizeof u->path)
      return "path too long";
    memcpy(u->path + 1, path, len);
    u->path[len + 1] = '\0';
  } else {
    memcpy(u->path, path, len);
    u->path[len] = '\0';
  }
  return NULL;
}

static double
now_s(void)
{
  struct timespec ts;

  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Waits for EVENTS on FD until DEADLINE; 1 ready, 0 timed out, -1 error. */
static int
wait_fd(int fd, short events, double deadline)
{
  for (;;) {
    double left = deadline - now_s();
    if (left <= 0)
      return 0;
    struct pollfd p = { .fd = fd, .events = events };
    int r = poll(&p, 1, (int)(left * 1000) + 1); /* round up: never spin at 0 ms */
    if (r < 0 && errno == EINTR)
      continue;
    if (r < 0)
      return -1;
    return r > 0 ? 1 : 0;
  }
}

/* Non-blocking connect to the first address that answers before DEADLINE. */
static int
connect_any(const struct url *u, double deadline, const char **why)
{
  struct addrinfo hints = { .ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM };
  struct addrinfo *res = NULL;
  int rc = getaddrinfo(u->host, u->port, &hints, &res);

  if (rc != 0) {
    *why = gai_strerror(rc);
    return -1;
  }
  int fd = -1;
  *why = "connection refused";
  for (struct addrinfo *ai = res; ai != NULL && fd < 0; ai = ai->ai_next) {
    fd = socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol);
    if (fd < 0)
      continue;
    int flags = fcntl(fd, F_GETFL);
    if (flags < 0 || fcntl(fd, F_SETFL, flags | O_NONBLOCK) < 0) {
      close(fd);
      fd = -1;
      continue;
    }
    if (connect(fd, ai->ai_addr, ai->ai_addrlen) == 0)
      break;
    int err = errno;
    if (err == EINPROGRESS) {
      int w = wait_fd(fd, POLLOUT, deadline);
      socklen_t len = sizeof err;
      if (w == 1 && getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) == 0 && err == 0)
        break;
      if (w == 0) {
        err = ETIMEDOUT;
        *why = "timed out connecting";
      }
    }
    if (err != ETIMEDOUT)
      *why = strerror(err);
    close(fd);
    fd = -1;
  }
  freeaddrinfo(res);
  return fd;
}

static int
send_all(int fd, const char *buf, size_t len, double deadline)
{
  while (len > 0) {
    ssize_t n = send(fd, buf, len, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR)
      continue;
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      if (wait_fd(fd, POLLOUT, deadline) != 1)
        return -1;
      continue;
    }
    if (n <= 0)
      return -1;
    buf += n;
    len -= (size_t)n;
  }
  return 0;
}

/* Reads until the status line is complete; returns its code or -1. */
static int
read_status(int fd, double deadline, const char **why)
{
  char buf[512];
  size_t have = 0;

  *why = "timed out waiting for the status line";
  while (have < sizeof buf - 1) {
    if (wait_fd(fd, POLLIN, deadline) != 1)
      return -1;
    ssize_t n = recv(fd, buf + have, sizeof buf - 1 - have, 0);
    if (n < 0 && (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK))
      continue;
    if (n <= 0) {
      *why = "connection closed before a status line";
      break;
    }
    have += (size_t)n;
    buf[have] = '\0';
    if (strstr(buf, "\r\n") != NULL)
      break;
  }
  buf[have] = '\0';
  /* "HTTP/1.x SP 3DIGIT SP": nothing looser counts as an answer. */
  if (strncmp(buf, "HTTP/1.", 7) != 0 || have < 12 || buf[8] != ' ') {
    if (have > 0)
      *why = "not an HTTP/1.x status line";
    return -1;
  }
  int code = 0;
  for (int i = 9; i < 12; i++) {
    if (buf[i] < '0' || buf[i] > '9') {
      *why = "not an HTTP/1.x status line";
      return -1;
    }
    code = code * 10 + (buf[i] - '0');
  }
  return code;
}

static int
usage(const char *why)
{
  if (why != NULL)
    fprintf(stderr, "aicost probe: %s\n", why);
  fputs("usage: aicost probe http://HOST[:PORT][/PATH] [--timeout SECONDS]\n"
        "  exit 0 when the answer is 2xx, 1 otherwise (default timeout 3 s)\n",
        stderr);
  return 2;
}

int
cmd_probe(int argc, char **argv)
{
  const char *target = NULL;
  double timeout_s = 3.0;

  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--timeout") == 0 && i + 1 < argc) {
      char *end = NULL;
      errno = 0;
      timeout_s = strtod(argv[++i], &end);
      if (errno != 0 || end == argv[i] || *end != '\0' || !(timeout_s > 0 && timeout_s <= 3600))
        return usage("--timeout takes seconds, more than 0 and at most 3600");
    } else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
      usage(NULL);
      return 0;
    } else if (target == NULL && argv[i][0] != '-') {
      target = argv[i];
    } else {
      return usage("unexpected argument");
    }
  }
  if (target == NULL)
    return usage("missing URL");

  struct url u;
  const char *why = parse_url(target, &u);
  if (why != NULL)
    return usage(why);

  double deadline = now_s() + timeout_s;
  int fd = connect_any(&u, deadline, &why);
  if (fd < 0) {
    fprintf(stderr, "aicost probe: %s: %s\n", target, why);
    return 1;
  }

  /* The Host header keeps the brackets of an IPv6 literal (RFC 9110 7.2). */
  bool v6 = strchr(u.host, ':') != NULL;
  char req[REQUEST_MAX];
  int n = snprintf(req, sizeof req,
                   "GET %s HTTP/1.1\r\nHost: %s%s%s:%s\r\nUser-Agent: aicost-probe\r\n"
                   "Accept: */*\r\nConnection: close\r\n\r\n",
                   u.path, v6 ? "[" : "", u.host, v6 ? "]" : "", u.port);
  int code = -1;
  if (n > 0 && (size_t)n < sizeof req && send_all(fd, req, (size_t)n, deadline) == 0)
    code = read_status(fd, deadline, &why);
  else
    why = "could not send the request";
  close(fd);

  if (code < 0) {
    fprintf(stderr, "aicost probe: %s: %s\n", target, why);
    return 1;
  }
  if (code < 200 || code > 299) {
    fprintf(stderr, "aicost probe: %s: HTTP %d\n", target, code);
    return 1;
  }
  return 0;
}
