/* aicost schema scenario|comparison|catalogue [--pretty]
 *
 * Prints the JSON Schema (draft 2020-12) of a document aicost reads,
 * generated from the tables that validate it: the same document as
 * GET /v1/schemas/{name}. config/schemas/ keeps the three for editors (a
 * test holds them equal to this output). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aicost/json.h"
#include "aicost/scenarios.h"
#include "commands.h"

static void
usage(FILE *out)
{
  fputs("usage: aicost schema NAME [--pretty]\n"
        "  NAME is one of:",
        out);
  for (size_t i = 0; aic_json_schema_name(i) != NULL; i++)
    fprintf(out, " %s", aic_json_schema_name(i));
  fputs("\n", out);
}

int
cmd_schema(int argc, char **argv)
{
  const char *name = NULL;
  int pretty = 0;
  json_t *schema;
  char *text;
  int r;

  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--pretty") == 0) {
      pretty = 1;
    } else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
      usage(stdout);
      return fflush(stdout) == 0 ? 0 : 1;
    } else if (name == NULL && argv[i][0] != '-') {
      name = argv[i];
    } else {
      fprintf(stderr, "aicost schema: unexpected argument '%s'\n", argv[i]);
      usage(stderr);
      return 2;
    }
  }
  if (name == NULL) {
    usage(stderr);
    return 2;
  }
  r = aic_json_schema(name, &schema);
  if (r == AIC_E_INVALID) {
    fprintf(stderr, "aicost schema: no schema '%s'\n", name);
    usage(stderr);
    return 2;
  }
  text = r == AIC_OK ? aic_json_dump(schema, pretty) : NULL;
  json_decref(schema);
  if (text == NULL) {
    fputs("aicost schema: out of memory\n", stderr);
    return 1;
  }
  r = printf("%s\n", text) < 0;
  free(text);
  return fflush(stdout) == 0 && r == 0 ? 0 : 1;
}
