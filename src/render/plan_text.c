/* A plan for people (docs/planner.md, "Formats"): aligned columns for a
 * terminal (`table`) or Markdown for a pull request (`markdown`). A
 * header with the SLO, the best plan's knobs and cost, the Pareto set as
 * a grid, the API alternatives with their break-even, and why the rest was
 * rejected, or the nearest miss when nothing meets the SLO. Both layouts
 * are render_grid.c's, which makes names from the request harmless. */
#include <math.h>
#include <stdio.h>

#include "aicost/render.h"
#include "render_util.h"

#define CELL 96

static void
put_line(struct aic_buf *b, bool md, const char *s)
{
  aic_text_put(b, md, s);
  aic_buf_put(b, "\n\n");
}

static const char *
model_id(const struct aic_plan_config *c)
{
  return c->m->id != NULL ? c->m->id : "inline model";
}

/* "a limit" or "none", so that an SLO not given does not print as inf */
static void
limit(char *out, double ms)
{
  if (isfinite(ms))
    snprintf(out, CELL, "≤ %.4g ms", ms);
  else
    snprintf(out, CELL, "none");
}

static void
header(struct aic_buf *b, bool md, const struct aic_plan_result *p)
{
  char line[3 * CELL], ttft[CELL], tpot[CELL];

  limit(ttft, p->slo_ttft_ms);
  limit(tpot, p->slo_tpot_ms);
  if (p->feasible)
    snprintf(line, sizeof line, "plan for %.60s: TTFT %s, TPOT %s, over %d days",
             model_id(&p->best), ttft, tpot, p->horizon_days);
  else
    snprintf(line, sizeof line, "plan: TTFT %s, TPOT %s, over %d days", ttft, tpot,
             p->horizon_days);
  aic_text_heading(b, md, line);
  snprintf(line, sizeof line, "searched %zu model(s), %zu GPU(s), %zu prices, %zu configurations",
           p->searched.models, p->searched.gpus, p->searched.offers, p->searched.configurations);
  put_line(b, md, line);
}

/* "aws us-east-1", "owned", "listed": where the GPU-hour comes from */
static void
pricing(char *out, const struct aic_plan_config *c)
{
  const struct aic_offer *o = &c->price.offer;

  if (c->price.basis == AIC_BASIS_OFFER && o->provider != NULL)
    snprintf(out, CELL, "%s %.32s%s%.32s", aic_pricing_name(c->pricing), o->provider,
             o->region != NULL ? " " : "", o->region != NULL ? o->region : "");
  else
    snprintf(out, CELL, "%s", aic_pricing_name(c->pricing));
}

static void
best(struct aic_buf *b, bool md, const struct aic_plan_result *p)
{
  const struct aic_plan_config *c = &p->best;
  const char *note = aic_plan_precision_note(c->precision);
  struct aic_grid *g = aic_grid_new(2, "ll");
  char v[2 * CELL], where[CELL], price[CELL], what[CELL];

  aic_text_heading(b, md, "the cheapest set-up");
  aic_grid_row(g, (const char *const[]){ "figure", "value" });
  aic_grid_row(g, (const char *const[]){ "model", model_id(c) });
  snprintf(v, sizeof v, "%g × %s (tensor %g, pipeline %g)", c->gpus_per_replica, c->gpu->id,
           c->tensor_parallel, c->pipeline_stages);
  aic_grid_row(g, (const char *const[]){ "GPUs per replica", v });
  snprintf(v, sizeof v, "%s%s%.60s", aic_precision_name(c->precision), note != NULL ? ", " : "",
           note != NULL ? note : "");
  aic_grid_row(g, (const char *const[]){ "precision", v });
  snprintf(v, sizeof v, "%g (fits %g)", c->batch, c->max_batch_fit);
  aic_grid_row(g, (const char *const[]){ "batch", v });
  pricing(where, c);
  aic_fmt_money_full(price, sizeof price, c->price.price_per_gpu_hour_usd);
  snprintf(v, sizeof v, "%.60s at %.24s per GPU-hour", where, price);
  aic_grid_row(g, (const char *const[]){ "pricing", v });
  snprintf(v, sizeof v, "%.4g ms / %.4g ms", c->ttft_ms, c->tpot_ms);
  aic_grid_row(g, (const char *const[]){ "TTFT / TPOT", v });
  snprintf(v, sizeof v, "%g (%g GPUs; at most %g)", c->replicas, c->gpus_total, c->peak_gpus);
  aic_grid_row(g, (const char *const[]){ "replicas (day 1)", v });
  aic_fmt_money_full(v, sizeof v, c->daily_usd);
  aic_grid_row(g, (const char *const[]){ "cost per day (day 1)", v });
  aic_fmt_money_full(v, sizeof v, c->mean_daily_usd);
  aic_grid_row(g, (const char *const[]){ "mean cost per day", v });
  aic_fmt_money_full(v, sizeof v, c->horizon_usd);
  snprintf(what, sizeof what, "inference over %d days", p->horizon_days);
  aic_grid_row(g, (const char *const[]){ what, v });
  aic_grid_render(g, md, b);
  aic_grid_free(g);
  aic_buf_put(b, "\n");
}

static void
pareto(struct aic_buf *b, bool md, const struct aic_plan_result *p)
{
  struct aic_grid *g = aic_grid_new(11, "rlllrrlrrrr");

  aic_text_heading(b, md, "Pareto set: daily cost against latency, cheapest first");
  aic_grid_row(g, (const char *const[]){ "rank", "model", "GPU", "precision", "width", "batch",
                                         "pricing", "TTFT ms", "TPOT ms", "replicas", "cost/day" });
  for (size_t i = 0; i < p->n_pareto; i++) {
    const struct aic_plan_config *c = &p->pareto[i];
    char rank[CELL], width[CELL], batch[CELL], where[CELL], ttft[CELL], tpot[CELL], reps[CELL],
      daily[CELL];

    snprintf(rank, sizeof rank, "%zu", i + 1);
    snprintf(width, sizeof width, "%g", c->gpus_per_replica);
    snprintf(batch, sizeof batch, "%g", c->batch);
    pricing(where, c);
    snprintf(ttft, sizeof ttft, "%.4g", c->ttft_ms);
    snprintf(tpot, sizeof tpot, "%.4g", c->tpot_ms);
    snprintf(reps, sizeof reps, "%g", c->replicas);
    aic_fmt_money_full(daily, sizeof daily, c->daily_usd);
    aic_grid_row(g, (const char *const[]){ rank, model_id(c), c->gpu->id,
                                           aic_precision_name(c->precision), width, batch, where,
                                           ttft, tpot, reps, daily });
  }
  aic_grid_render(g, md, b);
  aic_grid_free(g);
  aic_buf_put(b, "\n");
}

/* Which way the break-even goes, in words. */
static void
break_even(char *out, const struct aic_plan_alternative *a)
{
  char n[CELL];

  if (!a->priced)
    snprintf(out, CELL, "not priced: %.70s", a->problem);
  else if (!a->compared)
    snprintf(out, CELL, "no plan to weigh it against");
  else if (a->direction == AIC_SELF_HOSTING_NEVER)
    snprintf(out, CELL, "the API is cheaper at every traffic");
  else {
    aic_fmt_count(n, sizeof n, a->break_even_requests_per_day);
    snprintf(out, CELL, "self-hosting is cheaper above %.40s requests/day", n);
  }
}

static void
alternatives(struct aic_buf *b, bool md, const struct aic_plan_result *p)
{
  struct aic_grid *g;

  if (p->n_alternatives == 0)
    return;
  g = aic_grid_new(4, "lrrl");
  aic_text_heading(b, md, "API alternatives");
  aic_grid_row(g,
               (const char *const[]){ "API", "cost/day", "cost over the horizon", "break-even" });
  for (size_t i = 0; i < p->n_alternatives; i++) {
    const struct aic_plan_alternative *a = &p->alternatives[i];
    char daily[CELL] = "", total[CELL] = "", even[CELL];

    if (a->priced) {
      aic_fmt_money_full(daily, sizeof daily, a->daily_usd);
      aic_fmt_money_full(total, sizeof total, a->horizon_usd);
    }
    break_even(even, a);
    aic_grid_row(g, (const char *const[]){ a->id, daily, total, even });
  }
  aic_grid_render(g, md, b);
  aic_grid_free(g);
  aic_buf_put(b, "\n");
}

static void
rejected(struct aic_buf *b, bool md, const struct aic_plan_result *p)
{
  aic_buf_put(b, "rejected:");
  for (int r = 0; r < AIC_REJECT_COUNT; r++) {
    aic_buf_put(b, r == 0 ? " " : ", ");
    aic_text_put(b, md, aic_plan_reject_name((enum aic_plan_reject)r));
    aic_buf_printf(b, " %zu", p->rejected[r]);
  }
  aic_buf_put(b, "\n");
}

static char *
plan_text(const struct aic_plan_result *p, bool md, size_t *len)
{
  struct aic_buf b = { 0 };

  header(&b, md, p);
  if (p->feasible) {
    best(&b, md, p);
    pareto(&b, md, p);
  } else {
    aic_text_put(&b, md, "No configuration meets the SLO: ");
    put_line(&b, md, p->infeasible);
  }
  alternatives(&b, md, p);
  rejected(&b, md, p);
  return aic_buf_finish(&b, len);
}

char *
aic_plan_to_table(const struct aic_plan_result *p, const struct aic_catalogue *cat, size_t *len)
{
  (void)cat;
  return plan_text(p, false, len);
}

char *
aic_plan_to_markdown(const struct aic_plan_result *p, const struct aic_catalogue *cat, size_t *len)
{
  (void)cat;
  return plan_text(p, true, len);
}
