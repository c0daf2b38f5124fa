/* Whether the catalogue takes a row an importer is about to write: the
 * catalogue's own table for that entry (src/catalogue/catalogue_tables.h)
 * applied by the one engine (src/schema) to the row's YAML as written. One
 * home for the rules: an importer keeps no copy of the catalogue's bounds,
 * and a row the catalogue would refuse is skipped with the catalogue's own
 * message rather than written into a file that will not load. */
#ifndef AICOST_FEEDS_FEED_CHECK_H
#define AICOST_FEEDS_FEED_CHECK_H

#include <stddef.h>

#include "catalogue_tables.h"

/* `yaml`: one entry's members as the importer writes them (a block mapping
 * at any indent, or a flow mapping), read by the catalogue's YAML reader
 * and applied to `t` (its rows, rules and check). Returns 0 when the
 * catalogue takes it; AIC_E_INVALID with the catalogue's first message in
 * `why` ("input_per_mtok_usd: must be at most 10000 (got 36500.135)", and
 * how many more there were); AIC_E_NOMEM. */
int feed_entry_check(const struct aic_table *t, const char *yaml, size_t len, char *why,
                     size_t cap);

#endif
