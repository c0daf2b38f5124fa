/* Fuzz target: bytes -> JSON or YAML (by content, as the CLI reads a
 * scenario file) -> scenario validation -> core projection -> every format
 * of the table. The whole path a POST /v1/projections body or `aicost
 * project FILE` takes, without the sockets. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  const struct aic_catalogue *cat = fuzz_catalogue();
  struct aic_diags d = AIC_DIAGS_INIT;
  struct aic_scenario sc;
  struct aic_projection pj;
  struct aic_source src;
  int prc = aic_source_parse((const char *)data, size, "fuzz.yaml", 1 << 20, &src, &d);
  int rc;

  if (prc != AIC_OK) {
    fuzz_check_status("aic_source_parse", prc, &d);
    aic_source_release(&src);
    return 0;
  }
  rc = aic_source_scenario(&src, cat, &sc, &d);
  fuzz_check_status("aic_source_scenario", rc, &d);
  if (rc == AIC_OK) {
    memset(&pj, 0, sizeof pj);
    rc = aic_project(cat, &sc, &pj, &d);
    fuzz_check_status("aic_project", rc, &d);
    if (rc == AIC_OK) {
      /* the bands, as the API computes them by default */
      rc = aic_project_bands(cat, &sc, &pj, &d);
      fuzz_check_status("aic_project_bands", rc, &d);
      if (rc == AIC_OK && pj.bands != NULL &&
          !(pj.bands->total_usd.p10 <= pj.bands->total_usd.p50 &&
            pj.bands->total_usd.p50 <= pj.bands->total_usd.p90))
        fuzz_fail("aic_project_bands", "the total's p10, p50 and p90 out of order");
    }
    if (rc == AIC_OK) {
      size_t len = 0;
      char *text;

      text = aic_projection_to_json(&pj, cat, &len);
      fuzz_check_text("aic_projection_to_json", text, len);
      /* What the service returns must be a number a budget can hold. */
      if (!isfinite(pj.total_usd) || !isfinite(pj.training_total_usd))
        fuzz_fail("aic_project", "a non-finite total on success");
      for (size_t f = 1; f < aic_n_formats; f++) { /* JSON, the first, is checked above */
        char *out = aic_formats[f].projection(&pj, NULL, &len);

        if (out == NULL || strlen(out) != len)
          fuzz_fail(aic_formats[f].name, "NULL or a length that disagrees with the text");
        free(out);
      }
    }
    aic_projection_release(&pj);
  }
  aic_source_release(&src);
  return 0;
}
