/* The toy document of toy.h: one row of every kind, and one rule of each. */
#include <math.h>
#include <string.h>

#include "toy.h"

static const struct aic_enum_name color_values[] = {
  { "red", RED },
  { "green", GREEN },
  { "blue", BLUE },
  { NULL, 0 },
};
const struct aic_names toy_colors = {
  .schema_name = "Color",
  .noun = "color",
  .description = "A color.",
  .v = color_values,
};

static bool
code_match(const char *s, size_t len)
{
  return len == 3 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z' && s[2] >= 'A' &&
         s[2] <= 'Z';
}

static const struct aic_pattern code = {
  .regex = "^[A-Z]{3}$",
  .what = "three capital letters",
  .match = code_match,
};

static bool
id_match(const char *s, size_t len)
{
  for (size_t i = 0; i < len; i++)
    if (!(s[i] >= 'a' && s[i] <= 'z'))
      return false;
  return len > 0;
}

static const struct aic_pattern part_id = {
  .schema_name = "PartId",
  .regex = "^[a-z]+$",
  .what = "lower-case letters",
  .match = id_match,
};

#define P(m) offsetof(struct part, m)
/* clang-format off */
static const struct aic_field part_rows[] = {
  { "id", AIC_K_STRING, P(id), .output_only = true },
  { "weight", AIC_K_REAL, P(weight), .min = 0, .gt = true, .max = 100, .required = true,
    .unit = "kg", .description = "How heavy." },
  { "limit", AIC_K_REAL, P(limit), .min = 0, .max = 1000 },
  { "peaks", AIC_K_NUMBERS, P(peaks), .min = 0, .gt = true, .max = 10, .min_items = 1,
    .names = &toy_colors, .unit = "lumen" },
  { 0 },
};
/* clang-format on */
static const struct aic_rule part_rules[] = {
  { AIC_R_NOT_ABOVE, .member = "weight", .limit = "limit" },
  { 0 },
};
const struct aic_table toy_part_table = {
  .name = "Part",
  .description = "A part.",
  .size = sizeof(struct part),
  .rows = part_rows,
  .rules = part_rules,
};

static const struct aic_field inner_rows[] = {
  { "depth", AIC_K_REAL, offsetof(struct inner, depth), .min = 0, .max = 10, .required = true },
  { 0 },
};
static const struct aic_table inner_table = { .rows = inner_rows };

/* A REF resolves "known" only. */
static int
resolve(const struct aic_field *row, const char *id, struct aic_where *at, void *dst,
        struct aic_run *run)
{
  struct part *p = dst;

  (void)row;
  if (strcmp(id, "known") != 0) {
    aic_report(run, at, "unknown part '%s'", id);
    return AIC_E_INVALID;
  }
  memset(p, 0, sizeof *p);
  p->id = "known";
  p->weight = 7;
  return 0;
}

/* The table's own check: a flag that forbids a ratio above 0.5. */
static int
check(const json_t *obj, struct aic_where *at, void *out, struct aic_run *run)
{
  const struct toy *t = out;
  struct aic_where w;

  (void)obj;
  if (!t->flag || isnan(t->ratio) || t->ratio <= 0.5)
    return 0;
  aic_where_init(&w, at, NULL, "ratio");
  aic_report(run, &w, "must be at most 0.5 with flag");
  return AIC_E_INVALID;
}

#define TO(m) offsetof(struct toy, m)
/* clang-format off */
static const struct aic_field toy_rows[] = {
  { "ratio", AIC_K_REAL, TO(ratio), .min = 0, .gt = true, .max = 1 },
  { "count", AIC_K_REAL, TO(count), .min = 1, .max = 100, .whole = true },
  { "price", AIC_K_REAL, TO(price), .min = 0, .max = (double)INFINITY },
  { "days", AIC_K_INT, TO(days), .min = 1, .max = 3650, .dflt = "365" },
  { "flag", AIC_K_BOOL, TO(flag), .required = false },
  { "label", AIC_K_STRING, TO(label), .max = 5 },
  { "code", AIC_K_STRING, TO(code), .pattern = &code },
  { "when", AIC_K_DATE, TO(when), .required = false },
  { "color", AIC_K_ENUM, TO(color), .names = &toy_colors },
  { "colors", AIC_K_ENUM_LIST, TO(colors), .names = &toy_colors, .max_items = 2 },
  { "inner", AIC_K_OBJECT, TO(inner), .sub = &inner_table, .has_flag = true,
    .flag_offset = TO(has_inner) },
  { "peaks", AIC_K_NUMBERS, TO(peaks), .min = 0, .max = 5, .names = &toy_colors },
  { "list", AIC_K_ARRAY, TO(list), .count_offset = TO(n_list), .sub = &toy_part_table,
    .min_items = 1, .max_items = 3, .noun = "parts" },
  { "parts", AIC_K_MAP, TO(parts), .count_offset = TO(n_parts), .sub = &toy_part_table,
    .pattern = &part_id },
  { "ref", AIC_K_REF, TO(ref), .sub = &toy_part_table, .resolve = resolve, .pattern = &part_id,
    .noun = "part", .has_flag = true, .flag_offset = TO(has_ref), .has_inline_flag = true,
    .inline_flag_offset = TO(ref_inline), .example = "known" },
  { "gated", AIC_K_REAL, TO(gated), .min = 0, .max = 1 },
  { "gate_off", AIC_K_REAL, TO(gate_off), .min = 0, .max = 1 },
  { "gate", AIC_K_BOOL, TO(gate), .required = false },
  { "requests_per_day", AIC_K_REAL, TO(ratio), .min = 0, .max = 1, .validate_only = true },
  { 0 },
};
/* clang-format on */
/* clang-format off */
static const struct aic_rule toy_rules[] = {
  { AIC_R_ANY_OF, .names = (const char *const[]){ "price", "count", NULL },
    .message = "needs price or count" },
  { AIC_R_ONE_OF, .names = (const char *const[]){ "label", "code", NULL } },
  { AIC_R_EXCLUDES, .member = "gated", .names = (const char *const[]){ "gate_off", NULL },
    .message = "not with gated" },
  { AIC_R_EXCLUDES, .member = "gate", .equals = "true", .unless = true,
    .names = (const char *const[]){ "gated", NULL }, .message = "only with gate: true" },
  { AIC_R_EXCLUDES, .member = "color", .equals = "\"blue\"",
    .names = (const char *const[]){ "colors", NULL }, .message = "not with blue" },
  { 0 },
};
/* clang-format on */
const struct aic_table toy_table = {
  .name = "Toy",
  .description = "Every kind.",
  .size = sizeof(struct toy),
  .rows = toy_rows,
  .rules = toy_rules,
  .check = check,
};

void
toy_blank(struct toy *t)
{
  aic_table_blank(&toy_table, t);
}
