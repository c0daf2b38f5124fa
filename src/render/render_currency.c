/* Answers in another currency. The core computes in US dollars and every
 * money member of our documents says so in its name (`daily_usd`,
 * `price_per_gpu_hour_usd`, `cumulative_inference_usd_p10`: STYLE.md's
 * rule), so one rule converts a rendered answer whatever it holds: every
 * number under a name with the word `usd` in it (`_usd` at the end or
 * before another `_`), and every number inside such a member (a band's
 * p10, p50, p90), is multiplied by the rate, and the word becomes `eur`
 * (the code in lower case). Nothing else changes, so a field added to the
 * projection later is converted without a line here.
 *
 * It runs on the rendered bytes (JSON, CSV) only when a currency other than
 * USD is asked for: the usual answer keeps the direct writer's speed and
 * bytes. The JSON gets a top-level `currency` member naming the rate, its
 * source and its date, so a converted figure still traces to a dated rate. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "aicost/json.h"
#include "aicost/render.h"
#include "aicost/util.h"
#include "json_util.h"
#include "num_format.h"

#define SUFFIX "_usd"
#define SUFFIX_LEN 4

/* Where the word "usd" starts in a name ("_usd" at the end or followed by
 * '_'), or 0 when the name is not money. */
static size_t
money_word(const char *name, size_t len)
{
  for (size_t i = 1; i + SUFFIX_LEN <= len; i++)
    if (memcmp(name + i, SUFFIX, SUFFIX_LEN) == 0 &&
        (i + SUFFIX_LEN == len || name[i + SUFFIX_LEN] == '_'))
      return i + 1;
  return 0;
}

static bool
is_money(const char *name, size_t len)
{
  return money_word(name, len) > 0;
}

/* "daily_usd" -> "daily_eur", "x_usd_p10" -> "x_eur_p10" into out (cap
 * bytes); false when too long or not money. */
static bool
renamed(const char *name, size_t len, const char *code, char *out, size_t cap)
{
  size_t at = money_word(name, len);

  if (at == 0 || len + 1 > cap)
    return false;
  memcpy(out, name, len);
  for (size_t i = 0; i < 3; i++)
    out[at + i] = (char)(code[i] >= 'A' && code[i] <= 'Z' ? code[i] - 'A' + 'a' : code[i]);
  out[len] = '\0';
  return true;
}

/* ---- JSON ---- */

/* A copy of v with its members renamed and money scaled, keys in order;
 * `money`: v is (inside) a member whose name says US dollars. */
static json_t *
convert(json_t *v, bool money, const struct aic_fx_rate *fx, bool *bad)
{
  json_t *out, *item;
  const char *key;
  size_t i;

  if (json_is_object(v)) {
    out = json_object();
    json_object_foreach(v, key, item)
    {
      size_t len = strlen(key);
      char name[128];
      bool named = renamed(key, len, fx->id, name, sizeof name);

      aic_json_put(out, named ? name : key, convert(item, money || named, fx, bad), bad);
    }
    return out;
  }
  if (json_is_array(v)) {
    out = json_array();
    json_array_foreach(v, i, item) aic_json_append(out, convert(item, money, fx, bad), bad);
    return out;
  }
  if (money && json_is_number(v))
    return aic_json_number(json_number_value(v) * fx->per_usd);
  return json_incref(v);
}

static char *
json_in_currency(const char *text, size_t len, const struct aic_fx_rate *fx, size_t *out_len)
{
  struct aic_diags d;
  json_t *doc = NULL, *out, *cur;
  bool bad = false;
  char *bytes = NULL;

  aic_diags_init(&d);
  if (aic_json_parse(text, len, &doc, &d) != AIC_OK)
    return NULL;
  out = convert(doc, false, fx, &bad);
  cur = json_object();
  aic_json_put_string(cur, "code", fx->id, &bad);
  aic_json_put_number(cur, "per_usd", fx->per_usd, &bad);
  aic_json_put_string(cur, "source", fx->source, &bad);
  aic_json_put_string(cur, "as_of", fx->as_of, &bad);
  aic_json_put(out, "currency", cur, &bad);
  if (!bad && out != NULL)
    bytes = aic_json_dump(out, 0);
  json_decref(out);
  json_decref(doc);
  if (bytes != NULL && out_len != NULL)
    *out_len = strlen(bytes);
  return bytes;
}

/* ---- CSV (RFC 4180, as render_csv.c writes it) ---- */

/* One cell from p: [*start, *end) of its raw text, quotes included;
 * returns the byte after it (',' or '\r' or the end). */
static const char *
cell(const char *p, const char *stop, const char **start)
{
  *start = p;
  if (p < stop && *p == '"') {
    for (p++; p < stop; p++) {
      if (*p == '"') {
        if (p + 1 < stop && p[1] == '"')
          p++;
        else
          return p + 1;
      }
    }
    return p;
  }
  while (p < stop && *p != ',' && *p != '\r')
    p++;
  return p;
}

#define CSV_COLUMNS 64

static char *
csv_in_currency(const char *text, size_t len, const struct aic_fx_rate *fx, size_t *out_len)
{
  const char *p = text, *stop = text + len;
  bool money[CSV_COLUMNS] = { false };
  struct aic_buf b;
  size_t row = 0;

  aic_buf_init(&b, len + len / 8);
  while (p < stop) {
    for (size_t col = 0;; col++) {
      const char *start, *end = cell(p, stop, &start);
      size_t n = (size_t)(end - start);

      if (row == 0 && col < CSV_COLUMNS && is_money(start, n)) {
        char name[128];

        money[col] = renamed(start, n, fx->id, name, sizeof name);
        /* a quoted header cell is a name, never money (ours are bare) */
        if (money[col])
          aic_buf_put(&b, name);
        else
          aic_buf_putn(&b, start, n);
      } else if (row > 0 && col < CSV_COLUMNS && money[col] && n > 0) {
        char num[AIC_NUM_TEXT_MAX], *e;
        double x;

        errno = 0;
        x = strtod(start, &e);
        if (e != end || errno != 0) {
          aic_buf_free(&b);
          return NULL; /* not a number where the header says money: not our CSV */
        }
        aic_num_format(x * fx->per_usd, num);
        aic_buf_put(&b, num);
      } else {
        aic_buf_putn(&b, start, n);
      }
      p = end;
      if (p < stop && *p == ',') {
        aic_buf_putn(&b, ",", 1);
        p++;
        continue;
      }
      break;
    }
    if (p + 1 < stop && p[0] == '\r' && p[1] == '\n') {
      aic_buf_putn(&b, "\r\n", 2);
      p += 2;
    } else if (p < stop) {
      aic_buf_free(&b);
      return NULL;
    }
    row++;
  }
  return aic_buf_finish(&b, out_len);
}

/* ---- the rule's entry point ---- */

int
aic_render_in_currency(const char *format, char **bytes, size_t *len, const struct aic_fx_rate *fx)
{
  char *out;

  if (fx == NULL || strcmp(fx->id, "USD") == 0)
    return AIC_OK;
  if (!aic_format_converts_currency(format))
    return AIC_E_INVALID;
  if (strcmp(format, "json") == 0)
    out = json_in_currency(*bytes, *len, fx, len);
  else
    out = csv_in_currency(*bytes, *len, fx, len);
  free(*bytes);
  *bytes = out;
  return out != NULL ? AIC_OK : AIC_E_NOMEM;
}

bool
aic_format_converts_currency(const char *format)
{
  return strcmp(format, "json") == 0 || strcmp(format, "csv") == 0;
}
