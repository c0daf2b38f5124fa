/* SkyPilot's cloud catalog -> GPU offers (skypilot.h).
 *
 * Units (config/feeds/skypilot/SOURCE.md): Price and SpotPrice are USD per
 * hour for the whole instance, all AcceleratorCount GPUs, so an offer is
 * Price / AcceleratorCount per GPU-hour. GCP's accelerator rows (no
 * InstanceType) price the GPUs alone; the host VM's row is added, so a GCP
 * offer is what one pays. Several instance types of one GPU at one place
 * (provider, kind, region) fold into the cheapest per GPU-hour: the
 * catalogue keeps one offer per place. Each offer is checked, as it will be
 * written, by the catalogue's own offer table (feed_check.h) before it
 * folds. Every row left out is reported with its row number and reason;
 * bad input fails the import. */
#include "skypilot.h"

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aicost/catalogue.h"
#include "aicost/diag.h"
#include "csv_rows.h"
#include "feed_check.h"
#include "feed_yaml.h"

/* SkyPilot's "no price" value (Prime Intellect's spot column). */
#define SENTINEL 99999999.0

enum { C_INSTANCE, C_ACCELERATOR, C_COUNT, C_PRICE, C_SPOT, C_REGION, N_COLUMNS };
static const char *const column_names[N_COLUMNS] = {
  "InstanceType", "AcceleratorName", "AcceleratorCount", "Price", "SpotPrice", "Region",
};

/* One data row, as read. */
struct rec {
  size_t file, row;
  char *instance, *accelerator, *region;
  double count, price, spot; /* NAN: empty */
};

/* One offer on its way out. */
struct out {
  const char *gpu;
  const char *cloud; /* the provider */
  const struct rec *from;
  const struct rec *host; /* GCP: the host VM's row */
  enum aic_offer_kind kind;
  double price; /* per GPU-hour */
};

struct run {
  const struct sky_file *files;
  const struct sky_options *opt;
  struct aic_buf *log;
  struct sky_counts *c;
  size_t file;
  int col[N_COLUMNS];
  size_t header_n;
  bool header_ok;
  struct rec *recs;
  size_t n, cap;
  struct out *outs;
  size_t n_outs;
  bool nomem;
};

static void __attribute__((format(printf, 4, 5)))
report(struct run *r, size_t row, const char *kind, const char *fmt, ...)
{
  va_list ap;

  aic_buf_printf(r->log, "%s: row %zu: %s: ", r->files[r->file].name, row, kind);
  va_start(ap, fmt);
  {
    char text[512];

    vsnprintf(text, sizeof text, fmt, ap);
    aic_buf_put(r->log, text);
  }
  va_end(ap);
  aic_buf_put(r->log, "\n");
  if (strcmp(kind, "error") == 0)
    r->c->errors++;
  else if (strcmp(kind, "suspicious") == 0)
    r->c->suspicious++;
  else
    r->c->skipped++;
}

/* A price or count: digits, one point, an exponent; never "NaN", "inf",
 * hex or trailing text. Empty is NAN (no value). Returns false when bad. */
static bool
number(const char *s, double *out)
{
  char *end;

  *out = (double)NAN;
  if (s[0] == '\0')
    return true;
  for (const char *p = s; *p != '\0'; p++)
    if (!((*p >= '0' && *p <= '9') || *p == '.' || *p == 'e' || *p == 'E' || *p == '+' ||
          *p == '-'))
      return false;
  *out = strtod(s, &end);
  return *end == '\0' && end != s && isfinite(*out);
}

static bool
header(struct run *r, const struct csv_row *row)
{
  bool ok = true;

  r->header_n = row->n;
  for (int k = 0; k < N_COLUMNS; k++) {
    r->col[k] = -1;
    for (size_t i = 0; i < row->n && i < CSV_FIELDS_MAX; i++)
      if (strcmp(row->field[i], column_names[k]) == 0)
        r->col[k] = (int)i;
    if (r->col[k] < 0) {
      report(r, row->number, "error",
             "no column %s (a vms.csv has InstanceType, "
             "AcceleratorName, AcceleratorCount, Price, SpotPrice, Region)",
             column_names[k]);
      ok = false;
    }
  }
  return ok;
}

static char *
dup(struct run *r, const char *s)
{
  char *d = strdup(s);

  r->nomem = r->nomem || d == NULL;
  return d;
}

/* A price column: bad values are errors; returns false after reporting. */
static bool
price(struct run *r, const struct csv_row *row, int k, double *out)
{
  const char *s = row->field[r->col[k]];

  if (!number(s, out)) {
    report(r, row->number, "error", "%s '%.40s' is not a number", column_names[k], s);
    return false;
  }
  if (*out < 0) {
    report(r, row->number, "error", "%s %g is negative", column_names[k], *out);
    return false;
  }
  return true;
}

static int
on_row(const struct csv_row *row, void *ctx)
{
  struct run *r = ctx;
  struct rec e = { .file = r->file, .row = row->number };
  bool ok = true;

  if (row->number == 1) {
    r->header_ok = header(r, row);
    return r->header_ok ? 0 : 1;
  }
  if (row->unterminated) {
    report(r, row->number, "error",
           "the file ends inside this row (no line break after it): "
           "truncated?");
    return 0;
  }
  if (row->n != r->header_n) {
    report(r, row->number, "error", "%zu fields where the header has %zu", row->n, r->header_n);
    return 0;
  }
  for (size_t i = 0; i < row->n && i < CSV_FIELDS_MAX; i++) {
    const unsigned char *f = (const unsigned char *)row->field[i];
    size_t len = strlen(row->field[i]);

    for (size_t k = 0; k < len;) {
      size_t n = aic_utf8_sequence(f + k, len - k);

      if (n == 0) {
        report(r, row->number, "error", "field %zu is not UTF-8 (byte %zu)", i + 1, k + 1);
        return 0;
      }
      k += n;
    }
  }
  ok = price(r, row, C_PRICE, &e.price) && ok;
  ok = price(r, row, C_SPOT, &e.spot) && ok;
  if (!number(row->field[r->col[C_COUNT]], &e.count)) {
    report(r, row->number, "error", "AcceleratorCount '%.40s' is not a number",
           row->field[r->col[C_COUNT]]);
    ok = false;
  } else if (row->field[r->col[C_ACCELERATOR]][0] != '\0' &&
             !(e.count >= 1 && e.count == floor(e.count) && e.count <= 1e4)) {
    report(r, row->number, "error", "AcceleratorCount '%.40s' is not a whole number of GPUs",
           row->field[r->col[C_COUNT]]);
    ok = false;
  }
  if (ok && e.price >= SENTINEL) {
    report(r, row->number, "error", "Price %.0f is the feed's 'no price' sentinel, not a price",
           e.price);
    ok = false;
  }
  if (!ok)
    return 0;
  if (r->n == r->cap) {
    size_t cap = r->cap ? 2 * r->cap : 256;
    struct rec *grown = realloc(r->recs, cap * sizeof *grown);

    if (grown == NULL) {
      r->nomem = true;
      return 1;
    }
    r->recs = grown;
    r->cap = cap;
  }
  e.instance = dup(r, row->field[r->col[C_INSTANCE]]);
  e.accelerator = dup(r, row->field[r->col[C_ACCELERATOR]]);
  e.region = dup(r, row->field[r->col[C_REGION]]);
  r->recs[r->n++] = e;
  return r->nomem ? 1 : 0;
}

/* GCP's host VM row for a GPU-only row: same cloud and region. */
static const struct rec *
gcp_host(const struct run *r, const struct rec *gpu, const char *host)
{
  for (size_t i = 0; i < r->n; i++) {
    const struct rec *h = &r->recs[i];

    if (h->accelerator[0] == '\0' && strcmp(h->instance, host) == 0 &&
        strcmp(r->files[h->file].cloud, r->files[gpu->file].cloud) == 0 &&
        strcmp(h->region, gpu->region) == 0)
      return h;
  }
  return NULL;
}

/* A price per GPU-hour, to the micro-dollar: dividing an instance price by
 * its GPUs (and adding GCP's host VM) leaves float noise in the last digits
 * (3.4837193749999997), which is not a price anyone quoted. */
static void
put_price(struct aic_buf *b, double x)
{
  feed_yaml_number(b, round(x * 1e6) / 1e6);
}

/* Where the offer's price was read: the file, commit, row and instance
 * type, and GCP's host VM row. */
static void
source_text(struct aic_buf *s, const struct run *r, const struct out *o)
{
  const struct sky_file *f = &r->files[o->from->file];
  const char *per = o->kind == AIC_OFFER_SPOT ? "spot" : "on-demand";
  char whole[40], host[40];

  aic_buf_printf(
    s, "SkyPilot catalog v7 (Apache-2.0), %s at %s, row %zu: %s%s%g GPU%s, %s $%s/h", f->name,
    f->commit, o->from->row, o->from->instance, o->from->instance[0] != '\0' ? ", " : "",
    o->from->count, o->from->count == 1 ? "" : "s", per,
    feed_shortest(whole, sizeof whole, o->kind == AIC_OFFER_SPOT ? o->from->spot : o->from->price));
  if (o->host != NULL) {
    const struct rec *h = o->host;

    aic_buf_printf(s, " for the GPUs alone, plus host VM %s $%s/h (%s row %zu)", h->instance,
                   feed_shortest(host, sizeof host, o->kind == AIC_OFFER_SPOT ? h->spot : h->price),
                   r->files[h->file].name, h->row);
  }
}

/* The offer as the file writes it: one flow mapping, an item of its GPU's
 * `offers`. */
static void
offer_text(struct aic_buf *y, const struct run *r, const struct out *o)
{
  struct aic_buf source = { 0 };

  aic_buf_printf(y, "{provider: %s, kind: %s, ", o->cloud, aic_offer_kind_name(o->kind));
  if (o->from->region[0] != '\0') {
    aic_buf_put(y, "region: ");
    feed_yaml_string(y, o->from->region);
    aic_buf_put(y, ", ");
  }
  aic_buf_put(y, "price_per_gpu_hour_usd: ");
  put_price(y, o->price);
  aic_buf_printf(y, ", as_of: \"%s\",\n         source: ", r->opt->as_of);
  source_text(&source, r, o);
  feed_yaml_string(y, source.p != NULL && !source.failed ? source.p : "");
  y->failed = y->failed || source.failed;
  aic_buf_free(&source);
  aic_buf_put(y, "}");
}

/* Whether the catalogue takes the offer: its own offer table
 * (feed_check.h). One it would refuse is skipped with its message. */
static bool
catalogue_takes(struct run *r, const struct out *o)
{
  struct aic_buf y = { 0 };
  char why[AIC_DIAG_DETAIL_MAX + 32];
  int rc;

  offer_text(&y, r, o);
  rc = y.failed ? AIC_E_NOMEM : feed_entry_check(&aic_offer_table, y.p, y.len, why, sizeof why);
  aic_buf_free(&y);
  if (rc == AIC_E_INVALID)
    report(r, o->from->row, "skipped", "%s %s offer: %s", o->gpu, aic_offer_kind_name(o->kind),
           why);
  r->nomem = r->nomem || rc < 0;
  return rc == 0;
}

static void
add(struct run *r, const char *gpu, const struct rec *e, const struct rec *host,
    enum aic_offer_kind kind, double per_gpu)
{
  const char *cloud = r->files[e->file].cloud;
  struct out offer = { gpu, cloud, e, host, kind, per_gpu };

  /* before folding: a refused offer must not stand in for a cheaper one */
  if (!catalogue_takes(r, &offer))
    return;
  for (size_t i = 0; i < r->n_outs; i++) {
    struct out *o = &r->outs[i];

    if (o->kind == kind && strcmp(o->gpu, gpu) == 0 && strcmp(o->cloud, cloud) == 0 &&
        strcmp(o->from->region, e->region) == 0) {
      r->c->folded++;
      if (per_gpu < o->price)
        *o = offer;
      return;
    }
  }
  r->outs[r->n_outs++] = offer;
}

static void
offers_of(struct run *r, const struct rec *e)
{
  const char *cloud = r->files[e->file].cloud, *host_type = NULL;
  const struct sky_gpu_row *m;
  const struct rec *host = NULL;
  double price = e->price, spot = e->spot;

  r->file = e->file;
  if (e->accelerator[0] == '\0') {
    if (strcmp(cloud, "gcp") != 0)
      r->c->cpu_rows++;
    return; /* GCP's host VMs are read with their GPUs */
  }
  m = sky_gpu_lookup(cloud, e->accelerator, e->instance);
  if (m == NULL) {
    report(r, e->row, "skipped",
           "accelerator '%s' (%s) has no row in the importer's table "
           "(src/feeds/skypilot_gpus.c)",
           e->accelerator, e->instance);
    return;
  }
  if (m->gpu == NULL) {
    report(r, e->row, "skipped", "%s %s: %s", e->accelerator, e->instance, m->why);
    return;
  }
  if (isnan(price)) {
    report(r, e->row, "skipped", "%s %s has no on-demand price", e->accelerator, e->instance);
    return;
  }
  if (price == 0) {
    report(r, e->row, "skipped", "%s %s has an on-demand price of 0, which is no price",
           e->accelerator, e->instance);
    return;
  }
  if (strcmp(cloud, "gcp") == 0 && e->instance[0] == '\0') {
    host_type = sky_gcp_host(e->accelerator, e->count);
    host = host_type != NULL ? gcp_host(r, e, host_type) : NULL;
    if (host == NULL || isnan(host->price)) {
      report(r, e->row, "skipped",
             "%s x%g is priced without its VM, and the host VM %s has no "
             "row in %s",
             e->accelerator, e->count, host_type != NULL ? host_type : "(unknown)", e->region);
      return;
    }
    price += host->price;
    spot = isnan(host->spot) ? (double)NAN : spot + host->spot;
  }
  if (spot >= SENTINEL) {
    report(r, e->row, "skipped",
           "SpotPrice %.0f is the feed's 'no spot price' sentinel: no spot "
           "offer",
           spot);
    spot = (double)NAN;
  }
  if (spot > price) {
    report(r, e->row, "suspicious",
           "%s %s: spot %g above on-demand %g, so at least one of them "
           "is wrong (swapped columns?): row left out",
           e->accelerator, e->instance, spot, price);
    return;
  }
  add(r, m->gpu, e, host, AIC_OFFER_ON_DEMAND, price / e->count);
  if (!isnan(spot) && spot > 0)
    add(r, m->gpu, e, host, AIC_OFFER_SPOT, spot / e->count);
}

/* Offers by GPU, kind, provider, region: the order of the file. */
static int
out_cmp(const void *pa, const void *pb)
{
  const struct out *a = pa, *b = pb;
  int d = strcmp(a->gpu, b->gpu);

  if (d == 0)
    d = (int)a->kind - (int)b->kind;
  if (d == 0)
    d = strcmp(a->cloud, b->cloud);
  if (d == 0)
    d = strcmp(a->from->region, b->from->region);
  return d;
}

/* Folding keeps each place's cheapest on-demand and cheapest spot
 * separately, so a spot price from one instance size can exceed the
 * on-demand price of another: nobody would pay it, and the catalogue
 * refuses a spot above on-demand at one place. Such a spot offer is
 * dropped and said so. */
static void
drop_dear_spots(struct run *r)
{
  size_t k = 0;

  for (size_t i = 0; i < r->n_outs; i++) {
    const struct out *o = &r->outs[i];
    const struct out *od = NULL;

    for (size_t j = 0; o->kind == AIC_OFFER_SPOT && j < r->n_outs; j++) {
      const struct out *p = &r->outs[j];

      if (p->kind == AIC_OFFER_ON_DEMAND && strcmp(p->gpu, o->gpu) == 0 &&
          strcmp(p->cloud, o->cloud) == 0 && strcmp(p->from->region, o->from->region) == 0)
        od = p;
    }
    if (od != NULL && o->price > od->price) {
      r->file = o->from->file;
      report(r, o->from->row, "skipped",
             "spot $%g per GPU-hour is above the cheapest on-demand "
             "$%g at the same place (%s row %zu): no spot offer",
             o->price, od->price, r->files[od->from->file].name, od->from->row);
      continue;
    }
    r->outs[k++] = *o;
  }
  r->n_outs = k;
}

static void
write_yaml(struct run *r, struct aic_buf *y)
{
  const char *gpu = NULL;

  qsort(r->outs, r->n_outs, sizeof *r->outs, out_cmp);
  aic_buf_put(y,
              "# GPU offers from SkyPilot's cloud catalog (Apache-2.0): config/feeds/skypilot/.\n"
              "# Generated; do not edit. Re-run (docs/catalogue.md, \"Refreshing GPU offers\"):\n");
  if (r->opt->command != NULL)
    aic_buf_printf(y, "#   %s\n", r->opt->command);
  /* no offers is an empty mapping, not null: the file still layers */
  aic_buf_put(y, r->n_outs > 0 ? "gpus:\n" : "gpus: {}\n");
  for (size_t i = 0; i < r->n_outs; i++) {
    const struct out *o = &r->outs[i];

    if (gpu == NULL || strcmp(gpu, o->gpu) != 0) {
      gpu = o->gpu;
      aic_buf_printf(y, "  %s:\n    offers:\n", gpu);
    }
    aic_buf_put(y, "      - ");
    offer_text(y, r, o);
    aic_buf_put(y, "\n");
  }
  /* a catalogue file ends with YAML's end of document (catalogue_end.h):
   * without it a file caught half written would pass for a shorter one */
  aic_buf_put(y, "...\n");
  r->c->offers = r->n_outs;
}

int
sky_import(const struct sky_file *files, size_t n, const struct sky_options *opt,
           struct aic_buf *yaml, struct aic_buf *log, struct sky_counts *counts)
{
  struct run r = { .files = files, .opt = opt, .log = log, .c = counts };
  int status = AIC_OK;

  memset(counts, 0, sizeof *counts);
  for (size_t i = 0; i < n && !r.nomem; i++) {
    char err[200];

    r.file = i;
    r.header_ok = false;
    if (files[i].len == 0) {
      report(&r, 1, "error", "the file is empty (a vms.csv starts with its header)");
      continue;
    }
    if (csv_rows(files[i].text, files[i].len, on_row, &r, err, sizeof err) < 0 && !r.nomem) {
      aic_buf_printf(log, "%s: %s: error: not CSV (RFC 4180)\n", files[i].name, err);
      counts->errors++;
    }
  }
  if (!r.nomem && counts->errors == 0) {
    r.outs = malloc((2 * r.n + 1) * sizeof *r.outs);
    r.nomem = r.outs == NULL;
    for (size_t i = 0; i < r.n && !r.nomem; i++)
      offers_of(&r, &r.recs[i]);
    drop_dear_spots(&r);
    if (!r.nomem && counts->errors == 0)
      write_yaml(&r, yaml);
  }
  if (r.nomem || yaml->failed || log->failed)
    status = AIC_E_NOMEM;
  else if (counts->errors > 0)
    status = AIC_E_INVALID;
  for (size_t i = 0; i < r.n; i++) {
    free(r.recs[i].instance);
    free(r.recs[i].accelerator);
    free(r.recs[i].region);
  }
  free(r.recs);
  free(r.outs);
  return status;
}
