/* GPU offers: the names of their kinds, and which offer prices a GPU-hour
 * when a scenario names a provider, a region, or neither (the default
 * rule: the median provider's offer). docs/catalogue.md, "Offers". */
#include "aicost/catalogue.h"

#include <string.h>

static const char *const kind_names[AIC_OFFER_KIND_COUNT] = {
  "on_demand", "spot", "reserved_1y", "reserved_3y", "capacity_block",
};

const char *
aic_offer_kind_name(enum aic_offer_kind k)
{
  return (unsigned)k < AIC_OFFER_KIND_COUNT ? kind_names[k] : "?";
}

int
aic_offer_kind_parse(const char *name, enum aic_offer_kind *out)
{
  size_t i;

  if (name == NULL)
    return -1;
  for (i = 0; i < AIC_OFFER_KIND_COUNT; i++) {
    if (strcmp(kind_names[i], name) == 0) {
      *out = (enum aic_offer_kind)i;
      return 0;
    }
  }
  return -1;
}

static bool
same(const char *a, const char *b)
{
  return a != NULL && b != NULL && strcmp(a, b) == 0;
}

/* Regions in name order, an offer without one first. */
static int
region_cmp(const char *a, const char *b)
{
  if (a == NULL || b == NULL)
    return (a != NULL) - (b != NULL);
  return strcmp(a, b);
}

/* The cheaper of two offers of one provider; equal prices: the region
 * first by name, so the choice never depends on the order in the file. */
static bool
cheaper(const struct aic_offer *a, const struct aic_offer *b)
{
  if (a->price_per_gpu_hour_usd != b->price_per_gpu_hour_usd)
    return a->price_per_gpu_hour_usd < b->price_per_gpu_hour_usd;
  return region_cmp(a->region, b->region) < 0;
}

/* The order of the median: by price, then provider name. */
static bool
before(const struct aic_offer *a, const struct aic_offer *b)
{
  if (a->price_per_gpu_hour_usd != b->price_per_gpu_hour_usd)
    return a->price_per_gpu_hour_usd < b->price_per_gpu_hour_usd;
  return strcmp(a->provider, b->provider) < 0;
}

static size_t
n_read(const struct aic_gpu *g)
{
  if (g == NULL || g->offers == NULL)
    return 0;
  return g->n_offers < AIC_OFFERS_MAX ? g->n_offers : AIC_OFFERS_MAX;
}

static bool
usable(const struct aic_offer *o, enum aic_offer_kind kind)
{
  return o->kind == kind && o->provider != NULL &&
         o->price_per_gpu_hour_usd == o->price_per_gpu_hour_usd;
}

/* Each provider's cheapest offer of the kind into best[], in price order
 * (then provider name); returns how many. */
static size_t
cheapest_per_provider(const struct aic_gpu *g, enum aic_offer_kind kind,
                      const struct aic_offer **best)
{
  size_t n = n_read(g), m = 0;

  for (size_t i = 0; i < n; i++) {
    const struct aic_offer *o = &g->offers[i];
    size_t k;

    if (!usable(o, kind))
      continue;
    for (k = 0; k < m; k++)
      if (same(best[k]->provider, o->provider))
        break;
    if (k == m)
      best[m++] = o;
    else if (cheaper(o, best[k]))
      best[k] = o;
  }
  /* insertion sort: a handful of providers */
  for (size_t i = 1; i < m; i++) {
    const struct aic_offer *o = best[i];
    size_t k = i;

    while (k > 0 && before(o, best[k - 1])) {
      best[k] = best[k - 1];
      k--;
    }
    best[k] = o;
  }
  return m;
}

static const struct aic_offer *
median(const struct aic_gpu *g, enum aic_offer_kind kind, size_t *providers)
{
  const struct aic_offer *best[AIC_OFFERS_MAX];
  size_t m = cheapest_per_provider(g, kind, best);

  *providers = m;
  if (m == 0)
    return NULL;
  return best[(m - 1) / 2];
}

size_t
aic_offer_provider_prices(const struct aic_gpu *g, enum aic_offer_kind kind, double *out)
{
  const struct aic_offer *best[AIC_OFFERS_MAX];
  size_t m = cheapest_per_provider(g, kind, best);

  for (size_t i = 0; i < m; i++)
    out[i] = best[i]->price_per_gpu_hour_usd;
  return m;
}

const struct aic_offer *
aic_offer_pick(const struct aic_gpu *g, enum aic_offer_kind kind, const char *provider,
               const char *region, size_t *providers, enum aic_offer_miss *miss)
{
  const struct aic_offer *found = NULL;
  size_t n = n_read(g), count = 0;
  bool any = false, of_kind = false;
  enum aic_offer_miss why_not = AIC_OFFER_FOUND;

  if (provider == NULL) {
    found = median(g, kind, &count);
    if (found == NULL)
      why_not = AIC_OFFER_NO_KIND;
  } else {
    count = 1;
    for (size_t i = 0; i < n; i++) {
      const struct aic_offer *o = &g->offers[i];

      if (!same(o->provider, provider))
        continue;
      any = true;
      if (!usable(o, kind))
        continue;
      of_kind = true;
      if (region != NULL && !same(o->region, region))
        continue;
      if (found == NULL || cheaper(o, found))
        found = o;
    }
    if (found == NULL)
      why_not = !any       ? AIC_OFFER_NO_PROVIDER
                : !of_kind ? AIC_OFFER_NO_PROVIDER_KIND
                           : AIC_OFFER_NO_REGION;
  }
  if (providers != NULL)
    *providers = found != NULL ? count : 0;
  if (miss != NULL)
    *miss = why_not;
  return found;
}

size_t
aic_offer_providers(const struct aic_gpu *g, enum aic_offer_kind kind, const char **out, size_t max)
{
  size_t n = n_read(g), total = 0;

  /* Distinct names in order, without a scratch array: a name counts at its
   * first offer; it goes into out (kept sorted) while there is room or while
   * it sorts before the last one kept. */
  for (size_t i = 0; i < n; i++) {
    const struct aic_offer *o = &g->offers[i];
    bool seen = false;
    size_t kept, k;

    if (o->provider == NULL || (kind != AIC_OFFER_KIND_COUNT && o->kind != kind))
      continue;
    for (size_t j = 0; j < i && !seen; j++)
      seen = same(g->offers[j].provider, o->provider) &&
             (kind == AIC_OFFER_KIND_COUNT || g->offers[j].kind == kind);
    if (seen)
      continue;
    total++;
    if (out == NULL || max == 0)
      continue;
    kept = total - 1 < max ? total - 1 : max;
    if (kept == max && strcmp(o->provider, out[max - 1]) >= 0)
      continue;
    k = kept < max ? kept : max - 1;
    while (k > 0 && strcmp(o->provider, out[k - 1]) < 0) {
      out[k] = out[k - 1];
      k--;
    }
    out[k] = o->provider;
  }
  return total;
}
