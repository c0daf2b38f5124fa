/* A genai-prices model's list of conditional prices -> the periods of a
 * catalogue row (genai_prices.h): dated prices become `changes`, one daily
 * window `off_peak`; then whether the row can be billed right, or why it
 * is skipped. */
#include <stdio.h>
#include <string.h>

#include "aicost/date.h"
#include "genai_prices.h"

/* Above any published price ($600 is the dearest output in 2026): kept as
 * the feed has it, with a note. */
#define PRICE_SUSPICIOUS 1000.0

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

#define SKIP(r, ...) snprintf((r)->skip, sizeof(r)->skip, __VA_ARGS__)

/* The list form: the first price always, later ones from a date or in a
 * window. Errors are bad input; what the catalogue cannot represent goes
 * to r->skip. */
bool
genai_read_conditional(struct import *im, const json_t *list, const char *ptr, bool report,
                       struct row *r)
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
    if (!genai_read_prices(im, json_object_get(cp, "prices"), p, report, &ps)) {
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

/* Why the row cannot be billed right, or "". */
void
genai_check_row(struct row *r)
{
  double starts[FEED_TIERS_MAX + 1];
  bool nonzero = false;

  for (size_t k = 0; k < r->n && r->skip[0] == '\0'; k++) {
    const struct price_set *s = &r->p[k].std;
    size_t nt = genai_tier_starts(s, starts);

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
}

void
genai_note_row(struct import *im, const char *ptr, const char *id, const struct row *r)
{
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
               id, genai_kind_key[kind], s->f[kind].base, PRICE_SUSPICIOUS);
  }
}
