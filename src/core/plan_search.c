/* The planner's search (docs/planner.md, "The search"): for every model,
 * GPU, precision and replica width the constraints allow, the serving
 * model is resolved once (a shape); a width that cannot hold the weights
 * and one request is dropped before any latency is computed; the largest
 * batch meeting the SLO is found by bisection (latency grows with the
 * batch: capacity, and so the planned load, never falls as the batch
 * grows); the replicas for peak traffic follow, and every price of the
 * GPU is then a multiplication. Only the cheapest price of a shape can win
 * (its latency is the same), so each shape keeps that one. */
#include "plan_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define GIB 1073741824.0

/* One way to pay for a GPU-hour of one GPU. */
struct price_way {
  enum aic_pricing pricing;
  struct aic_price_choice choice;
};

static bool
allowed_pricing(const struct aic_plan_request *rq, enum aic_pricing p)
{
  unsigned bits = rq->pricing != 0 ? rq->pricing : 1u << AIC_PRICING_ON_DEMAND;

  return (bits >> p) & 1u;
}

static bool
allowed_provider(const struct aic_plan_request *rq, const char *provider)
{
  if (rq->n_providers == 0)
    return true;
  for (size_t i = 0; provider != NULL && i < rq->n_providers; i++)
    if (strcmp(rq->providers[i], provider) == 0)
      return true;
  return false;
}

/* The precisions searched: those asked, else every one but fp32, tf32 and
 * fp16 (bf16 stands for 16 bits: the same bytes and, on every catalogue
 * GPU, the same peak), each only where the GPU computes it. */
static bool
allowed_precision(const struct aic_plan_request *rq, const struct aic_gpu *g, enum aic_precision p)
{
  unsigned dflt = ~((1u << AIC_FP32) | (1u << AIC_TF32) | (1u << AIC_FP16));
  unsigned bits = rq->precisions != 0 ? rq->precisions : dflt;
  double peak = g->peak_tflops[aic_compute_precision(g, p)];

  /* A GPU without bf16 serves 16 bits as fp16 by default. */
  if (rq->precisions == 0 && p == AIC_FP16 && !aic_has(g->peak_tflops[AIC_BF16]))
    bits |= 1u << AIC_FP16;
  return ((bits >> p) & 1u) && peak > 0 && isfinite(peak);
}

/* Every price of g the constraints allow: per offer kind, each provider's
 * cheapest offer (the one a scenario naming that provider gets: any other
 * region of it costs more for the same serving); a listed price without a
 * provider; owned hardware. *raw gets how many prices were weighed,
 * every region counted. Returns how many ways were written (at most max). */
static size_t
price_ways(const struct plan_ctx *v, const struct aic_gpu *g, struct price_way *ways, size_t max,
           size_t *raw)
{
  const char *names[AIC_OFFERS_MAX];
  size_t n = 0;

  *raw = 0;
  for (int k = 0; k < AIC_OFFER_KIND_COUNT; k++) {
    enum aic_pricing p = (enum aic_pricing)k;
    size_t np;

    if (!allowed_pricing(v->rq, p))
      continue;
    if (g->n_offers == 0) {
      struct aic_price_ask ask = { .pricing = p, .override_usd = AIC_NAN };
      struct aic_diags scratch;

      aic_diags_init(&scratch);
      if (v->rq->n_providers == 0 && n < max &&
          aic_gpu_hourly_price(v->cat, g, false, &ask, "", &ways[n].choice, &scratch)) {
        ways[n++].pricing = p;
        (*raw)++;
      }
      continue;
    }
    for (size_t i = 0; i < g->n_offers && i < AIC_OFFERS_MAX; i++)
      if (g->offers[i].kind == (enum aic_offer_kind)k &&
          allowed_provider(v->rq, g->offers[i].provider))
        (*raw)++;
    np = aic_offer_providers(g, (enum aic_offer_kind)k, names, AIC_OFFERS_MAX);
    for (size_t i = 0; i < np && i < AIC_OFFERS_MAX && n < max; i++) {
      const struct aic_offer *o;

      if (!allowed_provider(v->rq, names[i]))
        continue;
      o = aic_offer_pick(g, (enum aic_offer_kind)k, names[i], NULL, NULL, NULL);
      if (o == NULL)
        continue;
      aic_price_choice_clear(&ways[n].choice);
      ways[n].choice.basis = AIC_BASIS_OFFER;
      ways[n].choice.kind = (enum aic_offer_kind)k;
      ways[n].choice.rule = o->region != NULL ? AIC_RULE_PROVIDER_REGION : AIC_RULE_PROVIDER;
      ways[n].choice.offer = *o;
      ways[n].choice.price_per_gpu_hour_usd = o->price_per_gpu_hour_usd;
      ways[n++].pricing = p;
    }
  }
  if (allowed_pricing(v->rq, AIC_PRICING_OWNED) && v->rq->n_providers == 0 && n < max) {
    struct aic_price_ask ask = { .pricing = AIC_PRICING_OWNED, .override_usd = AIC_NAN };
    struct aic_diags scratch;

    aic_diags_init(&scratch);
    if (aic_gpu_hourly_price(v->cat, g, false, &ask, "", &ways[n].choice, &scratch)) {
      ways[n++].pricing = AIC_PRICING_OWNED;
      (*raw)++;
    }
  }
  return n;
}

static bool
meets_slo(const struct plan_ctx *ctx, const struct aic_plan_perf *p)
{
  return p->ttft_ms <= ctx->ttft_limit && p->tpot_ms <= ctx->tpot_limit && isfinite(p->ttft_ms) &&
         isfinite(p->tpot_ms) && p->capacity_rps > 0;
}

static void
evaluate(struct plan_ctx *ctx, const struct aic_replica *r, double b, struct aic_plan_perf *p)
{
  aic_plan_perform(r, b, ctx->util, p);
  ctx->out->searched.evaluations++;
}

/* Replicas on a day with `requests`, as aic_inference_daily provisions them. */
static double
replicas_for(const struct plan_ctx *ctx, double requests, double capacity_rps)
{
  if (!(requests > 0))
    return 0;
  return aic_replicas_for(requests, ctx->tp.peak_to_average, capacity_rps);
}

/* Replica-days over the horizon, and the most replicas on any day (the
 * traffic is monotonic: it grows, or shrinks, at one rate). */
static void
replica_days(const struct plan_ctx *ctx, double capacity_rps, double *day1, double *peak,
             double *sum)
{
  double first = replicas_for(ctx, ctx->tp.requests_per_day, capacity_rps), last, s = 0;

  *day1 = first;
  if (ctx->by_day == NULL) {
    *peak = first;
    *sum = first * ctx->horizon;
    return;
  }
  last = replicas_for(ctx, ctx->by_day[ctx->horizon], capacity_rps);
  *peak = first > last ? first : last;
  /* Equal at both ends: every day between has as many. */
  if (first == last) {
    *sum = first * ctx->horizon;
    return;
  }
  for (int d = 1; d <= ctx->horizon; d++)
    s += replicas_for(ctx, ctx->by_day[d], capacity_rps);
  *sum = s;
}

static void
name_config(char *out, size_t cap, const struct aic_model *m, const struct aic_gpu *g,
            enum aic_precision p, double width)
{
  snprintf(out, cap, "%s on %g x %s at %s", m->id != NULL ? m->id : "the inline model", width,
           g->id, aic_precision_name(p));
}

/* x as a share of a limit; 0 without one (NAN or INFINITY). */
static double
share(double x, double limit)
{
  return isfinite(limit) ? x / limit : 0;
}

/* The SLO missed at batch 1: remember the nearest miss. */
static void
slo_missed(struct plan_ctx *ctx, const struct aic_plan_perf *p, const struct aic_model *m,
           const struct aic_gpu *g, enum aic_precision prec, double width)
{
  double rt = share(p->ttft_ms, ctx->ttft_limit), rp = share(p->tpot_ms, ctx->tpot_limit);
  double ratio = rt > rp ? rt : rp;
  char what[160];

  if (!(ratio < ctx->slo_miss))
    return;
  ctx->slo_miss = ratio;
  name_config(what, sizeof what, m, g, prec, width);
  ctx->slo_at = rt > rp ? "/slo/ttft_ms"
                : aic_has(ctx->rq->tpot_ms) &&
                    !(1e3 / ctx->rq->min_tokens_per_second_per_user < ctx->rq->tpot_ms)
                  ? "/slo/tpot_ms"
                  : "/slo/min_output_tokens_per_second_per_user";
  if (rt > rp)
    snprintf(ctx->slo_text, sizeof ctx->slo_text,
             "TTFT %.4g ms at batch 1 with %s (the nearest miss); the SLO asks %.4g", p->ttft_ms,
             what, ctx->ttft_limit);
  else
    snprintf(ctx->slo_text, sizeof ctx->slo_text,
             "TPOT %.4g ms at batch 1 with %s (the nearest miss); the SLO asks %.4g", p->tpot_ms,
             what, ctx->tpot_limit);
}

static void
memory_missed(struct plan_ctx *ctx, const struct aic_replica *r, const struct aic_model *m,
              const struct aic_gpu *g, enum aic_precision prec)
{
  double need = r->weight_bytes + r->kv_bytes_per_token * aic_replica_tokens_max(r);
  double ratio = need / r->memory_bytes;

  if (!(ratio < ctx->memory_miss))
    return;
  ctx->memory_miss = ratio;
  ctx->memory_at = aic_has(ctx->rq->max_gpus_per_replica) ? "/constraints/max_gpus_per_replica"
                   : ctx->rq->models != NULL              ? "/models"
                                                          : "/model";
  snprintf(ctx->memory_text, sizeof ctx->memory_text,
           "%s at %s needs %.4g GiB for its weights and one request; the nearest replica "
           "allowed, %g x %s, holds %.4g GiB usable",
           m->id != NULL ? m->id : "the inline model", aic_precision_name(prec), need / GIB,
           r->gpus, g->id, r->memory_bytes / GIB);
}

static void
constraint_missed(struct plan_ctx *ctx, const struct aic_plan_config *c)
{
  const struct aic_plan_request *rq = ctx->rq;
  double rg = share(c->peak_gpus, rq->max_gpus_total);
  double rd = share(c->peak_daily_usd, rq->max_daily_usd);
  double ratio = rg > rd ? rg : rd;
  char what[160];

  if (!(ratio < ctx->constraint_miss))
    return;
  ctx->constraint_miss = ratio;
  name_config(what, sizeof what, c->m, c->gpu, c->precision, c->gpus_per_replica);
  ctx->constraint_at = rg > rd ? "/constraints/max_gpus_total" : "/constraints/max_daily_usd";
  if (rg > rd)
    snprintf(ctx->constraint_text, sizeof ctx->constraint_text,
             "%s meets the SLO with %g GPUs at peak; max_gpus_total is %g", what, c->peak_gpus,
             rq->max_gpus_total);
  else
    snprintf(ctx->constraint_text, sizeof ctx->constraint_text,
             "%s meets the SLO for $%.2f a day at peak; max_daily_usd is %g", what,
             c->peak_daily_usd, rq->max_daily_usd);
}

static int
keep(struct plan_ctx *ctx, const struct aic_plan_config *c, bool meets)
{
  if (ctx->n_cand == ctx->cap_cand) {
    size_t cap = ctx->cap_cand ? 2 * ctx->cap_cand : 256;
    struct plan_candidate *v = realloc(ctx->cand, cap * sizeof *v);

    if (v == NULL)
      return AIC_E_NOMEM;
    ctx->cand = v;
    ctx->cap_cand = cap;
  }
  ctx->cand[ctx->n_cand].c = *c;
  ctx->cand[ctx->n_cand++].meets_constraints = meets;
  return AIC_OK;
}

/* How far over the SLO a batch is: its larger latency / limit, less 1
 * (<= 0: met). */
static double
slack(const struct plan_ctx *ctx, const struct aic_plan_perf *p)
{
  double rt = share(p->ttft_ms, ctx->ttft_limit), rp = share(p->tpot_ms, ctx->tpot_limit);

  return (rt > rp ? rt : rp) - 1.0;
}

/* The largest batch in [1, most] that meets the SLO, batch 1 known to
 * (`at` holds it). A bracket [lo met, hi missed] shrinks until hi = lo + 1:
 * latency is smooth in the batch, so the next try is where the straight
 * line through the two ends crosses the SLO (regula falsi, with the
 * Illinois rule: an end kept twice has its excess halved, so the tries
 * close in from both sides), which lands in a few tries where halving
 * takes log2(most). After log2(most) tries it halves, so the count never
 * exceeds twice the bisection's. The answer is exact either way: the
 * bracket's ends are evaluated, not estimated. */
static double
largest_batch(struct plan_ctx *ctx, const struct aic_replica *r, double most,
              struct aic_plan_perf *at)
{
  struct aic_plan_perf p;
  double lo = 1, hi = most, f_lo = slack(ctx, at), f_hi;
  int kept = 0; /* > 0: lo kept that many times in a row; < 0: hi */
  double tries = 0, budget = ceil(log2(most));
  bool halve = false;

  if (!(most > 1))
    return 1;
  evaluate(ctx, r, most, &p);
  if (meets_slo(ctx, &p)) {
    *at = p;
    return most;
  }
  f_hi = slack(ctx, &p);
  while (hi - lo > 1) {
    double span = hi - lo, mid;

    if (!halve && isfinite(f_hi) && f_hi > 0 && f_lo < 0)
      mid = floor(lo + span * (-f_lo) / (f_hi - f_lo));
    else
      mid = floor((lo + hi) / 2);
    if (mid <= lo)
      mid = lo + 1;
    if (mid >= hi)
      mid = hi - 1;
    evaluate(ctx, r, mid, &p);
    if (meets_slo(ctx, &p)) {
      lo = mid;
      f_lo = slack(ctx, &p);
      *at = p;
      kept = kept < 0 ? kept - 1 : -1;
      if (kept < -1)
        f_hi /= 2;
    } else {
      hi = mid;
      f_hi = slack(ctx, &p);
      kept = kept > 0 ? kept + 1 : 1;
      if (kept > 1)
        f_lo /= 2;
    }
    halve = ++tries > budget;
  }
  return lo;
}

/* One shape: its batch, then each price. */
static int
shape(struct plan_ctx *ctx, size_t mi, const struct aic_gpu *g, enum aic_precision prec,
      double width, const struct price_way *ways, size_t n_ways, size_t raw)
{
  const struct aic_model *m = &ctx->models[mi];
  struct aic_serving_settings set = { prec, aic_kv_precision_default(prec), AIC_NAN, AIC_NAN };
  struct aic_plan_result *out = ctx->out;
  struct aic_replica r;
  struct aic_plan_perf one, best;
  struct aic_plan_config c, cheapest;
  double fit, most, day1, peak, sum;
  bool have = false;

  out->searched.configurations += raw;
  aic_replica_resolve(ctx->cat, m, g, &set, width, ctx->tp.input_tokens, ctx->decoded, &r);
  fit = aic_replica_max_batch(&r);
  if (!(fit >= 1)) {
    out->rejected[AIC_REJECT_MEMORY] += raw;
    memory_missed(ctx, &r, m, g, prec);
    return AIC_OK;
  }
  out->searched.shapes++;
  most = fit < PLAN_BATCH_MAX ? fit : PLAN_BATCH_MAX;
  evaluate(ctx, &r, 1, &one);
  if (!meets_slo(ctx, &one)) {
    bool ttft = !(one.ttft_ms <= ctx->ttft_limit);

    out->rejected[ttft ? AIC_REJECT_SLO_TTFT : AIC_REJECT_SLO_TPOT] += raw;
    slo_missed(ctx, &one, m, g, prec, width);
    return AIC_OK;
  }
  best = one;
  best.batch = largest_batch(ctx, &r, most, &best);

  memset(&c, 0, sizeof c);
  c.model = mi;
  c.m = m;
  c.gpu = g;
  c.precision = prec;
  c.gpus_per_replica = width;
  c.tensor_parallel = r.tensor_parallel;
  c.pipeline_stages = r.pipeline_stages;
  c.max_batch_fit = fit;
  c.batch = best.batch;
  c.ttft_ms = best.ttft_ms;
  c.tpot_ms = best.tpot_ms;
  c.latency_ms = best.ttft_ms + ctx->decoded * best.tpot_ms;
  c.capacity_rps = best.capacity_rps;
  c.requests_per_day_per_replica = best.capacity_rps * AIC_SECONDS_PER_DAY /
                                   ctx->tp.peak_to_average;
  replica_days(ctx, best.capacity_rps, &day1, &peak, &sum);
  c.replicas = day1;
  c.gpus_total = day1 * width;
  c.peak_gpus = peak * width;
  for (size_t i = 0; i < n_ways; i++) {
    double price = ways[i].choice.price_per_gpu_hour_usd;

    c.pricing = ways[i].pricing;
    c.price = ways[i].choice;
    /* aic_inference_daily's expression, so the projection agrees to the bit */
    c.daily_usd = day1 * width * 24.0 * price;
    c.peak_daily_usd = peak * width * 24.0 * price;
    c.horizon_usd = sum * width * 24.0 * price;
    c.mean_daily_usd = c.horizon_usd / ctx->horizon;
    if (!have || aic_plan_config_cmp(&c, &cheapest) < 0) {
      cheapest = c;
      have = true;
    }
  }
  if (!have)
    return AIC_OK;
  {
    const struct aic_plan_request *rq = ctx->rq;
    bool gpus_ok = !aic_has(rq->max_gpus_total) || cheapest.peak_gpus <= rq->max_gpus_total;
    bool usd_ok = !aic_has(rq->max_daily_usd) || cheapest.peak_daily_usd <= rq->max_daily_usd;

    /* When the cheapest price breaks a constraint, every dearer one does. */
    if (!(gpus_ok && usd_ok)) {
      out->rejected[AIC_REJECT_CONSTRAINT] += raw;
      constraint_missed(ctx, &cheapest);
    }
    return keep(ctx, &cheapest, gpus_ok && usd_ok);
  }
}

/* Which constraint left nothing to price: providers when some GPU has the
 * kinds from others, else pricing. */
static void
emptied(const struct plan_ctx *ctx, const struct aic_gpu *gpus, size_t n, struct aic_diags *errors)
{
  const struct aic_plan_request *rq = ctx->rq;
  bool other_providers = false;

  for (size_t i = 0; i < n && rq->n_providers > 0; i++)
    for (size_t j = 0; j < gpus[i].n_offers; j++)
      if (allowed_pricing(rq, (enum aic_pricing)gpus[i].offers[j].kind))
        other_providers = true;
  if (other_providers)
    aic_diag_add(errors, "/constraints/providers",
                 "no allowed GPU has an offer of the allowed pricing from these providers: "
                 "nothing is left to search");
  else
    aic_diag_add(errors, rq->pricing != 0 ? "/constraints/pricing" : "/constraints",
                 "no allowed GPU has a price of the allowed pricing kinds (default on_demand): "
                 "nothing is left to search");
}

int
aic_plan_search(struct plan_ctx *ctx, struct aic_diags *errors)
{
  const struct aic_plan_request *rq = ctx->rq;
  const struct aic_gpu *gpus = rq->gpus != NULL ? rq->gpus : ctx->cat->gpus;
  size_t n_gpus = rq->gpus != NULL ? rq->n_gpus : ctx->cat->n_gpus;
  double width_max = aic_has(rq->max_gpus_per_replica) ? rq->max_gpus_per_replica
                                                       : AIC_PLAN_WIDTH_MAX;
  struct price_way *ways = NULL;
  size_t cap_ways = 0, priced = 0, computed = 0;
  int rc = AIC_OK;

  ctx->out->searched.models = ctx->n_models;
  ctx->out->searched.gpus = n_gpus;
  for (size_t gi = 0; gi < n_gpus && rc == AIC_OK; gi++) {
    const struct aic_gpu *g = &gpus[gi];
    size_t want = g->n_offers + 2, n_ways, raw;

    /* what aic_project would refuse to size a fleet on */
    if (!(g->memory_gib > 0 && g->memory_bandwidth_tb_s > 0 && isfinite(g->memory_gib) &&
          isfinite(g->memory_bandwidth_tb_s) &&
          (!aic_has(g->interconnect_gb_s) ||
           (g->interconnect_gb_s > 0 && isfinite(g->interconnect_gb_s)))))
      continue;
    if (want > cap_ways) {
      struct price_way *w = realloc(ways, want * sizeof *w);

      if (w == NULL) {
        rc = AIC_E_NOMEM;
        break;
      }
      ways = w;
      cap_ways = want;
    }
    n_ways = price_ways(ctx, g, ways, cap_ways, &raw);
    ctx->out->searched.offers += raw;
    if (n_ways == 0) {
      ctx->out->rejected[AIC_REJECT_NO_PRICE] += ctx->n_models;
      continue;
    }
    priced++;
    for (size_t mi = 0; mi < ctx->n_models && rc == AIC_OK; mi++) {
      for (int p = 0; p < AIC_PRECISION_COUNT && rc == AIC_OK; p++) {
        if (!allowed_precision(rq, g, (enum aic_precision)p))
          continue;
        computed++;
        for (double w = 1; w <= width_max && w <= AIC_PLAN_WIDTH_MAX && rc == AIC_OK; w *= 2)
          rc = shape(ctx, mi, g, (enum aic_precision)p, w, ways, n_ways, raw);
      }
    }
  }
  free(ways);
  if (rc != AIC_OK)
    return rc;
  if (priced == 0) {
    emptied(ctx, gpus, n_gpus, errors);
    return AIC_E_INVALID;
  }
  if (computed == 0) {
    aic_diag_add(errors, "/constraints/precisions",
                 "no allowed GPU computes the allowed precisions: nothing is left to search");
    return AIC_E_INVALID;
  }
  return AIC_OK;
}
