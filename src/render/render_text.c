/* A projection or a comparison for people: the headline figures and the
 * series as aligned columns for a terminal (`table`), or as Markdown
 * tables for a wiki page or a pull request (`markdown`). Money is written
 * in full with thousands separators ($9,125,000), counts rounded to whole
 * requests; the JSON keeps every digit. Both layouts are one grid
 * (render_grid.c), so they show the same cells. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "aicost/bands.h"
#include "aicost/date.h"
#include "aicost/render.h"
#include "num_format.h"
#include "render_util.h"

#define CELL 64

static void
money(char *out, double usd)
{
  aic_fmt_money_full(out, CELL, usd);
}

static void
crossover(char *out, const struct aic_projection *pj)
{
  if (pj->crossover_day > 0)
    snprintf(out, CELL, "day %d", pj->crossover_day);
  else
    snprintf(out, CELL, "none in %d days", pj->horizon_days);
}

/* An energy figure for people: whole numbers with separators from 100 up,
 * three significant digits below; "—" for a null (unknown, never 0). */
static void
quantity(char *out, double x, const char *unit)
{
  char num[CELL / 2];

  if (!isfinite(x)) {
    snprintf(out, CELL, "—");
    return;
  }
  if (fabs(x) >= 100)
    aic_fmt_count(num, sizeof num, x);
  else
    snprintf(num, sizeof num, "%.3g", x);
  snprintf(out, CELL, "%.24s %.8s", num, unit);
}

/* Energy and emissions beside the dollars (docs/cost-model.md, "Energy and
 * emissions"), on the sides whose energy is known. */
static void
energy_rows(struct aic_grid *g, const struct aic_energy_result *e)
{
  char v[CELL];

  if (e->training.known) {
    quantity(v, e->training_kwh, "kWh");
    aic_grid_row(g, (const char *const[]){ "training energy", v });
    quantity(v, e->training_tco2e, "tCO2e");
    aic_grid_row(g, (const char *const[]){ "training emissions", v });
  }
  if (e->serving.known) {
    quantity(v, e->kwh_per_day, "kWh");
    aic_grid_row(g, (const char *const[]){ "serving energy per day (day 1)", v });
    quantity(v, e->wh_per_request, "Wh");
    aic_grid_row(g, (const char *const[]){ "energy per request (day 1)", v });
  }
}

/* The figures a budget owner reads first, as (figure, value) rows. */
static void
figures(struct aic_buf *b, bool md, const struct aic_projection *pj)
{
  struct aic_grid *g = aic_grid_new(2, "lr");
  char v[CELL], what[CELL];

  aic_grid_row(g, (const char *const[]){ "figure", "value" });
  money(v, pj->training_total_usd);
  aic_grid_row(g, (const char *const[]){ "training, once (day 0)", v });
  money(v, pj->daily_usd);
  aic_grid_row(g, (const char *const[]){ "inference per day (day 1)", v });
  money(v, pj->annual_usd);
  aic_grid_row(g, (const char *const[]){ "inference per year (day 1 × 365)", v });
  money(v, pj->cost_per_request_usd);
  aic_grid_row(g, (const char *const[]){ "cost per request (day 1)", v });
  aic_fmt_count(v, CELL, pj->requests_total);
  snprintf(what, sizeof what, "requests over %d days", pj->horizon_days);
  aic_grid_row(g, (const char *const[]){ what, v });
  money(v, pj->total_usd);
  snprintf(what, sizeof what, "total over %d days", pj->horizon_days);
  aic_grid_row(g, (const char *const[]){ what, v });
  /* how uncertain it is, when something the model does not know moves it
   * (aicost/bands.h; absent with ?bands=false or --no-bands) */
  if (pj->bands != NULL && pj->bands->inputs != 0) {
    char lo[CELL], hi[CELL];

    money(lo, pj->bands->total_usd.p10);
    money(hi, pj->bands->total_usd.p90);
    snprintf(v, sizeof v, "%.28s – %.28s", lo, hi);
    aic_grid_row(g, (const char *const[]){ "  p10 – p90 of the total", v });
  }
  money(v, pj->fully_loaded_cost_per_request_usd);
  aic_grid_row(g, (const char *const[]){ "fully loaded cost per request", v });
  crossover(v, pj);
  aic_grid_row(g, (const char *const[]){ "crossover (inference ≥ training)", v });
  energy_rows(g, &pj->energy);
  aic_grid_render(g, md, b);
  aic_grid_free(g);
}

static void
series(struct aic_buf *b, bool md, const struct aic_projection *pj)
{
  struct aic_grid *g = aic_grid_new(pj->has_start_date ? 6 : 5, "rrrrrl");
  char day[CELL], rpd[CELL], daily[CELL], period[CELL], total[CELL], date[AIC_DATE_TEXT + 1];

  aic_grid_row(g, (const char *const[]){ "day", "requests/day", "inference/day",
                                         "inference in period", "cumulative total", "date" });
  for (size_t i = 0; i < pj->n_series; i++) {
    const struct aic_series_point *s = &pj->series[i];

    snprintf(day, sizeof day, "%d", s->day);
    aic_fmt_count(rpd, CELL, s->requests_per_day);
    money(daily, s->daily_inference_usd);
    money(period, s->period_inference_usd);
    money(total, s->cumulative_total_usd);
    date[0] = '\0';
    if (pj->has_start_date)
      aic_date_format(pj->start_day + s->day - 1, date);
    aic_grid_row(g, (const char *const[]){ day, rpd, daily, period, total, date });
  }
  aic_grid_render(g, md, b);
  aic_grid_free(g);
}

static void
warnings(struct aic_buf *b, bool md, const char *prefix, const struct aic_diags *w)
{
  for (size_t i = 0; i < w->n; i++) {
    aic_buf_put(b, md ? "- " : "");
    aic_text_put(b, md, prefix);
    aic_text_put(b, md, "warning: ");
    aic_text_put(b, md, w->v[i].detail);
    aic_buf_put(b, "\n");
  }
}

static char *
projection_text(const struct aic_projection *pj, bool md, size_t *len)
{
  struct aic_buf b = { 0 };

  aic_text_heading(&b, md, pj->name != NULL ? pj->name : "projection");
  figures(&b, md, pj);
  aic_buf_put(&b, "\n");
  warnings(&b, md, "", &pj->warnings);
  if (pj->warnings.n > 0)
    aic_buf_put(&b, "\n");
  series(&b, md, pj);
  return aic_buf_finish(&b, len);
}

/* What a plan chose for option i, in a line: "option 1 is a plan's
 * cheapest set-up: llama-3.1-8b on 1 x l4 at fp8, batch 12, lambda
 * on_demand (of 1,234 configurations)". */
static void
planned(struct aic_buf *b, bool md, size_t i, const struct aic_plan_choice *c, bool first)
{
  char line[512], width[AIC_NUM_TEXT_MAX], batch[AIC_NUM_TEXT_MAX];
  const struct aic_plan_config *k = &c->best;
  const char *provider = k->price.basis == AIC_BASIS_OFFER ? k->price.offer.provider : NULL;

  if (!c->planned)
    return;
  aic_num_format(k->gpus_per_replica, width);
  aic_num_format(k->batch, batch);
  snprintf(line, sizeof line,
           "option %zu is a plan's cheapest set-up: %s on %s x %s at %s, batch %s, %s%s%s "
           "(of %zu configurations)",
           i, c->model != NULL ? c->model : "the inline model", width, c->gpu,
           aic_precision_name(k->precision), batch, provider != NULL ? provider : "",
           provider != NULL ? " " : "", aic_pricing_name(k->pricing), c->configurations);
  aic_buf_put(b, first ? "\n" : "");
  aic_buf_put(b, md ? "- " : "");
  aic_text_put(b, md, line);
  aic_buf_put(b, "\n");
}

/* One row per option, cheapest over the horizon first; each option's
 * energy and emissions over the horizon (training and serving) beside its
 * dollars, "—" where unknown (an API's serving, a lump sum's training). */
static char *
comparison_text(const struct aic_comparison *c, bool md, size_t *len)
{
  struct aic_buf b = { 0 };
  struct aic_grid *g = aic_grid_new(10, "rrlrrrrrrr");
  char title[CELL];

  snprintf(title, sizeof title, "comparison over %d days, cheapest first", c->horizon_days);
  aic_text_heading(&b, md, title);
  aic_grid_row(g, (const char *const[]){ "rank", "option", "name", "training", "inference/day",
                                         "total", "fully loaded/request", "crossover", "energy",
                                         "emissions" });
  for (size_t r = 0; r < c->n; r++) {
    const struct aic_projection *pj = &c->projections[c->rank[r]];
    char rank[CELL], opt[CELL], tr[CELL], daily[CELL], total[CELL], per[CELL], cross[CELL];
    char kwh[CELL], co2[CELL];

    snprintf(rank, sizeof rank, "%zu", r + 1);
    snprintf(opt, sizeof opt, "%zu", c->rank[r]);
    money(tr, pj->training_total_usd);
    money(daily, pj->daily_usd);
    money(total, pj->total_usd);
    money(per, pj->fully_loaded_cost_per_request_usd);
    crossover(cross, pj);
    quantity(kwh, pj->energy.total_kwh, "kWh");
    quantity(co2, pj->energy.total_tco2e, "tCO2e");
    aic_grid_row(g, (const char *const[]){ rank, opt, pj->name != NULL ? pj->name : "", tr, daily,
                                           total, per, cross, kwh, co2 });
  }
  aic_grid_render(g, md, &b);
  aic_grid_free(g);
  for (size_t i = 0; i < c->n_overtakes; i++) {
    const struct aic_overtake *o = &c->overtakes[i];

    aic_buf_printf(&b, "%soption %zu becomes cheaper than option %zu on day %d\n",
                   i == 0 ? "\n" : "", o->option, o->other, o->day);
  }
  for (size_t i = 0; c->plans != NULL && i < c->n; i++)
    planned(&b, md, i, &c->plans[i], i == 0 || !c->plans[i - 1].planned);
  for (size_t i = 0; i < c->n; i++) {
    char prefix[CELL];

    snprintf(prefix, sizeof prefix, "option %zu: ", i);
    if (c->projections[i].warnings.n > 0)
      aic_buf_put(&b, "\n");
    warnings(&b, md, prefix, &c->projections[i].warnings);
  }
  return aic_buf_finish(&b, len);
}

char *
aic_projection_to_table(const struct aic_projection *pj, const struct aic_catalogue *cat,
                        size_t *len)
{
  (void)cat;
  return projection_text(pj, false, len);
}

char *
aic_projection_to_markdown(const struct aic_projection *pj, const struct aic_catalogue *cat,
                           size_t *len)
{
  (void)cat;
  return projection_text(pj, true, len);
}

char *
aic_comparison_to_table(const struct aic_comparison *c, const struct aic_catalogue *cat,
                        size_t *len)
{
  (void)cat;
  return comparison_text(c, false, len);
}

char *
aic_comparison_to_markdown(const struct aic_comparison *c, const struct aic_catalogue *cat,
                           size_t *len)
{
  (void)cat;
  return comparison_text(c, true, len);
}
