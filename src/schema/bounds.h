/* Bounds that several tables share, so that one quantity has one range
 * wherever it is given (a GPU-hour's price in the catalogue and in a
 * scenario, an MFU as a catalogue default and as a scenario's override).
 * They keep every product the core forms finite (3,650 days x 1e12
 * requests x $1e4 is 3.65e19) while leaving room far beyond any real plan;
 * docs/scenario.md and docs/catalogue.md give the reasons. */
#ifndef AICOST_SCHEMA_BOUNDS_H
#define AICOST_SCHEMA_BOUNDS_H

#include "aicost/scenario.h" /* AIC_FRACTION_MIN */

#define AIC_MAX_USD_PER_HOUR 1e4  /* a GPU-hour; list prices are $1-$15 */
#define AIC_MAX_USD_PER_MTOK 1e4  /* a million tokens; list prices are $0.02-$600 */
#define AIC_MAX_TOKENS_TRAIN 1e16 /* Llama 3 pretrained on 1.5e13 */
#define AIC_MAX_TOKENS_REQ 1e7    /* per request; the longest contexts are ~1e6-1e7 */
#define AIC_MAX_PARAMS_B 1e5      /* 100 trillion parameters */
#define AIC_MAX_REQUESTS 1e12     /* per day: ~12 million a second */
#define AIC_MAX_GPUS 1e7
#define AIC_MAX_GPU_HOURS 1e12
#define AIC_MAX_BATCH 1e6 /* concurrent sequences per replica */
#define AIC_MAX_PEAK_TO_AVERAGE 1e3
#define AIC_MAX_BUDGET_USD 1e15 /* a horizon's budget; world GDP is ~1e14 a year */

/* Row initialisers: [AIC_FRACTION_MIN, 1] (every fraction here is an
 * efficiency, a utilisation or an MFU factor that divides a bill: 1e-300
 * was "in range" and gave 1.3e300 GPUs; include/aicost/scenario.h); [lo,
 * hi]; (0, hi]. */
#define AIC_FRACTION .min = AIC_FRACTION_MIN, .max = 1
#define AIC_AT_LEAST(lo, hi) .min = (lo), .max = (hi)
#define AIC_POSITIVE(hi) .min = 0, .gt = true, .max = (hi)

#endif
