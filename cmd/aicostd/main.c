/* aicostd: flags and environment -> load the catalogue -> bind -> start the
 * server -> wait for signals in this thread.
 *
 * Signals are blocked before any thread starts (the MHD threads inherit the
 * mask) and taken here with sigwait, so no work ever runs in a handler:
 *   SIGHUP           reload the catalogue; a bad file is logged, the old one stays
 *   SIGTERM, SIGINT  stop accepting, let requests in flight finish, exit 0
 * Exit status: 0 after a clean stop, 1 when the service cannot start
 * (catalogue, address, port), 2 for a usage error. */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "cpu_quota.h"
#include "srv.h"

static const char usage[] =
  "Usage: aicostd [OPTION]...\n"
  "Serve AI training and inference cost projections over HTTP.\n"
  "\n"
  "  --listen ADDR:PORT      address to listen on (default 127.0.0.1:8080; port 0 picks a free one;\n"
  "                          [::1]:8080 for IPv6)                              env AICOST_LISTEN\n"
  "  --catalogue PATH        catalogue YAML (default: the one built in)       env AICOST_CATALOGUE\n"
  "                          again, or PATH:PATH, layers files: docs/catalogue.md\n"
  "  --scenarios DIR         named scenarios, DIR/<id>.yaml (default: the examples built in);\n"
  "                          `aicost scenarios check DIR` lists every problem before a start\n"
  "                                                                            env AICOST_SCENARIOS\n"
  "  --threads N             worker threads (default: one per CPU of the container's quota,\n"
  "                          cgroup v2 cpu.max, else per core)                env AICOST_THREADS\n"
  "  --max-body BYTES        largest request body accepted (default 1048576)  env AICOST_MAX_BODY\n"
  "  --cors-origin ORIGIN    allow browser calls from ORIGIN; repeat or comma-separate;\n"
  "                          '*' allows any (default: CORS off)               env AICOST_CORS_ORIGIN\n"
  "  --max-connections N     open connections at most (default 1000)          env AICOST_MAX_CONNECTIONS\n"
  "  --max-connections-per-ip N  connections from one address at most (default 0: no limit; set\n"
  "                          it when clients reach aicostd without a gateway)\n"
  "                                                                            env AICOST_MAX_CONNECTIONS_PER_IP\n"
  "  --timeout SECONDS       close a connection idle this long (default 30)   env AICOST_TIMEOUT\n"
  "  --header-timeout SECONDS  a request's line and headers must arrive within this long of its\n"
  "                          first byte (default 10)                          env AICOST_HEADER_TIMEOUT\n"
  "  --body-timeout SECONDS  a request's body must arrive within this long of its headers\n"
  "                          (default 30)                                     env AICOST_BODY_TIMEOUT\n"
  "  --response-budget BYTES bytes of answers waiting for their clients, all together; past it\n"
  "                          503 and Retry-After (default 33554432, at least 8388608)\n"
  "                                                                            env AICOST_RESPONSE_BUDGET\n"
  "  --drain-timeout SECONDS on SIGTERM, wait this long for requests in flight (default 25)\n"
  "                                                                            env AICOST_DRAIN_TIMEOUT\n"
  "  --access-log on|off     one JSON line per request on stderr (default on) env AICOST_ACCESS_LOG\n"
  "  --port-file PATH        write the port listened on to PATH once ready\n"
  "  --print-routes          print the route table (METHOD PATH) and exit\n"
  "  --help                  show this help and exit\n"
  "  --version               show the version and exit\n"
  "\n"
  "On start one line goes to stderr: \"aicostd: listening on http://ADDR:PORT\".\n"
  "SIGHUP reloads the catalogue and the scenarios; SIGTERM or SIGINT stops gracefully (exit 0).\n"
  "Routes and schemas: GET /openapi.yaml.\n";

enum {
  OPT_LISTEN = 1000,
  OPT_CATALOGUE,
  OPT_SCENARIOS,
  OPT_THREADS,
  OPT_MAX_BODY,
  OPT_CORS,
  OPT_MAX_CONN,
  OPT_MAX_PER_IP,
  OPT_TIMEOUT,
  OPT_HEADER_TIMEOUT,
  OPT_BODY_TIMEOUT,
  OPT_RESPONSE_BUDGET,
  OPT_DRAIN,
  OPT_ACCESS_LOG,
  OPT_PORT_FILE,
  OPT_PRINT_ROUTES,
  OPT_HELP,
  OPT_VERSION,
};

/* clang-format off */
static const struct option options[] = {
  { "listen", required_argument, NULL, OPT_LISTEN },
  { "catalogue", required_argument, NULL, OPT_CATALOGUE },
  { "scenarios", required_argument, NULL, OPT_SCENARIOS },
  { "threads", required_argument, NULL, OPT_THREADS },
  { "max-body", required_argument, NULL, OPT_MAX_BODY },
  { "cors-origin", required_argument, NULL, OPT_CORS },
  { "max-connections", required_argument, NULL, OPT_MAX_CONN },
  { "max-connections-per-ip", required_argument, NULL, OPT_MAX_PER_IP },
  { "timeout", required_argument, NULL, OPT_TIMEOUT },
  { "header-timeout", required_argument, NULL, OPT_HEADER_TIMEOUT },
  { "body-timeout", required_argument, NULL, OPT_BODY_TIMEOUT },
  { "response-budget", required_argument, NULL, OPT_RESPONSE_BUDGET },
  { "drain-timeout", required_argument, NULL, OPT_DRAIN },
  { "access-log", required_argument, NULL, OPT_ACCESS_LOG },
  { "port-file", required_argument, NULL, OPT_PORT_FILE },
  { "print-routes", no_argument, NULL, OPT_PRINT_ROUTES },
  { "help", no_argument, NULL, OPT_HELP },
  { "version", no_argument, NULL, OPT_VERSION },
  { NULL, 0, NULL, 0 },
};
/* clang-format on */

/* Whole-string unsigned decimal within [min, max]; no atoi. */
static bool
parse_uint(const char *s, unsigned long long min, unsigned long long max, unsigned long long *out)
{
  char *end = NULL;
  unsigned long long v;

  if (s == NULL || *s < '0' || *s > '9')
    return false;
  errno = 0;
  v = strtoull(s, &end, 10);
  if (errno != 0 || *end != '\0' || v < min || v > max)
    return false;
  *out = v;
  return true;
}

static int
bad_value(const char *what, const char *value)
{
  fprintf(stderr, "aicostd: bad value '%s' for %s (see --help)\n", value, what);
  return 2;
}

/* Splits a comma list of origins into cfg->cors (the list is kept alive). */
static int
add_origins(struct srv_config *cfg, char *list)
{
  char *p = list;

  while (p != NULL && *p != '\0') {
    char *comma = strchr(p, ',');
    char *end;

    if (comma != NULL)
      *comma = '\0';
    while (*p == ' ')
      p++;
    end = p + strlen(p);
    while (end > p && end[-1] == ' ')
      *--end = '\0';
    if (*p != '\0') {
      if (cfg->n_cors == SRV_CORS_MAX) {
        fprintf(stderr, "aicostd: at most %d CORS origins\n", SRV_CORS_MAX);
        return 2;
      }
      cfg->cors[cfg->n_cors++] = p;
    }
    p = comma != NULL ? comma + 1 : NULL;
  }
  return 0;
}

struct settings {
  struct srv_config cfg;
  const char *port_file;
  bool print_routes;
  /* --catalogue given more than once layers the files, as ':' does in
   * AICOST_CATALOGUE: the flags' paths joined with ':' (the first flag
   * replaces the environment's list). */
  char catalogue_list[4096];
  bool catalogue_flag_seen;
};

/* The numeric settings: the flag, its range, and where it goes. */
#define CFG(m) offsetof(struct srv_config, m), sizeof(((struct srv_config *)0)->m)
static const struct {
  int opt;
  unsigned long long min, max;
  size_t offset, size; /* an unsigned or a size_t in struct srv_config */
} numeric[] = {
  { OPT_THREADS, 1, 1024, CFG(threads) },
  { OPT_MAX_BODY, 1, (unsigned long long)1 << 32, CFG(max_body) },
  { OPT_MAX_CONN, 1, 1000000, CFG(max_connections) },
  { OPT_MAX_PER_IP, 0, 1000000, CFG(max_per_ip) },
  { OPT_TIMEOUT, 1, 86400, CFG(timeout_s) },
  { OPT_HEADER_TIMEOUT, 1, 86400, CFG(header_timeout_s) },
  { OPT_BODY_TIMEOUT, 1, 86400, CFG(body_timeout_s) },
  /* at least the largest answer (limits.c), so that several always fit */
  { OPT_RESPONSE_BUDGET, SRV_ANSWER_BYTES_MAX, (unsigned long long)1 << 40, CFG(response_budget) },
  { OPT_DRAIN, 0, 86400, CFG(drain_s) },
};

static int
add_catalogue(struct settings *st, const char *name, const char *v)
{
  bool flag = name[0] == '-';
  size_t used = flag && st->catalogue_flag_seen ? strlen(st->catalogue_list) : 0;
  int w = snprintf(st->catalogue_list + used, sizeof st->catalogue_list - used, "%s%s",
                   used > 0 ? ":" : "", v);

  if (w < 0 || (size_t)w >= sizeof st->catalogue_list - used) {
    fprintf(stderr, "aicostd: %s: the list of catalogue files is too long\n", name);
    return -1;
  }
  st->catalogue_flag_seen = st->catalogue_flag_seen || flag;
  st->cfg.catalogue_path = st->catalogue_list[0] != '\0' ? st->catalogue_list : NULL;
  return 0;
}

/* One setting from a flag or the environment; `name` is for messages. */
static int
apply(struct settings *st, int opt, const char *name, char *v)
{
  unsigned long long n = 0;

  for (size_t i = 0; i < sizeof numeric / sizeof numeric[0]; i++) {
    char *at = (char *)&st->cfg + numeric[i].offset;

    if (numeric[i].opt != opt)
      continue;
    if (!parse_uint(v, numeric[i].min, numeric[i].max, &n))
      return bad_value(name, v);
    if (numeric[i].size == sizeof(size_t)) {
      size_t z = (size_t)n;

      memcpy(at, &z, sizeof z);
    } else {
      unsigned u = (unsigned)n;

      memcpy(at, &u, sizeof u);
    }
    return 0;
  }
  switch (opt) {
  case OPT_LISTEN: st->cfg.listen = v; break;
  case OPT_CATALOGUE: return add_catalogue(st, name, v);
  case OPT_SCENARIOS: st->cfg.scenarios_dir = v; break;
  case OPT_CORS: return add_origins(&st->cfg, v);
  case OPT_ACCESS_LOG:
    if (strcmp(v, "on") == 0)
      st->cfg.access_log = true;
    else if (strcmp(v, "off") == 0)
      st->cfg.access_log = false;
    else
      return bad_value(name, v);
    break;
  case OPT_PORT_FILE: st->port_file = v; break;
  default: return 2;
  }
  return 0;
}

static int
settings_from_env(struct settings *st)
{
  static const struct {
    const char *name;
    int opt;
  } vars[] = {
    { "AICOST_LISTEN", OPT_LISTEN },
    { "AICOST_CATALOGUE", OPT_CATALOGUE },
    { "AICOST_SCENARIOS", OPT_SCENARIOS },
    { "AICOST_THREADS", OPT_THREADS },
    { "AICOST_MAX_BODY", OPT_MAX_BODY },
    { "AICOST_CORS_ORIGIN", OPT_CORS },
    { "AICOST_MAX_CONNECTIONS", OPT_MAX_CONN },
    { "AICOST_MAX_CONNECTIONS_PER_IP", OPT_MAX_PER_IP },
    { "AICOST_TIMEOUT", OPT_TIMEOUT },
    { "AICOST_HEADER_TIMEOUT", OPT_HEADER_TIMEOUT },
    { "AICOST_BODY_TIMEOUT", OPT_BODY_TIMEOUT },
    { "AICOST_RESPONSE_BUDGET", OPT_RESPONSE_BUDGET },
    { "AICOST_DRAIN_TIMEOUT", OPT_DRAIN },
    { "AICOST_ACCESS_LOG", OPT_ACCESS_LOG },
  };

  for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++) {
    char *v = getenv(vars[i].name);
    int r;

    if (v == NULL || *v == '\0')
      continue;
    /* getenv's storage must not be edited (the CORS list is split in place). */
    v = strdup(v);
    if (v == NULL)
      return 1;
    r = apply(st, vars[i].opt, vars[i].name, v);
    if (r != 0)
      return r;
  }
  return 0;
}

static int
settings_from_args(struct settings *st, int argc, char **argv)
{
  bool cors_from_args = false;
  int opt;

  while ((opt = getopt_long(argc, argv, "", options, NULL)) != -1) {
    char flag[40];
    int r;

    if (opt == OPT_HELP) {
      fputs(usage, stdout);
      exit(0);
    }
    if (opt == OPT_VERSION) {
      printf("aicostd %s\n", AICOST_VERSION);
      exit(0);
    }
    if (opt == OPT_PRINT_ROUTES) {
      st->print_routes = true;
      continue;
    }
    if (opt == '?' || opt == ':')
      return 2; /* getopt printed why */
    /* Origins on the command line replace those from the environment. */
    if (opt == OPT_CORS && !cors_from_args) {
      st->cfg.n_cors = 0;
      cors_from_args = true;
    }
    snprintf(flag, sizeof flag, "--%s", options[opt - OPT_LISTEN].name);
    r = apply(st, opt, flag, optarg);
    if (r != 0)
      return r;
  }
  if (optind < argc) {
    fprintf(stderr, "aicostd: unexpected argument '%s' (see --help)\n", argv[optind]);
    return 2;
  }
  return 0;
}

/* Written whole then renamed, so a reader never sees a partial number. */
static int
write_port_file(const char *path, unsigned port)
{
  char tmp[4096];
  FILE *f;

  snprintf(tmp, sizeof tmp, "%s.tmp", path);
  f = fopen(tmp, "w");
  if (f == NULL)
    return -1;
  fprintf(f, "%u\n", port);
  if (fclose(f) != 0 || rename(tmp, path) != 0) {
    unlink(tmp);
    return -1;
  }
  return 0;
}

/* One line naming the catalogue that did not load and its first problem. */
static void
catalogue_failure_line(const struct srv_config *cfg, const struct aic_diags *d)
{
  size_t more = d->n + d->dropped - (d->n > 0 ? 1 : 0);

  fprintf(stderr, "aicostd: cannot load catalogue %s",
          cfg->catalogue_path != NULL ? cfg->catalogue_path : "(built in)");
  if (d->n > 0)
    fprintf(stderr, ": %s%s%s", d->v[0].pointer, d->v[0].pointer[0] != '\0' ? ": " : "",
            d->v[0].detail);
  if (more > 0)
    fprintf(stderr, " (and %zu more problem%s)", more, more == 1 ? "" : "s");
  fputc('\n', stderr);
}

static void
print_problems(void *ctx, const char *file, const struct aic_diags *d)
{
  (void)ctx;
  (void)file; /* each problem's place names its file */
  for (size_t i = 0; i < d->n; i++)
    fprintf(stderr, "  %s: %s\n", d->v[i].pointer, d->v[i].detail);
  if (d->dropped > 0)
    fprintf(stderr, "  ... and %zu more\n", d->dropped);
}

/* What did not load. The catalogue: one line. Otherwise the named
 * scenarios broke (loaded and checked against it): every problem of every
 * file, file by file as `aicost scenarios check` lists them, under a line
 * that names the directory, not the catalogue. */
static void
start_failure(const struct srv_config *cfg, const struct aic_diags *d)
{
  struct aic_diags again;
  struct aic_catalogue *cat;
  size_t n_files = 0;
  int bad;

  aic_diags_init(&again);
  cat = aic_catalogue_load_list(cfg->catalogue_path, &again);
  if (cat == NULL) {
    catalogue_failure_line(cfg, d);
    return;
  }
  if (cfg->scenarios_dir == NULL) {
    fprintf(stderr, "aicostd: the built-in scenarios do not hold with catalogue %s:\n",
            cfg->catalogue_path != NULL ? cfg->catalogue_path : "(built in)");
    print_problems(NULL, NULL, d);
  } else {
    fprintf(stderr, "aicostd: cannot load the scenarios in %s:\n", cfg->scenarios_dir);
    bad = aic_scenarios_check_dir(cfg->scenarios_dir, cat, print_problems, NULL, &n_files);
    if (bad > 0)
      fprintf(stderr,
              "aicostd: %d of %zu scenario file%s %s problems (aicost scenarios check "
              "%s lists them too)\n",
              bad, n_files, n_files == 1 ? "" : "s", bad == 1 ? "has" : "have", cfg->scenarios_dir);
    else if (bad == 0) /* a problem of the set, or gone since: what the load said */
      print_problems(NULL, NULL, d);
  }
  aic_catalogue_free(cat);
}

static int
serve(struct settings *st)
{
  struct aic_diags errors;
  char err[512];
  sigset_t set;
  struct srv *s;
  int sig = 0;

  aic_diags_init(&errors);
  /* Blocked before any thread exists, so only sigwait below sees them. */
  sigemptyset(&set);
  sigaddset(&set, SIGHUP);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  pthread_sigmask(SIG_BLOCK, &set, NULL);
  signal(SIGPIPE, SIG_IGN);
  /* jansson's hash seed, set once before threads start (its lazy seeding
   * is not meant to race). */
  json_object_seed(0);

  s = srv_new(&st->cfg);
  if (s == NULL) {
    fputs("aicostd: out of memory\n", stderr);
    return 1;
  }
  if (srv_catalogue_load(s, st->cfg.catalogue_path, true, &errors) != AIC_OK) {
    start_failure(&st->cfg, &errors);
    srv_free(s);
    return 1;
  }
  if (srv_listen(s, err, sizeof err) != 0 || srv_start(s, err, sizeof err) != 0) {
    fprintf(stderr, "aicostd: %s\n", err);
    srv_free(s);
    return 1;
  }
  if (st->port_file != NULL && write_port_file(st->port_file, s->port) != 0) {
    fprintf(stderr, "aicostd: cannot write the port file %s: %s\n", st->port_file, strerror(errno));
    srv_free(s);
    return 1;
  }
  fprintf(stderr, "aicostd: listening on %s\n", s->address);

  for (;;) {
    if (sigwait(&set, &sig) != 0)
      continue;
    if (sig == SIGHUP) {
      srv_catalogue_reload(s);
      continue;
    }
    break;
  }

  srv_log_event("info", "shutting_down",
                json_pack("{s:s, s:I}", "signal", sig == SIGINT ? "SIGINT" : "SIGTERM", "in_flight",
                          (json_int_t)atomic_load(&s->metrics.in_flight)));
  srv_quiesce(s);
  if (!srv_drain(s))
    srv_log_event("warn", "drain_timeout",
                  json_pack("{s:I, s:I}", "seconds", (json_int_t)st->cfg.drain_s, "in_flight",
                            (json_int_t)atomic_load(&s->metrics.in_flight)));
  srv_free(s);
  srv_log_event("info", "stopped", NULL);
  return 0;
}

/* glibc returns the free top of a thread's heap to the kernel as soon as it
 * passes 128 KiB, and a 4-way comparison frees about that much (its four
 * projections) on every request: with 64 connections that was a madvise
 * every third request and page faults on the next, a third of the server's
 * CPU for that request (docs/benchmarks.md). Up to 256 KiB stays on hand
 * per heap instead, and blocks below 1 MiB come from the heap rather than
 * their own mapping (setting one threshold fixes the other, so both are
 * set: a daily series' text buffer passes 128 KiB). RSS stays bounded: a request with a large body is followed by a
 * malloc_trim (src/http/access.c). */
static void
tune_malloc(void)
{
#ifdef __GLIBC__
  (void)mallopt(M_TRIM_THRESHOLD, 256 * 1024);
  (void)mallopt(M_MMAP_THRESHOLD, 1024 * 1024);
#endif
}

int
main(int argc, char **argv)
{
  struct settings st = {
    .cfg = {
      .listen = "127.0.0.1:8080",
      .catalogue_path = NULL,
      .threads = aicostd_default_threads("/sys/fs/cgroup"),
      .max_body = 1024 * 1024,
      .max_connections = 1000,
      .timeout_s = 30,
      .header_timeout_s = 10,
      .body_timeout_s = 30,
      .max_per_ip = 0,
      .response_budget = (size_t)32 << 20,
      /* SRV_HEADER_BUDGET (16 KiB) of request line and headers, in up to 100
       * lines, must reach the handler: libmicrohttpd 0.9.75 reads them into
       * at most half of the pool and takes each line's record from the rest,
       * so 16 KiB of pool held only about 8 KB of headers. 40 KiB holds
       * 16,384 bytes in up to 140 lines of any length (tests/hostile,
       * header-budget-*). The pool is zeroed after every request, which
       * costs throughput (64 KiB cost 7-9 % of a projection's,
       * docs/benchmarks.md): no bigger than the budget needs. */
      .connection_memory = 40 * 1024,
      .drain_s = 25,
      .access_log = true,
    },
  };
  int r;

  tune_malloc();
  /* Each worker thread keeps the blocks of its last request's JSON tree
   * for the next one (include/aicost/json.h). */
  (void)aic_json_init(AIC_JSON_BLOCK_CACHE);
  r = settings_from_env(&st);
  if (r == 0)
    r = settings_from_args(&st, argc, argv);
  if (r != 0)
    return r;
  if (st.print_routes) {
    srv_routes_print(stdout);
    return 0;
  }
  return serve(&st);
}
