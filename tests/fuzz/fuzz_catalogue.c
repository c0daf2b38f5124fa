/* Fuzz target: catalogue YAML -> the strict loader -> catalogue JSON, then
 * a projection of a self-hosted and a training scenario built in code from
 * the fuzzed catalogue's first entries, so that strange but accepted
 * catalogue values also reach the core. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"

static void
project_with(const struct aic_catalogue *cat)
{
  struct aic_scenario sc;
  struct aic_projection pj;
  struct aic_diags d = AIC_DIAGS_INIT;
  int rc;

  if (cat->n_gpus == 0 || cat->n_models == 0)
    return;
  aic_scenario_init(&sc);
  sc.has_model = true;
  sc.model = cat->models[0];
  sc.training.present = true;
  sc.training.has_gpu = true;
  sc.training.gpu = cat->gpus[0];
  sc.training.gpu_count = 8;
  sc.training.stages[AIC_STAGE_PRETRAINING].present = true;
  sc.training.stages[AIC_STAGE_PRETRAINING].tokens = 1e9;
  sc.inference.kind = AIC_INF_SELF_HOSTED;
  sc.inference.self_hosted.has_gpu = true;
  sc.inference.self_hosted.gpu = cat->gpus[cat->n_gpus - 1];
  sc.traffic.requests_per_day = 1e5;
  sc.traffic.input_tokens = 500;
  sc.traffic.output_tokens = 200;
  memset(&pj, 0, sizeof pj);
  rc = aic_project(cat, &sc, &pj, &d);
  fuzz_check_status("aic_project (fuzzed catalogue)", rc, &d);
  if (rc == AIC_OK) {
    /* the bands read the catalogue's spreads and offers */
    rc = aic_project_bands(cat, &sc, &pj, &d);
    fuzz_check_status("aic_project_bands (fuzzed catalogue)", rc, &d);
  }
  if (rc == AIC_OK) {
    size_t len = 0;
    char *text = aic_projection_to_json(&pj, cat, &len);

    fuzz_check_text("aic_projection_to_json (fuzzed catalogue)", text, len);
  }
  aic_projection_release(&pj);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  struct aic_diags d = AIC_DIAGS_INIT;
  struct aic_catalogue *cat = aic_catalogue_load((const char *)data, size, "fuzz.yaml", &d);

  if (cat == NULL) {
    /* Never half-built and never silent: a refusal names a problem. */
    if (d.n == 0)
      fuzz_fail("aic_catalogue_load", "NULL without any diagnostic");
    return 0;
  }
  json_t *j = aic_catalogue_to_json(cat);

  fuzz_check_json("aic_catalogue_to_json", j);
  json_decref(j);
  for (size_t i = 0; i + 1 < cat->n_gpus; i++)
    if (strcmp(cat->gpus[i].id, cat->gpus[i + 1].id) >= 0)
      fuzz_fail("aic_catalogue_load", "gpus not sorted by id (lookups are binary searches)");
  for (size_t i = 0; i < cat->n_gpus; i++)
    if (aic_catalogue_gpu(cat, cat->gpus[i].id) != &cat->gpus[i])
      fuzz_fail("aic_catalogue_gpu", "an id that is in the catalogue is not found");
  project_with(cat);
  aic_catalogue_free(cat);
  return 0;
}
