/* Fuzz target: bytes as SkyPilot vms.csv files -> the importer (libcsv and
 * every check of src/feeds/skypilot.c). The input is split at its first
 * NUL into GCP's accelerator rows and its host VM rows, and also read
 * whole as another cloud's file. Oracles: the status is OK, INVALID or
 * NOMEM; INVALID writes no YAML and reports an error; OK writes an overlay
 * that the catalogue loader accepts over the built-in default (offers only
 * for known GPUs, no spot above on-demand at one place). */
#include <string.h>

#include "fuzz_common.h"
#include "skypilot.h"

static void
import(const struct sky_file *files, size_t n)
{
  struct aic_buf yaml = { 0 }, log = { 0 };
  struct sky_options opt = { .as_of = "2026-12-01", .command = NULL };
  struct sky_counts counts;
  int rc = sky_import(files, n, &opt, &yaml, &log, &counts);

  if (rc != AIC_OK && rc != AIC_E_INVALID && rc != AIC_E_NOMEM)
    fuzz_fail("sky_import", "unexpected status");
  if (rc == AIC_E_INVALID && (yaml.len != 0 || counts.errors == 0))
    fuzz_fail("sky_import", "bad input wrote YAML or reported no error");
  if (rc == AIC_OK) {
    struct aic_catalogue_layer layers[AIC_CATALOGUE_LAYERS_MAX];
    size_t k = aic_catalogue_default_layers(layers, AIC_CATALOGUE_LAYERS_MAX - 1);
    struct aic_diags d;
    struct aic_catalogue *c;

    aic_diags_init(&d);
    layers[k++] = (struct aic_catalogue_layer){ yaml.p != NULL ? yaml.p : "", yaml.len,
                                                "fuzzed-offers.yaml" };
    c = aic_catalogue_load_layers(layers, k, &d);
    if (c == NULL && d.n > 0)
      fuzz_fail("the imported offers over the default", d.v[0].detail);
    aic_catalogue_free(c);
  }
  aic_buf_free(&yaml);
  aic_buf_free(&log);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  const char *text = (const char *)data;
  const char *nul = memchr(text, '\0', size);
  size_t first = nul != NULL ? (size_t)(nul - text) : size;
  struct sky_file gcp[2] = {
    { .cloud = "gcp", .commit = "f", .name = "gcp.csv", .text = text, .len = first },
    { .cloud = "gcp",
      .commit = "f",
      .name = "gcp_host_vms.csv",
      .text = nul != NULL ? nul + 1 : "",
      .len = nul != NULL ? size - first - 1 : 0 },
  };
  struct sky_file lambda = {
    .cloud = "lambda", .commit = "f", .name = "lambda.csv", .text = text, .len = size
  };

  import(gcp, nul != NULL ? 2 : 1);
  import(&lambda, 1);
  return 0;
}
