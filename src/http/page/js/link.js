/* "Link to exactly this view": the whole view (the scenario being edited and
 * the options compared, as the API's JSON) in the URL fragment, which never
 * leaves the browser: #{"v":1,"s":{...},"o":[...]}, URL-encoded.
 * aicost.link: write() puts the view in the URL, read() -> the state in the
 * URL or null, show(st) redraws the view of a state (null: the default). */
"use strict";
(function (A) {
  var $ = A.$, state = A.state;

  function current() {
    var st = { v: 1, s: A.form.read().scenario, o: state.options };
    if (A.currency.code() !== "USD") st.c = A.currency.code(); /* the answer's currency, when not USD */
    return st;
  }
  function write() {
    var hash = "#" + encodeURIComponent(JSON.stringify(current()));
    if (location.hash !== hash) history.replaceState(null, "", hash);
    $("link").value = location.href;
  }
  function read() {
    if (location.hash.length < 2) return null;
    try {
      var st = JSON.parse(decodeURIComponent(location.hash.slice(1)));
      if (!st || typeof st.s !== "object") return null;
      return st;
    } catch (e) { return null; }
  }
  function show(st) {
    state.options = st && Array.isArray(st.o) ? st.o.slice(0, A.MAX_OPTIONS) : [];
    A.currency.set(st && typeof st.c === "string" ? st.c : "USD");
    A.form.write(st ? st.s : A.form.DEFAULT);
    A.emit("options");
    A.answer.update();
  }

  $("copy").addEventListener("click", function () {
    write();
    var done = function () { A.answer.status("Link copied."); };
    var manual = function () { $("link").focus(); $("link").select(); A.answer.status("Press Ctrl+C (or ⌘C) to copy the selected link."); };
    if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText($("link").value).then(done, manual);
    else manual();
  });
  /* A link pasted into this tab, or Back: redraw unless it is what is shown. */
  window.addEventListener("hashchange", function () {
    var st = read();
    if (!st || location.hash === "#" + encodeURIComponent(JSON.stringify(current()))) return;
    show(st);
  });

  A.link = { write: write, read: read, show: show };
})(aicost);
