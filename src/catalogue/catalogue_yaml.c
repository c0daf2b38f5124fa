/* The catalogue loader: YAML bytes -> a validated, sorted, immutable
 * struct aic_catalogue in ONE allocation (so aic_catalogue_free is one
 * free() and a reload can never leave half a catalogue behind).
 *
 * Steps: ytree_parse (syntax, hostile input) -> field tables per section
 * (every problem reported, with file:line:col and key path) -> cross checks
 * -> sort each section by id -> copy into one block.
 *
 * Required keys (docs/catalogue.md is the user-facing version):
 *   top level: version, currency (must be USD), defaults, gpus, models, api_prices
 *              (optional: date, the day the prices were last checked)
 *   gpu:       name, memory_gib, memory_bandwidth_tb_s, peak_tflops, source, as_of
 *              (optional: power_w, purchase_usd, price_per_hour_usd.{on_demand,reserved})
 *   model:     name, params_b, layers, d_model, heads, kv_heads, head_dim, context,
 *              source, as_of (optional: active_params_b, NAN meaning "= params_b")
 *   api price: name, input_per_mtok_usd, output_per_mtok_usd, source, as_of
 *              (optional: cached_input_per_mtok_usd)
 *   defaults:  every field of struct aic_defaults. */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aicost/catalogue_io.h"
#include "aicost/date.h"
#include "aicost/util.h"
#include "catalogue_api.h"
#include "schema.h"
#include "yaml_tree.h"

#define ID_MAX 64

#define G(m) offsetof(struct aic_gpu, m)
static const struct cfield gpu_fields[] = {
  { "name", CF_STR, G(name), 0, true, 0 },
  { "memory_gib", CF_NUM, G(memory_gib), 0, true, CR_POSITIVE },
  { "memory_bandwidth_tb_s", CF_NUM, G(memory_bandwidth_tb_s), 0, true, CR_POSITIVE },
  { "peak_tflops", CF_PEAKS, G(peak_tflops), 0, true, 0 },
  { "power_w", CF_NUM, G(power_w), 0, false, CR_POSITIVE },
  { "purchase_usd", CF_NUM, G(purchase_usd), 0, false, 0 },
  { "price_per_hour_usd", CF_PRICES, G(price_on_demand_usd), G(price_reserved_usd), false, 0 },
  { "source", CF_STR, G(source), 0, true, 0 },
  { "as_of", CF_DATE, G(as_of), 0, true, 0 },
  { NULL, CF_STR, 0, 0, false, 0 },
};
#define GPU_PEAKS_ROW 3

#define M(m) offsetof(struct aic_model, m)
static const struct cfield model_fields[] = {
  { "name", CF_STR, M(name), 0, true, 0 },
  { "params_b", CF_NUM, M(params_b), 0, true, CR_POSITIVE },
  { "active_params_b", CF_NUM, M(active_params_b), 0, false, CR_POSITIVE },
  { "layers", CF_NUM, M(layers), 0, true, CR_POSITIVE | CR_WHOLE },
  { "d_model", CF_NUM, M(d_model), 0, true, CR_POSITIVE | CR_WHOLE },
  { "heads", CF_NUM, M(heads), 0, true, CR_POSITIVE | CR_WHOLE },
  { "kv_heads", CF_NUM, M(kv_heads), 0, true, CR_POSITIVE | CR_WHOLE },
  { "head_dim", CF_NUM, M(head_dim), 0, true, CR_POSITIVE | CR_WHOLE },
  { "context", CF_NUM, M(context), 0, true, CR_POSITIVE | CR_WHOLE },
  { "source", CF_STR, M(source), 0, true, 0 },
  { "as_of", CF_DATE, M(as_of), 0, true, 0 },
  { NULL, CF_STR, 0, 0, false, 0 },
};
#define MODEL_ACTIVE_ROW 2
#define MODEL_KV_ROW 6

#define D(m) offsetof(struct aic_defaults, m)
static const struct cfield default_fields[] = {
  { "mfu", CF_NUM, D(mfu), 0, true, CR_POSITIVE | CR_FRACTION },
  { "goodput", CF_NUM, D(goodput), 0, true, CR_POSITIVE | CR_FRACTION },
  { "rollout_mfu", CF_NUM, D(rollout_mfu), 0, true, CR_POSITIVE | CR_FRACTION },
  { "compute_efficiency", CF_NUM, D(compute_efficiency), 0, true, CR_POSITIVE | CR_FRACTION },
  { "bandwidth_efficiency", CF_NUM, D(bandwidth_efficiency), 0, true, CR_POSITIVE | CR_FRACTION },
  { "target_utilization", CF_NUM, D(target_utilization), 0, true, CR_POSITIVE | CR_FRACTION },
  { "peak_to_average", CF_NUM, D(peak_to_average), 0, true, CR_AT_LEAST_1 },
  { "max_batch", CF_NUM, D(max_batch), 0, true, CR_AT_LEAST_1 | CR_WHOLE },
  { "amortisation_years", CF_NUM, D(amortisation_years), 0, true, CR_POSITIVE },
  { "pue", CF_NUM, D(pue), 0, true, CR_AT_LEAST_1 },
  { "electricity_usd_per_kwh", CF_NUM, D(electricity_usd_per_kwh), 0, true, 0 },
  /* optional: without it no price is called stale (unless a request asks) */
  { "stale_after_days", CF_NUM, D(stale_after_days), 0, false, 0 },
  { "training_precision", CF_PRECISION, D(training_precision), 0, true, 0 },
  { "serving_precision", CF_PRECISION, D(serving_precision), 0, true, 0 },
  { NULL, CF_STR, 0, 0, false, 0 },
};
#define DEFAULT_TRAINING_ROW 12
#define DEFAULT_SERVING_ROW 13

#define ROWS(t) (sizeof t / sizeof t[0])
_Static_assert(ROWS(gpu_fields) <= CF_ROWS_MAX && ROWS(model_fields) <= CF_ROWS_MAX &&
                 ROWS(default_fields) <= CF_ROWS_MAX,
               "cfields_apply's nodes arrays hold CF_ROWS_MAX rows");

/* One section read into a temporary array (in the tree's arena). */
struct section {
  const char *name; /* "gpus" */
  const struct cfield *fields;
  size_t size; /* sizeof the entry struct */
  void *entries;
  const struct ynode **peaks; /* gpus only: the peak_tflops node of each entry */
  size_t n;
};

struct load {
  struct yreport L;
  struct ytree *t;
  const char *version, *currency, *date;
  struct aic_defaults defaults;
  const struct ynode *defaults_nodes[CF_ROWS_MAX];
  bool has_defaults;
  struct section sec[AIC_SECTION_COUNT]; /* API prices: in api, not here */
  struct api_prices_read api;
  struct api_batch_read batch;
};

/* Every entry struct starts with `const char *id` (the core relies on it too). */
static void
set_id(void *entry, const char *id)
{
  *(const char **)entry = id;
}

static int
read_section(struct load *ld, struct section *s, const struct ynode *map)
{
  struct yreport *L = &ld->L;

  if (map->kind != YNODE_MAP) {
    yreport_error(L, map, s->name, "expected a mapping from id to entry, got %s",
                ynode_describe(map));
    return 0;
  }
  if (map->n > 0) {
    s->entries = arena_alloc(&ld->t->arena, map->n * s->size);
    s->peaks = arena_alloc(&ld->t->arena, map->n * sizeof *s->peaks);
    if (s->entries == NULL || s->peaks == NULL)
      return AIC_E_NOMEM;
  }
  for (size_t i = 0; i < map->n; i++) {
    const struct ynode *key = map->items[2 * i], *val = map->items[2 * i + 1];
    const struct ynode *nodes[CF_ROWS_MAX] = { NULL };
    char path[AIC_DIAG_DETAIL_MAX];
    void *entry = (char *)s->entries + s->n * s->size;

    if (ykey_check(L, key, s->name, "id"))
      continue;
    ypath_join(path, sizeof path, s->name, key->text);
    if (!catalogue_valid_id(key->text, key->len)) {
      yreport_error(L, key, path,
                  "invalid id (lower-case letters, digits and . _ / -, starting with a "
                  "letter or digit, at most %d characters)", ID_MAX);
      continue;
    }
    cfields_apply(L, s->fields, val, path, entry, nodes);
    set_id(entry, key->text);
    if (s->fields == gpu_fields)
      s->peaks[s->n] = nodes[GPU_PEAKS_ROW];
    if (s->fields == model_fields) {
      struct aic_model *m = entry;

      if (aic_has(m->kv_heads) && aic_has(m->heads) && m->kv_heads > m->heads) {
        char p[AIC_DIAG_DETAIL_MAX];

        ypath_join(p, sizeof p, path, "kv_heads");
        yreport_error(L, nodes[MODEL_KV_ROW], p, "must not exceed heads (%g)", m->heads);
      }
      if (aic_has(m->active_params_b) && aic_has(m->params_b) &&
          m->active_params_b > m->params_b) {
        char p[AIC_DIAG_DETAIL_MAX];

        ypath_join(p, sizeof p, path, "active_params_b");
        yreport_error(L, nodes[MODEL_ACTIVE_ROW], p, "must not exceed params_b (%g)",
                    m->params_b);
      }
    }
    s->n++;
  }
  return 0;
}

/* A precision named by the defaults must exist on every GPU, or a scenario
 * that relies on the default would fail on that GPU at request time. */
static void
check_default_precisions(struct load *ld)
{
  struct section *g = &ld->sec[AIC_SECTION_GPUS];
  const struct {
    const char *key;
    enum aic_precision p;
    int row;
  } uses[2] = {
    { "training_precision", ld->defaults.training_precision, DEFAULT_TRAINING_ROW },
    { "serving_precision", ld->defaults.serving_precision, DEFAULT_SERVING_ROW },
  };

  if (!ld->has_defaults)
    return;
  for (size_t i = 0; i < g->n; i++) {
    const struct aic_gpu *gpu = (const struct aic_gpu *)g->entries + i;
    char path[AIC_DIAG_DETAIL_MAX];

    if (g->peaks[i] == NULL)
      continue; /* already reported missing */
    for (size_t u = 0; u < sizeof uses / sizeof uses[0]; u++) {
      if (ld->defaults_nodes[uses[u].row] == NULL || aic_has(gpu->peak_tflops[uses[u].p]))
        continue;
      if (u == 1 && uses[1].p == uses[0].p)
        continue;
      snprintf(path, sizeof path, "gpus.%s.peak_tflops", gpu->id);
      yreport_error(&ld->L, g->peaks[i], path, "has no %s, which defaults.%s names",
                  aic_precision_name(uses[u].p), uses[u].key);
    }
  }
}

static int
read_root(struct load *ld, const struct ynode *root)
{
  static const struct cfield top[] = {
    { "version", CF_STR, 0, 0, true, 0 },  { "currency", CF_STR, 0, 0, true, 0 },
    { "defaults", CF_STR, 0, 0, true, 0 }, { "gpus", CF_STR, 0, 0, true, 0 },
    { "models", CF_STR, 0, 0, true, 0 },   { "api_prices", CF_STR, 0, 0, true, 0 },
    { "date", CF_DATE, 0, 0, false, 0 },   { "api_batch", CF_NODE, 0, 0, false, 0 },
    { NULL, CF_STR, 0, 0, false, 0 },
  };
  struct yreport *L = &ld->L;
  bool seen[sizeof top / sizeof top[0]] = { false };
  int r = 0;

  if (root == NULL) {
    yreport_error(L, NULL, "", "the file is empty; expected a mapping with version, currency, "
                             "defaults, gpus, models and api_prices");
    return 0;
  }
  if (root->kind != YNODE_MAP) {
    yreport_error(L, root, "", "expected a mapping at the top, got %s", ynode_describe(root));
    return 0;
  }
  for (size_t i = 0; i < root->n && r == 0; i++) {
    const struct ynode *key = root->items[2 * i], *val = root->items[2 * i + 1];
    size_t k;

    if (ykey_check(L, key, "", "key"))
      continue;
    for (k = 0; top[k].key != NULL; k++)
      if (strcmp(top[k].key, key->text) == 0)
        break;
    if (top[k].key == NULL) {
      cfield_unknown_key(L, top, key, "");
      continue;
    }
    seen[k] = true;
    if (k == 0) {
      ld->version = cfield_string(L, val, "version");
    } else if (k == 1) {
      const char *s = cfield_string(L, val, "currency");

      if (s != NULL && strcmp(s, "USD") != 0)
        yreport_error(L, val, "currency", "must be USD (every price here is in US dollars)");
      else
        ld->currency = s;
    } else if (k == 2) {
      size_t before = L->n_errors;

      cfields_apply(L, default_fields, val, "defaults", &ld->defaults, ld->defaults_nodes);
      ld->has_defaults = L->n_errors == before;
    } else if (k == 6) {
      const char *s = cfield_string(L, val, "date");
      long day;

      /* the day prices were last checked: prices' ages are measured from it */
      if (s != NULL && !aic_date_parse(s, &day))
        yreport_error(L, val, "date", "expected a date as YYYY-MM-DD, got '%.40s'", s);
      else
        ld->date = s;
    } else if (k == 7) {
      r = catalogue_read_api_batch(L, &ld->t->arena, val, &ld->batch);
    } else if (k == 5) {
      r = catalogue_read_api_prices(L, &ld->t->arena, val, &ld->api);
    } else {
      r = read_section(ld, &ld->sec[k - 3], val);
    }
  }
  for (size_t k = 0; top[k].key != NULL; k++)
    if (!seen[k] && top[k].required)
      yreport_error(L, root, top[k].key, k >= 2 ? "missing required section" : "missing required key");
  return r;
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

/* The whole catalogue in one malloc: header, three arrays, then strings. */
/* The strings of an API price: its own and its periods'. */
static size_t
api_strings(const struct aic_api_price *a)
{
  size_t n = str_size(a->id) + str_size(a->name) + str_size(a->source) + str_size(a->as_of);

  for (size_t k = 0; k < a->n_periods; k++)
    n += str_size(a->periods[k].from) + str_size(a->periods[k].off_peak_start_utc) +
         str_size(a->periods[k].off_peak_end_utc);
  return n;
}

/* An API price and its periods and tiers into the block: the periods and
 * tiers at *periods and *tiers (advanced), the strings at *cursor. */
static void
put_api(struct aic_api_price *dst, const struct aic_api_price *src,
        struct aic_api_period **periods, struct aic_api_tier **tiers, char **cursor)
{
  *dst = *src;
  dst->id = put_str(cursor, src->id);
  dst->name = put_str(cursor, src->name);
  dst->source = put_str(cursor, src->source);
  dst->as_of = put_str(cursor, src->as_of);
  dst->periods = *periods;
  for (size_t k = 0; k < src->n_periods; k++) {
    struct aic_api_period *p = &(*periods)[k];

    *p = src->periods[k];
    p->from = put_str(cursor, src->periods[k].from);
    p->off_peak_start_utc = put_str(cursor, src->periods[k].off_peak_start_utc);
    p->off_peak_end_utc = put_str(cursor, src->periods[k].off_peak_end_utc);
    if (p->n_tiers > 0) {
      memcpy(*tiers, src->periods[k].tiers, p->n_tiers * sizeof **tiers);
      p->tiers = *tiers;
      *tiers += p->n_tiers;
    } else {
      p->tiers = NULL;
    }
  }
  *periods += src->n_periods;
}

/* The whole catalogue in one malloc: header, the arrays (GPUs, models, API
 * prices, their periods and tiers, batch discounts), then strings. */
static struct aic_catalogue *
freeze(struct load *ld, const char *hash)
{
  const struct aic_gpu *g = ld->sec[AIC_SECTION_GPUS].entries;
  const struct aic_model *m = ld->sec[AIC_SECTION_MODELS].entries;
  const struct aic_api_price *a = ld->api.v;
  const struct aic_api_batch *b = ld->batch.v;
  size_t ng = ld->sec[AIC_SECTION_GPUS].n, nm = ld->sec[AIC_SECTION_MODELS].n;
  size_t na = ld->api.n, nb = ld->batch.n;
  size_t strings = str_size(ld->version) + str_size(ld->currency) + str_size(hash) +
                   str_size(ld->date);
  size_t head = ROUND16(sizeof(struct aic_catalogue));
  size_t off_g = head, off_m = off_g + ROUND16(ng * sizeof *g);
  size_t off_a = off_m + ROUND16(nm * sizeof *m);
  size_t off_p = off_a + ROUND16(na * sizeof *a);
  size_t off_t = off_p + ROUND16(ld->api.n_periods * sizeof(struct aic_api_period));
  size_t off_b = off_t + ROUND16(ld->api.n_tiers * sizeof(struct aic_api_tier));
  size_t off_s = off_b + ROUND16(nb * sizeof *b);
  struct aic_catalogue *c;
  char *base, *cursor;

  for (size_t i = 0; i < ng; i++)
    strings += str_size(g[i].id) + str_size(g[i].name) + str_size(g[i].source) +
               str_size(g[i].as_of);
  for (size_t i = 0; i < nm; i++)
    strings += str_size(m[i].id) + str_size(m[i].name) + str_size(m[i].source) +
               str_size(m[i].as_of);
  for (size_t i = 0; i < na; i++)
    strings += api_strings(&a[i]);
  for (size_t i = 0; i < nb; i++)
    strings += str_size(b[i].id) + str_size(b[i].source) + str_size(b[i].as_of);
  base = malloc(off_s + strings);
  if (base == NULL)
    return NULL;
  c = (struct aic_catalogue *)(void *)base;
  cursor = base + off_s;
  {
    struct aic_gpu *gs = (struct aic_gpu *)(void *)(base + off_g);
    struct aic_model *ms = (struct aic_model *)(void *)(base + off_m);
    struct aic_api_price *as = (struct aic_api_price *)(void *)(base + off_a);
    struct aic_api_period *ps = (struct aic_api_period *)(void *)(base + off_p);
    struct aic_api_tier *ts = (struct aic_api_tier *)(void *)(base + off_t);
    struct aic_api_batch *bs = (struct aic_api_batch *)(void *)(base + off_b);

    for (size_t i = 0; i < ng; i++) {
      gs[i] = g[i];
      gs[i].id = put_str(&cursor, g[i].id);
      gs[i].name = put_str(&cursor, g[i].name);
      gs[i].source = put_str(&cursor, g[i].source);
      gs[i].as_of = put_str(&cursor, g[i].as_of);
    }
    for (size_t i = 0; i < nm; i++) {
      ms[i] = m[i];
      ms[i].id = put_str(&cursor, m[i].id);
      ms[i].name = put_str(&cursor, m[i].name);
      ms[i].source = put_str(&cursor, m[i].source);
      ms[i].as_of = put_str(&cursor, m[i].as_of);
    }
    for (size_t i = 0; i < na; i++)
      put_api(&as[i], &a[i], &ps, &ts, &cursor);
    for (size_t i = 0; i < nb; i++) {
      bs[i] = b[i];
      bs[i].id = put_str(&cursor, b[i].id);
      bs[i].source = put_str(&cursor, b[i].source);
      bs[i].as_of = put_str(&cursor, b[i].as_of);
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
      .defaults = ld->defaults,
    };
  }
  c->version = put_str(&cursor, ld->version);
  c->currency = put_str(&cursor, ld->currency);
  c->hash = put_str(&cursor, hash);
  c->date = put_str(&cursor, ld->date);
  return c;
}

/* The id's key node in an overlay's section `name`, for an error's place. */
static const struct ynode *
key_node(const struct ynode *root, const char *name, const char *id)
{
  for (size_t i = 0; root != NULL && root->kind == YNODE_MAP && i < root->n; i++) {
    const struct ynode *k = root->items[2 * i], *v = root->items[2 * i + 1];

    if (k->kind != YNODE_SCALAR || strcmp(k->text, name) != 0 || v->kind != YNODE_MAP)
      continue;
    for (size_t j = 0; j < v->n; j++)
      if (v->items[2 * j]->kind == YNODE_SCALAR && strcmp(v->items[2 * j]->text, id) == 0)
        return v->items[2 * j];
  }
  return root;
}

/* Appends `add` (sorted) to `*to` (sorted) in the base's arena, reporting
 * every id both have: an overlay adds entries, it does not silently
 * replace one (a correction goes in the base, and the importer leaves the
 * id out). Returns 0 or AIC_E_NOMEM. */
static int
append_sorted(struct load *ld, struct yreport *L, const struct ynode *root, const char *section,
              void **to, size_t *n, const void *add, size_t n_add, size_t size)
{
  char *all = arena_alloc(&ld->t->arena, (*n + n_add) * size);
  size_t i = 0, j = 0, k = 0;

  if (all == NULL && *n + n_add > 0)
    return AIC_E_NOMEM;
  while (i < *n || j < n_add) {
    const char *a = i < *n ? *(const char *const *)(const void *)((char *)*to + i * size) : NULL;
    const char *b = j < n_add ? *(const char *const *)(const void *)((const char *)add + j * size)
                              : NULL;
    int cmp = a == NULL ? 1 : b == NULL ? -1 : strcmp(a, b);

    if (cmp == 0) {
      char path[AIC_DIAG_DETAIL_MAX];

      ypath_join(path, sizeof path, section, b);
      yreport_error(L, key_node(root, section, b), path,
                    "already in the catalogue this file is layered on");
      j++;
      continue;
    }
    memcpy(all + k++ * size, cmp < 0 ? (char *)*to + i++ * size
                                     : (const char *)add + j++ * size, size);
  }
  *to = all;
  *n = k;
  return 0;
}

/* A layer over the base (config/catalogue.d/api-prices.yaml): its
 * api_prices and api_batch are added to the base's. The minimal layering
 * the generated API prices need; the general merge of catalogues
 * (`aicost catalogue merge`) is a separate piece of issue 13. */
static int
read_layer(struct load *ld, struct ytree *t)
{
  struct yreport L = { .t = t, .errors = ld->L.errors };
  struct api_prices_read api = { 0 };
  struct api_batch_read batch = { 0 };
  const struct ynode *root = t->root;
  int r = 0;

  if (root == NULL || root->kind != YNODE_MAP) {
    yreport_error(&L, root, "", "expected a mapping with api_prices and/or api_batch");
    ld->L.n_errors += L.n_errors;
    return 0;
  }
  for (size_t i = 0; i < root->n && r == 0; i++) {
    const struct ynode *key = root->items[2 * i], *val = root->items[2 * i + 1];

    if (ykey_check(&L, key, "", "key"))
      continue;
    if (strcmp(key->text, "api_prices") == 0)
      r = catalogue_read_api_prices(&L, &t->arena, val, &api);
    else if (strcmp(key->text, "api_batch") == 0)
      r = catalogue_read_api_batch(&L, &t->arena, val, &batch);
    else
      yreport_error(&L, key, key->text, "a catalogue layer holds api_prices and api_batch only");
  }
  if (r == 0 && api.n > 1)
    qsort(api.v, api.n, sizeof *api.v, by_id);
  if (r == 0 && batch.n > 1)
    qsort(batch.v, batch.n, sizeof *batch.v, by_id);
  if (r == 0)
    r = append_sorted(ld, &L, root, "api_prices", (void **)&ld->api.v, &ld->api.n, api.v, api.n,
                      sizeof *api.v);
  if (r == 0)
    r = append_sorted(ld, &L, root, "api_batch", (void **)&ld->batch.v, &ld->batch.n, batch.v,
                      batch.n, sizeof *batch.v);
  ld->api.n_periods += api.n_periods;
  ld->api.n_tiers += api.n_tiers;
  ld->L.n_errors += L.n_errors;
  return r;
}

struct aic_catalogue *
aic_catalogue_load_layers(const struct aic_catalogue_layer *layers, size_t n,
                          struct aic_diags *errors)
{
  struct aic_diags scratch;
  struct ytree trees[AIC_CATALOGUE_LAYERS_MAX];
  struct load ld;
  struct aic_catalogue *c = NULL;
  uint64_t h = AIC_FNV1A_OFFSET;
  size_t parsed = 0;
  char hash[17];
  int r = 0;

  if (errors == NULL) {
    aic_diags_init(&scratch);
    errors = &scratch;
  }
  if (n < 1 || n > AIC_CATALOGUE_LAYERS_MAX) {
    aic_diag_add(errors, "-", "(document): 1 to %d catalogue files", AIC_CATALOGUE_LAYERS_MAX);
    return NULL;
  }
  for (; parsed < n && r == 0; parsed++) {
    const char *text = layers[parsed].text != NULL ? layers[parsed].text : "";
    size_t len = layers[parsed].text != NULL ? layers[parsed].len : 0;

    r = ytree_parse(&trees[parsed], text, len, layers[parsed].filename, YTREE_MAX_BYTES, errors);
    if (r < 0)
      aic_diag_add(errors, layers[parsed].filename != NULL ? layers[parsed].filename : "-",
                   "(document): out of memory");
    /* FNV-1a over the exact source bytes, layer after layer: enough to
     * tell two catalogues apart (an identifier for caches and reports,
     * not a security measure) */
    h = aic_fnv1a(h, text, len);
  }
  if (r == 0) {
    memset(&ld, 0, sizeof ld);
    ld.t = &trees[0];
    ld.L = (struct yreport){ .t = &trees[0], .errors = errors };
    ld.sec[AIC_SECTION_GPUS] = (struct section){ .name = "gpus", .fields = gpu_fields,
                                                  .size = sizeof(struct aic_gpu) };
    ld.sec[AIC_SECTION_MODELS] = (struct section){ .name = "models", .fields = model_fields,
                                                    .size = sizeof(struct aic_model) };
    r = read_root(&ld, trees[0].root);
    if (r == 0)
      check_default_precisions(&ld);
    for (int s = 0; r == 0 && s < AIC_SECTION_COUNT; s++)
      if (ld.sec[s].n > 1)
        qsort(ld.sec[s].entries, ld.sec[s].n, ld.sec[s].size, by_id);
    if (r == 0 && ld.api.n > 1)
      qsort(ld.api.v, ld.api.n, sizeof *ld.api.v, by_id);
    if (r == 0 && ld.batch.n > 1)
      qsort(ld.batch.v, ld.batch.n, sizeof *ld.batch.v, by_id);
    for (size_t i = 1; r == 0 && i < n; i++)
      r = read_layer(&ld, &trees[i]);
    if (r == 0 && ld.L.n_errors == 0) {
      aic_hash_hex(h, hash);
      c = freeze(&ld, hash);
      if (c == NULL)
        r = AIC_E_NOMEM;
    }
    if (r < 0)
      aic_diag_add(errors, trees[0].filename, "(document): out of memory");
  }
  for (size_t i = 0; i < parsed; i++)
    ytree_free(&trees[i]);
  return c;
}

struct aic_catalogue *
aic_catalogue_load(const char *text, size_t len, const char *filename, struct aic_diags *errors)
{
  struct aic_catalogue_layer one = { text, len, filename };

  return aic_catalogue_load_layers(&one, 1, errors);
}

void
aic_catalogue_free(struct aic_catalogue *c)
{
  /* the whole catalogue is the one block that starts with the header */
  free(c);
}
