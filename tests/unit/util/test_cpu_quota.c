/* aicostd's default --threads: the cgroup v2 CPU quota, read as the kernel
 * writes it (cmd/aicostd/cpu_quota.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cpu_quota.h"

static void
cpu_max_lines(void **state)
{
  static const struct {
    const char *line;
    unsigned cpus;
  } rows[] = {
    { "max 100000\n", 0 },       /* no limit: the cores decide */
    { "200000 100000\n", 2 },    /* two CPUs (Kubernetes limits.cpu: 2) */
    { "150000 100000\n", 2 },    /* 1.5 CPUs: rounded up, a thread for the half */
    { "50000 100000", 1 },       /* half a CPU still needs one thread */
    { "100000000 1000", 1024 },  /* absurd quotas are capped */
    { "", 0 },                   /* unreadable: no limit rather than a guess */
    { "100000", 0 },             /* no period */
    { "-5 100000", 0 },          /* not a quota */
    { "200000 100000 junk", 0 }, /* trailing bytes: not the format */
  };

  (void)state;
  for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
    assert_int_equal(aicostd_cpu_max_cpus(rows[i].line), rows[i].cpus);
  assert_int_equal(aicostd_cpu_max_cpus(NULL), 0);
}

/* mkdir -p */
static void
make_dirs(char *path)
{
  for (char *p = path + 1; *p != '\0'; p++) {
    if (*p == '/') {
      *p = '\0';
      (void)mkdir(path, 0700);
      *p = '/';
    }
  }
  (void)mkdir(path, 0700);
}

/* The process's own cgroup under a fake root, limited to one CPU: the
 * default is then 1 whatever the host has. A parent's tighter limit wins
 * too; a root without cpu.max leaves the cores. */
static void
quota_of_own_cgroup(void **state)
{
  char root[] = "/tmp/aicost-cgroup-XXXXXX", rel[2048] = "", dir[4096], file[4200], line[2048];
  char cmd[4200];
  FILE *f = fopen("/proc/self/cgroup", "r");
  unsigned free_run;

  (void)state;
  if (f == NULL)
    skip();
  while (fgets(line, sizeof line, f) != NULL)
    if (strncmp(line, "0::", 3) == 0) {
      line[strcspn(line, "\n")] = '\0';
      memcpy(rel, line + 3, strlen(line + 3) + 1);
    }
  fclose(f);
  if (rel[0] == '\0')
    skip(); /* cgroup v1 */
  assert_non_null(mkdtemp(root));
  free_run = aicostd_default_threads(root);
  assert_true(free_run >= 1);
  snprintf(dir, sizeof dir, "%s%s", root, rel);
  make_dirs(dir);
  snprintf(file, sizeof file, "%s/cpu.max", dir);
  f = fopen(file, "w");
  assert_non_null(f);
  fputs("100000 100000\n", f);
  fclose(f);
  assert_int_equal(aicostd_default_threads(root), 1);
  /* without a readable limit the cores (or the affinity mask) decide */
  f = fopen(file, "w");
  assert_non_null(f);
  fputs("max 100000\n", f);
  fclose(f);
  assert_int_equal(aicostd_default_threads(root), free_run);
  assert_int_equal(aicostd_default_threads(NULL), free_run);
  unlink(file);
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
  assert_int_equal(system(cmd), 0);
}

int
main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(cpu_max_lines),
    cmocka_unit_test(quota_of_own_cgroup),
  };

  return cmocka_run_group_tests_name("cpu_quota", tests, NULL, NULL);
}
