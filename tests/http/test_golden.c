/* Golden responses: the real aicostd must answer each request of
 * tests/data/golden, as JSON, CSV and SVG, byte for byte as recorded there (tests/data/golden/
 * README.md says how they were taken and how to retake them). The speed work
 * on the JSON path (src/json/num_format.c, the direct writer) must never move
 * a byte of a projection. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aicost/render.h"
#include "harness.h"

static struct server srv;

/* Whether `name` ends with `suffix`; the stem goes to `stem`. */
static bool
stem_of(const char *name, const char *suffix, char *stem, size_t cap)
{
  size_t n = strlen(name), s = strlen(suffix);

  if (n <= s || n - s >= cap || strcmp(name + n - s, suffix) != 0)
    return false;
  memcpy(stem, name, n - s);
  stem[n - s] = '\0';
  return true;
}

/* Fails with the first differing byte and some context on both sides. */
static void
assert_same_bytes(const char *name, const char *got, size_t got_len, const char *want,
                  size_t want_len)
{
  size_t i = 0;

  while (i < got_len && i < want_len && got[i] == want[i])
    i++;
  if (i == got_len && i == want_len)
    return;
  {
    size_t from = i > 40 ? i - 40 : 0;
    int gn = (int)((got_len - from) < 80 ? got_len - from : 80);
    int wn = (int)((want_len - from) < 80 ? want_len - from : 80);

    fail_msg(
      "%s: %zu bytes, golden %zu; first difference at byte %zu:\n  got    ...%.*s\n  golden ...%.*s",
      name, got_len, want_len, i, gn, got + from, wn, want + from);
  }
}

static size_t
run_case(const char *dir, const char *stem, bool is_get)
{
  char path[1024];
  char *req;
  size_t req_len = 0;

  snprintf(path, sizeof path, "%s/%s%s", dir, stem, is_get ? ".path" : ".request.json");
  req = read_file(path, &req_len);
  if (req == NULL)
    fail_msg("%s: cannot read the request", stem);
  req[is_get ? strcspn(req, "\r\n") : req_len] = '\0'; /* a path is one line */
  /* Every format of the server's table, asked for by Accept: JSON's bytes
   * are the contract, and the others' golden files make a change of their
   * numbers or layout show up as a diff of these files. */
  for (size_t f = 0; f < aic_n_formats; f++) {
    const struct aic_format *fmt = &aic_formats[f];
    char accept[128];
    const char *const headers[] = { accept, NULL };
    char name[300];
    char *want;
    size_t want_len = 0;
    struct http_resp r;
    bool ok;

    snprintf(accept, sizeof accept, "Accept: %s", fmt->media_type);
    snprintf(path, sizeof path, "%s/%s.%s", dir, stem, fmt->extension);
    snprintf(name, sizeof name, "%s.%s", stem, fmt->extension);
    want = read_file(path, &want_len);
    if (want == NULL)
      fail_msg("%s: cannot read the golden response", name);
    if (is_get) {
      struct http_req get = { .path = req,
                              .tmpl = "/v1/scenarios/{id}/projection",
                              .headers = headers };

      ok = http_do(&srv, &get, &r);
    } else {
      const char *ep = strncmp(stem, "comparison-", 11) == 0 ? "/v1/comparisons"
                                                             : "/v1/projections";

      ok = http_post_json(&srv, ep, req, headers, &r);
    }
    if (!ok)
      fail_msg("%s: no response", name);
    if (r.status != 200)
      fail_msg("%s: status %ld: %.*s", name, r.status, (int)(r.len < 300 ? r.len : 300), r.body);
    assert_string_equal(http_header(&r, "Content-Type"), fmt->content_type);
    assert_same_bytes(name, r.body, r.len, want, want_len);
    http_resp_free(&r);
    free(want);
  }
  free(req);
  return 1;
}

/* Every golden request answers exactly its golden bytes (all of them, so a
 * lost or added file is noticed by the count). */
static void
test_golden_bytes(void **state)
{
  char dir[1024], stem[256];
  const char *root = getenv("AICOST_SOURCE_ROOT");
  struct dirent *e;
  size_t n = 0;
  DIR *d;

  (void)state;
  snprintf(dir, sizeof dir, "%s/tests/data/golden", root != NULL ? root : ".");
  d = opendir(dir);
  if (d == NULL)
    fail_msg("cannot open %s", dir);
  while ((e = readdir(d)) != NULL) {
    if (stem_of(e->d_name, ".request.json", stem, sizeof stem))
      n += run_case(dir, stem, false);
    else if (stem_of(e->d_name, ".path", stem, sizeof stem))
      n += run_case(dir, stem, true);
  }
  closedir(d);
  print_message("# %zu golden responses compared\n", n);
  assert_true(n >= 20);
}

/* The same requests again on kept-alive connections, interleaved: a reply
 * built into a reused buffer must not carry bytes of the previous one. */
static void
test_golden_repeated(void **state)
{
  (void)state;
  for (int i = 0; i < 3; i++)
    test_golden_bytes(NULL);
}

static int
setup(void **state)
{
  static const char *const args[] = { "--access-log", "off", NULL };

  (void)state;
  return http_group_start(&srv, args);
}

static int
teardown(void **state)
{
  (void)state;
  return http_group_stop(&srv);
}

int
main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_golden_bytes),
    cmocka_unit_test(test_golden_repeated),
  };

  return cmocka_run_group_tests_name("http golden", tests, setup, teardown);
}
