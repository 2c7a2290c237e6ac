import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'node:test';
import { sql } from 'kysely';
import pg from 'pg';
import type { Channel, LegalBasis, ListingStatus, PriceModel } from '../src/platform/db/schema.ts';
import { CatalogueCache } from '../src/modules/catalogue/catalogue.cache.ts';
import { CHANGES_CHANNEL, CHANGES_LISTENER_NAME as LISTENER_APPLICATION_NAME } from '../src/platform/changes.ts';
import { createTestApp } from './support/app.ts';

/** Log lines the app wrote: a lost listening connection is told there, the moment the app notices. */
const logLines: string[] = [];
/** Whether the app has said, since log line `from`, that its listener lost the connection (its cache is off then). */
const listenerLostSince = (from: number) =>
  logLines.slice(from).some((line) => line.includes('lost its connection') && line.includes(LISTENER_APPLICATION_NAME));
const { app, db, url, changes } = await createTestApp({ logLines });
/** What a writer in the app's process does after its commit: the catalogue's subscribers forget at once. */
const invalidateCatalogueCache = () => void changes.publish('listingsChanged', { table: 'listing_version' });

const demo = (i: number) => `00000000-0000-4000-9000-${i.toString(16).padStart(12, '0')}`;

async function page(path: string, query: Record<string, string | string[]> = {}, cookie = '') {
  return app.inject({ url: path, query, headers: { cookie } });
}

async function names(query: Record<string, string | string[]>, cookie = '') {
  const response = await page('/katalog', query, cookie);
  assert.equal(response.statusCode, 200);
  return { names: [...response.body.matchAll(/<h3 class="h4"><a href="\/katalog\/[0-9a-f-]{36}">([^<]+)<\/a><\/h3>/g)].map((m) => m[1]), body: response.body };
}

type ListingFixture = {
  name: string;
  summary: string;
  description?: string;
  nameEn?: string;
  status?: ListingStatus;
  stage?: string;
  price?: PriceModel;
  level?: 'Low' | 'Substantial' | 'High';
  channels?: Channel[];
  categories?: string[];
  targetGroups?: string[];
  languages?: string[];
  dataCategories?: { category: string; purposeDa: string; purposeEn: string; legalBasis: LegalBasis }[];
};

/** A listing with one version (approved unless told), written by the database owner as a fixture. */
async function createListing(fixture: ListingFixture, listingId: string = randomUUID(), version = 1): Promise<{ listingId: string; versionId: string }> {
  await sql`insert into listing (id, vendor_id) select ${listingId}::uuid, id from vendor order by cvr limit 1 on conflict (id) do nothing`.execute(db);
  const versionId = randomUUID();
  await db
    .insertInto('listing_version')
    .values({
      id: versionId,
      listing_id: listingId,
      version,
      status: fixture.status ?? 'approved',
      name_da: fixture.name,
      name_en: fixture.nameEn ?? `${fixture.name} (en)`,
      summary_da: fixture.summary,
      summary_en: 'An English summary of the service.',
      description_da: fixture.description ?? fixture.summary,
      description_en: 'An English description of the service.',
      journey_stage: fixture.stage ?? 'search',
      price_model: fixture.price ?? 'free',
      required_nsis_level: fixture.level ?? 'Substantial',
      channels: fixture.channels ?? ['web'],
      service_url: `https://tjeneste.example/${listingId}`,
      accessibility_statement_url: `https://tjeneste.example/${listingId}/tilgaengelighed`,
    })
    .execute();
  for (const category of fixture.categories ?? []) await db.insertInto('listing_version_category').values({ version_id: versionId, category }).execute();
  for (const group of fixture.targetGroups ?? [])
    await db.insertInto('listing_version_target_group').values({ version_id: versionId, target_group: group }).execute();
  for (const language of fixture.languages ?? []) await db.insertInto('listing_version_language').values({ version_id: versionId, language }).execute();
  for (const use of fixture.dataCategories ?? []) {
    await db
      .insertInto('listing_version_data_category')
      .values({ version_id: versionId, category: use.category, purpose_da: use.purposeDa, purpose_en: use.purposeEn, legal_basis: use.legalBasis })
      .execute();
  }
  return { listingId, versionId };
}

async function setStatus(versionId: string, status: ListingStatus): Promise<void> {
  await db.updateTable('listing_version').set({ status }).where('id', '=', versionId).execute();
}

/** Runs fixture writes with the database's triggers off, so nobody is notified: only the cache can explain what is served then. */
async function unnoticed(work: (trx: typeof db) => Promise<unknown>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await sql`set local session_replication_role = replica`.execute(trx);
    await work(trx);
  });
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

const lexiconMismatches = async () =>
  (
    await sql<{ n: number }>`
      with expected as (
        select w.word, (ts_lexize('danish_stem', w.word))[1] as stem, count(*)::int as documents
        from listing_version v cross join lateral catalogue_words_of(v.name_da, v.summary_da, v.description_da) w(word)
        where v.status = 'approved' and (ts_lexize('danish_stem', w.word))[1] is not null
        group by w.word)
      select count(*)::int as n from (
        (select word, stem, documents from catalogue_word except select * from expected)
        union all (select * from expected except select word, stem, documents from catalogue_word)) d`.execute(db)
  ).rows[0]?.n;

// ---- Search: stemming, typos, order, escaping, pages ----

test('Danish stemming: "jobsamtale" finds listings that say "jobsamtaler" and "jobsamtalen"', async () => {
  const { names: found, body } = await names({ q: 'jobsamtale' });
  assert.ok(found.includes('Øvebanen til jobsamtaler'), found.join(', '));
  assert.ok(found.includes('Åben sprogcafé online'), found.join(', '));
  assert.ok(!found.includes('Zoom ind på dit CV'));
  assert.match(body, /<mark>jobsamtaler<\/mark>/, 'the match is highlighted');
});

test('typo tolerance: "jobsøgnig" finds "jobsøgning", and the page says what it searched for instead', async () => {
  const { names: found, body } = await names({ q: 'jobsøgnig' });
  assert.equal(found[0], 'Målrettet jobsøgning');
  assert.match(body, /Viser i stedet resultater for »jobsøgning«/);
  assert.match(body, /<mark>jobsøgning<\/mark>/, 'the corrected word is highlighted');
});

test('words the catalogue knows are never "corrected", even when together they find nothing', async () => {
  const { names: found, body } = await names({ q: 'jobsamtale skabeloner' });
  assert.deepEqual(found, []);
  assert.doesNotMatch(body, /Viser i stedet/);
  assert.match(body, /Ingen tilbud passer til søgningen/);
});

test('without a query the catalogue is sorted in Danish order: æ, ø, å after z', async () => {
  const { names: found } = await names({});
  const tail = found.slice(-4);
  assert.deepEqual(tail, ['Zoom ind på dit CV', 'Ærlig talt – motivation i ledighed', 'Øvebanen til jobsamtaler', 'Åben sprogcafé online']);
});

test('the journey-stage filter narrows the list, and English readers see English names', async () => {
  assert.deepEqual((await names({ fase: 'upskill' })).names.sort(), ['Digital på arbejdsmarkedet', 'Åben sprogcafé online']);
  const { names: found } = await names({ fase: 'upskill' }, 'lang=en');
  assert.deepEqual(found.sort(), ['Digital at work', 'Open language café online']);
});

test('search text is escaped, never markup', async () => {
  const { body } = await names({ q: '<script>alert(1)</script>' });
  assert.doesNotMatch(body, /<script>alert/);
  assert.match(body, /value="&lt;script&gt;alert\(1\)&lt;\/script&gt;"/);
});

test('results come 25 to a page with links between the pages', async () => {
  await sql`
    with new_listings as (insert into listing (vendor_id) select (select id from vendor order by cvr limit 1) from generate_series(1, 30) returning id)
    insert into listing_version (listing_id, version, status, name_da, name_en, summary_da, summary_en, description_da, description_en,
                                 journey_stage, price_model, required_nsis_level, service_url, accessibility_statement_url)
    select id, 1, 'approved', 'Kursus ' || row_number() over (), 'Course', 'Et kursus for ledige med øvelser.', 'A course for jobseekers.', '', '',
           'upskill', 'free', 'Substantial', 'https://x.example', 'https://x.example/a11y'
    from new_listings`.execute(db);
  invalidateCatalogueCache();
  const first = await names({});
  assert.equal(first.names.length, 25);
  assert.match(first.body, /<a href="\/katalog\?side=2">Næste side<\/a>/);
  assert.doesNotMatch(first.body, /Forrige side/);
  const second = await names({ side: '2' });
  assert.equal(second.names.length, 36 - 25);
  assert.match(second.body, /<a href="\/katalog\?side=1">Forrige side<\/a>/);
  assert.doesNotMatch(second.body, /Næste side/);
  assert.equal(new Set([...first.names, ...second.names]).size, 36, 'no listing on two pages');
  // The links between pages keep the search and the filters.
  const filtered = await names({ fase: 'upskill', pris: 'free' });
  assert.equal(filtered.names.length, 25);
  assert.match(filtered.body, /<a href="\/katalog\?fase=upskill&amp;pris=free&amp;side=2">Næste side<\/a>/);
});

test('stored text is escaped before the matches are marked', async () => {
  await createListing({ name: 'Forhandlingsværksted', summary: 'Øv <i>svære</i> spørgsmål i lønforhandling & få svar.' });
  invalidateCatalogueCache();
  const { body } = await names({ q: 'lønforhandling' });
  assert.match(body, /Øv &lt;i&gt;svære&lt;\/i&gt; spørgsmål i <mark>lønforhandling<\/mark> &amp; få svar\./);
});

// ---- Facets ----

test('facets: any of the chosen values within a facet, all facets together', async () => {
  const tag = 'facetprøve';
  await createListing({
    name: 'Facet A',
    summary: `Et ${tag} for jobparate på dansk.`,
    stage: 'clarify',
    price: 'free',
    level: 'Low',
    categories: ['interview'],
    targetGroups: ['job_ready'],
    languages: ['da'],
  });
  await createListing({
    name: 'Facet B',
    summary: `Et ${tag} for sygemeldte på arabisk.`,
    stage: 'clarify',
    price: 'licence',
    level: 'Substantial',
    categories: ['wellbeing'],
    targetGroups: ['sick_leave'],
    languages: ['ar', 'da'],
  });
  await createListing({
    name: 'Facet C',
    summary: `Et ${tag} for unge på ukrainsk.`,
    stage: 'in_job',
    price: 'per_seat',
    level: 'High',
    categories: ['interview', 'courses'],
    targetGroups: ['education_ready'],
    languages: ['uk'],
  });
  invalidateCatalogueCache();
  const found = async (query: Record<string, string | string[]>) => (await names({ q: tag, ...query })).names.sort();
  assert.deepEqual(await found({}), ['Facet A', 'Facet B', 'Facet C']);
  assert.deepEqual(await found({ kategori: 'interview' }), ['Facet A', 'Facet C']);
  assert.deepEqual(await found({ kategori: ['wellbeing', 'courses'] }), ['Facet B', 'Facet C']);
  assert.deepEqual(await found({ kategori: 'interview', fase: 'clarify' }), ['Facet A']);
  assert.deepEqual(await found({ maalgruppe: 'sick_leave' }), ['Facet B']);
  assert.deepEqual(await found({ maalgruppe: ['job_ready', 'education_ready'] }), ['Facet A', 'Facet C']);
  assert.deepEqual(await found({ sprog: 'da' }), ['Facet A', 'Facet B']);
  assert.deepEqual(await found({ sprog: 'uk', maalgruppe: 'sick_leave' }), []);
  assert.deepEqual(await found({ pris: ['licence', 'per_seat'] }), ['Facet B', 'Facet C']);
  // The assurance level is the most a reader can sign in with: services needing more are left out.
  assert.deepEqual(await found({ niveau: 'Low' }), ['Facet A']);
  assert.deepEqual(await found({ niveau: 'Substantial' }), ['Facet A', 'Facet B']);
  assert.deepEqual(await found({ niveau: 'High' }), ['Facet A', 'Facet B', 'Facet C']);
  // Facets work without a query too.
  assert.deepEqual((await names({ fase: 'in_job' })).names, ['Facet C']);
});

test('facets are a GET form of labelled checkboxes and a select, in Danish and in English, that keeps the choices', async () => {
  const da = await page('/katalog', { kategori: 'interview', maalgruppe: 'sick_leave', sprog: 'ar', pris: 'free', niveau: 'Low' });
  assert.match(da.body, /<form method="get" action="\/katalog"/);
  assert.match(
    da.body,
    /<input type="checkbox" class="form-checkbox" id="kategori-interview" name="kategori" value="interview" checked><label class="form-label" for="kategori-interview">Jobsamtale<\/label>/,
  );
  assert.match(da.body, /id="kategori-courses" name="kategori" value="courses"><label class="form-label" for="kategori-courses">Kurser og uddannelse<\/label>/);
  assert.match(
    da.body,
    /id="maalgruppe-sick_leave" name="maalgruppe" value="sick_leave" checked><label class="form-label" for="maalgruppe-sick_leave">Sygemeldte<\/label>/,
  );
  assert.match(da.body, /id="sprog-ar" name="sprog" value="ar" checked><label class="form-label" for="sprog-ar">Arabisk<\/label>/);
  assert.match(da.body, /id="pris-free" name="pris" value="free" checked><label class="form-label" for="pris-free">Gratis<\/label>/);
  assert.match(da.body, /id="fase-prepare" name="fase" value="prepare"><label class="form-label" for="fase-prepare">Forberedelse<\/label>/);
  assert.match(da.body, /<option value="Low" selected>Lav<\/option>/);
  const en = await page('/katalog', { kategori: 'interview' }, 'lang=en');
  assert.match(en.body, /for="kategori-interview">Job interviews<\/label>/);
  assert.match(en.body, /for="maalgruppe-flex_job">Eligible for flex jobs<\/label>/);
  assert.match(en.body, /for="sprog-uk">Ukrainian<\/label>/);
  assert.match(en.body, /for="pris-per_completion">Per completion<\/label>/);
  assert.match(en.body, /<option value="High">High<\/option>/);
});

test('odd facet values in a shared link are ignored, not an error', async () => {
  const plain = await names({});
  const odd = await names({ kategori: '<script>', maalgruppe: 'ÆØÅ', niveau: 'Extreme', pris: 'expensive', side: 'x' });
  assert.deepEqual(odd.names, plain.names);
  assert.doesNotMatch(odd.body, /<script>/);
});

// ---- A listing's public page ----

test('a listing page shows the live version with everything a citizen needs to decide, in both languages', async () => {
  const { listingId } = await createListing({
    name: 'Sprogmakker på jobbet',
    nameEn: 'Language buddy at work',
    summary: 'Få en sprogmakker, der hjælper dig med dansk på din nye arbejdsplads.',
    description: 'Første afsnit om forløbet.\n\nAndet afsnit med <b>fed</b> tekst.',
    stage: 'in_job',
    price: 'per_completion',
    level: 'High',
    channels: ['video', 'phone'],
    categories: ['language'],
    targetGroups: ['job_ready', 'flex_job'],
    languages: ['ar', 'uk'],
    dataCategories: [
      { category: 'cv', purposeDa: 'Så makkeren kender din baggrund.', purposeEn: 'So the buddy knows your background.', legalBasis: 'consent' },
      { category: 'contact', purposeDa: 'For at aftale møder.', purposeEn: 'To arrange meetings.', legalBasis: 'contract' },
    ],
  });
  invalidateCatalogueCache();
  const da = await page(`/katalog/${listingId}`);
  assert.equal(da.statusCode, 200);
  assert.match(da.body, /<h1>Sprogmakker på jobbet<\/h1>/);
  assert.match(da.body, /Få en sprogmakker, der hjælper dig med dansk/);
  assert.match(da.body, /<p>Første afsnit om forløbet\.<\/p>\s*<p>Andet afsnit med &lt;b&gt;fed&lt;\/b&gt; tekst\.<\/p>/);
  const vendor = await db.selectFrom('vendor').select('name').orderBy('cvr').executeTakeFirstOrThrow();
  assert.ok(da.body.includes(`<dt>Leverandør</dt><dd>${vendor.name}</dd>`));
  assert.match(da.body, /<dt>Fase<\/dt><dd>I job<\/dd>/);
  assert.match(da.body, /<dt>Kategorier<\/dt><dd><ul class="nobullet-list"><li>Dansk og sprog<\/li><\/ul><\/dd>/);
  assert.match(da.body, /<dt>Målgrupper<\/dt><dd><ul class="nobullet-list"><li>Fleksjobvisiterede<\/li><li>Jobparate<\/li><\/ul><\/dd>/);
  assert.match(da.body, /<dt>Sprog<\/dt><dd><ul class="nobullet-list"><li>Arabisk<\/li><li>Ukrainsk<\/li><\/ul><\/dd>/);
  assert.match(da.body, /<dt>Kanaler<\/dt><dd><ul class="nobullet-list"><li>Video<\/li><li>Telefon<\/li><\/ul><\/dd>/);
  assert.match(da.body, /<dt>Prismodel<\/dt><dd>Pr\. gennemførelse<\/dd>/);
  assert.match(da.body, /<dt>Krævet sikringsniveau<\/dt><dd>Høj<\/dd>/);
  assert.ok(da.body.includes(`<a href="https://tjeneste.example/${listingId}">https://tjeneste.example/${listingId}</a>`), 'the service address');
  assert.ok(da.body.includes(`<a href="https://tjeneste.example/${listingId}/tilgaengelighed">`), 'the accessibility statement');
  assert.match(da.body, /<tr><th scope="row">Kontaktoplysninger<\/th><td>For at aftale møder\.<\/td><td>Aftale[^<]*<\/td><\/tr>/);
  assert.match(da.body, /<tr><th scope="row">CV<\/th><td>Så makkeren kender din baggrund\.<\/td><td>Samtykke[^<]*<\/td><\/tr>/);
  const en = await page(`/katalog/${listingId}`, {}, 'lang=en');
  assert.match(en.body, /<h1>Language buddy at work<\/h1>/);
  assert.match(en.body, /<li>Eligible for flex jobs<\/li><li>Ready for work<\/li>/);
  assert.match(en.body, /<dt>Languages<\/dt><dd><ul class="nobullet-list"><li>Arabic<\/li><li>Ukrainian<\/li><\/ul><\/dd>/);
  assert.match(en.body, /<td>So the buddy knows your background\.<\/td><td>Consent[^<]*<\/td>/);
  assert.match(en.body, /<dt>Price model<\/dt><dd>Per completion<\/dd>/);
});

test('search results link to the listing page, whose heading is the listing name', async () => {
  const { body } = await names({ q: 'jobsamtale' });
  assert.match(body, new RegExp(`<a href="/katalog/${demo(1)}">Øvebanen til jobsamtaler</a>`));
  const listing = await page(`/katalog/${demo(1)}`);
  assert.equal(listing.statusCode, 200);
  assert.match(listing.body, /<h1>Øvebanen til jobsamtaler<\/h1>/);
  assert.match(listing.body, /<th scope="row">Profil \(navn, bopælskommune\)<\/th>/);
  assert.doesNotMatch(listing.body, /beder ikke om oplysninger/);
  const withoutData = await page(`/katalog/${demo(2)}`);
  assert.match(withoutData.body, /<h1>Zoom ind på dit CV<\/h1>/);
  assert.match(withoutData.body, /<p>Tilbuddet beder ikke om oplysninger om dig\.<\/p>/);
});

test('only the live version is shown; listings that are not live, unknown or malformed ids are not found', async () => {
  const { listingId, versionId } = await createListing({ name: 'Første udgave', summary: 'Den første udgave af tilbuddet med øvelser.' });
  await setStatus(versionId, 'superseded');
  await createListing({ name: 'Anden udgave', summary: 'Den anden udgave af tilbuddet med øvelser.' }, listingId, 2);
  const draft = await createListing({ name: 'Kun en kladde', summary: 'En kladde, som ingen har godkendt endnu.', status: 'draft' });
  invalidateCatalogueCache();
  const live = await page(`/katalog/${listingId}`);
  assert.equal(live.statusCode, 200);
  assert.match(live.body, /<h1>Anden udgave<\/h1>/);
  for (const id of [draft.listingId, randomUUID(), 'ikke-et-id', `${demo(1)}x`]) {
    const response = await page(`/katalog/${id}`, {}, '');
    assert.equal(response.statusCode, 404, id);
    assert.doesNotMatch(response.body, /<h1>Kun en kladde<\/h1>/);
  }
  const api = await app.inject({ url: `/katalog/ikke-et-id`, headers: { accept: 'application/json' } });
  assert.equal(api.statusCode, 404);
  assert.equal(api.json().code, 'NOT_FOUND');
});

// ---- The lexicon behind typo tolerance ----

test('the lexicon follows the live set: a word is corrected to only while a live listing has it', async () => {
  const query = { q: 'sejlerkurus' };
  assert.deepEqual((await names(query)).names, []);
  const { versionId } = await createListing({ name: 'Sejlerkursus for ledige', summary: 'Lær at sejle og få struktur på dagen i et hold.' });
  invalidateCatalogueCache();
  assert.deepEqual((await names(query)).names, ['Sejlerkursus for ledige']);
  await setStatus(versionId, 'suspended');
  invalidateCatalogueCache();
  assert.deepEqual((await names(query)).names, []);
  assert.equal((await db.selectFrom('catalogue_word').select('word').where('word', '=', 'sejlerkursus').execute()).length, 0);
});

test('the lexicon equals a rebuild from the live versions after inserts, edits, status changes and deletes', async () => {
  assert.equal(await lexiconMismatches(), 0, 'before');
  const a = await createListing({ name: 'Lexikon alfa', summary: 'Ordbog med ualmindelige ord som kvidrende spurve.' });
  const b = await createListing({ name: 'Lexikon beta', summary: 'Ordbog med kvidrende spurve og brølende løver.' });
  await createListing({ name: 'Lexikon gamma', summary: 'En kladde om summende bier, som ikke er live.', status: 'draft' });
  await db.updateTable('listing_version').set({ summary_da: 'Ordbog om brølende løver alene.' }).where('id', '=', a.versionId).execute();
  await setStatus(b.versionId, 'suspended');
  await setStatus(b.versionId, 'approved');
  await db.updateTable('listing_version').set({ assignee_name: 'Nogen' }).where('id', '=', b.versionId).execute();
  await db.deleteFrom('listing_version').where('id', '=', a.versionId).execute();
  assert.equal(await lexiconMismatches(), 0, 'after');
  const words = await db
    .selectFrom('catalogue_word')
    .select(['word', 'documents'])
    .where('word', 'in', ['kvidrende', 'brølende', 'summende', 'alene'])
    .orderBy('word')
    .execute();
  assert.deepEqual(words, [
    { word: 'brølende', documents: 1 },
    { word: 'kvidrende', documents: 1 },
  ]);
});

test('the application role, which approves and suspends, keeps the lexicon through the triggers but cannot write it', async () => {
  const { versionId } = await createListing({ name: 'Rollespilskursus', summary: 'Et rollespilskursus til svære samtaler.', status: 'in_review' });
  const asApp = (work: (trx: typeof db) => Promise<unknown>) =>
    db.transaction().execute(async (trx) => {
      await sql`set local role jobunivers_app`.execute(trx);
      await work(trx);
    });
  await asApp((trx) => trx.updateTable('listing_version').set({ status: 'approved' }).where('id', '=', versionId).execute());
  assert.equal((await db.selectFrom('catalogue_word').select('documents').where('word', '=', 'rollespilskursus').executeTakeFirst())?.documents, 1);
  await asApp((trx) => trx.updateTable('listing_version').set({ status: 'suspended' }).where('id', '=', versionId).execute());
  assert.equal(await db.selectFrom('catalogue_word').select('documents').where('word', '=', 'rollespilskursus').executeTakeFirst(), undefined);
  assert.equal(await lexiconMismatches(), 0);
  await assert.rejects(
    asApp((trx) => sql`select catalogue_lexicon_adjust(array['snyd'], '{}')`.execute(trx)),
    /permission denied/,
  );

  await assert.rejects(
    asApp((trx) => sql`insert into catalogue_word (word, stem, documents) values ('snyd', 'snyd', 1)`.execute(trx)),
    /permission denied/,
  );
});

// ---- The result cache and its invalidation ----

test('answers are cached: a change nobody is told about is not seen until a writer publishes it', async () => {
  const query = { q: 'xylofonkoncert' };
  assert.deepEqual((await names(query)).names, []);
  await unnoticed((trx) =>
    sql`with l as (insert into listing (vendor_id) select id from vendor order by cvr limit 1 returning id)
        insert into listing_version (listing_id, version, status, name_da, name_en, summary_da, summary_en, description_da, description_en,
                                     journey_stage, price_model, required_nsis_level, service_url, accessibility_statement_url)
        select id, 1, 'approved', 'Xylofonkoncert for ledige', 'Quick CV course', 'En xylofonkoncert for ledige på en formiddag.', 'A quick course.', '', '',
               'search', 'free', 'Low', 'https://x.example', 'https://x.example/a11y' from l`.execute(trx),
  );
  assert.deepEqual((await names(query)).names, [], 'served from the cache');
  invalidateCatalogueCache();
  assert.deepEqual((await names(query)).names, ['Xylofonkoncert for ledige']);
  await sql`select catalogue_lexicon_rebuild()`.execute(db);
});

test('the database notifies the app: suspending, renaming a vendor, changing a category or a taxonomy shows without a restart', async (t) => {
  const { listingId, versionId } = await createListing({
    name: 'Notifikationstest',
    summary: 'Et tilbud om rådgivning og vejledning for pendlere.',
    categories: ['courses'],
  });
  invalidateCatalogueCache();
  const search = { q: 'pendlere' };
  assert.deepEqual((await names(search)).names, ['Notifikationstest']);
  assert.equal((await page(`/katalog/${listingId}`)).statusCode, 200);

  // The app's clock stands still from here, so no cached value can outlive the cache's lifetime: whatever shows
  // below was forgotten because the database said so.
  t.mock.timers.enable({ apis: ['Date'], now: Date.now() });
  await sql`update vendor set name = 'Omdøbt Leverandør ApS' where id = (select vendor_id from listing where id = ${listingId})`.execute(db);
  assert.ok(await eventually(async () => (await names(search)).body.includes('Omdøbt Leverandør ApS')), 'vendor name');

  await db.insertInto('listing_version_category').values({ version_id: versionId, category: 'networking' }).execute();
  assert.ok(await eventually(async () => (await names({ ...search, kategori: 'networking' })).names.length === 1), 'category added');

  await db.updateTable('service_category').set({ name_da: 'Netværk og kontakter' }).where('code', '=', 'networking').execute();
  assert.ok(await eventually(async () => (await page('/katalog')).body.includes('for="kategori-networking">Netværk og kontakter</label>')), 'taxonomy label');

  await db.updateTable('target_group').set({ active: false }).where('code', '=', 'flex_job').execute();
  assert.ok(await eventually(async () => !(await page('/katalog')).body.includes('maalgruppe-flex_job')), 'an inactive target group is not offered');

  await setStatus(versionId, 'suspended');
  assert.ok(await eventually(async () => (await names(search)).names.length === 0), 'suspended listing leaves the results');
  assert.ok(await eventually(async () => (await page(`/katalog/${listingId}`)).statusCode === 404), 'and its page');
});

test('a draft being edited does not clear the cache; a change to the live set does', async () => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const heard: string[] = [];
  // Which table each announced change came from (the bus's envelope names it), or the payload as it is.
  const tableOf = (payload = '') => {
    try {
      const { table } = JSON.parse(payload) as { table?: unknown };
      return typeof table === 'string' ? table : payload;
    } catch {
      return payload;
    }
  };
  client.on('notification', (message) => heard.push(tableOf(message.payload)));
  await client.query(`listen ${CHANGES_CHANNEL}`);
  try {
    const draft = await createListing({
      name: 'Stille kladde',
      summary: 'En kladde, der redigeres uden at nogen hører det.',
      status: 'draft',
      categories: ['courses'],
    });
    await db.updateTable('listing_version').set({ summary_da: 'En kladde, der stadig redigeres i stilhed.' }).where('id', '=', draft.versionId).execute();
    await db.deleteFrom('listing_version_category').where('version_id', '=', draft.versionId).execute();
    await setStatus(draft.versionId, 'approved');
    assert.ok(await eventually(async () => heard.length > 0));
    // PostgreSQL delivers notifications in commit order: once this one is heard, every one the writes sent is too.
    const last = 'after the writes';
    await sql`select pg_notify(${CHANGES_CHANNEL}, ${last})`.execute(db);
    assert.ok(await eventually(async () => heard.at(-1) === last));
    heard.pop();
    assert.deepEqual(heard, ['listing_version']);
  } finally {
    await client.end();
  }
});

test('when the listening connection is lost the cache is off, and it is back on once the connection is', async () => {
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
  const query = { q: 'quizmasterforløb' };
  const { versionId } = await createListing({ name: 'Quizmasterforløb', summary: 'Et kursus om at finde vej ud af blindgyder.', status: 'in_review' });
  assert.deepEqual((await names(query)).names, [], 'remembered while listening');

  const from = logLines.length;
  await sql`select pg_terminate_backend(${before.pid})`.execute(db);
  assert.ok(await eventually(async () => !(await listeners()).some((l) => l.pid === before.pid)), 'the connection is gone');
  assert.ok(await eventually(async () => listenerLostSince(from)), 'and the app knows');
  // Nothing is heard now, so nothing may be served from memory: a change nobody is told about shows at once.
  assert.deepEqual((await names(query)).names, []);
  await unnoticed((trx) => trx.updateTable('listing_version').set({ status: 'approved' }).where('id', '=', versionId).execute());
  assert.deepEqual((await names(query)).names, ['Quizmasterforløb'], 'not served from memory without the connection');

  assert.ok(await eventually(async () => (await listeners()).length === 1, 5_000), 'the listener reconnects');
  assert.ok(await eventually(async () => (await listening()).length === 1), 'and listens again');
  assert.deepEqual((await names(query)).names, ['Quizmasterforløb']);
  await unnoticed((trx) => trx.updateTable('listing_version').set({ name_da: 'Quizmasterforløb (nyt navn)' }).where('id', '=', versionId).execute());
  assert.deepEqual((await names(query)).names, ['Quizmasterforløb'], 'remembered again');
  await setStatus(versionId, 'suspended');
  assert.ok(await eventually(async () => (await names(query)).names.length === 0), 'and cleared by the notification');
  await sql`select catalogue_lexicon_rebuild()`.execute(db);
});

// ---- The cache itself ----

test('the cache: remembered within its lifetime, shared while loading, forgets failures, clears, evicts the least recently used', async () => {
  let now = 0;
  let loads = 0;
  const cache = new CatalogueCache({ ttlMs: 1_000, maxEntries: 2, now: () => now });
  const load = (value: string) => async () => {
    loads++;
    return value;
  };
  assert.equal(await cache.remember('a', load('a1')), 'a1');
  assert.equal(await cache.remember('a', load('a2')), 'a2', 'off until enabled: every call loads');
  cache.setEnabled(true);
  assert.equal(await cache.remember('a', load('a3')), 'a3');
  now = 999;
  assert.equal(await cache.remember('a', load('a4')), 'a3', 'within the lifetime');
  now = 1_000;
  assert.equal(await cache.remember('a', load('a5')), 'a5', 'after the lifetime');

  const [x, y] = await Promise.all([cache.remember('b', load('b1')), cache.remember('b', load('b2'))]);
  assert.deepEqual([x, y], ['b1', 'b1'], 'callers asking while it loads share one load');

  await assert.rejects(
    cache.remember('c', () => Promise.reject(new Error('down'))),
    /down/,
  );
  assert.equal(await cache.remember('c', load('c1')), 'c1', 'a failure is not remembered');

  cache.clear();
  assert.equal(await cache.remember('b', load('b3')), 'b3', 'cleared');

  let release: (value: string) => void = () => undefined;
  const slow = cache.remember('d', () => new Promise<string>((resolve) => (release = resolve)));
  cache.clear();
  release('d-old');
  assert.equal(await slow, 'd-old');
  assert.equal(await cache.remember('d', load('d-new')), 'd-new', 'an answer loading when the cache was cleared is not kept');
  cache.setEnabled(false);
  assert.equal(cache.size, 0, 'switching off forgets everything');

  // Room for two: the one used least recently goes first.
  const small = new CatalogueCache({ maxEntries: 2 });
  small.setEnabled(true);
  await small.remember('x', load('x1'));
  await small.remember('y', load('y1'));
  assert.equal(await small.remember('x', load('x2')), 'x1');
  await small.remember('z', load('z1'));
  assert.equal(await small.remember('x', load('x3')), 'x1', 'x was used lately and stays');
  assert.equal(await small.remember('y', load('y2')), 'y2', 'y was used least recently and went');
  assert.equal(loads, 12, 'no load for an answer remembered or shared');
});
