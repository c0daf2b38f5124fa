/* What the writer tests check a text against (writer_check.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "aicost/date.h"
#include "aicost/json.h"
#include "num_format.h"
#include "writer_check.h"

/* Fails with the first differing byte and some context. */
void
writer_assert_same(const char *what, const char *got, size_t got_len, const char *want,
                   size_t want_len)
{
  size_t i = 0, from;

  if (got == NULL || want == NULL)
    fail_msg("%s: %s is NULL", what, got == NULL ? "the writer's text" : "the expected text");
  while (i < got_len && i < want_len && got[i] == want[i])
    i++;
  if (i == got_len && i == want_len)
    return;
  from = i > 40 ? i - 40 : 0;
  fail_msg(
    "%s: %zu bytes, expected %zu; first difference at %zu:\n  got      ...%.80s\n  expected ...%.80s",
    what, got_len, want_len, i, got + from, want + from);
}

/* The text is one JSON document that jansson dumps back to the same bytes. */
void
writer_assert_canonical(const char *what, const char *text, size_t len)
{
  json_error_t err;
  json_t *tree;
  char *again;

  assert_non_null(text);
  assert_int_equal(strlen(text), len);
  tree = json_loadb(text, len, JSON_REJECT_DUPLICATES, &err);
  if (tree == NULL)
    fail_msg("%s: not JSON: %s at %d:%d", what, err.text, err.line, err.column);
  again = aic_json_dump(tree, 0);
  writer_assert_same(what, again, again != NULL ? strlen(again) : 0, text, len);
  free(again);
  json_decref(tree);
}

/* The series points from *at on (the next "series" array) against pts,
 * written here without any cache; moves *at past them. */
void
writer_assert_series(const char *what, const char **at, const struct aic_projection *pj)
{
  static const char *const keys[] = { "requests_per_day",     "daily_inference_usd",
                                      "period_inference_usd", "cumulative_inference_usd",
                                      "training_usd",         "cumulative_total_usd" };
  const char *p = strstr(*at, "\"series\":[");

  if (p == NULL)
    fail_msg("%s: no series", what);
  p += strlen("\"series\":[");
  for (size_t i = 0; i < pj->n_series; i++) {
    const struct aic_series_point *s = &pj->series[i];
    const double v[] = { s->requests_per_day,     s->daily_inference_usd,
                         s->period_inference_usd, s->cumulative_inference_usd,
                         s->training_usd,         s->cumulative_total_usd };
    char want[512], num[AIC_NUM_TEXT_MAX], date[AIC_DATE_TEXT];
    size_t k, w = (size_t)snprintf(want, sizeof want, "%s{\"day\":%d,\"days\":%d", i > 0 ? "," : "",
                                   s->day, s->days);

    for (k = 0; k < sizeof keys / sizeof keys[0]; k++) {
      aic_num_format(v[k], num); /* NAN: null */
      w += (size_t)snprintf(want + w, sizeof want - w, ",\"%s\":%s", keys[k], num);
    }
    if (pj->has_start_date) {
      aic_date_format(pj->start_day + s->day - 1, date);
      w += (size_t)snprintf(want + w, sizeof want - w, ",\"date\":\"%s\"", date);
    } else {
      w += (size_t)snprintf(want + w, sizeof want - w, ",\"date\":null");
    }
    aic_num_format(s->daily_kwh, num);
    w += (size_t)snprintf(want + w, sizeof want - w, ",\"daily_kwh\":%s", num);
    aic_num_format(s->cumulative_tco2e, num);
    w += (size_t)snprintf(want + w, sizeof want - w, ",\"cumulative_tco2e\":%s}", num);
    if (strncmp(p, want, w) != 0)
      fail_msg("%s: point %zu:\n  got      %.*s\n  expected %s", what, i, (int)w, p, want);
    p += w;
  }
  if (*p != ']')
    fail_msg("%s: the series goes on after %zu points: %.40s", what, pj->n_series, p);
  *at = p;
}
