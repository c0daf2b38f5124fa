/* What one answer may cost, and what all answers waiting for their clients
 * may hold together.
 *
 * One answer: its size grows with the series points it carries (options x
 * periods), whatever its format: a 16-option comparison of 3,650 daily
 * points was 13.9 MB of JSON. The rule is one number, SRV_ANSWER_POINTS_MAX,
 * checked here after the projection and before any rendering, for JSON,
 * CSV and SVG alike; past it the answer is a 422 that says how to ask for
 * less. The largest answer allowed is about SRV_ANSWER_BYTES_MAX bytes.
 *
 * All answers: a client that does not read keeps its answer in memory
 * until the idle timeout. Bodies built for one request (SRV_MEM_FREE) are
 * counted in srv.response_bytes from the moment they are queued until the
 * request completes; an answer of SRV_BUDGET_EXEMPT bytes or more that
 * would take the count past --response-budget is refused with a 503 and
 * Retry-After. Small answers (problems included) always go out, counted. */
#include <string.h>

#include "srv.h"

static bool
over_budget(struct srv *s, size_t adding)
{
  size_t now = atomic_load_explicit(&s->response_bytes, memory_order_relaxed);

  return s->cfg.response_budget > 0 && now > 0 && now + adding > s->cfg.response_budget;
}

bool
srv_budget_take(struct srv_req *rq, size_t len)
{
  struct srv *s = rq->srv;
  size_t before = atomic_fetch_add_explicit(&s->response_bytes, len, memory_order_relaxed);

  /* the first answer always fits: the budget is at least the largest one */
  if (len >= SRV_BUDGET_EXEMPT && s->cfg.response_budget > 0 && before > 0 &&
      before + len > s->cfg.response_budget) {
    atomic_fetch_sub_explicit(&s->response_bytes, len, memory_order_relaxed);
    return false;
  }
  rq->held += len;
  return true;
}

void
srv_budget_release(struct srv_req *rq)
{
  if (rq->held > 0)
    atomic_fetch_sub_explicit(&rq->srv->response_bytes, rq->held, memory_order_relaxed);
  rq->held = 0;
}

enum srv_err
srv_answer_check(struct srv_req *rq, const struct aic_projection *pj, size_t n, bool comparison,
                 struct aic_diags *errors, char *detail, size_t cap)
{
  size_t points = 0;
  size_t periods = 0;

  for (size_t i = 0; i < n; i++) {
    points += pj[i].n_series;
    if (pj[i].n_series > periods)
      periods = pj[i].n_series;
  }
  if (points > SRV_ANSWER_POINTS_MAX) {
    const char *ask = comparison
                        ? "a coarser granularity (week or month), a shorter horizon_days "
                          "or fewer scenarios"
                        : "a coarser granularity (week or month) or a shorter horizon_days";

    snprintf(
      detail, cap,
      "the answer would hold %zu series points (%zu option%s x up to %zu periods), more than "
      "the limit of %d: ask for %s",
      points, n, n == 1 ? "" : "s", periods, SRV_ANSWER_POINTS_MAX, ask);
    aic_diag_add(errors, "/horizon_days",
                 "a shorter horizon gives fewer periods (%zu series points "
                 "in all, limit %d)",
                 points, SRV_ANSWER_POINTS_MAX);
    for (size_t i = 0; i < n; i++) {
      char pointer[40];

      if (pj[i].granularity == AIC_GRAN_MONTH)
        continue;
      if (comparison)
        snprintf(pointer, sizeof pointer, "/scenarios/%zu/granularity", i);
      else
        snprintf(pointer, sizeof pointer, "/granularity");
      aic_diag_add(errors, pointer, "%s periods: week or month gives fewer",
                   aic_granularity_name(pj[i].granularity));
    }
    if (comparison)
      aic_diag_add(errors, "/scenarios", "fewer scenarios give fewer series (%zu now)", n);
    return SRV_E_ANSWER_TOO_LARGE;
  }
  /* Rendering is the expensive part (and its buffers stay in the heap):
   * when the budget cannot hold the answer, say so before building it. */
  if (points * SRV_ANSWER_BYTES_PER_POINT >= SRV_BUDGET_EXEMPT &&
      over_budget(rq->srv, points * SRV_ANSWER_BYTES_PER_POINT)) {
    snprintf(detail, cap,
             "answers waiting for their clients hold the server's response budget; "
             "retry shortly");
    return SRV_E_BUSY;
  }
  rq->trim = points * SRV_ANSWER_BYTES_PER_POINT >= SRV_TRIM_AFTER_ANSWER;
  return SRV_OK;
}
