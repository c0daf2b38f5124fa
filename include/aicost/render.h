/* src/render: a projection or a comparison out as bytes: JSON, CSV, SVG.
 *
 *   projection_json.c  projections and comparisons as JSON: a table of
 *                      members per object, written by src/json's one writer
 *   render_csv.c       the series as CSV (RFC 4180)
 *   render_svg.c       the series as a standalone SVG chart
 *   render_money.c     money for people ($25k, $9,125,000)
 *   render_buf.c       XML and CSV escaping (render_util.h)
 * (One output path for every format and one table of formats are issue
 * 11's part C.)
 *
 * What may live here: output formats of the core's results. What may not:
 * computing anything (src/core), reading input (src/scenarios,
 * src/catalogue), content negotiation and HTTP (src/http). Depends on
 * src/json, src/util and the core's headers. Tests: tests/unit/render,
 * tests/unit/json (the writer against the tree), the golden responses in
 * tests/http. The formats for people: docs/scenario.md, docs/dashboards.md. */
#ifndef AICOST_RENDER_H
#define AICOST_RENDER_H

#include <stddef.h>

#include "aicost/catalogue.h"
#include "aicost/diag.h"
#include "aicost/projection.h"

/* ---- projection_json.c: JSON ---- */

/* The projection or comparison as compact JSON (docs/scenario.md), written
 * by the one JSON writer (src/json/json_writer.h): the server's replies and
 * the CLI's output. For a tree (to walk it, or to pretty-print it with
 * aic_json_dump), parse the text: it dumps back to the same bytes.
 * NUL-terminated, length in *len (may be NULL); the caller frees; NULL when
 * out of memory or when a name is not UTF-8. */
char *aic_projection_to_json(const struct aic_projection *pj, const struct aic_catalogue *cat,
                             size_t *len);
char *aic_comparison_to_json(const struct aic_comparison *c, const struct aic_catalogue *cat,
                             size_t *len);

/* ---- render_csv.c, render_svg.c: for dashboards ---- */

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
