/* Training: the MFU prior fitted on the published pretraining runs, its
 * leave-one-out error, the fine-tuning and LoRA factors from the published
 * throughputs, the mixture-of-experts pair, and the memory of runs papers
 * ran on few GPUs. Formulas: docs/cost-model.md, "The MFU prior". */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aicost/bands.h"
#include "aicost/projection.h"
#include "aicost/training.h"
#include "calib.h"
#include "nm.h"

#define RUNS_MAX 64
#define CELLS_MAX 4

struct run {
  const char *id;
  const char *generation;
  double active; /* parameters per token */
  double peak;   /* FLOP/s at the run's precision */
  double tokens;
  double hours; /* published GPU-hours */
  double u;     /* published 6ND / (hours x 3600 x peak): MFU x goodput */
  bool moe;
};

/* The runs of the prior's fit, kept for cal_training_bands. */
static struct run runs[RUNS_MAX];
static struct aic_gpu gpus[RUNS_MAX];
static enum aic_precision precs[RUNS_MAX];
static size_t n_runs, runs_first_obs;

struct fit {
  const struct run *runs;
  size_t n;
  int skip; /* a run left out, or -1 */
  const char *cells[CELLS_MAX];
  int n_cells;
  int fallback; /* the cell that stands in for other generations */
  double goodput;
};

/* The prior's parameters from the search vector: cap, exponent, the cells'
 * mfu_at_10b. */
static double
prior(const struct fit *f, const double *x, const struct run *r)
{
  double cap = exp(x[0]), beta = x[1], m10 = exp(x[2 + f->fallback]), mfu;

  for (int c = 0; c < f->n_cells; c++)
    if (r->generation != NULL && strcmp(r->generation, f->cells[c]) == 0)
      m10 = exp(x[2 + c]);
  mfu = m10 * pow(r->active / 1e10, beta);
  return mfu < cap ? mfu : cap;
}

static double
loss(const double *x, void *ctx)
{
  const struct fit *f = ctx;
  double s = 0;

  if (exp(x[0]) > 1)
    return 1e30;
  for (size_t i = 0; i < f->n; i++) {
    double e;

    if ((int)i == f->skip)
      continue;
    e = log(f->runs[i].u / (prior(f, x, &f->runs[i]) * f->goodput));
    s += e * e;
  }
  return s;
}

static void
solve(struct fit *f, double *x)
{
  double step[NM_MAX_PARAMS] = { 0.2, 0.1, 0.3, 0.3, 0.3, 0.3 };
  int n = 2 + f->n_cells;

  /* A fixed start, the same every run: the fit must not lean on the
   * catalogue it checks. */
  x[0] = log(0.45);
  x[1] = 0.15;
  for (int c = 0; c < f->n_cells; c++)
    x[2 + c] = log(0.3);
  nm_minimise(loss, f, x, step, n, 20000);
}

static const struct cal_hw *
hw_of(const struct cal_data *d, const char *id, struct cal_hw *out)
{
  for (size_t r = 1; r < d->hardware.n_rows; r++) {
    if (strcmp(csv_get(&d->hardware, r, "id"), id) != 0)
      continue;
    out->id = csv_get(&d->hardware, r, "id");
    out->generation = csv_get(&d->hardware, r, "generation");
    out->memory_gib = csv_num(&d->hardware, r, "memory_gib");
    out->peak_bf16 = csv_num(&d->hardware, r, "peak_bf16_tflops");
    out->peak_fp16 = csv_num(&d->hardware, r, "peak_fp16_tflops");
    return out;
  }
  return NULL;
}

/* The GPU of a row: the catalogue's, else hardware.csv's, as an inline
 * struct aic_gpu (peaks and memory only). */
static bool
gpu_of(const struct cal_data *d, const char *id, struct aic_gpu *g)
{
  const struct aic_gpu *c = aic_catalogue_gpu(d->cat, id);
  struct cal_hw hw;

  if (c != NULL) {
    *g = *c;
    return true;
  }
  if (hw_of(d, id, &hw) == NULL)
    return false;
  memset(g, 0, sizeof *g);
  for (int p = 0; p < AIC_PRECISION_COUNT; p++)
    g->peak_tflops[p] = (double)NAN;
  g->peak_tflops[AIC_BF16] = hw.peak_bf16;
  g->peak_tflops[AIC_FP16] = hw.peak_fp16;
  g->memory_gib = hw.memory_gib;
  g->memory_bandwidth_tb_s = g->power_w = g->purchase_usd = (double)NAN;
  g->price_on_demand_usd = g->price_reserved_usd = g->interconnect_gb_s = (double)NAN;
  g->training_draw_fraction = g->serving_draw_fraction = (double)NAN;
  g->generation = hw.generation[0] ? hw.generation : NULL;
  return true;
}

/* The precision a run computed at: fp8 when it says so and the part has
 * it, else bf16, else fp16 (V100). */
static enum aic_precision
precision_of(const char *stated, const struct aic_gpu *g)
{
  if (strcmp(stated, "fp8") == 0 && aic_has(g->peak_tflops[AIC_FP8]))
    return AIC_FP8;
  return aic_has(g->peak_tflops[AIC_BF16]) ? AIC_BF16 : AIC_FP16;
}

/* A scenario training an inline model of `params_b` on the inline GPU g at
 * $1 an hour, with no traffic: what the checks below project. */
static void
training_scenario(struct aic_scenario *sc, const struct aic_gpu *g, double params_b)
{
  aic_scenario_init(sc);
  sc->has_model = true;
  sc->model_inline = true;
  sc->model.params_b = params_b;
  sc->training.present = true;
  sc->training.has_gpu = true;
  sc->training.gpu = *g;
  sc->training.gpu.id = NULL;
  sc->training.gpu_inline = true;
  sc->training.price_per_gpu_hour_usd = 1;
  sc->inference.kind = AIC_INF_PER_REQUEST;
  sc->inference.cost_per_request_usd = 0;
  sc->traffic.requests_per_day = 0;
}

/* GPU-hours of one pretraining run through aic_project, with the shipped
 * catalogue: the test's formula must be the core's. */
static double
project_hours(const struct aic_catalogue *cat, const struct run *run, const struct aic_gpu *g,
              enum aic_precision p)
{
  struct aic_scenario sc;
  struct aic_projection pj;
  struct aic_diags e = AIC_DIAGS_INIT;
  double hours = (double)NAN;

  training_scenario(&sc, g, run->active / 1e9);
  sc.training.has_precision = true;
  sc.training.precision = p;
  sc.training.stages[AIC_STAGE_PRETRAINING].present = true;
  sc.training.stages[AIC_STAGE_PRETRAINING].tokens = run->tokens;
  if (aic_project(cat, &sc, &pj, &e) == AIC_OK && pj.n_stages == 1)
    hours = pj.stages[0].gpu_hours;
  aic_projection_release(&pj);
  return hours;
}

/* Whether aic_project warns that a fine-tuning run's state exceeds its GPUs. */
static int
memory_warns(const struct aic_catalogue *cat, const struct aic_gpu *g, double count,
             double params_b, const char *method)
{
  struct aic_scenario sc;
  struct aic_projection pj;
  struct aic_diags e = AIC_DIAGS_INIT;
  struct aic_stage *s = &sc.training.stages[AIC_STAGE_FINE_TUNING];
  int warns = -1;

  training_scenario(&sc, g, params_b);
  sc.training.gpu_count = count;
  s->present = true;
  s->gpu_hours = 1; /* the hours do not matter here, the state does */
  s->method = strcmp(method, "full") == 0 ? AIC_METHOD_FULL : AIC_METHOD_LORA;
  if (strcmp(method, "qlora") == 0) {
    s->has_base_precision = true;
    s->base_precision = AIC_INT4;
  }
  if (aic_project(cat, &sc, &pj, &e) == AIC_OK) {
    /* among the others (energy's, for one) */
    warns = 0;
    for (size_t i = 0; i < pj.warnings.n && i < AIC_DIAG_MAX; i++)
      warns = warns || strcmp(pj.warnings.v[i].code, "training_state_exceeds_memory") == 0;
  }
  aic_projection_release(&pj);
  return warns;
}

int
cal_training(const struct cal_data *d, struct cal_result *res)
{
  const struct csv *t = &d->training;
  const struct aic_defaults *df = &d->cat->defaults;
  struct fit f = { .runs = runs, .skip = -1, .goodput = df->goodput };
  double x[NM_MAX_PARAMS], xo[NM_MAX_PARAMS], ratios[RUNS_MAX], best_peak = -1;
  double ft = (double)NAN, lora = (double)NAN, p10, p90;
  static double loo_x[RUNS_MAX][NM_MAX_PARAMS];
  size_t n = 0, first_obs = res->n_obs, inside = 0;

  printf("\n== Training: the MFU prior ==\n");
  for (size_t r = 1; r < t->n_rows; r++) {
    const char *id = csv_get(t, r, "id"), *why = NULL;
    double tokens = csv_num(t, r, "tokens"), hours = csv_num(t, r, "gpu_hours");
    double active = csv_num(t, r, "active_params_b");
    struct aic_gpu g;

    if (strcmp(csv_get(t, r, "stage"), "pretraining") != 0)
      continue; /* fine-tuning and alignment: their own checks below */
    if (!aic_has(hours))
      hours = csv_num(t, r, "gpu_count") * csv_num(t, r, "wall_days") * 24;
    if (strcmp(csv_get(t, r, "method"), "distillation") == 0)
      why = "pretraining by distillation (6ND does not count the teacher)";
    else if (!aic_has(tokens))
      why = "no token count";
    else if (!aic_has(hours))
      why = "no GPU-hours (a throughput measurement, not a run)";
    else if (!gpu_of(d, csv_get(t, r, "gpu"), &g))
      why = "hardware without a known peak";
    if (why != NULL) {
      printf("  excluded %-28s %s\n", id, why);
      res->n_excluded++;
      continue;
    }
    if (n == RUNS_MAX)
      abort();
    precs[n] = precision_of(csv_get(t, r, "precision"), &g);
    gpus[n] = g;
    runs[n] = (struct run){
      .id = id,
      .generation = g.generation,
      .active = (aic_has(active) ? active : csv_num(t, r, "params_b")) * 1e9,
      .peak = g.peak_tflops[precs[n]] * 1e12,
      .tokens = tokens,
      .hours = hours,
      .moe = strcmp(csv_get(t, r, "moe"), "true") == 0,
    };
    runs[n].u = 6 * runs[n].active * tokens / (hours * 3600 * runs[n].peak);
    n++;
  }
  f.n = n;
  n_runs = n;
  runs_first_obs = first_obs;
  res->n_rows += n;

  /* A generation gets its own mfu_at_10b with at least 3 runs; the others
   * use the fitted generation of the fastest part (bf16 peak). */
  for (size_t i = 0; i < n; i++) {
    int k = 0, seen = 0;

    if (runs[i].generation == NULL)
      continue;
    for (size_t j = 0; j < n; j++)
      k += runs[j].generation != NULL && strcmp(runs[j].generation, runs[i].generation) == 0;
    for (int c = 0; c < f.n_cells; c++)
      seen |= strcmp(f.cells[c], runs[i].generation) == 0;
    if (k >= 3 && !seen && f.n_cells < CELLS_MAX)
      f.cells[f.n_cells++] = runs[i].generation;
  }
  for (int c = 0; c < f.n_cells; c++) {
    for (size_t g = 0; g < d->cat->n_gpus; g++) {
      const struct aic_gpu *gp = &d->cat->gpus[g];

      if (gp->generation != NULL && strcmp(gp->generation, f.cells[c]) == 0 &&
          gp->peak_tflops[AIC_BF16] > best_peak) {
        best_peak = gp->peak_tflops[AIC_BF16];
        f.fallback = c;
      }
    }
  }
  solve(&f, x);

  /* Leave one out: refit without the run, predict it. */
  for (size_t i = 0; i < n; i++) {
    struct cal_obs *o = &res->obs[res->n_obs++];
    double u;

    f.skip = (int)i;
    solve(&f, xo);
    memcpy(loo_x[i], xo, sizeof xo);
    u = prior(&f, xo, &runs[i]) * f.goodput;
    o->row = runs[i].id;
    o->what = "gpu_hours";
    o->published = runs[i].hours;
    o->modelled = runs[i].hours * runs[i].u / u;
    o->ratio = runs[i].u / u;
    ratios[i] = o->ratio;
    inside += fabs(o->modelled / o->published - 1) <= 0.35;
  }
  f.skip = -1;
  p10 = cal_quantile(ratios, n, 0.1);
  p90 = cal_quantile(ratios, n, 0.9);

  /* Fine-tuning: the published full fine-tuning throughput (tokens/s per
   * GPU) against the pretraining prior for the same model and GPU; LoRA:
   * the published pair, LoRA's 4N against full's 6N FLOPs per token. */
  for (size_t r = 1; r < t->n_rows; r++) {
    double tps = csv_num(t, r, "tokens_per_s_per_gpu_stated"), n_act = csv_num(t, r, "params_b");
    struct aic_gpu g;
    struct run probe;

    if (strcmp(csv_get(t, r, "stage"), "fine_tuning") != 0 || !aic_has(tps) ||
        !gpu_of(d, csv_get(t, r, "gpu"), &g))
      continue;
    if (strcmp(csv_get(t, r, "method"), "full") == 0) {
      probe.generation = g.generation;
      probe.active = n_act * 1e9;
      ft = 6 * probe.active * tps / (g.peak_tflops[precision_of("", &g)] * 1e12) /
           prior(&f, x, &probe);
      for (size_t q = 1; q < t->n_rows; q++) {
        if (strcmp(csv_get(t, q, "method"), "lora") == 0 &&
            strcmp(csv_get(t, q, "model"), csv_get(t, r, "model")) == 0 &&
            strcmp(csv_get(t, q, "gpu"), csv_get(t, r, "gpu")) == 0)
          lora = csv_num(t, q, "tokens_per_s_per_gpu_stated") * 4 / (tps * 6);
      }
    }
  }

  printf("  fitted on %zu runs; value, jackknife standard error and the range over the "
         "leave-one-out refits (default = %s):\n",
         n, f.cells[f.fallback]);
  cal_jackknife("mfu_cap", exp(x[0]), &loo_x[0][0], NM_MAX_PARAMS, n, true);
  cal_jackknife("mfu_size_exponent", x[1], &loo_x[0][1], NM_MAX_PARAMS, n, false);
  for (int c = 0; c < f.n_cells; c++) {
    char name[64];

    snprintf(name, sizeof name, "%s.mfu_at_10b", f.cells[c]);
    cal_jackknife(name, exp(x[2 + c]), &loo_x[0][2 + c], NM_MAX_PARAMS, n, true);
  }
  printf("  fine_tuning_mfu_factor %.4g, lora_mfu_factor %.4g (LoRA over full: %.3gx)\n", ft, lora,
         1 / (4.0 / 6.0 / lora));
  printf("  %-30s %12s %12s %7s\n", "run (leave-one-out)", "published h", "modelled h", "ratio");
  for (size_t i = first_obs; i < res->n_obs; i++) {
    const struct cal_obs *o = &res->obs[i];

    printf("  %-30s %12.4g %12.4g %7.2f\n", o->row, o->published, o->modelled,
           o->modelled / o->published);
  }
  /* The published pair: the same cluster's MoE and dense per-trillion
   * hours, against what the prior predicts for them. */
  for (size_t i = 0; i < n; i++) {
    for (size_t j = 0; j < n; j++) {
      if (runs[i].moe && !runs[j].moe && runs[i].tokens == 1e12 && runs[j].tokens == 1e12 &&
          runs[i].peak == runs[j].peak) {
        double pub = 1 - runs[i].hours / runs[j].hours;
        double model = 1 - runs[i].active / prior(&f, x, &runs[i]) /
                             (runs[j].active / prior(&f, x, &runs[j]));

        printf("  MoE pair %s vs %s: published saving %.1f %%, the prior's %.1f %% "
               "(active parameters alone: %.1f %%)\n",
               runs[i].id, runs[j].id, 100 * pub, 100 * model,
               100 * (1 - runs[i].active / runs[j].active));
      }
    }
  }

  cal_check(res, (double)inside / (double)n >= 0.8,
            "training: %zu of %zu runs (%.0f %%) within +-35 %% of published GPU-hours "
            "(leave-one-out; must be >= 80 %%)",
            inside, n, 100.0 * (double)inside / (double)n);
  /* The shipped catalogue is the fit, to its three digits. */
  {
    const struct aic_generation *dflt = aic_catalogue_generation(d->cat, "default");
    int listed = 0;

    cal_check(res, cal_same_3sig(exp(x[0]), df->mfu_cap), "catalogue mfu_cap %g = fit %.6g",
              df->mfu_cap, exp(x[0]));
    cal_check(res, cal_same_3sig(x[1], df->mfu_size_exponent),
              "catalogue mfu_size_exponent %g = fit %.6g", df->mfu_size_exponent, x[1]);
    for (int c = 0; c < f.n_cells; c++) {
      const struct aic_generation *g = aic_catalogue_generation(d->cat, f.cells[c]);

      cal_check(res,
                g != NULL && strcmp(g->name, f.cells[c]) == 0 &&
                  cal_same_3sig(exp(x[2 + c]), g->mfu_at_10b),
                "catalogue generations.%s.mfu_at_10b %g = fit %.6g", f.cells[c],
                g != NULL ? g->mfu_at_10b : (double)NAN, exp(x[2 + c]));
    }
    for (size_t g = 0; g < d->cat->n_generations; g++)
      listed += aic_has(d->cat->generations[g].mfu_at_10b) &&
                strcmp(d->cat->generations[g].name, "default") != 0;
    cal_check(res, listed == f.n_cells,
              "the catalogue lists mfu_at_10b for exactly the %d generations with 3 or more runs",
              f.n_cells);
    cal_check(res, dflt != NULL && cal_same_3sig(exp(x[2 + f.fallback]), dflt->mfu_at_10b),
              "catalogue generations.default.mfu_at_10b = %s's fit %.6g", f.cells[f.fallback],
              exp(x[2 + f.fallback]));
    cal_check(res, cal_same_3sig(ft, df->fine_tuning_mfu_factor),
              "catalogue fine_tuning_mfu_factor %g = published %.6g", df->fine_tuning_mfu_factor,
              ft);
    cal_check(res, cal_same_3sig(lora, df->lora_mfu_factor),
              "catalogue lora_mfu_factor %g = published %.6g", df->lora_mfu_factor, lora);
    cal_check(res, cal_same_3sig(p10, df->mfu_p10_factor) && cal_same_3sig(p90, df->mfu_p90_factor),
              "catalogue mfu_p10_factor %g / mfu_p90_factor %g = leave-one-out %.6g / %.6g",
              df->mfu_p10_factor, df->mfu_p90_factor, p10, p90);
  }
  /* The core computes what this file computes: the shipped prior through
   * aic_project gives the hours of the formula above. */
  for (size_t i = 0; i < n; i++) {
    double mfu = aic_mfu_prior(d->cat, runs[i].generation, runs[i].active, AIC_STAGE_PRETRAINING,
                               AIC_METHOD_NONE);
    double want = 6 * runs[i].active * runs[i].tokens / (runs[i].peak * mfu * df->goodput) / 3600;
    double got = project_hours(d->cat, &runs[i], &gpus[i], precs[i]);

    if (!(fabs(got / want - 1) < 1e-12))
      cal_check(res, false, "aic_project's hours for %s: %.17g, the formula's %.17g", runs[i].id,
                got, want);
  }
  /* Memory: fine-tuning runs published on a stated number of GPUs fit. */
  for (size_t r = 1; r < t->n_rows; r++) {
    const char *method = csv_get(t, r, "method");
    double count = csv_num(t, r, "gpu_count");
    struct aic_gpu g;

    if (strcmp(csv_get(t, r, "stage"), "fine_tuning") != 0 || !aic_has(count) ||
        !gpu_of(d, csv_get(t, r, "gpu"), &g))
      continue;
    cal_check(res, memory_warns(d->cat, &g, count, csv_num(t, r, "params_b"), method) == 0,
              "memory: %s (%s, %g B parameters on %g x %g GiB) raises no memory warning",
              csv_get(t, r, "id"), method, csv_num(t, r, "params_b"), count, g.memory_gib);
  }
  return 0;
}

/* The bands' own machinery on the leave-one-out prediction: each run
 * projected through aic_project and aic_project_bands with a catalogue
 * whose prior gives the run's leave-one-out MFU (one "default" row, no
 * size term) and whose mfu_p10_factor/mfu_p90_factor are the other runs'
 * ratios; the published hours inside the GPU-hours band count. */
size_t
cal_training_bands(const struct cal_data *d, const struct cal_result *res, size_t *n)
{
  size_t inside = 0;

  *n = 0;
  for (size_t i = 0; i < n_runs; i++) {
    const struct cal_obs *o = &res->obs[runs_first_obs + i];
    struct aic_catalogue c = *d->cat;
    struct aic_generation gen;
    struct aic_scenario sc;
    struct aic_projection pj;
    struct aic_diags e = AIC_DIAGS_INIT;
    struct aic_gpu g = gpus[i];

    memset(&gen, 0, sizeof gen);
    gen.name = "default";
    for (int k = 0; k < AIC_CLASS_COUNT; k++)
      gen.serving_efficiency[k] = (double)NAN;
    /* o->ratio = published u / modelled u, u = MFU x goodput */
    gen.mfu_at_10b = runs[i].u / o->ratio / c.defaults.goodput;
    c.generations = &gen;
    c.n_generations = 1;
    c.defaults.mfu_cap = 1;
    c.defaults.mfu_size_exponent = 0;
    c.defaults.mfu_p10_factor = o->lo;
    c.defaults.mfu_p90_factor = o->hi;
    g.generation = NULL;
    training_scenario(&sc, &g, runs[i].active / 1e9);
    sc.training.has_precision = true;
    sc.training.precision = precs[i];
    sc.training.stages[AIC_STAGE_PRETRAINING].present = true;
    sc.training.stages[AIC_STAGE_PRETRAINING].tokens = runs[i].tokens;
    if (aic_project(&c, &sc, &pj, &e) == AIC_OK && aic_project_bands(&c, &sc, &pj, &e) == AIC_OK &&
        pj.bands->n_stages == 1) {
      const struct aic_band *b = &pj.bands->stages[0].gpu_hours;

      inside += runs[i].hours >= b->p10 && runs[i].hours <= b->p90;
      (*n)++;
    }
    aic_projection_release(&pj);
  }
  return inside;
}
