/* global L -- leaflet.js from /static/leaflet/ (the app's copy, never a CDN), loaded deferred just before this file */
// Turns the job map the server drew (src/modules/jobs/jobs.map.ts) into an interactive Leaflet map over the tile server
// the platform is configured with (MAP_TILE_URL): the same places as markers a keyboard reaches, each opening a popup
// with its link, and the same distance circle. Pages load this file only when a tile server is configured; without it,
// without Leaflet, or without JavaScript the drawing stays, and the list of places below it is there either way. A file,
// not an inline script: the CSP allows scripts from the app only. Everything comes from the map's own markup (the
// container's data-tile-url and data-tile-attribution, each marker link's data-lat, data-lon, data-count and title).
(function () {
  var CIRCLE_COLOUR = '#a8005c';
  var DENMARK = [
    [54.5, 7.8],
    [57.8, 15.3],
  ];

  // Leaflet writes the attribution as HTML; the configured attribution is plain text.
  function escapeHtml(text) {
    return text.replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }

  function numberOf(element, name) {
    var value = element.getAttribute(name);
    return value === null || value === '' ? NaN : Number(value);
  }

  function placesIn(svg) {
    var places = [];
    var links = svg.querySelectorAll('a[data-lat][data-lon]');
    for (var i = 0; i < links.length; i++) {
      var link = links[i];
      var title = link.querySelector('title');
      var place = {
        lat: numberOf(link, 'data-lat'),
        lon: numberOf(link, 'data-lon'),
        count: numberOf(link, 'data-count') || 1,
        href: link.getAttribute('href'),
        label: title ? title.textContent : '',
      };
      if (isFinite(place.lat) && isFinite(place.lon) && place.href) places.push(place);
    }
    return places;
  }

  function markerFor(place) {
    var shown = place.count > 999 ? '999+' : String(place.count);
    var size = place.count > 1 ? 26 : 18;
    var icon = L.divIcon({
      className: place.count > 1 ? 'job-map-pin job-map-pin-count' : 'job-map-pin',
      html: place.count > 1 ? shown : '',
      iconSize: [size, size],
    });
    var marker = L.marker([place.lat, place.lon], { icon: icon, title: place.label, keyboard: true, riseOnHover: true });
    var link = document.createElement('a');
    link.href = place.href;
    link.textContent = place.label;
    marker.bindPopup(link);
    marker.on('add', function () {
      var element = marker.getElement();
      // Leaflet makes the marker a button named only by its title; say what it is to screen readers as well.
      if (element) element.setAttribute('aria-label', place.label);
    });
    return marker;
  }

  function enhance(holder) {
    var svg = holder.querySelector('svg');
    var tileUrl = holder.getAttribute('data-tile-url');
    if (!svg || !tileUrl) return;
    var places = placesIn(svg);
    var circleShape = svg.querySelector('[data-radius-km]');
    var title = svg.querySelector('title');

    var container = document.createElement('div');
    container.className = 'job-map-leaflet';
    container.setAttribute('role', 'region');
    if (title) container.setAttribute('aria-label', title.textContent);
    svg.parentNode.replaceChild(container, svg);
    // The caption credits the drawing's outline (Natural Earth); the tiles carry their own attribution.
    var caption = holder.querySelector('.job-map-caption');
    if (caption) caption.hidden = true;

    var map = L.map(container, { scrollWheelZoom: false });
    L.tileLayer(tileUrl, { attribution: escapeHtml(holder.getAttribute('data-tile-attribution') || ''), maxZoom: 18 }).addTo(map);
    var bounds = L.latLngBounds([]);
    places.forEach(function (place) {
      markerFor(place).addTo(map);
      bounds.extend([place.lat, place.lon]);
    });
    if (circleShape) {
      var lat = numberOf(circleShape, 'data-lat');
      var lon = numberOf(circleShape, 'data-lon');
      var radiusKm = numberOf(circleShape, 'data-radius-km');
      if (isFinite(lat) && isFinite(lon) && radiusKm > 0) {
        var centre = L.latLng(lat, lon);
        L.circle(centre, { radius: radiusKm * 1000, color: CIRCLE_COLOUR, weight: 2.5, fillColor: CIRCLE_COLOUR, fillOpacity: 0.07, interactive: false }).addTo(map);
        bounds.extend(centre.toBounds(radiusKm * 2000));
        // The circle is drawing only (the page says the distance in words); Leaflet's unnamed SVG stays out of the way.
        map.whenReady(function () {
          var drawing = map.getPanes().overlayPane.querySelector('svg');
          if (drawing) drawing.setAttribute('aria-hidden', 'true');
        });
      }
    }
    if (bounds.isValid()) map.fitBounds(bounds, { padding: [24, 24], maxZoom: 12 });
    else map.fitBounds(DENMARK);
    // A popup opened from the keyboard is read next: its link gets the focus, rather than waiting after every marker.
    map.on('popupopen', function (event) {
      var link = event.popup.getElement() && event.popup.getElement().querySelector('a');
      if (link) link.focus({ preventScroll: true });
    });
  }

  function start() {
    if (typeof L === 'undefined') return;
    var holders = document.querySelectorAll('.job-map[data-tile-url]');
    for (var i = 0; i < holders.length; i++) enhance(holders[i]);
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
