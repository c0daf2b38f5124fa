/* A plan's Pareto set for dashboards (docs/planner.md, "Formats"): CSV, a
 * row per configuration from the cheapest to the fastest, columns named as
 * the JSON members; and a standalone SVG scatter of mean daily cost against
 * latency, the best plan marked. Numbers in the CSV are the JSON's text
 * (num_format.h); money in the SVG is for people (render_money.c). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "aicost/render.h"
#include "num_format.h"
#include "render_util.h"

static void
put_num(struct aic_buf *b, double x)
{
  char s[AIC_NUM_TEXT_MAX];

  if (isfinite(x)) {
    aic_num_format(x, s);
    aic_buf_put(b, s);
  }
}

static void
put_text(struct aic_buf *b, const char *s)
{
  aic_render_csv_field(b, s != NULL ? s : "");
}

char *
aic_plan_to_csv(const struct aic_plan_result *p, const struct aic_catalogue *cat, size_t *len)
{
  struct aic_buf b = { 0 };

  (void)cat;
  aic_buf_put(&b, "rank,model,gpu,precision,gpus_per_replica,batch,pricing,provider,region,"
                  "price_per_gpu_hour_usd,ttft_ms,tpot_ms,latency_ms,replicas,gpus_total,"
                  "daily_usd,mean_daily_usd,horizon_usd\r\n");
  for (size_t i = 0; i < p->n_pareto; i++) {
    const struct aic_plan_config *c = &p->pareto[i];
    bool offer = c->price.basis == AIC_BASIS_OFFER;
    const double head[] = { c->gpus_per_replica, c->batch };
    const double tail[] = { c->price.price_per_gpu_hour_usd,
                            c->ttft_ms,
                            c->tpot_ms,
                            c->latency_ms,
                            c->replicas,
                            c->gpus_total,
                            c->daily_usd,
                            c->mean_daily_usd,
                            c->horizon_usd };

    aic_buf_printf(&b, "%zu,", i + 1);
    put_text(&b, c->m->id);
    aic_buf_put(&b, ",");
    put_text(&b, c->gpu->id);
    aic_buf_printf(&b, ",%s", aic_precision_name(c->precision));
    for (size_t k = 0; k < sizeof head / sizeof head[0]; k++) {
      aic_buf_put(&b, ",");
      put_num(&b, head[k]);
    }
    aic_buf_printf(&b, ",%s,", aic_pricing_name(c->pricing));
    put_text(&b, offer ? c->price.offer.provider : NULL);
    aic_buf_put(&b, ",");
    put_text(&b, offer ? c->price.offer.region : NULL);
    for (size_t k = 0; k < sizeof tail / sizeof tail[0]; k++) {
      aic_buf_put(&b, ",");
      put_num(&b, tail[k]);
    }
    aic_buf_put(&b, "\r\n");
  }
  return aic_buf_finish(&b, len);
}

#define W 800.0
#define H 480.0
#define LEFT 90.0
#define RIGHT 770.0
#define TOP 80.0
#define BOTTOM 400.0

static double
px(double v, double max, double lo, double hi)
{
  return lo + (hi - lo) * (max > 0 ? v / max : 0);
}

static void
label(struct aic_buf *b, const struct aic_plan_config *c)
{
  aic_render_xml_text(b, c->m->id != NULL ? c->m->id : "inline model", 24);
  aic_buf_printf(b, " on %g × ", c->gpus_per_replica);
  aic_render_xml_text(b, c->gpu->id, 24);
  aic_buf_printf(b, " %s, batch %g", aic_precision_name(c->precision), c->batch);
}

char *
aic_plan_to_svg(const struct aic_plan_result *p, const struct aic_catalogue *cat, size_t *len)
{
  struct aic_buf b = { 0 };
  double max_usd = 0, max_ms = 0, ystep, xstep;
  char money[48];

  (void)cat;
  for (size_t i = 0; i < p->n_pareto; i++) {
    max_usd = fmax(max_usd, p->pareto[i].mean_daily_usd);
    max_ms = fmax(max_ms, p->pareto[i].latency_ms);
  }
  ystep = aic_nice_step(max_usd, 5);
  xstep = aic_nice_step(max_ms, 6);
  max_usd = max_usd > 0 ? ceil(max_usd / ystep) * ystep : 1;
  max_ms = max_ms > 0 ? ceil(max_ms / xstep) * xstep : 1;
  aic_buf_printf(
    &b,
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %.0f %.0f\" width=\"100%%\" "
    "role=\"img\" aria-labelledby=\"aic-title aic-desc\" font-family=\"system-ui, "
    "sans-serif\" font-size=\"13\">\n"
    "<title id=\"aic-title\">The cheapest set-ups: daily cost against latency</title>\n",
    W, H);
  aic_buf_put(&b, "<desc id=\"aic-desc\">");
  if (!p->feasible) {
    aic_buf_put(&b, "No configuration meets the SLO: ");
    aic_render_xml_text(&b, p->infeasible, 0);
  } else {
    aic_fmt_money_full(money, sizeof money, p->best.mean_daily_usd);
    aic_buf_printf(&b, "%zu configurations on the Pareto front; the cheapest costs %s a day: ",
                   p->n_pareto, money);
    label(&b, &p->best);
  }
  aic_buf_put(&b, "</desc>\n");
  aic_buf_printf(&b, "<rect width=\"%.0f\" height=\"%.0f\" fill=\"#ffffff\"/>\n", W, H);
  aic_buf_put(&b, "<text x=\"24\" y=\"36\" font-size=\"20\" font-weight=\"700\" fill=\"#111111\">"
                  "Daily cost against latency (Pareto front)</text>\n");
  /* axes: money up, milliseconds across */
  aic_buf_put(&b, "<g id=\"y-axis\" fill=\"#555555\" text-anchor=\"end\">\n");
  for (int i = 0; i <= 50 && i * ystep <= max_usd * (1 + 1e-9); i++) {
    double y = px(i * ystep, max_usd, BOTTOM, TOP);

    aic_fmt_money_short(money, sizeof money, i * ystep);
    aic_buf_printf(&b,
                   "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>"
                   "<text x=\"%.1f\" y=\"%.1f\">%s</text>\n",
                   LEFT, RIGHT, y, y, i == 0 ? "#555555" : "#e3e3e3", LEFT - 8, y + 4, money);
  }
  aic_buf_put(&b, "</g>\n<g id=\"x-axis\" fill=\"#555555\" text-anchor=\"middle\">\n");
  for (int i = 0; i <= 50 && i * xstep <= max_ms * (1 + 1e-9); i++) {
    double x = px(i * xstep, max_ms, LEFT, RIGHT);
    char ms[AIC_NUM_TEXT_MAX];

    aic_num_format(i * xstep, ms);
    aic_buf_printf(&b,
                   "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#555555\"/>"
                   "<text x=\"%.1f\" y=\"%.1f\">%s</text>\n",
                   x, x, BOTTOM, BOTTOM + 5, x, BOTTOM + 20, ms);
  }
  aic_buf_printf(&b, "<text x=\"%.1f\" y=\"%.1f\">mean time for a whole answer (ms)</text>\n</g>\n",
                 (LEFT + RIGHT) / 2, BOTTOM + 44);
  aic_buf_put(&b, "<g id=\"pareto\">\n");
  for (size_t i = 0; i < p->n_pareto; i++) {
    const struct aic_plan_config *c = &p->pareto[i];
    double x = px(c->latency_ms, max_ms, LEFT, RIGHT),
           y = px(c->mean_daily_usd, max_usd, BOTTOM, TOP);

    aic_fmt_money_full(money, sizeof money, c->mean_daily_usd);
    aic_buf_printf(&b, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%s\" fill=\"%s\"><title>", x, y,
                   i == 0 ? "7" : "5", i == 0 ? "#c62828" : "#0072b2");
    label(&b, c);
    aic_buf_printf(&b, ": %s a day, %.4g ms</title></circle>\n", money, c->latency_ms);
  }
  aic_buf_put(&b, "</g>\n");
  if (p->feasible) {
    aic_buf_printf(&b, "<text x=\"%.1f\" y=\"60\" fill=\"#c62828\">● cheapest: ", LEFT);
    label(&b, &p->best);
    aic_buf_put(&b, "</text>\n");
  }
  aic_buf_put(&b, "</svg>\n");
  return aic_buf_finish(&b, len);
}
