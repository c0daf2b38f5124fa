/* Private to src/io: whether jansson ran out of memory (json_alloc.c). */
#ifndef AICOST_IO_JSON_ALLOC_H
#define AICOST_IO_JSON_ALLOC_H

#include <stdbool.h>

/* Installs the watching allocator (once) and clears this thread's flag. */
void aic_json_alloc_watch(void);
/* True when an allocation by jansson failed on this thread since the last watch. */
bool aic_json_alloc_failed(void);

#endif
