// The job-ad feed simulator (issue 17) as ingestion relies on it: every ad fits the feed's contract and is a believable
// Danish ad (valid CVR, a real municipality, a town's position), the same seed and head answer the same, a snapshot at
// a cursor plus the changes after it is exactly the snapshot at a later head, paging returns each ad once, and bad
// cursors are 400 problem+json over real HTTP. Also the towns it places ads in. No database: fast.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, describe, test } from 'node:test';
import {
  createJobFeedClient,
  feedAdSchema,
  feedChangeSchema,
  feedChangesPageSchema,
  feedSnapshotPageSchema,
  type FeedAd,
} from '../src/modules/jobs/jobs.feed.ts';
import { greatCircleKm, municipalityPoint, searchTowns, townByName, towns } from '../src/modules/jobs/jobs.places.ts';
import { createJobFeedSimulator, startJobFeedSimulatorServer, type JobFeedSimulator } from '../src/modules/jobs/jobs.simulator.ts';
import { isValidCvr } from '../src/modules/vendors/cvr.ts';
import { createTestApp } from './support/app.ts';

const municipalityCodes = new Set(
  [...readFileSync(new URL('../migrations/0002_municipalities_reference.sql', import.meta.url), 'utf8').matchAll(/\('(\d{3})',\s*'/g)].map((m) => m[1]),
);
const epoch = new Date('2026-03-02T00:00:00+01:00');
const simulatorWith = (seed = 'test', initialAds = 300) => createJobFeedSimulator({ seed, initialAds, epoch, now: () => epoch });

/** Every ad of the snapshot at `cursor` (default the head), read in pages of `limit` as ingestion reads them. */
function wholeSnapshot(simulator: JobFeedSimulator, limit: number, cursor?: string): { cursor: string; ads: FeedAd[]; pages: number } {
  let page = simulator.snapshot({ cursor, limit });
  const ads = [...page.annoncer];
  let pages = 1;
  while (page.naeste) {
    page = simulator.snapshot({ cursor: page.cursor, after: page.naeste, limit });
    ads.push(...page.annoncer);
    pages++;
  }
  return { cursor: page.cursor, ads, pages };
}

describe('the ads', () => {
  const simulator = simulatorWith();
  simulator.setHead(900);
  const { ads } = wholeSnapshot(simulator, 1000);

  test('fit the feed contract, with valid CVR numbers, real municipalities and positions near their town', () => {
    assert.ok(ads.length > 400, `${ads.length} live ads`);
    for (const ad of ads) {
      feedAdSchema.parse(ad);
      assert.ok(isValidCvr(ad.arbejdsgiver.cvr), `${ad.arbejdsgiver.cvr} (${ad.arbejdsgiver.navn}) fails modulus 11`);
      assert.ok(municipalityCodes.has(ad.arbejdssted.kommunekode), ad.arbejdssted.kommunekode);
      const town = towns.find((t) => t.name === ad.arbejdssted.by && t.municipalityCode === ad.arbejdssted.kommunekode);
      assert.ok(town, `${ad.arbejdssted.by} in ${ad.arbejdssted.kommunekode} is no town`);
      assert.ok(greatCircleKm(town, ad.arbejdssted) <= 2, `${ad.annonceId} lies ${greatCircleKm(town, ad.arbejdssted)} km from ${town.name}`);
      assert.equal(ad.timerPrUge === 37, ad.arbejdstid === 'fuldtid', `${ad.arbejdstid} ${ad.timerPrUge}`);
      if (ad.arbejdstid === 'deltid') assert.ok(ad.timerPrUge >= 15 && ad.timerPrUge <= 30, String(ad.timerPrUge));
      const daysToApply = (Date.parse(ad.ansoegningsfrist) - Date.parse(ad.publiceret.slice(0, 10))) / 86_400_000;
      assert.ok(daysToApply >= 10 && (ad.version > 1 || daysToApply <= 45), `${ad.annonceId}: ${daysToApply} days to apply`);
      assert.equal(ad.url, `https://job.example.dk/annonce/${ad.annonceId}`);
      // A real ESCO occupation, or the ESCO concept of its ISCO group — never an invented URI.
      const uri = /^http:\/\/data\.europa\.eu\/esco\/(occupation\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|isco\/C(\d{4}))$/.exec(
        ad.stilling.escoUri,
      );
      assert.ok(uri, ad.stilling.escoUri);
      if (uri[2]) assert.equal(uri[2], ad.stilling.discoKode);
      const paragraphs = ad.tekst.split('\n\n');
      assert.ok(paragraphs.length >= 2 && paragraphs.length <= 4, ad.tekst);
      assert.ok(!/[{}]/.test(ad.titel + ad.tekst), `a placeholder left in ${ad.annonceId}`);
    }
  });

  test('span the labour market, mostly in Danish, and in more places the bigger the town', () => {
    assert.ok(new Set(ads.map((ad) => ad.stilling.discoKode)).size >= 30);
    const english = ads.filter((ad) => ad.sprog === 'en');
    assert.ok(english.length / ads.length > 0.02 && english.length / ads.length < 0.15, `${english.length} of ${ads.length} in English`);
    assert.ok(english.every((ad) => /\b(you|we)\b/i.test(ad.tekst) && !/\bDu\b/.test(ad.tekst)));
    assert.ok(ads.filter((ad) => ad.sprog === 'da').every((ad) => /\b(du|vi)\b/i.test(ad.tekst)));
    const inTown = (name: string) => ads.filter((ad) => ad.arbejdssted.by === name).length;
    assert.ok(inTown('København') > inTown('Aarhus') && inTown('Aarhus') > inTown('Ringsted'));
    // The words the search's stemming is tested with.
    const words = (
      ads
        .map((ad) => `${ad.titel} ${ad.tekst}`)
        .join(' ')
        .toLowerCase()
        .match(/\p{L}+/gu) ?? []
    ).filter(Boolean);
    for (const word of ['lager', 'lageret', 'lagermedarbejder', 'lagermedarbejdere', 'chauffør', 'chauffører', 'sygeplejerske', 'sygeplejersker'])
      assert.ok(words.includes(word), word);
  });

  test('the same seed and head answer alike; another seed answers otherwise', () => {
    const again = simulatorWith();
    again.setHead(900);
    assert.deepEqual(again.snapshot({ limit: 50, after: 'sim-0000100' }), simulator.snapshot({ limit: 50, after: 'sim-0000100' }));
    assert.deepEqual(again.changes({ after: '280', limit: 200 }), simulator.changes({ after: '280', limit: 200 }));
    const other = simulatorWith('other');
    other.setHead(900);
    assert.notDeepEqual(other.snapshot({ limit: 50 }).annoncer, simulator.snapshot({ limit: 50 }).annoncer);
  });
});

test('a snapshot at C and the changes after C applied in order give exactly the snapshot at a later head D', () => {
  const simulator = simulatorWith('replay', 400);
  simulator.setHead(450);
  const atC = wholeSnapshot(simulator, 64);
  assert.equal(atC.cursor, '450');
  const state = new Map(atC.ads.map((ad) => [ad.annonceId, ad]));

  simulator.setHead(1450);
  // The snapshot at the old cursor is still the same while the head moves on (ingestion pages through it meanwhile).
  assert.deepEqual(wholeSnapshot(simulator, 100, '450').ads, atC.ads);
  const seen = { published: 0, changed: 0, removed: 0 };
  let page = simulator.changes({ after: atC.cursor, limit: 300 });
  for (;;) {
    for (const change of page.aendringer) {
      feedChangeSchema.parse(change);
      if (change.type === 'fjernet') {
        assert.ok(state.delete(change.annonceId), `${change.annonceId} removed but not live`);
        seen.removed++;
      } else {
        const before = state.get(change.annonce.annonceId);
        if (before) {
          assert.equal(change.annonce.version, before.version + 1);
          assert.equal(change.annonce.publiceret, before.publiceret);
          seen.changed++;
        } else seen.published++;
        state.set(change.annonce.annonceId, change.annonce);
      }
    }
    if (!page.flere) break;
    page = simulator.changes({ after: page.cursor, limit: 300 });
  }
  assert.equal(page.cursor, '1450');
  assert.ok(seen.published > 450 && seen.changed > 150 && seen.removed > 80, JSON.stringify(seen));

  const atD = wholeSnapshot(simulator, 1000);
  assert.equal(atD.cursor, '1450');
  assert.deepEqual(
    [...state.values()].sort((a, b) => (a.annonceId < b.annonceId ? -1 : 1)),
    atD.ads,
  );
  assert.deepEqual(simulator.changes({ after: '1450', limit: 10 }), { cursor: '1450', aendringer: [], flere: false });
});

test('paging through a snapshot returns each ad once, in id order, and ends with naeste null', () => {
  const simulator = simulatorWith('paging', 250);
  simulator.setHead(300);
  const all = simulator.snapshot({ limit: 1000 });
  assert.equal(all.naeste, null);
  const paged = wholeSnapshot(simulator, 7);
  assert.equal(paged.pages, Math.ceil(all.annoncer.length / 7));
  const ids = paged.ads.map((ad) => ad.annonceId);
  assert.deepEqual(
    ids,
    all.annoncer.map((ad) => ad.annonceId),
  );
  assert.equal(new Set(ids).size, ids.length);
  assert.deepEqual(ids, [...ids].sort());
});

test('the clock moves the head: one change every changeEverySeconds after the epoch', () => {
  let now = new Date(epoch.getTime() - 1000);
  const simulator = createJobFeedSimulator({ seed: 'clock', initialAds: 100, epoch, changeEverySeconds: 60, now: () => now });
  assert.equal(simulator.head(), 99);
  now = new Date(epoch.getTime() + 150_000);
  assert.equal(simulator.head(), 102);
  assert.equal(simulator.changeTime(101).toISOString(), new Date(epoch.getTime() + 60_000).toISOString());
  assert.ok(simulator.changeTime(1) < epoch && simulator.changeTime(1) >= new Date(epoch.getTime() - 30 * 86_400_000));
  simulator.setHead(150);
  assert.equal(simulator.head(), 150);
  simulator.setHead(undefined);
  assert.equal(simulator.head(), 102);
  const first = simulator.snapshot({ limit: 1 }).annoncer[0];
  assert.equal(first?.publiceret.slice(19), '+01:00', 'publiceret in Copenhagen time (winter)');
});

describe('over HTTP', async () => {
  const simulator = simulatorWith('http', 120);
  simulator.setHead(200);
  const server = await startJobFeedSimulatorServer(simulator);
  after(() => server.close());
  const get = (path: string) => fetch(`${server.url}/v1/jobannoncer/${path}`);

  test('answers pages the contract client reads, not to be cached', async () => {
    const response = await get('snapshot?antal=5');
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('cache-control'), 'no-store');
    const page = feedSnapshotPageSchema.parse(await response.json());
    assert.equal(page.annoncer.length, 5);
    const client = createJobFeedClient(server.url, 5000);
    assert.deepEqual(
      await client.snapshot({ cursor: page.cursor, after: page.naeste ?? undefined, limit: 3 }),
      simulator.snapshot({ cursor: '200', after: 'sim-0000005', limit: 3 }),
    );
    const changes = await client.changes({ after: '190', limit: 500 });
    assert.equal(changes.aendringer.length, 10);
    assert.equal(changes.flere, false);
    feedChangesPageSchema.parse(changes);
  });

  test('a garbled or future cursor, a missing one and a bad antal are 400 problem+json', async () => {
    for (const path of [
      'snapshot?cursor=abc',
      'snapshot?cursor=-1',
      'snapshot?cursor=0012',
      'snapshot?cursor=201',
      'snapshot?cursor=1&cursor=2',
      'snapshot?antal=1001',
      'snapshot?antal=0',
      'aendringer',
      'aendringer?efter=x',
      'aendringer?efter=99999999',
      'aendringer?efter=0&antal=ti',
    ]) {
      const response = await get(path);
      assert.equal(response.status, 400, path);
      assert.match(response.headers.get('content-type') ?? '', /^application\/problem\+json/, path);
      const problem = (await response.json()) as { status: number; code: string; errors?: { field: string }[] };
      assert.equal(problem.code, 'VALIDATION', path);
      assert.ok(problem.errors?.length, path);
    }
    const ahead = (await (await get('aendringer?efter=201')).json()) as { detail: string };
    assert.match(ahead.detail, /ahead/);
  });
});

test('the app serves the feed under /simulatorer/jobnet, and a bad cursor is a 400 problem+json whatever Accept says', async () => {
  const { app } = await createTestApp({ seed: false });
  const first = await app.inject({ url: '/simulatorer/jobnet/v1/jobannoncer/snapshot?antal=2', headers: { accept: 'application/json' } });
  assert.equal(first.statusCode, 200, first.body);
  assert.equal(first.headers['cache-control'], 'no-store');
  const page = feedSnapshotPageSchema.parse(first.json());
  assert.equal(page.annoncer.length, 2);
  // The app's simulator follows the clock: a change may fall due between the two requests.
  const changes = feedChangesPageSchema.parse((await app.inject({ url: `/simulatorer/jobnet/v1/jobannoncer/aendringer?efter=${page.cursor}` })).json());
  assert.equal(changes.flere, false);
  assert.ok(changes.aendringer.length <= 1 && Number(changes.cursor) === Number(page.cursor) + changes.aendringer.length, JSON.stringify(changes.cursor));
  for (const accept of ['*/*', 'text/html', 'application/json']) {
    const ahead = await app.inject({ url: `/simulatorer/jobnet/v1/jobannoncer/snapshot?cursor=${Number(page.cursor) + 1000}`, headers: { accept } });
    assert.equal(ahead.statusCode, 400, accept);
    assert.match(String(ahead.headers['content-type']), /^application\/problem\+json/, accept);
    assert.equal(ahead.json().code, 'VALIDATION');
  }
});

describe('the towns', () => {
  test('lie in the 98 municipalities, each with exactly one seat', () => {
    assert.equal(towns.length, 339);
    assert.equal(municipalityCodes.size, 98);
    for (const town of towns) assert.ok(municipalityCodes.has(town.municipalityCode), `${town.name}: ${town.municipalityCode}`);
    for (const code of municipalityCodes) assert.equal(towns.filter((t) => t.seat && t.municipalityCode === code).length, 1, code);
    assert.deepEqual(municipalityPoint('400'), { lat: townByName('Rønne')?.lat, lon: townByName('Rønne')?.lon });
    assert.equal(municipalityPoint('999'), undefined);
    assert.equal(townByName('Maribo')?.municipalityCode, '360');
    assert.equal(townByName('Nykøbing Mors')?.municipalityCode, '773');
  });

  test('are found by name whatever the case and accents, Danish letters kept', () => {
    assert.equal(townByName('københavn')?.name, 'København');
    assert.equal(townByName('ÅRHUS')?.name, 'Aarhus');
    assert.equal(townByName('kobenhavn'), undefined, 'ø is a letter of its own, not an o with an accent');
    assert.equal(townByName('Frederiksberg')?.municipalityCode, '147', 'the seat of two towns of that name');
    assert.equal(searchTowns('kø', 3)[0]?.name, 'København');
    assert.ok(searchTowns('lyngby', 5).some((t) => t.name === 'Kongens Lyngby'));
    assert.deepEqual(searchTowns('', 5), []);
  });

  test('are as far apart as PostgreSQL earthdistance says', () => {
    const copenhagen = townByName('København');
    const aarhus = townByName('Aarhus');
    assert.ok(copenhagen && aarhus);
    const km = greatCircleKm(copenhagen, aarhus);
    assert.ok(km > 155 && km < 158, `${km} km`);
    // The same sphere as earthdistance (radius 6378168 m), by the haversine formula.
    const rad = Math.PI / 180;
    const h =
      Math.sin(((aarhus.lat - copenhagen.lat) * rad) / 2) ** 2 +
      Math.cos(copenhagen.lat * rad) * Math.cos(aarhus.lat * rad) * Math.sin(((aarhus.lon - copenhagen.lon) * rad) / 2) ** 2;
    assert.ok(Math.abs(km - 2 * 6378.168 * Math.asin(Math.sqrt(h))) < 1e-6);
    assert.equal(greatCircleKm(aarhus, aarhus), 0);
  });
});
