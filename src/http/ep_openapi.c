/* GET /openapi.yaml: the contract, compiled into the binary from the
 * openapi.yaml at the root of the repository, so the server always serves
 * the document it was built and tested against. */
#include "srv.h"

enum MHD_Result
srv_ep_openapi(struct srv_req *rq)
{
  static const char *const cache[] = { MHD_HTTP_HEADER_CACHE_CONTROL, "public, max-age=3600",
                                       NULL };

  return srv_reply(rq, MHD_HTTP_OK, "application/yaml", aic_openapi_text, aic_openapi_text_len,
                   SRV_MEM_STATIC, cache);
}
