/* placeholder: being written */
#include <stdio.h>
#include "commands.h"
int cmd_project(int argc, char **argv) { (void)argc; (void)argv; fputs("not yet\n", stderr); return 1; }
int cmd_compare(int argc, char **argv) { (void)argc; (void)argv; fputs("not yet\n", stderr); return 1; }
