/* Scenario defaults and the names of its enumerations (the JSON spelling). */
#include "aicost/scenario.h"

#include "core.h"

#include <math.h>
#include <string.h>

static void
gpu_init(struct aic_gpu *g)
{
  size_t i;

  memset(g, 0, sizeof *g);
  g->memory_gib = AIC_NAN;
  g->memory_bandwidth_tb_s = AIC_NAN;
  for (i = 0; i < AIC_PRECISION_COUNT; i++)
    g->peak_tflops[i] = AIC_NAN;
  g->power_w = AIC_NAN;
  g->purchase_usd = AIC_NAN;
  g->price_on_demand_usd = AIC_NAN;
  g->price_reserved_usd = AIC_NAN;
  g->interconnect_gb_s = AIC_NAN;
  g->training_draw_fraction = AIC_NAN;
  g->serving_draw_fraction = AIC_NAN;
  g->generation = NULL;
}

/* Nothing asked: every factor unknown, no site (energy.c falls back). */
void
aic_energy_ask_init(struct aic_energy_ask *e)
{
  memset(e, 0, sizeof *e);
  e->site.pue = AIC_NAN;
  e->site.gco2e_per_kwh = AIC_NAN;
  e->site.year = AIC_NAN;
  e->pue = AIC_NAN;
  e->gco2e_per_kwh = AIC_NAN;
  e->draw_fraction = AIC_NAN;
  e->server_overhead = AIC_NAN;
}

static void
model_init(struct aic_model *m)
{
  memset(m, 0, sizeof *m);
  m->params_b = AIC_NAN;
  m->active_params_b = AIC_NAN;
  m->layers = AIC_NAN;
  m->d_model = AIC_NAN;
  m->heads = AIC_NAN;
  m->kv_heads = AIC_NAN;
  m->head_dim = AIC_NAN;
  m->context = AIC_NAN;
  m->experts = AIC_NAN;
  m->experts_per_token = AIC_NAN;
}

static void
stage_init(struct aic_stage *s)
{
  memset(s, 0, sizeof *s);
  s->method = AIC_METHOD_NONE;
  s->tokens = AIC_NAN;
  s->gpu_hours = AIC_NAN;
  s->epochs = AIC_NAN;
  s->sequence_length = AIC_NAN;
  s->preference_pairs = AIC_NAN;
  s->tokens_per_pair = AIC_NAN;
  s->label_cost_usd = AIC_NAN;
  s->reward_model_params_b = AIC_NAN;
  s->ppo_episodes = AIC_NAN;
  s->rollout_tokens = AIC_NAN;
  s->rollout_mfu = AIC_NAN;
  s->has_base_precision = false;
  s->base_precision = AIC_BF16;
}

void
aic_scenario_init(struct aic_scenario *sc)
{
  size_t i;

  memset(sc, 0, sizeof *sc);
  sc->name = NULL;
  sc->horizon_days = AIC_HORIZON_DEFAULT;
  sc->granularity = AIC_GRAN_MONTH;
  sc->stale_after_days = AIC_NAN;
  sc->carbon_price_usd_per_t = AIC_NAN;
  sc->budget_usd = AIC_NAN;
  model_init(&sc->model);

  sc->training.cost_usd = AIC_NAN;
  gpu_init(&sc->training.gpu);
  sc->training.gpu_count = AIC_NAN;
  sc->training.pricing = AIC_PRICING_ON_DEMAND;
  sc->training.precision = AIC_BF16;
  sc->training.mfu = AIC_NAN;
  sc->training.goodput = AIC_NAN;
  sc->training.price_per_gpu_hour_usd = AIC_NAN;
  aic_energy_ask_init(&sc->training.energy);
  for (i = 0; i < AIC_STAGE_COUNT; i++)
    stage_init(&sc->training.stages[i]);

  sc->inference.kind = AIC_INF_NONE;
  sc->inference.cost_per_request_usd = AIC_NAN;
  sc->inference.off_peak_share = AIC_NAN;
  gpu_init(&sc->inference.self_hosted.gpu);
  sc->inference.self_hosted.precision = AIC_BF16;
  sc->inference.self_hosted.kv_precision = AIC_BF16;
  sc->inference.self_hosted.max_batch = AIC_NAN;
  sc->inference.self_hosted.gpus_per_replica = AIC_NAN;
  sc->inference.self_hosted.gpus = AIC_NAN;
  sc->inference.self_hosted.target_utilization = AIC_NAN;
  sc->inference.self_hosted.pricing = AIC_PRICING_ON_DEMAND;
  sc->inference.self_hosted.price_per_gpu_hour_usd = AIC_NAN;
  sc->inference.self_hosted.compute_efficiency = AIC_NAN;
  sc->inference.self_hosted.bandwidth_efficiency = AIC_NAN;
  aic_energy_ask_init(&sc->inference.self_hosted.energy);

  sc->traffic.requests_per_day = AIC_NAN;
  sc->traffic.monthly_growth = AIC_NAN;
  sc->traffic.monthly_growth_range[0] = AIC_NAN;
  sc->traffic.monthly_growth_range[1] = AIC_NAN;
  sc->traffic.max_requests_per_day = AIC_NAN;
  sc->traffic.peak_to_average = AIC_NAN;
  sc->traffic.input_tokens = AIC_NAN;
  sc->traffic.cached_input_tokens = AIC_NAN;
  sc->traffic.cache_write_tokens = AIC_NAN;
  sc->traffic.cache_write_1h_tokens = AIC_NAN;
  sc->traffic.output_tokens = AIC_NAN;
  sc->traffic.reasoning_tokens = AIC_NAN;
}

static const char *const granularity_names[] = { "day", "week", "month" };
/* Indexed by enum aic_pricing: the offer kinds, then owned. */
static const char *const pricing_names[] = { "on_demand",   "spot",           "reserved_1y",
                                             "reserved_3y", "capacity_block", "owned" };
_Static_assert(sizeof pricing_names / sizeof pricing_names[0] == AIC_PRICING_OWNED + 1,
               "a name for each pricing");
static const char *const stage_names[] = { "pretraining", "fine_tuning", "alignment" };
static const char *const method_names[] = { "none", "full", "lora", "dpo", "rlhf" };

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Index of s in names, or -1. */
static int
find(const char *const *names, size_t n, const char *s)
{
  size_t i;

  if (s == NULL)
    return -1;
  for (i = 0; i < n; i++) {
    if (strcmp(names[i], s) == 0)
      return (int)i;
  }
  return -1;
}

const char *
aic_granularity_name(enum aic_granularity g)
{
  return (size_t)g < COUNT(granularity_names) ? granularity_names[g] : "?";
}

int
aic_granularity_parse(const char *s, enum aic_granularity *out)
{
  int i = find(granularity_names, COUNT(granularity_names), s);

  if (i < 0)
    return -1;
  *out = (enum aic_granularity)i;
  return 0;
}

const char *
aic_pricing_name(enum aic_pricing p)
{
  return (size_t)p < COUNT(pricing_names) ? pricing_names[p] : "?";
}

int
aic_pricing_parse(const char *s, enum aic_pricing *out)
{
  int i = find(pricing_names, COUNT(pricing_names), s);

  /* the name before catalogue v3, kept so that old scenarios still read */
  if (i < 0 && s != NULL && strcmp(s, "reserved") == 0)
    i = AIC_PRICING_RESERVED_1Y;
  if (i < 0)
    return -1;
  *out = (enum aic_pricing)i;
  return 0;
}

const char *
aic_stage_name(enum aic_stage_kind s)
{
  return (size_t)s < COUNT(stage_names) ? stage_names[s] : "?";
}

const char *
aic_method_name(enum aic_method m)
{
  return (size_t)m < COUNT(method_names) ? method_names[m] : "?";
}
