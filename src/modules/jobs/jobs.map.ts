// The job search's map (issue 17): Denmark drawn on the server as SVG, with the search's results as markers and its
// distance circle. It works without JavaScript: every marker is a link with a title, reached by keyboard like any link,
// and the same places follow as a list, the map's text alternative. Only when a tile server is configured
// (MAP_TILE_URL) does public/jobs-map.js turn the drawing into an interactive Leaflet map, from the app's own copy of
// Leaflet (/static/leaflet/): nothing is ever loaded from a CDN.
//
// The outline is Natural Earth's 1:10m Admin 0 countries (public domain, https://www.naturalearthdata.com), as the
// world-atlas package's TopoJSON (ISC); every map credits Natural Earth in its caption. It is projected in UTM zone 32N
// (ETRS89 / EPSG:25832, the grid Danish maps use), and Bornholm is drawn in an inset in the top-right corner, as Danish
// maps do, so the rest of the country keeps its size; markers and a circle on Bornholm are drawn in the inset. The
// outline is worked out once per process. The SVG is a group of links (role="group"), not role="img": an image's
// children are presentational, which would hide the links from screen readers while keyboards still reach them.
// Colours are presentation attributes (the CSP allows no inline styles) with at least 3:1 against land and sea for
// the coast (#5e6b58: 4.2 and 5.1), the markers (#0059b3: 5.1 and 6.2) and the circle (#a8005c: 5.6 and 6.7).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { feature } from 'topojson-client';
import type { GeometryObject, Topology } from 'topojson-specification';
import type { Config } from '../../platform/config.ts';
import { html, type SafeHtml } from '../../platform/views/html.ts';

export type JobMapMarker = {
  id: string;
  lat: number;
  lon: number;
  /** What the place is called (a town), or the ad's title where a marker is one ad. */
  label: string;
  href: string;
  /** The ads at the place; absent for a marker that is one ad. */
  count?: number;
};

export type JobMapCircle = { lat: number; lon: number; radiusKm: number; label: string };

/** What a page includes for the interactive map: nothing at all unless a tile server is configured. */
export type MapEnhancement = {
  enabled: boolean;
  /** Attributes for the map's container: the tile address and its attribution. */
  attributes: SafeHtml;
  /** Leaflet's stylesheet and script and the enhancing script, deferred; placed after the map. */
  assets: SafeHtml;
};

export type JobMapInput = {
  markers: JobMapMarker[];
  circle?: JobMapCircle | undefined;
  title: string;
  description: string;
  lang: 'da' | 'en';
  /** The map's id (and its title's and description's ids' start), for a page with more than one map. */
  id?: string;
  /** From `mapEnhancement(config)`: the interactive map, when a tile server is configured. */
  enhancement?: MapEnhancement | undefined;
};

const SEA = '#eef4fa';
const LAND = '#d9e2cc';
const COAST = '#5e6b58';
const MARKER = '#0059b3';
const CIRCLE = '#a8005c';

/** Metres of UTM 32N per unit of the drawing: about 600 units across Denmark west of Bornholm. */
const METRES_PER_UNIT = 550;
/** What the main drawing shows (degrees), and the inset's part: Bornholm and Ertholmene. */
const MAIN_BOX = { west: 7.8, east: 12.9, south: 54.5, north: 57.8 };
const BORNHOLM_BOX = { west: 14.62, east: 15.24, south: 54.96, north: 55.34 };
const INSET_MARGIN = 8;
/** Douglas–Peucker tolerance in units of the drawing (275 m): about 1,400 points, every island still its shape. */
const SIMPLIFY_TOLERANCE = 0.5;
/** Mean Earth radius (IUGG), for the great-circle distance circle. */
const EARTH_RADIUS_KM = 6371.0088;
const CIRCLE_POINTS = 72;

const texts = {
  da: {
    attribution: 'Kortgrundlag: Natural Earth (offentligt domæne).',
    places: 'Stederne på kortet som liste',
    jobs: (n: number) => `${n} job`,
  },
  en: {
    attribution: 'Map data: Natural Earth (public domain).',
    places: 'The places on the map as a list',
    jobs: (n: number) => (n === 1 ? '1 job' : `${n} jobs`),
  },
} as const;

// ---------------------------------------------------------------------------------------------------------------------
// Projection: transverse Mercator on GRS80 with Krüger's series to n⁴ (Karney 2011), exact to well under a metre this
// far from the central meridian (9° E); zone 32N's false easting and scale.

const GRS80_A = 6378137;
const GRS80_F = 1 / 298.257222101;
const UTM_K0 = 0.9996;
const UTM_32_LON0 = 9;
const UTM_FALSE_EASTING = 500_000;

const tm = (() => {
  const n = GRS80_F / (2 - GRS80_F);
  const n2 = n * n;
  const n3 = n2 * n;
  const n4 = n3 * n;
  return {
    e: (2 * Math.sqrt(n)) / (1 + n),
    A: (GRS80_A / (1 + n)) * (1 + n2 / 4 + n4 / 64),
    alpha: [
      n / 2 - (2 * n2) / 3 + (5 * n3) / 16 + (41 * n4) / 180,
      (13 * n2) / 48 - (3 * n3) / 5 + (557 * n4) / 1440,
      (61 * n3) / 240 - (103 * n4) / 140,
      (49561 * n4) / 161280,
    ],
  };
})();

/** UTM zone 32N easting and northing (metres) of a point given in degrees. */
function utm32(lat: number, lon: number): { e: number; n: number } {
  const phi = (lat * Math.PI) / 180;
  const dLambda = ((lon - UTM_32_LON0) * Math.PI) / 180;
  const sinPhi = Math.sin(phi);
  const t = Math.sinh(Math.atanh(sinPhi) - tm.e * Math.atanh(tm.e * sinPhi));
  const xi = Math.atan2(t, Math.cos(dLambda));
  const eta = Math.atanh(Math.sin(dLambda) / Math.sqrt(1 + t * t));
  let x = eta;
  let y = xi;
  tm.alpha.forEach((a, i) => {
    const k = 2 * (i + 1);
    x += a * Math.cos(k * xi) * Math.sinh(k * eta);
    y += a * Math.sin(k * xi) * Math.cosh(k * eta);
  });
  return { e: UTM_FALSE_EASTING + UTM_K0 * tm.A * x, n: UTM_K0 * tm.A * y };
}

type Box = { west: number; east: number; south: number; north: number };
type Rect = { x: number; y: number; width: number; height: number };
type Point = { x: number; y: number };

/** The projected extent of a box of degrees (its edges are curves in UTM: sampled every 0.05°). */
function projectedExtent(box: Box): { minE: number; maxE: number; minN: number; maxN: number } {
  const extent = { minE: Infinity, maxE: -Infinity, minN: Infinity, maxN: -Infinity };
  const add = (lat: number, lon: number) => {
    const { e, n } = utm32(lat, lon);
    extent.minE = Math.min(extent.minE, e);
    extent.maxE = Math.max(extent.maxE, e);
    extent.minN = Math.min(extent.minN, n);
    extent.maxN = Math.max(extent.maxN, n);
  };
  for (let lon = box.west; lon <= box.east + 1e-9; lon += 0.05) [box.south, box.north].forEach((lat) => add(lat, lon));
  for (let lat = box.south; lat <= box.north + 1e-9; lat += 0.05) [box.west, box.east].forEach((lon) => add(lat, lon));
  return extent;
}

const mainExtent = projectedExtent(MAIN_BOX);
const WIDTH = round1((mainExtent.maxE - mainExtent.minE) / METRES_PER_UNIT);
const HEIGHT = round1((mainExtent.maxN - mainExtent.minN) / METRES_PER_UNIT);

/** A point in the main drawing's units, before the inset moves Bornholm: x east, y south, from the box's corner. */
function projectRaw(lat: number, lon: number): Point {
  const { e, n } = utm32(lat, lon);
  return { x: (e - mainExtent.minE) / METRES_PER_UNIT, y: (mainExtent.maxN - n) / METRES_PER_UNIT };
}

/** Bornholm's part in raw units (the inset's viewBox), and where the inset sits in the drawing: the top-right corner. */
const inset = (() => {
  const extent = projectedExtent(BORNHOLM_BOX);
  const view: Rect = {
    x: (extent.minE - mainExtent.minE) / METRES_PER_UNIT,
    y: (mainExtent.maxN - extent.maxN) / METRES_PER_UNIT,
    width: (extent.maxE - extent.minE) / METRES_PER_UNIT,
    height: (extent.maxN - extent.minN) / METRES_PER_UNIT,
  };
  const place: Rect = { x: WIDTH - INSET_MARGIN - view.width, y: INSET_MARGIN, width: view.width, height: view.height };
  return { view, place };
})();

/** Bornholm and the sea around it, shown in the inset; east of 14° nothing else of Denmark lies. */
function inInset(lon: number): boolean {
  return lon >= 14;
}

/**
 * Where a point (degrees) is drawn on the map, in the SVG's viewBox units (x east, y south): in the main drawing, or
 * in the Bornholm inset for a point east of 14° E. Points outside the map's box come out outside the viewBox.
 */
export function projectPoint(lat: number, lon: number): Point {
  const raw = projectRaw(lat, lon);
  if (!inInset(lon)) return raw;
  return { x: raw.x - inset.view.x + inset.place.x, y: raw.y - inset.view.y + inset.place.y };
}

// ---------------------------------------------------------------------------------------------------------------------
// The outline, read from world-atlas and made into two SVG paths once per process.

type Outline = { main: string; bornholm: string };
let outline: Outline | undefined;

function denmarkOutline(): Outline {
  if (outline) return outline;
  const file = createRequire(import.meta.url).resolve('world-atlas/countries-10m.json');
  const topology = JSON.parse(readFileSync(file, 'utf8')) as Topology<{ countries: { type: 'GeometryCollection'; geometries: GeometryObject[] } }>;
  // Natural Earth's Denmark (ISO 3166-1 numeric 208) is the metropolitan country: Greenland and the Faroes are apart.
  const geometry = topology.objects.countries.geometries.find((g) => String(g.id) === '208');
  if (!geometry) throw new Error('world-atlas/countries-10m.json has no Denmark (208)');
  const shape = feature(topology, geometry);
  if (!('geometry' in shape) || shape.geometry.type !== 'MultiPolygon') throw new Error('Denmark in world-atlas is not a MultiPolygon');
  const main: string[] = [];
  const bornholm: string[] = [];
  for (const polygon of shape.geometry.coordinates) {
    const first = polygon[0]?.[0];
    if (!first) continue;
    const into = inInset(first[0] ?? 0) ? bornholm : main;
    for (const ring of polygon)
      into.push(
        ringPath(
          simplify(
            ring.map(([lon = 0, lat = 0]) => projectRaw(lat, lon)),
            SIMPLIFY_TOLERANCE,
          ),
        ),
      );
  }
  outline = { main: main.join(''), bornholm: bornholm.join('') };
  return outline;
}

/** Douglas–Peucker: the points a ring keeps when nothing it drops lies further than `tolerance` from the line kept. */
function simplify(points: Point[], tolerance: number): Point[] {
  if (points.length <= 4) return points;
  const keep = new Uint8Array(points.length);
  keep[0] = 1;
  keep[points.length - 1] = 1;
  const stack: [number, number][] = [[0, points.length - 1]];
  while (stack.length > 0) {
    const [from, to] = stack.pop() ?? [0, 0];
    let furthest = -1;
    let distance = tolerance;
    for (let i = from + 1; i < to; i++) {
      const d = distanceToSegment(points[i], points[from], points[to]);
      if (d > distance) {
        distance = d;
        furthest = i;
      }
    }
    if (furthest > 0) {
      keep[furthest] = 1;
      stack.push([from, furthest], [furthest, to]);
    }
  }
  const kept = points.filter((_, i) => keep[i] === 1);
  // A closed ring's first and last points are one: its furthest point from there keeps a small island a shape.
  return kept.length >= 4 ? kept : points;
}

function distanceToSegment(p: Point | undefined, a: Point | undefined, b: Point | undefined): number {
  if (!p || !a || !b) return 0;
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const length2 = dx * dx + dy * dy;
  const t = length2 === 0 ? 0 : Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / length2));
  return Math.hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
}

/** A closed ring as a path: the first point absolute, the others relative to the one before, to a tenth of a unit. */
function ringPath(points: Point[]): string {
  let out = '';
  let last: Point | undefined;
  for (const point of points) {
    const x = round1(point.x);
    const y = round1(point.y);
    if (!last) out += `M${num(x)} ${num(y)}l`;
    else if (x !== last.x || y !== last.y) out += `${num(round1(x - last.x))} ${num(round1(y - last.y))} `;
    last = { x, y };
  }
  return `${out.trimEnd()}z`;
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

/** A number as short as SVG reads it: 0.5 as .5, -0.5 as -.5. */
function num(value: number): string {
  return String(value).replace(/^(-?)0\./, '$1.');
}

// ---------------------------------------------------------------------------------------------------------------------
// The distance circle.

/**
 * The points at `radiusKm` from a centre by the great circle, every 360/`steps` degrees of bearing from north:
 * the circle as it lies on the ground, which the map's projection then draws.
 */
export function circlePoints(lat: number, lon: number, radiusKm: number, steps: number = CIRCLE_POINTS): { lat: number; lon: number }[] {
  const phi1 = (lat * Math.PI) / 180;
  const lambda1 = (lon * Math.PI) / 180;
  const delta = radiusKm / EARTH_RADIUS_KM;
  return Array.from({ length: steps }, (_, i) => {
    const theta = (2 * Math.PI * i) / steps;
    const phi2 = Math.asin(Math.sin(phi1) * Math.cos(delta) + Math.cos(phi1) * Math.sin(delta) * Math.cos(theta));
    const lambda2 = lambda1 + Math.atan2(Math.sin(theta) * Math.sin(delta) * Math.cos(phi1), Math.cos(delta) - Math.sin(phi1) * Math.sin(phi2));
    return { lat: (phi2 * 180) / Math.PI, lon: (lambda2 * 180) / Math.PI };
  });
}

/** The circle in raw units (drawn in the main drawing, and again in the inset when it reaches Bornholm). */
function circleShape(circle: JobMapCircle, enhanced: boolean): { shape: SafeHtml; reachesInset: boolean } {
  const points = circlePoints(circle.lat, circle.lon, circle.radiusKm).map((p) => projectRaw(p.lat, p.lon));
  const d = `M${points.map((p) => `${num(round1(p.x))} ${num(round1(p.y))}`).join('L')}Z`;
  const centre = projectRaw(circle.lat, circle.lon);
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const { view } = inset;
  const reachesInset =
    Math.max(...xs) >= view.x && Math.min(...xs) <= view.x + view.width && Math.max(...ys) >= view.y && Math.min(...ys) <= view.y + view.height;
  const data = enhanced ? html` data-lat="${circle.lat.toFixed(4)}" data-lon="${circle.lon.toFixed(4)}" data-radius-km="${String(circle.radiusKm)}"` : '';
  return {
    shape: html`<path class="job-map-circle" d="${d}" fill="${CIRCLE}" fill-opacity=".07" stroke="${CIRCLE}" stroke-width="2.5"${data}><title>${circle.label}</title></path><circle cx="${num(round1(centre.x))}" cy="${num(round1(centre.y))}" r="3" fill="${CIRCLE}"></circle>`,
    reachesInset,
  };
}

// ---------------------------------------------------------------------------------------------------------------------
// The map.

type Place = { marker: JobMapMarker; count: number | undefined };

/**
 * Markers at the same spot (to about ten metres) become one, with their counts added up (an ad without a count is
 * one); the first keeps its label and link. A page with several ads in one town passes one marker for the town, with
 * `count` and a link to them, rather than relying on this.
 */
function placesOf(markers: JobMapMarker[]): Place[] {
  const byPosition = new Map<string, Place>();
  for (const marker of markers) {
    if (!Number.isFinite(marker.lat) || !Number.isFinite(marker.lon)) continue;
    const key = `${marker.lat.toFixed(4)},${marker.lon.toFixed(4)}`;
    const known = byPosition.get(key);
    if (known) known.count = (known.count ?? 1) + (marker.count ?? 1);
    else byPosition.set(key, { marker, count: marker.count });
  }
  return [...byPosition.values()];
}

function placeTitle(place: Place, lang: 'da' | 'en'): string {
  return place.count === undefined ? place.marker.label : `${place.marker.label}: ${texts[lang].jobs(place.count)}`;
}

function markerShape(place: Place, title: string, enhanced: boolean): SafeHtml {
  const count = place.count ?? 1;
  const shown = count > 999 ? '999+' : String(count);
  const r = count === 1 ? 7 : shown.length === 1 ? 8.5 : shown.length === 2 ? 10 : 12.5;
  const at = projectPoint(place.marker.lat, place.marker.lon);
  // A point off the map (the box holds all of Denmark) is drawn at its edge, where it can still be seen and clicked.
  // Whole units (550 m) are exact enough for a marker, and keep a map of many markers small.
  const x = Math.round(Math.min(WIDTH - r, Math.max(r, at.x)));
  const y = Math.round(Math.min(HEIGHT - r, Math.max(r, at.y)));
  const data = enhanced
    ? html` data-lat="${place.marker.lat.toFixed(4)}" data-lon="${place.marker.lon.toFixed(4)}"${count > 1 ? html` data-count="${String(count)}"` : ''}`
    : '';
  const label =
    count > 1
      ? html`<text x="${String(x)}" y="${String(y + (shown.length > 2 ? 3 : 3.5))}" fill="#fff" stroke="none"${shown.length > 2 ? html` font-size="8"` : ''}>${shown}</text>`
      : '';
  return html`<a href="${place.marker.href}"${data}><title>${title}</title><circle cx="${String(x)}" cy="${String(y)}" r="${String(r)}"/>${label}</a>`;
}

/**
 * The job search's map as SVG: Denmark with Bornholm in an inset, the distance circle, a link per place
 * with its title, Natural Earth's credit, and the places as a list (the text alternative). With an enhancement from
 * `mapEnhancement` that is enabled, the map's container carries what public/jobs-map.js needs and the assets follow it.
 * Throws only if the world-atlas package is missing or broken.
 */
export function renderJobMap(input: JobMapInput): SafeHtml {
  const { main, bornholm } = denmarkOutline();
  const id = input.id ?? 'job-map';
  const text = texts[input.lang];
  const enhancement = input.enhancement?.enabled ? input.enhancement : undefined;
  const enhanced = enhancement !== undefined;
  const places = placesOf(input.markers);
  const titles = places.map((place) => placeTitle(place, input.lang));
  const circle = input.circle ? circleShape(input.circle, enhanced) : undefined;
  const { view, place } = inset;
  return html`<link rel="stylesheet" href="/static/jobs-map.css">
<div class="job-map" id="${id}"${enhancement?.attributes}>
<svg role="group" aria-labelledby="${id}-title" aria-describedby="${id}-desc" viewBox="0 0 ${num(WIDTH)} ${num(HEIGHT)}" width="100%" preserveAspectRatio="xMidYMid meet" xmlns="http://www.w3.org/2000/svg">
<title id="${id}-title">${input.title}</title>
<desc id="${id}-desc">${input.description}</desc>
<rect width="${num(WIDTH)}" height="${num(HEIGHT)}" fill="${SEA}"></rect>
<path d="${main}" fill="${LAND}" stroke="${COAST}" stroke-width=".8" stroke-linejoin="round"></path>
${circle?.shape}
<rect x="${num(round1(place.x - 0.5))}" y="${num(round1(place.y - 0.5))}" width="${num(round1(place.width + 1))}" height="${num(round1(place.height + 1))}" fill="${SEA}" stroke="${COAST}"></rect>
<svg x="${num(round1(place.x))}" y="${num(round1(place.y))}" width="${num(round1(place.width))}" height="${num(round1(place.height))}" viewBox="${num(round1(view.x))} ${num(round1(view.y))} ${num(round1(view.width))} ${num(round1(view.height))}">
<path d="${bornholm}" fill="${LAND}" stroke="${COAST}" stroke-width=".8" stroke-linejoin="round"></path>
${circle?.reachesInset ? circle.shape : ''}
</svg>
<g fill="${MARKER}" stroke="#fff" stroke-width="1.5" font-size="10" font-weight="700" text-anchor="middle">
${places.map((p, i) => markerShape(p, titles[i] ?? p.marker.label, enhanced))}
</g>
</svg>
<p class="job-map-caption">${text.attribution}</p>
${
  places.length > 0
    ? html`<details class="details job-map-places">
<summary class="details-summary">${text.places}</summary>
<div class="details-text"><ul>${places.map((p, i) => html`<li><a href="${p.marker.href}">${titles[i]}</a></li>`)}</ul></div>
</details>`
    : ''
}
</div>
${enhancement?.assets}`;
}

/**
 * What a page needs for the interactive map, from the configuration: with a tile server (MAP_TILE_URL), the map
 * container's data attributes (tile address, attribution) and Leaflet's stylesheet and the scripts; without one, nothing.
 */
export function mapEnhancement(config: Pick<Config, 'map'>): MapEnhancement {
  const { tileUrl, attribution } = config.map;
  if (tileUrl === undefined) return { enabled: false, attributes: html``, assets: html`` };
  return {
    enabled: true,
    attributes: html` data-tile-url="${tileUrl}"${attribution === undefined ? '' : html` data-tile-attribution="${attribution}"`}`,
    assets: html`<link rel="stylesheet" href="/static/leaflet/leaflet.css">
<script src="/static/leaflet/leaflet.js" defer></script>
<script src="/static/jobs-map.js" defer></script>`,
  };
}
