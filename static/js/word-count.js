/* Live word counter for a textarea with a word limit: <textarea data-max-words="200"
   data-words-text="%(count)s dari %(max)s kata" data-words-over="... %(over)s ...">.
   Progressive enhancement: without this file the help text states the limit and the server checks it.
   The texts come from the page (translated by Django), so the counter speaks the page's language.
   Words are counted as the server counts them (Python's str.split: runs of whitespace). */
(function () {
  "use strict";

  function countWords(text) {
    var trimmed = text.trim();
    return trimmed ? trimmed.split(/\s+/).length : 0;
  }

  function fill(template, values) {
    return template.replace(/%\((\w+)\)s/g, function (_match, key) {
      return key in values ? String(values[key]) : "";
    });
  }

  function attach(area) {
    var max = parseInt(area.getAttribute("data-max-words"), 10);
    if (!max) {
      return;
    }
    var textFor = area.getAttribute("data-words-text") || "%(count)s / %(max)s";
    var overFor = area.getAttribute("data-words-over") || textFor;
    // What sighted users see changes on every key; what screen readers hear is a polite region
    // updated once typing pauses, so that a word is not announced at every keystroke.
    var shown = document.createElement("div");
    shown.className = "form-text word-count";
    shown.id = area.id + "-word-count";
    shown.setAttribute("aria-hidden", "true");
    var spoken = document.createElement("div");
    spoken.className = "visually-hidden";
    spoken.setAttribute("aria-live", "polite");
    spoken.setAttribute("aria-atomic", "true");
    area.insertAdjacentElement("afterend", spoken);
    area.insertAdjacentElement("afterend", shown);
    var timer = null;

    function message() {
      var count = countWords(area.value);
      var values = { count: count, max: max, over: count - max };
      return { over: count > max, text: fill(count > max ? overFor : textFor, values) };
    }

    function update(announce) {
      var state = message();
      shown.textContent = state.text;
      shown.classList.toggle("text-danger", state.over);
      shown.classList.toggle("fw-semibold", state.over);
      if (announce) {
        window.clearTimeout(timer);
        timer = window.setTimeout(function () {
          spoken.textContent = message().text;
        }, 1000);
      }
    }

    area.addEventListener("input", function () {
      update(true);
    });
    update(false);
  }

  function init() {
    var areas = document.querySelectorAll("textarea[data-max-words]");
    for (var i = 0; i < areas.length; i++) {
      attach(areas[i]);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
