/* Loading a catalogue from one file or from layers: each file parsed into
 * its own positioned tree, the trees merged in order (catalogue_merge.c),
 * the result validated once. The same function serves the embedded default
 * (config/catalogue.yaml + config/catalogue.d/ *.yaml), `--catalogue` given
 * more than once, AICOST_CATALOGUE with ':' between paths, and `aicost
 * catalogue merge`. */
#include <string.h>

#include "aicost/catalogue_io.h"
#include "aicost/yaml.h"
#include "catalogue_end.h"
#include "catalogue_read.h"

/* The layers parsed and merged: the trees must live as long as the merged
 * one, whose nodes point into them. */
struct layered {
  struct ytree trees[AIC_CATALOGUE_LAYERS_MAX];
  size_t n;
  /* the merged document: its tree's arena holds the merged containers, its
   * JSON is what the tables read */
  struct aic_yaml merged;
  size_t n_errors;
};

static void
layered_free(struct layered *y)
{
  for (size_t i = 0; i < y->n; i++)
    ytree_free(&y->trees[i]);
  arena_free(&y->merged.tree.arena);
  json_decref(y->merged.json);
}

/* Parses and merges; 0, AIC_E_SYNTAX (a file is not YAML, or too many
 * layers), AIC_E_INVALID (an overlay does what it may not) or AIC_E_NOMEM. */
static int
layer(struct layered *y, const struct aic_catalogue_layer *layers, size_t n,
      struct aic_diags *errors)
{
  int status = 0;

  memset(y, 0, sizeof *y);
  if (n == 0 || n > AIC_CATALOGUE_LAYERS_MAX) {
    aic_diag_add(errors, "-", "(document): %zu catalogue files; give 1 to %d", n,
                 AIC_CATALOGUE_LAYERS_MAX);
    return AIC_E_SYNTAX;
  }
  for (size_t i = 0; i < n; i++) {
    const struct aic_catalogue_layer *l = &layers[i];
    int r = ytree_parse(&y->trees[y->n], l->text != NULL ? l->text : "",
                        l->text != NULL ? l->len : 0, l->name, YTREE_MAX_BYTES, errors);

    y->n++;
    if (r < 0) {
      aic_diag_add(errors, l->name != NULL ? l->name : "-", "(document): out of memory");
      return AIC_E_NOMEM;
    }
    if (r != 0)
      status = AIC_E_SYNTAX;
  }
  y->merged.tree.filename = y->trees[0].filename;
  y->merged.tree.root = y->trees[0].root;
  if (status != 0)
    return status;
  for (size_t i = 1; i < n; i++) {
    const struct ynode *root;

    if (cat_merge(errors, &y->n_errors, &y->merged.tree.arena, y->merged.tree.root,
                  y->trees[i].root, &root) != 0) {
      aic_diag_add(errors, y->trees[i].filename, "(document): out of memory");
      return AIC_E_NOMEM;
    }
    y->merged.tree.root = (struct ynode *)root;
  }
  {
    int nomem = 0;

    y->merged.json = ytree_to_json(y->merged.tree.root, &nomem);
    if (nomem) {
      aic_diag_add(errors, y->merged.tree.filename, "(document): out of memory");
      return AIC_E_NOMEM;
    }
  }
  return y->n_errors > 0 ? AIC_E_INVALID : 0;
}

/* FNV-1a over each file's content, file after file: one file hashes as it
 * always did. A file's closing "..." line and what follows it are not
 * content (catalogue_end.h): adding the marker to an older catalogue
 * changes neither its hash nor any ETag. */
static void
layers_hash(const struct aic_catalogue_layer *layers, size_t n, char hash[17])
{
  uint64_t h = AIC_FNV1A_OFFSET;

  for (size_t i = 0; i < n; i++) {
    const char *text = layers[i].text != NULL ? layers[i].text : "";
    size_t len = layers[i].text != NULL ? layers[i].len : 0;
    unsigned line;

    h = aic_fnv1a(h, text, aic_catalogue_content_end(text, len, &line));
  }
  aic_hash_hex(h, hash);
}

struct aic_catalogue *
aic_catalogue_load_layers(const struct aic_catalogue_layer *layers, size_t n,
                          struct aic_diags *errors)
{
  struct aic_diags scratch;
  struct layered y;
  struct aic_catalogue *c = NULL;
  char hash[17];
  int r;

  if (errors == NULL) {
    aic_diags_init(&scratch);
    errors = &scratch;
  }
  r = layer(&y, layers, n, errors);
  if (r == 0 || r == AIC_E_INVALID) {
    /* validate even after an overlay's own error: report everything at once */
    layers_hash(layers, n, hash);
    c = cat_from_yaml(&y.merged, hash, errors, &r);
    if (r < 0)
      aic_diag_add(errors, y.merged.tree.filename, "(document): out of memory");
    if (c != NULL && y.n_errors > 0) {
      aic_catalogue_free(c);
      c = NULL;
    }
  }
  layered_free(&y);
  return c;
}

struct aic_catalogue *
aic_catalogue_load(const char *text, size_t len, const char *filename, struct aic_diags *errors)
{
  struct aic_catalogue_layer one = { .text = text,
                                     .len = text != NULL ? len : 0,
                                     .name = filename };

  return aic_catalogue_load_layers(&one, 1, errors);
}

int
aic_catalogue_merge_text(const struct aic_catalogue_layer *layers, size_t n, struct aic_buf *out,
                         struct aic_diags *errors)
{
  struct aic_catalogue *c = aic_catalogue_load_layers(layers, n, errors);
  struct layered y;
  int r;

  if (c == NULL)
    return errors->n > 0 ? AIC_E_INVALID : AIC_E_NOMEM;
  aic_catalogue_free(c);
  r = layer(&y, layers, n, errors);
  if (r == 0) {
    ytree_emit(y.merged.tree.root, out);
    aic_buf_put(out, "...\n"); /* a catalogue file's last line (catalogue_end.h) */
  }
  layered_free(&y);
  return r != 0 ? r : out->failed ? AIC_E_NOMEM : 0;
}
