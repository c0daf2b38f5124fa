/* Fuzz target: bytes -> JSON -> scenario validation -> core projection ->
 * projection JSON, CSV and SVG. The whole path a POST /v1/projections body
 * takes, without the sockets. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  const struct aic_catalogue *cat = fuzz_catalogue();
  struct aic_diags d = { 0 };
  struct aic_scenario sc;
  struct aic_projection pj;
  json_t *doc = aic_json_parse((const char *)data, size, &d);
  int rc;

  if (doc == NULL) {
    fuzz_check_status("aic_json_parse", AIC_E_SYNTAX, &d);
    return 0;
  }
  rc = aic_scenario_from_json(doc, cat, "", &sc, &d);
  fuzz_check_status("aic_scenario_from_json", rc, &d);
  if (rc == AIC_OK) {
    memset(&pj, 0, sizeof pj);
    rc = aic_project(cat, &sc, &pj, &d);
    fuzz_check_status("aic_project", rc, &d);
    if (rc == AIC_OK) {
      json_t *j = aic_projection_to_json(&pj, cat);
      size_t len = 0;
      char *csv, *svg;

      fuzz_check_json("aic_projection_to_json", j);
      json_decref(j);
      /* What the service returns must be a number a budget can hold. */
      if (!isfinite(pj.total_usd) || !isfinite(pj.training_total_usd))
        fuzz_fail("aic_project", "a non-finite total on success");
      csv = aic_projection_to_csv(&pj, &len);
      if (csv == NULL || strlen(csv) != len)
        fuzz_fail("aic_projection_to_csv", "NULL or a length that disagrees with the text");
      free(csv);
      svg = aic_projection_to_svg(&pj, &len);
      if (svg == NULL || strlen(svg) != len)
        fuzz_fail("aic_projection_to_svg", "NULL or a length that disagrees with the text");
      free(svg);
    }
    aic_projection_release(&pj);
  } else {
    json_t *e = aic_diags_to_json(&d);

    fuzz_check_json("aic_diags_to_json", e);
    json_decref(e);
  }
  json_decref(doc);
  return 0;
}
