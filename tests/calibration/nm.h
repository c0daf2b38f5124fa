/* Nelder-Mead minimisation (Nelder and Mead 1965; Lagarias et al. 1998's
 * coefficients 1, 2, 0.5, 0.5): deterministic for a given start, no
 * derivatives, which suits losses with min() and floor() in them. */
#ifndef CAL_NM_H
#define CAL_NM_H

#define NM_MAX_PARAMS 12

typedef double (*nm_loss)(const double *x, void *ctx);

/* Minimises f from x (n <= NM_MAX_PARAMS parameters) with initial steps
 * `step`, restarting from the best point until a restart gains less than
 * 1e-10 relative; at most `max_evals` evaluations in all. x gets the
 * minimum; returns the loss there. */
double nm_minimise(nm_loss f, void *ctx, double *x, const double *step, int n, int max_evals);

#endif
