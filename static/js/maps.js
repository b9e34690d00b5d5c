/* Maps of public pages, drawn with Leaflet from static/vendor/.
   #events-map: the search results, from the GeoJSON endpoint (same search).
   #event-map: one event, from a json_script tag.
   Every page also lists the same information in text, so the maps are a bonus:
   without JavaScript or map tiles nothing is lost. */
(function () {
  "use strict";
  if (!window.L) {
    return;
  }
  var L = window.L;
  var TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";
  var ATTRIBUTION = "&copy; OpenStreetMap contributors";

  function baseMap(element, center, zoom) {
    var map = L.map(element, { scrollWheelZoom: false }).setView(center, zoom);
    L.tileLayer(TILES, { maxZoom: 18, attribution: ATTRIBUTION }).addTo(map);
    return map;
  }

  function link(feature) {
    var anchor = document.createElement("a");
    anchor.href = feature.properties.url;
    anchor.textContent = feature.properties.title;
    var wrapper = document.createElement("div");
    wrapper.appendChild(anchor);
    var when = document.createElement("div");
    when.textContent = feature.properties.date + ", " + feature.properties.address;
    wrapper.appendChild(when);
    return wrapper;
  }

  var results = document.getElementById("events-map");
  if (results) {
    var map = baseMap(results, [39.5, -98.35], 3);
    fetch(results.dataset.geojsonUrl, { headers: { Accept: "application/geo+json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (collection) {
        if (!collection || !collection.features.length) {
          return;
        }
        var layer = L.geoJSON(collection, {
          pointToLayer: function (feature, latlng) {
            return L.circleMarker(latlng, {
              radius: 8, color: "#12355b", fillColor: "#1f5c99", fillOpacity: 0.8, weight: 2,
              className: "event-marker"
            });
          },
          onEachFeature: function (feature, marker) {
            marker.bindPopup(link(feature));
          }
        }).addTo(map);
        map.fitBounds(layer.getBounds(), { maxZoom: 13, padding: [20, 20] });
        results.dataset.markers = String(collection.features.length);
      });
  }

  var single = document.getElementById("event-map");
  var data = document.getElementById("event-map-data");
  if (single && data) {
    var point = JSON.parse(data.textContent);
    var eventMap = baseMap(single, [point.lat, point.lon], 14);
    L.circleMarker([point.lat, point.lon], {
      radius: 10, color: "#12355b", fillColor: "#1f5c99", fillOpacity: 0.8, className: "event-marker"
    }).bindTooltip(point.title).addTo(eventMap);
  }
})();
