/* aic_projection_to_json and aic_comparison_to_json (parsed back) against
 * the contract in the team brief: every key present, null where a value does
 * not apply, numbers in the project's format. Built from hand-made structs,
 * so the shape is tested without the core's arithmetic. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "aicost/json.h"
#include "aicost/render.h"
#include "testcat.h"

static const char *const top_keys[] = { "name",  "catalogue", "training", "inference", "projection",
                                        "bands", "energy",    "warnings", NULL };
/* A comparison's option: a projection that also says whether a plan chose it. */
static const char *const option_keys[] = { "name",      "plan",       "catalogue", "training",
                                           "inference", "projection", "bands",     "energy",
                                           "warnings",  NULL };
static const char *const training_keys[] = { "total_usd",   "lump_sum", "price_per_gpu_hour_usd",
                                             "price_basis", "offer",    "stages",
                                             NULL };
static const char *const offer_keys[] = {
  "provider",           "kind", "region", "price_per_gpu_hour_usd", "as_of", "source", "chosen_by",
  "providers_compared", NULL
};
static const char *const stage_keys[] = { "stage",         "method",    "measured", "flops",
                                          "mfu",           "gpu_hours", "days",     "compute_usd",
                                          "labelling_usd", "total_usd", NULL };
static const char *const inference_keys[] = { "kind",
                                              "cost_per_request_usd",
                                              "daily_usd",
                                              "annual_usd",
                                              "cost_per_million_tokens_usd",
                                              "self_hosted",
                                              "api",
                                              NULL };
/* clang-format off */
static const char *const api_keys[] = {
  "id", "prices_date", "prices_date_from", "prices_from", "tier_above_input_tokens",
  "input_per_mtok_usd", "cached_input_per_mtok_usd", "cache_write_per_mtok_usd",
  "cache_write_1h_per_mtok_usd", "output_per_mtok_usd", "batch", "batch_price_factor",
  "off_peak_share", "off_peak", "changes", NULL,
};
/* clang-format on */
/* clang-format off */
static const char *const self_hosted_keys[] = {
  "gpus_per_replica", "tensor_parallel", "pipeline_stages", "replicas", "gpus_total",
  "kv_cache_bytes_per_token", "kv_cache_bytes_per_request", "weights_bytes",
  "tokens_per_second_per_gpu", "requests_per_second_per_replica", "prefill_ms", "ttft_ms",
  "tpot_ms", "concurrency", "price_per_gpu_hour_usd", "max_batch", "price_basis", "offer", NULL,
};
/* clang-format on */
static const char *const projection_keys[] = {
  "horizon_days",
  "granularity",
  "start_date",
  "requests_total",
  "inference_usd",
  "total_usd",
  "inference_share",
  "crossover_day",
  "break_even_requests_per_day",
  "fully_loaded_cost_per_request_usd",
  "series",
  NULL,
};
static const char *const point_keys[] = { "day",
                                          "days",
                                          "requests_per_day",
                                          "daily_inference_usd",
                                          "period_inference_usd",
                                          "cumulative_inference_usd",
                                          "training_usd",
                                          "cumulative_total_usd",
                                          "date",
                                          "daily_kwh",
                                          "cumulative_tco2e",
                                          NULL };
static const char *const energy_keys[] = {
  "training", "serving", "total_kwh", "total_tco2e", "crossover_day_kwh", "crossover_day_tco2e",
  "carbon",   NULL
};
static const char *const side_keys[] = { "site",          "site_from",        "power_w",
                                         "draw_fraction", "server_overhead",  "pue",
                                         "gco2e_per_kwh", "kwh_per_gpu_hour", NULL };
static const char *const carbon_keys[] = {
  "price_usd_per_t", "training_usd",          "daily_usd", "horizon_usd",
  "total_usd",       "total_with_carbon_usd", NULL
};

/* Exactly these keys, in this order: the contract's. */
static void
assert_keys(const json_t *o, const char *const *keys, const char *where)
{
  const char *k;
  json_t *v;
  size_t i = 0;

  if (!json_is_object(o))
    fail_msg("%s is not an object", where);
  json_object_foreach((json_t *)o, k, v)
  {
    (void)v;
    if (!keys[i] || strcmp(k, keys[i]) != 0)
      fail_msg("%s: key %zu is '%s', expected '%s'", where, i, k, keys[i] ? keys[i] : "(end)");
    i++;
  }
  if (keys[i])
    fail_msg("%s: missing '%s'", where, keys[i]);
}

static struct aic_series_point points[2] = {
  { 30, 30, 1000, 5, 150, 150, 100, 250, 201.6, 1.5 },
  { 61, 31, 1000, 5, 155, 305, 100, 405, 201.6, 2.75 },
};

/* A projection with training stages, a self-hosted fleet and one warning. */
static void
fill(struct aic_projection *pj)
{
  memset(pj, 0, sizeof *pj);
  pj->name = "bot";
  pj->training_total_usd = 100;
  pj->training_price_per_gpu_hour_usd = 2.5;
  pj->training_price = (struct aic_price_choice){
    .basis = AIC_BASIS_OFFER,
    .kind = AIC_OFFER_SPOT,
    .rule = AIC_RULE_MEDIAN,
    .providers = 3,
    .offer = { .provider = "aws",
               .region = "us-east-1",
               .source = "skypilot aws vms.csv",
               .as_of = "2026-12-01",
               .kind = AIC_OFFER_SPOT,
               .price_per_gpu_hour_usd = 2.5 },
    .price_per_gpu_hour_usd = 2.5,
  };
  pj->n_stages = 2;
  pj->stages[0] = (struct aic_stage_result){
    AIC_STAGE_PRETRAINING, AIC_METHOD_NONE, false, 6.3e24, 0.4, 40, 1, 100, 0, 100
  };
  pj->stages[1] = (struct aic_stage_result){ AIC_STAGE_ALIGNMENT,
                                             AIC_METHOD_DPO,
                                             true,
                                             ((double)NAN),
                                             ((double)NAN),
                                             10,
                                             0.5,
                                             25,
                                             0.1 + 0.2,
                                             25.3 };
  pj->inference_kind = AIC_INF_SELF_HOSTED;
  pj->cost_per_request_usd = 0.005;
  pj->daily_usd = 5;
  pj->annual_usd = 1825;
  pj->cost_per_million_tokens_usd = ((double)NAN);
  pj->self_hosted = true;
  pj->sh = (struct aic_self_hosted_result){
    .weights_bytes = 1.411e11,
    .kv_cache_bytes_per_token = 327680,
    .kv_cache_bytes_per_request = 360448000,
    .gpus_per_replica = 2,
    .tensor_parallel = 2,
    .pipeline_stages = 1,
    .replicas = 3,
    .gpus_total = 6,
    .prefill_ms = 12.5,
    .ttft_ms = 40,
    .tpot_ms = 20,
    .concurrency = 30.5,
    .tokens_per_second_per_gpu = 800,
    .requests_per_second_per_replica = 0.7,
    .price_per_gpu_hour_usd = 4.92,
    .max_batch = 64,
    .price = { .basis = AIC_BASIS_SCENARIO, .price_per_gpu_hour_usd = 4.92 },
  };
  pj->horizon_days = 61;
  pj->granularity = AIC_GRAN_MONTH;
  pj->requests_total = 61000;
  pj->inference_usd = 305;
  pj->total_usd = 405;
  pj->inference_share = 305.0 / 405.0;
  pj->crossover_day = 20;
  pj->break_even_requests_per_day = ((double)NAN);
  pj->fully_loaded_cost_per_request_usd = 405.0 / 61000.0;
  pj->n_series = 2;
  pj->series = points;
  aic_energy_clear(&pj->energy);
  aic_diag_add_code(&pj->warnings, "training_state_exceeds_memory", "/training/gpu_count",
                    "too few");
}

/* The writer's text, parsed: a tree to walk. */
static json_t *
projection_tree(const struct aic_projection *pj, const struct aic_catalogue *cat)
{
  char *text = aic_projection_to_json(pj, cat, NULL);
  json_t *j = text != NULL ? json_loads(text, JSON_REJECT_DUPLICATES, NULL) : NULL;

  free(text);
  assert_non_null(j);
  return j;
}

static char *
text_at(json_t *j, const char *key)
{
  return aic_json_dump(json_object_get(j, key), 0);
}

/* Every key of the contract, in order, at every level. */
static void
test_projection_shape(void **state)
{
  struct aic_projection pj;
  json_t *j, *tr, *inf;

  (void)state;
  fill(&pj);
  j = projection_tree(&pj, testcat());
  assert_keys(j, top_keys, "projection");
  tr = json_object_get(j, "training");
  assert_keys(tr, training_keys, "training");
  assert_keys(json_object_get(tr, "offer"), offer_keys, "offer");
  assert_keys(json_array_get(json_object_get(tr, "stages"), 0), stage_keys, "stage 0");
  assert_keys(json_array_get(json_object_get(tr, "stages"), 1), stage_keys, "stage 1");
  inf = json_object_get(j, "inference");
  assert_keys(inf, inference_keys, "inference");
  assert_keys(json_object_get(inf, "self_hosted"), self_hosted_keys, "self_hosted");
  assert_keys(json_object_get(j, "projection"), projection_keys, "projection");
  assert_keys(json_array_get(json_object_get(json_object_get(j, "projection"), "series"), 1),
              point_keys, "series point");
  json_decref(j);
}

/* The values as they print: nulls where ((double)NAN), names for enums, clean reals. */
static void
test_projection_values(void **state)
{
  struct aic_projection pj;
  char *s;

  (void)state;
  fill(&pj);
  s = aic_projection_to_json(&pj, testcat(), NULL);
  /* one compact document; fragments that pin the format */
  assert_non_null(strstr(s, "\"catalogue\":{\"version\":\"test-1\",\"hash\":\"0123abcd\","
                            "\"date\":null}"));
  assert_non_null(strstr(s, "{\"stage\":\"pretraining\",\"method\":null,\"measured\":false,"
                            "\"flops\":6.3e24,\"mfu\":0.4,\"gpu_hours\":40,\"days\":1,"));
  /* measured: flops and mfu null; 0.1 + 0.2 prints 0.3 */
  assert_non_null(
    strstr(s, "{\"stage\":\"alignment\",\"method\":\"dpo\",\"measured\":true,"
              "\"flops\":null,\"mfu\":null,\"gpu_hours\":10,\"days\":0.5,\"compute_usd\":25,"
              "\"labelling_usd\":0.3,\"total_usd\":25.3}"));
  assert_non_null(
    strstr(s, "\"kind\":\"self_hosted\",\"cost_per_request_usd\":0.005,"
              "\"daily_usd\":5,\"annual_usd\":1825,\"cost_per_million_tokens_usd\":null,"));
  assert_non_null(strstr(s, "\"weights_bytes\":141100000000"));
  /* the offer a GPU-hour was priced at, and a scenario's own price */
  assert_non_null(strstr(s, "\"price_basis\":\"offer\",\"offer\":{\"provider\":\"aws\","
                            "\"kind\":\"spot\",\"region\":\"us-east-1\","
                            "\"price_per_gpu_hour_usd\":2.5,\"as_of\":\"2026-12-01\","
                            "\"source\":\"skypilot aws vms.csv\",\"chosen_by\":\"median\","
                            "\"providers_compared\":3}"));
  assert_non_null(strstr(s, "\"max_batch\":64,\"price_basis\":\"scenario\",\"offer\":null}"));
  assert_non_null(strstr(s, "\"crossover_day\":20,\"break_even_requests_per_day\":null,"));
  assert_non_null(strstr(s, "\"granularity\":\"month\""));
  assert_non_null(strstr(s, "\"warnings\":[{\"code\":\"training_state_exceeds_memory\","
                            "\"pointer\":\"/training/gpu_count\",\"detail\":\"too few\"}]"));
  free(s);
}

/* What does not apply is null, never 0 or absent: no name, no crossover, no
 * inference, no self-hosting, no catalogue. */
static void
test_projection_nulls(void **state)
{
  struct aic_projection pj;
  json_t *j, *inf, *p;
  char *s;

  (void)state;
  fill(&pj);
  pj.name = NULL;
  pj.crossover_day = 0;
  pj.inference_kind = AIC_INF_NONE;
  pj.self_hosted = false;
  pj.inference_share = ((double)NAN);
  j = projection_tree(&pj, NULL);
  assert_true(json_is_null(json_object_get(j, "name")));
  inf = json_object_get(j, "inference");
  assert_true(json_is_null(json_object_get(inf, "kind")));
  assert_true(json_is_null(json_object_get(inf, "self_hosted")));
  p = json_object_get(j, "projection");
  assert_true(json_is_null(json_object_get(p, "crossover_day")));
  assert_true(json_is_null(json_object_get(p, "inference_share")));
  s = text_at(j, "catalogue");
  assert_string_equal(s, "{\"version\":null,\"hash\":null,\"date\":null}");
  free(s);
  assert_true(json_is_null(json_object_get(inf, "api")));
  assert_true(json_is_null(json_object_get(p, "start_date")));
  s = aic_json_dump(json_array_get(json_object_get(p, "series"), 0), 0);
  assert_non_null(strstr(s, ",\"date\":null,\"daily_kwh\":201.6,\"cumulative_tco2e\":1.5}"));
  free(s);
  json_decref(j);
}

/* Vendor billing: the date whose prices were used and why, the tier, the
 * prices, batch and off peak, the days the cost per request changes; and
 * each series point's date from the start date (day 30 of a projection
 * from 2026-08-01 is 2026-08-30). */
static void
test_projection_api_and_dates(void **state)
{
  struct aic_projection pj;
  struct aic_api_result *a = &pj.api_billing;
  json_t *j, *api;
  char *s;

  (void)state;
  fill(&pj);
  pj.self_hosted = false;
  pj.inference_kind = AIC_INF_API;
  pj.api = true;
  a->id = "test/promo";
  a->basis = AIC_PRICE_DATE_START;
  a->price_day = aic_days_from_civil(2026, 8, 1);
  a->period_from = NULL;
  a->tier_above_input_tokens = 200000;
  a->prices = (struct aic_token_prices){ 6, 0.6, 7.5, 12, 22.5 };
  a->batch = false;
  a->batch_price_factor = (double)NAN;
  a->off_peak_share = 0;
  a->n_changes = 1;
  a->changes[0] = (struct aic_api_change){ 32, "2026-09-01", 0.0045 };
  pj.has_start_date = true;
  pj.start_day = a->price_day;
  j = projection_tree(&pj, testcat());
  api = json_object_get(json_object_get(j, "inference"), "api");
  assert_keys(api, api_keys, "api");
  s = aic_json_dump(api, 0);
  assert_string_equal(s, "{\"id\":\"test/promo\",\"prices_date\":\"2026-08-01\","
                         "\"prices_date_from\":\"start_date\",\"prices_from\":null,"
                         "\"tier_above_input_tokens\":200000,\"input_per_mtok_usd\":6,"
                         "\"cached_input_per_mtok_usd\":0.6,\"cache_write_per_mtok_usd\":7.5,"
                         "\"cache_write_1h_per_mtok_usd\":12,\"output_per_mtok_usd\":22.5,"
                         "\"batch\":false,\"batch_price_factor\":null,\"off_peak_share\":0,"
                         "\"off_peak\":null,\"changes\":[{\"day\":32,\"date\":\"2026-09-01\","
                         "\"cost_per_request_usd\":0.0045}]}");
  free(s);
  s = aic_json_dump(json_object_get(j, "projection"), 0);
  assert_non_null(strstr(s, "\"start_date\":\"2026-08-01\""));
  assert_non_null(strstr(s, "\"day\":30,"));
  assert_non_null(strstr(s, "\"date\":\"2026-08-30\","));
  assert_non_null(strstr(s, "\"date\":\"2026-09-30\","));
  free(s);
  json_decref(j);
}

/* Energy: a side whose energy is unknown is null (never zeros); a known
 * side carries its factors, training its stages; the carbon line only
 * with a price; crossover day 0 is null. */
static void
test_projection_energy(void **state)
{
  struct aic_projection pj;
  struct aic_energy_result *e = &pj.energy;
  json_t *j, *en;
  char *s;

  (void)state;
  fill(&pj);
  j = projection_tree(&pj, testcat());
  en = json_object_get(j, "energy");
  assert_keys(en, energy_keys, "energy");
  s = aic_json_dump(en, 0);
  assert_string_equal(s, "{\"training\":null,\"serving\":null,\"total_kwh\":null,"
                         "\"total_tco2e\":null,\"crossover_day_kwh\":null,"
                         "\"crossover_day_tco2e\":null,\"carbon\":null}");
  free(s);
  json_decref(j);

  e->training = (struct aic_energy_side){ true, "fr", AIC_SITE_SCENARIO, 700, 0.76, 1.82,
                                          1.1,  56,   1.065064 };
  e->n_stages = 1;
  e->stages[0] = (struct aic_stage_energy){ AIC_STAGE_PRETRAINING, 1000, 0.056 };
  e->training_kwh = 1000;
  e->training_tco2e = 0.056;
  e->serving = (struct aic_energy_side){ true, NULL, AIC_SITE_NONE, 700,    0.5,
                                         1.82, 1.25, (double)NAN,   0.79625 };
  e->kwh_per_day = 114.66;
  e->total_kwh = 2000;
  e->crossover_day_kwh = 9;
  e->carbon_price_usd_per_t = 100;
  e->carbon_training_usd = 5.6;
  j = projection_tree(&pj, testcat());
  en = json_object_get(j, "energy");
  assert_keys(json_object_get(en, "training"),
              (const char *const[]){ "kwh", "tco2e", "site", "site_from", "power_w",
                                     "draw_fraction", "server_overhead", "pue", "gco2e_per_kwh",
                                     "kwh_per_gpu_hour", "stages", NULL },
              "energy.training");
  assert_keys(json_object_get(en, "carbon"), carbon_keys, "carbon");
  s = aic_json_dump(en, 0);
  assert_non_null(strstr(s, "\"training\":{\"kwh\":1000,\"tco2e\":0.056,\"site\":\"fr\","
                            "\"site_from\":\"scenario\",\"power_w\":700,\"draw_fraction\":0.76,"
                            "\"server_overhead\":1.82,\"pue\":1.1,\"gco2e_per_kwh\":56,"
                            "\"kwh_per_gpu_hour\":1.065064,\"stages\":[{\"stage\":\"pretraining\","
                            "\"kwh\":1000,\"tco2e\":0.056}]}"));
  /* no site: the intensity and every emission are null, not 0 */
  assert_non_null(strstr(s, "\"serving\":{\"kwh_per_day\":114.66,\"tco2e_per_day\":null,"));
  assert_non_null(strstr(s, "\"site\":null,\"site_from\":null,\"power_w\":700,"));
  assert_non_null(strstr(s, "\"gco2e_per_kwh\":null,"));
  assert_non_null(strstr(s, "\"crossover_day_kwh\":9,\"crossover_day_tco2e\":null,"));
  assert_non_null(strstr(s, "\"carbon\":{\"price_usd_per_t\":100,\"training_usd\":5.6,"
                            "\"daily_usd\":null,"));
  for (size_t i = 0; side_keys[i] != NULL; i++)
    assert_non_null(json_object_get(json_object_get(en, "serving"), side_keys[i]));
  free(s);
  json_decref(j);
}

/* The comparison: options in input order, ranking and overtakes as given. */
static void
test_comparison(void **state)
{
  struct aic_projection pjs[2];
  size_t rank[2] = { 1, 0 };
  struct aic_overtake ov = { 1, 0, 120 };
  struct aic_comparison c = { 365, 2, pjs, rank, 1, &ov, NULL };
  static const char *const keys[] = { "horizon_days", "catalogue", "options",
                                      "ranking",      "overtakes", NULL };
  json_t *j;
  char *s;

  (void)state;
  fill(&pjs[0]);
  fill(&pjs[1]);
  pjs[1].name = "second";
  s = aic_comparison_to_json(&c, testcat(), NULL);
  j = s != NULL ? json_loads(s, JSON_REJECT_DUPLICATES, NULL) : NULL;
  free(s);
  assert_non_null(j);
  assert_keys(j, keys, "comparison");
  assert_keys(json_array_get(json_object_get(j, "options"), 1), option_keys, "option 1");
  assert_true(
    json_is_null(json_object_get(json_array_get(json_object_get(j, "options"), 1), "plan")));
  assert_string_equal(
    json_string_value(json_object_get(json_array_get(json_object_get(j, "options"), 1), "name")),
    "second");
  s = text_at(j, "ranking");
  assert_string_equal(s, "[1,0]");
  free(s);
  s = text_at(j, "overtakes");
  assert_string_equal(s, "[{\"option\":1,\"other\":0,\"day\":120}]");
  free(s);
  json_decref(j);
}

/* A full warnings list says how many more there were, as one more entry
 * with the code "more", rather than pretend to be complete. */
static void
test_warnings_cut(void **state)
{
  struct aic_projection pj;
  json_t *j, *w;
  char *s;

  (void)state;
  fill(&pj);
  for (int i = 0; i < AIC_DIAG_MAX + 5; i++)
    aic_diag_add_code(&pj.warnings, "w", "/x", "warning %d", i);
  j = projection_tree(&pj, NULL);
  w = json_object_get(j, "warnings");
  assert_int_equal(json_array_size(w), AIC_DIAG_MAX + 1);
  s = aic_json_dump(json_array_get(w, AIC_DIAG_MAX), 0);
  assert_string_equal(s, "{\"code\":\"more\",\"pointer\":\"\",\"detail\":\"6 more not shown\"}");
  free(s);
  json_decref(j);
}

int
main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_projection_shape),
    cmocka_unit_test(test_projection_values),
    cmocka_unit_test(test_projection_nulls),
    cmocka_unit_test(test_projection_energy),
    cmocka_unit_test(test_projection_api_and_dates),
    cmocka_unit_test(test_comparison),
    cmocka_unit_test(test_warnings_cut),
  };

  return cmocka_run_group_tests(tests, NULL, NULL);
}
