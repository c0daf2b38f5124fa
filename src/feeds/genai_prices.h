/* The genai-prices importer's own parts (`aicost catalogue import
 * genai-prices`, aic_feed_genai_prices in aicost/feeds.h): the feed, the
 * mapping, and what the files below share. Not part of the public API.
 *
 * The feed (pydantic/genai-prices v2, data.json and data.schema.json): a
 * list of providers {id, name, pricing_urls, models: [{id, name?,
 * deprecated?, prices}]}, where `prices` is one price object or a list of
 * {constraint?, prices} (the first without a constraint; later ones from a
 * start_date, or within a daily start_time..end_time window, UTC). A price
 * field is a number (USD per million tokens for *_mtok) or {base, tiers:
 * [{start, price}]}: a request whose input tokens cross a tier's start is
 * billed at its price, all of it.
 *
 * The mapping to the catalogue's `api_prices` (docs/catalogue.md,
 * "Refreshing API prices"):
 *   input_mtok -> input_per_mtok_usd, cache_read_mtok -> cached_input_,
 *   cache_write_mtok (or cache_write_5m_mtok) -> cache_write_,
 *   cache_write_1h_mtok -> cache_write_1h_, output_mtok -> output_;
 *   tiers of any field -> `tiers` (the union of their starts, each field at
 *   its own price there); start_date prices -> `changes`; one time window
 *   -> `off_peak` (the cheaper side, with its hours).
 * Everything else (audio, image, video, web searches, per-request fees...)
 * is reported, never dropped in silence; a row with a per-request fee is
 * skipped, since its tokens alone would understate every request.
 *
 *   genai_prices.c        providers and models -> entries, ids, the run
 *   genai_price_objects.c one price object -> a price set (the mapping's
 *                         fields, tiers, what is not imported)
 *   genai_periods.c       a list of conditional prices -> a row's periods
 *                         (changes, off peak), and whether it bills right
 *   genai_yaml.c          a row -> its catalogue entry, the file's header
 * Each entry is written only when the catalogue's own table takes it
 * (feed_check.h); else the row is skipped with the catalogue's message. */
#ifndef AICOST_FEEDS_GENAI_PRICES_H
#define AICOST_FEEDS_GENAI_PRICES_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "aicost/catalogue.h"
#include "aicost/diag.h"
#include "feed_yaml.h"
#include "json_util.h"

/* "a string", "an object"...; "nothing" for a member that is missing. */
static inline const char *
type_of(const json_t *v)
{
  return v != NULL ? aic_json_type_phrase(v) : "nothing";
}

enum { K_INPUT, K_CACHED, K_WRITE, K_WRITE_1H, K_OUTPUT, N_KINDS };

/* The catalogue key of each kind (genai_price_objects.c). */
extern const char *const genai_kind_key[N_KINDS];

#define FEED_TIERS_MAX AIC_API_TIERS_MAX

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

/* A model's prices: its periods, the first without a date. */
struct row {
  struct period p[AIC_API_PERIODS_MAX];
  size_t n;
  char skip[256]; /* why the row cannot be written faithfully; "" when it can */
};

/* One catalogue entry written: its id (the file is in id order) and text. */
struct entry {
  char *id;
  char *text;
};

/* One run of the importer: its options, its report, the entries so far. */
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

static inline void
join(char *out, const char *base, const char *key)
{
  aic_pointer_join(out, AIC_DIAG_POINTER_MAX, base, key);
}

static inline void
join_index(char *out, const char *base, size_t i)
{
  aic_pointer_index(out, AIC_DIAG_POINTER_MAX, base, i);
}

/* genai_price_objects.c */

/* One price object into ps; false when it is bad input (each error
 * reported). `report_unsupported`: this row will be written, so the fields
 * it loses are worth a line each. */
bool genai_read_prices(struct import *im, const json_t *obj, const char *ptr,
                       bool report_unsupported, struct price_set *ps);
/* The starts of every tier of any field of ps, rising, without repeats,
 * into out (room for FEED_TIERS_MAX + 1); FEED_TIERS_MAX + 1 when there are
 * more than FEED_TIERS_MAX. */
size_t genai_tier_starts(const struct price_set *ps, double *out);

/* genai_periods.c */

/* The list form of `prices` into r's periods. Errors are bad input; what
 * the catalogue cannot represent goes to r->skip. */
bool genai_read_conditional(struct import *im, const json_t *list, const char *ptr, bool report,
                            struct row *r);
/* Why the row cannot be billed right, in r->skip ("" when it can). */
void genai_check_row(struct row *r);
/* The row's suspicious prices, as notes: for a row that is written. */
void genai_note_row(struct import *im, const char *ptr, const char *id, const struct row *r);

/* genai_yaml.c */

/* The row's catalogue entry: its members, indented to sit under its id in
 * `api_prices` (the file's writer puts the id), owned; NULL when out of
 * memory. */
char *genai_entry_text(const struct import *im, const char *name, const char *provider,
                       const char *model, const char *url, bool deprecated, const struct row *r);
/* The comment at the top of the file (the feed, its commit, the counts)
 * and the `api_prices:` key. */
void genai_write_header(struct aic_buf *yaml, const struct import *im);

#endif
