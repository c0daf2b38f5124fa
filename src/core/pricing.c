/* The price of one GPU-hour: a catalogue rate, a negotiated override, or
 * the amortised cost of owning the hardware. */
#include "core.h"

#include <math.h>

bool aic_gpu_hourly_price(const struct aic_catalogue *cat, const struct aic_gpu *g,
                          bool is_inline, enum aic_pricing pricing, double override_usd,
                          const char *base, double *out, struct aic_diags *errors)
{
  char ptr[AIC_DIAG_POINTER_MAX], gp[AIC_DIAG_POINTER_MAX], pp[AIC_DIAG_POINTER_MAX];
  const struct aic_defaults *df = &cat->defaults;
  double rate;

  if (aic_has(override_usd)) {
    aic_pointer_join(ptr, sizeof ptr, base, "price_per_gpu_hour_usd");
    return aic_check_range(errors, ptr, override_usd, AIC_NAN, 0, false, AIC_INF, out);
  }
  aic_pointer_join(gp, sizeof gp, base, "gpu");
  aic_pointer_join(pp, sizeof pp, gp, "price_per_hour_usd");
  switch (pricing) {
  case AIC_PRICING_ON_DEMAND:
  case AIC_PRICING_RESERVED:
    rate = pricing == AIC_PRICING_ON_DEMAND ? g->price_on_demand_usd : g->price_reserved_usd;
    if (aic_has(rate) && isfinite(rate) && rate >= 0) {
      *out = rate;
      return true;
    }
    /* Never a silent zero: a missing price is the user's to give. */
    if (is_inline || g->id == NULL) {
      aic_pointer_join(ptr, sizeof ptr, pp, aic_pricing_name(pricing));
      aic_diag_add(errors, ptr, "required for %s pricing; or give price_per_gpu_hour_usd",
                   aic_pricing_name(pricing));
    } else {
      aic_diag_add(errors, gp, "gpu '%s' has no %s price; give price_per_gpu_hour_usd", g->id,
                   aic_pricing_name(pricing));
    }
    return false;
  case AIC_PRICING_OWNED: {
    /* Epoch AI (Cottier et al. 2024, arXiv:2405.21015, section 2.3):
     * amortised hardware + energy per GPU-hour. */
    bool ok = aic_need_gpu_key(errors, g, is_inline, base, g->purchase_usd, "purchase_usd",
                               "for owned pricing; or give price_per_gpu_hour_usd");

    ok = aic_need_gpu_key(errors, g, is_inline, base, g->power_w, "power_w",
                          "for owned pricing; or give price_per_gpu_hour_usd") && ok;
    if (!ok)
      return false;
    if (!(isfinite(df->amortisation_years) && df->amortisation_years > 0 &&
          isfinite(df->pue) && df->pue >= 1 && isfinite(df->electricity_usd_per_kwh) &&
          df->electricity_usd_per_kwh >= 0 && isfinite(g->purchase_usd) &&
          g->purchase_usd >= 0 && isfinite(g->power_w) && g->power_w >= 0)) {
      aic_diag_add(errors, gp, "owned pricing needs purchase_usd >= 0, power_w >= 0 and "
                               "catalogue defaults amortisation_years > 0, pue >= 1, "
                               "electricity_usd_per_kwh >= 0");
      return false;
    }
    *out = g->purchase_usd / (df->amortisation_years * AIC_HOURS_PER_YEAR) +
           g->power_w / 1000.0 * df->pue * df->electricity_usd_per_kwh;
    return true;
  }
  }
  aic_pointer_join(ptr, sizeof ptr, base, "pricing");
  aic_diag_add(errors, ptr, "unknown pricing");
  return false;
}
