/* The HTTP layer's private interface: the server, one request, the route
 * table, replies and problems. Nothing here leaks into include/aicost/: the
 * core and the libraries under it never see libmicrohttpd. */
#ifndef AICOST_SRV_H
#define AICOST_SRV_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <microhttpd.h>
#include <pthread.h>

#include "aicost/catalogue_io.h"
#include "aicost/json.h"
#include "aicost/render.h"
#include "aicost/scenarios.h"
#include "aicost/util.h"

/* ---- configuration (filled by cmd/aicostd/main.c) ---- */

#define SRV_CORS_MAX 16

struct srv_config {
  const char *listen;         /* "ADDR:PORT", "[v6]:PORT"; port 0 = ephemeral */
  const char *catalogue_path; /* ':'-separated files, layered; NULL: the embedded one */
  const char *scenarios_dir;  /* named scenarios; NULL: the examples embedded (config/scenarios) */
  unsigned threads;           /* MHD thread pool size, >= 1 */
  size_t max_body;            /* bytes; larger bodies get 413 */
  unsigned max_connections;   /* MHD_OPTION_CONNECTION_LIMIT */
  unsigned timeout_s;         /* MHD_OPTION_CONNECTION_TIMEOUT: idle seconds */
  unsigned
    header_timeout_s; /* a request's line and headers, from its first byte (guard.c); 0: none */
  unsigned body_timeout_s;  /* a request's body, from its headers (guard.c); 0: none */
  unsigned max_per_ip;      /* MHD_OPTION_PER_IP_CONNECTION_LIMIT; 0: none */
  size_t response_budget;   /* bytes of answers held for clients at most (limits.c); 0: none */
  size_t connection_memory; /* MHD_OPTION_CONNECTION_MEMORY_LIMIT: headers + read buffer */
  unsigned drain_s;         /* on SIGTERM: how long requests in flight may take */
  bool access_log;          /* one JSON line per request on stderr */
  size_t n_cors;
  const char *cors[SRV_CORS_MAX]; /* allowed origins; "*" allows any */
};

/* ---- errors: one enum, mapped to status, type and title in problem.c ---- */

enum srv_err {
  SRV_OK = 0,
  SRV_E_MALFORMED,         /* 400: the body is not one JSON document */
  SRV_E_BAD_REQUEST,       /* 400: a request the HTTP layer cannot use (bad header) */
  SRV_E_FRAMING,           /* 400: Content-Length / Transfer-Encoding that can be read two ways */
  SRV_E_NOT_FOUND,         /* 404: no route for the path */
  SRV_E_UNKNOWN_ENTRY,     /* 404: no catalogue entry with that id */
  SRV_E_METHOD,            /* 405: the path exists, not with this method */
  SRV_E_NOT_ACCEPTABLE,    /* 406: Accept rules out every media type the route produces */
  SRV_E_TOO_LARGE,         /* 413: body over --max-body */
  SRV_E_MEDIA_TYPE,        /* 415: body is not application/json */
  SRV_E_INVALID,           /* 422: well-formed JSON that is not a valid scenario */
  SRV_E_ANSWER_TOO_LARGE,  /* 422: more series points than SRV_ANSWER_POINTS_MAX */
  SRV_E_HEADERS_TOO_LARGE, /* 431: request line and headers over SRV_HEADER_BUDGET */
  SRV_E_INTERNAL,          /* 500: a bug; never for a client's input */
  SRV_E_NOMEM,             /* 503: out of memory; retrying may work */
  SRV_E_NOT_READY,         /* 503: no catalogue loaded, or shutting down */
  SRV_E_BUSY,              /* 503: --response-budget held by answers not yet read; Retry-After */
  SRV_E_COUNT
};

/* ---- the catalogue as served: immutable, reference counted ---- */

/* One loaded catalogue with the bytes served for it, built once at load so
 * that GET /v1/catalogue is a memcpy. Requests hold a reference from their
 * first call to their completion; a reload swaps the server's pointer and
 * drops the server's reference, so the last request frees the old one. */
struct srv_catref {
  atomic_uint refs;
  struct aic_catalogue *cat;
  char *json; /* GET /v1/catalogue */
  size_t json_len;
  char *section[AIC_SECTION_COUNT]; /* GET /v1/catalogue/{gpus,models,api-prices} */
  size_t section_len[AIC_SECTION_COUNT];
  char etag[80]; /* "\"<hash>\"": the hash of the source bytes */
  struct aic_scenario_set
    *scenarios; /* named scenarios, validated against `cat` (ep_scenarios.c) */
  char *gauges; /* their cost gauges for /metrics, rendered once (scenario_gauges.c) */
  size_t gauges_len;
};

/* ---- routes ---- */

enum srv_method {
  SRV_GET,
  SRV_HEAD,
  SRV_POST,
  SRV_OPTIONS,
  SRV_OTHER, /* PUT, DELETE, PATCH, ...: only ever 405 or 404 */
};

struct srv;
struct srv_req;
typedef enum MHD_Result (*srv_handler)(struct srv_req *rq);

struct srv_route {
  enum srv_method method;      /* GET rows also answer HEAD */
  const char *path;            /* template; "{x}" matches one segment */
  bool tail;                   /* the last "{x}" takes the rest of the path, '/' included */
  bool body;                   /* takes an application/json body */
  const char *const *produces; /* media types, preferred first, NULL-terminated;
                                  SRV_FORMATS: the output formats (render.h) */
  srv_handler handler;
  int arg; /* for the handler: the catalogue section */
};

/* `produces` of a route that renders results: it offers every row of the
 * format table (aic_formats), chosen by ?format= or Accept (negotiate.c). */
#define SRV_FORMATS NULL

#define SRV_PARAM_MAX 256

struct srv_match {
  const struct srv_route *route; /* NULL: 404 or 405 */
  size_t index;                  /* row in the table when route != NULL */
  bool path_known;               /* some row has this path (405 rather than 404) */
  char allow[96];                /* "GET, HEAD, OPTIONS" for the path */
  char param[SRV_PARAM_MAX];     /* the "{x}" capture */
};

extern const struct srv_route srv_routes[];
extern const size_t srv_n_routes;

/* Looks `path` up for `method`. Pure: used by the access handler and tests. */
void srv_route_match(const char *method, const char *path, struct srv_match *m);
enum srv_method srv_method_parse(const char *method);
const char *srv_method_name(enum srv_method m);
/* Prints "METHOD PATH" per row, for `aicostd --print-routes`. */
void srv_routes_print(FILE *out);
/* The i-th media type the route produces, preferred first (the format
 * table's for SRV_FORMATS); NULL past the last. */
const char *srv_route_media(const struct srv_route *r, size_t i);

/* ---- content negotiation (negotiate.c) ---- */

/* The media type of the route's that `accept` (an Accept header, NULL when
 * absent) prefers, or NULL when it rules them all out (406). */
const char *srv_negotiate(const char *accept, const struct srv_route *r);
/* The one rule for a route that renders results (SRV_FORMATS): ?format=
 * (format_arg, NULL when absent) names the format and wins over Accept,
 * as a link or an image tag cannot set headers; else Accept chooses among
 * the formats' media types (the table's first, JSON, when it is absent).
 * NULL when neither gives a format, with *err SRV_E_INVALID (no format of
 * that name) or SRV_E_NOT_ACCEPTABLE, and the reason in detail. */
const struct aic_format *srv_choose_format(const char *accept, const char *format_arg,
                                           const struct srv_route *r, enum srv_err *err,
                                           char *detail, size_t cap);
/* ?bands= on the same routes: absent or "true" computes the uncertainty
 * bands, "false" skips them; anything else is SRV_E_INVALID with the
 * reason in detail. */
bool srv_choose_bands(const char *arg, enum srv_err *err, char *detail, size_t cap);
/* "this resource is available as a, b" (for a 406). */
void srv_not_acceptable_detail(const struct srv_route *r, char *detail, size_t cap);
/* Whether Content-Type is application/json with at most a utf-8 charset. */
bool srv_is_json_type(const char *content_type);
/* Whether If-None-Match (NULL when absent) matches `etag` (weak comparison). */
bool srv_etag_matches(const char *if_none_match, const char *etag);

/* ---- metrics (metrics.c): no globals, all in struct srv ---- */

#define SRV_ROUTES_MAX 32
#define SRV_STATUS_SLOTS 16
#define SRV_BUCKETS 14

struct srv_route_metrics {
  atomic_uint_fast64_t by_status[SRV_STATUS_SLOTS];
  atomic_uint_fast64_t buckets[SRV_BUCKETS]; /* not cumulative; summed when printed */
  atomic_uint_fast64_t sum_us;
  atomic_uint_fast64_t count;
};

struct srv_metrics {
  struct srv_route_metrics route[SRV_ROUTES_MAX + 1]; /* last: requests no row handled */
  atomic_int_fast64_t in_flight;
  atomic_uint_fast64_t reloads; /* successful */
  atomic_uint_fast64_t reload_failures;
  atomic_int_fast64_t loaded_at_s; /* unix time of the current catalogue */
};

void srv_metrics_observe(struct srv_metrics *m, size_t route_slot, unsigned status,
                         uint64_t duration_us);
/* The Prometheus text exposition (version 0.0.4); caller frees. */
char *srv_metrics_render(struct srv *s, size_t *len);
/* The cost gauges of every named scenario (aicost_scenario_*), projected
 * here, once per load, never per scrape. NULL only when out of memory. */
char *srv_gauges_render(const struct aic_catalogue *cat, const struct aic_scenario_set *set,
                        size_t *len);
/* The standard process_* metrics of this process (process_metrics.c). */
void srv_process_metrics(FILE *f);

/* ---- slow clients (guard.c) ---- */

/* What a connection waits for; the sweeper's deadlines depend on it. */
enum srv_phase {
  SRV_PHASE_NEW,  /* accepted, no request yet */
  SRV_PHASE_WAIT, /* between requests, or receiving a request's headers */
  SRV_PHASE_BODY, /* headers in, the body arriving */
  SRV_PHASE_WORK, /* answering: the handler runs, the answer is being sent */
};

enum srv_shut { SRV_SHUT_HEADERS, SRV_SHUT_BODY, SRV_SHUT_PRESSURE, SRV_SHUT_COUNT };

struct srv_conn;

/* A refused upload's socket, read and dropped until the client closes
 * (linger.c). */
#define SRV_LINGER_MAX 64
struct srv_linger {
  int fd;
  uint64_t until_ns;
  size_t drained;
};

struct srv_guard {
  pthread_mutex_t lock; /* the table, `open`, `stop` */
  pthread_cond_t wake;
  pthread_t thread;
  bool running;
  bool stop;
  struct srv_conn *head;
  size_t open;
  atomic_uint_fast64_t shut[SRV_SHUT_COUNT]; /* connections shut, by reason */
  struct srv_linger linger[SRV_LINGER_MAX];  /* under `lock` */
  size_t n_linger;
  atomic_uint_fast64_t lingered; /* connections closed lingering */
};

/* ---- the server ---- */

struct srv {
  struct srv_config cfg;
  struct MHD_Daemon *daemon;
  int listen_fd;
  unsigned port;
  char address[80]; /* "http://127.0.0.1:8080" */

  pthread_mutex_t cat_lock; /* guards `cat` (the pointer, not the catalogue) */
  struct srv_catref *cat;

  atomic_bool draining;         /* SIGTERM seen: readyz says 503, responses say Connection: close */
  bool quiesced;                /* MHD handed the listening socket back */
  atomic_uint_fast64_t next_id; /* request ids */
  char id_prefix[12];
  struct srv_metrics metrics;
  struct srv_guard guard;
  atomic_size_t response_bytes; /* bytes of answers queued and not yet completed */
};

/* Creates the server (not listening yet). */
struct srv *srv_new(const struct srv_config *cfg);
/* Binds and listens; on failure writes one line to `err` and returns -1. */
int srv_listen(struct srv *s, char *err, size_t errcap);
/* Starts the MHD threads on the bound socket. -1 with `err` on failure. */
int srv_start(struct srv *s, char *err, size_t errcap);
/* Stops accepting: new connections are refused; connections open stay. */
void srv_quiesce(struct srv *s);
/* Waits up to cfg.drain_s for requests in flight to complete; false on timeout. */
bool srv_drain(struct srv *s);
/* Stops the threads and frees everything; NULL is fine. */
void srv_free(struct srv *s);

/* ---- catalogue lifetime (catalogue.c) ---- */

/* Loads from `path` (NULL: the embedded default) and, when valid, makes it
 * the one served. On failure the old one keeps serving and every problem is
 * in `errors`. Counts reloads and failures unless `initial`. */
int srv_catalogue_load(struct srv *s, const char *path, bool initial, struct aic_diags *errors);
/* The current catalogue with one more reference, or NULL before the first load. */
struct srv_catref *srv_catalogue_acquire(struct srv *s);
/* SIGHUP: srv_catalogue_load from cfg.catalogue_path, logged either way. */
void srv_catalogue_reload(struct srv *s);
void srv_catalogue_release(struct srv_catref *c);

/* ---- one request ---- */

struct srv_req {
  struct srv *srv;
  struct MHD_Connection *conn;
  struct srv_match match;
  enum srv_method method;
  char method_str[16];
  char *path;                      /* owned copy, for the log */
  struct srv_catref *cat;          /* held from the first call to completion */
  const char *media;               /* negotiated response type */
  const struct aic_format *format; /* the output format, on routes that render results */
  bool bands;                      /* ?bands= (default true): compute the uncertainty bands */
  const char *cors_origin;         /* the Origin to echo; NULL: no CORS headers */
  enum srv_err early;              /* decided on the first call, answered on the last */
  char early_detail[160];
  bool close; /* answer with Connection: close (MHD then drops the connection) */
  bool replied;
  char *body; /* owned; freed once, in the completion callback */
  size_t body_len;
  size_t body_cap;
  size_t discarded;      /* body bytes read and dropped after an early error */
  struct srv_conn *sock; /* the connection's guard entry */
  size_t held;           /* bytes of response_bytes this answer holds */
  bool trim;             /* a large answer was built: hand the heap back on completion */
  char request_id[72];
  unsigned status;
  uint64_t bytes;
  uint64_t start_ns;
};

/* ---- replies (reply.c): every response goes through srv_reply ---- */

enum srv_mem { SRV_MEM_STATIC, SRV_MEM_FREE };

/* Queues a response: headers common to all (request id, CORS, Vary) are
 * added here. `body` is taken (freed by MHD) when mem is SRV_MEM_FREE, even
 * on failure. `extra` is NULL or a NULL-terminated list of name, value pairs. */
enum MHD_Result srv_reply(struct srv_req *rq, unsigned status, const char *content_type,
                          const char *body, size_t len, enum srv_mem mem, const char *const *extra);
/* Serialises `j` (stolen) with aic_json_dump. */
enum MHD_Result srv_reply_json_steal(struct srv_req *rq, unsigned status, json_t *j,
                                     const char *const *extra);
/* A result in the request's output format (rq->format): its Content-Type
 * and, when it has one, its Content-Security-Policy, then `extra`. A
 * renderer out of memory is a 503. `currency` (NULL: USD) is the answer's
 * (a validated ISO 4217 code with a catalogue rate): JSON and CSV are
 * converted, another format is a 422. */
enum MHD_Result srv_reply_projection(struct srv_req *rq, const struct aic_projection *pj,
                                     const char *currency, const char *const *extra);
enum MHD_Result srv_reply_comparison(struct srv_req *rq, const struct aic_comparison *c,
                                     const char *currency, const char *const *extra);

/* ---- problems (problem.c) ---- */

unsigned srv_err_status(enum srv_err e);
const char *srv_err_type(enum srv_err e);
const char *srv_err_title(enum srv_err e);
/* [{"pointer", "detail"}, ...] for problem bodies and logs. */
json_t *srv_errors_json(const struct aic_diags *d);
/* Maps a status of the core or the libraries (AIC_E_SYNTAX, AIC_E_INVALID,
 * AIC_E_NOMEM, < 0) to an srv_err. */
enum srv_err srv_err_from_aic(int status);
/* An application/problem+json reply. `d` may be NULL; `detail` may be NULL
 * (then the only diag, a count, or the title is used). A 405 carries Allow. */
enum MHD_Result srv_reply_problem(struct srv_req *rq, enum srv_err e, const char *detail,
                                  const struct aic_diags *d);
/* The same, with extension members merged into the body (stolen). */
enum MHD_Result srv_reply_problem_ext(struct srv_req *rq, enum srv_err e, const char *detail,
                                      const struct aic_diags *d, json_t *ext_steal);

/* ---- slow clients (guard.c) ---- */

/* MHD_OPTION_NOTIFY_CONNECTION: adds and drops the connection's entry. */
void srv_guard_notify(void *cls, struct MHD_Connection *c, void **socket_context,
                      enum MHD_ConnectionNotificationCode toe);
/* The connection's entry (NULL when it could not be made). */
struct srv_conn *srv_guard_of(struct MHD_Connection *c);
/* Marks the start of a phase; NULL is fine. */
void srv_guard_phase(struct srv_conn *k, enum srv_phase p);
int srv_guard_init(struct srv *s);
int srv_guard_start(struct srv *s);
void srv_guard_stop(struct srv *s);
void srv_guard_destroy(struct srv *s);
/* Connections open now, and those lingering (linger.c). */
void srv_guard_counts(struct srv *s, size_t *open, size_t *lingering);
/* The answer refuses a body the client may still be sending: when the
 * connection closes, it lingers (linger.c). NULL is fine. */
void srv_guard_linger(struct srv_conn *k);

/* ---- closing a refused upload without losing its answer (linger.c) ---- */

/* Under the guard's lock. */
void srv_linger_add(struct srv_guard *g, int fd, uint64_t now);
void srv_linger_drain(struct srv_guard *g, uint64_t now);
void srv_linger_close_all(struct srv_guard *g);

/* ---- the cost of answers (limits.c) ---- */

/* Series points (options x periods) one answer may carry: 4 options of
 * 3,650 daily points, the budget page's largest comparison, fit. */
#define SRV_ANSWER_POINTS_MAX 16384
/* Bytes per series point at most, in any format (JSON's, about 190, and
 * about 30 more for the bands' p10 and p90 of each point, is the largest):
 * the early check refuses before rendering what the budget could not hold. */
#define SRV_ANSWER_BYTES_PER_POINT 240
/* The largest answer SRV_ANSWER_POINTS_MAX allows, in any format, rounded
 * up: the smallest --response-budget accepted. */
#define SRV_ANSWER_BYTES_MAX ((size_t)8 << 20)
/* An answer this large (or its estimate) trims the heap on completion. */
#define SRV_TRIM_AFTER_ANSWER ((size_t)1 << 20)
/* Answers smaller than this are never refused for the budget. */
#define SRV_BUDGET_EXEMPT ((size_t)16 << 10)

/* SRV_OK, SRV_E_ANSWER_TOO_LARGE (with every field to change in `errors`)
 * or SRV_E_BUSY, with `detail`; for the projections of n options. */
enum srv_err srv_answer_check(struct srv_req *rq, const struct aic_projection *pj, size_t n,
                              bool comparison, struct aic_diags *errors, char *detail, size_t cap);
/* Counts an answer of len bytes against --response-budget; false (nothing
 * counted) when a large one does not fit. */
bool srv_budget_take(struct srv_req *rq, size_t len);
/* Gives back what the request holds (on completion). */
void srv_budget_release(struct srv_req *rq);

/* Bytes of request line and headers a request may have (431 beyond). */
#define SRV_HEADER_BUDGET 16384

/* ---- request framing (framing.c) ---- */

/* SRV_OK, or SRV_E_FRAMING / SRV_E_BAD_REQUEST with `detail` when the
 * Content-Length, Transfer-Encoding or Host lines are ambiguous; such a
 * request is answered at once and its connection closed. */
enum srv_err srv_framing_check(struct MHD_Connection *c, const char *version, char *detail,
                               size_t cap);

/* ---- the access handler and its completion (access.c) ---- */

enum MHD_Result srv_access(void *cls, struct MHD_Connection *c, const char *url, const char *method,
                           const char *version, const char *upload_data, size_t *upload_data_size,
                           void **con_cls);
void srv_completed(void *cls, struct MHD_Connection *c, void **con_cls,
                   enum MHD_RequestTerminationCode toe);

/* ---- logging (log.c) ---- */

/* One JSON object per line on stderr, written with a single write(2). */
void srv_log_request(const struct srv_req *rq, double duration_ms);
/* {"time","level","event", ...fields (stolen)} */
void srv_log_event(const char *level, const char *event, json_t *fields_steal);
/* "2025-01-02T03:04:05.678Z" */
void srv_time_rfc3339(char *out, size_t cap);
uint64_t srv_now_ns(void);

/* ---- endpoints: one file each ---- */

enum MHD_Result srv_ep_projections(struct srv_req *rq);
enum MHD_Result srv_ep_comparisons(struct srv_req *rq);
enum MHD_Result srv_ep_plans(struct srv_req *rq);
/* A plan in the request's output format and currency (reply.c, as
 * srv_reply_projection; a format without a plan renderer is a 406). */
enum MHD_Result srv_reply_plan(struct srv_req *rq, const struct aic_plan_result *p,
                               const char *currency, const char *const *extra);
enum MHD_Result srv_ep_catalogue(struct srv_req *rq);
enum MHD_Result srv_ep_catalogue_section(struct srv_req *rq);
enum MHD_Result srv_ep_catalogue_entry(struct srv_req *rq);
enum MHD_Result srv_ep_healthz(struct srv_req *rq);
enum MHD_Result srv_ep_readyz(struct srv_req *rq);
enum MHD_Result srv_ep_metrics(struct srv_req *rq);
enum MHD_Result srv_ep_openapi(struct srv_req *rq);
/* GET /v1/schemas/{name}: a document's JSON Schema (ep_schemas.c). */
enum MHD_Result srv_ep_schema(struct srv_req *rq);
/* Dashboards (ep_page.c, ep_scenarios.c): GET /, GET /v1/scenarios and
 * GET /v1/scenarios/{id}/projection; the named scenarios are loaded with
 * the catalogue from `dir` (NULL: the embedded examples). */
enum MHD_Result srv_ep_page(struct srv_req *rq);
enum MHD_Result srv_ep_scenarios(struct srv_req *rq);
enum MHD_Result srv_ep_scenario_projection(struct srv_req *rq);
struct aic_scenario_set *srv_scenarios_load(const char *dir, const struct aic_catalogue *cat,
                                            struct aic_diags *errors);
/* OPTIONS on a known path: Allow, and the CORS preflight when enabled. */
enum MHD_Result srv_ep_options(struct srv_req *rq);

/* The contract, embedded from openapi.yaml. */
extern const char aic_openapi_text[];
extern const size_t aic_openapi_text_len;

#endif
