/* Serving: the achieved fractions of peak (by GPU generation and precision
 * class), the decode bandwidth efficiency and the all-reduce's link
 * efficiency and latency, fitted on the published serving measurements;
 * each row predicted by the core's replica model (include/aicost/serving.h)
 * under the load the benchmark ran, with leave-one-out errors. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aicost/serving.h"
#include "calib.h"
#include "nm.h"

#define ROWS_MAX 96
#define CELLS_MAX 8
#define GENS_MAX (CELLS_MAX + 1)

struct row {
  const char *id;
  struct aic_model model;
  struct aic_gpu gpu;
  struct aic_serving_settings set;
  double gpus, input, output, max_batch;
  enum aic_load_kind load;
  double load_value;
  double throughput, ttft_ms, tpot_ms; /* published; NAN when not */
  int cell;                            /* index into the fit's cells, or -1 */
};

struct cell {
  const char *generation;
  enum aic_precision_class cls;
  double peak; /* the fastest catalogue part of the generation at the class */
};

static bool
same_generation(const char *a, const char *b)
{
  return strcmp(a != NULL ? a : "", b != NULL ? b : "") == 0;
}

struct fit {
  const struct aic_catalogue *cat;
  const struct row *rows;
  size_t n;
  int skip;
  struct cell cells[CELLS_MAX];
  int n_cells;
  int fallback[AIC_CLASS_COUNT]; /* the cell standing in for other generations */
};

/* The parameters: ln of each cell's efficiency, then ln bandwidth
 * efficiency, ln allreduce latency (us), ln interconnect efficiency. */
#define P_BW(f) ((f)->n_cells)
#define P_LAT(f) ((f)->n_cells + 1)
#define P_LINK(f) ((f)->n_cells + 2)

/* A catalogue with the search vector's values: the shipped one with its
 * generations and three defaults replaced. */
struct trial {
  struct aic_catalogue cat;
  struct aic_generation gens[GENS_MAX];
};

static void
make_trial(const struct fit *f, const double *x, struct trial *t)
{
  int n = 0;

  t->cat = *f->cat;
  t->gens[n].name = "default";
  t->gens[n].mfu_at_10b = 0.1;
  for (int c = 0; c < AIC_CLASS_COUNT; c++)
    t->gens[n].serving_efficiency[c] = f->fallback[c] >= 0 ? exp(x[f->fallback[c]]) : 0.5;
  n++;
  /* one row per generation, sorted as the core's binary search wants */
  for (int c = 0; c < f->n_cells; c++) {
    int k;

    for (k = 1; k < n; k++)
      if (strcmp(t->gens[k].name, f->cells[c].generation) == 0)
        break;
    if (k == n) {
      t->gens[n].name = f->cells[c].generation;
      t->gens[n].mfu_at_10b = (double)NAN;
      for (int q = 0; q < AIC_CLASS_COUNT; q++)
        t->gens[n].serving_efficiency[q] = (double)NAN;
      n++;
    }
    t->gens[k].serving_efficiency[f->cells[c].cls] = exp(x[c]);
  }
  for (int i = 1; i < n; i++)
    for (int j = i; j > 0 && strcmp(t->gens[j - 1].name, t->gens[j].name) > 0; j--) {
      struct aic_generation s = t->gens[j];

      t->gens[j] = t->gens[j - 1];
      t->gens[j - 1] = s;
    }
  t->cat.generations = t->gens;
  t->cat.n_generations = (size_t)n;
  t->cat.defaults.bandwidth_efficiency = exp(x[P_BW(f)]);
  t->cat.defaults.allreduce_latency_us = exp(x[P_LAT(f)]);
  t->cat.defaults.interconnect_efficiency = exp(x[P_LINK(f)]);
}

/* The row's figures as the model has them; false when it cannot serve. */
static bool
predict(const struct aic_catalogue *cat, const struct row *w, struct aic_replica_perf *p)
{
  struct aic_replica r;
  double fit, b;

  aic_replica_resolve(cat, &w->model, &w->gpu, &w->set, w->gpus, w->input, w->output, &r);
  fit = aic_replica_max_batch(&r);
  if (!(fit >= 1))
    return false;
  b = fit < w->max_batch ? fit : w->max_batch;
  aic_replica_perform(&r, b, w->load, w->load_value, p);
  return true;
}

/* Speed ratios (published / modelled speed) of a row's figures: throughput,
 * 1/TTFT, 1/TPOT; n set to how many. */
static void
ratios(const struct row *w, const struct aic_replica_perf *p, bool ok, double *out,
       const char **what, double *model, double *pub, int *n)
{
  *n = 0;
  if (aic_has(w->throughput)) {
    what[*n] = "throughput";
    pub[*n] = w->throughput;
    model[*n] = ok ? p->tokens_per_s_per_gpu : (double)NAN;
    out[(*n)++] = ok ? w->throughput / p->tokens_per_s_per_gpu : (double)NAN;
  }
  /* Everything at once (offline, or an unbounded request rate): the
   * latencies are those of the engine's queue and admission policy, which
   * the model does not describe; only the throughput is compared. */
  if (w->load == AIC_LOAD_RATE && isinf(w->load_value))
    return;
  if (aic_has(w->ttft_ms)) {
    what[*n] = "ttft";
    pub[*n] = w->ttft_ms;
    model[*n] = ok ? p->ttft_s * 1e3 : (double)NAN;
    out[(*n)++] = ok ? p->ttft_s * 1e3 / w->ttft_ms : (double)NAN;
  }
  if (aic_has(w->tpot_ms)) {
    what[*n] = "tpot";
    pub[*n] = w->tpot_ms;
    model[*n] = ok ? p->tpot_s * 1e3 : (double)NAN;
    out[(*n)++] = ok ? p->tpot_s * 1e3 / w->tpot_ms : (double)NAN;
  }
}

static double
loss(const double *x, void *ctx)
{
  const struct fit *f = ctx;
  struct trial t;
  double s = 0;

  for (int c = 0; c < f->n_cells; c++)
    if (x[c] > 0)
      return 1e30; /* an efficiency above 1 */
  if (x[P_BW(f)] > 0 || x[P_LINK(f)] > 0)
    return 1e30;
  make_trial(f, x, &t);
  for (size_t i = 0; i < f->n; i++) {
    struct aic_replica_perf p;
    double r[3], m[3], pub[3];
    const char *what[3];
    int k;
    bool ok;

    if ((int)i == f->skip)
      continue;
    ok = predict(&t.cat, &f->rows[i], &p);
    ratios(&f->rows[i], &p, ok, r, what, m, pub, &k);
    for (int j = 0; j < k; j++) {
      double e = log(r[j]);

      s += isfinite(e) ? e * e : 1e6;
    }
  }
  return s;
}

/* Two fixed starts, the same every run (the fit must not lean on the
 * catalogue it checks); the lower minimum wins. The all-reduce latency is
 * weakly determined by the data, and the second start keeps a flat valley
 * from deciding alone. */
static void
solve(struct fit *f, double *x)
{
  static const double starts[2][4] = { { 0.5, 0.8, 10, 0.6 }, { 0.3, 0.6, 30, 0.3 } };
  double step[NM_MAX_PARAMS], best = 1e300, y[NM_MAX_PARAMS];
  int n = f->n_cells + 3;

  for (int k = 0; k < 2; k++) {
    double v;

    for (int c = 0; c < f->n_cells; c++) {
      y[c] = log(starts[k][0]);
      step[c] = 0.2;
    }
    y[P_BW(f)] = log(starts[k][1]);
    y[P_LAT(f)] = log(starts[k][2]);
    y[P_LINK(f)] = log(starts[k][3]);
    step[P_BW(f)] = 0.1;
    step[P_LAT(f)] = 0.5;
    step[P_LINK(f)] = 0.2;
    v = nm_minimise(loss, f, y, step, n, 20000);
    if (v < best) {
      best = v;
      memcpy(x, y, (size_t)n * sizeof *y);
    }
  }
}

static bool
model_of(const struct cal_data *d, const char *id, struct aic_model *m)
{
  const struct aic_model *c = aic_catalogue_model(d->cat, id);
  const struct csv *t = &d->models;

  if (c != NULL) {
    *m = *c;
    return true;
  }
  for (size_t r = 1; r < t->n_rows; r++) {
    if (strcmp(csv_get(t, r, "id"), id) != 0)
      continue;
    memset(m, 0, sizeof *m);
    m->id = csv_get(t, r, "id");
    m->params_b = csv_num(t, r, "params_b");
    m->active_params_b = csv_num(t, r, "active_params_b");
    m->layers = csv_num(t, r, "layers");
    m->d_model = csv_num(t, r, "d_model");
    m->heads = csv_num(t, r, "heads");
    m->kv_heads = csv_num(t, r, "kv_heads");
    m->head_dim = csv_num(t, r, "head_dim");
    m->context = csv_num(t, r, "context");
    m->experts = csv_num(t, r, "experts");
    m->experts_per_token = csv_num(t, r, "experts_per_token");
    return true;
  }
  return false;
}

/* "fp8/fp8" -> fp8: the weights' precision; int4-awq and the like are not
 * a catalogue precision. */
static bool
precision_of(const char *s, enum aic_precision *p)
{
  char name[16];
  size_t n = strcspn(s, "/");

  if (n == 0 || n >= sizeof name)
    return false;
  memcpy(name, s, n);
  name[n] = '\0';
  return aic_precision_parse(name, p) == 0;
}

static enum aic_load_kind
load_of(const char *s)
{
  if (strcmp(s, "clients") == 0)
    return AIC_LOAD_CLIENTS;
  if (strcmp(s, "static") == 0)
    return AIC_LOAD_STATIC;
  return AIC_LOAD_RATE; /* "rate", and "offline": everything at once */
}

int
cal_serving(const struct cal_data *d, struct cal_result *res)
{
  const struct csv *t = &d->serving;
  static struct row rows[ROWS_MAX];
  struct fit f = { .cat = d->cat, .rows = rows, .skip = -1 };
  double x[NM_MAX_PARAMS], xo[NM_MAX_PARAMS], all[CAL_OBS_MAX];
  static double loo_x[ROWS_MAX][NM_MAX_PARAMS];
  size_t n = 0, first_obs = res->n_obs, m = 0, inside = 0, inside_all = 0, counted = 0;

  printf("\n== Serving: efficiencies, KV cache, tensor parallelism ==\n");
  for (size_t r = 1; r < t->n_rows; r++) {
    const char *id = csv_get(t, r, "id"), *why = NULL;
    const struct aic_gpu *g = aic_catalogue_gpu(d->cat, csv_get(t, r, "gpu"));
    struct row *w = &rows[n];
    enum aic_precision kv;

    memset(w, 0, sizeof *w);
    w->input = csv_num(t, r, "input_tokens");
    w->output = csv_num(t, r, "output_tokens");
    w->gpus = csv_num(t, r, "tp");
    if (!aic_has(w->input) || !aic_has(w->output))
      why = "no input or output length: no workload to model";
    else if (!aic_has(w->gpus))
      why = "no tensor-parallel width (expert-parallel or multi-replica system)";
    else if (!model_of(d, csv_get(t, r, "model_id"), &w->model))
      why = "model architecture unknown";
    else if (g == NULL)
      why = "GPU not in the catalogue";
    else if (!precision_of(csv_get(t, r, "precision"), &w->set.precision))
      why = "precision not a catalogue precision";
    if (why != NULL) {
      printf("  excluded %-42s %s\n", id, why);
      res->n_excluded++;
      continue;
    }
    if (n == ROWS_MAX)
      abort();
    w->id = id;
    w->gpu = *g;
    w->set.kv_precision = aic_precision_parse(csv_get(t, r, "kv_cache_precision"), &kv) == 0
                            ? kv
                            : aic_kv_precision_default(w->set.precision);
    w->set.compute_efficiency = (double)NAN;
    w->set.bandwidth_efficiency = (double)NAN;
    w->max_batch = csv_num(t, r, "max_batch");
    w->load = load_of(csv_get(t, r, "load"));
    w->load_value = csv_num(t, r, "load_value");
    if (!aic_has(w->load_value))
      w->load_value = (double)INFINITY;
    w->throughput = csv_num(t, r, "throughput_output_tok_s_per_gpu");
    w->ttft_ms = csv_num(t, r, "ttft_ms");
    w->tpot_ms = csv_num(t, r, "tpot_ms");
    n++;
  }
  f.n = n;
  res->n_rows += n;

  /* Cells: (generation, class of the compute precision) with 3 or more
   * rows; the fallback per class is the cell of the part with the highest
   * peak at that class. */
  for (int c = 0; c < AIC_CLASS_COUNT; c++)
    f.fallback[c] = -1;
  for (size_t i = 0; i < n; i++) {
    enum aic_precision cp = aic_compute_precision(&rows[i].gpu, rows[i].set.precision);
    enum aic_precision_class cls = aic_precision_class_of(cp);
    const char *gen = rows[i].gpu.generation;
    int k = 0, c;

    for (size_t j = 0; j < n; j++)
      k += same_generation(rows[j].gpu.generation, gen) &&
           aic_precision_class_of(aic_compute_precision(&rows[j].gpu, rows[j].set.precision)) ==
             cls;
    for (c = 0; c < f.n_cells; c++)
      if (same_generation(f.cells[c].generation, gen) && f.cells[c].cls == cls)
        break;
    if (c == f.n_cells && k >= 3 && gen != NULL && f.n_cells < CELLS_MAX) {
      f.cells[c] = (struct cell){ gen, cls, 0 };
      for (size_t q = 0; q < d->cat->n_gpus; q++) {
        const struct aic_gpu *gp = &d->cat->gpus[q];

        for (int p = 0; p < AIC_PRECISION_COUNT; p++)
          if (same_generation(gp->generation, gen) &&
              aic_precision_class_of((enum aic_precision)p) == cls &&
              gp->peak_tflops[p] > f.cells[c].peak)
            f.cells[c].peak = gp->peak_tflops[p];
      }
      f.n_cells++;
    }
    rows[i].cell = -1;
  }
  for (int c = 0; c < f.n_cells; c++) {
    int *fb = &f.fallback[f.cells[c].cls];

    if (*fb < 0 || f.cells[c].peak > f.cells[*fb].peak)
      *fb = c;
  }
  solve(&f, x);

  /* Leave one row out (all its figures): refit, predict it. */
  for (size_t i = 0; i < n; i++) {
    struct trial tr;
    struct aic_replica_perf p;
    double r[3], mod[3], pub[3];
    const char *what[3];
    int k;
    bool ok;

    f.skip = (int)i;
    solve(&f, xo);
    memcpy(loo_x[i], xo, sizeof xo);
    make_trial(&f, xo, &tr);
    ok = predict(&tr.cat, &rows[i], &p);
    ratios(&rows[i], &p, ok, r, what, mod, pub, &k);
    for (int j = 0; j < k; j++) {
      struct cal_obs *o = &res->obs[res->n_obs++];

      o->row = rows[i].id;
      o->what = what[j];
      o->published = pub[j];
      o->modelled = mod[j];
      o->ratio = r[j];
      all[m++] = r[j];
      if (strcmp(what[j], "tpot") != 0) {
        counted++;
        inside += fabs(mod[j] / pub[j] - 1) <= 0.35;
      }
      inside_all += fabs(mod[j] / pub[j] - 1) <= 0.35;
    }
  }
  f.skip = -1;

  printf("  fitted on %zu rows (%zu figures); value, jackknife standard error and the range "
         "over the leave-one-out refits:\n",
         n, m);
  for (int c = 0; c < f.n_cells + 3; c++) {
    char name[64];

    if (c < f.n_cells)
      snprintf(name, sizeof name, "%s.serving_efficiency.%s", f.cells[c].generation,
               aic_precision_class_name(f.cells[c].cls));
    else
      snprintf(name, sizeof name, "%s",
               c == P_BW(&f)    ? "bandwidth_efficiency"
               : c == P_LAT(&f) ? "allreduce_latency_us"
                                : "interconnect_efficiency");
    cal_jackknife(name, exp(x[c]), &loo_x[0][c], NM_MAX_PARAMS, n, true);
  }
  printf("  %-46s %-10s %11s %11s %6s\n", "row (leave-one-out)", "figure", "published", "modelled",
         "ratio");
  for (size_t i = first_obs; i < res->n_obs; i++) {
    const struct cal_obs *o = &res->obs[i];

    printf("  %-46s %-10s %11.5g %11.5g %6.2f\n", o->row, o->what, o->published, o->modelled,
           o->modelled / o->published);
  }
  cal_check(res, (double)inside / (double)counted >= 0.8,
            "serving: %zu of %zu throughput and TTFT figures (%.0f %%) within +-35 %% of the "
            "published (leave-one-out; must be >= 80 %%); with TPOT %zu of %zu",
            inside, counted, 100.0 * (double)inside / (double)counted, inside_all, m);

  /* The shipped catalogue is the fit, to its three digits. */
  {
    const struct aic_defaults *df = &d->cat->defaults;
    const struct aic_generation *dflt = aic_catalogue_generation(d->cat, "default");
    double p10 = cal_quantile(all, m, 0.1), p90 = cal_quantile(all, m, 0.9);
    int listed = 0;

    for (int c = 0; c < f.n_cells; c++) {
      const struct aic_generation *g = aic_catalogue_generation(d->cat, f.cells[c].generation);
      double v = g != NULL && strcmp(g->name, f.cells[c].generation) == 0
                   ? g->serving_efficiency[f.cells[c].cls]
                   : (double)NAN;

      cal_check(res, cal_same_3sig(exp(x[c]), v),
                "catalogue generations.%s.serving_efficiency.%s %g = fit %.6g",
                f.cells[c].generation, aic_precision_class_name(f.cells[c].cls), v, exp(x[c]));
    }
    for (size_t g = 0; g < d->cat->n_generations; g++)
      for (int c = 0; c < AIC_CLASS_COUNT; c++)
        listed += strcmp(d->cat->generations[g].name, "default") != 0 &&
                  aic_has(d->cat->generations[g].serving_efficiency[c]);
    cal_check(res, listed == f.n_cells,
              "the catalogue lists serving efficiencies for exactly the %d fitted cells",
              f.n_cells);
    for (int c = 0; c < AIC_CLASS_COUNT; c++)
      if (f.fallback[c] >= 0)
        cal_check(res,
                  dflt != NULL && cal_same_3sig(exp(x[f.fallback[c]]), dflt->serving_efficiency[c]),
                  "catalogue generations.default.serving_efficiency.%s = %s's fit %.6g",
                  aic_precision_class_name((enum aic_precision_class)c),
                  f.cells[f.fallback[c]].generation, exp(x[f.fallback[c]]));
    cal_check(res, cal_same_3sig(exp(x[P_BW(&f)]), df->bandwidth_efficiency),
              "catalogue bandwidth_efficiency %g = fit %.6g", df->bandwidth_efficiency,
              exp(x[P_BW(&f)]));
    cal_check(res, cal_same_3sig(exp(x[P_LAT(&f)]), df->allreduce_latency_us),
              "catalogue allreduce_latency_us %g = fit %.6g", df->allreduce_latency_us,
              exp(x[P_LAT(&f)]));
    cal_check(res, cal_same_3sig(exp(x[P_LINK(&f)]), df->interconnect_efficiency),
              "catalogue interconnect_efficiency %g = fit %.6g", df->interconnect_efficiency,
              exp(x[P_LINK(&f)]));
    cal_check(
      res, cal_same_3sig(p10, df->serving_p10_factor) && cal_same_3sig(p90, df->serving_p90_factor),
      "catalogue serving_p10_factor %g / serving_p90_factor %g = leave-one-out %.6g / %.6g",
      df->serving_p10_factor, df->serving_p90_factor, p10, p90);
  }
  /* The shipped catalogue through the same path serves every row. */
  for (size_t i = 0; i < n; i++) {
    struct aic_replica_perf p;

    if (!predict(d->cat, &rows[i], &p))
      cal_check(res, false, "the shipped catalogue cannot serve %s", rows[i].id);
  }
  return 0;
}
