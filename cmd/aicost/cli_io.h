/* What the CLI's commands that read a scenario and print a result share, so
 * that every one of them (project, compare, diff, plan) reads the same
 * input the same way and offers the same formats:
 *   - input: a file or '-', JSON or YAML by its content (aic_source), YAML
 *     problems at file:line:col;
 *   - output: --format NAME from the one format table (render.h), --pretty;
 *   - the catalogue (--catalogue, $AICOST_CATALOGUE) and problems on stderr.
 * Exit statuses: 0 success, 1 internal error, 2 invalid input or usage,
 * 3 a gate crossed (aicost diff). */
#ifndef AICOST_CLI_IO_H
#define AICOST_CLI_IO_H

#include <stdbool.h>
#include <stddef.h>

#include "aicost/catalogue.h"
#include "aicost/render.h"
#include "aicost/scenarios.h"
#include "commands.h"

enum { CLI_OK = 0, CLI_INTERNAL = 1, CLI_INVALID = 2, CLI_GATE = 3 };

/* --format and --pretty. */
struct cli_output {
  const struct aic_format *format; /* the table's first (JSON) unless given */
  bool pretty;
};
void cli_output_init(struct cli_output *o);
/* Takes argv[*i] (and its value) when it is --format NAME, --format=NAME or
 * --pretty: 1 taken (*i moved past its value), 0 not an output option, -1
 * a bad value (said on stderr). */
int cli_output_option(const char *cmd, int argc, char **argv, int *i, struct cli_output *o);
/* After the options: -1 (said) when --pretty is given for a format that is
 * not JSON. */
int cli_output_check(const char *cmd, const struct cli_output *o);
/* Writes the rendered bytes (NULL: out of memory), re-indented when
 * --pretty, ending with a newline; frees them. The exit status. */
int cli_emit(const struct cli_output *o, char *bytes, size_t len);

/* The options every command that projects takes: the output's, and
 * --catalogue PATH (again to layer), --today YYYY-MM-DD. */
struct cli_common {
  struct cli_output out;
  struct catalogue_opt catalogue;
  const char *today; /* NULL: the catalogue's date */
};
void cli_common_init(struct cli_common *c);
/* As cli_output_option, for all of them. */
int cli_common_option(const char *cmd, int argc, char **argv, int *i, struct cli_common *c);
/* Their usage text, for a command's usage line. */
#define CLI_COMMON_USAGE "[--format F] [--pretty] [--catalogue PATH] [--today YYYY-MM-DD]"

/* All of a file ('-': stdin), at most 64 MiB; NULL with the reason printed
 * and *status set. The caller frees. */
char *cli_read_bytes(const char *path, size_t *len, int *status);

/* A scenario or comparison from `path` ('-': stdin), JSON or YAML by its
 * content. The status; on CLI_OK the caller releases `src`. Problems are
 * printed: YAML's as "file:line:col: key.path: reason". */
int cli_read_source(const char *path, struct aic_source *src);

/* Each problem on stderr, "pointer: reason" ("(document)" for the root),
 * after `prefix` ("", "warning: "). */
void cli_print_diags(const char *prefix, const struct aic_diags *d);
/* An aic_scenario_problems_fn printing a file's problems as
 * cli_print_diags does (each problem's place names its file). */
void cli_print_file_problems(void *ctx, const char *file, const struct aic_diags *problems);
/* The status for a library's return code: 0 -> 0, a client error -> 2, an
 * internal one -> 1; the problems printed. */
int cli_fail_status(int rc, const struct aic_diags *errors);
/* The catalogue of a ':'-separated list (NULL: the one built in); NULL
 * with the problems printed and *status set. */
struct aic_catalogue *cli_load_catalogue(const char *list, int *status);

#endif
