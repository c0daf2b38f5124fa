/* The catalogue's lifetime in the server. One is current; requests take a
 * reference on their first call and drop it when they complete, so a
 * reload (swap the pointer under the mutex, drop the server's reference)
 * never pulls a catalogue from under a request in flight. The mutex guards
 * only the pointer swap and the increment: the catalogue itself is
 * immutable and read without locks. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "srv.h"

/* clang-format off */
static const char *const section_keys[AIC_SECTION_COUNT] = {
  [AIC_SECTION_GPUS] = "gpus",
  [AIC_SECTION_MODELS] = "models",
  [AIC_SECTION_API_PRICES] = "api_prices",
};
/* clang-format on */

static void
catref_free(struct srv_catref *c)
{
  if (c == NULL)
    return;
  aic_scenarios_free(c->scenarios);
  free(c->gauges);
  aic_catalogue_free(c->cat);
  free(c->json);
  for (size_t i = 0; i < AIC_SECTION_COUNT; i++)
    free(c->section[i]);
  free(c);
}

/* A section document: the catalogue's identity and that one section. */
static char *
section_bytes(const json_t *whole, const char *key, size_t *len)
{
  json_t *doc = json_pack("{s:O, s:O, s:O}", "version", json_object_get(whole, "version"), "hash",
                          json_object_get(whole, "hash"), key, json_object_get(whole, key));
  char *bytes = doc != NULL ? aic_json_dump(doc, 0) : NULL;

  json_decref(doc);
  if (bytes != NULL)
    *len = strlen(bytes);
  return bytes;
}

/* Takes `cat`; the bytes served for it are rendered once, here. */
static struct srv_catref *
catref_new(struct aic_catalogue *cat)
{
  struct srv_catref *c = calloc(1, sizeof *c);
  json_t *whole;

  if (c == NULL) {
    aic_catalogue_free(cat);
    return NULL;
  }
  atomic_init(&c->refs, 1);
  c->cat = cat;
  whole = aic_catalogue_to_json(cat);
  if (whole == NULL) {
    catref_free(c);
    return NULL;
  }
  c->json = aic_json_dump(whole, 0);
  if (c->json != NULL)
    c->json_len = strlen(c->json);
  for (size_t i = 0; i < AIC_SECTION_COUNT; i++)
    c->section[i] = section_bytes(whole, section_keys[i], &c->section_len[i]);
  json_decref(whole);
  if (c->json == NULL || c->section[0] == NULL || c->section[1] == NULL || c->section[2] == NULL) {
    catref_free(c);
    return NULL;
  }
  snprintf(c->etag, sizeof c->etag, "\"%.64s\"", cat->hash != NULL ? cat->hash : "");
  return c;
}

struct srv_catref *
srv_catalogue_acquire(struct srv *s)
{
  struct srv_catref *c;

  pthread_mutex_lock(&s->cat_lock);
  c = s->cat;
  if (c != NULL)
    atomic_fetch_add(&c->refs, 1);
  pthread_mutex_unlock(&s->cat_lock);
  return c;
}

void
srv_catalogue_release(struct srv_catref *c)
{
  if (c != NULL && atomic_fetch_sub(&c->refs, 1) == 1)
    catref_free(c);
}

int
srv_catalogue_load(struct srv *s, const char *path, bool initial, struct aic_diags *errors)
{
  struct aic_catalogue *cat;
  struct aic_scenario_set *scenarios;
  struct srv_catref *fresh;
  struct srv_catref *old;

  /* a ':'-separated list layers files; NULL is the built-in default */
  cat = aic_catalogue_load_list(path, errors);
  if (cat == NULL) {
    if (errors->n == 0)
      aic_diag_add(errors, path != NULL ? path : "(embedded)", "the catalogue could not be loaded");
    if (!initial)
      atomic_fetch_add(&s->metrics.reload_failures, 1);
    return AIC_E_INVALID;
  }
  /* Named scenarios are validated against this catalogue and swapped with
   * it: a catalogue that breaks one is not applied (ep_scenarios.c). */
  scenarios = srv_scenarios_load(s->cfg.scenarios_dir, cat, errors);
  if (scenarios == NULL) {
    aic_catalogue_free(cat);
    if (!initial)
      atomic_fetch_add(&s->metrics.reload_failures, 1);
    return AIC_E_INVALID;
  }
  fresh = catref_new(cat);
  if (fresh != NULL) {
    fresh->scenarios = scenarios;
    fresh->gauges = srv_gauges_render(fresh->cat, scenarios, &fresh->gauges_len);
    if (fresh->gauges == NULL) {
      catref_free(fresh);
      fresh = NULL;
    }
  } else {
    aic_scenarios_free(scenarios);
  }
  if (fresh == NULL) {
    aic_diag_add(errors, path != NULL ? path : "(embedded)",
                 "out of memory rendering the catalogue");
    if (!initial)
      atomic_fetch_add(&s->metrics.reload_failures, 1);
    return AIC_E_NOMEM;
  }
  pthread_mutex_lock(&s->cat_lock);
  old = s->cat;
  s->cat = fresh;
  pthread_mutex_unlock(&s->cat_lock);
  srv_catalogue_release(old);
  atomic_store(&s->metrics.loaded_at_s, (int_fast64_t)time(NULL));
  if (!initial)
    atomic_fetch_add(&s->metrics.reloads, 1);
  return AIC_OK;
}

void
srv_catalogue_reload(struct srv *s)
{
  const char *path = s->cfg.catalogue_path;
  struct aic_diags errors;
  json_t *fields;
  int r;

  aic_diags_init(&errors);
  r = srv_catalogue_load(s, path, false, &errors);
  if (r == AIC_OK) {
    struct srv_catref *c = srv_catalogue_acquire(s);

    fields = json_pack("{s:s, s:s?, s:s?}", "source", path != NULL ? path : "(embedded)", "version",
                       c != NULL ? c->cat->version : NULL, "hash", c != NULL ? c->cat->hash : NULL);
    srv_catalogue_release(c);
    srv_log_event("info", "catalogue_reloaded", fields);
    return;
  }
  fields = json_pack("{s:s, s:o, s:I}", "source", path != NULL ? path : "(embedded)", "errors",
                     srv_errors_json(&errors), "errors_not_listed", (json_int_t)errors.dropped);
  srv_log_event("error", "catalogue_reload_failed", fields);
}
