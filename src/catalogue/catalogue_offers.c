/* A GPU's `offers` list in the YAML catalogue: each offer's keys (a table,
 * like every entry's), then the rules across offers: one offer per
 * (provider, kind, region), and prices that agree with each other within
 * one provider and region (docs/catalogue.md, "Offers"):
 *   spot, reserved_1y and reserved_3y at most the on_demand price,
 *   reserved_3y at most reserved_1y,
 *   no as_of after the catalogue's date.
 * A price list that breaks them is refused with the position of the
 * offending offer: a catalogue is never loaded with a price that cannot
 * be right. */
#include <stdio.h>
#include <string.h>

#include "catalogue_read.h"

/* An offer as written, before its kind is checked. */
struct offer_row {
  const char *provider, *kind, *region, *source, *as_of;
  double price;
};

#define O(m) offsetof(struct offer_row, m)
static const struct cfield offer_fields[] = {
  { "provider", CF_STR, O(provider), 0, true, 0 },
  { "kind", CF_STR, O(kind), 0, true, 0 },
  { "region", CF_STR, O(region), 0, false, 0 },
  { "price_per_gpu_hour_usd", CF_NUM, O(price), 0, true, 0 },
  { "source", CF_STR, O(source), 0, true, 0 },
  { "as_of", CF_DATE, O(as_of), 0, true, 0 },
  { NULL, CF_STR, 0, 0, false, 0 },
};
#define PROVIDER_ROW 0
#define KIND_ROW 1
#define PRICE_ROW 3
#define AS_OF_ROW 5

static bool
same_place(const struct aic_offer *a, const struct aic_offer *b)
{
  if (strcmp(a->provider, b->provider) != 0)
    return false;
  if (a->region == NULL || b->region == NULL)
    return a->region == b->region;
  return strcmp(a->region, b->region) == 0;
}

/* The kinds whose price may not exceed another's at the same place. */
static const struct {
  enum aic_offer_kind kind, at_most;
} ceilings[] = {
  { AIC_OFFER_SPOT, AIC_OFFER_ON_DEMAND },
  { AIC_OFFER_RESERVED_1Y, AIC_OFFER_ON_DEMAND },
  { AIC_OFFER_RESERVED_3Y, AIC_OFFER_ON_DEMAND },
  { AIC_OFFER_RESERVED_3Y, AIC_OFFER_RESERVED_1Y },
};

static void
check_prices(struct yreport *L, const struct aic_offer *o, const struct ynode **price_nodes,
             size_t n, const char *path)
{
  for (size_t i = 0; i < n; i++) {
    for (size_t c = 0; c < sizeof ceilings / sizeof ceilings[0]; c++) {
      if (o[i].kind != ceilings[c].kind)
        continue;
      for (size_t j = 0; j < n; j++) {
        char at[AIC_DIAG_DETAIL_MAX];

        if (o[j].kind != ceilings[c].at_most || !same_place(&o[i], &o[j]) ||
            !(o[i].price_per_gpu_hour_usd > o[j].price_per_gpu_hour_usd))
          continue;
        snprintf(at, sizeof at, "%s[%zu].price_per_gpu_hour_usd", path, i);
        yreport_error(L, price_nodes[i], at,
                      "%s %g is above %s's %s %g%s%s: a %s price above %s is a mistake "
                      "(the feed's columns swapped?)",
                      aic_offer_kind_name(o[i].kind), o[i].price_per_gpu_hour_usd, o[i].provider,
                      aic_offer_kind_name(o[j].kind), o[j].price_per_gpu_hour_usd,
                      o[i].region != NULL ? " in " : "", o[i].region != NULL ? o[i].region : "",
                      aic_offer_kind_name(o[i].kind), aic_offer_kind_name(o[j].kind));
      }
    }
  }
}

/* A second offer at the same (provider, kind, region) as one of the n
 * before it: reported, and left out. */
static bool
duplicate(struct yreport *L, const struct aic_offer *o, size_t n, const struct ynode *at,
          const char *path)
{
  for (size_t j = 0; j < n; j++) {
    if (o[j].kind == o[n].kind && same_place(&o[j], &o[n])) {
      yreport_error(L, at, path,
                    "a second %s offer from %s%s%s (offers are one per provider, kind and "
                    "region)", aic_offer_kind_name(o[n].kind), o[n].provider,
                    o[n].region != NULL ? " in " : "", o[n].region != NULL ? o[n].region : "");
      return true;
    }
  }
  return false;
}

int
cat_offers_read(struct yreport *L, struct arena *a, const struct ynode *seq, const char *path,
                const char *date, struct aic_gpu *g)
{
  struct aic_offer *o;
  const struct ynode **price_nodes;
  size_t n = 0;

  g->offers = NULL;
  g->n_offers = 0;
  if (seq == NULL || seq->kind != YNODE_SEQ || seq->n == 0)
    return 0;
  if (seq->n > AIC_OFFERS_MAX) {
    yreport_error(L, seq, path, "has %zu offers; at most %d per GPU", seq->n, AIC_OFFERS_MAX);
    return 0;
  }
  o = arena_alloc(a, seq->n * sizeof *o);
  price_nodes = arena_alloc(a, seq->n * sizeof *price_nodes);
  if (o == NULL || price_nodes == NULL)
    return AIC_E_NOMEM;
  for (size_t i = 0; i < seq->n; i++) {
    const struct ynode *nodes[CF_ROWS_MAX] = { NULL };
    struct offer_row r;
    char at[AIC_DIAG_DETAIL_MAX], field[AIC_DIAG_DETAIL_MAX];
    size_t before = L->n_errors;
    enum aic_offer_kind kind = AIC_OFFER_ON_DEMAND;

    snprintf(at, sizeof at, "%s[%zu]", path, i);
    cfields_apply(L, offer_fields, seq->items[i], at, &r, nodes);
    if (r.kind != NULL && aic_offer_kind_parse(r.kind, &kind) != 0) {
      ypath_join(field, sizeof field, at, "kind");
      yreport_error(L, nodes[KIND_ROW], field,
                    "unknown kind '%.20s' (one of on_demand, spot, reserved_1y, reserved_3y, "
                    "capacity_block)", r.kind);
    }
    if (r.provider != NULL && !cat_valid_id(r.provider, strlen(r.provider))) {
      ypath_join(field, sizeof field, at, "provider");
      yreport_error(L, nodes[PROVIDER_ROW], field,
                    "invalid provider name (lower-case letters, digits and . _ -, as an id)");
    }
    if (r.as_of != NULL && date != NULL && strcmp(r.as_of, date) > 0) {
      ypath_join(field, sizeof field, at, "as_of");
      yreport_error(L, nodes[AS_OF_ROW], field,
                    "%s is after the catalogue's date %s: a price cannot be read in the future",
                    r.as_of, date);
    }
    if (L->n_errors != before)
      continue;
    o[n] = (struct aic_offer){ .provider = r.provider, .region = r.region, .source = r.source,
                               .as_of = r.as_of, .kind = kind,
                               .price_per_gpu_hour_usd = r.price };
    if (duplicate(L, o, n, seq->items[i], at))
      continue;
    price_nodes[n] = nodes[PRICE_ROW];
    n++;
  }
  check_prices(L, o, price_nodes, n, path);
  g->offers = o;
  g->n_offers = n;
  return 0;
}
