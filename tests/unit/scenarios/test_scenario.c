/* aic_scenario_from_json and aic_comparison_request_from_json: each field's
 * validation (one table row per rule) and what a valid document becomes. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "aicost/scenarios.h"
#include "scenario_read.h"
#include "testcat.h"

/* Rows are written with ' for " to stay readable. */
static json_t *
load(const char *text)
{
  char *s = strdup(text);
  json_error_t e;
  json_t *j;

  for (char *p = s; *p; p++)
    if (*p == '\'')
      *p = '"';
  j = json_loads(s, JSON_DECODE_ANY, &e);
  if (!j)
    fail_msg("bad test JSON at %d:%d: %s: %s", e.line, e.column, e.text, s);
  free(s);
  return j;
}

#define INF "'inference': {'cost_per_request_usd': 0.005}, 'traffic': {'requests_per_day': 1000}"
#define TRAIN(x) "{" INF ", 'training': {'gpu': 'h100-sxm', 'gpu_count': 8, " x "}}"
#define PRE "'pretraining': {'tokens': 1e9}"
#define TRAFFIC(x)                                                                                 \
  "{'inference': {'cost_per_request_usd': 0.005}, 'traffic': {'requests_per_day': 1000, " x "}}"
#define SH(x)                                                                                      \
  "{'model': 'llama-3.1-8b', 'inference': {'self_hosted': {'gpu': 'h100-sxm', " x                  \
  "}}, 'traffic': {'requests_per_day': 1000}}"

struct row {
  const char *why;
  const char *json;
  const char *pointer;  /* exact */
  const char *fragment; /* within the detail */
};

/* Each row: a scenario with exactly one problem, where it is and what it says. */
/* clang-format off */
static const struct row rows[] = {
  /* top level */
  { "the root must be an object", "[]", "", "must be an object (got an array)" },
  { "serving is required: its absence would be a silent zero", "{'traffic': {'requests_per_day': 1}}", "/inference", "is required" },
  { "traffic is required with inference", "{'inference': {'cost_per_request_usd': 0.005}}", "/traffic", "is required" },
  { "a misspelt section is named with the right one", "{" INF ", 'trafic': {}}", "/trafic",
    "did you mean 'traffic'?" },
  { "name is a string", "{" INF ", 'name': 5}", "/name", "must be a string of at most 200" },
  { "description is a string", "{" INF ", 'description': []}", "/description", "must be a string" },
  { "horizon below 1 day", "{" INF ", 'horizon_days': 0}", "/horizon_days",
    "must be an integer between 1 and 3650 (got 0)" },
  { "horizon above ten years", "{" INF ", 'horizon_days': 3651}", "/horizon_days", "(got 3651)" },
  { "horizon in whole days", "{" INF ", 'horizon_days': 365.5}", "/horizon_days", "an integer" },
  { "horizon as a string", "{" INF ", 'horizon_days': '365'}", "/horizon_days", "(got a string)" },
  { "granularity names", "{" INF ", 'granularity': 'monthly'}", "/granularity",
    "must be one of day, week, month (got 'monthly')" },
  /* model */
  { "an unknown model id suggests near ones", "{" INF ", 'model': 'llama-3.1-7b'}", "/model",
    "unknown model 'llama-3.1-7b'; did you mean 'llama-3.1-70b' or 'llama-3.1-8b'?" },
  { "a far-off model id gets no suggestion", "{" INF ", 'model': 'zzzzzzzz'}", "/model",
    "unknown model 'zzzzzzzz': not in catalogue test-1" },
  { "a model is an id or an object", "{" INF ", 'model': 70}", "/model",
    "must be a catalogue model id (a string) or an inline object (got a number)" },
  { "inline params must be positive", "{" INF ", 'model': {'params_b': 0}}", "/model/params_b",
    "must be a number > 0" },
  { "inline layers are whole", "{" INF ", 'model': {'layers': 80.5}}", "/model/layers",
    "whole number" },
  { "MoE active parameters cannot exceed the total",
    "{" INF ", 'model': {'params_b': 7, 'active_params_b': 13}}", "/model/active_params_b",
    "must be ≤ params_b (7)" },
  { "GQA has no more KV heads than heads", "{" INF ", 'model': {'heads': 8, 'kv_heads': 32}}",
    "/model/kv_heads", "must be ≤ heads (8)" },
  { "an inline model key typo", "{" INF ", 'model': {'param_b': 7}}", "/model/param_b",
    "did you mean 'params_b'?" },
  /* training */
  { "the brief's example of an unknown gpu", TRAIN("'gpu': 'h100', " PRE), "/training/gpu",
    "unknown gpu 'h100'; did you mean 'h100-sxm' or 'h100-pcie'?" },
  { "an inline gpu peak must be positive",
    "{" INF ", 'training': {'gpu': {'peak_tflops': {'bf16': 0}}, 'gpu_count': 8, " PRE "}}",
    "/training/gpu/peak_tflops/bf16", "must be a number > 0" },
  { "an inline gpu price map has two keys",
    "{" INF ", 'training': {'gpu': {'price_per_hour_usd': {'spot': 1}}, 'gpu_count': 8, " PRE "}}",
    "/training/gpu/price_per_hour_usd/spot", "unknown field" },
  { "an inline gpu memory must be positive",
    "{" INF ", 'training': {'gpu': {'memory_gib': -80}, 'gpu_count': 8, " PRE "}}", "/training/gpu/memory_gib",
    "(got -80)" },
  { "gpu_count at least one", "{" INF ", 'training': {'gpu': 'h100-sxm', 'gpu_count': 0, " PRE "}}",
    "/training/gpu_count", "must be a whole number between 1 and 10000000 (got 0)" },
  { "gpu_count whole", "{" INF ", 'training': {'gpu': 'h100-sxm', 'gpu_count': 1.5, " PRE "}}",
    "/training/gpu_count", "(got 1.5)" },
  { "pricing names", TRAIN("'pricing': 'hourly', " PRE), "/training/pricing",
    "must be one of on_demand, spot, reserved_1y, reserved_3y, capacity_block, owned, reserved "
    "(got 'hourly')" },
  { "precision names", TRAIN("'precision': 'bf32', " PRE), "/training/precision",
    "must be one of fp32, tf32, bf16, fp16, fp8, int8, int4" },
  { "mfu is a fraction above 0", TRAIN("'mfu': 0, " PRE), "/training/mfu",
    "must be a number between 0.01 and 1 (got 0)" },
  /* 1e-300 was in range and gave an absurd bill: 1 % is the floor */
  { "mfu at least 1 %", TRAIN("'mfu': 0.009, " PRE), "/training/mfu", "between 0.01 and 1 (got 0.009)" },
  { "mfu at most 1", TRAIN("'mfu': 1.2, " PRE), "/training/mfu", "(got 1.2)" },
  { "goodput is a fraction", TRAIN("'goodput': -0.5, " PRE), "/training/goodput", "between 0.01 and 1" },
  { "a negotiated rate is not negative", TRAIN("'price_per_gpu_hour_usd': -1, " PRE),
    "/training/price_per_gpu_hour_usd", "must be a number between 0 and 10000" },
  { "a lump sum is not negative", "{" INF ", 'training': {'cost_usd': -5}}", "/training/cost_usd",
    "(got -5)" },
  { "a lump sum stands alone", "{" INF ", 'training': {'cost_usd': 5, 'gpu': 'h100-sxm'}}",
    "/training/gpu", "not allowed with cost_usd" },
  { "training with nothing in it", "{" INF ", 'training': {'gpu': 'h100-sxm'}}", "/training",
    "needs cost_usd (a lump sum) or at least one of pretraining, fine_tuning, alignment" },
  { "a stage is an object", TRAIN("'pretraining': 1e9"), "/training/pretraining",
    "must be an object" },
  { "a stage needs its work", TRAIN("'pretraining': {}"), "/training/pretraining",
    "needs tokens (to estimate) or gpu_hours (measured)" },
  { "measured hours replace the estimate", TRAIN("'pretraining': {'tokens': 1e9, 'gpu_hours': 10}"),
    "/training/pretraining/tokens", "not used with gpu_hours" },
  { "tokens are not negative", TRAIN("'pretraining': {'tokens': -1}"),
    "/training/pretraining/tokens", "must be a number between 0 and 1e16 (got -1)" },
  { "recompute is a boolean", TRAIN("'pretraining': {'tokens': 1e9, 'recompute': 'yes'}"),
    "/training/pretraining/recompute", "must be true or false (got a string)" },
  { "sequence_length only feeds the attention term",
    TRAIN("'pretraining': {'tokens': 1e9, 'sequence_length': 4096}"),
    "/training/pretraining/sequence_length", "only used with attention: true" },
  { "pretraining has no epochs", TRAIN("'pretraining': {'tokens': 1e9, 'epochs': 2}"),
    "/training/pretraining/epochs", "unknown field" },
  { "fine-tuning methods", TRAIN("'fine_tuning': {'tokens': 1e9, 'method': 'qlora'}"),
    "/training/fine_tuning/method", "must be one of full, lora (got 'qlora')" },
  { "epochs above zero", TRAIN("'fine_tuning': {'tokens': 1e9, 'method': 'lora', 'epochs': 0}"),
    "/training/fine_tuning/epochs", "must be a number > 0 and ≤ 10000" },
  { "alignment methods", TRAIN("'alignment': {'method': 'ppo', 'gpu_hours': 5}"),
    "/training/alignment/method", "must be one of dpo, rlhf (got 'ppo')" },
  { "rlhf settings do not apply to dpo",
    TRAIN("'alignment': {'method': 'dpo', 'preference_pairs': 10, 'tokens_per_pair': 1000, 'ppo_episodes': 5}"),
    "/training/alignment/ppo_episodes", "only applies to method rlhf" },
  { "pairs are counted whole",
    TRAIN("'alignment': {'method': 'dpo', 'preference_pairs': 1.5, 'tokens_per_pair': 1000}"),
    "/training/alignment/preference_pairs", "whole number" },
  { "labelling is not negative",
    TRAIN("'alignment': {'method': 'dpo', 'preference_pairs': 10, 'tokens_per_pair': 1000, 'label_cost_usd': -1}"),
    "/training/alignment/label_cost_usd", "(got -1)" },
  { "rollout utilisation is a fraction",
    TRAIN("'alignment': {'method': 'rlhf', 'preference_pairs': 10, 'tokens_per_pair': 1000, 'rollout_mfu': 2}"),
    "/training/alignment/rollout_mfu", "between 0.01 and 1" },
  /* inference */
  { "inference needs a form", "{'inference': {}, 'traffic': {'requests_per_day': 1}}", "/inference",
    "needs exactly one of cost_per_request_usd, api, self_hosted" },
  { "inference takes one form only",
    "{'inference': {'cost_per_request_usd': 1, 'api': 'openai/gpt-4o'}, 'traffic': {'requests_per_day': 1}}",
    "/inference", "(got cost_per_request_usd and api)" },
  { "a price per request is not negative",
    "{'inference': {'cost_per_request_usd': -0.01}, 'traffic': {'requests_per_day': 1}}",
    "/inference/cost_per_request_usd", "(got -0.01)" },
  { "an unknown api id suggests the near one",
    "{'inference': {'api': 'openai/gpt4o'}, 'traffic': {'requests_per_day': 1}}", "/inference/api",
    "unknown api price 'openai/gpt4o'; did you mean 'openai/gpt-4o'" },
  { "an api is an id", "{'inference': {'api': {}}, 'traffic': {'requests_per_day': 1}}",
    "/inference/api", "must be a catalogue api price id" },
  { "self-hosting needs a gpu",
    "{'inference': {'self_hosted': {}}, 'traffic': {'requests_per_day': 1}}",
    "/inference/self_hosted/gpu", "is required" },
  { "max_batch at least one", SH("'max_batch': 0"), "/inference/self_hosted/max_batch",
    "must be a whole number between 1 and 1000000 (got 0)" },
  { "gpus_per_replica whole", SH("'gpus_per_replica': 1.5"), "/inference/self_hosted/gpus_per_replica",
    "whole number" },
  { "a fleet is whole GPUs", SH("'gpus': 2.5"), "/inference/self_hosted/gpus", "(got 2.5)" },
  { "utilisation above zero", SH("'target_utilization': 0"),
    "/inference/self_hosted/target_utilization", "between 0.01 and 1" },
  { "serving pricing names", SH("'pricing': 'hourly'"), "/inference/self_hosted/pricing",
    "must be one of on_demand, spot, reserved_1y" },
  { "serving precision names", SH("'precision': 'fp6'"), "/inference/self_hosted/precision",
    "(got 'fp6')" },
  { "efficiency is a fraction", SH("'compute_efficiency': 1.5"),
    "/inference/self_hosted/compute_efficiency", "(got 1.5)" },
  { "bandwidth efficiency too", SH("'bandwidth_efficiency': 0"),
    "/inference/self_hosted/bandwidth_efficiency", "(got 0)" },
  { "a serving rate is not negative", SH("'price_per_gpu_hour_usd': -2"),
    "/inference/self_hosted/price_per_gpu_hour_usd", "(got -2)" },
  { "an unknown serving gpu", SH("'gpu': 'a100'"), "/inference/self_hosted/gpu", "unknown gpu 'a100'" },
  /* traffic */
  { "requests_per_day is required", "{'inference': {'cost_per_request_usd': 1}, 'traffic': {}}",
    "/traffic/requests_per_day", "is required (a number between 0 and 1000000000000)" },
  { "requests are not negative", "{'inference': {'cost_per_request_usd': 1}, 'traffic': {'requests_per_day': -1}}",
    "/traffic/requests_per_day", "(got -1)" },
  { "requests beyond 1e12 a day", "{'inference': {'cost_per_request_usd': 1}, 'traffic': {'requests_per_day': 1e13}}",
    "/traffic/requests_per_day", "(got 10000000000000)" },
  { "growth cannot shrink traffic to nothing", TRAFFIC("'monthly_growth': -1"), "/traffic/monthly_growth",
    "must be a number between -0.99 and 10 (got -1)" },
  { "growth above 1000 % a month", TRAFFIC("'monthly_growth': 11"), "/traffic/monthly_growth", "(got 11)" },
  { "a ceiling is not negative", TRAFFIC("'max_requests_per_day': -5"), "/traffic/max_requests_per_day",
    "(got -5)" },
  { "peak is at least the average", TRAFFIC("'peak_to_average': 0.5"), "/traffic/peak_to_average",
    "must be a number between 1 and 1000 (got 0.5)" },
  { "tokens are numbers", TRAFFIC("'output_tokens': '300'"), "/traffic/output_tokens", "(got a string)" },
  { "input tokens are not negative", TRAFFIC("'input_tokens': -800"), "/traffic/input_tokens", "(got -800)" },
  { "cached tokens are part of the input", TRAFFIC("'input_tokens': 800, 'cached_input_tokens': 900"),
    "/traffic/cached_input_tokens", "must be ≤ input_tokens (800)" },
  { "a traffic typo", TRAFFIC("'request_per_day': 5"), "/traffic/request_per_day",
    "did you mean 'requests_per_day'?" },
};
/* clang-format on */

static void
test_rows(void **state)
{
  (void)state;
  for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
    struct aic_scenario sc;
    struct aic_diags d = AIC_DIAGS_INIT;
    json_t *j = load(rows[i].json);
    int rc = aic_scenario_from_json(j, testcat(), "", &sc, &d);

    if (rc != AIC_E_INVALID || d.n != 1 || strcmp(d.v[0].pointer, rows[i].pointer) != 0 ||
        !strstr(d.v[0].detail, rows[i].fragment)) {
      for (size_t k = 0; k < d.n; k++)
        print_message("#   %s: %s\n", d.v[k].pointer, d.v[k].detail);
      fail_msg("row %zu (%s): rc %d, %zu diags", i, rows[i].why, rc, d.n);
    }
    json_decref(j);
  }
}

/* The brief's full example is valid and lands in the struct as given. */
static void
test_contract_example(void **state)
{
  struct aic_scenario sc;
  struct aic_diags d = AIC_DIAGS_INIT;
  json_t *j = load(
    "{ 'name': 'support bot', 'horizon_days': 365, 'granularity': 'month',"
    "  'model': 'llama-3.1-70b',"
    "  'training': { 'gpu': 'h100-sxm', 'gpu_count': 1024, 'pricing': 'on_demand', 'precision': 'bf16',"
    "                'mfu': 0.4, 'goodput': 0.9, 'price_per_gpu_hour_usd': 2.5,"
    "                'pretraining': { 'tokens': 15e12, 'recompute': false, 'attention': false },"
    "                'fine_tuning': { 'tokens': 2e9, 'epochs': 2, 'method': 'lora' },"
    "                'alignment':   { 'method': 'dpo', 'preference_pairs': 100000,"
    "                                 'tokens_per_pair': 1024, 'label_cost_usd': 1.5 } },"
    "  'inference': { 'cost_per_request_usd': 0.005 },"
    "  'traffic': { 'requests_per_day': 5000000, 'monthly_growth': 0.05, 'max_requests_per_day': 2e7,"
    "               'peak_to_average': 2.0, 'input_tokens': 800, 'cached_input_tokens': 0, 'output_tokens': 300 } }");
  const struct aic_training *t = &sc.training;

  (void)state;
  assert_int_equal(aic_scenario_from_json(j, testcat(), "", &sc, &d), AIC_OK);
  assert_int_equal(d.n, 0);
  assert_string_equal(sc.name, "support bot");
  assert_int_equal(sc.horizon_days, 365);
  assert_int_equal(sc.granularity, AIC_GRAN_MONTH);
  assert_true(sc.has_model && !sc.model_inline);
  assert_string_equal(sc.model.id, "llama-3.1-70b");
  assert_true(sc.model.params_b == 70.55);
  assert_true(t->present && t->has_gpu && !t->gpu_inline);
  assert_string_equal(t->gpu.id, "h100-sxm");
  assert_true(t->gpu.peak_tflops[AIC_BF16] == 989.5);
  assert_true(t->gpu_count == 1024 && t->mfu == 0.4 && t->goodput == 0.9);
  assert_true(t->has_precision && t->precision == AIC_BF16 && t->pricing == AIC_PRICING_ON_DEMAND);
  assert_true(t->price_per_gpu_hour_usd == 2.5 && isnan(t->cost_usd));
  assert_true(t->stages[AIC_STAGE_PRETRAINING].present);
  assert_true(t->stages[AIC_STAGE_PRETRAINING].tokens == 15e12);
  assert_true(isnan(t->stages[AIC_STAGE_PRETRAINING].gpu_hours));
  assert_true(t->stages[AIC_STAGE_FINE_TUNING].method == AIC_METHOD_LORA);
  assert_true(t->stages[AIC_STAGE_FINE_TUNING].epochs == 2);
  assert_true(t->stages[AIC_STAGE_ALIGNMENT].method == AIC_METHOD_DPO);
  assert_true(t->stages[AIC_STAGE_ALIGNMENT].preference_pairs == 100000);
  assert_true(t->stages[AIC_STAGE_ALIGNMENT].label_cost_usd == 1.5);
  assert_int_equal(sc.inference.kind, AIC_INF_PER_REQUEST);
  assert_true(sc.inference.cost_per_request_usd == 0.005);
  assert_true(sc.traffic.requests_per_day == 5e6 && sc.traffic.monthly_growth == 0.05);
  assert_true(sc.traffic.max_requests_per_day == 2e7 && sc.traffic.peak_to_average == 2);
  assert_true(sc.traffic.input_tokens == 800 && sc.traffic.cached_input_tokens == 0);
  assert_true(sc.traffic.output_tokens == 300);
  json_decref(j);
}

/* Absent fields stay absent (NAN, defaults decided by the core), null
 * counts as absent, and the horizon and granularity defaults hold. */
static void
test_absent_is_nan(void **state)
{
  struct aic_scenario sc;
  struct aic_diags d = AIC_DIAGS_INIT;
  json_t *j = load(
    "{'inference': {'cost_per_request_usd': 0.005, 'api': null},"
    " 'traffic': {'requests_per_day': 1000, 'monthly_growth': null}, 'model': null}");

  (void)state;
  assert_int_equal(aic_scenario_from_json(j, testcat(), "", &sc, &d), AIC_OK);
  assert_null(sc.name);
  assert_int_equal(sc.horizon_days, 365);
  assert_int_equal(sc.granularity, AIC_GRAN_MONTH);
  assert_false(sc.has_model);
  assert_false(sc.training.present);
  assert_true(isnan(sc.traffic.monthly_growth) && isnan(sc.traffic.max_requests_per_day));
  assert_true(isnan(sc.traffic.peak_to_average) && isnan(sc.traffic.input_tokens));
  json_decref(j);
}

/* Inline objects are copied as given, id NULL, unknown keys ((double)NAN). */
static void
test_inline_objects(void **state)
{
  struct aic_scenario sc;
  struct aic_diags d = AIC_DIAGS_INIT;
  json_t *j = load(
    "{'model': {'name': 'ours', 'params_b': 3, 'layers': 24, 'kv_heads': 4, 'head_dim': 64},"
    " 'inference': {'self_hosted': {'gpu': {'name': 'rented', 'memory_gib': 48,"
    "   'memory_bandwidth_tb_s': 0.9, 'peak_tflops': {'fp16': 181}, 'price_per_hour_usd': {'on_demand': 0.8}},"
    "   'gpus': 4, 'precision': 'fp16'}},"
    " 'traffic': {'requests_per_day': 1000}}");
  const struct aic_self_hosted *h = &sc.inference.self_hosted;

  (void)state;
  assert_int_equal(aic_scenario_from_json(j, testcat(), "", &sc, &d), AIC_OK);
  assert_true(sc.has_model && sc.model_inline);
  assert_null(sc.model.id);
  assert_string_equal(sc.model.name, "ours");
  assert_true(sc.model.params_b == 3 && sc.model.layers == 24 && sc.model.head_dim == 64);
  assert_true(isnan(sc.model.active_params_b) && isnan(sc.model.context));
  assert_int_equal(sc.inference.kind, AIC_INF_SELF_HOSTED);
  assert_true(h->has_gpu && h->gpu_inline);
  assert_null(h->gpu.id);
  assert_true(h->gpu.memory_gib == 48 && h->gpu.peak_tflops[AIC_FP16] == 181);
  assert_true(isnan(h->gpu.peak_tflops[AIC_BF16]) && isnan(h->gpu.price_reserved_usd));
  assert_true(h->gpu.price_on_demand_usd == 0.8);
  assert_true(h->gpus == 4 && h->has_precision && h->precision == AIC_FP16);
  assert_true(isnan(h->max_batch));
  json_decref(j);
}

/* The API form copies the catalogue's price. */
static void
test_api(void **state)
{
  struct aic_scenario sc;
  struct aic_diags d = AIC_DIAGS_INIT;
  json_t *j = load(
    "{'inference': {'api': 'openai/gpt-4o-mini'}, 'traffic': {'requests_per_day': 1}}");

  (void)state;
  assert_int_equal(aic_scenario_from_json(j, testcat(), "", &sc, &d), AIC_OK);
  assert_int_equal(sc.inference.kind, AIC_INF_API);
  assert_string_equal(sc.inference.api.id, "openai/gpt-4o-mini");
  assert_true(sc.inference.api.first.prices.output_per_mtok_usd == 0.6);
  json_decref(j);
}

/* Several problems in one scenario: all of them, under a base pointer. */
static void
test_every_problem_under_base(void **state)
{
  struct aic_scenario sc;
  struct aic_diags d = AIC_DIAGS_INIT;
  json_t *j = load("{'horizon_days': 0, 'granularity': 'year', 'inference': {'api': 'nope'},"
                   " 'traffic': {'requests_per_day': -1, 'typo': 1}}");

  (void)state;
  assert_int_equal(aic_scenario_from_json(j, testcat(), "/scenarios/3", &sc, &d), AIC_E_INVALID);
  assert_int_equal(d.n, 5);
  assert_string_equal(d.v[0].pointer, "/scenarios/3/horizon_days");
  assert_string_equal(d.v[1].pointer, "/scenarios/3/granularity");
  assert_string_equal(d.v[2].pointer, "/scenarios/3/inference/api");
  assert_string_equal(d.v[3].pointer, "/scenarios/3/traffic/requests_per_day");
  assert_string_equal(d.v[4].pointer, "/scenarios/3/traffic/typo");
  json_decref(j);
}

#define ONE "{'inference': {'cost_per_request_usd': 0.005}, 'traffic': {'requests_per_day': 1}}"

/* A comparison overrides each scenario's horizon with its own. */
static void
test_comparison(void **state)
{
  struct aic_scenario *sc = NULL;
  struct aic_diags d = AIC_DIAGS_INIT;
  size_t n = 0;
  int horizon = 0;
  json_t *j = load(
    "{'horizon_days': 730, 'scenarios': [" ONE ", {'horizon_days': 30,"
    " 'inference': {'cost_per_request_usd': 1}, 'traffic': {'requests_per_day': 1}}]}");

  (void)state;
  assert_int_equal(aic_comparison_request_from_json(j, testcat(), &sc, NULL, &n, &horizon, &d),
                   AIC_OK);
  assert_int_equal(n, 2);
  assert_int_equal(horizon, 730);
  assert_int_equal(sc[0].horizon_days, 730);
  assert_int_equal(sc[1].horizon_days, 730);
  assert_true(sc[1].inference.cost_per_request_usd == 1);
  free(sc);
  json_decref(j);
  /* without horizon_days: the default year */
  j = load("{'scenarios': [" ONE ", " ONE "]}");
  assert_int_equal(aic_comparison_request_from_json(j, testcat(), &sc, NULL, &n, &horizon, &d),
                   AIC_OK);
  assert_int_equal(horizon, 365);
  free(sc);
  json_decref(j);
}

struct cmp_row {
  const char *why;
  const char *json;
  const char *pointer;
  const char *fragment;
};

/* Each row: an invalid comparison request and its one problem. */
/* clang-format off */
static const struct cmp_row cmp_rows[] = {
  { "one scenario is not a comparison", "{'scenarios': [" ONE "]}", "/scenarios",
    "must hold 2 to 16 scenarios (got 1)" },
  { "scenarios are an array", "{'scenarios': {}}", "/scenarios", "must be an array of 2 to 16" },
  { "scenarios are required", "{'horizon_days': 30}", "/scenarios", "is required" },
  { "the comparison horizon is checked", "{'horizon_days': 0, 'scenarios': [" ONE ", " ONE "]}",
    "/horizon_days", "must be an integer between 1 and 3650" },
  { "a problem inside an option has its index", "{'scenarios': [" ONE ", {'inference': 1, 'traffic': {'requests_per_day': 1}}]}",
    "/scenarios/1/inference", "must be an object" },
  { "unknown request members", "{'scenario': [], 'scenarios': [" ONE ", " ONE "]}", "/scenario",
    "did you mean 'scenarios'?" },
  { "the request is an object", "[1, 2]", "", "must be an object" },
};
/* clang-format on */

static void
test_comparison_rows(void **state)
{
  (void)state;
  for (size_t i = 0; i < sizeof cmp_rows / sizeof cmp_rows[0]; i++) {
    struct aic_scenario *sc = (struct aic_scenario *)1;
    struct aic_diags d = AIC_DIAGS_INIT;
    size_t n = 1;
    int horizon = 0;
    json_t *j = load(cmp_rows[i].json);
    int rc = aic_comparison_request_from_json(j, testcat(), &sc, NULL, &n, &horizon, &d);

    if (rc != AIC_E_INVALID || d.n != 1 || strcmp(d.v[0].pointer, cmp_rows[i].pointer) != 0 ||
        !strstr(d.v[0].detail, cmp_rows[i].fragment) || sc != NULL || n != 0)
      fail_msg("row %zu (%s): rc %d, %zu diags, first '%s: %s'", i, cmp_rows[i].why, rc, d.n,
               d.n ? d.v[0].pointer : "", d.n ? d.v[0].detail : "");
    json_decref(j);
  }
}

/* 100,000 scenarios are refused on the count alone: one problem, and no
 * scenario is validated (each would otherwise add its own problems). */
static void
test_comparison_huge(void **state)
{
  struct aic_scenario *sc = NULL;
  struct aic_diags d = AIC_DIAGS_INIT;
  size_t n = 0;
  int horizon = 0;
  json_t *j = json_object(), *arr = json_array();

  (void)state;
  for (int i = 0; i < 100000; i++)
    json_array_append_new(arr, json_integer(i)); /* each would be "must be an object" */
  json_object_set_new(j, "scenarios", arr);
  assert_int_equal(aic_comparison_request_from_json(j, testcat(), &sc, NULL, &n, &horizon, &d),
                   AIC_E_INVALID);
  assert_int_equal(d.n + d.dropped, 1);
  assert_string_equal(d.v[0].detail, "must hold 2 to 16 scenarios (got 100000)");
  json_decref(j);
}

/* The scenario's tables are consistent, and every document's JSON Schema
 * can be printed (names and only names give one). */
static void
test_tables_and_schemas(void **state)
{
  struct aic_diags d = AIC_DIAGS_INIT;
  json_t *s;
  size_t i;

  (void)state;
  assert_int_equal(aic_table_lint(&sc_scenario_table, &d), AIC_OK);
  assert_int_equal(aic_table_lint(&sc_comparison_table, &d), AIC_OK);
  assert_int_equal(aic_table_lint(&sc_plan_table, &d), AIC_OK);
  for (i = 0; aic_json_schema_name(i) != NULL; i++) {
    assert_int_equal(aic_json_schema(aic_json_schema_name(i), &s), AIC_OK);
    assert_non_null(json_object_get(s, "$defs"));
    json_decref(s);
  }
  assert_int_equal(i, 4);
  assert_int_equal(aic_json_schema("nope", &s), AIC_E_INVALID);
  assert_null(s);
}

int
main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_rows),
    cmocka_unit_test(test_tables_and_schemas),
    cmocka_unit_test(test_contract_example),
    cmocka_unit_test(test_absent_is_nan),
    cmocka_unit_test(test_inline_objects),
    cmocka_unit_test(test_api),
    cmocka_unit_test(test_every_problem_under_base),
    cmocka_unit_test(test_comparison),
    cmocka_unit_test(test_comparison_rows),
    cmocka_unit_test(test_comparison_huge),
  };

  return cmocka_run_group_tests(tests, NULL, NULL);
}
