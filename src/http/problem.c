/* The one place where an error becomes an HTTP status, a problem type and a
 * title (RFC 9457). Handlers name the error; they never pick a status. */
#include <string.h>

#include "srv.h"

static const struct {
  unsigned status;
  const char *type;
  const char *title;
} problems[SRV_E_COUNT] = {
  [SRV_OK] = { 200, "about:blank", "OK" },
  [SRV_E_MALFORMED] = { 400, "urn:aicost:problem:malformed-json",
                        "The body is not one well-formed JSON document" },
  [SRV_E_BAD_REQUEST] = { 400, "urn:aicost:problem:bad-request", "The request cannot be used" },
  [SRV_E_FRAMING] = { 400, "urn:aicost:problem:bad-framing",
                      "The request's length is ambiguous; the connection is closed" },
  [SRV_E_NOT_FOUND] = { 404, "urn:aicost:problem:not-found", "No such resource" },
  [SRV_E_UNKNOWN_ENTRY] = { 404, "urn:aicost:problem:unknown-entry",
                            "No catalogue entry with that id" },
  [SRV_E_METHOD] = { 405, "urn:aicost:problem:method-not-allowed",
                     "The resource does not support this method" },
  [SRV_E_NOT_ACCEPTABLE] = { 406, "urn:aicost:problem:not-acceptable",
                             "None of the media types in Accept can be produced" },
  [SRV_E_TOO_LARGE] = { 413, "urn:aicost:problem:body-too-large",
                        "The body is over the size limit" },
  [SRV_E_MEDIA_TYPE] = { 415, "urn:aicost:problem:unsupported-media-type",
                         "The body must be application/json" },
  [SRV_E_INVALID] = { 422, "urn:aicost:problem:invalid", "The document is not valid" },
  [SRV_E_ANSWER_TOO_LARGE] = { 422, "urn:aicost:problem:answer-too-large",
                               "The answer would be larger than the server gives; ask for less" },
  [SRV_E_HEADERS_TOO_LARGE] = { 431, "urn:aicost:problem:headers-too-large",
                                "The request line and headers are over the size limit" },
  [SRV_E_INTERNAL] = { 500, "urn:aicost:problem:internal", "Internal error" },
  [SRV_E_NOMEM] = { 503, "urn:aicost:problem:out-of-memory",
                    "The server is out of memory; retry later" },
  [SRV_E_NOT_READY] = { 503, "urn:aicost:problem:not-ready", "The service is not ready" },
  [SRV_E_BUSY] = { 503, "urn:aicost:problem:busy",
                   "Answers not yet read by their clients fill the server's budget; retry later" },
};

unsigned
srv_err_status(enum srv_err e)
{
  return e < SRV_E_COUNT ? problems[e].status : 500;
}

const char *
srv_err_type(enum srv_err e)
{
  return e < SRV_E_COUNT ? problems[e].type : problems[SRV_E_INTERNAL].type;
}

const char *
srv_err_title(enum srv_err e)
{
  return e < SRV_E_COUNT ? problems[e].title : problems[SRV_E_INTERNAL].title;
}

enum srv_err
srv_err_from_aic(int status)
{
  switch (status) {
  case AIC_OK: return SRV_OK;
  case AIC_E_SYNTAX: return SRV_E_MALFORMED;
  case AIC_E_INVALID: return SRV_E_INVALID;
  case AIC_E_NOMEM: return SRV_E_NOMEM;
  default: break;
  }
  /* Any other value is a bug below us: a 500, never a client's fault. */
  return SRV_E_INTERNAL;
}

/* Replaces what is not UTF-8 with '?': diag text is cut at a fixed size,
 * possibly inside a character, and a path id is whatever the client sent;
 * jansson refuses both, and a client's bytes must never turn into a 5xx. */
static void
utf8_sanitize(char *s)
{
  unsigned char *p = (unsigned char *)s;
  size_t left = strlen(s);

  while (*p != '\0') {
    size_t n = aic_utf8_sequence(p, left);

    if (n == 0) {
      *p = '?';
      n = 1;
    }
    p += n;
    left -= n;
  }
}

/* Every problem as {pointer, detail}; diag codes are for warnings only. */
json_t *
srv_errors_json(const struct aic_diags *d)
{
  json_t *a = json_array();

  if (a == NULL || d == NULL)
    return a;
  for (size_t i = 0; i < d->n; i++) {
    char pointer[AIC_DIAG_POINTER_MAX];
    char detail[AIC_DIAG_DETAIL_MAX];

    snprintf(pointer, sizeof pointer, "%s", d->v[i].pointer);
    snprintf(detail, sizeof detail, "%s", d->v[i].detail);
    utf8_sanitize(pointer);
    utf8_sanitize(detail);
    json_array_append_new(a, json_pack("{s:s, s:s}", "pointer", pointer, "detail", detail));
  }
  return a;
}

/* The human summary: the caller's, else the only problem's, else a count. */
static void
make_detail(char *out, size_t cap, enum srv_err e, const char *detail, const struct aic_diags *d)
{
  size_t total = d != NULL ? d->n + d->dropped : 0;
  bool one = d != NULL && d->n == 1 && d->dropped == 0;

  if (detail != NULL)
    snprintf(out, cap, "%s", detail);
  else if (one && d->v[0].pointer[0] != '\0')
    snprintf(out, cap, "%s: %s", d->v[0].pointer, d->v[0].detail);
  else if (one)
    snprintf(out, cap, "%s", d->v[0].detail);
  else if (total > 0)
    snprintf(out, cap, "%zu problems; see errors", total);
  else
    snprintf(out, cap, "%s", srv_err_title(e));
  if (d != NULL && d->dropped > 0) {
    size_t n = strlen(out);

    snprintf(out + n, cap - n, " (%zu more not listed)", d->dropped);
  }
}

enum MHD_Result
srv_reply_problem_ext(struct srv_req *rq, enum srv_err e, const char *detail,
                      const struct aic_diags *d, json_t *ext)
{
  char text[AIC_DIAG_POINTER_MAX + AIC_DIAG_DETAIL_MAX + 64];
  unsigned status = srv_err_status(e);
  const char *allow[] = { "Allow", rq->match.allow, NULL };
  const char *retry[] = { "Retry-After", "1", NULL };
  json_t *body;
  char *bytes;

  make_detail(text, sizeof text, e, detail, d);
  utf8_sanitize(text);
  body = json_pack("{s:s, s:s, s:i, s:s, s:o}", "type", srv_err_type(e), "title", srv_err_title(e),
                   "status", (int)status, "detail", text, "errors", srv_errors_json(d));
  if (body != NULL && ext != NULL)
    json_object_update(body, ext);
  json_decref(ext);
  bytes = body != NULL ? aic_json_dump(body, 0) : NULL;
  json_decref(body);
  if (bytes == NULL) {
    /* Out of memory while reporting: a fixed body still says what happened. */
    static const char nomem[] = "{\"type\":\"urn:aicost:problem:out-of-memory\","
                                "\"title\":\"The server is out of memory; retry later\","
                                "\"status\":503,\"detail\":\"out of memory\",\"errors\":[]}";

    return srv_reply(rq, 503, "application/problem+json", nomem, sizeof nomem - 1, SRV_MEM_STATIC,
                     NULL);
  }
  return srv_reply(rq, status, "application/problem+json", bytes, strlen(bytes), SRV_MEM_FREE,
                   e == SRV_E_METHOD ? allow
                   : e == SRV_E_BUSY ? retry
                                     : NULL);
}

enum MHD_Result
srv_reply_problem(struct srv_req *rq, enum srv_err e, const char *detail, const struct aic_diags *d)
{
  return srv_reply_problem_ext(rq, e, detail, d, NULL);
}
