/* Private to src/catalogue: where a catalogue file's content ends. */
#ifndef AICOST_CATALOGUE_CATALOGUE_END_H
#define AICOST_CATALOGUE_CATALOGUE_END_H

#include <stddef.h>

/* A catalogue file ends with the line "...", YAML's end of document: YAML
 * cut at an entry boundary is still a valid catalogue with entries
 * missing, and a reload that caught an editor or a copy half way served 2
 * of 15 API prices (issue 12). Returns where that line starts: the last
 * line that is not blank or a comment, when it is exactly "..." from its
 * first column; `len` when the last such line is something else. *line is
 * that last line's number (1-based), 0 when the text has none. The bytes
 * before the marker are the content the catalogue's hash covers. */
size_t aic_catalogue_content_end(const char *text, size_t len, unsigned *line);

#endif
