/* Small behaviours of the portal's pages. The Content-Security-Policy forbids inline scripts and
   on*= attributes, so pages mark elements with data- attributes and this file wires them up. */
(function () {
  "use strict";
  // <input data-select-on-focus>: select the whole value when focused (e.g. a new API token to copy).
  document.addEventListener("focusin", function (event) {
    var el = event.target;
    if (el && el.matches && el.matches("[data-select-on-focus]") && typeof el.select === "function") {
      el.select();
    }
  });
})();
