/* The default catalogue, compiled in at build time (config/meson.build runs
 * src/tools/embed.py on each file), so that aicost and aicostd work with no
 * file on disk: config/catalogue.yaml, then config/catalogue.d/ *.yaml in
 * name order, layered by the one merge function. A test holds the list
 * below to the directory's files. */
#include "aicost/catalogue_io.h"

extern const char aic_catalogue_yaml_text[];
extern const size_t aic_catalogue_yaml_text_len;
extern const char aic_api_prices_yaml_text[];
extern const size_t aic_api_prices_yaml_text_len;
extern const char aic_catalogue_gpu_offers_text[];
extern const size_t aic_catalogue_gpu_offers_text_len;

/* The names errors are reported under: the files they were built from. */
#define N_LAYERS 3

size_t
aic_catalogue_default_layers(struct aic_catalogue_layer *out, size_t max)
{
  const struct aic_catalogue_layer layers[N_LAYERS] = {
    { aic_catalogue_yaml_text, aic_catalogue_yaml_text_len, "config/catalogue.yaml" },
    { aic_api_prices_yaml_text, aic_api_prices_yaml_text_len,
      "config/catalogue.d/api-prices.yaml" },
    { aic_catalogue_gpu_offers_text, aic_catalogue_gpu_offers_text_len,
      "config/catalogue.d/gpu-offers.yaml" },
  };

  if (max < N_LAYERS)
    return 0;
  for (size_t i = 0; i < N_LAYERS; i++)
    out[i] = layers[i];
  return N_LAYERS;
}

const char *
aic_catalogue_default_text(size_t *len)
{
  if (len != NULL)
    *len = aic_catalogue_yaml_text_len;
  return aic_catalogue_yaml_text;
}

struct aic_catalogue *
aic_catalogue_load_default(struct aic_diags *errors)
{
  struct aic_catalogue_layer layers[N_LAYERS];
  size_t n = aic_catalogue_default_layers(layers, N_LAYERS);

  return aic_catalogue_load_layers(layers, n, errors);
}
