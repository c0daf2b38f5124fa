/* Private to src/io: a whole file read without ever blocking. */
#ifndef AICOST_IO_FILE_READ_H
#define AICOST_IO_FILE_READ_H

#include <stddef.h>

/* Reads the regular file at `path` into a new NUL-terminated buffer
 * (*out, caller frees; *len bytes), at most max + 1 bytes so that the
 * caller can tell "over the limit" without reading a huge file. Anything
 * that is not a regular file (a FIFO, a device, a directory, a socket) is
 * refused without a read, and opening never waits for a writer: a FIFO at
 * the catalogue's path used to block the thread that reloads it, and with
 * it SIGTERM. Returns 0, or -1 with a short reason ("cannot open: ...",
 * "is a FIFO, not a regular file", ...) in why. */
int aic_file_read_regular(const char *path, size_t max, char **out, size_t *len, char *why,
                          size_t whycap);

#endif
