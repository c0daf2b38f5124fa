/* The default catalogue, compiled in from config/catalogue.yaml at build
 * time (config/meson.build runs src/tools/embed.py), so that aicost and
 * aicostd work with no file on disk. */
#include "aicost/catalogue_io.h"

extern const char aic_catalogue_yaml_text[];
extern const size_t aic_catalogue_yaml_text_len;

/* The name errors are reported under: the file it was built from. */
#define EMBEDDED_NAME "config/catalogue.yaml"

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
  return aic_catalogue_load(aic_catalogue_yaml_text, aic_catalogue_yaml_text_len, EMBEDDED_NAME,
                            errors);
}
