/* Required keys and value ranges. The scenario reader (src/scenarios)
 * validates too; the core checks again because it is also called by tests
 * and other front ends, and must answer with an error, never a crash or a
 * silent AIC_NAN. */
#include "core.h"

#include <math.h>
#include <stdio.h>

bool
aic_need_model_key(struct aic_diags *errors, const struct aic_model *m, bool is_inline,
                   double value, const char *key, const char *why)
{
  char ptr[AIC_DIAG_POINTER_MAX];

  if (aic_has(value))
    return true;
  if (is_inline || m->id == NULL) {
    aic_pointer_join(ptr, sizeof ptr, "/model", key);
    aic_diag_add(errors, ptr, "required %s", why);
  } else {
    aic_diag_add(errors, "/model", "catalogue model '%s' has no %s; it is required %s", m->id, key,
                 why);
  }
  return false;
}

bool
aic_need_gpu_key(struct aic_diags *errors, const struct aic_gpu *g, bool is_inline,
                 const char *base, double value, const char *key, const char *why)
{
  char gp[AIC_DIAG_POINTER_MAX], ptr[AIC_DIAG_POINTER_MAX];

  if (aic_has(value))
    return true;
  aic_pointer_join(gp, sizeof gp, base, "gpu");
  if (is_inline || g->id == NULL) {
    aic_pointer_join(ptr, sizeof ptr, gp, key);
    aic_diag_add(errors, ptr, "required %s", why);
  } else {
    aic_diag_add(errors, gp, "catalogue gpu '%s' has no %s; it is required %s", g->id, key, why);
  }
  return false;
}

bool
aic_need_peak(struct aic_diags *errors, const struct aic_gpu *g, bool is_inline, const char *base,
              const char *precision_pointer, enum aic_precision p, double *flops_per_s)
{
  char gp[AIC_DIAG_POINTER_MAX], pk[AIC_DIAG_POINTER_MAX], ptr[AIC_DIAG_POINTER_MAX];
  double v = g->peak_tflops[p];

  if (aic_has(v) && isfinite(v) && v > 0) {
    *flops_per_s = v * 1e12;
    return true;
  }
  if (is_inline || g->id == NULL) {
    aic_pointer_join(gp, sizeof gp, base, "gpu");
    aic_pointer_join(pk, sizeof pk, gp, "peak_tflops");
    aic_pointer_join(ptr, sizeof ptr, pk, aic_precision_name(p));
    if (aic_has(v))
      aic_diag_add(errors, ptr, "must be a finite number > 0");
    else
      aic_diag_add(errors, ptr, "required to compute at %s", aic_precision_name(p));
  } else {
    aic_diag_add(errors, precision_pointer,
                 "gpu '%s' has no %s peak in the catalogue; choose a precision it supports", g->id,
                 aic_precision_name(p));
  }
  return false;
}

static void
describe(char *buf, size_t cap, double lo, bool lo_open, double hi)
{
  if (isinf(hi))
    (void)snprintf(buf, cap, "a finite number %s %.15g", lo_open ? ">" : ">=", lo);
  else
    (void)snprintf(buf, cap, "a number in %s%.15g, %.15g]", lo_open ? "(" : "[", lo, hi);
}

bool
aic_check_range(struct aic_diags *errors, const char *pointer, double value, double fallback,
                double lo, bool lo_open, double hi, double *out)
{
  double v = aic_has(value) ? value : fallback;
  char what[96];

  if (isfinite(v) && (lo_open ? v > lo : v >= lo) && v <= hi) {
    *out = v;
    return true;
  }
  describe(what, sizeof what, lo, lo_open, hi);
  if (!aic_has(value) && !isfinite(fallback))
    aic_diag_add(errors, pointer, "required: %s", what);
  else if (!aic_has(value))
    aic_diag_add(errors, pointer, "the catalogue default %g is out of range: must be %s", v, what);
  else
    aic_diag_add(errors, pointer, "must be %s", what);
  return false;
}

bool
aic_check_count(struct aic_diags *errors, const char *pointer, double value, double fallback,
                double lo, double hi, double *out)
{
  double v;

  if (!aic_check_range(errors, pointer, value, fallback, lo, false, hi, &v))
    return false;
  if (v != floor(v)) {
    aic_diag_add(errors, pointer, "must be a whole number");
    return false;
  }
  *out = v;
  return true;
}
