/* How long a plan takes server-side (issue 15): the request's bytes
 * parsed and validated, the search, the answer rendered as JSON, for each
 * plan request given, N times. Prints p50 and p99 wall time per plan (run
 * it on one core: taskset -c 1), the configurations searched per second,
 * and, from the same run, the time of one POST /v1/projections-sized job
 * (the best plan's scenario parsed, projected, rendered) as the ratio's
 * denominator. Usage: bench-plan N FILE... docs/benchmarks.md has the
 * numbers; the targets are 20 ms (one model) and 100 ms (four models,
 * alternatives "all"). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "aicost/catalogue_io.h"
#include "aicost/json.h"
#include "aicost/render.h"
#include "aicost/scenarios.h"

static double
now_ms(void)
{
  struct timespec t;

  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static int
by_value(const void *a, const void *b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return (x > y) - (x < y);
}

static char *
slurp(const char *path, size_t *len)
{
  FILE *f = fopen(path, "rb");
  char *buf = malloc(1 << 20);

  if (f == NULL || buf == NULL) {
    if (f != NULL)
      fclose(f);
    free(buf);
    return NULL;
  }
  *len = fread(buf, 1, (1 << 20) - 1, f);
  buf[*len] = '\0';
  fclose(f);
  return buf;
}

/* One server-side plan: parse, validate, search, render. */
static int
plan_once(const struct aic_catalogue *cat, const char *text, size_t len, size_t *configs,
          size_t *bytes)
{
  struct aic_diags errors;
  struct aic_plan_request rq;
  struct aic_plan_result res;
  json_t *doc;
  char *out;
  int rc;

  aic_diags_init(&errors);
  if (aic_json_parse(text, len, &doc, &errors) != AIC_OK)
    return 1;
  rc = aic_plan_request_from_json(doc, cat, &rq, &errors);
  if (rc == AIC_OK)
    rc = aic_plan(cat, &rq, &res, &errors);
  if (rc != AIC_OK) {
    fprintf(stderr, "%s: %s\n", errors.n ? errors.v[0].pointer : "",
            errors.n ? errors.v[0].detail : "");
    aic_plan_request_release(&rq);
    json_decref(doc);
    return 1;
  }
  out = aic_plan_to_json(&res, cat, bytes);
  *configs = res.searched.configurations;
  free(out);
  aic_plan_release(&res);
  aic_plan_request_release(&rq);
  json_decref(doc);
  return out == NULL;
}

/* One projection's job, the unit of the ratio: the article's scenario. */
static double
projection_ms(const struct aic_catalogue *cat, int n)
{
  static const char sc[] = "{\"model\":\"llama-3.1-70b\",\"inference\":{\"self_hosted\":{\"gpu\":"
                           "\"h100-sxm\",\"precision\":\"fp8\"}},\"traffic\":{\"requests_per_day\":"
                           "2000000,\"input_tokens\":1500,\"output_tokens\":400}}";
  double t0 = now_ms();

  for (int i = 0; i < n; i++) {
    struct aic_diags errors;
    struct aic_scenario s;
    struct aic_projection pj;
    json_t *doc;
    char *out = NULL;

    aic_diags_init(&errors);
    if (aic_json_parse(sc, sizeof sc - 1, &doc, &errors) != AIC_OK)
      return -1;
    if (aic_scenario_from_json(doc, cat, "", &s, &errors) == AIC_OK &&
        aic_project(cat, &s, &pj, &errors) == AIC_OK) {
      out = aic_projection_to_json(&pj, cat, NULL);
      aic_projection_release(&pj);
    }
    free(out);
    json_decref(doc);
  }
  return (now_ms() - t0) / n;
}

int
main(int argc, char **argv)
{
  int n = argc > 1 ? atoi(argv[1]) : 200;
  struct aic_catalogue *cat = aic_catalogue_load_default(NULL);
  double unit;

  if (cat == NULL || argc < 3 || n < 1) {
    fprintf(stderr, "usage: bench-plan N FILE...\n");
    return 2;
  }
  unit = projection_ms(cat, 2000);
  printf("one projection (parse, project, render): %.4f ms\n", unit);
  for (int f = 2; f < argc; f++) {
    size_t len = 0, configs = 0, bytes = 0;
    char *text = slurp(argv[f], &len);
    double *t = malloc((size_t)n * sizeof *t), sum = 0;

    if (text == NULL || t == NULL)
      return 1;
    for (int i = 0; i < n; i++) {
      double t0 = now_ms();

      if (plan_once(cat, text, len, &configs, &bytes) != 0)
        return 1;
      t[i] = now_ms() - t0;
      sum += t[i];
    }
    qsort(t, (size_t)n, sizeof *t, by_value);
    printf("%s: %zu configurations, answer %zu bytes; p50 %.3f ms, p99 %.3f ms over %d plans; "
           "%.0f configurations/s; p50 = %.1f projections\n",
           argv[f], configs, bytes, t[n / 2], t[(size_t)(n * 0.99)], n, configs / (sum / n / 1e3),
           t[n / 2] / unit);
    free(t);
    free(text);
  }
  aic_catalogue_free(cat);
  return 0;
}
