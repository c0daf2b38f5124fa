/* The one table of output formats. The server offers exactly these (Accept
 * and ?format= are matched against this table in src/http/negotiate.c, and
 * the routes that render results list them from it), and so does the CLI
 * (--format). A new format is a row here and its two renderers; its name,
 * media type, headers and file extension follow from the row everywhere. */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "aicost/render.h"

/* An SVG opened on its own (a link, a wiki image) may run nothing and load
 * nothing; its styles are inline. */
#define SVG_POLICY "default-src 'none'; style-src 'unsafe-inline'"

/* clang-format off */
const struct aic_format aic_formats[] = {
  { "json", "application/json", "application/json", "json", "everything (docs/scenario.md)", NULL,
    aic_projection_to_json, aic_comparison_to_json, aic_plan_to_json },
  { "csv", "text/csv", "text/csv; charset=utf-8; header=present", "csv",
    "the series, a row a period (docs/dashboards.md)", NULL, aic_projection_to_csv,
    aic_comparison_to_csv, aic_plan_to_csv },
  { "svg", "image/svg+xml", "image/svg+xml", "svg", "a chart of the series (docs/dashboards.md)",
    SVG_POLICY, aic_projection_to_svg, aic_comparison_to_svg, aic_plan_to_svg },
  { "table", "text/plain", "text/plain; charset=utf-8", "txt",
    "the figures and the series in aligned columns, for a terminal", NULL,
    aic_projection_to_table, aic_comparison_to_table, aic_plan_to_table },
  /* RFC 7763; GitHub's flavour, for a pull request comment or a wiki */
  { "markdown", "text/markdown", "text/markdown; charset=utf-8; variant=GFM", "md",
    "the figures and the series as Markdown tables", NULL, aic_projection_to_markdown,
    aic_comparison_to_markdown, aic_plan_to_markdown },
};
/* clang-format on */
const size_t aic_n_formats = sizeof aic_formats / sizeof aic_formats[0];

const struct aic_format *
aic_format_named(const char *name)
{
  for (size_t i = 0; name != NULL && i < aic_n_formats; i++) {
    if (strcmp(aic_formats[i].name, name) == 0)
      return &aic_formats[i];
  }
  return NULL;
}

const struct aic_format *
aic_format_for_media_type(const char *media_type)
{
  for (size_t i = 0; media_type != NULL && i < aic_n_formats; i++) {
    if (strcasecmp(aic_formats[i].media_type, media_type) == 0)
      return &aic_formats[i];
  }
  return NULL;
}

void
aic_format_names(char *out, size_t cap)
{
  size_t n = 0;

  if (cap == 0)
    return;
  out[0] = '\0';
  for (size_t i = 0; i < aic_n_formats && n < cap; i++) {
    const char *sep = i == 0 ? "" : i + 1 == aic_n_formats ? " or " : ", ";
    int w = snprintf(out + n, cap - n, "%s%s", sep, aic_formats[i].name);

    if (w < 0)
      return;
    n += (size_t)w;
  }
}
