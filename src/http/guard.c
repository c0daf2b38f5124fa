/* Deadlines for slow clients, enforced by a sweeper thread.
 *
 * libmicrohttpd's --timeout measures idleness: every byte a client trickles
 * resets it, so 64 connections sending a byte a second held a 64-slot
 * server for as long as they liked. Here every connection has an entry
 * (made and dropped by MHD's connection notifications) that says what it
 * waits for and since when; the request path only stores one word per
 * phase change. Five times a second the sweeper shuts down the sockets
 * that are late (shutdown(2): MHD sees the hang-up, closes the connection
 * and frees the slot; the descriptor stays MHD's to close):
 *
 *   headers  the request line and headers must arrive within
 *            --header-timeout of the request's first byte;
 *   body     the body within --body-timeout of the headers;
 *   pressure while 3/4 of --max-connections or more are open, a connection
 *            is shut once it has waited PRESSURE_GRACE for its request (idle
 *            keep-alive included) or its body, or when the client has read
 *            none of its answer for PRESSURE_GRACE: a legitimate client
 *            sends a request in one go and reads its answer, so under
 *            attack the slots go to it.
 *
 * A request's first byte is seen through TCP_INFO's byte counter, so an
 * idle keep-alive connection is still governed by --timeout alone. The
 * sweeper reads the counter when it first sees a connection waiting;
 * bytes that arrived before that (pipelined with the previous request)
 * start the clock at the next byte, which --timeout bounds. */
#include <errno.h>
#include <linux/tcp.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include "srv.h"

#define TICK_MS 200
#define LINGER_TICK_MS 10
#define PRESSURE_GRACE_NS ((uint64_t)500000000u)

/* The state word: milliseconds since the epoch of srv_now_ns, shifted,
 * and the phase in the low byte; one atomic store per change. */
static uint64_t
state_word(enum srv_phase p)
{
  return ((srv_now_ns() / 1000000u) << 8) | (uint64_t)p;
}

struct srv_conn {
  struct srv_conn *prev, *next;
  int fd;
  atomic_uint_fast64_t state;
  /* the sweeper's own view, under the table lock */
  uint64_t seen;    /* the state word it last looked at */
  uint64_t rx_base; /* bytes received when it first saw the phase */
  bool rx_known;
  uint64_t started_ns;  /* WAIT: when bytes of the request first showed; 0: not yet */
  uint64_t tx_acked;    /* WORK: bytes the client has acknowledged */
  uint64_t tx_moved_ns; /* WORK: when that last grew */
  bool shut;
  atomic_bool linger; /* close it lingering (linger.c) */
};

static bool
tcp_counts(int fd, uint64_t *rx, uint64_t *acked)
{
  struct tcp_info ti;
  socklen_t len = sizeof ti;

  memset(&ti, 0, sizeof ti);
  if (getsockopt(fd, IPPROTO_TCP, TCP_INFO, &ti, &len) != 0 ||
      len < offsetof(struct tcp_info, tcpi_bytes_received) + sizeof ti.tcpi_bytes_received)
    return false;
  *rx = ti.tcpi_bytes_received;
  *acked = ti.tcpi_bytes_acked;
  return true;
}

void
srv_guard_notify(void *cls, struct MHD_Connection *c, void **socket_context,
                 enum MHD_ConnectionNotificationCode toe)
{
  struct srv *s = cls;
  struct srv_conn *k = *socket_context;

  if (toe == MHD_CONNECTION_NOTIFY_STARTED) {
    const union MHD_ConnectionInfo *info = MHD_get_connection_info(
      c, MHD_CONNECTION_INFO_CONNECTION_FD);

    k = calloc(1, sizeof *k);
    if (k == NULL)
      return; /* unguarded, not refused: the idle timeout still applies */
    k->fd = info != NULL ? info->connect_fd : -1;
    atomic_init(&k->state, state_word(SRV_PHASE_NEW));
    pthread_mutex_lock(&s->guard.lock);
    k->next = s->guard.head;
    if (k->next != NULL)
      k->next->prev = k;
    s->guard.head = k;
    s->guard.open++;
    pthread_mutex_unlock(&s->guard.lock);
    *socket_context = k;
    return;
  }
  if (k == NULL)
    return;
  /* MHD closes the descriptor after this returns: once the entry is out
   * of the table, the sweeper can no longer shut a reused number. */
  pthread_mutex_lock(&s->guard.lock);
  if (atomic_load_explicit(&k->linger, memory_order_relaxed) && !k->shut) {
    srv_linger_add(&s->guard, k->fd, srv_now_ns());
    pthread_cond_signal(&s->guard.wake);
  }
  if (k->prev != NULL)
    k->prev->next = k->next;
  else
    s->guard.head = k->next;
  if (k->next != NULL)
    k->next->prev = k->prev;
  s->guard.open--;
  pthread_mutex_unlock(&s->guard.lock);
  *socket_context = NULL;
  free(k);
}

struct srv_conn *
srv_guard_of(struct MHD_Connection *c)
{
  const union MHD_ConnectionInfo *info = MHD_get_connection_info(
    c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);

  return info != NULL ? info->socket_context : NULL;
}

void
srv_guard_linger(struct srv_conn *k)
{
  if (k != NULL)
    atomic_store_explicit(&k->linger, true, memory_order_relaxed);
}

void
srv_guard_phase(struct srv_conn *k, enum srv_phase p)
{
  if (k != NULL)
    atomic_store_explicit(&k->state, state_word(p), memory_order_relaxed);
}

static void
shut(struct srv *s, struct srv_conn *k, enum srv_shut why)
{
  if (k->shut || k->fd < 0)
    return;
  k->shut = true;
  shutdown(k->fd, SHUT_RDWR);
  atomic_fetch_add_explicit(&s->guard.shut[why], 1, memory_order_relaxed);
}

/* One connection's verdict; under the table lock. */
static void
judge(struct srv *s, struct srv_conn *k, uint64_t now, bool pressure)
{
  uint64_t word = atomic_load_explicit(&k->state, memory_order_relaxed);
  enum srv_phase phase = (enum srv_phase)(word & 0xff);
  uint64_t since = (word >> 8) * 1000000u;
  uint64_t age = now > since ? now - since : 0;
  uint64_t rx = 0, acked = 0;
  bool counted = phase != SRV_PHASE_BODY && tcp_counts(k->fd, &rx, &acked);

  if (word != k->seen) {
    /* a new phase: take the counters as they are now */
    k->seen = word;
    k->rx_known = counted;
    /* nothing of a new connection's has been read: all its bytes are new */
    k->rx_base = phase == SRV_PHASE_NEW ? 0 : rx;
    k->started_ns = 0;
    k->tx_acked = acked;
    k->tx_moved_ns = now;
  }
  switch (phase) {
  case SRV_PHASE_NEW:
  case SRV_PHASE_WAIT:
    if (k->started_ns == 0 && (!k->rx_known || (counted && rx > k->rx_base)))
      k->started_ns = now;
    if (k->started_ns != 0 && s->cfg.header_timeout_s > 0 &&
        now - k->started_ns >= (uint64_t)s->cfg.header_timeout_s * 1000000000u)
      shut(s, k, SRV_SHUT_HEADERS);
    else if (pressure && age >= PRESSURE_GRACE_NS)
      shut(s, k, SRV_SHUT_PRESSURE);
    break;
  case SRV_PHASE_BODY:
    if (s->cfg.body_timeout_s > 0 && age >= (uint64_t)s->cfg.body_timeout_s * 1000000000u)
      shut(s, k, SRV_SHUT_BODY);
    else if (pressure && age >= PRESSURE_GRACE_NS)
      shut(s, k, SRV_SHUT_PRESSURE);
    break;
  case SRV_PHASE_WORK:
    if (counted && acked != k->tx_acked) {
      k->tx_acked = acked;
      k->tx_moved_ns = now;
    }
    if (pressure && now - k->tx_moved_ns >= PRESSURE_GRACE_NS)
      shut(s, k, SRV_SHUT_PRESSURE);
    break;
  }
}

static void *
sweeper(void *arg)
{
  struct srv *s = arg;
  struct srv_guard *g = &s->guard;
  size_t limit = s->cfg.max_connections;
  /* no limit configured (0): MHD's default applies and there is no pressure */
  size_t threshold = limit > 0 ? limit - limit / 4 : SIZE_MAX;

  pthread_mutex_lock(&g->lock);
  while (!g->stop) {
    struct timespec until;
    uint64_t now = srv_now_ns();
    bool pressure = g->open >= threshold;

    for (struct srv_conn *k = g->head; k != NULL; k = k->next)
      judge(s, k, now, pressure);
    srv_linger_drain(g, now);
    clock_gettime(CLOCK_MONOTONIC, &until);
    /* a lingering client is sending: read it often, or it stalls */
    until.tv_nsec += (g->n_linger > 0 ? LINGER_TICK_MS : TICK_MS) * 1000000L;
    if (until.tv_nsec >= 1000000000L) {
      until.tv_sec++;
      until.tv_nsec -= 1000000000L;
    }
    pthread_cond_timedwait(&g->wake, &g->lock, &until);
  }
  pthread_mutex_unlock(&g->lock);
  return NULL;
}

int
srv_guard_init(struct srv *s)
{
  pthread_condattr_t ca;

  pthread_mutex_init(&s->guard.lock, NULL);
  pthread_condattr_init(&ca);
  pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
  pthread_cond_init(&s->guard.wake, &ca);
  pthread_condattr_destroy(&ca);
  return 0;
}

int
srv_guard_start(struct srv *s)
{
  if (pthread_create(&s->guard.thread, NULL, sweeper, s) != 0)
    return -1;
  s->guard.running = true;
  return 0;
}

void
srv_guard_stop(struct srv *s)
{
  if (!s->guard.running)
    return;
  pthread_mutex_lock(&s->guard.lock);
  s->guard.stop = true;
  pthread_cond_signal(&s->guard.wake);
  pthread_mutex_unlock(&s->guard.lock);
  pthread_join(s->guard.thread, NULL);
  s->guard.running = false;
}

void
srv_guard_destroy(struct srv *s)
{
  /* MHD_stop_daemon has closed every connection, and so emptied the table;
   * those that closed lingering since the sweeper stopped close now */
  srv_linger_close_all(&s->guard);
  pthread_cond_destroy(&s->guard.wake);
  pthread_mutex_destroy(&s->guard.lock);
}

void
srv_guard_counts(struct srv *s, size_t *open, size_t *lingering)
{
  pthread_mutex_lock(&s->guard.lock);
  *open = s->guard.open;
  *lingering = s->guard.n_linger;
  pthread_mutex_unlock(&s->guard.lock);
}
