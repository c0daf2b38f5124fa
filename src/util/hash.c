/* FNV-1a 64 (include/aicost/util.h). */
#include <stdio.h>

#include "aicost/util.h"

#define FNV1A_PRIME UINT64_C(0x100000001b3)

uint64_t
aic_fnv1a(uint64_t h, const void *data, size_t len)
{
  const unsigned char *p = data;

  for (size_t i = 0; i < len; i++) {
    h ^= p[i];
    h *= FNV1A_PRIME;
  }
  return h;
}

void
aic_hash_hex(uint64_t h, char out[17])
{
  snprintf(out, 17, "%016llx", (unsigned long long)h);
}
