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

extern const struct aic_table aic_gpu_table;       /* struct aic_gpu */
extern const struct aic_table aic_model_table;     /* struct aic_model */
extern const struct aic_table aic_api_price_table; /* struct aic_api_price */
extern const struct aic_table aic_api_batch_table; /* struct aic_api_batch */
extern const struct aic_table aic_defaults_table;  /* struct aic_defaults */
extern const struct aic_table aic_generation_table; /* struct aic_generation */
extern const struct aic_table aic_catalogue_table; /* struct aic_catalogue, the whole file */
/* A layer over it (config/catalogue.d): api_prices and api_batch only, into
 * a struct aic_catalogue. */
extern const struct aic_table aic_catalogue_layer_table;

/* fp32 ... fp4, the values of enum aic_precision. */
extern const struct aic_names aic_precision_names;

/* A catalogue id: lower-case letters, digits and . _ / -, starting with a
 * letter or digit, at most 64 characters ("h100-sxm", "openai/gpt-4o"). */
extern const struct aic_pattern aic_catalogue_id;

#endif
