/* Hand-built projections for the rendering tests, so that CSV and SVG are
 * tested without the core: every number here is computed by hand. */
#ifndef AICOST_TEST_RENDER_FIXTURE_H
#define AICOST_TEST_RENDER_FIXTURE_H

#include <stdbool.h>

#include "aicost/projection.h"

/* The seed article's support bot: 5,000,000 requests a day at $0.005 each
 * ($25,000 a day, $9,125,000 a year), flat traffic, month periods over 365
 * days, and a $3,000,000 training lump sum, so cumulative inference passes
 * training on day 120 (3,000,000 / 25,000). `name` is not copied. */
void fx_support_bot(struct aic_projection *pj, const char *name);

/* The same shape with `training_usd` and `daily_usd`, a crossover on
 * `crossover_day` as given (0 = none), over `horizon` days in `gran` periods. */
void fx_flat(struct aic_projection *pj, const char *name, double training_usd, double daily_usd,
             int horizon, enum aic_granularity gran, int crossover_day);

/* Frees what fx_* allocated (the core's release may not be linked here). */
void fx_release(struct aic_projection *pj);

/* Two options, month periods: 0 = a large model ($30,000,000 training,
 * $5,000 a day) and 1 = a small one ($1,000,000 training, $25,000 a day).
 * Their totals meet on day 1450 (29,000,000 / 20,000), so with a horizon
 * over 1450 the large one drops below the small one on day 1451 and ranks
 * first; otherwise the small one ranks first and nothing overtakes. */
void fx_pair(struct aic_comparison *c, int horizon, const char *name_a, const char *name_b);
void fx_comparison_release(struct aic_comparison *c);

#endif
