/* Loading a catalogue from one file or from layers: each file parsed into
 * its own positioned tree, the trees merged in order (catalogue_merge.c),
 * the result validated once. The same function serves the embedded default
 * (config/catalogue.yaml + config/catalogue.d/ *.yaml), `--catalogue` given
 * more than once, AICOST_CATALOGUE with ':' between paths, and `aicost
 * catalogue merge`. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aicost/catalogue_io.h"
#include "aicost/yaml.h"
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

/* FNV-1a over each file's bytes in order, a NUL between two files: one
 * file hashes as it always did. */
static void
layers_hash(const struct aic_catalogue_layer *layers, size_t n, char hash[17])
{
  uint64_t h = AIC_FNV1A_OFFSET;

  for (size_t i = 0; i < n; i++) {
    if (i > 0)
      h = aic_fnv1a(h, "", 1);
    h = aic_fnv1a(h, layers[i].text != NULL ? layers[i].text : "",
                  layers[i].text != NULL ? layers[i].len : 0);
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
  struct aic_catalogue_layer one = { .text = text, .len = text != NULL ? len : 0,
                                     .name = filename };

  return aic_catalogue_load_layers(&one, 1, errors);
}

int
aic_catalogue_merge_text(const struct aic_catalogue_layer *layers, size_t n,
                         struct aic_buf *out, struct aic_diags *errors)
{
  struct aic_catalogue *c = aic_catalogue_load_layers(layers, n, errors);
  struct layered y;
  int r;

  if (c == NULL)
    return errors->n > 0 ? AIC_E_INVALID : AIC_E_NOMEM;
  aic_catalogue_free(c);
  r = layer(&y, layers, n, errors);
  if (r == 0)
    ytree_emit(y.merged.tree.root, out);
  layered_free(&y);
  return r != 0 ? r : out->failed ? AIC_E_NOMEM : 0;
}

/* ---- files ---- */

static int
read_file(const char *path, struct aic_buf *buf, struct aic_diags *errors)
{
  FILE *f = fopen(path, "rb");
  int r;

  if (f == NULL) {
    aic_diag_add(errors, path, "(file): cannot open: %s", strerror(errno));
    return AIC_E_INVALID;
  }
  /* A file over the limit is read one byte past it, and the loader says
   * that it is too big. */
  r = aic_buf_read(buf, f, YTREE_MAX_BYTES);
  fclose(f);
  if (r == ENOMEM) {
    aic_diag_add(errors, path, "(file): out of memory");
    return AIC_E_NOMEM;
  }
  if (r != 0 && r != EFBIG) {
    aic_diag_add(errors, path, "(file): cannot read: %s", strerror(r));
    return AIC_E_INVALID;
  }
  return 0;
}

int
aic_catalogue_read_layers(const char *const *paths, size_t n,
                          struct aic_catalogue_layer *layers, struct aic_buf *bufs,
                          size_t *n_layers, struct aic_diags *errors)
{
  size_t k = 0;
  int status = 0;

  for (size_t i = 0; i < n && status >= 0; i++) {
    if (strcmp(paths[i], AIC_CATALOGUE_DEFAULT) == 0) {
      size_t m = aic_catalogue_default_layers(layers + k, AIC_CATALOGUE_LAYERS_MAX - k);

      if (m == 0)
        status = AIC_E_SYNTAX;
      k += m;
      continue;
    }
    if (k == AIC_CATALOGUE_LAYERS_MAX) {
      aic_diag_add(errors, paths[i], "(file): more than %d catalogue files",
                   AIC_CATALOGUE_LAYERS_MAX);
      status = AIC_E_INVALID;
      break;
    }
    {
      int r = read_file(paths[i], &bufs[k], errors);

      if (r != 0) {
        status = r;
        continue;
      }
    }
    layers[k] = (struct aic_catalogue_layer){ .text = bufs[k].p != NULL ? bufs[k].p : "",
                                              .len = bufs[k].len, .name = paths[i] };
    k++;
  }
  *n_layers = k;
  return status;
}

struct aic_catalogue *
aic_catalogue_load_paths(const char *const *paths, size_t n, struct aic_diags *errors)
{
  struct aic_catalogue_layer layers[AIC_CATALOGUE_LAYERS_MAX];
  struct aic_buf bufs[AIC_CATALOGUE_LAYERS_MAX];
  struct aic_diags scratch;
  struct aic_catalogue *c = NULL;
  size_t k = 0;

  if (errors == NULL) {
    aic_diags_init(&scratch);
    errors = &scratch;
  }
  memset(bufs, 0, sizeof bufs);
  if (aic_catalogue_read_layers(paths, n, layers, bufs, &k, errors) == 0)
    c = aic_catalogue_load_layers(layers, k, errors);
  for (size_t i = 0; i < AIC_CATALOGUE_LAYERS_MAX; i++)
    aic_buf_free(&bufs[i]);
  return c;
}

struct aic_catalogue *
aic_catalogue_load_file(const char *path, struct aic_diags *errors)
{
  return aic_catalogue_load_paths(&path, 1, errors);
}

size_t
aic_catalogue_split_list(char *list, const char **paths, size_t max)
{
  size_t n = 0;

  for (char *p = list; p != NULL && n < max;) {
    char *colon = strchr(p, ':');

    if (colon != NULL)
      *colon = '\0';
    if (*p != '\0')
      paths[n++] = p;
    p = colon != NULL ? colon + 1 : NULL;
  }
  return n;
}

struct aic_catalogue *
aic_catalogue_load_list(const char *list, struct aic_diags *errors)
{
  const char *paths[AIC_CATALOGUE_LAYERS_MAX + 1];
  char *copy;
  size_t n;
  struct aic_catalogue *c;

  if (list == NULL || list[0] == '\0')
    return aic_catalogue_load_default(errors);
  copy = strdup(list);
  if (copy == NULL) {
    if (errors != NULL)
      aic_diag_add(errors, "-", "(file): out of memory");
    return NULL;
  }
  n = aic_catalogue_split_list(copy, paths, AIC_CATALOGUE_LAYERS_MAX + 1);
  c = n == 0 ? aic_catalogue_load_default(errors) : aic_catalogue_load_paths(paths, n, errors);
  free(copy);
  return c;
}
