/* The form <-> a scenario (the API's JSON), the engine only: read() and
 * write(sc) hand a small toolkit to the "read" and "write" handlers, one
 * pair per fieldset (form_fields.js), in file order, which is also the order
 * of the scenario's members; sync() shows only the inputs that apply. A new
 * input is its markup in index.html and its lines in a read and a write
 * handler. aicost.form. */
"use strict";
(function (A) {
  var $ = A.$, fmt = A.format;

  /* The article's support bot: half a cent a request, five million a day. */
  var DEFAULT = {
    name: "Support bot", horizon_days: 365, granularity: "month", model: "llama-3.1-70b",
    training: { gpu: "h100-sxm", gpu_count: 64, pricing: "on_demand",
                fine_tuning: { method: "lora", tokens: 2e9, epochs: 2 },
                alignment: { method: "dpo", preference_pairs: 100000, tokens_per_pair: 1024, label_cost_usd: 1.5 } },
    inference: { cost_per_request_usd: 0.005 },
    traffic: { requests_per_day: 5000000, monthly_growth: 0, input_tokens: 800, output_tokens: 300 }
  };

  function radio(name) { var r = document.querySelector("input[name=" + name + "]:checked"); return r ? r.value : null; }
  function setRadio(name, value) {
    var els = document.querySelectorAll("input[name=" + name + "]");
    for (var i = 0; i < els.length; i++) els[i].checked = els[i].value === value;
  }
  /* Selects value in a <select>, adding it when the catalogue lacks it so
   * that a link with an unknown id still shows (and the API names the error). */
  function choose(id, value) {
    var sel = $(id);
    if (value == null) { if (sel.options.length) sel.selectedIndex = 0; return; }
    if (typeof value === "object") value = value.name || "";
    for (var i = 0; i < sel.options.length; i++) if (sel.options[i].value === String(value)) { sel.selectedIndex = i; return; }
    var o = document.createElement("option");
    o.value = o.textContent = String(value);
    sel.appendChild(o);
    sel.value = String(value);
  }
  function setVal(id, v, format) { $(id).value = v == null ? "" : (format ? format(v) : String(v)); }

  /* Reads the form into a scenario; problems the browser can see (a word
   * where a number goes) are returned with their JSON Pointer like the API's.
   * The toolkit: num(id, required, scale) reads a number input (undefined
   * when empty or wrong, noting why), put(o, k, v) sets o[k] unless v is
   * empty, radio(name) is the checked value of a radio group. */
  function read() {
    var errs = [];
    var f = {
      num: function (id, required, scale) {
        var el = $(id), v = fmt.parse(el.value);
        if (v === null) { if (required) errs.push({ pointer: el.dataset.p, detail: "is required" }); return undefined; }
        if (isNaN(v)) { errs.push({ pointer: el.dataset.p, detail: "is not a number (try 5000000, 5M or 5e6)" }); return undefined; }
        return scale ? v * scale : v;
      },
      put: function (o, k, v) { if (v !== undefined && v !== null && v !== "") o[k] = v; },
      radio: radio
    };
    var sc = {};
    A.emit("read", sc, f);
    return { scenario: sc, errors: errs };
  }

  /* Writes a scenario into the form. The toolkit: choose(id, value) for a
   * <select>, setVal(id, v, format) for a text input, setRadio(name, value). */
  function write(sc) {
    A.emit("write", sc || {}, { choose: choose, setVal: setVal, setRadio: setRadio });
    sync();
  }

  /* Shows only the inputs that apply (hidden ones leave the tab order) and
   * refreshes the hints that depend on the choices. */
  function sync() { A.emit("sync"); }

  A.form = { DEFAULT: DEFAULT, read: read, write: write, sync: sync, radio: radio, choose: choose };
})(aicost);
