/* See failalloc.h. glibc documents replacing malloc ("Replacing malloc" in
 * its manual): malloc, free, calloc and realloc must all be replaced, and
 * the aligned ones if anything uses them; __libc_* are the originals. */
#include "failalloc.h"

#include <errno.h>
#include <stddef.h>
#include <stdlib.h>

extern void *__libc_malloc(size_t n);
extern void *__libc_calloc(size_t n, size_t size);
extern void *__libc_realloc(void *p, size_t n);
extern void __libc_free(void *p);
extern void *__libc_memalign(size_t align, size_t n);
void *memalign(size_t align, size_t n);
void *valloc(size_t n);
void *pvalloc(size_t n);

static long fail_at;    /* 0: never */
static bool fail_after; /* persistent */
static long calls, failed, live;
static bool paused, used;

void
fa_arm(long n, bool persistent)
{
  fail_at = n;
  fail_after = persistent;
  calls = failed = 0;
  paused = false;
}

void
fa_disarm(void)
{
  fail_at = 0;
}

void
fa_pause(void)
{
  paused = true;
}

void
fa_resume(void)
{
  paused = false;
}

long
fa_calls(void)
{
  return calls;
}

long
fa_failed(void)
{
  return failed;
}

long
fa_live(void)
{
  return live;
}

bool
fa_active(void)
{
  return used;
}

/* true: this allocation must fail. */
static bool
should_fail(void)
{
  used = true;
  if (fail_at == 0 || paused)
    return false;
  calls++;
  if (calls == fail_at || (fail_after && calls > fail_at)) {
    failed++;
    return true;
  }
  return false;
}

void *
malloc(size_t n)
{
  void *p;

  if (should_fail()) {
    errno = ENOMEM;
    return NULL;
  }
  p = __libc_malloc(n);
  if (p != NULL)
    live++;
  return p;
}

void *
calloc(size_t n, size_t size)
{
  void *p;

  if (should_fail()) {
    errno = ENOMEM;
    return NULL;
  }
  p = __libc_calloc(n, size);
  if (p != NULL)
    live++;
  return p;
}

void *
realloc(void *old, size_t n)
{
  void *p;

  if (old != NULL && n == 0) { /* glibc frees and returns NULL */
    live--;
    __libc_free(old);
    return NULL;
  }
  if (should_fail()) {
    errno = ENOMEM;
    return NULL;
  }
  p = __libc_realloc(old, n);
  if (p != NULL && old == NULL)
    live++;
  return p;
}

void
free(void *p)
{
  if (p == NULL)
    return;
  live--;
  __libc_free(p);
}

void *
memalign(size_t align, size_t n)
{
  void *p;

  if (should_fail()) {
    errno = ENOMEM;
    return NULL;
  }
  p = __libc_memalign(align, n);
  if (p != NULL)
    live++;
  return p;
}

void *
aligned_alloc(size_t align, size_t n)
{
  return memalign(align, n);
}

int
posix_memalign(void **out, size_t align, size_t n)
{
  void *p = memalign(align, n);

  if (p == NULL)
    return ENOMEM;
  *out = p;
  return 0;
}

void *
valloc(size_t n)
{
  return memalign(4096, n);
}

void *
pvalloc(size_t n)
{
  return memalign(4096, (n + 4095) & ~(size_t)4095);
}
