/* The SVG rendering: parsed as XML (our checker, and xmllint where it is
 * installed), safe to embed, and drawing what the
 * projection says: the crossover is marked exactly when there is one. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "aicost/render.h"
#include "fixture.h"
#include "xmlcheck.h"

/* Every SVG a test makes goes through here: one well-formed document with
 * an <svg> root that scales (viewBox, width 100%), is labelled for screen
 * readers, has no script, no external reference and no NAN. */
static void
assert_valid_svg(const char *svg, size_t len)
{
  struct xml_stats st;
  size_t at = 0;
  const char *why = xml_check(svg, &st, &at);
  int lint;

  if (why != NULL)
    fail_msg("not well-formed at byte %zu: %s\n%.80s", at, why, svg + at);
  assert_int_equal(len, strlen(svg));
  assert_string_equal(st.root, "svg");
  assert_int_equal(st.unsafe, 0);
  assert_non_null(strstr(svg, "xmlns=\"http://www.w3.org/2000/svg\""));
  assert_non_null(strstr(svg, "viewBox=\"0 0 800 "));
  assert_non_null(strstr(svg, "width=\"100%\""));
  assert_int_equal(count_of(svg, "<title id=\"aic-title\">"), 1);
  assert_int_equal(count_of(svg, "<desc id=\"aic-desc\">"), 1);
  assert_null(strstr(svg, "nan"));
  assert_null(strstr(svg, "inf\""));
  /* a second opinion from libxml2 where it is installed (Debian's
   * libxml2-utils); our own checker above always runs */
  lint = xmllint_check(svg);
  assert_true(lint <= 0);
}

/* The article's picture: a $3M black training bar, 12 red month bars of
 * cumulative inference, the crossover on day 120 marked and labelled, and
 * money axes in short units up to $10M (9.125M rounded up to a 2M step). */
static void
support_bot_chart(void **state)
{
  struct aic_projection pj;
  size_t len;
  char *svg;

  (void)state;
  fx_support_bot(&pj, "support bot");
  svg = aic_projection_to_svg(&pj, NULL, &len);
  assert_non_null(svg);
  assert_valid_svg(svg, len);
  assert_non_null(strstr(svg, "<title id=\"aic-title\">support bot</title>"));
  assert_non_null(strstr(svg, "Inference costs $25,000 a day at launch ($9,125,000 a year)"));
  assert_non_null(strstr(svg, "passes the training cost on day 120."));
  assert_int_equal(count_of(svg, "<g id=\"crossover\">"), 1);
  assert_non_null(strstr(svg, "Day 120: inference passes training"));
  assert_non_null(strstr(svg, ">$3M</text>"));  /* the training bar's label */
  assert_non_null(strstr(svg, ">$10M</text>")); /* the top of the y axis */
  assert_non_null(strstr(svg, ">$2M</text>"));  /* a gridline */
  assert_null(strstr(svg, ">$12M</text>"));     /* no gridline past the top */
  assert_non_null(strstr(svg, "Day 365: $9,125,000 of inference so far"));
  /* one red bar per period, nothing else in the inference group */
  assert_int_equal(count_of(svg, "<rect "),
                   1 + 1 + 12 + 2); /* background, training, bars, legend */
  free(svg);
  fx_release(&pj);
}

/* No crossover within the horizon: no marker, and the text says so. */
static void
no_crossover_no_marker(void **state)
{
  struct aic_projection pj;
  size_t len;
  char *svg;

  (void)state;
  fx_flat(&pj, "frontier lab", 100e6, 25000, 365, AIC_GRAN_MONTH, 0);
  svg = aic_projection_to_svg(&pj, NULL, &len);
  assert_non_null(svg);
  assert_valid_svg(svg, len);
  assert_null(strstr(svg, "id=\"crossover\""));
  assert_null(strstr(svg, "inference passes training"));
  assert_non_null(strstr(svg, "does not pass the training cost within the horizon"));
  assert_non_null(strstr(svg, ">$100M</text>"));
  free(svg);
  fx_release(&pj);
}

/* A name is user input: markup in it must come out as text, in the title
 * and in the heading, and the document must stay well-formed. */
static void
name_is_escaped(void **state)
{
  struct aic_projection pj;
  size_t len;
  char *svg;

  (void)state;
  fx_support_bot(&pj, "<b>&\"'</b><script>alert(1)</script>");
  svg = aic_projection_to_svg(&pj, NULL, &len);
  assert_non_null(svg);
  assert_valid_svg(svg, len);
  assert_null(strstr(svg, "<b>"));
  assert_null(strstr(svg, "<script"));
  assert_int_equal(count_of(svg, "&lt;b&gt;&amp;&quot;&#39;&lt;/b&gt;&lt;script&gt;"), 2);
  free(svg);
  fx_release(&pj);
}

/* Bytes XML cannot carry (controls, invalid UTF-8) are dropped or replaced
 * instead of breaking the document; valid non-ASCII text passes unchanged. */
static void
hostile_bytes_in_name(void **state)
{
  struct aic_projection pj;
  size_t len;
  char *svg;

  (void)state;
  fx_support_bot(&pj, "bad\x01\x1b[31m\xff\xc0\xaf\xed\xa0\x80 caf\xc3\xa9 \xe2\x82\xac");
  svg = aic_projection_to_svg(&pj, NULL, &len);
  assert_non_null(svg);
  assert_valid_svg(svg, len);
  assert_non_null(strstr(svg, "caf\xc3\xa9 \xe2\x82\xac"));
  assert_non_null(strstr(svg, "\xef\xbf\xbd")); /* U+FFFD for the invalid bytes */
  free(svg);
  fx_release(&pj);
}

/* A long name is cut in the visible heading (it would run off the chart)
 * but kept whole in <title> for screen readers. */
static void
long_name_truncated_in_heading(void **state)
{
  struct aic_projection pj;
  char name[301];
  size_t len;
  char *svg;

  (void)state;
  memset(name, 'x', 300);
  name[300] = '\0';
  fx_support_bot(&pj, name);
  svg = aic_projection_to_svg(&pj, NULL, &len);
  assert_non_null(svg);
  assert_valid_svg(svg, len);
  assert_int_equal(count_of(svg, name), 1);
  assert_non_null(strstr(svg, "xxxxxxxxxx\xe2\x80\xa6</text>"));
  free(svg);
  fx_release(&pj);
}

/* Ten years by day is the largest series: bars become one path so the
 * chart stays small enough for a wiki page (well under 200 kB). */
static void
day_series_stays_small(void **state)
{
  struct aic_projection pj;
  size_t len;
  char *svg;

  (void)state;
  fx_flat(&pj, "ten years", 1e6, 1000, 3650, AIC_GRAN_DAY, 1000);
  svg = aic_projection_to_svg(&pj, NULL, &len);
  assert_non_null(svg);
  assert_valid_svg(svg, len);
  assert_true(len < 200000);
  assert_int_equal(count_of(svg, "<path d=\"M"), 1);
  assert_non_null(strstr(svg, "Day 1000: inference passes training"));
  free(svg);
  fx_release(&pj);
}

/* A zeroed projection (no name, no series, nothing costs anything) still
 * gives a valid chart with a fallback title and no NAN coordinates. */
static void
empty_projection(void **state)
{
  struct aic_projection pj;
  size_t len;
  char *svg;

  (void)state;
  memset(&pj, 0, sizeof pj);
  pj.daily_usd = (double)NAN;
  svg = aic_projection_to_svg(&pj, NULL, &len);
  assert_non_null(svg);
  assert_valid_svg(svg, len);
  assert_non_null(strstr(svg, "<title id=\"aic-title\">AI cost projection</title>"));
  free(svg);
}

/* Same struct, same bytes (ETags and wiki caches depend on it). */
static void
deterministic(void **state)
{
  struct aic_projection pj;
  size_t la, lb;
  char *a, *b;

  (void)state;
  fx_support_bot(&pj, "support bot");
  a = aic_projection_to_svg(&pj, NULL, &la);
  b = aic_projection_to_svg(&pj, NULL, &lb);
  assert_non_null(a);
  assert_non_null(b);
  assert_int_equal(la, lb);
  assert_memory_equal(a, b, la);
  free(a);
  free(b);
  fx_release(&pj);
}

/* Over ten years the large model ends cheaper: one line per option, the
 * legend ranks it first, and its overtaking on day 1451 is marked. */
static void
comparison_lines_and_overtake(void **state)
{
  struct aic_comparison c;
  size_t len;
  char *svg, *first, *second;

  (void)state;
  fx_pair(&c, 3650, "large model", "small <model>");
  svg = aic_comparison_to_svg(&c, NULL, &len);
  assert_non_null(svg);
  assert_valid_svg(svg, len);
  assert_int_equal(count_of(svg, "<polyline "), 2);
  assert_int_equal(count_of(svg, "<g id=\"overtakes\">"), 1);
  assert_non_null(
    strstr(svg, "<title>Day 1451: large model becomes cheaper than small &lt;model&gt;</title>"));
  first = strstr(svg, ">1. large model <tspan");
  second = strstr(svg, ">2. small &lt;model&gt; <tspan");
  assert_non_null(first);
  assert_non_null(second);
  assert_true(first < second);
  /* totals at the horizon: 30M + 3650 x 5k = 48.25M; 1M + 3650 x 25k = 92.25M */
  assert_non_null(strstr(svg, "large model $48,250,000 (training $30,000,000)"));
  assert_non_null(strstr(svg, ">$48M</tspan>"));
  assert_non_null(strstr(svg, ">$92M</tspan>"));
  free(svg);
  fx_comparison_release(&c);
}

/* Over one year the small model stays cheaper and nothing overtakes: no
 * markers are drawn. */
static void
comparison_without_overtakes(void **state)
{
  struct aic_comparison c;
  size_t len;
  char *svg;

  (void)state;
  fx_pair(&c, 365, "large", "small");
  svg = aic_comparison_to_svg(&c, NULL, &len);
  assert_non_null(svg);
  assert_valid_svg(svg, len);
  assert_null(strstr(svg, "id=\"overtakes\""));
  assert_non_null(strstr(svg, "cheapest: small</text>"));
  free(svg);
  fx_comparison_release(&c);
}

/* Our checker must itself reject what is not XML, or the tests above
 * could not fail. */
static void
checker_rejects_broken_xml(void **state)
{
  static const char *const bad[] = {
    "<svg><g></svg>",         /* unbalanced */
    "<svg a=\"1\" a=\"2\"/>", /* repeated attribute */
    "<svg a=1/>",             /* unquoted */
    "<svg>&nbsp;</svg>",      /* undefined entity */
    "<svg>a < b</svg>",       /* raw '<' */
    "<svg/><svg/>",           /* two roots */
    "<svg>\x01</svg>",        /* a forbidden control character */
    "<svg>\xff</svg>",        /* invalid UTF-8 */
    "<svg title=\"<\"/>",     /* '<' in an attribute */
  };
  struct xml_stats st;
  size_t i, at;

  (void)state;
  for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
    assert_non_null(xml_check(bad[i], &st, &at));
  assert_null(
    xml_check("<?xml version=\"1.0\"?>\n<svg a='1'><g/>&amp;&#39;&#x27;</svg>\n", &st, &at));
  assert_int_equal(st.elements, 2);
  assert_null(xml_check("<svg><script>x</script><a href=\"x\" onclick=\"y\"/></svg>", &st, &at));
  assert_int_equal(st.unsafe, 3);
}

int
main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(support_bot_chart),
    cmocka_unit_test(no_crossover_no_marker),
    cmocka_unit_test(name_is_escaped),
    cmocka_unit_test(hostile_bytes_in_name),
    cmocka_unit_test(long_name_truncated_in_heading),
    cmocka_unit_test(day_series_stays_small),
    cmocka_unit_test(empty_projection),
    cmocka_unit_test(deterministic),
    cmocka_unit_test(comparison_lines_and_overtake),
    cmocka_unit_test(comparison_without_overtakes),
    cmocka_unit_test(checker_rejects_broken_xml),
  };

  return cmocka_run_group_tests(tests, NULL, NULL);
}
