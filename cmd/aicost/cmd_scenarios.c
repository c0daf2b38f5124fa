/* aicost scenarios check DIR: every problem of every named scenario file of
 * DIR, as aicostd would meet them at start (the same loader, file by file),
 * so that a broken file is found in CI rather than when the service
 * refuses to start. Exit 0 when every file is valid, 2 otherwise. */
#include <stdio.h>
#include <string.h>

#include "aicost/catalogue_io.h"
#include "cli_io.h"

static void
usage(void)
{
  fputs("usage: aicost scenarios check DIR [--catalogue PATH]\n", stderr);
}

int
cmd_scenarios(int argc, char **argv)
{
  struct catalogue_opt catalogue;
  struct aic_catalogue *cat;
  const char *dir = NULL;
  size_t n_files = 0;
  int status = CLI_INVALID, bad;

  catalogue_opt_init(&catalogue);
  if (argc < 2 || strcmp(argv[1], "check") != 0) {
    usage();
    return CLI_INVALID;
  }
  for (int i = 2; i < argc; i++) {
    if (strcmp(argv[i], "--catalogue") == 0 && i + 1 < argc) {
      if (catalogue_opt_add(&catalogue, argv[++i]) != 0)
        return CLI_INVALID;
    } else if (strncmp(argv[i], "--catalogue=", 12) == 0) {
      if (catalogue_opt_add(&catalogue, argv[i] + 12) != 0)
        return CLI_INVALID;
    } else if (argv[i][0] != '-' && dir == NULL) {
      dir = argv[i];
    } else {
      usage();
      return CLI_INVALID;
    }
  }
  if (dir == NULL) {
    usage();
    return CLI_INVALID;
  }
  cat = cli_load_catalogue(catalogue_opt_list(&catalogue), &status);
  if (cat == NULL)
    return status;
  bad = aic_scenarios_check_dir(dir, cat, cli_print_file_problems, NULL, &n_files);
  aic_catalogue_free(cat);
  if (bad < 0)
    return CLI_INVALID;
  if (bad > 0) {
    fprintf(stderr, "aicost scenarios check: %d of %zu file%s in %s %s problems\n", bad, n_files,
            n_files == 1 ? "" : "s", dir, bad == 1 ? "has" : "have");
    return CLI_INVALID;
  }
  printf("%zu scenario file%s in %s, all valid\n", n_files, n_files == 1 ? "" : "s", dir);
  return fflush(stdout) == 0 ? CLI_OK : CLI_INTERNAL;
}
