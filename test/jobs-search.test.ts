// Job ads (issue 17): ingestion from the feed simulator over real HTTP — a snapshot, then change batches with updates
// and tombstones, gives exactly the simulator's current set; a crash between pages resumes without duplicates or gaps;
// expired ads disappear — and search: the distance filter equals a brute-force great-circle computation over the same
// ads, Danish stemming and typo correction, facet counts equal direct counts, and the pages and the API.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { createDatabase } from '../src/platform/db/database.ts';
import { copenhagenDate } from '../src/platform/time.ts';
import {
  createJobFeedClient,
  createJobFeedSimulator,
  expireJobAds,
  ingestJobAds,
  searchJobs,
  startJobFeedSimulatorServer,
  type FeedAd,
  type JobFilter,
} from '../src/modules/jobs/index.ts';
import { greatCircleKm, municipalityPoint, townByName } from '../src/modules/jobs/jobs.places.ts';
import type { JobFeedAdapter } from '../src/modules/jobs/jobs.feed.ts';
import { createTestApp, signedInForms } from './support/app.ts';
import { createCitizen, createSession, principalFor } from './support/factories.ts';

const { app, db, url } = await createTestApp({ listen: true, env: { RATE_LIMIT_FORMS_PER_MINUTE: '100000' } });
const { db: appDb } = createDatabase({ url, poolMax: 3, asAppRole: true });
after(() => appDb.destroy());

const INITIAL = 400;
let head = INITIAL;
const simulator = createJobFeedSimulator({ seed: 'jobs-search-test', initialAds: INITIAL, head: () => head });
const server = await startJobFeedSimulatorServer(simulator);
after(() => server.close());
const feed = createJobFeedClient(server.url, 5000);
const today = copenhagenDate();

/** The simulator's current set of ads, from its own snapshot at the head. */
function simulatorAds(): Map<string, FeedAd> {
  const ads = new Map<string, FeedAd>();
  let page = simulator.snapshot({ limit: 1000 });
  for (;;) {
    for (const ad of page.annoncer) ads.set(ad.annonceId, ad);
    if (page.naeste === null) return ads;
    page = simulator.snapshot({ cursor: page.cursor, after: page.naeste, limit: 1000 });
  }
}

/** What the platform holds: id → version. */
async function storedAds(): Promise<Map<string, number>> {
  const rows = await db.selectFrom('job_ad').select(['ad_id', 'version']).execute();
  return new Map(rows.map((r) => [r.ad_id, r.version]));
}

/** The platform holds exactly the simulator's ads still open today, each in its newest version. */
async function assertSameAsSimulator(label: string) {
  const expected = simulatorAds();
  const open = [...expected.values()].filter((ad) => ad.ansoegningsfrist >= today);
  const stored = await storedAds();
  assert.deepEqual(
    [...stored.entries()].sort(([a], [b]) => a.localeCompare(b)),
    open.map((ad) => [ad.annonceId, ad.version] as [string, number]).sort(([a], [b]) => a.localeCompare(b)),
    label,
  );
  return { expected, open };
}

const ingest = (adapter: JobFeedAdapter = feed, pageSize = 100) => ingestJobAds(appDb, adapter, { today, pageSize });

/** A feed that fails once after `pages` successful answers, as a crash or a network cut between pages would. */
function failingAfter(pages: number): JobFeedAdapter {
  let answered = 0;
  const fail = () => {
    answered += 1;
    if (answered > pages) throw new Error('the connection was cut');
  };
  return {
    snapshot: async (page) => {
      fail();
      return feed.snapshot(page);
    },
    changes: async (page) => {
      fail();
      return feed.changes(page);
    },
  };
}

before(async () => {
  // A crash in the middle of the snapshot: two pages committed, then the run fails; the next run resumes.
  await assert.rejects(ingest(failingAfter(2)), /cut/);
  const state = await db.selectFrom('job_feed_state').selectAll().executeTakeFirstOrThrow();
  assert.equal(state.phase, 'snapshot');
  assert.ok(state.snapshot_after, 'the snapshot remembers where it was');
  assert.match(state.last_error ?? '', /cut/);
  await ingest();
});

test('a snapshot, then three batches of changes with updates and tombstones, give exactly the simulator’s current set', async () => {
  const first = await assertSameAsSimulator('after the snapshot');
  assert.ok(first.open.length > 100 && first.open.length < first.expected.size, 'some of the first ads are already past their deadline');
  let removedSeen = 0;
  let changedSeen = 0;
  for (const batch of [1, 2, 3]) {
    const before = await storedAds();
    head += 60;
    const run = await ingest(feed, 25);
    assert.ok(run.pages >= 3, `batch ${batch} is read in pages`);
    const { expected } = await assertSameAsSimulator(`after change batch ${batch}`);
    removedSeen += [...before.keys()].filter((id) => !expected.has(id)).length;
    changedSeen += [...before.entries()].filter(([id, version]) => (expected.get(id)?.version ?? version) > version).length;
  }
  assert.ok(removedSeen > 0, 'tombstones removed ads');
  assert.ok(changedSeen > 0, 'changed ads were replaced by their new version');
  // Read again: nothing changes, and the cursor stays.
  const again = await ingest();
  assert.equal(again.adsWritten, 0);
  await assertSameAsSimulator('after reading again');
});

test('a crash between batches resumes from the last committed cursor without duplicates or gaps', async () => {
  head += 150;
  // Four pages of 25 changes commit, then the connection is cut.
  await assert.rejects(ingest(failingAfter(4), 25), /cut/);
  const state = await db.selectFrom('job_feed_state').selectAll().executeTakeFirstOrThrow();
  assert.equal(state.phase, 'changes');
  assert.notEqual(Number(state.cursor), head, 'the cut run stopped short of the head');
  await ingest(feed, 25);
  const after = await db.selectFrom('job_feed_state').selectAll().executeTakeFirstOrThrow();
  assert.equal(Number(after.cursor), head);
  await assertSameAsSimulator('after the resumed run');
});

test('a feed that no longer knows the cursor (reset, or the cursor too old) is read again from a new snapshot', async () => {
  const before = head;
  simulator.setHead(INITIAL + 30);
  const run = await ingest();
  assert.equal(run.phase, 'changes');
  await assertSameAsSimulator('after the new snapshot');
  const state = await db.selectFrom('job_feed_state').selectAll().executeTakeFirstOrThrow();
  assert.equal(Number(state.snapshot_id), 2);
  simulator.setHead(undefined);
  assert.equal(simulator.head(), before);
  await ingest();
  await assertSameAsSimulator('and on again from there');
});

test('ads past their deadline disappear: from search at once, and from the table when the expiry runs', async () => {
  const rows = await db.selectFrom('job_ad').select(['ad_id', 'deadline']).orderBy('deadline').execute();
  const earliest = rows.map((r) => String(r.deadline instanceof Date ? copenhagenDate(r.deadline) : r.deadline))[0] ?? today;
  const dayAfter = new Date(Date.parse(`${earliest}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  const expiring = await db
    .selectFrom('job_ad')
    .select('ad_id')
    .where(sql<boolean>`deadline < ${dayAfter}::date`)
    .execute();
  assert.ok(expiring.length > 0);
  const filter = baseFilter({});
  const later = await searchJobs(appDb, filter, { now: new Date(`${dayAfter}T09:00:00Z`), today: dayAfter });
  const total = (
    await db
      .selectFrom('job_ad')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow()
  ).n;
  assert.equal(later.total, Number(total) - expiring.length, 'search no longer counts them');
  // Expire on a copy of the world: the later tests need every ad. The expiry removes exactly those.
  await db
    .transaction()
    .execute(async (trx) => {
      const removed = await expireJobAds(trx, dayAfter);
      assert.equal(removed, expiring.length);
      throw new RollbackSignal();
    })
    .catch((error: unknown) => {
      if (!(error instanceof RollbackSignal)) throw error;
    });
});

class RollbackSignal extends Error {}

function baseFilter(change: Partial<JobFilter>): JobFilter {
  return {
    query: '',
    occupations: [],
    occupationText: '',
    municipalities: [],
    place: '',
    radiusKm: undefined,
    hours: [],
    publishedWithinDays: undefined,
    deadlineFrom: undefined,
    sort: 'relevance',
    page: 1,
    ...change,
  };
}

/** Every ad id the search finds, over all its pages. */
async function allFound(filter: JobFilter): Promise<{ ids: string[]; total: number }> {
  const ids: string[] = [];
  for (let page = 1; ; page += 1) {
    const result = await searchJobs(appDb, { ...filter, page }, { now: new Date(), today });
    ids.push(...result.rows.map((r) => r.ad_id));
    if (page >= result.pageCount) return { ids, total: result.total };
  }
}

test('within 50 km of a town is exactly what a brute-force great-circle computation over the same ads gives', async () => {
  const ads = await db.selectFrom('job_ad').select(['ad_id', 'lat', 'lon']).execute();
  for (const [place, radiusKm] of [
    ['Vejle', 50],
    ['Aalborg', 25],
    ['København', 10],
  ] as const) {
    const centre = townByName(place);
    assert.ok(centre, place);
    const distances = ads.map((a) => ({ id: a.ad_id, km: greatCircleKm(centre, a) }));
    // Points within a metre of the edge are left out of the comparison: two float computations may place them either side.
    const edge = distances.filter((d) => Math.abs(d.km - radiusKm) < 0.001).map((d) => d.id);
    const expected = distances.filter((d) => d.km <= radiusKm && !edge.includes(d.id)).map((d) => d.id);
    const { ids, total } = await allFound(baseFilter({ place, radiusKm, sort: 'distance' }));
    assert.equal(ids.length, total, 'the pages hold every ad counted, once');
    assert.equal(new Set(ids).size, ids.length);
    assert.deepEqual(ids.filter((id) => !edge.includes(id)).sort(), expected.sort(), `${place} ${radiusKm} km`);
    assert.ok(expected.length > 0, `${place} has ads within ${radiusKm} km`);
    // Nearest first.
    const kmOf = new Map(distances.map((d) => [d.id, d.km]));
    const inOrder = ids.map((id) => kmOf.get(id) ?? 0);
    assert.deepEqual(
      inOrder,
      [...inOrder].sort((a, b) => a - b),
    );
  }
  // A municipality code is its seat; "lat,lon" a point.
  const seat = municipalityPoint('630');
  assert.ok(seat);
  assert.deepEqual(
    (await allFound(baseFilter({ place: '630', radiusKm: 30 }))).ids.sort(),
    (await allFound(baseFilter({ place: `${seat.lat},${seat.lon}`, radiusKm: 30 }))).ids.sort(),
  );
});

test('Danish stemming finds inflected forms, and a misspelt word is corrected from the ads’ own words', async () => {
  const titles = await db.selectFrom('job_ad').select(['ad_id', 'title', 'occupation_title', 'body']).execute();
  const containing = (word: RegExp) => titles.filter((t) => word.test(`${t.title} ${t.occupation_title} ${t.body}`.toLowerCase())).map((t) => t.ad_id);
  // "lagermedarbejdere" (plural) finds the ads that say "lagermedarbejder".
  const singular = containing(/lagermedarbejder/);
  assert.ok(singular.length > 0, 'the simulator writes warehouse ads');
  const plural = await allFound(baseFilter({ query: 'lagermedarbejdere' }));
  assert.ok(
    singular.every((id) => plural.ids.includes(id)),
    'every ad with the singular is found by the plural',
  );
  // A typo: nothing has "sygeplejeske", so the nearest word of the lexicon is searched instead.
  const nurses = containing(/sygeplejerske/);
  assert.ok(nurses.length > 0);
  const typo = await searchJobs(appDb, baseFilter({ query: 'sygeplejeske' }), { now: new Date(), today });
  assert.equal(typo.correctedQuery, 'sygeplejerske');
  assert.ok(typo.total > 0);
  // A word no ad is near finds nothing and corrects nothing.
  const nothing = await searchJobs(appDb, baseFilter({ query: 'xqzvbnm' }), { now: new Date(), today });
  assert.equal(nothing.total, 0);
  assert.equal(nothing.correctedQuery, null);
});

test('the facet counts equal direct counts over the same ads', async () => {
  const now = new Date();
  const filter = baseFilter({ place: 'Aarhus', radiusKm: 80, hours: ['fuldtid'] });
  const result = await searchJobs(appDb, filter, { now, today });
  const centre = townByName('Aarhus');
  assert.ok(centre);
  const rows = (
    await db.selectFrom('job_ad').select(['ad_id', 'lat', 'lon', 'municipality_code', 'esco_uri', 'working_hours', 'published_at']).execute()
  ).filter((a) => greatCircleKm(centre, a) <= 80 && a.working_hours === 'fuldtid');
  assert.equal(result.total, rows.length);
  const countBy = (key: (r: (typeof rows)[number]) => string) => {
    const counts = new Map<string, number>();
    for (const r of rows) counts.set(key(r), (counts.get(key(r)) ?? 0) + 1);
    return counts;
  };
  const municipalities = countBy((r) => r.municipality_code);
  for (const f of result.facets.municipality) assert.equal(f.count, municipalities.get(f.value), `municipality ${f.value}`);
  assert.equal(result.facets.municipality.length, Math.min(12, municipalities.size));
  const occupations = countBy((r) => r.esco_uri);
  for (const f of result.facets.occupation) assert.equal(f.count, occupations.get(f.value), `occupation ${f.value}`);
  assert.deepEqual(
    result.facets.hours.map((f) => [f.value, f.count]),
    [['fuldtid', rows.length]],
  );
  for (const f of result.facets.published)
    assert.equal(f.count, rows.filter((r) => r.published_at.getTime() >= now.getTime() - Number(f.value) * 86_400_000).length, `published ${f.value}`);
  // Choosing a facet's value gives that many ads.
  const [top] = result.facets.municipality;
  assert.ok(top);
  assert.equal((await searchJobs(appDb, { ...filter, municipalities: [top.value] }, { now, today })).total, top.count);
});

test('the public page /job: the form, the SVG map and the list without JavaScript, in Danish and English; a place it does not know is its field’s error', async () => {
  const page = await app.inject({ url: '/job?q=lager&sted=Vejle&afstand=100', headers: { accept: 'text/html' } });
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /<h1>Ledige job<\/h1>/);
  assert.match(page.body, /<svg[^>]*aria-labelledby="job-map-title"/, 'the server-drawn map');
  assert.match(page.body, /<a href="\/job\/sim-\d+"|<a href="#job-sim-\d+"/, 'its markers are links');
  assert.match(page.body, /job inden for 100 km fra Vejle/);
  const first = /href="\/job\/([^"?#]+)"/.exec(page.body)?.[1];
  assert.ok(first, 'the list links each ad');
  const ad = await app.inject({ url: `/job/${first}`, headers: { accept: 'text/html' } });
  assert.equal(ad.statusCode, 200);
  assert.match(ad.body, /Ansøgningsfrist/);
  // As a browser submits the form: every field, the ones left alone empty.
  const submitted = await app.inject({
    url: '/job?q=&stillingstekst=&sted=Vejle&afstand=&kommune=&arbejdstid=&publiceret=&frist=&sortering=relevance',
    headers: { accept: 'text/html' },
  });
  assert.equal(submitted.statusCode, 200);
  assert.match(submitted.body, /job inden for 50 km fra Vejle/);
  const english = await app.inject({ url: '/job?q=lager', headers: { accept: 'text/html', cookie: 'lang=en' } });
  assert.match(english.body, /<h1>Vacancies<\/h1>/);
  assert.doesNotMatch(english.body, /Ledige job<\/h1>|Søgeord/);
  const unknown = await app.inject({ url: '/job?sted=Atlantis', headers: { accept: 'text/html' } });
  assert.equal(unknown.statusCode, 400);
  assert.match(unknown.body, /Vi kender ikke stedet/);
  assert.match(unknown.body, /href="#field-sted"/, 'the error summary names the field');
  const gone = await app.inject({ url: '/job/sim-9999999', headers: { accept: 'text/html' } });
  assert.equal(gone.statusCode, 404);
  assert.match(gone.body, /ikke længere slået op/);
});

test('the citizen’s /borger/job starts from their municipality; the API answers JSON and problem+json', async () => {
  const citizen = await createCitizen(db, { municipalityCode: '751', name: 'Aarhus Borger' });
  const token = await createSession(db, principalFor('citizen', { municipalityCode: '751', citizenId: citizen.id }));
  const page = await app.inject({ url: '/borger/job', headers: { accept: 'text/html', cookie: `jobunivers-session=${token}` } });
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /job inden for 50 km fra Testkommune/, 'from the seat of the citizen’s municipality (751: Aarhus)');
  const api = await app.inject({ url: '/api/public/v1/jobs?near=Odense&radiusKm=40&sort=distance' });
  assert.equal(api.statusCode, 200);
  const body = api.json<{ total: number; items: { distanceKm: number }[]; near: { name: string } }>();
  assert.equal(body.near.name, 'Odense');
  assert.ok(body.items.every((i) => i.distanceKm <= 40));
  const bad = await app.inject({ url: '/api/public/v1/jobs?near=Atlantis' });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.headers['content-type'] ?? '', /application\/problem\+json/);
  const occupations = await app.inject({ url: '/api/public/v1/jobs/occupations?q=lager' });
  assert.equal(occupations.statusCode, 200);
  assert.ok(occupations.json<{ title: string }[]>().some((o) => /lager/i.test(o.title)));
});

test('a citizen starts from their job wishes, and puts an application in their Joblog from the ad in one step, once', async () => {
  const { open, post } = signedInForms(app);
  const citizen = await createCitizen(db, { municipalityCode: '461', name: 'Odense Borger' });
  const token = await createSession(db, principalFor('citizen', { municipalityCode: '461', citizenId: citizen.id }));
  // Jobnet's simulator answers job wishes for every CPR number: they are offered as searches before the citizen searches.
  const start = await open(token, '/borger/job');
  assert.match(start.body, /Job der passer til dine jobønsker/);
  const wish = /<section class="mt-5" aria-labelledby="job-wishes-heading">[\s\S]*?<a href="([^"]+)">/.exec(start.body)?.[1];
  assert.ok(wish, 'a job wish links a search');
  assert.equal((await open(token, wish.replace(/&amp;/g, '&'))).statusCode, 200);

  const adId = (await db.selectFrom('job_ad').select('ad_id').orderBy('ad_id').executeTakeFirstOrThrow()).ad_id;
  const before = await open(token, `/borger/job/${adId}`);
  assert.match(before.body, /først sige ja til, at vi sender til Joblog/, 'without an agreement the page says what to do first');
  assert.equal((await post(token, '/borger/joblog', '/borger/joblog/samtykke')).statusCode, 303);
  const page = await open(token, `/borger/job/${adId}`);
  assert.match(page.body, /Jeg har søgt jobbet i dag/);
  const hidden = Object.fromEntries(
    [...page.body.matchAll(/<input type="hidden" name="(kind|jobTitle|employer|activityOnDay|activityOnMonth|activityOnYear|_skema)" value="([^"]*)">/g)].map(
      (m) => [m[1], m[2]],
    ),
  );
  assert.equal(hidden.kind, 'application');
  const fields = Object.fromEntries(
    Object.entries(hidden).map(([k, v]) => [
      k,
      String(v)
        .replace(/&amp;/g, '&')
        .replace(/&#39;/g, "'")
        .replace(/&quot;/g, '"'),
    ]),
  );
  for (const attempt of [1, 2]) assert.equal((await post(token, `/borger/job/${adId}`, '/borger/joblog', fields)).statusCode, 303, `click ${attempt}`);
  const ad = await db.selectFrom('job_ad').select(['title', 'employer_name']).where('ad_id', '=', adId).executeTakeFirstOrThrow();
  const registrations = await db.selectFrom('joblog_registration').select(['kind', 'job_title', 'employer']).where('citizen_id', '=', citizen.id).execute();
  assert.deepEqual(registrations, [{ kind: 'application', job_title: ad.title, employer: ad.employer_name }], 'registered once');
  const timeline = await open(token, '/borger/tidslinje');
  assert.ok(timeline.body.includes(ad.employer_name.replace(/&/g, '&amp;')), 'the application is on the timeline');
});
