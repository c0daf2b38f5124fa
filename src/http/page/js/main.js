/* Start-up, last of the scripts: every file has registered itself, so load
 * the catalogue, let the pickers fill ("catalogue"), draw the view the link
 * holds (or the article's support bot), and answer every change of the form. */
"use strict";
(function (A) {
  var $ = A.$;

  function start(cat) {
    A.state.catalogue = cat;
    $("cat-version").textContent = cat.version ? "(version " + cat.version + ")" : "";
    A.emit("catalogue", cat);
    A.link.show(A.link.read());
  }

  /* Typing waits for a pause; a click, a pick or Enter answers at once. */
  $("plan").addEventListener("input", function (e) {
    if (e.target.type === "text") A.answer.schedule(); else { A.form.sync(); A.answer.schedule(0); }
  });
  $("plan").addEventListener("change", function (e) {
    if (e.target.type !== "text") { A.form.sync(); A.answer.schedule(0); }
  });
  $("plan").addEventListener("submit", function (e) { e.preventDefault(); A.answer.schedule(0); });

  A.api("v1/catalogue").then(start, function (p) {
    $("err-general").textContent = "The price catalogue could not be loaded: " + A.api.text(p || {});
    $("err-general").hidden = false;
  });
})(aicost);
