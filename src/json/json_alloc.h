/* Private to src/json: jansson's allocator (json_alloc.c): whether it ran
 * out of memory, a json_loadb that a failed allocation cannot crash. */
#ifndef AICOST_JSON_JSON_ALLOC_H
#define AICOST_JSON_JSON_ALLOC_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "aicost/json.h"

/* Installs the watching allocator (once) and clears this thread's flag. */
void aic_json_alloc_watch(void);
/* True when an allocation by jansson failed on this thread since the last watch. */
bool aic_json_alloc_failed(void);
/* json_loadb(bytes, len, flags, err), guarded against jansson 2.14's lexer,
 * which damages the heap or aborts when one allocation fails and later ones
 * succeed (json_alloc.c): once an allocation fails, the parse fails, and
 * aic_json_alloc_failed() says so. Call aic_json_alloc_watch() first. */
json_t *aic_json_loadb_guarded(const char *bytes, size_t len, size_t flags, json_error_t *err);
/* For tests: the allocator the watcher calls for a block it does not take
 * from the cache (NULL: malloc). Its blocks must be free()able. */
void aic_json_alloc_backing(void *(*fn)(size_t n));
/* While on (this thread), jansson's small allocations are served first
 * from the blocks its frees left (json_alloc.c); aic_json_scan's tree.
 * Nothing happens unless aic_json_init turned the cache on. */
void aic_json_alloc_cache(bool on);
/* aic_json_alloc_drain: aicost/json.h (aicostd calls it too). */

#endif
