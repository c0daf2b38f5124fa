/* The standard process_* metrics (the names and meanings of the Prometheus
 * client libraries' process collector), read from the kernel at scrape
 * time: resident and virtual memory, CPU seconds, open and maximum file
 * descriptors, and the start time. A figure the system does not give
 * (no /proc) has no sample rather than a zero. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "num_format.h"
#include "srv.h"

/* Entries of /proc/self/fd, less the one the listing itself holds open; -1
 * without /proc. */
static long
open_fds(void)
{
  DIR *d = opendir("/proc/self/fd");
  struct dirent *e;
  long n = 0;

  if (d == NULL)
    return -1;
  while ((e = readdir(d)) != NULL)
    if (e->d_name[0] != '.')
      n++;
  closedir(d);
  return n - 1;
}

/* The boot time (unix seconds) from /proc/stat's "btime" line; -1 when unknown. */
static long long
boot_time(void)
{
  FILE *f = fopen("/proc/stat", "r");
  char line[256];
  long long btime = -1;

  if (f == NULL)
    return -1;
  while (fgets(line, sizeof line, f) != NULL)
    if (strncmp(line, "btime ", 6) == 0) {
      btime = strtoll(line + 6, NULL, 10);
      break;
    }
  fclose(f);
  return btime;
}

/* Start time in unix seconds: /proc/self/stat's field 22 (clock ticks after
 * boot) plus the boot time, as the client libraries compute it; < 0 when
 * unknown. The command name (field 2) may hold spaces and ')', so fields
 * are counted from the last ')'. */
static double
start_time(void)
{
  FILE *f = fopen("/proc/self/stat", "r");
  char buf[1024];
  size_t n;
  const char *p;
  long long btime = boot_time();
  long ticks = sysconf(_SC_CLK_TCK);

  if (f == NULL)
    return -1;
  n = fread(buf, 1, sizeof buf - 1, f);
  fclose(f);
  buf[n] = '\0';
  p = strrchr(buf, ')');
  if (p == NULL || btime < 0 || ticks <= 0)
    return -1;
  /* after ')': one space before each field, field 3 (state) first; stop
   * at the space before field 22 */
  for (int field = 3; field <= 22; field++) {
    p = strchr(p + 1, ' ');
    if (p == NULL)
      return -1;
  }
  return (double)btime + strtod(p + 1, NULL) / (double)ticks;
}

/* Resident and virtual bytes from /proc/self/statm (pages); false without it. */
static bool
memory(double *resident, double *virtual)
{
  FILE *f = fopen("/proc/self/statm", "r");
  unsigned long long size, rss;
  long page = sysconf(_SC_PAGESIZE);
  int got;

  if (f == NULL)
    return false;
  got = fscanf(f, "%llu %llu", &size, &rss);
  fclose(f);
  if (got != 2 || page <= 0)
    return false;
  *virtual = (double)size * (double)page;
  *resident = (double)rss * (double)page;
  return true;
}

static void
family(FILE *f, const char *name, const char *type, const char *help, double v)
{
  char num[AIC_NUM_TEXT_MAX];

  aic_num_format(v, num);
  fprintf(f, "# HELP %s %s\n# TYPE %s %s\n%s %s\n", name, help, name, type, name, num);
}

void
srv_process_metrics(FILE *f)
{
  struct rusage ru;
  struct rlimit rl;
  double resident, virtual, start = start_time();
  long fds = open_fds();

  if (getrusage(RUSAGE_SELF, &ru) == 0)
    family(f, "process_cpu_seconds_total", "counter",
           "Total user and system CPU time spent in seconds.",
           (double)ru.ru_utime.tv_sec + (double)ru.ru_stime.tv_sec +
             ((double)ru.ru_utime.tv_usec + (double)ru.ru_stime.tv_usec) / 1e6);
  if (memory(&resident, &virtual)) {
    family(f, "process_resident_memory_bytes", "gauge", "Resident memory size in bytes.", resident);
    family(f, "process_virtual_memory_bytes", "gauge", "Virtual memory size in bytes.", virtual);
  }
  if (fds >= 0)
    family(f, "process_open_fds", "gauge", "Number of open file descriptors.", (double)fds);
  if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY)
    family(f, "process_max_fds", "gauge", "Maximum number of open file descriptors.",
           (double)rl.rlim_cur);
  if (start >= 0)
    family(f, "process_start_time_seconds", "gauge",
           "Start time of the process since unix epoch in seconds.", start);
}
