/* Fuzz target: a comparison request (scenarios, and plans standing for
 * their best set-up) -> validation and planning -> aic_compare ->
 * comparison JSON, CSV and SVG (POST /v1/comparisons without sockets). */
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  const struct aic_catalogue *cat = fuzz_catalogue();
  struct aic_diags d = AIC_DIAGS_INIT;
  struct aic_scenario *scs = NULL;
  struct aic_plan_choice *plans = NULL;
  size_t n = 0;
  int horizon = 0, rc;
  json_t *doc;
  int prc = aic_json_parse((const char *)data, size, &doc, &d);

  if (prc != AIC_OK) {
    fuzz_check_status("aic_json_parse", prc, &d);
    return 0;
  }
  rc = aic_comparison_request_from_json(doc, cat, &scs, &plans, &n, &horizon, &d);
  fuzz_check_status("aic_comparison_request_from_json", rc, &d);
  if (rc == AIC_OK) {
    struct aic_comparison cmp;

    if (n < AIC_COMPARE_MIN || n > AIC_COMPARE_MAX)
      fuzz_fail("aic_comparison_request_from_json", "accepted a count outside 2..16");
    memset(&cmp, 0, sizeof cmp);
    rc = aic_compare(cat, scs, n, horizon, &cmp, &d);
    fuzz_check_status("aic_compare", rc, &d);
    cmp.plans = plans;
    if (rc == AIC_OK) {
      rc = aic_comparison_bands(cat, scs, n, &cmp, &d);
      fuzz_check_status("aic_comparison_bands", rc, &d);
    }
    if (rc == AIC_OK) {
      size_t len = 0;
      char *csv, *svg, *text;

      text = aic_comparison_to_json(&cmp, cat, &len);
      fuzz_check_text("aic_comparison_to_json", text, len);
      /* The ranking is a permutation of the inputs. */
      for (size_t i = 0; i < cmp.n; i++) {
        size_t seen = 0;

        for (size_t k = 0; k < cmp.n; k++)
          seen += cmp.rank[k] == i;
        if (seen != 1)
          fuzz_fail("aic_compare", "the ranking is not a permutation of the options");
      }
      csv = aic_comparison_to_csv(&cmp, NULL, &len);
      if (csv == NULL || strlen(csv) != len)
        fuzz_fail("aic_comparison_to_csv", "NULL or a wrong length");
      free(csv);
      svg = aic_comparison_to_svg(&cmp, NULL, &len);
      if (svg == NULL || strlen(svg) != len)
        fuzz_fail("aic_comparison_to_svg", "NULL or a wrong length");
      free(svg);
    }
    aic_comparison_release(&cmp);
  }
  free(plans);
  free(scs);
  json_decref(doc);
  return 0;
}
