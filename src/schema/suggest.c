/* "Did you mean": the name nearest to an unknown one, when the difference
 * is small enough to be a typo (the core's aic_edit_distance, the same
 * distance as the catalogue's id suggestions), else a name that the
 * unknown one abbreviates ("horizon" for "horizon_days"). */
#include <string.h>
#include <strings.h>

#include "aicost/catalogue.h"
#include "engine.h"

struct nearest {
  const char *best;
  size_t best_d;
  const char *prefix; /* the first name that `name` abbreviates */
};

static void
consider(struct nearest *n, const char *name, const char *candidate)
{
  size_t len = strlen(candidate), given = strlen(name);
  /* a typo is a small edit relative to the word: 1 for short names, up to 3 */
  size_t cap = len <= 4 ? 1 : len <= 8 ? 2 : 3;
  size_t d = aic_edit_distance(name, candidate, cap);

  if (d <= cap && d < n->best_d) {
    n->best = candidate;
    n->best_d = d;
  }
  if (n->prefix == NULL && given >= 4 && len > given && strncasecmp(candidate, name, given) == 0)
    n->prefix = candidate;
}

const char *
aic_suggest_row(const struct aic_field *rows, const char *name)
{
  struct nearest n = { NULL, (size_t)-1, NULL };

  for (const struct aic_field *r = rows; r->name != NULL; r++)
    if (!r->output_only)
      consider(&n, name, r->name);
  return n.best != NULL ? n.best : n.prefix;
}

const char *
aic_suggest_name(const struct aic_names *names, const char *name)
{
  struct nearest n = { NULL, (size_t)-1, NULL };

  for (const struct aic_enum_name *e = names->v; e->name != NULL; e++)
    consider(&n, name, e->name);
  return n.best != NULL ? n.best : n.prefix;
}
