/* A scenario or a comparison request as its author wrote it: JSON or YAML,
 * told apart by the bytes, never by the file's name, so that `aicost
 * project bot.yaml`, a .json file holding YAML and stdin all read alike. A
 * YAML document keeps its tree, so that every problem (the engine's and the
 * core's) is reported at its file:line:col with the key path, as the named
 * scenarios of the server are. */
#include <stdint.h>
#include <string.h>

#include "aicost/json.h"
#include "aicost/scenarios.h"
#include "aicost/yaml.h"
#include "scenario_read.h"

bool
aic_source_is_json(const char *text, size_t len)
{
  size_t i = 0;

  if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
    i = 3; /* a byte-order mark, as some editors on Windows write */
  while (i < len && strchr(" \t\r\n", text[i]) != NULL && text[i] != '\0')
    i++;
  /* a YAML file starts with a key, a comment, '---' or '-' (a list); a
   * flow mapping '{' is JSON's syntax and is read as JSON */
  return i < len && (text[i] == '{' || text[i] == '[');
}

int
aic_source_parse(const char *text, size_t len, const char *filename, size_t max_bytes,
                 struct aic_source *out, struct aic_diags *errors)
{
  int r;

  memset(out, 0, sizeof *out);
  if (aic_source_is_json(text, len))
    return aic_json_parse(text, len, &out->doc, errors);
  r = aic_yaml_parse(text, len, filename, max_bytes, &out->yaml, errors);
  if (r != AIC_OK)
    return r;
  out->doc = json_incref(aic_yaml_json(out->yaml)); /* NULL when empty: the engine says so */
  return AIC_OK;
}

void
aic_source_release(struct aic_source *s)
{
  if (s == NULL)
    return;
  json_decref(s->doc);
  aic_yaml_free(s->yaml);
  memset(s, 0, sizeof *s);
}

int
aic_source_scenario(const struct aic_source *s, const struct aic_catalogue *cat,
                    struct aic_scenario *sc, struct aic_diags *errors)
{
  struct aic_run run;

  aic_run_init(&run, errors, NULL);
  run.yaml = s->yaml;
  return sc_read(s->doc, cat, "", sc, &run);
}

int
aic_source_comparison(const struct aic_source *s, const struct aic_catalogue *cat,
                      struct aic_scenario **out, struct aic_plan_choice **plans, size_t *n,
                      int *horizon_days, struct aic_diags *errors)
{
  struct aic_run run;

  aic_run_init(&run, errors, (void *)(uintptr_t)cat);
  run.yaml = s->yaml;
  return sc_comparison_read(s->doc, &run, out, plans, n, horizon_days);
}

void
aic_source_place(const struct aic_source *s, const struct aic_diags *from, struct aic_diags *to)
{
  struct aic_run run;

  aic_run_init(&run, to, NULL);
  run.yaml = s->yaml;
  for (size_t i = 0; i < from->n; i++)
    aic_report_pointer(&run, from->v[i].pointer, from->v[i].detail);
  to->dropped += from->dropped;
}
