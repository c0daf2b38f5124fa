/* Layering catalogues (docs/catalogue.md, "Layering catalogues"): each
 * rule of the merge on a small base and overlays written here, what an
 * overlay may not do with the file, line and column of the overlay, and
 * the merged YAML reading back to the same catalogue. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "aicost/catalogue_io.h"

static const char base[] =
  "version: \"base-1\"\n"
  "currency: USD\n"
  "date: \"2026-12-01\"\n"
  "defaults: {mfu_cap: 0.45, mfu_size_exponent: 0.144, fine_tuning_mfu_factor: 0.88,\n"
  "  lora_mfu_factor: 0.884, mfu_p10_factor: 0.75, mfu_p90_factor: 1.3, goodput: 0.9,\n"
  "  rollout_mfu: 0.1, lora_adapter_fraction: 0.01, bandwidth_efficiency: 0.9,\n"
  "  interconnect_gb_s: 64, interconnect_efficiency: 0.48, allreduce_latency_us: 9,\n"
  "  serving_p10_factor: 0.75, serving_p90_factor: 1.3, target_utilization: 0.7,\n"
  "  peak_to_average: 2, max_batch: 8, amortisation_years: 3.1, pue: 1.2,\n"
  "  electricity_usd_per_kwh: 0.1, training_precision: bf16, serving_precision: bf16}\n"
  "gpus:\n"
  "  h100-sxm:\n"
  "    name: H100\n"
  "    memory_gib: 80\n"
  "    memory_bandwidth_tb_s: 3.35\n"
  "    peak_tflops: {bf16: 989.5}\n"
  "    offers:\n"
  "      - {provider: aws, kind: on_demand, region: us-east-1, price_per_gpu_hour_usd: 12.29,\n"
  "         source: base, as_of: \"2026-12-01\"}\n"
  "      - {provider: lambda, kind: on_demand, price_per_gpu_hour_usd: 2.99, source: base,\n"
  "         as_of: \"2026-12-01\"}\n"
  "    source: base\n"
  "    as_of: \"2026-12-01\"\n"
  "models:\n"
  "  tiny: {name: Tiny, params_b: 1, layers: 2, d_model: 8, heads: 2, kv_heads: 1, head_dim: 4,\n"
  "         context: 128, source: base, as_of: \"2025-01-01\"}\n"
  "api_prices: {}\n"
  "generations:\n"
  "  default: {mfu_at_10b: 0.205, serving_efficiency: {bf16: 0.46, fp8: 0.56, fp4: 0.36}}\n";

struct layered {
  struct aic_catalogue *c;
  struct aic_diags d;
};

static void
load(struct layered *l, const char *overlay, const char *overlay2)
{
  /* clang-format off */
  struct aic_catalogue_layer layers[3] = {
    { base, sizeof base - 1, "base.yaml" },
    { overlay, overlay != NULL ? strlen(overlay) : 0, "team.yaml" },
    { overlay2, overlay2 != NULL ? strlen(overlay2) : 0, "later.yaml" },
  };

  aic_diags_init(&l->d);
  l->c = aic_catalogue_load_layers(layers, overlay2 != NULL ? 3 : 2, &l->d);
  for (size_t i = 0; i < l->d.n; i++)
    print_message("# %s: %s\n", l->d.v[i].pointer, l->d.v[i].detail);
}

static const struct aic_offer *
offer(const struct aic_catalogue *c, const char *provider, const char *region)
{
  return aic_offer_pick(aic_catalogue_gpu(c, "h100-sxm"), AIC_OFFER_ON_DEMAND, provider, region,
                        NULL, NULL);
}

/* A team's negotiated price: an offer at a new place is added, one at the
 * same (provider, kind, region) replaces the base's, the others stay. */
static void
offers_merge_by_place(void **state)
{
  struct layered l;

  (void)state;
  load(&l, "gpus:\n"
           "  h100-sxm:\n"
           "    offers:\n"
           "      - {provider: acme, kind: reserved_1y, price_per_gpu_hour_usd: 1.5,\n"
           "         source: our contract, as_of: \"2026-11-01\"}\n"
           "      - {provider: aws, kind: on_demand, region: us-east-1,\n"
           "         price_per_gpu_hour_usd: 9.5, source: our discount, as_of: \"2026-11-01\"}\n",
       NULL);
  assert_non_null(l.c);
  assert_int_equal(aic_catalogue_gpu(l.c, "h100-sxm")->n_offers, 3);
  assert_true(offer(l.c, "aws", "us-east-1")->price_per_gpu_hour_usd == 9.5);
  assert_string_equal(offer(l.c, "aws", "us-east-1")->source, "our discount");
  assert_true(offer(l.c, "lambda", NULL)->price_per_gpu_hour_usd == 2.99);
  /* the specs are the base's: the overlay gave offers only */
  assert_true(aic_catalogue_gpu(l.c, "h100-sxm")->memory_gib == 80);
  aic_catalogue_free(l.c);
}

/* An entry with specs replaces the base entry's specs whole (its source
 * describes them all) and keeps the offers; a new model is added; a
 * default key overrides one key; the version is the overlay's. */
static void
entries_and_defaults(void **state)
{
  struct layered l;
  const struct aic_gpu *g;

  (void)state;
  load(&l, "version: \"team-7\"\n"
           "defaults: {electricity_usd_per_kwh: 0.2}\n"
           "gpus:\n"
           "  h100-sxm: {name: H100 (our count), memory_gib: 80, memory_bandwidth_tb_s: 3.0,\n"
           "             peak_tflops: {bf16: 900}, source: our benchmark, as_of: \"2026-10-01\"}\n"
           "models:\n"
           "  ours: {name: Ours, params_b: 3, layers: 4, d_model: 16, heads: 4, kv_heads: 2,\n"
           "         head_dim: 4, context: 256, source: us, as_of: \"2026-10-01\"}\n",
       NULL);
  assert_non_null(l.c);
  g = aic_catalogue_gpu(l.c, "h100-sxm");
  assert_true(g->memory_bandwidth_tb_s == 3.0);
  assert_string_equal(g->source, "our benchmark");
  assert_int_equal(g->n_offers, 2);
  assert_non_null(aic_catalogue_model(l.c, "ours"));
  assert_non_null(aic_catalogue_model(l.c, "tiny"));
  assert_true(l.c->defaults.electricity_usd_per_kwh == 0.2);
  assert_true(l.c->defaults.pue == 1.2);
  assert_string_equal(l.c->version, "team-7");
  aic_catalogue_free(l.c);
}

/* Layers apply in order: the last word on an offer is the last file's. */
static void
later_layers_win(void **state)
{
  struct layered l;

  (void)state;
  load(&l,
       "gpus: {h100-sxm: {offers: [{provider: lambda, kind: on_demand, price_per_gpu_hour_usd: 2.5,"
       " source: team, as_of: \"2026-11-01\"}]}}\n",
       "gpus: {h100-sxm: {offers: [{provider: lambda, kind: on_demand, price_per_gpu_hour_usd: 2.25,"
       " source: later, as_of: \"2026-11-02\"}]}}\n");
  assert_non_null(l.c);
  assert_true(offer(l.c, "lambda", NULL)->price_per_gpu_hour_usd == 2.25);
  aic_catalogue_free(l.c);
}

struct refused {
  const char *why;
  const char *overlay;
  const char *where; /* file:line:col */
  const char *part;
};
/* clang-format on */

/* clang-format off */
static const struct refused refused_rows[] = {
  { "offers for a GPU nobody has", "gpus:\n  b200:\n    offers: []\n", "team.yaml:2:3",
    "gpus.b200: offers for a GPU that no file before this one has" },
  { "a null removes nothing", "models:\n  tiny: null\n", "team.yaml:2:9",
    "models.tiny: an overlay cannot remove an entry" },
  { "the currency stays", "currency: EUR\n", "team.yaml:1:11", "currency: an overlay may not change it" },
  { "a section must stay a mapping", "gpus: [h100-sxm]\n", "team.yaml:1:7",
    "gpus: expected a mapping to layer over the one before" },
  /* after the merge the loader checks everything, at the overlay's place */
  { "an offer read after the catalogue's date",
    "gpus:\n  h100-sxm:\n    offers:\n      - provider: acme\n        kind: on_demand\n"
    "        price_per_gpu_hour_usd: 2\n        source: x\n        as_of: \"2027-01-01\"\n",
    "team.yaml:8:16", "2027-01-01 is after the catalogue's date 2026-12-01" },
  { "an overlay's bad offer", "gpus: {h100-sxm: {offers: [{provider: aws, kind: spot,"
                             " region: us-east-1, price_per_gpu_hour_usd: 20, source: x,"
                             " as_of: \"2026-11-01\"}]}}\n",
    "team.yaml:1:99", "spot 20 is above aws's on_demand 12.29 in us-east-1" },
};
/* clang-format on */

static void
what_an_overlay_may_not_do(void **state)
{
  (void)state;
  for (size_t i = 0; i < sizeof refused_rows / sizeof refused_rows[0]; i++) {
    const struct refused *r = &refused_rows[i];
    struct layered l;
    bool found = false;

    print_message("# row %zu: %s\n", i, r->why);
    load(&l, r->overlay, NULL);
    assert_null(l.c);
    for (size_t k = 0; k < l.d.n && !found; k++)
      found = strcmp(l.d.v[k].pointer, r->where) == 0 && strstr(l.d.v[k].detail, r->part) != NULL;
    if (!found)
      fail_msg("no '%s' at %s", r->part, r->where);
  }
}

/* The merged YAML is one catalogue that loads to the same entries. */
static void
merged_text_reads_back(void **state)
{
  static const char overlay[] =
    "gpus: {h100-sxm: {offers: [{provider: acme, kind: reserved_3y, price_per_gpu_hour_usd: 1,"
    " source: \"a \\\"quoted\\\" source\", as_of: \"2026-11-01\"}]}}\n";
  struct aic_catalogue_layer layers[2] = {
    { base, sizeof base - 1, "base.yaml" },
    { overlay, sizeof overlay - 1, "team.yaml" },
  };
  struct aic_buf out = { 0 };
  struct aic_diags d;
  struct aic_catalogue *c;
  const struct aic_offer *o;

  (void)state;
  aic_diags_init(&d);
  assert_int_equal(aic_catalogue_merge_text(layers, 2, &out, &d), 0);
  aic_buf_putn(&out, "", 0);
  c = aic_catalogue_load(out.p, out.len, "merged.yaml", &d);
  assert_non_null(c);
  assert_int_equal(aic_catalogue_gpu(c, "h100-sxm")->n_offers, 3);
  o = aic_offer_pick(aic_catalogue_gpu(c, "h100-sxm"), AIC_OFFER_RESERVED_3Y, "acme", NULL, NULL,
                     NULL);
  assert_non_null(o);
  assert_string_equal(o->source, "a \"quoted\" source");
  aic_catalogue_free(c);
  aic_buf_free(&out);
}

int
main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(offers_merge_by_place),  cmocka_unit_test(entries_and_defaults),
    cmocka_unit_test(later_layers_win),       cmocka_unit_test(what_an_overlay_may_not_do),
    cmocka_unit_test(merged_text_reads_back),
  };

  return cmocka_run_group_tests(tests, NULL, NULL);
}
