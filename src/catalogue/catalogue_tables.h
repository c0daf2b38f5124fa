/* The catalogue's entities as tables (src/schema/table.h), one per entity,
 * declared once and used three ways: to read config/catalogue.yaml, to read
 * a GPU or model given inline in a scenario (src/scenarios, with the
 * required members waived), and to write the catalogue as JSON. A new
 * catalogue field is a row in catalogue_tables.c and its struct member in
 * include/aicost/catalogue.h. For the libraries built on src/catalogue and
 * for tests. */
#ifndef AICOST_CATALOGUE_CATALOGUE_TABLES_H
#define AICOST_CATALOGUE_CATALOGUE_TABLES_H

#include "aicost/catalogue.h"
#include "schema.h"

extern const struct aic_table aic_gpu_table;           /* struct aic_gpu, inline in a scenario */
extern const struct aic_table aic_catalogue_gpu_table; /* struct aic_gpu with its offers */
extern const struct aic_table aic_offer_table;         /* struct aic_offer (catalogue_offers.c) */
extern const struct aic_table aic_model_table;         /* struct aic_model */
extern const struct aic_table aic_api_price_table;     /* struct aic_api_price */
extern const struct aic_table aic_api_batch_table;     /* struct aic_api_batch */
extern const struct aic_table aic_defaults_table;      /* struct aic_defaults */
extern const struct aic_table aic_generation_table;    /* struct aic_generation */
extern const struct aic_table aic_site_table;          /* struct aic_site (catalogue_sites.c) */
extern const struct aic_table aic_fx_table;            /* struct aic_fx_rate */
extern const struct aic_table aic_catalogue_table;     /* struct aic_catalogue, the whole file */
/* A layer over it (config/catalogue.d): api_prices and api_batch only, into
 * a struct aic_catalogue. */
extern const struct aic_table aic_catalogue_layer_table;

/* fp32 ... fp4, the values of enum aic_precision. */
extern const struct aic_names aic_precision_names;
/* on_demand ... capacity_block, the values of enum aic_offer_kind. */
extern const struct aic_names aic_offer_kind_names;

/* catalogue_offers.c: a GPU's rules across its prices (the GPU's place is
 * `at`): one offer per place, spot and reserved at most on-demand, offers
 * or the v2 map, not both. */
int cat_gpu_check(const json_t *obj, struct aic_where *at, void *out, struct aic_run *run);
/* No offer was read after the catalogue's date (out: the catalogue; at:
 * its place): a price cannot be from the future. */
int cat_offers_dated(struct aic_where *at, const void *out, struct aic_run *run);

/* catalogue_sites.c: no two sites for one provider's region, a region
 * only with a provider (out: the catalogue; at: its place). */
int cat_sites_check(struct aic_where *at, const void *out, struct aic_run *run);

/* A catalogue id: lower-case letters, digits and . _ / -, starting with a
 * letter or digit, at most 64 characters ("h100-sxm", "openai/gpt-4o"). */
extern const struct aic_pattern aic_catalogue_id;
/* An ISO 4217 code: three capital letters ("EUR"). */
extern const struct aic_pattern aic_currency_code;

#endif
