/* The answer follows the form: a change schedules update(), which reads the
 * plan, marks what the browser can see is wrong, or sends it to the API and
 * hands the projection to every "projection" handler (the cards of the
 * answer: kpis.js, chart.js, stages.js, serving.js, and the warnings here).
 * The status line under the answer says where that stands.
 * aicost.answer: update(), schedule(delay), status(text). */
"use strict";
(function (A) {
  var $ = A.$, state = A.state;

  var timer = null;
  function schedule(delay) {
    clearTimeout(timer);
    timer = setTimeout(update, delay == null ? 300 : delay);
  }
  function setStatus(t) { $("status").textContent = t; }

  function update() {
    var read = A.form.read(), seq = ++state.seq;
    A.problems.clear($("plan"));
    A.link.write();
    $("answer").classList.remove("stale");
    if (read.errors.length) {
      A.problems.show(read.errors);
      $("answer").classList.add("stale"); /* the numbers shown are for the plan before the mistake */
      setStatus("Fix the marked fields.");
      return;
    }
    $("answer").classList.add("busy");
    setStatus("Calculating…");
    A.api("v1/projections", read.scenario).then(function (pj) {
      if (seq !== state.seq) return;
      state.last = { scenario: read.scenario, projection: pj, seq: seq };
      var pending = A.emit("projection", state.last);
      setStatus("Up to date.");
      return Promise.all(pending);
    }).catch(function (p) {
      if (seq !== state.seq) return;
      $("answer").classList.add("stale");
      if (p && p.errors && p.errors.length) { A.problems.show(p.errors); setStatus("The API found a problem: see the marked fields."); }
      else { $("err-general").textContent = A.api.text(p || {}); $("err-general").hidden = false; setStatus(""); }
    }).then(function () { if (seq === state.seq) $("answer").classList.remove("busy"); });
    A.emit("plan", read.scenario);
  }

  /* The projection's warnings, next to the field each names (or in the list). */
  A.on("projection", function (answer) {
    var wl = $("warnings"), warns = answer.projection.warnings || [];
    wl.textContent = "";
    wl.hidden = true;
    A.problems.show(warns, "warn").forEach(function (t) {
      var li = document.createElement("li"); li.className = "warn"; li.textContent = t; wl.appendChild(li); wl.hidden = false;
    });
  });

  A.answer = { update: update, schedule: schedule, status: setStatus };
})(aicost);
