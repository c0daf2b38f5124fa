/* Fuzz target: a genai-prices feed -> the importer. Oracles: the status is
 * one of the documented ones; bad input writes no catalogue and names at
 * least one error; and whatever the importer writes loads, as a layer, on
 * the default catalogue's base with no error: the importer never emits
 * YAML the loader would refuse (numbers, quoting, tiers, windows, dates). */
#include <stdlib.h>
#include <string.h>

#include "aicost/feeds.h"
#include "fuzz_common.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  struct aic_feed_options opt = { .file = "fuzz.json", .as_of = "2026-08-21", .commit = "fuzz" };
  struct aic_feed_counts counts;
  struct aic_buf yaml = { 0 }, log = { 0 };
  int rc = aic_feed_genai_prices((const char *)data, size, &opt, &yaml, &log, &counts);

  if (rc != AIC_OK && rc != AIC_E_SYNTAX && rc != AIC_E_INVALID && rc != AIC_E_NOMEM)
    fuzz_fail("aic_feed_genai_prices", "an undocumented status");
  if (rc == AIC_E_SYNTAX || rc == AIC_E_INVALID) {
    if (yaml.len != 0)
      fuzz_fail("aic_feed_genai_prices", "bad input, yet a catalogue was written");
    if (counts.errors == 0 || log.len == 0)
      fuzz_fail("aic_feed_genai_prices", "bad input without an error in the report");
  }
  if (rc == AIC_OK && counts.entries > 0) {
    struct aic_diags d = AIC_DIAGS_INIT;
    struct aic_catalogue_layer l[2];
    struct aic_catalogue *c;

    l[0].text = aic_catalogue_default_text(&l[0].len);
    l[0].name = "base.yaml";
    l[1] = (struct aic_catalogue_layer){ yaml.p, yaml.len, "imported.yaml" };
    c = aic_catalogue_load_layers(l, 2, &d);
    /* an id the base keeps by hand (the fuzzer may name one) is the only
     * refusal allowed: the real import leaves those out with --except */
    if (c == NULL && !(d.n > 0 && strstr(d.v[0].detail, "already in the catalogue") != NULL)) {
      fputs(yaml.p, stderr);
      fuzz_fail("aic_catalogue_load_layers", d.n > 0 ? d.v[0].detail : "imported YAML refused");
    }
    aic_catalogue_free(c);
  }
  aic_buf_free(&yaml);
  aic_buf_free(&log);
  return 0;
}
