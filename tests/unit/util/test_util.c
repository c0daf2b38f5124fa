/* src/util: the helpers every other library shares (include/aicost/util.h).
 * Each concept was written two to four times before; these rows pin the
 * one version left, so that a change to it shows here first. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "aicost/util.h"

/* The reference's own test vectors (FNV-1a 64 of "", "a", "foobar", from
 * the FNV page's test suite): the offset and the prime are right. */
static void
fnv1a_reference_vectors(void **state)
{
  static const struct {
    const char *text;
    uint64_t hash;
  } rows[] = {
    { "", UINT64_C(0xcbf29ce484222325) },       /* nothing hashed: the offset */
    { "a", UINT64_C(0xaf63dc4c8601ec8c) },      /* one byte: one xor, one multiply */
    { "foobar", UINT64_C(0x85944171f73967e8) }, /* several bytes, in order */
  };

  (void)state;
  for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
    assert_true(aic_fnv1a(AIC_FNV1A_OFFSET, rows[i].text, strlen(rows[i].text)) == rows[i].hash);
}

/* Carrying h over pieces is hashing their concatenation (the scenario
 * set's hash and the ETags chain it), and the hex form is 16 lower-case
 * digits with leading zeros kept. */
static void
fnv1a_chains_and_hex(void **state)
{
  uint64_t h = aic_fnv1a(aic_fnv1a(AIC_FNV1A_OFFSET, "foo", 3), "bar", 3);
  char hex[17];

  (void)state;
  assert_true(h == UINT64_C(0x85944171f73967e8));
  aic_hash_hex(h, hex);
  assert_string_equal(hex, "85944171f73967e8");
  aic_hash_hex(UINT64_C(0xab), hex);
  assert_string_equal(hex, "00000000000000ab");
}

struct utf8_row {
  const char *bytes;
  size_t avail;
  size_t len;  /* what aic_utf8_sequence says: 0 = not UTF-8 */
  uint32_t cp; /* the code point when len > 0 */
};

/* jansson's rules, which a JSON string must meet: the shortest form only,
 * no surrogates, nothing past U+10FFFF, and never more than `avail`. */
static void
utf8_sequences(void **state)
{
  static const struct utf8_row rows[] = {
    { "A", 1, 1, 'A' },                     /* ASCII is one byte */
    { "\xC3\xA9", 2, 2, 0xE9 },             /* é, two bytes */
    { "\xE2\x82\xAC", 3, 3, 0x20AC },       /* €, three bytes */
    { "\xF0\x9F\x98\x80", 4, 4, 0x1F600 },  /* an emoji, four bytes */
    { "\xF4\x8F\xBF\xBF", 4, 4, 0x10FFFF }, /* the last code point */
    { "\xC0\xAF", 2, 0, 0 },                /* overlong '/': 0xC0 never starts one */
    { "\xE0\x80\xAF", 3, 0, 0 },            /* overlong in three bytes */
    { "\xF0\x80\x80\xAF", 4, 0, 0 },        /* overlong in four bytes */
    { "\xED\xA0\x80", 3, 0, 0 },            /* a UTF-16 surrogate (U+D800) */
    { "\xF4\x90\x80\x80", 4, 0, 0 },        /* U+110000: past the last */
    { "\xF5\x80\x80\x80", 4, 0, 0 },        /* a lead byte that never appears */
    { "\x80", 1, 0, 0 },                    /* a continuation byte alone */
    { "\xE2\x82", 3, 0, 0 },                /* cut short by the NUL after it */
    { "\xE2\x82\xAC", 2, 0, 0 },            /* cut short by avail */
  };

  (void)state;
  for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
    const unsigned char *s = (const unsigned char *)rows[i].bytes;
    uint32_t cp = 0;

    assert_int_equal(aic_utf8_sequence(s, rows[i].avail), rows[i].len);
    assert_int_equal(aic_utf8_decode(s, rows[i].avail, &cp), rows[i].len);
    if (rows[i].len > 0)
      assert_int_equal(cp, rows[i].cp);
  }
}

/* A string's length in characters, for "at most 200 characters". */
static void
utf8_length_counts_characters(void **state)
{
  (void)state;
  assert_int_equal(aic_utf8_length(""), 0);
  assert_int_equal(aic_utf8_length("abc"), 3);
  assert_int_equal(aic_utf8_length("caf\xC3\xA9 \xE2\x82\xAC"), 6); /* "café €" */
}

/* Appends grow the buffer past its first size and keep a NUL after the
 * text; finish hands the text over and leaves the buffer empty. */
static void
buf_grows_and_finishes(void **state)
{
  struct aic_buf b = { 0 };
  size_t len = 0;
  char *text;

  (void)state;
  for (int i = 0; i < 1000; i++)
    aic_buf_printf(&b, "%d,", i % 10);
  aic_buf_put(&b, "end");
  assert_false(b.failed);
  assert_int_equal(b.len, 2003);
  assert_int_equal(b.p[b.len], '\0');
  text = aic_buf_finish(&b, &len);
  assert_non_null(text);
  assert_int_equal(len, 2003);
  assert_int_equal(strncmp(text, "0,1,2,", 6), 0);
  assert_string_equal(text + 2000, "end");
  assert_null(b.p);
  free(text);
  /* nothing appended is an empty text, not NULL */
  text = aic_buf_finish(&b, &len);
  assert_string_equal(text, "");
  assert_int_equal(len, 0);
  free(text);
}

/* A size that cannot be allocated fails, and the failure is sticky: later
 * appends do nothing and finish returns NULL (the writers check once). */
static void
buf_failure_is_sticky(void **state)
{
  struct aic_buf b;

  (void)state;
  aic_buf_init(&b, 16);
  aic_buf_put(&b, "kept");
  assert_false(aic_buf_room(&b, SIZE_MAX - 8));
  assert_true(b.failed);
  aic_buf_put(&b, "lost");
  assert_int_equal(b.len, 4);
  assert_null(aic_buf_finish(&b, NULL));
  assert_null(b.p);
}

/* A stream is read to its end, or to one byte past the limit: EFBIG then,
 * with those bytes kept for a caller that reports the size itself. */
static void
buf_read_limits(void **state)
{
  struct aic_buf b = { 0 };
  FILE *f = tmpfile();
  char big[200000];

  (void)state;
  assert_non_null(f);
  memset(big, 'x', sizeof big);
  assert_int_equal(fwrite(big, 1, sizeof big, f), sizeof big);
  rewind(f);
  assert_int_equal(aic_buf_read(&b, f, sizeof big), 0); /* exactly the limit is fine */
  assert_int_equal(b.len, sizeof big);
  assert_int_equal(b.p[b.len], '\0');
  aic_buf_free(&b);
  rewind(f);
  assert_int_equal(aic_buf_read(&b, f, sizeof big - 1), EFBIG);
  assert_int_equal(b.len, sizeof big); /* the limit and one more */
  aic_buf_free(&b);
  rewind(f);
  assert_int_equal(aic_buf_read(&b, f, 10), EFBIG); /* a small limit reads little */
  assert_int_equal(b.len, 11);
  aic_buf_free(&b);
  fclose(f);
}

/* Quoted whole up to 40 bytes, cut to 37 and "..." beyond. */
static void
quote_short_cuts_long_values(void **state)
{
  char out[64];
  char s41[42];

  (void)state;
  aic_quote_short(out, sizeof out, "h100");
  assert_string_equal(out, "'h100'");
  memset(s41, 'a', 41);
  s41[41] = '\0';
  aic_quote_short(out, sizeof out, s41 + 1); /* 40 bytes: kept whole */
  assert_int_equal(strlen(out), 42);
  aic_quote_short(out, sizeof out, s41); /* 41 bytes: cut */
  assert_string_equal(out, "'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa...'");
}

/* Only a regular file opens, and nothing waits: a FIFO with no writer (which
 * a plain open would block on), a directory and a device are refused with
 * what they are; a symlink to a regular file is followed. */
static void
open_regular_refuses_the_rest(void **state)
{
  char dir[] = "/tmp/aicost-util-XXXXXX";
  char fifo[64], reg[64], link[64], why[160];
  FILE *f;

  (void)state;
  assert_non_null(mkdtemp(dir));
  snprintf(fifo, sizeof fifo, "%s/fifo", dir);
  snprintf(reg, sizeof reg, "%s/reg", dir);
  snprintf(link, sizeof link, "%s/link", dir);
  assert_int_equal(mkfifo(fifo, 0600), 0);
  f = fopen(reg, "w");
  assert_non_null(f);
  fputs("x: 1\n", f);
  fclose(f);
  assert_int_equal(symlink(reg, link), 0);

  assert_null(aic_open_regular(fifo, why, sizeof why));
  assert_string_equal(why, "is a FIFO (named pipe), not a regular file");
  assert_null(aic_open_regular(dir, why, sizeof why));
  assert_string_equal(why, "is a directory, not a regular file");
  assert_null(aic_open_regular("/dev/null", why, sizeof why));
  assert_string_equal(why, "is a character device, not a regular file");
  assert_null(aic_open_regular("/nonexistent/x", why, sizeof why));
  assert_non_null(strstr(why, "cannot open: "));
  f = aic_open_regular(link, why, sizeof why);
  assert_non_null(f);
  assert_int_equal(fgetc(f), 'x');
  fclose(f);
  unlink(link);
  unlink(reg);
  unlink(fifo);
  rmdir(dir);
}

int
main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(fnv1a_reference_vectors),
    cmocka_unit_test(fnv1a_chains_and_hex),
    cmocka_unit_test(utf8_sequences),
    cmocka_unit_test(utf8_length_counts_characters),
    cmocka_unit_test(buf_grows_and_finishes),
    cmocka_unit_test(buf_failure_is_sticky),
    cmocka_unit_test(buf_read_limits),
    cmocka_unit_test(quote_short_cuts_long_values),
    cmocka_unit_test(open_regular_refuses_the_rest),
  };

  return cmocka_run_group_tests(tests, NULL, NULL);
}
