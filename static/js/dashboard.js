/* Dashboard charts. Each <canvas data-dashboard-chart="ID"> reads its data from the
   <script type="application/json" id="ID"> block beside it (no inline JavaScript: a CSP forbids it).
   The table next to each chart carries the same numbers for screen readers and without JavaScript.
   Data: {kind: "bar" | "hbar" | "line", label, labels: [...], values: [...]} */
(function () {
  "use strict";
  if (typeof window.Chart === "undefined") { return; }
  var brand = "#0b4f8a";
  document.querySelectorAll("canvas[data-dashboard-chart]").forEach(function (canvas) {
    var source = document.getElementById(canvas.getAttribute("data-dashboard-chart"));
    if (!source) { return; }
    var data;
    try { data = JSON.parse(source.textContent); } catch (e) { return; }
    var line = data.kind === "line" && data.labels.length > 1;
    new window.Chart(canvas, {
      type: line ? "line" : "bar",
      data: {
        labels: data.labels,
        datasets: [{
          label: data.label,
          data: data.values,
          borderColor: brand,
          backgroundColor: line ? "rgba(11, 79, 138, 0.15)" : brand,
          pointRadius: 3,
          tension: 0
        }]
      },
      options: {
        indexAxis: data.kind === "hbar" ? "y" : "x",
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        plugins: { legend: { display: false } },
        scales: data.kind === "hbar"
          ? { x: { beginAtZero: true, ticks: { precision: 0 } } }
          : { y: { beginAtZero: true, ticks: { precision: data.kind === "line" ? undefined : 0 } } }
      }
    });
  });
})();
