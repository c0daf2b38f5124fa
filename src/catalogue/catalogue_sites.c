/* The catalogue's `sites` (docs/catalogue.md, "Sites"): where GPUs run, for
 * energy and emissions. A site is a data centre's PUE and its grid's
 * average carbon intensity (location-based) with that average's year and
 * source; a site that names a provider and a region is that provider's
 * default for offers in the region. The bounds are the energy
 * model's (include/aicost/scenario.h): PUE 1 ... 3, intensity 0 ... 2,000
 * g/kWh. */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "bounds.h"
#include "catalogue_tables.h"

#define S(m) offsetof(struct aic_site, m)
/* clang-format off */
static const struct aic_field site_rows[] = {
  { "id", AIC_K_STRING, S(id), .output_only = true },
  { "name", AIC_K_STRING, S(name), .min = 1, .max = 200, .required = true,
    .description = "A label for people." },
  { "provider", AIC_K_STRING, S(provider), .pattern = &aic_catalogue_id,
    .description = "The provider whose region this is, as offers name it (with region): the "
                   "site of that provider's offers in the region." },
  { "region", AIC_K_STRING, S(region), .min = 1, .max = 64,
    .description = "The provider's region, as its offers name it (with provider)." },
  { "pue", AIC_K_REAL, S(pue), AIC_AT_LEAST(1, AIC_PUE_MAX), .required = true,
    .description = "Power usage effectiveness: the data centre's energy / its IT equipment's." },
  { "gco2e_per_kwh", AIC_K_REAL, S(gco2e_per_kwh), AIC_AT_LEAST(0, AIC_GCO2E_PER_KWH_MAX),
    .required = true,
    .unit = "gCO2e per kWh",
    .description = "The grid's average carbon intensity (location-based), grams CO2e per kWh." },
  { "year", AIC_K_REAL, S(year), AIC_AT_LEAST(1990, 2100), .whole = true, .required = true,
    .description = "The year the intensity is the average of." },
  { "source", AIC_K_STRING, S(source), .min = 1, .max = 1000, .required = true,
    .description = "Where the PUE and the intensity were read." },
  { "as_of", AIC_K_DATE, S(as_of), .required = true, .description = "The day they were read." },
  { 0 },
};
/* clang-format on */
/* clang-format off */
static const struct aic_rule site_rules[] = {
  /* a region means nothing without the provider whose offers name it */
  { AIC_R_EXCLUDES, .member = "provider", .unless = true,
    .names = (const char *const[]){ "region", NULL }, .message = "needs provider" },
  { AIC_R_EXCLUDES, .member = "region", .unless = true,
    .names = (const char *const[]){ "provider", NULL }, .message = "needs region" },
  { 0 },
};
/* clang-format on */
const struct aic_table aic_site_table = {
  .name = "Site",
  .description = "Where GPUs run: the data centre's PUE and the grid's carbon intensity, with "
                 "their source; with provider and region, the default for that provider's "
                 "offers there.",
  .size = sizeof(struct aic_site),
  .rows = site_rows,
  .rules = site_rules,
};

int
cat_sites_check(struct aic_where *at, const void *out, struct aic_run *run)
{
  const struct aic_catalogue *c = out;
  bool ok = true;

  for (size_t i = 0; i < c->n_sites; i++) {
    const struct aic_site *s = &c->sites[i];

    if (s->provider == NULL || s->region == NULL)
      continue;
    for (size_t j = 0; j < i; j++) {
      const struct aic_site *t = &c->sites[j];
      struct aic_where sites, site, region;

      if (t->provider == NULL || t->region == NULL || strcmp(s->provider, t->provider) != 0 ||
          strcmp(s->region, t->region) != 0)
        continue;
      aic_where_init(&sites, at, NULL, "sites");
      aic_where_init(&site, &sites, NULL, s->id);
      aic_where_init(&region, &site, NULL, "region");
      aic_report(run, &region, "site '%s' is already %s's %s: one site per provider region", t->id,
                 s->provider, s->region);
      ok = false;
      break;
    }
  }
  return ok ? 0 : AIC_E_INVALID;
}
