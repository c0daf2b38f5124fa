/* A small catalogue built in code for the core's tests, with round figures
 * so that expected values can be derived by hand, plus a few real entries
 * (GPT-3 175B, Llama 2 70B) for published figures. */
#ifndef AICOST_TEST_FIXTURE_H
#define AICOST_TEST_FIXTURE_H

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "aicost/projection.h"

#define XNAN ((double)NAN)
#define XINF ((double)INFINITY)

/* The catalogue; its arrays are static const, sorted by id. */
void fixture_catalogue(struct aic_catalogue *c);
/* A valid scenario: $0.005 per request, 1,000 requests a day, no training. */
void fixture_scenario(struct aic_scenario *sc, const struct aic_catalogue *c);
/* Copies catalogue entries into a scenario, as the scenario reader (src/scenarios) does. */
void fixture_model(struct aic_scenario *sc, const struct aic_catalogue *c, const char *id);
void fixture_training_gpu(struct aic_scenario *sc, const struct aic_catalogue *c, const char *id);
void fixture_serving_gpu(struct aic_scenario *sc, const struct aic_catalogue *c, const char *id);

/* What each case of the training, inference and projection tests works on:
 * the fixture catalogue, a scenario the case edits, and the last result. */
struct env {
  struct aic_catalogue cat;
  struct aic_scenario sc;
  struct aic_projection pj;
  struct aic_diags err;
};

/* cmocka setup and teardown: a fresh env per case, its projection released after. */
int env_setup(void **state);
int env_teardown(void **state);
/* Projects e->sc afresh, dropping the previous projection and diagnostics. */
int env_run(struct env *e);

/* Relative closeness, with the values printed on failure. */
void check_rel(double got, double want, double tol, const char *what, const char *file, int line);
#define assert_rel(got, want, tol) check_rel((got), (want), (tol), #got, __FILE__, __LINE__)
#define assert_exact(got, want) check_rel((got), (want), 0, #got, __FILE__, __LINE__)

/* Finds an error or warning at pointer whose detail contains `part`. */
int has_diag(const struct aic_diags *d, const char *pointer, const char *part);
#define assert_diag(d, pointer, part) assert_true(has_diag((d), (pointer), (part)))

#endif
