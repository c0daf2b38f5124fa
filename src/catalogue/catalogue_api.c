/* The catalogue's API prices and batch discounts: an entry's own prices are
 * its first period; `tiers` (prompt-length tiers), `off_peak` (a daily
 * window) and `changes` (later periods, each from a date, with tiers and a
 * window of their own) complete it. The rules beyond each key's own type
 * (docs/catalogue.md, "API price"):
 * - input and output prices everywhere; a tier, a window and a change give
 *   the same kinds of price as the prices they stand beside;
 * - tiers rise, changes rise by date, at most AIC_API_TIERS_MAX tiers and
 *   AIC_API_PERIODS_MAX periods;
 * - a period has tiers or an off-peak window, not both;
 * - a window is two different times of day, HH:MM UTC. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "aicost/date.h"
#include "catalogue_api.h"

#define ID_MAX 64

bool
catalogue_valid_id(const char *s, size_t len)
{
  if (len == 0 || len > ID_MAX)
    return false;
  if (!((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= '0' && s[0] <= '9')))
    return false;
  for (size_t i = 1; i < len; i++) {
    char c = s[i];

    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
          c == '/' || c == '-'))
      return false;
  }
  return true;
}

/* The five price rows, at the offset of a struct aic_token_prices. */
#define PRICE_ROWS(S, m)                                                                          \
  { "input_per_mtok_usd", CF_NUM, offsetof(S, m.input_per_mtok_usd), 0, true, 0 },               \
  { "cached_input_per_mtok_usd", CF_NUM, offsetof(S, m.cached_input_per_mtok_usd), 0, false, 0 }, \
  { "cache_write_per_mtok_usd", CF_NUM, offsetof(S, m.cache_write_per_mtok_usd), 0, false, 0 },   \
  { "cache_write_1h_per_mtok_usd", CF_NUM, offsetof(S, m.cache_write_1h_per_mtok_usd), 0, false,  \
    0 },                                                                                          \
  { "output_per_mtok_usd", CF_NUM, offsetof(S, m.output_per_mtok_usd), 0, true, 0 }

/* The rows after the prices, by position in each table (nodes[]). */
struct entry_row {
  const char *name, *source, *as_of;
  struct aic_token_prices p;
};
static const struct cfield entry_fields[] = {
  { "name", CF_STR, offsetof(struct entry_row, name), 0, true, 0 },
  PRICE_ROWS(struct entry_row, p),
  { "tiers", CF_NODE, 0, 0, false, 0 },
  { "off_peak", CF_NODE, 0, 0, false, 0 },
  { "changes", CF_NODE, 0, 0, false, 0 },
  { "source", CF_STR, offsetof(struct entry_row, source), 0, true, 0 },
  { "as_of", CF_DATE, offsetof(struct entry_row, as_of), 0, true, 0 },
  { NULL, CF_STR, 0, 0, false, 0 },
};
enum { ENTRY_TIERS = 6, ENTRY_OFF_PEAK = 7, ENTRY_CHANGES = 8 };

struct change_row {
  const char *from;
  struct aic_token_prices p;
};
static const struct cfield change_fields[] = {
  { "from", CF_DATE, offsetof(struct change_row, from), 0, true, 0 },
  PRICE_ROWS(struct change_row, p),
  { "tiers", CF_NODE, 0, 0, false, 0 },
  { "off_peak", CF_NODE, 0, 0, false, 0 },
  { NULL, CF_STR, 0, 0, false, 0 },
};
enum { CHANGE_TIERS = 6, CHANGE_OFF_PEAK = 7 };

struct tier_row {
  double above;
  struct aic_token_prices p;
};
static const struct cfield tier_fields[] = {
  { "above_input_tokens", CF_NUM, offsetof(struct tier_row, above), 0, true, CR_POSITIVE | CR_WHOLE },
  PRICE_ROWS(struct tier_row, p),
  { NULL, CF_STR, 0, 0, false, 0 },
};

struct off_row {
  const char *start, *end;
  struct aic_token_prices p;
};
static const struct cfield off_peak_fields[] = {
  { "start_utc", CF_STR, offsetof(struct off_row, start), 0, true, 0 },
  { "end_utc", CF_STR, offsetof(struct off_row, end), 0, true, 0 },
  PRICE_ROWS(struct off_row, p),
  { NULL, CF_STR, 0, 0, false, 0 },
};
enum { OFF_START = 0, OFF_END = 1 };

struct batch_row {
  double factor;
  const char *source, *as_of;
};
static const struct cfield batch_fields[] = {
  { "price_factor", CF_NUM, offsetof(struct batch_row, factor), 0, true, CR_POSITIVE | CR_FRACTION },
  { "source", CF_STR, offsetof(struct batch_row, source), 0, true, 0 },
  { "as_of", CF_DATE, offsetof(struct batch_row, as_of), 0, true, 0 },
  { NULL, CF_STR, 0, 0, false, 0 },
};

_Static_assert(sizeof entry_fields / sizeof entry_fields[0] <= CF_ROWS_MAX, "nodes[] size");

static const char *const kind_keys[] = {
  "cached_input_per_mtok_usd", "cache_write_per_mtok_usd", "cache_write_1h_per_mtok_usd",
};

/* The optional kinds of p, in kind_keys' order. */
static void
kinds_of(const struct aic_token_prices *p, bool has[3])
{
  has[0] = aic_has(p->cached_input_per_mtok_usd);
  has[1] = aic_has(p->cache_write_per_mtok_usd);
  has[2] = aic_has(p->cache_write_1h_per_mtok_usd);
}

/* A tier, window or change prices the kinds the prices beside it do. */
static void
same_kinds(struct yreport *L, const struct ynode *at, const char *path,
           const struct aic_token_prices *beside, const struct aic_token_prices *p,
           const char *beside_name)
{
  bool want[3], got[3];

  kinds_of(beside, want);
  kinds_of(p, got);
  for (int k = 0; k < 3; k++) {
    if (want[k] != got[k])
      yreport_error(L, at, path, "%s %s, which %s %s: give the same kinds of price",
                    got[k] ? "gives" : "lacks", kind_keys[k], beside_name,
                    got[k] ? "lacks" : "gives");
  }
}

static bool
is_time(const char *s)
{
  return s != NULL && strlen(s) == 5 && s[2] == ':' && s[0] >= '0' && s[0] <= '2' &&
         s[1] >= '0' && s[1] <= '9' && s[3] >= '0' && s[3] <= '5' && s[4] >= '0' &&
         s[4] <= '9' && (s[0] - '0') * 10 + (s[1] - '0') <= 23;
}

static int
read_tiers(struct yreport *L, struct arena *a, const struct ynode *seq, const char *path,
           struct aic_api_period *period)
{
  struct aic_api_tier *tiers;
  size_t n = 0;

  if (seq->kind != YNODE_SEQ) {
    yreport_error(L, seq, path, "expected a list of tiers, got %s", ynode_describe(seq));
    return 0;
  }
  if (seq->n == 0 || seq->n > AIC_API_TIERS_MAX) {
    yreport_error(L, seq, path, "must hold 1 to %d tiers", AIC_API_TIERS_MAX);
    return 0;
  }
  tiers = arena_alloc(a, seq->n * sizeof *tiers);
  if (tiers == NULL)
    return AIC_E_NOMEM;
  for (size_t i = 0; i < seq->n; i++) {
    const struct ynode *nodes[CF_ROWS_MAX] = { NULL };
    struct tier_row t;
    char p[AIC_DIAG_DETAIL_MAX + 24]; /* path and "[i]" */
    size_t before = L->n_errors;

    snprintf(p, sizeof p, "%s[%zu]", path, i);
    cfields_apply(L, tier_fields, seq->items[i], p, &t, nodes);
    if (L->n_errors != before)
      continue;
    same_kinds(L, seq->items[i], p, &period->prices, &t.p, "the prices it stands beside");
    if (n > 0 && !(t.above > tiers[n - 1].above_input_tokens))
      yreport_error(L, nodes[0], p, "above_input_tokens must rise from tier to tier");
    tiers[n].above_input_tokens = t.above;
    tiers[n].prices = t.p;
    n++;
  }
  period->tiers = tiers;
  period->n_tiers = n;
  return 0;
}

static void
read_off_peak(struct yreport *L, const struct ynode *map, const char *path,
              struct aic_api_period *period)
{
  const struct ynode *nodes[CF_ROWS_MAX] = { NULL };
  struct off_row o;
  size_t before = L->n_errors;

  cfields_apply(L, off_peak_fields, map, path, &o, nodes);
  if (L->n_errors != before)
    return;
  for (int k = OFF_START; k <= OFF_END; k++) {
    const char *t = k == OFF_START ? o.start : o.end;

    if (!is_time(t)) {
      char p[AIC_DIAG_DETAIL_MAX];

      ypath_join(p, sizeof p, path, k == OFF_START ? "start_utc" : "end_utc");
      yreport_error(L, nodes[k], p, "expected a time of day as HH:MM (UTC), got '%.20s'", t);
    }
  }
  if (is_time(o.start) && is_time(o.end) && strcmp(o.start, o.end) == 0)
    yreport_error(L, map, path, "start_utc and end_utc are the same time: the window is empty");
  same_kinds(L, map, path, &period->prices, &o.p, "the standard prices beside it");
  if (period->n_tiers > 0)
    yreport_error(L, map, path, "a period has prompt-length tiers or an off-peak window, not "
                                "both (no vendor publishes both)");
  period->has_off_peak = true;
  period->off_peak = o.p;
  period->off_peak_start_utc = o.start;
  period->off_peak_end_utc = o.end;
}

/* A period's tiers and window, from their nodes (NULL: none). */
static int
read_period_parts(struct yreport *L, struct arena *a, const struct ynode *tiers,
                  const struct ynode *off_peak, const char *path, struct aic_api_period *period)
{
  char p[AIC_DIAG_DETAIL_MAX];

  if (tiers != NULL) {
    ypath_join(p, sizeof p, path, "tiers");
    if (read_tiers(L, a, tiers, p, period) != 0)
      return AIC_E_NOMEM;
  }
  if (off_peak != NULL) {
    ypath_join(p, sizeof p, path, "off_peak");
    read_off_peak(L, off_peak, p, period);
  }
  return 0;
}

static int
read_changes(struct yreport *L, struct arena *a, const struct ynode *seq, const char *path,
             struct aic_api_period *periods, size_t *n)
{
  long last = 0;

  if (seq->kind != YNODE_SEQ) {
    yreport_error(L, seq, path, "expected a list of dated prices, got %s", ynode_describe(seq));
    return 0;
  }
  if (seq->n == 0 || seq->n + 1 > AIC_API_PERIODS_MAX) {
    yreport_error(L, seq, path, "must hold 1 to %d dated prices", AIC_API_PERIODS_MAX - 1);
    return 0;
  }
  for (size_t i = 0; i < seq->n; i++) {
    const struct ynode *nodes[CF_ROWS_MAX] = { NULL };
    struct aic_api_period *period = &periods[*n];
    struct change_row c;
    char p[AIC_DIAG_DETAIL_MAX + 24]; /* path and "[i]" */
    size_t before = L->n_errors;
    long day;

    snprintf(p, sizeof p, "%s[%zu]", path, i);
    cfields_apply(L, change_fields, seq->items[i], p, &c, nodes);
    if (L->n_errors != before)
      continue;
    if (!aic_date_parse(c.from, &day)) {
      yreport_error(L, nodes[0], p, "from: not a calendar date ('%.20s')", c.from);
      continue;
    }
    if (i > 0 && day <= last)
      yreport_error(L, nodes[0], p, "from must be later than the previous change's");
    last = day;
    memset(period, 0, sizeof *period);
    period->from = c.from;
    period->prices = c.p;
    same_kinds(L, seq->items[i], p, &periods[0].prices, &c.p, "the entry's own prices");
    if (read_period_parts(L, a, nodes[CHANGE_TIERS], nodes[CHANGE_OFF_PEAK], p, period) != 0)
      return AIC_E_NOMEM;
    (*n)++;
  }
  return 0;
}

/* A section that maps ids to entries: its array of map->n entries in the
 * arena. Returns 1 to read them, 0 when it is no mapping (reported), or
 * AIC_E_NOMEM. */
static int
entries_begin(struct yreport *L, struct arena *a, const struct ynode *map, const char *section,
              const char *what, size_t size, void **v)
{
  if (map->kind != YNODE_MAP) {
    yreport_error(L, map, section, "expected a mapping %s, got %s", what, ynode_describe(map));
    return 0;
  }
  if (map->n > 0) {
    *v = arena_alloc(a, map->n * size);
    if (*v == NULL)
      return AIC_E_NOMEM;
  }
  return 1;
}

/* An entry's key: a scalar met once, a valid id; its path into `path`. */
static bool
entry_key(struct yreport *L, const struct ynode *key, const char *section, char *path, size_t cap)
{
  if (ykey_check(L, key, section, "id"))
    return false;
  ypath_join(path, cap, section, key->text);
  if (!catalogue_valid_id(key->text, key->len)) {
    yreport_error(L, key, path,
                  "invalid id (lower-case letters, digits and . _ / -, starting with a letter or "
                  "digit, at most %d characters)", ID_MAX);
    return false;
  }
  return true;
}

int
catalogue_read_api_prices(struct yreport *L, struct arena *a, const struct ynode *map,
                          struct api_prices_read *out)
{
  int r;

  memset(out, 0, sizeof *out);
  r = entries_begin(L, a, map, "api_prices", "from id to entry", sizeof *out->v, (void **)&out->v);
  for (size_t i = 0; r > 0 && i < map->n; i++) {
    const struct ynode *key = map->items[2 * i], *val = map->items[2 * i + 1];
    const struct ynode *nodes[CF_ROWS_MAX] = { NULL };
    struct aic_api_price *e = &out->v[out->n];
    struct aic_api_period *periods;
    struct entry_row row;
    char path[AIC_DIAG_DETAIL_MAX];
    size_t n = 1;

    if (!entry_key(L, key, "api_prices", path, sizeof path))
      continue;
    cfields_apply(L, entry_fields, val, path, &row, nodes);
    periods = arena_alloc(a, AIC_API_PERIODS_MAX * sizeof *periods);
    if (periods == NULL)
      return AIC_E_NOMEM;
    periods[0].prices = row.p;
    if (read_period_parts(L, a, nodes[ENTRY_TIERS], nodes[ENTRY_OFF_PEAK], path, &periods[0]) != 0)
      return AIC_E_NOMEM;
    if (nodes[ENTRY_CHANGES] != NULL) {
      char p[AIC_DIAG_DETAIL_MAX];

      ypath_join(p, sizeof p, path, "changes");
      if (read_changes(L, a, nodes[ENTRY_CHANGES], p, periods, &n) != 0)
        return AIC_E_NOMEM;
    }
    *e = (struct aic_api_price){ .id = key->text, .name = row.name, .source = row.source,
                                 .as_of = row.as_of, .periods = periods, .n_periods = n };
    for (size_t k = 0; k < n; k++)
      out->n_tiers += periods[k].n_tiers;
    out->n_periods += n;
    out->n++;
  }
  return r < 0 ? r : 0;
}

int
catalogue_read_api_batch(struct yreport *L, struct arena *a, const struct ynode *map,
                         struct api_batch_read *out)
{
  int r;

  memset(out, 0, sizeof *out);
  r = entries_begin(L, a, map, "api_batch", "from a vendor (or vendor/model) to its batch discount",
                    sizeof *out->v, (void **)&out->v);
  for (size_t i = 0; r > 0 && i < map->n; i++) {
    const struct ynode *key = map->items[2 * i], *val = map->items[2 * i + 1];
    struct batch_row row;
    char path[AIC_DIAG_DETAIL_MAX];

    if (!entry_key(L, key, "api_batch", path, sizeof path))
      continue;
    cfields_apply(L, batch_fields, val, path, &row, NULL);
    out->v[out->n++] = (struct aic_api_batch){ .id = key->text, .source = row.source,
                                               .as_of = row.as_of, .price_factor = row.factor };
  }
  return r < 0 ? r : 0;
}
