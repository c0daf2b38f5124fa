/* A catalogue from files: FILE, then its drop-in directory FILE.d/ (FILE
 * without its .yaml or .yml, then ".d"), every *.yaml in it layered on in
 * file-name order. config/catalogue.yaml and config/catalogue.d/ are the
 * default; /etc/aicost/catalogue.yaml and /etc/aicost/catalogue.d/ in the
 * container image. A reload (SIGHUP) reads them all again. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aicost/catalogue_io.h"
#include "aicost/util.h"
#include "catalogue_end.h"
#include "yaml_tree.h"

#define PATH_CAP 1024

/* The file's bytes into b (one byte past the limit for a file too big,
 * which the loader then names). False with the reason in errors. */
static bool
read_one(const char *path, struct aic_buf *b, struct aic_diags *errors)
{
  char why[160];
  FILE *f = aic_open_regular(path, why, sizeof why); /* never a FIFO or a device: a
                                                      * reload would wait on it */
  int r;

  if (f == NULL) {
    aic_diag_add(errors, path, "(file): %s", why);
    return false;
  }
  r = aic_buf_read(b, f, YTREE_MAX_BYTES);
  fclose(f);
  if (r == ENOMEM) {
    aic_diag_add(errors, path, "(file): out of memory");
    return false;
  }
  if (r != 0 && r != EFBIG) {
    aic_diag_add(errors, path, "(file): cannot read: %s", strerror(r));
    return false;
  }
  return true;
}

/* Each file must end with the line "..." (catalogue_end.h); one without
 * content has been refused by the loader already. */
static bool
ends_with_marker(const struct aic_catalogue_layer *l, struct aic_diags *errors)
{
  unsigned line;
  char where[PATH_CAP + 32];

  if (aic_catalogue_content_end(l->text, l->len, &line) != l->len || line == 0)
    return true;
  snprintf(where, sizeof where, "%s:%u:1", l->name, line);
  aic_diag_add(errors, where,
               "(document): the file does not end with the line '...' (YAML's end of document), "
               "which a catalogue file must, so that one cut short (caught half written) is "
               "refused: add the line, and replace the file by renaming a complete one over it "
               "(docs/deploy.md)");
  return false;
}

static int
by_name(const void *a, const void *b)
{
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* FILE.d for FILE: "x/catalogue.yaml" -> "x/catalogue.d". */
static bool
drop_in_dir(const char *path, char *out, size_t cap)
{
  size_t n = strlen(path);

  if (n >= 5 && strcmp(path + n - 5, ".yaml") == 0)
    n -= 5;
  else if (n >= 4 && strcmp(path + n - 4, ".yml") == 0)
    n -= 4;
  return snprintf(out, cap, "%.*s.d", (int)n, path) < (int)cap;
}

/* The *.yaml names of dir, sorted, into names (strdup'd); their count, or
 * -1 with the reason in errors. A missing directory has none. */
static int
drop_ins(const char *dir, char **names, size_t max, struct aic_diags *errors)
{
  DIR *d = opendir(dir);
  struct dirent *e;
  size_t n = 0;

  if (d == NULL) {
    if (errno == ENOENT || errno == ENOTDIR)
      return 0; /* no drop-ins: the file alone */
    aic_diag_add(errors, dir, "(directory): cannot open: %s", strerror(errno));
    return -1;
  }
  while ((e = readdir(d)) != NULL) {
    size_t l = strlen(e->d_name);

    if (e->d_name[0] == '.' || l < 6 || strcmp(e->d_name + l - 5, ".yaml") != 0)
      continue;
    if (n == max) {
      aic_diag_add(errors, dir, "(directory): more than %zu catalogue layers", max);
      break;
    }
    names[n] = strdup(e->d_name);
    if (names[n] == NULL)
      break;
    n++;
  }
  closedir(d);
  qsort(names, n, sizeof *names, by_name);
  return errors->n > 0 ? -1 : (int)n;
}

struct aic_catalogue *
aic_catalogue_load_file(const char *path, struct aic_diags *errors)
{
  struct aic_diags scratch;
  struct aic_buf bufs[AIC_CATALOGUE_LAYERS_MAX] = { { 0 } };
  struct aic_catalogue_layer layers[AIC_CATALOGUE_LAYERS_MAX];
  char *names[AIC_CATALOGUE_LAYERS_MAX - 1] = { NULL };
  char paths[AIC_CATALOGUE_LAYERS_MAX][PATH_CAP];
  char dir[PATH_CAP];
  struct aic_catalogue *c = NULL;
  int found = 0;
  size_t n = 1;
  bool ok;

  if (errors == NULL) {
    aic_diags_init(&scratch);
    errors = &scratch;
  }
  snprintf(paths[0], PATH_CAP, "%s", path); /* the name in messages, cut if need be */
  ok = read_one(path, &bufs[0], errors);
  if (ok && drop_in_dir(path, dir, sizeof dir)) {
    found = drop_ins(dir, names, AIC_CATALOGUE_LAYERS_MAX - 1, errors);
    ok = found >= 0;
  }
  for (int i = 0; ok && i < found; i++, n++) {
    int len = snprintf(paths[n], PATH_CAP, "%s/%s", dir, names[i]);

    if (len < 0 || len >= PATH_CAP) {
      aic_diag_add(errors, dir, "(directory): a path longer than %d bytes", PATH_CAP - 1);
      ok = false;
      break;
    }
    ok = read_one(paths[n], &bufs[n], errors);
  }
  for (size_t i = 0; ok && i < n; i++)
    layers[i] = (struct aic_catalogue_layer){ bufs[i].p != NULL ? bufs[i].p : "", bufs[i].len,
                                              paths[i] };
  if (ok)
    c = aic_catalogue_load_layers(layers, n, errors);
  for (size_t i = 0; ok && i < n; i++)
    if (!ends_with_marker(&layers[i], errors)) {
      aic_catalogue_free(c);
      c = NULL;
    }
  for (size_t i = 0; i < AIC_CATALOGUE_LAYERS_MAX; i++)
    aic_buf_free(&bufs[i]);
  for (int i = 0; i < found; i++)
    free(names[i]);
  return c;
}
