/* The one table of output formats (render_formats.c): every row complete
 * and found by its name and its media type, names and types unique, and
 * every renderer of the table renders the same hand-built projection and
 * comparison. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "aicost/render.h"
#include "fixture.h"

/* A row without a renderer or a name would crash or hide a format. */
static void
rows_complete_and_unique(void **state)
{
  (void)state;
  assert_true(aic_n_formats >= 3);
  assert_string_equal(aic_formats[0].name, "json"); /* the default */
  for (size_t i = 0; i < aic_n_formats; i++) {
    const struct aic_format *f = &aic_formats[i];

    assert_non_null(f->name);
    assert_non_null(f->media_type);
    assert_non_null(f->content_type);
    assert_non_null(f->extension);
    assert_non_null(f->summary);
    assert_non_null(f->projection);
    assert_non_null(f->comparison);
    assert_non_null(f->plan); /* every format renders a plan (POST /v1/plans) */
    /* the Content-Type is the media type, perhaps with parameters */
    assert_int_equal(strncmp(f->content_type, f->media_type, strlen(f->media_type)), 0);
    assert_ptr_equal(aic_format_named(f->name), f);
    assert_ptr_equal(aic_format_for_media_type(f->media_type), f);
    for (size_t k = 0; k < i; k++) {
      assert_string_not_equal(aic_formats[k].name, f->name);
      assert_string_not_equal(aic_formats[k].media_type, f->media_type);
    }
  }
}

/* Names are exact; media types are compared without case (RFC 9110 8.3.1). */
static void
lookups(void **state)
{
  char names[64];

  (void)state;
  assert_null(aic_format_named("CSV"));
  assert_null(aic_format_named("xml"));
  assert_null(aic_format_named(NULL));
  assert_ptr_equal(aic_format_for_media_type("Text/CSV"), aic_format_named("csv"));
  assert_null(aic_format_for_media_type("text/html"));
  aic_format_names(names, sizeof names);
  /* the people's formats: a terminal's plain text, a pull request's Markdown */
  assert_ptr_equal(aic_format_for_media_type("text/markdown"), aic_format_named("markdown"));
  assert_ptr_equal(aic_format_for_media_type("text/plain"), aic_format_named("table"));
  assert_string_equal(names, "json, csv, svg, table or markdown");
  aic_format_names(names, 6); /* cut, never past the end */
  assert_int_equal(strlen(names), 5);
}

/* Every renderer of the table works on the same results. */
static void
every_renderer_renders(void **state)
{
  struct aic_projection pj;
  struct aic_comparison c;

  (void)state;
  fx_support_bot(&pj, "support bot");
  fx_pair(&c, 365, "large", "small");
  for (size_t i = 0; i < aic_n_formats; i++) {
    size_t len = 0;
    char *p = aic_formats[i].projection(&pj, NULL, &len);

    assert_non_null(p);
    assert_int_equal(strlen(p), len);
    assert_true(len > 100);
    free(p);
    p = aic_formats[i].comparison(&c, NULL, &len);
    assert_non_null(p);
    assert_int_equal(strlen(p), len);
    assert_true(len > 100);
    free(p);
  }
  fx_release(&pj);
  fx_comparison_release(&c);
}

int
main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(rows_complete_and_unique),
    cmocka_unit_test(lookups),
    cmocka_unit_test(every_renderer_renders),
  };

  return cmocka_run_group_tests(tests, NULL, NULL);
}
