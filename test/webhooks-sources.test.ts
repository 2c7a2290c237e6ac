// The writers that tell a municipality's systems (issue 15) record their outbound event in their own transaction:
// a vendor's `completed` event (activity.completed), a citizen's sign-up to a local offer (local-offer.sign-up), and
// the launch that leaves a licence with 10 % of its seats or fewer (licence.seats-low, once per crossing). What is
// rolled back tells nobody.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { pairwiseSubject } from '../src/platform/crypto/pairwise.ts';
import { createTestApp, signedInForms } from './support/app.ts';
import { createCitizen, createSession, principalFor } from './support/factories.ts';

const { app, db, config } = await createTestApp({ env: { RATE_LIMIT_FORMS_PER_MINUTE: '100000', RATE_LIMIT_API_PER_MINUTE: '100000' } });
const forms = signedInForms(app);

const outbound = (type: string, municipalityCode = '101') =>
  db
    .selectFrom('outbound_event')
    .select(['id', 'municipality_code', 'vendor_id', 'type', 'citizen_id', 'data'])
    .where('type', '=', type)
    .where('municipality_code', '=', municipalityCode)
    .orderBy('seq')
    .execute();

async function citizenSession(municipalityCode = '101'): Promise<{ id: string; token: string }> {
  const citizen = await createCitizen(db, { municipalityCode });
  return { id: citizen.id, token: await createSession(db, principalFor('citizen', { municipalityCode, citizenId: citizen.id })) };
}

test('a vendor’s completed event tells the citizen’s municipality (activity.completed); a rolled-back xAPI request tells nobody', async () => {
  const admin = await createSession(db, principalFor('vendor_admin'));
  const vendor = await db.selectFrom('vendor').select('id').where('cvr', '=', '39000008').executeTakeFirstOrThrow();
  const token = await forms.vendorApiToken(admin, 'Hændelser');
  const listing = (await db.insertInto('listing').values({ vendor_id: vendor.id }).returning('id').executeTakeFirstOrThrow()).id;
  const citizen = await createCitizen(db, { municipalityCode: '101' });
  await db
    .insertInto('listing_launch')
    .values({ citizen_id: citizen.id, municipality_code: '101', listing_id: listing, version: 1, outcome: 'launched' })
    .execute();
  const subject = pairwiseSubject(config, vendor.id, citizen.id);
  const before = (await outbound('activity.completed')).length;

  const progress = { specversion: '1.0', id: randomUUID(), source: `/listings/${listing}`, subject, time: '2027-03-01T10:00:00Z' };
  const sent = await app.inject({
    method: 'POST',
    url: '/api/vendor/v1/events',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/cloudevents-batch+json' },
    payload: JSON.stringify([
      { ...progress, type: 'dk.jobunivers.activity.progress', data: { percent: 50 } },
      { ...progress, id: randomUUID(), type: 'dk.jobunivers.activity.completed', time: '2027-03-02T10:00:00Z', data: {} },
    ]),
  });
  assert.equal(sent.statusCode, 200, sent.body);
  const told = await outbound('activity.completed');
  assert.equal(told.length, before + 1, 'one completion, one outbound event (progress tells nobody)');
  assert.deepEqual(told.at(-1)?.data, { listingId: listing, occurredAt: '2027-03-02T10:00:00.000Z' });
  assert.equal(told.at(-1)?.citizen_id, citizen.id, 'the citizen by the platform’s id, kept beside the data');
  assert.equal(told.at(-1)?.vendor_id, null);

  // xAPI requests are all-or-nothing: a refused statement rolls the completion beside it back, outbound event included.
  const statement = (name: string) => ({
    id: randomUUID(),
    actor: { objectType: 'Agent', account: { homePage: config.baseUrl, name } },
    verb: { id: 'http://adlnet.gov/expapi/verbs/completed', display: { 'en-US': 'completed' } },
    object: { objectType: 'Activity', id: `${config.baseUrl}/listings/${listing}` },
    timestamp: '2027-03-03T10:00:00Z',
  });
  const refused = await app.inject({
    method: 'POST',
    url: '/api/vendor/v1/xapi/statements',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'x-experience-api-version': '1.0.3' },
    payload: JSON.stringify([statement(subject), statement('someone-who-never-launched-it')]),
  });
  assert.ok(refused.statusCode >= 400, refused.body);
  assert.equal((await outbound('activity.completed')).length, before + 1, 'nothing told for what was rolled back');
});

test('a sign-up to a local offer tells the offer’s municipality (local-offer.sign-up), once', async () => {
  const offerId = '00000000-0000-4000-a000-000000000101';
  const citizen = await citizenSession('101');
  const page = `/borger/markedsplads/lokale-tilbud/${offerId}`;
  const before = (await outbound('local-offer.sign-up')).length;
  const signedUp = await forms.post(citizen.token, page, `${page}/tilmeld`);
  assert.equal(signedUp.statusCode, 303);
  assert.match(signedUp.headers.location ?? '', /tilmelding=signed_up/);
  const again = await forms.post(citizen.token, page, `${page}/tilmeld`);
  assert.match(again.headers.location ?? '', /tilmelding=already/);
  const told = await outbound('local-offer.sign-up');
  assert.equal(told.length, before + 1, 'signing up again tells nothing new');
  assert.deepEqual(told.at(-1)?.data, { offerId });
  assert.equal(told.at(-1)?.citizen_id, citizen.id);
});

test('the launch that leaves 10 % of a licence’s seats or fewer tells the municipality (licence.seats-low), once per crossing', async () => {
  // København's demo licence (curation seed), made 10 seats with 8 taken: the 9th seat leaves 1 (10 %).
  const licenceId = '00000000-0000-4000-a000-000000000201';
  const licence = await db.selectFrom('licence').select(['listing_id']).where('id', '=', licenceId).executeTakeFirstOrThrow();
  await db.updateTable('licence').set({ seats: 10 }).where('id', '=', licenceId).execute();
  const taken = (await db.selectFrom('licence_seat').select('citizen_id').where('licence_id', '=', licenceId).execute()).length;
  assert.ok(taken <= 8, `the demo has ${taken} seats taken`);
  for (let i = taken; i < 8; i++) {
    const holder = await createCitizen(db, { municipalityCode: '101' });
    await db.insertInto('licence_seat').values({ licence_id: licenceId, citizen_id: holder.id, municipality_code: '101' }).execute();
  }
  const start = (token: string) => forms.post(token, `/borger/markedsplads/${licence.listing_id}`, `/borger/markedsplads/${licence.listing_id}/start`);
  const [ninth, tenth] = [await citizenSession('101'), await citizenSession('101')];

  assert.equal((await start(ninth.token)).statusCode, 303);
  let told = await outbound('licence.seats-low');
  assert.equal(told.length, 1, 'the seat that crossed the line told');
  assert.deepEqual(told[0]?.data, { licenceId, listingId: licence.listing_id, seats: 10, seatsLeft: 1 });
  assert.equal(told[0]?.citizen_id, null, 'no citizen is named');

  assert.equal((await start(ninth.token)).statusCode, 303, 'a relaunch keeps its seat');
  assert.equal((await start(tenth.token)).statusCode, 303, 'the last seat');
  told = await outbound('licence.seats-low');
  assert.equal(told.length, 1, 'below the line, later seats do not tell again');
});
