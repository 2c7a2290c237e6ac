// Activity events from a vendor's service (issue 15), through the real app on its own database: CloudEvents one by one
// and in batches, the xAPI door, idempotency, who an event may be about, the plan's progression, the rate limit and
// the vendor portal's event log.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { sql } from 'kysely';
import { pairwiseSubject } from '../src/platform/crypto/pairwise.ts';
import { cookiesFrom, createTestApp, csrfTokenIn, signedInForms } from './support/app.ts';
import { createCitizen, createSession, principalFor } from './support/factories.ts';

const testApp = await createTestApp({ env: { RATE_LIMIT_FORMS_PER_MINUTE: '100000', RATE_LIMIT_API_PER_MINUTE: '100000' } });
const { app, db, config } = testApp;

const admin = await createSession(db, principalFor('vendor_admin'));
const vendor = await db.selectFrom('vendor').select(['id', 'cvr']).where('cvr', '=', '39000008').executeTakeFirstOrThrow();
const otherVendor = await db.selectFrom('vendor').select('id').where('cvr', '<>', '39000008').executeTakeFirstOrThrow();

async function tokenForNewClient(session: string): Promise<string> {
  const page = await app.inject({ url: '/leverandoer/api-noegler', headers: { cookie: `jobunivers-session=${session}` } });
  const created = await app.inject({
    method: 'POST',
    url: '/leverandoer/api-noegler',
    headers: { cookie: `${cookiesFrom(page)}; jobunivers-session=${session}`, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ _csrf: csrfTokenIn(page.body), name: `Hændelser ${randomUUID().slice(0, 6)}` }).toString(),
  });
  const clientId = /<dt>client_id<\/dt><dd><code>(jvc_[^<]+)<\/code>/.exec(created.body)?.[1] ?? '';
  const clientSecret = /<dt>client_secret<\/dt><dd><code>(jvs_[^<]+)<\/code>/.exec(created.body)?.[1] ?? '';
  const token = await app.inject({
    method: 'POST',
    url: '/api/vendor/v1/token',
    headers: { authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
    payload: 'grant_type=client_credentials',
  });
  assert.equal(token.statusCode, 200, token.body);
  return token.json<{ access_token: string }>().access_token;
}

const token = await tokenForNewClient(admin);

async function newListing(vendorId: string): Promise<string> {
  const row = await db.insertInto('listing').values({ vendor_id: vendorId }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

async function launch(citizenId: string, listingId: string, outcome: 'launched' | 'no_seat' = 'launched'): Promise<void> {
  await db.insertInto('listing_launch').values({ citizen_id: citizenId, municipality_code: '101', listing_id: listingId, version: 1, outcome }).execute();
}

const listing = await newListing(vendor.id);
const foreignListing = await newListing(otherVendor.id);
const launcher = await createCitizen(db, { municipalityCode: '101' });
const stranger = await createCitizen(db, { municipalityCode: '101' });
await launch(launcher.id, listing);
await launch(launcher.id, foreignListing);
await launch(stranger.id, listing, 'no_seat');
const sub = (citizenId: string) => pairwiseSubject(config, vendor.id, citizenId);

const event = (overrides: Record<string, unknown> = {}) => ({
  specversion: '1.0',
  id: randomUUID(),
  source: `/listings/${listing}`,
  type: 'dk.jobunivers.activity.certificate-issued',
  subject: sub(launcher.id),
  time: '2027-03-01T10:00:00+01:00',
  data: { title: 'Truckcertifikat B' },
  ...overrides,
});

const send = (body: unknown, contentType = 'application/cloudevents+json', bearer = token) =>
  app.inject({
    method: 'POST',
    url: '/api/vendor/v1/events',
    headers: { authorization: `Bearer ${bearer}`, 'content-type': contentType, 'accept-language': 'da' },
    payload: JSON.stringify(body),
  });

const storedCount = async (eventIds: string[]) =>
  (
    await db
      .selectFrom('activity_event')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('vendor_id', '=', vendor.id)
      .where('event_id', 'in', eventIds)
      .executeTakeFirstOrThrow()
  ).n;

const isProblem = (response: { headers: Record<string, unknown> }) => assert.match(String(response.headers['content-type']), /^application\/problem\+json/);

test('the registry is public JSON Schema, one type at a time too', async () => {
  const all = await app.inject({ url: '/api/public/v1/event-types' });
  assert.equal(all.statusCode, 200);
  const types = all.json<{ items: { type: string; dataSchema: { properties?: Record<string, unknown> } }[] }>().items.map((t) => t.type);
  assert.equal(types.length, 7);
  const progress = await app.inject({ url: '/api/public/v1/event-types/dk.jobunivers.activity.progress' });
  assert.equal(progress.statusCode, 200);
  assert.deepEqual(Object.keys(progress.json<{ dataSchema: { properties: Record<string, unknown> } }>().dataSchema.properties), ['percent']);
  const unknown = await app.inject({ url: '/api/public/v1/event-types/dk.jobunivers.activity.flying' });
  assert.equal(unknown.statusCode, 404);
  isProblem(unknown);
});

test('one event is acknowledged 202 once stored; the same again is a duplicate, stored once; another body under its id is 409', async () => {
  const first = event();
  const accepted = await send(first);
  assert.equal(accepted.statusCode, 202, accepted.body);
  assert.deepEqual(accepted.json(), { id: first.id, status: 'accepted' });
  // Acknowledged means committed: another connection sees it at once.
  assert.equal(await storedCount([first.id]), 1);
  // The same event with its keys in another order is the same body.
  const reordered = Object.fromEntries(Object.entries(first).reverse());
  const again = await send(reordered);
  assert.equal(again.statusCode, 202);
  assert.deepEqual(again.json(), { id: first.id, status: 'duplicate' });
  const changed = await send({ ...first, data: { title: 'Et andet certifikat' } });
  assert.equal(changed.statusCode, 409);
  isProblem(changed);
  assert.equal(changed.json().code, 'CONFLICT');
  assert.equal(await storedCount([first.id]), 1);
});

test('the same batch twice and a batch with invalid items: exact outcomes in order, each event stored once', async () => {
  const a = event();
  const b = event({
    type: 'dk.jobunivers.activity.application-sent',
    data: { jobTitle: 'Lagermedarbejder', employer: 'Dansk Lager', appliedOn: '2027-03-01' },
  });
  const batch = [a, b];
  const first = await send(batch, 'application/cloudevents-batch+json');
  assert.equal(first.statusCode, 200, first.body);
  assert.deepEqual(first.json().results, [
    { id: a.id, status: 'accepted' },
    { id: b.id, status: 'accepted' },
  ]);
  const second = await send(batch, 'application/cloudevents-batch+json');
  assert.deepEqual(second.json().results, [
    { id: a.id, status: 'duplicate' },
    { id: b.id, status: 'duplicate' },
  ]);
  assert.equal(await storedCount([a.id, b.id]), 2);

  const good = event();
  const badData = event({ type: 'dk.jobunivers.activity.progress', data: { percent: 140 } });
  const unknownType = event({ type: 'dk.jobunivers.activity.flying' });
  const conflict = { ...a, data: { title: 'Ændret' } };
  const mixed = await send([good, badData, { not: 'an event' }, unknownType, conflict, good], 'application/cloudevents-batch+json');
  assert.equal(mixed.statusCode, 200);
  const results = mixed.json<{ results: { id: string | null; status: string; code?: string; errors?: { field: string; message: string }[] }[] }>().results;
  assert.deepEqual(
    results.map((r) => [r.id, r.status, r.code]),
    [
      [good.id, 'accepted', undefined],
      [badData.id, 'rejected', 'validation'],
      [null, 'rejected', 'validation'],
      [unknownType.id, 'rejected', 'validation'],
      [a.id, 'rejected', 'conflict'],
      [good.id, 'duplicate', undefined],
    ],
  );
  assert.deepEqual(results[1]?.errors, [{ field: 'data.percent', message: 'Angiv højst 100.' }]);
  assert.equal(results[3]?.errors?.[0]?.field, 'type');
  assert.equal(await storedCount([good.id, badData.id, unknownType.id]), 1);
});

test('an event is refused for a citizen who never launched the listing, and for another vendor’s listing', async () => {
  const neverLaunched = await send(event({ subject: sub(stranger.id) }));
  assert.equal(neverLaunched.statusCode, 422, neverLaunched.body);
  isProblem(neverLaunched);
  assert.deepEqual(
    neverLaunched.json().errors.map((e: { field: string }) => e.field),
    ['subject'],
  );
  const foreign = event({ source: `/listings/${foreignListing}` });
  const notOurs = await send(foreign);
  assert.equal(notOurs.statusCode, 422);
  isProblem(notOurs);
  assert.deepEqual(
    notOurs.json().errors.map((e: { field: string }) => e.field),
    ['source'],
  );
  // A sub made for another vendor names nobody here either.
  const otherVendorsSub = await send(event({ subject: pairwiseSubject(config, otherVendor.id, launcher.id) }));
  assert.equal(otherVendorsSub.statusCode, 422);
  const stored = await db.selectFrom('activity_event').select('id').where('listing_id', '=', foreignListing).execute();
  assert.equal(stored.length, 0);
});

test('a launch after the first lookup is found: the subject map catches up', async () => {
  const late = await createCitizen(db, { municipalityCode: '101' });
  const before = await send(event({ subject: sub(late.id) }));
  assert.equal(before.statusCode, 422);
  await launch(late.id, listing);
  const after = await send(event({ subject: sub(late.id) }));
  assert.equal(after.statusCode, 202, after.body);
});

test('anything like a CPR number is refused, in the subject or in the data', async () => {
  const inSubject = await send(event({ subject: launcher.cpr }));
  assert.equal(inSubject.statusCode, 400);
  isProblem(inSubject);
  assert.deepEqual(
    inSubject.json().errors.map((e: { field: string }) => e.field),
    ['subject'],
  );
  const dashed = `${launcher.cpr.slice(0, 6)}-${launcher.cpr.slice(6)}`;
  const inData = await send(event({ data: { title: `Bevis for ${dashed}` } }));
  assert.equal(inData.statusCode, 400);
  assert.deepEqual(
    inData.json().errors.map((e: { field: string }) => e.field),
    ['data.title'],
  );
  const stored = await db
    .selectFrom('activity_event')
    .select('id')
    .where(sql<boolean>`data::text like ${`%${launcher.cpr.slice(6)}%`}`)
    .execute();
  assert.equal(stored.length, 0);
});

test('an xAPI statement lands as the same event as its CloudEvents twin', async () => {
  const time = '2027-03-02T09:30:00.000Z';
  const twin = event({ type: 'dk.jobunivers.activity.progress', data: { percent: 55 }, time });
  assert.equal((await send(twin)).statusCode, 202);
  const statementId = randomUUID();
  const statement = {
    id: statementId,
    actor: { objectType: 'Agent', account: { homePage: config.baseUrl, name: sub(launcher.id) } },
    verb: { id: 'http://adlnet.gov/expapi/verbs/progressed', display: { 'en-US': 'progressed' } },
    object: { objectType: 'Activity', id: `${config.baseUrl}/listings/${listing}` },
    result: { extensions: { 'https://w3id.org/xapi/cmi5/result/extensions/progress': 55 } },
    timestamp: time,
  };
  const xapi = (body: unknown, version: string | null = '1.0.3') =>
    app.inject({
      method: 'POST',
      url: '/api/vendor/v1/xapi/statements',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...(version ? { 'x-experience-api-version': version } : {}) },
      payload: JSON.stringify(body),
    });
  const noVersion = await xapi(statement, null);
  assert.equal(noVersion.statusCode, 400);
  isProblem(noVersion);
  const answer = await xapi([statement]);
  assert.equal(answer.statusCode, 200, answer.body);
  assert.deepEqual(answer.json(), [statementId]);
  assert.equal(answer.headers['x-experience-api-version'], '1.0.3');
  const rows = await db
    .selectFrom('activity_event')
    .select(['type', 'data', 'occurred_at', 'citizen_id', 'listing_id', 'received_via'])
    .where('event_id', 'in', [twin.id, statementId])
    .orderBy('received_via')
    .execute();
  assert.equal(rows.length, 2);
  const [fromCloudEvents, fromXapi] = rows;
  assert.equal(fromXapi?.received_via, 'xapi');
  assert.deepEqual({ ...fromXapi, received_via: undefined }, { ...fromCloudEvents, received_via: undefined });
  // The same statement again is acknowledged without a second row; changed content under its id is 409.
  assert.equal((await xapi(statement)).statusCode, 200);
  const changed = await xapi({ ...statement, result: { extensions: { 'https://w3id.org/xapi/cmi5/result/extensions/progress': 60 } } });
  assert.equal(changed.statusCode, 409);
  assert.equal(await storedCount([statementId]), 1);
});

test('the plan activity moves: in progress with its percent, then done, and a late progress does not move it back', async () => {
  const citizen = await createCitizen(db, { municipalityCode: '101' });
  await launch(citizen.id, listing);
  const activity = await db
    .insertInto('plan_activity')
    .values({
      citizen_id: citizen.id,
      municipality_code: '101',
      source: 'chosen',
      listing_id: listing,
      title: 'Truckkursus',
      created_by: 'test',
      created_by_name: 'Test',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const state = () => db.selectFrom('plan_activity').select(['status', 'progress']).where('id', '=', activity.id).executeTakeFirstOrThrow();
  const subject = sub(citizen.id);
  assert.equal((await send(event({ subject, type: 'dk.jobunivers.activity.started', data: {} }))).statusCode, 202);
  assert.deepEqual(await state(), { status: 'in_progress', progress: null });
  assert.equal((await send(event({ subject, type: 'dk.jobunivers.activity.progress', data: { percent: 40 } }))).statusCode, 202);
  assert.deepEqual(await state(), { status: 'in_progress', progress: 40 });
  const session = await createSession(db, principalFor('citizen', { municipalityCode: '101', citizenId: citizen.id }));
  const screened = await signedInForms(app).post(session, '/borger/screening', '/borger/screening', {
    digitalReadiness: 'high',
    journeyStage: 'search',
    needsHelp: 'no',
    languages: ['da'],
    jobGoal: 'Truckfører',
    wellbeing: 'no',
  });
  assert.equal(screened.statusCode, 303);
  const page = await app.inject({ url: '/borger/jobrejse', headers: { cookie: `jobunivers-session=${session}` } });
  assert.match(page.body, /I gang · 40 %/);
  assert.equal((await send(event({ subject, type: 'dk.jobunivers.activity.completed', data: {} }))).statusCode, 202);
  assert.deepEqual(await state(), { status: 'done', progress: 100 });
  assert.equal((await send(event({ subject, type: 'dk.jobunivers.activity.progress', data: { percent: 70 } }))).statusCode, 202);
  assert.deepEqual(await state(), { status: 'done', progress: 100 });
});

test('the vendor registers a type of its own and sends events of it; another vendor’s prefix is not a type', async () => {
  const created = await app.inject({
    method: 'POST',
    url: '/api/vendor/v1/event-types',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    payload: { name: 'kursus.modul-bestaaet', dataSchema: { type: 'object', properties: { modul: { type: 'integer' } }, required: ['modul'] } },
  });
  assert.equal(created.statusCode, 201, created.body);
  const type = `dk.cvr.${vendor.cvr}.kursus.modul-bestaaet`;
  assert.equal(created.json().type, type);
  const results = (
    await send(
      [event({ type, data: { modul: 3 } }), event({ type, data: { modul: 'tre' } }), event({ type: 'dk.cvr.39000032.x', data: {} })],
      'application/cloudevents-batch+json',
    )
  ).json<{
    results: { status: string; errors?: { field: string }[] }[];
  }>().results;
  assert.deepEqual(
    results.map((r) => [r.status, r.errors?.[0]?.field]),
    [
      ['accepted', undefined],
      ['rejected', 'data'],
      ['rejected', 'type'],
    ],
  );
});

test('the portal’s event log shows a rejected item with its errors; the registry page lists the types', async () => {
  const bad = event({ type: 'dk.jobunivers.activity.progress', data: { percent: 'halvvejs' } });
  await send([bad], 'application/cloudevents-batch+json');
  const developer = await createSession(db, principalFor('vendor_developer'));
  const log = await app.inject({ url: '/leverandoer/haendelser?udfald=rejected', headers: { cookie: `jobunivers-session=${developer}` } });
  assert.equal(log.statusCode, 200);
  assert.match(log.body, new RegExp(bad.id));
  assert.match(log.body, /<code>data\.percent<\/code>: /);
  const registry = await app.inject({ url: '/leverandoer/haendelser/typer', headers: { cookie: `jobunivers-session=${admin}` } });
  assert.equal(registry.statusCode, 200);
  assert.match(registry.body, /dk\.jobunivers\.activity\.meeting-held/);
  // The create form comes back with the field's message and what was typed, and stores nothing.
  const form = await app.inject({
    method: 'POST',
    url: '/leverandoer/haendelser/typer',
    headers: { cookie: `${cookiesFrom(registry)}; jobunivers-session=${admin}`, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ _csrf: csrfTokenIn(registry.body), name: 'Store Bogstaver', dataSchema: '{' }).toString(),
  });
  assert.equal(form.statusCode, 400);
  assert.match(form.body, /value="Store Bogstaver"/);
  assert.match(form.body, /Brug små bogstaver/);
});

test('the ingest is rate limited per vendor with Retry-After', async () => {
  const { name, url, db: ownerDb, pool } = testApp;
  const limited = await createTestApp({
    database: { name, url, db: ownerDb, pool },
    env: { RATE_LIMIT_EVENTS_PER_MINUTE: '2', RATE_LIMIT_FORMS_PER_MINUTE: '100000' },
  });
  const answers = [];
  for (let i = 0; i < 3; i++) {
    answers.push(
      await limited.app.inject({
        method: 'POST',
        url: '/api/vendor/v1/events',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/cloudevents+json' },
        payload: JSON.stringify(event()),
      }),
    );
  }
  assert.deepEqual(
    answers.map((a) => a.statusCode),
    [202, 202, 429],
  );
  isProblem(answers[2] as { headers: Record<string, unknown> });
  assert.match(String(answers[2]?.headers['retry-after']), /^\d+$/);
});
