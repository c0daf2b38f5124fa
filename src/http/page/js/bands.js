/* The uncertainty of the answer (docs/cost-model.md, "Uncertainty bands"):
 * the p10–p90 range under each headline figure, and the inputs that move
 * the total most under the sentence. The chart's shaded band is the API's
 * SVG (chart.js). Adds its own elements, so the markup stays as it is. */
"use strict";
(function (A) {
  var $ = A.$, fmtMoney = A.format.money;
  var NAMES = {
    training_mfu: "training utilisation (MFU)",
    training_gpu_price: "training GPU-hour price (which provider)",
    serving_speed: "serving speed",
    serving_gpu_price: "serving GPU-hour price (which provider)",
    monthly_growth: "traffic growth"
  };

  /* The element under a headline figure that holds its range. */
  function slot(id) {
    var el = $(id + "-band");
    if (!el) {
      el = document.createElement("span");
      el.className = "band";
      el.id = id + "-band";
      $(id + "-more").insertAdjacentElement("afterend", el);
    }
    return el;
  }
  function range(b, scale, fmt) {
    if (!b || b.p10 == null || b.p90 == null || b.p10 === b.p90) return "";
    return "p10–p90 " + fmt(b.p10 * scale) + " – " + fmt(b.p90 * scale);
  }
  function days(b, H) {
    if (!b || b.p10 === b.p90) return "";
    var end = function (d) { return d == null ? "after day " + H : "day " + d; };
    return "p10–p90 " + end(b.p10) + " – " + end(b.p90);
  }

  A.on("projection", function (answer) {
    var b = answer.projection.bands, H = (answer.projection.projection || {}).horizon_days;
    var drivers = $("drivers");
    if (!drivers) {
      drivers = document.createElement("p");
      drivers.id = "drivers";
      drivers.className = "drivers";
      $("summary").insertAdjacentElement("afterend", drivers);
    }
    if (!b || !b.samples) {
      ["k-training", "k-daily", "k-annual", "k-crossover"].forEach(function (id) { slot(id).textContent = ""; });
      drivers.textContent = b ? "No input of this plan is uncertain to the model: the figures are exact for it." : "";
      return;
    }
    slot("k-training").textContent = range(b.training_total_usd, 1, fmtMoney);
    slot("k-daily").textContent = range(b.daily_usd, 1, fmtMoney);
    slot("k-annual").textContent = range(b.daily_usd, 365, fmtMoney);
    slot("k-crossover").textContent = days(b.crossover_day, H);
    drivers.textContent = "Total over " + H + " days: p10–p90 " + fmtMoney(b.total_usd.p10) + " – " +
      fmtMoney(b.total_usd.p90) + " (median " + fmtMoney(b.total_usd.p50) + ")." +
      (b.drivers.length ? " Moved most by " + b.drivers.map(function (d) {
        return (NAMES[d.input] || d.input) + " (±" + fmtMoney(d.swing_usd / 2) + ")";
      }).join(", ") + "." : "");
  });
})(aicost);
