// The citizen's timeline is kept rendered per citizen in each process (timeline.pages.ts). A new event from a vendor's
// service shows on the very next request of the same process, and within a second in a second process of the
// platform on the same database (the ingest announces the citizen's change in its transaction); so does a Joblog
// registration, whose writer the database's trigger (0076) announces for.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import pg from 'pg';
import { pairwiseSubject } from '../src/platform/crypto/pairwise.ts';
import { createTestApp } from './support/app.ts';
import { createApiClient } from '../src/modules/vendors/vendors.credentials.ts';
import { createCitizen, createSession, principalFor } from './support/factories.ts';

const env = { RATE_LIMIT_FORMS_PER_MINUTE: '100000', RATE_LIMIT_API_PER_MINUTE: '100000' };
const first = await createTestApp({ env });
// Another process of the platform: its own app, pools, bus and LISTEN connection, on the first one's database.
const second = await createTestApp({ database: first, env });
const { db, config } = first;

const vendor = await db.selectFrom('vendor').select(['id', 'cvr', 'name']).where('cvr', '=', '39000008').executeTakeFirstOrThrow();
const client = await createApiClient(db, { ...principalFor('vendor_admin'), vendor: { cvr: vendor.cvr, name: vendor.name } }, { name: 'Tidslinje-cache' });
assert.ok(client.created);
const token = await first.app.inject({
  method: 'POST',
  url: '/api/vendor/v1/token',
  headers: {
    authorization: `Basic ${Buffer.from(`${client.created.clientId}:${client.created.clientSecret}`).toString('base64')}`,
    'content-type': 'application/x-www-form-urlencoded',
  },
  payload: 'grant_type=client_credentials',
});
assert.equal(token.statusCode, 200, token.body);
const bearer = token.json<{ access_token: string }>().access_token;

const { id: listing } = await db.insertInto('listing').values({ vendor_id: vendor.id }).returning('id').executeTakeFirstOrThrow();

async function citizenWithTimeline() {
  const citizen = await createCitizen(db, { municipalityCode: '101' });
  await db
    .insertInto('listing_launch')
    .values({ citizen_id: citizen.id, municipality_code: '101', listing_id: listing, version: 1, outcome: 'launched' })
    .execute();
  const session = await createSession(db, { ...principalFor('citizen', { municipalityCode: '101', citizenId: citizen.id }), name: citizen.name });
  return { ...citizen, cookie: `jobunivers-session=${session}` };
}

async function sendApplication(citizenId: string, jobTitle: string): Promise<void> {
  const response = await first.app.inject({
    method: 'POST',
    url: '/api/vendor/v1/events',
    headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/cloudevents+json' },
    payload: JSON.stringify({
      specversion: '1.0',
      id: randomUUID(),
      source: `/listings/${listing}`,
      type: 'dk.jobunivers.activity.application-sent',
      subject: pairwiseSubject(config, vendor.id, citizenId),
      time: new Date().toISOString(),
      data: { jobTitle, employer: 'Cache ApS', appliedOn: '2027-03-01' },
    }),
  });
  assert.equal(response.statusCode, 202, response.body);
}

async function timeline(app: FastifyInstance, cookie: string): Promise<string> {
  const response = await app.inject({ url: '/borger/tidslinje', headers: { cookie } });
  assert.equal(response.statusCode, 200);
  return response.body;
}

async function eventually(app: FastifyInstance, cookie: string, text: string): Promise<number> {
  const started = Date.now();
  while (!(await timeline(app, cookie)).includes(text)) {
    assert.ok(Date.now() - started < 1000, `"${text}" did not show within a second`);
    await sleep(20);
  }
  return Date.now() - started;
}

test('both processes keep the timeline (a write nobody announces is not seen while it is kept)', async () => {
  const citizen = await citizenWithTimeline();
  await sendApplication(citizen.id, 'Lagerchef');
  assert.match(await timeline(first.app, citizen.cookie), /Lagerchef/);
  assert.match(await timeline(second.app, citizen.cookie), /Lagerchef/);
  // A row written with the triggers off and no announcement: only a kept page explains not seeing it.
  await db.transaction().execute(async (trx) => {
    await sql`set local session_replication_role = replica`.execute(trx);
    await trx
      .insertInto('activity_event')
      .values({
        vendor_id: vendor.id,
        listing_id: listing,
        citizen_id: citizen.id,
        municipality_code: '101',
        event_id: randomUUID(),
        type: 'dk.jobunivers.activity.application-sent',
        occurred_at: new Date(),
        data: JSON.stringify({ jobTitle: 'Ubemærket', employer: 'Skjult ApS', appliedOn: '2027-03-01' }),
        body_hash: Buffer.alloc(32, 1),
        received_via: 'cloudevents',
      })
      .execute();
  });
  assert.doesNotMatch(await timeline(first.app, citizen.cookie), /Ubemærket/);
  assert.doesNotMatch(await timeline(second.app, citizen.cookie), /Ubemærket/);
});

test('a new event shows on the next request of the same process and within a second in another process', async () => {
  const citizen = await citizenWithTimeline();
  await sendApplication(citizen.id, 'Truckfører');
  assert.match(await timeline(first.app, citizen.cookie), /Truckfører/);
  assert.match(await timeline(second.app, citizen.cookie), /Truckfører/);
  await sendApplication(citizen.id, 'Pakkeriassistent');
  assert.match(await timeline(first.app, citizen.cookie), /Pakkeriassistent/);
  await eventually(second.app, citizen.cookie, 'Pakkeriassistent');
});

test('a Joblog registration (announced by the database) shows in both processes within a second', async () => {
  const citizen = await citizenWithTimeline();
  assert.doesNotMatch(await timeline(first.app, citizen.cookie), /Håndindtastet/);
  assert.doesNotMatch(await timeline(second.app, citizen.cookie), /Håndindtastet/);
  await db
    .insertInto('joblog_registration')
    .values({
      citizen_id: citizen.id,
      municipality_code: '101',
      source: 'manual',
      kind: 'application',
      job_title: 'Håndindtastet job',
      employer: 'Manuel ApS',
      activity_on: '2027-03-01',
      basis: 'consent',
    })
    .execute();
  await eventually(first.app, citizen.cookie, 'Håndindtastet job');
  await eventually(second.app, citizen.cookie, 'Håndindtastet job');
});

test('one statement touching 250 citizens’ plans is announced for every one of them (notifications under 8,000 bytes)', async () => {
  const citizens = await Promise.all(Array.from({ length: 250 }, (_, i) => createCitizen(db, { municipalityCode: '101', name: `Mange ${i}` })));
  const listener = new pg.Client({ connectionString: first.url });
  await listener.connect();
  const heard = new Set<string>();
  listener.on('notification', (message) => {
    const envelope = JSON.parse(message.payload ?? '{}') as { name?: string; changes?: { citizenId: string }[] };
    if (envelope.name === 'citizenChanged') for (const change of envelope.changes ?? []) heard.add(change.citizenId);
  });
  await listener.query('listen jobunivers_changes');
  try {
    await db
      .insertInto('plan_activity')
      .values(
        citizens.map((c) => ({
          citizen_id: c.id,
          municipality_code: '101',
          source: 'chosen' as const,
          title: 'Fælles workshop',
          created_by: 'test',
          created_by_name: 'Test',
        })),
      )
      .execute();
    for (let i = 0; i < 50 && heard.size < citizens.length; i++) await sleep(20);
    assert.equal(citizens.filter((c) => heard.has(c.id)).length, 250);
  } finally {
    await listener.end();
  }
});
