/* Subcommands of the aicost CLI; each returns the process exit status:
 * 0 success, 2 invalid input (every problem listed on stderr), 1 internal error,
 * 3 a cost gate crossed (aicost diff). */
#ifndef AICOST_CLI_COMMANDS_H
#define AICOST_CLI_COMMANDS_H

#include <stdbool.h>

/* catalogue_opt.c: the catalogue a command loads, as a ':'-separated list
 * of files (layered) or NULL for the default compiled in. */
struct catalogue_opt {
  char list[4096];
  bool from_flags; /* the first --catalogue replaces AICOST_CATALOGUE */
};
void catalogue_opt_init(struct catalogue_opt *c);
int catalogue_opt_add(struct catalogue_opt *c, const char *path);
const char *catalogue_opt_list(const struct catalogue_opt *c);

/* aicost project FILE|-|NAME [--scenarios DIR] [--set P=V]... [--format F] ... */
int cmd_project(int argc, char **argv);
/* aicost compare FILE|- [--format F] [--pretty] [--catalogue PATH] */
int cmd_compare(int argc, char **argv);
/* aicost scenarios check DIR: every problem of every file */
int cmd_scenarios(int argc, char **argv);
/* aicost diff OLD NEW | --git REV [DIR]: cost changes, gates */
int cmd_diff(int argc, char **argv);
/* aicost catalogue check FILE | show [gpus|models|api-prices] */
int cmd_catalogue(int argc, char **argv);
/* aicost catalogue import skypilot --as-of DATE CLOUD@COMMIT=FILE...: GPU offers YAML */
int cmd_import_skypilot(int argc, char **argv);
/* aicost catalogue import FORMAT ... FILE: a price feed -> catalogue YAML */
int cmd_import(int argc, char **argv);
/* aicost schema scenario|comparison|catalogue|plan [--pretty] */
int cmd_schema(int argc, char **argv);
/* aicost probe URL: exit 0 when it answers 2xx (container HEALTHCHECK) */
int cmd_probe(int argc, char **argv);
/* aicost plan FILE|- [--format F] [--pretty] [--catalogue PATH] */
int cmd_plan(int argc, char **argv);

#endif
