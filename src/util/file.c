/* A file opened for reading only when it is a regular file, never waiting
 * (util.h). open(2) with O_NONBLOCK returns at once even for a FIFO with no
 * writer; fstat(2) on what was opened (so a symlink swapped in between
 * changes nothing) then decides before any read. For a regular file
 * O_NONBLOCK changes nothing. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "aicost/util.h"

static const char *
kind(mode_t m)
{
  if (S_ISDIR(m))
    return "a directory";
  if (S_ISFIFO(m))
    return "a FIFO (named pipe)";
  if (S_ISCHR(m))
    return "a character device";
  if (S_ISBLK(m))
    return "a block device";
  if (S_ISSOCK(m))
    return "a socket";
  return "not a regular file";
}

FILE *
aic_open_regular(const char *path, char *why, size_t cap)
{
  struct stat st;
  FILE *f;
  int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);

  if (fd < 0) {
    snprintf(why, cap, "cannot open: %s", strerror(errno));
    return NULL;
  }
  if (fstat(fd, &st) != 0) {
    snprintf(why, cap, "cannot read: %s", strerror(errno));
    close(fd);
    return NULL;
  }
  if (!S_ISREG(st.st_mode)) {
    snprintf(why, cap, "is %s, not a regular file", kind(st.st_mode));
    close(fd);
    return NULL;
  }
  f = fdopen(fd, "rb");
  if (f == NULL) {
    snprintf(why, cap, "cannot open: %s", strerror(errno));
    close(fd);
  }
  return f;
}
