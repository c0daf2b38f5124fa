/* GET /v1/schemas/{name}: the JSON Schema (draft 2020-12) of a scenario, a
 * comparison request or the catalogue file, printed from the tables that
 * validate them (aic_json_schema), so an editor or a client checks a
 * document by the server's own rules. Built per request: a few kilobytes
 * that depend only on the binary. The ETag is their hash, so a client
 * revalidating gets a 304, as for the catalogue. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aicost/json.h"
#include "aicost/scenarios.h"
#include "aicost/util.h"
#include "srv.h"

enum MHD_Result
srv_ep_schema(struct srv_req *rq)
{
  const char *name = rq->match.param;
  const char *inm;
  json_t *schema;
  char *text, hash[17], etag[24];
  size_t len;
  int r = aic_json_schema(name, &schema);

  if (r == AIC_E_INVALID) {
    char detail[200], shown[48], names[120];
    size_t n, used = 0;

    /* printable ASCII only, as the id of a catalogue entry */
    for (n = 0; name[n] != '\0' && n + 1 < sizeof shown && n < 40; n++)
      shown[n] = name[n] > 0x20 && name[n] < 0x7f && name[n] != '\'' ? name[n] : '?';
    shown[n] = '\0';
    names[0] = '\0';
    for (size_t i = 0; aic_json_schema_name(i) != NULL && used < sizeof names; i++) {
      const char *sep = i == 0 ? "" : aic_json_schema_name(i + 1) == NULL ? " and " : ", ";
      int w = snprintf(names + used, sizeof names - used, "%s%s", sep, aic_json_schema_name(i));

      if (w > 0)
        used += (size_t)w;
    }
    snprintf(detail, sizeof detail, "no schema '%s'; the schemas are %s", shown, names);
    return srv_reply_problem(rq, SRV_E_NOT_FOUND, detail, NULL);
  }
  if (r != AIC_OK)
    return srv_reply_problem(rq, srv_err_from_aic(r), NULL, NULL);
  text = aic_json_dump(schema, 0);
  json_decref(schema);
  if (text == NULL)
    return srv_reply_problem(rq, SRV_E_NOMEM, NULL, NULL);
  len = strlen(text);
  aic_hash_hex(aic_fnv1a(AIC_FNV1A_OFFSET, text, len), hash);
  snprintf(etag, sizeof etag, "\"%s\"", hash);
  {
    const char *headers[] = { MHD_HTTP_HEADER_ETAG, etag, MHD_HTTP_HEADER_CACHE_CONTROL, "no-cache",
                              NULL };

    inm = MHD_lookup_connection_value(rq->conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_IF_NONE_MATCH);
    if (srv_etag_matches(inm, etag)) {
      free(text);
      return srv_reply(rq, MHD_HTTP_NOT_MODIFIED, NULL, NULL, 0, SRV_MEM_STATIC, headers);
    }
    return srv_reply(rq, MHD_HTTP_OK, rq->media, text, len, SRV_MEM_FREE, headers);
  }
}
