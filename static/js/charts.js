/* Charts of impact indicators. Each <canvas data-chart="ID"> reads its data from the
   <script type="application/json" id="ID"> block beside it (no inline JavaScript: a CSP forbids it).
   The table next to each chart carries the same numbers for screen readers and without JavaScript. */
(function () {
  "use strict";
  if (typeof window.Chart === "undefined") { return; }
  var brand = "#0b4f8a";
  var targetColour = "#8a4b00";
  document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
    var source = document.getElementById(canvas.getAttribute("data-chart"));
    if (!source) { return; }
    var data;
    try { data = JSON.parse(source.textContent); } catch (e) { return; }
    var single = data.labels.length < 2;
    var datasets = [{
      type: single ? "bar" : "line",
      label: data.label + " (" + data.unit + ")",
      data: data.values,
      borderColor: brand,
      backgroundColor: single ? brand : "rgba(11, 79, 138, 0.15)",
      pointRadius: 4,
      tension: 0
    }];
    if (data.target !== null && data.target !== undefined) {
      datasets.push({
        type: "line",
        label: data.targetLabel,
        data: data.labels.map(function () { return data.target; }),
        borderColor: targetColour,
        borderDash: [6, 4],
        pointRadius: 0
      });
    }
    new window.Chart(canvas, {
      data: { labels: data.labels, datasets: datasets },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        plugins: { legend: { display: true, position: "bottom" } },
        scales: { y: { beginAtZero: true } }
      }
    });
  });
})();
