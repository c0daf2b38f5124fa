/* The projection series as CSV (RFC 4180: CRLF line ends, fields quoted only
 * when they must be), for spreadsheets and dashboards (Grafana's Infinity
 * data source). Columns keep the JSON names of a series point so that one
 * vocabulary serves both; each number is written by the JSON's own number
 * function (src/json/num_format.h), so a cell holds exactly the text of the
 * JSON member (no float noise, no thousands separators, 3e-5 and
 * 3650000000000000 alike), except that an absent value (NAN: null in the
 * JSON) is an empty cell. Documented in docs/dashboards.md. */
#include <math.h>
#include <stdlib.h>

#include "aicost/render.h"
#include "num_format.h"
#include "render_util.h"

#define SERIES_COLUMNS \
  "day,days,requests_per_day,daily_inference_usd,period_inference_usd," \
  "cumulative_inference_usd,training_usd,cumulative_total_usd,date"

static void
put_number(struct aic_buf *b, double x)
{
  char num[AIC_NUM_TEXT_MAX];

  if (!isfinite(x))
    return; /* an empty cell */
  aic_num_format(x, num);
  aic_buf_put(b, num);
}

/* The date column (last, so that the columns before it keep their places)
 * is empty without a start date: the JSON's null. */
static void
put_point(struct aic_buf *b, const struct aic_projection *pj, const struct aic_series_point *s)
{
  char date[AIC_DATE_TEXT] = "";

  if (pj->has_start_date)
    aic_date_format(pj->start_day + s->day - 1, date);
  aic_buf_printf(b, "%d,%d,", s->day, s->days);
  put_number(b, s->requests_per_day);
  aic_buf_put(b, ",");
  put_number(b, s->daily_inference_usd);
  aic_buf_put(b, ",");
  put_number(b, s->period_inference_usd);
  aic_buf_put(b, ",");
  put_number(b, s->cumulative_inference_usd);
  aic_buf_put(b, ",");
  put_number(b, s->training_usd);
  aic_buf_put(b, ",");
  put_number(b, s->cumulative_total_usd);
  aic_buf_printf(b, ",%s\r\n", date);
}

char *
aic_projection_to_csv(const struct aic_projection *pj, const struct aic_catalogue *cat,
                      size_t *len)
{
  struct aic_buf b = { 0 };
  size_t i;

  aic_buf_put(&b, SERIES_COLUMNS "\r\n");
  for (i = 0; i < pj->n_series; i++)
    put_point(&b, pj, &pj->series[i]);
  return aic_buf_finish(&b, len);
}

/* Long ("tidy") form: one row per option and period, the option's input
 * index and name first. Options may differ in granularity, so their
 * periods need not line up; long rows never leave holes, and a dashboard
 * groups by `option` or `name` to draw one line per option. */
char *
aic_comparison_to_csv(const struct aic_comparison *c, const struct aic_catalogue *cat,
                      size_t *len)
{
  struct aic_buf b = { 0 };
  size_t i, k;

  aic_buf_put(&b, "option,name," SERIES_COLUMNS "\r\n");
  for (i = 0; i < c->n; i++) {
    const struct aic_projection *pj = &c->projections[i];

    for (k = 0; k < pj->n_series; k++) {
      aic_buf_printf(&b, "%zu,", i);
      aic_render_csv_field(&b, pj->name != NULL ? pj->name : "");
      aic_buf_put(&b, ",");
      put_point(&b, pj, &pj->series[k]);
    }
  }
  return aic_buf_finish(&b, len);
}
