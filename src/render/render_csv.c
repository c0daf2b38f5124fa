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
#include <string.h>

#include "aicost/render.h"
#include "num_format.h"
#include "render_util.h"

#define SERIES_COLUMNS                                                                             \
  "day,days,requests_per_day,daily_inference_usd,period_inference_usd,"                            \
  "cumulative_inference_usd,training_usd,cumulative_total_usd,date,daily_kwh,cumulative_tco2e"
/* With bands (the default; ?bands=false and --no-bands leave them out):
 * the cumulative inference's p10 and p90 at the row's day, after the columns
 * above so that theirs keep their places (docs/dashboards.md). */
#define BAND_COLUMNS ",cumulative_inference_usd_p10,cumulative_inference_usd_p90"

/* Room for one row: two integers, ten numbers of at most 24 bytes (six,
 * the two of energy and the two of bands) and a date, with the formatters'
 * overhang (AIC_NUM_TEXT_MAX) past the last. */
#define ROW_ROOM (2 * 24 + 10 * 25 + 1 + AIC_DATE_TEXT + 2 + AIC_NUM_TEXT_MAX)

/* A row written straight into the buffer: snprintf per cell made the CSV
 * seven times slower per byte than the JSON of the same series. The date
 * column is empty without a start date: the JSON's null. The energy
 * columns (issue 17) come after it, so that the columns before them keep
 * their places. */
static void
put_point(struct aic_buf *b, const struct aic_projection *pj, size_t k)
{
  const struct aic_series_point *s = &pj->series[k];
  const double v[6] = { s->requests_per_day,     s->daily_inference_usd,
                        s->period_inference_usd, s->cumulative_inference_usd,
                        s->training_usd,         s->cumulative_total_usd };
  char *start, *p;

  if (!aic_buf_room(b, ROW_ROOM))
    return;
  start = p = b->p + b->len;
  p = aic_num_put_int(p, s->day);
  *p++ = ',';
  p = aic_num_put_int(p, s->days);
  for (size_t i = 0; i < 6; i++) {
    *p++ = ',';
    if (isfinite(v[i])) /* else an empty cell */
      p = aic_num_put(p, v[i]);
  }
  *p++ = ',';
  if (pj->has_start_date) {
    aic_date_format(pj->start_day + s->day - 1, p);
    p += strlen(p);
  }
  *p++ = ',';
  if (isfinite(s->daily_kwh))
    p = aic_num_put(p, s->daily_kwh);
  *p++ = ',';
  if (isfinite(s->cumulative_tco2e))
    p = aic_num_put(p, s->cumulative_tco2e);
  if (pj->bands != NULL) {
    const double band[2] = {
      k < pj->bands->n_series ? pj->bands->cumulative_inference_p10_usd[k] : (double)NAN,
      k < pj->bands->n_series ? pj->bands->cumulative_inference_p90_usd[k] : (double)NAN
    };

    for (size_t i = 0; i < 2; i++) {
      *p++ = ',';
      if (isfinite(band[i]))
        p = aic_num_put(p, band[i]);
    }
  }
  *p++ = '\r';
  *p++ = '\n';
  b->len += (size_t)(p - start);
  b->p[b->len] = '\0';
}

char *
aic_projection_to_csv(const struct aic_projection *pj, const struct aic_catalogue *cat, size_t *len)
{
  struct aic_buf b = { 0 };
  size_t i;

  aic_buf_put(&b, pj->bands != NULL ? SERIES_COLUMNS BAND_COLUMNS "\r\n" : SERIES_COLUMNS "\r\n");
  for (i = 0; i < pj->n_series; i++)
    put_point(&b, pj, i);
  return aic_buf_finish(&b, len);
}

/* Long ("tidy") form: one row per option and period, the option's input
 * index and name first. Options may differ in granularity, so their
 * periods need not line up; long rows never leave holes, and a dashboard
 * groups by `option` or `name` to draw one line per option. */
char *
aic_comparison_to_csv(const struct aic_comparison *c, const struct aic_catalogue *cat, size_t *len)
{
  struct aic_buf b = { 0 };
  size_t i, k;

  /* the options of one comparison all have bands, or none has */
  aic_buf_put(&b, c->n > 0 && c->projections[0].bands != NULL
                    ? "option,name," SERIES_COLUMNS BAND_COLUMNS "\r\n"
                    : "option,name," SERIES_COLUMNS "\r\n");
  for (i = 0; i < c->n; i++) {
    const struct aic_projection *pj = &c->projections[i];

    for (k = 0; k < pj->n_series; k++) {
      if (aic_buf_room(&b, AIC_NUM_TEXT_MAX + 1)) {
        char *end = aic_num_put_int(b.p + b.len, (int64_t)i);

        *end++ = ',';
        b.len = (size_t)(end - b.p);
        b.p[b.len] = '\0';
      }
      aic_render_csv_field(&b, pj->name != NULL ? pj->name : "");
      aic_buf_put(&b, ",");
      put_point(&b, pj, k);
    }
  }
  return aic_buf_finish(&b, len);
}
