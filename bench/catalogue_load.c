/* How long loading the default catalogue takes: the work aicostd does at
 * start-up and on every SIGHUP (parse each layer, merge, validate, freeze,
 * render the JSON served by GET /v1/catalogue). CPU time per load over N
 * loads, median of 5 rounds. Usage: bench-catalogue-load [N]. The budget
 * is 50 ms (issue 13); docs/benchmarks.md has the numbers. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aicost/catalogue_io.h"
#include "aicost/json.h"
#include "bench_util.h"

int
main(int argc, char **argv)
{
  int n = argc > 1 ? atoi(argv[1]) : 200;
  double load[5], render[5];
  size_t offers = 0, bytes = 0;
  struct aic_catalogue *c;

  if (n < 1)
    n = 1;
  for (int round = 0; round < 5; round++) {
    double t0 = cpu_ms(), t1, t2;

    for (int i = 0; i < n; i++) {
      c = aic_catalogue_load_default(NULL);
      if (c == NULL)
        return 1;
      aic_catalogue_free(c);
    }
    t1 = cpu_ms();
    for (int i = 0; i < n; i++) {
      json_t *j;
      char *text;

      c = aic_catalogue_load_default(NULL);
      j = c != NULL ? aic_catalogue_to_json(c) : NULL;
      text = j != NULL ? aic_json_dump(j, 0) : NULL;
      if (text == NULL)
        return 1;
      bytes = strlen(text);
      free(text);
      json_decref(j);
      aic_catalogue_free(c);
    }
    t2 = cpu_ms();
    load[round] = (t1 - t0) / n;
    render[round] = (t2 - t1) / n;
  }
  c = aic_catalogue_load_default(NULL);
  for (size_t i = 0; c != NULL && i < c->n_gpus; i++)
    offers += c->gpus[i].n_offers;
  qsort(load, 5, sizeof load[0], by_value);
  qsort(render, 5, sizeof render[0], by_value);
  printf("default catalogue: %zu gpus, %zu offers, %zu models, %zu api prices; JSON %zu bytes\n",
         c->n_gpus, offers, c->n_models, c->n_api_prices, bytes);
  printf("load (parse, merge, validate, freeze): %.3f ms CPU (median of 5 rounds of %d)\n", load[2],
         n);
  printf("load + render GET /v1/catalogue (start-up, reload): %.3f ms CPU\n", render[2]);
  aic_catalogue_free(c);
  return 0;
}
