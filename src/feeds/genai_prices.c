/* The genai-prices v2 feed (pydantic/genai-prices, data.json and
 * data.schema.json) -> catalogue `api_prices`.
 *
 * The feed: a list of providers {id, name, pricing_urls, models: [{id,
 * name?, deprecated?, prices}]}, where `prices` is one price object or a
 * list of {constraint?, prices} (the first without a constraint; later ones
 * from a start_date, or within a daily start_time..end_time window, UTC). A
 * price field is a number (USD per million tokens for *_mtok) or {base,
 * tiers: [{start, price}]}: a request whose input tokens cross a tier's
 * start is billed at its price, all of it.
 *
 * The mapping (docs/catalogue.md, "Refreshing API prices"):
 *   input_mtok -> input_per_mtok_usd, cache_read_mtok -> cached_input_,
 *   cache_write_mtok (or cache_write_5m_mtok) -> cache_write_,
 *   cache_write_1h_mtok -> cache_write_1h_, output_mtok -> output_;
 *   tiers of any field -> `tiers` (the union of their starts, each field at
 *   its own price there); start_date prices -> `changes`; one time window
 *   -> `off_peak` (the cheaper side, with its hours).
 * Everything else (audio, image, video, web searches, per-request fees...)
 * is reported, never dropped in silence; a row with a per-request fee is
 * skipped, since its tokens alone would understate every request. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "aicost/catalogue.h"
#include "aicost/date.h"
#include "aicost/diag.h"
#include "feed_yaml.h"
#include "json_util.h"

#define NO_PRICE ((double)NAN)

/* "a string", "an object"...; "nothing" for a member that is missing. */
static const char *
type_of(const json_t *v)
{
  return v != NULL ? aic_json_type_phrase(v) : "nothing";
}

enum { K_INPUT, K_CACHED, K_WRITE, K_WRITE_1H, K_OUTPUT, N_KINDS };

static const char *const kind_key[N_KINDS] = {
  "input_per_mtok_usd",          "cached_input_per_mtok_usd", "cache_write_per_mtok_usd",
  "cache_write_1h_per_mtok_usd", "output_per_mtok_usd",
};

/* The feed's fields that the catalogue bills. */
static const struct {
  const char *field;
  int kind;
} supported[] = {
  { "input_mtok", K_INPUT },
  { "cache_read_mtok", K_CACHED },
  { "cache_write_mtok", K_WRITE },
  { "cache_write_5m_mtok", K_WRITE }, /* the same write, named by its lifetime */
  { "cache_write_1h_mtok", K_WRITE_1H },
  { "output_mtok", K_OUTPUT },
};
#define N_SUPPORTED (sizeof supported / sizeof supported[0])

/* A price this far above any published one ($600 is the dearest output in
 * 2026) is a unit mix-up, not a price. */
#define PRICE_MAX 1e6
#define PRICE_SUSPICIOUS 1000.0
#define FEED_TIERS_MAX AIC_API_TIERS_MAX
#define ID_MAX 64

/* One field: a flat price, or a base and tiers by input tokens. */
struct field {
  bool present;
  double base;
  size_t n;
  double start[FEED_TIERS_MAX];
  double price[FEED_TIERS_MAX];
};

/* One price object of the feed, as the catalogue can bill it. */
struct price_set {
  struct field f[N_KINDS];
  bool per_request_fee; /* requests_kcount > 0 */
  bool reasoning_apart; /* output_reasoning_mtok differs from output_mtok */
};

/* One period of an entry: from a date (NULL: the first), maybe a window. */
struct period {
  const char *from;
  struct price_set std;
  bool has_off_peak;
  struct price_set off_peak;
  char start_utc[6], end_utc[6];
};

struct entry {
  char *id;
  char *text;
};

struct import {
  const struct aic_feed_options *opt;
  struct aic_buf *log;
  struct aic_feed_counts *counts;
  struct entry *entries;
  size_t n, cap;
  bool nomem;
};

#define REPORT(im, ptr, kind, ...)                                                                 \
  feed_report((im)->log, (im)->counts, (im)->opt->file, ptr, kind, __VA_ARGS__)

static void
join(char *out, const char *base, const char *key)
{
  aic_pointer_join(out, AIC_DIAG_POINTER_MAX, base, key);
}

static void
join_index(char *out, const char *base, size_t i)
{
  aic_pointer_index(out, AIC_DIAG_POINTER_MAX, base, i);
}

/* ---- reading values: every bad one is an error ---- */

/* A price: a finite number in [0, PRICE_MAX]. */
static bool
read_number(struct import *im, const json_t *v, const char *ptr, double *out)
{
  double x;

  if (!json_is_number(v)) {
    REPORT(im, ptr, FEED_ERROR, "must be a number of USD (got %s)", type_of(v));
    return false;
  }
  x = json_number_value(v);
  if (!isfinite(x) || x < 0 || x > PRICE_MAX) {
    REPORT(im, ptr, FEED_ERROR, "must be a price between 0 and %g (got %g)", PRICE_MAX, x);
    return false;
  }
  *out = x;
  return true;
}

/* {base, tiers: [{start, price}, ...]} with starts rising. */
static bool
read_tiered(struct import *im, const json_t *v, const char *ptr, struct field *f)
{
  const json_t *tiers = json_object_get(v, "tiers");
  const char *key;
  json_t *member;
  char p[AIC_DIAG_POINTER_MAX];
  bool ok = true;

  json_object_foreach((json_t *)v, key, member)
  {
    if (strcmp(key, "base") != 0 && strcmp(key, "tiers") != 0) {
      join(p, ptr, key);
      REPORT(im, p, FEED_ERROR, "unknown member of a tiered price (base and tiers only)");
      ok = false;
    }
  }
  join(p, ptr, "base");
  if (json_object_get(v, "base") == NULL) {
    REPORT(im, p, FEED_ERROR, "missing: a tiered price needs a base price");
    ok = false;
  } else {
    ok = read_number(im, json_object_get(v, "base"), p, &f->base) && ok;
  }
  join(p, ptr, "tiers");
  if (!json_is_array(tiers)) {
    REPORT(im, p, FEED_ERROR, "must be an array of {start, price} (got %s)", type_of(tiers));
    return false;
  }
  if (json_array_size(tiers) > FEED_TIERS_MAX) {
    REPORT(im, p, FEED_ERROR, "more than %d tiers", FEED_TIERS_MAX);
    return false;
  }
  f->n = 0;
  for (size_t i = 0; i < json_array_size(tiers); i++) {
    const json_t *t = json_array_get(tiers, i), *start;
    char tp[AIC_DIAG_POINTER_MAX], sp[AIC_DIAG_POINTER_MAX];

    join_index(tp, p, i);
    if (!json_is_object(t)) {
      REPORT(im, tp, FEED_ERROR, "must be an object {start, price} (got %s)", type_of(t));
      ok = false;
      continue;
    }
    json_object_foreach((json_t *)t, key, member)
    {
      if (strcmp(key, "start") != 0 && strcmp(key, "price") != 0) {
        join(sp, tp, key);
        REPORT(im, sp, FEED_ERROR, "unknown member of a tier (start and price only)");
        ok = false;
      }
    }
    start = json_object_get(t, "start");
    join(sp, tp, "start");
    if (!json_is_integer(start) || json_integer_value(start) <= 0 ||
        json_integer_value(start) > 1000000000) {
      REPORT(im, sp, FEED_ERROR, "must be a whole number of input tokens above 0 (got %s)",
             type_of(start));
      ok = false;
      continue;
    }
    f->start[f->n] = (double)json_integer_value(start);
    if (f->n > 0 && !(f->start[f->n] > f->start[f->n - 1])) {
      REPORT(im, sp, FEED_ERROR, "tiers must start at rising input token counts");
      ok = false;
    }
    join(sp, tp, "price");
    if (json_object_get(t, "price") == NULL) {
      REPORT(im, sp, FEED_ERROR, "missing: a tier needs a price");
      ok = false;
      continue;
    }
    ok = read_number(im, json_object_get(t, "price"), sp, &f->price[f->n]) && ok;
    f->n++;
  }
  return ok;
}

/* A field's value: a number or a tiered price. */
static bool
read_field(struct import *im, const json_t *v, const char *ptr, struct field *f)
{
  memset(f, 0, sizeof *f);
  f->present = true;
  if (json_is_object(v))
    return read_tiered(im, v, ptr, f);
  return read_number(im, v, ptr, &f->base);
}

/* What the catalogue does not bill, in words. */
static const char *
unsupported_why(const char *field)
{
  if (strstr(field, "audio") != NULL)
    return "audio tokens";
  if (strstr(field, "image") != NULL)
    return "image tokens";
  if (strstr(field, "video") != NULL)
    return "video tokens";
  if (strncmp(field, "web_search", 10) == 0)
    return "a fee per web search";
  if (strstr(field, "citation") != NULL)
    return "citation tokens";
  if (strstr(field, "tool") != NULL)
    return "tool tokens";
  if (strstr(field, "_hours") != NULL || strcmp(field, "audio_hours") == 0)
    return "a price per hour of audio";
  if (strstr(field, "mchars") != NULL)
    return "a price per character";
  return "a kind of usage aicost does not bill";
}

/* One price object. `report_unsupported`: this row will be written, so
 * the fields it loses are worth a line each. */
static bool
read_prices(struct import *im, const json_t *obj, const char *ptr, bool report_unsupported,
            struct price_set *ps)
{
  const char *key;
  json_t *v;
  double reasoning = NO_PRICE;
  bool ok = true;

  memset(ps, 0, sizeof *ps);
  if (!json_is_object(obj)) {
    REPORT(im, ptr, FEED_ERROR, "must be a price object (got %s)", type_of(obj));
    return false;
  }
  json_object_foreach((json_t *)obj, key, v)
  {
    char p[AIC_DIAG_POINTER_MAX];
    size_t s;

    join(p, ptr, key);
    for (s = 0; s < N_SUPPORTED; s++)
      if (strcmp(key, supported[s].field) == 0)
        break;
    if (s < N_SUPPORTED) {
      struct field f;

      if (!read_field(im, v, p, &f)) {
        ok = false;
        continue;
      }
      /* cache_write_mtok and cache_write_5m_mtok name one price */
      if (ps->f[supported[s].kind].present) {
        REPORT(im, p, FEED_ERROR, "gives the cache-write price a second time");
        ok = false;
        continue;
      }
      ps->f[supported[s].kind] = f;
      continue;
    }
    if (strcmp(key, "requests_kcount") == 0) {
      double fee = 0;

      ok = read_number(im, v, p, &fee) && ok;
      ps->per_request_fee = fee > 0;
      continue;
    }
    if (strcmp(key, "output_reasoning_mtok") == 0 ||
        strcmp(key, "output_text_reasoning_mtok") == 0) {
      struct field f;

      if (!read_field(im, v, p, &f)) {
        ok = false;
        continue;
      }
      reasoning = f.n == 0 ? f.base : NO_PRICE;
      if (f.n > 0)
        ps->reasoning_apart = true;
      continue;
    }
    /* Any other field is a price of something else: a number or tiers. */
    {
      struct field f;

      if (!read_field(im, v, p, &f)) {
        ok = false;
        continue;
      }
      if (report_unsupported)
        REPORT(im, p, FEED_UNSUPPORTED, "not imported: %s (%s)", key, unsupported_why(key));
    }
  }
  if (reasoning == reasoning &&
      !(ps->f[K_OUTPUT].present && ps->f[K_OUTPUT].n == 0 && ps->f[K_OUTPUT].base == reasoning))
    ps->reasoning_apart = true;
  if (ps->reasoning_apart && report_unsupported)
    REPORT(im, ptr, FEED_UNSUPPORTED,
           "not imported: output_reasoning_mtok (reasoning priced apart from output; aicost "
           "bills reasoning tokens at the output price)");
  return ok;
}

/* ---- constraints ---- */

enum constraint { C_NONE, C_DATE, C_WINDOW };

/* "HH:MM:SS" (UTC: a trailing Z, or none) -> "HH:MM". False with an error
 * for what is not a time; *whole false when seconds or an offset other than
 * UTC make it a window aicost cannot name in HH:MM (UTC). */
static bool
read_time(struct import *im, const json_t *v, const char *ptr, char out[6], bool *whole)
{
  const char *s = json_string_value(v);
  size_t n = s != NULL ? strlen(s) : 0;
  int hh, mm, ss;

  if (s == NULL || n < 8 || s[2] != ':' || s[5] != ':' || strspn(s, "0123456789") != 2 ||
      strspn(s + 3, "0123456789") != 2 || strspn(s + 6, "0123456789") != 2) {
    REPORT(im, ptr, FEED_ERROR, "must be a time as HH:MM:SS (got %s)",
           s != NULL ? "another string" : type_of(v));
    return false;
  }
  hh = (s[0] - '0') * 10 + (s[1] - '0');
  mm = (s[3] - '0') * 10 + (s[4] - '0');
  ss = (s[6] - '0') * 10 + (s[7] - '0');
  if (hh > 23 || mm > 59 || ss > 59) {
    REPORT(im, ptr, FEED_ERROR, "must be a time of day (got %.20s)", s);
    return false;
  }
  if (ss != 0 || !(n == 8 || (n == 9 && s[8] == 'Z') || strcmp(s + 8, "+00:00") == 0))
    *whole = false;
  memcpy(out, s, 5);
  out[5] = '\0';
  return true;
}

/* A constraint: {start_date} or {start_time, end_time}; anything else is
 * an error (the schema allows nothing else). */
static bool
read_constraint(struct import *im, const json_t *c, const char *ptr, enum constraint *kind,
                const char **date, char start[6], char end[6], bool *whole)
{
  const json_t *d = json_object_get(c, "start_date");
  const json_t *t0 = json_object_get(c, "start_time"), *t1 = json_object_get(c, "end_time");
  const char *key;
  json_t *v;
  char p[AIC_DIAG_POINTER_MAX];
  bool ok = true;
  long day;

  if (!json_is_object(c)) {
    REPORT(im, ptr, FEED_ERROR, "must be an object (got %s)", type_of(c));
    return false;
  }
  json_object_foreach((json_t *)c, key, v)
  {
    if (strcmp(key, "start_date") != 0 && strcmp(key, "start_time") != 0 &&
        strcmp(key, "end_time") != 0) {
      join(p, ptr, key);
      REPORT(im, p, FEED_ERROR,
             "unknown constraint '%.40s' (known: start_date, or start_time "
             "with end_time)",
             key);
      ok = false;
    }
  }
  if (!ok)
    return false;
  if (d != NULL && t0 == NULL && t1 == NULL) {
    join(p, ptr, "start_date");
    if (!aic_date_parse(json_string_value(d), &day)) {
      REPORT(im, p, FEED_ERROR, "must be a date as YYYY-MM-DD (got %s)",
             json_is_string(d) ? "another string" : type_of(d));
      return false;
    }
    *kind = C_DATE;
    *date = json_string_value(d);
    return true;
  }
  if (d == NULL && t0 != NULL && t1 != NULL) {
    join(p, ptr, "start_time");
    ok = read_time(im, t0, p, start, whole);
    join(p, ptr, "end_time");
    ok = read_time(im, t1, p, end, whole) && ok;
    *kind = C_WINDOW;
    return ok;
  }
  REPORT(im, ptr, FEED_ERROR, "must hold start_date alone, or start_time with end_time");
  return false;
}

/* ---- a model's prices -> periods ---- */

static bool
has_tiers(const struct price_set *ps)
{
  for (int k = 0; k < N_KINDS; k++)
    if (ps->f[k].present && ps->f[k].n > 0)
      return true;
  return false;
}

/* Every kind both sets price, cheaper or equal in `a`, and cheaper in one. */
static bool
cheaper(const struct price_set *a, const struct price_set *b)
{
  bool less = false;

  for (int k = 0; k < N_KINDS; k++) {
    if (a->f[k].present != b->f[k].present || a->f[k].n > 0 || b->f[k].n > 0)
      return false;
    if (!a->f[k].present)
      continue;
    if (a->f[k].base > b->f[k].base)
      return false;
    less = less || a->f[k].base < b->f[k].base;
  }
  return less;
}

struct row {
  struct period p[AIC_API_PERIODS_MAX];
  size_t n;
  char skip[256]; /* why the row cannot be written faithfully; "" when it can */
};

#define SKIP(r, ...) snprintf((r)->skip, sizeof(r)->skip, __VA_ARGS__)

/* The list form: the first price always, later ones from a date or in a
 * window. Errors are bad input; what the catalogue cannot represent goes
 * to r->skip. */
static bool
read_conditional(struct import *im, const json_t *list, const char *ptr, bool report, struct row *r)
{
  size_t n = json_array_size(list), windows = 0, dates = 0;
  struct price_set window_set;
  char start[6] = "", end[6] = "";
  bool ok = true, whole = true;

  if (n == 0) {
    REPORT(im, ptr, FEED_ERROR, "must hold at least one price");
    return false;
  }
  for (size_t i = 0; i < n; i++) {
    const json_t *cp = json_array_get(list, i), *c;
    char ip[AIC_DIAG_POINTER_MAX], p[AIC_DIAG_POINTER_MAX];
    enum constraint kind = C_NONE;
    const char *date = NULL;
    struct price_set ps;

    join_index(ip, ptr, i);
    if (!json_is_object(cp)) {
      REPORT(im, ip, FEED_ERROR, "must be an object {constraint, prices} (got %s)", type_of(cp));
      ok = false;
      continue;
    }
    c = json_object_get(cp, "constraint");
    join(p, ip, "constraint");
    if (c != NULL && !json_is_null(c) &&
        !read_constraint(im, c, p, &kind, &date, start, end, &whole)) {
      ok = false;
      continue;
    }
    join(p, ip, "prices");
    if (json_object_get(cp, "prices") == NULL) {
      REPORT(im, p, FEED_ERROR, "missing: a conditional price needs its prices");
      ok = false;
      continue;
    }
    if (!read_prices(im, json_object_get(cp, "prices"), p, report, &ps)) {
      ok = false;
      continue;
    }
    if (i == 0 && kind != C_NONE)
      SKIP(r, "its first price has a constraint: nothing says what applies outside it");
    else if (i > 0 && kind == C_NONE)
      SKIP(r, "a later price has no constraint, so it would apply always");
    if (kind == C_WINDOW) {
      windows++;
      window_set = ps;
      continue;
    }
    if (kind == C_DATE) {
      dates++;
      if (r->n > 0 && r->p[r->n - 1].from != NULL && strcmp(date, r->p[r->n - 1].from) <= 0)
        SKIP(r, "its dated prices are not in rising date order");
    }
    if (r->n >= AIC_API_PERIODS_MAX) {
      SKIP(r, "more than %d dated prices", AIC_API_PERIODS_MAX);
      continue;
    }
    memset(&r->p[r->n], 0, sizeof r->p[r->n]);
    r->p[r->n].from = date;
    r->p[r->n].std = ps;
    r->n++;
  }
  if (!ok || r->skip[0] != '\0')
    return ok;
  if (windows > 0 && dates > 0)
    SKIP(r, "it mixes dated and time-of-day prices");
  else if (windows > 1)
    SKIP(r, "it has %zu time-of-day windows (aicost knows one off-peak window)", windows);
  else if (windows == 1 && !whole)
    SKIP(r, "its window is not in whole minutes of UTC");
  else if (windows == 1 && strcmp(start, end) == 0)
    SKIP(r, "its time-of-day window starts when it ends");
  else if (windows == 1 && (has_tiers(&window_set) || has_tiers(&r->p[0].std)))
    SKIP(r, "it has both prompt-length tiers and an off-peak window");
  else if (windows == 1 && cheaper(&window_set, &r->p[0].std)) {
    /* the window is the cheap part of the day */
    r->p[0].has_off_peak = true;
    r->p[0].off_peak = window_set;
    memcpy(r->p[0].start_utc, start, 6);
    memcpy(r->p[0].end_utc, end, 6);
  } else if (windows == 1 && cheaper(&r->p[0].std, &window_set)) {
    /* the window is the standard price; the rest of the day is off peak
     * (DeepSeek lists its full price from 00:30 to 16:30 UTC) */
    r->p[0].has_off_peak = true;
    r->p[0].off_peak = r->p[0].std;
    r->p[0].std = window_set;
    memcpy(r->p[0].start_utc, end, 6);
    memcpy(r->p[0].end_utc, start, 6);
  } else if (windows == 1) {
    SKIP(r, "neither side of its time-of-day window is cheaper for every kind of token");
  }
  return ok;
}

/* The starts of every tier of any field of ps, rising, without repeats. */
static size_t
tier_starts(const struct price_set *ps, double *out)
{
  size_t n = 0;

  for (int k = 0; k < N_KINDS; k++) {
    for (size_t t = 0; ps->f[k].present && t < ps->f[k].n; t++) {
      double s = ps->f[k].start[t];
      size_t i = 0;

      while (i < n && out[i] < s)
        i++;
      if (i < n && out[i] == s)
        continue;
      if (n >= FEED_TIERS_MAX)
        return FEED_TIERS_MAX + 1;
      memmove(out + i + 1, out + i, (n - i) * sizeof *out);
      out[i] = s;
      n++;
    }
  }
  return n;
}

/* The price of field f for a prompt that crossed `at` input tokens (< 0: none). */
static double
price_at(const struct field *f, double at)
{
  double p = f->base;

  for (size_t t = 0; t < f->n; t++)
    if (f->start[t] <= at)
      p = f->price[t];
  return p;
}

/* Why the row cannot be billed right, or "" (and suspicious notes). */
static void
check_row(struct import *im, const char *ptr, const char *id, bool report, struct row *r)
{
  double starts[FEED_TIERS_MAX + 1];
  bool nonzero = false;

  for (size_t k = 0; k < r->n && r->skip[0] == '\0'; k++) {
    const struct price_set *s = &r->p[k].std;
    size_t nt = tier_starts(s, starts);

    bool any = false;

    for (int kind = 0; kind < N_KINDS; kind++)
      any = any || s->f[kind].present;
    if (!any)
      SKIP(r, "no token prices at all (not priced, or no longer offered)");
    else if (!s->f[K_INPUT].present)
      SKIP(r, "no input price%s", k > 0 ? " in a dated price" : "");
    else if (!s->f[K_OUTPUT].present)
      SKIP(r, "no output price (an embedding or other model that generates no tokens)");
    else if (s->per_request_fee || (r->p[k].has_off_peak && r->p[k].off_peak.per_request_fee))
      SKIP(r, "it bills a fee per request besides tokens (requests_kcount), which aicost "
              "cannot add: its tokens alone would understate every request");
    else if (nt > FEED_TIERS_MAX)
      SKIP(r, "more than %d prompt-length tiers", FEED_TIERS_MAX);
    else if (nt > 0 && r->p[k].has_off_peak)
      SKIP(r, "it has both prompt-length tiers and an off-peak window");
    for (int kind = 0; kind < N_KINDS; kind++)
      nonzero = nonzero || (s->f[kind].present && (s->f[kind].base > 0 || s->f[kind].n > 0));
  }
  if (r->skip[0] == '\0' && !nonzero)
    SKIP(r, "every price is zero (a free or unpriced model): left out so that no projection "
            "costs it at zero");
  if (r->skip[0] != '\0' || !report)
    return;
  for (size_t k = 0; k < r->n; k++) {
    const struct price_set *s = &r->p[k].std;

    if (s->f[K_CACHED].present && s->f[K_CACHED].base > s->f[K_INPUT].base)
      REPORT(im, ptr, FEED_SUSPICIOUS,
             "%s: its cache-read price (%g) is above its input price "
             "(%g); kept as the feed has it",
             id, s->f[K_CACHED].base, s->f[K_INPUT].base);
    for (int kind = 0; kind < N_KINDS; kind++)
      if (s->f[kind].present && s->f[kind].base > PRICE_SUSPICIOUS)
        REPORT(im, ptr, FEED_SUSPICIOUS,
               "%s: %s is %g, above $%g per million tokens; kept as "
               "the feed has it",
               id, kind_key[kind], s->f[kind].base, PRICE_SUSPICIOUS);
  }
}

/* ---- writing ---- */

static void
write_prices(struct aic_buf *b, const char *indent, const struct price_set *ps, double at)
{
  for (int k = 0; k < N_KINDS; k++) {
    if (!ps->f[k].present)
      continue;
    aic_buf_printf(b, "%s%s: ", indent, kind_key[k]);
    feed_yaml_number(b, price_at(&ps->f[k], at));
    aic_buf_put(b, "\n");
  }
}

/* A period's prices, tiers and window at `indent` (the entry's own keys,
 * or a `changes` item's after its `from`). */
static void
write_period(struct aic_buf *b, const char *indent, const struct period *p)
{
  double starts[FEED_TIERS_MAX + 1];
  size_t nt = tier_starts(&p->std, starts);
  char deeper[32];

  snprintf(deeper, sizeof deeper, "%s    ", indent);
  write_prices(b, indent, &p->std, -1);
  if (nt > 0) {
    aic_buf_printf(b, "%stiers:\n", indent);
    for (size_t t = 0; t < nt; t++) {
      aic_buf_printf(b, "%s  - above_input_tokens: ", indent);
      feed_yaml_number(b, starts[t]);
      aic_buf_put(b, "\n");
      write_prices(b, deeper, &p->std, starts[t]);
    }
  }
  if (p->has_off_peak) {
    aic_buf_printf(b, "%soff_peak:\n%s  start_utc: \"%s\"\n%s  end_utc: \"%s\"\n", indent, indent,
                   p->start_utc, indent, p->end_utc);
    snprintf(deeper, sizeof deeper, "%s  ", indent);
    write_prices(b, deeper, &p->off_peak, -1);
  }
}

static char *
entry_text(const struct import *im, const char *id, const char *name, const char *provider,
           const char *model, const char *url, bool deprecated, const struct row *r)
{
  struct aic_buf b = { 0 };
  char source[768];

  aic_buf_printf(&b, "  %s:\n    name: ", id);
  feed_yaml_string(&b, name);
  aic_buf_put(&b, "\n");
  write_period(&b, "    ", &r->p[0]);
  if (r->n > 1) {
    aic_buf_put(&b, "    changes:\n");
    for (size_t k = 1; k < r->n; k++) {
      aic_buf_printf(&b, "      - from: \"%s\"\n", r->p[k].from);
      write_period(&b, "        ", &r->p[k]);
    }
  }
  snprintf(source, sizeof source,
           "genai-prices %.12s (MIT), provider '%s', model '%s'%s; the vendor's page: %s (S)",
           im->opt->commit != NULL ? im->opt->commit : "(no commit given)", provider, model,
           deprecated ? ", deprecated by the vendor" : "", url != NULL ? url : "none given");
  aic_buf_put(&b, "    source: ");
  feed_yaml_string(&b, source);
  aic_buf_printf(&b, "\n    as_of: \"%s\"\n", im->opt->as_of);
  return aic_buf_finish(&b, NULL);
}

/* `vendor/model`, lower case, characters outside [a-z0-9._/-] as '-'. */
static bool
make_id(char *out, size_t cap, const char *provider, const char *model)
{
  size_t n = 0;

  for (const char *parts[2] = { provider, model }, **p = parts; p < parts + 2; p++) {
    if (p == parts + 1 && n < cap)
      out[n++] = '/';
    for (const char *c = *p; *c != '\0' && n < cap; c++) {
      char ch = *c;

      if (ch >= 'A' && ch <= 'Z')
        ch = (char)(ch - 'A' + 'a');
      if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '.' || ch == '_' ||
            ch == '/' || ch == '-'))
        ch = '-';
      out[n++] = ch;
    }
  }
  if (n >= cap || n > ID_MAX)
    return false;
  out[n] = '\0';
  return (out[0] >= 'a' && out[0] <= 'z') || (out[0] >= '0' && out[0] <= '9');
}

static bool
listed(const char *const *list, size_t n, const char *s)
{
  for (size_t i = 0; i < n; i++)
    if (strcmp(list[i], s) == 0)
      return true;
  return false;
}

static bool
add_entry(struct import *im, const char *id, char *text)
{
  if (text == NULL)
    return false;
  if (im->n == im->cap) {
    size_t cap = im->cap ? 2 * im->cap : 256;
    struct entry *e = realloc(im->entries, cap * sizeof *e);

    if (e == NULL) {
      free(text);
      return false;
    }
    im->entries = e;
    im->cap = cap;
  }
  im->entries[im->n].id = strdup(id);
  im->entries[im->n].text = text;
  if (im->entries[im->n].id == NULL) {
    free(text);
    return false;
  }
  im->n++;
  return true;
}

static bool
known_id(const struct import *im, const char *id)
{
  for (size_t i = 0; i < im->n; i++)
    if (strcmp(im->entries[i].id, id) == 0)
      return true;
  return false;
}

/* ---- providers and models ---- */

static const char *
string_member(struct import *im, const json_t *obj, const char *key, const char *ptr, bool required,
              bool *ok)
{
  const json_t *v = json_object_get(obj, key);
  char p[AIC_DIAG_POINTER_MAX];

  if (v == NULL && !required)
    return NULL;
  if (json_is_string(v) && json_string_length(v) > 0)
    return json_string_value(v);
  join(p, ptr, key);
  if (v == NULL)
    REPORT(im, p, FEED_ERROR, "missing: required");
  else
    REPORT(im, p, FEED_ERROR, "must be a non-empty string (got %s)", type_of(v));
  *ok = false;
  return NULL;
}

static bool
read_model(struct import *im, const json_t *m, const char *ptr, const char *provider,
           const char *url, bool selected, struct row *r)
{
  const json_t *prices = json_object_get(m, "prices");
  const json_t *deprecated = json_object_get(m, "deprecated");
  const char *model, *name;
  char id[ID_MAX + 2], p[AIC_DIAG_POINTER_MAX];
  bool ok = true, report;

  if (!json_is_object(m)) {
    REPORT(im, ptr, FEED_ERROR, "must be a model object (got %s)", type_of(m));
    return false;
  }
  model = string_member(im, m, "id", ptr, true, &ok);
  name = string_member(im, m, "name", ptr, false, &ok);
  if (deprecated != NULL && !json_is_boolean(deprecated)) {
    join(p, ptr, "deprecated");
    REPORT(im, p, FEED_ERROR, "must be true or false (got %s)", type_of(deprecated));
    ok = false;
  }
  if (model == NULL)
    return false;
  r->n = 0;
  r->skip[0] = '\0';
  report = selected && make_id(id, sizeof id, provider, model) &&
           !listed(im->opt->except, im->opt->n_except, id) && !known_id(im, id);
  join(p, ptr, "prices");
  if (json_is_array(prices)) {
    ok = read_conditional(im, prices, p, report, r) && ok;
  } else if (json_is_object(prices)) {
    memset(&r->p[0], 0, sizeof r->p[0]);
    ok = read_prices(im, prices, p, report, &r->p[0].std) && ok;
    r->n = 1;
  } else {
    if (prices == NULL)
      REPORT(im, p, FEED_ERROR, "missing: required");
    else
      REPORT(im, p, FEED_ERROR, "must be a price object or a list of {constraint, prices} (got %s)",
             type_of(prices));
    ok = false;
  }
  if (!ok || !selected)
    return ok;
  if (!make_id(id, sizeof id, provider, model)) {
    REPORT(im, ptr, FEED_SKIPPED,
           "'%s/%.80s': cannot be a catalogue id (at most %d characters "
           "of a-z 0-9 . _ / -)",
           provider, model, ID_MAX);
    return true;
  }
  if (listed(im->opt->except, im->opt->n_except, id)) {
    REPORT(im, ptr, FEED_NOTE, "%s: kept by hand in the catalogue, not imported", id);
    return true;
  }
  if (known_id(im, id)) {
    REPORT(im, ptr, FEED_SKIPPED, "%s: the same id as an earlier model of the feed", id);
    return true;
  }
  check_row(im, ptr, id, report, r);
  if (r->skip[0] != '\0') {
    REPORT(im, ptr, FEED_SKIPPED, "%s: %s", id, r->skip);
    return true;
  }
  if (!add_entry(im, id,
                 entry_text(im, id, name != NULL ? name : model, provider, model, url,
                            json_is_true(deprecated), r)))
    im->nomem = true;
  return true;
}

static bool
read_provider(struct import *im, const json_t *pv, const char *ptr, struct row *r)
{
  const json_t *models = json_object_get(pv, "models"), *urls;
  const char *provider, *url = NULL;
  char p[AIC_DIAG_POINTER_MAX];
  bool ok = true, selected;

  if (!json_is_object(pv)) {
    REPORT(im, ptr, FEED_ERROR, "must be a provider object (got %s)", type_of(pv));
    return false;
  }
  provider = string_member(im, pv, "id", ptr, true, &ok);
  urls = json_object_get(pv, "pricing_urls");
  if (urls != NULL && !json_is_array(urls)) {
    join(p, ptr, "pricing_urls");
    REPORT(im, p, FEED_ERROR, "must be an array of addresses (got %s)", type_of(urls));
    ok = false;
  }
  for (size_t i = 0; json_is_array(urls) && i < json_array_size(urls); i++) {
    const json_t *u = json_array_get(urls, i);

    if (!json_is_string(u)) {
      join(p, ptr, "pricing_urls");
      join_index(p, p, i);
      REPORT(im, p, FEED_ERROR, "must be an address (got %s)", type_of(u));
      ok = false;
    } else if (url == NULL) {
      url = json_string_value(u); /* the first: the provider's own price page */
    }
  }
  join(p, ptr, "models");
  if (!json_is_array(models)) {
    if (models == NULL)
      REPORT(im, p, FEED_ERROR, "missing: required");
    else
      REPORT(im, p, FEED_ERROR, "must be an array of models (got %s)", type_of(models));
    return false;
  }
  if (provider == NULL)
    return false;
  selected = im->opt->providers == NULL ||
             listed(im->opt->providers, im->opt->n_providers, provider);
  if (!selected)
    REPORT(im, ptr, FEED_NOTE, "provider '%s' (%zu models) not selected", provider,
           json_array_size(models));
  for (size_t i = 0; i < json_array_size(models); i++) {
    char mp[AIC_DIAG_POINTER_MAX];

    join_index(mp, p, i);
    ok = read_model(im, json_array_get(models, i), mp, provider, url, selected, r) && ok;
  }
  return ok;
}

static int
by_id(const void *a, const void *b)
{
  return strcmp(((const struct entry *)a)->id, ((const struct entry *)b)->id);
}

static void
write_header(struct aic_buf *yaml, const struct import *im)
{
  const struct aic_feed_options *o = im->opt;

  aic_buf_put(yaml,
              "# API prices generated from the genai-prices feed: do not edit by hand. Refresh\n"
              "# them as docs/catalogue.md says (\"Refreshing API prices\"); correct a price in\n"
              "# config/catalogue.yaml, which the import then leaves out.\n");
  aic_buf_printf(yaml, "# Feed: pydantic/genai-prices v2 data.json, commit %s, as of %s.\n",
                 o->commit != NULL ? o->commit : "(none given)", o->as_of);
  aic_buf_put(yaml, "# Licence: MIT, Copyright (c) Pydantic Services Inc.\n");
  if (o->command != NULL)
    aic_buf_printf(yaml, "# Command: %s\n", o->command);
  aic_buf_printf(yaml,
                 "# %zu prices written; %zu rows skipped and %zu fields not imported, each "
                 "with its reason in the import's report.\n",
                 im->counts->entries, im->counts->skipped, im->counts->unsupported);
  aic_buf_put(yaml, "api_prices:\n");
}

int
aic_feed_genai_prices(const char *text, size_t len, const struct aic_feed_options *opt,
                      struct aic_buf *yaml, struct aic_buf *log, struct aic_feed_counts *counts)
{
  struct import im = { .opt = opt, .log = log, .counts = counts };
  struct row *r = NULL;
  json_error_t jerr;
  json_t *doc;
  long day;
  bool ok = true;

  memset(counts, 0, sizeof *counts);
  if (opt->as_of == NULL || !aic_date_parse(opt->as_of, &day)) {
    REPORT(&im, "", FEED_ERROR,
           "the snapshot's date (as_of, YYYY-MM-DD) is required: the feed "
           "carries none");
    return AIC_E_INVALID;
  }
  doc = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
  if (doc == NULL) {
    char where[64];

    snprintf(where, sizeof where, "line %d, column %d", jerr.line, jerr.column);
    REPORT(&im, where, FEED_ERROR, "not JSON: %s", jerr.text);
    return AIC_E_SYNTAX;
  }
  r = malloc(sizeof *r);
  if (r == NULL) {
    json_decref(doc);
    return AIC_E_NOMEM;
  }
  if (!json_is_array(doc)) {
    REPORT(&im, "", FEED_ERROR, "must be an array of providers (got %s)", type_of(doc));
    ok = false;
  }
  for (size_t i = 0; json_is_array(doc) && i < json_array_size(doc); i++) {
    char p[AIC_DIAG_POINTER_MAX];

    join_index(p, "", i);
    ok = read_provider(&im, json_array_get(doc, i), p, r) && ok;
  }
  counts->entries = im.n;
  if (ok && counts->errors == 0 && !im.nomem) {
    if (im.n > 1)
      qsort(im.entries, im.n, sizeof *im.entries, by_id);
    write_header(yaml, &im);
    for (size_t i = 0; i < im.n; i++)
      aic_buf_put(yaml, im.entries[i].text);
    /* a catalogue file ends with YAML's end of document (docs/catalogue.md):
     * without it a file caught half written would pass for a shorter one */
    aic_buf_put(yaml, "...\n");
  }
  for (size_t i = 0; i < im.n; i++) {
    free(im.entries[i].id);
    free(im.entries[i].text);
  }
  free(im.entries);
  free(r);
  json_decref(doc);
  if (im.nomem || yaml->failed || log->failed)
    return AIC_E_NOMEM;
  return ok && counts->errors == 0 ? AIC_OK : AIC_E_INVALID;
}
