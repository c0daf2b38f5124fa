/* The catalogue loader: a YAML document (one file, or files merged by
 * catalogue_layers.c) -> a validated, sorted, immutable struct
 * aic_catalogue in ONE allocation (so aic_catalogue_free is one free() and
 * a reload can never leave half a catalogue behind).
 *
 * Steps: src/yaml has parsed (syntax, hostile input) and turned the tree
 * into JSON that remembers where each node was; the catalogue's tables
 * (catalogue_tables.c) are applied by the engine of src/schema, which
 * reports every problem as file:line:col with its key path; then each
 * section is sorted by id and everything is copied into one block. What
 * each key must hold is in the tables, and docs/catalogue.md for users. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aicost/catalogue_io.h"
#include "aicost/util.h"
#include "catalogue_read.h"
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

/* What the API prices hold besides their own structs: periods (changes),
 * tiers, and strings. */
struct api_sizes {
  size_t changes, tiers, strings;
};

static void
period_sizes(const struct aic_api_period *p, struct api_sizes *z)
{
  z->tiers += p->n_tiers;
  z->strings += str_size(p->from) + str_size(p->off_peak.start_utc) + str_size(p->off_peak.end_utc);
}

static void
api_sizes(const struct aic_api_price *a, size_t n, struct api_sizes *z)
{
  for (size_t i = 0; i < n; i++) {
    z->strings += str_size(a[i].id) + str_size(a[i].name) + str_size(a[i].source) +
                  str_size(a[i].as_of);
    z->changes += a[i].n_changes;
    for (size_t k = 0; k < aic_api_n_periods(&a[i]); k++)
      period_sizes(aic_api_period_at(&a[i], k), z);
  }
}

/* Where freeze() puts an API price's parts. */
struct api_cursor {
  struct aic_api_period *changes;
  struct aic_api_tier *tiers;
  char *strings;
};

static void
put_period(struct aic_api_period *dst, const struct aic_api_period *src, struct api_cursor *cur)
{
  *dst = *src;
  dst->from = put_str(&cur->strings, src->from);
  dst->off_peak.start_utc = put_str(&cur->strings, src->off_peak.start_utc);
  dst->off_peak.end_utc = put_str(&cur->strings, src->off_peak.end_utc);
  dst->tiers = NULL;
  if (src->n_tiers > 0) {
    memcpy(cur->tiers, src->tiers, src->n_tiers * sizeof *cur->tiers);
    dst->tiers = cur->tiers;
    cur->tiers += src->n_tiers;
  }
}

static void
put_api(struct aic_api_price *dst, const struct aic_api_price *src, struct api_cursor *cur)
{
  *dst = *src;
  dst->id = put_str(&cur->strings, src->id);
  dst->name = put_str(&cur->strings, src->name);
  dst->source = put_str(&cur->strings, src->source);
  dst->as_of = put_str(&cur->strings, src->as_of);
  put_period(&dst->first, &src->first, cur);
  dst->changes = NULL;
  if (src->n_changes > 0) {
    struct aic_api_period *changes = cur->changes;

    cur->changes += src->n_changes;
    for (size_t k = 0; k < src->n_changes; k++)
      put_period(&changes[k], &src->changes[k], cur);
    dst->changes = changes;
  }
}

/* The whole catalogue in one malloc: header, the arrays (GPUs, models, API
 * prices, their changes and tiers, batch discounts, generations, the GPUs'
 * offers), then strings. */
static struct aic_catalogue *
freeze(const struct aic_catalogue *ld, const char *hash)
{
  const struct aic_gpu *g = ld->gpus;
  const struct aic_model *m = ld->models;
  const struct aic_api_price *a = ld->api_prices;
  const struct aic_api_batch *b = ld->api_batch;
  const struct aic_fx_rate *x = ld->fx;
  size_t ng = ld->n_gpus, nm = ld->n_models, na = ld->n_api_prices, nb = ld->n_api_batch;
  size_t nx = ld->n_fx;
  struct api_sizes z = { 0, 0, 0 };
  size_t strings = str_size(ld->version) + str_size(ld->currency) + str_size(hash) +
                   str_size(ld->date);
  size_t head = ROUND16(sizeof(struct aic_catalogue));
  size_t off_g = head, off_m = off_g + ROUND16(ng * sizeof *g);
  size_t off_a = off_m + ROUND16(nm * sizeof *m), off_c, off_t, off_b, off_n, off_o, off_e, off_x,
         off_s;
  size_t no = 0;
  size_t nn = ld->n_generations, ne = ld->n_sites;
  struct aic_catalogue *c;
  struct api_cursor cur;
  char *base;

  api_sizes(a, na, &z);
  off_c = off_a + ROUND16(na * sizeof *a);
  off_t = off_c + ROUND16(z.changes * sizeof(struct aic_api_period));
  off_b = off_t + ROUND16(z.tiers * sizeof(struct aic_api_tier));
  off_n = off_b + ROUND16(nb * sizeof *b);
  off_o = off_n + ROUND16(nn * sizeof *ld->generations);
  strings += z.strings;
  for (size_t i = 0; i < ng; i++) {
    strings += str_size(g[i].id) + str_size(g[i].name) + str_size(g[i].source) +
               str_size(g[i].as_of) + str_size(g[i].generation);
    for (size_t k = 0; k < g[i].n_offers; k++)
      strings += str_size(g[i].offers[k].provider) + str_size(g[i].offers[k].region) +
                 str_size(g[i].offers[k].source) + str_size(g[i].offers[k].as_of);
    no += g[i].n_offers;
  }
  off_e = off_o + ROUND16(no * sizeof(struct aic_offer));
  off_x = off_e + ROUND16(ne * sizeof *ld->sites);
  off_s = off_x + ROUND16(nx * sizeof *x);
  for (size_t i = 0; i < ne; i++)
    strings += str_size(ld->sites[i].id) + str_size(ld->sites[i].name) +
               str_size(ld->sites[i].provider) + str_size(ld->sites[i].region) +
               str_size(ld->sites[i].source) + str_size(ld->sites[i].as_of);
  for (size_t i = 0; i < nx; i++)
    strings += str_size(x[i].id) + str_size(x[i].source) + str_size(x[i].as_of);
  for (size_t i = 0; i < nn; i++)
    strings += str_size(ld->generations[i].name);
  for (size_t i = 0; i < nm; i++)
    strings += str_size(m[i].id) + str_size(m[i].name) + str_size(m[i].source) +
               str_size(m[i].as_of);
  for (size_t i = 0; i < nb; i++)
    strings += str_size(b[i].id) + str_size(b[i].source) + str_size(b[i].as_of);
  base = malloc(off_s + strings);
  if (base == NULL)
    return NULL;
  c = (struct aic_catalogue *)(void *)base;
  cur = (struct api_cursor){ (struct aic_api_period *)(void *)(base + off_c),
                             (struct aic_api_tier *)(void *)(base + off_t), base + off_s };
  {
    struct aic_gpu *gs = (struct aic_gpu *)(void *)(base + off_g);
    struct aic_model *ms = (struct aic_model *)(void *)(base + off_m);
    struct aic_api_price *as = (struct aic_api_price *)(void *)(base + off_a);
    struct aic_api_batch *bs = (struct aic_api_batch *)(void *)(base + off_b);
    struct aic_generation *ns = (struct aic_generation *)(void *)(base + off_n);
    struct aic_offer *os = (struct aic_offer *)(void *)(base + off_o);
    struct aic_site *es = (struct aic_site *)(void *)(base + off_e);
    struct aic_fx_rate *xs = (struct aic_fx_rate *)(void *)(base + off_x);

    for (size_t i = 0; i < ng; i++) {
      gs[i] = g[i];
      gs[i].id = put_str(&cur.strings, g[i].id);
      gs[i].name = put_str(&cur.strings, g[i].name);
      gs[i].source = put_str(&cur.strings, g[i].source);
      gs[i].as_of = put_str(&cur.strings, g[i].as_of);
      gs[i].generation = put_str(&cur.strings, g[i].generation);
      gs[i].offers = g[i].n_offers > 0 ? os : NULL;
      for (size_t k = 0; k < g[i].n_offers; k++, os++) {
        *os = g[i].offers[k];
        os->provider = put_str(&cur.strings, g[i].offers[k].provider);
        os->region = put_str(&cur.strings, g[i].offers[k].region);
        os->source = put_str(&cur.strings, g[i].offers[k].source);
        os->as_of = put_str(&cur.strings, g[i].offers[k].as_of);
      }
    }
    for (size_t i = 0; i < nn; i++) {
      ns[i] = ld->generations[i];
      ns[i].name = put_str(&cur.strings, ld->generations[i].name);
    }
    for (size_t i = 0; i < nm; i++) {
      ms[i] = m[i];
      ms[i].id = put_str(&cur.strings, m[i].id);
      ms[i].name = put_str(&cur.strings, m[i].name);
      ms[i].source = put_str(&cur.strings, m[i].source);
      ms[i].as_of = put_str(&cur.strings, m[i].as_of);
    }
    for (size_t i = 0; i < na; i++)
      put_api(&as[i], &a[i], &cur);
    for (size_t i = 0; i < ne; i++) {
      es[i] = ld->sites[i];
      es[i].id = put_str(&cur.strings, ld->sites[i].id);
      es[i].name = put_str(&cur.strings, ld->sites[i].name);
      es[i].provider = put_str(&cur.strings, ld->sites[i].provider);
      es[i].region = put_str(&cur.strings, ld->sites[i].region);
      es[i].source = put_str(&cur.strings, ld->sites[i].source);
      es[i].as_of = put_str(&cur.strings, ld->sites[i].as_of);
    }
    for (size_t i = 0; i < nb; i++) {
      bs[i] = b[i];
      bs[i].id = put_str(&cur.strings, b[i].id);
      bs[i].source = put_str(&cur.strings, b[i].source);
      bs[i].as_of = put_str(&cur.strings, b[i].as_of);
    }
    for (size_t i = 0; i < nx; i++) {
      xs[i] = x[i];
      xs[i].id = put_str(&cur.strings, x[i].id);
      xs[i].source = put_str(&cur.strings, x[i].source);
      xs[i].as_of = put_str(&cur.strings, x[i].as_of);
    }
    *c = (struct aic_catalogue){
      .gpus = ng > 0 ? gs : NULL,
      .n_gpus = ng,
      .models = nm > 0 ? ms : NULL,
      .n_models = nm,
      .api_prices = na > 0 ? as : NULL,
      .n_api_prices = na,
      .api_batch = nb > 0 ? bs : NULL,
      .n_api_batch = nb,
      .generations = nn > 0 ? ns : NULL,
      .n_generations = nn,
      .sites = ne > 0 ? es : NULL,
      .n_sites = ne,
      .defaults = ld->defaults,
      .fx = nx > 0 ? xs : NULL,
      .n_fx = nx,
    };
  }
  c->version = put_str(&cur.strings, ld->version);
  c->currency = put_str(&cur.strings, ld->currency);
  c->hash = put_str(&cur.strings, hash);
  c->date = put_str(&cur.strings, ld->date);
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
cat_from_yaml(const struct aic_yaml *y, const char *hash, struct aic_diags *errors, int *status)
{
  struct aic_catalogue staged;
  struct aic_catalogue *c = NULL;
  struct aic_run run;
  size_t before;
  int r;

  memset(&staged, 0, sizeof staged);
  aic_run_init(&run, errors, NULL);
  run.yaml = y;
  run.alloc = from_arena;
  run.arena = (void *)(uintptr_t)&y->tree.arena;
  before = errors->n + errors->dropped;
  r = aic_table_apply(&aic_catalogue_table, aic_yaml_json(y), "", &staged, &run);
  if (r == 0 && errors->n + errors->dropped == before) {
    sort_section(staged.gpus, staged.n_gpus, sizeof *staged.gpus);
    sort_section(staged.models, staged.n_models, sizeof *staged.models);
    sort_section(staged.api_prices, staged.n_api_prices, sizeof *staged.api_prices);
    sort_section(staged.generations, staged.n_generations, sizeof *staged.generations);
    sort_section(staged.api_batch, staged.n_api_batch, sizeof *staged.api_batch);
    sort_section(staged.sites, staged.n_sites, sizeof *staged.sites);
    sort_section(staged.fx, staged.n_fx, sizeof *staged.fx);
    c = freeze(&staged, hash);
    if (c == NULL)
      r = AIC_E_NOMEM;
  }
  *status = r < 0 ? r : 0;
  return c;
}

void
aic_catalogue_free(struct aic_catalogue *c)
{
  /* the whole catalogue is the one block that starts with the header */
  free(c);
}
