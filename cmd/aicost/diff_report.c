/* The report of aicost diff: one row per scenario of either side, paired
 * by id (added and removed ones shown, never dropped), each figure as
 * "old → new (change)"; the sum of the horizon totals; and the gates. One
 * grid (src/render's) gives the terminal's table and the pull request's
 * Markdown, so the two show the same cells; --format json gives the same
 * figures to a program. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "aicost/json.h"
#include "aicost/render.h"
#include "diff.h"

#define VAL 40   /* one amount: "-$9,125,000,000,000,000" */
#define CELL 160 /* "old → new (+change, +pct)" */
/* The comment's first line, so that a CI job can find and update its own
 * comment rather than add one per push (docs/examples). */
#define MARKER "<!-- aicost-diff -->"

typedef void money_fn(char *out, double v);

static void
usd(char *out, double v)
{
  aic_fmt_money_full(out, VAL, v);
}

static void
day(char *out, double v)
{
  if (v > 0)
    snprintf(out, VAL, "day %.0f", v);
  else
    snprintf(out, VAL, "none");
}

/* "+$5,000", "-$5,000": a change with its sign. */
static void
signed_usd(char *out, double v)
{
  char m[VAL - 1];

  aic_fmt_money_full(m, sizeof m, v);
  snprintf(out, VAL, "%s%s", v > 0 ? "+" : "", m);
}

static void
percent(char *out, size_t cap, double old, double new)
{
  if (old > 0 && isfinite(new))
    snprintf(out, cap, ", %+.1f%%", (new - old) / old * 100);
  else
    out[0] = '\0';
}

/* One figure: the value when the same, "old → new (+change)" when not,
 * "— → new" or "old → —" for a scenario on one side only. */
static void
cell(char *out, const struct diff_row *r, double old, double new, money_fn *show, bool pct)
{
  char a[VAL], b[VAL], d[VAL], p[32] = "";

  show(a, old);
  show(b, new);
  if (!r->old.present) {
    snprintf(out, CELL, "— → %s", b);
  } else if (!r->new.present) {
    snprintf(out, CELL, "%s → —", a);
  } else if (old == new || (isnan(old) && isnan(new))) {
    snprintf(out, CELL, "%s", b);
  } else if (show == day) {
    if (old > 0 && new > 0)
      snprintf(out, CELL, "%s → %s (%+.0f day%s)", a, b, new - old,
               fabs(new - old) == 1 ? "" : "s");
    else
      snprintf(out, CELL, "%s → %s", a, b);
  } else {
    signed_usd(d, new - old);
    if (pct)
      percent(p, sizeof p, old, new);
    snprintf(out, CELL, "%s → %s (%s%s)", a, b, isfinite(new - old) ? d : "n/a", p);
  }
}

static const char *
change_word(const struct diff_row *r)
{
  if (!r->old.present)
    return "added";
  if (!r->new.present)
    return "removed";
  if (r->old.daily_usd == r->new.daily_usd && r->old.total_usd == r->new.total_usd &&
      r->old.per_request_usd == r->new.per_request_usd &&
      r->old.crossover_day == r->new.crossover_day && r->old.horizon_days == r->new.horizon_days)
    return "same";
  return "changed";
}

/* The new side's budget and how much of it the horizon total uses. */
static void
budget_cell(char *out, const struct diff_row *r)
{
  char b[VAL];

  if (!r->new.present || !isfinite(r->new.budget_usd)) {
    snprintf(out, CELL, "—");
    return;
  }
  usd(b, r->new.budget_usd);
  if (r->new.budget_usd > 0)
    snprintf(out, CELL, "%s (%.0f%% used)", b, r->new.total_usd / r->new.budget_usd * 100);
  else
    snprintf(out, CELL, "%s", b);
}

static void
sums(const struct diff_row *rows, size_t n, double *old, double *new)
{
  *old = 0;
  *new = 0;
  for (size_t i = 0; i < n; i++) {
    if (rows[i].old.present)
      *old += rows[i].old.total_usd;
    if (rows[i].new.present)
      *new += rows[i].new.total_usd;
  }
}

size_t
diff_judge(const struct diff_row *rows, size_t n, const struct diff_gates *g, char reasons[][256],
           size_t max)
{
  double old, new, rise;
  char a[VAL], b[VAL];
  size_t k = 0;

  sums(rows, n, &old, &new);
  rise = new - old;
  if (isfinite(g->fail_above_usd) && rise > g->fail_above_usd && k < max) {
    signed_usd(a, rise);
    usd(b, g->fail_above_usd);
    snprintf(reasons[k++], 256,
             "the horizon total of the scenarios changes by %s, more than "
             "--fail-above %s",
             a, b);
  }
  if (isfinite(g->fail_increase_pct) && rise > 0 && k < max &&
      (old <= 0 || rise / old * 100 > g->fail_increase_pct)) {
    signed_usd(a, rise);
    if (old > 0)
      snprintf(reasons[k++], 256,
               "the horizon total of the scenarios rises by %.1f%% (%s), more "
               "than --fail-increase %g%%",
               rise / old * 100, a, g->fail_increase_pct);
    else
      snprintf(reasons[k++], 256,
               "the horizon total of the scenarios rises from $0 by %s, more "
               "than --fail-increase %g%%",
               a, g->fail_increase_pct);
  }
  for (size_t i = 0; i < n && k < max; i++) {
    const struct diff_figures *f = &rows[i].new;

    if (!f->present || !isfinite(f->budget_usd) || !(f->total_usd > f->budget_usd))
      continue;
    usd(a, f->total_usd);
    usd(b, f->budget_usd);
    snprintf(reasons[k++], 256, "scenario '%.80s': the horizon total %s passes its budget_usd %s",
             rows[i].id, a, b);
  }
  return k;
}

void
diff_render(const struct diff_row *rows, size_t n, const struct diff_gates *g, bool markdown,
            struct aic_buf *out)
{
  struct aic_grid *grid = aic_grid_new(7, "llrrrrr");
  char reasons[16][256];
  char daily[CELL], total[CELL], per[CELL], cross[CELL], budget[CELL], p[32];
  char was[VAL], is[VAL], change[VAL];
  double old, new;
  size_t crossed;

  if (markdown)
    aic_buf_put(out, MARKER "\n### aicost: projected cost of this change\n\n");
  aic_grid_row(grid,
               (const char *const[]){ "scenario", "change", "daily cost (day 1)", "horizon total",
                                      "fully loaded/request", "crossover", "budget" });
  for (size_t i = 0; i < n; i++) {
    const struct diff_row *r = &rows[i];

    cell(daily, r, r->old.daily_usd, r->new.daily_usd, usd, false);
    cell(total, r, r->old.total_usd, r->new.total_usd, usd, true);
    cell(per, r, r->old.per_request_usd, r->new.per_request_usd, usd, true);
    cell(cross, r, r->old.crossover_day, r->new.crossover_day, day, false);
    budget_cell(budget, r);
    aic_grid_row(grid,
                 (const char *const[]){ r->id, change_word(r), daily, total, per, cross, budget });
  }
  if (n == 0)
    aic_buf_put(out, "no scenarios on either side\n");
  else
    aic_grid_render(grid, markdown, out);
  aic_grid_free(grid);

  sums(rows, n, &old, &new);
  usd(was, old);
  usd(is, new);
  signed_usd(change, new - old);
  percent(p, sizeof p, old, new);
  aic_buf_printf(out, "\n%sall scenarios' horizon total: %s → %s (%s%s)%s\n", markdown ? "**" : "",
                 was, is, change, p, markdown ? "**" : "");
  crossed = diff_judge(rows, n, g, reasons, sizeof reasons / sizeof reasons[0]);
  for (size_t k = 0; k < crossed; k++) {
    aic_buf_put(out, k == 0 ? "\n" : "");
    aic_buf_put(out, markdown ? "> **gate crossed:** " : "gate crossed: ");
    aic_text_put(out, markdown, reasons[k]);
    aic_buf_put(out, markdown ? "\n\n" : "\n");
  }
}

static json_t *
side_json(const struct diff_figures *f)
{
  if (!f->present)
    return json_null();
  return json_pack("{s:i, s:o, s:o, s:o, s:o, s:o}", "horizon_days", f->horizon_days, "daily_usd",
                   aic_json_number(f->daily_usd), "total_usd", aic_json_number(f->total_usd),
                   "fully_loaded_cost_per_request_usd", aic_json_number(f->per_request_usd),
                   "crossover_day",
                   f->crossover_day > 0 ? json_integer(f->crossover_day) : json_null(),
                   "budget_usd", aic_json_number(f->budget_usd));
}

char *
diff_json(const struct diff_row *rows, size_t n, const struct diff_gates *g)
{
  char reasons[16][256];
  json_t *list = json_array(), *gates = json_array(), *doc;
  size_t crossed = diff_judge(rows, n, g, reasons, sizeof reasons / sizeof reasons[0]);
  double old, new;
  char *text;

  for (size_t i = 0; list != NULL && i < n; i++)
    json_array_append_new(list, json_pack("{s:s, s:s, s:o, s:o}", "id", rows[i].id, "change",
                                          change_word(&rows[i]), "old", side_json(&rows[i].old),
                                          "new", side_json(&rows[i].new)));
  for (size_t k = 0; gates != NULL && k < crossed; k++)
    json_array_append_new(gates, json_string(reasons[k]));
  sums(rows, n, &old, &new);
  doc = json_pack("{s:o, s:{s:o, s:o, s:o}, s:o}", "scenarios", list, "horizon_total_usd", "old",
                  aic_json_number(old), "new", aic_json_number(new), "change",
                  aic_json_number(new - old), "gates_crossed", gates);
  text = doc != NULL ? aic_json_dump(doc, 0) : NULL;
  json_decref(doc);
  return text;
}
