/* The server's lifecycle: bind, start libmicrohttpd, quiesce, drain, stop.
 *
 * The listening socket is ours, not MHD's: binding it ourselves gives one
 * clear error line for a taken port or a bad address, the actual port when
 * 0 was asked for, and a socket we can shut down at once on SIGTERM.
 *
 * MHD settings, each chosen on purpose (see docs/api.md, "Operating"):
 *  - MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_POLL with a thread pool of
 *    --threads: every thread polls its own connections, accepts from the
 *    shared socket and runs handlers to completion; handlers never block.
 *    Not epoll: libmicrohttpd 0.9.75's edge-triggered epoll misses a FIN
 *    that arrives together with the request data, so a client that sends
 *    and closes leaves the connection in CLOSE-WAIT until the idle timeout;
 *    a hundred of them lock out the connection limit (docs/reliability.md,
 *    finding 8). poll(2) sees the hang-up at once, at the same throughput
 *    here; its O(connections) cost per wake-up is small at our limit.
 *  - MHD_USE_ITC: required by MHD_quiesce_daemon.
 *  - connection limit (--max-connections, default 1000): beyond it MHD
 *    refuses new connections rather than exhausting file descriptors.
 *  - connection timeout (--timeout, default 30 s idle): keep-alive clients
 *    and stalled uploads cannot pin a connection forever.
 *  - connection memory limit (64 KiB): the request line and headers must
 *    fit (MHD answers 414/431 otherwise) and it bounds the read buffer;
 *    bodies do not count, they are copied out under --max-body.
 *  - MHD_OPTION_STRICT_FOR_CLIENT 1: an HTTP/1.1 request without Host is a
 *    400 (RFC 9112 3.2), and so is a space inside the request target.
 *  - our own %XX decoder, which leaves "%00" alone: a NUL decoded into the
 *    path would silently cut it ("/gpus/h100-sxm%00x" would find h100-sxm);
 *    nor does it decode %2F in the path, which routes would see as a '/'.
 *  - MHD's own errors go through our JSON logger. */
#include <errno.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <netdb.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "srv.h"

struct srv *
srv_new(const struct srv_config *cfg)
{
  struct srv *s = calloc(1, sizeof *s);
  uint32_t boot = 0;

  if (s == NULL)
    return NULL;
  s->cfg = *cfg;
  s->listen_fd = -1;
  pthread_mutex_init(&s->cat_lock, NULL);
  srv_guard_init(s);
  /* Request ids: a per-process random prefix and a counter, unique enough
   * to find one request across restarts and replicas in the logs. */
  if (getrandom(&boot, sizeof boot, GRND_NONBLOCK) != (ssize_t)sizeof boot)
    boot = (uint32_t)time(NULL) ^ ((uint32_t)getpid() << 16);
  snprintf(s->id_prefix, sizeof s->id_prefix, "%08x", (unsigned)boot);
  return s;
}

/* Splits "host:port" or "[v6]:port"; false when malformed. */
static bool
split_listen(const char *listen, char *host, size_t hcap, char *port, size_t pcap)
{
  const char *colon;
  size_t hlen;

  if (listen[0] == '[') {
    const char *close = strchr(listen, ']');

    if (close == NULL || close[1] != ':')
      return false;
    hlen = (size_t)(close - listen - 1);
    listen++;
    colon = close + 1;
  } else {
    colon = strrchr(listen, ':');
    if (colon == NULL)
      return false;
    hlen = (size_t)(colon - listen);
  }
  if (hlen == 0 || hlen >= hcap || strlen(colon + 1) >= pcap || colon[1] == '\0')
    return false;
  memcpy(host, listen, hlen);
  host[hlen] = '\0';
  snprintf(port, pcap, "%s", colon + 1);
  for (const char *p = port; *p != '\0'; p++)
    if (*p < '0' || *p > '9')
      return false;
  return strtoul(port, NULL, 10) <= 65535;
}

int
srv_listen(struct srv *s, char *err, size_t errcap)
{
  struct addrinfo hints = { 0 };
  struct addrinfo *ai = NULL;
  struct sockaddr_storage ss;
  socklen_t sslen = sizeof ss;
  char host[64];
  char port[8];
  char numeric[64];
  int one = 1;
  int fd;
  int r;

  if (!split_listen(s->cfg.listen, host, sizeof host, port, sizeof port)) {
    snprintf(err, errcap, "bad listen address '%s': expected HOST:PORT or [V6]:PORT, port 0-65535",
             s->cfg.listen);
    return -1;
  }
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
  r = getaddrinfo(host, port, &hints, &ai);
  if (r != 0) {
    snprintf(err, errcap, "bad listen address '%s': %s", s->cfg.listen, gai_strerror(r));
    return -1;
  }
  fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, ai->ai_protocol);
  if (fd < 0) {
    snprintf(err, errcap, "cannot listen on %s: %s", s->cfg.listen, strerror(errno));
    freeaddrinfo(ai);
    return -1;
  }
  /* A restart must not wait for TIME_WAIT; a live listener still conflicts. */
  setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  if (bind(fd, ai->ai_addr, ai->ai_addrlen) != 0 || listen(fd, SOMAXCONN) != 0) {
    snprintf(err, errcap, "cannot listen on %s: %s", s->cfg.listen, strerror(errno));
    close(fd);
    freeaddrinfo(ai);
    return -1;
  }
  freeaddrinfo(ai);
  getsockname(fd, (struct sockaddr *)&ss, &sslen);
  getnameinfo((struct sockaddr *)&ss, sslen, numeric, sizeof numeric, port, sizeof port,
              NI_NUMERICHOST | NI_NUMERICSERV);
  s->listen_fd = fd;
  s->port = (unsigned)strtoul(port, NULL, 10);
  snprintf(s->address, sizeof s->address,
           ss.ss_family == AF_INET6 ? "http://[%s]:%u" : "http://%s:%u", numeric, s->port);
  return 0;
}

static void mhd_logger(void *cls, const char *fmt, va_list ap)
  __attribute__((format(printf, 2, 0)));

static void
mhd_logger(void *cls, const char *fmt, va_list ap)
{
  char msg[512];
  size_t n;

  (void)cls;
  vsnprintf(msg, sizeof msg, fmt, ap);
  n = strlen(msg);
  while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == '\r'))
    msg[--n] = '\0';
  json_t *m = json_string(msg);

  srv_log_event("warn", "mhd",
                json_pack("{s:o}", "message", m != NULL ? m : json_string("(not UTF-8)")));
}

static int
hex_digit(char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* Percent-decodes in place, except %00, which stays as three characters so
 * that no id or path can contain a NUL. In the path (the text that starts
 * with '/'; query keys and values never reach here starting with one that
 * matters) %2F and %25 stay encoded too: "/v1%2fcatalogue" must not become
 * a route a gateway's path rules never saw. Only the rest-of-path id of an
 * API price may hold an encoded slash; routes.c decodes it (and %25, so
 * that nothing is decoded twice) after routing. Malformed escapes
 * are kept as they are. Returns the new length. */
static size_t
unescape(void *cls, struct MHD_Connection *c, char *text)
{
  bool path = text[0] == '/';
  char *in = text;
  char *out = text;

  (void)cls;
  (void)c;
  while (*in != '\0') {
    int hi = *in == '%' ? hex_digit(in[1]) : -1;
    int lo = hi >= 0 ? hex_digit(in[2]) : -1;
    int ch = lo >= 0 ? hi * 16 + lo : 0;

    if (ch != 0 && !(path && (ch == '/' || ch == '%'))) {
      *out++ = (char)ch;
      in += 3;
    } else {
      *out++ = *in++;
    }
  }
  *out = '\0';
  return (size_t)(out - text);
}

int
srv_start(struct srv *s, char *err, size_t errcap)
{
  struct sockaddr_storage ss;
  socklen_t sslen = sizeof ss;
  unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_POLL | MHD_USE_ITC | MHD_USE_ERROR_LOG;

#ifdef __GLIBC__
  /* Workers call malloc_trim after large requests (access.c). glibc sets
   * its allocator up on first use and that set-up is not thread-safe: when
   * malloc itself is replaced (AddressSanitizer replaces malloc but not
   * malloc_trim), the first use would be two workers trimming at once,
   * which left glibc's arena count one short and aborted a thread at exit.
   * Trimming once here, before any worker exists, does the set-up. */
  malloc_trim(0);
#endif
  getsockname(s->listen_fd, (struct sockaddr *)&ss, &sslen);
  if (ss.ss_family == AF_INET6)
    flags |= MHD_USE_IPv6;
  s->daemon = MHD_start_daemon(
    flags, 0, NULL, NULL, srv_access, s, MHD_OPTION_EXTERNAL_LOGGER, mhd_logger,
    s, /* first, or MHD logs the others itself */
    MHD_OPTION_LISTEN_SOCKET, (MHD_socket)s->listen_fd, MHD_OPTION_THREAD_POOL_SIZE,
    (unsigned int)(s->cfg.threads > 1 ? s->cfg.threads : 0), MHD_OPTION_CONNECTION_LIMIT,
    (unsigned int)s->cfg.max_connections, MHD_OPTION_CONNECTION_TIMEOUT,
    (unsigned int)s->cfg.timeout_s, MHD_OPTION_CONNECTION_MEMORY_LIMIT,
    (size_t)s->cfg.connection_memory, MHD_OPTION_PER_IP_CONNECTION_LIMIT,
    (unsigned int)s->cfg.max_per_ip, MHD_OPTION_NOTIFY_COMPLETED, srv_completed, s,
    MHD_OPTION_NOTIFY_CONNECTION, srv_guard_notify, s, MHD_OPTION_STRICT_FOR_CLIENT, (int)1,
    MHD_OPTION_UNESCAPE_CALLBACK, unescape, s, MHD_OPTION_END);
  if (s->daemon == NULL) {
    snprintf(err, errcap, "cannot start the HTTP server on %s (see the log line above)",
             s->address);
    return -1;
  }
  if (srv_guard_start(s) != 0) {
    snprintf(err, errcap, "cannot start the connection sweeper thread");
    return -1;
  }
  return 0;
}

void
srv_quiesce(struct srv *s)
{
  MHD_socket fd;

  atomic_store(&s->draining, true);
  if (s->daemon == NULL)
    return;
  fd = MHD_quiesce_daemon(s->daemon);
  if (fd == MHD_INVALID_SOCKET)
    return;
  /* MHD no longer polls it, but the kernel would still complete handshakes
   * into the backlog; shutting a listening socket down makes Linux refuse
   * them (and reset the queued ones), so clients fail over at once. The fd
   * stays open until MHD has stopped, as MHD_quiesce_daemon requires. */
  shutdown(fd, SHUT_RDWR);
  s->listen_fd = fd;
  s->quiesced = true;
}

bool
srv_drain(struct srv *s)
{
  uint64_t deadline = srv_now_ns() + (uint64_t)s->cfg.drain_s * 1000000000u;
  struct timespec tick = { 0, 10 * 1000 * 1000 };

  while (atomic_load(&s->metrics.in_flight) > 0) {
    if (srv_now_ns() >= deadline)
      return false;
    nanosleep(&tick, NULL);
  }
  return true;
}

void
srv_free(struct srv *s)
{
  if (s == NULL)
    return;
  srv_guard_stop(s);
  if (s->daemon != NULL) {
    MHD_stop_daemon(s->daemon);
    /* Unless quiesced, MHD owned the socket and closed it. */
    if (!s->quiesced)
      s->listen_fd = -1;
  }
  if (s->listen_fd >= 0)
    close(s->listen_fd);
  srv_catalogue_release(s->cat);
  pthread_mutex_destroy(&s->cat_lock);
  srv_guard_destroy(s);
  free(s);
}
