/* Private to src/catalogue: what the loader's files share. */
#ifndef AICOST_CATALOGUE_READ_H
#define AICOST_CATALOGUE_READ_H

#include <stdbool.h>
#include <stddef.h>

#include "aicost/catalogue.h"
#include "schema.h"
#include "yaml_tree.h"

/* catalogue_yaml.c: the catalogue in the tree t (merged or not), every
 * problem in L; `hash` identifies the bytes it came from. NULL when there
 * is a problem or memory ran out (*status AIC_E_NOMEM, else 0). */
struct aic_catalogue *cat_from_tree(struct ytree *t, const char *hash, struct yreport *L,
                                    int *status);

/* An id: [a-z0-9][a-z0-9._/-]*, at most 64 characters. */
bool cat_valid_id(const char *s, size_t len);

/* catalogue_offers.c: reads a GPU's `offers` list (NULL: none) at `path`
 * into g->offers (in the arena) and checks the rules across its offers;
 * `date` is the catalogue's (NULL: no check of as_of against it). Problems
 * go to L; returns 0, or AIC_E_NOMEM. */
int cat_offers_read(struct yreport *L, struct arena *a, const struct ynode *seq,
                    const char *path, const char *date, struct aic_gpu *g);

/* catalogue_merge.c: `over` layered on `base` (docs/catalogue.md,
 * "Layering catalogues") into *out; new containers in `a`, the other nodes
 * shared with the inputs. What an overlay may not do goes to L. Returns 0
 * or AIC_E_NOMEM. */
int cat_merge(struct yreport *L, struct arena *a, const struct ynode *base,
              const struct ynode *over, const struct ynode **out);

#endif
