/* Private to src/catalogue: what the loader's files share. */
#ifndef AICOST_CATALOGUE_READ_H
#define AICOST_CATALOGUE_READ_H

#include <stddef.h>

#include "aicost/catalogue.h"
#include "aicost/diag.h"
#include "yaml_tree.h"

/* catalogue_yaml.c: the catalogue in the document y (one file, or files
 * merged), every problem in errors; `hash` identifies the bytes it came
 * from. NULL when there is a problem or memory ran out (*status
 * AIC_E_NOMEM, else 0). */
struct aic_catalogue *cat_from_yaml(const struct aic_yaml *y, const char *hash,
                                    struct aic_diags *errors, int *status);

/* catalogue_merge.c: `over` layered on `base` (docs/catalogue.md,
 * "Layering catalogues") into *out; new containers in `a`, the other nodes
 * shared with the inputs. What an overlay may not do goes to errors as
 * "file:line:col" and "key.path: reason"; *n_errors counts them. Returns 0
 * or AIC_E_NOMEM. */
int cat_merge(struct aic_diags *errors, size_t *n_errors, struct arena *a, const struct ynode *base,
              const struct ynode *over, const struct ynode **out);

#endif
