/* "Compare options": up to four scenarios kept with "Add to comparison",
 * or plans ({"name", "plan"}, from the "Find the cheapest set-up" card),
 * side by side over the same horizon (POST v1/comparisons): a table with
 * the cheapest marked, the days one overtakes another, and the API's chart.
 * The options live in aicost.state.options (and in the link). aicost.compare. */
"use strict";
(function (A) {
  var $ = A.$, state = A.state, fmtMoney = A.format.money, MAX_OPTIONS = A.MAX_OPTIONS;
  var seq = 0;      /* numbers the comparisons asked, so that only the latest is drawn */
  var url = null;   /* the chart's blob: URL, revoked when replaced */

  function optionName(sc, i) { return sc.name || "Option " + (i + 1); }

  function compare() {
    var mine = ++seq, opts = state.options;
    $("cmp-err").hidden = true;
    renderOptionsOnly();
    if (opts.length < 2) return;
    var body = { horizon_days: Number($("f-horizon").value), scenarios: opts };
    A.api("v1/comparisons", body).then(function (c) {
      if (mine !== seq) return;
      renderComparison(c);
      return A.api("v1/comparisons", body, "image/svg+xml").then(function (blob) {
        if (mine !== seq) return;
        if (url) URL.revokeObjectURL(url);
        url = URL.createObjectURL(blob);
        $("cmp-chart").src = url;
        $("cmp-figure").hidden = false;
      });
    }).catch(function (p) {
      if (mine !== seq) return;
      var list = (p && p.errors) || [];
      $("cmp-err").textContent = list.length ? list.map(function (e) {
        var m = /^\/scenarios\/(\d+)(.*)$/.exec(e.pointer || "");
        return (m ? optionName(opts[+m[1]] || {}, +m[1]) + (m[2] ? " " + m[2] : "") : e.pointer) + ": " + e.detail;
      }).join(" · ") : A.api.text(p || {});
      $("cmp-err").hidden = false;
    });
  }

  /* The option headers with Edit and Remove, before (or without) numbers. */
  function renderOptionsOnly(c) {
    var opts = state.options, t = $("cmp-table");
    $("cmp-empty").hidden = opts.length > 0;
    $("cmp-actions").hidden = opts.length === 0;
    $("cmp-figure").hidden = $("cmp-figure").hidden || opts.length < 2;
    if (opts.length < 2) { $("cmp-figure").hidden = true; $("cmp-overtakes").textContent = ""; }
    t.hidden = opts.length === 0;
    t.textContent = "";
    if (!opts.length) return;
    var head = t.createTHead().insertRow();
    var corner = document.createElement("th");
    corner.scope = "col";
    corner.textContent = opts.length < 2 ? "Add one more option to compare" : "Over " + $("f-horizon").value + " days";
    head.appendChild(corner);
    var palette = ["#0072b2", "#d55e00", "#009e73", "#cc79a7"];
    opts.forEach(function (sc, i) {
      var th = document.createElement("th");
      th.scope = "col";
      var name = document.createElement("span");
      name.className = "name";
      var sw = document.createElement("span");
      sw.className = "swatch";
      sw.style.background = palette[i % palette.length];
      sw.setAttribute("aria-hidden", "true");
      name.appendChild(sw);
      name.appendChild(document.createTextNode(optionName(sc, i)));
      th.appendChild(name);
      /* a plan's option says what the server's search chose */
      var chosen = c && c.options && c.options[i] && c.options[i].plan;
      if (chosen) {
        var k = chosen.configuration, what = document.createElement("span");
        what.className = "planned";
        what.textContent = "planned: " + k.gpus_per_replica + " × " + k.gpu + " at " + k.precision +
          (k.provider ? ", " + k.provider : "");
        th.appendChild(what);
      }
      if (c && c.ranking && c.ranking[0] === i) {
        var b = document.createElement("span"); b.className = "badge"; b.textContent = "cheapest"; th.appendChild(b);
      }
      var edit = document.createElement("button");
      edit.type = "button"; edit.className = "link"; edit.textContent = "Edit";
      edit.setAttribute("aria-label", "Edit " + optionName(sc, i) + " in the form");
      edit.onclick = function () { A.form.write(sc); A.answer.schedule(0); $("f-name").focus(); };
      var rm = document.createElement("button");
      rm.type = "button"; rm.className = "link"; rm.textContent = "Remove";
      rm.setAttribute("aria-label", "Remove " + optionName(sc, i));
      rm.onclick = function () { state.options.splice(i, 1); afterOptionsChange(); $("add").focus(); };
      var div = document.createElement("div");
      if (!sc.plan) div.appendChild(edit); /* a plan is changed in its card and added again */
      div.appendChild(rm);
      th.appendChild(div);
      head.appendChild(th);
    });
    t.createTBody();
    $("add").disabled = opts.length >= MAX_OPTIONS;
    $("add").textContent = opts.length >= MAX_OPTIONS ? "Comparison is full (4)" : "Add to comparison";
  }

  function renderComparison(c) {
    renderOptionsOnly(c);
    var t = $("cmp-table"), body = t.tBodies[0], opts = c.options || [];
    var rows = [
      ["Training, once", function (o) { return o.training.total_usd; }, fmtMoney],
      ["Inference a day, at launch", function (o) { return o.inference.daily_usd; }, fmtMoney],
      ["Inference a year, at launch", function (o) { return o.inference.annual_usd; }, fmtMoney],
      ["Inference over the horizon", function (o) { return o.projection.inference_usd; }, fmtMoney],
      ["Total over the horizon", function (o) { return o.projection.total_usd; }, fmtMoney, true],
      ["Total, p10–p90", function (o) { return o.bands; }, function (b) {
        return b && b.samples ? fmtMoney(b.total_usd.p10) + " – " + fmtMoney(b.total_usd.p90) : "–";
      }],
      ["Inference passes training", function (o) { return o.projection.crossover_day; },
        function (d) { return d > 0 ? "day " + d : "–"; }],
      ["Cost per request, all in", function (o) { return o.projection.fully_loaded_cost_per_request_usd; }, fmtMoney],
      /* training's and serving's over the horizon (docs/cost-model.md, "Energy
       * and emissions"): unknown is a dash, never 0 (an API has no energy) */
      ["Energy over the horizon", function (o) { return o.energy || {}; }, function (e) {
        if (e.total_kwh == null) return "–";
        return A.format.kwh(e.total_kwh) + " · " + (e.total_tco2e == null ? "–" : A.format.tco2e(e.total_tco2e));
      }]
    ];
    rows.forEach(function (row) {
      var r = body.insertRow(), th = document.createElement("th");
      th.scope = "row"; th.textContent = row[0]; r.appendChild(th);
      opts.forEach(function (o, i) {
        var td = r.insertCell();
        td.textContent = row[2](row[1](o));
        if (row[3] && c.ranking && c.ranking[0] === i) td.className = "win";
      });
    });
    var ul = $("cmp-overtakes");
    ul.textContent = "";
    (c.overtakes || []).forEach(function (o) {
      var li = document.createElement("li");
      li.textContent = optionName(state.options[o.option] || {}, o.option) + " becomes cheaper than " +
        optionName(state.options[o.other] || {}, o.other) + " on day " + o.day + ".";
      ul.appendChild(li);
    });
    $("cmp-chart").alt = "Chart of cumulative total cost for " + opts.length + " options; cheapest over the horizon: " +
      optionName(state.options[c.ranking[0]] || {}, c.ranking[0]) + ".";
  }

  function afterOptionsChange() { A.link.write(); renderOptionsOnly(); compare(); }

  /* A new plan (the horizon may have changed) is compared again. */
  A.on("plan", function () { if (state.options.length >= 2) compare(); });
  A.on("options", function () { renderOptionsOnly(); });

  /* One more option: a scenario, or {"name", "plan"}. */
  function add(option) {
    if (state.options.length >= MAX_OPTIONS) return;
    if (!option.name) option.name = "Option " + (state.options.length + 1);
    state.options.push(JSON.parse(JSON.stringify(option)));
    afterOptionsChange();
    A.answer.status("Added “" + option.name + "” to the comparison (" + state.options.length + " of " + MAX_OPTIONS + ").");
  }

  $("add").addEventListener("click", function () { add(A.form.read().scenario); });
  $("cmp-clear").addEventListener("click", function () { state.options = []; afterOptionsChange(); $("add").focus(); });
  A.compare = { add: add };
})(aicost);
