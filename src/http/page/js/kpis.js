/* The headline figures of the answer (training once, inference a day and a
 * year, the crossover day) and the sentence under them. */
"use strict";
(function (A) {
  var $ = A.$, fmtMoney = A.format.money;

  A.on("projection", function (answer) {
    var pj = answer.projection, tr = pj.training || {}, inf = pj.inference || {}, pr = pj.projection || {};
    var H = pr.horizon_days;
    $("k-training").textContent = fmtMoney(tr.total_usd);
    $("k-training-more").textContent = tr.lump_sum ? "as given" : (tr.stages || []).length ? (tr.stages.length + " stage" + (tr.stages.length > 1 ? "s" : "")) : "none";
    $("k-daily").textContent = fmtMoney(inf.daily_usd);
    $("k-daily-more").textContent = inf.cost_per_request_usd != null ? fmtMoney(inf.cost_per_request_usd) + " a request, at launch" : "at launch";
    $("k-annual").textContent = fmtMoney(inf.annual_usd);
    $("k-annual-more").textContent = "at launch traffic";
    if (pr.crossover_day > 0) {
      $("k-crossover").textContent = "day " + pr.crossover_day;
      $("k-crossover-more").textContent = "after launch";
    } else {
      $("k-crossover").textContent = tr.total_usd > 0 ? "not yet" : "–";
      $("k-crossover-more").textContent = tr.total_usd > 0 ? "within " + H + " days" : "no training cost";
    }
    var share = pr.inference_share != null ? Math.round(pr.inference_share * 100) + "%" : "–";
    $("summary").textContent = "Over " + H + " days: " + fmtMoney(pr.total_usd) + " in total, of which inference is " +
      fmtMoney(pr.inference_usd) + " (" + share + "). " +
      (pr.fully_loaded_cost_per_request_usd != null ? "Each request costs " + fmtMoney(pr.fully_loaded_cost_per_request_usd) + " with training included." : "");
  });
})(aicost);
