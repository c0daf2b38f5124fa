/* aicost: the command-line face of the cost model. Same core and libraries as
 * the server; files and stdout instead of sockets. Exit status: 0 success,
 * 2 invalid input or usage (every problem on stderr), 3 a diff gate crossed,
 * 1 internal error. */
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
  "  project FILE|-   project one scenario (JSON or YAML, told apart by content)\n"
  "  project NAME     project the named scenario NAME of --scenarios DIR (default\n"
  "                   config/scenarios), changed by --set PATH=VALUE as the server's\n"
  "                   GET /v1/scenarios/NAME/projection?... changes it\n"
  "  compare FILE|-   compare 2-16 scenarios {\"horizon_days\", \"scenarios\": [...]}; an\n"
  "                   option {\"name\", \"plan\": {...}} is a plan's cheapest set-up\n"
  "  diff OLD NEW     the cost change per scenario between two scenario files or two\n"
  "                   directories of named scenarios; exit 3 when a gate is crossed\n"
  "  diff --git REV [DIR]\n"
  "                   DIR (default config/scenarios) at git revision REV against the\n"
  "                   working tree\n"
  "  scenarios check DIR\n"
  "                   every problem of every named scenario file in DIR\n"
  "  catalogue check FILE | show [gpus|models|api-prices]\n"
  "                   validate or list a price catalogue\n"
  "  catalogue import genai-prices --as-of DATE FILE\n"
  "                   a public price feed -> catalogue YAML on stdout\n"
  "  plan FILE|-      the cheapest way to serve a model under a latency target\n"
  "                   {\"model\", \"traffic\", \"slo\", \"constraints\", ...} (docs/planner.md);\n"
  "                   the options of project, --format csv|svg the Pareto set\n"
  "  schema NAME      print the JSON Schema of a scenario, a comparison or the\n"
  "                   catalogue file (NAME: scenario, comparison, catalogue)\n"
  "  probe URL        exit 0 when URL answers 2xx (container health check)\n"
  "\n"
  "options of project, compare and diff:\n"
  "  --format NAME     what to print, as the API's ?format= (the first is the default;\n"
  "                    diff prints table, the default, markdown or json):\n";
/* then a line for each row of the format table */
static const char usage_tail[] =
  "  --pretty          indent the JSON output\n"
  "  --no-bands        (project, compare) point values only: skip the p10-p90 bands\n"
  "                    and drivers (the API's ?bands=false)\n"
  "  --catalogue PATH  price catalogue (YAML); again to layer files; default\n"
  "                    $AICOST_CATALOGUE, else the catalogue built into this binary\n"
  "  --today DATE      the date prices' and exchange rates' ages are measured at\n"
  "                    (stale_price, stale_fx warnings); default the catalogue's date\n"
  "  --set PATH=VALUE  (project) change a member: traffic.requests_per_day,\n"
  "                    traffic.monthly_growth, traffic.max_requests_per_day, horizon_days,\n"
  "                    granularity, start_date, today, stale_after_days\n"
  "  --scenarios DIR   (project NAME) where named scenarios are; default config/scenarios\n"
  "  --fail-above USD  (diff) exit 3 when the scenarios' horizon total rises by more\n"
  "                    than USD\n"
  "  --fail-increase PCT  (diff) exit 3 when it rises by more than PCT percent\n"
  "                    (and always when a scenario's horizon total passes its budget_usd)\n"
  "\n"
  "example: the article's support bot, 5,000,000 requests a day at $0.005 each\n"
  "  echo '{\"inference\": {\"cost_per_request_usd\": 0.005},\n"
  "         \"traffic\": {\"requests_per_day\": 5000000}}' | aicost project --pretty -\n"
  "  -> \"daily_usd\": 25000, \"annual_usd\": 9125000, ...\n"
  "  aicost project support-bot --set traffic.requests_per_day=6e6 --format table\n"
  "  aicost diff --git origin/main --fail-increase 10 --format markdown\n"
  "\n"
  "exit status: 0 success (the output on stdout); 2 invalid input, each problem on\n"
  "stderr as 'pointer: reason' (a JSON Pointer) or 'file:line:col: key.path: reason'\n"
  "(YAML); 3 a diff gate crossed, each on stderr as one line; 1 internal error.\n"
  "Fields and output: docs/scenario.md; the CLI: docs/cli.md.\n";

/* The usage, with the formats of render.h's table. */
static void
print_usage(FILE *f)
{
  fputs(usage_head, f);
  for (size_t i = 0; i < aic_n_formats; i++)
    fprintf(f, "                      %-8s %s\n", aic_formats[i].name, aic_formats[i].summary);
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
  if (cmd && strcmp(cmd, "diff") == 0)
    return cmd_diff(argc - 1, argv + 1);
  if (cmd && strcmp(cmd, "scenarios") == 0)
    return cmd_scenarios(argc - 1, argv + 1);
  if (cmd && strcmp(cmd, "catalogue") == 0)
    return cmd_catalogue(argc - 1, argv + 1);
  if (cmd && strcmp(cmd, "schema") == 0)
    return cmd_schema(argc - 1, argv + 1);
  if (cmd && strcmp(cmd, "probe") == 0)
    return cmd_probe(argc - 1, argv + 1);
  if (cmd && strcmp(cmd, "plan") == 0)
    return cmd_plan(argc - 1, argv + 1);
  if (cmd)
    fprintf(stderr, "aicost: unknown command '%s'\n\n", cmd);
  print_usage(stderr);
  return 2;
}
