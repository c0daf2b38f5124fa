/* The io layer: JSON <-> core structs, YAML catalogue -> core structs.
 * No sockets; used by the server, the CLI and the tests alike. */
#ifndef AICOST_IO_H
#define AICOST_IO_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "aicost/catalogue.h"
#include "aicost/diag.h"
#include "aicost/catalogue_io.h"
#include "aicost/json.h"
#include "aicost/scenarios.h"
#include "aicost/yaml.h"
#include "aicost/projection.h"
#include "aicost/scenario.h"

/* ---- projections (src/io/projection_json.c) ---- */

json_t *aic_projection_to_json(const struct aic_projection *pj, const struct aic_catalogue *cat);
json_t *aic_comparison_to_json(const struct aic_comparison *c, const struct aic_catalogue *cat);
/* The same documents as compact text, byte for byte what aic_json_dump(
 * aic_*_to_json(...), 0) prints, written directly without building the tree
 * (the server's reply path). NUL-terminated, length in *len (may be NULL);
 * the caller frees; NULL when out of memory. */
char *aic_projection_to_json_text(const struct aic_projection *pj, const struct aic_catalogue *cat,
                                  size_t *len);
char *aic_comparison_to_json_text(const struct aic_comparison *c, const struct aic_catalogue *cat,
                                  size_t *len);
/* {"errors": [{"pointer", "detail"}]} pieces for problem bodies. */
json_t *aic_diags_to_json(const struct aic_diags *d);

/* ---- renderings for dashboards (src/io/render_csv.c, render_svg.c) ---- */

/* The series as CSV: a header row, then one row per period; numbers without
 * thousands separators. A comparison is in long form: one row per option and
 * period, led by the option's input index and name (docs/dashboards.md).
 * Returns a NUL-terminated buffer the caller frees, length in *len; NULL on
 * allocation failure. */
char *aic_projection_to_csv(const struct aic_projection *pj, size_t *len);
char *aic_comparison_to_csv(const struct aic_comparison *c, size_t *len);

/* A standalone SVG chart (valid XML, no script, no external resource):
 * cumulative training versus cumulative inference with the crossover marked;
 * for a comparison, each option's cumulative total. Same ownership as above. */
char *aic_projection_to_svg(const struct aic_projection *pj, size_t *len);
char *aic_comparison_to_svg(const struct aic_comparison *c, size_t *len);

#endif
