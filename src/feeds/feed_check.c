/* A row an importer is about to write, against the catalogue's table for
 * its entry (feed_check.h). */
#include "feed_check.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "aicost/yaml.h"
#include "yaml_tree.h"

/* What the engine allocates (tiers, changes) lives in the row's own
 * tree's arena: freed with it. */
static void *
from_arena(void *arena, size_t size)
{
  return arena_alloc(arena, size);
}

int
feed_entry_check(const struct aic_table *t, const char *yaml, size_t len, char *why, size_t cap)
{
  struct aic_diags d;
  struct aic_yaml *y = NULL;
  struct aic_run run;
  void *out;
  int r;

  aic_diags_init(&d);
  why[0] = '\0';
  r = aic_yaml_parse(yaml, len, "entry", YTREE_MAX_BYTES, &y, &d);
  /* the entry's struct (t->size: a table of items) lives in the arena too */
  out = r == AIC_OK ? arena_alloc(&y->tree.arena, t->size) : NULL;
  if (r == AIC_OK && out == NULL)
    r = AIC_E_NOMEM;
  if (r == AIC_OK) {
    aic_run_init(&run, &d, NULL);
    run.yaml = y; /* the YAML voice: key paths, and .nan or a repeated key caught */
    run.alloc = from_arena;
    run.arena = (void *)(uintptr_t)&y->tree.arena;
    aic_table_blank(t, out);
    r = aic_table_apply(t, aic_yaml_json(y), "", out, &run);
  }
  aic_yaml_free(y);
  if (r < 0)
    return r;
  if (r == 0 && d.n == 0)
    return 0;
  if (d.n + d.dropped > 1)
    snprintf(why, cap, "%s (and %zu more)", d.n > 0 ? d.v[0].detail : "refused",
             d.n + d.dropped - 1);
  else
    snprintf(why, cap, "%s", d.n > 0 ? d.v[0].detail : "refused");
  return AIC_E_INVALID;
}
