// The citizen's marketplace through the real app: only the citizen's municipality's enabled services and local
// offers, the jobcenter's recommendation first with its reason, search and filters, launching with licence seats,
// ratings with validation and moderation, local offers' sign-up, and a cache that follows every change.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { CHANGES_LISTENER_NAME as LISTENER_APPLICATION_NAME } from '../src/platform/changes.ts';
import { arrangePage, type MarketItem, type MarketOffer } from '../src/modules/marketplace/marketplace.offer.ts';
import type { NsisLevel } from '../src/platform/auth/nsis.ts';
import type { PriceModel } from '../src/platform/db/schema.ts';
import { createTestApp, csrfPairFor } from './support/app.ts';
import { createCitizen, createJobcenter, createMunicipality, createSession, principalFor } from './support/factories.ts';

/** Log lines the app wrote: a lost listening connection is told there, the moment the app notices. */
const logLines: string[] = [];
/** Whether the app has said, since log line `from`, that its listener lost the connection (its cache is off then). */
const listenerLostSince = (from: number) =>
  logLines.slice(from).some((line) => line.includes('lost its connection') && line.includes(LISTENER_APPLICATION_NAME));
const { app, db, changes } = await createTestApp({ logLines, env: { RATE_LIMIT_FORMS_PER_MINUTE: '100000' } });
// What writers in the app's process do after their commit: the marketplace's subscribers forget at once.
const invalidateMarketplace = (municipalityCode: string) => void changes.publish('municipalityOfferChanged', { municipalityCode });
const invalidateMarketplaceCitizen = (citizenId: string) => void changes.publish('citizenChanged', { citizenId });

const demo = (n: number) => `00000000-0000-4000-9000-${n.toString(16).padStart(12, '0')}`;
const today = new Date();
const isoDay = (offsetDays: number) => new Date(today.getTime() + offsetDays * 86_400_000).toISOString().slice(0, 10);

type ListingFixture = {
  name: string;
  nameEn?: string;
  summary?: string;
  description?: string;
  stage?: string;
  price?: PriceModel;
  level?: NsisLevel;
  categories?: string[];
  languages?: string[];
  data?: { category: string; purpose: string; legalBasis: 'consent' | 'contract' | 'legal_obligation' | 'public_task' }[];
};

/** A listing with one approved version (unless told otherwise), written by the database owner as a fixture. */
async function createListing(fixture: ListingFixture, options: { status?: 'approved' | 'draft' } = {}): Promise<string> {
  const listingId = randomUUID();
  await sql`insert into listing (id, vendor_id) select ${listingId}::uuid, id from vendor order by cvr limit 1`.execute(db);
  await addVersion(listingId, 1, fixture, options.status ?? 'approved');
  return listingId;
}

async function addVersion(listingId: string, version: number, fixture: ListingFixture, status: 'approved' | 'draft' = 'approved'): Promise<string> {
  const versionId = randomUUID();
  await db
    .insertInto('listing_version')
    .values({
      id: versionId,
      listing_id: listingId,
      version,
      status,
      name_da: fixture.name,
      name_en: fixture.nameEn ?? `${fixture.name} (en)`,
      summary_da: fixture.summary ?? `Kort om ${fixture.name} for ledige.`,
      summary_en: 'A short English summary.',
      description_da: fixture.description ?? `Hele beskrivelsen af ${fixture.name}.`,
      description_en: 'The whole English description.',
      journey_stage: fixture.stage ?? 'search',
      price_model: fixture.price ?? 'free',
      required_nsis_level: fixture.level ?? 'Substantial',
      channels: ['web'],
      service_url: `https://tjeneste.example/${listingId}`,
      accessibility_statement_url: `https://tjeneste.example/${listingId}/tilgaengelighed`,
    })
    .execute();
  for (const category of fixture.categories ?? []) await db.insertInto('listing_version_category').values({ version_id: versionId, category }).execute();
  for (const language of fixture.languages ?? ['da']) await db.insertInto('listing_version_language').values({ version_id: versionId, language }).execute();
  for (const use of fixture.data ?? []) {
    await db
      .insertInto('listing_version_data_category')
      .values({ version_id: versionId, category: use.category, purpose_da: use.purpose, purpose_en: `${use.purpose} (en)`, legal_basis: use.legalBasis })
      .execute();
  }
  return versionId;
}

async function enable(code: string, ...listingIds: string[]): Promise<void> {
  await db
    .insertInto('municipality_listing')
    .values(listingIds.map((id) => ({ municipality_code: code, listing_id: id, enabled_by: 'test' })))
    .execute();
}

async function recommend(code: string, listingId: string, targetGroup: string, stage: string | null, note: string | null): Promise<void> {
  await db
    .insertInto('listing_recommendation')
    .values({
      municipality_code: code,
      listing_id: listingId,
      target_group: targetGroup,
      journey_stage: stage,
      note_da: note,
      note_en: note ? `${note} (en)` : null,
      created_by: 'test',
    })
    .execute();
}

async function createLocalOffer(
  code: string,
  title: string,
  options: { inDays?: number; capacity?: number | null; cancelled?: boolean; stage?: string } = {},
): Promise<string> {
  const starts = new Date(Date.now() + (options.inDays ?? 7) * 86_400_000);
  const capacity = options.capacity === undefined ? 10 : options.capacity;
  const row = await db
    .insertInto('local_offer')
    .values({
      municipality_code: code,
      kind: 'workshop',
      title_da: title,
      title_en: `${title} (en)`,
      description_da: `En workshop om ${title} med øvelser i små grupper.`,
      description_en: 'A workshop with exercises in small groups.',
      place: 'Jobcentret, lokale 1',
      starts_at: starts,
      ends_at: new Date(starts.getTime() + 2 * 3_600_000),
      capacity,
      signup_required: capacity !== null,
      journey_stage: options.stage ?? 'search',
      created_by: 'test',
      cancelled_at: options.cancelled ? new Date() : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

type Citizen = { id: string; name: string; token: string };

async function citizenOf(code: string, profile?: { targetGroup: string | null; stage: string | null }, level: NsisLevel = 'High'): Promise<Citizen> {
  const citizen = await createCitizen(db, { municipalityCode: code });
  if (profile) {
    await db
      .insertInto('citizen_profile')
      .values({ citizen_id: citizen.id, municipality_code: code, target_group: profile.targetGroup, journey_stage: profile.stage, screened_at: new Date() })
      .execute();
  }
  const principal = {
    ...principalFor('citizen', { municipalityCode: code, citizenId: citizen.id, nsisLevel: level }),
    name: citizen.name,
    municipality: { code, name: `Testkommune ${code}` },
  };
  return { id: citizen.id, name: citizen.name, token: await createSession(db, principal) };
}

async function moderatorOf(code: string): Promise<string> {
  return createSession(db, { ...principalFor('content_owner', { municipalityCode: code }), municipality: { code, name: `Testkommune ${code}` } });
}

function open(token: string, path: string, english = false) {
  return app.inject({ url: path, headers: { cookie: `jobunivers-session=${token}${english ? '; lang=en' : ''}` } });
}

async function post(token: string, path: string, fields: Record<string, string> = {}) {
  const pair = await csrfPairFor(app, token);
  return app.inject({
    method: 'POST',
    url: path,
    headers: { cookie: `${pair.cookie}; jobunivers-session=${token}`, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ _csrf: pair.token, ...fields }).toString(),
  });
}

const itemPattern = /<h3 class="h4(?: mt-0)?"><a href="\/borger\/markedsplads\/(?:lokale-tilbud\/)?[0-9a-f-]{36}">([^<]+)<\/a><\/h3>/g;

/** The names on a marketplace page, in order. */
async function shown(token: string, query = '', english = false): Promise<string[]> {
  const response = await open(token, `/borger/markedsplads${query}`, english);
  assert.equal(response.statusCode, 200, response.body.slice(0, 500));
  return [...response.body.matchAll(itemPattern)].map((m) => m[1] ?? '');
}

/** Waits until `check` holds, for at most `ms` (well below the cache's 10 s lifetime); returns whether it did. */
async function eventually(check: () => Promise<boolean>, ms = 3_000): Promise<boolean> {
  // performance.now(), not Date.now(): a test may hold the app's clock still (mock timers).
  const end = performance.now() + ms;
  while (performance.now() < end) {
    if (await check()) return true;
    await sleep(25);
  }
  return check();
}

/** Runs fixture writes with the database's triggers off, so nobody is notified: only the cache can explain what is served then. */
async function unnoticed(work: (trx: typeof db) => Promise<unknown>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await sql`set local session_replication_role = replica`.execute(trx);
    await work(trx);
  });
}

// ---- What a citizen sees ----

test('a citizen sees exactly their municipality’s enabled services and upcoming local offers, the recommended one first with its reason', async () => {
  const a = await createMunicipality(db);
  const b = await createMunicipality(db);
  const cv = await createListing({ name: 'Cirkus CV', categories: ['cv_application'] });
  const interview = await createListing({ name: 'Interviewkompas', stage: 'prepare' });
  const network = await createListing({ name: 'Netværksnøglen' });
  const elsewhere = await createListing({ name: 'Kun i nabokommunen' });
  const draft = await createListing({ name: 'Kladde der ikke er godkendt' }, { status: 'draft' });
  await createListing({ name: 'Ikke slået til nogen steder' });
  await enable(a.code, cv, interview, network, draft);
  await enable(b.code, elsewhere);
  await recommend(a.code, network, 'job_ready', 'search', 'Mød os til netværksmøde bagefter.');
  await recommend(a.code, interview, 'sick_leave', null, 'Kun for sygemeldte.');
  await createLocalOffer(a.code, 'Jobcafé i biblioteket');
  await createLocalOffer(a.code, 'Aflyst jobcafé', { cancelled: true });
  await createLocalOffer(a.code, 'Jobcafé der var i går', { inDays: -1 });
  const theirOffer = await createLocalOffer(b.code, 'Nabokommunens jobmesse');

  const citizen = await citizenOf(a.code, { targetGroup: 'job_ready', stage: 'search' });
  assert.deepEqual(await shown(citizen.token), ['Netværksnøglen', 'Jobcafé i biblioteket', 'Cirkus CV', 'Interviewkompas']);
  const page = (await open(citizen.token, '/borger/markedsplads')).body;
  assert.match(page, /Anbefalet til dig/);
  // The municipality has no jobcenter and no name of its own for its employment service: "<name> Kommune" (issue 14).
  assert.match(
    page,
    new RegExp(
      `${a.name} Kommune anbefaler dette til borgere i målgruppen jobparate, der er i fasen jobsøgning\\. ${a.name} Kommune skriver: »Mød os til netværksmøde bagefter\\.«`,
    ),
  );
  assert.equal(page.match(/Anbefalet til dig/g)?.length, 1, 'only the recommendation for the citizen’s own target group applies');
  assert.match(page, /<h2 id="results-heading">4 tilbud<\/h2>/);
  assert.doesNotMatch(page, /Kun i nabokommunen|Nabokommunens jobmesse|Kladde der ikke er godkendt|Ikke slået til|Aflyst jobcafé|var i går/);

  const english = await open(citizen.token, '/borger/markedsplads', true);
  assert.match(english.body, /<h1>The marketplace<\/h1>/);
  assert.match(
    english.body,
    new RegExp(
      `${a.name} Kommune recommends this to citizens in the target group ready for work at the stage job search\\. ${a.name} Kommune writes: “Mød os til netværksmøde bagefter\\. \\(en\\)”`,
    ),
  );
  assert.ok(english.body.includes('Netværksnøglen (en)'));

  // Without a target group (not visited yet), nothing is pushed first.
  const unvisited = await citizenOf(a.code);
  assert.deepEqual(await shown(unvisited.token), ['Jobcafé i biblioteket', 'Cirkus CV', 'Interviewkompas', 'Netværksnøglen']);
  assert.doesNotMatch((await open(unvisited.token, '/borger/markedsplads')).body, /Anbefalet til dig/);

  // The neighbour's citizen sees none of A's choices, and A's citizen none of B's pages.
  const neighbour = await citizenOf(b.code, { targetGroup: 'job_ready', stage: 'search' });
  assert.deepEqual(await shown(neighbour.token), ['Nabokommunens jobmesse', 'Kun i nabokommunen']);
  for (const path of [
    `/borger/markedsplads/${elsewhere}`,
    `/borger/markedsplads/${draft}`,
    `/borger/markedsplads/lokale-tilbud/${theirOffer}`,
    `/borger/markedsplads/${randomUUID()}`,
    '/borger/markedsplads/ikke-et-id',
  ]) {
    assert.equal((await open(citizen.token, path)).statusCode, 404, path);
  }
  for (const path of [
    `/borger/markedsplads/${elsewhere}/start`,
    `/borger/markedsplads/${elsewhere}/bedoemmelse`,
    `/borger/markedsplads/lokale-tilbud/${theirOffer}/tilmeld`,
  ]) {
    assert.equal((await post(citizen.token, path, { stars: '5' })).statusCode, 404, path);
  }
  assert.equal(await db.selectFrom('listing_launch').select('id').where('citizen_id', '=', citizen.id).executeTakeFirst(), undefined);
  assert.equal(await db.selectFrom('listing_rating').select('id').where('citizen_id', '=', citizen.id).executeTakeFirst(), undefined);
});

test('markup in a service’s name, a recommendation’s note and a local offer’s title is shown as text, also from the kept page', async () => {
  const m = await createMunicipality(db);
  const listingId = await createListing({ name: '<script>alert("navn")</script>Kodefisk', summary: 'Kort <img src=x onerror=alert(1)> om det.' });
  await enable(m.code, listingId);
  await recommend(m.code, listingId, 'job_ready', null, '<b>Anbefalet</b> af jobcentret');
  await createLocalOffer(m.code, '<script>alert("tilbud")</script>Kodeværksted');
  const citizen = await citizenOf(m.code, { targetGroup: 'job_ready', stage: null });
  // The second opening is answered from the page body kept for the municipality's offer.
  for (const page of [await open(citizen.token, '/borger/markedsplads'), await open(citizen.token, '/borger/markedsplads')]) {
    assert.equal(page.statusCode, 200);
    assert.doesNotMatch(page.body, /<script>alert|<img src=x|<b>Anbefalet/);
    assert.ok(page.body.includes('&lt;script&gt;alert(&quot;navn&quot;)&lt;/script&gt;Kodefisk</a></h3>'), 'the name, escaped');
    assert.ok(page.body.includes('Kort &lt;img src=x onerror=alert(1)&gt; om det.'), 'the summary, escaped');
    assert.ok(page.body.includes('&lt;b&gt;Anbefalet&lt;/b&gt; af jobcentret'), 'the note, escaped');
    assert.ok(page.body.includes('&lt;script&gt;alert(&quot;tilbud&quot;)&lt;/script&gt;Kodeværksted</a></h3>'), 'the local offer, escaped');
  }
});

test('"not relevant for me" keeps a recommended service from being pushed first; it stays in the list', async () => {
  const m = await createMunicipality(db);
  const first = await createListing({ name: 'Afklaringsforløb' });
  const recommended = await createListing({ name: 'Øvelser i jobsøgning' });
  await enable(m.code, first, recommended);
  await recommend(m.code, recommended, 'activity_ready', null, null);
  const citizen = await citizenOf(m.code, { targetGroup: 'activity_ready', stage: 'clarify' });
  assert.deepEqual(await shown(citizen.token), ['Øvelser i jobsøgning', 'Afklaringsforløb']);
  await db
    .insertInto('recommendation_dismissal')
    .values({ citizen_id: citizen.id, municipality_code: m.code, item_kind: 'listing', item_id: recommended })
    .execute();
  invalidateMarketplaceCitizen(citizen.id);
  assert.deepEqual(await shown(citizen.token), ['Afklaringsforløb', 'Øvelser i jobsøgning']);
  assert.doesNotMatch((await open(citizen.token, '/borger/markedsplads')).body, /Anbefalet til dig/);
});

test('search (Danish stemming, typos corrected), filters and pages of 20 with previous and next', async () => {
  const m = await createMunicipality(db);
  const ids: string[] = [];
  for (let i = 1; i <= 23; i++) {
    ids.push(
      await createListing({
        name: `Forløb ${String(i).padStart(2, '0')}`,
        price: i % 2 === 0 ? 'licence' : 'free',
        stage: i <= 3 ? 'upskill' : 'search',
        categories: i === 5 ? ['interview'] : [],
        languages: i === 7 ? ['da', 'uk'] : ['da'],
      }),
    );
  }
  const special = await createListing({ name: 'Tømrerlærlingens værktøjskasse', summary: 'Værktøjskasser og sikkerhed for lærlinge i byggeriet.' });
  await enable(m.code, ...ids, special);
  await createLocalOffer(m.code, 'Værktøjsdag på jobcentret');
  const citizen = await citizenOf(m.code, { targetGroup: 'job_ready', stage: 'search' });

  const first = await open(citizen.token, '/borger/markedsplads');
  const firstNames = [...first.body.matchAll(itemPattern)].map((m) => m[1]);
  assert.equal(firstNames.length, 20);
  assert.match(first.body, /Side 1 af 2/);
  assert.match(first.body, /<a href="\/borger\/markedsplads\?side=2" rel="next">Næste side<\/a>/);
  assert.doesNotMatch(first.body, /Forrige side/);
  const second = await open(citizen.token, '/borger/markedsplads?side=2');
  const secondNames = [...second.body.matchAll(itemPattern)].map((m) => m[1]);
  assert.equal(secondNames.length, 5);
  assert.match(second.body, /<a href="\/borger\/markedsplads" rel="prev">Forrige side<\/a>/);
  assert.equal(new Set([...firstNames, ...secondNames]).size, 25, 'nothing on two pages, nothing left out');

  assert.deepEqual(await shown(citizen.token, `?q=${encodeURIComponent('værktøjskasse')}`), ['Tømrerlærlingens værktøjskasse']);
  assert.deepEqual(await shown(citizen.token, `?q=${encodeURIComponent('værktøjsdag')}`), ['Værktøjsdag på jobcentret']);
  const typo = await open(citizen.token, `/borger/markedsplads?q=${encodeURIComponent('tømrerlærlingnes')}`);
  assert.deepEqual(
    [...typo.body.matchAll(itemPattern)].map((m) => m[1]),
    ['Tømrerlærlingens værktøjskasse'],
  );
  assert.match(typo.body, /Viser i stedet resultater for »tømrerlærlingens«/);
  const nothing = await open(citizen.token, `/borger/markedsplads?q=${encodeURIComponent('<script>zyxw</script>')}`);
  assert.match(nothing.body, /Ingen tilbud passer til søgningen/);
  assert.doesNotMatch(nothing.body, /<script>zyxw/);
  assert.match(nothing.body, /value="&lt;script&gt;zyxw&lt;\/script&gt;"/);

  assert.deepEqual(await shown(citizen.token, '?lokale=1'), ['Værktøjsdag på jobcentret']);
  assert.deepEqual(await shown(citizen.token, '?fase=upskill'), ['Forløb 01', 'Forløb 02', 'Forløb 03']);
  assert.deepEqual(await shown(citizen.token, '?kategori=interview'), ['Forløb 05']);
  assert.deepEqual(await shown(citizen.token, '?sprog=uk'), ['Forløb 07']);
  assert.deepEqual(await shown(citizen.token, '?pris=licence&fase=upskill'), ['Forløb 02']);
  // A local offer costs nothing.
  assert.ok((await shown(citizen.token, '?pris=free')).includes('Værktøjsdag på jobcentret'));
  // The filters are one link away on a plain search (results first on a phone), a GET form that keeps the choices,
  // shown while any is chosen; odd values are ignored.
  const plain = await open(citizen.token, `/borger/markedsplads?q=${encodeURIComponent('værktøj')}`);
  assert.match(plain.body, /<a href="\/borger\/markedsplads\?q=v%C3%A6rkt%C3%B8j&amp;filtre=1">Filtrér tilbuddene<\/a>/);
  assert.doesNotMatch(plain.body, /type="checkbox"/);
  const shownFilters = await open(citizen.token, '/borger/markedsplads?filtre=1');
  assert.match(shownFilters.body, /id="fase-upskill" name="fase" value="upskill"><label for="fase-upskill">Opkvalificering<\/label>/);
  assert.match(shownFilters.body, /<a href="\/borger\/markedsplads">Skjul filtrene<\/a>/);
  const filtered = await open(citizen.token, '/borger/markedsplads?fase=upskill&pris=licence&kategori=%3Cx%3E&side=zz');
  assert.equal(filtered.statusCode, 200);
  assert.match(filtered.body, /id="fase-upskill" name="fase" value="upskill" checked>/);
  assert.match(filtered.body, /id="pris-licence" name="pris" value="licence" checked>/);
  assert.match(filtered.body, /id="lokale" name="lokale" value="1"><label for="lokale">/);
  assert.match(filtered.body, /<a href="\/borger\/markedsplads">Fjern alle filtre<\/a>/);
});

test('the page of the whole offer is worked out the short way exactly as the long way: recommended first, then the rest, 20 to a page', () => {
  const items: MarketItem[] = Array.from({ length: 45 }, (_, i) => ({
    kind: 'listing',
    id: `id-${i}`,
    position: i,
    version: 1,
    nameDa: `Navn ${i}`,
    nameEn: `Name ${i}`,
    summaryDa: '',
    summaryEn: '',
    stage: 'search',
    categories: [],
    targetGroups: [],
    languages: ['da'],
    price: 'free',
    level: 'Low',
    vendorName: 'V',
    rating: undefined,
  }));
  const recommendation = (listingId: string, stage: string | null) => ({
    id: `r-${listingId}-${stage}`,
    listingId,
    targetGroup: 'job_ready',
    stage,
    noteDa: null,
    noteEn: null,
  });
  const offer: MarketOffer = {
    municipalityCode: '999',
    serviceName: 'Jobcenter Prøveby',
    items,
    byId: new Map(items.map((item) => [item.id, item])),
    recommendations: [
      recommendation('id-30', null),
      recommendation('id-7', 'search'),
      recommendation('id-12', 'search'),
      recommendation('id-40', 'clarify'),
      recommendation('id-7', null),
    ],
    taxonomies: { stage: [], category: [], target_group: [], language: [], data_category: [] },
    changesAt: undefined,
    derived: new Map(),
  };
  const personal = { targetGroup: 'job_ready', journeyStage: 'search', dismissed: new Set(['id-12']) };
  const everything = new Map(items.map((item) => [item.id, 0]));
  for (const page of [1, 2, 3, 9]) {
    const filter = { query: '', stages: [], categories: [], languages: [], priceModels: [], localOnly: false, page };
    const short = arrangePage(offer, personal, filter);
    const long = arrangePage(offer, personal, filter, everything);
    assert.deepEqual(
      short.items.map((item) => item.id),
      long.items.map((item) => item.id),
      `page ${page}`,
    );
    assert.deepEqual([...short.recommended], [...long.recommended]);
    assert.deepEqual([short.total, short.page, short.pageCount], [long.total, long.page, long.pageCount]);
  }
  const first = arrangePage(offer, personal, { query: '', stages: [], categories: [], languages: [], priceModels: [], localOnly: false, page: 1 });
  assert.deepEqual(
    first.items.slice(0, 3).map((item) => item.id),
    ['id-7', 'id-30', 'id-0'],
    'recommended first in list order; the dismissed one and another stage’s are not',
  );
  assert.equal(first.recommended.get('id-7')?.stage, 'search', 'the recommendation for the citizen’s own stage is the one given');
});

// ---- A service's page, and starting it ----

test('a service’s page says what it does, who provides it, which data it asks for and why, its statement, level and ratings', async () => {
  const m = await createMunicipality(db);
  const listingId = await createListing({
    name: 'Sprogmakker',
    summary: 'Få en sprogmakker til dansk på jobbet.',
    description: 'Første afsnit.\n\nAndet afsnit med <b>fed</b> tekst.',
    categories: ['language'],
    data: [{ category: 'cv', purpose: 'Så makkeren kender din baggrund.', legalBasis: 'consent' }],
  });
  await enable(m.code, listingId);
  const citizen = await citizenOf(m.code);
  const page = await open(citizen.token, `/borger/markedsplads/${listingId}`);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /<h1>Sprogmakker<\/h1>/);
  assert.match(page.body, /<p>Første afsnit\.<\/p>\s*<p>Andet afsnit med &lt;b&gt;fed&lt;\/b&gt; tekst\.<\/p>/);
  const vendor = await db.selectFrom('vendor').select('name').orderBy('cvr').executeTakeFirstOrThrow();
  assert.ok(page.body.includes(`<dt>Leverandør</dt><dd>${vendor.name}</dd>`));
  assert.match(page.body, /<tr><th scope="row">CV<\/th><td>Så makkeren kender din baggrund\.<\/td><td>Samtykke[^<]*<\/td><\/tr>/);
  assert.ok(page.body.includes(`<a href="https://tjeneste.example/${listingId}/tilgaengelighed">Tilgængelighedserklæring for Sprogmakker</a>`));
  assert.match(page.body, /<dt>Krævet sikringsniveau \(NSIS\)<\/dt><dd>Betydelig<\/dd>/);
  assert.match(
    page.body,
    /<form method="post" action="\/borger\/markedsplads\/[0-9a-f-]{36}\/start">.*<button class="button button-primary" type="submit">Start<\/button>/,
  );
  assert.match(page.body, /Ingen bedømmelser endnu/);
  const english = await open(citizen.token, `/borger/markedsplads/${listingId}`, true);
  assert.match(english.body, /<td>Så makkeren kender din baggrund\. \(en\)<\/td><td>Consent[^<]*<\/td>/);

  // A service needing a higher level than the session: a step-up, never a silent start.
  const high = await createListing({ name: 'Højsikret tjeneste', level: 'High' });
  await enable(m.code, high);
  const substantial = await citizenOf(m.code, undefined, 'Substantial');
  const stepUp = await open(substantial.token, `/borger/markedsplads/${high}`);
  assert.match(stepUp.body, /Tjenesten kræver sikringsniveau Høj/);
  assert.ok(stepUp.body.includes(`href="/log-ind/borger?tilbage=%2Fborger%2Fmarkedsplads%2F${high}&amp;niveau=High"`));
  const refused = await post(substantial.token, `/borger/markedsplads/${high}/start`);
  assert.equal(refused.statusCode, 401);
  assert.equal(await db.selectFrom('listing_launch').select('id').where('citizen_id', '=', substantial.id).executeTakeFirst(), undefined);
});

test('a licence with 2 seats: two citizens launch and relaunch, a third is refused clearly with alternatives; every launch is recorded', async () => {
  const m = await createMunicipality(db);
  await createJobcenter(db, m.code, { name: 'Jobcenter Prøvestad', phone: '70 11 22 33' });
  const licensed = await createListing({ name: 'Licenseret CV-værktøj', price: 'licence', categories: ['cv_application'] });
  const alternative = await createListing({ name: 'Gratis CV-skabeloner', categories: ['cv_application'] });
  const unrelated = await createListing({ name: 'Motivation i hverdagen', stage: 'clarify', categories: ['wellbeing'] });
  await enable(m.code, licensed, alternative, unrelated);
  const licence = await db
    .insertInto('licence')
    .values({
      municipality_code: m.code,
      listing_id: licensed,
      seats: 2,
      valid_from: isoDay(-30),
      valid_to: isoDay(30),
      price_dkk: '1000',
      budget_holder: 'Jobcentret',
      created_by: 'test',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const [one, two, three] = [await citizenOf(m.code), await citizenOf(m.code), await citizenOf(m.code)];
  if (!one || !two || !three) throw new Error('citizens');

  // Nobody is handed over to a service they did not start.
  assert.equal((await open(one.token, `/borger/markedsplads/${licensed}/aabner`)).headers.location, `/borger/markedsplads/${licensed}`);
  for (const citizen of [one, two, one, two]) {
    const launched = await post(citizen.token, `/borger/markedsplads/${licensed}/start`);
    assert.equal(launched.statusCode, 303);
    assert.equal(launched.headers.location, `/borger/markedsplads/${licensed}/aabner`);
    // The hand-over page sends the browser on to the service (its own navigation: the CSP stops a form's redirect to another origin).
    const handOver = await open(citizen.token, launched.headers.location ?? '');
    assert.equal(handOver.statusCode, 200);
    // OpenID Connect third-party initiated login: the service's address with the platform's issuer and the service as target.
    const target = `https://tjeneste.example/${licensed}?iss=${encodeURIComponent('http://127.0.0.1:3000/oidc')}&target_link_uri=${encodeURIComponent(`https://tjeneste.example/${licensed}`)}`;
    assert.equal(handOver.headers.refresh, `0; url=${target}`);
    assert.ok(handOver.body.includes(`<a class="button button-primary" href="${target.replace(/&/g, '&amp;')}">Åbn Licenseret CV-værktøj</a>`));
  }
  const refused = await post(three.token, `/borger/markedsplads/${licensed}/start`);
  assert.equal(refused.statusCode, 409);
  assert.match(refused.body, /<h1>Der er ingen ledig plads lige nu<\/h1>/);
  assert.match(refused.body, /Du kan ikke starte »Licenseret CV-værktøj« lige nu/);
  assert.match(refused.body, /<a href="\/borger\/markedsplads\/[0-9a-f-]{36}">Gratis CV-skabeloner<\/a>/);
  assert.doesNotMatch(refused.body, /Motivation i hverdagen/, 'alternatives are for the same need');
  assert.match(refused.body, /Jobcenter Prøvestad/);
  assert.match(refused.body, /<a href="tel:70112233">70\u00a011\u00a022\u00a033<\/a>/);
  // The holders keep their seats; a service without a licence starts for anyone.
  assert.equal((await post(one.token, `/borger/markedsplads/${licensed}/start`)).statusCode, 303);
  assert.equal((await post(three.token, `/borger/markedsplads/${alternative}/start`)).headers.location, `/borger/markedsplads/${alternative}/aabner`);
  assert.equal((await open(three.token, `/borger/markedsplads/${licensed}/aabner`)).statusCode, 303, 'refused, so not handed over');

  const seats = await db.selectFrom('licence_seat').select('citizen_id').where('licence_id', '=', licence.id).execute();
  assert.deepEqual(seats.map((s) => s.citizen_id).sort(), [one.id, two.id].sort());
  const owner = await moderatorOf(m.code);
  assert.match((await open(owner, `/kommune/licenser/${licence.id}`)).body, /2\/2 pladser brugt/);
  const launches = await db
    .selectFrom('listing_launch')
    .select(['citizen_id', 'listing_id', 'outcome', 'version', 'municipality_code'])
    .where('municipality_code', '=', m.code)
    .orderBy('id')
    .execute();
  const of = (citizen: Citizen) =>
    launches.filter((l) => l.citizen_id === citizen.id).map((l) => `${l.listing_id === licensed ? 'licensed' : 'alternative'}:${l.outcome}`);
  assert.deepEqual(of(one), ['licensed:launched', 'licensed:launched', 'licensed:launched']);
  assert.deepEqual(of(two), ['licensed:launched', 'licensed:launched']);
  assert.deepEqual(of(three), ['licensed:no_seat', 'alternative:launched']);
  assert.ok(launches.every((l) => l.version === 1));
});

// ---- Ratings ----

test('a rating: checked field by field with nothing stored, one per citizen, visible only once moderated, escaped, never naming its writer', async () => {
  const m = await createMunicipality(db);
  const other = await createMunicipality(db);
  const listingId = await createListing({ name: 'Bedømt tjeneste' });
  await enable(m.code, listingId);
  await enable(other.code, listingId);
  const writer = await citizenOf(m.code);
  const reader = await citizenOf(other.code);
  const path = `/borger/markedsplads/${listingId}/bedoemmelse`;

  for (const stars of ['0', '6', '', 'fem']) {
    const response = await post(writer.token, path, { stars, comment: 'Fin' });
    assert.equal(response.statusCode, 400, stars);
    assert.match(response.body, /<span class="form-error-message" id="field-stars-error">Vælg fra 1 til 5 stjerner\.<\/span>/, stars);
    assert.match(response.body, /<a href="#field-stars">Hvor mange stjerner giver du tilbuddet: Vælg fra 1 til 5 stjerner\.<\/a>/);
  }
  const huge = await post(writer.token, path, { stars: '4', comment: 'x'.repeat(1_000_000) });
  assert.equal(huge.statusCode, 400);
  assert.match(huge.body, /<span class="form-error-message" id="field-comment-error">Skriv højst 2000 tegn\.<\/span>/);
  assert.match(huge.body, /id="field-stars-4" name="stars" value="4" checked>/, 'what was chosen is kept');
  assert.equal(await db.selectFrom('listing_rating').select('id').where('listing_id', '=', listingId).executeTakeFirst(), undefined, 'nothing stored');

  const saved = await post(writer.token, path, { stars: '4', comment: 'Rigtig god <script>alert(1)</script> & brugbar.' });
  assert.equal(saved.statusCode, 303);
  assert.match(saved.headers.location ?? '', /\?bedoemmelse=gemt#rate-heading$/);
  const own = await open(writer.token, saved.headers.location ?? '');
  assert.match(own.body, /Din bedømmelse er gemt/);
  assert.match(own.body, /Du har givet 4 stjerner\./);
  assert.match(own.body, /Rigtig god &lt;script&gt;alert\(1\)&lt;\/script&gt; &amp; brugbar\./, 'the form shows the citizen’s own text, escaped');
  // Pending: nobody else sees it.
  const before = await open(reader.token, `/borger/markedsplads/${listingId}`);
  assert.match(before.body, /Ingen bedømmelser endnu/);
  assert.doesNotMatch(before.body, /Rigtig god/);

  // Only the writer's municipality moderates it.
  const rating = await db.selectFrom('listing_rating').select('id').where('listing_id', '=', listingId).executeTakeFirstOrThrow();
  const foreignModerator = await moderatorOf(other.code);
  assert.doesNotMatch((await open(foreignModerator, '/kommune/bedoemmelser')).body, /Rigtig god/);
  assert.equal((await post(foreignModerator, `/kommune/bedoemmelser/${rating.id}`, { decision: 'approve' })).statusCode, 404);
  const moderator = await moderatorOf(m.code);
  const queue = await open(moderator, '/kommune/bedoemmelser');
  assert.match(queue.body, /<h2 class="h4">Bedømt tjeneste<\/h2>/);
  assert.match(queue.body, /Rigtig god &lt;script&gt;alert\(1\)&lt;\/script&gt; &amp; brugbar\./);
  assert.doesNotMatch(queue.body, new RegExp(writer.name));
  assert.equal((await post(moderator, `/kommune/bedoemmelser/${rating.id}`, { decision: 'maybe' })).statusCode, 400);
  const approved = await post(moderator, `/kommune/bedoemmelser/${rating.id}`, { decision: 'approve' });
  assert.equal(approved.statusCode, 303);
  assert.match((await open(moderator, approved.headers.location ?? '')).body, /Bedømmelsen er godkendt/);
  assert.equal((await post(moderator, `/kommune/bedoemmelser/${rating.id}`, { decision: 'reject' })).statusCode, 404, 'decided once');

  const after = await open(reader.token, `/borger/markedsplads/${listingId}`);
  assert.match(after.body, /Bedømt 4 af 5 \(1 bedømmelse\)/);
  assert.match(after.body, /<p>Rigtig god &lt;script&gt;alert\(1\)&lt;\/script&gt; &amp; brugbar\.<\/p>/);
  assert.doesNotMatch(after.body, /<script>alert/);
  assert.doesNotMatch(after.body, new RegExp(writer.name), 'never who wrote it');
  assert.ok((await shown(reader.token)).includes('Bedømt tjeneste'));
  assert.match((await open(reader.token, '/borger/markedsplads')).body, /Bedømt 4 af 5 \(1 bedømmelse\)/);

  // Editing it: still one rating, waiting again, gone from what others see until approved again.
  assert.equal((await post(writer.token, path, { stars: '2', comment: '' })).statusCode, 303);
  const rows = await db.selectFrom('listing_rating').select(['stars', 'comment', 'status']).where('listing_id', '=', listingId).execute();
  assert.deepEqual(rows, [{ stars: 2, comment: null, status: 'pending' }]);
  const edited = await open(reader.token, `/borger/markedsplads/${listingId}`);
  assert.match(edited.body, /Ingen bedømmelser endnu/);
  assert.doesNotMatch((await open(reader.token, '/borger/markedsplads')).body, /Bedømt 4 af 5/);
});

// ---- Local offers ----

test('local offers: sign up with clear outcomes — signed up, already, full, closed', async () => {
  const m = await createMunicipality(db);
  const small = await createLocalOffer(m.code, 'Lille workshop', { capacity: 1 });
  const cancelled = await createLocalOffer(m.code, 'Aflyst workshop', { cancelled: true });
  const dropIn = await createLocalOffer(m.code, 'Jobmesse uden tilmelding', { capacity: null });
  const first = await citizenOf(m.code);
  const second = await citizenOf(m.code);
  const page = await open(first.token, `/borger/markedsplads/lokale-tilbud/${small}`);
  assert.match(page.body, /<h1 class="mt-0">Lille workshop<\/h1>/);
  assert.match(page.body, /1 ledig plads/);
  const signUp = async (citizen: Citizen, offer: string) => {
    const response = await post(citizen.token, `/borger/markedsplads/lokale-tilbud/${offer}/tilmeld`);
    assert.equal(response.statusCode, 303);
    return (await open(citizen.token, response.headers.location ?? '')).body;
  };
  assert.match(await signUp(first, small), /Du er tilmeldt\. Vi glæder os til at se dig\./);
  assert.match(await signUp(first, small), /Du var allerede tilmeldt\./);
  assert.match(await signUp(second, small), /Der er desværre ikke flere ledige pladser, så du er ikke tilmeldt\./);
  assert.match(await signUp(second, cancelled), /Tilmeldingen er lukket, så du er ikke tilmeldt\./);
  assert.match(await signUp(second, dropIn), /Tilmeldingen er lukket/);
  assert.match((await open(second.token, `/borger/markedsplads/lokale-tilbud/${dropIn}`)).body, /Ingen tilmelding – mød bare op/);
  // The marketplace shows the places left as they are now.
  assert.match((await open(second.token, '/borger/markedsplads')).body, /Alle pladser er taget/);
});

// ---- The cache follows every change ----

test('the cache: changes are heard from the database (enable, a new approved version, suspension, disable, recommendation, profile, rating) well within its lifetime', async (t) => {
  const m = await createMunicipality(db);
  const kept = await createListing({ name: 'Altid med' });
  const quiet = await createListing({ name: 'Stille tilføjet' });
  await enable(m.code, kept);
  const citizen = await citizenOf(m.code, { targetGroup: 'job_ready', stage: 'search' });
  // A new live version anywhere clears every municipality's offer: let those notifications pass first.
  await sleep(200);
  // The app's clock stands still from here, so no cached value can outlive the cache's lifetime: whatever shows
  // below was forgotten because the database said so.
  t.mock.timers.enable({ apis: ['Date'], now: Date.now() });
  assert.deepEqual(await shown(citizen.token), ['Altid med']);

  // A write nobody hears about is not seen: the page is served from memory …
  await unnoticed((trx) => trx.insertInto('municipality_listing').values({ municipality_code: m.code, listing_id: quiet, enabled_by: 'test' }).execute());
  assert.deepEqual(await shown(citizen.token), ['Altid med'], 'served from the cache');
  // … until a writer in this process says so.
  invalidateMarketplace(m.code);
  assert.deepEqual(await shown(citizen.token), ['Altid med', 'Stille tilføjet']);

  const added = await createListing({ name: 'Bagefter slået til' });
  await enable(m.code, added);
  assert.ok(await eventually(async () => (await shown(citizen.token)).includes('Bagefter slået til')), 'enabled');

  const versionTwo = await createListing({ name: 'Gammelt navn' });
  await enable(m.code, versionTwo);
  assert.ok(await eventually(async () => (await shown(citizen.token)).includes('Gammelt navn')));
  await db.updateTable('listing_version').set({ status: 'superseded' }).where('listing_id', '=', versionTwo).execute();
  await addVersion(versionTwo, 2, { name: 'Nyt navn fra version 2' });
  assert.ok(await eventually(async () => (await shown(citizen.token)).includes('Nyt navn fra version 2')), 'a new approved version');
  assert.ok(!(await shown(citizen.token)).includes('Gammelt navn'));

  await db.updateTable('listing_version').set({ status: 'suspended' }).where('listing_id', '=', added).where('status', '=', 'approved').execute();
  assert.ok(await eventually(async () => !(await shown(citizen.token)).includes('Bagefter slået til')), 'suspended');

  await db.deleteFrom('municipality_listing').where('municipality_code', '=', m.code).where('listing_id', '=', quiet).execute();
  assert.ok(await eventually(async () => !(await shown(citizen.token)).includes('Stille tilføjet')), 'disabled');

  await recommend(m.code, versionTwo, 'job_ready', 'search', 'Prøv den nye udgave.');
  assert.ok(await eventually(async () => (await shown(citizen.token))[0] === 'Nyt navn fra version 2'), 'recommended');
  await db.updateTable('citizen_profile').set({ target_group: 'sick_leave' }).where('citizen_id', '=', citizen.id).execute();
  assert.ok(await eventually(async () => (await shown(citizen.token))[0] === 'Altid med'), 'the citizen’s target group changed');

  const rater = await citizenOf(m.code);
  await db.insertInto('listing_rating').values({ citizen_id: rater.id, municipality_code: m.code, listing_id: kept, stars: 5, comment: 'Super' }).execute();
  // A later change shown means the page was made again after the rating came in.
  await createLocalOffer(m.code, 'Ny workshop');
  assert.ok(await eventually(async () => (await shown(citizen.token)).includes('Ny workshop')), 'a local offer');
  assert.doesNotMatch((await open(citizen.token, '/borger/markedsplads')).body, /Bedømt 5 af 5/, 'pending ratings are not shown');
  await db.updateTable('listing_rating').set({ status: 'approved' }).where('citizen_id', '=', rater.id).execute();
  assert.ok(
    await eventually(async () => /Bedømt 5 af 5 \(1 bedømmelse\)/.test((await open(citizen.token, '/borger/markedsplads')).body)),
    'an approved rating',
  );
});

test('when the listening connection is lost the cache is off, and it is on again once the connection is back', async () => {
  const listeners = async () =>
    (
      await sql<{
        pid: number;
      }>`select pid from pg_stat_activity where application_name = ${LISTENER_APPLICATION_NAME} and datname = current_database()`.execute(db)
    ).rows;
  // The listener is idle after its LISTEN (the change bus's one channel).
  const listening = async () =>
    (
      await sql<{
        pid: number;
      }>`select pid from pg_stat_activity where application_name = ${LISTENER_APPLICATION_NAME} and datname = current_database() and state = 'idle' and query = 'listen "jobunivers_changes"'`.execute(
        db,
      )
    ).rows;
  const [before] = await listeners();
  assert.ok(before, 'the app listens');
  const m = await createMunicipality(db);
  const first = await createListing({ name: 'Første tjeneste' });
  const second = await createListing({ name: 'Anden tjeneste' });
  const third = await createListing({ name: 'Tredje tjeneste' });
  await enable(m.code, first);
  const citizen = await citizenOf(m.code);
  assert.deepEqual(await shown(citizen.token), ['Første tjeneste']);

  const from = logLines.length;
  await sql`select pg_terminate_backend(${before.pid})`.execute(db);
  assert.ok(await eventually(async () => !(await listeners()).some((l) => l.pid === before.pid)), 'the connection is gone');
  assert.ok(await eventually(async () => listenerLostSince(from)), 'and the app knows');
  // Nothing is heard now, so nothing may be served from memory: a change nobody is told about shows at once.
  await unnoticed((trx) => trx.insertInto('municipality_listing').values({ municipality_code: m.code, listing_id: second, enabled_by: 'test' }).execute());
  assert.deepEqual(await shown(citizen.token), ['Anden tjeneste', 'Første tjeneste']);

  assert.ok(await eventually(async () => (await listeners()).length === 1, 5_000), 'the listener reconnects');
  assert.ok(await eventually(async () => (await listening()).length === 1), 'and listens again');
  assert.deepEqual(await shown(citizen.token), ['Anden tjeneste', 'Første tjeneste']);
  await unnoticed((trx) => trx.insertInto('municipality_listing').values({ municipality_code: m.code, listing_id: third, enabled_by: 'test' }).execute());
  assert.deepEqual(await shown(citizen.token), ['Anden tjeneste', 'Første tjeneste'], 'remembered again');
  await db.deleteFrom('municipality_listing').where('municipality_code', '=', m.code).where('listing_id', '=', first).execute();
  assert.ok(await eventually(async () => (await shown(citizen.token)).join() === 'Anden tjeneste,Tredje tjeneste'), 'and cleared by the notification');
});

// ---- The demo world ----

test('the demo: København’s citizens see approved ratings with believable texts; one waits in København’s moderation queue', async () => {
  const mette = await db.selectFrom('citizen').select('id').where('person_uuid', '=', '00000000-0000-4000-8000-000000000100').executeTakeFirstOrThrow();
  const token = await createSession(db, {
    ...principalFor('citizen', { municipalityCode: '101', citizenId: mette.id }),
    name: 'Mette Jensen',
    municipality: { code: '101', name: 'København' },
  });
  const cvPage = await open(token, `/borger/markedsplads/${demo(2)}`);
  assert.equal(cvPage.statusCode, 200);
  assert.match(cvPage.body, /Gode skabeloner/);
  assert.match((await open(token, '/borger/markedsplads')).body, /Bedømt 3,5 af 5 \(2 bedømmelser\)/);
  const queue = await open(await moderatorOf('101'), '/kommune/bedoemmelser');
  assert.match(queue.body, /Videoen hakkede hele tiden på min telefon/);
  const ahmed = await db.selectFrom('citizen').select('id').where('person_uuid', '=', '00000000-0000-4000-8000-000000000101').executeTakeFirstOrThrow();
  const other = await createSession(db, {
    ...principalFor('citizen', { municipalityCode: '101', citizenId: ahmed.id }),
    name: 'Ahmed Hassan',
    municipality: { code: '101', name: 'København' },
  });
  assert.doesNotMatch((await open(other, `/borger/markedsplads/${demo(1)}`)).body, /Videoen hakkede/, 'not before it is approved');
});
