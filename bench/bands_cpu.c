/* What the uncertainty bands cost (issue 14): CPU time of aic_project alone
 * and of aic_project + aic_project_bands, per projection, for scenario
 * files given on the command line (default: a 3,650-day daily self-hosted
 * projection with growth, bench/scenarios/self_hosted_10y.json). Median of
 * 5 rounds of N projections each. Not a test: docs/benchmarks.md has the
 * numbers and the budget (< 5 ms with bands).
 * Usage: bench-bands [-n N] [SCENARIO.json ...] */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aicost/catalogue_io.h"
#include "aicost/json.h"
#include "aicost/projection.h"
#include "aicost/render.h"
#include "aicost/scenarios.h"
#include "bench_util.h"

/* Median CPU ms of one projection, with or without bands (and its JSON
 * when `json`); < 0 on failure. */
static double
time_it(const struct aic_catalogue *cat, const struct aic_scenario *sc, int n, bool bands,
        bool json)
{
  double round[5];

  for (int k = 0; k < 5; k++) {
    double t0 = cpu_ms();

    for (int i = 0; i < n; i++) {
      struct aic_projection pj;
      int r = aic_project(cat, sc, &pj, NULL);

      if (r == AIC_OK && bands)
        r = aic_project_bands(cat, sc, &pj, NULL);
      if (r == AIC_OK && json) {
        char *text = aic_projection_to_json(&pj, cat, NULL);

        r = text != NULL ? AIC_OK : AIC_E_NOMEM;
        free(text);
      }
      aic_projection_release(&pj);
      if (r != AIC_OK)
        return -1;
    }
    round[k] = (cpu_ms() - t0) / n;
  }
  qsort(round, 5, sizeof round[0], by_value);
  return round[2];
}

static int
one(const struct aic_catalogue *cat, const char *path, int n)
{
  struct aic_diags d = AIC_DIAGS_INIT;
  struct aic_scenario sc;
  struct aic_projection pj;
  json_t *doc = NULL;
  double without, with, without_json, with_json;
  FILE *f = fopen(path, "rb");
  char *text;
  long len;

  if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (len = ftell(f)) < 0 ||
      fseek(f, 0, SEEK_SET) != 0 || (text = malloc((size_t)len + 1)) == NULL ||
      fread(text, 1, (size_t)len, f) != (size_t)len) {
    fprintf(stderr, "bench-bands: cannot read %s\n", path);
    return 1;
  }
  fclose(f);
  if (aic_json_parse(text, (size_t)len, &doc, &d) != AIC_OK ||
      aic_scenario_from_json(doc, cat, "", &sc, &d) != AIC_OK ||
      aic_project(cat, &sc, &pj, &d) != AIC_OK || aic_project_bands(cat, &sc, &pj, &d) != AIC_OK) {
    fprintf(stderr, "bench-bands: %s: %s\n", path, d.n ? d.v[0].detail : "invalid");
    return 1;
  }
  without = time_it(cat, &sc, n, false, false);
  with = time_it(cat, &sc, n, true, false);
  without_json = time_it(cat, &sc, n, false, true);
  with_json = time_it(cat, &sc, n, true, true);
  printf("%s: %d days, %zu series points, %d samples, inputs 0x%x\n", path, pj.horizon_days,
         pj.n_series, pj.bands->samples, pj.bands->inputs);
  printf("  aic_project                      %8.3f ms CPU\n", without);
  printf("  aic_project + aic_project_bands  %8.3f ms CPU (bands alone %.3f ms)\n", with,
         with - without);
  printf("  the same and the JSON answer     %8.3f ms CPU (without bands %.3f ms)\n", with_json,
         without_json);
  aic_projection_release(&pj);
  json_decref(doc);
  free(text);
  return without < 0 || with < 0 || without_json < 0 || with_json < 0;
}

int
main(int argc, char **argv)
{
  int n = 200, rc = 0, files = 0;
  struct aic_catalogue *cat = aic_catalogue_load_default(NULL);

  if (cat == NULL)
    return 1;
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "-n") == 0 && i + 1 < argc) {
      n = atoi(argv[++i]);
      if (n < 1)
        n = 1;
      continue;
    }
    rc |= one(cat, argv[i], n);
    files++;
  }
  if (files == 0)
    rc = one(cat, AICOST_BENCH_DIR "/scenarios/self_hosted_10y.json", n);
  aic_catalogue_free(cat);
  return rc;
}
