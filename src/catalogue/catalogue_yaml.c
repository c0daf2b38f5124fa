/* The catalogue loader: YAML bytes -> a validated, sorted, immutable
 * struct aic_catalogue in ONE allocation (so aic_catalogue_free is one
 * free() and a reload can never leave half a catalogue behind).
 *
 * Steps: src/yaml parses (syntax, hostile input) and turns the file into
 * JSON that remembers where each node was; the catalogue's tables
 * (catalogue_tables.c) are applied by the engine of src/schema, which
 * reports every problem as file:line:col with its key path; then each
 * section is sorted by id and everything is copied into one block. What
 * each key must hold is in the tables, and docs/catalogue.md for users. */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aicost/catalogue_io.h"
#include "aicost/util.h"
#include "catalogue_tables.h"
#include "yaml_tree.h"

static void *
from_arena(void *arena, size_t size)
{
  return arena_alloc(arena, size);
}

static int
by_id(const void *a, const void *b)
{
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static size_t
str_size(const char *s)
{
  return s != NULL ? strlen(s) + 1 : 0;
}

static const char *
put_str(char **cursor, const char *s)
{
  size_t n;
  char *dst = *cursor;

  if (s == NULL)
    return NULL;
  n = strlen(s) + 1;
  memcpy(dst, s, n);
  *cursor += n;
  return dst;
}

#define ROUND16(x) (((x) + 15) & ~(size_t)15)

/* The whole catalogue in one malloc: header, four arrays, then strings. */
static struct aic_catalogue *
freeze(const struct aic_catalogue *ld, const char *hash)
{
  const struct aic_gpu *g = ld->gpus;
  const struct aic_model *m = ld->models;
  const struct aic_api_price *a = ld->api_prices;
  size_t ng = ld->n_gpus, nm = ld->n_models, na = ld->n_api_prices;
  size_t strings = str_size(ld->version) + str_size(ld->currency) + str_size(hash);
  size_t head = ROUND16(sizeof(struct aic_catalogue));
  size_t off_g = head, off_m = off_g + ROUND16(ng * sizeof *g);
  size_t off_a = off_m + ROUND16(nm * sizeof *m), off_n = off_a + ROUND16(na * sizeof *a);
  size_t nn = ld->n_generations, off_s = off_n + ROUND16(nn * sizeof *ld->generations);
  struct aic_catalogue *c;
  char *base, *cursor;

  for (size_t i = 0; i < ng; i++)
    strings += str_size(g[i].id) + str_size(g[i].name) + str_size(g[i].source) +
               str_size(g[i].as_of) + str_size(g[i].generation);
  for (size_t i = 0; i < nn; i++)
    strings += str_size(ld->generations[i].name);
  for (size_t i = 0; i < nm; i++)
    strings += str_size(m[i].id) + str_size(m[i].name) + str_size(m[i].source) +
               str_size(m[i].as_of);
  for (size_t i = 0; i < na; i++)
    strings += str_size(a[i].id) + str_size(a[i].name) + str_size(a[i].source) +
               str_size(a[i].as_of);
  base = malloc(off_s + strings);
  if (base == NULL)
    return NULL;
  c = (struct aic_catalogue *)(void *)base;
  cursor = base + off_s;
  {
    struct aic_gpu *gs = (struct aic_gpu *)(void *)(base + off_g);
    struct aic_model *ms = (struct aic_model *)(void *)(base + off_m);
    struct aic_api_price *as = (struct aic_api_price *)(void *)(base + off_a);
    struct aic_generation *ns = (struct aic_generation *)(void *)(base + off_n);

    for (size_t i = 0; i < ng; i++) {
      gs[i] = g[i];
      gs[i].id = put_str(&cursor, g[i].id);
      gs[i].name = put_str(&cursor, g[i].name);
      gs[i].source = put_str(&cursor, g[i].source);
      gs[i].as_of = put_str(&cursor, g[i].as_of);
      gs[i].generation = put_str(&cursor, g[i].generation);
    }
    for (size_t i = 0; i < nn; i++) {
      ns[i] = ld->generations[i];
      ns[i].name = put_str(&cursor, ld->generations[i].name);
    }
    for (size_t i = 0; i < nm; i++) {
      ms[i] = m[i];
      ms[i].id = put_str(&cursor, m[i].id);
      ms[i].name = put_str(&cursor, m[i].name);
      ms[i].source = put_str(&cursor, m[i].source);
      ms[i].as_of = put_str(&cursor, m[i].as_of);
    }
    for (size_t i = 0; i < na; i++) {
      as[i] = a[i];
      as[i].id = put_str(&cursor, a[i].id);
      as[i].name = put_str(&cursor, a[i].name);
      as[i].source = put_str(&cursor, a[i].source);
      as[i].as_of = put_str(&cursor, a[i].as_of);
    }
    *c = (struct aic_catalogue){
      .gpus = ng > 0 ? gs : NULL,
      .n_gpus = ng,
      .models = nm > 0 ? ms : NULL,
      .n_models = nm,
      .api_prices = na > 0 ? as : NULL,
      .n_api_prices = na,
      .generations = nn > 0 ? ns : NULL,
      .n_generations = nn,
      .defaults = ld->defaults,
    };
  }
  c->version = put_str(&cursor, ld->version);
  c->currency = put_str(&cursor, ld->currency);
  c->hash = put_str(&cursor, hash);
  return c;
}

/* The sections' arrays were allocated in the tree's arena: sortable. */
static void
sort_section(const void *entries, size_t n, size_t size)
{
  if (n > 1)
    qsort((void *)(uintptr_t)entries, n, size, by_id);
}

struct aic_catalogue *
aic_catalogue_load(const char *text, size_t len, const char *filename, struct aic_diags *errors)
{
  struct aic_diags scratch;
  struct aic_yaml *y = NULL;
  struct aic_catalogue staged;
  struct aic_catalogue *c = NULL;
  struct aic_run run;
  size_t before;
  char hash[17];
  int r;

  if (errors == NULL) {
    aic_diags_init(&scratch);
    errors = &scratch;
  }
  if (text == NULL)
    len = 0;
  r = aic_yaml_parse(text, len, filename, YTREE_MAX_BYTES, &y, errors);
  if (r != 0) {
    if (r < 0)
      aic_diag_add(errors, filename != NULL ? filename : "-", "(document): out of memory");
    return NULL;
  }
  memset(&staged, 0, sizeof staged);
  aic_run_init(&run, errors, NULL);
  run.yaml = y;
  run.alloc = from_arena;
  run.arena = &y->tree.arena;
  before = errors->n + errors->dropped;
  r = aic_table_apply(&aic_catalogue_table, aic_yaml_json(y), "", &staged, &run);
  if (r == 0 && errors->n + errors->dropped == before) {
    sort_section(staged.gpus, staged.n_gpus, sizeof *staged.gpus);
    sort_section(staged.models, staged.n_models, sizeof *staged.models);
    sort_section(staged.api_prices, staged.n_api_prices, sizeof *staged.api_prices);
    sort_section(staged.generations, staged.n_generations, sizeof *staged.generations);
    /* FNV-1a over the exact source bytes: enough to tell two catalogue
     * files apart (an identifier for caches and reports, not a security
     * measure) */
    aic_hash_hex(aic_fnv1a(AIC_FNV1A_OFFSET, text, len), hash);
    c = freeze(&staged, hash);
    if (c == NULL)
      r = AIC_E_NOMEM;
  }
  if (r < 0)
    aic_diag_add(errors, aic_yaml_filename(y), "(document): out of memory");
  aic_yaml_free(y);
  return c;
}

struct aic_catalogue *
aic_catalogue_load_file(const char *path, struct aic_diags *errors)
{
  struct aic_diags scratch;
  struct aic_buf buf = { 0 };
  struct aic_catalogue *c;
  FILE *f;
  int r;

  if (errors == NULL) {
    aic_diags_init(&scratch);
    errors = &scratch;
  }
  f = fopen(path, "rb");
  if (f == NULL) {
    aic_diag_add(errors, path, "(file): cannot open: %s", strerror(errno));
    return NULL;
  }
  /* A file over the limit is read one byte past it, and the loader says
   * that it is too big. */
  r = aic_buf_read(&buf, f, YTREE_MAX_BYTES);
  fclose(f);
  if (r == ENOMEM) {
    aic_diag_add(errors, path, "(file): out of memory");
    aic_buf_free(&buf);
    return NULL;
  }
  if (r != 0 && r != EFBIG) {
    aic_diag_add(errors, path, "(file): cannot read: %s", strerror(r));
    aic_buf_free(&buf);
    return NULL;
  }
  c = aic_catalogue_load(buf.p != NULL ? buf.p : "", buf.len, path, errors);
  aic_buf_free(&buf);
  return c;
}

void
aic_catalogue_free(struct aic_catalogue *c)
{
  /* the whole catalogue is the one block that starts with the header */
  free(c);
}
