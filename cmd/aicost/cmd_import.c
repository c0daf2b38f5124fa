/* aicost catalogue import FORMAT [--as-of DATE] [--commit REV]
 *                             [--providers A,B,...] [--except CATALOGUE] FILE
 *
 * Reads a public price feed and writes catalogue YAML to stdout, every
 * entry with its source and as_of; every error, skipped or suspicious row
 * and unsupported field goes to stderr, one line each with its location,
 * then a summary. Exit 0 when the feed was read (rows may have been
 * skipped: the report says why), 2 for bad input (nothing on stdout), 1 for
 * an internal error. docs/catalogue.md, "Refreshing API prices". */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aicost/catalogue_io.h"
#include "aicost/feeds.h"
#include "commands.h"

#define USAGE                                                                                      \
  "usage: aicost catalogue import FORMAT --as-of YYYY-MM-DD [--commit REV]\n"                      \
  "                               [--providers A,B,...] [--except CATALOGUE] FILE\n"               \
  "  FORMAT: genai-prices (API token prices, pydantic/genai-prices v2 data.json)\n"

/* A feed larger than this is not a price list. */
#define FEED_MAX (64u << 20)
#define LIST_MAX 256

typedef int import_fn(const char *text, size_t len, const struct aic_feed_options *opt,
                      struct aic_buf *yaml, struct aic_buf *log, struct aic_feed_counts *counts);

/* One row per feed format. */
static const struct {
  const char *name;
  import_fn *run;
} formats[] = {
  { "genai-prices", aic_feed_genai_prices },
};

/* "a,b,c" -> list (pointing into the string, which is cut at the commas). */
static size_t
split(char *s, const char **list, size_t max)
{
  size_t n = 0;

  for (char *p = s; p != NULL && *p != '\0' && n < max;) {
    char *comma = strchr(p, ',');

    if (comma != NULL)
      *comma = '\0';
    if (*p != '\0')
      list[n++] = p;
    p = comma != NULL ? comma + 1 : NULL;
  }
  return n;
}

/* The ids of CATALOGUE's api_prices: prices kept by hand there. The file
 * alone, without its drop-ins (where the import's own output lives). */
static struct aic_catalogue *
load_except(const char *path, const char **ids, size_t *n, size_t max)
{
  struct aic_buf text = { 0 };
  struct aic_diags d;
  struct aic_catalogue *c = NULL;
  FILE *f = fopen(path, "rb");
  int r = f != NULL ? aic_buf_read(&text, f, 64u << 20) : errno;

  if (f != NULL)
    fclose(f);
  if (r != 0) {
    fprintf(stderr, "%s: cannot read: %s\n", path, strerror(r));
    aic_buf_free(&text);
    return NULL;
  }
  aic_diags_init(&d);
  c = aic_catalogue_load(text.p != NULL ? text.p : "", text.len, path, &d);
  aic_buf_free(&text);
  if (c == NULL) {
    for (size_t i = 0; i < d.n; i++)
      fprintf(stderr, "%s: %s\n", d.v[i].pointer, d.v[i].detail);
    return NULL;
  }
  *n = 0;
  for (size_t i = 0; i < c->n_api_prices && *n < max; i++)
    ids[(*n)++] = c->api_prices[i].id;
  return c;
}

static char *
command_line(int argc, char **argv)
{
  struct aic_buf b = { 0 };

  aic_buf_put(&b, "aicost catalogue import");
  for (int i = 1; i < argc; i++)
    aic_buf_printf(&b, " %s", argv[i]);
  return aic_buf_finish(&b, NULL);
}

int
cmd_import(int argc, char **argv)
{
  static const char *providers[LIST_MAX], *except[4096];
  struct aic_feed_options opt = { 0 };
  struct aic_feed_counts counts;
  struct aic_buf feed = { 0 }, yaml = { 0 }, log = { 0 };
  struct aic_catalogue *hand = NULL;
  char *provider_arg = NULL, *command;
  const char *file = NULL, *except_path = NULL;
  import_fn *run = NULL;
  FILE *f;
  int r;

  if (argc >= 2)
    for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++)
      if (strcmp(argv[1], formats[i].name) == 0)
        run = formats[i].run;
  if (run == NULL) {
    fprintf(stderr, "aicost catalogue import: %s%s%s\n" USAGE,
            argc >= 2 ? "unknown format '" : "a format is required", argc >= 2 ? argv[1] : "",
            argc >= 2 ? "'" : "");
    return 2;
  }
  for (int i = 2; i < argc; i++) {
    bool has_value = i + 1 < argc;

    if (strcmp(argv[i], "--as-of") == 0 && has_value) {
      opt.as_of = argv[++i];
    } else if (strcmp(argv[i], "--commit") == 0 && has_value) {
      opt.commit = argv[++i];
    } else if (strcmp(argv[i], "--providers") == 0 && has_value) {
      provider_arg = argv[++i];
    } else if (strcmp(argv[i], "--except") == 0 && has_value) {
      except_path = argv[++i];
    } else if (argv[i][0] != '-' && file == NULL) {
      file = argv[i];
    } else {
      fprintf(stderr, "aicost catalogue import: unexpected argument '%s'\n" USAGE, argv[i]);
      return 2;
    }
  }
  if (file == NULL || opt.as_of == NULL) {
    fprintf(stderr, "aicost catalogue import: %s\n" USAGE,
            file == NULL ? "FILE is required"
                         : "--as-of is required: the feed carries no dates; give the day the "
                           "snapshot was taken");
    return 2;
  }
  command = command_line(argc, argv);
  if (provider_arg != NULL) {
    char *copy = strdup(provider_arg);

    if (copy == NULL) {
      free(command);
      return 1;
    }
    opt.providers = providers;
    opt.n_providers = split(copy, providers, LIST_MAX);
    provider_arg = copy;
  }
  if (except_path != NULL) {
    hand = load_except(except_path, except, &opt.n_except, sizeof except / sizeof except[0]);
    if (hand == NULL) {
      free(provider_arg);
      free(command);
      return 2;
    }
    opt.except = except;
  }
  opt.file = file;
  opt.command = command;
  f = fopen(file, "rb");
  r = f == NULL ? errno : aic_buf_read(&feed, f, FEED_MAX);
  if (f != NULL)
    fclose(f);
  if (r != 0) {
    fprintf(stderr, "%s: cannot read: %s\n", file, r == EFBIG ? "larger than 64 MiB" : strerror(r));
    r = r == ENOMEM ? 1 : 2;
  } else {
    r = run(feed.p != NULL ? feed.p : "", feed.len, &opt, &yaml, &log, &counts);
    if (log.p != NULL)
      fputs(log.p, stderr);
    if (r == 0 && yaml.p != NULL)
      fputs(yaml.p, stdout);
    fprintf(stderr,
            "%s: %s: %zu prices written, %zu rows skipped, %zu fields not imported, %zu "
            "suspicious, %zu errors\n",
            file, argv[1], counts.entries, counts.skipped, counts.unsupported, counts.suspicious,
            counts.errors);
    r = r == 0 ? 0 : r > 0 ? 2 : 1;
  }
  aic_buf_free(&feed);
  aic_buf_free(&yaml);
  aic_buf_free(&log);
  aic_catalogue_free(hand);
  free(provider_arg);
  free(command);
  return r;
}
