/* Layering catalogue files: a base and overlays, merged into one tree
 * before anything is validated, so that every later error still points
 * at the file, line and column it came from (each node keeps its file).
 * The rule, for people: docs/catalogue.md, "Layering catalogues".
 *
 *   defaults             key by key: an overlay's key replaces the base's
 *   gpus                 entry by id; a GPU that is in the base keeps its
 *                        offers and gains the overlay's, one per (provider,
 *                        kind, region): an overlay's offer replaces the
 *                        base's at the same place. An overlay entry with
 *                        keys besides `offers` replaces every other key of
 *                        the entry (its source and as_of describe them all).
 *   models, api_prices,  entry by id: the overlay's entry replaces the
 *   api_batch, sites,    base's whole
 *   fx, ...
 *   date                 the later of the two
 *   currency             must not change
 *   anything else        the overlay's value replaces the base's
 *
 * An overlay may not remove anything (a null entry), change the currency,
 * or give offers for a GPU that no earlier file has. The merged tree's new
 * containers live in the output tree's arena; every other node stays in
 * its own file's tree, which must outlive the merged one. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "catalogue_read.h"

enum rule { R_REPLACE, R_KEYS, R_ENTRIES, R_GPUS, R_LATEST, R_SAME };

static const struct {
  const char *key;
  enum rule rule;
} top_rules[] = {
  { "defaults", R_KEYS },      { "gpus", R_GPUS },         { "models", R_ENTRIES },
  { "api_prices", R_ENTRIES }, { "api_batch", R_ENTRIES }, { "generations", R_ENTRIES },
  { "sites", R_ENTRIES },      { "fx", R_ENTRIES },        { "date", R_LATEST },
  { "currency", R_SAME },
};

struct merge {
  struct aic_diags *errors;
  size_t n_errors;
  struct arena *a;
  int nomem;
};

/* "file:line:col", "path: reason": the loader's shape, at the node. */
static void __attribute__((format(printf, 4, 5)))
refuse(struct merge *m, const struct ynode *at, const char *path, const char *fmt, ...)
{
  char where[AIC_DIAG_POINTER_MAX], reason[AIC_DIAG_DETAIL_MAX];
  va_list ap;

  snprintf(where, sizeof where, "%s:%u:%u", at->file != NULL ? at->file : "-", at->line, at->col);
  va_start(ap, fmt);
  vsnprintf(reason, sizeof reason, fmt, ap);
  va_end(ap);
  aic_diag_add(m->errors, where, "%s: %s", path[0] != '\0' ? path : "(document)", reason);
  m->n_errors++;
}

/* "base.key" into out. */
static void
path_join(char *out, size_t cap, const char *base, const char *key)
{
  snprintf(out, cap, "%s%s%s", base, base[0] != '\0' ? "." : "", key);
}

static const struct ynode *
map_get(const struct ynode *map, const char *key, size_t *index)
{
  if (map == NULL || map->kind != YNODE_MAP)
    return NULL;
  for (size_t i = 0; i < map->n; i++) {
    const struct ynode *k = map->items[2 * i];

    if (k->kind == YNODE_SCALAR && strcmp(k->text, key) == 0) {
      if (index != NULL)
        *index = i;
      return map->items[2 * i + 1];
    }
  }
  return NULL;
}

static bool
is_null(const struct ynode *n)
{
  return n->kind == YNODE_SCALAR && n->plain &&
         (n->len == 0 || strcmp(n->text, "null") == 0 || strcmp(n->text, "~") == 0 ||
          strcmp(n->text, "Null") == 0 || strcmp(n->text, "NULL") == 0);
}

/* A new container of like's kind with room for `cap` items (a map's are
 * key/value pairs), positioned where `like` is. */
static struct ynode *
container(struct merge *m, const struct ynode *like, size_t cap)
{
  struct ynode *n = arena_alloc(m->a, sizeof *n);

  if (like->kind == YNODE_MAP)
    cap *= 2;
  if (n == NULL || (cap > 0 && (n->items = arena_alloc(m->a, cap * sizeof *n->items)) == NULL)) {
    m->nomem = 1;
    return NULL;
  }
  n->kind = like->kind;
  n->line = like->line;
  n->col = like->col;
  n->file = like->file;
  return n;
}

static void
put(struct ynode *map, const struct ynode *key, const struct ynode *val)
{
  map->items[2 * map->n] = (struct ynode *)key;
  map->items[2 * map->n + 1] = (struct ynode *)val;
  map->n++;
}

/* A new mapping with base's pairs and room for `more`; NULL when memory
 * ran out. */
static struct ynode *
copy_map(struct merge *m, const struct ynode *base, size_t more)
{
  struct ynode *out = container(m, base, base->n + more);

  for (size_t i = 0; out != NULL && i < base->n; i++)
    put(out, base->items[2 * i], base->items[2 * i + 1]);
  return out;
}

/* (provider, kind, region) of an offer, as written; false when it is not
 * a mapping with them (the loader reports that). */
static bool
offer_place(const struct ynode *o, const char *place[3])
{
  static const char *const keys[3] = { "provider", "kind", "region" };

  if (o->kind != YNODE_MAP)
    return false;
  for (int k = 0; k < 3; k++) {
    const struct ynode *v = map_get(o, keys[k], NULL);

    place[k] = v != NULL && v->kind == YNODE_SCALAR ? v->text : NULL;
  }
  return place[0] != NULL && place[1] != NULL;
}

static bool
same_place(const struct ynode *a, const struct ynode *b)
{
  const char *pa[3], *pb[3];

  if (!offer_place(a, pa) || !offer_place(b, pb))
    return false;
  for (int k = 0; k < 3; k++)
    if ((pa[k] == NULL) != (pb[k] == NULL) || (pa[k] != NULL && strcmp(pa[k], pb[k]) != 0))
      return false;
  return true;
}

static const struct ynode *
merge_offers(struct merge *m, const struct ynode *base, const struct ynode *over)
{
  struct ynode *out;

  if (base == NULL || base->kind != YNODE_SEQ || over->kind != YNODE_SEQ)
    return over; /* nothing to keep, or not lists: the loader reports it */
  out = container(m, base, base->n + over->n);
  if (out == NULL)
    return base;
  for (size_t i = 0; i < base->n; i++)
    out->items[out->n++] = base->items[i];
  for (size_t j = 0; j < over->n; j++) {
    size_t i;

    for (i = 0; i < base->n; i++)
      if (same_place(out->items[i], over->items[j]))
        break;
    if (i < base->n)
      out->items[i] = over->items[j];
    else
      out->items[out->n++] = over->items[j];
  }
  return out;
}

static bool
only_offers(const struct ynode *entry)
{
  return entry->kind == YNODE_MAP && entry->n == 1 && entry->items[0]->kind == YNODE_SCALAR &&
         strcmp(entry->items[0]->text, "offers") == 0;
}

static const struct ynode *
merge_gpu(struct merge *m, const struct ynode *base, const struct ynode *over)
{
  const struct ynode *base_offers, *over_offers, *offers = NULL, *offers_key = NULL, *specs;
  size_t bi = 0, oi = 0;
  struct ynode *out;

  if (base->kind != YNODE_MAP || over->kind != YNODE_MAP)
    return over;
  base_offers = map_get(base, "offers", &bi);
  over_offers = map_get(over, "offers", &oi);
  if (over_offers != NULL) {
    offers = merge_offers(m, base_offers, over_offers);
    offers_key = over->items[2 * oi];
  } else if (base_offers != NULL) {
    offers = base_offers;
    offers_key = base->items[2 * bi];
  }
  specs = only_offers(over) ? base : over;
  out = container(m, specs, specs->n + 1);
  if (out == NULL)
    return over;
  for (size_t i = 0; i < specs->n; i++)
    if (specs->items[2 * i]->kind != YNODE_SCALAR ||
        strcmp(specs->items[2 * i]->text, "offers") != 0)
      put(out, specs->items[2 * i], specs->items[2 * i + 1]);
  if (offers != NULL)
    put(out, offers_key, offers);
  return out;
}

/* A map of id -> entry (or of key -> value, for defaults). */
static const struct ynode *
merge_map(struct merge *m, const struct ynode *base, const struct ynode *over, enum rule rule,
          const char *path)
{
  struct ynode *out;

  if (over->kind != YNODE_MAP) {
    refuse(m, over, path, "expected a mapping to layer over the one before, got %s",
           ynode_describe(over));
    return base;
  }
  if (base->kind != YNODE_MAP)
    return over;
  out = copy_map(m, base, over->n);
  if (out == NULL)
    return base;
  for (size_t j = 0; j < over->n; j++) {
    const struct ynode *key = over->items[2 * j], *val = over->items[2 * j + 1];
    char full[AIC_DIAG_DETAIL_MAX];
    size_t i;

    if (key->kind != YNODE_SCALAR || key->dup_of != NULL) {
      put(out, key, val); /* the loader reports it */
      continue;
    }
    path_join(full, sizeof full, path, key->text);
    if (rule != R_KEYS && is_null(val)) {
      refuse(m, val, full,
             "an overlay cannot remove an entry; write a whole "
             "catalogue without it instead");
      continue;
    }
    if (map_get(out, key->text, &i) == NULL) {
      if (rule == R_GPUS && only_offers(val))
        refuse(m, key, full,
               "offers for a GPU that no file before this one has; "
               "an overlay adds a GPU with its specs");
      else
        put(out, key, val);
      continue;
    }
    out->items[2 * i + 1] = (struct ynode *)(rule == R_GPUS
                                               ? merge_gpu(m, out->items[2 * i + 1], val)
                                               : val);
  }
  return out;
}

static const struct ynode *
merge_root(struct merge *m, const struct ynode *base, const struct ynode *over)
{
  struct ynode *out;

  if (base == NULL || base->kind != YNODE_MAP)
    return base; /* the loader reports the base */
  if (over == NULL)
    return base; /* an empty overlay changes nothing */
  if (over->kind != YNODE_MAP) {
    refuse(m, over, "", "expected a mapping at the top of an overlay, got %s",
           ynode_describe(over));
    return base;
  }
  out = copy_map(m, base, over->n);
  if (out == NULL)
    return base;
  for (size_t j = 0; j < over->n; j++) {
    const struct ynode *key = over->items[2 * j], *val = over->items[2 * j + 1];
    enum rule rule = R_REPLACE;
    const struct ynode *was;
    size_t i;

    if (key->kind != YNODE_SCALAR) {
      put(out, key, val);
      continue;
    }
    for (size_t r = 0; r < sizeof top_rules / sizeof top_rules[0]; r++)
      if (strcmp(top_rules[r].key, key->text) == 0)
        rule = top_rules[r].rule;
    was = map_get(out, key->text, &i);
    if (was == NULL) {
      put(out, key, val);
      continue;
    }
    switch (rule) {
    case R_SAME:
      if (val->kind != YNODE_SCALAR || was->kind != YNODE_SCALAR ||
          strcmp(val->text, was->text) != 0)
        refuse(m, val, key->text,
               "an overlay may not change it (the file before "
               "says %.20s)",
               was->kind == YNODE_SCALAR ? was->text : "something else");
      break;
    case R_LATEST:
      if (val->kind == YNODE_SCALAR && was->kind == YNODE_SCALAR &&
          strcmp(val->text, was->text) > 0)
        out->items[2 * i + 1] = (struct ynode *)val;
      break;
    case R_KEYS:
    case R_ENTRIES:
    case R_GPUS:
      out->items[2 * i + 1] = (struct ynode *)merge_map(m, was, val, rule, key->text);
      break;
    case R_REPLACE: out->items[2 * i + 1] = (struct ynode *)val; break;
    }
  }
  return out;
}

int
cat_merge(struct aic_diags *errors, size_t *n_errors, struct arena *a, const struct ynode *base,
          const struct ynode *over, const struct ynode **out)
{
  struct merge m = { .errors = errors, .a = a };

  *out = merge_root(&m, base, over);
  *n_errors += m.n_errors;
  return m.nomem ? AIC_E_NOMEM : 0;
}
