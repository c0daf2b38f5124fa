/* The JSON Schemas of the documents aicost reads, printed from the tables
 * that read them (src/schema/json_schema.c): `aicost schema NAME` and
 * GET /v1/schemas/{name}. config/schemas holds the same, for editors. */
#include <stdio.h>
#include <string.h>

#include "aicost/scenarios.h"
#include "scenario_read.h"

static const struct {
  const char *name;
  const struct aic_table *table;
} schemas[] = {
  { "scenario", &sc_scenario_table },
  { "comparison", &sc_comparison_table },
  { "catalogue", &aic_catalogue_table },
  { "plan", &sc_plan_table },
};

const char *
aic_json_schema_name(size_t i)
{
  return i < sizeof schemas / sizeof schemas[0] ? schemas[i].name : NULL;
}

int
aic_json_schema(const char *name, json_t **out)
{
  char id[64];

  *out = NULL;
  for (size_t i = 0; i < sizeof schemas / sizeof schemas[0]; i++) {
    if (strcmp(schemas[i].name, name) != 0)
      continue;
    snprintf(id, sizeof id, "urn:aicost:schema:%s", name);
    *out = aic_table_json_schema(schemas[i].table, id, schemas[i].table->name);
    return *out != NULL ? AIC_OK : AIC_E_NOMEM;
  }
  return AIC_E_INVALID;
}
