// The municipality's workspace through the real app: enabling and recommending listings, local offers with
// sign-ups, licences with seat use, branding with a logo, each municipality kept to its own (by the services and,
// underneath, by the database), bad input answered field by field with nothing stored, and the demo world.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { png } from './support/png.ts';
import { sql } from 'kysely';
import { curationSeed } from '../src/modules/curation/index.ts';
import { createDatabase } from '../src/platform/db/database.ts';
import { withTenant } from '../src/platform/db/tenant.ts';
import { createLogger } from '../src/platform/logger.ts';
import { runSeed } from '../src/platform/seed.ts';
import { cookiesFrom, createTestApp, csrfTokenIn, localOfferForm, signedInForms, type FormFields } from './support/app.ts';
import { createCitizen, createMunicipality, createSession, principalFor } from './support/factories.ts';

const { app, db, url } = await createTestApp({ env: { RATE_LIMIT_FORMS_PER_MINUTE: '100000' } });
// The database as requests see it: the application role, under row-level security.
const { db: appDb } = createDatabase({ url, poolMax: 2, asAppRole: true });

const listing = (n: number) => `00000000-0000-4000-9000-${n.toString(16).padStart(12, '0')}`;
const nextYear = new Date().getUTCFullYear() + 1;

type Fields = FormFields;

async function staffOf(code: string, name = 'Peter Holm') {
  return createSession(db, { ...principalFor('content_owner', { municipalityCode: code }), name, municipality: { code, name: `Testkommune ${code}` } });
}

const { open, post } = signedInForms(app);

/** Sends the branding form as multipart/form-data, as a browser without JavaScript does. */
async function upload(token: string, fields: Record<string, string>, file?: { bytes: Buffer; name: string; type: string }) {
  const page = await open(token, '/kommune/branding');
  const boundary = `----jobunivers${Date.now()}`;
  const parts: Buffer[] = [];
  const all = { _csrf: csrfTokenIn(page.body), ...fields };
  for (const [name, value] of Object.entries(all))
    parts.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  if (file) {
    parts.push(
      Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="logo"; filename="${file.name}"\r\ncontent-type: ${file.type}\r\n\r\n`),
      file.bytes,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return app.inject({
    method: 'POST',
    url: '/kommune/branding',
    headers: { cookie: `${cookiesFrom(page)}; jobunivers-session=${token}`, 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat(parts),
  });
}

function licenceFields(listingId: string, overrides: Fields = {}): Fields {
  return {
    listingId,
    seats: '2',
    validFromDay: '1',
    validFromMonth: '1',
    validFromYear: String(nextYear - 1),
    validToDay: '31',
    validToMonth: '12',
    validToYear: String(nextYear),
    priceDkk: '125.000,50',
    budgetHolder: 'Center for Jobindsats',
    ...overrides,
  };
}

/** The message next to a field ('' when there is none): keeps a failure readable when a page shows 1 MB of input again. */
const fieldError = (body: string, field: string) => new RegExp(`id="field-${field}-error">([^<]*)<`).exec(body)?.[1] ?? '';
const idFrom = (location: string | undefined, base: string) => new RegExp(`${base}/([0-9a-f-]{36})`).exec(location ?? '')?.[1] ?? '';
const countOf = async (table: 'local_offer' | 'licence' | 'listing_recommendation' | 'municipality_listing', code: string) =>
  Number(
    (
      await db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('municipality_code', '=', code)
        .executeTakeFirstOrThrow()
    ).n,
  );

test('a content owner enables listings, recommends one to a target group, and disabling it removes its recommendations', async () => {
  const { code } = await createMunicipality(db);
  const owner = await staffOf(code);

  let page = await open(owner, '/kommune/katalog');
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /I har valgt 0 ydelser\./);
  assert.match(page.body, /Øvebanen til jobsamtaler/);
  assert.match(page.body, /Ikke valgt/);

  const enabled = await post(owner, '/kommune/katalog?q=jobsamtale', `/kommune/katalog/${listing(1)}/vaelg`, { q: 'jobsamtale', fra: 'liste' });
  assert.equal(enabled.statusCode, 303);
  assert.equal(enabled.headers.location, '/kommune/katalog?q=jobsamtale&besked=valgt', 'back to the same search');
  await post(owner, '/kommune/katalog', `/kommune/katalog/${listing(1)}/vaelg`);
  await post(owner, '/kommune/katalog', `/kommune/katalog/${listing(2)}/vaelg`);
  assert.equal(await countOf('municipality_listing', code), 2, 'enabling twice changes nothing');

  page = await open(owner, '/kommune/katalog?besked=valgt');
  assert.match(page.body, /Ydelsen er valgt\. Jeres borgere kan nu se den\./);
  assert.match(page.body, /I har valgt 2 ydelser\./);
  page = await open(owner, '/kommune/katalog?q=cv');
  assert.match(page.body, /Zoom ind på dit CV/);
  assert.doesNotMatch(page.body, /Øvebanen til jobsamtaler/, 'the search narrows the list');
  page = await open(owner, '/kommune/katalog?vis=valgte');
  assert.match(page.body, /Øvebanen til jobsamtaler/);
  assert.doesNotMatch(page.body, /Målrettet jobsøgning/, 'only the enabled ones');

  const detail = `/kommune/katalog/${listing(1)}`;
  const recommended = await post(owner, detail, `${detail}/anbefalinger`, {
    targetGroup: 'job_ready',
    journeyStage: 'prepare',
    noteDa: 'Godt før den første samtale.',
    noteEn: 'Good before the first interview.',
  });
  assert.equal(recommended.statusCode, 303);
  page = await open(owner, `${detail}?besked=anbefalet`);
  assert.match(page.body, /Anbefalingen er gemt\./);
  assert.match(page.body, /<td>Jobparate<\/td><td>Forberedelse<\/td><td class="preserve-lines">Godt før den første samtale\.<\/td>/);
  page = await open(owner, '/kommune/katalog?vis=valgte');
  assert.match(page.body, /Anbefalet til: Jobparate \(Forberedelse\)/);
  page = await app.inject({ url: detail, headers: { cookie: `jobunivers-session=${owner}; lang=en` } });
  assert.match(page.body, /Good before the first interview\./, 'the English note in English');

  const twice = await post(owner, detail, `${detail}/anbefalinger`, { targetGroup: 'job_ready', journeyStage: 'prepare' });
  assert.equal(twice.statusCode, 400);
  assert.match(fieldError(twice.body, 'targetGroup'), /^Ydelsen er allerede anbefalet til denne målgruppe i denne fase\./);
  const notEnabled = await post(owner, detail, `/kommune/katalog/${listing(3)}/anbefalinger`, { targetGroup: 'job_ready' });
  assert.equal(notEnabled.statusCode, 409, 'only an enabled listing can be recommended');
  assert.equal(await countOf('listing_recommendation', code), 1);

  const recommendationId = (await db.selectFrom('listing_recommendation').select('id').where('municipality_code', '=', code).executeTakeFirstOrThrow()).id;
  const otherOwner = await staffOf((await createMunicipality(db)).code);
  const foreignRemoval = await post(otherOwner, '/kommune/katalog', `${detail}/anbefalinger/fjern`, { recommendationId });
  assert.equal(foreignRemoval.statusCode, 404, 'another municipality cannot remove it');

  const disabled = await post(owner, detail, `${detail}/fravaelg`, { fra: 'ydelse' });
  assert.equal(disabled.statusCode, 303);
  assert.equal(disabled.headers.location, `${detail}?besked=fravalgt`);
  assert.equal(await countOf('listing_recommendation', code), 0, 'its recommendations went with it');
  assert.equal(await countOf('municipality_listing', code), 1);

  const unknown = '00000000-0000-4000-9000-00000000ffff';
  assert.equal((await post(owner, '/kommune/katalog', `/kommune/katalog/${unknown}/vaelg`)).statusCode, 404);
  assert.equal((await open(owner, `/kommune/katalog/${unknown}`)).statusCode, 404);
  assert.equal((await open(owner, '/kommune/katalog/not-a-uuid')).statusCode, 400);
  const inReview = await db.selectFrom('listing_version').select('listing_id').where('status', '=', 'in_review').executeTakeFirstOrThrow();
  assert.equal(
    (await post(owner, '/kommune/katalog', `/kommune/katalog/${inReview.listing_id}/vaelg`)).statusCode,
    404,
    'a listing that is not live cannot be enabled',
  );
});

test('a local offer is written in Copenhagen time, shown in Danish format, listed with places taken, edited and cancelled', async () => {
  const { code } = await createMunicipality(db);
  const owner = await staffOf(code);
  const created = await post(owner, '/kommune/tilbud/ny', '/kommune/tilbud', localOfferForm());
  assert.equal(created.statusCode, 303);
  const offerId = idFrom(created.headers.location, '/kommune/tilbud');
  const stored = await db.selectFrom('local_offer').selectAll().where('id', '=', offerId).executeTakeFirstOrThrow();
  assert.equal(stored.starts_at.toISOString(), `${nextYear}-03-24T08:30:00.000Z`, 'winter time is UTC+1');
  assert.equal(stored.municipality_code, code);

  let page = await open(owner, `/kommune/tilbud/${offerId}?besked=oprettet`);
  assert.match(page.body, /Tilbuddet er oprettet\./);
  assert.match(page.body, new RegExp(`24\\. marts ${nextYear}, kl\\. 09\\.30–12\\.00`));
  assert.match(page.body, /0\/16 pladser taget/);

  const summer = await post(
    owner,
    '/kommune/tilbud/ny',
    '/kommune/tilbud',
    localOfferForm({
      titleDa: 'Jobmesse om sommeren',
      kind: 'job_fair',
      startsAtDay: '15',
      startsAtMonth: '6',
      endsAtDay: '15',
      endsAtMonth: '6',
      startsAtTime: '10.00',
      endsAtTime: '15:00',
      signupRequired: [],
      capacity: '',
    }),
  );
  assert.equal(summer.statusCode, 303);
  const summerId = idFrom(summer.headers.location, '/kommune/tilbud');
  const summerRow = await db
    .selectFrom('local_offer')
    .select(['starts_at', 'signup_required', 'capacity'])
    .where('id', '=', summerId)
    .executeTakeFirstOrThrow();
  assert.equal(summerRow.starts_at.toISOString(), `${nextYear}-06-15T08:00:00.000Z`, 'summer time is UTC+2');
  assert.deepEqual([summerRow.signup_required, summerRow.capacity], [false, null]);

  // A citizen of the municipality signs up through the database's own function, as the marketplace will.
  const citizen = await createCitizen(db, { municipalityCode: code, name: 'Mette Jensen' });
  const { rows } = await withTenant(appDb, { citizen: citizen.id }, (trx) =>
    sql<{ outcome: string }>`select sign_up_for_local_offer(${offerId}) as outcome`.execute(trx),
  );
  assert.equal(rows[0]?.outcome, 'signed_up');

  page = await open(owner, '/kommune/tilbud');
  assert.match(page.body, /1\/16 pladser taget/);
  assert.match(page.body, /Ingen tilmelding/);
  assert.ok(page.body.indexOf('CV-værksted for ledige') < page.body.indexOf('Jobmesse om sommeren'), 'the soonest first');
  assert.match(page.body, /Kommende/);

  page = await open(owner, `/kommune/tilbud/${offerId}`);
  assert.match(page.body, /1 borgere er tilmeldt\./);
  assert.doesNotMatch(page.body, /Mette Jensen/, 'names only on the participant list');
  page = await open(owner, `/kommune/tilbud/${offerId}/deltagere`);
  assert.match(page.body, /<li>Mette Jensen<\/li>/);
  const logged = await db.selectFrom('access_log').select(['purpose', 'actor_name', 'action']).where('citizen_id', '=', citizen.id).execute();
  assert.deepEqual(
    logged,
    [{ purpose: 'Deltagerliste til det lokale tilbud »CV-værksted for ledige med en faglig uddannelse«', actor_name: 'Peter Holm', action: 'read' }],
    'the look-up is in the citizen’s log',
  );

  const edit = await open(owner, `/kommune/tilbud/${offerId}/rediger`);
  assert.match(edit.body, /name="startsAtTime" value="09:30"/, 'the form shows the stored Copenhagen time');
  assert.match(edit.body, new RegExp(`name="startsAtYear" value="${nextYear}"`));
  const tooSmall = await post(owner, `/kommune/tilbud/${offerId}/rediger`, `/kommune/tilbud/${offerId}/rediger`, localOfferForm({ capacity: '0' }));
  assert.match(fieldError(tooSmall.body, 'capacity'), /^Angiv mindst 1\./);
  const saved = await post(
    owner,
    `/kommune/tilbud/${offerId}/rediger`,
    `/kommune/tilbud/${offerId}/rediger`,
    localOfferForm({ capacity: '20', place: 'Jobcentret, lokale 3.01' }),
  );
  assert.equal(saved.statusCode, 303);
  assert.match((await open(owner, `/kommune/tilbud/${offerId}`)).body, /1\/20 pladser taget/);

  const cancelled = await post(owner, `/kommune/tilbud/${offerId}`, `/kommune/tilbud/${offerId}/aflys`);
  assert.equal(cancelled.statusCode, 303);
  page = await open(owner, `/kommune/tilbud/${offerId}?besked=aflyst`);
  assert.match(page.body, /Tilbuddet er aflyst\. Borgerne kan ikke længere tilmelde sig\./);
  assert.equal(
    (await post(owner, `/kommune/tilbud/${offerId}`, `/kommune/tilbud/${offerId}/rediger`, localOfferForm())).statusCode,
    409,
    'a cancelled offer stays as it is',
  );
  const other = await createCitizen(db, { municipalityCode: code });
  const late = await withTenant(appDb, { citizen: other.id }, (trx) =>
    sql<{ outcome: string }>`select sign_up_for_local_offer(${offerId}) as outcome`.execute(trx),
  );
  assert.equal(late.rows[0]?.outcome, 'closed', 'nobody signs up for a cancelled offer');
});

test('municipality B never sees or changes A’s local offers or licences, and the database refuses it too', async () => {
  const a = await createMunicipality(db);
  const b = await createMunicipality(db);
  const ownerA = await staffOf(a.code);
  const ownerB = await staffOf(b.code);
  await post(ownerA, '/kommune/katalog', `/kommune/katalog/${listing(2)}/vaelg`);
  const offerId = idFrom(
    (await post(ownerA, '/kommune/tilbud/ny', '/kommune/tilbud', localOfferForm({ titleDa: 'Kun for kommune A' }))).headers.location,
    '/kommune/tilbud',
  );
  const licenceId = idFrom(
    (await post(ownerA, '/kommune/licenser', '/kommune/licenser', licenceFields(listing(2), { budgetHolder: 'Kommune A’s budget' }))).headers.location,
    '/kommune/licenser',
  );
  assert.ok(offerId && licenceId);

  for (const path of [
    `/kommune/tilbud/${offerId}`,
    `/kommune/tilbud/${offerId}/rediger`,
    `/kommune/tilbud/${offerId}/deltagere`,
    `/kommune/licenser/${licenceId}`,
  ]) {
    assert.equal((await open(ownerB, path)).statusCode, 404, path);
  }
  assert.equal((await post(ownerB, '/kommune/tilbud', `/kommune/tilbud/${offerId}/rediger`, localOfferForm({ titleDa: 'Overtaget' }))).statusCode, 404);
  assert.equal((await post(ownerB, '/kommune/tilbud', `/kommune/tilbud/${offerId}/aflys`)).statusCode, 404);
  assert.equal((await post(ownerB, '/kommune/licenser', `/kommune/licenser/${licenceId}`, licenceFields(listing(2), { seats: '999' }))).statusCode, 404);
  assert.doesNotMatch((await open(ownerB, '/kommune/tilbud')).body, /Kun for kommune A/);
  assert.doesNotMatch((await open(ownerB, '/kommune/licenser')).body, /Kommune A’s budget/);
  const offer = await db.selectFrom('local_offer').select(['title_da', 'cancelled_at']).where('id', '=', offerId).executeTakeFirstOrThrow();
  assert.deepEqual(offer, { title_da: 'Kun for kommune A', cancelled_at: null });
  assert.equal((await db.selectFrom('licence').select('seats').where('id', '=', licenceId).executeTakeFirstOrThrow()).seats, 2);

  // Underneath the services, the database itself keeps B out (the application role, under row-level security).
  const row = await db.selectFrom('local_offer').selectAll().where('id', '=', offerId).executeTakeFirstOrThrow();
  const { id: _id, created_at: _c, updated_at: _u, ...copy } = row;
  await assert.rejects(
    withTenant(appDb, { municipality: b.code }, (trx) =>
      trx
        .insertInto('local_offer')
        .values({ ...copy, title_da: 'Plantet hos A' })
        .execute(),
    ),
    /row-level security/,
  );
  const changed = await withTenant(appDb, { municipality: b.code }, (trx) =>
    trx.updateTable('local_offer').set({ title_da: 'Overtaget' }).where('id', '=', offerId).executeTakeFirst(),
  );
  assert.equal(Number(changed.numUpdatedRows), 0);
  const seen = await withTenant(appDb, { municipality: b.code }, (trx) => trx.selectFrom('licence').select('id').where('id', '=', licenceId).execute());
  assert.deepEqual(seen, [], 'B cannot even read A’s licence');
  assert.deepEqual(await appDb.selectFrom('licence').select('id').execute(), [], 'nor can a request without a tenant');
  await assert.rejects(
    withTenant(appDb, { municipality: b.code }, (trx) =>
      trx
        .insertInto('licence')
        .values({
          municipality_code: a.code,
          listing_id: listing(2),
          seats: 5,
          valid_from: '2030-01-01',
          valid_to: '2030-12-31',
          price_dkk: '1',
          budget_holder: 'B for A',
          created_by: 'x',
        })
        .execute(),
    ),
    /row-level security/,
  );
  const gone = await withTenant(appDb, { municipality: b.code }, (trx) =>
    trx.deleteFrom('municipality_listing').where('municipality_code', '=', a.code).executeTakeFirst(),
  );
  assert.equal(Number(gone.numDeletedRows), 0, 'B cannot disable A’s listings');
});

test('bad input gets a message next to each field and nothing is stored', async () => {
  const { code } = await createMunicipality(db);
  const owner = await staffOf(code);

  const offer = await post(
    owner,
    '/kommune/tilbud/ny',
    '/kommune/tilbud',
    localOfferForm({
      kind: 'party',
      titleDa: 'x',
      descriptionDa: 'y'.repeat(1_000_000),
      endsAtDay: '23',
      capacity: '',
      targetGroups: ['job_ready', 'astronauts'],
      languages: [],
    }),
  );
  assert.equal(offer.statusCode, 400);
  assert.match(fieldError(offer.body, 'kind'), /^Vælg en af mulighederne\./);
  assert.match(fieldError(offer.body, 'titleDa'), /^Skriv mindst 2 tegn\./);
  assert.match(fieldError(offer.body, 'descriptionDa'), /^Skriv højst 4000 tegn\./);
  assert.match(fieldError(offer.body, 'endsAt'), /^Sluttidspunktet skal ligge efter starttidspunktet\./);
  assert.match(fieldError(offer.body, 'capacity'), /^Skriv antal pladser, når borgerne skal tilmelde sig\./);
  assert.match(fieldError(offer.body, 'targetGroups'), /^Vælg en af mulighederne\./);
  assert.match(fieldError(offer.body, 'languages'), /^Vælg mindst ét sprog\./);
  assert.ok(offer.body.includes('<a href="#field-endsAt">'), 'the error summary links to the field');
  assert.ok(offer.body.includes('name="startsAtTime" value="09:30"'), 'what was typed is kept');

  const dates = await post(owner, '/kommune/tilbud/ny', '/kommune/tilbud', localOfferForm({ startsAtDay: '30', startsAtMonth: '2', endsAtTime: '25:00' }));
  assert.match(fieldError(dates.body, 'startsAt'), /^Skriv en gyldig dato og et klokkeslæt/);
  assert.match(fieldError(dates.body, 'endsAt'), /^Skriv en gyldig dato og et klokkeslæt/);
  const past = await post(owner, '/kommune/tilbud/ny', '/kommune/tilbud', localOfferForm({ startsAtYear: '2020', endsAtYear: '2020' }));
  assert.match(fieldError(past.body, 'startsAt'), /^Starttidspunktet skal ligge i fremtiden\./);
  const gap = await post(
    owner,
    '/kommune/tilbud/ny',
    '/kommune/tilbud',
    localOfferForm({
      startsAtDay: '28',
      startsAtMonth: '3',
      startsAtYear: '2027',
      startsAtTime: '02:30',
      endsAtDay: '28',
      endsAtMonth: '3',
      endsAtYear: '2027',
    }),
  );
  assert.match(fieldError(gap.body, 'startsAt'), /^Skriv en gyldig dato og et klokkeslæt/, 'a time skipped when summer time starts does not exist');
  assert.equal(await countOf('local_offer', code), 0);

  await post(owner, '/kommune/katalog', `/kommune/katalog/${listing(2)}/vaelg`);
  const licence = await post(
    owner,
    '/kommune/licenser',
    '/kommune/licenser',
    licenceFields(listing(2), { seats: '0', validToYear: String(nextYear - 2), priceDkk: 'gratis', budgetHolder: 'b'.repeat(1_000_000) }),
  );
  assert.equal(licence.statusCode, 400);
  assert.match(fieldError(licence.body, 'seats'), /^Angiv mindst 1\./);
  assert.match(fieldError(licence.body, 'validTo'), /^Slutdatoen skal være samme dag som startdatoen eller senere\./);
  assert.match(fieldError(licence.body, 'priceDkk'), /^Skriv prisen i kroner, fx 125\.000,00\./);
  assert.match(fieldError(licence.body, 'budgetHolder'), /^Skriv højst 200 tegn\./);
  const notEnabled = await post(owner, '/kommune/licenser', '/kommune/licenser', licenceFields(listing(5)));
  assert.match(fieldError(notEnabled.body, 'listingId'), /^Vælg en af mulighederne\./, 'only for an enabled listing');
  assert.equal(await countOf('licence', code), 0);

  const detail = `/kommune/katalog/${listing(2)}`;
  const note = await post(owner, detail, `${detail}/anbefalinger`, { targetGroup: 'rocket_scientists', journeyStage: 'moon', noteDa: 'n'.repeat(1_000_000) });
  assert.equal(note.statusCode, 400);
  assert.match(fieldError(note.body, 'targetGroup'), /^Vælg en af mulighederne\./);
  assert.match(fieldError(note.body, 'journeyStage'), /^Vælg en af mulighederne\./);
  assert.match(fieldError(note.body, 'noteDa'), /^Skriv højst 500 tegn\./);
  const oneLanguage = await post(owner, detail, `${detail}/anbefalinger`, { targetGroup: 'job_ready', noteDa: 'Kun på dansk' });
  assert.match(fieldError(oneLanguage.body, 'noteEn'), /^Skriv noten på både dansk og engelsk\./);
  assert.equal(await countOf('listing_recommendation', code), 0);

  const text = await upload(
    owner,
    { displayName: 'Jobcenter Test', logoAlt: 'Logo' },
    { bytes: Buffer.from('not an image at all'), name: 'logo.png', type: 'image/png' },
  );
  assert.equal(text.statusCode, 400);
  assert.match(fieldError(text.body, 'logo'), /^Logoet skal være en PNG- eller JPEG-fil\./);
  const big = await upload(owner, { logoAlt: 'Logo' }, { bytes: png({ padTo: 250_000 }), name: 'logo.png', type: 'image/png' });
  assert.match(fieldError(big.body, 'logo'), /^Logoet må højst fylde 200 kB\./);
  // Issue 12: a photo-sized file gives the form back with the message (test/forms.test.ts checks the typed values).
  const photo = await upload(owner, { logoAlt: 'Logo' }, { bytes: png({ padTo: 1_500_000 }), name: 'logo.png', type: 'image/png' });
  assert.equal(photo.statusCode, 400);
  assert.match(fieldError(photo.body, 'logo'), /^Logoet må højst fylde 200 kB\./);
  const huge = await upload(owner, { logoAlt: 'Logo' }, { bytes: png({ padTo: 17 * 1024 * 1024 }), name: 'logo.png', type: 'image/png' });
  assert.equal(huge.statusCode, 413, 'a request larger than any form is refused before it is read');
  const noAlt = await upload(owner, { displayName: 'd'.repeat(1_000_000) }, { bytes: png(), name: 'logo.png', type: 'image/png' });
  assert.match(fieldError(noAlt.body, 'logoAlt'), /^Skriv en alternativ tekst til logoet\./);
  assert.match(fieldError(noAlt.body, 'displayName'), /^Skriv højst 120 tegn\./);
  assert.equal(await db.selectFrom('municipality_branding').select('municipality_code').where('municipality_code', '=', code).executeTakeFirst(), undefined);
});

test('stored text is escaped wherever it is shown', async () => {
  const { code } = await createMunicipality(db);
  const owner = await staffOf(code);
  const evil = '<script>alert(1)</script> & "quoted"';
  const created = await post(owner, '/kommune/tilbud/ny', '/kommune/tilbud', localOfferForm({ titleDa: evil, place: '<img src=x onerror=alert(2)>' }));
  const offerId = idFrom(created.headers.location, '/kommune/tilbud');
  for (const path of ['/kommune/tilbud', `/kommune/tilbud/${offerId}`, `/kommune/tilbud/${offerId}/rediger`]) {
    const page = await open(owner, path);
    assert.match(page.body, /&lt;script&gt;alert\(1\)&lt;\/script&gt; &amp; &quot;quoted&quot;/, path);
    assert.doesNotMatch(page.body, /<script>alert|<img src=x/, path);
  }
  const detail = `/kommune/katalog/${listing(1)}`;
  await post(owner, detail, `${detail}/vaelg`, { fra: 'ydelse' });
  await post(owner, detail, `${detail}/anbefalinger`, { targetGroup: 'job_ready', noteDa: '<b>fed</b>', noteEn: '<i>bold</i>' });
  assert.match((await open(owner, detail)).body, /&lt;b&gt;fed&lt;\/b&gt;/);
  await upload(owner, { displayName: '<svg onload=alert(3)>' });
  const branded = await open(owner, '/kommune/katalog');
  assert.match(branded.body, /<strong>&lt;svg onload=alert\(3\)&gt;<\/strong>/, 'the display name in the workspace band');
  assert.doesNotMatch(branded.body, /<svg onload/);
});

test('a licence shows its seat use as x/y, and its seats cannot drop below the seats taken', async () => {
  const { code } = await createMunicipality(db);
  const owner = await staffOf(code);
  await post(owner, '/kommune/katalog', `/kommune/katalog/${listing(2)}/vaelg`);
  const recorded = await post(owner, '/kommune/licenser?listing=' + listing(2), '/kommune/licenser', licenceFields(listing(2)));
  assert.equal(recorded.statusCode, 303);
  const licenceId = idFrom(recorded.headers.location, '/kommune/licenser');
  const row = await db.selectFrom('licence').select(['price_dkk', 'seats', 'budget_holder']).where('id', '=', licenceId).executeTakeFirstOrThrow();
  assert.deepEqual(row, { price_dkk: '125000.50', seats: 2, budget_holder: 'Center for Jobindsats' });

  let page = await open(owner, '/kommune/licenser');
  assert.match(page.body, /0\/2 pladser brugt/);
  assert.match(page.body, /125\.000,50\s*kr\./);
  assert.match(page.body, /Gælder nu/);

  // Two citizens start the service: each takes a seat through the database's own function, as a launch does.
  for (const name of ['Ahmed Hassan', 'Sofie Andersen', 'Lars Nielsen']) {
    const citizen = await createCitizen(db, { municipalityCode: code, name });
    await withTenant(appDb, { citizen: citizen.id }, (trx) => sql`select claim_licence_seat(${listing(2)})`.execute(trx));
  }
  page = await open(owner, `/kommune/licenser/${licenceId}`);
  assert.match(page.body, /<strong>2\/2 pladser brugt<\/strong>/, 'the third citizen found no seat');
  assert.match(page.body, /1\. januar \d{4} – 31\. december \d{4}/);
  page = await app.inject({ url: '/kommune/licenser', headers: { cookie: `jobunivers-session=${owner}; lang=en` } });
  assert.match(page.body, /2\/2 seats used/);

  const fewer = await post(owner, `/kommune/licenser/${licenceId}`, `/kommune/licenser/${licenceId}`, licenceFields(listing(2), { seats: '1' }));
  assert.equal(fewer.statusCode, 400);
  assert.match(fieldError(fewer.body, 'seats'), /^Borgerne bruger allerede 2 pladser\. Antal pladser kan ikke være lavere\./);
  const more = await post(
    owner,
    `/kommune/licenser/${licenceId}`,
    `/kommune/licenser/${licenceId}`,
    licenceFields(listing(2), { seats: '10', priceDkk: '200000' }),
  );
  assert.equal(more.statusCode, 303);
  assert.match((await open(owner, `/kommune/licenser/${licenceId}`)).body, /2\/10 pladser brugt/);
});

test('a logo is uploaded without JavaScript, served publicly with its type, shown in the workspace, and removed', async () => {
  const { code } = await createMunicipality(db);
  const owner = await staffOf(code);
  const logo = png({ width: 8, height: 8 });
  const saved = await upload(
    owner,
    { displayName: 'Jobcenter Testby', contactTextDa: 'Ring til os.', contactTextEn: 'Call us.', logoAlt: 'Testbys byvåben' },
    { bytes: logo, name: 'byvaaben.bin', type: 'application/octet-stream' },
  );
  assert.equal(saved.statusCode, 303);
  assert.equal(saved.headers.location, '/kommune/branding?besked=gemt');

  // The upload is a form like any other: without the form's token, or without a session, nothing happens.
  const forged = await app.inject({
    method: 'POST',
    url: '/kommune/branding',
    headers: { cookie: `jobunivers-session=${owner}`, 'content-type': 'multipart/form-data; boundary=x' },
    payload: '--x\r\ncontent-disposition: form-data; name="displayName"\r\n\r\nOvertaget\r\n--x--\r\n',
  });
  assert.equal(forged.statusCode, 403);
  const anonymous = await app.inject({
    method: 'POST',
    url: '/kommune/branding',
    headers: { 'content-type': 'multipart/form-data; boundary=x' },
    payload: '--x--\r\n',
  });
  assert.ok([401, 403].includes(anonymous.statusCode), `anonymous upload answered ${anonymous.statusCode}`);
  assert.equal(
    (await db.selectFrom('municipality_branding').select('display_name').where('municipality_code', '=', code).executeTakeFirstOrThrow()).display_name,
    'Jobcenter Testby',
  );

  const served = await app.inject({ url: `/kommuner/${code}/logo` });
  assert.equal(served.statusCode, 200);
  assert.equal(served.headers['content-type'], 'image/png', 'the type the bytes say, not the one the browser sent');
  assert.equal(served.headers['x-content-type-options'], 'nosniff');
  assert.match(String(served.headers['cache-control']), /public, max-age=\d+/);
  assert.deepEqual(served.rawPayload, logo);
  const again = await app.inject({ url: `/kommuner/${code}/logo`, headers: { 'if-none-match': String(served.headers.etag) } });
  assert.equal(again.statusCode, 304);

  const page = await open(owner, '/kommune/tilbud');
  assert.match(page.body, new RegExp(`<img class="mr-5" src="/kommuner/${code}/logo\\?v=\\d+" alt="Testbys byvåben" height="64">`));
  assert.match(page.body, /<strong>Jobcenter Testby<\/strong>/);

  // Texts change without a new file; the logo stays.
  await upload(owner, { displayName: 'Jobcenter Testby', logoAlt: 'Testbys byvåben, blåt' });
  assert.equal((await app.inject({ url: `/kommuner/${code}/logo` })).statusCode, 200);

  const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(100, 1), Buffer.from([0xff, 0xd9])]);
  await upload(owner, { logoAlt: 'Byvåben' }, { bytes: jpeg, name: 'logo.jpg', type: 'image/jpeg' });
  assert.equal((await app.inject({ url: `/kommuner/${code}/logo` })).headers['content-type'], 'image/jpeg');

  const removed = await post(owner, '/kommune/branding', '/kommune/branding/fjern-logo');
  assert.equal(removed.statusCode, 303);
  assert.equal((await app.inject({ url: `/kommuner/${code}/logo` })).statusCode, 404);
  assert.equal((await app.inject({ url: '/kommuner/99x/logo' })).statusCode, 400);
});

test('the demo world: København curates all six demo listings with two recommendations, offers, a licence and a name; Aarhus a few; again changes nothing', async () => {
  const snapshot = async () => ({
    københavn: await countOf('municipality_listing', '101'),
    recommendations: await countOf('listing_recommendation', '101'),
    offers: await db
      .selectFrom('local_offer')
      .select('id')
      .where('municipality_code', '=', '101')
      .where('starts_at', '>', new Date())
      .execute()
      .then((r) => r.length),
    licences: await countOf('licence', '101'),
    aarhus: await db
      .selectFrom('municipality_listing')
      .select('listing_id')
      .where('municipality_code', '=', '751')
      .orderBy('listing_id')
      .execute()
      .then((r) => r.map((x) => x.listing_id)),
    name: (await db.selectFrom('municipality_branding').select('display_name').where('municipality_code', '=', '101').executeTakeFirst())?.display_name,
  });
  const before = await snapshot();
  assert.ok(before.københavn >= 6);
  assert.ok(before.recommendations >= 2);
  assert.ok(before.offers >= 3, 'three offers to come');
  assert.ok(before.licences >= 1);
  assert.deepEqual(before.aarhus.slice(0, 3), [listing(1), listing(4), listing(5)]);
  assert.equal(before.name, 'Jobcenter København');
  await runSeed(db, [curationSeed], createLogger({ level: 'silent' }));
  assert.deepEqual(await snapshot(), before);

  const kbh = await staffOf('101', 'Peter Holm');
  assert.match((await open(kbh, '/kommune/licenser')).body, /0\/250 pladser brugt/);
  const offers = await open(kbh, '/kommune/tilbud');
  assert.match(offers.body, /CV-værksted: Skriv et CV, der bliver læst/);
  assert.match(offers.body, /Jobmesse i Øksnehallen/);
  assert.match(offers.body, /<strong>Jobcenter København<\/strong>/);
});

test('Meddelelser and Bedømmelser carry the workspace’s tab bar, each marked as the current tab', async () => {
  const owner = await staffOf((await createMunicipality(db)).code);
  const tabBar = (body: string) => /<nav aria-label="Kommunens arbejdsrum"[^>]*>([\s\S]*?)<\/nav>/.exec(body)?.[1] ?? '';
  for (const [path, label] of [
    ['/kommune/meddelelser', 'Meddelelser'],
    ['/kommune/bedoemmelser', 'Bedømmelser'],
  ] as const) {
    const page = await open(owner, path);
    assert.equal(page.statusCode, 200, path);
    const tabs = tabBar(page.body);
    for (const other of ['/kommune/katalog', '/kommune/tilbud', '/kommune/licenser', '/kommune/branding', '/kommune/meddelelser', '/kommune/bedoemmelser']) {
      assert.match(tabs, new RegExp(`href="${other}"`), `${path} links to ${other}`);
    }
    assert.match(tabs, new RegExp(`<a href="${path}" aria-current="page"><strong>${label}</strong></a>`), `${path} is the current tab`);
    assert.equal(tabs.match(/aria-current/g)?.length, 1, `${path}: one current tab`);
  }
  assert.match(
    tabBar((await open(owner, '/kommune/katalog')).body),
    /<a href="\/kommune\/bedoemmelser">Bedømmelser<\/a>/,
    'the other pages link to Bedømmelser',
  );
});
