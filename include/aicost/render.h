/* src/render: a projection or a comparison out as bytes: JSON, CSV, SVG,
 * and text for people (a terminal table, Markdown).
 *
 *   projection_json.c  projections and comparisons as JSON: a table of
 *                      members per object, written by src/json's one writer
 *   render_csv.c       the series as CSV (RFC 4180)
 *   render_svg.c       the series as a standalone SVG chart
 *   render_text.c      the figures and the series as a table or Markdown
 *   render_grid.c      aligned columns or a Markdown table (aicost diff too)
 *   render_money.c     money for people ($25k, $9,125,000)
 *   render_buf.c       XML and CSV escaping (render_util.h)
 *   plan_json.c        a plan (POST /v1/plans) as JSON
 *   plan_pareto.c      a plan's Pareto set as CSV rows and an SVG scatter
 *   plan_text.c        a plan as a table or Markdown
 *   render_formats.c   the one table of output formats, which the server
 *                      and the CLI both choose from
 * Every number goes through src/json's number function (num_format.h), so
 * the same value prints the same way in every format.
 *
 * What may live here: output formats of the core's results. What may not:
 * computing anything (src/core), reading input (src/scenarios,
 * src/catalogue), content negotiation and HTTP (src/http). Depends on
 * src/json, src/util and the core's headers. Tests: tests/unit/render,
 * tests/unit/json (the writer, against jansson), the golden responses (every
 * format) in tests/http. For people: docs/scenario.md, docs/dashboards.md. */
#ifndef AICOST_RENDER_H
#define AICOST_RENDER_H

#include <stdbool.h>
#include <stddef.h>

#include "aicost/catalogue.h"
#include "aicost/diag.h"
#include "aicost/plan.h"
#include "aicost/projection.h"
#include "aicost/util.h"

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

/* ---- plan_json.c, plan_pareto.c: a plan (docs/planner.md) ---- */

/* Everything as JSON; the Pareto set as CSV, a row per configuration from
 * the cheapest to the fastest; an SVG scatter of its mean daily cost
 * against latency. */
char *aic_plan_to_json(const struct aic_plan_result *p, const struct aic_catalogue *cat,
                       size_t *len);
char *aic_plan_to_csv(const struct aic_plan_result *p, const struct aic_catalogue *cat,
                      size_t *len);
char *aic_plan_to_svg(const struct aic_plan_result *p, const struct aic_catalogue *cat,
                      size_t *len);
/* For people: the SLO, the best plan, the Pareto set, the API
 * alternatives and the rejected counts (or the nearest miss). */
char *aic_plan_to_table(const struct aic_plan_result *p, const struct aic_catalogue *cat,
                        size_t *len);
char *aic_plan_to_markdown(const struct aic_plan_result *p, const struct aic_catalogue *cat,
                           size_t *len);

/* ---- render_csv.c, render_svg.c: for dashboards ---- */

/* The series as CSV: a header row, then one row per period; each number
 * the JSON member's text (an absent one an empty cell). A comparison is in
 * long form: one row per option and period, led by the option's input
 * index and name (docs/dashboards.md). */
char *aic_projection_to_csv(const struct aic_projection *pj, const struct aic_catalogue *cat,
                            size_t *len);
char *aic_comparison_to_csv(const struct aic_comparison *c, const struct aic_catalogue *cat,
                            size_t *len);

/* A standalone SVG chart (valid XML, no script, no external resource):
 * cumulative training versus cumulative inference with the crossover marked;
 * for a comparison, each option's cumulative total. */
char *aic_projection_to_svg(const struct aic_projection *pj, const struct aic_catalogue *cat,
                            size_t *len);
char *aic_comparison_to_svg(const struct aic_comparison *c, const struct aic_catalogue *cat,
                            size_t *len);

/* ---- render_text.c: for people ---- */

/* The headline figures (training, per day, per year, horizon total, fully
 * loaded cost per request, crossover) and the series: aligned columns for
 * a terminal, or GitHub-flavoured Markdown tables. A comparison is one row
 * per option, cheapest first, then who overtakes whom. Money in full
 * ($9,125,000); the JSON keeps every digit. */
char *aic_projection_to_table(const struct aic_projection *pj, const struct aic_catalogue *cat,
                              size_t *len);
char *aic_projection_to_markdown(const struct aic_projection *pj, const struct aic_catalogue *cat,
                                 size_t *len);
char *aic_comparison_to_table(const struct aic_comparison *c, const struct aic_catalogue *cat,
                              size_t *len);
char *aic_comparison_to_markdown(const struct aic_comparison *c, const struct aic_catalogue *cat,
                                 size_t *len);

/* Every renderer takes the same arguments, so that the format table can
 * hold them: the result and the catalogue it was computed with (which a
 * format may print or not), and returns a NUL-terminated buffer the caller
 * frees, its length in *len (may be NULL); NULL when out of memory. */

/* ---- render_currency.c: answers in another currency ---- */

/* Converts a rendered answer (`format` "json" or "csv", *bytes of *len,
 * owned) into the rate's currency: every number under (or inside) a member
 * whose name has the word usd times fx->per_usd, the word made eur etc.
 * (daily_usd -> daily_eur, x_usd_p10 -> x_eur_p10); the JSON gains
 * a top-level `currency` {code, per_usd, source, as_of}. Nothing to do for
 * USD (or fx NULL). *bytes is replaced (and the old freed). AIC_OK,
 * AIC_E_INVALID for another format (SVG draws dollars), or AIC_E_NOMEM
 * (then *bytes is NULL). */
int aic_render_in_currency(const char *format, char **bytes, size_t *len,
                           const struct aic_fx_rate *fx);
/* Whether that format can be given in another currency (json, csv). */
bool aic_format_converts_currency(const char *format);

/* ---- render_formats.c: the one table of output formats ---- */

struct aic_format {
  const char *name;            /* ?format= and --format: "csv" */
  const char *media_type;      /* what an Accept header names: "text/csv" */
  const char *content_type;    /* the Content-Type sent with it */
  const char *extension;       /* of a file name: "csv" */
  const char *summary;         /* for people, in a usage: "the series, a row a period" */
  const char *security_policy; /* Content-Security-Policy for a document that can run
                                  something when opened on its own, or NULL */
  char *(*projection)(const struct aic_projection *pj, const struct aic_catalogue *cat,
                      size_t *len);
  char *(*comparison)(const struct aic_comparison *c, const struct aic_catalogue *cat, size_t *len);
  char *(*plan)(const struct aic_plan_result *p, const struct aic_catalogue *cat, size_t *len);
};

/* The formats, the default (JSON) first: the server prefers them in this
 * order when Accept allows several equally. */
extern const struct aic_format aic_formats[];
extern const size_t aic_n_formats;

/* The format of that ?format= / --format name, or of that media type
 * (compared without case, as media types are); NULL when there is none. */
const struct aic_format *aic_format_named(const char *name);
const struct aic_format *aic_format_for_media_type(const char *media_type);

/* The names for a message: "json, csv or svg". */
void aic_format_names(char *out, size_t cap);

/* ---- render_grid.c: text cells laid out for people ---- */

/* Rows of `cols` cells (at most 16), the first row the header; column c is
 * right-aligned when right_aligned[c] is 'r' ("lrr"). Rendered as aligned
 * columns with a rule under the header, or as a GitHub-flavoured Markdown
 * table. Cells are made harmless: control characters become spaces, and in
 * Markdown | \ * _ ` [ ] are escaped and < > written as entities. A failed
 * allocation is remembered and fails the buffer it is rendered into. */
struct aic_grid;
struct aic_grid *aic_grid_new(size_t cols, const char *right_aligned);
void aic_grid_row(struct aic_grid *g, const char *const *cells);
void aic_grid_render(const struct aic_grid *g, bool markdown, struct aic_buf *b);
void aic_grid_free(struct aic_grid *g);
/* Free text written as a cell would be (a title, a warning). */
void aic_text_put(struct aic_buf *b, bool markdown, const char *s);

/* ---- render_money.c: money and counts for people ---- */

/* Money in full with thousands separators: $25,000, $9,125,000, $0.0051
 * (small amounts keep two significant digits), "n/a" when not a number;
 * past 2^53 (9e15) three significant digits, $3.65e18. */
void aic_fmt_money_full(char *out, size_t cap, double usd);
/* A count rounded to a whole number with thousands separators: 5,000,000;
 * "n/a" when not a number. */
void aic_fmt_count(char *out, size_t cap, double x);

#endif
