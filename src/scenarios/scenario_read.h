/* Private to src/scenarios: what the files that read a JSON scenario share
 * (scenario_json.c reads the document, scenario_refs.c the catalogue
 * references and inline entries, scenario_training.c the training
 * section). */
#ifndef AICOST_SCENARIOS_SCENARIO_READ_H
#define AICOST_SCENARIOS_SCENARIO_READ_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "aicost/catalogue.h"
#include "aicost/scenario.h"
#include "schema.h"

/* The context every custom row is given. */
struct sc_ctx {
  const struct aic_catalogue *cat;
};

/* Bounds shared by many rows. They keep every product the core forms finite
 * (3,650 days x 1e12 requests x $1e4 is 3.65e19) while leaving room far
 * beyond any real plan; docs/scenario.md gives the reasons. */
#define MAX_USD_PER_HOUR 1e4   /* a GPU-hour; list prices are $1-$15 */
#define MAX_TOKENS_TRAIN 1e16  /* Llama 3 pretrained on 1.5e13 */
#define MAX_TOKENS_REQ 1e7     /* per request; the longest contexts are ~1e6-1e7 */
#define MAX_PARAMS_B 1e5       /* 100 trillion parameters */
#define MAX_REQUESTS 1e12      /* per day: ~12 million a second */
#define MAX_GPUS 1e7
#define MAX_GPU_HOURS 1e12

#define FRACTION .min = AIC_FRACTION_MIN, .max = 1 /* [0.01, 1]: scenario.h says why */

/* Names of the enums that training and serving share (scenario_json.c). */
extern const struct aic_enum_name sc_pricing_names[];
extern const struct aic_enum_name sc_precision_names[];

/* An object's members, read once: the cross-member rules ask several times
 * whether a member is given, and these objects are small, so a look along
 * the keys (first byte, then strcmp) beats a hashed lookup each time. */
#define MEMBERS_MAX 16
struct members {
  const json_t *obj;
  size_t n;         /* > MEMBERS_MAX: too many, ask jansson */
  const char *key[MEMBERS_MAX];
  const json_t *value[MEMBERS_MAX];
};
void sc_members_read(struct members *m, const json_t *obj);
/* json_object_get */
const json_t *sc_member(const struct members *m, const char *name);
/* aic_json_has */
bool sc_given(const struct members *m, const char *name);

/* scenario_refs.c: the custom rows for a model, a GPU (training or
 * serving) and an API price: a catalogue id, or an inline object with the
 * catalogue's own keys. */
aic_field_custom_fn sc_model_ref;
aic_field_custom_fn sc_training_gpu;
aic_field_custom_fn sc_serving_gpu;
aic_field_custom_fn sc_api_ref;

/* scenario_training.c: the training section's table, and the rules across
 * its members (a lump sum alone, tokens or gpu_hours, rlhf-only members). */
extern const struct aic_field sc_training_fields[];
bool sc_check_training(const json_t *obj, struct aic_where *tp, const struct aic_training *t,
                       struct aic_diags *d);

#endif
