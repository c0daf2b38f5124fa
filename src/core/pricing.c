/* The price of one GPU-hour: a negotiated rate from the scenario, the
 * amortised cost of owning the hardware, or a rented GPU-hour: a catalogue
 * offer (by provider, or the median provider's by default; offers.c) or a
 * price the GPU lists without a provider (inline objects, v2 catalogues). */
#include "core.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* How many names a message lists before "and N more". */
#define LIST_MAX 6

/* "a, b, c and 4 more" into out. */
static void
list_names(char *out, size_t cap, const char *const *names, size_t shown, size_t total)
{
  size_t used = 0;

  out[0] = '\0';
  for (size_t i = 0; i < shown && used < cap; i++) {
    int w = snprintf(out + used, cap - used, "%s%s", i > 0 ? ", " : "", names[i]);

    if (w < 0)
      return;
    used += (size_t)w;
  }
  if (total > shown && used < cap)
    (void)snprintf(out + used, cap - used, " and %zu more", total - shown);
}

/* Why a named provider has no offer, with the names that do. */
static void
no_provider(struct aic_diags *errors, const char *base, const struct aic_gpu *g,
            const char *provider)
{
  const char *all[AIC_OFFERS_MAX], *near[2];
  char ptr[AIC_DIAG_POINTER_MAX], list[160];
  size_t total = aic_offer_providers(g, AIC_OFFER_KIND_COUNT, all, AIC_OFFERS_MAX);
  size_t n_near = aic_suggest_among(provider, all, total, near, 2);

  aic_pointer_join(ptr, sizeof ptr, base, "provider");
  if (n_near == 2)
    aic_diag_add(errors, ptr,
                 "no offer from provider '%s' for gpu '%s'; did you mean '%s' or '%s'?", provider,
                 g->id, near[0], near[1]);
  else if (n_near == 1)
    aic_diag_add(errors, ptr, "no offer from provider '%s' for gpu '%s'; did you mean '%s'?",
                 provider, g->id, near[0]);
  else {
    list_names(list, sizeof list, all, total < LIST_MAX ? total : LIST_MAX, total);
    aic_diag_add(errors, ptr, "no offer from provider '%s' for gpu '%s'; providers with offers: %s",
                 provider, g->id, list);
  }
}

/* No offer of the kind from a provider that has others, or from anyone. */
static void
no_kind(struct aic_diags *errors, const char *pointer, const struct aic_gpu *g,
        enum aic_offer_kind kind, const char *provider)
{
  const char *names[LIST_MAX];
  char list[160], kinds[160];
  size_t total = aic_offer_providers(g, kind, names, LIST_MAX), used = 0;

  kinds[0] = '\0';
  for (int k = 0; k < AIC_OFFER_KIND_COUNT; k++) {
    size_t n = aic_offer_providers(g, (enum aic_offer_kind)k, NULL, 0);
    int w;

    if (n == 0 || used >= sizeof kinds)
      continue;
    w = snprintf(kinds + used, sizeof kinds - used, "%s%s (%zu provider%s)", used ? ", " : "",
                 aic_offer_kind_name((enum aic_offer_kind)k), n, n == 1 ? "" : "s");
    if (w > 0)
      used += (size_t)w;
  }
  if (provider == NULL) {
    aic_diag_add(errors, pointer,
                 "gpu '%s' has no %s offer (it has %s); give provider and "
                 "pricing of an offer, or price_per_gpu_hour_usd",
                 g->id, aic_offer_kind_name(kind), used ? kinds : "none");
    return;
  }
  list_names(list, sizeof list, names, total < LIST_MAX ? total : LIST_MAX, total);
  aic_diag_add(errors, pointer,
               "provider '%s' has no %s offer for gpu '%s'; %s offers come from: %s", provider,
               aic_offer_kind_name(kind), g->id, aic_offer_kind_name(kind),
               total ? list : "no provider");
}

/* The provider has the kind, not in the region: name its regions. */
static void
no_region(struct aic_diags *errors, const char *pointer, const struct aic_gpu *g,
          enum aic_offer_kind kind, const char *provider, const char *region)
{
  const char *regions[LIST_MAX] = { NULL };
  char list[160];
  size_t shown = 0, total = 0;

  for (size_t i = 0; i < g->n_offers && i < AIC_OFFERS_MAX; i++) {
    const struct aic_offer *o = &g->offers[i];

    if (o->kind != kind || o->region == NULL || o->provider == NULL ||
        strcmp(o->provider, provider) != 0)
      continue;
    total++;
    if (shown < LIST_MAX)
      regions[shown++] = o->region;
  }
  list_names(list, sizeof list, regions, shown, total);
  aic_diag_add(errors, pointer,
               "provider '%s' has no %s offer for gpu '%s' in region '%s'; "
               "its regions: %s",
               provider, aic_offer_kind_name(kind), g->id, region, total ? list : "none named");
}

static bool
from_offers(const struct aic_gpu *g, const struct aic_price_ask *ask, const char *base,
            struct aic_price_choice *out, struct aic_diags *errors)
{
  enum aic_offer_kind kind = (enum aic_offer_kind)ask->pricing;
  enum aic_offer_miss miss;
  char ptr[AIC_DIAG_POINTER_MAX];
  size_t providers;
  const struct aic_offer *o = aic_offer_pick(g, kind, ask->provider, ask->region, &providers,
                                             &miss);

  if (o != NULL && isfinite(o->price_per_gpu_hour_usd) && o->price_per_gpu_hour_usd >= 0) {
    out->basis = AIC_BASIS_OFFER;
    out->kind = kind;
    out->rule = ask->provider == NULL ? AIC_RULE_MEDIAN
                : ask->region == NULL ? AIC_RULE_PROVIDER
                                      : AIC_RULE_PROVIDER_REGION;
    out->offer = *o;
    out->providers = providers;
    out->price_per_gpu_hour_usd = o->price_per_gpu_hour_usd;
    return true;
  }
  switch (miss) {
  case AIC_OFFER_NO_PROVIDER: no_provider(errors, base, g, ask->provider); break;
  case AIC_OFFER_NO_PROVIDER_KIND:
    aic_pointer_join(ptr, sizeof ptr, base, "provider");
    no_kind(errors, ptr, g, kind, ask->provider);
    break;
  case AIC_OFFER_NO_REGION:
    aic_pointer_join(ptr, sizeof ptr, base, "region");
    no_region(errors, ptr, g, kind, ask->provider, ask->region);
    break;
  case AIC_OFFER_NO_KIND:
  case AIC_OFFER_FOUND: /* a loader lets no bad price through; a test might */
    aic_pointer_join(ptr, sizeof ptr, base, "gpu");
    no_kind(errors, ptr, g, kind, NULL);
    break;
  }
  return false;
}

/* A price the GPU lists without a provider: only on_demand and reserved_1y
 * exist in that form. */
static bool
listed(const struct aic_gpu *g, bool is_inline, const struct aic_price_ask *ask, const char *base,
       struct aic_price_choice *out, struct aic_diags *errors)
{
  char ptr[AIC_DIAG_POINTER_MAX], gp[AIC_DIAG_POINTER_MAX], pp[AIC_DIAG_POINTER_MAX];
  double rate = ask->pricing == AIC_PRICING_ON_DEMAND     ? g->price_on_demand_usd
                : ask->pricing == AIC_PRICING_RESERVED_1Y ? g->price_reserved_usd
                                                          : AIC_NAN;
  const char *key = ask->pricing == AIC_PRICING_RESERVED_1Y ? "reserved" : "on_demand";

  if (ask->provider != NULL) {
    aic_pointer_join(ptr, sizeof ptr, base, "provider");
    if (is_inline || g->id == NULL)
      aic_diag_add(errors, ptr,
                   "an inline gpu has no offers by provider; remove provider, or "
                   "give price_per_gpu_hour_usd");
    else
      aic_diag_add(errors, ptr,
                   "gpu '%s' lists its prices without a provider "
                   "(price_per_hour_usd, the catalogue v2 form); remove provider",
                   g->id);
    return false;
  }
  if (aic_has(rate) && isfinite(rate) && rate >= 0) {
    out->basis = AIC_BASIS_OFFER;
    out->kind = (enum aic_offer_kind)ask->pricing;
    out->rule = AIC_RULE_LISTED;
    out->offer = (struct aic_offer){
      .source = g->source, .as_of = g->as_of, .kind = out->kind, .price_per_gpu_hour_usd = rate
    };
    out->providers = 0;
    out->price_per_gpu_hour_usd = rate;
    return true;
  }
  /* Never a silent zero: a missing price is the user's to give. */
  aic_pointer_join(gp, sizeof gp, base, "gpu");
  if (is_inline || g->id == NULL) {
    aic_pointer_join(pp, sizeof pp, gp, "price_per_hour_usd");
    if (ask->pricing == AIC_PRICING_ON_DEMAND || ask->pricing == AIC_PRICING_RESERVED_1Y) {
      aic_pointer_join(ptr, sizeof ptr, pp, key);
      aic_diag_add(errors, ptr, "required for %s pricing; or give price_per_gpu_hour_usd",
                   aic_pricing_name(ask->pricing));
    } else {
      aic_diag_add(errors, gp,
                   "an inline gpu lists on_demand and reserved prices only; give "
                   "price_per_gpu_hour_usd for %s pricing",
                   aic_pricing_name(ask->pricing));
    }
  } else {
    aic_diag_add(errors, gp, "gpu '%s' has no %s price; give price_per_gpu_hour_usd", g->id,
                 aic_pricing_name(ask->pricing));
  }
  return false;
}

/* Epoch AI (Cottier et al. 2024, arXiv:2405.21015, section 2.3):
 * amortised hardware + energy per GPU-hour. The energy is the energy
 * block's kWh per GPU-hour (energy.c: power x draw x server overhead x PUE,
 * the scenario's site or the catalogue's defaults), so the dollars and the
 * kWh the projection reports are one computation. */
static bool
owned(const struct aic_catalogue *cat, const struct aic_gpu *g, bool is_inline,
      const struct aic_price_ask *ask, const char *base, struct aic_price_choice *out,
      struct aic_diags *errors)
{
  const struct aic_defaults *df = &cat->defaults;
  char gp[AIC_DIAG_POINTER_MAX];
  double kwh;
  bool ok = aic_need_gpu_key(errors, g, is_inline, base, g->purchase_usd, "purchase_usd",
                             "for owned pricing; or give price_per_gpu_hour_usd");

  ok = aic_need_gpu_key(errors, g, is_inline, base, g->power_w, "power_w",
                        "for owned pricing; or give price_per_gpu_hour_usd") &&
       ok;
  if (!ok)
    return false;
  if (!(isfinite(df->amortisation_years) && df->amortisation_years > 0 &&
        isfinite(df->electricity_usd_per_kwh) && df->electricity_usd_per_kwh >= 0 &&
        isfinite(g->purchase_usd) && g->purchase_usd >= 0 && isfinite(g->power_w) &&
        g->power_w >= 0)) {
    aic_pointer_join(gp, sizeof gp, base, "gpu");
    aic_diag_add(errors, gp,
                 "owned pricing needs purchase_usd >= 0, power_w >= 0 and "
                 "catalogue defaults amortisation_years > 0, "
                 "electricity_usd_per_kwh >= 0");
    return false;
  }
  kwh = aic_energy_kwh_per_gpu_hour(cat, ask->training, ask->energy, g, is_inline, errors);
  if (!aic_has(kwh))
    return false;
  out->basis = AIC_BASIS_OWNED;
  out->kwh_per_gpu_hour = kwh;
  out->price_per_gpu_hour_usd = g->purchase_usd / (df->amortisation_years * AIC_HOURS_PER_YEAR) +
                                kwh * df->electricity_usd_per_kwh;
  return true;
}

void
aic_price_choice_clear(struct aic_price_choice *c)
{
  memset(c, 0, sizeof *c);
  c->basis = AIC_BASIS_NONE;
  c->offer.price_per_gpu_hour_usd = AIC_NAN;
  c->price_per_gpu_hour_usd = AIC_NAN;
  c->kwh_per_gpu_hour = AIC_NAN;
}

bool
aic_gpu_hourly_price(const struct aic_catalogue *cat, const struct aic_gpu *g, bool is_inline,
                     const struct aic_price_ask *ask, const char *base,
                     struct aic_price_choice *out, struct aic_diags *errors)
{
  char ptr[AIC_DIAG_POINTER_MAX];

  aic_price_choice_clear(out);
  /* A negotiated rate wins over everything the catalogue says. */
  if (aic_has(ask->override_usd)) {
    aic_pointer_join(ptr, sizeof ptr, base, "price_per_gpu_hour_usd");
    if (!aic_check_range(errors, ptr, ask->override_usd, AIC_NAN, 0, false, AIC_INF,
                         &out->price_per_gpu_hour_usd))
      return false;
    out->basis = AIC_BASIS_SCENARIO;
    return true;
  }
  if (ask->region != NULL && ask->provider == NULL) {
    aic_pointer_join(ptr, sizeof ptr, base, "region");
    aic_diag_add(errors, ptr, "needs provider: regions are named by each provider");
    return false;
  }
  if (ask->pricing == AIC_PRICING_OWNED) {
    if (ask->provider != NULL) {
      aic_pointer_join(ptr, sizeof ptr, base, "provider");
      aic_diag_add(errors, ptr,
                   "not used with owned pricing: owned hardware is rented from "
                   "no one");
      return false;
    }
    return owned(cat, g, is_inline, ask, base, out, errors);
  }
  if ((unsigned)ask->pricing >= AIC_OFFER_KIND_COUNT) {
    aic_pointer_join(ptr, sizeof ptr, base, "pricing");
    aic_diag_add(errors, ptr, "unknown pricing");
    return false;
  }
  if (!is_inline && g->n_offers > 0 && g->offers != NULL)
    return from_offers(g, ask, base, out, errors);
  return listed(g, is_inline, ask, base, out, errors);
}
