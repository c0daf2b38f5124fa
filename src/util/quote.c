/* Quoting a user's string for a message (include/aicost/util.h). */
#include <stdio.h>
#include <string.h>

#include "aicost/util.h"

void
aic_quote_short(char *out, size_t cap, const char *s)
{
  if (strlen(s) > 40)
    snprintf(out, cap, "'%.37s...'", s);
  else
    snprintf(out, cap, "'%s'", s);
}
