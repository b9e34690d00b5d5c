/* The dashboard's chart (Chart.js) and map (Leaflet), from data in json_script tags.
   Both libraries are served from static/vendor/. The figures are also in tables on
   the page, so nothing is lost when scripts or map tiles cannot load. */
(function () {
  "use strict";

  function readData(id) {
    var element = document.getElementById(id);
    return element ? JSON.parse(element.textContent) : null;
  }

  var perYear = readData("per-year-data");
  var canvas = document.getElementById("per-year-chart");
  if (perYear && canvas && window.Chart) {
    new window.Chart(canvas, {
      type: "bar",
      data: {
        labels: perYear.map(function (row) { return row.year; }),
        datasets: [
          { label: canvas.dataset.eventsLabel, data: perYear.map(function (row) { return row.events; }), backgroundColor: "#1f5c99" },
          { label: canvas.dataset.communitiesLabel, data: perYear.map(function (row) { return row.communities; }), backgroundColor: "#e07a1f" }
        ]
      },
      options: { responsive: true, animation: false, scales: { y: { beginAtZero: true } } }
    });
  }

  var points = readData("state-map-data");
  var mapElement = document.getElementById("state-map");
  if (points && mapElement && window.L) {
    var map = window.L.map(mapElement, { scrollWheelZoom: false }).setView([39.5, -98.35], 3);
    window.L.tileLayer("https://tile.openstreetmap.org/{z}/{x}/{y}.png", {
      maxZoom: 8,
      attribution: "&copy; OpenStreetMap contributors"
    }).addTo(map);
    var most = Math.max.apply(null, [1].concat(points.map(function (p) { return p.events; })));
    points.forEach(function (point) {
      window.L.circleMarker([point.lat, point.lon], {
        radius: 4 + 20 * Math.sqrt(point.events / most),
        color: "#12355b",
        fillColor: "#1f5c99",
        fillOpacity: 0.6,
        weight: 1,
        className: "state-marker state-" + point.state
      })
        .bindTooltip(point.name + ": " + point.events + " / " + point.communities)
        .addTo(map);
    });
  }
})();
