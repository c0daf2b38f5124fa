/* GET /metrics: the Prometheus text exposition format, version 0.0.4. */
#include "srv.h"

enum MHD_Result
srv_ep_metrics(struct srv_req *rq)
{
  static const char *const no_cache[] = { MHD_HTTP_HEADER_CACHE_CONTROL, "no-store", NULL };
  size_t len = 0;
  char *text = srv_metrics_render(rq->srv, &len);

  if (text == NULL)
    return srv_reply_problem(rq, SRV_E_NOMEM, NULL, NULL);
  return srv_reply(rq, MHD_HTTP_OK, "text/plain; version=0.0.4; charset=utf-8", text, len,
                   SRV_MEM_FREE, no_cache);
}
