/* aicost project FILE|- and aicost compare FILE|-: read a scenario (or a
 * comparison request), validate it against the catalogue, project, print
 * it in one of the output formats of render.h's table (--format; JSON by
 * default, the server's bytes). Every problem goes to stderr as
 * "pointer: reason". */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aicost/catalogue_io.h"
#include "aicost/json.h"
#include "aicost/render.h"
#include "aicost/scenarios.h"
#include "aicost/util.h"
#include "commands.h"

/* The server caps bodies far lower; a file this large is a mistake. */
#define MAX_INPUT (64u << 20)

enum { EXIT_OK = 0, EXIT_INTERNAL = 1, EXIT_INVALID = 2 };

struct opts {
  const char *file;
  struct catalogue_opt catalogue;
  const struct aic_format *format;
  const char *today; /* --today: the date prices' ages are measured at */
  bool pretty;
  bool no_bands;     /* --no-bands: point values only (the API's ?bands=false) */
};

static void
usage(const char *cmd)
{
  char names[64];

  aic_format_names(names, sizeof names);
  fprintf(stderr, "usage: aicost %s FILE|- [--format %s] [--pretty] [--catalogue PATH]"
          " [--today YYYY-MM-DD] [--no-bands]\n", cmd, names);
}

/* --format's value; false (with the reason printed) when there is no such format. */
static bool
set_format(const char *cmd, const char *name, struct opts *o)
{
  char names[64];

  o->format = aic_format_named(name);
  if (o->format != NULL)
    return true;
  aic_format_names(names, sizeof names);
  fprintf(stderr, "aicost %s: no format '%s' (%s)\n", cmd, name, names);
  return false;
}

static int
parse_opts(const char *cmd, int argc, char **argv, struct opts *o)
{
  memset(o, 0, sizeof *o);
  o->format = &aic_formats[0];
  catalogue_opt_init(&o->catalogue);
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];

    if (strcmp(a, "--pretty") == 0) {
      o->pretty = true;
    } else if (strcmp(a, "--no-bands") == 0) {
      o->no_bands = true;
    } else if (strcmp(a, "--catalogue") == 0 && i + 1 < argc) {
      if (catalogue_opt_add(&o->catalogue, argv[++i]) != 0)
        return -1;
    } else if (strncmp(a, "--catalogue=", 12) == 0) {
      if (catalogue_opt_add(&o->catalogue, a + 12) != 0)
        return -1;
    } else if (strcmp(a, "--format") == 0 && i + 1 < argc) {
      if (!set_format(cmd, argv[++i], o))
        return -1;
    } else if (strncmp(a, "--format=", 9) == 0) {
      if (!set_format(cmd, a + 9, o))
        return -1;
    } else if (strcmp(a, "--today") == 0 && i + 1 < argc) {
      o->today = argv[++i];
    } else if (strcmp(a, "-") == 0 || a[0] != '-') {
      if (o->file) {
        fprintf(stderr, "aicost %s: one input file only (got '%s' and '%s')\n", cmd, o->file, a);
        return -1;
      }
      o->file = a;
    } else {
      fprintf(stderr, "aicost %s: unknown option '%s'\n", cmd, a);
      return -1;
    }
  }
  if (!o->file) {
    usage(cmd);
    return -1;
  }
  if (o->pretty && o->format != aic_format_named("json")) {
    fprintf(stderr, "aicost %s: --pretty indents JSON only (the format is %s)\n", cmd,
            o->format->name);
    return -1;
  }
  return 0;
}

/* Reads all of `f`; NULL with the reason printed. */
static char *
slurp(FILE *f, const char *name, size_t *len, int *status)
{
  struct aic_buf buf = { 0 };
  int r = aic_buf_read(&buf, f, MAX_INPUT);

  *status = EXIT_INVALID;
  if (r == EFBIG)
    fprintf(stderr, "%s: larger than %u MiB\n", name, MAX_INPUT >> 20);
  else if (r == ENOMEM)
    *status = EXIT_INTERNAL;
  else if (r != 0)
    fprintf(stderr, "%s: read error: %s\n", name, strerror(r));
  if (r != 0) {
    aic_buf_free(&buf);
    return NULL;
  }
  return aic_buf_finish(&buf, len);
}

static char *
read_input(const char *file, size_t *len, int *status)
{
  FILE *f;
  char *buf;

  if (strcmp(file, "-") == 0)
    return slurp(stdin, "stdin", len, status);
  f = fopen(file, "rb");
  if (!f) {
    fprintf(stderr, "%s: %s\n", file, strerror(errno));
    *status = EXIT_INVALID;
    return NULL;
  }
  buf = slurp(f, file, len, status);
  fclose(f);
  return buf;
}

static void
print_diags(const char *prefix, const struct aic_diags *d)
{
  for (size_t i = 0; i < d->n; i++)
    fprintf(stderr, "%s%s: %s\n", prefix, d->v[i].pointer[0] ? d->v[i].pointer : "(document)",
            d->v[i].detail);
  if (d->dropped)
    fprintf(stderr, "%s... and %zu more\n", prefix, d->dropped);
}

static struct aic_catalogue *
load_catalogue(const char *path, int *status)
{
  struct aic_diags errors;
  struct aic_catalogue *cat;

  aic_diags_init(&errors);
  cat = aic_catalogue_load_list(path, &errors);
  if (!cat) {
    fprintf(stderr, "catalogue %s is invalid:\n", path ? path : "(built in)");
    print_diags("  ", &errors);
    /* a bad built-in catalogue is our bug; a bad file is the user's input */
    *status = path ? EXIT_INVALID : EXIT_INTERNAL;
  }
  return cat;
}

/* JSON text (not NULL) re-indented by jansson, which prints the same
 * values (json_writer.h says why the bytes agree); frees text. */
static char *
indent_json(char *text, size_t *len)
{
  struct aic_diags errors;
  json_t *tree = NULL;
  char *out = NULL;

  aic_diags_init(&errors);
  if (aic_json_parse(text, *len, &tree, &errors) == AIC_OK)
    out = aic_json_dump(tree, 1);
  json_decref(tree);
  free(text);
  *len = out != NULL ? strlen(out) : 0;
  return out;
}

/* Prints the rendered bytes (NULL: out of memory) and frees them, ending
 * with a newline when the format does not; the exit status. */
static int
emit(char *bytes, size_t len, bool pretty)
{
  int status = EXIT_OK;

  if (bytes != NULL && pretty)
    bytes = indent_json(bytes, &len);
  if (bytes == NULL) {
    fputs("aicost: out of memory while writing the output\n", stderr);
    status = EXIT_INTERNAL;
  } else if (fwrite(bytes, 1, len, stdout) != len
             || ((len == 0 || bytes[len - 1] != '\n') && fputc('\n', stdout) == EOF)
             || fflush(stdout) != 0) {
    fprintf(stderr, "aicost: cannot write output: %s\n", strerror(errno));
    status = EXIT_INTERNAL;
  }
  free(bytes);
  return status;
}

/* 0 -> 0, a client error -> 2, an internal one -> 1, with the problems shown. */
static int
fail_status(int rc, const struct aic_diags *errors)
{
  print_diags("", errors);
  if (rc > 0)
    return EXIT_INVALID;
  fprintf(stderr, "aicost: internal error (%d)\n", rc);
  return EXIT_INTERNAL;
}

/* What project and compare share: options, input, parse, catalogue. */
struct run {
  struct opts o;
  char *text;
  json_t *doc;
  struct aic_catalogue *cat;
  struct aic_diags errors;
};

static int
prepare(const char *cmd, int argc, char **argv, struct run *r)
{
  size_t len = 0;
  int status = EXIT_INVALID, rc;

  memset(r, 0, sizeof *r);
  aic_diags_init(&r->errors);
  if (parse_opts(cmd, argc, argv, &r->o) != 0)
    return EXIT_INVALID;
  r->text = read_input(r->o.file, &len, &status);
  if (!r->text)
    return status;
  rc = aic_json_parse(r->text, len, &r->doc, &r->errors);
  if (rc != AIC_OK) {
    print_diags("", &r->errors);
    return rc == AIC_E_NOMEM ? EXIT_INTERNAL : EXIT_INVALID;
  }
  /* --today is the document's own `today` (a comparison's overrides its
   * options'), so that it is checked and reported like one: /today */
  if (r->o.today != NULL && json_is_object(r->doc) &&
      json_object_set_new(r->doc, "today", json_string(r->o.today)) != 0)
    return EXIT_INTERNAL;
  r->cat = load_catalogue(catalogue_opt_list(&r->o.catalogue), &status);
  return r->cat ? EXIT_OK : status;
}

static void
finish_run(struct run *r)
{
  json_decref(r->doc);
  free(r->text);
  aic_catalogue_free(r->cat);
}

int
cmd_project(int argc, char **argv)
{
  struct aic_scenario sc;
  struct aic_projection pj;
  struct run r;
  char *text;
  size_t len = 0;
  int status = prepare("project", argc, argv, &r);
  int rc;

  memset(&pj, 0, sizeof pj);
  if (status != EXIT_OK)
    goto out;
  rc = aic_scenario_from_json(r.doc, r.cat, "", &sc, &r.errors);
  if (rc == AIC_OK)
    rc = aic_project(r.cat, &sc, &pj, &r.errors);
  if (rc == AIC_OK && !r.o.no_bands)
    rc = aic_project_bands(r.cat, &sc, &pj, &r.errors);
  if (rc != AIC_OK) {
    status = fail_status(rc, &r.errors);
    goto out;
  }
  print_diags("warning: ", &pj.warnings);
  text = r.o.format->projection(&pj, r.cat, &len);
  status = emit(text, len, r.o.pretty);
out:
  aic_projection_release(&pj);
  finish_run(&r);
  return status;
}

int
cmd_compare(int argc, char **argv)
{
  struct aic_scenario *scenarios = NULL;
  struct aic_comparison cmp;
  struct run r;
  size_t n = 0, len = 0;
  char *text;
  int horizon = AIC_HORIZON_DEFAULT;
  int status = prepare("compare", argc, argv, &r);
  int rc;

  memset(&cmp, 0, sizeof cmp);
  if (status != EXIT_OK)
    goto out;
  rc = aic_comparison_request_from_json(r.doc, r.cat, &scenarios, &n, &horizon, &r.errors);
  if (rc == AIC_OK)
    rc = aic_compare(r.cat, scenarios, n, horizon, &cmp, &r.errors);
  if (rc == AIC_OK && !r.o.no_bands)
    rc = aic_comparison_bands(r.cat, scenarios, n, &cmp, &r.errors);
  if (rc != AIC_OK) {
    status = fail_status(rc, &r.errors);
    goto out;
  }
  for (size_t i = 0; i < cmp.n; i++) {
    char prefix[48];

    snprintf(prefix, sizeof prefix, "warning: option %zu: ", i);
    print_diags(prefix, &cmp.projections[i].warnings);
  }
  text = r.o.format->comparison(&cmp, r.cat, &len);
  status = emit(text, len, r.o.pretty);
out:
  aic_comparison_release(&cmp);
  free(scenarios);
  finish_run(&r);
  return status;
}
