/* The genai-prices v2 feed (pydantic/genai-prices, data.json) -> catalogue
 * `api_prices` (aic_feed_genai_prices, aicost/feeds.h; the feed and the
 * mapping are in genai_prices.h): providers and models, their catalogue
 * ids, the entries kept in id order, and the run that writes the file only
 * when the whole feed read without an error. */
#include <stdlib.h>
#include <string.h>

#include "aicost/date.h"
#include "feed_check.h"
#include "genai_prices.h"

/* Room for any catalogue id and more: the catalogue's id pattern, not the
 * buffer, says which ids are too long. */
#define ID_ROOM 128

/* `vendor/model`, lower case, characters outside [a-z0-9._/-] as '-';
 * false when that is not an id the catalogue takes (its own pattern). */
static bool
make_id(char *out, size_t cap, const char *provider, const char *model)
{
  size_t n = 0;

  for (const char *parts[2] = { provider, model }, **p = parts; p < parts + 2; p++) {
    if (p == parts + 1 && n < cap)
      out[n++] = '/';
    for (const char *c = *p; *c != '\0' && n < cap; c++) {
      char ch = *c;

      if (ch >= 'A' && ch <= 'Z')
        ch = (char)(ch - 'A' + 'a');
      if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '.' || ch == '_' ||
            ch == '/' || ch == '-'))
        ch = '-';
      out[n++] = ch;
    }
  }
  if (n >= cap)
    return false;
  out[n] = '\0';
  return aic_catalogue_id.match(out, n);
}

static bool
listed(const char *const *list, size_t n, const char *s)
{
  for (size_t i = 0; i < n; i++)
    if (strcmp(list[i], s) == 0)
      return true;
  return false;
}

static bool
add_entry(struct import *im, const char *id, char *text)
{
  if (text == NULL)
    return false;
  if (im->n == im->cap) {
    size_t cap = im->cap ? 2 * im->cap : 256;
    struct entry *e = realloc(im->entries, cap * sizeof *e);

    if (e == NULL) {
      free(text);
      return false;
    }
    im->entries = e;
    im->cap = cap;
  }
  im->entries[im->n].id = strdup(id);
  im->entries[im->n].text = text;
  if (im->entries[im->n].id == NULL) {
    free(text);
    return false;
  }
  im->n++;
  return true;
}

/* The row's entry, kept when the catalogue's own table takes it
 * (feed_check.h): a row the catalogue would refuse is skipped with the
 * catalogue's message, as every other row it cannot hold is. */
static bool
keep_entry(struct import *im, const char *ptr, const char *id, char *text)
{
  char why[AIC_DIAG_DETAIL_MAX + 32];
  int rc;

  if (text == NULL) {
    im->nomem = true;
    return false;
  }
  rc = feed_entry_check(&aic_api_price_table, text, strlen(text), why, sizeof why);
  if (rc == AIC_E_INVALID)
    REPORT(im, ptr, FEED_SKIPPED, "%s: %s", id, why);
  if (rc != 0) {
    im->nomem = im->nomem || rc < 0;
    free(text);
    return false;
  }
  if (!add_entry(im, id, text)) { /* which frees text */
    im->nomem = true;
    return false;
  }
  return true;
}

static bool
known_id(const struct import *im, const char *id)
{
  for (size_t i = 0; i < im->n; i++)
    if (strcmp(im->entries[i].id, id) == 0)
      return true;
  return false;
}

/* ---- providers and models ---- */

static const char *
string_member(struct import *im, const json_t *obj, const char *key, const char *ptr, bool required,
              bool *ok)
{
  const json_t *v = json_object_get(obj, key);
  char p[AIC_DIAG_POINTER_MAX];

  if (v == NULL && !required)
    return NULL;
  if (json_is_string(v) && json_string_length(v) > 0)
    return json_string_value(v);
  join(p, ptr, key);
  if (v == NULL)
    REPORT(im, p, FEED_ERROR, "missing: required");
  else
    REPORT(im, p, FEED_ERROR, "must be a non-empty string (got %s)", type_of(v));
  *ok = false;
  return NULL;
}

static bool
read_model(struct import *im, const json_t *m, const char *ptr, const char *provider,
           const char *url, bool selected, struct row *r)
{
  const json_t *prices = json_object_get(m, "prices");
  const json_t *deprecated = json_object_get(m, "deprecated");
  const char *model, *name;
  char id[ID_ROOM], p[AIC_DIAG_POINTER_MAX];
  bool ok = true, report;

  if (!json_is_object(m)) {
    REPORT(im, ptr, FEED_ERROR, "must be a model object (got %s)", type_of(m));
    return false;
  }
  model = string_member(im, m, "id", ptr, true, &ok);
  name = string_member(im, m, "name", ptr, false, &ok);
  if (deprecated != NULL && !json_is_boolean(deprecated)) {
    join(p, ptr, "deprecated");
    REPORT(im, p, FEED_ERROR, "must be true or false (got %s)", type_of(deprecated));
    ok = false;
  }
  if (model == NULL)
    return false;
  r->n = 0;
  r->skip[0] = '\0';
  report = selected && make_id(id, sizeof id, provider, model) &&
           !listed(im->opt->except, im->opt->n_except, id) && !known_id(im, id);
  join(p, ptr, "prices");
  if (json_is_array(prices)) {
    ok = genai_read_conditional(im, prices, p, report, r) && ok;
  } else if (json_is_object(prices)) {
    memset(&r->p[0], 0, sizeof r->p[0]);
    ok = genai_read_prices(im, prices, p, report, &r->p[0].std) && ok;
    r->n = 1;
  } else {
    if (prices == NULL)
      REPORT(im, p, FEED_ERROR, "missing: required");
    else
      REPORT(im, p, FEED_ERROR, "must be a price object or a list of {constraint, prices} (got %s)",
             type_of(prices));
    ok = false;
  }
  if (!ok || !selected)
    return ok;
  if (!make_id(id, sizeof id, provider, model)) {
    REPORT(im, ptr, FEED_SKIPPED, "'%s/%.80s': cannot be a catalogue id (%s)", provider, model,
           aic_catalogue_id.what);
    return true;
  }
  if (listed(im->opt->except, im->opt->n_except, id)) {
    REPORT(im, ptr, FEED_NOTE, "%s: kept by hand in the catalogue, not imported", id);
    return true;
  }
  if (known_id(im, id)) {
    REPORT(im, ptr, FEED_SKIPPED, "%s: the same id as an earlier model of the feed", id);
    return true;
  }
  genai_check_row(r);
  if (r->skip[0] != '\0') {
    REPORT(im, ptr, FEED_SKIPPED, "%s: %s", id, r->skip);
    return true;
  }
  if (keep_entry(im, ptr, id,
                 genai_entry_text(im, name != NULL ? name : model, provider, model, url,
                                  json_is_true(deprecated), r)))
    genai_note_row(im, ptr, id, r);
  return true;
}

static bool
read_provider(struct import *im, const json_t *pv, const char *ptr, struct row *r)
{
  const json_t *models = json_object_get(pv, "models"), *urls;
  const char *provider, *url = NULL;
  char p[AIC_DIAG_POINTER_MAX];
  bool ok = true, selected;

  if (!json_is_object(pv)) {
    REPORT(im, ptr, FEED_ERROR, "must be a provider object (got %s)", type_of(pv));
    return false;
  }
  provider = string_member(im, pv, "id", ptr, true, &ok);
  urls = json_object_get(pv, "pricing_urls");
  if (urls != NULL && !json_is_array(urls)) {
    join(p, ptr, "pricing_urls");
    REPORT(im, p, FEED_ERROR, "must be an array of addresses (got %s)", type_of(urls));
    ok = false;
  }
  for (size_t i = 0; json_is_array(urls) && i < json_array_size(urls); i++) {
    const json_t *u = json_array_get(urls, i);

    if (!json_is_string(u)) {
      join(p, ptr, "pricing_urls");
      join_index(p, p, i);
      REPORT(im, p, FEED_ERROR, "must be an address (got %s)", type_of(u));
      ok = false;
    } else if (url == NULL) {
      url = json_string_value(u); /* the first: the provider's own price page */
    }
  }
  join(p, ptr, "models");
  if (!json_is_array(models)) {
    if (models == NULL)
      REPORT(im, p, FEED_ERROR, "missing: required");
    else
      REPORT(im, p, FEED_ERROR, "must be an array of models (got %s)", type_of(models));
    return false;
  }
  if (provider == NULL)
    return false;
  selected = im->opt->providers == NULL ||
             listed(im->opt->providers, im->opt->n_providers, provider);
  if (!selected)
    REPORT(im, ptr, FEED_NOTE, "provider '%s' (%zu models) not selected", provider,
           json_array_size(models));
  for (size_t i = 0; i < json_array_size(models); i++) {
    char mp[AIC_DIAG_POINTER_MAX];

    join_index(mp, p, i);
    ok = read_model(im, json_array_get(models, i), mp, provider, url, selected, r) && ok;
  }
  return ok;
}

static int
by_id(const void *a, const void *b)
{
  return strcmp(((const struct entry *)a)->id, ((const struct entry *)b)->id);
}

int
aic_feed_genai_prices(const char *text, size_t len, const struct aic_feed_options *opt,
                      struct aic_buf *yaml, struct aic_buf *log, struct aic_feed_counts *counts)
{
  struct import im = { .opt = opt, .log = log, .counts = counts };
  struct row *r = NULL;
  json_error_t jerr;
  json_t *doc;
  long day;
  bool ok = true;

  memset(counts, 0, sizeof *counts);
  if (opt->as_of == NULL || !aic_date_parse(opt->as_of, &day)) {
    REPORT(&im, "", FEED_ERROR,
           "the snapshot's date (as_of, YYYY-MM-DD) is required: the feed "
           "carries none");
    return AIC_E_INVALID;
  }
  doc = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
  if (doc == NULL) {
    char where[64];

    snprintf(where, sizeof where, "line %d, column %d", jerr.line, jerr.column);
    REPORT(&im, where, FEED_ERROR, "not JSON: %s", jerr.text);
    return AIC_E_SYNTAX;
  }
  r = malloc(sizeof *r);
  if (r == NULL) {
    json_decref(doc);
    return AIC_E_NOMEM;
  }
  if (!json_is_array(doc)) {
    REPORT(&im, "", FEED_ERROR, "must be an array of providers (got %s)", type_of(doc));
    ok = false;
  }
  for (size_t i = 0; json_is_array(doc) && i < json_array_size(doc); i++) {
    char p[AIC_DIAG_POINTER_MAX];

    join_index(p, "", i);
    ok = read_provider(&im, json_array_get(doc, i), p, r) && ok;
  }
  counts->entries = im.n;
  if (ok && counts->errors == 0 && !im.nomem) {
    if (im.n > 1)
      qsort(im.entries, im.n, sizeof *im.entries, by_id);
    genai_write_header(yaml, &im);
    for (size_t i = 0; i < im.n; i++) {
      aic_buf_printf(yaml, "  %s:\n", im.entries[i].id);
      aic_buf_put(yaml, im.entries[i].text);
    }
    /* a catalogue file ends with YAML's end of document (docs/catalogue.md):
     * without it a file caught half written would pass for a shorter one */
    aic_buf_put(yaml, "...\n");
  }
  for (size_t i = 0; i < im.n; i++) {
    free(im.entries[i].id);
    free(im.entries[i].text);
  }
  free(im.entries);
  free(r);
  json_decref(doc);
  if (im.nomem || yaml->failed || log->failed)
    return AIC_E_NOMEM;
  return ok && counts->errors == 0 ? AIC_OK : AIC_E_INVALID;
}
