/* Broken catalogues as data: every tests/data/catalogue/<case>.yaml has a
 * <case>.expect listing, one per line, "LINE COLUMN FRAGMENT": an error the
 * loader must report at exactly file:LINE:COLUMN whose detail contains
 * FRAGMENT. The loader must report exactly those errors (no more, no fewer)
 * and return NULL whenever there is one. Lines starting with '#' say why the
 * case exists. Inputs too big to commit are generated here. */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "aicost/catalogue_io.h"

static const char *data_dir;

struct expect {
  unsigned line, col;
  char fragment[200];
};

static size_t
read_expect(const char *path, struct expect *out, size_t max)
{
  FILE *f = fopen(path, "r");
  char buf[512];
  size_t n = 0;

  if (f == NULL)
    fail_msg("missing expectation file %s", path);
  while (fgets(buf, sizeof buf, f) != NULL) {
    char *end;
    unsigned long line, col;
    size_t len = strcspn(buf, "\r\n");

    buf[len] = '\0';
    if (buf[0] == '#' || buf[0] == '\0')
      continue;
    line = strtoul(buf, &end, 10);
    col = strtoul(end, &end, 10);
    while (*end == ' ')
      end++;
    assert_true(n < max);
    out[n].line = (unsigned)line;
    out[n].col = (unsigned)col;
    snprintf(out[n].fragment, sizeof out[n].fragment, "%s", end);
    n++;
  }
  fclose(f);
  return n;
}

/* Each expected error is found once, at its exact position. */
static void
check_errors(const char *shown_name, const struct aic_diags *d, const struct expect *ex, size_t n)
{
  for (size_t i = 0; i < d->n; i++)
    print_message("# %s: %s\n", d->v[i].pointer, d->v[i].detail);
  assert_int_equal(d->dropped, 0);
  assert_int_equal(d->n, n);
  for (size_t k = 0; k < n; k++) {
    char where[600];
    bool found = false;

    snprintf(where, sizeof where, "%s:%u:%u", shown_name, ex[k].line, ex[k].col);
    for (size_t i = 0; i < d->n && !found; i++)
      found = strcmp(d->v[i].pointer, where) == 0 && strstr(d->v[i].detail, ex[k].fragment) != NULL;
    if (!found)
      fail_msg("expected at %s: '%s'", where, ex[k].fragment);
  }
}

/* One data case: load the file, compare with its .expect. */
static void
run_case(void **state)
{
  const char *name = *state;
  char yaml[512], expect_path[512];
  struct expect ex[16];
  struct aic_diags d = AIC_DIAGS_INIT;
  struct aic_catalogue *c;
  size_t n;

  snprintf(yaml, sizeof yaml, "%s/%s.yaml", data_dir, name);
  snprintf(expect_path, sizeof expect_path, "%s/%s.expect", data_dir, name);
  n = read_expect(expect_path, ex, 16);
  c = aic_catalogue_load_file(yaml, &d);
  check_errors(yaml, &d, ex, n);
  if (n == 0)
    assert_non_null(c);
  else
    assert_null(c);
  aic_catalogue_free(c);
}

/* A 10 MB file is refused by size before libyaml sees it, at 1:1, and the
 * loader does not read a file much bigger than the limit into memory. */
static void
ten_megabytes(void **state)
{
  size_t len = (size_t)10 << 20;
  char *big = malloc(len);
  struct aic_diags d = AIC_DIAGS_INIT;
  const char *line = "# padding padding padding padding padding padding padding\n";
  size_t ll = strlen(line);
  char path[] = "/tmp/aicost-catalogue-10mb-XXXXXX";
  FILE *f;
  int fd;

  (void)state;
  assert_non_null(big);
  for (size_t i = 0; i < len; i++)
    big[i] = line[i % ll];
  assert_null(aic_catalogue_load(big, len, "big.yaml", &d));
  assert_int_equal(d.n, 1);
  assert_string_equal(d.v[0].pointer, "big.yaml:1:1");
  assert_non_null(strstr(d.v[0].detail, "larger than the limit"));

  fd = mkstemp(path);
  assert_true(fd >= 0);
  f = fdopen(fd, "wb");
  assert_non_null(f);
  assert_int_equal(fwrite(big, 1, len, f), len);
  fclose(f);
  aic_diags_reset(&d);
  assert_null(aic_catalogue_load_file(path, &d));
  remove(path);
  assert_int_equal(d.n, 1);
  assert_non_null(strstr(d.v[0].detail, "larger than the limit"));
  free(big);
}

/* Deep nesting made of block mappings (not flow lists) is stopped too. */
static void
deep_block_mappings(void **state)
{
  char *text = malloc(200 * 220);
  size_t o = 0;
  struct aic_diags d = AIC_DIAGS_INIT;

  (void)state;
  assert_non_null(text);
  for (int i = 0; i < 200; i++) {
    for (int s = 0; s < i; s++)
      text[o++] = ' ';
    o += (size_t)snprintf(text + o, 16, "k%d:\n", i);
  }
  assert_null(aic_catalogue_load(text, o, "deep.yaml", &d));
  assert_int_equal(d.n, 1);
  assert_non_null(strstr(d.v[0].detail, "nested deeper than"));
  free(text);
}

/* A missing file is an error naming the path, not a crash or a default. */
static void
missing_file(void **state)
{
  struct aic_diags d = AIC_DIAGS_INIT;

  (void)state;
  assert_null(aic_catalogue_load_file("/nonexistent/catalogue.yaml", &d));
  assert_int_equal(d.n, 1);
  assert_string_equal(d.v[0].pointer, "/nonexistent/catalogue.yaml");
  assert_non_null(strstr(d.v[0].detail, "cannot open"));
}

/* More errors than struct aic_diags keeps are counted, not lost silently. */
static void
error_overflow_counted(void **state)
{
  size_t cap = 200 * 40 + 64;
  char *text = malloc(cap);
  size_t o = 0;
  struct aic_diags d = AIC_DIAGS_INIT;

  (void)state;
  assert_non_null(text);
  o += (size_t)snprintf(text + o, cap - o, "version: \"x\"\n");
  for (int i = 0; i < 200; i++)
    o += (size_t)snprintf(text + o, cap - o, "bogus%d: 1\n", i);
  assert_null(aic_catalogue_load(text, o, "many.yaml", &d));
  assert_int_equal(d.n, AIC_DIAG_MAX);
  /* 200 unknown keys + 6 missing sections/keys */
  assert_int_equal(d.n + d.dropped, 206);
  free(text);
}

static int
by_name(const void *a, const void *b)
{
  return strcmp(*(char *const *)a, *(char *const *)b);
}

int
main(int argc, char **argv)
{
  char *names[256];
  size_t n = 0;
  DIR *dir;
  struct dirent *e;
  struct CMUnitTest tests[256 + 8];
  int failed;

  if (argc < 2) {
    fprintf(stderr, "usage: %s DATA_DIR\n", argv[0]);
    return 2;
  }
  data_dir = argv[1];
  dir = opendir(data_dir);
  if (dir == NULL) {
    perror(data_dir);
    return 2;
  }
  while ((e = readdir(dir)) != NULL && n < 256) {
    size_t len = strlen(e->d_name);

    if (len > 5 && strcmp(e->d_name + len - 5, ".yaml") == 0)
      names[n++] = strndup(e->d_name, len - 5);
  }
  closedir(dir);
  qsort(names, n, sizeof *names, by_name);
  for (size_t i = 0; i < n; i++)
    tests[i] = (struct CMUnitTest){ .name = names[i],
                                    .test_func = run_case,
                                    .initial_state = names[i] };
  tests[n++] = (struct CMUnitTest)cmocka_unit_test(ten_megabytes);
  tests[n++] = (struct CMUnitTest)cmocka_unit_test(deep_block_mappings);
  tests[n++] = (struct CMUnitTest)cmocka_unit_test(missing_file);
  tests[n++] = (struct CMUnitTest)cmocka_unit_test(error_overflow_counted);
  failed = _cmocka_run_group_tests("catalogue_broken", tests, n, NULL, NULL);
  for (size_t i = 0; i + 4 < n; i++)
    free(names[i]);
  return failed;
}
