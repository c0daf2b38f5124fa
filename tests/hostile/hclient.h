/* A deliberately small HTTP/1.1 client and daemon launcher for the
 * hardening suites (hostile, ops, fuzz). It speaks plain sockets so that a
 * test can send exactly the bytes it means to, lies included, and read
 * back whatever the server answers, pipelined answers included. Loopback
 * only. Not a general client: it trusts nothing and bounds everything. */
#ifndef AICOST_HCLIENT_H
#define AICOST_HCLIENT_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* ---- a running aicostd ---- */

struct hc_daemon {
  pid_t pid;
  int port;
  char log_path[512]; /* its stderr (and stdout) */
  bool exited;
  int wait_status; /* valid when exited */
};

/* Starts `exe` with argv[1..] = args (NULL-terminated; "--listen
 * 127.0.0.1:0" is NOT added: pass it), stderr and stdout appended to
 * `log_path`. When run_as_uid is not -1 the child drops to that uid and gid
 * (for permission tests when the suite runs as root). Waits up to
 * timeout_ms for "listening on http://HOST:PORT" in the log and fills
 * `port`. Returns 0, or -1 with the reason in `err` (the daemon is reaped). */
int hc_daemon_start(struct hc_daemon *d, const char *exe, const char *const *args,
                    const char *log_path, long run_as_uid, int timeout_ms, char *err,
                    size_t errcap);
/* Runs `exe` with args to completion (bounded by timeout_ms; killed after),
 * its stderr to `log_path`. Returns the wait status, or -1 on timeout. */
int hc_run(const char *exe, const char *const *args, const char *log_path, long run_as_uid,
           int timeout_ms);
/* true while the process runs; reaps it and records the status when not. */
bool hc_daemon_alive(struct hc_daemon *d);
/* Sends `sig` and waits up to timeout_ms for the exit. Returns the wait
 * status, or -1 on timeout (the daemon is then SIGKILLed and reaped). */
int hc_daemon_stop(struct hc_daemon *d, int sig, int timeout_ms);
/* VmRSS in KiB from /proc/PID/status, -1 when unreadable. */
long hc_rss_kib(pid_t pid);
/* Reads the whole log (caller frees), or NULL. */
char *hc_read_file(const char *path, size_t *len);
/* "exit 0", "signal 11 (core)", ...: for messages. */
void hc_describe_status(int status, char *out, size_t cap);

/* ---- connections ---- */

struct hc_conn {
  int fd;
  char *buf; /* bytes read and not yet consumed */
  size_t len;
  size_t cap;
  bool eof;
};

/* Connects to 127.0.0.1:port. 0 or -1. */
int hc_connect(struct hc_conn *c, int port);
/* Sends all of it (MSG_NOSIGNAL); 0 or -1 (peer closed, reset, timeout). */
int hc_send(struct hc_conn *c, const void *bytes, size_t len, int timeout_ms);
/* shutdown(SHUT_WR): "no more bytes from me". */
void hc_half_close(struct hc_conn *c);
void hc_close(struct hc_conn *c);

struct hc_header {
  char *name;  /* as sent */
  char *value; /* trimmed */
};

#define HC_MAX_HEADERS 64

struct hc_response {
  int status;       /* 0: none (closed, reset or timed out before a status line) */
  char version[16]; /* "HTTP/1.1" */
  size_t n_headers;
  struct hc_header headers[HC_MAX_HEADERS];
  char *body; /* NUL-terminated, owned */
  size_t body_len;
  bool truncated;  /* the connection closed inside the body */
  char error[128]; /* why status is 0, or a framing problem */
};

/* Reads one response (skipping 1xx), bounded by timeout_ms. head_request:
 * the request was HEAD, so no body follows. Returns 0 with r filled, or -1
 * with r->status 0 and r->error set. */
int hc_read_response(struct hc_conn *c, struct hc_response *r, bool head_request, int timeout_ms);
void hc_response_free(struct hc_response *r);
/* After the last answer: waits up to timeout_ms for the server to close.
 * 0 closed (or reset) with nothing more sent, 1 more bytes came (another
 * answer: a smuggled request was served), -1 still open at the deadline. */
int hc_expect_close(struct hc_conn *c, int timeout_ms);
/* The first header named `name` (case-insensitive), or NULL. */
const char *hc_header(const struct hc_response *r, const char *name);

/* One request on a fresh connection: connect, send, read one response. */
int hc_exchange(int port, const void *req, size_t len, struct hc_response *r, int timeout_ms);
/* GET path with "Connection: close"; returns the status (0 on failure). */
int hc_get(int port, const char *path, struct hc_response *r_or_null, int timeout_ms);
/* POST an application/json body; returns the status (0 on failure). */
int hc_post_json(int port, const char *path, const char *body, size_t len,
                 struct hc_response *r_or_null, int timeout_ms);

/* ---- small helpers ---- */

/* Case-insensitive substring search in a buffer with a length. */
const char *hc_memcasemem(const char *hay, size_t hay_len, const char *needle);
/* Monotonic milliseconds. */
long long hc_now_ms(void);
void hc_sleep_ms(int ms);

#endif
