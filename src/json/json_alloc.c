/* jansson's allocator: telling "out of memory" from "invalid JSON", a
 * json_loadb that a failed allocation cannot crash, and, for a program
 * that asks (aic_json_init), a per-thread cache of small blocks.
 *
 * When an allocation fails inside json_loadb, jansson 2.14 does not always
 * say so: a failure in the lexer comes back as an ordinary syntax error
 * ("string or '}' expected near '"name"'"), which would answer a valid body
 * with a 400 (tests/unit/alloc, reliability finding 7). So jansson allocates
 * through a wrapper that notes a failure in a per-thread flag; a parse that
 * fails with the flag set is reported as out of memory (a 503), whatever
 * jansson's message says.
 *
 * Worse, the lexer ignores a failure to grow the buffer it saves a token's
 * text in (load.c: lex_save drops strbuffer_append_byte's result; reported
 * upstream as akheron/jansson#362, open since 2017, with the fix proposed
 * in akheron/jansson#747): the byte is dropped and the lexer goes on with
 * the text it kept. A string that lost its closing quote (or one of the
 * backslashes of a final "\\") is decoded past its end if the next
 * allocation succeeds: an invalid read and write, then glibc's abort. A
 * number that lost the byte after it, or the first digit of its exponent,
 * fails an assertion in jansson (lex_unget_unsave, jsonp_strtod): abort,
 * whatever comes after. One that lost another digit is silently another
 * number. (Reliability finding 9.) So aic_json_loadb_guarded runs
 * json_loadb's parse with three guards, for that call only:
 *   - a reserve: before the parse, one block as large as any growth of
 *     that buffer can be for this body (growth_bound); the first
 *     allocation that fails is given the reserve instead when it fits, so
 *     the lexer never loses a byte (a larger request is not the lexer's,
 *     and jansson checks all the others);
 *   - the input ends there: the bytes are fed FEED_CHUNK at a time
 *     (json_load_callback) and none after the failure, so the lexer ends
 *     as at the end of a truncated body, and never needs to grow its
 *     buffer again (see FEED_CHUNK);
 *   - the failure is sticky: every later allocation fails until the call
 *     returns, so nothing more is built (the pattern tests/unit/alloc
 *     proves jansson handles, "and all after").
 * The parse then fails (or, when the failure was its last allocation,
 * returns a tree, which aic_json_parse does not trust), and with the flag
 * set it is out of memory (a 503). When a jansson release with the fix is
 * the oldest we build with, the guards can go (the wrapper's flag stays,
 * for finding 7).
 *
 * The block cache (aic_json_init(AIC_JSON_BLOCK_CACHE), which only aicostd
 * calls): a request's tree is a hundred or more small blocks (an object is
 * two, a member one, a string two), all freed together at the end. glibc's
 * per-thread cache keeps only 7 blocks of a size, so most of them take its
 * slower paths on every request (fastbins, a consolidation at the next
 * large allocation, the small bins): a tenth of the work of the article's
 * projection request, a seventh of a 4-way comparison's (docs/benchmarks.md).
 * With the cache, the freed blocks of up to 264 bytes wait in a per-thread
 * list per size class (up to CACHE_DEPTH each) for the next tree, which the
 * fast path (aic_json_scan, the usual request) takes from them; every other
 * allocation is malloc's, so that jansson's own parser meets an allocation
 * failure exactly where it would (and is guarded there). They stay ordinary
 * malloc blocks: anything may free or realloc them with libc's functions
 * (json_dumps' text is freed so), and a block freed on another thread
 * simply joins that thread's lists. A block is always allocated with its
 * class's full size, so that its usable size (malloc_usable_size) names the
 * class exactly under glibc, valgrind and the test allocators alike. A
 * thread's lists are freed when it exits. Under AddressSanitizer there is
 * no cache: it would hide a use after free.
 *
 * jansson's allocator is process-wide by design (json_set_alloc_funcs), so
 * the wrapper is installed once, before the first parse (by aic_json_parse
 * or aic_json_init); the flag and the cache are per thread because the
 * server parses on several threads at once. A test can put its own
 * allocator under the wrapper (aic_json_alloc_backing) to fail one
 * allocation of a parse and see the guards at work. */
#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include <jansson.h>

#include "aicost/json.h"
#include "json_alloc.h"

#if defined(__SANITIZE_ADDRESS__)
#define NO_CACHE 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define NO_CACHE 1
#endif
#endif
#if !defined(NO_CACHE) && !defined(__GLIBC__)
#define NO_CACHE 1 /* malloc_usable_size is glibc's */
#endif

/* Class k (2 ... CLASS_MAX) holds blocks of 16k - 8 usable bytes: a glibc
 * chunk of 16k bytes, so asking for the full class costs nothing more. */
#define CLASS_MAX 17
#define CACHE_DEPTH 128

struct free_block {
  struct free_block *next;
};

struct cache {
  struct free_block *head[CLASS_MAX + 1];
  unsigned short n[CLASS_MAX + 1];
  bool serving;    /* allocations are served from the lists (aic_json_scan) */
  bool registered; /* the exit destructor knows about this thread */
  bool closed;     /* the thread is exiting: no more caching */
};

static _Thread_local bool alloc_failed;
/* Inside aic_json_loadb_guarded: the reserve for the first failure, and no
 * allocation once one has failed. */
static _Thread_local bool guarded;
static _Thread_local void *reserve;
static _Thread_local size_t reserve_size;
static void *(*backing)(size_t) = malloc; /* tests may put another under us */
static pthread_once_t install_once = PTHREAD_ONCE_INIT;

#ifndef NO_CACHE
static _Thread_local struct cache cache;
static pthread_key_t exit_key;
/* Set once by aic_json_init, before the program's threads parse. */
static bool cache_on;

static size_t
class_of_request(size_t n)
{
  size_t k = (n + 8 + 15) / 16;

  return k < 2 ? 2 : k;
}

static size_t
class_size(size_t k)
{
  return 16 * k - 8;
}

static void
drain(struct cache *c)
{
  for (size_t k = 0; k <= CLASS_MAX; k++) {
    while (c->head[k] != NULL) {
      struct free_block *b = c->head[k];

      c->head[k] = b->next;
      free(b);
    }
    c->n[k] = 0;
  }
}

static void
thread_exit(void *arg)
{
  (void)arg;
  cache.closed = true;
  drain(&cache);
}
#endif

/* An allocation inside aic_json_loadb_guarded: see the top. */
static void *
guarded_malloc(size_t n)
{
  void *p;

  if (alloc_failed)
    return NULL;
  p = backing(n);
  if (p == NULL) {
    alloc_failed = true;
    if (n <= reserve_size) {
      p = reserve;
      reserve = NULL;
      reserve_size = 0;
    }
  }
  return p;
}

static void *
watched_malloc(size_t n)
{
  void *p;

#ifndef NO_CACHE
  if (cache.serving && n <= class_size(CLASS_MAX)) {
    size_t k = class_of_request(n);
    struct free_block *b = cache.head[k];

    if (b != NULL) {
      cache.head[k] = b->next;
      cache.n[k]--;
      return b;
    }
    n = class_size(k);
  }
#endif
  if (guarded)
    return guarded_malloc(n);
  p = backing(n);
  if (!p)
    alloc_failed = true;
  return p;
}

static void
watched_free(void *p)
{
#ifndef NO_CACHE
  size_t k;

  if (p == NULL || !cache_on) {
    free(p);
    return;
  }
  /* Rounded down: a block that did not come from watched_malloc (one made
   * before the install) is never handed out for more than it holds. */
  k = (malloc_usable_size(p) + 8) / 16;
  if (k >= 2 && k <= CLASS_MAX && cache.n[k] < CACHE_DEPTH && !cache.closed) {
    struct free_block *b = p;

    if (!cache.registered) {
      /* On failure the lists would be lost at the thread's exit: no cache. */
      if (pthread_setspecific(exit_key, &cache) != 0) {
        cache.closed = true;
        free(p);
        return;
      }
      cache.registered = true;
    }
    b->next = cache.head[k];
    cache.head[k] = b;
    cache.n[k]++;
    return;
  }
#endif
  free(p);
}

static void
install(void)
{
  json_set_alloc_funcs(watched_malloc, watched_free);
}

int
aic_json_init(unsigned flags)
{
#ifndef NO_CACHE
  /* Without the key a thread's lists would be lost at its exit: no cache. */
  if ((flags & AIC_JSON_BLOCK_CACHE) && !cache_on)
    cache_on = pthread_key_create(&exit_key, thread_exit) == 0;
#else
  (void)flags;
#endif
  (void)pthread_once(&install_once, install);
  return AIC_OK;
}

void
aic_json_alloc_watch(void)
{
  (void)pthread_once(&install_once, install);
  alloc_failed = false;
}

bool
aic_json_alloc_failed(void)
{
  return alloc_failed;
}

void
aic_json_alloc_cache(bool on)
{
#ifndef NO_CACHE
  cache.serving = on && cache_on;
#else
  (void)on;
#endif
}

void
aic_json_alloc_drain(void)
{
#ifndef NO_CACHE
  drain(&cache);
#endif
}

/* The largest block jansson's lexer can ask for to grow its token buffer
 * while parsing len bytes (0: it never grows). The buffer starts at 16 bytes
 * (strbuffer.c) and doubles when a byte arrives for its last place, so
 * growing from cap to 2 cap bytes takes cap bytes of one token, and a token
 * is never longer than the body. */
static size_t
growth_bound(size_t len)
{
  size_t cap = 16;

  if (len < cap)
    return 0;
  while (cap <= len / 2)
    cap *= 2;
  return 2 * cap;
}

/* Bytes given to jansson at a time. After a failed allocation the lexer
 * still sees what it already has: at most FEED_CHUNK - 1 bytes of the
 * chunk, and up to 4 in its own buffer (the rest of a UTF-8 character, or a
 * character it put back). Its token buffer grows only when a token's 16th
 * byte arrives (it starts at 16 bytes; after a growth to 2 cap, cap - 1
 * more), so FEED_CHUNK + 3 <= 15 bytes never make it grow again. */
#define FEED_CHUNK 8
_Static_assert(FEED_CHUNK + 3 <= 15, "after a failure, the lexer must not need a 16th byte");

struct feed {
  const char *bytes;
  size_t len, pos;
};

/* The body, FEED_CHUNK bytes at a time, and none once an allocation has
 * failed. */
static size_t
feed(void *buf, size_t size, void *arg)
{
  struct feed *f = arg;
  size_t n = f->len - f->pos;

  if (alloc_failed)
    return 0;
  if (n > FEED_CHUNK)
    n = FEED_CHUNK;
  if (n > size)
    n = size;
  memcpy(buf, f->bytes + f->pos, n);
  f->pos += n;
  return n;
}

json_t *
aic_json_loadb_guarded(const char *bytes, size_t len, size_t flags, json_error_t *err)
{
  struct feed f = { bytes, len, 0 };
  size_t bound = growth_bound(len);
  json_t *doc;

  (void)pthread_once(&install_once, install);
  if (bound > 0) {
    reserve = backing(bound);
    if (reserve == NULL) {
      alloc_failed = true;
      return NULL;
    }
    reserve_size = bound;
  }
  guarded = true;
  doc = json_load_callback(feed, &f, flags, err);
  guarded = false;
  free(reserve); /* unless the first failure took it */
  reserve = NULL;
  reserve_size = 0;
  return doc;
}

void
aic_json_alloc_backing(void *(*fn)(size_t))
{
  backing = fn != NULL ? fn : malloc;
}
