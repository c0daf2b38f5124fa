/* The `table` and `markdown` figures: the energy rows (docs/cost-model.md,
 * "Energy and emissions") appear on the sides whose energy is known, a
 * comparison has each option's energy columns, and a null is "—", never 0. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "aicost/render.h"
#include "fixture.h"

static char *
render(const struct aic_projection *pj, bool markdown)
{
  size_t len = 0;
  char *s = markdown ? aic_projection_to_markdown(pj, NULL, &len)
                     : aic_projection_to_table(pj, NULL, &len);

  assert_non_null(s);
  assert_int_equal(strlen(s), len);
  return s;
}

/* Both sides known, training's emissions null (no site): kWh rows with
 * separators and units, Wh per request to three digits, and "—". */
static void
energy_rows_shown(void **state)
{
  struct aic_projection pj;
  char *s;

  (void)state;
  fx_support_bot(&pj, "bot");
  pj.energy.training.known = true;
  pj.energy.training_kwh = 1312.5;
  pj.energy.serving.known = true;
  pj.energy.kwh_per_day = 42;
  pj.energy.wh_per_request = 0.02874;
  s = render(&pj, true);
  assert_non_null(strstr(s, "| training energy | 1,312 kWh |\n"));
  assert_non_null(strstr(s, "| training emissions | — |\n"));
  assert_non_null(strstr(s, "| serving energy per day (day 1) | 42 kWh |\n"));
  assert_non_null(strstr(s, "| energy per request (day 1) | 0.0287 Wh |\n"));
  assert_null(strstr(s, "0 tCO2e"));
  free(s);
  pj.energy.training_tco2e = 0.525;
  s = render(&pj, false);
  assert_non_null(strstr(s, "training emissions"));
  assert_non_null(strstr(s, "0.525 tCO2e\n"));
  assert_non_null(strstr(s, "1,312 kWh\n"));
  free(s);
  fx_release(&pj);
}

/* No energy known (an API price per request): no energy rows at all,
 * rather than rows of dashes. */
static void
energy_rows_absent(void **state)
{
  struct aic_projection pj;
  char *s;

  (void)state;
  fx_support_bot(&pj, "bot");
  for (int md = 0; md < 2; md++) {
    s = render(&pj, md != 0);
    assert_null(strstr(s, "energy"));
    assert_null(strstr(s, "emissions"));
    assert_non_null(strstr(s, "crossover"));
    free(s);
  }
  fx_release(&pj);
}

/* The comparison's energy columns: an option's energy and emissions over
 * the horizon (training and serving) beside its dollars, "—" for what is
 * unknown (here the second option's emissions, and all of the first's). */
static void
comparison_energy_columns(void **state)
{
  struct aic_comparison c;
  size_t len = 0;
  char *s;

  (void)state;
  fx_pair(&c, 365, "big", "small"); /* small is cheaper over 365 days: ranked first */
  c.projections[1].energy.total_kwh = 16642.5;
  s = aic_comparison_to_markdown(&c, NULL, &len);
  assert_non_null(s);
  assert_non_null(strstr(s, "| crossover | energy | emissions |\n"));
  assert_non_null(strstr(s, " | 16,642 kWh | — |\n"));
  assert_non_null(strstr(s, " | — | — |\n"));
  free(s);
  c.projections[1].energy.total_tco2e = 6.1;
  s = aic_comparison_to_table(&c, NULL, &len);
  assert_non_null(s);
  assert_non_null(strstr(s, "16,642 kWh"));
  assert_non_null(strstr(s, "6.1 tCO2e\n"));
  assert_null(strstr(s, "0 tCO2e"));
  free(s);
  fx_comparison_release(&c);
}

int
main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(energy_rows_shown),
    cmocka_unit_test(energy_rows_absent),
    cmocka_unit_test(comparison_energy_columns),
  };

  return cmocka_run_group_tests(tests, NULL, NULL);
}
