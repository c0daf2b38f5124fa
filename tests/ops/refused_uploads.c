/* A body refused by its Content-Length, sent anyway: the client must read
 * its 413, not a connection reset (src/http/linger.c). The server answers
 * before reading the body and closes; unless it reads and drops what the
 * client still sends, the kernel resets the connection and a client
 * posting 8 MiB without "Expect: 100-continue" saw a broken pipe every
 * time. A client that keeps the socket open and sends nothing is closed
 * after the linger deadline (5 s), so lingering holds no descriptor for
 * long.
 *
 *   ops-refused-uploads AICOSTD */
#include <errno.h>
#include <poll.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <cmocka.h>

#include "opsutil.h"

#define UPLOADS 5
#define BODY_BYTES ((size_t)8 << 20) /* 8 x the default --max-body */

/* Sends every byte whatever the server says meanwhile, as a simple client
 * does (hc_send stops at the first byte of an answer). 0, or -1 when the
 * connection was reset or the time ran out. */
static int
send_blindly(int fd, const char *p, size_t len, int timeout_ms)
{
  long long deadline = hc_now_ms() + timeout_ms;

  while (len > 0) {
    struct pollfd pfd = { fd, POLLOUT, 0 };
    long long left = deadline - hc_now_ms();
    ssize_t n;

    if (left <= 0 || poll(&pfd, 1, (int)left) <= 0)
      return -1;
    n = send(fd, p, len, MSG_NOSIGNAL | MSG_DONTWAIT);
    if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)
      return -1;
    if (n > 0) {
      p += n;
      len -= (size_t)n;
    }
  }
  return 0;
}

static int
post_anyway(int port, const char *body, size_t len, struct hc_response *r)
{
  char head[256];
  struct hc_conn c;
  int n = snprintf(head, sizeof head,
                   "POST /v1/projections HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                   "Content-Type: application/json\r\nContent-Length: %zu\r\n\r\n",
                   len);
  int rc = -1;

  memset(r, 0, sizeof *r);
  if (hc_connect(&c, port) != 0)
    return -1;
  if (send_blindly(c.fd, head, (size_t)n, 5000) == 0 && send_blindly(c.fd, body, len, 20000) == 0)
    rc = hc_read_response(&c, r, false, 10000);
  else
    snprintf(r->error, sizeof r->error, "the upload was cut before it was sent whole");
  hc_close(&c);
  return rc;
}

static void
refused_upload_reads_its_answer(void **state)
{
  char dir[256];
  struct hc_daemon d;
  char *body = malloc(BODY_BYTES);
  int answered = 0;

  (void)state;
  assert_non_null(body);
  memset(body, ' ', BODY_BYTES);
  ops_tmpdir(dir, sizeof dir);
  const char *extra[] = { "--access-log", "off", NULL };

  ops_start(&d, dir, "refused", extra, -1);
  for (int i = 0; i < UPLOADS; i++) {
    struct hc_response r;

    if (post_anyway(d.port, body, BODY_BYTES, &r) == 0 && r.status == 413)
      answered++;
    else
      print_message("# upload %d: status %d, %s\n", i, r.status, r.error);
    hc_response_free(&r);
  }
  print_message("# %d/%d uploads of %zu bytes read their 413\n", answered, UPLOADS, BODY_BYTES);
  assert_int_equal(answered, UPLOADS);
  assert_true(ops_wait_metric(d.port, "aicost_http_connections_lingered_total", UPLOADS, 5000) >=
              UPLOADS);
  ops_stop_clean(&d, 30000);
  ops_rmtree(dir);
  free(body);
}

static void
silent_client_is_closed_after_the_linger(void **state)
{
  static const char head[] = "POST /v1/projections HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                             "Content-Type: application/json\r\nContent-Length: 9999999\r\n\r\n";
  char dir[256];
  struct hc_daemon d;
  struct hc_conn c;
  struct hc_response r;
  long long t0;
  double lingering;

  (void)state;
  ops_tmpdir(dir, sizeof dir);
  const char *extra[] = { "--access-log", "off", NULL };

  ops_start(&d, dir, "silent", extra, -1);
  assert_int_equal(hc_connect(&c, d.port), 0);
  assert_int_equal(hc_send(&c, head, sizeof head - 1, 5000), 0);
  assert_int_equal(hc_read_response(&c, &r, false, 10000), 0);
  assert_int_equal(r.status, 413);
  hc_response_free(&r);
  /* the answer ends with the server's FIN; the socket itself lingers */
  assert_int_equal(hc_expect_close(&c, 5000), 0);
  /* MHD's close (which starts the linger) can follow the FIN by a moment */
  assert_true(ops_wait_metric(d.port, "aicost_http_connections_lingering", 1, 5000) == 1);
  t0 = hc_now_ms();
  lingering = ops_metric(d.port, "aicost_http_connections_lingering");
  while (lingering != 0 && hc_now_ms() - t0 < 15000) {
    hc_sleep_ms(100);
    lingering = ops_metric(d.port, "aicost_http_connections_lingering");
  }
  print_message("# a client that sent nothing more lingered for %lld ms\n", hc_now_ms() - t0);
  assert_true(lingering == 0);
  hc_close(&c);
  ops_stop_clean(&d, 30000);
  ops_rmtree(dir);
}

int
main(int argc, char **argv)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test_teardown(refused_upload_reads_its_answer, ops_teardown),
    cmocka_unit_test_teardown(silent_client_is_closed_after_the_linger, ops_teardown),
  };

  if (argc != 2) {
    fprintf(stderr, "usage: %s AICOSTD\n", argv[0]);
    return 2;
  }
  signal(SIGPIPE, SIG_IGN);
  ops_aicostd = argv[1];
  return cmocka_run_group_tests(tests, NULL, NULL);
}
