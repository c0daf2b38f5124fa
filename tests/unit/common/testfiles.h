/* Reading test data files for the io tests that walk tests/data. */
#ifndef AICOST_TESTS_IO_TESTFILES_H
#define AICOST_TESTS_IO_TESTFILES_H

#include <stddef.h>

/* The whole file, NUL-terminated (the NUL not counted in *len), owned by the
 * caller; NULL if it cannot be opened or read. */
char *testfile_read(const char *path, size_t *len);

#endif
