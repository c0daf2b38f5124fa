/* aicost diff OLD NEW | aicost diff --git REV [DIR]: what a change to the
 * scenarios does to their projected cost, per scenario, and the gates a
 * pull request must pass (--fail-above, --fail-increase, each scenario's
 * budget_usd). The sides are two scenario files, or two directories of
 * named scenarios (paired by id, read by the server's loader), or DIR
 * (default config/scenarios) in the working tree against DIR at a git
 * revision, unpacked by `git archive` into a temporary directory. Both
 * sides are projected with the same catalogue, so the diff shows what the
 * scenarios' change does. Exit 0, 2 invalid input, 3 a gate crossed (each
 * on stderr as one line). */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "aicost/catalogue_io.h"
#include "cli_io.h"
#include "diff.h"

#define SCENARIOS_DEFAULT "config/scenarios"
#define GATES_MAX 16

struct opts {
  struct cli_common c;
  const char *paths[2];
  size_t n_paths;
  const char *rev; /* --git REV */
  struct diff_gates gates;
};

/* One side: the documents by id, and what keeps them alive. */
struct side {
  struct aic_scenario_set *set; /* a directory */
  struct aic_source src;        /* a file */
  const char *file_id;
  bool is_file;
};

static void
usage(void)
{
  fputs("usage: aicost diff OLD NEW [--fail-above USD] [--fail-increase PCT] "
        "[--format table|markdown|json] [--catalogue PATH] [--today YYYY-MM-DD]\n"
        "       aicost diff --git REV [DIR] [...]   DIR (default config/scenarios) at REV "
        "against the working tree\n",
        stderr);
}

/* A whole-string finite number >= 0 for a gate. */
static bool
gate_value(const char *flag, const char *s, double *out)
{
  char *end = NULL;
  double v;

  errno = 0;
  v = strtod(s, &end);
  if (end == s || *end != '\0' || errno != 0 || !isfinite(v) || v < 0) {
    fprintf(stderr, "aicost diff: %s takes a number >= 0 (got '%s')\n", flag, s);
    return false;
  }
  *out = v;
  return true;
}

static int
parse_opts(int argc, char **argv, struct opts *o)
{
  memset(o, 0, sizeof *o);
  cli_common_init(&o->c);
  o->c.out.format = aic_format_named("table");
  o->gates.fail_above_usd = (double)NAN;
  o->gates.fail_increase_pct = (double)NAN;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    int r = cli_common_option("diff", argc, argv, &i, &o->c);

    if (r < 0)
      return -1;
    if (r > 0)
      continue;
    if (strcmp(a, "--fail-above") == 0 && i + 1 < argc) {
      if (!gate_value(a, argv[++i], &o->gates.fail_above_usd))
        return -1;
    } else if (strcmp(a, "--fail-increase") == 0 && i + 1 < argc) {
      if (!gate_value(a, argv[++i], &o->gates.fail_increase_pct))
        return -1;
    } else if (strcmp(a, "--git") == 0 && i + 1 < argc) {
      o->rev = argv[++i];
    } else if (a[0] != '-' || strcmp(a, "-") == 0) {
      if (o->n_paths == 2) {
        usage();
        return -1;
      }
      o->paths[o->n_paths++] = a;
    } else {
      fprintf(stderr, "aicost diff: unknown option '%s'\n", a);
      return -1;
    }
  }
  if (o->rev != NULL && (o->rev[0] == '-' || o->rev[0] == '\0')) {
    fprintf(stderr, "aicost diff: --git takes a revision (got '%s')\n", o->rev);
    return -1;
  }
  if (o->rev != NULL ? o->n_paths > 1 : o->n_paths != 2) {
    usage();
    return -1;
  }
  if (o->c.out.format != aic_format_named("table") &&
      o->c.out.format != aic_format_named("markdown") &&
      o->c.out.format != aic_format_named("json")) {
    fprintf(stderr, "aicost diff: prints table, markdown or json (not %s)\n",
            o->c.out.format->name);
    return -1;
  }
  return cli_output_check("diff", &o->c.out);
}

static bool
is_dir(const char *path)
{
  struct stat st;

  return strcmp(path, "-") != 0 && stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* A side from a directory (the server's loader: every problem, file by
 * file) or a file (its stem is the id). */
static int
load_side(const char *path, const struct aic_catalogue *cat, struct side *s)
{
  struct aic_diags errors;
  struct aic_scenario sc;

  memset(s, 0, sizeof *s);
  aic_diags_init(&errors);
  if (is_dir(path)) {
    size_t n_files = 0;

    s->set = aic_scenarios_load_dir(path, cat, &errors);
    if (s->set != NULL)
      return CLI_OK;
    /* every problem of every file, as `aicost scenarios check` lists them */
    if (aic_scenarios_check_dir(path, cat, cli_print_file_problems, NULL, &n_files) <= 0)
      cli_print_diags("", &errors);
    return CLI_INVALID;
  }
  s->is_file = true;
  s->file_id = path;
  if (cli_read_source(path, &s->src) != CLI_OK)
    return CLI_INVALID;
  if (aic_source_scenario(&s->src, cat, &sc, &errors) != AIC_OK) {
    cli_print_diags("", &errors);
    return CLI_INVALID;
  }
  return CLI_OK;
}

static void
free_side(struct side *s)
{
  aic_scenarios_free(s->set);
  aic_source_release(&s->src);
}

static size_t
side_count(const struct side *s)
{
  return s->is_file ? 1 : s->set->n;
}

/* The id and document of a side's i-th scenario. */
static const json_t *
side_doc(const struct side *s, size_t i, const char **id)
{
  if (s->is_file) {
    *id = s->file_id;
    return s->src.doc;
  }
  *id = s->set->v[i].id;
  return s->set->v[i].doc;
}

/* Projects one document (validated at load) with --today. */
static int
figures(const json_t *doc, const char *id, const struct opts *o, const struct aic_catalogue *cat,
        struct diff_figures *f)
{
  struct aic_override today = { "today", o->c.today };
  struct aic_diags errors;
  struct aic_scenario sc;
  struct aic_projection pj;
  json_t *copy;
  int rc;

  aic_diags_init(&errors);
  memset(&pj, 0, sizeof pj);
  rc = aic_scenario_overridden(doc, &today, o->c.today != NULL ? 1 : 0, true, cat, &sc, &copy,
                               &errors);
  if (copy == NULL)
    return CLI_INTERNAL;
  if (rc == AIC_OK)
    rc = aic_project(cat, &sc, &pj, &errors);
  if (rc == AIC_OK) {
    f->present = true;
    f->name = id;
    f->horizon_days = pj.horizon_days;
    f->daily_usd = pj.daily_usd;
    f->total_usd = pj.total_usd;
    f->per_request_usd = pj.fully_loaded_cost_per_request_usd;
    f->crossover_day = pj.crossover_day;
    f->budget_usd = sc.budget_usd;
  } else {
    fprintf(stderr, "%s:\n", id);
    cli_print_diags("  ", &errors);
  }
  aic_projection_release(&pj);
  json_decref(copy);
  return rc == AIC_OK ? CLI_OK : rc > 0 ? CLI_INVALID : CLI_INTERNAL;
}

/* Rows paired by id, in id order (both sets are sorted); two files are
 * one pair whatever their names, under the new file's. */
static int
pair(const struct side *old, const struct side *new, const struct opts *o,
     const struct aic_catalogue *cat, struct diff_row *rows, size_t *n)
{
  size_t i = 0, k = 0, a = side_count(old), b = side_count(new);
  int status = CLI_OK;

  *n = 0;
  while (status == CLI_OK && (i < a || k < b)) {
    const char *ia = NULL, *ib = NULL;
    const json_t *da = i < a ? side_doc(old, i, &ia) : NULL;
    const json_t *db = k < b ? side_doc(new, k, &ib) : NULL;
    int c = old->is_file ? 0 : ia == NULL ? 1 : ib == NULL ? -1 : strcmp(ia, ib);
    struct diff_row *r = &rows[(*n)++];

    memset(r, 0, sizeof *r);
    r->id = c <= 0 && !old->is_file ? ia : ib;
    if (c <= 0)
      status = figures(da, ia, o, cat, &r->old), i++;
    if (c >= 0 && status == CLI_OK)
      status = figures(db, ib, o, cat, &r->new), k++;
  }
  return status;
}

/* Runs argv (no shell: REV is the user's text) with stdout to `out_path`
 * (NULL: inherited) and stderr silenced when `quiet`; its exit status, or
 * -1 when it could not run. */
static int
run(char *const argv[], const char *out_path, bool quiet)
{
  pid_t pid;
  int st = 0;

  fflush(NULL);
  pid = fork();
  if (pid < 0)
    return -1;
  if (pid == 0) {
    if (out_path != NULL && freopen(out_path, "w", stdout) == NULL)
      _exit(126);
    if (quiet && freopen("/dev/null", "w", stderr) == NULL)
      _exit(126);
    execvp(argv[0], argv);
    _exit(127);
  }
  if (waitpid(pid, &st, 0) != pid)
    return -1;
  return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* The first line a command printed, into `out`; false when it failed. */
static bool
first_line(char *const argv[], const char *tmp, char *out, size_t cap)
{
  char path[512];
  FILE *f;
  bool ok;

  snprintf(path, sizeof path, "%s/out.txt", tmp);
  if (run(argv, path, true) != 0)
    return false;
  f = fopen(path, "r");
  ok = f != NULL && fgets(out, (int)cap, f) != NULL;
  if (f != NULL)
    fclose(f);
  out[ok ? strcspn(out, "\n") : 0] = '\0';
  return ok && out[0] != '\0';
}

/* DIR at REV unpacked into tmp/old (empty when DIR is not in REV);
 * CLI_OK with the path in `out`. `git archive` of DIR's tree runs at the
 * top of the work tree: in a subdirectory it would keep only that part. */
static int
git_side(const char *rev, const char *dir, const char *tmp, char *out, size_t cap)
{
  char spec[4096], commit[512], tar[4096], top[4096], tree[128];

  snprintf(commit, sizeof commit, "%s^{commit}", rev);
  snprintf(spec, sizeof spec, "%s:./%s", rev, dir); /* ./: relative to the current directory */
  snprintf(out, cap, "%s/old", tmp);
  snprintf(tar, sizeof tar, "%s/old.tar", tmp);
  if (mkdir(out, 0700) != 0) {
    fprintf(stderr, "aicost diff: cannot make %s: %s\n", out, strerror(errno));
    return CLI_INTERNAL;
  }
  if (!first_line((char *const[]){ "git", "rev-parse", "--show-toplevel", NULL }, tmp, top,
                  sizeof top)) {
    fputs("aicost diff: --git: not in a git work tree (or git is missing)\n", stderr);
    return CLI_INVALID;
  }
  if (!first_line((char *const[]){ "git", "rev-parse", "--quiet", "--verify", commit, NULL }, tmp,
                  tree, sizeof tree)) {
    fprintf(stderr, "aicost diff: --git %s: no such revision in this repository\n", rev);
    return CLI_INVALID;
  }
  /* a directory added by this change is absent at REV: every scenario is new */
  if (!first_line((char *const[]){ "git", "rev-parse", "--quiet", "--verify", spec, NULL }, tmp,
                  tree, sizeof tree))
    return CLI_OK;
  if (run((char *const[]){ "git", "-C", top, "archive", "--format=tar", "-o", tar, tree, NULL },
          NULL, false) != 0 ||
      run((char *const[]){ "tar", "-xf", tar, "-C", out, NULL }, NULL, false) != 0) {
    fprintf(stderr, "aicost diff: cannot unpack %s at %s\n", dir, rev);
    return CLI_INTERNAL;
  }
  return CLI_OK;
}

/* rm -r of the temporary directory (made by us, holding only git's files). */
static void
remove_tmp(const char *tmp)
{
  if (tmp[0] != '\0')
    run((char *const[]){ "rm", "-rf", "--", (char *)tmp, NULL }, NULL, true);
}

int
cmd_diff(int argc, char **argv)
{
  struct side old = { 0 }, new = { 0 };
  struct aic_catalogue *cat = NULL;
  struct diff_row *rows = NULL;
  char reasons[GATES_MAX][256];
  char tmp[256] = "", old_dir[4096];
  struct aic_buf out = { 0 };
  const char *old_path, *new_path;
  size_t n = 0, len = 0, crossed;
  struct opts o;
  int status;

  if (parse_opts(argc, argv, &o) != 0)
    return CLI_INVALID;
  new_path = o.rev != NULL ? (o.n_paths == 1 ? o.paths[0] : SCENARIOS_DEFAULT) : o.paths[1];
  old_path = o.paths[0];
  if (o.rev != NULL) {
    const char *base = getenv("TMPDIR");

    snprintf(tmp, sizeof tmp, "%s/aicost-diff-XXXXXX", base != NULL && base[0] ? base : "/tmp");
    if (mkdtemp(tmp) == NULL) {
      fprintf(stderr, "aicost diff: cannot make a temporary directory: %s\n", strerror(errno));
      return CLI_INTERNAL;
    }
    if (new_path[0] == '/') {
      fprintf(stderr, "aicost diff: --git takes DIR relative to the current directory (got %s)\n",
              new_path);
      status = CLI_INVALID;
      goto out;
    }
    if (!is_dir(new_path)) {
      fprintf(stderr, "aicost diff: --git compares a directory of scenarios; %s is not one\n",
              new_path);
      status = CLI_INVALID;
      goto out;
    }
    status = git_side(o.rev, new_path, tmp, old_dir, sizeof old_dir);
    if (status != CLI_OK)
      goto out;
    old_path = old_dir;
  } else if (is_dir(old_path) != is_dir(new_path)) {
    fprintf(stderr, "aicost diff: compares two files or two directories (%s and %s)\n", old_path,
            new_path);
    return CLI_INVALID;
  }
  cat = cli_load_catalogue(catalogue_opt_list(&o.c.catalogue), &status);
  if (cat == NULL)
    goto out;
  status = load_side(old_path, cat, &old);
  if (status == CLI_OK || status == CLI_INVALID) {
    /* the new side's problems too, all at once */
    int s2 = load_side(new_path, cat, &new);

    status = status != CLI_OK ? status : s2;
  }
  if (status != CLI_OK)
    goto out;
  rows = calloc(side_count(&old) + side_count(&new) + 1, sizeof *rows);
  if (rows == NULL) {
    status = CLI_INTERNAL;
    goto out;
  }
  status = pair(&old, &new, &o, cat, rows, &n);
  if (status != CLI_OK)
    goto out;
  {
    char *text;

    if (o.c.out.format == aic_format_named("json")) {
      text = diff_json(rows, n, &o.gates);
      len = text != NULL ? strlen(text) : 0;
    } else {
      diff_render(rows, n, &o.gates, o.c.out.format == aic_format_named("markdown"), &out);
      text = aic_buf_finish(&out, &len);
    }
    status = cli_emit(&o.c.out, text, len);
  }
  if (status != CLI_OK)
    goto out;
  crossed = diff_judge(rows, n, &o.gates, reasons, GATES_MAX);
  for (size_t k = 0; k < crossed; k++)
    fprintf(stderr, "aicost diff: %s\n", reasons[k]);
  status = crossed > 0 ? CLI_GATE : CLI_OK;
out:
  free(rows);
  free_side(&old);
  free_side(&new);
  aic_catalogue_free(cat);
  remove_tmp(tmp);
  return status;
}
