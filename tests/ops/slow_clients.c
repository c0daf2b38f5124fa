/* Slow clients and what they cost (issue 12, findings 2 and 3). A swarm of
 * connections fills a small --max-connections: trickling request heads
 * (slowloris), trickling bodies, answers nobody reads, plain idle ones;
 * the swarm reconnects whatever the server shuts, as an attacker would.
 * Meanwhile a legitimate client must be served, each request within 2 s
 * (the must-hold of issue 12). Without pressure, the deadlines for headers
 * and bodies hold on their own; 40 clients that never read the largest
 * answer add less than 64 MiB; the per-IP limit refuses only the address
 * over it. Loopback only; every loop is bounded in count and time; the
 * only timed bounds are the 2 s and the deadlines, with margins.
 *
 *   ops-slow-clients AICOSTD */
#define _GNU_SOURCE /* POLLRDHUP */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cmocka.h>

#include "opsutil.h"

#define LIMIT 64
#define SERVED_WITHIN_MS 2000 /* issue 12: a legitimate client, while the slots are held */
#define MEASURED 10

/* A connection from 127.0.0.N (the whole 127/8 is loopback on Linux, so a
 * test can be several clients), optionally with a small receive buffer (a
 * client that does not read stops the server's sending at once). -1 on
 * failure. */
static int
connect_from(int port, int src_n, int rcvbuf)
{
  struct sockaddr_in sa = { 0 };
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

  if (fd < 0)
    return -1;
  if (rcvbuf > 0)
    setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof rcvbuf);
  if (src_n > 1) {
    sa.sin_family = AF_INET;
    sa.sin_addr.s_addr = htonl(0x7f000000u | (unsigned)src_n);
    if (bind(fd, (struct sockaddr *)&sa, sizeof sa) != 0) {
      close(fd);
      return -1;
    }
  }
  memset(&sa, 0, sizeof sa);
  sa.sin_family = AF_INET;
  sa.sin_port = htons((unsigned short)port);
  sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, (struct sockaddr *)&sa, sizeof sa) != 0) {
    close(fd);
    return -1;
  }
  return fd;
}

/* Whether the server has closed (or reset) this connection, without
 * reading anything: a client that never reads must not start now. */
static bool
closed_by_server(int fd)
{
  struct pollfd p = { fd, POLLRDHUP, 0 };

  return poll(&p, 1, 0) == 1 && (p.revents & (POLLRDHUP | POLLHUP | POLLERR)) != 0;
}

/* ---- the swarm ---- */

enum mode { HEADERS, BODY, UNREAD, IDLE };

#define SWARM_MAX 64

struct swarm {
  int port;
  enum mode mode;
  int n;
  atomic_bool stop;
  atomic_int open;      /* connections up now */
  atomic_long connects; /* every connection made, reconnections included */
  atomic_long shut;     /* connections the server closed */
  pthread_t th;
  int fd[SWARM_MAX];
  size_t pos[SWARM_MAX];
};

static const char slow_head[] = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ";
static const char slow_body_head[] =
  "POST /v1/projections HTTP/1.1\r\nHost: 127.0.0.1\r\n"
  "Content-Type: application/json\r\nContent-Length: 100000\r\n\r\n";
static char *big_request; /* the largest answer allowed: 16 options x 1,024 days */
static size_t big_request_len;

static void
big_request_make(void)
{
  static const char opt[] =
    "{\"name\":\"o\",\"granularity\":\"day\",\"inference\":"
    "{\"cost_per_request_usd\":0.005},\"traffic\":{\"requests_per_day\":5000000}}";
  char body[4096];
  size_t n = (size_t)snprintf(body, sizeof body, "{\"horizon_days\":1024,\"scenarios\":[");

  for (int i = 0; i < 16; i++)
    n += (size_t)snprintf(body + n, sizeof body - n, "%s%s", i > 0 ? "," : "", opt);
  n += (size_t)snprintf(body + n, sizeof body - n, "]}");
  big_request = malloc(n + 256);
  assert_non_null(big_request);
  big_request_len = (size_t)snprintf(
    big_request, n + 256,
    "POST /v1/comparisons HTTP/1.1\r\nHost: 127.0.0.1\r\n"
    "Content-Type: application/json\r\nContent-Length: %zu\r\n\r\n%s",
    n, body);
}

static void
swarm_open(struct swarm *s, int i)
{
  int fd = connect_from(s->port, 2, s->mode == UNREAD ? 4096 : 0);

  s->fd[i] = fd;
  s->pos[i] = 0;
  if (fd < 0)
    return;
  atomic_fetch_add(&s->connects, 1);
  if (s->mode == BODY)
    send(fd, slow_body_head, sizeof slow_body_head - 1, MSG_NOSIGNAL);
  else if (s->mode == UNREAD)
    send(fd, big_request, big_request_len, MSG_NOSIGNAL);
}

/* Every 100 ms each connection sends one more byte of its head or body
 * (UNREAD and IDLE send nothing more); one the server closed is opened
 * again, at most 20 times over per slot. */
static void *
swarm_run(void *arg)
{
  struct swarm *s = arg;
  long long end = hc_now_ms() + 120000;
  long reconnects = 0;

  while (!atomic_load(&s->stop) && hc_now_ms() < end) {
    int open = 0;

    for (int i = 0; i < s->n; i++) {
      if (s->fd[i] >= 0 && closed_by_server(s->fd[i])) {
        close(s->fd[i]);
        s->fd[i] = -1;
        atomic_fetch_add(&s->shut, 1);
      }
      if (s->fd[i] < 0 && reconnects < 20L * s->n) {
        reconnects++;
        swarm_open(s, i);
      }
      if (s->fd[i] < 0)
        continue;
      open++;
      if (s->mode == HEADERS || s->mode == BODY) {
        char b = s->mode == HEADERS && s->pos[i] < sizeof slow_head - 1 ? slow_head[s->pos[i]]
                                                                        : 'a';

        if (s->mode == BODY)
          b = ' ';
        if (send(s->fd[i], &b, 1, MSG_NOSIGNAL | MSG_DONTWAIT) == 1)
          s->pos[i]++;
      }
    }
    atomic_store(&s->open, open);
    hc_sleep_ms(100);
  }
  for (int i = 0; i < s->n; i++)
    if (s->fd[i] >= 0)
      close(s->fd[i]);
  return NULL;
}

static void
swarm_start(struct swarm *s, int port, enum mode mode, int n)
{
  memset(s, 0, sizeof *s);
  s->port = port;
  s->mode = mode;
  s->n = n;
  for (int i = 0; i < n; i++)
    swarm_open(s, i);
  pthread_create(&s->th, NULL, swarm_run, s);
}

static void
swarm_stop(struct swarm *s)
{
  atomic_store(&s->stop, true);
  pthread_join(s->th, NULL);
}

/* MEASURED requests, each on a fresh connection from 127.0.0.1 (a
 * projection, then the health check, alternately). Returns how many got
 * 200; *worst_ms is the slowest. */
static int
measure(int port, long long *worst_ms)
{
  int ok = 0;

  *worst_ms = 0;
  for (int i = 0; i < MEASURED; i++) {
    long long t0 = hc_now_ms();
    int st = i % 2 == 0 ? ops_project(port) : hc_get(port, "/healthz", NULL, 10000);
    long long took = hc_now_ms() - t0;

    ok += st == 200;
    if (took > *worst_ms)
      *worst_ms = took;
  }
  return ok;
}

/* The swarm takes every slot of a 64-connection server, holds them for
 * 1.5 s (past the pressure rule's grace), and keeps reconnecting; each
 * measured request must be answered within 2 s. */
static void
legit_served_while_swarm_holds_the_slots(enum mode mode, const char *what)
{
  char dir[256];
  struct hc_daemon d;
  struct swarm s;
  long long worst;
  int ok;

  ops_tmpdir(dir, sizeof dir);
  const char *extra[] = { "--max-connections", "64", "--access-log", "off", NULL };

  ops_start(&d, dir, "swarm", extra, -1);
  swarm_start(&s, d.port, mode, LIMIT);
  hc_sleep_ms(1500);
  int held = atomic_load(&s.open);

  ok = measure(d.port, &worst);
  double shut = ops_metric(d.port, "aicost_http_connections_shut_total{reason=\"pressure\"}");

  swarm_stop(&s);
  print_message("# %s: %d of %d slots held when measured, %ld connections made, %ld shut by the "
                "server (pressure: %g); %d/%d measured requests answered, the slowest in %lld ms\n",
                what, held, LIMIT, atomic_load(&s.connects), atomic_load(&s.shut), shut, ok,
                MEASURED, worst);
  /* the measurement counts only if the swarm really held the slots */
  assert_true(held >= LIMIT * 3 / 4);
  assert_int_equal(ok, MEASURED);
  if (worst >= SERVED_WITHIN_MS)
    fail_msg("%s: a legitimate request took %lld ms (at most %d allowed)", what, worst,
             SERVED_WITHIN_MS);
  assert_true(shut > 0);
  ops_stop_clean(&d, 30000);
  ops_rmtree(dir);
}

static void
slowloris_at_the_limit(void **state)
{
  (void)state;
  legit_served_while_swarm_holds_the_slots(HEADERS, "64 slowloris connections");
}

static void
slow_bodies_at_the_limit(void **state)
{
  (void)state;
  legit_served_while_swarm_holds_the_slots(BODY, "64 slow bodies");
}

static void
unread_answers_at_the_limit(void **state)
{
  (void)state;
  legit_served_while_swarm_holds_the_slots(UNREAD, "64 unread largest answers");
}

static void
idle_connections_at_the_limit(void **state)
{
  (void)state;
  legit_served_while_swarm_holds_the_slots(IDLE, "64 idle connections");
}

/* Without pressure the deadlines hold on their own: a trickled head is
 * shut --header-timeout (2 s) after its first byte, a trickled body
 * --body-timeout (3 s) after its head; an idle connection, fresh or kept
 * alive after an answer, is --timeout's (30 s) and stays (7.5 s watched);
 * a kept-alive connection that starts trickling its next request is shut
 * 2 s later. */
static void
deadlines_without_pressure(void **state)
{
  static const char get[] = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
  char dir[256];
  struct hc_daemon d;
  enum { HEAD, BODYC, FRESH, KEPT, KEPT_TRICKLE, N };
  static const char *const name[N] = { "trickled head", "trickled body", "idle fresh",
                                       "idle kept alive", "kept alive, then a trickled head" };
  int fd[N];
  long long start[N], shut_at[N] = { 0 };
  long long t0;

  (void)state;
  ops_tmpdir(dir, sizeof dir);
  const char *extra[] = {
    "--header-timeout", "2", "--body-timeout", "3", "--access-log", "off", NULL
  };

  ops_start(&d, dir, "deadlines", extra, -1);
  for (int i = 0; i < N; i++) {
    fd[i] = connect_from(d.port, 1, 0);
    assert_true(fd[i] >= 0);
  }
  for (int i = KEPT; i <= KEPT_TRICKLE; i++) {
    char b[1024];
    struct pollfd p = { fd[i], POLLIN, 0 };

    assert_int_equal(send(fd[i], get, sizeof get - 1, MSG_NOSIGNAL), (ssize_t)(sizeof get - 1));
    assert_int_equal(poll(&p, 1, 5000), 1);
    assert_true(recv(fd[i], b, sizeof b, 0) > 0); /* the answer; the connection stays */
  }
  send(fd[BODYC], slow_body_head, sizeof slow_body_head - 1, MSG_NOSIGNAL);
  t0 = hc_now_ms();
  start[HEAD] = start[BODYC] = start[FRESH] = start[KEPT] = t0;
  start[KEPT_TRICKLE] = t0 + 1000; /* kept alive a second, then the trickle starts */
  for (long long now = t0; now - t0 < 7500; now = hc_now_ms()) {
    for (int i = 0; i < N; i++) {
      if (shut_at[i] != 0)
        continue;
      if (closed_by_server(fd[i])) {
        shut_at[i] = now;
        continue;
      }
      if (i == HEAD || (i == KEPT_TRICKLE && now >= start[i]))
        send(fd[i], "X", 1, MSG_NOSIGNAL);
      else if (i == BODYC)
        send(fd[i], " ", 1, MSG_NOSIGNAL);
    }
    hc_sleep_ms(100);
  }
  for (int i = 0; i < N; i++) {
    print_message("# %s: %s%lld ms\n", name[i],
                  shut_at[i] != 0 ? "shut after " : "still open after ",
                  (shut_at[i] != 0 ? shut_at[i] : hc_now_ms()) - start[i]);
    close(fd[i]);
  }
  /* shut no earlier than its deadline, and well before --timeout (30 s);
   * seen 0.2-0.3 s late, so 3 s of slack is for a shared, busy machine */
  assert_true(shut_at[HEAD] != 0 && shut_at[HEAD] - start[HEAD] >= 1900 &&
              shut_at[HEAD] - start[HEAD] < 5000);
  assert_true(shut_at[BODYC] != 0 && shut_at[BODYC] - start[BODYC] >= 2900 &&
              shut_at[BODYC] - start[BODYC] < 6000);
  assert_true(shut_at[KEPT_TRICKLE] != 0 && shut_at[KEPT_TRICKLE] - start[KEPT_TRICKLE] >= 1900 &&
              shut_at[KEPT_TRICKLE] - start[KEPT_TRICKLE] < 5000);
  assert_true(shut_at[FRESH] == 0);
  assert_true(shut_at[KEPT] == 0);
  assert_true(ops_metric(d.port, "aicost_http_connections_shut_total{reason=\"header_timeout\"}") ==
              2);
  assert_true(ops_metric(d.port, "aicost_http_connections_shut_total{reason=\"body_timeout\"}") ==
              1);
  assert_true(ops_metric(d.port, "aicost_http_connections_shut_total{reason=\"pressure\"}") == 0);
  ops_stop_clean(&d, 30000);
  ops_rmtree(dir);
}

/* Issue 12's must-hold: 40 clients that ask for the largest answer allowed
 * and never read it add less than 64 MiB to the server. The answers that
 * do not fit --response-budget (32 MiB) are 503 with Retry-After. */
static void
unread_largest_answers_memory(void **state)
{
  char dir[256];
  struct hc_daemon d;
  int fd[40], ok = 0, busy = 0, other = 0;
  struct hc_response r;
  long rss0, rss1;

  (void)state;
  ops_tmpdir(dir, sizeof dir);
  const char *extra[] = { "--access-log", "off", NULL };

  ops_start(&d, dir, "unread", extra, -1);
  /* the heap at its working size: one largest answer read whole */
  {
    struct hc_conn c;

    assert_int_equal(hc_connect(&c, d.port), 0);
    hc_send(&c, big_request, big_request_len, 10000);
    assert_int_equal(hc_read_response(&c, &r, false, 30000), 0);
    assert_int_equal(r.status, 200);
    print_message("# the largest answer allowed: %zu bytes of JSON\n", r.body_len);
    hc_response_free(&r);
    hc_close(&c);
  }
  hc_sleep_ms(200);
  rss0 = hc_rss_kib(d.pid);
  for (int i = 0; i < 40; i++) {
    fd[i] = connect_from(d.port, 1, 4096);
    assert_true(fd[i] >= 0);
    send(fd[i], big_request, big_request_len, MSG_NOSIGNAL);
  }
  /* each client reads only its status line: 200, or 503 (busy) */
  for (int i = 0; i < 40; i++) {
    char line[64] = "";
    struct pollfd p = { fd[i], POLLIN, 0 };

    if (poll(&p, 1, 30000) == 1 && recv(fd[i], line, sizeof line - 1, 0) > 12) {
      ok += strncmp(line, "HTTP/1.1 200", 12) == 0;
      busy += strncmp(line, "HTTP/1.1 503", 12) == 0;
    }
  }
  other = 40 - ok - busy;
  hc_sleep_ms(500);
  rss1 = hc_rss_kib(d.pid);
  double held = ops_metric(d.port, "aicost_http_response_bytes_in_flight");

  print_message("# 40 clients that never read the largest answer: %d got 200, %d got 503 busy, "
                "%d nothing; %g bytes of answers held; RSS %ld -> %ld KiB (+%ld KiB)%s\n",
                ok, busy, other, held, rss0, rss1, rss1 - rss0,
                ops_asan() ? " (ASan: RSS not checked)" : "");
  for (int i = 0; i < 40; i++)
    close(fd[i]);
  assert_int_equal(other, 0);
  assert_true(busy > 0); /* 40 x 3.4 MB do not fit 32 MiB */
  assert_true(held <= 32.0 * 1024 * 1024);
  if (!ops_asan() && rss1 - rss0 >= 64 * 1024)
    fail_msg("40 unread answers added %ld KiB (less than 64 MiB allowed)", rss1 - rss0);
  /* a busy answer carries Retry-After, and the server serves again once
   * the readers have gone */
  hc_sleep_ms(200);
  {
    struct hc_conn c;

    assert_int_equal(hc_connect(&c, d.port), 0);
    hc_send(&c, big_request, big_request_len, 10000);
    assert_int_equal(hc_read_response(&c, &r, false, 30000), 0);
    assert_int_equal(r.status, 200);
    hc_response_free(&r);
    hc_close(&c);
  }
  ops_stop_clean(&d, 30000);
  ops_rmtree(dir);
}

/* --max-connections-per-ip 4: a fifth connection from 127.0.0.1 is
 * closed at once; another address is served meanwhile. */
static void
per_ip_limit(void **state)
{
  static const char get[] = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
  char dir[256], b[256];
  struct hc_daemon d;
  int fd[4], fifth, other;
  struct pollfd p;
  ssize_t n;

  (void)state;
  ops_tmpdir(dir, sizeof dir);
  const char *extra[] = { "--max-connections-per-ip", "4", "--access-log", "off", NULL };

  ops_start(&d, dir, "per-ip", extra, -1);
  for (int i = 0; i < 4; i++) {
    fd[i] = connect_from(d.port, 1, 0);
    assert_true(fd[i] >= 0);
  }
  hc_sleep_ms(200); /* accepted, all four */
  fifth = connect_from(d.port, 1, 0);
  assert_true(fifth >= 0);
  send(fifth, get, sizeof get - 1, MSG_NOSIGNAL);
  p = (struct pollfd){ fifth, POLLIN, 0 };
  assert_int_equal(poll(&p, 1, 5000), 1);
  n = recv(fifth, b, sizeof b, 0);
  print_message("# the fifth connection from 127.0.0.1: %s\n", n <= 0 ? "closed unanswered" : b);
  assert_true(n <= 0);
  close(fifth);
  other = connect_from(d.port, 2, 0);
  assert_true(other >= 0);
  send(other, get, sizeof get - 1, MSG_NOSIGNAL);
  p = (struct pollfd){ other, POLLIN, 0 };
  assert_int_equal(poll(&p, 1, 5000), 1);
  n = recv(other, b, sizeof b - 1, 0);
  assert_true(n > 12);
  assert_memory_equal(b, "HTTP/1.1 200", 12);
  close(other);
  for (int i = 0; i < 4; i++)
    close(fd[i]);
  hc_sleep_ms(200);
  assert_int_equal(hc_get(d.port, "/healthz", NULL, 5000), 200);
  ops_stop_clean(&d, 30000);
  ops_rmtree(dir);
}

/* A client that sends part of a request and closes its socket leaves
 * nothing behind on its side; the server must notice the close and free
 * the slot, or a few hundred such connections a minute (costing the
 * sender no descriptor) keep it at its connection limit. 100 abandoned
 * connections against a limit of 64, then a measured request. */
static void
abandoned_connections_free_their_slots(void **state)
{
  static const char partial[] = "POST /v1/projections HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                "Content-Type: application/json\r\nContent-Length: 500\r\n\r\n"
                                "{\"traffic\":";
  char dir[256];
  struct hc_daemon d;
  int sent = 0, ok = 0;

  (void)state;
  ops_tmpdir(dir, sizeof dir);
  const char *extra[] = {
    "--max-connections", "64", "--timeout", "30", "--access-log", "off", NULL
  };

  ops_start(&d, dir, "abandoned", extra, -1);
  for (int i = 0; i < 100; i++) {
    struct hc_conn c;

    if (hc_connect(&c, d.port) != 0)
      continue;
    sent += hc_send(&c, partial, sizeof partial - 1, 2000) == 0;
    hc_close(&c);
  }
  hc_sleep_ms(500);
  /* Well inside the 30 s idle timeout: only a prompt close frees the slots. */
  for (int i = 0; i < 5; i++)
    ok += hc_get(d.port, "/healthz", NULL, 3000) == 200;
  print_message("# %d abandoned requests; then %d/5 measured requests answered within 3 s\n", sent,
                ok);
  assert_int_equal(ok, 5);
  ops_stop_clean(&d, 30000);
  ops_rmtree(dir);
}

int
main(int argc, char **argv)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test_teardown(slowloris_at_the_limit, ops_teardown),
    cmocka_unit_test_teardown(slow_bodies_at_the_limit, ops_teardown),
    cmocka_unit_test_teardown(unread_answers_at_the_limit, ops_teardown),
    cmocka_unit_test_teardown(idle_connections_at_the_limit, ops_teardown),
    cmocka_unit_test_teardown(deadlines_without_pressure, ops_teardown),
    cmocka_unit_test_teardown(unread_largest_answers_memory, ops_teardown),
    cmocka_unit_test_teardown(per_ip_limit, ops_teardown),
    cmocka_unit_test_teardown(abandoned_connections_free_their_slots, ops_teardown),
  };

  if (argc != 2) {
    fprintf(stderr, "usage: %s AICOSTD\n", argv[0]);
    return 2;
  }
  signal(SIGPIPE, SIG_IGN);
  ops_aicostd = argv[1];
  big_request_make();
  return cmocka_run_group_tests(tests, NULL, NULL);
}
