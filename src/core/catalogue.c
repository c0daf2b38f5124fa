/* Catalogue look-ups: precisions, binary search by id, and "did you mean"
 * suggestions for unknown ids. */
#include "aicost/catalogue.h"

#include "core.h"

#include <string.h>

static const char *const precision_names[AIC_PRECISION_COUNT] = {
  "fp32", "tf32", "bf16", "fp16", "fp8", "int8", "int4", "fp4",
};

/* Bytes per stored value. TF32 is a tensor-core compute mode over FP32
 * storage, so it stores 4 bytes; INT4 and FP4 pack two values per byte (the
 * block scales of NVFP4/MXFP4, one byte per 16 or 32 values, are left out). */
static const double precision_bytes[AIC_PRECISION_COUNT] = { 4, 4, 2, 2, 1, 1, 0.5, 0.5 };

static const char *const class_names[AIC_CLASS_COUNT] = { "bf16", "fp8", "fp4" };

const char *
aic_precision_name(enum aic_precision p)
{
  return (unsigned)p < AIC_PRECISION_COUNT ? precision_names[p] : "?";
}

int
aic_precision_parse(const char *name, enum aic_precision *out)
{
  size_t i;

  if (name == NULL)
    return -1;
  for (i = 0; i < AIC_PRECISION_COUNT; i++) {
    if (strcmp(precision_names[i], name) == 0) {
      *out = (enum aic_precision)i;
      return 0;
    }
  }
  return -1;
}

double
aic_precision_bytes(enum aic_precision p)
{
  return (unsigned)p < AIC_PRECISION_COUNT ? precision_bytes[p] : 0;
}

const char *
aic_precision_class_name(enum aic_precision_class c)
{
  return (unsigned)c < AIC_CLASS_COUNT ? class_names[c] : "?";
}

enum aic_precision_class
aic_precision_class_of(enum aic_precision p)
{
  if (p == AIC_FP8 || p == AIC_INT8)
    return AIC_CLASS_8;
  if (p == AIC_FP4 || p == AIC_INT4)
    return AIC_CLASS_4;
  return AIC_CLASS_16;
}

/* The sections, and the catalogue's other sorted arrays, share one shape
 * for searching: an array of structs whose first member is the id. */
struct section_view {
  const void *base;
  size_t n;
  size_t size;
};

static const char *
id_at(const struct section_view *s, size_t i)
{
  return *(const char *const *)(const void *)((const char *)s->base + i * s->size);
}

/* Any sorted array whose structs start with their id (or name): an
 * absent array is an empty one. */
static struct section_view
array_view(const void *base, size_t n, size_t size)
{
  return (struct section_view){ base, base != NULL ? n : 0, size };
}

static struct section_view
view(const struct aic_catalogue *c, enum aic_section section)
{
  struct section_view s = { NULL, 0, 0 };

  if (c == NULL)
    return s;
  switch (section) {
  case AIC_SECTION_GPUS: return array_view(c->gpus, c->n_gpus, sizeof *c->gpus);
  case AIC_SECTION_MODELS: return array_view(c->models, c->n_models, sizeof *c->models);
  case AIC_SECTION_API_PRICES:
    return array_view(c->api_prices, c->n_api_prices, sizeof *c->api_prices);
  case AIC_SECTION_COUNT: break; /* not a section */
  }
  return s;
}

/* Binary search; the builder of the catalogue sorts each array by strcmp. */
static const void *
lookup(const struct section_view *s, const char *id)
{
  size_t lo = 0, hi = s->n;

  if (id == NULL)
    return NULL;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    const char *k = id_at(s, mid);
    int cmp = strcmp(id, k ? k : "");

    if (cmp == 0)
      return (const char *)s->base + mid * s->size;
    if (cmp < 0)
      hi = mid;
    else
      lo = mid + 1;
  }
  return NULL;
}

const struct aic_gpu *
aic_catalogue_gpu(const struct aic_catalogue *c, const char *id)
{
  struct section_view s = view(c, AIC_SECTION_GPUS);

  return lookup(&s, id);
}

const struct aic_model *
aic_catalogue_model(const struct aic_catalogue *c, const char *id)
{
  struct section_view s = view(c, AIC_SECTION_MODELS);

  return lookup(&s, id);
}

const struct aic_api_price *
aic_catalogue_api_price(const struct aic_catalogue *c, const char *id)
{
  struct section_view s = view(c, AIC_SECTION_API_PRICES);

  return lookup(&s, id);
}

const struct aic_fx_rate *
aic_catalogue_fx(const struct aic_catalogue *c, const char *code)
{
  struct section_view s;

  if (c == NULL)
    return NULL;
  s = array_view(c->fx, c->n_fx, sizeof *c->fx);
  return lookup(&s, code);
}

const struct aic_api_batch *
aic_catalogue_api_batch(const struct aic_catalogue *c, const char *id)
{
  struct section_view s;
  const struct aic_api_batch *b;
  char vendor[128];
  const char *slash;
  size_t n;

  if (c == NULL || c->api_batch == NULL || id == NULL)
    return NULL;
  s = array_view(c->api_batch, c->n_api_batch, sizeof *c->api_batch);
  b = lookup(&s, id);
  if (b != NULL)
    return b;
  /* The vendor's entry covers every price whose id starts "vendor/". */
  slash = strchr(id, '/');
  n = slash != NULL ? (size_t)(slash - id) : 0;
  if (n == 0 || n >= sizeof vendor)
    return NULL;
  memcpy(vendor, id, n);
  vendor[n] = '\0';
  return lookup(&s, vendor);
}

const struct aic_generation *
aic_catalogue_generation(const struct aic_catalogue *c, const char *name)
{
  /* Rows start with their name, like the sections' entries with their id. */
  struct section_view s;
  const struct aic_generation *g;

  if (c == NULL || c->generations == NULL)
    return NULL;
  s = array_view(c->generations, c->n_generations, sizeof *c->generations);
  g = lookup(&s, name);
  return g != NULL ? g : lookup(&s, "default");
}

const struct aic_site *
aic_catalogue_site(const struct aic_catalogue *c, const char *id)
{
  struct section_view s;

  if (c == NULL)
    return NULL;
  s = array_view(c->sites, c->n_sites, sizeof *c->sites);
  return lookup(&s, id);
}

/* A linear scan: a catalogue has tens of sites, and the loader refuses
 * two sites for one provider's region (catalogue_sites.c). */
const struct aic_site *
aic_catalogue_site_of(const struct aic_catalogue *c, const char *provider, const char *region)
{
  if (c == NULL || c->sites == NULL || provider == NULL || region == NULL)
    return NULL;
  for (size_t i = 0; i < c->n_sites; i++) {
    const struct aic_site *s = &c->sites[i];

    if (s->provider != NULL && s->region != NULL && strcmp(s->provider, provider) == 0 &&
        strcmp(s->region, region) == 0)
      return s;
  }
  return NULL;
}

/* Ids longer than this get no suggestion: it bounds the work per candidate
 * (the distance table is three rows on the stack) whatever a client sends. */
#define SUGGEST_MAX_LEN 128

static char
lower(char c)
{
  return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

/* Optimal string alignment: Levenshtein plus the swap of two neighbours
 * ("memroy" -> "memory"), the commonest typo, at cost 1. Three rolling
 * rows; a row whose smallest entry is over the cap ends the work early. */
size_t
aic_edit_distance(const char *a, const char *b, size_t cap)
{
  size_t la = strlen(a), lb = strlen(b);
  size_t rows[3][SUGGEST_MAX_LEN + 1];
  size_t *pp = rows[0], *p = rows[1], *c = rows[2];
  size_t i, j;

  if (la > SUGGEST_MAX_LEN || lb > SUGGEST_MAX_LEN)
    return cap + 1;
  if ((la > lb ? la - lb : lb - la) > cap)
    return cap + 1;
  for (j = 0; j <= lb; j++)
    p[j] = j;
  for (i = 1; i <= la; i++) {
    size_t best = i, *t;

    c[0] = i;
    for (j = 1; j <= lb; j++) {
      char ai = lower(a[i - 1]), bj = lower(b[j - 1]);
      size_t v = p[j] + 1;

      if (c[j - 1] + 1 < v)
        v = c[j - 1] + 1;
      if (p[j - 1] + (ai == bj ? 0 : 1) < v)
        v = p[j - 1] + (ai == bj ? 0 : 1);
      if (i > 1 && j > 1 && ai == lower(b[j - 2]) && lower(a[i - 2]) == bj && pp[j - 2] + 1 < v)
        v = pp[j - 2] + 1;
      c[j] = v;
      if (v < best)
        best = v;
    }
    if (best > cap)
      return cap + 1;
    t = pp;
    pp = p;
    p = c;
    c = t;
  }
  return p[lb] > cap ? cap + 1 : p[lb];
}

static int
is_prefix(const char *p, size_t lp, const char *s)
{
  size_t i;

  for (i = 0; i < lp; i++) {
    if (s[i] == '\0' || lower(s[i]) != lower(p[i]))
      return 0;
  }
  return 1;
}

/* A rank: prefix matches ("h100" -> "h100-sxm") come before any other, then
 * smaller distance, then id order. */
struct candidate {
  const char *id;
  int prefix;
  size_t dist;
};

static int
better(const struct candidate *a, const struct candidate *b)
{
  if (a->prefix != b->prefix)
    return a->prefix > b->prefix;
  if (a->dist != b->dist)
    return a->dist < b->dist;
  return strcmp(a->id, b->id) < 0;
}

/* The ranking of suggestions over any list of words, given by `at`. */
static size_t
suggest(const char *id, const char *(*at)(const void *, size_t), const void *ctx, size_t n,
        const char **out, size_t max)
{
  struct candidate best[8];
  size_t kept = 0, want, lid, i, k;

  if (id == NULL || out == NULL || max == 0)
    return 0;
  lid = strlen(id);
  if (lid == 0 || lid > SUGGEST_MAX_LEN)
    return 0;
  want = max < 8 ? max : 8;
  for (i = 0; i < n; i++) {
    struct candidate cand;
    size_t lk, limit;
    const char *k_id = at(ctx, i);

    if (k_id == NULL)
      continue;
    lk = strlen(k_id);
    if (lk > SUGGEST_MAX_LEN)
      continue;
    cand.id = k_id;
    cand.prefix = is_prefix(id, lid, k_id);
    cand.dist = aic_edit_distance(id, k_id, SUGGEST_MAX_LEN);
    /* Only plausible typos: at most a third of the longer id changed
     * (and at least 2 edits allowed), so nonsense gets no suggestion. */
    limit = (lid > lk ? lid : lk) / 3;
    if (limit < 2)
      limit = 2;
    if (!cand.prefix && cand.dist > limit)
      continue;
    /* Insert into the small sorted list of the best `want`. */
    if (kept == want && !better(&cand, &best[kept - 1]))
      continue;
    k = kept < want ? kept++ : kept - 1;
    while (k > 0 && better(&cand, &best[k - 1])) {
      best[k] = best[k - 1];
      k--;
    }
    best[k] = cand;
  }
  for (i = 0; i < kept; i++)
    out[i] = best[i].id;
  return kept;
}

static const char *
section_id(const void *ctx, size_t i)
{
  return id_at(ctx, i);
}

size_t
aic_catalogue_suggest(const struct aic_catalogue *c, enum aic_section section, const char *id,
                      const char **out, size_t max)
{
  struct section_view s = view(c, section);

  return suggest(id, section_id, &s, s.n, out, max);
}

static const char *
word_at(const void *ctx, size_t i)
{
  return ((const char *const *)ctx)[i];
}

size_t
aic_suggest_among(const char *word, const char *const *words, size_t n, const char **out,
                  size_t max)
{
  return suggest(word, word_at, words, n, out, max);
}

size_t
aic_catalogue_suggest_site(const struct aic_catalogue *c, const char *id, const char **out,
                           size_t max)
{
  struct section_view s;

  if (c == NULL)
    return 0;
  s = array_view(c->sites, c->n_sites, sizeof *c->sites);
  return suggest(id, section_id, &s, s.n, out, max);
}
