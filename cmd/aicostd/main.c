/* placeholder: being written */
#include <stdio.h>

int
main(void)
{
  fputs("aicostd: not yet\n", stderr);
  return 1;
}
