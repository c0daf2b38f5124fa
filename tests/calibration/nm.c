#include "nm.h"

#include <math.h>
#include <string.h>

struct simplex {
  double p[NM_MAX_PARAMS + 1][NM_MAX_PARAMS];
  double v[NM_MAX_PARAMS + 1];
};

static void
order(struct simplex *s, int n)
{
  /* insertion sort by loss; ties keep their order, so runs are repeatable */
  for (int i = 1; i <= n; i++) {
    double v = s->v[i], p[NM_MAX_PARAMS];
    int j = i;

    memcpy(p, s->p[i], sizeof p);
    while (j > 0 && s->v[j - 1] > v) {
      s->v[j] = s->v[j - 1];
      memcpy(s->p[j], s->p[j - 1], sizeof p);
      j--;
    }
    s->v[j] = v;
    memcpy(s->p[j], p, sizeof p);
  }
}

static double
run(nm_loss f, void *ctx, double *x, const double *step, int n, int *evals, int max_evals)
{
  struct simplex s;
  double c[NM_MAX_PARAMS], t[NM_MAX_PARAMS], u[NM_MAX_PARAMS];

  for (int i = 0; i <= n; i++) {
    memcpy(s.p[i], x, (size_t)n * sizeof *x);
    if (i > 0)
      s.p[i][i - 1] += step[i - 1];
    s.v[i] = f(s.p[i], ctx);
    (*evals)++;
  }
  while (*evals < max_evals) {
    double fr;

    order(&s, n);
    /* converged: the losses and the points agree to 1e-12 */
    if (fabs(s.v[n] - s.v[0]) <= 1e-12 * (fabs(s.v[0]) + 1e-300)) {
      double spread = 0;

      for (int i = 1; i <= n; i++)
        for (int j = 0; j < n; j++)
          spread = fmax(spread, fabs(s.p[i][j] - s.p[0][j]));
      if (spread < 1e-9)
        break;
    }
    for (int j = 0; j < n; j++) {
      c[j] = 0;
      for (int i = 0; i < n; i++)
        c[j] += s.p[i][j];
      c[j] /= n;
      t[j] = c[j] + (c[j] - s.p[n][j]);
    }
    fr = f(t, ctx);
    (*evals)++;
    if (fr < s.v[0]) {
      double fe;

      for (int j = 0; j < n; j++)
        u[j] = c[j] + 2 * (c[j] - s.p[n][j]);
      fe = f(u, ctx);
      (*evals)++;
      memcpy(s.p[n], fe < fr ? u : t, (size_t)n * sizeof *u);
      s.v[n] = fe < fr ? fe : fr;
    } else if (fr < s.v[n - 1]) {
      memcpy(s.p[n], t, (size_t)n * sizeof *t);
      s.v[n] = fr;
    } else {
      double fc;

      for (int j = 0; j < n; j++)
        u[j] = c[j] + 0.5 * (s.p[n][j] - c[j]);
      fc = f(u, ctx);
      (*evals)++;
      if (fc < s.v[n]) {
        memcpy(s.p[n], u, (size_t)n * sizeof *u);
        s.v[n] = fc;
      } else {
        for (int i = 1; i <= n; i++) {
          for (int j = 0; j < n; j++)
            s.p[i][j] = s.p[0][j] + 0.5 * (s.p[i][j] - s.p[0][j]);
          s.v[i] = f(s.p[i], ctx);
          (*evals)++;
        }
      }
    }
  }
  order(&s, n);
  memcpy(x, s.p[0], (size_t)n * sizeof *x);
  return s.v[0];
}

double
nm_minimise(nm_loss f, void *ctx, double *x, const double *step, int n, int max_evals)
{
  int evals = 0;
  double best = run(f, ctx, x, step, n, &evals, max_evals);

  /* Restart from the best point: a simplex can collapse short of the
   * minimum; a fresh one around it finds the way on, or confirms it. */
  while (evals < max_evals) {
    double again = run(f, ctx, x, step, n, &evals, max_evals);

    if (!(again < best * (1 - 1e-10)))
      return again < best ? again : best;
    best = again;
  }
  return best;
}
