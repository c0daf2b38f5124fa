/* "Serving": the facts of how requests are served, as a list of
 * name and value (the price, the GPUs and latency when self-hosted, the
 * vendor's prices and their date for an API). */
"use strict";
(function (A) {
  var $ = A.$, fmt = A.format, fmtMoney = fmt.money, fmtNum = fmt.num;

  A.on("projection", function (answer) {
    var inf = answer.projection.inference || {}, pr = answer.projection.projection || {};
    var dl = $("serving"), facts = [];
    dl.textContent = "";
    facts.push(["How", { cost_per_request: "a fixed price per request", api: "a vendor API", self_hosted: "self-hosted GPUs" }[inf.kind] || inf.kind]);
    if (inf.cost_per_request_usd != null) facts.push(["Per request", fmtMoney(inf.cost_per_request_usd)]);
    if (inf.cost_per_million_tokens_usd != null) facts.push(["Per million tokens", fmtMoney(inf.cost_per_million_tokens_usd)]);
    var sh = inf.self_hosted;
    if (sh) {
      facts.push(["GPUs", fmtNum(sh.gpus_total) + " (" + fmtNum(sh.replicas) + " × " + fmtNum(sh.gpus_per_replica) + ")"]);
      facts.push(["GPU-hour", fmtMoney(sh.price_per_gpu_hour_usd) + fmt.offer(sh)]);
      facts.push(["Replica", fmtNum(sh.tensor_parallel) + "-way tensor parallel" +
        (sh.pipeline_stages > 1 ? " × " + fmtNum(sh.pipeline_stages) + " pipeline stages" : "") + ", batch up to " + fmtNum(sh.max_batch)]);
      facts.push(["First token at planned load", fmtNum(sh.ttft_ms, 0) + " ms"]);
      facts.push(["Per output token at planned load", fmtNum(sh.tpot_ms, 1) + " ms"]);
    }
    var ap = inf.api;
    if (ap) {
      facts.push(["Vendor prices", fmtMoney(ap.input_per_mtok_usd) + " in / " + fmtMoney(ap.output_per_mtok_usd) + " out per million" +
        (ap.tier_above_input_tokens != null ? " (prompts over " + fmt.count(ap.tier_above_input_tokens) + " tokens)" : "") +
        (ap.batch ? ", batch × " + fmtNum(ap.batch_price_factor, 2) : "")]);
      if (ap.prices_date) facts.push(["Prices of", ap.prices_date + " (" + { start_date: "the start date", today: "today", catalogue_date: "the catalogue's date" }[ap.prices_date_from] + ")"]);
      ap.changes.forEach(function (c) { facts.push(["From " + c.date, fmtMoney(c.cost_per_request_usd) + " per request"]); });
    }
    facts.push(["Requests over " + pr.horizon_days + " days", fmtNum(pr.requests_total)]);
    facts.forEach(function (f) {
      var dt = document.createElement("dt"), dd = document.createElement("dd");
      dt.textContent = f[0]; dd.textContent = f[1];
      dl.appendChild(dt); dl.appendChild(dd);
    });
  });
})(aicost);
