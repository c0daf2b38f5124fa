/* "Training stages": one row per stage of the projection (or why there is
 * none), and where the GPU-hour's price came from. */
"use strict";
(function (A) {
  var $ = A.$, fmt = A.format;

  A.on("projection", function (answer) {
    var tr = answer.projection.training || {};
    var tb = $("stages").tBodies[0];
    tb.textContent = "";
    var stages = tr.stages || [];
    if (!stages.length) {
      var r0 = tb.insertRow(), c0 = r0.insertCell();
      c0.colSpan = 8;
      c0.textContent = tr.lump_sum ? "A known amount: " + fmt.money(tr.total_usd) + "." : "No training in this plan.";
    }
    $("t-offer").textContent = stages.length && tr.price_per_gpu_hour_usd != null
      ? "GPU-hour " + fmt.money(tr.price_per_gpu_hour_usd) + fmt.offer(tr) : "";
    stages.forEach(function (s) {
      var r = tb.insertRow();
      [s.stage.replace("_", "-"), s.method || "", s.mfu == null ? "" : fmt.num(100 * s.mfu, 0) + " %",
       (s.measured ? "measured " : "") + fmt.num(s.gpu_hours), fmt.num(s.days, s.days < 1 ? 2 : 1),
       fmt.money(s.compute_usd), fmt.money(s.labelling_usd), fmt.money(s.total_usd)].forEach(function (v) { r.insertCell().textContent = v; });
    });
  });
})(aicost);
