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
  // <form data-confirm-choice>: a chosen radio carrying data-confirm (a decision that sends a record
  // back or closes it) asks before the form is sent.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form || !form.matches || !form.matches("[data-confirm-choice]")) {
      return;
    }
    var chosen = form.querySelector("input[type=radio][data-confirm]:checked");
    if (chosen && !window.confirm(chosen.getAttribute("data-confirm"))) {
      event.preventDefault();
    }
  });
  // <details data-fold-on-phone>: a list's filter panel starts folded on a phone (below Bootstrap's
  // lg breakpoint) unless a filter is set, so the first screen shows the list rather than the form.
  // From 992 px the panel's summary line is hidden, so a panel folded on a narrower window opens again.
  var phone = window.matchMedia("(max-width: 991.98px)");
  if (phone.matches) {
    document.querySelectorAll("details[data-fold-on-phone]:not([data-active])").forEach(function (panel) {
      panel.open = false;
    });
  }
  phone.addEventListener("change", function (event) {
    if (!event.matches) {
      document.querySelectorAll("details[data-fold-on-phone]").forEach(function (panel) {
        panel.open = true;
      });
    }
  });
  // A table wider than its box (.table-responsive) scrolls sideways: make that box reachable and
  // scrollable with the keyboard, named after the table's caption, only while it overflows.
  function markScrollableTables() {
    document.querySelectorAll(".table-responsive").forEach(function (box) {
      var overflows = box.scrollWidth > box.clientWidth + 1;
      if (overflows && !box.hasAttribute("tabindex")) {
        var caption = box.querySelector("caption");
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", caption ? caption.textContent.trim() : document.title);
        box.setAttribute("data-scroll-region", "");
      } else if (!overflows && box.hasAttribute("data-scroll-region")) {
        ["tabindex", "role", "aria-label", "data-scroll-region"].forEach(function (name) {
          box.removeAttribute(name);
        });
      }
    });
  }
  document.addEventListener("DOMContentLoaded", markScrollableTables);
  window.addEventListener("resize", markScrollableTables);
  document.addEventListener("htmx:afterSwap", markScrollableTables);
})();
