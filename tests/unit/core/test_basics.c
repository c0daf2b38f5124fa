/* Diagnostics, JSON Pointers, precisions, catalogue look-ups and
 * suggestions, scenario defaults and enum names. */
#include "fixture.h"

#include <string.h>

/* Every problem is kept up to the cap, and the rest are counted, not lost
 * silently. */
static void
diag_caps_and_counts(void **state)
{
  struct aic_diags d;
  int i;

  (void)state;
  aic_diags_reset(&d);
  for (i = 0; i < AIC_DIAG_MAX + 6; i++)
    aic_diag_add(&d, "/x", "problem %d", i);
  assert_int_equal(d.n, AIC_DIAG_MAX);
  assert_int_equal(d.dropped, 6);
  assert_string_equal(d.v[0].detail, "problem 0");
  assert_string_equal(d.v[0].code, "");
}

/* One problem reached twice (two stages needing the same key) is shown once. */
static void
diag_dedupes(void **state)
{
  struct aic_diags d;

  (void)state;
  aic_diags_reset(&d);
  aic_diag_add(&d, "/model", "required %s", "x");
  aic_diag_add(&d, "/model", "required %s", "x");
  aic_diag_add(&d, "/model", "required %s", "y");
  assert_int_equal(d.n, 2);
  assert_int_equal(d.dropped, 0);
}

/* Over-long text is truncated, never overflows, and codes are kept. */
static void
diag_truncates(void **state)
{
  struct aic_diags d;
  char longp[400];

  (void)state;
  aic_diags_reset(&d);
  memset(longp, 'p', sizeof longp - 1);
  longp[sizeof longp - 1] = '\0';
  aic_diag_add_code(&d, "a_code_that_is_much_longer_than_thirty_two_chars", longp, "%s", longp);
  assert_int_equal(d.n, 1);
  assert_int_equal(strlen(d.v[0].pointer), AIC_DIAG_POINTER_MAX - 1);
  assert_int_equal(strlen(d.v[0].detail), AIC_DIAG_DETAIL_MAX - 1);
  assert_int_equal(strlen(d.v[0].code), 31);
}

/* A NULL diags is accepted so that callers that do not collect stay safe. */
static void
diag_null_is_noop(void **state)
{
  (void)state;
  aic_diag_add(NULL, "/x", "ignored");
}

/* RFC 6901 section 3: '~' becomes "~0" and '/' becomes "~1"; indexes are decimal. */
static void
pointer_escapes(void **state)
{
  static const struct {
    const char *base, *key, *want;
  } rows[] = {
    { "", "traffic", "/traffic" },
    { "/traffic", "requests_per_day", "/traffic/requests_per_day" },
    { "/a", "b/c~d", "/a/b~1c~0d" }, /* both escapes */
    { "/a", "~1", "/a/~01" },        /* escape ~ first: not read back as '/' */
    { "", "", "/" },                 /* the empty key is a valid member name */
  };
  char out[64];
  size_t i;

  (void)state;
  for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
    aic_pointer_join(out, sizeof out, rows[i].base, rows[i].key);
    assert_string_equal(out, rows[i].want);
  }
  aic_pointer_index(out, sizeof out, "/scenarios", 12);
  assert_string_equal(out, "/scenarios/12");
}

/* A small buffer truncates to a terminated prefix instead of overflowing. */
static void
pointer_truncates(void **state)
{
  char out[6];

  (void)state;
  aic_pointer_join(out, sizeof out, "/abc", "def");
  assert_string_equal(out, "/abc/");
  aic_pointer_join(out, sizeof out, "/ab", "~~");
  assert_string_equal(out, "/ab/~");
}

/* Precision names round-trip and bytes match the storage formats. */
static void
precisions(void **state)
{
  static const double bytes[AIC_PRECISION_COUNT] = { 4, 4, 2, 2, 1, 1, 0.5, 0.5 };
  static const enum aic_precision_class classes[AIC_PRECISION_COUNT] = {
    AIC_CLASS_16, AIC_CLASS_16, AIC_CLASS_16, AIC_CLASS_16,
    AIC_CLASS_8,  AIC_CLASS_8,  AIC_CLASS_4,  AIC_CLASS_4,
  };
  enum aic_precision p;
  int i;

  (void)state;
  for (i = 0; i < AIC_PRECISION_COUNT; i++) {
    assert_int_equal(aic_precision_parse(aic_precision_name((enum aic_precision)i), &p), 0);
    assert_int_equal(p, i);
    assert_exact(aic_precision_bytes((enum aic_precision)i), bytes[i]);
    assert_int_equal(aic_precision_class_of((enum aic_precision)i), classes[i]);
  }
  assert_string_equal(aic_precision_name(AIC_BF16), "bf16");
  assert_string_equal(aic_precision_name(AIC_FP4), "fp4");
  assert_string_equal(aic_precision_class_name(AIC_CLASS_8), "fp8");
  assert_int_equal(aic_precision_parse("BF16", &p), -1); /* names are exact */
  assert_int_equal(aic_precision_parse("fp64", &p), -1);
  assert_int_equal(aic_precision_parse(NULL, &p), -1);
}

/* Binary search finds every entry and nothing else, in each section. */
static void
lookups(void **state)
{
  struct aic_catalogue c;
  size_t i;

  (void)state;
  fixture_catalogue(&c);
  for (i = 0; i < c.n_gpus; i++)
    assert_ptr_equal(aic_catalogue_gpu(&c, c.gpus[i].id), &c.gpus[i]);
  for (i = 0; i < c.n_models; i++)
    assert_ptr_equal(aic_catalogue_model(&c, c.models[i].id), &c.models[i]);
  for (i = 0; i < c.n_api_prices; i++)
    assert_ptr_equal(aic_catalogue_api_price(&c, c.api_prices[i].id), &c.api_prices[i]);
  assert_null(aic_catalogue_gpu(&c, "h100"));
  assert_null(aic_catalogue_gpu(&c, "zzz"));
  assert_null(aic_catalogue_gpu(&c, ""));
  assert_null(aic_catalogue_gpu(&c, NULL));
  assert_null(aic_catalogue_model(&c, "test-gpu")); /* sections are separate */
  assert_null(aic_catalogue_gpu(NULL, "h100-sxm"));
  /* Generations: a known name finds its row; an unknown or absent one the
   * "default" row, so a GPU outside the fitted set still gets a value. */
  assert_string_equal(aic_catalogue_generation(&c, "hopper")->name, "hopper");
  assert_string_equal(aic_catalogue_generation(&c, "volta")->name, "default");
  assert_string_equal(aic_catalogue_generation(&c, NULL)->name, "default");
  c.n_generations = 0;
  assert_null(aic_catalogue_generation(&c, "hopper"));
}

/* "did you mean": prefixes rank first (h100 -> both H100s, nearer first),
 * then small edit distances; nonsense and huge ids get nothing. */
static void
suggestions(void **state)
{
  struct aic_catalogue c;
  const char *out[4];
  char huge[200];

  (void)state;
  fixture_catalogue(&c);
  assert_int_equal(aic_catalogue_suggest(&c, AIC_SECTION_GPUS, "h100", out, 2), 2);
  assert_string_equal(out[0], "h100-sxm");  /* 4 edits */
  assert_string_equal(out[1], "h100-pcie"); /* 5 edits */
  assert_int_equal(aic_catalogue_suggest(&c, AIC_SECTION_GPUS, "h100-smx", out, 1), 1);
  assert_string_equal(out[0], "h100-sxm"); /* a transposition: 2 edits */
  assert_int_equal(aic_catalogue_suggest(&c, AIC_SECTION_GPUS, "H100-SXM", out, 1), 1);
  assert_string_equal(out[0], "h100-sxm"); /* case is not a typo worth failing on */
  assert_int_equal(aic_catalogue_suggest(&c, AIC_SECTION_MODELS, "llama-2-7b", out, 4), 1);
  assert_string_equal(out[0], "llama-2-70b");
  assert_int_equal(aic_catalogue_suggest(&c, AIC_SECTION_API_PRICES, "test/vendr", out, 4), 1);
  assert_string_equal(out[0], "test/vendor");
  assert_int_equal(aic_catalogue_suggest(&c, AIC_SECTION_GPUS, "quantum-abacus", out, 4), 0);
  assert_int_equal(aic_catalogue_suggest(&c, AIC_SECTION_GPUS, "", out, 4), 0);
  memset(huge, 'h', sizeof huge - 1);
  huge[sizeof huge - 1] = '\0';
  assert_int_equal(aic_catalogue_suggest(&c, AIC_SECTION_GPUS, huge, out, 4), 0);
  assert_int_equal(aic_catalogue_suggest(&c, AIC_SECTION_GPUS, "h100", out, 0), 0);
}

/* Equal distances are ordered by id so the message is deterministic. */
/* The one edit distance of every "did you mean" (ids and field names). */
static void
edit_distance(void **state)
{
  static const struct {
    const char *a, *b;
    size_t want;
  } cases[] = {
    { "requests_per_day", "requests_per_day", 0 }, /* identical */
    { "requests_per_dya", "requests_per_day", 1 }, /* a swap of neighbours is one edit */
    { "memroy_gib", "memory_gib", 1 },             /* the catalogue's typo case */
    { "GPU", "gpu", 0 },                           /* case-insensitive */
    { "gpus", "gpu", 1 },                          /* one insertion */
    { "h100", "h100-sxm", 4 },                     /* four insertions */
    { "mfu", "goodput", 5 },                       /* far apart: capped at cap + 1 */
  };
  char huge[200];

  (void)state;
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
    assert_int_equal(aic_edit_distance(cases[i].a, cases[i].b, 4), cases[i].want);
  /* over 128 bytes: no distance at all, whatever the cap */
  memset(huge, 'a', sizeof huge - 1);
  huge[sizeof huge - 1] = '\0';
  assert_int_equal(aic_edit_distance(huge, huge, 1000), 1001);
}

static void
suggestion_ties_by_id(void **state)
{
  struct aic_catalogue c;
  const char *out[4];

  (void)state;
  fixture_catalogue(&c);
  /* "test-moe" and "test-model" are both prefixed by "test-mo"; distances 1 and 3. */
  assert_int_equal(aic_catalogue_suggest(&c, AIC_SECTION_MODELS, "test-mo", out, 4), 2);
  assert_string_equal(out[0], "test-moe");
  assert_string_equal(out[1], "test-model");
  /* Both prefixed by "h100-": 3 and 4 edits. A near miss matches one only. */
  assert_int_equal(aic_catalogue_suggest(&c, AIC_SECTION_GPUS, "h100-", out, 4), 2);
  assert_string_equal(out[0], "h100-sxm");
  assert_string_equal(out[1], "h100-pcie");
  assert_int_equal(aic_catalogue_suggest(&c, AIC_SECTION_GPUS, "h1000-sxm", out, 4), 1);
  assert_string_equal(out[0], "h100-sxm");
}

/* Defaults: every optional number absent, horizon 365, monthly series. */
static void
scenario_defaults(void **state)
{
  struct aic_scenario sc;
  int i;

  (void)state;
  aic_scenario_init(&sc);
  assert_int_equal(sc.horizon_days, 365);
  assert_int_equal(sc.granularity, AIC_GRAN_MONTH);
  assert_false(sc.has_model);
  assert_false(sc.training.present);
  assert_int_equal(sc.inference.kind, AIC_INF_NONE);
  assert_false(aic_has(sc.traffic.requests_per_day));
  assert_false(aic_has(sc.traffic.monthly_growth));
  assert_false(aic_has(sc.training.cost_usd));
  assert_false(aic_has(sc.model.active_params_b));
  assert_false(aic_has(sc.inference.self_hosted.gpu.price_on_demand_usd));
  for (i = 0; i < AIC_PRECISION_COUNT; i++)
    assert_false(aic_has(sc.training.gpu.peak_tflops[i]));
  for (i = 0; i < AIC_STAGE_COUNT; i++) {
    assert_false(sc.training.stages[i].present);
    assert_false(aic_has(sc.training.stages[i].tokens));
    assert_false(aic_has(sc.training.stages[i].rollout_mfu));
  }
}

/* The JSON spellings of the enums, both ways. */
static void
enum_names(void **state)
{
  enum aic_granularity g;
  enum aic_pricing p;

  (void)state;
  assert_int_equal(aic_granularity_parse("week", &g), 0);
  assert_int_equal(g, AIC_GRAN_WEEK);
  assert_string_equal(aic_granularity_name(AIC_GRAN_MONTH), "month");
  assert_int_equal(aic_granularity_parse("year", &g), -1);
  assert_int_equal(aic_pricing_parse("owned", &p), 0);
  assert_int_equal(p, AIC_PRICING_OWNED);
  assert_string_equal(aic_pricing_name(AIC_PRICING_ON_DEMAND), "on_demand");
  assert_int_equal(aic_pricing_parse("spot", &p), 0);
  assert_int_equal(p, AIC_PRICING_SPOT);
  /* "reserved" (before catalogue v3) reads as a one-year reservation */
  assert_int_equal(aic_pricing_parse("reserved", &p), 0);
  assert_int_equal(p, AIC_PRICING_RESERVED_1Y);
  assert_string_equal(aic_pricing_name(AIC_PRICING_RESERVED_1Y), "reserved_1y");
  assert_string_equal(aic_pricing_name(AIC_PRICING_CAPACITY_BLOCK), "capacity_block");
  assert_int_equal(aic_pricing_parse("hourly", &p), -1);
  assert_string_equal(aic_stage_name(AIC_STAGE_FINE_TUNING), "fine_tuning");
  assert_string_equal(aic_method_name(AIC_METHOD_LORA), "lora");
  assert_string_equal(aic_method_name(AIC_METHOD_RLHF), "rlhf");
}

int
main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(diag_caps_and_counts), cmocka_unit_test(diag_dedupes),
    cmocka_unit_test(diag_truncates),       cmocka_unit_test(diag_null_is_noop),
    cmocka_unit_test(pointer_escapes),      cmocka_unit_test(pointer_truncates),
    cmocka_unit_test(precisions),           cmocka_unit_test(lookups),
    cmocka_unit_test(suggestions),          cmocka_unit_test(suggestion_ties_by_id),
    cmocka_unit_test(edit_distance),        cmocka_unit_test(scenario_defaults),
    cmocka_unit_test(enum_names),
  };

  return cmocka_run_group_tests(tests, NULL, NULL);
}
