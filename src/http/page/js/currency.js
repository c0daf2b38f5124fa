/* The answer's currency: the catalogue's exchange rates (fx) as a picker,
 * and money written in the browser's locale in the currency picked. The API
 * computes in US dollars; the page asks it in dollars (so every card reads
 * the same members) and shows each amount times the catalogue's rate, the
 * API's own rule (docs/scenario.md, "Currencies"). The CSV download asks the
 * API for the currency itself, so the file's columns say _eur. The chart is
 * the API's SVG, which draws dollars: its caption says so.
 * aicost.currency: code(), rate() -> {id, per_usd, source, as_of} or null
 * for USD, set(code). */
"use strict";
(function (A) {
  var $ = A.$, state = A.state;

  function rates() { return (state.catalogue && state.catalogue.fx) || {}; }
  function code() { return state.currency || "USD"; }
  function rate() { return code() === "USD" ? null : rates()[code()] || null; }

  /* A rate's age in days before the catalogue's date when it is more than
   * stale_after_days, as the API's stale_fx warning measures it; else 0. */
  function staleDays(r) {
    var cat = state.catalogue || {}, lim = cat.defaults && cat.defaults.stale_after_days;
    var age = cat.date ? Math.round((Date.parse(cat.date) - Date.parse(r.as_of)) / 864e5) : NaN;
    return typeof lim === "number" && age > lim ? age : 0;
  }
  /* The note under the picker: which rate, from where, of when, and how old
   * when it is old enough to be off. */
  function note() {
    var r = rate(), old = r ? staleDays(r) : 0;
    $("f-currency-note").textContent = r
      ? "1 USD = " + r.per_usd + " " + code() + ", rate of " + r.as_of +
        (old ? ", " + old + " days before the catalogue's date: amounts may be off" : "") +
        " (the catalogue's; chart in USD)"
      : "";
  }
  function set(c) {
    state.currency = c && (c === "USD" || rates()[c]) ? c : "USD";
    $("f-currency").value = state.currency;
    note();
  }

  A.on("catalogue", function () {
    var sel = $("f-currency");
    sel.textContent = "";
    ["USD"].concat(Object.keys(rates()).sort()).forEach(function (c) {
      var o = document.createElement("option");
      o.value = c; o.textContent = c;
      sel.appendChild(o);
    });
    set(state.currency);
  });
  /* Not a member of the plan: the answer is redrawn, not recomputed. */
  $("f-currency").addEventListener("change", function (e) {
    e.stopPropagation();
    set(e.target.value);
    A.link.write();
    if (state.last) A.emit("projection", state.last);
  });

  $("f-currency").addEventListener("input", function (e) { e.stopPropagation(); });

  A.currency = { code: code, rate: rate, set: set };
})(aicost);
