// Offline map: Natural Earth country outlines, clustered markers for places and events.
// Names from articles go into popups as text nodes, never as HTML.
// With data-doc it is one document's map: its own places, unclustered and labelled
// with their precision (a town where the text names a town), one marker per spot.
(function () {
  "use strict";
  var box = document.getElementById("map");
  var status = document.getElementById("map-status");
  var MAX_PAGES = 20;
  var map = L.map(box, { worldCopyJump: true, minZoom: 1, maxZoom: 12 }).setView([48.5, 32], 4);
  var doc = box.dataset.doc;
  var precision = doc ? JSON.parse(box.dataset.precision || "{}") : {};
  var clusters = doc ? L.featureGroup() : L.markerClusterGroup();
  var spots = {};  // a document's place markers by coordinates
  map.addLayer(clusters);
  var counts = { places: 0, events: 0 };

  fetch(box.dataset.basemap).then(function (r) { return r.json(); }).then(function (geo) {
    L.geoJSON(geo, {
      style: { color: "#7a8793", weight: 1, fillColor: "#f2efe6", fillOpacity: 1 },
      onEachFeature: function (feature, layer) {
        if (feature.properties && feature.properties.name) layer.bindTooltip(String(feature.properties.name), { sticky: true });
      }
    }).addTo(map).bringToBack();
  });

  function popup(lines, href, label) {
    var div = document.createElement("div");
    lines.forEach(function (line, i) {
      var p = document.createElement(i === 0 ? "strong" : "div");
      p.textContent = line;
      div.appendChild(p);
    });
    if (href) {
      var a = document.createElement("a");
      a.href = href;
      a.textContent = label;
      div.appendChild(a);
    }
    return div;
  }

  function docHref(item, kind) {
    return "/documents/" + encodeURIComponent(item.doc_id) + "#" + kind + "-" + item.index;
  }

  function load(url, page, add) {
    if (!url || page >= MAX_PAGES) return Promise.resolve();
    return fetch(url).then(function (r) { return r.json(); }).then(function (body) {
      (body.items || []).forEach(add);
      report();
      if (body.next) {
        var next = new URL(body.next, location.href);
        return load(next.pathname + next.search, page + 1, add);
      }
    });
  }

  function report() {
    status.textContent = counts.places + " place mention(s) and " + counts.events + " located event(s) on the map";
  }

  function addPlace(item) {
    var p = item.place;
    if (typeof p.lat !== "number" || typeof p.lon !== "number") return;
    counts.places += 1;
    if (doc) return addDocPlace(item, p);
    L.marker([p.lat, p.lon], { title: String(p.name) })
      .bindPopup(popup([String(p.name), (item.published || "undated") + " · " + (item.title || item.doc_id)], docHref(item, "places"), "in the document →"))
      .addTo(clusters);
  }

  function addDocPlace(item, p) {
    var key = p.lat + "," + p.lon;
    var level = precision[p.precision] || "precision unknown";
    if (spots[key]) {
      spots[key].mentions += 1;
      spots[key].marker.setPopupContent(placePopup(item, p, level, spots[key].mentions));
      return;
    }
    var marker = L.marker([p.lat, p.lon], { title: String(p.name) + " · " + level })
      .bindTooltip(String(p.name) + " · " + level, { permanent: true, direction: "right", className: "map-label" })
      .bindPopup(placePopup(item, p, level, 1))
      .addTo(clusters);
    spots[key] = { marker: marker, mentions: 1 };
  }

  function placePopup(item, p, level, mentions) {
    var where = [p.country, p.feature].filter(Boolean).join(" · ");
    var lines = [String(p.name), level + (where ? " · " + where : ""), mentions + " mention(s)"];
    if (p.role) lines.push("named as " + String(p.role) + ", not where things happen");
    return popup(lines, docHref(item, "places"), "in the document →");
  }

  function addEvent(item) {
    var p = item.place;
    if (!p || typeof p.lat !== "number" || typeof p.lon !== "number") return;
    counts.events += 1;
    L.circleMarker([p.lat, p.lon], { radius: 7, color: "#c2410c" })
      .bindPopup(popup([String(item.event.plover) + " · " + (item.date || "undated"), String(item.event.text)], docHref(item, "events"), "in the document →"))
      .addTo(clusters);
  }

  var url = function (u) { return u + (u.indexOf("?") < 0 ? "?" : "&") + "limit=500"; };
  // data-settled tells a reader (and the browser tests) that the first view has
  // landed: until the zoom animation ends, the basemap is drawn at the old scale.
  function settle() { box.dataset.settled = "true"; }

  Promise.all([load(url(box.dataset.places), 0, addPlace), load(url(box.dataset.events), 0, addEvent)]).then(function () {
    report();
    map.once("moveend", settle);
    if (box.dataset.focusLat) {
      var at = [parseFloat(box.dataset.focusLat), parseFloat(box.dataset.focusLon)];
      map.setView(at, 8);
      L.popup().setLatLng(at).setContent(popup([box.dataset.focusName || ""])).openOn(map);
    } else if (clusters.getLayers().length) {
      map.fitBounds(clusters.getBounds().pad(0.3), { maxZoom: doc ? 9 : 7 });
    } else {
      settle();
    }
  });
})();
