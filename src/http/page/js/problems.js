/* Problems next to the fields they name: the API's (a 422's errors) and the
 * browser's own (a word where a number goes) carry a JSON Pointer, and the
 * message goes under the input with that data-p, tied to it for screen
 * readers. aicost.problems: clear(root), show(list, kind) -> the messages
 * that name no field (shown at the top of the form unless kind is "warn"). */
"use strict";
(function (A) {
  var $ = A.$;

  function clear(root) {
    var olds = (root || document).querySelectorAll(".field-msg");
    for (var i = 0; i < olds.length; i++) olds[i].remove();
    var bad = (root || document).querySelectorAll("[aria-invalid]");
    for (var j = 0; j < bad.length; j++) {
      bad[j].removeAttribute("aria-invalid");
      var d = (bad[j].getAttribute("aria-describedby") || "").split(" ").filter(function (x) { return x.indexOf("msg-") !== 0; });
      if (d.length) bad[j].setAttribute("aria-describedby", d.join(" ")); else bad[j].removeAttribute("aria-describedby");
    }
    $("err-general").hidden = true;
    $("err-general").textContent = "";
  }
  /* The element for a JSON Pointer: the exact field, else its nearest parent
   * that has one (a fieldset), else nothing (shown at the top of the form). */
  function fieldFor(pointer) {
    var p = pointer || "";
    for (;;) {
      var el = document.querySelector('#plan [data-p="' + p.replace(/["\\]/g, "") + '"]');
      if (el && (el.offsetParent !== null || el.tagName === "FIELDSET")) return el;
      if (el && el.closest(".sub, #t-gpu-box")) {
        var box = el.closest("fieldset"); if (box) return box;
      }
      if (p === "") return null;
      p = p.slice(0, p.lastIndexOf("/"));
    }
  }
  var msgCount = 0;
  function show(list, kind) {
    var general = [];
    list.forEach(function (e) {
      var el = fieldFor(e.pointer), msg = document.createElement("p");
      var label = e.pointer ? e.pointer + ": " : "";
      msg.className = "field-msg " + (kind === "warn" ? "warn" : "err");
      msg.id = "msg-" + (++msgCount);
      if (!el || el.tagName === "FIELDSET" && el.dataset.p === "") { general.push(label + e.detail); return; }
      if (el.tagName === "FIELDSET") {
        msg.textContent = label + e.detail;
        el.appendChild(msg);
        return;
      }
      msg.textContent = e.detail;
      var field = el.closest(".field") || el.closest("label") || el;
      field.appendChild(msg);
      if (kind !== "warn") el.setAttribute("aria-invalid", "true");
      el.setAttribute("aria-describedby", ((el.getAttribute("aria-describedby") || "") + " " + msg.id).trim());
    });
    if (general.length && kind !== "warn") {
      $("err-general").textContent = general.join(" · ");
      $("err-general").hidden = false;
    }
    return general;
  }

  A.problems = { clear: clear, show: show };
})(aicost);
