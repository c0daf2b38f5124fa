/* The dates of a projection: the scenario's start_date (day 1's date), the
 * day prices' ages are measured at (the request's today, else the
 * catalogue's date: the core reads no clock), and the stale_price and
 * stale_fx warnings for prices and exchange rates older than
 * stale_after_days. docs/catalogue.md "Dates and staleness". */
#include "core.h"

#include <stdio.h>
#include <string.h>

/* The last day a projection may reach: dates print with four-digit years. */
#define LAST_DAY_YEAR AIC_DATE_YEAR_MAX

/* Staleness thresholds beyond a century would only hide the warning. */
#define STALE_AFTER_MAX 36500.0

static bool
read_date(const char *s, const char *pointer, long *day, struct aic_diags *errors)
{
  if (aic_date_parse(s, day))
    return true;
  aic_diag_add(errors, pointer, "must be a date as YYYY-MM-DD between %d-01-01 and %d-12-31",
               AIC_DATE_YEAR_MIN, AIC_DATE_YEAR_MAX);
  return false;
}

int
aic_calendar_resolve(const struct aic_catalogue *cat, const struct aic_scenario *sc,
                     struct aic_calendar *out, struct aic_diags *errors)
{
  bool ok = true;

  out->has_start = false;
  out->start_day = 0;
  out->has_ref = false;
  out->ref_day = 0;
  out->ref_is_today = false;
  out->stale_after_days = AIC_NAN;
  if (sc->start_date != NULL) {
    out->has_start = read_date(sc->start_date, "/start_date", &out->start_day, errors);
    ok = out->has_start;
    if (ok && out->start_day + sc->horizon_days - 1 > aic_days_from_civil(LAST_DAY_YEAR, 12, 31)) {
      aic_diag_add(errors, "/start_date", "the projection would run past %d-12-31", LAST_DAY_YEAR);
      ok = false;
    }
  }
  if (sc->today != NULL) {
    out->has_ref = read_date(sc->today, "/today", &out->ref_day, errors);
    out->ref_is_today = out->has_ref;
    ok = out->has_ref && ok;
  } else if (cat->date != NULL) {
    out->has_ref = aic_date_parse(cat->date, &out->ref_day);
    if (!out->has_ref) {
      aic_diag_add(errors, "", "the catalogue's date '%.20s' is not a date as YYYY-MM-DD",
                   cat->date);
      ok = false;
    }
  }
  /* Without a threshold (a catalogue built in code may have none) no
   * price is called stale. */
  if (aic_has(sc->stale_after_days) || aic_has(cat->defaults.stale_after_days))
    ok = aic_check_range(errors, "/stale_after_days", sc->stale_after_days,
                         cat->defaults.stale_after_days, 0, false, STALE_AFTER_MAX,
                         &out->stale_after_days) &&
         ok;
  return ok ? AIC_OK : AIC_E_INVALID;
}

/* The age of an entry known on `as_of`, in days before the reference day,
 * when it is more than stale_after_days: else -1 (fresh, or nothing to
 * measure against). */
static long
stale_age(const struct aic_calendar *cal, const char *as_of)
{
  long day, age;

  if (!cal->has_ref || !aic_has(cal->stale_after_days) || !aic_date_parse(as_of, &day))
    return -1;
  age = cal->ref_day - day;
  return (double)age > cal->stale_after_days ? age : -1;
}

/* "today, 2026-12-01" or "the catalogue's date, 2026-12-01" */
static void
ref_text(const struct aic_calendar *cal, char *out, size_t cap)
{
  char ref[AIC_DATE_TEXT];

  aic_date_format(cal->ref_day, ref);
  snprintf(out, cap, "%s %s", cal->ref_is_today ? "today," : "the catalogue's date,", ref);
}

void
aic_warn_if_stale(struct aic_diags *warnings, const struct aic_calendar *cal, const char *pointer,
                  const char *what, const char *as_of)
{
  char ref[AIC_DATE_TEXT + 32];
  long age = stale_age(cal, as_of);

  if (age < 0)
    return;
  ref_text(cal, ref, sizeof ref);
  aic_diag_add_code(warnings, "stale_price", pointer,
                    "%s was checked %ld days before %s (as_of %s), more than %g: the price "
                    "may have changed; check its source",
                    what, age, ref, as_of, cal->stale_after_days);
}

void
aic_warn_if_fx_stale(struct aic_diags *warnings, const struct aic_calendar *cal,
                     const struct aic_catalogue *cat, const char *currency)
{
  const struct aic_fx_rate *fx;
  char ref[AIC_DATE_TEXT + 32];
  long age;

  if (currency == NULL || strcmp(currency, "USD") == 0)
    return;
  fx = aic_catalogue_fx(cat, currency);
  age = fx != NULL ? stale_age(cal, fx->as_of) : -1;
  if (age < 0)
    return;
  ref_text(cal, ref, sizeof ref);
  aic_diag_add_code(
    warnings, "stale_fx", "/currency",
    "the %s exchange rate (%g per US dollar) dates from %s, %ld days before %s, more "
    "than %g: the answer's %s amounts are off by as much as the rate has moved since; "
    "layer a current rate under fx",
    fx->id, fx->per_usd, fx->as_of, age, ref, cal->stale_after_days, fx->id);
}
