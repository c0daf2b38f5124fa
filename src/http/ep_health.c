/* GET /healthz and GET /readyz: what an orchestrator probes.
 * Liveness is unconditional (the process answers); readiness needs a
 * catalogue and is withdrawn while draining, so a load balancer stops
 * sending new work before the process exits. */
#include "srv.h"

enum MHD_Result
srv_ep_healthz(struct srv_req *rq)
{
  static const char ok[] = "{\"status\":\"ok\"}";

  return srv_reply(rq, MHD_HTTP_OK, "application/json", ok, sizeof ok - 1, SRV_MEM_STATIC, NULL);
}

enum MHD_Result
srv_ep_readyz(struct srv_req *rq)
{
  if (rq->cat == NULL)
    return srv_reply_problem(rq, SRV_E_NOT_READY, "no catalogue is loaded yet", NULL);
  if (atomic_load(&rq->srv->draining))
    return srv_reply_problem(rq, SRV_E_NOT_READY, "shutting down", NULL);
  return srv_reply_json_steal(rq, MHD_HTTP_OK,
                              json_pack("{s:s, s:{s:s?, s:s?, s:s?}}", "status", "ready",
                                        "catalogue", "version", rq->cat->cat->version, "hash",
                                        rq->cat->cat->hash, "date", rq->cat->cat->date),
                              NULL);
}
