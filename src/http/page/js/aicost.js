/* The page's one global, `aicost`: every file of js/ adds itself to it, and
 * reads what it needs of the others when it runs (not when it loads), so that
 * a new view or card is one new file and one line in meson.build.
 *
 * What the files share:
 *   aicost.$(id)        document.getElementById
 *   aicost.state        the view's state (below); the link (link.js) holds it
 *   aicost.on(name, fn) / aicost.emit(name, ...)  the page's events, below
 *   aicost.format, .api, .problems, .form, .pickers, .answer, .link, .compare,
 *   .plan:
 *                       what each file offers the others (see each file)
 *
 * The events, in the order the handlers registered (that is, file order):
 *   "catalogue" (cat)        the catalogue came: fill the pickers
 *   "read" (sc, f)           read the form's inputs into the scenario sc (form.js)
 *   "write" (sc, f)          write the scenario sc into the form's inputs (form.js)
 *   "sync" ()                show only the inputs that apply, refresh hints
 *   "plan" (sc)              a valid plan was sent to the API
 *   "projection" (answer)    the API answered it: { scenario, projection, seq };
 *                            a handler may return a promise (the page stays
 *                            busy until all have settled)
 *   "options" ()             the options compared were replaced (from a link)
 */
"use strict";
var aicost = (function () {
  var handlers = {};
  return {
    MAX_OPTIONS: 4,
    $: function (id) { return document.getElementById(id); },
    /* catalogue: GET v1/catalogue; options: the scenarios compared; seq
     * numbers the plans sent so that only the latest one's answer is drawn;
     * last: that plan with its projection. */
    state: { catalogue: null, options: [], seq: 0, last: null },
    on: function (name, fn) { (handlers[name] = handlers[name] || []).push(fn); },
    /* Calls every handler of name with the other arguments; returns their results. */
    emit: function (name) {
      var args = Array.prototype.slice.call(arguments, 1);
      return (handlers[name] || []).map(function (fn) { return fn.apply(null, args); });
    }
  };
})();
