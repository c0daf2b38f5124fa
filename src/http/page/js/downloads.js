/* "Download CSV", "Download chart" and "Download comparison CSV": the API's
 * own CSV and SVG for what is shown, saved under the scenario's name. */
"use strict";
(function (A) {
  var $ = A.$;

  function slug(s) { return (s || "aicost").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "aicost"; }
  function download(path, body, accept, filename) {
    A.api(path, body, accept).then(function (blob) {
      var a = document.createElement("a"), url = URL.createObjectURL(blob);
      a.href = url; a.download = filename;
      document.body.appendChild(a); a.click(); a.remove();
      setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
      A.answer.status("Downloaded " + filename + ".");
    }).catch(function (p) { A.answer.status("Download failed: " + A.api.text(p || {})); });
  }

  /* The CSV in the currency picked: the API converts it (columns _eur...). */
  $("csv").addEventListener("click", function () {
    var sc = A.form.read().scenario;
    if (A.currency.rate()) sc.currency = A.currency.code();
    download("v1/projections", sc, "text/csv", slug(sc.name) + ".csv");
  });
  $("svg").addEventListener("click", function () {
    var sc = A.form.read().scenario;
    download("v1/projections", sc, "image/svg+xml", slug(sc.name) + ".svg");
  });
  $("cmp-csv").addEventListener("click", function () {
    download("v1/comparisons", { horizon_days: Number($("f-horizon").value), scenarios: A.state.options }, "text/csv", "comparison.csv");
  });
})(aicost);
