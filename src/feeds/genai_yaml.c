/* A genai-prices row -> its entry of the catalogue's `api_prices` (the
 * members under its id), and the generated file's header (genai_prices.h). */
#include <stdio.h>

#include "genai_prices.h"

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

static void
write_prices(struct aic_buf *b, const char *indent, const struct price_set *ps, double at)
{
  for (int k = 0; k < N_KINDS; k++) {
    if (!ps->f[k].present)
      continue;
    aic_buf_printf(b, "%s%s: ", indent, genai_kind_key[k]);
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
  size_t nt = genai_tier_starts(&p->std, starts);
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

char *
genai_entry_text(const struct import *im, const char *name, const char *provider, const char *model,
                 const char *url, bool deprecated, const struct row *r)
{
  struct aic_buf b = { 0 };
  char source[768];

  aic_buf_put(&b, "    name: ");
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

void
genai_write_header(struct aic_buf *yaml, const struct import *im)
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
