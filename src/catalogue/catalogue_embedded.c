/* The default catalogue, compiled in from config/catalogue.yaml and the
 * generated API prices layered on it (config/catalogue.d/api-prices.yaml)
 * at build time (config/meson.build runs src/tools/embed.py), so that
 * aicost and aicostd work with no file on disk. */
#include "aicost/catalogue_io.h"

extern const char aic_catalogue_yaml_text[];
extern const size_t aic_catalogue_yaml_text_len;
extern const char aic_api_prices_yaml_text[];
extern const size_t aic_api_prices_yaml_text_len;

/* The names errors are reported under: the files it was built from. */
#define EMBEDDED_NAME "config/catalogue.yaml"
#define EMBEDDED_API_NAME "config/catalogue.d/api-prices.yaml"

const char *
aic_catalogue_default_text(size_t *len)
{
  if (len != NULL)
    *len = aic_catalogue_yaml_text_len;
  return aic_catalogue_yaml_text;
}

size_t
aic_catalogue_default_layers(struct aic_catalogue_layer *out, size_t max)
{
  const struct aic_catalogue_layer layers[] = {
    { aic_catalogue_yaml_text, aic_catalogue_yaml_text_len, EMBEDDED_NAME },
    { aic_api_prices_yaml_text, aic_api_prices_yaml_text_len, EMBEDDED_API_NAME },
  };
  size_t n = sizeof layers / sizeof layers[0];

  for (size_t i = 0; i < n && i < max; i++)
    out[i] = layers[i];
  return n;
}

struct aic_catalogue *
aic_catalogue_load_default(struct aic_diags *errors)
{
  struct aic_catalogue_layer layers[AIC_CATALOGUE_LAYERS_MAX];
  size_t n = aic_catalogue_default_layers(layers, AIC_CATALOGUE_LAYERS_MAX);

  return aic_catalogue_load_layers(layers, n, errors);
}
