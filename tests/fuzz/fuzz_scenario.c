/* Fuzz target: bytes -> JSON -> scenario validation -> core projection ->
 * projection JSON, CSV and SVG. The whole path a POST /v1/projections body
 * takes, without the sockets. */
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
  json_t *doc;
  int prc = aic_json_parse((const char *)data, size, &doc, &d);
  int rc;

  if (prc != AIC_OK) {
    fuzz_check_status("aic_json_parse", prc, &d);
    return 0;
  }
  rc = aic_scenario_from_json(doc, cat, "", &sc, &d);
  fuzz_check_status("aic_scenario_from_json", rc, &d);
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
      char *csv, *svg, *text;

      text = aic_projection_to_json(&pj, cat, &len);
      fuzz_check_text("aic_projection_to_json", text, len);
      /* What the service returns must be a number a budget can hold. */
      if (!isfinite(pj.total_usd) || !isfinite(pj.training_total_usd))
        fuzz_fail("aic_project", "a non-finite total on success");
      csv = aic_projection_to_csv(&pj, NULL, &len);
      if (csv == NULL || strlen(csv) != len)
        fuzz_fail("aic_projection_to_csv", "NULL or a length that disagrees with the text");
      free(csv);
      svg = aic_projection_to_svg(&pj, NULL, &len);
      if (svg == NULL || strlen(svg) != len)
        fuzz_fail("aic_projection_to_svg", "NULL or a length that disagrees with the text");
      free(svg);
    }
    aic_projection_release(&pj);
  }
  json_decref(doc);
  return 0;
}
