/* src/catalogue: the catalogue of GPUs, models and API prices, from YAML to
 * the core's immutable struct aic_catalogue, and back out as JSON.
 *
 *   catalogue_yaml.c      a YAML tree -> a validated, sorted catalogue in
 *                         one allocation; the field tables and cross-checks
 *                         of the catalogue format
 *   catalogue_offers.c    a GPU's offers and the rules across them
 *   catalogue_layers.c    files -> trees -> one merged tree -> the catalogue
 *                         (aic_catalogue_load*), and the merged YAML
 *   catalogue_merge.c     the merge rule of two trees
 *   catalogue_embedded.c  config/catalogue.yaml + config/catalogue.d/, compiled in
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
#include "aicost/util.h"

/* One file of a layered catalogue: its bytes and the name errors use. */
struct aic_catalogue_layer {
  const char *text;
  size_t len;
  const char *name;
};
/* At most this many files are layered. */
#define AIC_CATALOGUE_LAYERS_MAX 16
/* In a list of paths, this one means the embedded default's layers. */
#define AIC_CATALOGUE_DEFAULT "@default"

/* Layers then validates: the first file is the base, each next one an
 * overlay on what came before (docs/catalogue.md, "Layering catalogues").
 * Errors point at the file, line and column of the offending node; the
 * hash covers every file's bytes in order. NULL with every problem in
 * `errors`. */
struct aic_catalogue *aic_catalogue_load_layers(const struct aic_catalogue_layer *layers, size_t n,
                                                struct aic_diags *errors);
/* The layers merged, as YAML (block style, comments dropped), after the
 * same validation: 0, AIC_E_INVALID/AIC_E_SYNTAX (errors filled) or
 * AIC_E_NOMEM. */
int aic_catalogue_merge_text(const struct aic_catalogue_layer *layers, size_t n,
                             struct aic_buf *out, struct aic_diags *errors);
/* Files read for layering: each path, then the *.yaml of its drop-in
 * directory (FILE.d: FILE without .yaml, in name order), or for
 * AIC_CATALOGUE_DEFAULT the embedded layers (catalogue_files.c). */
struct aic_catalogue_files {
  struct aic_catalogue_layer layers[AIC_CATALOGUE_LAYERS_MAX];
  size_t n;
  struct aic_buf bufs[AIC_CATALOGUE_LAYERS_MAX];
  char names[AIC_CATALOGUE_LAYERS_MAX][1024];
};
/* 0, or > 0 with every problem in errors (a file missing, too many), or
 * AIC_E_NOMEM. Free with aic_catalogue_files_free in every case. */
int aic_catalogue_read_files(const char *const *paths, size_t n, struct aic_catalogue_files *f,
                             struct aic_diags *errors);
void aic_catalogue_files_free(struct aic_catalogue_files *f);
struct aic_catalogue *aic_catalogue_load_paths(const char *const *paths, size_t n,
                                               struct aic_diags *errors);
/* A list of paths separated by ':' (AICOST_CATALOGUE, or --catalogue given
 * more than once); NULL or empty: the embedded default. */
struct aic_catalogue *aic_catalogue_load_list(const char *list, struct aic_diags *errors);
/* Cuts `list` at each ':' into at most max paths; returns how many. */
size_t aic_catalogue_split_list(char *list, const char **paths, size_t max);
/* The embedded default's layers, in name order: up to max into out. */
size_t aic_catalogue_default_layers(struct aic_catalogue_layer *out, size_t max);

/* Parses and validates a YAML catalogue. Returns a new immutable catalogue
 * that owns all its memory, or NULL with every problem in `errors` as
 * pointer "file:line:column" and detail "key.path: reason". Never half-built. */
struct aic_catalogue *aic_catalogue_load(const char *text, size_t len, const char *filename,
                                         struct aic_diags *errors);
/* The file and the *.yaml of its drop-in directory (FILE.d, FILE without
 * .yaml), layered (catalogue_files.c): aic_catalogue_load_paths of one. */
struct aic_catalogue *aic_catalogue_load_file(const char *path, struct aic_diags *errors);
/* The default catalogue embedded at build time: config/catalogue.yaml with
 * config/catalogue.d/ *.yaml layered over it in name order. */
struct aic_catalogue *aic_catalogue_load_default(struct aic_diags *errors);
/* Its base file alone, config/catalogue.yaml. */
const char *aic_catalogue_default_text(size_t *len);
void aic_catalogue_free(struct aic_catalogue *c);

/* The catalogue as JSON: {"version","currency","hash","gpus":{...},"models":{...},
 * "api_prices":{...},"defaults":{...}}, using the YAML keys. New references. */
json_t *aic_catalogue_to_json(const struct aic_catalogue *c);
json_t *aic_gpu_to_json(const struct aic_gpu *g);
json_t *aic_model_to_json(const struct aic_model *m);
json_t *aic_api_price_to_json(const struct aic_api_price *p);

#endif
