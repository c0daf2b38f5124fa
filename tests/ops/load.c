/* See load.h. */
#include "load.h"

#include <stdio.h>
#include <string.h>

#include "hclient.h"

static const char article[] = "{\"name\":\"load\",\"inference\":{\"cost_per_request_usd\":0.005},"
                              "\"traffic\":{\"requests_per_day\":5000000,\"monthly_growth\":0.02}}";

static void *
worker(void *arg)
{
  struct load *l = arg;
  char post[1024];
  static const char get[] = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
  int n = snprintf(post, sizeof post,
                   "POST /v1/projections HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                   "Content-Type: application/json\r\nContent-Length: %zu\r\n\r\n%s",
                   sizeof article - 1, article);
  long long end = hc_now_ms() + l->max_ms;
  struct hc_conn c = { .fd = -1 };
  unsigned i = 0;

  while (!atomic_load(&l->stop) && hc_now_ms() < end) {
    struct hc_response r;
    bool is_post = (i++ % 2) == 0;

    if (c.fd < 0 && hc_connect(&c, l->port) != 0) {
      atomic_fetch_add(&l->conn_errors, 1);
      hc_sleep_ms(5);
      continue;
    }
    atomic_fetch_add(&l->sent, 1);
    if (hc_send(&c, is_post ? post : get, is_post ? (size_t)n : sizeof get - 1, 5000) < 0) {
      atomic_fetch_add(&l->conn_errors, 1);
      hc_close(&c);
      continue;
    }
    if (hc_read_response(&c, &r, false, 10000) != 0) {
      atomic_fetch_add(&l->conn_errors, 1);
      hc_response_free(&r);
      hc_close(&c);
      continue;
    }
    if (r.truncated)
      atomic_fetch_add(&l->truncated, 1);
    else if (r.status >= 200 && r.status < 300)
      atomic_fetch_add(&l->ok, 1);
    else
      atomic_fetch_add(&l->non2xx, 1);
    const char *conn = hc_header(&r, "Connection");
    bool closing = r.truncated || (conn != NULL && strstr(conn, "close") != NULL);

    hc_response_free(&r);
    if (closing)
      hc_close(&c);
  }
  hc_close(&c);
  return NULL;
}

void
load_start(struct load *l, int port, int threads, long max_ms)
{
  memset(l, 0, sizeof *l);
  l->port = port;
  l->threads = threads > LOAD_MAX_THREADS ? LOAD_MAX_THREADS : threads;
  l->max_ms = max_ms;
  for (int i = 0; i < l->threads; i++)
    pthread_create(&l->th[i], NULL, worker, l);
}

void
load_stop(struct load *l)
{
  atomic_store(&l->stop, true);
  for (int i = 0; i < l->threads; i++)
    pthread_join(l->th[i], NULL);
}
