/* "Find the cheapest set-up": the plan's model and traffic, a latency
 * target, and POST v1/plans: the cheapest self-hosted set-up that meets it,
 * the Pareto set (a table and the API's SVG scatter), the break-even
 * against each API, the nearest miss when nothing fits. "Use this set-up"
 * writes the chosen knobs into the plan; "Add this search to the
 * comparison" adds the request itself as an option ({"name", "plan"}),
 * which the server plans again over the comparison's horizon. aicost.plan. */
"use strict";
(function (A) {
  var $ = A.$, fmt = A.format;
  var seq = 0;      /* numbers the searches asked, so that only the latest is drawn */
  var url = null;   /* the chart's blob: URL, revoked when replaced */
  var best = null;  /* the last answer's best configuration */
  var asked = null; /* the request that found it */
  var ALL_KINDS = ["on_demand", "spot", "reserved_1y", "reserved_3y", "capacity_block"];

  function problem(text) { $("pl-err").textContent = text; $("pl-err").hidden = !text; }

  /* The request: the plan's model, traffic and horizon, this card's SLO. */
  function request() {
    var sc = A.form.read().scenario, errs = [], slo = {};
    [["pl-ttft", "ttft_ms"], ["pl-tpot", "tpot_ms"]].forEach(function (f) {
      var v = fmt.parse($(f[0]).value);
      if (v === null) return;
      if (isNaN(v) || !(v > 0)) errs.push($(f[0]).labels[0].textContent + ": a number of milliseconds above 0");
      else slo[f[1]] = v;
    });
    if (!errs.length && !slo.ttft_ms && !slo.tpot_ms) errs.push("Give a time to first token or a time per token.");
    var body = { model: sc.model, traffic: sc.traffic, horizon_days: sc.horizon_days, slo: slo };
    if (sc.name) body.name = sc.name;
    if ($("pl-pricing").value === "any") body.constraints = { pricing: ALL_KINDS };
    if ($("pl-apis").checked) body.alternatives = "all";
    return { body: body, errors: errs };
  }

  function describe(c) {
    return c.gpus_per_replica + " × " + c.gpu + " at " + c.precision + ", batch " + fmt.num(c.batch) +
      (c.provider ? " (" + c.provider + " " + c.pricing.replace(/_/g, " ") + ")" : " (" + c.pricing.replace(/_/g, " ") + ")");
  }

  function renderPareto(plan) {
    var t = $("pl-pareto"), body = t.tBodies[0];
    body.textContent = "";
    plan.pareto.forEach(function (c, i) {
      var r = body.insertRow();
      [c.model || "inline", c.gpu, c.precision + (c.quantisation ? " *" : ""), fmt.num(c.gpus_per_replica),
       fmt.num(c.batch), c.provider || c.pricing.replace(/_/g, " "), fmt.num(c.ttft_ms, 1), fmt.num(c.tpot_ms, 1),
       fmt.num(c.gpus_total), fmt.money(c.mean_daily_usd)].forEach(function (v) { r.insertCell().textContent = v; });
      if (i === 0) r.className = "best";
    });
  }

  /* The APIs by daily cost, cheapest first, at most eight, and where
   * self-hosting the chosen set-up starts to win. */
  function renderApis(plan) {
    var ul = $("pl-api-list"), list = plan.alternatives.filter(function (a) { return a.priced; });
    ul.textContent = "";
    list.sort(function (a, b) { return a.daily_usd - b.daily_usd || (a.id < b.id ? -1 : 1); });
    list.slice(0, 8).forEach(function (a) {
      var li = document.createElement("li");
      li.textContent = a.id + ": " + fmt.money(a.daily_usd) + " a day; " +
        (a.self_hosting_wins === "above" ? "self-hosting is cheaper above " + fmt.num(a.break_even_requests_per_day) + " requests a day"
                                         : "self-hosting is never cheaper");
      ul.appendChild(li);
    });
    $("pl-api-h").hidden = list.length === 0;
  }

  function render(plan) {
    var b = plan.best && plan.best.configuration;
    best = b || null;
    $("pl-answer").hidden = false;
    $("pl-use").disabled = !b;
    $("pl-add").disabled = !b;
    if (!b) {
      $("pl-best").textContent = "Nothing meets the target. Nearest miss: " + plan.infeasible.nearest_miss + ".";
    } else {
      $("pl-best").textContent = "Cheapest: " + (b.model ? b.model + " on " : "") + describe(b) + ": " +
        fmt.money(b.daily_usd) + " a day for " + fmt.num(b.gpus_total) + " GPUs (" + fmt.num(b.replicas) +
        " replicas), TTFT " + fmt.num(b.ttft_ms) + " ms, " + fmt.num(b.tpot_ms, 1) + " ms per token" +
        (b.quantisation ? "; " + b.quantisation : "") + ". Searched " + fmt.num(plan.searched.configurations) + " configurations.";
    }
    renderPareto(plan);
    renderApis(plan);
  }

  function search() {
    var mine = ++seq, rq = request();
    problem("");
    if (rq.errors.length) { problem(rq.errors.join(" ")); return Promise.resolve(); }
    $("pl-go").disabled = true;
    return A.api("v1/plans", rq.body).then(function (plan) {
      if (mine !== seq) return;
      asked = rq.body;
      render(plan);
      return A.api("v1/plans", rq.body, "image/svg+xml").then(function (blob) {
        if (mine !== seq) return;
        if (url) URL.revokeObjectURL(url);
        url = URL.createObjectURL(blob);
        $("pl-chart").src = url;
        $("pl-chart").alt = "Daily cost against latency for the " + plan.pareto.length + " set-ups of the Pareto front.";
      });
    }).catch(function (p) {
      if (mine !== seq) return;
      var list = (p && p.errors) || [];
      problem(list.length ? list.map(function (e) { return e.pointer + ": " + e.detail; }).join(" · ") : A.api.text(p || {}));
    }).then(function () { $("pl-go").disabled = false; });
  }

  /* The chosen knobs as the plan's self-hosted serving. */
  function use() {
    if (!best) return;
    var sc = A.form.read().scenario;
    if (best.model) sc.model = best.model;
    sc.inference = { self_hosted: { gpu: best.gpu, precision: best.precision, gpus_per_replica: best.gpus_per_replica,
                                    max_batch: best.batch, pricing: best.pricing } };
    if (best.provider) sc.inference.self_hosted.provider = best.provider;
    A.form.write(sc);
    A.answer.schedule(0);
    A.answer.status("The plan now serves on " + describe(best) + ".");
    $("f-name").focus();
  }

  /* The search as a comparison option: the API alternatives are this
   * card's, not the comparison's. */
  function addToComparison() {
    if (!best || !asked) return;
    var plan = JSON.parse(JSON.stringify(asked));
    delete plan.alternatives;
    A.compare.add({ name: "Cheapest set-up" + (asked.name ? ": " + asked.name : ""), plan: plan });
  }

  $("pl-form").addEventListener("submit", function (e) { e.preventDefault(); search(); });
  $("pl-use").addEventListener("click", use);
  $("pl-add").addEventListener("click", addToComparison);
  $("pl-csv").addEventListener("click", function () {
    var rq = request();
    if (rq.errors.length) { problem(rq.errors.join(" ")); return; }
    A.api("v1/plans", rq.body, "text/csv").then(function (blob) {
      var a = document.createElement("a"), u = URL.createObjectURL(blob);
      a.href = u; a.download = "cheapest-set-ups.csv";
      document.body.appendChild(a); a.click(); a.remove();
      setTimeout(function () { URL.revokeObjectURL(u); }, 1000);
    }).catch(function (p) { problem(A.api.text(p || {})); });
  });

  A.plan = { search: search };
})(aicost);
