/* The default --threads from the CPU quota. A container limited to two
 * CPUs on a 64-core host gets 64 threads from sysconf(), which then
 * contend for two CPUs' worth of time and are throttled by the kernel's
 * CFS bandwidth control in bursts; one thread per CPU of quota keeps the
 * queueing in libmicrohttpd, where it is fair. Linux cgroup v2:
 * https://docs.kernel.org/admin-guide/cgroup-v2.html ("cpu.max"). */
#define _GNU_SOURCE /* sched_getaffinity, CPU_COUNT */
#include <errno.h>
#include <math.h>
#include <sched.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cpu_quota.h"

#define THREADS_MAX 1024

unsigned
aicostd_cpu_max_cpus(const char *cpu_max)
{
  char *end;
  double quota, period;

  if (cpu_max == NULL || strncmp(cpu_max, "max", 3) == 0)
    return 0;
  errno = 0;
  quota = strtod(cpu_max, &end);
  if (errno != 0 || end == cpu_max || *end != ' ')
    return 0;
  period = strtod(end + 1, &end);
  if (errno != 0 || (*end != '\0' && *end != '\n') || !(quota > 0) || !(period > 0))
    return 0;
  if (quota / period >= THREADS_MAX)
    return THREADS_MAX;
  return (unsigned)ceil(quota / period);
}

/* cpu.max of one cgroup directory; 0 when none. */
static unsigned
cgroup_cpus(const char *dir)
{
  char path[4096], line[128];
  FILE *f;
  unsigned cpus = 0;

  if (snprintf(path, sizeof path, "%s/cpu.max", dir) >= (int)sizeof path)
    return 0;
  f = fopen(path, "r");
  if (f == NULL)
    return 0;
  if (fgets(line, sizeof line, f) != NULL)
    cpus = aicostd_cpu_max_cpus(line);
  fclose(f);
  return cpus;
}

/* The process's cgroup v2 path ("0::/system.slice/x.service" -> that
 * path), into out; false on cgroup v1 or without /proc. */
static bool
own_cgroup(char *out, size_t cap)
{
  FILE *f = fopen("/proc/self/cgroup", "r");
  char line[4096];
  bool found = false;

  if (f == NULL)
    return false;
  while (!found && fgets(line, sizeof line, f) != NULL) {
    if (strncmp(line, "0::", 3) == 0) {
      line[strcspn(line, "\n")] = '\0';
      found = snprintf(out, cap, "%s", line + 3) < (int)cap;
    }
  }
  fclose(f);
  return found;
}

unsigned
aicostd_default_threads(const char *cgroup_root)
{
  cpu_set_t set;
  long online = sysconf(_SC_NPROCESSORS_ONLN);
  unsigned cpus = online > 0 ? (unsigned)(online < THREADS_MAX ? online : THREADS_MAX) : 1;
  char rel[2048], dir[4096];

  if (sched_getaffinity(0, sizeof set, &set) == 0 && CPU_COUNT(&set) > 0 &&
      (unsigned)CPU_COUNT(&set) < cpus)
    cpus = (unsigned)CPU_COUNT(&set);
  /* Inside a container's cgroup namespace the path is "/" and the limit
   * is the root's; on a host it is a slice whose ancestors may limit it
   * too. The tightest one wins. */
  if (cgroup_root != NULL && own_cgroup(rel, sizeof rel)) {
    for (;;) {
      unsigned q;
      char *slash;

      if (snprintf(dir, sizeof dir, "%s%s", cgroup_root, rel) >= (int)sizeof dir)
        break;
      q = cgroup_cpus(dir);
      if (q > 0 && q < cpus)
        cpus = q;
      slash = strrchr(rel, '/');
      if (slash == NULL || rel[0] == '\0')
        break;
      *slash = '\0'; /* the parent; "" is the root */
    }
  }
  return cpus > 0 ? cpus : 1;
}
