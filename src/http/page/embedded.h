/* What aicostd carries for dashboards, embedded at build time by embed.py
 * (src/http/page/meson.build): the budget page (one document, assembled
 * from its parts by src/tools/page.py) and the example named scenarios of
 * config/scenarios, served when no --scenarios is given. */
#ifndef AICOST_SRV_PAGE_EMBEDDED_H
#define AICOST_SRV_PAGE_EMBEDDED_H

#include <stddef.h>

extern const char aic_page_index_html[];
extern const size_t aic_page_index_html_len;

/* One embedded file; `len` points at the embed's `_len` (not a constant
 * expression in C, so it cannot be copied into a static table). */
struct srv_embedded_file {
  const char *filename; /* "support-bot.yaml" */
  const char *text;
  const size_t *len;
};

extern const struct srv_embedded_file srv_default_scenarios[];
extern const size_t srv_n_default_scenarios;

#endif
