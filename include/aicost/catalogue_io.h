/* src/catalogue: the catalogue of GPUs, models and API prices, from YAML to
 * the core's immutable struct aic_catalogue, and back out as JSON.
 *
 *   catalogue_yaml.c      YAML bytes -> a validated, sorted catalogue in
 *                         one allocation (aic_catalogue_load); the field
 *                         tables and cross-checks of the catalogue format
 *   catalogue_embedded.c  config/catalogue.yaml, compiled in
 *   catalogue_json.c      the catalogue as JSON, for GET /v1/catalogue
 * (The lookups by id and the nearest-id suggestions are the core's:
 * include/aicost/catalogue.h, src/core/catalogue.c.)
 *
 * What may live here: the catalogue's file format, its rules and its JSON
 * shape. What may not: scenarios, projections, HTTP, reloading (the
 * server swaps catalogues: src/http/catalogue.c). Depends on src/schema
 * (the YAML field engine), src/yaml, src/json and src/util. Tests:
 * tests/unit/catalogue, with the broken files of tests/data/catalogue.
 * The format for people: docs/catalogue.md. */
#ifndef AICOST_CATALOGUE_IO_H
#define AICOST_CATALOGUE_IO_H

#include <stddef.h>

#include <jansson.h>

#include "aicost/catalogue.h"
#include "aicost/diag.h"

/* Parses and validates a YAML catalogue. Returns a new immutable catalogue
 * that owns all its memory, or NULL with every problem in `errors` as
 * pointer "file:line:column" and detail "key.path: reason". Never half-built. */
struct aic_catalogue *aic_catalogue_load(const char *text, size_t len, const char *filename,
                                         struct aic_diags *errors);
/* One file of a layered catalogue: the base (a whole catalogue), then
 * layers that add api_prices and api_batch entries (config/catalogue.d:
 * the generated API prices). An id in two layers is an error. The hash
 * covers every layer's bytes, in order. */
struct aic_catalogue_layer {
  const char *text;
  size_t len;
  const char *name; /* what errors call it: its path */
};
#define AIC_CATALOGUE_LAYERS_MAX 16
struct aic_catalogue *aic_catalogue_load_layers(const struct aic_catalogue_layer *layers,
                                                size_t n, struct aic_diags *errors);
/* The file and the *.yaml of its drop-in directory (FILE.d, FILE without
 * .yaml), layered (catalogue_files.c). */
struct aic_catalogue *aic_catalogue_load_file(const char *path, struct aic_diags *errors);
/* The default catalogue embedded at build time: config/catalogue.yaml with
 * config/catalogue.d/api-prices.yaml layered on it. */
struct aic_catalogue *aic_catalogue_load_default(struct aic_diags *errors);
/* Its files' bytes: config/catalogue.yaml, then the layers. Writes up to
 * max and returns how many there are. */
size_t aic_catalogue_default_layers(struct aic_catalogue_layer *out, size_t max);
/* config/catalogue.yaml alone. */
const char *aic_catalogue_default_text(size_t *len);
void aic_catalogue_free(struct aic_catalogue *c);

/* The catalogue as JSON: {"version","currency","hash","gpus":{...},"models":{...},
 * "api_prices":{...},"defaults":{...}}, using the YAML keys. New references. */
json_t *aic_catalogue_to_json(const struct aic_catalogue *c);
json_t *aic_gpu_to_json(const struct aic_gpu *g);
json_t *aic_model_to_json(const struct aic_model *m);
json_t *aic_api_price_to_json(const struct aic_api_price *p);

#endif
