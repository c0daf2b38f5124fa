/* Named scenarios: a team's budget scenarios kept as files next to their
 * code (config/scenarios/<id>.yaml), served by GET /v1/scenarios. Each is
 * parsed, validated against the catalogue and projected once at load, so a
 * set that loads always projects; a broken file fails the whole load (and a
 * reload keeps the old set), like the catalogue itself. */
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "aicost/json.h"
#include "aicost/scenarios.h"
#include "aicost/util.h"
#include "aicost/yaml.h"
#include "scenario_read.h"

#define ID_MAX 64
#define FILE_MAX (1u << 20) /* a scenario is a few hundred bytes; this is generous */
#define FILES_MAX 1000

bool
aic_scenario_id_valid(const char *id)
{
  size_t i;

  if (id == NULL || id[0] == '\0')
    return false;
  if (!((id[0] >= 'a' && id[0] <= 'z') || (id[0] >= '0' && id[0] <= '9')))
    return false;
  for (i = 1; id[i] != '\0'; i++) {
    char c = id[i];

    if (i >= ID_MAX)
      return false;
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'))
      return false;
  }
  return true;
}

static const char *
base_name(const char *path)
{
  const char *slash = strrchr(path, '/');

  return slash != NULL ? slash + 1 : path;
}

/* The extensions of a scenario file, in the order a name is looked up. */
static const char *const exts[] = { ".yaml", ".yml", ".json" };
#define N_EXTS (sizeof exts / sizeof exts[0])

/* ".yaml", ".yml" or ".json" at the end of name; NULL otherwise. */
static const char *
extension(const char *name)
{
  size_t n = strlen(name), i;

  for (i = 0; i < N_EXTS; i++) {
    size_t e = strlen(exts[i]);

    if (n > e && strcmp(name + n - e, exts[i]) == 0)
      return name + n - e;
  }
  return NULL;
}

bool
aic_scenario_file(const char *dir, const char *id, char *path, size_t cap)
{
  struct stat st;

  for (size_t i = 0; i < N_EXTS; i++) {
    int w = snprintf(path, cap, "%s/%s%s", dir, id, exts[i]);

    if (w >= 0 && (size_t)w < cap && stat(path, &st) == 0)
      return true;
  }
  return false;
}

/* Copies every diag of `from` into `to` with its pointer as "file#pointer". */
static void
copy_diags(struct aic_diags *to, const char *file, const struct aic_diags *from)
{
  char p[AIC_DIAG_POINTER_MAX];
  size_t i;

  for (i = 0; i < from->n; i++) {
    int w = snprintf(p, sizeof p, "%s#%s", file, from->v[i].pointer);

    if (w < 0 || (size_t)w >= sizeof p)
      snprintf(p, sizeof p, "%.80s", file);
    aic_diag_add(to, p, "%s", from->v[i].detail);
  }
  to->dropped += from->dropped;
}

static void
free_item(struct aic_named_scenario *it)
{
  free(it->id);
  free(it->name);
  free(it->description);
  json_decref(it->doc);
}

void
aic_scenarios_free(struct aic_scenario_set *s)
{
  size_t i;

  if (s == NULL)
    return;
  for (i = 0; i < s->n; i++)
    free_item(&s->v[i]);
  free(s->v);
  free(s);
}

/* The name and description a file gives, or its id and "". */
static bool
describe(struct aic_named_scenario *it, json_t *doc)
{
  const json_t *name, *desc;

  if (json_is_object(doc) && json_object_get(doc, "name") == NULL &&
      json_object_set_new(doc, "name", json_string(it->id)) != 0)
    return false;
  name = json_object_get(doc, "name");
  desc = json_object_get(doc, "description");
  it->name = strdup(json_is_string(name) ? json_string_value(name) : it->id);
  it->description = strdup(json_is_string(desc) ? json_string_value(desc) : "");
  return it->name != NULL && it->description != NULL;
}

/* Validates and projects one document. A YAML file's problems are
 * reported where they are (file:line:col, key path); a JSON file's as
 * "file#/json/pointer". */
static bool
check_one(const struct aic_scenario_source *src, const struct aic_catalogue *cat, json_t *doc,
          const struct aic_yaml *y, struct aic_diags *errors)
{
  struct aic_diags d;
  struct aic_scenario sc;
  struct aic_projection pj;
  struct aic_run run;
  size_t before = errors->n + errors->dropped;
  int r;

  aic_diags_init(&d);
  aic_run_init(&run, y != NULL ? errors : &d, NULL);
  run.yaml = y;
  memset(&pj, 0, sizeof pj);
  r = sc_read(doc, cat, "", &sc, &run);
  if (r == AIC_OK) {
    /* the core's problems name members by pointer too */
    r = aic_project(cat, &sc, &pj, y != NULL ? &d : run.d);
    for (size_t i = 0; y != NULL && r != AIC_OK && i < d.n; i++)
      aic_report_pointer(&run, d.v[i].pointer, d.v[i].detail);
  }
  aic_projection_release(&pj);
  if (r == AIC_OK)
    return true;
  if (y == NULL)
    copy_diags(errors, src->filename, &d);
  if (errors->n + errors->dropped == before)
    aic_diag_add(errors, src->filename, "could not be projected (status %d)", r);
  return false;
}

/* Parses one source into `it`; false with errors added. */
static bool
load_one(const struct aic_scenario_source *src, const struct aic_catalogue *cat,
         struct aic_named_scenario *it, struct aic_diags *errors)
{
  const char *base = base_name(src->filename), *ext = extension(base);
  struct aic_diags d;
  struct aic_yaml *y = NULL;
  size_t stem = ext != NULL ? (size_t)(ext - base) : strlen(base);
  bool ok;
  int r;

  aic_diags_init(&d);
  memset(it, 0, sizeof *it);
  it->id = strndup(base, stem);
  if (it->id == NULL)
    return false;
  if (ext == NULL || !aic_scenario_id_valid(it->id)) {
    aic_diag_add(errors, src->filename,
                 "a scenario file is named <id>.yaml (or .yml, .json) with an id of lower-case "
                 "letters, digits, '-' and '_', starting with a letter or digit, at most %d bytes",
                 ID_MAX);
    return false;
  }
  if (aic_source_is_json(src->text, src->len)) {
    if (aic_json_parse(src->text, src->len, &it->doc, &d) != AIC_OK) {
      copy_diags(errors, src->filename, &d);
      return false;
    }
    if (!json_is_object(it->doc)) {
      aic_diag_add(errors, src->filename,
                   "a scenario file holds one mapping (name, model, training, ...)");
      return false;
    }
  } else {
    r = aic_yaml_parse(src->text, src->len, src->filename, FILE_MAX, &y, errors);
    if (r != AIC_OK) {
      if (r < 0)
        aic_diag_add(errors, src->filename, "(document): out of memory");
      return false;
    }
    it->doc = json_incref(aic_yaml_json(y)); /* NULL for an empty file: the engine says so */
  }
  ok = describe(it, it->doc) && check_one(src, cat, it->doc, y, errors);
  aic_yaml_free(y);
  if (ok)
    aic_hash_hex(aic_fnv1a(AIC_FNV1A_OFFSET, src->text, src->len), it->hash);
  return ok;
}

static int
by_id(const void *a, const void *b)
{
  const struct aic_named_scenario *x = a, *y = b;

  return strcmp(x->id, y->id);
}

struct aic_scenario_set *
aic_scenarios_load(const struct aic_scenario_source *src, size_t n, const struct aic_catalogue *cat,
                   struct aic_diags *errors)
{
  struct aic_scenario_set *s = calloc(1, sizeof *s);
  size_t errors_before = errors->n + errors->dropped, i;
  uint64_t h = AIC_FNV1A_OFFSET;
  bool ok = true;

  if (s == NULL)
    goto nomem;
  s->v = calloc(n > 0 ? n : 1, sizeof *s->v);
  if (s->v == NULL)
    goto nomem;
  for (i = 0; i < n; i++) {
    /* keep going after a bad file: the author wants every problem at once */
    bool one = load_one(&src[i], cat, &s->v[s->n], errors);

    if (s->v[s->n].id == NULL)
      goto nomem;
    s->n++;
    ok = one && ok;
  }
  if (!ok || errors->n + errors->dropped > errors_before) {
    if (errors->n + errors->dropped == errors_before)
      aic_diag_add(errors, "", "out of memory loading the scenarios");
    aic_scenarios_free(s);
    return NULL;
  }
  qsort(s->v, s->n, sizeof *s->v, by_id);
  for (i = 0; i + 1 < s->n; i++) {
    if (strcmp(s->v[i].id, s->v[i + 1].id) == 0) {
      aic_diag_add(errors, s->v[i].id, "two files give the scenario id '%s' (e.g. .yaml and .yml)",
                   s->v[i].id);
      ok = false;
    }
  }
  if (!ok) {
    aic_scenarios_free(s);
    return NULL;
  }
  for (i = 0; i < s->n; i++) {
    h = aic_fnv1a(h, s->v[i].id, strlen(s->v[i].id) + 1);
    h = aic_fnv1a(h, s->v[i].hash, sizeof s->v[i].hash);
  }
  aic_hash_hex(h, s->hash);
  return s;

nomem:
  aic_scenarios_free(s);
  aic_diag_add(errors, "", "out of memory loading the scenarios");
  return NULL;
}

/* Reads a whole regular file of at most FILE_MAX bytes. */
static char *
read_file(const char *path, size_t *len, struct aic_diags *errors)
{
  struct aic_buf buf = { 0 };
  char why[160];
  FILE *f = aic_open_regular(path, why, sizeof why); /* never a FIFO or device */
  int r;

  if (f == NULL) {
    aic_diag_add(errors, path, "%s", why);
    return NULL;
  }
  r = aic_buf_read(&buf, f, FILE_MAX);
  fclose(f);
  if (r == ENOMEM)
    aic_diag_add(errors, path, "out of memory");
  else if (r == EFBIG)
    aic_diag_add(errors, path, "larger than %u bytes", FILE_MAX);
  else if (r != 0)
    aic_diag_add(errors, path, "read error");
  if (r != 0) {
    aic_buf_free(&buf);
    return NULL;
  }
  return aic_buf_finish(&buf, len);
}

static int
by_name(const void *a, const void *b)
{
  const char *const *x = a, *const *y = b;

  return strcmp(*x, *y);
}

/* The scenario files of dir, sorted (readdir's order is the file
 * system's; sorted, messages come out the same on every machine). False
 * with the problem in `errors`; *names is the caller's to free either way. */
static bool
list_dir(const char *dir, char ***names, size_t *n, struct aic_diags *errors)
{
  struct dirent *e;
  DIR *d = opendir(dir);
  bool ok = true;

  *n = 0;
  *names = NULL;
  if (d == NULL) {
    aic_diag_add(errors, dir, "cannot read the scenarios directory: %s", strerror(errno));
    return false;
  }
  *names = calloc(FILES_MAX, sizeof **names);
  if (*names == NULL) {
    aic_diag_add(errors, dir, "out of memory");
    ok = false;
  }
  while (ok) {
    size_t len;

    e = readdir(d);
    if (e == NULL)
      break;
    if (e->d_name[0] == '.' || extension(e->d_name) == NULL)
      continue;
    if (*n == FILES_MAX) {
      aic_diag_add(errors, dir, "more than %d scenario files", FILES_MAX);
      ok = false;
      break;
    }
    len = strlen(dir) + 1 + strlen(e->d_name) + 1;
    (*names)[*n] = malloc(len);
    if ((*names)[*n] == NULL) {
      aic_diag_add(errors, dir, "out of memory");
      ok = false;
      break;
    }
    snprintf((*names)[*n], len, "%s/%s", dir, e->d_name);
    (*n)++;
  }
  closedir(d);
  if (*names != NULL)
    qsort(*names, *n, sizeof **names, by_name);
  return ok;
}

static void
free_names(char **names, size_t n)
{
  for (size_t i = 0; names != NULL && i < n; i++)
    free(names[i]);
  free(names);
}

struct aic_scenario_set *
aic_scenarios_load_dir(const char *dir, const struct aic_catalogue *cat, struct aic_diags *errors)
{
  struct aic_scenario_source *src = NULL;
  struct aic_scenario_set *set = NULL;
  char **names = NULL;
  size_t n = 0, i;
  bool ok = list_dir(dir, &names, &n, errors);

  src = calloc(n > 0 ? n : 1, sizeof *src);
  if (src == NULL) {
    aic_diag_add(errors, dir, "out of memory");
    ok = false;
  }
  for (i = 0; ok && i < n; i++) {
    src[i].filename = names[i];
    src[i].text = read_file(names[i], &src[i].len, errors);
    ok = src[i].text != NULL && ok;
  }
  if (ok)
    set = aic_scenarios_load(src, n, cat, errors);
  for (i = 0; src != NULL && i < n; i++)
    free((char *)src[i].text);
  free(src);
  free_names(names, n);
  return set;
}

/* The id a file name gives ("dir/bot.yaml" -> "bot"), into out. */
static void
stem_of(const char *path, char *out, size_t cap)
{
  const char *base = base_name(path), *ext = extension(base);
  size_t n = ext != NULL ? (size_t)(ext - base) : strlen(base);

  snprintf(out, cap, "%.*s", (int)n, base);
}

int
aic_scenarios_check_dir(const char *dir, const struct aic_catalogue *cat,
                        aic_scenario_problems_fn *each, void *ctx, size_t *n_files)
{
  struct aic_diags d;
  char **names = NULL;
  size_t n = 0;
  int bad = 0;

  aic_diags_init(&d);
  *n_files = 0;
  if (!list_dir(dir, &names, &n, &d)) {
    each(ctx, dir, &d);
    free_names(names, n);
    return -1;
  }
  *n_files = n;
  for (size_t i = 0; i < n; i++) {
    /* each file with its own list, so that one file's problems never
     * crowd out another's */
    struct aic_scenario_source src = { .filename = names[i] };
    struct aic_scenario_set *one;
    char a[ID_MAX + 8], b[ID_MAX + 8];

    aic_diags_reset(&d);
    src.text = read_file(names[i], &src.len, &d);
    one = src.text != NULL ? aic_scenarios_load(&src, 1, cat, &d) : NULL;
    free((char *)src.text);
    aic_scenarios_free(one);
    stem_of(names[i], a, sizeof a);
    for (size_t k = 0; k < i; k++) {
      stem_of(names[k], b, sizeof b);
      if (strcmp(a, b) == 0)
        aic_diag_add(&d, names[i], "gives the scenario id '%s' as %s does", a, names[k]);
    }
    if (d.n + d.dropped > 0) {
      each(ctx, names[i], &d);
      bad++;
    }
  }
  free_names(names, n);
  return bad;
}

const struct aic_named_scenario *
aic_scenarios_find(const struct aic_scenario_set *s, const char *id)
{
  size_t lo = 0, hi = s != NULL ? s->n : 0;

  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    int c = strcmp(id, s->v[mid].id);

    if (c == 0)
      return &s->v[mid];
    if (c < 0)
      hi = mid;
    else
      lo = mid + 1;
  }
  return NULL;
}
