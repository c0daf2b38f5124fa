/* aicost catalogue import skypilot --as-of YYYY-MM-DD CLOUD@COMMIT=FILE...
 *
 * Reads SkyPilot cloud catalog files (a vms.csv per cloud; GCP's host VM
 * rows may come as a file of their own, named with the same cloud) and
 * writes the GPU offers overlay (catalogue YAML) to stdout. Every skipped,
 * suspicious or bad row goes to stderr with its file, row and reason, then
 * a summary. Exit 0 when the files were read (rows may have been left out:
 * the report says why), 2 for bad input or usage (nothing on stdout), 1 for
 * an internal error. docs/catalogue.md, "Refreshing GPU offers". */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aicost/diag.h"
#include "commands.h"
#include "skypilot.h"

#define USAGE                                                                                      \
  "usage: aicost catalogue import skypilot --as-of YYYY-MM-DD CLOUD@COMMIT=FILE...\n"              \
  "  CLOUD: the provider its offers name (aws, gcp, lambda, ...); COMMIT: the\n"                   \
  "  skypilot-catalog commit the file was taken at; FILE: a catalogs/v7/CLOUD/vms.csv\n"

#define FILES_MAX 64
#define FILE_BYTES_MAX (64u << 20)

static bool
is_date(const char *s)
{
  return strlen(s) == 10 && s[4] == '-' && s[7] == '-' && strspn(s, "0123456789-") == 10;
}

/* "cloud@commit=path" -> its parts (cut in place). */
static bool
split_spec(char *spec, struct sky_file *f, const char **path)
{
  char *at = strchr(spec, '@'), *eq = strchr(spec, '=');

  if (at == NULL || eq == NULL || at > eq || at == spec || eq == at + 1 || eq[1] == '\0')
    return false;
  /* the provider the offers name: a catalogue id (checked before the
   * argument is cut, so that a message can show it whole) */
  if ((size_t)(at - spec) > 64 || strchr("._-", spec[0]) != NULL)
    return false;
  for (const char *c = spec; c < at; c++)
    if (strchr("abcdefghijklmnopqrstuvwxyz0123456789._-", *c) == NULL)
      return false;
  *at = '\0';
  *eq = '\0';
  f->cloud = spec;
  f->commit = at + 1;
  *path = eq + 1;
  f->name = strrchr(*path, '/') != NULL ? strrchr(*path, '/') + 1 : *path;
  return true;
}

static char *
command_line(int argc, char **argv)
{
  struct aic_buf b = { 0 };

  aic_buf_put(&b, "aicost catalogue import");
  for (int i = 0; i < argc; i++) {
    aic_buf_put(&b, " ");
    aic_buf_put(&b, argv[i]);
  }
  return aic_buf_finish(&b, NULL);
}

int
cmd_import_skypilot(int argc, char **argv)
{
  struct sky_file files[FILES_MAX];
  struct aic_buf bufs[FILES_MAX], yaml = { 0 }, log = { 0 };
  struct sky_options opt = { 0 };
  struct sky_counts counts;
  size_t n = 0;
  char *cmd = command_line(argc, argv);
  int status = 0, r;

  memset(bufs, 0, sizeof bufs);
  for (int i = 1; i < argc && status == 0; i++) {
    const char *path;
    FILE *f;

    if (strcmp(argv[i], "--as-of") == 0 && i + 1 < argc) {
      opt.as_of = argv[++i];
      continue;
    }
    if (n == FILES_MAX || !split_spec(argv[i], &files[n], &path)) {
      fprintf(stderr, "aicost catalogue import skypilot: bad argument '%s'\n" USAGE, argv[i]);
      status = 2;
      break;
    }
    f = fopen(path, "rb");
    if (f == NULL) {
      fprintf(stderr, "%s: cannot open: %s\n", path, strerror(errno));
      status = 2;
      break;
    }
    r = aic_buf_read(&bufs[n], f, FILE_BYTES_MAX);
    fclose(f);
    if (r != 0) {
      fprintf(stderr, "%s: cannot read: %s\n", path, r == EFBIG ? "over 64 MiB" : strerror(r));
      status = r == EFBIG ? 2 : 1;
      break;
    }
    files[n].text = bufs[n].p != NULL ? bufs[n].p : "";
    files[n].len = bufs[n].len;
    n++;
  }
  if (status == 0 && (opt.as_of == NULL || !is_date(opt.as_of) || n == 0)) {
    fputs(opt.as_of != NULL && !is_date(opt.as_of) ? "--as-of must be YYYY-MM-DD\n" USAGE : USAGE,
          stderr);
    status = 2;
  }
  if (status == 0) {
    opt.command = cmd;
    r = sky_import(files, n, &opt, &yaml, &log, &counts);
    if (log.len > 0)
      fwrite(log.p, 1, log.len, stderr);
    fprintf(stderr,
            "skypilot: %zu offers, %zu rows skipped, %zu suspicious, %zu folded into "
            "cheaper offers at the same place, %zu CPU rows, %zu errors\n",
            counts.offers, counts.skipped, counts.suspicious, counts.folded, counts.cpu_rows,
            counts.errors);
    if (r == AIC_OK && fwrite(yaml.p, 1, yaml.len, stdout) != yaml.len)
      r = AIC_E_INTERNAL;
    status = r == AIC_OK ? 0 : r == AIC_E_INVALID ? 2 : 1;
  }
  for (size_t i = 0; i < FILES_MAX; i++)
    aic_buf_free(&bufs[i]);
  aic_buf_free(&yaml);
  aic_buf_free(&log);
  free(cmd);
  return status;
}
