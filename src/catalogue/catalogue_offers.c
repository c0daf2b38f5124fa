/* A GPU's `offers` in the catalogue: the offer's table, and the rules
 * across a GPU's prices that rows cannot say (docs/catalogue.md, "Offers"):
 *   one offer per (provider, kind, region);
 *   spot, reserved_1y and reserved_3y at most on_demand, and reserved_3y at
 *   most reserved_1y, within one provider and region;
 *   offers or the v2 price_per_hour_usd map, not both; in the map, reserved
 *   at most on_demand;
 *   no offer's as_of after the catalogue's date (cat_offers_dated).
 * A price list that breaks them is refused with the position of the
 * offending price: a catalogue is never loaded with prices that cannot all
 * be right. */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "bounds.h"
#include "catalogue_tables.h"

/* ENUM rows write an int. */
_Static_assert(sizeof(enum aic_offer_kind) == sizeof(int), "enum size");

/* clang-format off */
static const struct aic_enum_name kind_values[] = {
  { "on_demand", AIC_OFFER_ON_DEMAND },       { "spot", AIC_OFFER_SPOT },
  { "reserved_1y", AIC_OFFER_RESERVED_1Y },   { "reserved_3y", AIC_OFFER_RESERVED_3Y },
  { "capacity_block", AIC_OFFER_CAPACITY_BLOCK }, { NULL, 0 },
};
/* clang-format on */
const struct aic_names aic_offer_kind_names = {
  .schema_name = "OfferKind",
  .noun = "offer kind",
  .description = "How the GPU-hour is sold: on demand, spot (interruptible), reserved for one "
                 "or three years, or a capacity block bought ahead.",
  .v = kind_values,
};

#define O(m) offsetof(struct aic_offer, m)
/* clang-format off */
static const struct aic_field offer_rows[] = {
  { "provider", AIC_K_STRING, O(provider), .pattern = &aic_catalogue_id, .required = true,
    .description = "Who sells it: the one you pay (aws, gcp, lambda, ...).", .example = "lambda" },
  { "kind", AIC_K_ENUM, O(kind), .names = &aic_offer_kind_names, .required = true },
  { "region", AIC_K_STRING, O(region), .min = 1, .max = 64,
    .description = "The provider's region; absent when the price names none." },
  { "price_per_gpu_hour_usd", AIC_K_REAL, O(price_per_gpu_hour_usd), .min = 0,
    .max = AIC_MAX_USD_PER_HOUR, .required = true, .unit = "USD per GPU-hour",
    .description = "Per GPU: an instance's price divided by its GPUs." },
  { "source", AIC_K_STRING, O(source), .min = 1, .max = 1000, .required = true,
    .description = "Where the price was read: page, or feed, commit, file, row, instance type." },
  { "as_of", AIC_K_DATE, O(as_of), .required = true, .description = "The day it was read." },
  { 0 },
};
/* clang-format on */
const struct aic_table aic_offer_table = {
  .name = "Offer",
  .description = "One provider's price for one GPU-hour of one kind, in one region.",
  .size = sizeof(struct aic_offer),
  .rows = offer_rows,
};

static bool
same_place(const struct aic_offer *a, const struct aic_offer *b)
{
  if (a->provider == NULL || b->provider == NULL || strcmp(a->provider, b->provider) != 0)
    return false;
  if (a->region == NULL || b->region == NULL)
    return a->region == b->region;
  return strcmp(a->region, b->region) == 0;
}

/* The kinds whose price may not exceed another kind's at the same place. */
static const struct {
  enum aic_offer_kind kind, at_most;
} ceilings[] = {
  { AIC_OFFER_SPOT, AIC_OFFER_ON_DEMAND },
  { AIC_OFFER_RESERVED_1Y, AIC_OFFER_ON_DEMAND },
  { AIC_OFFER_RESERVED_3Y, AIC_OFFER_ON_DEMAND },
  { AIC_OFFER_RESERVED_3Y, AIC_OFFER_RESERVED_1Y },
};

/* The place of offers[i] under the GPU's place `gpu`. */
static void
at_offer(struct aic_where *item, struct aic_where *list, char *index, size_t cap, size_t i,
         struct aic_where *gpu)
{
  snprintf(index, cap, "%zu", i);
  aic_where_init(list, gpu, NULL, "offers");
  aic_where_init(item, list, NULL, index);
}

static bool
check_offers(const struct aic_gpu *g, struct aic_where *at, struct aic_run *run)
{
  bool ok = true;

  for (size_t i = 0; i < g->n_offers; i++) {
    const struct aic_offer *o = &g->offers[i];
    struct aic_where list, item, price;
    char index[24];

    if (o->provider == NULL)
      continue; /* reported already */
    at_offer(&item, &list, index, sizeof index, i, at);
    for (size_t j = 0; j < i; j++) {
      if (g->offers[j].kind == o->kind && same_place(&g->offers[j], o)) {
        aic_report(run, &item,
                   "a second %s offer from %s%s%s (offers are one per provider, "
                   "kind and region)",
                   aic_offer_kind_name(o->kind), o->provider, o->region != NULL ? " in " : "",
                   o->region != NULL ? o->region : "");
        ok = false;
        break;
      }
    }
    aic_where_init(&price, &item, NULL, "price_per_gpu_hour_usd");
    for (size_t c = 0; c < sizeof ceilings / sizeof ceilings[0]; c++) {
      if (o->kind != ceilings[c].kind)
        continue;
      for (size_t j = 0; j < g->n_offers; j++) {
        const struct aic_offer *p = &g->offers[j];

        if (p->kind != ceilings[c].at_most || !same_place(o, p) ||
            !(o->price_per_gpu_hour_usd > p->price_per_gpu_hour_usd))
          continue;
        aic_report(run, &price,
                   "%s %g is above %s's %s %g%s%s: a %s price above %s is a "
                   "mistake (the feed's columns swapped?)",
                   aic_offer_kind_name(o->kind), o->price_per_gpu_hour_usd, o->provider,
                   aic_offer_kind_name(p->kind), p->price_per_gpu_hour_usd,
                   o->region != NULL ? " in " : "", o->region != NULL ? o->region : "",
                   aic_offer_kind_name(o->kind), aic_offer_kind_name(p->kind));
        ok = false;
      }
    }
  }
  return ok;
}

int
cat_gpu_check(const json_t *obj, struct aic_where *at, void *out, struct aic_run *run)
{
  const struct aic_gpu *g = out;
  bool ok = true;

  if (json_object_get(obj, "offers") != NULL &&
      json_object_get(obj, "price_per_hour_usd") != NULL) {
    struct aic_where w;

    aic_where_init(&w, at, NULL, "price_per_hour_usd");
    aic_report(run, &w, "give offers or price_per_hour_usd (the catalogue v2 form), not both");
    ok = false;
  }
  if (aic_has(g->price_reserved_usd) && aic_has(g->price_on_demand_usd) &&
      g->price_reserved_usd > g->price_on_demand_usd) {
    struct aic_where w, r;

    aic_where_init(&w, at, NULL, "price_per_hour_usd");
    aic_where_init(&r, &w, NULL, "reserved");
    aic_report(run, &r, "%g is above on_demand %g: a reserved price above on-demand is a mistake",
               g->price_reserved_usd, g->price_on_demand_usd);
    ok = false;
  }
  ok = check_offers(g, at, run) && ok;
  return ok ? 0 : AIC_E_INVALID;
}

int
cat_offers_dated(struct aic_where *at, const void *out, struct aic_run *run)
{
  const struct aic_catalogue *c = out;
  bool ok = true;

  if (c->date == NULL)
    return 0;
  for (size_t i = 0; i < c->n_gpus; i++) {
    const struct aic_gpu *g = &c->gpus[i];

    for (size_t k = 0; k < g->n_offers; k++) {
      struct aic_where gpus, gpu, list, item, as_of;
      char index[24];

      if (g->offers[k].as_of == NULL || strcmp(g->offers[k].as_of, c->date) <= 0)
        continue;
      aic_where_init(&gpus, at, NULL, "gpus");
      aic_where_init(&gpu, &gpus, NULL, g->id);
      at_offer(&item, &list, index, sizeof index, k, &gpu);
      aic_where_init(&as_of, &item, NULL, "as_of");
      aic_report(run, &as_of,
                 "%s is after the catalogue's date %s: a price cannot be read in "
                 "the future",
                 g->offers[k].as_of, c->date);
      ok = false;
    }
  }
  return ok ? 0 : AIC_E_INVALID;
}
