/* How many worker threads aicostd starts by default: one per CPU it may
 * use, which in a container is the CPU quota (cgroup v2 cpu.max), not the
 * host's cores. */
#ifndef AICOSTD_CPU_QUOTA_H
#define AICOSTD_CPU_QUOTA_H

/* The CPUs a cgroup v2 `cpu.max` line ("QUOTA PERIOD" in microseconds, or
 * "max PERIOD") allows, rounded up: "150000 100000" is 2. 0 when it sets no
 * limit or cannot be read. Pure, for the tests. */
unsigned aicostd_cpu_max_cpus(const char *cpu_max);

/* The default for --threads: the CPUs this process may run on (its
 * affinity mask), lowered to the tightest cpu.max of its cgroup and the
 * cgroup's ancestors under `cgroup_root` (normally "/sys/fs/cgroup"; the
 * process's cgroup from /proc/self/cgroup). At least 1, at most 1024. */
unsigned aicostd_default_threads(const char *cgroup_root);

#endif
