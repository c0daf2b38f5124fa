/* Standalone SVG charts for wiki pages and dashboards: valid XML, no script,
 * no external resource, a viewBox so that it scales (width 100%), and a
 * <title> and <desc> for screen readers.
 *
 * A projection draws the seed article's picture: one tall black bar, the
 * training bill paid once on day 0, next to red bars of cumulative inference
 * that keep growing until they pass it (the crossover, marked and labelled).
 * "The tall black bar is what makes headlines; the red bars are what empties
 * the bank account." A comparison draws each option's cumulative total cost
 * as a line starting at its training cost, with the days one option
 * overtakes another marked. Documented in docs/dashboards.md. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "aicost/render.h"
#include "render_util.h"

#define W 800.0
#define PLOT_LEFT 78.0
#define PLOT_RIGHT 772.0
#define PLOT_TOP 92.0
#define PLOT_BOTTOM 392.0
#define TRAINING_SLOT 52.0  /* room left of day 0 for the training bar */
#define MAX_BAR_TITLES 400  /* beyond this, bars are one path (day series) */
#define MAX_LINE_POINTS 700 /* about one point per horizontal pixel */
#define MAX_MARKERS 32
#define TITLE_CHARS 70
#define LEGEND_CHARS 34

#define C_TRAINING "#111111"
#define C_INFERENCE "#c62828"
#define C_BAND "#ef9a9a"
#define C_GRID "#e3e3e3"
#define C_AXIS "#555555"
#define C_MUTED "#555555"

/* Okabe-Ito colours, told apart by people with colour-vision deficiency;
 * the second round of options also differs by dash pattern. */
static const char *const palette[] = {
  "#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#000000", "#8c6d1f",
};
static const char *const dashes[] = { "", "8 4", "2 3" };

struct axes {
  double x_left;  /* pixel of day 0 */
  double x_right; /* pixel of the horizon */
  int horizon;
  double y_max; /* money at the top of the plot */
};

static double
px_day(const struct axes *ax, double day)
{
  return ax->x_left + (ax->x_right - ax->x_left) * day / ax->horizon;
}

static double
px_usd(const struct axes *ax, double usd)
{
  double v = isfinite(usd) && usd > 0 ? usd : 0;

  if (v > ax->y_max)
    v = ax->y_max;
  return PLOT_BOTTOM - (PLOT_BOTTOM - PLOT_TOP) * v / ax->y_max;
}

static void
put_short(struct aic_buf *b, double usd)
{
  char s[48];

  aic_fmt_money_short(s, sizeof s, usd);
  aic_buf_put(b, s);
}

static void
put_full(struct aic_buf *b, double usd)
{
  char s[64];

  aic_fmt_money_full(s, sizeof s, usd);
  aic_buf_put(b, s);
}

/* The y axis: the top is a whole number of "nice" steps above max, so the
 * top gridline carries a round label ($10M, not $9.3M). */
static void
y_scale(struct axes *ax, double max)
{
  double step;

  if (!(max > 0) || !isfinite(max))
    max = 1;
  step = aic_nice_step(max, 5);
  ax->y_max = ceil(max / step * (1 - 1e-12)) * step;
  if (ax->y_max < max)
    ax->y_max = max;
}

static void
open_svg(struct aic_buf *b, double height, const char *title, const char *fallback)
{
  aic_buf_printf(
    b,
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %.0f %.0f\" "
    "width=\"100%%\" role=\"img\" aria-labelledby=\"aic-title aic-desc\" "
    "font-family=\"system-ui, -apple-system, Segoe UI, Roboto, Helvetica, Arial, sans-serif\" "
    "font-size=\"13\">\n",
    W, height);
  aic_buf_put(b, "<title id=\"aic-title\">");
  aic_render_xml_text(b, title != NULL && title[0] != '\0' ? title : fallback, 0);
  aic_buf_put(b, "</title>\n");
}

static void
background_and_heading(struct aic_buf *b, double height, const char *title, const char *fallback)
{
  aic_buf_printf(b, "<rect width=\"%.0f\" height=\"%.0f\" fill=\"#ffffff\"/>\n", W, height);
  aic_buf_put(b, "<text x=\"24\" y=\"36\" font-size=\"20\" font-weight=\"700\" fill=\"#111111\">");
  aic_render_xml_text(b, title != NULL && title[0] != '\0' ? title : fallback, TITLE_CHARS);
  aic_buf_put(b, "</text>\n");
}

/* Gridlines with money labels, and the day axis with its ticks. */
static void
draw_axes(struct aic_buf *b, const struct axes *ax, bool label_zero, const char *x_title)
{
  double step = aic_nice_step(ax->y_max, 5), v;
  static const int day_steps[] = { 1, 2, 5, 7, 14, 30, 60, 90, 180, 365, 730 };
  int dstep = 1, d;
  size_t i;

  aic_buf_put(b, "<g id=\"y-axis\" fill=\"" C_MUTED "\" text-anchor=\"end\">\n");
  for (i = 0, v = 0; v <= ax->y_max * (1 + 1e-9) && i < 50; i++, v = step * (double)i) {
    double y = px_usd(ax, v);

    aic_buf_printf(b, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>",
                   PLOT_LEFT, PLOT_RIGHT, y, y, i == 0 ? C_AXIS : C_GRID);
    aic_buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\">", PLOT_LEFT - 8, y + 4);
    put_short(b, v);
    aic_buf_put(b, "</text>\n");
  }
  aic_buf_put(b, "</g>\n");

  for (i = 0; i < sizeof day_steps / sizeof day_steps[0]; i++) {
    dstep = day_steps[i];
    if (ax->horizon / dstep <= 8)
      break;
  }
  while (ax->horizon / dstep > 8)
    dstep *= 2;
  aic_buf_put(b, "<g id=\"x-axis\" fill=\"" C_MUTED "\" text-anchor=\"middle\">\n");
  for (d = 0; d <= ax->horizon; d += dstep) {
    double x = px_day(ax, d);

    aic_buf_printf(b,
                   "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"" C_AXIS "\"/>",
                   x, x, PLOT_BOTTOM, PLOT_BOTTOM + 5);
    /* next to the training bar, day 0 is labelled by the bar itself */
    if (d > 0 || label_zero)
      aic_buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\">%d</text>", x, PLOT_BOTTOM + 20, d);
    aic_buf_put(b, "\n");
  }
  aic_buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\">", (ax->x_left + ax->x_right) / 2,
                 PLOT_BOTTOM + 40);
  aic_render_xml_text(b, x_title, 0);
  aic_buf_put(b, "</text>\n</g>\n");
}

static int
horizon_of(int horizon_days, const struct aic_series_point *s, size_t n)
{
  if (horizon_days > 0)
    return horizon_days;
  if (n > 0 && s[n - 1].day > 0)
    return s[n - 1].day;
  return 1;
}

/* ---- one projection ---------------------------------------------------- */

static void
projection_desc(struct aic_buf *b, const struct aic_projection *pj, int horizon)
{
  aic_buf_put(b, "<desc id=\"aic-desc\">Training costs ");
  put_full(b, pj->training_total_usd);
  aic_buf_put(b, " once. Inference costs ");
  put_full(b, pj->daily_usd);
  aic_buf_put(b, " a day at launch (");
  put_full(b, pj->annual_usd);
  aic_buf_put(b, " a year) and ");
  put_full(b, pj->inference_usd);
  aic_buf_printf(b, " over %d days. ", horizon);
  if (pj->crossover_day > 0)
    aic_buf_printf(b, "Cumulative inference passes the training cost on day %d.",
                   pj->crossover_day);
  else
    aic_buf_put(b, "Cumulative inference does not pass the training cost within the horizon.");
  aic_buf_put(b, "</desc>\n");
}

static void
draw_training(struct aic_buf *b, const struct axes *ax, double training)
{
  double y = px_usd(ax, training);
  double x = PLOT_LEFT + 8, w = TRAINING_SLOT - 16;

  aic_buf_put(b, "<g id=\"training\">\n");
  aic_buf_printf(b,
                 "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"" C_TRAINING
                 "\">"
                 "<title>Training, paid once: ",
                 x, y, w, PLOT_BOTTOM - y);
  put_full(b, training);
  aic_buf_put(b, "</title></rect>\n");
  /* the dashed line carries the bar's height across the horizon, so the
   * eye sees where the red bars pass it */
  aic_buf_printf(b,
                 "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"" C_TRAINING "\" "
                 "stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/>\n",
                 x + w, PLOT_RIGHT, y, y);
  aic_buf_printf(
    b,
    "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" font-weight=\"700\" fill=\"" C_TRAINING
    "\">",
    x + w / 2, y - 6);
  put_short(b, training);
  aic_buf_put(b, "</text>\n");
  aic_buf_printf(
    b, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" fill=\"" C_MUTED "\">day 0</text>\n",
    x + w / 2, PLOT_BOTTOM + 20);
  aic_buf_put(b, "</g>\n");
}

static void
draw_inference_bars(struct aic_buf *b, const struct axes *ax, const struct aic_projection *pj)
{
  size_t i;
  bool titled = pj->n_series <= MAX_BAR_TITLES;

  aic_buf_put(b, "<g id=\"inference\" fill=\"" C_INFERENCE "\">\n");
  if (!titled)
    aic_buf_put(b, "<path d=\"");
  for (i = 0; i < pj->n_series; i++) {
    const struct aic_series_point *s = &pj->series[i];
    double xa = px_day(ax, s->day - s->days), xb = px_day(ax, s->day);
    double y = px_usd(ax, s->cumulative_inference_usd);
    double gap = xb - xa > 6 ? 1.5 : 0;

    if (!titled) {
      aic_buf_printf(b, "M%.1f %.1fH%.1fV%.1fH%.1fZ", xa, PLOT_BOTTOM, xb, y, xa);
      continue;
    }
    aic_buf_printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"><title>Day %d: ",
                   xa + gap, y, xb - xa - 2 * gap, PLOT_BOTTOM - y, s->day);
    put_full(b, s->cumulative_inference_usd);
    aic_buf_put(b, " of inference so far</title></rect>\n");
  }
  if (!titled)
    aic_buf_put(b, "\"/>\n");
  aic_buf_put(b, "</g>\n");
}

/* The p10-p90 band of cumulative inference, shaded over the bars (at most
 * about MAX_LINE_POINTS points a side), and the training's p10-p90 as a
 * whisker on its bar (docs/dashboards.md). */
static void
draw_bands(struct aic_buf *b, const struct axes *ax, const struct aic_projection *pj)
{
  const struct aic_bands *bd = pj->bands;
  size_t n = bd->n_series < pj->n_series ? bd->n_series : pj->n_series;
  size_t step = n / MAX_LINE_POINTS + 1, i;
  double x = PLOT_LEFT + TRAINING_SLOT / 2, lo, hi;

  aic_buf_put(b, "<g id=\"bands\">\n");
  if (n > 0) {
    aic_buf_printf(b,
                   "<polygon fill=\"" C_BAND "\" fill-opacity=\"0.45\" stroke=\"" C_INFERENCE "\" "
                   "stroke-width=\"1\" stroke-opacity=\"0.6\" points=\"%.1f,%.1f",
                   px_day(ax, 0), PLOT_BOTTOM);
    /* p90 forward, then p10 back: every step-th point and the last */
    for (i = 0; i < n; i = i + step < n || i == n - 1 ? i + step : n - 1)
      aic_buf_printf(b, " %.1f,%.1f", px_day(ax, pj->series[i].day),
                     px_usd(ax, bd->cumulative_inference_p90_usd[i]));
    for (i = n; i-- > 0;) {
      if (i % step == 0 || i == n - 1)
        aic_buf_printf(b, " %.1f,%.1f", px_day(ax, pj->series[i].day),
                       px_usd(ax, bd->cumulative_inference_p10_usd[i]));
    }
    aic_buf_put(b, "\"><title>Cumulative inference, p10 to p90: ");
    put_full(b, bd->cumulative_inference_p10_usd[n - 1]);
    aic_buf_put(b, " to ");
    put_full(b, bd->cumulative_inference_p90_usd[n - 1]);
    aic_buf_printf(b, " by day %d</title></polygon>\n", pj->series[n - 1].day);
  }
  lo = bd->training_total_usd.p10;
  hi = bd->training_total_usd.p90;
  if (isfinite(lo) && isfinite(hi) && hi > lo) {
    aic_buf_printf(b,
                   "<path fill=\"none\" stroke=\"#9e9e9e\" stroke-width=\"2\" "
                   "d=\"M%.1f %.1fV%.1fM%.1f %.1fH%.1fM%.1f %.1fH%.1f\">"
                   "<title>Training, p10 to p90: ",
                   x, px_usd(ax, lo), px_usd(ax, hi), x - 8, px_usd(ax, lo), x + 8, x - 8,
                   px_usd(ax, hi), x + 8);
    put_full(b, lo);
    aic_buf_put(b, " to ");
    put_full(b, hi);
    aic_buf_put(b, "</title></path>\n");
  }
  aic_buf_put(b, "</g>\n");
}

static void
draw_crossover(struct aic_buf *b, const struct axes *ax, int day, double training)
{
  double x = px_day(ax, day), y = px_usd(ax, training);
  bool right_half = x > (ax->x_left + ax->x_right) / 2;

  aic_buf_put(b, "<g id=\"crossover\">\n");
  aic_buf_printf(b,
                 "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#111111\" "
                 "stroke-width=\"1.5\" stroke-dasharray=\"2 3\"/>\n",
                 x, x, PLOT_TOP - 6, PLOT_BOTTOM);
  aic_buf_printf(
    b,
    "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"5\" fill=\"#ffffff\" stroke=\"#111111\" stroke-width=\"2\"/>\n",
    x, y);
  aic_buf_printf(
    b,
    "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-weight=\"700\" fill=\"#111111\" "
    "stroke=\"#ffffff\" stroke-width=\"4\" paint-order=\"stroke\">"
    "Day %d: inference passes training</text>\n",
    right_half ? x - 6 : x + 6, PLOT_TOP - 8, right_half ? "end" : "start", day);
  aic_buf_put(b, "</g>\n");
}

static void
legend_swatch(struct aic_buf *b, double x, double y, const char *colour, const char *dash,
              bool line)
{
  if (line)
    aic_buf_printf(b,
                   "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" "
                   "stroke-width=\"3\"%s%s%s/>",
                   x, x + 22, y - 4, y - 4, colour, dash[0] != '\0' ? " stroke-dasharray=\"" : "",
                   dash, dash[0] != '\0' ? "\"" : "");
  else
    aic_buf_printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"14\" height=\"14\" fill=\"%s\"/>", x + 4,
                   y - 12, colour);
}

char *
aic_projection_to_svg(const struct aic_projection *pj, const struct aic_catalogue *cat, size_t *len)
{
  struct aic_buf b = { 0 };
  struct axes ax;
  double max = pj->training_total_usd, height = 480, ly = PLOT_BOTTOM + 68;
  size_t i;

  ax.horizon = horizon_of(pj->horizon_days, pj->series, pj->n_series);
  ax.x_left = PLOT_LEFT + TRAINING_SLOT;
  ax.x_right = PLOT_RIGHT;
  for (i = 0; i < pj->n_series; i++) {
    if (pj->series[i].cumulative_inference_usd > max)
      max = pj->series[i].cumulative_inference_usd;
  }
  if (pj->bands != NULL && pj->bands->samples > 0) {
    /* the band's top fits too */
    for (i = 0; i < pj->bands->n_series; i++)
      if (pj->bands->cumulative_inference_p90_usd[i] > max)
        max = pj->bands->cumulative_inference_p90_usd[i];
    if (pj->bands->training_total_usd.p90 > max)
      max = pj->bands->training_total_usd.p90;
  }
  y_scale(&ax, max);

  open_svg(&b, height, pj->name, "AI cost projection");
  projection_desc(&b, pj, ax.horizon);
  background_and_heading(&b, height, pj->name, "AI cost projection");
  aic_buf_printf(&b, "<text x=\"24\" y=\"60\" fill=\"" C_MUTED "\">Training ");
  put_short(&b, pj->training_total_usd);
  aic_buf_put(&b, " once \xC2\xB7 inference ");
  put_short(&b, pj->daily_usd);
  aic_buf_put(&b, " a day at launch \xC2\xB7 ");
  put_short(&b, pj->inference_usd);
  aic_buf_printf(&b, " over %d days</text>\n", ax.horizon);

  draw_axes(&b, &ax, false, "days after launch");
  draw_inference_bars(&b, &ax, pj);
  draw_training(&b, &ax, pj->training_total_usd);
  if (pj->bands != NULL && pj->bands->samples > 0)
    draw_bands(&b, &ax, pj);
  if (pj->crossover_day > 0)
    draw_crossover(&b, &ax, pj->crossover_day, pj->training_total_usd);

  aic_buf_put(&b, "<g id=\"legend\" fill=\"#111111\">\n");
  legend_swatch(&b, 24, ly, C_TRAINING, "", false);
  aic_buf_printf(&b, "<text x=\"50\" y=\"%.1f\">Training (one-time)</text>", ly);
  legend_swatch(&b, 210, ly, C_INFERENCE, "", false);
  aic_buf_printf(&b, "<text x=\"236\" y=\"%.1f\">Inference, cumulative</text>", ly);
  if (pj->crossover_day > 0) {
    legend_swatch(&b, 420, ly, "#111111", "2 3", true);
    aic_buf_printf(&b, "<text x=\"450\" y=\"%.1f\">Crossover</text>", ly);
  }
  if (pj->bands != NULL && pj->bands->samples > 0) {
    legend_swatch(&b, 560, ly, C_BAND, "", false);
    aic_buf_printf(&b, "<text x=\"586\" y=\"%.1f\">p10\xE2\x80\x93p90</text>", ly);
  }
  aic_buf_put(&b, "\n</g>\n</svg>\n");
  return aic_buf_finish(&b, len);
}

/* ---- a comparison ------------------------------------------------------ */

/* Cumulative total on `day`: the exact daily array when the core filled it,
 * else a straight line between the series points (hand-built projections). */
static double
total_on(const struct aic_projection *pj, int day)
{
  size_t i;
  double prev_day = 0, prev = pj->training_total_usd;

  if (pj->cumulative_total_by_day != NULL && day >= 0 && day <= pj->horizon_days)
    return pj->cumulative_total_by_day[day];
  for (i = 0; i < pj->n_series; i++) {
    const struct aic_series_point *s = &pj->series[i];

    if (day <= s->day) {
      if (s->day == prev_day)
        return s->cumulative_total_usd;
      return prev + (s->cumulative_total_usd - prev) * (day - prev_day) / (s->day - prev_day);
    }
    prev_day = s->day;
    prev = s->cumulative_total_usd;
  }
  return prev;
}

static const char *
option_name(const struct aic_projection *pj, size_t i, char *buf, size_t cap)
{
  if (pj->name != NULL && pj->name[0] != '\0')
    return pj->name;
  snprintf(buf, cap, "Option %zu", i + 1);
  return buf;
}

static void
comparison_desc(struct aic_buf *b, const struct aic_comparison *c, int horizon)
{
  size_t k;
  char nb[32];

  aic_buf_printf(
    b, "<desc id=\"aic-desc\">Cumulative total cost of %zu options over %d days, cheapest first: ",
    c->n, horizon);
  for (k = 0; k < c->n; k++) {
    size_t i = c->rank != NULL ? c->rank[k] : k;
    const struct aic_projection *pj = &c->projections[i];

    aic_buf_put(b, k > 0 ? "; " : "");
    aic_render_xml_text(b, option_name(pj, i, nb, sizeof nb), 0);
    aic_buf_put(b, " ");
    put_full(b, total_on(pj, horizon));
    aic_buf_put(b, " (training ");
    put_full(b, pj->training_total_usd);
    aic_buf_put(b, ")");
  }
  aic_buf_put(b, ".");
  for (k = 0; k < c->n_overtakes; k++) {
    const struct aic_overtake *o = &c->overtakes[k];

    aic_buf_put(b, " ");
    aic_render_xml_text(b, option_name(&c->projections[o->option], o->option, nb, sizeof nb), 0);
    aic_buf_put(b, " becomes cheaper than ");
    aic_render_xml_text(b, option_name(&c->projections[o->other], o->other, nb, sizeof nb), 0);
    aic_buf_printf(b, " on day %d.", o->day);
  }
  aic_buf_put(b, "</desc>\n");
}

static void
draw_option_line(struct aic_buf *b, const struct axes *ax, const struct aic_projection *pj,
                 size_t i)
{
  int step = (ax->horizon + MAX_LINE_POINTS - 1) / MAX_LINE_POINTS, d;
  const char *dash =
    dashes[(i / (sizeof palette / sizeof palette[0])) % (sizeof dashes / sizeof dashes[0])];

  if (step < 1)
    step = 1;
  aic_buf_printf(
    b,
    "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2.5\" stroke-linejoin=\"round\"%s%s%s points=\"",
    palette[i % (sizeof palette / sizeof palette[0])],
    dash[0] != '\0' ? " stroke-dasharray=\"" : "", dash, dash[0] != '\0' ? "\"" : "");
  for (d = 0; d < ax->horizon + step; d += step) {
    int day = d > ax->horizon ? ax->horizon : d;

    aic_buf_printf(b, "%s%.1f,%.1f", d > 0 ? " " : "", px_day(ax, day),
                   px_usd(ax, total_on(pj, day)));
  }
  aic_buf_put(b, "\"/>\n");
}

char *
aic_comparison_to_svg(const struct aic_comparison *c, const struct aic_catalogue *cat, size_t *len)
{
  struct aic_buf b = { 0 };
  struct axes ax;
  double max = 0, height, ly;
  size_t i, k, rows = (c->n + 1) / 2;
  char nb[32];

  ax.horizon = c->horizon_days > 0
                 ? c->horizon_days
                 : (c->n > 0 ? horizon_of(0, c->projections[0].series, c->projections[0].n_series)
                             : 1);
  ax.x_left = PLOT_LEFT + 8;
  ax.x_right = PLOT_RIGHT;
  for (i = 0; i < c->n; i++) {
    double t0 = total_on(&c->projections[i], 0), t1 = total_on(&c->projections[i], ax.horizon);

    max = fmax(max, fmax(t0, t1));
  }
  y_scale(&ax, max);
  height = PLOT_BOTTOM + 62 + 22 * (double)rows + 10;

  open_svg(&b, height, "Cost comparison", "Cost comparison");
  comparison_desc(&b, c, ax.horizon);
  background_and_heading(&b, height, "Cost comparison", "Cost comparison");
  aic_buf_printf(&b,
                 "<text x=\"24\" y=\"60\" fill=\"" C_MUTED
                 "\">Training + inference, cumulative: %zu options over %d days",
                 c->n, ax.horizon);
  if (c->n > 0 && c->rank != NULL) {
    aic_buf_put(&b, " \xC2\xB7 cheapest: ");
    aic_render_xml_text(&b, option_name(&c->projections[c->rank[0]], c->rank[0], nb, sizeof nb),
                        40);
  }
  aic_buf_put(&b, "</text>\n");

  draw_axes(&b, &ax, true, "days after launch");
  aic_buf_put(&b, "<g id=\"options\">\n");
  for (i = 0; i < c->n; i++)
    draw_option_line(&b, &ax, &c->projections[i], i);
  aic_buf_put(&b, "</g>\n");

  if (c->n_overtakes > 0) {
    aic_buf_put(&b, "<g id=\"overtakes\">\n");
    for (k = 0; k < c->n_overtakes && k < MAX_MARKERS; k++) {
      const struct aic_overtake *o = &c->overtakes[k];

      if (o->option >= c->n || o->other >= c->n)
        continue;
      aic_buf_printf(
        &b,
        "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"5\" fill=\"#ffffff\" stroke=\"%s\" stroke-width=\"2.5\">"
        "<title>Day %d: ",
        px_day(&ax, o->day), px_usd(&ax, total_on(&c->projections[o->option], o->day)),
        palette[o->option % (sizeof palette / sizeof palette[0])], o->day);
      aic_render_xml_text(&b, option_name(&c->projections[o->option], o->option, nb, sizeof nb), 0);
      aic_buf_put(&b, " becomes cheaper than ");
      aic_render_xml_text(&b, option_name(&c->projections[o->other], o->other, nb, sizeof nb), 0);
      aic_buf_put(&b, "</title></circle>\n");
    }
    aic_buf_put(&b, "</g>\n");
  }

  /* legend, cheapest first, in two columns */
  aic_buf_put(&b, "<g id=\"legend\" fill=\"#111111\">\n");
  for (k = 0; k < c->n; k++) {
    size_t opt = c->rank != NULL ? c->rank[k] : k;
    const struct aic_projection *pj = &c->projections[opt];
    const char *dash =
      dashes[(opt / (sizeof palette / sizeof palette[0])) % (sizeof dashes / sizeof dashes[0])];
    double x = k % 2 == 0 ? 24 : 412;

    ly = PLOT_BOTTOM + 68 + 22 * (double)(k / 2);
    legend_swatch(&b, x, ly, palette[opt % (sizeof palette / sizeof palette[0])], dash, true);
    aic_buf_printf(&b, "<text x=\"%.1f\" y=\"%.1f\">%zu. ", x + 30, ly, k + 1);
    aic_render_xml_text(&b, option_name(pj, opt, nb, sizeof nb), LEGEND_CHARS);
    aic_buf_put(&b, " <tspan font-weight=\"700\">");
    put_short(&b, total_on(pj, ax.horizon));
    aic_buf_put(&b, "</tspan></text>\n");
  }
  aic_buf_put(&b, "</g>\n</svg>\n");
  return aic_buf_finish(&b, len);
}
