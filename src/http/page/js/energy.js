/* "Energy and CO2e" (issue 17): the plan's energy inputs (where training
 * and serving run, an internal carbon price), the answer's energy block as
 * facts (training kWh and tCO2e, serving a day, per request and per million
 * tokens, the year and the horizon, the day serving's emissions pass
 * training's, the carbon line), and a toggle that charts cumulative
 * emissions instead of dollars. The dollars chart is the API's SVG
 * (chart.js); the API draws no emissions chart, so this one is drawn here
 * from the same projection's series (cumulative_tco2e), in the dollars
 * chart's shape: training's bar at day 0, serving's cumulative bars after.
 * Unknown is said, never drawn as 0. */
"use strict";
(function (A) {
  var $ = A.$, fmt = A.format, SVG = "http://www.w3.org/2000/svg";

  function num(v, digits) {
    if (v == null) return "unknown";
    return Math.abs(v) >= 100 ? fmt.num(Math.round(v)) : fmt.num(v, digits == null ? 3 : digits);
  }
  function kwh(v) { return v == null ? "unknown" : fmt.kwh(v); }
  function tonnes(v) { return v == null ? "unknown (give a site)" : fmt.tco2e(v); }
  function where(side) {
    return (side.site ? side.site + (side.site_from === "offer_region" ? " (the offer's region)" : "") : "no site") +
      ", PUE " + num(side.pue) + (side.gco2e_per_kwh != null ? ", " + num(side.gco2e_per_kwh) + " g/kWh" : "") +
      ", draw " + Math.round(side.draw_fraction * 100) + "% of " + num(side.power_w) + " W × " + num(side.server_overhead) + " server";
  }

  /* The sites to pick from: "" is none (the offer's region, if the catalogue has its site). */
  function fillSites(id, sites) {
    var sel = $(id), none = document.createElement("option");
    sel.textContent = "";
    none.value = ""; none.textContent = "the offer's region, else unknown";
    sel.appendChild(none);
    Object.keys(sites || {}).sort().forEach(function (k) {
      var s = sites[k], o = document.createElement("option");
      o.value = k;
      o.textContent = s.name + " · " + s.gco2e_per_kwh + " g/kWh (" + s.year + "), PUE " + s.pue;
      sel.appendChild(o);
    });
  }
  A.on("catalogue", function (cat) {
    fillSites("e-t-site", cat.sites);
    fillSites("e-s-site", cat.sites);
  });
  A.on("read", function (sc, f) {
    if (sc.training && sc.training.cost_usd == null) f.put(sc.training, "site", $("e-t-site").value);
    if (sc.inference && sc.inference.self_hosted) f.put(sc.inference.self_hosted, "site", $("e-s-site").value);
    f.put(sc, "carbon_price_usd_per_t", f.num("e-carbon", false));
  });
  A.on("write", function (sc, f) {
    f.choose("e-t-site", (sc.training && sc.training.site) || "");
    f.choose("e-s-site", (sc.inference && sc.inference.self_hosted && sc.inference.self_hosted.site) || "");
    f.setVal("e-carbon", sc.carbon_price_usd_per_t);
  });
  A.on("sync", function () {
    $("e-t-site-box").hidden = A.form.radio("t-mode") !== "gpu";
    $("e-s-site-box").hidden = A.form.radio("i-mode") !== "self";
  });

  /* " (p10–p90: a – b)" when the bands give a range, else "". */
  function range(band, show) {
    if (!band || band.p10 == null || band.p90 == null || band.p10 === band.p90) return "";
    return " (p10–p90: " + show(band.p10) + " – " + show(band.p90) + ")";
  }

  function facts(en, pr, bands) {
    var list = [], tr = en.training, sv = en.serving, be = (bands && bands.energy) || {};
    if (tr) {
      list.push(["Training", kwh(tr.kwh) + ", " + tonnes(tr.tco2e)]);
      list.push(["Training runs at", where(tr)]);
    } else {
      list.push(["Training", "no energy (no GPU-hours, or a factor unknown)"]);
    }
    if (sv) {
      list.push(["Serving a day", kwh(sv.kwh_per_day) + ", " + tonnes(sv.tco2e_per_day)]);
      if (sv.wh_per_request != null) list.push(["Per request", num(sv.wh_per_request) + " Wh"]);
      if (sv.kwh_per_million_tokens != null) list.push(["Per million tokens", kwh(sv.kwh_per_million_tokens)]);
      list.push(["Serving a year", kwh(sv.annual_kwh) + ", " + tonnes(sv.annual_tco2e)]);
      list.push(["Serving runs at", where(sv)]);
    } else {
      list.push(["Serving", "no energy: the GPUs are not ours (a price per request or a vendor API)"]);
    }
    list.push(["Over " + pr.horizon_days + " days", kwh(en.total_kwh) + ", " + tonnes(en.total_tco2e) +
      range(be.total_tco2e, tonnes)]);
    if (en.crossover_day_tco2e) list.push(["Serving's emissions pass training's", "day " + en.crossover_day_tco2e]);
    if (en.carbon) list.push(["Carbon at $" + num(en.carbon.price_usd_per_t) + "/t", fmt.money(en.carbon.total_usd) +
      " (" + fmt.money(en.carbon.total_with_carbon_usd) + " with the dollars)"]);
    return list;
  }

  function el(name, attrs, text) {
    var e = document.createElementNS(SVG, name);
    Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text != null) e.textContent = text;
    return e;
  }

  /* Training's bar at day 0 and serving's cumulative emissions at each
   * series point, on one scale; the crossover day marked. */
  function draw(pj) {
    var box = $("e-chart"), series = (pj.projection && pj.projection.series) || [], en = pj.energy || {};
    /* nothing trained is a true 0; a lump sum's emissions are unknown */
    var t0 = en.training ? en.training.tco2e : (pj.training && pj.training.total_usd === 0 ? 0 : null);
    box.textContent = "";
    if (t0 == null || !series.length || series.some(function (p) { return p.cumulative_tco2e == null; })) {
      var p = document.createElement("p");
      p.textContent = "Emissions are unknown for this plan: pick where training and serving run (Energy and emissions), " +
        "or serve on GPUs of your own; a price per request or a vendor API has no GPUs to count.";
      box.appendChild(p);
      return;
    }
    var H = pj.projection.horizon_days, W = 800, Ht = 480, L = 78, R = 772, T = 70, B = 400, slot = 52;
    var max = Math.max(t0, series[series.length - 1].cumulative_tco2e - t0) || 1;
    var x = function (d) { return L + slot + (R - L - slot) * d / H; };
    var y = function (v) { return B - (B - T) * Math.max(v, 0) / max; };
    var svg = el("svg", { viewBox: "0 0 " + W + " " + Ht, role: "img", "aria-labelledby": "e-chart-title" });
    svg.appendChild(el("title", { id: "e-chart-title" }, "Training " + tonnes(t0) + " once; serving's cumulative emissions reach " +
      tonnes(series[series.length - 1].cumulative_tco2e - t0) + " after " + H + " days"));
    svg.appendChild(el("text", { x: L, y: 36, "class": "title" }, "Cumulative emissions, tonnes CO2e"));
    for (var k = 0; k <= 4; k++) {
      svg.appendChild(el("line", { x1: L, x2: R, y1: y(max * k / 4), y2: y(max * k / 4), "class": "grid" }));
      svg.appendChild(el("text", { x: L - 8, y: y(max * k / 4) + 4, "text-anchor": "end" }, num(max * k / 4)));
    }
    svg.appendChild(el("rect", { x: L + 8, y: y(t0), width: slot - 16, height: B - y(t0), "class": "bar-training" }));
    var prev = 0, bw;
    series.forEach(function (p) {
      bw = Math.max(1, x(p.day) - x(prev) - 2);
      var v = p.cumulative_tco2e - t0;
      svg.appendChild(el("rect", { x: x(prev) + 1, y: y(v), width: bw, height: B - y(v), "class": "bar-serving" }));
      prev = p.day;
    });
    if (en.crossover_day_tco2e)
      svg.appendChild(el("line", { x1: x(en.crossover_day_tco2e), x2: x(en.crossover_day_tco2e), y1: T, y2: B, "class": "cross" }));
    svg.appendChild(el("line", { x1: L, x2: R, y1: B, y2: B, "class": "axis" }));
    svg.appendChild(el("text", { x: L + slot / 2, y: B + 18, "text-anchor": "middle" }, "training"));
    svg.appendChild(el("text", { x: R, y: B + 18, "text-anchor": "end" }, "day " + H));
    box.appendChild(svg);
  }

  function show() {
    var on = $("e-toggle").checked;
    $("chart").hidden = on;
    $("e-chart").hidden = !on;
    if (on && A.state.last) draw(A.state.last.projection);
  }
  $("e-toggle").addEventListener("change", show);

  A.on("projection", function (answer) {
    var pj = answer.projection, dl = $("energy");
    dl.textContent = "";
    if (!pj.energy) return;
    facts(pj.energy, pj.projection || {}, pj.bands).forEach(function (f) {
      var dt = document.createElement("dt"), dd = document.createElement("dd");
      dt.textContent = f[0]; dd.textContent = f[1];
      dl.appendChild(dt); dl.appendChild(dd);
    });
    show();
  });
})(aicost);
