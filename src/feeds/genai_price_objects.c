/* One price object of the genai-prices feed -> a price set (genai_prices.h
 * has the feed and the mapping): the fields the catalogue bills, each a
 * number or a base with tiers by input tokens; every other field is
 * reported as not imported, never dropped in silence. */
#include <math.h>
#include <string.h>

#include "genai_prices.h"

#define NO_PRICE ((double)NAN)

const char *const genai_kind_key[N_KINDS] = {
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
bool
genai_read_prices(struct import *im, const json_t *obj, const char *ptr, bool report_unsupported,
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

/* The starts of every tier of any field of ps, rising, without repeats. */
size_t
genai_tier_starts(const struct price_set *ps, double *out)
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
