/* Private helpers shared by the renderings: for CSV and SVG, which write
 * into the growable buffer of aicost/util.h, escaping and money for people;
 * a plan's choice for the JSON.
 * Numbers for machines are the JSON's (src/json/num_format.h). Not part
 * of the public API. */
#ifndef AICOST_RENDER_UTIL_H
#define AICOST_RENDER_UTIL_H

#include <stdbool.h>
#include <stddef.h>

#include "aicost/plan.h"
#include "aicost/render.h"
#include "aicost/util.h"

/* Text for XML content and attribute values: & < > " ' become entities,
 * control characters XML 1.0 forbids are dropped, invalid UTF-8 becomes
 * U+FFFD. At most `max_chars` characters are written (then "…"); 0 = all. */
void aic_render_xml_text(struct aic_buf *b, const char *s, size_t max_chars);
/* One CSV text field per RFC 4180: quoted when it holds a comma, quote, CR
 * or LF; one that starts with = + - @ TAB or CR gets a leading ' so that a
 * spreadsheet shows it as text instead of running it as a formula (OWASP,
 * "CSV injection"). Numbers are not written through here. */
void aic_render_csv_field(struct aic_buf *b, const char *s);

/* Money for people, short: $0, $950, $0.005, $25k, $9.1M, $1.2B, $3T.
 * Two or three significant digits; never "1000k". Under a dollar plain
 * decimals to two significant digits, as aic_fmt_money_full writes them
 * ($0.00003, never $3e-5). */
void aic_fmt_money_short(char *out, size_t cap, double usd);

/* aic_fmt_money_full, for people in full, is public: aicost/render.h. */

/* A title over a grid (render_grid.c): bold in Markdown, a line of its own
 * either way, then a blank line; written as aic_text_put writes text. */
void aic_text_heading(struct aic_buf *b, bool markdown, const char *s);

/* What a plan chose for a comparison option, as the JSON object
 * {"configuration", "configurations_searched"} (plan_json.c, which writes
 * the plan's own configurations the same way; projection_json.c nests it
 * under the option's "plan"). */
struct aic_jw;
void aic_plan_choice_json(struct aic_jw *w, const char *key, const struct aic_plan_choice *c);

/* A "nice" axis step (1, 2 or 5 times a power of ten) giving at most
 * `max_ticks` intervals over [0, max]; max <= 0 gives 1. */
double aic_nice_step(double max, int max_ticks);

#endif
