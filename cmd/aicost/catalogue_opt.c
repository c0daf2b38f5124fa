/* Which catalogue a command loads: --catalogue PATH given once or more
 * (layered, first file the base), else AICOST_CATALOGUE (paths separated by
 * ':'), else the default compiled in. docs/catalogue.md, "Layering". */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"

void
catalogue_opt_init(struct catalogue_opt *c)
{
  const char *env = getenv("AICOST_CATALOGUE");

  memset(c, 0, sizeof *c);
  if (env != NULL && env[0] != '\0')
    snprintf(c->list, sizeof c->list, "%s", env);
}

int
catalogue_opt_add(struct catalogue_opt *c, const char *path)
{
  size_t used = c->from_flags ? strlen(c->list) : 0;
  int w = snprintf(c->list + used, sizeof c->list - used, "%s%s", used > 0 ? ":" : "", path);

  c->from_flags = true;
  if (w < 0 || (size_t)w >= sizeof c->list - used) {
    fprintf(stderr, "aicost: the list of catalogue files is too long\n");
    return -1;
  }
  return 0;
}

const char *
catalogue_opt_list(const struct catalogue_opt *c)
{
  return c->list[0] != '\0' ? c->list : NULL;
}
