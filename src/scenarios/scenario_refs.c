/* Catalogue references in a scenario: "model", "training.gpu",
 * "inference.self_hosted.gpu" and "inference.api" name a catalogue entry by
 * id, resolved here against the catalogue the scenario is read with; a
 * model or a GPU may instead be given inline (the catalogue's own table,
 * catalogue_tables.c, reads it). An unknown id is an error that suggests
 * the nearest ones. */
#include <string.h>

#include "aicost/util.h"
#include "scenario_read.h"

/* clang-format off */
static const char *const section_label[] = {
  [AIC_SECTION_GPUS] = "gpu",
  [AIC_SECTION_MODELS] = "model",
  [AIC_SECTION_API_PRICES] = "api price",
};
/* clang-format on */

/* "unknown gpu 'h100'; did you mean 'h100-sxm' or 'h100-pcie'?" */
static int
unknown_id(const struct aic_catalogue *cat, enum aic_section section, const char *id,
           struct aic_where *at, struct aic_run *run)
{
  const char *near[2];
  size_t n = aic_catalogue_suggest(cat, section, id, near, 2);
  char quoted[64];

  aic_quote_short(quoted, sizeof quoted, id);
  if (n == 2)
    aic_report(run, at, "unknown %s %s; did you mean '%s' or '%s'?", section_label[section], quoted,
               near[0], near[1]);
  else if (n == 1)
    aic_report(run, at, "unknown %s %s; did you mean '%s'?", section_label[section], quoted,
               near[0]);
  else
    aic_report(run, at, "unknown %s %s: not in catalogue %s", section_label[section], quoted,
               cat->version ? cat->version : "");
  return AIC_E_INVALID;
}

int
sc_resolve_model(const struct aic_field *row, const char *id, struct aic_where *at, void *dst,
                 struct aic_run *run)
{
  const struct aic_model *m = aic_catalogue_model(run->ctx, id);

  (void)row;
  if (m == NULL)
    return unknown_id(run->ctx, AIC_SECTION_MODELS, id, at, run);
  memcpy(dst, m, sizeof *m);
  return 0;
}

int
sc_resolve_gpu(const struct aic_field *row, const char *id, struct aic_where *at, void *dst,
               struct aic_run *run)
{
  const struct aic_gpu *g = aic_catalogue_gpu(run->ctx, id);

  (void)row;
  if (g == NULL)
    return unknown_id(run->ctx, AIC_SECTION_GPUS, id, at, run);
  memcpy(dst, g, sizeof *g);
  return 0;
}

int
sc_resolve_api_price(const struct aic_field *row, const char *id, struct aic_where *at, void *dst,
                     struct aic_run *run)
{
  const struct aic_api_price *p = aic_catalogue_api_price(run->ctx, id);

  (void)row;
  if (p == NULL)
    return unknown_id(run->ctx, AIC_SECTION_API_PRICES, id, at, run);
  memcpy(dst, p, sizeof *p);
  return 0;
}

/* A site is no section of aic_catalogue_suggest (the HTTP catalogue's
 * sections are gpus, models and api prices): its own suggestions. */
int
sc_resolve_site(const struct aic_field *row, const char *id, struct aic_where *at, void *dst,
                struct aic_run *run)
{
  const struct aic_catalogue *cat = run->ctx;
  const struct aic_site *s = aic_catalogue_site(cat, id);
  const char *near[2];
  char quoted[64];
  size_t n;

  (void)row;
  if (s != NULL) {
    memcpy(dst, s, sizeof *s);
    return 0;
  }
  n = aic_catalogue_suggest_site(cat, id, near, 2);
  aic_quote_short(quoted, sizeof quoted, id);
  if (n == 2)
    aic_report(run, at, "unknown site %s; did you mean '%s' or '%s'?", quoted, near[0], near[1]);
  else if (n == 1)
    aic_report(run, at, "unknown site %s; did you mean '%s'?", quoted, near[0]);
  else
    aic_report(run, at, "unknown site %s: not in catalogue %s (its sites: GET /v1/catalogue)",
               quoted, cat->version ? cat->version : "");
  return AIC_E_INVALID;
}
