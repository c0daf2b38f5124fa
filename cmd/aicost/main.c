/* aicost: the command-line face of the cost model. Same core and libraries as
 * the server; files and stdout instead of sockets. Exit status: 0 success,
 * 2 invalid input or usage (every problem on stderr), 1 internal error. */
#include <stdio.h>
#include <string.h>

#include "aicost/render.h"
#include "commands.h"

#ifndef AICOST_VERSION
#define AICOST_VERSION "unknown"
#endif

static const char usage_head[] =
  "usage: aicost COMMAND [ARGS]\n"
  "\n"
  "What will this AI model cost to train once, and to serve forever?\n"
  "\n"
  "commands:\n"
  "  project FILE|-   project one scenario (JSON) and print the projection\n"
  "  compare FILE|-   compare 2-16 scenarios {\"horizon_days\", \"scenarios\": [...]}\n"
  "  catalogue check FILE | show [gpus|models|api-prices]\n"
  "                   validate or list a price catalogue\n"
  "  catalogue import genai-prices --as-of DATE FILE\n"
  "                   a public price feed -> catalogue YAML on stdout\n"
  "  schema NAME      print the JSON Schema of a scenario, a comparison or the\n"
  "                   catalogue file (NAME: scenario, comparison, catalogue)\n"
  "  probe URL        exit 0 when URL answers 2xx (container health check)\n"
  "\n"
  "options of project and compare:\n"
  "  --format NAME     what to print, as the API's ?format= (the first is the default):\n";
/* then a line for each row of the format table */
static const char usage_tail[] =
  "  --pretty          indent the JSON output\n"
  "  --no-bands        point values only: skip the p10-p90 bands and drivers\n"
  "                    (the API's ?bands=false)\n"
  "  --catalogue PATH  price catalogue (YAML); default $AICOST_CATALOGUE, else the\n"
  "                    catalogue built into this binary\n"
  "  --today DATE      the date prices' ages are measured at (stale_price\n"
  "                    warnings); default the catalogue's date\n"
  "\n"
  "example: the article's support bot, 5,000,000 requests a day at $0.005 each\n"
  "  echo '{\"inference\": {\"cost_per_request_usd\": 0.005},\n"
  "         \"traffic\": {\"requests_per_day\": 5000000}}' | aicost project --pretty -\n"
  "  -> \"daily_usd\": 25000, \"annual_usd\": 9125000, ...\n"
  "\n"
  "exit status: 0 success (the output on stdout); 2 invalid input, each problem on\n"
  "stderr as 'pointer: reason' (a JSON Pointer into the input); 1 internal error.\n"
  "Fields and output: docs/scenario.md.\n";

/* The usage, with the formats of render.h's table. */
static void
print_usage(FILE *f)
{
  fputs(usage_head, f);
  for (size_t i = 0; i < aic_n_formats; i++)
    fprintf(f, "                      %-5s %s\n", aic_formats[i].name, aic_formats[i].summary);
  fputs(usage_tail, f);
}

int
main(int argc, char **argv)
{
  const char *cmd = argc >= 2 ? argv[1] : NULL;

  if (cmd && (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0)) {
    print_usage(stdout);
    return fflush(stdout) == 0 ? 0 : 1;
  }
  if (cmd && strcmp(cmd, "--version") == 0) {
    printf("aicost %s\n", AICOST_VERSION);
    return fflush(stdout) == 0 ? 0 : 1;
  }
  if (cmd && strcmp(cmd, "project") == 0)
    return cmd_project(argc - 1, argv + 1);
  if (cmd && strcmp(cmd, "compare") == 0)
    return cmd_compare(argc - 1, argv + 1);
  if (cmd && strcmp(cmd, "catalogue") == 0)
    return cmd_catalogue(argc - 1, argv + 1);
  if (cmd && strcmp(cmd, "schema") == 0)
    return cmd_schema(argc - 1, argv + 1);
  if (cmd && strcmp(cmd, "probe") == 0)
    return cmd_probe(argc - 1, argv + 1);
  if (cmd)
    fprintf(stderr, "aicost: unknown command '%s'\n\n", cmd);
  print_usage(stderr);
  return 2;
}
