/* Answers in another currency (src/render/render_currency.c): the one rule
 * renames every member ending in _usd and scales its numbers, touches
 * nothing else, and refuses formats it cannot convert. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "aicost/render.h"

static const struct aic_fx_rate eur = { "EUR", "ECB reference rate (test)", "2025-02-28", 0.5 };
static const struct aic_fx_rate usd = { "USD", "identity", "2025-02-28", 1 };

static char *
dup_text(const char *s, size_t *len)
{
  char *p = strdup(s);

  assert_non_null(p);
  *len = strlen(s);
  return p;
}

/* Money under any name with the word usd (at the end, or before another
 * '_': a band's series), nested, in an array or inside such a member (a
 * band's p10), is halved and renamed; counts, days, strings that mention
 * _usd and names where usd is not a word are left alone; the rate and its
 * provenance are appended. */
static void
json_members_renamed_and_scaled(void **state)
{
  size_t len;
  char *text = dup_text("{\"name\":\"a_usd\",\"training\":{\"total_usd\":1000,\"lump_sum\":true},"
                        "\"projection\":{\"requests_total\":365,\"total_usd\":3,"
                        "\"crossover_day\":7,\"usd_note\":4,"
                        "\"series\":[{\"day\":30,\"cumulative_total_usd\":0.3,\"x_usd\":null}],"
                        "\"by_day_usd\":[2,4]},\"bands\":{\"total_usd\":{\"p10\":2,\"p90\":null},"
                        "\"crossover_day\":{\"p10\":9},\"cumulative_usd_p10\":[6],"
                        "\"busd\":1,\"usd\":1,\"x_usdx\":1}}",
                        &len);

  (void)state;
  assert_int_equal(aic_render_in_currency("json", &text, &len, &eur), AIC_OK);
  assert_string_equal(text,
                      "{\"name\":\"a_usd\",\"training\":{\"total_eur\":500,\"lump_sum\":true},"
                      "\"projection\":{\"requests_total\":365,\"total_eur\":1.5,"
                      "\"crossover_day\":7,\"usd_note\":4,"
                      "\"series\":[{\"day\":30,\"cumulative_total_eur\":0.15,\"x_eur\":null}],"
                      "\"by_day_eur\":[1,2]},\"bands\":{\"total_eur\":{\"p10\":1,\"p90\":null},"
                      "\"crossover_day\":{\"p10\":9},\"cumulative_eur_p10\":[3],"
                      "\"busd\":1,\"usd\":1,\"x_usdx\":1},"
                      "\"currency\":{\"code\":\"EUR\",\"per_usd\":0.5,"
                      "\"source\":\"ECB reference rate (test)\",\"as_of\":\"2025-02-28\"}}");
  assert_int_equal(len, strlen(text));
  free(text);
}

/* The CSV's money columns are renamed in the header and scaled in every
 * row; a quoted name with a comma and an empty cell survive as they were. */
static void
csv_columns_renamed_and_scaled(void **state)
{
  size_t len;
  char *text = dup_text("option,name,day,daily_inference_usd,date\r\n"
                        "0,\"a, b\",30,25000,2027-01-30\r\n"
                        "1,\"'=x\",61,,\r\n",
                        &len);

  (void)state;
  assert_int_equal(aic_render_in_currency("csv", &text, &len, &eur), AIC_OK);
  assert_string_equal(text, "option,name,day,daily_inference_eur,date\r\n"
                            "0,\"a, b\",30,12500,2027-01-30\r\n"
                            "1,\"'=x\",61,,\r\n");
  free(text);
}

/* USD (or no rate) leaves the bytes as the writer made them. */
static void
usd_is_untouched(void **state)
{
  size_t len;
  char *text = dup_text("{\"daily_usd\":25000}", &len);
  char *before = text;

  (void)state;
  assert_int_equal(aic_render_in_currency("json", &text, &len, &usd), AIC_OK);
  assert_int_equal(aic_render_in_currency("json", &text, &len, NULL), AIC_OK);
  assert_ptr_equal(text, before);
  assert_string_equal(text, "{\"daily_usd\":25000}");
  free(text);
}

/* The SVG draws dollar labels: it cannot be converted after the fact, so
 * it is refused (the server's 422) and the bytes are left to the caller. */
static void
other_formats_refused(void **state)
{
  size_t len;
  char *text = dup_text("<svg/>", &len);

  (void)state;
  assert_int_equal(aic_render_in_currency("svg", &text, &len, &eur), AIC_E_INVALID);
  assert_string_equal(text, "<svg/>");
  assert_false(aic_format_converts_currency("svg"));
  assert_true(aic_format_converts_currency("csv"));
  free(text);
}

/* A CSV whose money column holds text is not ours: refused, not guessed. */
static void
csv_not_a_number_refused(void **state)
{
  size_t len;
  char *text = dup_text("day,daily_usd\r\n1,lots\r\n", &len);

  (void)state;
  assert_int_equal(aic_render_in_currency("csv", &text, &len, &eur), AIC_E_NOMEM);
  assert_null(text);
}

int
main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(json_members_renamed_and_scaled),
    cmocka_unit_test(csv_columns_renamed_and_scaled),
    cmocka_unit_test(usd_is_untouched),
    cmocka_unit_test(other_formats_refused),
    cmocka_unit_test(csv_not_a_number_refused),
  };

  return cmocka_run_group_tests_name("render_currency", tests, NULL, NULL);
}
