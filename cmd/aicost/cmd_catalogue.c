/* aicost catalogue check FILE
 * aicost catalogue show [gpus|models|api-prices] [--catalogue PATH]
 * aicost catalogue import FORMAT ... FILE   (cmd_import.c)
 *
 * `check` validates a catalogue file: one summary line on stdout and exit 0,
 * or every error on stderr as "file:line:col: key.path: reason" and exit 2.
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

#define USAGE \
  "usage: aicost catalogue check FILE\n" \
  "       aicost catalogue show [gpus|models|api-prices] [--catalogue PATH]\n" \
  "       aicost catalogue import FORMAT --as-of YYYY-MM-DD [OPTIONS] FILE\n"

static void
print_errors(const struct aic_diags *d)
{
  for (size_t i = 0; i < d->n; i++)
    fprintf(stderr, "%s: %s\n", d->v[i].pointer, d->v[i].detail);
  if (d->dropped > 0)
    fprintf(stderr, "(%zu more errors not shown)\n", d->dropped);
}

static int
check(const char *path)
{
  struct aic_diags d;
  struct aic_catalogue *c;

  aic_diags_init(&d);
  c = aic_catalogue_load_file(path, &d);
  if (c == NULL) {
    print_errors(&d);
    return d.n > 0 ? 2 : 1;
  }
  printf("%s: ok: version %s, %zu gpus, %zu models, %zu api prices, hash %s\n", path, c->version,
         c->n_gpus, c->n_models, c->n_api_prices, c->hash);
  aic_catalogue_free(c);
  return 0;
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

static int
show_gpus(const struct aic_catalogue *c)
{
  struct table t = { .cols = 10,
                     .head = { "ID", "NAME", "MEM_GIB", "BW_TB_S", "BF16_TFLOPS", "FP8_TFLOPS",
                               "POWER_W", "ON_DEMAND_USD_H", "RESERVED_USD_H", "AS_OF" },
                     .right = { false, false, true, true, true, true, true, true, true, false } };

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
    cell_num(t.cells[i][7], g->price_on_demand_usd);
    cell_num(t.cells[i][8], g->price_reserved_usd);
    snprintf(t.cells[i][9], CELL, "%s", g->as_of);
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
  const char *section = NULL, *path = getenv("AICOST_CATALOGUE");
  struct aic_diags d;
  struct aic_catalogue *c;
  int r = 0;

  aic_diags_init(&d);
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--catalogue") == 0 && i + 1 < argc) {
      path = argv[++i];
    } else if (section == NULL && (strcmp(argv[i], "gpus") == 0 ||
                                   strcmp(argv[i], "models") == 0 ||
                                   strcmp(argv[i], "api-prices") == 0)) {
      section = argv[i];
    } else {
      fprintf(stderr, "aicost catalogue show: unexpected argument '%s'\n" USAGE, argv[i]);
      return 2;
    }
  }
  if (path != NULL && path[0] == '\0')
    path = NULL; /* AICOST_CATALOGUE= means "the default" */
  c = path != NULL ? aic_catalogue_load_file(path, &d) : aic_catalogue_load_default(&d);
  if (c == NULL) {
    print_errors(&d);
    return d.n > 0 ? 2 : 1;
  }
  printf("# catalogue %s (%s), version %s, hash %s\n", path != NULL ? path : "default",
         c->currency, c->version, c->hash);
  if (section == NULL || strcmp(section, "gpus") == 0)
    r |= show_gpus(c);
  if (section == NULL)
    printf("\n");
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
  if (argc >= 3 && strcmp(argv[1], "check") == 0) {
    if (argc != 3) {
      fputs(USAGE, stderr);
      return 2;
    }
    return check(argv[2]);
  }
  if (argc >= 2 && strcmp(argv[1], "show") == 0)
    return show(argc - 1, argv + 1);
  if (argc >= 2 && strcmp(argv[1], "import") == 0)
    return cmd_import(argc - 1, argv + 1);
  fputs(USAGE, stderr);
  return 2;
}
