/* `aicost probe URL`: the container HEALTHCHECK. Each case starts a one-shot
 * fake server on a loopback port chosen by the kernel, runs the real aicost
 * binary (argv[1]) against it and checks the exit status and, where it
 * matters, the request line the probe sent. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

static const char *aicost_path;

struct fake {
  int listen_fd;
  int port;
  pid_t pid;
  int request_pipe; /* the child writes the request it read here */
};

static int
listen_loopback(int *port)
{
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  struct sockaddr_in a = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
  socklen_t len = sizeof a;

  assert_true(fd >= 0);
  assert_int_equal(bind(fd, (struct sockaddr *)&a, sizeof a), 0);
  assert_int_equal(listen(fd, 4), 0);
  assert_int_equal(getsockname(fd, (struct sockaddr *)&a, &len), 0);
  *port = ntohs(a.sin_port);
  return fd;
}

/* Child: accept one connection, read the request head, answer REPLY (NULL:
 * never answer, hold the connection until killed), pass the head back. */
static void
fake_start(struct fake *f, const char *reply)
{
  int p[2];

  f->listen_fd = listen_loopback(&f->port);
  assert_int_equal(pipe(p), 0);
  f->pid = fork();
  assert_true(f->pid >= 0);
  if (f->pid == 0) {
    close(p[0]);
    int c = accept(f->listen_fd, NULL, NULL);
    char head[4096];
    size_t have = 0;
    while (c >= 0 && have < sizeof head - 1) {
      ssize_t n = read(c, head + have, sizeof head - 1 - have);
      if (n <= 0)
        break;
      have += (size_t)n;
      head[have] = '\0';
      if (strstr(head, "\r\n\r\n") != NULL)
        break;
    }
    if (write(p[1], head, have) < 0)
      _exit(3);
    close(p[1]);
    if (reply == NULL)
      pause();
    if (c >= 0 && write(c, reply, strlen(reply)) < 0)
      _exit(4);
    _exit(0);
  }
  close(p[1]);
  f->request_pipe = p[0];
}

/* Returns the head the fake server received (static buffer). */
static const char *
fake_stop(struct fake *f)
{
  static char head[4096];
  size_t have = 0;
  ssize_t n;

  kill(f->pid, SIGTERM);
  while (have < sizeof head - 1 &&
         (n = read(f->request_pipe, head + have, sizeof head - 1 - have)) > 0)
    have += (size_t)n;
  head[have] = '\0';
  waitpid(f->pid, NULL, 0);
  close(f->request_pipe);
  close(f->listen_fd);
  return head;
}

/* Runs `aicost probe ARGS...` and returns its exit status (-1 if it died). */
static int
run_probe(const char *url, const char *timeout)
{
  pid_t pid = fork();
  int status = 0;

  assert_true(pid >= 0);
  if (pid == 0) {
    if (timeout != NULL)
      execl(aicost_path, aicost_path, "probe", url, "--timeout", timeout, (char *)NULL);
    else
      execl(aicost_path, aicost_path, "probe", url, (char *)NULL);
    _exit(127);
  }
  assert_int_equal(waitpid(pid, &status, 0), pid);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static int
probe_against(const char *reply, const char *path, const char *timeout, const char **head)
{
  struct fake f;
  char url[256];

  fake_start(&f, reply);
  snprintf(url, sizeof url, "http://127.0.0.1:%d%s", f.port, path);
  int rc = run_probe(url, timeout);
  *head = fake_stop(&f);
  return rc;
}

/* The healthy case: a 200 is success, and the request is a well-formed
 * HTTP/1.1 GET for the path with a Host header (MHD rejects HTTP/1.1 without it). */
static void
test_200_is_healthy(void **state)
{
  const char *head;
  int rc = probe_against("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", "/healthz", NULL, &head);

  assert_int_equal(rc, 0);
  assert_true(strncmp(head, "GET /healthz HTTP/1.1\r\n", 23) == 0);
  assert_non_null(strstr(head, "\r\nHost: 127.0.0.1:"));
  assert_non_null(strstr(head, "\r\nConnection: close\r\n"));
}

/* Any 2xx counts, not just 200 (204 from a readiness endpoint is healthy). */
static void
test_204_is_healthy(void **state)
{
  const char *head;

  assert_int_equal(probe_against("HTTP/1.0 204 No Content\r\n\r\n", "/readyz", NULL, &head), 0);
}

/* Not ready (503 while the catalogue loads or during shutdown) must fail. */
static void
test_503_is_unhealthy(void **state)
{
  const char *head;

  assert_int_equal(
    probe_against("HTTP/1.1 503 Service Unavailable\r\n\r\n", "/readyz", NULL, &head), 1);
}

/* A redirect is not followed and is not health: 3xx fails. */
static void
test_redirect_is_unhealthy(void **state)
{
  const char *head;

  assert_int_equal(probe_against("HTTP/1.1 301 Moved\r\nLocation: /x\r\n\r\n", "/", NULL, &head),
                   1);
}

/* Something that is not HTTP on the port (another service) must fail, not
 * be read as a status by accident. */
static void
test_garbage_is_unhealthy(void **state)
{
  const char *head;

  assert_int_equal(probe_against("SSH-2.0-OpenSSH_9.2\r\n", "/", NULL, &head), 1);
}

/* A peer that accepts and closes without a word fails. */
static void
test_empty_reply_is_unhealthy(void **state)
{
  const char *head;

  assert_int_equal(probe_against("", "/", NULL, &head), 1);
}

/* A hung server must not hang the probe: it gives up at its timeout. */
static void
test_silent_server_times_out(void **state)
{
  const char *head;

  assert_int_equal(probe_against(NULL, "/healthz", "0.3", &head), 1);
}

/* The URL's query goes into the request line; no path means "/". */
static void
test_path_and_query_sent(void **state)
{
  const char *head;

  assert_int_equal(probe_against("HTTP/1.1 200 OK\r\n\r\n", "?q=1", NULL, &head), 0);
  assert_true(strncmp(head, "GET /?q=1 HTTP/1.1\r\n", 20) == 0);
  assert_int_equal(probe_against("HTTP/1.1 200 OK\r\n\r\n", "", NULL, &head), 0);
  assert_true(strncmp(head, "GET / HTTP/1.1\r\n", 16) == 0);
}

/* Nothing listening: refused is unhealthy (exit 1), not a usage error. */
static void
test_refused_is_unhealthy(void **state)
{
  int port;
  int fd = listen_loopback(&port);
  char url[64];

  close(fd); /* the port was free a moment ago and now nothing listens */
  snprintf(url, sizeof url, "http://127.0.0.1:%d/healthz", port);
  assert_int_equal(run_probe(url, NULL), 1);
}

/* Bad URLs are usage errors (2), told apart from an unhealthy service (1). */
static void
test_bad_urls_are_usage_errors(void **state)
{
  assert_int_equal(run_probe("https://127.0.0.1/", NULL), 2);
  assert_int_equal(run_probe("http://", NULL), 2);
  assert_int_equal(run_probe("http://127.0.0.1:99999/", NULL), 2);
  assert_int_equal(run_probe("http://127.0.0.1:80 /", NULL), 2);
  assert_int_equal(run_probe("http://127.0.0.1/a b", NULL), 2);
  assert_int_equal(run_probe("http://127.0.0.1/", "0"), 2);
}

int
main(int argc, char **argv)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_200_is_healthy),
    cmocka_unit_test(test_204_is_healthy),
    cmocka_unit_test(test_503_is_unhealthy),
    cmocka_unit_test(test_redirect_is_unhealthy),
    cmocka_unit_test(test_garbage_is_unhealthy),
    cmocka_unit_test(test_empty_reply_is_unhealthy),
    cmocka_unit_test(test_silent_server_times_out),
    cmocka_unit_test(test_path_and_query_sent),
    cmocka_unit_test(test_refused_is_unhealthy),
    cmocka_unit_test(test_bad_urls_are_usage_errors),
  };

  if (argc != 2) {
    fputs("usage: test_probe PATH/TO/aicost\n", stderr);
    return 2;
  }
  aicost_path = argv[1];
  signal(SIGPIPE, SIG_IGN);
  return cmocka_run_group_tests(tests, NULL, NULL);
}
