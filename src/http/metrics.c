/* Counters for /metrics. They live in struct srv (no globals) and are plain
 * C11 atomics: observing a request is a few relaxed increments, never a lock. */
#include <stdlib.h>
#include <string.h>

#include "srv.h"

/* Statuses the server answers with; anything else (MHD's own 400, 414, 431,
 * 500) is counted as "other". 0 means the client left before an answer. */
static const unsigned statuses[] = { 0,   200, 204, 304, 400, 404, 405,
                                     406, 413, 415, 422, 431, 500, 503 };
#define N_STATUSES (sizeof statuses / sizeof statuses[0])
_Static_assert(N_STATUSES < SRV_STATUS_SLOTS, "one slot is kept for other statuses");

/* Upper bounds in microseconds; the last bucket is +Inf. */
static const uint64_t bounds_us[SRV_BUCKETS - 1] = { 100,    250,    500,    1000,  2500,
                                                     5000,   10000,  25000,  50000, 100000,
                                                     250000, 500000, 1000000 };

static size_t
status_slot(unsigned status)
{
  for (size_t i = 0; i < N_STATUSES; i++)
    if (statuses[i] == status)
      return i;
  return N_STATUSES;
}

void
srv_metrics_observe(struct srv_metrics *m, size_t route_slot, unsigned status, uint64_t us)
{
  struct srv_route_metrics *r =
    &m->route[route_slot <= SRV_ROUTES_MAX ? route_slot : SRV_ROUTES_MAX];
  size_t b = 0;

  while (b < SRV_BUCKETS - 1 && us > bounds_us[b])
    b++;
  atomic_fetch_add_explicit(&r->by_status[status_slot(status)], 1, memory_order_relaxed);
  atomic_fetch_add_explicit(&r->buckets[b], 1, memory_order_relaxed);
  atomic_fetch_add_explicit(&r->sum_us, us, memory_order_relaxed);
  atomic_fetch_add_explicit(&r->count, 1, memory_order_relaxed);
}

/* A label value per the exposition format: \\, \" and \n escaped. */
static void
label(FILE *f, const char *v)
{
  for (; v != NULL && *v != '\0'; v++) {
    if (*v == '\\' || *v == '"')
      fprintf(f, "\\%c", *v);
    else if (*v == '\n')
      fputs("\\n", f);
    else
      fputc(*v, f);
  }
}

static void
route_labels(FILE *f, size_t slot)
{
  if (slot < srv_n_routes)
    fprintf(f, "method=\"%s\",route=\"%s\"", srv_method_name(srv_routes[slot].method),
            srv_routes[slot].path);
  else
    fputs("method=\"other\",route=\"other\"", f);
}

static void
requests(FILE *f, const struct srv_metrics *m)
{
  fputs("# HELP aicost_http_requests_total HTTP requests completed, by route and status "
        "(route \"other\": unknown paths, 405s and OPTIONS; status \"0\": client left first).\n"
        "# TYPE aicost_http_requests_total counter\n",
        f);
  for (size_t slot = 0; slot <= SRV_ROUTES_MAX; slot++) {
    if (slot >= srv_n_routes && slot != SRV_ROUTES_MAX)
      continue;
    for (size_t i = 0; i <= N_STATUSES; i++) {
      uint_fast64_t n = atomic_load_explicit(&m->route[slot].by_status[i], memory_order_relaxed);

      if (n == 0)
        continue;
      fputs("aicost_http_requests_total{", f);
      route_labels(f, slot);
      if (i < N_STATUSES)
        fprintf(f, ",status=\"%u\"} %llu\n", statuses[i], (unsigned long long)n);
      else
        fprintf(f, ",status=\"other\"} %llu\n", (unsigned long long)n);
    }
  }
}

static void
latency(FILE *f, const struct srv_metrics *m)
{
  fputs("# HELP aicost_http_request_duration_seconds Time from the request headers to the "
        "response completed, by route.\n"
        "# TYPE aicost_http_request_duration_seconds histogram\n",
        f);
  for (size_t slot = 0; slot <= SRV_ROUTES_MAX; slot++) {
    const struct srv_route_metrics *r = &m->route[slot];
    uint64_t cumulative = 0;

    if (slot >= srv_n_routes && slot != SRV_ROUTES_MAX)
      continue;
    for (size_t b = 0; b < SRV_BUCKETS; b++) {
      cumulative += atomic_load_explicit(&r->buckets[b], memory_order_relaxed);
      fputs("aicost_http_request_duration_seconds_bucket{", f);
      route_labels(f, slot);
      if (b < SRV_BUCKETS - 1)
        fprintf(f, ",le=\"%g\"} %llu\n", (double)bounds_us[b] / 1e6,
                (unsigned long long)cumulative);
      else
        fprintf(f, ",le=\"+Inf\"} %llu\n", (unsigned long long)cumulative);
    }
    fputs("aicost_http_request_duration_seconds_sum{", f);
    route_labels(f, slot);
    fprintf(f, "} %.6f\n", (double)atomic_load_explicit(&r->sum_us, memory_order_relaxed) / 1e6);
    fputs("aicost_http_request_duration_seconds_count{", f);
    route_labels(f, slot);
    /* the bucket total, so that count always equals the +Inf bucket */
    fprintf(f, "} %llu\n", (unsigned long long)cumulative);
  }
}

/* The slow-client guard (guard.c, linger.c) and the response budget (limits.c). */
static void
connections(FILE *f, struct srv *s)
{
  static const char *const reason[SRV_SHUT_COUNT] = {
    [SRV_SHUT_HEADERS] = "header_timeout",
    [SRV_SHUT_BODY] = "body_timeout",
    [SRV_SHUT_PRESSURE] = "pressure",
  };
  size_t open, lingering;

  srv_guard_counts(s, &open, &lingering);
  fprintf(
    f,
    "# HELP aicost_http_connections_open Connections open now (--max-connections bounds them).\n"
    "# TYPE aicost_http_connections_open gauge\n"
    "aicost_http_connections_open %zu\n"
    "# HELP aicost_http_response_bytes_in_flight Bytes of answers queued and not yet sent whole "
    "(--response-budget bounds them).\n"
    "# TYPE aicost_http_response_bytes_in_flight gauge\n"
    "aicost_http_response_bytes_in_flight %zu\n"
    "# HELP aicost_http_connections_shut_total Connections the server shut for being slow, by "
    "reason.\n"
    "# TYPE aicost_http_connections_shut_total counter\n",
    open, atomic_load(&s->response_bytes));
  for (size_t i = 0; i < SRV_SHUT_COUNT; i++)
    fprintf(f, "aicost_http_connections_shut_total{reason=\"%s\"} %llu\n", reason[i],
            (unsigned long long)atomic_load(&s->guard.shut[i]));
  fprintf(f,
          "# HELP aicost_http_connections_lingering Connections closing after a refused upload's "
          "answer, the rest of the upload being read and dropped (at most 64).\n"
          "# TYPE aicost_http_connections_lingering gauge\n"
          "aicost_http_connections_lingering %zu\n"
          "# HELP aicost_http_connections_lingered_total Connections closed after a refused "
          "upload's answer, the rest of the upload read and dropped.\n"
          "# TYPE aicost_http_connections_lingered_total counter\n"
          "aicost_http_connections_lingered_total %llu\n",
          lingering, (unsigned long long)atomic_load(&s->guard.lingered));
}

char *
srv_metrics_render(struct srv *s, size_t *len)
{
  const struct srv_metrics *m = &s->metrics;
  struct srv_catref *c = srv_catalogue_acquire(s);
  char *text = NULL;
  size_t n = 0;
  FILE *f = open_memstream(&text, &n);

  if (f == NULL) {
    srv_catalogue_release(c);
    return NULL;
  }
  requests(f, m);
  latency(f, m);
  fprintf(
    f,
    "# HELP aicost_http_requests_in_flight Requests received and not yet completed.\n"
    "# TYPE aicost_http_requests_in_flight gauge\n"
    "aicost_http_requests_in_flight %lld\n"
    "# HELP aicost_catalogue_reloads_total Catalogue reloads (SIGHUP) that replaced the catalogue.\n"
    "# TYPE aicost_catalogue_reloads_total counter\n"
    "aicost_catalogue_reloads_total %llu\n"
    "# HELP aicost_catalogue_reload_failures_total Catalogue reloads rejected; the old one kept serving.\n"
    "# TYPE aicost_catalogue_reload_failures_total counter\n"
    "aicost_catalogue_reload_failures_total %llu\n",
    (long long)atomic_load(&m->in_flight), (unsigned long long)atomic_load(&m->reloads),
    (unsigned long long)atomic_load(&m->reload_failures));
  if (c != NULL) {
    fputs("# HELP aicost_catalogue_info The catalogue being served.\n"
          "# TYPE aicost_catalogue_info gauge\n"
          "aicost_catalogue_info{version=\"",
          f);
    label(f, c->cat->version);
    fputs("\",hash=\"", f);
    label(f, c->cat->hash);
    fprintf(
      f,
      "\"} 1\n"
      "# HELP aicost_catalogue_loaded_timestamp_seconds When the catalogue being served was loaded.\n"
      "# TYPE aicost_catalogue_loaded_timestamp_seconds gauge\n"
      "aicost_catalogue_loaded_timestamp_seconds %lld\n",
      (long long)atomic_load(&m->loaded_at_s));
    fwrite(c->gauges, 1, c->gauges_len, f);
  }
  connections(f, s);
  srv_process_metrics(f);
  fprintf(f,
          "# HELP aicost_build_info The aicostd build.\n"
          "# TYPE aicost_build_info gauge\n"
          "aicost_build_info{version=\"%s\"} 1\n",
          AICOST_VERSION);
  srv_catalogue_release(c);
  if (fclose(f) != 0) {
    free(text);
    return NULL;
  }
  *len = n;
  return text;
}
