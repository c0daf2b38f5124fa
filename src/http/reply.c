/* Every response leaves through srv_reply, so that the request id, CORS,
 * Vary and the drain-time Connection: close are never forgotten, and the
 * status and size are recorded for the log and the metrics. */
#include <stdlib.h>
#include <string.h>

#include "srv.h"

static bool
negotiates(const struct srv_req *rq)
{
  return rq->match.route != NULL && srv_route_media(rq->match.route, 1) != NULL;
}

enum MHD_Result
srv_reply(struct srv_req *rq, unsigned status, const char *content_type, const char *body,
          size_t len, enum srv_mem mem, const char *const *extra)
{
  struct MHD_Response *resp;
  enum MHD_Result ret;
  bool cors = rq->srv->cfg.n_cors > 0;

  if (rq->replied) {
    /* A handler bug: MHD takes one response per request. */
    if (mem == SRV_MEM_FREE)
      free((void *)body);
    return MHD_NO;
  }
  /* An answer built for this request is memory held until it is read:
   * only its length, not the writer's spare room, may stay allocated (a
   * large buffer is mapped memory, and shrinking it is an mremap). */
  if (mem == SRV_MEM_FREE && len >= SRV_BUDGET_EXEMPT) {
    char *fit = realloc((void *)body, len + 1);

    if (fit != NULL)
      body = fit;
  }
  if (mem == SRV_MEM_FREE && !srv_budget_take(rq, len)) {
    free((void *)body);
    return srv_reply_problem(rq, SRV_E_BUSY,
                             "answers waiting for their clients hold the server's "
                             "response budget; retry shortly",
                             NULL);
  }
  resp = MHD_create_response_from_buffer(
    len, (void *)body, mem == SRV_MEM_FREE ? MHD_RESPMEM_MUST_FREE : MHD_RESPMEM_PERSISTENT);
  if (resp == NULL) {
    if (mem == SRV_MEM_FREE)
      free((void *)body);
    srv_budget_release(rq);
    return MHD_NO; /* MHD closes the connection: nothing better is possible */
  }
  if (content_type != NULL)
    MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, content_type);
  MHD_add_response_header(resp, "X-Request-Id", rq->request_id);
  /* Caches must key on what changes the bytes. */
  if (negotiates(rq) && cors)
    MHD_add_response_header(resp, MHD_HTTP_HEADER_VARY, "Accept, Origin");
  else if (negotiates(rq))
    MHD_add_response_header(resp, MHD_HTTP_HEADER_VARY, "Accept");
  else if (cors)
    MHD_add_response_header(resp, MHD_HTTP_HEADER_VARY, "Origin");
  if (rq->cors_origin != NULL) {
    MHD_add_response_header(resp, MHD_HTTP_HEADER_ACCESS_CONTROL_ALLOW_ORIGIN, rq->cors_origin);
    MHD_add_response_header(resp, "Access-Control-Expose-Headers", "X-Request-Id, ETag, Allow");
  }
  /* While draining, keep-alive clients are told to go elsewhere; after a
   * request whose end cannot be known, nothing more is read. */
  if (rq->close || atomic_load(&rq->srv->draining))
    MHD_add_response_header(resp, MHD_HTTP_HEADER_CONNECTION, "close");
  for (size_t i = 0; extra != NULL && extra[i] != NULL && extra[i + 1] != NULL; i += 2)
    MHD_add_response_header(resp, extra[i], extra[i + 1]);

  ret = MHD_queue_response(rq->conn, status, resp);
  MHD_destroy_response(resp);
  if (ret == MHD_YES) {
    rq->replied = true;
    rq->status = status;
    rq->bytes = rq->method == SRV_HEAD ? 0 : len;
  } else {
    srv_budget_release(rq);
  }
  return ret;
}

/* The rendered bytes (taken; NULL: the renderer ran out of memory) with
 * the format's headers and then `extra` (at most 8 pairs). */
static enum MHD_Result
reply_rendered(struct srv_req *rq, char *bytes, size_t len, const char *const *extra)
{
  const char *headers[2 * 9 + 1];
  size_t n = 0;

  if (bytes == NULL)
    return srv_reply_problem(rq, SRV_E_NOMEM, NULL, NULL);
  if (rq->format->security_policy != NULL) {
    headers[n++] = "Content-Security-Policy";
    headers[n++] = rq->format->security_policy;
  }
  for (size_t i = 0; extra != NULL && extra[i] != NULL && extra[i + 1] != NULL &&
                     n + 2 < sizeof headers / sizeof headers[0];
       i += 2) {
    headers[n++] = extra[i];
    headers[n++] = extra[i + 1];
  }
  headers[n] = NULL;
  return srv_reply(rq, MHD_HTTP_OK, rq->format->content_type, bytes, len, SRV_MEM_FREE, headers);
}

/* The rendered bytes in the answer's currency (render_currency.c); a
 * format that cannot be converted (SVG draws dollars) is the client's
 * 422, named at the member that asked for it. */
static enum MHD_Result
reply_in_currency(struct srv_req *rq, char *bytes, size_t len, const char *currency,
                  const char *pointer, const char *const *extra)
{
  const struct aic_fx_rate *fx = currency != NULL ? aic_catalogue_fx(rq->cat->cat, currency) : NULL;
  struct aic_diags errors;
  int r;

  if (bytes == NULL || fx == NULL)
    return reply_rendered(rq, bytes, len, extra);
  r = aic_render_in_currency(rq->format->name, &bytes, &len, fx);
  if (r == AIC_E_INVALID) {
    free(bytes);
    aic_diags_init(&errors);
    aic_diag_add(&errors, pointer,
                 "the %s format shows US dollars only; ask for json or csv to have %s",
                 rq->format->name, currency);
    return srv_reply_problem(rq, SRV_E_INVALID, NULL, &errors);
  }
  return reply_rendered(rq, bytes, len, extra);
}

enum MHD_Result
srv_reply_projection(struct srv_req *rq, const struct aic_projection *pj, const char *currency,
                     const char *const *extra)
{
  size_t len = 0;
  char *bytes = rq->format->projection(pj, rq->cat->cat, &len);

  return reply_in_currency(rq, bytes, len, currency, "/currency", extra);
}

enum MHD_Result
srv_reply_comparison(struct srv_req *rq, const struct aic_comparison *c, const char *currency,
                     const char *const *extra)
{
  size_t len = 0;
  char *bytes = rq->format->comparison(c, rq->cat->cat, &len);

  return reply_in_currency(rq, bytes, len, currency, "/currency", extra);
}

enum MHD_Result
srv_reply_plan(struct srv_req *rq, const struct aic_plan_result *p, const char *currency,
               const char *const *extra)
{
  size_t len = 0;
  char *bytes = rq->format->plan(p, rq->cat->cat, &len);

  return reply_in_currency(rq, bytes, len, currency, "/currency", extra);
}

enum MHD_Result
srv_reply_json_steal(struct srv_req *rq, unsigned status, json_t *j, const char *const *extra)
{
  char *bytes = j != NULL ? aic_json_dump(j, 0) : NULL;

  json_decref(j);
  if (bytes == NULL)
    return srv_reply_problem(rq, SRV_E_NOMEM, NULL, NULL);
  return srv_reply(rq, status, "application/json", bytes, strlen(bytes), SRV_MEM_FREE, extra);
}
