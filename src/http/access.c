/* The access handler. libmicrohttpd calls it at least twice per request:
 *   first call  headers only: route, method, Accept, Content-Type and
 *               Content-Length are decided here (404, 405, 406, 415, 413);
 *   middle calls body chunks: appended under the --max-body cap, no reply
 *               (MHD 0.9.75 cannot queue a response while upload data is
 *               being handed over);
 *   last call   no more data: the early decision is answered, or the
 *               route's handler runs on the whole body.
 * Replying on the first call would make MHD close the connection (and costs
 * about 7x in throughput on 0.9.75), so even a GET is answered on its second
 * call. The exception is a refusal when the declared Content-Length is over
 * the limit: answering at once keeps a client that sent "Expect:
 * 100-continue" from uploading the body at all, and MHD then closes rather
 * than read it.
 * A body found too large while reading (chunked, or a lying Content-Length)
 * is no longer stored: the rest is read and dropped and the last call
 * answers 413, keeping the connection. Only an upload that goes on past
 * discard_cap() bytes is cut without an answer: a client that will not stop
 * sending cannot be answered anyway.
 * The request and its body are freed once, in srv_completed. */
#include <stdlib.h>
#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "aicost/json.h"
#include "srv.h"

/* A generated id: the prefix, '-' and up to 16 hex digits. */
_Static_assert(sizeof(((struct srv_req *)0)->request_id) >=
                 sizeof(((struct srv *)0)->id_prefix) + 1 + 16 + 1,
               "a generated request id always fits");

/* A body this large (or larger) makes the completion hand freed memory
 * back; so does a large answer (SRV_TRIM_AFTER_ANSWER, limits.c). */
#define TRIM_AFTER_BODY ((size_t)64 * 1024)

/* An incoming X-Request-Id is echoed only when it is short and plain, so
 * that logs and headers cannot be injected into. */
static bool
good_request_id(const char *id)
{
  size_t n = 0;

  if (id == NULL)
    return false;
  for (; id[n] != '\0'; n++) {
    char ch = id[n];
    bool ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
              ch == '-' || ch == '_' || ch == '.' || ch == ':';

    if (!ok || n >= 64)
      return false;
  }
  return n > 0;
}

/* Copies s into out[cap] (cap > 0), truncating as snprintf "%s" does. */
static size_t
copy_str(char *out, size_t cap, const char *s)
{
  size_t n = strlen(s);

  if (n >= cap)
    n = cap - 1;
  memcpy(out, s, n);
  out[n] = '\0';
  return n;
}

static void
assign_request_id(struct srv_req *rq)
{
  const char *in = MHD_lookup_connection_value(rq->conn, MHD_HEADER_KIND, "X-Request-Id");
  unsigned long long n;
  char hex[16];
  size_t len, digits = 0;

  if (good_request_id(in)) {
    copy_str(rq->request_id, sizeof rq->request_id, in);
    return;
  }
  n = (unsigned long long)atomic_fetch_add(&rq->srv->next_id, 1);
  /* "%s-%08llx" by hand (snprintf was most of this handler's own time): the
   * prefix is 8 hex digits and the counter at most 16, well within 72. */
  do {
    hex[sizeof hex - 1 - digits++] = "0123456789abcdef"[n & 0xf];
    n >>= 4;
  } while (n != 0);
  while (digits < 8)
    hex[sizeof hex - 1 - digits++] = '0';
  len = copy_str(rq->request_id, sizeof rq->request_id, rq->srv->id_prefix);
  rq->request_id[len++] = '-';
  memcpy(rq->request_id + len, hex + sizeof hex - digits, digits);
  rq->request_id[len + digits] = '\0';
}

static const char *
allowed_origin(const struct srv *s, const char *origin)
{
  if (origin == NULL)
    return NULL;
  for (size_t i = 0; i < s->cfg.n_cors; i++) {
    if (strcmp(s->cfg.cors[i], "*") == 0)
      return "*";
    if (strcmp(s->cfg.cors[i], origin) == 0)
      return s->cfg.cors[i];
  }
  return NULL;
}

/* Content-Length as a number; false when absent. A malformed one never
 * reaches us: MHD answers 400 itself. */
static bool
content_length(struct MHD_Connection *c, unsigned long long *out)
{
  const char *v = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
  char *end = NULL;

  if (v == NULL)
    return false;
  *out = strtoull(v, &end, 10);
  return end != v;
}

/* How much of a refused body is read and dropped before giving up. */
static size_t
discard_cap(const struct srv *s)
{
  size_t floor = (size_t)16 << 20;

  return s->cfg.max_body > floor / 16 ? s->cfg.max_body * 16 : floor;
}

static void
too_large_detail(struct srv_req *rq)
{
  rq->early = SRV_E_TOO_LARGE;
  snprintf(rq->early_detail, sizeof rq->early_detail,
           "the body is larger than the limit of %zu bytes", rq->srv->cfg.max_body);
}

/* Everything that can be known from the request line and headers. */
static void
decide(struct srv_req *rq)
{
  struct MHD_Connection *c = rq->conn;
  const struct srv_route *r = rq->match.route;
  unsigned long long len = 0;
  const char *accept;

  if (!rq->match.path_known) {
    rq->early = SRV_E_NOT_FOUND;
    snprintf(rq->early_detail, sizeof rq->early_detail,
             "no resource at this path; see /openapi.yaml");
    return;
  }
  if (rq->method == SRV_OPTIONS)
    return; /* answered for every known path */
  if (r == NULL) {
    rq->early = SRV_E_METHOD;
    snprintf(rq->early_detail, sizeof rq->early_detail, "%s is not allowed here; allowed: %s",
             rq->method_str, rq->match.allow);
    return;
  }
  if (r->body) {
    if (content_length(c, &len) && len > rq->srv->cfg.max_body) {
      too_large_detail(rq);
      return;
    }
    if (!srv_is_json_type(
          MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE))) {
      rq->early = SRV_E_MEDIA_TYPE;
      snprintf(rq->early_detail, sizeof rq->early_detail,
               "send the body as Content-Type: application/json");
      return;
    }
  }
  accept = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_ACCEPT);
  if (r->produces == SRV_FORMATS) {
    rq->format = srv_choose_format(accept,
                                   MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "format"),
                                   r, &rq->early, rq->early_detail, sizeof rq->early_detail);
    rq->media = rq->format != NULL ? rq->format->media_type : NULL;
    if (rq->early == SRV_OK)
      rq->bands = srv_choose_bands(MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "bands"),
                                   &rq->early, rq->early_detail, sizeof rq->early_detail);
    return;
  }
  rq->media = srv_negotiate(accept, r);
  if (rq->media == NULL) {
    rq->early = SRV_E_NOT_ACCEPTABLE;
    srv_not_acceptable_detail(r, rq->early_detail, sizeof rq->early_detail);
  }
}

/* A problem decided on the first call. A 422 (an unknown ?format=) lists
 * its one problem in `errors` too, as every 422 does. */
static enum MHD_Result
reply_early(struct srv_req *rq)
{
  struct aic_diags d;

  if (rq->early != SRV_E_INVALID)
    return srv_reply_problem(rq, rq->early, rq->early_detail, NULL);
  aic_diags_init(&d);
  aic_diag_add(&d, "", "%s", rq->early_detail);
  return srv_reply_problem(rq, rq->early, NULL, &d);
}

/* The documented budget for the request line and headers. The connection
 * pool is sized so that a little more than this still reaches the handler
 * (cmd/aicostd/main.c), which answers with a problem; far beyond it
 * libmicrohttpd answers 431 itself. */
static enum srv_err
header_budget(struct MHD_Connection *c, char *detail, size_t cap)
{
  const union MHD_ConnectionInfo *info = MHD_get_connection_info(
    c, MHD_CONNECTION_INFO_REQUEST_HEADER_SIZE);

  if (info == NULL || info->header_size <= SRV_HEADER_BUDGET)
    return SRV_OK;
  snprintf(detail, cap, "the request line and headers are %zu bytes, over the limit of %d",
           info->header_size, SRV_HEADER_BUDGET);
  return SRV_E_HEADERS_TOO_LARGE;
}

static struct srv_req *
first_call(struct srv *s, struct MHD_Connection *c, const char *url, const char *method,
           const char *version)
{
  struct srv_req *rq = calloc(1, sizeof *rq);

  if (rq == NULL)
    return NULL;
  rq->srv = s;
  rq->conn = c;
  rq->sock = srv_guard_of(c);
  srv_guard_phase(rq->sock, SRV_PHASE_BODY);
  rq->start_ns = srv_now_ns();
  atomic_fetch_add(&s->metrics.in_flight, 1);
  copy_str(rq->method_str, sizeof rq->method_str, method);
  rq->method = srv_method_parse(method);
  rq->path = strdup(url);
  assign_request_id(rq);
  rq->cat = srv_catalogue_acquire(s);
  srv_route_match(method, url, &rq->match);
  if (s->cfg.n_cors > 0)
    rq->cors_origin = allowed_origin(s, MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Origin"));
  if (rq->path == NULL) {
    rq->early = SRV_E_NOMEM;
    return rq;
  }
  rq->early = srv_framing_check(c, version, rq->early_detail, sizeof rq->early_detail);
  if (rq->early == SRV_OK)
    rq->early = header_budget(c, rq->early_detail, sizeof rq->early_detail);
  if (rq->early != SRV_OK) {
    rq->close = true;
    return rq;
  }
  decide(rq);
  return rq;
}

/* Appends a chunk; false when the body would pass the limit. */
static bool
append(struct srv_req *rq, const char *data, size_t n)
{
  size_t max = rq->srv->cfg.max_body;

  if (n > max - rq->body_len)
    return false;
  if (rq->body_len + n > rq->body_cap) {
    unsigned long long hint = 0;
    size_t cap = rq->body_cap == 0 ? 4096 : rq->body_cap * 2;
    char *grown;

    /* Content-Length (already known to be under the limit) sizes it once. */
    if (rq->body_cap == 0 && content_length(rq->conn, &hint) && hint > 0 && hint <= max)
      cap = (size_t)hint;
    while (cap < rq->body_len + n)
      cap *= 2;
    if (cap > max)
      cap = max;
    grown = realloc(rq->body, cap + 1);
    if (grown == NULL) {
      rq->early = SRV_E_NOMEM;
      return true;
    }
    rq->body = grown;
    rq->body_cap = cap;
  }
  memcpy(rq->body + rq->body_len, data, n);
  rq->body_len += n;
  rq->body[rq->body_len] = '\0';
  return true;
}

enum MHD_Result
srv_access(void *cls, struct MHD_Connection *c, const char *url, const char *method,
           const char *version, const char *upload_data, size_t *upload_data_size, void **con_cls)
{
  struct srv *s = cls;
  struct srv_req *rq = *con_cls;
  size_t n = *upload_data_size;

  if (rq == NULL) {
    unsigned long long declared = 0;

    rq = first_call(s, c, url, method, version);
    if (rq == NULL)
      return MHD_NO; /* out of memory: MHD drops the connection */
    *con_cls = rq;
    /* Ambiguous framing is answered now: MHD then reads no body and closes. */
    if (rq->close ||
        (rq->early != SRV_OK && content_length(c, &declared) && declared > s->cfg.max_body)) {
      srv_guard_phase(rq->sock, SRV_PHASE_WORK);
      srv_guard_linger(rq->sock);
      return reply_early(rq);
    }
    return MHD_YES;
  }

  if (n > 0) {
    *upload_data_size = 0;
    if (rq->early == SRV_OK && !append(rq, upload_data, n)) {
      too_large_detail(rq);
      rq->discarded = rq->body_len;
      free(rq->body);
      rq->body = NULL;
      rq->body_len = 0;
    }
    if (rq->early != SRV_OK) {
      rq->discarded += n;
      if (rq->discarded > discard_cap(s))
        return MHD_NO;
    }
    return MHD_YES;
  }

  if (rq->replied)
    return MHD_YES;
  srv_guard_phase(rq->sock, SRV_PHASE_WORK);
  if (rq->early != SRV_OK)
    return reply_early(rq);
  if (rq->method == SRV_OPTIONS)
    return srv_ep_options(rq);
  return rq->match.route->handler(rq);
}

void
srv_completed(void *cls, struct MHD_Connection *c, void **con_cls,
              enum MHD_RequestTerminationCode toe)
{
  struct srv *s = cls;
  struct srv_req *rq = *con_cls;
  uint64_t dur_ns;
  size_t slot;
  bool big;

  if (rq == NULL)
    return;
  *con_cls = NULL;
  dur_ns = srv_now_ns() - rq->start_ns;
  /* Rows count what they handled (and refused: 406, 413, 415); 404, 405
   * and OPTIONS share the last slot. */
  slot = rq->match.route != NULL && rq->method != SRV_OPTIONS ? rq->match.index : SRV_ROUTES_MAX;
  srv_metrics_observe(&s->metrics, slot, rq->status, dur_ns / 1000);
  if (s->cfg.access_log)
    srv_log_request(rq, (double)dur_ns / 1e6);
  srv_guard_phase(rq->sock, SRV_PHASE_WAIT);
  srv_catalogue_release(rq->cat);
  big = rq->body_cap >= TRIM_AFTER_BODY || rq->trim || rq->held >= SRV_TRIM_AFTER_ANSWER;
  srv_budget_release(rq);
  free(rq->body);
  free(rq->path);
  free(rq);
  atomic_fetch_sub(&s->metrics.in_flight, 1);
#ifdef __GLIBC__
  /* Parsing a large body, or building a large answer (a comparison of
   * thousands of points), makes many allocations in this thread's malloc
   * arena; glibc keeps the freed pages, so the RSS would ratchet up to the
   * worst request each thread has seen. Rare, so the trim is cheap. */
  if (big) {
    /* the small blocks jansson keeps for the next tree (json_alloc.c) would
     * pin pages all over the heap a large body spread it across */
    aic_json_alloc_drain();
    malloc_trim(0);
  }
#else
  (void)big;
#endif
}
