/* Talking to this server's API. aicost.api(path[, body[, accept]]): GET
 * without a body, else POST the body as JSON; resolves to the JSON (or, for
 * another accept, a Blob) and rejects with the problem (RFC 9457) as an
 * object, a network failure included. aicost.api.text(problem): one line. */
"use strict";
(function (A) {
  function api(path, body, accept) {
    return fetch(path, {
      method: body === undefined ? "GET" : "POST",
      headers: body === undefined ? { Accept: accept || "application/json" }
                                  : { "Content-Type": "application/json", Accept: accept || "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body)
    }).then(function (r) {
      var ct = r.headers.get("Content-Type") || "";
      if (r.ok) return accept && accept !== "application/json" ? r.blob() : r.json();
      if (ct.indexOf("json") >= 0) return r.json().then(function (p) { p.status = p.status || r.status; throw p; });
      return r.text().then(function (t) { throw { status: r.status, title: "HTTP " + r.status, detail: t.slice(0, 200) }; });
    }, function () { throw { status: 0, title: "The server did not answer", detail: "Is aicostd still running?" }; });
  }
  api.text = function (p) { return (p.title || "Error") + (p.detail ? ": " + p.detail : ""); };

  A.api = api;
})(aicost);
