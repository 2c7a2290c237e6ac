// An a-kasse's or another actor's own offers and recommendations through the real app: its caseworkers write, change
// and cancel offers (a resubmitted form makes no second row; bad input stores nothing), nobody else may (neither the
// app nor the database lets them), and a citizen whose contact course the a-kasse runs now sees its offers and its
// recommendation marked with its name in the marketplace — a citizen of the same municipality with the kommune
// responsible sees neither — and the marketplace's cache forgets them when they change.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { createDatabase } from '../src/platform/db/database.ts';
import { withTenant } from '../src/platform/db/tenant.ts';
import { createTestApp, signedInForms, type FormFields } from './support/app.ts';
import {
  createApprovedListing,
  createCitizen,
  createMunicipality,
  createOrganisation,
  createSession,
  handOverCitizen,
  principalFor,
} from './support/factories.ts';

const { app, db, url, changes } = await createTestApp({ env: { RATE_LIMIT_FORMS_PER_MINUTE: '100000' } });
// The database as requests see it: the application role, under row-level security.
const { db: appDb } = createDatabase({ url, poolMax: 2, asAppRole: true });
const { open, post } = signedInForms(app);
const nextYear = new Date().getUTCFullYear() + 1;

const akasse = await createOrganisation(db, { kind: 'akasse', name: 'Testfagets A-kasse' });
const otherAkasse = await createOrganisation(db, { kind: 'akasse', name: 'Andenfagets A-kasse' });

const caseworkerOf = (organisation: { id: string; kind: 'akasse' | 'anden_aktoer' | 'kommune'; name: string }) =>
  createSession(db, { ...principalFor('caseworker'), municipality: undefined, organisation });

function offerForm(overrides: FormFields = {}): FormFields {
  return {
    titleDa: 'CV-værksted for ledige medlemmer',
    titleEn: 'CV workshop for unemployed members',
    descriptionDa: 'Tag dit CV med, så gennemgår vi det sammen.',
    descriptionEn: 'Bring your CV and we go through it together.',
    place: 'A-kassens hus, lokale 3',
    startsAtDay: '24',
    startsAtMonth: '3',
    startsAtYear: String(nextYear),
    startsAtTime: '09:30',
    endsAtDay: '24',
    endsAtMonth: '3',
    endsAtYear: String(nextYear),
    endsAtTime: '12:00',
    url: 'https://a-kasse.example/cv',
    ...overrides,
  };
}

const offersOf = (organisationId: string) => db.selectFrom('actor_offer').selectAll().where('organisation_id', '=', organisationId).execute();

test('an a-kasse caseworker creates an offer once per form, edits it, and cancels it after being asked', async () => {
  const organisation = await createOrganisation(db, { kind: 'akasse', name: 'Opretternes A-kasse' });
  const token = await caseworkerOf(organisation);
  const list = await open(token, '/organisation/tilbud');
  assert.equal(list.statusCode, 200);
  assert.match(list.body, /Opretternes A-kasse/);

  const fields = offerForm({ _skema: 'en-formular-der-sendes-to-gange-1234' });
  const created = await post(token, '/organisation/tilbud/ny', '/organisation/tilbud', fields);
  assert.equal(created.statusCode, 303, created.body.slice(0, 800));
  const again = await post(token, '/organisation/tilbud/ny', '/organisation/tilbud', fields);
  assert.equal(again.statusCode, 303);
  const rows = await offersOf(organisation.id);
  assert.equal(rows.length, 1, 'the resubmitted form made no second offer');
  const offer = rows[0]!;
  assert.equal(created.headers.location, `/organisation/tilbud/${offer.id}?besked=oprettet`);
  assert.equal(again.headers.location, `/organisation/tilbud/${offer.id}?besked=allerede`);
  assert.equal(offer.url, 'https://a-kasse.example/cv');

  const edited = await post(
    token,
    `/organisation/tilbud/${offer.id}/rediger`,
    `/organisation/tilbud/${offer.id}/rediger`,
    offerForm({ titleDa: 'Jobsøgningskursus online', url: '' }),
  );
  assert.equal(edited.statusCode, 303, edited.body.slice(0, 800));
  const after = await db.selectFrom('actor_offer').selectAll().where('id', '=', offer.id).executeTakeFirstOrThrow();
  assert.equal(after.title_da, 'Jobsøgningskursus online');
  assert.equal(after.url, null);

  const asked = await post(token, `/organisation/tilbud/${offer.id}`, `/organisation/tilbud/${offer.id}/aflys`);
  assert.equal(asked.statusCode, 200, 'cancelling asks first');
  assert.match(asked.body, /Vil du aflyse »Jobsøgningskursus online«\?/);
  assert.equal((await db.selectFrom('actor_offer').select('cancelled_at').where('id', '=', offer.id).executeTakeFirstOrThrow()).cancelled_at, null);
  const cancelled = await post(token, `/organisation/tilbud/${offer.id}`, `/organisation/tilbud/${offer.id}/aflys`, { bekraeft: 'ja' });
  assert.equal(cancelled.statusCode, 303);
  assert.notEqual((await db.selectFrom('actor_offer').select('cancelled_at').where('id', '=', offer.id).executeTakeFirstOrThrow()).cancelled_at, null);
});

test('bad input gets a message on each field, keeps what was typed, and stores nothing', async () => {
  const organisation = await createOrganisation(db, { kind: 'anden_aktoer', name: 'Fejlfinderne ApS' });
  const token = await caseworkerOf(organisation);
  const response = await post(
    token,
    '/organisation/tilbud/ny',
    '/organisation/tilbud',
    offerForm({
      titleEn: '',
      startsAtDay: '31',
      startsAtMonth: '2',
      endsAtYear: String(nextYear - 3),
      url: 'http://usikker.example',
      place: 'Stedet vi mødes',
    }),
  );
  assert.equal(response.statusCode, 400);
  assert.match(response.body, /id="field-titleEn-error"/);
  assert.match(response.body, /Skriv en gyldig dato og et klokkeslæt/);
  assert.match(response.body, /Skriv en gyldig adresse, der begynder med https:\/\//);
  assert.match(response.body, /value="Stedet vi mødes"/, 'what was typed is kept');
  assert.equal((await offersOf(organisation.id)).length, 0);
});

test('a kommune’s staff and another a-kasse’s caseworker cannot change the a-kasse’s offers (app)', async () => {
  const token = await caseworkerOf(akasse);
  const created = await post(token, '/organisation/tilbud/ny', '/organisation/tilbud', offerForm({ titleDa: 'Kun for Testfaget' }));
  assert.equal(created.statusCode, 303);
  const offerId = (created.headers.location ?? '').split('/').pop()?.split('?')[0] ?? '';

  const contentOwner = await createSession(db, principalFor('content_owner', { municipalityCode: '101' }));
  const kommuneCaseworker = await createSession(db, principalFor('caseworker', { municipalityCode: '101' }));
  const stranger = await caseworkerOf(otherAkasse);
  const from = '/tilgaengelighed';
  assert.equal((await open(contentOwner, '/organisation/tilbud')).statusCode, 403);
  assert.equal((await post(contentOwner, from, `/organisation/tilbud/${offerId}/rediger`, offerForm({ titleDa: 'Overtaget' }))).statusCode, 403);
  assert.equal((await open(kommuneCaseworker, '/organisation/tilbud')).statusCode, 404);
  assert.equal((await post(kommuneCaseworker, from, '/organisation/tilbud', offerForm())).statusCode, 404);
  assert.equal((await post(kommuneCaseworker, from, `/organisation/tilbud/${offerId}/aflys`, { bekraeft: 'ja' })).statusCode, 404);
  assert.equal((await open(stranger, `/organisation/tilbud/${offerId}`)).statusCode, 404);
  assert.equal((await post(stranger, from, `/organisation/tilbud/${offerId}/rediger`, offerForm({ titleDa: 'Overtaget' }))).statusCode, 404);
  assert.equal((await post(stranger, from, `/organisation/tilbud/${offerId}/aflys`, { bekraeft: 'ja' })).statusCode, 404);
  const offer = await db.selectFrom('actor_offer').selectAll().where('id', '=', offerId).executeTakeFirstOrThrow();
  assert.equal(offer.title_da, 'Kun for Testfaget');
  assert.equal(offer.cancelled_at, null);
  assert.ok(!(await open(stranger, '/organisation/tilbud')).body.includes('Kun for Testfaget'), 'another a-kasse does not list it');
});

test('the database lets only the organisation itself write its offers and recommendations, and never a kommune', async () => {
  const [offer] = await offersOf(akasse.id);
  assert.ok(offer, 'the a-kasse has an offer from the test before');
  const listing = await createApprovedListing(db, { redirectUris: ['https://tjeneste.example/cb'] });
  const values = {
    title_da: 'Indsmuglet',
    title_en: 'Smuggled in',
    description_da: 'En beskrivelse af et tilbud.',
    description_en: 'A description of an offer.',
    place: 'Et sted',
    starts_at: new Date(Date.now() + 86_400_000),
    ends_at: new Date(Date.now() + 90_000_000),
    created_by: 'test',
  };
  // Another a-kasse: its writes to the first one's rows change nothing or are refused.
  const changed = await withTenant(appDb, { organisation: otherAkasse.id }, (trx) =>
    trx.updateTable('actor_offer').set({ title_da: 'Overtaget' }).where('id', '=', offer.id).executeTakeFirst(),
  );
  assert.equal(changed.numUpdatedRows, 0n);
  await assert.rejects(
    withTenant(appDb, { organisation: otherAkasse.id }, (trx) =>
      trx
        .insertInto('actor_offer')
        .values({ ...values, organisation_id: akasse.id })
        .execute(),
    ),
    /row-level security/,
  );
  await assert.rejects(
    withTenant(appDb, { organisation: otherAkasse.id }, (trx) =>
      trx.insertInto('actor_recommendation').values({ organisation_id: akasse.id, listing_id: listing.listingId, created_by: 'test' }).execute(),
    ),
    /row-level security/,
  );
  // A kommune, even for its own organisation id: its offers are curation's.
  await assert.rejects(
    withTenant(appDb, { organisation: 'kommune-101', municipality: '101' }, (trx) =>
      trx
        .insertInto('actor_offer')
        .values({ ...values, organisation_id: 'kommune-101' })
        .execute(),
    ),
    /row-level security/,
  );
  await assert.rejects(
    withTenant(appDb, { municipality: '101' }, (trx) =>
      trx
        .insertInto('actor_offer')
        .values({ ...values, organisation_id: akasse.id })
        .execute(),
    ),
    /row-level security/,
  );
  // Nothing deletes an offer; the organisation itself may write.
  await assert.rejects(
    withTenant(appDb, { organisation: akasse.id }, (trx) => trx.deleteFrom('actor_offer').where('id', '=', offer.id).execute()),
    /permission denied/,
  );
  await withTenant(appDb, { organisation: akasse.id }, (trx) =>
    trx
      .insertInto('actor_offer')
      .values({ ...values, organisation_id: akasse.id })
      .execute(),
  );
  assert.equal((await db.selectFrom('actor_offer').select('title_da').where('id', '=', offer.id).executeTakeFirstOrThrow()).title_da, 'Kun for Testfaget');
});

/** The marketplace's listing headings in order (the actor's own offers have no link, so they are not among them). */
const itemPattern = /<h3 class="h4(?: mt-0)?"><a href="\/borger\/markedsplads\/(?:lokale-tilbud\/)?[0-9a-f-]{36}">([^<]+)<\/a><\/h3>/g;
const listed = (body: string) => [...body.matchAll(itemPattern)].map((match) => match[1] ?? '');

async function marketplaceWorld() {
  const m = await createMunicipality(db);
  const organisation = await createOrganisation(db, { kind: 'akasse', name: `Markedets A-kasse ${m.code}` });
  const enabled = await createApprovedListing(db, {
    name: `Anbefalet af a-kassen ${m.code}`,
    redirectUris: ['https://tjeneste.example/cb'],
    enabledIn: [m.code],
  });
  const other = await createApprovedListing(db, {
    name: `Abc først i alfabetet ${m.code}`,
    redirectUris: ['https://tjeneste.example/cb'],
    enabledIn: [m.code],
  });
  const notEnabled = await createApprovedListing(db, { name: `Ikke slået til ${m.code}`, redirectUris: ['https://tjeneste.example/cb'] });
  const withAkasse = await createCitizen(db, { municipalityCode: m.code });
  const withKommune = await createCitizen(db, { municipalityCode: m.code });
  await handOverCitizen(db, { id: withAkasse.id, municipalityCode: m.code }, organisation.id, '2026-01-05');
  const kommune = await createOrganisation(db, { kind: 'kommune', municipalityCode: m.code });
  await handOverCitizen(db, { id: withKommune.id, municipalityCode: m.code }, kommune.id, '2026-01-05');
  const citizenSession = (citizen: { id: string; name: string }) =>
    createSession(db, {
      ...principalFor('citizen', { municipalityCode: m.code, citizenId: citizen.id }),
      name: citizen.name,
      municipality: { code: m.code, name: m.name },
    });
  const caseworker = await caseworkerOf(organisation);
  return {
    m,
    organisation,
    enabled,
    other,
    notEnabled,
    caseworker,
    akasseCitizen: await citizenSession(withAkasse),
    kommuneCitizen: await citizenSession(withKommune),
  };
}

test('a citizen the a-kasse is responsible for sees its offers and its recommendation marked with its name; one with the kommune sees neither', async () => {
  const world = await marketplaceWorld();
  const { organisation, caseworker } = world;
  const offer = await post(caseworker, '/organisation/tilbud/ny', '/organisation/tilbud', offerForm({ titleDa: `Jobsøgningskursus hos ${organisation.name}` }));
  assert.equal(offer.statusCode, 303);
  for (const listing of [world.enabled, world.notEnabled]) {
    const recommended = await post(caseworker, '/organisation/anbefalinger/ny', '/organisation/anbefalinger', {
      listingId: listing.listingId,
      noteDa: 'Vores medlemmer får meget ud af den.',
      noteEn: 'Our members get a lot out of it.',
    });
    assert.equal(recommended.statusCode, 303, recommended.body.slice(0, 800));
  }

  const seen = await open(world.akasseCitizen, '/borger/markedsplads');
  assert.equal(seen.statusCode, 200);
  assert.match(seen.body, new RegExp(`<h2 id="actor-offers-heading">Tilbud fra ${organisation.name}</h2>`));
  assert.match(seen.body, new RegExp(`Jobsøgningskursus hos ${organisation.name}`));
  assert.match(seen.body, new RegExp(`Anbefalet af ${organisation.name}`));
  assert.match(seen.body, /Vores medlemmer får meget ud af den\./);
  const names = listed(seen.body);
  assert.equal(names[0], `Anbefalet af a-kassen ${world.m.code}`, 'the a-kasse’s recommendation comes first');
  assert.ok(names.includes(`Abc først i alfabetet ${world.m.code}`));
  assert.ok(!seen.body.includes(`Ikke slået til ${world.m.code}`), 'a listing the municipality has not enabled is not shown');
  const page = await open(world.akasseCitizen, `/borger/markedsplads/${world.enabled.listingId}`);
  assert.match(page.body, new RegExp(`Anbefalet af ${organisation.name}`), 'the listing’s page says who recommends it');

  const english = await open(world.akasseCitizen, '/borger/markedsplads', { cookie: `jobunivers-session=${world.akasseCitizen}; lang=en` });
  assert.match(english.body, new RegExp(`Offers from ${organisation.name}`));
  assert.match(english.body, new RegExp(`Recommended by ${organisation.name}`));

  const kommune = await open(world.kommuneCitizen, '/borger/markedsplads');
  assert.equal(kommune.statusCode, 200);
  assert.ok(!kommune.body.includes(organisation.name), 'neither the offers nor the recommendation');
  assert.equal(listed(kommune.body)[0], `Abc først i alfabetet ${world.m.code}`, 'no recommendation moves a listing first');
});

test('the marketplace keeps the a-kasse’s offers in memory and forgets them when they change', async () => {
  const world = await marketplaceWorld();
  const { organisation, caseworker } = world;
  const made = await post(caseworker, '/organisation/tilbud/ny', '/organisation/tilbud', offerForm({ titleDa: `Første udgave ${organisation.id}` }));
  const offerId = (made.headers.location ?? '').split('/').pop()?.split('?')[0] ?? '';
  // The cache is on only while the bus hears other processes.
  for (let i = 0; i < 250 && !changes.listening; i++) await sleep(20);
  assert.ok(changes.listening);
  assert.match((await open(world.akasseCitizen, '/borger/markedsplads')).body, new RegExp(`Første udgave ${organisation.id}`));

  // A write nobody hears of (the database's triggers off) is not seen: the page comes from memory.
  await db.transaction().execute(async (trx) => {
    await sql`set local session_replication_role = replica`.execute(trx);
    await trx
      .updateTable('actor_offer')
      .set({ title_da: `Uhørt udgave ${organisation.id}` })
      .where('id', '=', offerId)
      .execute();
  });
  assert.match((await open(world.akasseCitizen, '/borger/markedsplads')).body, new RegExp(`Første udgave ${organisation.id}`), 'served from memory');

  // A change on the bus forgets the organisation's offers.
  await changes.publish('actorOffersChanged', { organisationId: organisation.id });
  assert.match((await open(world.akasseCitizen, '/borger/markedsplads')).body, new RegExp(`Uhørt udgave ${organisation.id}`));

  // The caseworker's own edit is on the citizen's next page at once.
  const edited = await post(
    caseworker,
    `/organisation/tilbud/${offerId}/rediger`,
    `/organisation/tilbud/${offerId}/rediger`,
    offerForm({ titleDa: `Rettet udgave ${organisation.id}` }),
  );
  assert.equal(edited.statusCode, 303);
  assert.match((await open(world.akasseCitizen, '/borger/markedsplads')).body, new RegExp(`Rettet udgave ${organisation.id}`));
  const cancelled = await post(caseworker, `/organisation/tilbud/${offerId}`, `/organisation/tilbud/${offerId}/aflys`, { bekraeft: 'ja' });
  assert.equal(cancelled.statusCode, 303);
  assert.ok(!(await open(world.akasseCitizen, '/borger/markedsplads')).body.includes(`Rettet udgave ${organisation.id}`), 'a cancelled offer is gone at once');
});

test('the demo world: 3F A-kasse has two offers to come and recommends a listing', async () => {
  const offers = await db.selectFrom('actor_offer').select(['title_da', 'starts_at']).where('organisation_id', '=', 'akasse-55900000').execute();
  assert.deepEqual(offers.map((o) => o.title_da).sort(), ['CV-værksted for ledige i 3F A-kasse', 'Jobsøgningskursus online']);
  assert.ok(offers.every((o) => o.starts_at > new Date()));
  const recommendations = await db.selectFrom('actor_recommendation').select('listing_id').where('organisation_id', '=', 'akasse-55900000').execute();
  assert.equal(recommendations.length, 1);
});
