/* The genai-prices importer on the data folder tests/data/feeds/genai-prices:
 * each <case>.json with its <case>.expect (a comment saying why, the status
 * "ok", "invalid" or "syntax", optional "providers:" and "except:" lists,
 * then lines the report must contain) and, for "ok", <case>.yaml: the exact
 * catalogue text expected. Plus the YAML number format on its own. */
#include <dirent.h>
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "aicost/diag.h"
#include "aicost/feeds.h"
#include "feed_yaml.h"

static const char *data_dir;

static char *
slurp(const char *path, size_t *len)
{
  struct aic_buf b = { 0 };
  FILE *f = fopen(path, "rb");
  char *s;

  if (f == NULL)
    return NULL;
  if (aic_buf_read(&b, f, 1u << 24) != 0) {
    fclose(f);
    aic_buf_free(&b);
    return NULL;
  }
  fclose(f);
  s = aic_buf_finish(&b, len);
  return s;
}

/* "a,b" -> list pointing into s */
static size_t
split(char *s, const char **list, size_t max)
{
  size_t n = 0;

  for (char *p = strtok_r(s, ",", &s); p != NULL && n < max; p = strtok_r(NULL, ",", &s))
    list[n++] = p;
  return n;
}

static void
run_case(const char *name)
{
  char path[512], *expect, *feed, *line, *save = NULL, *providers = NULL, *except = NULL;
  const char *plist[16], *elist[16];
  struct aic_feed_options opt = { .file = NULL, .as_of = "2026-08-21", .commit = "abc1234" };
  struct aic_feed_counts counts;
  struct aic_buf yaml = { 0 }, log = { 0 };
  const char *status = NULL;
  size_t len;
  int r, want;

  snprintf(path, sizeof path, "%s/%s.expect", data_dir, name);
  expect = slurp(path, NULL);
  assert_non_null(expect);
  snprintf(path, sizeof path, "%s/%s.json", data_dir, name);
  feed = slurp(path, &len);
  assert_non_null(feed);
  snprintf(path, sizeof path, "%s.json", name);
  opt.file = path;
  /* the header lines first */
  for (line = strtok_r(expect, "\n", &save); line != NULL; line = strtok_r(NULL, "\n", &save)) {
    if (line[0] == '#')
      continue;
    if (strncmp(line, "status: ", 8) == 0)
      status = line + 8;
    else if (strncmp(line, "providers: ", 11) == 0)
      providers = line + 11;
    else if (strncmp(line, "except: ", 8) == 0)
      except = line + 8;
    else
      break;
  }
  assert_non_null(status);
  if (providers != NULL) {
    opt.providers = plist;
    opt.n_providers = split(providers, plist, 16);
  }
  if (except != NULL) {
    opt.except = elist;
    opt.n_except = split(except, elist, 16);
  }
  r = aic_feed_genai_prices(feed, len, &opt, &yaml, &log, &counts);
  want = strcmp(status, "ok") == 0       ? AIC_OK
         : strcmp(status, "syntax") == 0 ? AIC_E_SYNTAX
                                         : AIC_E_INVALID;
  if (r != want)
    fprintf(stderr, "# %s: got %d, want %d; report:\n%s", name, r, want, log.p ? log.p : "");
  assert_int_equal(r, want);
  for (; line != NULL; line = strtok_r(NULL, "\n", &save)) {
    if (log.p == NULL || strstr(log.p, line) == NULL)
      fprintf(stderr, "# %s: the report lacks \"%s\"; it is:\n%s", name, line, log.p ? log.p : "");
    assert_non_null(log.p);
    assert_non_null(strstr(log.p, line));
  }
  if (r == AIC_OK) {
    char *want_yaml;

    snprintf(path, sizeof path, "%s/%s.yaml", data_dir, name);
    want_yaml = slurp(path, NULL);
    assert_non_null(want_yaml);
    if (strcmp(yaml.p, want_yaml) != 0)
      fprintf(stderr, "# %s: the YAML differs; it is:\n%s", name, yaml.p);
    assert_string_equal(yaml.p, want_yaml);
    free(want_yaml);
  } else {
    /* bad input writes no catalogue at all */
    assert_true(yaml.len == 0);
    assert_true(counts.errors > 0);
  }
  aic_buf_free(&yaml);
  aic_buf_free(&log);
  free(feed);
  free(expect);
}

/* Every case of the folder, by name. */
static void
data_cases(void **state)
{
  DIR *d = opendir(data_dir);
  struct dirent *e;
  size_t n = 0;

  (void)state;
  assert_non_null(d);
  while ((e = readdir(d)) != NULL) {
    size_t l = strlen(e->d_name);
    char name[256];

    if (l < 8 || strcmp(e->d_name + l - 7, ".expect") != 0 || l - 7 >= sizeof name)
      continue;
    memcpy(name, e->d_name, l - 7);
    name[l - 7] = '\0';
    fprintf(stderr, "# case %s\n", name);
    run_case(name);
    n++;
  }
  closedir(d);
  assert_true(n >= 10); /* the folder was found and read */
}

/* No date, no import: the feed carries none, and an entry without as_of
 * could never be called stale. */
static void
as_of_required(void **state)
{
  struct aic_feed_options opt = { .file = "x.json" };
  struct aic_feed_counts counts;
  struct aic_buf yaml = { 0 }, log = { 0 };

  (void)state;
  assert_int_equal(aic_feed_genai_prices("[]", 2, &opt, &yaml, &log, &counts), AIC_E_INVALID);
  assert_non_null(strstr(log.p, "as_of, YYYY-MM-DD) is required"));
  opt.as_of = "2026-02-30";
  aic_buf_free(&log);
  assert_int_equal(aic_feed_genai_prices("[]", 2, &opt, &yaml, &log, &counts), AIC_E_INVALID);
  aic_buf_free(&yaml);
  aic_buf_free(&log);
}

/* Numbers read back to the same double with the fewest digits; whole
 * numbers as integers (a tier at 200000, not 2e+05). */
static void
yaml_numbers(void **state)
{
  static const struct {
    double x;
    const char *text;
  } rows[] = {
    { 0.135, "0.135" },
    { 200000, "200000" },
    { 10, "10" },
    { 0.1 + 0.2, "0.30000000000000004" },
    { 2.5e-5, "2.5e-05" },
    { 0, "0" },
    { 1.0 / 3, "0.3333333333333333" },
  };

  (void)state;
  for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
    struct aic_buf b = { 0 };

    feed_yaml_number(&b, rows[i].x);
    assert_string_equal(b.p, rows[i].text);
    assert_true(strtod(b.p, NULL) == rows[i].x);
    aic_buf_free(&b);
  }
}

/* Strings are double-quoted with '"', '\' and control characters escaped. */
static void
yaml_strings(void **state)
{
  struct aic_buf b = { 0 };

  (void)state;
  feed_yaml_string(&b, "a \"b\" \\ c\td é");
  assert_string_equal(b.p, "\"a \\\"b\\\" \\\\ c\\u0009d é\"");
  aic_buf_free(&b);
}

int
main(int argc, char **argv)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(data_cases),
    cmocka_unit_test(as_of_required),
    cmocka_unit_test(yaml_numbers),
    cmocka_unit_test(yaml_strings),
  };

  data_dir = argc > 1 ? argv[1] : "tests/data/feeds/genai-prices";
  return cmocka_run_group_tests(tests, NULL, NULL);
}
