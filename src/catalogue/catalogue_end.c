/* The closing "..." line of a catalogue file (catalogue_end.h). */
#include <string.h>

#include "catalogue_end.h"

size_t
aic_catalogue_content_end(const char *text, size_t len, unsigned *line)
{
  size_t end = len;

  *line = 0;
  while (end > 0) {
    size_t start = end;
    size_t a, b;

    while (start > 0 && text[start - 1] != '\n')
      start--;
    a = start;
    b = end;
    while (a < b && (text[a] == ' ' || text[a] == '\t'))
      a++;
    while (b > a && (text[b - 1] == ' ' || text[b - 1] == '\t' || text[b - 1] == '\r' ||
                     text[b - 1] == '\n'))
      b--;
    if (a < b && text[a] != '#') {
      *line = 1;
      for (size_t i = 0; i < start; i++)
        *line += text[i] == '\n';
      return a == start && b - a == 3 && memcmp(text + a, "...", 3) == 0 ? start : len;
    }
    end = start > 0 ? start - 1 : 0;
  }
  return len;
}
