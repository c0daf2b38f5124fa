/* Allocation-failure injection for tests: this object replaces malloc,
 * calloc, realloc, free and the aligned allocators for the whole process
 * (glibc allows it, and so do jansson and libyaml, which call them), forwards
 * to glibc's own __libc_* functions, counts every allocation still live, and
 * can be told to fail the Nth allocation from now (or the Nth and every one
 * after it). Single-threaded tests only. Not usable under ASan or valgrind,
 * which replace the allocator themselves: fa_active() says whether our
 * functions are really the ones called. */
#ifndef AICOST_FAILALLOC_H
#define AICOST_FAILALLOC_H

#include <stdbool.h>

/* Fail allocation number n (1 = the next one); with `persistent`, that one
 * and every later one. n = 0 disarms. Resets the counters below. */
void fa_arm(long n, bool persistent);
void fa_disarm(void);
/* Stops and restarts counting towards n and failing (for work the test
 * itself does inside an armed window, such as rendering a result). */
void fa_pause(void);
void fa_resume(void);
/* Allocation calls since fa_arm, and how many of them were failed. */
long fa_calls(void);
long fa_failed(void);
/* Live allocations (successful allocations minus frees) since start. */
long fa_live(void);
/* Whether our malloc has ever been called (false under valgrind or ASan). */
bool fa_active(void);

#endif
