/* The parts of a projection's JSON (projection_json.c) that live in their
 * own files: its "bands" (projection_bands_json.c) and its "energy"
 * (projection_energy_json.c), written the same way, from tables of members
 * by the one JSON writer. projection_json.c nests them in place. Not part
 * of the public API. */
#ifndef AICOST_RENDER_PROJECTION_JSON_H
#define AICOST_RENDER_PROJECTION_JSON_H

#include "aicost/render.h"
#include "json_writer.h"

#define N_FIELDS(t) (sizeof t / sizeof t[0])

/* A stage's name, for AIC_JW_NAMED (which reads the enum as an int). */
const char *aic_render_stage_name(int v);

/* The projection's "bands" object (pj->bands not NULL). */
void aic_projection_bands_json(struct aic_jw *w, const struct aic_projection *pj);

/* The projection's "energy" object. */
void aic_projection_energy_json(struct aic_jw *w, const struct aic_energy_result *e);

#endif
