/* GET /: the budget page (src/http/page: its parts assembled into one
 * document by src/tools/page.py), compiled into the binary so it works
 * offline and needs no file on disk. It calls only this server's own API,
 * so its numbers are the API's numbers. */
#include <stdint.h>
#include <stdio.h>

#include "page/embedded.h"
#include "srv.h"

/* The page changes only with the binary; its ETag is a hash of its bytes
 * so that a browser revalidating gets 304 until an upgrade. */
static void
page_etag(char *out, size_t cap)
{
  uint64_t h = aic_fnv1a(AIC_FNV1A_OFFSET, aic_page_index_html, aic_page_index_html_len);

  snprintf(out, cap, "\"page-%016llx\"", (unsigned long long)h);
}

enum MHD_Result
srv_ep_page(struct srv_req *rq)
{
  char etag[40];
  /* Inline script and style are the page's own (nothing user-supplied is
   * ever inserted as markup); it fetches only this origin and shows charts
   * as blob: images. */
  const char *headers[] = {
    MHD_HTTP_HEADER_ETAG,
    etag,
    MHD_HTTP_HEADER_CACHE_CONTROL,
    "no-cache",
    "Content-Security-Policy",
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
    "img-src 'self' blob: data:; connect-src 'self'; base-uri 'none'; form-action 'none'; "
    "frame-ancestors 'none'",
    "X-Content-Type-Options",
    "nosniff",
    "Referrer-Policy",
    "no-referrer",
    NULL,
  };
  const char *inm = MHD_lookup_connection_value(rq->conn, MHD_HEADER_KIND,
                                                MHD_HTTP_HEADER_IF_NONE_MATCH);

  page_etag(etag, sizeof etag);
  if (srv_etag_matches(inm, etag))
    return srv_reply(rq, MHD_HTTP_NOT_MODIFIED, NULL, NULL, 0, SRV_MEM_STATIC, headers);
  return srv_reply(rq, MHD_HTTP_OK, "text/html; charset=utf-8", aic_page_index_html,
                   aic_page_index_html_len, SRV_MEM_STATIC, headers);
}
