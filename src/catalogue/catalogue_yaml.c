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
 *   gpu:       name, memory_gib, memory_bandwidth_tb_s, peak_tflops, source, as_of
 *              (optional: power_w, purchase_usd, offers (catalogue_offers.c), or the v2
 *              form price_per_hour_usd.{on_demand,reserved}, not both)
 *   model:     name, params_b, layers, d_model, heads, kv_heads, head_dim, context,
 *              source, as_of (optional: active_params_b, NAN meaning "= params_b";
 *              experts and experts_per_token, both or neither)
 *   api price: name, input_per_mtok_usd, output_per_mtok_usd, source, as_of
 *              (optional: cached_input_per_mtok_usd)
 *   defaults:  every field of struct aic_defaults. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aicost/catalogue_io.h"
#include "aicost/util.h"
#include "catalogue_read.h"

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
  { "offers", CF_LIST, 0, 0, false, 0 },
  { "interconnect_gb_s", CF_NUM, G(interconnect_gb_s), 0, false, CR_POSITIVE },
  { "generation", CF_STR, G(generation), 0, false, 0 },
  { "source", CF_STR, G(source), 0, true, 0 },
  { "as_of", CF_DATE, G(as_of), 0, true, 0 },
  { NULL, CF_STR, 0, 0, false, 0 },
};
#define GPU_PEAKS_ROW 3
#define GPU_PRICES_ROW 6
#define GPU_OFFERS_ROW 7

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
  { "experts", CF_NUM, M(experts), 0, false, CR_POSITIVE | CR_WHOLE },
  { "experts_per_token", CF_NUM, M(experts_per_token), 0, false, CR_POSITIVE | CR_WHOLE },
  { "source", CF_STR, M(source), 0, true, 0 },
  { "as_of", CF_DATE, M(as_of), 0, true, 0 },
  { NULL, CF_STR, 0, 0, false, 0 },
};
#define MODEL_ACTIVE_ROW 2
#define MODEL_KV_ROW 6
#define MODEL_EXPERTS_ROW 9

#define A(m) offsetof(struct aic_api_price, m)
static const struct cfield api_fields[] = {
  { "name", CF_STR, A(name), 0, true, 0 },
  { "input_per_mtok_usd", CF_NUM, A(input_per_mtok_usd), 0, true, 0 },
  { "cached_input_per_mtok_usd", CF_NUM, A(cached_input_per_mtok_usd), 0, false, 0 },
  { "output_per_mtok_usd", CF_NUM, A(output_per_mtok_usd), 0, true, 0 },
  { "source", CF_STR, A(source), 0, true, 0 },
  { "as_of", CF_DATE, A(as_of), 0, true, 0 },
  { NULL, CF_STR, 0, 0, false, 0 },
};

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
  { "training_precision", CF_PRECISION, D(training_precision), 0, true, 0 },
  { "serving_precision", CF_PRECISION, D(serving_precision), 0, true, 0 },
  { NULL, CF_STR, 0, 0, false, 0 },
};
#define DEFAULT_TRAINING_ROW 11
#define DEFAULT_SERVING_ROW 12

#define ROWS(t) (sizeof t / sizeof t[0])
_Static_assert(ROWS(gpu_fields) <= CF_ROWS_MAX && ROWS(model_fields) <= CF_ROWS_MAX &&
                 ROWS(api_fields) <= CF_ROWS_MAX && ROWS(default_fields) <= CF_ROWS_MAX,
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
  const char *version, *currency;
  struct aic_defaults defaults;
  const struct ynode *defaults_nodes[CF_ROWS_MAX];
  bool has_defaults;
  struct section sec[AIC_SECTION_COUNT];
};

bool
cat_valid_id(const char *s, size_t len)
{
  if (len == 0 || len > ID_MAX)
    return false;
  if (!((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= '0' && s[0] <= '9')))
    return false;
  for (size_t i = 1; i < len; i++) {
    char c = s[i];

    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
          c == '/' || c == '-'))
      return false;
  }
  return true;
}

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
    if (!cat_valid_id(key->text, key->len)) {
      yreport_error(L, key, path,
                  "invalid id (lower-case letters, digits and . _ / -, starting with a "
                  "letter or digit, at most %d characters)", ID_MAX);
      continue;
    }
    cfields_apply(L, s->fields, val, path, entry, nodes);
    set_id(entry, key->text);
    if (s->fields == gpu_fields) {
      struct aic_gpu *g = entry;
      char p[AIC_DIAG_DETAIL_MAX];
      int r;

      s->peaks[s->n] = nodes[GPU_PEAKS_ROW];
      ypath_join(p, sizeof p, path, "offers");
      if (nodes[GPU_OFFERS_ROW] != NULL && nodes[GPU_PRICES_ROW] != NULL)
        yreport_error(L, nodes[GPU_PRICES_ROW], p,
                      "give offers or price_per_hour_usd (the catalogue v2 form), not both");
      r = cat_offers_read(L, &ld->t->arena, nodes[GPU_OFFERS_ROW], p, NULL, g);
      if (r != 0)
        return r;
      if (aic_has(g->price_reserved_usd) && aic_has(g->price_on_demand_usd) &&
          g->price_reserved_usd > g->price_on_demand_usd) {
        ypath_join(p, sizeof p, path, "price_per_hour_usd.reserved");
        yreport_error(L, nodes[GPU_PRICES_ROW], p, "%g is above on_demand %g: a reserved "
                      "price above on-demand is a mistake", g->price_reserved_usd,
                      g->price_on_demand_usd);
      }
    }
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
      if (aic_has(m->experts) != aic_has(m->experts_per_token) ||
          (aic_has(m->experts) && !(m->experts_per_token < m->experts && m->experts >= 2))) {
        char p[AIC_DIAG_DETAIL_MAX];

        ypath_join(p, sizeof p, path, "experts");
        yreport_error(L, nodes[MODEL_EXPERTS_ROW] ? nodes[MODEL_EXPERTS_ROW] : val, p,
                      "a mixture of experts gives experts (>= 2) and experts_per_token "
                      "(fewer than experts), both or neither");
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
    } else {
      r = read_section(ld, &ld->sec[k - 3], val);
    }
  }
  for (size_t k = 0; top[k].key != NULL; k++)
    if (!seen[k])
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
static struct aic_catalogue *
freeze(struct load *ld, const char *hash)
{
  const struct aic_gpu *g = ld->sec[AIC_SECTION_GPUS].entries;
  const struct aic_model *m = ld->sec[AIC_SECTION_MODELS].entries;
  const struct aic_api_price *a = ld->sec[AIC_SECTION_API_PRICES].entries;
  size_t ng = ld->sec[AIC_SECTION_GPUS].n, nm = ld->sec[AIC_SECTION_MODELS].n;
  size_t na = ld->sec[AIC_SECTION_API_PRICES].n;
  size_t strings = str_size(ld->version) + str_size(ld->currency) + str_size(hash);
  size_t head = ROUND16(sizeof(struct aic_catalogue)), no = 0;
  size_t off_g, off_m, off_a, off_o, off_s;
  struct aic_catalogue *c;
  char *base, *cursor;

  for (size_t i = 0; i < ng; i++) {
    strings += str_size(g[i].id) + str_size(g[i].name) + str_size(g[i].source) +
               str_size(g[i].as_of) + str_size(g[i].generation);
    for (size_t k = 0; k < g[i].n_offers; k++)
      strings += str_size(g[i].offers[k].provider) + str_size(g[i].offers[k].region) +
                 str_size(g[i].offers[k].source) + str_size(g[i].offers[k].as_of);
    no += g[i].n_offers;
  }
  off_g = head;
  off_m = off_g + ROUND16(ng * sizeof *g);
  off_a = off_m + ROUND16(nm * sizeof *m);
  off_o = off_a + ROUND16(na * sizeof *a);
  off_s = off_o + ROUND16(no * sizeof(struct aic_offer));
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
    struct aic_offer *os = (struct aic_offer *)(void *)(base + off_o);

    for (size_t i = 0; i < ng; i++) {
      gs[i] = g[i];
      gs[i].id = put_str(&cursor, g[i].id);
      gs[i].name = put_str(&cursor, g[i].name);
      gs[i].source = put_str(&cursor, g[i].source);
      gs[i].as_of = put_str(&cursor, g[i].as_of);
      gs[i].generation = put_str(&cursor, g[i].generation);
      gs[i].offers = g[i].n_offers > 0 ? os : NULL;
      for (size_t k = 0; k < g[i].n_offers; k++, os++) {
        *os = g[i].offers[k];
        os->provider = put_str(&cursor, g[i].offers[k].provider);
        os->region = put_str(&cursor, g[i].offers[k].region);
        os->source = put_str(&cursor, g[i].offers[k].source);
        os->as_of = put_str(&cursor, g[i].offers[k].as_of);
      }
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
      .defaults = ld->defaults,
    };
  }
  c->version = put_str(&cursor, ld->version);
  c->currency = put_str(&cursor, ld->currency);
  c->hash = put_str(&cursor, hash);
  return c;
}

struct aic_catalogue *
cat_from_tree(struct ytree *t, const char *hash, struct yreport *L, int *status)
{
  struct load ld;
  struct aic_catalogue *c = NULL;
  int r;

  memset(&ld, 0, sizeof ld);
  ld.t = t;
  ld.L = *L;
  ld.sec[AIC_SECTION_GPUS] = (struct section){ .name = "gpus", .fields = gpu_fields,
                                                .size = sizeof(struct aic_gpu) };
  ld.sec[AIC_SECTION_MODELS] = (struct section){ .name = "models", .fields = model_fields,
                                                  .size = sizeof(struct aic_model) };
  ld.sec[AIC_SECTION_API_PRICES] = (struct section){ .name = "api_prices", .fields = api_fields,
                                .size = sizeof(struct aic_api_price) };
  r = read_root(&ld, t->root);
  if (r == 0)
    check_default_precisions(&ld);
  if (r == 0 && ld.L.n_errors == 0) {
    for (int s = 0; s < AIC_SECTION_COUNT; s++)
      if (ld.sec[s].n > 1)
        qsort(ld.sec[s].entries, ld.sec[s].n, ld.sec[s].size, by_id);
    c = freeze(&ld, hash);
    if (c == NULL)
      r = AIC_E_NOMEM;
  }
  *L = ld.L;
  *status = r;
  return c;
}

void
aic_catalogue_free(struct aic_catalogue *c)
{
  /* the whole catalogue is the one block that starts with the header */
  free(c);
}
