/* The CLI's shared input, output and options (cli_io.h): one reader of
 * scenario files and one --format for every command. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aicost/catalogue_io.h"
#include "aicost/json.h"
#include "aicost/util.h"
#include "cli_io.h"

/* The server caps bodies far lower; a file this large is a mistake. */
#define MAX_INPUT (64u << 20)

void
cli_output_init(struct cli_output *o)
{
  o->format = &aic_formats[0];
  o->pretty = false;
}

/* --format's value; false (with the reason printed) when there is no such format. */
static bool
set_format(const char *cmd, const char *name, struct cli_output *o)
{
  char names[80];

  o->format = aic_format_named(name);
  if (o->format != NULL)
    return true;
  aic_format_names(names, sizeof names);
  fprintf(stderr, "aicost %s: no format '%s' (%s)\n", cmd, name, names);
  return false;
}

int
cli_output_option(const char *cmd, int argc, char **argv, int *i, struct cli_output *o)
{
  const char *a = argv[*i];

  if (strcmp(a, "--pretty") == 0) {
    o->pretty = true;
    return 1;
  }
  if (strcmp(a, "--format") == 0 && *i + 1 < argc)
    return set_format(cmd, argv[++*i], o) ? 1 : -1;
  if (strncmp(a, "--format=", 9) == 0)
    return set_format(cmd, a + 9, o) ? 1 : -1;
  return 0;
}

int
cli_output_check(const char *cmd, const struct cli_output *o)
{
  if (o->pretty && o->format != aic_format_named("json")) {
    fprintf(stderr, "aicost %s: --pretty indents JSON only (the format is %s)\n", cmd,
            o->format->name);
    return -1;
  }
  return 0;
}

void
cli_common_init(struct cli_common *c)
{
  memset(c, 0, sizeof *c);
  cli_output_init(&c->out);
  catalogue_opt_init(&c->catalogue);
}

int
cli_common_option(const char *cmd, int argc, char **argv, int *i, struct cli_common *c)
{
  const char *a = argv[*i];
  int r = cli_output_option(cmd, argc, argv, i, &c->out);

  if (r != 0)
    return r;
  if (strcmp(a, "--catalogue") == 0 && *i + 1 < argc)
    return catalogue_opt_add(&c->catalogue, argv[++*i]) == 0 ? 1 : -1;
  if (strncmp(a, "--catalogue=", 12) == 0)
    return catalogue_opt_add(&c->catalogue, a + 12) == 0 ? 1 : -1;
  if (strcmp(a, "--today") == 0 && *i + 1 < argc) {
    c->today = argv[++*i];
    return 1;
  }
  if (strncmp(a, "--today=", 8) == 0) {
    c->today = a + 8;
    return 1;
  }
  return 0;
}

/* Reads all of `f`; NULL with the reason printed. */
static char *
slurp(FILE *f, const char *name, size_t *len, int *status)
{
  struct aic_buf buf = { 0 };
  int r = aic_buf_read(&buf, f, MAX_INPUT);

  *status = CLI_INVALID;
  if (r == EFBIG)
    fprintf(stderr, "%s: larger than %u MiB\n", name, MAX_INPUT >> 20);
  else if (r == ENOMEM)
    *status = CLI_INTERNAL;
  else if (r != 0)
    fprintf(stderr, "%s: read error: %s\n", name, strerror(r));
  if (r != 0) {
    aic_buf_free(&buf);
    return NULL;
  }
  return aic_buf_finish(&buf, len);
}

char *
cli_read_bytes(const char *path, size_t *len, int *status)
{
  char why[160];
  FILE *f;
  char *text;

  *status = CLI_INVALID;
  if (strcmp(path, "-") == 0)
    return slurp(stdin, "stdin", len, status);
  f = aic_open_regular(path, why, sizeof why); /* never waits on a FIFO */
  if (f == NULL) {
    fprintf(stderr, "%s: %s\n", path, why);
    return NULL;
  }
  text = slurp(f, path, len, status);
  fclose(f);
  return text;
}

int
cli_read_source(const char *path, struct aic_source *src)
{
  const char *name = strcmp(path, "-") == 0 ? "stdin" : path;
  struct aic_diags errors;
  size_t len = 0;
  int status = CLI_INVALID, rc;
  char *text = cli_read_bytes(path, &len, &status);

  memset(src, 0, sizeof *src);
  if (text == NULL)
    return status;
  aic_diags_init(&errors);
  rc = aic_source_parse(text, len, name, MAX_INPUT, src, &errors);
  free(text);
  if (rc != AIC_OK) {
    cli_print_diags("", &errors);
    aic_source_release(src);
    return rc == AIC_E_NOMEM ? CLI_INTERNAL : CLI_INVALID;
  }
  return CLI_OK;
}

void
cli_print_diags(const char *prefix, const struct aic_diags *d)
{
  for (size_t i = 0; i < d->n; i++)
    fprintf(stderr, "%s%s: %s\n", prefix, d->v[i].pointer[0] ? d->v[i].pointer : "(document)",
            d->v[i].detail);
  if (d->dropped)
    fprintf(stderr, "%s... and %zu more\n", prefix, d->dropped);
}

void
cli_print_file_problems(void *ctx, const char *file, const struct aic_diags *problems)
{
  (void)ctx;
  (void)file; /* every problem's place names the file: "dir/bot.yaml:3:5" */
  cli_print_diags("", problems);
}

int
cli_fail_status(int rc, const struct aic_diags *errors)
{
  cli_print_diags("", errors);
  if (rc > 0)
    return CLI_INVALID;
  fprintf(stderr, "aicost: internal error (%d)\n", rc);
  return CLI_INTERNAL;
}

struct aic_catalogue *
cli_load_catalogue(const char *list, int *status)
{
  struct aic_diags errors;
  struct aic_catalogue *cat;

  aic_diags_init(&errors);
  cat = aic_catalogue_load_list(list, &errors);
  if (!cat) {
    fprintf(stderr, "catalogue %s is invalid:\n", list ? list : "(built in)");
    cli_print_diags("  ", &errors);
    /* a bad built-in catalogue is our bug; a bad file is the user's input */
    *status = list ? CLI_INVALID : CLI_INTERNAL;
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

int
cli_emit(const struct cli_output *o, char *bytes, size_t len)
{
  int status = CLI_OK;

  if (bytes != NULL && o->pretty)
    bytes = indent_json(bytes, &len);
  if (bytes == NULL) {
    fputs("aicost: out of memory while writing the output\n", stderr);
    status = CLI_INTERNAL;
  } else if (fwrite(bytes, 1, len, stdout) != len ||
             ((len == 0 || bytes[len - 1] != '\n') && fputc('\n', stdout) == EOF) ||
             fflush(stdout) != 0) {
    fprintf(stderr, "aicost: cannot write output: %s\n", strerror(errno));
    status = CLI_INTERNAL;
  }
  free(bytes);
  return status;
}
