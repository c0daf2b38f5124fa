/* Every response leaves through srv_reply, so that the request id, CORS,
 * Vary and the drain-time Connection: close are never forgotten, and the
 * status and size are recorded for the log and the metrics. */
#include <stdlib.h>
#include <string.h>

#include "srv.h"

static bool
negotiates(const struct srv_req *rq)
{
  return rq->match.route != NULL && rq->match.route->produces[0] != NULL
         && rq->match.route->produces[1] != NULL;
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
    return srv_reply_problem(rq, SRV_E_BUSY, "answers waiting for their clients hold the server's "
                             "response budget; retry shortly", NULL);
  }
  resp = MHD_create_response_from_buffer(len, (void *)body,
                                         mem == SRV_MEM_FREE ? MHD_RESPMEM_MUST_FREE
                                                             : MHD_RESPMEM_PERSISTENT);
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

enum MHD_Result
srv_reply_json_text_steal(struct srv_req *rq, unsigned status, char *text, size_t len,
                          const char *const *extra)
{
  if (text == NULL)
    return srv_reply_problem(rq, SRV_E_NOMEM, NULL, NULL);
  return srv_reply(rq, status, "application/json", text, len, SRV_MEM_FREE, extra);
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
