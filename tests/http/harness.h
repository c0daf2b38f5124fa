/* Test harness for the http suite: runs the real aicostd on 127.0.0.1 with
 * port 0 (the port is read back from --port-file), talks to it with libcurl,
 * and records every response in a JSONL file that validate.mjs checks
 * against openapi.yaml.
 * Environment (set by tests/http/meson.build):
 *   AICOSTD            the binary
 *   AICOST_SOURCE_ROOT the repository (config/catalogue.yaml, openapi.yaml)
 *   AICOST_RESPONSES   the JSONL file to write (truncated by http_init)
 *   AICOST_NODE, AICOST_VALIDATOR  node and validate.mjs ("" when node is missing) */
#ifndef AICOST_TEST_HARNESS_H
#define AICOST_TEST_HARNESS_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include <jansson.h>

struct server {
  pid_t pid;
  unsigned port;
  char log[512]; /* its stderr */
  char port_file[512];
};

/* Starts aicostd with `args` (NULL-terminated, after the listen and port-file
 * flags). false, with *status the exit status, when it exits before listening. */
bool server_start(struct server *s, const char *const *args, int *status);
/* SIGTERM and wait; returns the exit status (-1 when killed by a signal). */
int server_stop(struct server *s);
/* Sends a signal. */
void server_signal(struct server *s, int sig);
/* The server's stderr so far (caller frees). */
char *server_log(const struct server *s);

struct http_resp {
  long status;
  char *body;
  size_t len;
  char *headers; /* raw header block, for http_header */
  size_t headers_len;
};

struct http_req {
  const char *method; /* "GET" by default */
  const char *path;
  const char *tmpl; /* the openapi.yaml path; NULL = path less its query; "*" = no route */
  const char *body; /* NULL: none */
  size_t body_len;  /* 0: strlen(body) */
  const char *const *headers; /* "Name: value", NULL-terminated */
  bool chunked;               /* send the body with Transfer-Encoding: chunked */
};

/* Performs the request, records it for validation. false on a transport error. */
bool http_do(const struct server *s, const struct http_req *rq, struct http_resp *out);
/* The first value of a header (case-insensitive name), or NULL; points into a
 * static buffer overwritten by the next call. */
const char *http_header(const struct http_resp *r, const char *name);
void http_resp_free(struct http_resp *r);

/* Shortcuts. */
bool http_get(const struct server *s, const char *path, const char *tmpl, struct http_resp *out);
bool http_post_json(const struct server *s, const char *path, const char *body,
                    const char *const *headers, struct http_resp *out);

/* Reads a file of the repository (tests/data/..., config/...); caller frees. */
char *read_source_file(const char *relative, size_t *len);
char *read_file(const char *path, size_t *len);
bool write_file(const char *path, const char *data, size_t len);

/* Opens the JSONL file (truncating it) and initialises libcurl. */
void http_init(void);
/* Runs validate.mjs on what was recorded: 0 ok, 77 skip (no node, not CI), else failure. */
int http_validate_recorded(void);

/* For a cmocka group setup: http_init, then server_start with `args`;
 * 0, or -1 when the server does not come up. */
int http_group_start(struct server *s, const char *const *args);
/* For a cmocka group teardown: server_stop; 0 when the server exited
 * cleanly (a clean SIGTERM is exit 0), else -1. */
int http_group_stop(struct server *s);
/* The last case of each http binary: every response recorded above matches
 * openapi.yaml (status, media type, schema); skipped without node outside CI. */
void test_responses_match_openapi(void **state);

/* A value from the Prometheus text: the sample line starting with `series`
 * (e.g. "aicost_catalogue_reloads_total"), or -1 when absent. */
double metric_value(const char *metrics_text, const char *series);

/* CLI parity: `aicost COMMAND --format F SOURCE_ROOT/FILE` prints, for each
 * format (json, csv, svg, table, markdown), the bytes POST `path` answers
 * for the same file with that format's Accept (plus a newline after the
 * JSON, which has none). Fails the test otherwise. */
void http_assert_cli_bytes(const struct server *s, const char *command, const char *path,
                           const char *file);

/* The response's body as JSON; fails the test, showing the body, when it is
 * not JSON. The caller owns the result. */
json_t *http_body_json(const struct http_resp *r);

#endif
