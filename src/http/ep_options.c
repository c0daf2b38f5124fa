/* OPTIONS on any known path: the Allow header from the route table, and,
 * when the Origin is allowed (--cors-origin), the CORS preflight answer. */
#include "srv.h"

enum MHD_Result
srv_ep_options(struct srv_req *rq)
{
  const char *preflight[] = {
    "Allow",
    rq->match.allow,
    MHD_HTTP_HEADER_ACCESS_CONTROL_ALLOW_METHODS,
    rq->match.allow,
    "Access-Control-Allow-Headers",
    "Content-Type, Accept, X-Request-Id, If-None-Match",
    "Access-Control-Max-Age",
    "600",
    NULL,
  };
  bool is_preflight = rq->cors_origin != NULL &&
                      MHD_lookup_connection_value(rq->conn, MHD_HEADER_KIND,
                                                  "Access-Control-Request-Method") != NULL;

  if (!is_preflight)
    preflight[2] = NULL; /* Allow only */
  return srv_reply(rq, MHD_HTTP_NO_CONTENT, NULL, NULL, 0, SRV_MEM_STATIC, preflight);
}
