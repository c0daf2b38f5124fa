/* JSON scenario -> struct aic_scenario, and comparison requests.
 * The tables here and in scenario_refs.c and scenario_training.c ARE the
 * scenario format: every member, its type, its range (docs/scenario.md
 * lists the same, with the reasons for the bounds). After the tables, a
 * few cross-member rules the tables cannot express (exactly one inference
 * form, cached tokens within the input). What a computation needs (a model
 * key, a GPU's peak at a precision) is the core's to report: the reader
 * cannot know which keys the chosen path uses. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aicost/scenarios.h"
#include "json_util.h"
#include "scenario_read.h"

/* ENUM rows write an int. */
_Static_assert(sizeof(enum aic_granularity) == sizeof(int), "enum size");
_Static_assert(sizeof(enum aic_pricing) == sizeof(int), "enum size");
_Static_assert(sizeof(enum aic_precision) == sizeof(int), "enum size");
_Static_assert(sizeof(enum aic_method) == sizeof(int), "enum size");
/* scenarios_array writes an index of at most two digits. */
_Static_assert(AIC_COMPARE_MAX <= 100, "two-digit scenario index");

static const struct aic_enum_name granularity_names[] = {
  { "day", AIC_GRAN_DAY }, { "week", AIC_GRAN_WEEK }, { "month", AIC_GRAN_MONTH }, { 0 },
};
/* "reserved" is the name before catalogue v3 (docs/scenario.md): an alias
 * of reserved_1y, so that old scenarios keep their meaning. */
const struct aic_enum_name sc_pricing_names[] = {
  { "on_demand", AIC_PRICING_ON_DEMAND },
  { "spot", AIC_PRICING_SPOT },
  { "reserved_1y", AIC_PRICING_RESERVED_1Y },
  { "reserved_3y", AIC_PRICING_RESERVED_3Y },
  { "capacity_block", AIC_PRICING_CAPACITY_BLOCK },
  { "owned", AIC_PRICING_OWNED },
  { "reserved", AIC_PRICING_RESERVED_1Y },
  { 0 },
};
const struct aic_enum_name sc_precision_names[] = {
  { "fp32", AIC_FP32 }, { "tf32", AIC_TF32 }, { "bf16", AIC_BF16 }, { "fp16", AIC_FP16 },
  { "fp8", AIC_FP8 },   { "int8", AIC_INT8 }, { "int4", AIC_INT4 }, { "fp4", AIC_FP4 },
  { 0 },
};
void
sc_members_read(struct members *m, const json_t *obj)
{
  const char *key;
  json_t *v;

  m->obj = obj;
  m->n = 0;
  json_object_foreach((json_t *)obj, key, v) {
    if (m->n < MEMBERS_MAX) {
      m->key[m->n] = key;
      m->value[m->n] = v;
    }
    m->n++;
  }
}

const json_t *
sc_member(const struct members *m, const char *name)
{
  if (m->n > MEMBERS_MAX)
    return json_object_get(m->obj, name);
  for (size_t i = 0; i < m->n; i++)
    if (m->key[i][0] == name[0] && strcmp(m->key[i], name) == 0)
      return m->value[i];
  return NULL;
}

bool
sc_given(const struct members *m, const char *name)
{
  const json_t *v = sc_member(m, name);

  return v != NULL && !json_is_null(v);
}

/* ---- inference and traffic ---- */

#define H(m) offsetof(struct aic_self_hosted, m)
static const struct aic_field self_hosted_fields[] = {
  { "gpu", AIC_K_CUSTOM, H(gpu), .custom = sc_serving_gpu, .required = true },
  { "precision", AIC_K_ENUM, H(precision), .names = sc_precision_names, .has_flag = true,
    .flag_offset = H(has_precision) },
  { "max_batch", AIC_K_REAL, H(max_batch), .min = 1, .max = 1e6, .integral = true },
  { "gpus_per_replica", AIC_K_REAL, H(gpus_per_replica), .min = 1, .max = 1e5, .integral = true },
  { "gpus", AIC_K_REAL, H(gpus), .min = 1, .max = MAX_GPUS, .integral = true },
  { "target_utilization", AIC_K_REAL, H(target_utilization), FRACTION },
  { "pricing", AIC_K_ENUM, H(pricing), .names = sc_pricing_names },
  { "provider", AIC_K_STRING, H(provider), .max = 64 },
  { "region", AIC_K_STRING, H(region), .max = 64 },
  { "price_per_gpu_hour_usd", AIC_K_REAL, H(price_per_gpu_hour_usd), .min = 0,
    .max = MAX_USD_PER_HOUR },
  { "compute_efficiency", AIC_K_REAL, H(compute_efficiency), FRACTION },
  { "bandwidth_efficiency", AIC_K_REAL, H(bandwidth_efficiency), FRACTION },
  { 0 },
};

#define I(m) offsetof(struct aic_inference, m)
static const struct aic_field inference_fields[] = {
  { "cost_per_request_usd", AIC_K_REAL, I(cost_per_request_usd), .min = 0, .max = 1e4 },
  { "api", AIC_K_CUSTOM, I(api), .custom = sc_api_ref },
  { "self_hosted", AIC_K_OBJECT, I(self_hosted), .sub = self_hosted_fields },
  { 0 },
};
/* The forms of inference, of which a scenario gives exactly one. */
static const struct {
  const char *member;
  enum aic_inference_kind kind;
} inference_forms[] = {
  { "cost_per_request_usd", AIC_INF_PER_REQUEST },
  { "api", AIC_INF_API },
  { "self_hosted", AIC_INF_SELF_HOSTED },
};
#define N_FORMS (sizeof inference_forms / sizeof inference_forms[0])
static const char *const count_words[] = { "none", "one", "two", "three", "four", "five" };
_Static_assert(N_FORMS < sizeof count_words / sizeof count_words[0], "a word for each count");

static bool
check_inference(const json_t *obj, struct aic_where *ip, struct aic_inference *inf,
                struct aic_diags *d)
{
  struct members m;
  const char *given[N_FORMS];
  char all[128] = "";
  size_t n = 0, used = 0;

  sc_members_read(&m, obj);
  for (size_t i = 0; i < N_FORMS; i++) {
    if (sc_given(&m, inference_forms[i].member)) {
      given[n++] = inference_forms[i].member;
      inf->kind = inference_forms[i].kind;
    }
  }
  if (n == 1)
    return true;
  inf->kind = AIC_INF_NONE;
  /* "cost_per_request_usd, api, self_hosted" */
  for (size_t i = 0; i < N_FORMS && used < sizeof all; i++)
    used += (size_t)snprintf(all + used, sizeof all - used, "%s%s", i > 0 ? ", " : "",
                             inference_forms[i].member);
  if (n == 0)
    aic_diag_add(d, aic_where_pointer(ip), "needs exactly one of %s", all);
  else if (n == 2)
    aic_diag_add(d, aic_where_pointer(ip), "needs exactly one of %s (got %s and %s)", all,
                 given[0], given[1]);
  else if (n == N_FORMS)
    aic_diag_add(d, aic_where_pointer(ip), "needs exactly one of %s (got all %s)", all,
                 count_words[n]);
  else
    aic_diag_add(d, aic_where_pointer(ip), "needs exactly one of %s (got %s of them)", all,
                 count_words[n]);
  return false;
}

#define R(m) offsetof(struct aic_traffic, m)
static const struct aic_field traffic_fields[] = {
  { "requests_per_day", AIC_K_REAL, R(requests_per_day), .min = 0, .max = MAX_REQUESTS,
    .required = true },
  { "monthly_growth", AIC_K_REAL, R(monthly_growth), .min = -0.99, .max = 10 },
  { "max_requests_per_day", AIC_K_REAL, R(max_requests_per_day), .min = 0, .max = MAX_REQUESTS },
  { "peak_to_average", AIC_K_REAL, R(peak_to_average), .min = 1, .max = 1000 },
  { "input_tokens", AIC_K_REAL, R(input_tokens), .min = 0, .max = MAX_TOKENS_REQ },
  { "cached_input_tokens", AIC_K_REAL, R(cached_input_tokens), .min = 0, .max = MAX_TOKENS_REQ },
  { "output_tokens", AIC_K_REAL, R(output_tokens), .min = 0, .max = MAX_TOKENS_REQ },
  { 0 },
};

static bool
check_traffic(struct aic_where *rp, const struct aic_traffic *t, struct aic_diags *d)
{
  double input = aic_has(t->input_tokens) ? t->input_tokens : 0;

  /* Cached tokens are the part of the input billed at the cached rate. */
  if (aic_has(t->cached_input_tokens) && t->cached_input_tokens > input) {
    struct aic_where p;

    aic_where_init(&p, rp, NULL, "cached_input_tokens");
    aic_diag_add(d, aic_where_pointer(&p),
                 "must be ≤ input_tokens (%g): cached tokens are part of the input", input);
    return false;
  }
  return true;
}

/* ---- the scenario ---- */

#define SC(m) offsetof(struct aic_scenario, m)
static const struct aic_field scenario_fields[] = {
  { "name", AIC_K_STRING, SC(name), .max = 200 },
  /* accepted so that named scenarios (config/scenarios) can describe
   * themselves; not part of the projection */
  { "description", AIC_K_STRING, 0, .max = 2000, .validate_only = true },
  { "horizon_days", AIC_K_INT, SC(horizon_days), .min = AIC_HORIZON_MIN, .max = AIC_HORIZON_MAX },
  { "granularity", AIC_K_ENUM, SC(granularity), .names = granularity_names },
  { "model", AIC_K_CUSTOM, SC(model), .custom = sc_model_ref },
  { "training", AIC_K_OBJECT, SC(training), .sub = sc_training_fields, .has_flag = true,
    .flag_offset = SC(training.present) },
  /* Both are required: a projection weighs training against serving, and
   * a missing serving side would be a silent zero. Training is optional. */
  { "inference", AIC_K_OBJECT, SC(inference), .sub = inference_fields, .required = true },
  { "traffic", AIC_K_OBJECT, SC(traffic), .sub = traffic_fields, .required = true },
  { 0 },
};

/* aic_scenario_from_json at a lazily built location (a comparison's
 * "/scenarios/<i>" is joined only for a message). */
static int
scenario_read(const json_t *doc, const struct aic_catalogue *cat, struct aic_where *at,
              struct aic_scenario *sc, struct aic_diags *errors)
{
  struct sc_ctx c = { cat };
  const json_t *training, *inference, *traffic;
  struct members m;
  struct aic_where p;
  bool ok = true;
  int rc;

  aic_scenario_init(sc);
  if (!json_is_object(doc)) {
    aic_diag_add(errors, aic_where_pointer(at), "must be an object (got %s)",
                 aic_json_type_phrase(doc));
    return AIC_E_INVALID;
  }
  rc = aic_fields_apply_at(scenario_fields, doc, at, sc, &c, errors);
  if (rc < 0)
    return rc;
  ok = rc == 0;
  /* The rules across members; their pointers are built only for a message. */
  sc_members_read(&m, doc);
  training = sc_member(&m, "training");
  inference = sc_member(&m, "inference");
  traffic = sc_member(&m, "traffic");
  if (json_is_object(training)) {
    aic_where_init(&p, at, NULL, "training");
    ok = sc_check_training(training, &p, &sc->training, errors) && ok;
  }
  if (json_is_object(inference)) {
    aic_where_init(&p, at, NULL, "inference");
    ok = check_inference(inference, &p, &sc->inference, errors) && ok;
  }
  if (json_is_object(traffic)) {
    aic_where_init(&p, at, NULL, "traffic");
    ok = check_traffic(&p, &sc->traffic, errors) && ok;
  }
  return ok ? AIC_OK : AIC_E_INVALID;
}

int
aic_scenario_from_json(const json_t *doc, const struct aic_catalogue *cat, const char *base,
                       struct aic_scenario *sc, struct aic_diags *errors)
{
  struct aic_where at;

  aic_where_init(&at, NULL, NULL, NULL);
  at.pointer = base != NULL ? base : "";
  return scenario_read(doc, cat, &at, sc, errors);
}

/* ---- comparison requests ---- */

struct comparison {
  int horizon_days;
  struct aic_scenario *scenarios;
  size_t n;
};

static int
scenarios_array(const struct aic_field *row, const json_t *v, struct aic_where *at, void *out,
                void *ctx, struct aic_diags *d)
{
  struct comparison *cmp = out;
  const struct sc_ctx *c = ctx;
  size_t n = json_array_size(v);
  bool ok = true;

  (void)row;
  if (!json_is_array(v)) {
    aic_diag_add(d, aic_where_pointer(at), "must be an array of %d to %d scenarios (got %s)",
                 AIC_COMPARE_MIN, AIC_COMPARE_MAX, aic_json_type_phrase(v));
    return AIC_E_INVALID;
  }
  /* Checked before any scenario is read, so 100,000 of them cost nothing. */
  if (n < AIC_COMPARE_MIN || n > AIC_COMPARE_MAX) {
    aic_diag_add(d, aic_where_pointer(at), "must hold %d to %d scenarios (got %zu)",
                 AIC_COMPARE_MIN, AIC_COMPARE_MAX, n);
    return AIC_E_INVALID;
  }
  /* Not zeroed: scenario_read initialises each one first. */
  cmp->scenarios = malloc(n * sizeof *cmp->scenarios);
  if (!cmp->scenarios)
    return AIC_E_NOMEM;
  cmp->n = n;
  for (size_t i = 0; i < n; i++) {
    char index[4]; /* n <= AIC_COMPARE_MAX */
    struct aic_where p;
    int rc;

    if (i < 10) {
      index[0] = (char)('0' + i);
      index[1] = '\0';
    } else {
      index[0] = (char)('0' + i / 10);
      index[1] = (char)('0' + i % 10);
      index[2] = '\0';
    }
    aic_where_init(&p, at, NULL, index);
    rc = scenario_read(json_array_get(v, i), c->cat, &p, &cmp->scenarios[i], d);
    if (rc < 0)
      return rc;
    ok = ok && rc == 0;
  }
  return ok ? 0 : AIC_E_INVALID;
}

#define CMP(m) offsetof(struct comparison, m)
static const struct aic_field comparison_fields[] = {
  { "horizon_days", AIC_K_INT, CMP(horizon_days), .min = AIC_HORIZON_MIN, .max = AIC_HORIZON_MAX },
  { "scenarios", AIC_K_CUSTOM, CMP(scenarios), .custom = scenarios_array, .required = true },
  { 0 },
};

int
aic_comparison_request_from_json(const json_t *doc, const struct aic_catalogue *cat,
                                 struct aic_scenario **out, size_t *n, int *horizon_days,
                                 struct aic_diags *errors)
{
  struct comparison cmp = { AIC_HORIZON_DEFAULT, NULL, 0 };
  struct sc_ctx c = { cat };
  int rc;

  *out = NULL;
  *n = 0;
  if (!json_is_object(doc)) {
    aic_diag_add(errors, "", "must be an object (got %s)", aic_json_type_phrase(doc));
    return AIC_E_INVALID;
  }
  rc = aic_fields_apply(comparison_fields, doc, "", &cmp, &c, errors);
  if (rc != 0) {
    free(cmp.scenarios);
    return rc;
  }
  /* The comparison's horizon overrides each scenario's own. */
  for (size_t i = 0; i < cmp.n; i++)
    cmp.scenarios[i].horizon_days = cmp.horizon_days;
  *out = cmp.scenarios;
  *n = cmp.n;
  *horizon_days = cmp.horizon_days;
  return AIC_OK;
}
