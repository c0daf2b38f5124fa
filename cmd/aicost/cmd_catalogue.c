/* aicost catalogue check FILE [OVERLAY...]
 * aicost catalogue show [gpus|offers|models|api-prices] [--catalogue PATH]
 * aicost catalogue merge BASE OVERLAY...
 * aicost catalogue import skypilot ... (cmd_import_skypilot.c)
 * aicost catalogue import FORMAT ... FILE   (cmd_import.c)
 *
 * `check` validates a catalogue, or files layered (docs/catalogue.md): one
 * summary line and the notes on odd but allowed prices on stdout and exit
 * 0, or every error on stderr as "file:line:col: key.path: reason" and exit
 * 2. `merge` prints the layered files as one YAML catalogue.
 * `show` prints aligned tables of the catalogue in use: --catalogue PATH,
 * else $AICOST_CATALOGUE, else the default compiled into the binary; API
 * prices as in force on the catalogue's date. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aicost/catalogue_io.h"
#include "aicost/date.h"
#include "commands.h"

#define USAGE                                                                                      \
  "usage: aicost catalogue check FILE [OVERLAY...]\n"                                              \
  "       aicost catalogue merge BASE OVERLAY...   (a file may be @default: the built-in)\n"       \
  "       aicost catalogue show [gpus|offers|models|api-prices] [--catalogue PATH]\n"              \
  "       aicost catalogue import skypilot --as-of YYYY-MM-DD CLOUD@COMMIT=FILE...\n"              \
  "       aicost catalogue import FORMAT --as-of YYYY-MM-DD [OPTIONS] FILE\n"

static void
print_errors(const struct aic_diags *d)
{
  for (size_t i = 0; i < d->n; i++)
    fprintf(stderr, "%s: %s\n", d->v[i].pointer, d->v[i].detail);
  if (d->dropped > 0)
    fprintf(stderr, "(%zu more errors not shown)\n", d->dropped);
}

/* FILE... layered (@default: the built-in layers); every error, or one
 * summary line and the notes on prices that are allowed but odd. */
static int
check(int n, char **paths)
{
  struct aic_diags d, notes;
  struct aic_catalogue *c;
  size_t offers = 0, found;

  aic_diags_init(&d);
  aic_diags_init(&notes);
  c = aic_catalogue_load_paths((const char *const *)paths, (size_t)n, &d);
  if (c == NULL) {
    print_errors(&d);
    return d.n > 0 ? 2 : 1;
  }
  for (size_t i = 0; i < c->n_gpus; i++)
    offers += c->gpus[i].n_offers;
  printf("%s%s: ok: version %s, %zu gpus (%zu offers), %zu models, %zu api prices, hash %s\n",
         paths[0], n > 1 ? " and overlays" : "", c->version, c->n_gpus, offers, c->n_models,
         c->n_api_prices, c->hash);
  found = aic_catalogue_offer_notes(c, &notes);
  for (size_t i = 0; i < notes.n; i++)
    printf("note: %s: %s\n", notes.v[i].pointer, notes.v[i].detail);
  if (found > notes.n)
    printf("note: %zu more\n", found - notes.n);
  aic_catalogue_free(c);
  return 0;
}

/* BASE OVERLAY...: the merged catalogue as YAML on stdout, after checking
 * it; every error on stderr with the file, line and column. */
static int
merge(int n, char **paths)
{
  struct aic_catalogue_files *f = malloc(sizeof *f);
  struct aic_buf out = { 0 };
  struct aic_diags d;
  int r;

  aic_diags_init(&d);
  if (f == NULL)
    return 1;
  r = aic_catalogue_read_files((const char *const *)paths, (size_t)n, f, &d);
  if (r == 0)
    r = aic_catalogue_merge_text(f->layers, f->n, &out, &d);
  if (r == 0 && fwrite(out.p, 1, out.len, stdout) != out.len)
    r = AIC_E_INTERNAL;
  if (r != 0)
    print_errors(&d);
  aic_catalogue_files_free(f);
  free(f);
  aic_buf_free(&out);
  return r == 0 ? 0 : r > 0 ? 2 : 1;
}

/* ---- tables ---- */

#define MAX_COLS 12
#define CELL 96

struct table {
  size_t cols, rows;
  const char *head[MAX_COLS];
  bool right[MAX_COLS]; /* numbers align right */
  char (*cells)[MAX_COLS][CELL];
};

static void
cell_num(char *out, double x)
{
  if (aic_has(x))
    snprintf(out, CELL, "%g", x);
  else
    snprintf(out, CELL, "-");
}

static void
table_print(const struct table *t)
{
  size_t w[MAX_COLS] = { 0 };

  for (size_t c = 0; c < t->cols; c++) {
    w[c] = strlen(t->head[c]);
    for (size_t r = 0; r < t->rows; r++)
      if (strlen(t->cells[r][c]) > w[c])
        w[c] = strlen(t->cells[r][c]);
  }
  for (size_t r = 0; r <= t->rows; r++) {
    for (size_t c = 0; c < t->cols; c++) {
      const char *s = r == 0 ? t->head[c] : t->cells[r - 1][c];
      int width = (int)w[c];
      const char *sep = c + 1 < t->cols ? "  " : "\n";

      if (c + 1 == t->cols && !t->right[c])
        printf("%s%s", s, sep); /* no trailing blanks */
      else if (t->right[c])
        printf("%*s%s", width, s, sep);
      else
        printf("%-*s%s", width, s, sep);
    }
  }
}

/* The price a scenario naming no provider gets (the median offer), or the
 * price the entry lists without a provider. */
static double
default_price(const struct aic_gpu *g, enum aic_offer_kind kind)
{
  const struct aic_offer *o;

  if (g->n_offers == 0)
    return kind == AIC_OFFER_ON_DEMAND     ? g->price_on_demand_usd
           : kind == AIC_OFFER_RESERVED_1Y ? g->price_reserved_usd
                                           : (double)NAN;
  o = aic_offer_pick(g, kind, NULL, NULL, NULL, NULL);
  return o != NULL ? o->price_per_gpu_hour_usd : (double)NAN;
}

static int
show_offers(const struct aic_catalogue *c)
{
  struct table t = { .cols = 7,
                     .head = { "GPU", "PROVIDER", "KIND", "REGION", "USD_PER_GPU_H", "AS_OF",
                               "SOURCE" },
                     .right = { false, false, false, false, true, false, false } };
  size_t r = 0;

  for (size_t i = 0; i < c->n_gpus; i++)
    t.rows += c->gpus[i].n_offers;
  t.cells = calloc(t.rows > 0 ? t.rows : 1, sizeof *t.cells);
  if (t.cells == NULL)
    return 1;
  for (size_t i = 0; i < c->n_gpus; i++) {
    for (size_t k = 0; k < c->gpus[i].n_offers; k++, r++) {
      const struct aic_offer *o = &c->gpus[i].offers[k];

      snprintf(t.cells[r][0], CELL, "%s", c->gpus[i].id);
      snprintf(t.cells[r][1], CELL, "%s", o->provider);
      snprintf(t.cells[r][2], CELL, "%s", aic_offer_kind_name(o->kind));
      snprintf(t.cells[r][3], CELL, "%s", o->region != NULL ? o->region : "-");
      cell_num(t.cells[r][4], o->price_per_gpu_hour_usd);
      snprintf(t.cells[r][5], CELL, "%s", o->as_of);
      snprintf(t.cells[r][6], CELL, "%.60s", o->source);
    }
  }
  table_print(&t);
  free(t.cells);
  return 0;
}

static int
show_gpus(const struct aic_catalogue *c)
{
  struct table t = { .cols = 11,
                     .head = { "ID", "NAME", "MEM_GIB", "BW_TB_S", "BF16_TFLOPS", "FP8_TFLOPS",
                               "POWER_W", "ON_DEMAND_USD_H", "RESERVED_USD_H", "OFFERS", "AS_OF" },
                     .right = { false, false, true, true, true, true, true, true, true, true,
                                false } };

  t.rows = c->n_gpus;
  t.cells = calloc(t.rows > 0 ? t.rows : 1, sizeof *t.cells);
  if (t.cells == NULL)
    return 1;
  for (size_t i = 0; i < c->n_gpus; i++) {
    const struct aic_gpu *g = &c->gpus[i];

    snprintf(t.cells[i][0], CELL, "%s", g->id);
    snprintf(t.cells[i][1], CELL, "%s", g->name);
    cell_num(t.cells[i][2], g->memory_gib);
    cell_num(t.cells[i][3], g->memory_bandwidth_tb_s);
    cell_num(t.cells[i][4], g->peak_tflops[AIC_BF16]);
    cell_num(t.cells[i][5], g->peak_tflops[AIC_FP8]);
    cell_num(t.cells[i][6], g->power_w);
    cell_num(t.cells[i][7], default_price(g, AIC_OFFER_ON_DEMAND));
    cell_num(t.cells[i][8], default_price(g, AIC_OFFER_RESERVED_1Y));
    snprintf(t.cells[i][9], CELL, "%zu", g->n_offers);
    snprintf(t.cells[i][10], CELL, "%s", g->as_of);
  }
  table_print(&t);
  free(t.cells);
  return 0;
}

static int
show_models(const struct aic_catalogue *c)
{
  struct table t = { .cols = 11,
                     .head = { "ID", "NAME", "PARAMS_B", "ACTIVE_B", "LAYERS", "D_MODEL", "HEADS",
                               "KV_HEADS", "HEAD_DIM", "CONTEXT", "AS_OF" },
                     .right = { false, false, true, true, true, true, true, true, true, true,
                                false } };

  t.rows = c->n_models;
  t.cells = calloc(t.rows > 0 ? t.rows : 1, sizeof *t.cells);
  if (t.cells == NULL)
    return 1;
  for (size_t i = 0; i < c->n_models; i++) {
    const struct aic_model *m = &c->models[i];

    snprintf(t.cells[i][0], CELL, "%s", m->id);
    snprintf(t.cells[i][1], CELL, "%s", m->name);
    cell_num(t.cells[i][2], m->params_b);
    cell_num(t.cells[i][3], m->active_params_b);
    cell_num(t.cells[i][4], m->layers);
    cell_num(t.cells[i][5], m->d_model);
    cell_num(t.cells[i][6], m->heads);
    cell_num(t.cells[i][7], m->kv_heads);
    cell_num(t.cells[i][8], m->head_dim);
    cell_num(t.cells[i][9], m->context);
    snprintf(t.cells[i][10], CELL, "%s", m->as_of);
  }
  table_print(&t);
  free(t.cells);
  return 0;
}

/* The period of p in force on `date` (the catalogue's): the last one begun
 * by then; the first when there is no date. */
static size_t
in_force(const struct aic_api_price *p, const char *date)
{
  long day, from;
  size_t k = 0;

  if (date == NULL || !aic_date_parse(date, &day))
    return 0;
  while (k + 1 < aic_api_n_periods(p) && aic_date_parse(aic_api_period_at(p, k + 1)->from, &from) &&
         from <= day)
    k++;
  return k;
}

/* What else than flat prices an API price has: "from 2025-09-29 (3 dated
 * prices); tiers > 200000; off peak 16:30-00:30 UTC". */
static void
api_rules(char *out, size_t cap, const struct aic_api_price *p, size_t k)
{
  const struct aic_api_period *now = aic_api_period_at(p, k);
  size_t used = 0;

  out[0] = '\0';
  if (p->n_changes > 0)
    used += (size_t)snprintf(out, cap, "%s%s (%zu dated prices); ", now->from ? "from " : "",
                             now->from ? now->from : "before the first change",
                             aic_api_n_periods(p));
  if (now->n_tiers > 0 && used < cap)
    used += (size_t)snprintf(out + used, cap - used, "tiers > %.0f; ",
                             now->tiers[0].above_input_tokens);
  if (now->has_off_peak && used < cap)
    used += (size_t)snprintf(out + used, cap - used, "off peak %s-%s UTC; ",
                             now->off_peak.start_utc, now->off_peak.end_utc);
  if (used >= 2 && used < cap)
    out[used - 2] = '\0'; /* the last "; " */
}

static int
show_api_prices(const struct aic_catalogue *c)
{
  struct table t = { .cols = 8,
                     .head = { "ID", "NAME", "INPUT_USD_MTOK", "CACHED_USD_MTOK",
                               "CACHE_WRITE_USD_MTOK", "OUTPUT_USD_MTOK", "AS_OF", "ALSO" },
                     .right = { false, false, true, true, true, true, false, false } };

  t.rows = c->n_api_prices;
  t.cells = calloc(t.rows > 0 ? t.rows : 1, sizeof *t.cells);
  if (t.cells == NULL)
    return 1;
  for (size_t i = 0; i < c->n_api_prices; i++) {
    const struct aic_api_price *p = &c->api_prices[i];
    size_t k = in_force(p, c->date);
    const struct aic_token_prices *first = &aic_api_period_at(p, k)->prices;

    snprintf(t.cells[i][0], CELL, "%s", p->id);
    snprintf(t.cells[i][1], CELL, "%s", p->name);
    cell_num(t.cells[i][2], first->input_per_mtok_usd);
    cell_num(t.cells[i][3], first->cached_input_per_mtok_usd);
    cell_num(t.cells[i][4], first->cache_write_per_mtok_usd);
    cell_num(t.cells[i][5], first->output_per_mtok_usd);
    snprintf(t.cells[i][6], CELL, "%s", p->as_of);
    api_rules(t.cells[i][7], CELL, p, k);
  }
  table_print(&t);
  free(t.cells);
  return 0;
}

static int
show(int argc, char **argv)
{
  const char *section = NULL, *path;
  struct catalogue_opt opt;
  struct aic_diags d;
  struct aic_catalogue *c;
  int r = 0;

  aic_diags_init(&d);
  catalogue_opt_init(&opt);
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--catalogue") == 0 && i + 1 < argc) {
      if (catalogue_opt_add(&opt, argv[++i]) != 0)
        return 2;
    } else if (section == NULL &&
               (strcmp(argv[i], "gpus") == 0 || strcmp(argv[i], "offers") == 0 ||
                strcmp(argv[i], "models") == 0 || strcmp(argv[i], "api-prices") == 0)) {
      section = argv[i];
    } else {
      fprintf(stderr, "aicost catalogue show: unexpected argument '%s'\n" USAGE, argv[i]);
      return 2;
    }
  }
  path = catalogue_opt_list(&opt); /* AICOST_CATALOGUE= means "the default" */
  c = aic_catalogue_load_list(path, &d);
  if (c == NULL) {
    print_errors(&d);
    return d.n > 0 ? 2 : 1;
  }
  printf("# catalogue %s (%s), version %s, hash %s\n", path != NULL ? path : "default", c->currency,
         c->version, c->hash);
  if (section == NULL || strcmp(section, "gpus") == 0)
    r |= show_gpus(c);
  if (section == NULL)
    printf("\n");
  if (section != NULL && strcmp(section, "offers") == 0)
    r |= show_offers(c);
  if (section == NULL || strcmp(section, "models") == 0)
    r |= show_models(c);
  if (section == NULL)
    printf("\n");
  if (section == NULL || strcmp(section, "api-prices") == 0)
    r |= show_api_prices(c);
  aic_catalogue_free(c);
  return r;
}

int
cmd_catalogue(int argc, char **argv)
{
  if (argc >= 3 && strcmp(argv[1], "check") == 0)
    return check(argc - 2, argv + 2);
  if (argc >= 3 && strcmp(argv[1], "merge") == 0)
    return merge(argc - 2, argv + 2);
  if (argc >= 2 && strcmp(argv[1], "show") == 0)
    return show(argc - 1, argv + 1);
  /* SkyPilot's catalog is a file per cloud: its own entry point */
  if (argc >= 3 && strcmp(argv[1], "import") == 0 && strcmp(argv[2], "skypilot") == 0)
    return cmd_import_skypilot(argc - 2, argv + 2);
  if (argc >= 2 && strcmp(argv[1], "import") == 0)
    return cmd_import(argc - 1, argv + 1);
  fputs(USAGE, stderr);
  return 2;
}
