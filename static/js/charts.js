/* Charts of the portal (Chart.js). Each <canvas data-chart="ID"> (indicators) or
   <canvas data-dashboard-chart="ID"> (home page) reads its data from the
   <script type="application/json" id="ID"> block beside it (no inline JavaScript: a CSP forbids it).
   The table after each chart carries the same numbers, for screen readers and without JavaScript.
   Data: {kind: "hbar" | "bar", label, unit?, labels: [...], values: [...], fullLabels?: [...], lines?: n}
   (fullLabels: the whole labels, for the tooltip, when `labels` are short forms; lines: at most this
   many lines of a bar's label, default 2).

   window.jippCharts.number(value) is the one way a chart writes a number: in the page's language
   (<html lang>), 8.200.000 in Indonesian and 8,200,000 in English. */
(function () {
  "use strict";
  var lang = document.documentElement.lang || "id";
  var numberFormat = new Intl.NumberFormat(lang, { maximumFractionDigits: 2 });
  var brand = "#0b4f8a";
  var LINE_HEIGHT = 14; // px per line of a label (12 px type)

  function number(value) {
    return numberFormat.format(value);
  }

  // A label cut into lines of at most `width` characters, at spaces; past maxLines it ends with "…"
  // (the tooltip and the table give it in full).
  function wrap(label, width, maxLines) {
    var words = String(label).split(/\s+/), lines = [], line = "";
    words.forEach(function (word) {
      if (line && (line + " " + word).length > width) { lines.push(line); line = word; }
      else { line = line ? line + " " + word : word; }
    });
    if (line) { lines.push(line); }
    lines = lines.map(function (l) { return l.length > width ? l.slice(0, width - 1) + "…" : l; });
    maxLines = maxLines || 2;
    if (lines.length > maxLines) {
      lines = lines.slice(0, maxLines);
      var last = lines[maxLines - 1];
      lines[maxLines - 1] = (last.length >= width ? last.slice(0, width - 1) : last) + "…";
    }
    return lines;
  }

  window.jippCharts = { number: number, wrap: wrap };
  // A table opened from its <details> may be wider than a phone: let portal.js measure it again (it
  // makes an overflowing .table-responsive box keyboard-scrollable on resize).
  document.addEventListener("toggle", function () { window.dispatchEvent(new Event("resize")); }, true);
  if (typeof window.Chart === "undefined") { return; }

  function draw(canvas, data) {
    var horizontal = data.kind === "hbar";
    var box = canvas.parentNode;
    // Labels take at most about 45% of the chart's width (about 6.5 px a character).
    var width = Math.max(12, Math.floor(box.clientWidth * 0.45 / 6.5));
    if (horizontal) {
      // As tall as its bars, each as tall as its longest wrapped label: a chart of 3 rows is short,
      // one of 17 rows is not squeezed.
      var lines = Math.max.apply(null, data.labels.map(function (l) { return wrap(l, width, data.lines).length; }).concat([1]));
      box.style.height = (data.labels.length * (lines * LINE_HEIGHT + 8) + 48) + "px";
    } else if (box.clientWidth < 480) {
      box.style.height = "180px"; // a phone: a lower chart, still with every bar
    }
    // Level value ticks, as many as fit (8,000,000 is about 80 px wide).
    var valueAxis = {
      beginAtZero: true,
      ticks: { precision: 0, maxRotation: 0, maxTicksLimit: horizontal ? Math.max(3, Math.floor(box.clientWidth / 90)) : 8,
               callback: function (v) { return number(v); } }
    };
    var labelAxis = {
      ticks: {
        autoSkip: false,
        callback: function (value) { return horizontal ? wrap(this.getLabelForValue(value), width, data.lines) : this.getLabelForValue(value); }
      }
    };
    var name = data.unit ? data.label + " (" + data.unit + ")" : data.label;
    new window.Chart(canvas, {
      type: "bar",
      data: { labels: data.labels, datasets: [{ label: name, data: data.values, backgroundColor: brand, maxBarThickness: 28 }] },
      options: {
        indexAxis: horizontal ? "y" : "x",
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        plugins: {
          legend: { display: false },
          tooltip: {
            callbacks: {
              title: function (items) { return items.length ? (data.fullLabels || data.labels)[items[0].dataIndex] : ""; },
              label: function (item) { return name + ": " + number(item.raw); }
            }
          }
        },
        scales: horizontal ? { x: valueAxis, y: labelAxis } : { x: labelAxis, y: valueAxis }
      }
    });
  }

  document.querySelectorAll("canvas[data-chart], canvas[data-dashboard-chart]").forEach(function (canvas) {
    var source = document.getElementById(canvas.getAttribute("data-chart") || canvas.getAttribute("data-dashboard-chart"));
    if (!source) { return; }
    var data;
    try { data = JSON.parse(source.textContent); } catch (e) { return; }
    draw(canvas, data);
  });
})();
