/* Private to src/io: whether jansson ran out of memory (json_alloc.c). */
#ifndef AICOST_IO_JSON_ALLOC_H
#define AICOST_IO_JSON_ALLOC_H

#include <stdbool.h>

/* Installs the watching allocator (once) and clears this thread's flag. */
void aic_json_alloc_watch(void);
/* True when an allocation by jansson failed on this thread since the last watch. */
bool aic_json_alloc_failed(void);
/* While on (this thread), jansson's small allocations are served first
 * from the blocks its frees left (json_alloc.c); aic_json_scan's tree. */
void aic_json_alloc_cache(bool on);
/* Frees the small blocks this thread keeps for jansson's next allocations
 * (json_alloc.c): for tests that count live allocations. */
void aic_json_alloc_drain(void);

#endif
