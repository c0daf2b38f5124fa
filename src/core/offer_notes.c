/* What `aicost catalogue check` notes about prices that are allowed but
 * worth a look: within one provider, a faster part (more dense bf16
 * TFLOP/s and more memory bandwidth) whose on-demand price is lower than a
 * slower part's. Newer silicon sold below older silicon happens (an old
 * part's price lags, a new one is promoted), so it is a note, not an
 * error; the errors (spot or reserved above on-demand, a date in the
 * future) are the loader's. */
#include "aicost/catalogue.h"
#include "aicost/diag.h"

#include <stdio.h>
#include <string.h>

/* A provider's cheapest on-demand offer for g, or NULL. */
static const struct aic_offer *
on_demand(const struct aic_gpu *g, const char *provider)
{
  return aic_offer_pick(g, AIC_OFFER_ON_DEMAND, provider, NULL, NULL, NULL);
}

static bool
faster(const struct aic_gpu *a, const struct aic_gpu *b)
{
  return a->peak_tflops[AIC_BF16] > b->peak_tflops[AIC_BF16] &&
         a->memory_bandwidth_tb_s > b->memory_bandwidth_tb_s;
}

size_t
aic_catalogue_offer_notes(const struct aic_catalogue *c, struct aic_diags *notes)
{
  size_t n = 0;

  for (size_t i = 0; i < c->n_gpus; i++) {
    const struct aic_gpu *fast = &c->gpus[i];

    for (size_t k = 0; k < fast->n_offers && k < AIC_OFFERS_MAX; k++) {
      const struct aic_offer *o = &fast->offers[k], *mine;

      if (o->kind != AIC_OFFER_ON_DEMAND)
        continue;
      mine = on_demand(fast, o->provider);
      if (mine != o)
        continue; /* each provider once per GPU: at its cheapest offer */
      for (size_t j = 0; j < c->n_gpus; j++) {
        const struct aic_gpu *slow = &c->gpus[j];
        const struct aic_offer *theirs;
        char where[AIC_DIAG_POINTER_MAX];

        if (j == i || !faster(fast, slow))
          continue;
        theirs = on_demand(slow, o->provider);
        if (theirs == NULL || !(mine->price_per_gpu_hour_usd < theirs->price_per_gpu_hour_usd))
          continue;
        snprintf(where, sizeof where, "gpus.%s.offers", fast->id);
        aic_diag_add(notes, where,
                     "%s sells %s on demand at $%g/h, below its $%g/h for the "
                     "slower %s (allowed; check the prices are current)",
                     o->provider, fast->id, mine->price_per_gpu_hour_usd,
                     theirs->price_per_gpu_hour_usd, slow->id);
        n++;
      }
    }
  }
  return n;
}
