#include <stdio.h>
#include <string.h>

#include "commands.h"

int
main(int argc, char **argv)
{
  if (argc >= 2 && strcmp(argv[1], "project") == 0)
    return cmd_project(argc - 1, argv + 1);
  if (argc >= 2 && strcmp(argv[1], "compare") == 0)
    return cmd_compare(argc - 1, argv + 1);
  if (argc >= 2 && strcmp(argv[1], "catalogue") == 0)
    return cmd_catalogue(argc - 1, argv + 1);
  if (argc >= 2 && strcmp(argv[1], "probe") == 0)
    return cmd_probe(argc - 1, argv + 1);
  fputs("usage: aicost project|compare|catalogue|probe ...\n", stderr);
  return 2;
}
