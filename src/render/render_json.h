/* Private to src/render: the pieces of projection_json.c that other JSON
 * documents nest (a plan's best projection). */
#ifndef AICOST_RENDER_RENDER_JSON_H
#define AICOST_RENDER_RENDER_JSON_H

#include "aicost/projection.h"
#include "json_writer.h"

/* {"version", "hash", "date"} under "catalogue" (nulls without one). */
void aic_render_catalogue_json(struct aic_jw *w, const struct aic_catalogue *cat);
/* One projection as docs/scenario.md has it, under `key` (NULL in an array). */
void aic_render_projection_json(struct aic_jw *w, const char *key, const struct aic_projection *pj,
                                const struct aic_catalogue *cat);

#endif
