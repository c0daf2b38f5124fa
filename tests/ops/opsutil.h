/* Helpers shared by the ops tests: a scratch directory, starting aicostd
 * with common flags, reading /metrics and the served catalogue. */
#ifndef AICOST_OPSUTIL_H
#define AICOST_OPSUTIL_H

#include <stdbool.h>
#include <stddef.h>

#include "hclient.h"

/* argv[1] of the test: the aicostd binary. */
extern const char *ops_aicostd;

/* A fresh directory under /tmp, world-readable (an unprivileged daemon
 * must reach the files in it); removed with its files by ops_rmtree. */
void ops_tmpdir(char *out, size_t cap);
void ops_rmtree(const char *dir);
/* The uid to run the daemon as for permission tests: 65534 (nobody) when
 * we are root, -1 (ourselves) otherwise. */
long ops_unprivileged_uid(void);

/* Starts aicostd on 127.0.0.1:0 with --threads 2 and the extra args;
 * the log goes to dir/name.log. Fails the test (cmocka) on error. */
void ops_start(struct hc_daemon *d, const char *dir, const char *name, const char *const *extra,
               long uid);
/* Kills (SIGKILL) and reaps every daemon ops_start started that still
 * runs: the teardown of every test, so that a failed assertion never
 * leaves a server behind. */
int ops_teardown(void **state);
/* SIGTERM and expect exit 0 within timeout_ms. */
void ops_stop_clean(struct hc_daemon *d, int timeout_ms);

/* The value of an unlabelled metric, or -1 when absent or unreachable. */
double ops_metric(int port, const char *name);
/* Polls until the metric is >= want or timeout_ms passes; returns its last value. */
double ops_wait_metric(int port, const char *name, double want, int timeout_ms);
/* The catalogue served: version and hash (GET /readyz). false on failure. */
bool ops_catalogue(int port, char *version, size_t vcap, char *hash, size_t hcap);
/* POST the article's scenario; returns the status. */
int ops_project(int port);
/* Occurrences of `needle` in the file. */
int ops_count_in_file(const char *path, const char *needle);
/* Writes len bytes to path (created 0644, truncated). */
void ops_write(const char *path, const void *bytes, size_t len);
/* Whether the ASan runtime is in this process (RSS checks are meaningless). */
bool ops_asan(void);

#endif
