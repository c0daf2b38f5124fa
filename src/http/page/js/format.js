/* Numbers in and out: what a person may type for a number, and how money,
 * counts, prices, energy and emissions are written on the page. aicost.format. */
"use strict";
(function (A) {
  /* "5M", "5,000,000", "5e6", "$2.5", "1.5k" -> number; "" -> null; junk -> NaN. */
  function parse(text) {
    var s = String(text).trim().replace(/[,_\s]/g, "").replace(/^\$/, "");
    if (s === "") return null;
    var m = /^([+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)([kmbt]?)$/i.exec(s);
    if (!m) return NaN;
    var mult = { "": 1, k: 1e3, m: 1e6, b: 1e9, t: 1e12 }[m[2].toLowerCase()];
    return Number(m[1]) * mult;
  }
  /* Big counts as 2B / 15T when exact, else with separators. */
  function count(x) {
    if (x == null) return "";
    var units = [[1e12, "T"], [1e9, "B"]];
    for (var i = 0; i < units.length; i++) {
      var v = x / units[i][0];
      if (Math.abs(x) >= units[i][0] && Math.abs(v * 1000 - Math.round(v * 1000)) < 1e-6) return String(+v.toFixed(3)) + units[i][1];
    }
    return x.toLocaleString("en-US", { maximumFractionDigits: 10 });
  }
  /* An amount in US dollars (as the API gives it), written in the browser's
   * locale in the currency picked (currency.js), at the catalogue's rate. */
  function money(usd) {
    if (usd == null || !isFinite(usd)) return "–";
    var r = A.currency ? A.currency.rate() : null, code = r ? r.id : "USD";
    var x = r ? usd * r.per_usd : usd, a = Math.abs(x);
    var o = { style: "currency", currency: code };
    if (a === 0 || a >= 100) { o.minimumFractionDigits = 0; o.maximumFractionDigits = 0; }
    else if (a >= 1) { o.minimumFractionDigits = 2; o.maximumFractionDigits = 2; }
    else { o.maximumSignificantDigits = 2; }
    return new Intl.NumberFormat(undefined, o).format(x);
  }
  function num(x, digits) {
    if (x == null || !isFinite(x)) return "–";
    return x.toLocaleString("en-US", { maximumFractionDigits: digits == null ? 0 : digits });
  }
  /* Energy and emissions (issue 17): three figures at most (a whole number
   * from 100), kWh scaled to MWh and GWh, tonnes of CO2e in kg below 1 t. */
  function qty(x) { return Math.abs(x) >= 100 ? num(Math.round(x)) : num(x, 3); }
  function kwh(x) { return x >= 1e6 ? qty(x / 1e6) + " GWh" : x >= 1e3 ? qty(x / 1e3) + " MWh" : qty(x) + " kWh"; }
  function tco2e(x) { return x < 1 ? qty(x * 1000) + " kg CO2e" : qty(x) + " t CO2e"; }
  /* Where a GPU-hour's price came from, as the projection says (price_basis, offer). */
  function offer(x) {
    var o = x.offer;
    if (x.price_basis === "scenario") return " · your price";
    if (x.price_basis === "owned") return " · owned, amortised";
    if (!o) return "";
    var who = o.provider ? o.provider + " " + o.kind.replace(/_/g, " ") + (o.region ? ", " + o.region : "")
                         : o.kind.replace(/_/g, " ") + " (listed)";
    var how = o.chosen_by === "median" ? "median of " + o.providers_compared + " providers" : "";
    return " · " + who + (how ? " (" + how + ")" : "") + (o.as_of ? ", as of " + o.as_of : "");
  }

  A.format = { parse: parse, count: count, money: money, num: num, offer: offer, kwh: kwh, tco2e: tco2e };
})(aicost);
