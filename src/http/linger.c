/* Closing a refused upload without losing its answer (a lingering close).
 *
 * A request whose Content-Length is over --max-body is answered 413 at
 * once and the connection closed, so that a client that sent "Expect:
 * 100-continue" never uploads the body. A client that did not ask is still
 * sending it; closing a socket with unread bytes makes the kernel answer
 * with a reset, which can reach the client before it has read the 413: a
 * client posting 8 MB saw a broken pipe instead of the answer, every time.
 * So such a connection is kept open past libmicrohttpd's close on a
 * duplicate of its descriptor, its sending side shut (the client sees the
 * end of the answer), and what the client still sends is read and dropped
 * until it closes, LINGER_NS has passed, or LINGER_BYTES are dropped, as a
 * web server's lingering close does. The sweeper (guard.c) drains them on
 * its ticks; at most SRV_LINGER_MAX linger at once, the rest close at once
 * as before. */
#include <errno.h>
#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "srv.h"

#define LINGER_NS ((uint64_t)5000000000u)
#define LINGER_BYTES ((size_t)32 << 20)
#define DRAIN_PER_TICK ((size_t)4 << 20) /* bounds the time the table lock is held */

void
srv_linger_add(struct srv_guard *g, int fd, uint64_t now)
{
  int dup;

  if (fd < 0 || g->n_linger >= SRV_LINGER_MAX)
    return;
  dup = fcntl(fd, F_DUPFD_CLOEXEC, 0);
  if (dup < 0)
    return;
  if (fcntl(dup, F_SETFL, fcntl(dup, F_GETFL) | O_NONBLOCK) != 0) {
    close(dup);
    return;
  }
  shutdown(dup, SHUT_WR);
  g->linger[g->n_linger++] = (struct srv_linger){ .fd = dup, .until_ns = now + LINGER_NS };
  atomic_fetch_add_explicit(&g->lingered, 1, memory_order_relaxed);
}

/* Reads what has arrived; true when the socket is done with. */
static bool
drain(struct srv_linger *l, uint64_t now)
{
  char buf[16384];
  size_t this_tick = 0;

  for (;;) {
    ssize_t n = read(l->fd, buf, sizeof buf);

    if (n == 0)
      return true; /* the client closed */
    if (n < 0)
      return errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR;
    l->drained += (size_t)n;
    this_tick += (size_t)n;
    if (l->drained >= LINGER_BYTES)
      return true;
    if (this_tick >= DRAIN_PER_TICK)
      return now >= l->until_ns;
  }
}

void
srv_linger_drain(struct srv_guard *g, uint64_t now)
{
  size_t i = 0;

  while (i < g->n_linger) {
    if (drain(&g->linger[i], now) || now >= g->linger[i].until_ns) {
      close(g->linger[i].fd);
      g->linger[i] = g->linger[--g->n_linger];
    } else {
      i++;
    }
  }
}

void
srv_linger_close_all(struct srv_guard *g)
{
  for (size_t i = 0; i < g->n_linger; i++)
    close(g->linger[i].fd);
  g->n_linger = 0;
}
