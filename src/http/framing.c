/* Request framing that two HTTP parsers could read two ways (RFC 9112 6.1,
 * 6.3, 3.2), decided on the access handler's first call, before any body
 * byte is read:
 *   - more than one Content-Length line, even with equal values;
 *   - Transfer-Encoding together with Content-Length;
 *   - a Transfer-Encoding other than exactly "chunked" (libmicrohttpd
 *     0.9.75 reads "gzip, chunked", "chunked " or "identity" as a body of
 *     unknown length and waits for the client to close), more than one
 *     Transfer-Encoding line, or any Transfer-Encoding on HTTP/1.0;
 *   - more than one Host line, or a Host that is not one host[:port]
 *     ("a, b" is how a proxy joins two Host lines).
 * libmicrohttpd 0.9.75 takes the first Content-Length of two, so "0" then
 * "53" made the body a second request: a gateway that used the other one
 * sees one request where this server answered two. Such a request is
 * refused with a 400 and the connection is closed (srv_reply sends
 * Connection: close and MHD drops what is left), so no byte after the
 * headers is ever read as a request. */
#include <string.h>
#include <strings.h>

#include "srv.h"

struct framing {
  unsigned content_length;
  unsigned transfer_encoding;
  unsigned host;
  const char *te;
  const char *host_value;
};

static enum MHD_Result
count(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
  struct framing *f = cls;

  (void)kind;
  if (strcasecmp(key, MHD_HTTP_HEADER_CONTENT_LENGTH) == 0) {
    f->content_length++;
  } else if (strcasecmp(key, MHD_HTTP_HEADER_TRANSFER_ENCODING) == 0) {
    f->transfer_encoding++;
    f->te = value != NULL ? value : "";
  } else if (strcasecmp(key, MHD_HTTP_HEADER_HOST) == 0) {
    f->host++;
    f->host_value = value != NULL ? value : "";
  }
  return MHD_YES;
}

/* host [":" port] with a reg-name, IPv4 or [IP-literal] host (RFC 3986
 * 3.2.2), minus ',' which no real name has and proxies use to join lines. */
static bool
good_host(const char *h)
{
  for (const char *p = h; *p != '\0'; p++) {
    unsigned char ch = (unsigned char)*p;
    bool ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
              strchr("-._~%!$&'()*+;=:[]", ch) != NULL;

    if (!ok)
      return false;
  }
  return true;
}

enum srv_err
srv_framing_check(struct MHD_Connection *c, const char *version, char *detail, size_t cap)
{
  struct framing f = { 0 };

  MHD_get_connection_values(c, MHD_HEADER_KIND, count, &f);
  if (f.content_length > 1) {
    snprintf(detail, cap, "more than one Content-Length header");
    return SRV_E_FRAMING;
  }
  if (f.transfer_encoding > 0 && f.content_length > 0) {
    snprintf(detail, cap, "both Transfer-Encoding and Content-Length");
    return SRV_E_FRAMING;
  }
  if (f.transfer_encoding > 1) {
    snprintf(detail, cap, "more than one Transfer-Encoding header");
    return SRV_E_FRAMING;
  }
  if (f.transfer_encoding == 1 && strcasecmp(f.te, "chunked") != 0) {
    snprintf(detail, cap, "Transfer-Encoding must be exactly 'chunked'");
    return SRV_E_FRAMING;
  }
  if (f.transfer_encoding == 1 && version != NULL && strcmp(version, MHD_HTTP_VERSION_1_1) != 0) {
    snprintf(detail, cap, "Transfer-Encoding is not allowed in an %s request", version);
    return SRV_E_FRAMING;
  }
  if (f.host > 1) {
    snprintf(detail, cap, "more than one Host header");
    return SRV_E_BAD_REQUEST;
  }
  if (f.host == 1 && !good_host(f.host_value)) {
    snprintf(detail, cap, "Host must be one host name or address with an optional port");
    return SRV_E_BAD_REQUEST;
  }
  return SRV_OK;
}
