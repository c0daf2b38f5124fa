/* Shared by the libFuzzer targets: the oracles every target applies on top
 * of the sanitizers. A violation calls abort() so that libFuzzer saves the
 * input as a crash. */
#ifndef AICOST_FUZZ_COMMON_H
#define AICOST_FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <jansson.h>

#include "aicost/diag.h"
#include "aicost/catalogue_io.h"
#include "aicost/json.h"
#include "aicost/render.h"
#include "aicost/scenarios.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The default catalogue, loaded once per process (never freed: libFuzzer
 * ends with exit, and LeakSanitizer only looks at what is unreachable). */
const struct aic_catalogue *fuzz_catalogue(void);

/* Aborts with a message on stderr. */
_Noreturn void fuzz_fail(const char *what, const char *detail);

/* A status from core or io is 0, AIC_E_INVALID, AIC_E_SYNTAX or AIC_E_NOMEM,
 * and a client error always names at least one problem. */
void fuzz_check_status(const char *where, int rc, const struct aic_diags *d);

/* Serialises j (not stolen), checks that the text parses back and carries
 * no non-finite number, and frees it. NULL j is a failure (no allocation
 * fails under the fuzzer). */
void fuzz_check_json(const char *where, const json_t *j);

/* The one JSON writer's text (aic_projection_to_json, ...): not NULL, len
 * bytes long, one JSON document that jansson parses strictly and dumps back
 * to the same bytes (the writer's promise). Frees it. */
void fuzz_check_text(const char *where, char *text, size_t len);

#endif
