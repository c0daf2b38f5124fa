/* The catalogue as JSON, written by the tables that read it
 * (catalogue_tables.c): the YAML keys plus `id` and the file's `hash`.
 * Absent optional numbers (NAN) are written as null and every key is
 * always present, as in projections: a client never has to tell "missing"
 * from "unknown key". peak_tflops always lists the seven precisions, null
 * where the part lacks one. Returns NULL only when jansson cannot
 * allocate. */
#include "aicost/catalogue_io.h"
#include "catalogue_tables.h"

json_t *
aic_gpu_to_json(const struct aic_gpu *g)
{
  return aic_table_to_json(&aic_gpu_table, g);
}

json_t *
aic_model_to_json(const struct aic_model *m)
{
  return aic_table_to_json(&aic_model_table, m);
}

json_t *
aic_api_price_to_json(const struct aic_api_price *p)
{
  return aic_table_to_json(&aic_api_price_table, p);
}

json_t *
aic_catalogue_to_json(const struct aic_catalogue *c)
{
  return aic_table_to_json(&aic_catalogue_table, c);
}
