/* The answer's chart: the API's own SVG for the plan (the same bytes as
 * "Download chart"), shown as a blob: image, with a text alternative. The
 * page draws nothing itself, so the chart is the API's chart. */
"use strict";
(function (A) {
  var $ = A.$, fmtMoney = A.format.money;
  var url = null;   /* the blob: URL shown, revoked when replaced */

  A.on("projection", function (answer) {
    var pj = answer.projection, tr = pj.training || {}, pr = pj.projection || {};
    $("chart").alt = "Chart: training " + fmtMoney(tr.total_usd) + " once, cumulative inference reaching " +
      fmtMoney(pr.inference_usd) + " after " + pr.horizon_days + " days" +
      (pr.crossover_day > 0 ? "; inference passes training on day " + pr.crossover_day + "." : ".");
    return A.api("v1/projections", answer.scenario, "image/svg+xml").then(function (blob) {
      if (answer.seq !== A.state.seq) return;
      if (url) URL.revokeObjectURL(url);
      url = URL.createObjectURL(blob);
      $("chart").src = url;
    });
  });
})(aicost);
