/* The plan's fieldsets (their markup is in index.html): which input holds
 * which member of the scenario, read and written for form.js, one pair of
 * handlers per fieldset in the order of the scenario's members, and which
 * inputs show for the choices made. Percentages on the form are fractions in
 * the scenario; big counts are written back as 2B or 15T. */
"use strict";
(function (A) {
  var $ = A.$, fmt = A.format;

  /* Scenario: name, horizon, chart periods, start date, model. */
  A.on("read", function (sc, f) {
    f.put(sc, "name", $("f-name").value.trim());
    sc.horizon_days = Number($("f-horizon").value);
    sc.granularity = $("f-granularity").value;
    f.put(sc, "start_date", $("f-start").value.trim());
    f.put(sc, "model", $("f-model").value);
  });
  A.on("write", function (sc, f) {
    f.setVal("f-name", sc.name);
    f.choose("f-horizon", sc.horizon_days || 365);
    f.choose("f-granularity", sc.granularity || "month");
    f.setVal("f-start", sc.start_date);
    f.choose("f-model", sc.model || "");
  });

  /* Training: none, a known amount, or stages on GPUs. */
  A.on("read", function (sc, f) {
    var tm = f.radio("t-mode");
    if (tm === "lump") {
      sc.training = {};
      f.put(sc.training, "cost_usd", f.num("t-cost", true));
    } else if (tm === "gpu") {
      var t = sc.training = {};
      f.put(t, "gpu", $("t-gpu").value);
      f.put(t, "gpu_count", f.num("t-count", true));
      t.pricing = $("t-pricing").value;
      f.put(t, "provider", $("t-provider").value);
      f.put(t, "price_per_gpu_hour_usd", f.num("t-price", false));
      if ($("t-pre").checked) { t.pretraining = {}; f.put(t.pretraining, "tokens", f.num("t-pre-tokens", true)); }
      if ($("t-ft").checked) {
        t.fine_tuning = { method: $("t-ft-method").value };
        f.put(t.fine_tuning, "tokens", f.num("t-ft-tokens", true));
        f.put(t.fine_tuning, "epochs", f.num("t-ft-epochs", false));
        if (t.fine_tuning.method === "lora") f.put(t.fine_tuning, "base_precision", $("t-ft-base").value);
      }
      if ($("t-al").checked) {
        var al = t.alignment = { method: $("t-al-method").value };
        f.put(al, "preference_pairs", f.num("t-al-pairs", true));
        f.put(al, "tokens_per_pair", f.num("t-al-tpp", false));
        f.put(al, "label_cost_usd", f.num("t-al-label", false));
      }
    }
  });
  A.on("write", function (sc, f) {
    var t = sc.training;
    f.setRadio("t-mode", !t ? "none" : t.cost_usd != null ? "lump" : "gpu");
    t = t || {};
    f.setVal("t-cost", t.cost_usd, fmt.count);
    f.choose("t-gpu", t.gpu || "h100-sxm");
    f.setVal("t-count", t.gpu_count, fmt.count);
    f.choose("t-pricing", t.pricing === "reserved" ? "reserved_1y" : t.pricing || "on_demand");
    A.pickers.providers("t-provider", $("t-gpu").value, t.provider);
    f.setVal("t-price", t.price_per_gpu_hour_usd);
    $("t-pre").checked = !!t.pretraining;
    f.setVal("t-pre-tokens", (t.pretraining || {}).tokens != null ? t.pretraining.tokens : 15e12, fmt.count);
    $("t-ft").checked = !!t.fine_tuning;
    var ft = t.fine_tuning || { method: "lora", tokens: 2e9, epochs: 2 };
    f.choose("t-ft-method", ft.method || "lora");
    f.setVal("t-ft-tokens", ft.tokens, fmt.count);
    f.setVal("t-ft-epochs", ft.epochs);
    f.choose("t-ft-base", ft.base_precision || "");
    $("t-al").checked = !!t.alignment;
    var al = t.alignment || { method: "dpo", preference_pairs: 100000, tokens_per_pair: 1024, label_cost_usd: 1.5 };
    f.choose("t-al-method", al.method || "dpo");
    f.setVal("t-al-pairs", al.preference_pairs, fmt.count);
    f.setVal("t-al-tpp", al.tokens_per_pair, fmt.count);
    f.setVal("t-al-label", al.label_cost_usd);
  });

  /* Serving: a price per request, a vendor API, or self-hosted GPUs. */
  A.on("read", function (sc, f) {
    var im = f.radio("i-mode");
    if (im === "api") {
      sc.inference = { api: $("i-api").value };
      if ($("i-batch").checked) sc.inference.batch = true;
      f.put(sc.inference, "off_peak_share", f.num("i-offpeak", false, 0.01));
      if (sc.inference.off_peak_share !== undefined) sc.inference.off_peak_share = +sc.inference.off_peak_share.toPrecision(12);
    }
    else if (im === "self") {
      var sh = { gpu: $("i-sh-gpu").value, pricing: $("i-sh-pricing").value };
      f.put(sh, "provider", $("i-sh-provider").value);
      f.put(sh, "precision", $("i-sh-precision").value);
      f.put(sh, "kv_cache_precision", $("i-sh-kv").value);
      f.put(sh, "gpus", f.num("i-sh-gpus", false));
      f.put(sh, "gpus_per_replica", f.num("i-sh-width", false));
      f.put(sh, "max_batch", f.num("i-sh-batch", false));
      sc.inference = { self_hosted: sh };
    } else {
      sc.inference = {};
      f.put(sc.inference, "cost_per_request_usd", f.num("i-cost", true));
    }
  });
  A.on("write", function (sc, f) {
    var inf = sc.inference || {};
    f.setRadio("i-mode", inf.api ? "api" : inf.self_hosted ? "self" : "fixed");
    f.setVal("i-cost", inf.cost_per_request_usd);
    f.choose("i-api", inf.api || firstKey(A.state.catalogue && A.state.catalogue.api_prices, "openai/gpt-4o-mini"));
    $("i-batch").checked = !!inf.batch;
    f.setVal("i-offpeak", inf.off_peak_share == null ? null : +(inf.off_peak_share * 100).toPrecision(12));
    var sh = inf.self_hosted || {};
    f.choose("i-sh-gpu", sh.gpu || "h100-sxm");
    f.choose("i-sh-precision", sh.precision || "");
    f.choose("i-sh-kv", sh.kv_cache_precision || "");
    f.choose("i-sh-pricing", sh.pricing === "reserved" ? "reserved_1y" : sh.pricing || "on_demand");
    A.pickers.providers("i-sh-provider", $("i-sh-gpu").value, sh.provider);
    f.setVal("i-sh-gpus", sh.gpus, fmt.count);
    f.setVal("i-sh-width", sh.gpus_per_replica, fmt.count);
    f.setVal("i-sh-batch", sh.max_batch, fmt.count);
  });
  function firstKey(obj, preferred) {
    if (!obj) return preferred;
    if (obj[preferred]) return preferred;
    var k = Object.keys(obj);
    return k.length ? k[0] : preferred;
  }

  /* Traffic. */
  A.on("read", function (sc, f) {
    var tr = sc.traffic = {};
    f.put(tr, "requests_per_day", f.num("r-rpd", true));
    f.put(tr, "monthly_growth", f.num("r-growth", false, 0.01));
    f.put(tr, "max_requests_per_day", f.num("r-max", false));
    f.put(tr, "peak_to_average", f.num("r-peak", false));
    f.put(tr, "input_tokens", f.num("r-in", false));
    f.put(tr, "output_tokens", f.num("r-out", false));
    f.put(tr, "cached_input_tokens", f.num("r-cached", false));
    f.put(tr, "cache_write_tokens", f.num("r-write", false));
    f.put(tr, "reasoning_tokens", f.num("r-reason", false));
    if (tr.monthly_growth !== undefined) tr.monthly_growth = +tr.monthly_growth.toPrecision(12);
  });
  A.on("write", function (sc, f) {
    var tr = sc.traffic || {};
    f.setVal("r-rpd", tr.requests_per_day, fmt.count);
    f.setVal("r-growth", tr.monthly_growth == null ? null : +(tr.monthly_growth * 100).toPrecision(12));
    f.setVal("r-max", tr.max_requests_per_day, fmt.count);
    f.setVal("r-peak", tr.peak_to_average);
    f.setVal("r-in", tr.input_tokens, fmt.count);
    f.setVal("r-out", tr.output_tokens, fmt.count);
    f.setVal("r-cached", tr.cached_input_tokens, fmt.count);
    f.setVal("r-write", tr.cache_write_tokens, fmt.count);
    f.setVal("r-reason", tr.reasoning_tokens, fmt.count);
  });

  /* Only the inputs of the choices made. */
  A.on("sync", function () {
    var tm = A.form.radio("t-mode"), im = A.form.radio("i-mode");
    $("t-lump").hidden = tm !== "lump";
    $("t-gpu-box").hidden = tm !== "gpu";
    $("t-pre-box").hidden = !$("t-pre").checked;
    $("t-ft-box").hidden = !$("t-ft").checked;
    $("t-al-box").hidden = !$("t-al").checked;
    $("i-fixed").hidden = im !== "fixed";
    $("i-api-box").hidden = im !== "api";
    $("i-self").hidden = im !== "self";
  });
})(aicost);
