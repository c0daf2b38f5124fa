/* aicost diff: what a change to a team's scenarios does to their projected
 * cost, and the gates a pull request must pass (docs/cli.md, "Diff and
 * gate"). cmd_diff.c reads the two sides (files, directories, a git
 * revision); diff_report.c pairs them, prints the changes and judges the
 * gates. */
#ifndef AICOST_CLI_DIFF_H
#define AICOST_CLI_DIFF_H

#include <stdbool.h>
#include <stddef.h>

#include "aicost/util.h"

/* One scenario's figures on one side. */
struct diff_figures {
  bool present;
  const char *name; /* the scenario's name (its id when it has none) */
  int horizon_days;
  double daily_usd;       /* inference on day 1 */
  double total_usd;       /* over the horizon, training included */
  double per_request_usd; /* fully loaded: total / requests */
  int crossover_day;      /* 0: none within the horizon */
  double budget_usd;      /* NAN: none */
};

/* A scenario on both sides, paired by id. */
struct diff_row {
  const char *id;
  struct diff_figures old, new;
};

/* The gates; NAN: not set. */
struct diff_gates {
  double fail_above_usd;    /* the summed horizon total may rise by at most this */
  double fail_increase_pct; /* ... and by at most this percentage */
};

/* The table (or Markdown for a pull request comment) of the rows, a line
 * on the totals, and each gate crossed. */
void diff_render(const struct diff_row *rows, size_t n, const struct diff_gates *g, bool markdown,
                 struct aic_buf *out);
/* The rows, the sums and the gates crossed as compact JSON (docs/cli.md);
 * NULL when out of memory. */
char *diff_json(const struct diff_row *rows, size_t n, const struct diff_gates *g);
/* Each gate crossed as one line (no newline) into `reasons`, at most
 * `max`; the number crossed. */
size_t diff_judge(const struct diff_row *rows, size_t n, const struct diff_gates *g,
                  char reasons[][256], size_t max);

#endif
