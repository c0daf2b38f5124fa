/* What the catalogue offers on the form: the models, GPUs and vendor APIs
 * to pick from, the providers with offers for the GPU picked, and the hints
 * beside the pickers. aicost.pickers.providers(id, gpu, value). */
"use strict";
(function (A) {
  var $ = A.$, fmt = A.format;

  function fill(id, entries, label) {
    var sel = $(id);
    sel.textContent = "";
    Object.keys(entries || {}).sort().forEach(function (k) {
      var o = document.createElement("option");
      o.value = k; o.textContent = label(k, entries[k]);
      sel.appendChild(o);
    });
  }
  /* The providers with offers for a GPU; "" is the catalogue's default rule. */
  function providers(id, gpu, value) {
    var sel = $(id), g = A.state.catalogue && A.state.catalogue.gpus && A.state.catalogue.gpus[gpu], seen = {};
    sel.textContent = "";
    var d = document.createElement("option");
    d.value = ""; d.textContent = "default (median offer)";
    sel.appendChild(d);
    ((g && g.offers) || []).forEach(function (o) {
      if (seen[o.provider]) return;
      seen[o.provider] = true;
    });
    Object.keys(seen).sort().forEach(function (p) {
      var o = document.createElement("option");
      o.value = o.textContent = p;
      sel.appendChild(o);
    });
    A.form.choose(id, value || "");
  }

  A.on("catalogue", function (cat) {
    fill("f-model", cat.models, function (k, m) { return (m.name || k) + (m.params_b ? " · " + fmt.num(m.params_b, 1) + "B" : ""); });
    /* a price per request or a vendor API needs no model: "none" keeps such a scenario as it was */
    var none = document.createElement("option");
    none.value = ""; none.textContent = "none (not needed for a price per request or an API)";
    $("f-model").insertBefore(none, $("f-model").firstChild);
    /* the on-demand price a scenario naming no provider gets */
    var gpuLabel = function (k, g) {
      var d = g.default_offers && g.default_offers.on_demand;
      var p = d ? d.price_per_gpu_hour_usd : g.price_per_hour_usd && g.price_per_hour_usd.on_demand;
      return (g.name || k) + (p != null ? " · " + fmt.money(p) + "/h" : "");
    };
    fill("t-gpu", cat.gpus, gpuLabel);
    fill("i-sh-gpu", cat.gpus, gpuLabel);
    fill("i-api", cat.api_prices, function (k, a) { return k + (a.name && a.name !== k ? " · " + a.name : ""); });
  });

  /* Another GPU has other providers. */
  $("plan").addEventListener("change", function (e) {
    if (e.target.id === "t-gpu") providers("t-provider", e.target.value, "");
    if (e.target.id === "i-sh-gpu") providers("i-sh-provider", e.target.value, "");
  });

  /* The model's size and the vendor's prices, beside their pickers. */
  A.on("sync", function () {
    var cat = A.state.catalogue;
    if (!cat) return;
    var m = cat.models && cat.models[$("f-model").value];
    $("f-model-hint").textContent = m ? fmt.num(m.params_b, 1) + "B parameters" +
      (m.active_params_b != null && m.active_params_b !== m.params_b ? " (" + fmt.num(m.active_params_b, 1) + "B active)" : "") : "";
    var a = cat.api_prices && cat.api_prices[$("i-api").value];
    $("i-api-hint").textContent = a ? fmt.money(a.input_per_mtok_usd) + " in / " + fmt.money(a.output_per_mtok_usd) +
      " out per million tokens" +
      (a.tiers && a.tiers.length ? "; more for prompts over " + fmt.count(a.tiers[0].above_input_tokens) + " tokens" : "") +
      (a.changes && a.changes.length ? "; changes on " + a.changes.map(function (c) { return c.from; }).join(", ") : "") +
      (a.off_peak ? "; off peak " + a.off_peak.start_utc + "–" + a.off_peak.end_utc + " UTC" : "") : "";
  });

  A.pickers = { providers: providers };
})(aicost);
