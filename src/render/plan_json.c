/* A plan as JSON (docs/planner.md, "The answer"), and what a plan chose
 * for a comparison option: every key always present, null when it does
 * not apply. A configuration's numbers are one member table, written by
 * the one JSON writer; the best plan's projection is projection_json.c's
 * text, nested as it is. */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "aicost/render.h"
#include "json_writer.h"
#include "render_util.h"

#define N_FIELDS(t) (sizeof t / sizeof t[0])

#define CFG(key, m) AIC_JW_MEMBER(key, struct aic_plan_config, m, AIC_JW_REAL)
/* clang-format off */
static const struct aic_jw_field shape_members[] = {
  CFG("gpus_per_replica", gpus_per_replica),
  CFG("tensor_parallel", tensor_parallel),
  CFG("pipeline_stages", pipeline_stages),
  CFG("batch", batch),
  CFG("max_batch_fit", max_batch_fit),
};
/* clang-format on */
/* clang-format off */
static const struct aic_jw_field number_members[] = {
  CFG("ttft_ms", ttft_ms),
  CFG("tpot_ms", tpot_ms),
  CFG("latency_ms", latency_ms),
  CFG("requests_per_second_per_replica", capacity_rps),
  CFG("requests_per_day_per_replica", requests_per_day_per_replica),
  CFG("replicas", replicas),
  CFG("gpus_total", gpus_total),
  CFG("peak_gpus", peak_gpus),
  CFG("daily_usd", daily_usd),
  CFG("peak_daily_usd", peak_daily_usd),
  CFG("mean_daily_usd", mean_daily_usd),
  CFG("horizon_usd", horizon_usd),
};
/* clang-format on */

#define ALT(key, m) AIC_JW_MEMBER(key, struct aic_plan_alternative, m, AIC_JW_REAL)
/* clang-format off */
static const struct aic_jw_field alternative_members[] = {
  ALT("cost_per_request_usd", cost_per_request_usd),
  ALT("daily_usd", daily_usd),
  ALT("horizon_usd", horizon_usd),
  ALT("break_even_requests_per_day", break_even_requests_per_day),
};
/* clang-format on */

/* The model and GPU by id: a comparison's choice no longer has the
 * request they point into. */
static void
config_ids_json(struct aic_jw *w, const char *key, const struct aic_plan_config *c,
                const char *model, const char *gpu)
{
  const struct aic_offer *o = &c->price.offer;
  bool offer = c->price.basis == AIC_BASIS_OFFER;

  aic_jw_object_begin(w, key);
  aic_jw_string(w, "model", model);
  aic_jw_string(w, "gpu", gpu);
  aic_jw_string(w, "precision", aic_precision_name(c->precision));
  aic_jw_string(w, "quantisation", aic_plan_precision_note(c->precision));
  aic_jw_fields(w, c, shape_members, N_FIELDS(shape_members));
  aic_jw_string(w, "pricing", aic_pricing_name(c->pricing));
  aic_jw_string(w, "provider", offer ? o->provider : NULL);
  aic_jw_string(w, "region", offer ? o->region : NULL);
  aic_jw_number(w, "price_per_gpu_hour_usd", c->price.price_per_gpu_hour_usd);
  aic_jw_string(w, "price_as_of", offer ? o->as_of : NULL);
  aic_jw_fields(w, c, number_members, N_FIELDS(number_members));
  aic_jw_object_end(w);
}

static void
config_json(struct aic_jw *w, const char *key, const struct aic_plan_config *c)
{
  config_ids_json(w, key, c, c->m->id, c->gpu->id);
}

void
aic_plan_choice_json(struct aic_jw *w, const char *key, const struct aic_plan_choice *c)
{
  aic_jw_object_begin(w, key);
  config_ids_json(w, "configuration", &c->best, c->model, c->gpu);
  aic_jw_integer(w, "configurations_searched", (int64_t)c->configurations);
  aic_jw_object_end(w);
}

static void
alternative_json(struct aic_jw *w, const char *key, const struct aic_plan_alternative *a)
{
  aic_jw_object_begin(w, key);
  aic_jw_string(w, "id", a->id);
  aic_jw_bool(w, "priced", a->priced);
  aic_jw_string(w, "problem", a->priced ? NULL : a->problem);
  aic_jw_fields(w, a, alternative_members, N_FIELDS(alternative_members));
  aic_jw_string(w, "self_hosting_wins",
                !a->compared                             ? NULL
                : a->direction == AIC_SELF_HOSTING_ABOVE ? "above"
                                                         : "never");
  aic_jw_object_end(w);
}

static void
solve_json(struct aic_jw *w, const struct aic_plan_result *p)
{
  const struct aic_plan_solve *s = &p->solve;

  aic_jw_object_begin(w, "solve");
  aic_jw_object_begin(w, "budget");
  aic_jw_number(w, "max_daily_usd", s->budget_usd);
  aic_jw_number(w, "requests_per_day", s->budget_requests_per_day);
  if (s->has_budget_config)
    config_json(w, "configuration", &s->budget_config);
  else
    aic_jw_null(w, "configuration");
  aic_jw_object_end(w);
  if (s->has_api)
    alternative_json(w, "api", &s->api);
  else
    aic_jw_null(w, "api");
  aic_jw_object_begin(w, "owning");
  aic_jw_number(w, "owned_price_per_gpu_hour_usd", s->owned_price_per_gpu_hour_usd);
  aic_jw_number(w, "rented_price_per_gpu_hour_usd",
                p->feasible ? p->best.price.price_per_gpu_hour_usd : (double)NAN);
  aic_jw_number(w, "break_even_utilization", s->owning_break_even_utilization);
  aic_jw_object_end(w);
  aic_jw_object_end(w);
}

char *
aic_plan_to_json(const struct aic_plan_result *p, const struct aic_catalogue *cat, size_t *len)
{
  struct aic_jw w;

  aic_jw_init(&w,
              8192 + p->n_alternatives * 256 + (p->projected ? p->projection.n_series * 256 : 0));
  aic_jw_object_begin(&w, NULL);
  aic_jw_object_begin(&w, "catalogue");
  aic_jw_string(&w, "version", cat != NULL ? cat->version : NULL);
  aic_jw_string(&w, "hash", cat != NULL ? cat->hash : NULL);
  aic_jw_string(&w, "date", cat != NULL ? cat->date : NULL);
  aic_jw_object_end(&w);
  aic_jw_bool(&w, "feasible", p->feasible);
  if (p->feasible) {
    aic_jw_object_begin(&w, "best");
    config_json(&w, "configuration", &p->best);
    if (p->projected) {
      size_t n = 0;
      char *text = aic_projection_to_json(&p->projection, cat, &n);

      aic_jw_value(&w, "projection", text, n);
      free(text);
    } else {
      aic_jw_null(&w, "projection");
    }
    aic_jw_object_end(&w);
  } else {
    aic_jw_null(&w, "best");
  }
  aic_jw_array_begin(&w, "pareto");
  for (size_t i = 0; i < p->n_pareto; i++)
    config_json(&w, NULL, &p->pareto[i]);
  aic_jw_array_end(&w);
  aic_jw_array_begin(&w, "alternatives");
  for (size_t i = 0; i < p->n_alternatives; i++)
    alternative_json(&w, NULL, &p->alternatives[i]);
  aic_jw_array_end(&w);
  aic_jw_object_begin(&w, "searched");
  aic_jw_integer(&w, "models", (int64_t)p->searched.models);
  aic_jw_integer(&w, "gpus", (int64_t)p->searched.gpus);
  aic_jw_integer(&w, "offers", (int64_t)p->searched.offers);
  aic_jw_integer(&w, "configurations", (int64_t)p->searched.configurations);
  aic_jw_integer(&w, "shapes", (int64_t)p->searched.shapes);
  aic_jw_integer(&w, "evaluations", (int64_t)p->searched.evaluations);
  aic_jw_object_end(&w);
  aic_jw_object_begin(&w, "rejected");
  for (int r = 0; r < AIC_REJECT_COUNT; r++)
    aic_jw_integer(&w, aic_plan_reject_name((enum aic_plan_reject)r), (int64_t)p->rejected[r]);
  aic_jw_object_end(&w);
  if (p->feasible) {
    aic_jw_null(&w, "infeasible");
  } else {
    aic_jw_object_begin(&w, "infeasible");
    aic_jw_string(&w, "nearest_miss", p->infeasible);
    aic_jw_object_end(&w);
  }
  solve_json(&w, p);
  aic_jw_object_end(&w);
  return aic_jw_finish(&w, len);
}
