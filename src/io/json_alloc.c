/* Telling "out of memory" from "invalid JSON".
 *
 * When an allocation fails inside json_loadb, jansson 2.14 does not always
 * say so: a failure in the lexer comes back as an ordinary syntax error
 * ("string or '}' expected near '"name"'"), which would answer a valid body
 * with a 400 (tests/unit/alloc, reliability finding 7). So jansson allocates
 * through a wrapper that notes a failure in a per-thread flag; a parse that
 * fails with the flag set is reported as out of memory (a 503), whatever
 * jansson's message says.
 *
 * jansson's allocator is process-wide by design (json_set_alloc_funcs), so
 * it is installed once, before the first parse; the flag is per thread
 * because the server parses on several threads at once. */
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>

#include <jansson.h>

#include "json_alloc.h"

static _Thread_local bool alloc_failed;
static pthread_once_t install_once = PTHREAD_ONCE_INIT;

static void *
watched_malloc(size_t n)
{
  void *p = malloc(n);

  if (!p)
    alloc_failed = true;
  return p;
}

static void
install(void)
{
  json_set_alloc_funcs(watched_malloc, free);
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
