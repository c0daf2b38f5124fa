/* A toy document that uses every kind, rule and hook of the table language,
 * for the engine's tests (test_engine.c, test_engine_yaml.c). */
#ifndef AICOST_TESTS_SCHEMA_TOY_H
#define AICOST_TESTS_SCHEMA_TOY_H

#include <stdbool.h>
#include <stddef.h>

#include "schema.h"

enum color { RED, GREEN, BLUE, COLORS };

struct part {
  const char *id;
  double weight;
  double limit;
  double peaks[COLORS];
};

struct inner {
  double depth;
};

struct toy {
  double ratio;
  double count;
  double price;
  int days;
  bool flag;
  const char *label;
  const char *code;
  const char *when;
  int color;
  unsigned colors;
  bool has_inner;
  struct inner inner;
  double peaks[COLORS];
  struct part *list;
  size_t n_list;
  struct part *parts;
  size_t n_parts;
  struct part ref;
  bool has_ref, ref_inline;
  double gated;
  double gate_off;
  bool gate;
};

extern const struct aic_table toy_table;
extern const struct aic_table toy_part_table;
extern const struct aic_names toy_colors;

/* A blank toy: every number NAN, everything else zero. */
void toy_blank(struct toy *t);

#endif
