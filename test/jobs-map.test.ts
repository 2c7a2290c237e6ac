// The job search's map (issue 17): Denmark drawn on the server, markers as links, the distance circle as it lies on the
// ground, and the Leaflet enhancement only when a tile server is configured.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { HtmlValidate, type ConfigData } from 'html-validate';
import { circlePoints, mapEnhancement, projectPoint, renderJobMap, type JobMapMarker } from '../src/modules/jobs/jobs.map.ts';
import { ConfigError, loadConfig, tileServerSource } from '../src/platform/config.ts';
import { createTestApp } from './support/app.ts';
import { temporaryFolder } from './support/temporary.ts';

const towns = {
  aalborg: { lat: 57.048, lon: 9.919 },
  aarhus: { lat: 56.157, lon: 10.211 },
  koebenhavn: { lat: 55.676, lon: 12.568 },
  roenne: { lat: 55.1, lon: 14.706 },
  vejle: { lat: 55.709, lon: 9.536 },
};
const noTiles = mapEnhancement({ map: { tileUrl: undefined, attribution: undefined } });
const tiles = mapEnhancement({ map: { tileUrl: 'https://tiles.example.dk/{z}/{x}/{y}.png', attribution: '© Kortfliser & "venner"' } });
const validator = new HtmlValidate(JSON.parse(readFileSync(new URL('../.htmlvalidate.json', import.meta.url), 'utf8')) as ConfigData);

function mapOf(markers: JobMapMarker[], options: { enhancement?: typeof tiles; circle?: boolean } = {}): string {
  return renderJobMap({
    markers,
    circle: options.circle === false ? undefined : { ...towns.vejle, radiusKm: 50, label: '50 km fra Vejle' },
    title: 'Job på kortet',
    description: 'Danmark med stederne for søgningens job og en cirkel på 50 km om Vejle.',
    lang: 'da',
    enhancement: options.enhancement,
  }).value;
}

const svgOf = (markup: string) => markup.slice(markup.indexOf('<svg'), markup.lastIndexOf('</svg>') + '</svg>'.length);

/** Great-circle distance by the haversine formula, on the same mean Earth radius. */
function haversineKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180;
  const h = Math.sin(((b.lat - a.lat) * rad) / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(((b.lon - a.lon) * rad) / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.sqrt(h));
}

/** XML well-formedness, enough for the drawing: every element closed in order, every attribute quoted, nothing stray. */
function assertWellFormed(xml: string): void {
  const open: string[] = [];
  const tag = /<(\/?)([a-zA-Z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>/y;
  let at = 0;
  while (at < xml.length) {
    const next = xml.indexOf('<', at);
    if (next === -1) break;
    assert.doesNotMatch(xml.slice(at, next), /[<>]|&(?!(amp|lt|gt|quot|#39);)/, `stray markup before offset ${next}`);
    tag.lastIndex = next;
    const match = tag.exec(xml);
    assert.ok(match, `a malformed tag at offset ${next}: ${xml.slice(next, next + 80)}`);
    const [, closing, name = '', , selfClosing] = match;
    if (closing) assert.equal(open.pop(), name, `</${name}> closes what it did not open`);
    else if (!selfClosing) open.push(name);
    at = tag.lastIndex;
  }
  assert.deepEqual(open, [], 'every element is closed');
}

test('the projection puts towns where they are: København east of Aarhus and south of Aalborg, Rønne in the inset', () => {
  const koebenhavn = projectPoint(towns.koebenhavn.lat, towns.koebenhavn.lon);
  const aarhus = projectPoint(towns.aarhus.lat, towns.aarhus.lon);
  const aalborg = projectPoint(towns.aalborg.lat, towns.aalborg.lon);
  assert.ok(koebenhavn.x > aarhus.x, 'east of Aarhus');
  assert.ok(koebenhavn.y > aalborg.y, 'south of Aalborg (y grows southwards)');
  // UTM is conformal and true to scale within 0.04 % here: Aarhus–Aalborg is about 100 km, 550 m to the unit.
  const units = Math.hypot(aalborg.x - aarhus.x, aalborg.y - aarhus.y);
  assert.ok(Math.abs((units * 0.55) / haversineKm(towns.aarhus, towns.aalborg) - 1) < 0.01, 'to scale');

  const svg = svgOf(mapOf([], { circle: false }));
  const [width = 0, height = 0] = (/viewBox="0 0 ([\d.]+) ([\d.]+)"/.exec(svg) ?? []).slice(1).map(Number);
  const inset = /<svg x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)"/.exec(svg)?.slice(1).map(Number) ?? [];
  const [ix = 0, iy = 0, iw = 0, ih = 0] = inset;
  const roenne = projectPoint(towns.roenne.lat, towns.roenne.lon);
  assert.ok(roenne.x > ix && roenne.x < ix + iw && roenne.y > iy && roenne.y < iy + ih, 'Rønne is drawn in the Bornholm inset');
  assert.ok(ix + iw <= width && iy >= 0, 'the inset is in the top-right corner');
  for (const town of [koebenhavn, aarhus, aalborg]) assert.ok(town.x > 0 && town.x < width && town.y > 0 && town.y < height, 'inside the map');
});

test('each place is a link with its title, its count, and a list of the same links as the text alternative', () => {
  const markup = mapOf([
    { id: 'a', ...towns.aarhus, label: 'Aarhus', href: '/job?by=aarhus', count: 3 },
    { id: 'b', ...towns.koebenhavn, label: 'Kontor <København> & "omegn"', href: '/job/annoncer/b' },
  ]);
  const svg = svgOf(markup);
  assert.match(svg, /<svg role="group" aria-labelledby="job-map-title" aria-describedby="job-map-desc"/);
  assert.match(svg, /<title id="job-map-title">Job på kortet<\/title>/);
  assert.match(svg, /<a href="\/job\?by=aarhus"><title>Aarhus: 3 job<\/title><circle [^>]+\/><text [^>]+>3<\/text><\/a>/);
  assert.match(svg, /<a href="\/job\/annoncer\/b"><title>Kontor &lt;København&gt; &amp; &quot;omegn&quot;<\/title>/, 'labels are escaped');
  assert.match(markup, /<li><a href="\/job\?by=aarhus">Aarhus: 3 job<\/a><\/li>/);
  assert.match(markup, /Natural Earth/, 'the outline is credited');

  // Two ads at one spot share one marker with their count.
  const shared = svgOf(
    mapOf([
      { id: '1', ...towns.aarhus, label: 'Aarhus', href: '/job?by=aarhus', count: 2 },
      { id: '2', ...towns.aarhus, label: 'Aarhus', href: '/job?by=aarhus' },
    ]),
  );
  assert.equal(shared.match(/<a /g)?.length, 1);
  assert.match(shared, /<title>Aarhus: 3 job<\/title>/);
});

test('the distance circle is the points at the radius by the great circle, drawn through the projection', () => {
  const points = circlePoints(towns.vejle.lat, towns.vejle.lon, 50);
  assert.equal(points.length, 72);
  for (const point of points) assert.ok(Math.abs(haversineKm(towns.vejle, point) / 50 - 1) < 0.001, `${JSON.stringify(point)} is 50 km from Vejle`);
  for (const radiusKm of [5, 120]) {
    for (const point of circlePoints(55.1, 14.7, radiusKm, 16)) assert.ok(Math.abs(haversineKm({ lat: 55.1, lon: 14.7 }, point) / radiusKm - 1) < 0.001);
  }

  const d = /<path class="job-map-circle" d="M([^"]+)Z"/.exec(mapOf([]))?.[1];
  assert.ok(d, 'the circle is drawn');
  const drawn = d.split('L').map((pair) => pair.split(' ').map(Number));
  assert.equal(drawn.length, points.length);
  drawn.forEach(([x = NaN, y = NaN], i) => {
    const expected = projectPoint(points[i]?.lat ?? 0, points[i]?.lon ?? 0);
    assert.ok(Math.abs(x - expected.x) <= 0.051 && Math.abs(y - expected.y) <= 0.051, `point ${i} is where the projection puts it`);
  });
});

test('the drawing is well-formed, valid in a page, and under 60 kB with 200 markers', async () => {
  const markers: JobMapMarker[] = Array.from({ length: 200 }, (_, i) => ({
    id: `ad-${i}`,
    lat: 54.8 + (i % 20) * 0.15,
    lon: 8.2 + Math.floor(i / 20) * 0.45 + (i % 7) * 0.01,
    label: `Pædagogisk medarbejder nummer ${i}`,
    href: `/job/annoncer/0f8fad5b-d9cb-469f-a165-${String(i).padStart(12, '0')}`,
    ...(i % 3 === 0 ? { count: i + 1 } : {}),
  }));
  for (const enhancement of [noTiles, tiles]) {
    const markup = mapOf(markers, { enhancement });
    const svg = svgOf(markup);
    assertWellFormed(svg);
    assert.equal(svg.match(/<a href=/g)?.length, 200);
    const kB = Buffer.byteLength(svg) / 1000;
    assert.ok(kB < 60, `the SVG is ${kB.toFixed(1)} kB`);
    const page = `<!DOCTYPE html><html lang="da"><head><meta charset="utf-8"><title>Job</title></head><body><main><h1>Job</h1>${markup}</main></body></html>`;
    const report = await validator.validateString(page);
    assert.deepEqual(
      report.results.flatMap((result) => result.messages.map((m) => `${m.ruleId}: ${m.message}`)),
      [],
    );
  }
});

test('without a tile server the map loads nothing; with one it carries the tiles and loads Leaflet and the script', () => {
  assert.equal(noTiles.enabled, false);
  assert.equal(noTiles.assets.value + noTiles.attributes.value, '');
  const plain = mapOf([{ id: 'a', ...towns.aarhus, label: 'Aarhus', href: '/job?by=aarhus' }], { enhancement: noTiles });
  assert.doesNotMatch(plain, /<script|leaflet|data-tile-url|data-lat/);

  assert.equal(tiles.enabled, true);
  const enhanced = mapOf([{ id: 'a', ...towns.aarhus, label: 'Aarhus', href: '/job?by=aarhus', count: 4 }], { enhancement: tiles });
  assert.match(
    enhanced,
    /<div class="job-map" id="job-map" data-tile-url="https:\/\/tiles\.example\.dk\/\{z\}\/\{x\}\/\{y\}\.png" data-tile-attribution="© Kortfliser &amp; &quot;venner&quot;">/,
  );
  assert.match(enhanced, /<a href="\/job\?by=aarhus" data-lat="56\.1570" data-lon="10\.2110" data-count="4">/);
  assert.match(enhanced, /<path class="job-map-circle" d="[^"]+"[^>]* data-lat="55\.7090" data-lon="9\.5360" data-radius-km="50">/);
  assert.match(
    enhanced,
    /<link rel="stylesheet" href="\/static\/leaflet\/leaflet\.css">\s*<script src="\/static\/leaflet\/leaflet\.js" defer><\/script>\s*<script src="\/static\/jobs-map\.js" defer><\/script>/,
  );
  assert.doesNotMatch(enhanced, /https?:\/\/(?!tiles\.example\.dk)[^"]*\.(js|css)/, 'nothing from a CDN');
});

test('MAP_TILE_URL must be a tile address template; the CSP source is its origin', () => {
  const dataDir = temporaryFolder('jobunivers-map-config-');
  const problemsOf = (environment: Record<string, string>) => {
    try {
      loadConfig({ DATA_DIR: dataDir, ...environment });
    } catch (error) {
      assert.ok(error instanceof ConfigError);
      return error.problems;
    }
    return [];
  };
  for (const wrong of [
    'tiles',
    'tiles.example.dk/{z}/{x}/{y}.png',
    'https://tiles.example.dk/tile.png',
    'javascript:alert(1)//{z}/{x}/{y}',
    'https://{s}.dk/{z}/{x}/{y}.png',
  ]) {
    const problems = problemsOf({ MAP_TILE_URL: wrong });
    assert.equal(problems.length, 1, wrong);
    assert.match(problems[0] ?? '', /^MAP_TILE_URL=.* must be an http\(s\) tile address template with \{z\}, \{x\} and \{y\}/);
  }
  assert.deepEqual(loadConfig({ DATA_DIR: dataDir }).map, { tileUrl: undefined, attribution: undefined });
  const config = loadConfig({ DATA_DIR: dataDir, MAP_TILE_URL: 'https://tiles.example.dk/{z}/{x}/{y}.png', MAP_TILE_ATTRIBUTION: '© Styrelsen' });
  assert.deepEqual(config.map, { tileUrl: 'https://tiles.example.dk/{z}/{x}/{y}.png', attribution: '© Styrelsen' });

  assert.equal(tileServerSource('https://tiles.example.dk:8443/wmts/{z}/{x}/{y}{r}.png?key=1'), 'https://tiles.example.dk:8443');
  assert.equal(tileServerSource('https://{s}.tile.example.org/{z}/{x}/{y}.png'), 'https://*.tile.example.org');
  assert.equal(tileServerSource('https://a{s}.example.org/{z}/{x}/{y}.png'), undefined);
});

test('the app serves Leaflet itself and lets pages show only the configured tile server’s images', async () => {
  const plain = await createTestApp({ seed: false });
  const csp = (response: { headers: Record<string, unknown> }) => String(response.headers['content-security-policy']);
  const leaflet = await plain.app.inject({ url: '/static/leaflet/leaflet.js' });
  assert.equal(leaflet.statusCode, 200);
  assert.match(String(leaflet.headers['content-type']), /javascript/);
  assert.equal((await plain.app.inject({ url: '/static/leaflet/leaflet.css' })).statusCode, 200);
  assert.equal((await plain.app.inject({ url: '/static/leaflet/images/layers.png' })).statusCode, 200);
  assert.equal((await plain.app.inject({ url: '/static/leaflet/leaflet-src.esm.js' })).statusCode, 404, 'only what pages use');
  assert.equal((await plain.app.inject({ url: '/static/jobs-map.js' })).statusCode, 200);
  assert.equal((await plain.app.inject({ url: '/static/jobs-map.css' })).statusCode, 200);
  assert.match(csp(leaflet), /img-src 'self' data:;/);

  const withTiles = await createTestApp({ seed: false, env: { MAP_TILE_URL: 'https://tiles.example.dk/{z}/{x}/{y}.png' } });
  assert.match(csp(await withTiles.app.inject({ url: '/' })), /img-src 'self' data: https:\/\/tiles\.example\.dk;/);
});
