// Joblog without double registration (issue 15): a vendor's application-sent event, forwarded by the sweep, retried
// three times — once after DFDG already took it (412) — is one entry in Joblog; nothing is forwarded without the
// citizen's agreement; the citizen's own entries go through a form with field messages, once per form.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, test } from 'node:test';
import { createDatabase } from '../src/platform/db/database.ts';
import { createLogger } from '../src/platform/logger.ts';
import { createJoblogClient } from '../src/modules/vendor-data/index.ts';
import { sweepJoblog } from '../src/modules/joblog/index.ts';
import { createTestApp, csrfTokenIn, cookiesFrom, signedInForms } from './support/app.ts';
import { createCitizen, createMunicipality, createSession, principalFor, insertActivityEvent } from './support/factories.ts';

// Listening: the forwarding speaks HTTP to the DFDG simulator this app serves, as it would to DFDG.
const { app, db, url, config } = await createTestApp({ listen: true, env: { RATE_LIMIT_FORMS_PER_MINUTE: '100000' } });
const { db: appDb } = createDatabase({ url, poolMax: 2, asAppRole: true });
after(() => appDb.destroy());
const logger = createLogger({ level: 'silent' });
const deps = { db: appDb, config, logger };
const { open, post } = signedInForms(app);

const home = await createMunicipality(db, { name: 'Logby' });
const listingId = '00000000-0000-4000-9000-000000000003';
const vendorId = (await db.selectFrom('listing').select('vendor_id').where('id', '=', listingId).executeTakeFirstOrThrow()).vendor_id;

async function citizenSession(name: string) {
  const citizen = await createCitizen(db, { municipalityCode: home.code, name });
  const token = await createSession(db, { ...principalFor('citizen', { municipalityCode: home.code, citizenId: citizen.id }), name });
  return { ...citizen, token };
}

function insertEvent(citizenId: string, type: 'application-sent' | 'meeting-held', data: object) {
  return insertActivityEvent(db, { vendorId, listingId, citizenId, municipalityCode: home.code, type, data });
}

/** What the DFDG simulator holds in a citizen's Joblog. */
async function joblogAtDfdg(cpr: string): Promise<{ requestId: string; stilling: string | null; arbejdsgiver: string }[]> {
  const response = await fetch(`${config.integrations.dfdgUrl}/v1/joblog`, { headers: { 'x-cpr': cpr } });
  return ((await response.json()) as { aktiviteter: { requestId: string; stilling: string | null; arbejdsgiver: string }[] }).aktiviteter;
}

const agree = (token: string) => post(token, '/borger/joblog', '/borger/joblog/samtykke');
const registrationsOf = (citizenId: string) =>
  db
    .selectFrom('joblog_registration')
    .select(['id', 'status', 'attempts', 'request_id', 'event_id', 'registered_at'])
    .where('citizen_id', '=', citizenId)
    .execute();

test('the DFDG simulator registers an x-requestId once: a replay answers 412 and creates nothing', async () => {
  const cpr = '0101901234';
  const requestId = randomUUID();
  const send = () =>
    fetch(`${config.integrations.dfdgUrl}/v1/joblog`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-cpr': cpr, 'x-requestId': requestId },
      body: JSON.stringify({ aktivitet: 'jobansoegning', stilling: 'Kok', arbejdsgiver: 'Kantinen', dato: '2026-11-02' }),
    });
  assert.equal((await send()).status, 201);
  assert.equal((await send()).status, 412);
  assert.deepEqual(
    (await joblogAtDfdg(cpr)).map((e) => e.requestId),
    [requestId],
  );
});

test('an application-sent event retried three times (once after DFDG took it: 412) creates one Joblog entry', async () => {
  const citizen = await citizenSession('Lea Log');
  assert.equal((await agree(citizen.token)).statusCode, 303);
  const eventId = await insertEvent(citizen.id, 'application-sent', { jobTitle: 'Lagermedarbejder', employer: 'Nordlager A/S', appliedOn: '2026-11-30' });

  // 1: DFDG does not answer; the registration waits for another try.
  const down = { ...deps, joblog: createJoblogClient({ integrations: { ...config.integrations, dfdgUrl: 'http://127.0.0.1:9/dfdg' } }) };
  assert.deepEqual(await sweepJoblog(down), { pickedUp: 1, tried: 1 });
  const [pending] = await registrationsOf(citizen.id);
  assert.ok(pending);
  assert.deepEqual([pending.status, pending.attempts, pending.event_id], ['pending', 1, eventId]);
  assert.deepEqual(await sweepJoblog(deps), { pickedUp: 0, tried: 0 }, 'the event is picked up once, and not tried again before its pause is over');

  // DFDG took the first try after all (its answer was lost).
  const lost = await fetch(`${config.integrations.dfdgUrl}/v1/joblog`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-cpr': citizen.cpr, 'x-requestId': pending.request_id },
    body: JSON.stringify({ aktivitet: 'jobansoegning', stilling: 'Lagermedarbejder', arbejdsgiver: 'Nordlager A/S', dato: '2026-11-30' }),
  });
  assert.equal(lost.status, 201);

  // 2: due again; DFDG answers 412 for the same x-requestId: registered, not again.
  await db
    .updateTable('joblog_registration')
    .set({ next_attempt_at: new Date(Date.now() - 1000) })
    .where('id', '=', pending.id)
    .execute();
  assert.deepEqual(await sweepJoblog(deps), { pickedUp: 0, tried: 1 });
  const [registered] = await registrationsOf(citizen.id);
  assert.equal(registered?.status, 'registered');
  assert.ok(registered?.registered_at);

  // 3: as if the process died before recording it: pending again, sent again with the same request id.
  await db.updateTable('joblog_registration').set({ status: 'pending', registered_at: null }).where('id', '=', pending.id).execute();
  assert.deepEqual(await sweepJoblog(deps), { pickedUp: 0, tried: 1 });

  const atDfdg = await joblogAtDfdg(citizen.cpr);
  assert.equal(atDfdg.length, 1, 'one Joblog entry');
  assert.deepEqual(
    atDfdg.map((e) => [e.requestId, e.stilling, e.arbejdsgiver]),
    [[pending.request_id, 'Lagermedarbejder', 'Nordlager A/S']],
  );
  const rows = await registrationsOf(citizen.id);
  assert.deepEqual(
    rows.map((r) => [r.status, r.attempts]),
    [['registered', 3]],
  );

  const timeline = await open(citizen.token, '/borger/tidslinje');
  assert.match(timeline.body, /Registreret i Joblog \d+\. \w+ \d{4} kl\. \d{2}\.\d{2}/, 'the timeline says when it landed in Joblog');
});

test('without the citizen’s agreement nothing is forwarded; after a withdrawal, what waited is not sent', async () => {
  const citizen = await citizenSession('Max Nej');
  await insertEvent(citizen.id, 'meeting-held', { employer: 'Byg & Co', heldOn: '2026-11-20', kind: 'job-interview' });
  await sweepJoblog(deps);
  assert.deepEqual(await registrationsOf(citizen.id), [], 'no agreement: nothing picked up');

  // An agreement covers what arrives from then on, not what came before.
  await agree(citizen.token);
  await sweepJoblog(deps);
  assert.deepEqual(await registrationsOf(citizen.id), [], 'an event from before the agreement is not forwarded');

  const down = { ...deps, joblog: createJoblogClient({ integrations: { ...config.integrations, dfdgUrl: 'http://127.0.0.1:9/dfdg' } }) };
  await insertEvent(citizen.id, 'meeting-held', { employer: 'Byg & Co', heldOn: '2026-12-01', kind: 'network' });
  await sweepJoblog(down);
  assert.deepEqual(
    (await registrationsOf(citizen.id)).map((r) => r.status),
    ['pending'],
  );
  assert.equal((await post(citizen.token, '/borger/joblog', '/borger/joblog/samtykke/tilbagekald')).statusCode, 303);
  assert.deepEqual(
    (await registrationsOf(citizen.id)).map((r) => r.status),
    ['cancelled'],
  );
  await db
    .updateTable('joblog_registration')
    .set({ next_attempt_at: new Date(Date.now() - 1000) })
    .where('citizen_id', '=', citizen.id)
    .execute();
  await sweepJoblog(deps);
  assert.deepEqual(await joblogAtDfdg(citizen.cpr), [], 'nothing reached Joblog');
});

test('the citizen’s own Joblog entry: field messages with what was typed, nothing written, and once per form', async () => {
  const citizen = await citizenSession('Sif Selv');
  const before = await open(citizen.token, '/borger/joblog');
  assert.equal(before.statusCode, 200);
  assert.doesNotMatch(before.body, /name="employer"/, 'no entry form before the citizen agreed');
  assert.equal(
    (
      await post(citizen.token, '/borger/joblog', '/borger/joblog', {
        kind: 'network',
        employer: 'X',
        activityOnDay: '1',
        activityOnMonth: '11',
        activityOnYear: '2026',
      })
    ).statusCode,
    409,
  );

  await agree(citizen.token);
  const empty = await post(citizen.token, '/borger/joblog', '/borger/joblog', { kind: 'application', employer: ' ', jobTitle: '' });
  assert.equal(empty.statusCode, 400);
  for (const field of ['jobTitle', 'employer', 'activityOn']) assert.match(empty.body, new RegExp(`id="field-${field}-error"`), `a message at ${field}`);
  const future = await post(citizen.token, '/borger/joblog', '/borger/joblog', {
    kind: 'network',
    employer: 'Fremtid ApS',
    activityOnDay: '1',
    activityOnMonth: '1',
    activityOnYear: String(new Date().getFullYear() + 1),
  });
  assert.equal(future.statusCode, 400);
  assert.match(future.body, /Datoen må ikke ligge ude i fremtiden\./);
  assert.match(future.body, /value="Fremtid ApS"/, 'what was typed is shown again');
  assert.deepEqual(await registrationsOf(citizen.id), [], 'nothing written on bad input');

  // The same form submitted twice (a double click, Back and again): one registration.
  const page = await open(citizen.token, '/borger/joblog');
  const skema = /name="_skema" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
  const fields = {
    _csrf: csrfTokenIn(page.body),
    _skema: skema,
    kind: 'application',
    jobTitle: 'Kok',
    employer: 'Kantinen i Domicilet',
    activityOnDay: '2',
    activityOnMonth: '11',
    activityOnYear: '2026',
  };
  const submit = () =>
    app.inject({
      method: 'POST',
      url: '/borger/joblog',
      headers: { cookie: `${cookiesFrom(page)}; jobunivers-session=${citizen.token}`, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams(fields).toString(),
    });
  assert.equal((await submit()).statusCode, 303);
  assert.equal((await submit()).statusCode, 303);
  assert.equal((await registrationsOf(citizen.id)).length, 1, 'one registration for one form');
  await sweepJoblog(deps);
  assert.deepEqual(
    (await joblogAtDfdg(citizen.cpr)).map((e) => [e.stilling, e.arbejdsgiver]),
    [['Kok', 'Kantinen i Domicilet']],
  );
  const listed = await open(citizen.token, '/borger/joblog');
  assert.match(listed.body, /Registreret i Joblog/);
  const timeline = await open(citizen.token, '/borger/tidslinje');
  assert.match(timeline.body, /Du skrev en ansøgning ind i din joblog: Kok hos Kantinen i Domicilet/);
});
