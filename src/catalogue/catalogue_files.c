/* A catalogue from files: each path given, then its drop-in directory
 * FILE.d/ (FILE without its .yaml or .yml, then ".d"), every *.yaml in it
 * layered on in file-name order; "@default" is the embedded layers.
 * config/catalogue.yaml and config/catalogue.d/ are the default;
 * /etc/aicost/catalogue.yaml and /etc/aicost/catalogue.d/ in the container
 * image. Paths come one by one (--catalogue given more than once) or as a
 * list with ':' between them (AICOST_CATALOGUE). A reload (SIGHUP) reads
 * them all again. The layering itself is catalogue_layers.c. */
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
  size_t n = 0, before = errors->n + errors->dropped;

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
  return errors->n + errors->dropped > before ? -1 : (int)n;
}

/* Appends the layer read from `path` (its bytes into f's next buffer). */
static int
add_file(struct aic_catalogue_files *f, const char *path, struct aic_diags *errors)
{
  size_t k = f->n;

  if (k == AIC_CATALOGUE_LAYERS_MAX) {
    aic_diag_add(errors, path, "(file): more than %d catalogue files", AIC_CATALOGUE_LAYERS_MAX);
    return AIC_E_INVALID;
  }
  snprintf(f->names[k], sizeof f->names[k], "%s", path); /* the name in messages, cut if need be */
  if (!read_one(path, &f->bufs[k], errors))
    return f->bufs[k].failed ? AIC_E_NOMEM : AIC_E_INVALID;
  f->layers[k] = (struct aic_catalogue_layer){ f->bufs[k].p != NULL ? f->bufs[k].p : "",
                                               f->bufs[k].len, f->names[k] };
  f->n++;
  return 0;
}

/* path, then the *.yaml of its drop-in directory in name order. */
static int
add_path(struct aic_catalogue_files *f, const char *path, struct aic_diags *errors)
{
  char *names[AIC_CATALOGUE_LAYERS_MAX] = { NULL };
  char dir[PATH_CAP], full[PATH_CAP];
  int found = 0, r = add_file(f, path, errors);

  if (r == 0 && drop_in_dir(path, dir, sizeof dir)) {
    found = drop_ins(dir, names, AIC_CATALOGUE_LAYERS_MAX, errors);
    if (found < 0)
      r = AIC_E_INVALID;
  }
  for (int i = 0; r == 0 && i < found; i++) {
    int len = snprintf(full, sizeof full, "%s/%s", dir, names[i]);

    if (len < 0 || len >= (int)sizeof full) {
      aic_diag_add(errors, dir, "(directory): a path longer than %d bytes", PATH_CAP - 1);
      r = AIC_E_INVALID;
      break;
    }
    r = add_file(f, full, errors);
  }
  for (int i = 0; i < found; i++)
    free(names[i]);
  return r;
}

int
aic_catalogue_read_files(const char *const *paths, size_t n, struct aic_catalogue_files *f,
                         struct aic_diags *errors)
{
  int r = 0;

  memset(f, 0, sizeof *f);
  for (size_t i = 0; i < n && r == 0; i++) {
    if (strcmp(paths[i], AIC_CATALOGUE_DEFAULT) == 0) {
      size_t m = aic_catalogue_default_layers(f->layers + f->n, AIC_CATALOGUE_LAYERS_MAX - f->n);

      if (m == 0 || f->n + m > AIC_CATALOGUE_LAYERS_MAX) {
        aic_diag_add(errors, paths[i], "(file): more than %d catalogue files",
                     AIC_CATALOGUE_LAYERS_MAX);
        r = AIC_E_INVALID;
      } else {
        f->n += m;
      }
      continue;
    }
    r = add_path(f, paths[i], errors);
  }
  return r;
}

void
aic_catalogue_files_free(struct aic_catalogue_files *f)
{
  for (size_t i = 0; i < AIC_CATALOGUE_LAYERS_MAX; i++)
    aic_buf_free(&f->bufs[i]);
}

struct aic_catalogue *
aic_catalogue_load_paths(const char *const *paths, size_t n, struct aic_diags *errors)
{
  struct aic_catalogue_files *f = malloc(sizeof *f);
  struct aic_diags scratch;
  struct aic_catalogue *c = NULL;

  if (errors == NULL) {
    aic_diags_init(&scratch);
    errors = &scratch;
  }
  if (f == NULL) {
    aic_diag_add(errors, n > 0 ? paths[0] : "-", "(file): out of memory");
    return NULL;
  }
  if (aic_catalogue_read_files(paths, n, f, errors) == 0)
    c = aic_catalogue_load_layers(f->layers, f->n, errors);
  for (size_t i = 0; c != NULL && i < f->n; i++)
    if (!ends_with_marker(&f->layers[i], errors)) {
      aic_catalogue_free(c);
      c = NULL;
    }
  aic_catalogue_files_free(f);
  free(f);
  return c;
}

struct aic_catalogue *
aic_catalogue_load_file(const char *path, struct aic_diags *errors)
{
  return aic_catalogue_load_paths(&path, 1, errors);
}

size_t
aic_catalogue_split_list(char *list, const char **paths, size_t max)
{
  size_t n = 0;

  for (char *p = list; p != NULL && n < max;) {
    char *colon = strchr(p, ':');

    if (colon != NULL)
      *colon = '\0';
    if (*p != '\0')
      paths[n++] = p;
    p = colon != NULL ? colon + 1 : NULL;
  }
  return n;
}

struct aic_catalogue *
aic_catalogue_load_list(const char *list, struct aic_diags *errors)
{
  const char *paths[AIC_CATALOGUE_LAYERS_MAX + 1];
  char *copy;
  size_t n;
  struct aic_catalogue *c;

  if (list == NULL || list[0] == '\0')
    return aic_catalogue_load_default(errors);
  copy = strdup(list);
  if (copy == NULL) {
    if (errors != NULL)
      aic_diag_add(errors, "-", "(file): out of memory");
    return NULL;
  }
  n = aic_catalogue_split_list(copy, paths, AIC_CATALOGUE_LAYERS_MAX + 1);
  c = n == 0 ? aic_catalogue_load_default(errors) : aic_catalogue_load_paths(paths, n, errors);
  free(copy);
  return c;
}
