/* A whole regular file, read without blocking (file_read.h). open(2) with
 * O_NONBLOCK returns at once even for a FIFO with no writer; fstat(2) on
 * what was opened (so a symlink swapped in between changes nothing) then
 * decides before any read. For a regular file O_NONBLOCK changes nothing. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "file_read.h"

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

int
aic_file_read_regular(const char *path, size_t max, char **out, size_t *len, char *why,
                      size_t whycap)
{
  struct stat st;
  size_t cap, n = 0;
  char *buf;
  int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);

  *out = NULL;
  *len = 0;
  if (fd < 0) {
    snprintf(why, whycap, "cannot open: %s", strerror(errno));
    return -1;
  }
  if (fstat(fd, &st) != 0) {
    snprintf(why, whycap, "cannot read: %s", strerror(errno));
    close(fd);
    return -1;
  }
  if (!S_ISREG(st.st_mode)) {
    snprintf(why, whycap, "is %s, not a regular file", kind(st.st_mode));
    close(fd);
    return -1;
  }
  /* the size is a hint (the file may be growing): read to the end or max + 1 */
  cap = st.st_size > 0 && (size_t)st.st_size <= max ? (size_t)st.st_size + 1 : 64 * 1024;
  if (cap > max + 1)
    cap = max + 1;
  buf = malloc(cap + 1);
  for (;;) {
    ssize_t got;

    if (buf == NULL) {
      snprintf(why, whycap, "out of memory");
      close(fd);
      return -1;
    }
    if (n == cap) {
      size_t ncap = cap * 2 > max + 1 ? max + 1 : cap * 2;
      char *nbuf;

      if (ncap == cap)
        break;
      nbuf = realloc(buf, ncap + 1);
      if (nbuf == NULL)
        free(buf);
      buf = nbuf;
      cap = ncap;
      continue;
    }
    got = read(fd, buf + n, cap - n);
    if (got < 0 && errno == EINTR)
      continue;
    if (got < 0) {
      snprintf(why, whycap, "cannot read: %s", strerror(errno));
      free(buf);
      close(fd);
      return -1;
    }
    if (got == 0)
      break;
    n += (size_t)got;
  }
  close(fd);
  buf[n] = '\0';
  *out = buf;
  *len = n;
  return 0;
}
