/* GET /v1/catalogue, /v1/catalogue/{gpus,models,api-prices} and one entry
 * by id. The bytes of the whole catalogue and of each section are rendered
 * once per load (catalogue.c); the ETag is the hash of the catalogue's
 * source, so a client revalidating with If-None-Match gets 304 until a
 * reload changes the file. */
#include <string.h>

#include "srv.h"

/* clang-format off */
static const char *const singular[AIC_SECTION_COUNT] = {
  [AIC_SECTION_GPUS] = "gpu",
  [AIC_SECTION_MODELS] = "model",
  [AIC_SECTION_API_PRICES] = "api price",
};
/* clang-format on */
/* clang-format off */
static const char *const url_name[AIC_SECTION_COUNT] = {
  [AIC_SECTION_GPUS] = "gpus",
  [AIC_SECTION_MODELS] = "models",
  [AIC_SECTION_API_PRICES] = "api-prices",
};
/* clang-format on */

/* 304 when the client has these bytes already; otherwise NULL headers to add. */
static bool
not_modified(struct srv_req *rq, enum MHD_Result *ret)
{
  const char *headers[] = { MHD_HTTP_HEADER_ETAG, rq->cat->etag, MHD_HTTP_HEADER_CACHE_CONTROL,
                            "no-cache", NULL };
  const char *inm = MHD_lookup_connection_value(rq->conn, MHD_HEADER_KIND,
                                                MHD_HTTP_HEADER_IF_NONE_MATCH);

  if (!srv_etag_matches(inm, rq->cat->etag))
    return false;
  *ret = srv_reply(rq, MHD_HTTP_NOT_MODIFIED, NULL, NULL, 0, SRV_MEM_STATIC, headers);
  return true;
}

/* Catalogue bytes live as long as the reference the request holds, which
 * is dropped only after the response has been sent: no copy needed. */
static enum MHD_Result
reply_cached(struct srv_req *rq, const char *bytes, size_t len)
{
  const char *headers[] = { MHD_HTTP_HEADER_ETAG, rq->cat->etag, MHD_HTTP_HEADER_CACHE_CONTROL,
                            "no-cache", NULL };

  return srv_reply(rq, MHD_HTTP_OK, "application/json", bytes, len, SRV_MEM_STATIC, headers);
}

enum MHD_Result
srv_ep_catalogue(struct srv_req *rq)
{
  enum MHD_Result ret;

  if (rq->cat == NULL)
    return srv_reply_problem(rq, SRV_E_NOT_READY, "no catalogue is loaded yet", NULL);
  if (not_modified(rq, &ret))
    return ret;
  return reply_cached(rq, rq->cat->json, rq->cat->json_len);
}

enum MHD_Result
srv_ep_catalogue_section(struct srv_req *rq)
{
  int section = rq->match.route->arg;
  enum MHD_Result ret;

  if (rq->cat == NULL)
    return srv_reply_problem(rq, SRV_E_NOT_READY, "no catalogue is loaded yet", NULL);
  if (not_modified(rq, &ret))
    return ret;
  return reply_cached(rq, rq->cat->section[section], rq->cat->section_len[section]);
}

/* The id as it may appear in a message: printable ASCII, at most 64 bytes. */
static void
quote_id(char *out, size_t cap, const char *id)
{
  size_t n = 0;

  for (; id[n] != '\0' && n < 64 && n + 1 < cap; n++)
    out[n] = (id[n] > 0x20 && id[n] < 0x7f && id[n] != '\'') ? id[n] : '?';
  out[n] = '\0';
}

static enum MHD_Result
unknown(struct srv_req *rq, int section, const char *id)
{
  const char *near[2];
  size_t n = aic_catalogue_suggest(rq->cat->cat, (enum aic_section)section, id, near, 2);
  char shown[72];
  char detail[320];
  size_t len;
  json_t *list = json_array();

  quote_id(shown, sizeof shown, id);
  len = (size_t)snprintf(detail, sizeof detail, "unknown %s '%s'", singular[section], shown);
  for (size_t i = 0; i < n && len < sizeof detail; i++) {
    len += (size_t)snprintf(detail + len, sizeof detail - len, "%s'%s'",
                            i == 0       ? "; did you mean "
                            : i + 1 == n ? " or "
                                         : ", ",
                            near[i]);
    json_array_append_new(list, json_string(near[i]));
  }
  if (len < sizeof detail)
    snprintf(detail + len, sizeof detail - len, n > 0 ? "?" : "; see /v1/catalogue/%s",
             url_name[section]);
  return srv_reply_problem_ext(rq, SRV_E_UNKNOWN_ENTRY, detail, NULL,
                               json_pack("{s:o}", "suggestions", list));
}

enum MHD_Result
srv_ep_catalogue_entry(struct srv_req *rq)
{
  const struct aic_catalogue *c;
  const char *id = rq->match.param;
  int section = rq->match.route->arg;
  json_t *j = NULL;
  enum MHD_Result ret;

  if (rq->cat == NULL)
    return srv_reply_problem(rq, SRV_E_NOT_READY, "no catalogue is loaded yet", NULL);
  c = rq->cat->cat;
  switch (section) {
  case AIC_SECTION_GPUS: {
    const struct aic_gpu *g = aic_catalogue_gpu(c, id);

    if (g != NULL)
      j = aic_gpu_to_json(g);
    else
      return unknown(rq, section, id);
    break;
  }
  case AIC_SECTION_MODELS: {
    const struct aic_model *m = aic_catalogue_model(c, id);

    if (m != NULL)
      j = aic_model_to_json(m);
    else
      return unknown(rq, section, id);
    break;
  }
  default: {
    const struct aic_api_price *p = aic_catalogue_api_price(c, id);

    if (p != NULL)
      j = aic_api_price_to_json(p);
    else
      return unknown(rq, section, id);
    break;
  }
  }
  if (not_modified(rq, &ret)) {
    json_decref(j);
    return ret;
  }
  /* An entry on its own carries its id (in the catalogue it is the key). */
  if (j != NULL && json_object_get(j, "id") == NULL)
    json_object_set_new(j, "id", json_string(id));
  {
    const char *headers[] = { MHD_HTTP_HEADER_ETAG, rq->cat->etag, MHD_HTTP_HEADER_CACHE_CONTROL,
                              "no-cache", NULL };

    return srv_reply_json_steal(rq, MHD_HTTP_OK, j, headers);
  }
}
