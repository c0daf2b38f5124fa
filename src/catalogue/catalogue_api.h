/* The catalogue's API sections as read (src/catalogue/catalogue_api.c):
 * api_prices with their periods, tiers and off-peak windows, and
 * api_batch. Everything points into the YAML tree's arena until
 * catalogue_yaml.c's freeze() copies it into the catalogue's one block. */
#ifndef AICOST_CATALOGUE_API_H
#define AICOST_CATALOGUE_API_H

#include "aicost/catalogue.h"
#include "catalogue_fields.h"
#include "yaml_tree.h"

struct api_prices_read {
  struct aic_api_price *v; /* periods (and their tiers) in the arena */
  size_t n;
  size_t n_periods, n_tiers; /* in all, for freeze's sizes */
};

struct api_batch_read {
  struct aic_api_batch *v;
  size_t n;
};

/* Reads `api_prices` (a mapping from id to entry). Every problem goes to L.
 * Returns 0 or AIC_E_NOMEM. */
int catalogue_read_api_prices(struct yreport *L, struct arena *a, const struct ynode *map,
                              struct api_prices_read *out);

/* Reads `api_batch` (a mapping from a vendor or an api price id to a
 * discount). Returns 0 or AIC_E_NOMEM. */
int catalogue_read_api_batch(struct yreport *L, struct arena *a, const struct ynode *map,
                             struct api_batch_read *out);

/* Whether s is an id: [a-z0-9][a-z0-9._/-]*, at most 64 characters. */
bool catalogue_valid_id(const char *s, size_t len);

#endif
