/* src/feeds: public price feeds -> catalogue YAML text, so that prices stay
 * fresh without hand edits (`aicost catalogue import FORMAT FILE`).
 *
 *   feed_yaml.c    YAML scalars that the catalogue loader reads back
 *                  exactly (quoted strings, shortest round-trip numbers),
 *                  and the report: every error, skipped or suspicious row
 *                  and unsupported field, one line each, with its location
 *   feed_check.c   a row about to be written, against the catalogue's
 *                  own table for its entry
 *   genai_prices.c the pydantic/genai-prices v2 feed (API token prices)
 *
 * An importer reads the whole feed, checks every value, and writes entries
 * sorted by id, each with its `source` (the feed, its commit, the vendor's
 * page) and `as_of`. Bad input (a syntax error, a negative or non-numeric
 * price, a wrong type, an unknown constraint) is an error with its JSON
 * Pointer and the import fails: no catalogue with a silent zero. A row the
 * catalogue cannot represent faithfully is skipped and said so, as is one
 * its own table for the entry refuses (feed_check.c: the catalogue's rules
 * have one home); a field it does not bill is reported. What may live
 * here: the feeds' formats and their mapping to the catalogue's. What may
 * not: the catalogue's rules, loading or merging (src/catalogue), I/O (the
 * caller passes bytes and gets text). Depends on src/catalogue's tables,
 * src/json (jansson) and src/util. Tests: tests/unit/feeds. */
#ifndef AICOST_FEEDS_H
#define AICOST_FEEDS_H

#include <stdbool.h>
#include <stddef.h>

#include "aicost/util.h"

/* What every importer is told. */
struct aic_feed_options {
  const char *file;             /* the feed's name, for the report ("data.json") */
  const char *as_of;            /* YYYY-MM-DD: when the snapshot was taken (required) */
  const char *commit;           /* the feed's commit or version, named in every source */
  const char *const *providers; /* keep only these providers; NULL: all */
  size_t n_providers;
  const char *const *except; /* ids to leave out: kept by hand elsewhere (noted) */
  size_t n_except;
  const char *command; /* the command line, written in the header */
};

/* How an import went: what the report's lines counted. */
struct aic_feed_counts {
  size_t errors;      /* bad input: the import failed */
  size_t entries;     /* written */
  size_t skipped;     /* rows left out, each with its reason */
  size_t unsupported; /* fields not imported, each named */
  size_t suspicious;  /* rows kept but worth a look */
};

/* The genai-prices v2 feed (`data.json`: a list of providers with their
 * models and prices) -> `api_prices:` YAML in *yaml, the report in *log.
 * Returns AIC_OK; AIC_E_SYNTAX (not JSON: line and column in the log);
 * AIC_E_INVALID (bad values: every one in the log, *yaml left empty);
 * AIC_E_NOMEM. */
int aic_feed_genai_prices(const char *text, size_t len, const struct aic_feed_options *opt,
                          struct aic_buf *yaml, struct aic_buf *log,
                          struct aic_feed_counts *counts);

#endif
