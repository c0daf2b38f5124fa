/* GPU offers: which offer prices a GPU-hour (the default median rule, a
 * named provider, a provider and region), what a projection records about
 * it, and the errors that name what is missing. The fixture's offer-gpu
 * (fixture.c) has on-demand offers from a (2 east, 2.5 west), b 1.5, c 3,
 * d 4, a spot offer from a and a reserved_1y offer from c. */
#include <string.h>

#include "fixture.h"

static const struct aic_gpu *
offer_gpu(const struct env *e)
{
  return aic_catalogue_gpu(&e->cat, "offer-gpu");
}

struct pick_row {
  const char *why;
  enum aic_offer_kind kind;
  const char *provider, *region;
  double price;          /* NAN: no offer */
  const char *chosen;    /* provider of the chosen offer */
  const char *in_region; /* its region */
  size_t providers;
  enum aic_offer_miss miss;
};

/* clang-format off */
static const struct pick_row pick_rows[] = {
  /* four providers' cheapest (b 1.5, a 2, c 3, d 4): the lower of the two
   * middle ones is a real offer, a's 2, never the average 2.5 */
  { "median of an even count", AIC_OFFER_ON_DEMAND, NULL, NULL, 2, "a", "east", 4,
    AIC_OFFER_FOUND },
  /* one provider is its own median */
  { "median of one", AIC_OFFER_SPOT, NULL, NULL, 0.9, "a", "east", 1, AIC_OFFER_FOUND },
  { "a provider's cheapest region", AIC_OFFER_ON_DEMAND, "a", NULL, 2, "a", "east", 1,
    AIC_OFFER_FOUND },
  { "a provider and region", AIC_OFFER_ON_DEMAND, "a", "west", 2.5, "a", "west", 1,
    AIC_OFFER_FOUND },
  { "an offer without region", AIC_OFFER_ON_DEMAND, "d", NULL, 4, "d", NULL, 1,
    AIC_OFFER_FOUND },
  { "no one sells the kind", AIC_OFFER_CAPACITY_BLOCK, NULL, NULL, XNAN, NULL, NULL, 0,
    AIC_OFFER_NO_KIND },
  { "an unknown provider", AIC_OFFER_ON_DEMAND, "zz", NULL, XNAN, NULL, NULL, 0,
    AIC_OFFER_NO_PROVIDER },
  { "a provider without the kind", AIC_OFFER_SPOT, "b", NULL, XNAN, NULL, NULL, 0,
    AIC_OFFER_NO_PROVIDER_KIND },
  { "a provider without the region", AIC_OFFER_ON_DEMAND, "a", "north", XNAN, NULL, NULL, 0,
    AIC_OFFER_NO_REGION },
};
/* clang-format on */

static void
pick_table(void **state)
{
  struct env *e = *state;
  const struct aic_gpu *g = offer_gpu(e);

  for (size_t i = 0; i < sizeof pick_rows / sizeof pick_rows[0]; i++) {
    const struct pick_row *r = &pick_rows[i];
    enum aic_offer_miss miss = AIC_OFFER_FOUND;
    size_t providers = 99;
    const struct aic_offer *o = aic_offer_pick(g, r->kind, r->provider, r->region, &providers,
                                               &miss);

    print_message("# row %zu: %s\n", i, r->why);
    assert_int_equal(miss, r->miss);
    assert_int_equal(providers, r->providers);
    if (isnan(r->price)) {
      assert_null(o);
      continue;
    }
    assert_non_null(o);
    assert_exact(o->price_per_gpu_hour_usd, r->price);
    assert_string_equal(o->provider, r->chosen);
    if (r->in_region == NULL)
      assert_null(o->region);
    else
      assert_string_equal(o->region, r->in_region);
  }
}

/* An odd count takes the middle; equal prices order by provider name, and
 * one provider's equal offers by region (none first), so the choice never
 * depends on the order of the file. */
static void
median_odd_and_ties(void **state)
{
  /* clang-format off */
  static const struct aic_offer tied[] = {
    { .provider = "z", .region = "r", .kind = AIC_OFFER_ON_DEMAND, .price_per_gpu_hour_usd = 2 },
    { .provider = "y", .region = "b", .kind = AIC_OFFER_ON_DEMAND, .price_per_gpu_hour_usd = 2 },
    { .provider = "y", .region = NULL, .kind = AIC_OFFER_ON_DEMAND, .price_per_gpu_hour_usd = 2 },
    { .provider = "x", .region = "q", .kind = AIC_OFFER_ON_DEMAND, .price_per_gpu_hour_usd = 1 },
  };
  struct aic_gpu g = { .id = "tied", .offers = tied, .n_offers = 4 };
  size_t providers = 0;
  const struct aic_offer *o = aic_offer_pick(&g, AIC_OFFER_ON_DEMAND, NULL, NULL, &providers, NULL);

  (void)state;
  /* x 1, y 2, z 2: the middle of three is y's, its region-less offer */
  assert_int_equal(providers, 3);
  assert_non_null(o);
  assert_string_equal(o->provider, "y");
  assert_null(o->region);
  o = aic_offer_pick(&g, AIC_OFFER_ON_DEMAND, "y", NULL, NULL, NULL);
  assert_non_null(o);
  assert_null(o->region);
}

/* Distinct provider names, sorted, and how many in all when the caller's
 * array is smaller. */
static void providers_listed(void **state)
{
  struct env *e = *state;
  const char *names[8];

  assert_int_equal(aic_offer_providers(offer_gpu(e), AIC_OFFER_KIND_COUNT, names, 8), 4);
  assert_string_equal(names[0], "a");
  assert_string_equal(names[3], "d");
  assert_int_equal(aic_offer_providers(offer_gpu(e), AIC_OFFER_ON_DEMAND, names, 2), 4);
  assert_string_equal(names[0], "a");
  assert_string_equal(names[1], "b");
  assert_int_equal(aic_offer_providers(offer_gpu(e), AIC_OFFER_SPOT, names, 8), 1);
  assert_int_equal(aic_offer_providers(offer_gpu(e), AIC_OFFER_CAPACITY_BLOCK, NULL, 0), 0);
}

/* The kind names, and that the catalogue spells them one way. */
static void kind_names(void **state)
{
  enum aic_offer_kind k;

  (void)state;
  assert_string_equal(aic_offer_kind_name(AIC_OFFER_CAPACITY_BLOCK), "capacity_block");
  assert_int_equal(aic_offer_kind_parse("reserved_3y", &k), 0);
  assert_int_equal(k, AIC_OFFER_RESERVED_3Y);
  assert_int_equal(aic_offer_kind_parse("reserved", &k), -1);
}

static void measured_training(struct env *e)
{
  fixture_training_gpu(&e->sc, &e->cat, "offer-gpu");
  e->sc.training.stages[AIC_STAGE_PRETRAINING].present = true;
  e->sc.training.stages[AIC_STAGE_PRETRAINING].gpu_hours = 10;
}

/* Without a provider a training run is priced at the median offer and the
 * projection says which offer that was. */
static void training_records_the_offer(void **state)
{
  struct env *e = *state;
  const struct aic_price_choice *c = &e->pj.training_price;

  measured_training(e);
  assert_int_equal(env_run(e), AIC_OK);
  assert_exact(e->pj.training_total_usd, 20);
  assert_int_equal(c->basis, AIC_BASIS_OFFER);
  assert_int_equal(c->rule, AIC_RULE_MEDIAN);
  assert_int_equal(c->kind, AIC_OFFER_ON_DEMAND);
  assert_int_equal(c->providers, 4);
  assert_string_equal(c->offer.provider, "a");
  assert_string_equal(c->offer.region, "east");
  assert_string_equal(c->offer.as_of, "2026-01-01");
  /* a provider and a kind */
  e->sc.training.provider = "c";
  e->sc.training.pricing = AIC_PRICING_RESERVED_1Y;
  assert_int_equal(env_run(e), AIC_OK);
  assert_exact(e->pj.training_total_usd, 18);
  assert_int_equal(c->rule, AIC_RULE_PROVIDER);
  /* the scenario's own price still wins, provider or not */
  e->sc.training.price_per_gpu_hour_usd = 1;
  assert_int_equal(env_run(e), AIC_OK);
  assert_exact(e->pj.training_total_usd, 10);
  assert_int_equal(c->basis, AIC_BASIS_SCENARIO);
  assert_null(c->offer.provider);
}

/* Self-hosted serving records its offer too, from provider and region. */
static void serving_records_the_offer(void **state)
{
  struct env *e = *state;
  const struct aic_price_choice *c = &e->pj.sh.price;

  fixture_model(&e->sc, &e->cat, "test-model");
  fixture_serving_gpu(&e->sc, &e->cat, "offer-gpu");
  e->sc.inference.self_hosted.gpus = 2;
  e->sc.inference.self_hosted.provider = "a";
  e->sc.inference.self_hosted.region = "west";
  assert_int_equal(env_run(e), AIC_OK);
  assert_exact(e->pj.daily_usd, 2 * 24 * 2.5);
  assert_exact(e->pj.sh.price_per_gpu_hour_usd, 2.5);
  assert_int_equal(c->rule, AIC_RULE_PROVIDER_REGION);
  assert_string_equal(c->offer.source, "a's page");
}

/* A GPU's listed price (no provider) is an offer of its own, with the
 * entry's source, and so is owned hardware's basis. */
static void listed_and_owned(void **state)
{
  struct env *e = *state;

  fixture_training_gpu(&e->sc, &e->cat, "test-gpu");
  e->sc.training.stages[AIC_STAGE_PRETRAINING].present = true;
  e->sc.training.stages[AIC_STAGE_PRETRAINING].gpu_hours = 10;
  assert_int_equal(env_run(e), AIC_OK);
  assert_int_equal(e->pj.training_price.basis, AIC_BASIS_OFFER);
  assert_int_equal(e->pj.training_price.rule, AIC_RULE_LISTED);
  assert_null(e->pj.training_price.offer.provider);
  e->sc.training.pricing = AIC_PRICING_OWNED;
  assert_int_equal(env_run(e), AIC_OK);
  assert_int_equal(e->pj.training_price.basis, AIC_BASIS_OWNED);
}

struct error_row {
  const char *why;
  const char *gpu;
  enum aic_pricing pricing;
  const char *provider, *region;
  const char *pointer, *part;
};
/* clang-format on */

/* clang-format off */
static const struct error_row error_rows[] = {
  { "a typo gets a suggestion", "offer-gpu", AIC_PRICING_ON_DEMAND, "aa", NULL,
    "/training/provider", "no offer from provider 'aa' for gpu 'offer-gpu'; did you mean 'a'" },
  { "no near name: the providers are listed", "offer-gpu", AIC_PRICING_ON_DEMAND, "lambda", NULL,
    "/training/provider", "providers with offers: a, b, c, d" },
  { "the provider lacks the kind: who has it", "offer-gpu", AIC_PRICING_SPOT, "b", NULL,
    "/training/provider", "provider 'b' has no spot offer for gpu 'offer-gpu'; spot offers come "
                          "from: a" },
  { "the region is unknown: the provider's regions", "offer-gpu", AIC_PRICING_ON_DEMAND, "a",
    "north", "/training/region", "its regions: west, east" },
  { "nobody sells the kind: the kinds there are", "offer-gpu", AIC_PRICING_CAPACITY_BLOCK, NULL,
    NULL, "/training/gpu", "has no capacity_block offer (it has on_demand (4 providers), spot (1 "
                           "provider), reserved_1y (1 provider))" },
  { "a region needs its provider", "offer-gpu", AIC_PRICING_ON_DEMAND, NULL, "east",
    "/training/region", "needs provider" },
  { "owned hardware has no provider", "offer-gpu", AIC_PRICING_OWNED, "a", NULL,
    "/training/provider", "not used with owned pricing" },
  { "a v2 entry has prices but no providers", "test-gpu", AIC_PRICING_ON_DEMAND, "a", NULL,
    "/training/provider", "lists its prices without a provider" },
  { "a listed price exists for two kinds only", "test-gpu", AIC_PRICING_SPOT, NULL, NULL,
    "/training/gpu", "gpu 'test-gpu' has no spot price" },
};
/* clang-format on */

static void
errors_name_what_is_missing(void **state)
{
  struct env *e = *state;

  for (size_t i = 0; i < sizeof error_rows / sizeof error_rows[0]; i++) {
    const struct error_row *r = &error_rows[i];

    print_message("# row %zu: %s\n", i, r->why);
    fixture_training_gpu(&e->sc, &e->cat, r->gpu);
    e->sc.training.stages[AIC_STAGE_PRETRAINING].present = true;
    e->sc.training.stages[AIC_STAGE_PRETRAINING].gpu_hours = 10;
    e->sc.training.pricing = r->pricing;
    e->sc.training.provider = r->provider;
    e->sc.training.region = r->region;
    assert_int_equal(env_run(e), AIC_E_INVALID);
    if (!has_diag(&e->err, r->pointer, r->part))
      print_error("got %s: %s\n", e->err.n ? e->err.v[0].pointer : "-",
                  e->err.n ? e->err.v[0].detail : "-");
    assert_diag(&e->err, r->pointer, r->part);
  }
}

/* An inline GPU has no offers: a provider is an error that says what to
 * give instead. */
static void
inline_gpu_has_no_provider(void **state)
{
  struct env *e = *state;

  measured_training(e);
  e->sc.training.gpu.id = NULL;
  e->sc.training.gpu_inline = true;
  e->sc.training.provider = "a";
  assert_int_equal(env_run(e), AIC_E_INVALID);
  assert_diag(&e->err, "/training/provider", "an inline gpu has no offers by provider");
}

#define T(f) cmocka_unit_test_setup_teardown(f, env_setup, env_teardown)

int
main(void)
{
  const struct CMUnitTest tests[] = {
    T(pick_table),       T(median_odd_and_ties),         T(providers_listed),
    T(kind_names),       T(training_records_the_offer),  T(serving_records_the_offer),
    T(listed_and_owned), T(errors_name_what_is_missing), T(inline_gpu_has_no_provider),
  };

  return cmocka_run_group_tests(tests, NULL, NULL);
}
