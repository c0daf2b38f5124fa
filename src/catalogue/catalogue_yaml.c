/* The catalogue loader: YAML bytes -> a validated, sorted, immutable
 * struct aic_catalogue in ONE allocation (so aic_catalogue_free is one
 * free() and a reload can never leave half a catalogue behind).
 *
 * Steps: src/yaml parses (syntax, hostile input) and turns the file into
 * JSON that remembers where each node was; the catalogue's tables
 * (catalogue_tables.c) are applied by the engine of src/schema, which
 * reports every problem as file:line:col with its key path; then each
 * section is sorted by id and everything is copied into one block. What
 * each key must hold is in the tables, and docs/catalogue.md for users. */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aicost/catalogue_io.h"
#include "aicost/util.h"
#include "catalogue_tables.h"
#include "yaml_tree.h"

static void *
from_arena(void *arena, size_t size)
{
  return arena_alloc(arena, size);
}

static int
by_id(const void *a, const void *b)
{
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static size_t
str_size(const char *s)
{
  return s != NULL ? strlen(s) + 1 : 0;
}

static const char *
put_str(char **cursor, const char *s)
{
  size_t n;
  char *dst = *cursor;

  if (s == NULL)
    return NULL;
  n = strlen(s) + 1;
  memcpy(dst, s, n);
  *cursor += n;
  return dst;
}

#define ROUND16(x) (((x) + 15) & ~(size_t)15)

/* The whole catalogue in one malloc: header, four arrays, then strings. */
static struct aic_catalogue *
freeze(const struct aic_catalogue *ld, const char *hash)
{
  const struct aic_gpu *g = ld->gpus;
  const struct aic_model *m = ld->models;
  const struct aic_api_price *a = ld->api_prices;
  size_t ng = ld->n_gpus, nm = ld->n_models, na = ld->n_api_prices;
  size_t strings = str_size(ld->version) + str_size(ld->currency) + str_size(hash);
  size_t head = ROUND16(sizeof(struct aic_catalogue));
  size_t off_g = head, off_m = off_g + ROUND16(ng * sizeof *g);
  size_t off_a = off_m + ROUND16(nm * sizeof *m), off_n = off_a + ROUND16(na * sizeof *a);
  size_t nn = ld->n_generations, off_s = off_n + ROUND16(nn * sizeof *ld->generations);
  struct aic_catalogue *c;
  char *base, *cursor;

  for (size_t i = 0; i < ng; i++)
    strings += str_size(g[i].id) + str_size(g[i].name) + str_size(g[i].source) +
               str_size(g[i].as_of) + str_size(g[i].generation);
  for (size_t i = 0; i < nn; i++)
    strings += str_size(ld->generations[i].name);
  for (size_t i = 0; i < nm; i++)
    strings += str_size(m[i].id) + str_size(m[i].name) + str_size(m[i].source) +
               str_size(m[i].as_of);
  for (size_t i = 0; i < na; i++)
    strings += str_size(a[i].id) + str_size(a[i].name) + str_size(a[i].source) +
               str_size(a[i].as_of);
  base = malloc(off_s + strings);
  if (base == NULL)
    return NULL;
  c = (struct aic_catalogue *)(void *)base;
  cursor = base + off_s;
  {
    struct aic_gpu *gs = (struct aic_gpu *)(void *)(base + off_g);
    struct aic_model *ms = (struct aic_model *)(void *)(base + off_m);
    struct aic_api_price *as = (struct aic_api_price *)(void *)(base + off_a);
    struct aic_generation *ns = (struct aic_generation *)(void *)(base + off_n);

    for (size_t i = 0; i < ng; i++) {
      gs[i] = g[i];
      gs[i].id = put_str(&cursor, g[i].id);
      gs[i].name = put_str(&cursor, g[i].name);
      gs[i].source = put_str(&cursor, g[i].source);
      gs[i].as_of = put_str(&cursor, g[i].as_of);
      gs[i].generation = put_str(&cursor, g[i].generation);
    }
    for (size_t i = 0; i < nn; i++) {
      ns[i] = ld->generations[i];
      ns[i].name = put_str(&cursor, ld->generations[i].name);
    }
    for (size_t i = 0; i < nm; i++) {
      ms[i] = m[i];
      ms[i].id = put_str(&cursor, m[i].id);
      ms[i].name = put_str(&cursor, m[i].name);
      ms[i].source = put_str(&cursor, m[i].source);
      ms[i].as_of = put_str(&cursor, m[i].as_of);
    }
    for (size_t i = 0; i < na; i++) {
      as[i] = a[i];
      as[i].id = put_str(&cursor, a[i].id);
      as[i].name = put_str(&cursor, a[i].name);
      as[i].source = put_str(&cursor, a[i].source);
      as[i].as_of = put_str(&cursor, a[i].as_of);
    }
    *c = (struct aic_catalogue){
      .gpus = ng > 0 ? gs : NULL,
      .n_gpus = ng,
      .models = nm > 0 ? ms : NULL,
      .n_models = nm,
      .api_prices = na > 0 ? as : NULL,
      .n_api_prices = na,
      .generations = nn > 0 ? ns : NULL,
      .n_generations = nn,
      .defaults = ld->defaults,
    };
  }
  c->version = put_str(&cursor, ld->version);
  c->currency = put_str(&cursor, ld->currency);
  c->hash = put_str(&cursor, hash);
  return c;
}

/* The sections' arrays were allocated in the tree's arena: sortable. */
static void
sort_section(const void *entries, size_t n, size_t size)
{
  if (n > 1)
    qsort((void *)(uintptr_t)entries, n, size, by_id);
}

/* Where the closing "..." line starts: the last line that is not blank or
 * a comment, when it is exactly "..." from its first column; len when the
 * last such line is something else. *line is that line's number (1-based),
 * 0 when the text has none. */
static size_t
end_marker_at(const char *text, size_t len, unsigned *line)
{
  size_t end = len;

  *line = 0;
  while (end > 0) {
    size_t start = end;
    size_t a, b;

    while (start > 0 && text[start - 1] != '\n')
      start--;
    a = start;
    b = end;
    while (a < b && (text[a] == ' ' || text[a] == '\t'))
      a++;
    while (b > a && (text[b - 1] == ' ' || text[b - 1] == '\t' || text[b - 1] == '\r'
                     || text[b - 1] == '\n'))
      b--;
    if (a < b && text[a] != '#') {
      *line = 1;
      for (size_t i = 0; i < start; i++)
        *line += text[i] == '\n';
      return a == start && b - a == 3 && memcmp(text + a, "...", 3) == 0 ? start : len;
    }
    end = start > 0 ? start - 1 : 0;
  }
  return len;
}

struct aic_catalogue *
aic_catalogue_load(const char *text, size_t len, const char *filename, struct aic_diags *errors)
{
  struct aic_diags scratch;
  struct aic_yaml *y = NULL;
  struct aic_catalogue staged;
  struct aic_catalogue *c = NULL;
  struct aic_run run;
  size_t before;
  char hash[17];
  unsigned marker_line;
  int r;

  if (errors == NULL) {
    aic_diags_init(&scratch);
    errors = &scratch;
  }
  if (text == NULL)
    len = 0;
  r = aic_yaml_parse(text, len, filename, YTREE_MAX_BYTES, &y, errors);
  if (r != 0) {
    if (r < 0)
      aic_diag_add(errors, filename != NULL ? filename : "-", "(document): out of memory");
    return NULL;
  }
  memset(&staged, 0, sizeof staged);
  aic_run_init(&run, errors, NULL);
  run.yaml = y;
  run.alloc = from_arena;
  run.arena = &y->tree.arena;
  before = errors->n + errors->dropped;
  r = aic_table_apply(&aic_catalogue_table, aic_yaml_json(y), "", &staged, &run);
  if (r == 0 && errors->n + errors->dropped == before) {
    sort_section(staged.gpus, staged.n_gpus, sizeof *staged.gpus);
    sort_section(staged.models, staged.n_models, sizeof *staged.models);
    sort_section(staged.api_prices, staged.n_api_prices, sizeof *staged.api_prices);
    sort_section(staged.generations, staged.n_generations, sizeof *staged.generations);
    /* FNV-1a over the exact source bytes: enough to tell two catalogue
     * files apart (an identifier for caches and reports, not a security
     * measure) */
    /* over the bytes before the closing "..." line, when there is one:
     * the marker says the file is whole, it is not content, and adding it
     * to an older catalogue must not change its hash (nor every ETag) */
    aic_hash_hex(aic_fnv1a(AIC_FNV1A_OFFSET, text, end_marker_at(text, len, &marker_line)), hash);
    c = freeze(&staged, hash);
    if (c == NULL)
      r = AIC_E_NOMEM;
  }
  if (r < 0)
    aic_diag_add(errors, aic_yaml_filename(y), "(document): out of memory");
  aic_yaml_free(y);
  return c;
}

struct aic_catalogue *
aic_catalogue_load_file(const char *path, struct aic_diags *errors)
{
  struct aic_diags scratch;
  struct aic_buf buf = { 0 };
  struct aic_catalogue *c;
  unsigned line;
  char why[160];
  FILE *f;
  int r;

  if (errors == NULL) {
    aic_diags_init(&scratch);
    errors = &scratch;
  }
  /* never a FIFO or a device: a reload would wait on it, and SIGTERM too */
  f = aic_open_regular(path, why, sizeof why);
  if (f == NULL) {
    aic_diag_add(errors, path, "(file): %s", why);
    return NULL;
  }
  /* A file over the limit is read one byte past it, and the loader says
   * that it is too big. */
  r = aic_buf_read(&buf, f, YTREE_MAX_BYTES);
  fclose(f);
  if (r == ENOMEM) {
    aic_diag_add(errors, path, "(file): out of memory");
    aic_buf_free(&buf);
    return NULL;
  }
  if (r != 0 && r != EFBIG) {
    aic_diag_add(errors, path, "(file): cannot read: %s", strerror(r));
    aic_buf_free(&buf);
    return NULL;
  }
  c = aic_catalogue_load(buf.p != NULL ? buf.p : "", buf.len, path, errors);
  /* A file must end with YAML's end-of-document line "...": YAML cut at an
   * entry boundary is still a valid catalogue with entries missing, and a
   * reload that caught an editor or a copy half way served 2 of 15 API
   * prices. A file without content has been refused already. */
  if (end_marker_at(buf.p != NULL ? buf.p : "", buf.len, &line) == buf.len && line > 0) {
    char where[512];

    snprintf(where, sizeof where, "%s:%u:1", path, line);
    aic_diag_add(errors, where,
                 "(document): the file does not end with the line '...' (YAML's end of document), "
                 "which a catalogue file must, so that one cut short (caught half written) is "
                 "refused: add the line, and replace the file by renaming a complete one over it "
                 "(docs/deploy.md)");
    aic_catalogue_free(c);
    c = NULL;
  }
  aic_buf_free(&buf);
  return c;
}

void
aic_catalogue_free(struct aic_catalogue *c)
{
  /* the whole catalogue is the one block that starts with the header */
  free(c);
}
