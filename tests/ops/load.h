/* A small closed-loop load generator for the ops tests: N threads, each on
 * its own keep-alive connection (reconnecting when the server closes it),
 * cycling POST /v1/projections (the article's scenario) and GET /healthz.
 * Counts answers by kind so that a test can assert "no error". Bounded:
 * stops when asked or after max_ms. */
#ifndef AICOST_OPS_LOAD_H
#define AICOST_OPS_LOAD_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>

#define LOAD_MAX_THREADS 16

struct load {
  int port;
  int threads;
  long max_ms;
  atomic_bool stop;
  atomic_long ok;          /* 2xx */
  atomic_long non2xx;      /* a complete answer that is not 2xx */
  atomic_long truncated;   /* an answer that started and was cut short */
  atomic_long conn_errors; /* connect refused or closed before any answer */
  atomic_long sent;
  pthread_t th[LOAD_MAX_THREADS];
};

void load_start(struct load *l, int port, int threads, long max_ms);
/* Stops and joins the threads. */
void load_stop(struct load *l);

#endif
