// Min Log without noise: a caseworker who reloads a citizen's page reads the same data for the same purpose again;
// within 10 minutes of the first read that is one entry with a count and the last time, not a line per reload.
// Nothing is dropped (the count says how many reads), a new purpose, another actor or a change is a new entry, and
// the log stays append-only for the app's role: only the database function may bump a count, and only of an entry
// in the caller's own municipality.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { sql } from 'kysely';
import { createDatabase } from '../src/platform/db/database.ts';
import { withTenant } from '../src/platform/db/tenant.ts';
import { createTestApp, signedInForms } from './support/app.ts';
import { createCitizen, createMunicipality, createSession, principalFor } from './support/factories.ts';

const { app, db, url } = await createTestApp({ env: { RATE_LIMIT_FORMS_PER_MINUTE: '100000' } });
const { db: appDb } = createDatabase({ url, poolMax: 2, asAppRole: true });
after(() => appDb.destroy());

const home = await createMunicipality(db, { name: 'Gentofteby' });
const other = await createMunicipality(db, { name: 'Hedeby' });
const caseworkerPrincipal = {
  ...principalFor('caseworker', { municipalityCode: home.code }),
  name: 'Anne Kofoed',
  municipality: { code: home.code, name: 'Gentofteby' },
};
const caseworker = await createSession(db, caseworkerPrincipal);
const colleague = await createSession(db, {
  ...principalFor('caseworker', { municipalityCode: home.code }),
  name: 'Peter Holm',
  municipality: { code: home.code, name: 'Gentofteby' },
});
const { open } = signedInForms(app);

const readJourney = (token: string, citizenId: string, purpose: string) =>
  open(token, `/medarbejder/borgere/${citizenId}?purpose=${encodeURIComponent(purpose)}`);
const logOf = (citizenId: string) =>
  db
    .selectFrom('access_log')
    .select(['id', 'actor_name', 'action', 'purpose', 'count', 'occurred_at', 'last_at'])
    .where('citizen_id', '=', citizenId)
    .orderBy('id')
    .execute();

test('three reads by the same caseworker for the same purpose are one entry with count 3; Min Log says so', async () => {
  const citizen = await createCitizen(db, { municipalityCode: home.code, name: 'Rikke Gentagelse' });
  for (let i = 0; i < 3; i++) assert.equal((await readJourney(caseworker, citizen.id, 'Forberedelse af samtale')).statusCode, 200);

  const entries = await logOf(citizen.id);
  assert.equal(entries.length, 1, 'one entry, not one per reload');
  assert.equal(entries[0]?.count, 3, 'nothing dropped: the count says how many reads');
  assert.ok((entries[0]?.last_at.getTime() ?? 0) >= (entries[0]?.occurred_at.getTime() ?? Infinity), 'the last read is kept');

  const token = await createSession(db, { ...principalFor('citizen', { municipalityCode: home.code, citizenId: citizen.id }), name: citizen.name });
  const minLog = await open(token, '/borger/min-log');
  assert.equal(minLog.statusCode, 200);
  const last = new Intl.DateTimeFormat('da-DK', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Copenhagen' }).format(entries[0]?.last_at);
  assert.match(minLog.body, new RegExp(`Læst 3 gange, senest ${last.replace('.', '\\.')}`));
  const english = await app.inject({ url: '/borger/min-log', headers: { cookie: `jobunivers-session=${token}; lang=en` } });
  assert.match(english.body, /Read 3 times, last at /);
});

test('another purpose, another caseworker or a read after 10 minutes is a new entry; changes are never merged', async () => {
  const citizen = await createCitizen(db, { municipalityCode: home.code, name: 'Sune Nyt Formål' });
  await readJourney(caseworker, citizen.id, 'Forberedelse af samtale');
  await readJourney(caseworker, citizen.id, 'Telefonsamtale med borgeren');
  await readJourney(colleague, citizen.id, 'Forberedelse af samtale');
  assert.deepEqual(
    (await logOf(citizen.id)).map((e) => [e.actor_name, e.purpose, e.count]),
    [
      ['Anne Kofoed', 'Forberedelse af samtale', 1],
      ['Anne Kofoed', 'Telefonsamtale med borgeren', 1],
      ['Peter Holm', 'Forberedelse af samtale', 1],
    ],
  );

  // Eleven minutes later (the entry is aged, not slept for): the same read starts a new entry.
  await sql`update access_log set occurred_at = occurred_at - interval '11 minutes', last_at = last_at - interval '11 minutes' where citizen_id = ${citizen.id}`.execute(
    db,
  );
  await readJourney(caseworker, citizen.id, 'Forberedelse af samtale');
  await readJourney(caseworker, citizen.id, 'Forberedelse af samtale');
  const entries = await logOf(citizen.id);
  assert.equal(entries.length, 4);
  assert.deepEqual([entries[3]?.purpose, entries[3]?.count], ['Forberedelse af samtale', 2]);
  assert.equal(entries[0]?.count, 1, 'the old entry is left as it was');

  // A change is its own entry every time: the citizen sees each one.
  const post = signedInForms(app).post;
  for (let i = 0; i < 2; i++) {
    await post(caseworker, `/medarbejder/borgere/${citizen.id}?purpose=Opf%C3%B8lgning`, `/medarbejder/borgere/${citizen.id}`, {
      purpose: 'Opfølgning',
      action: 'set_target_group',
      targetGroup: 'job_ready',
    });
  }
  const changes = (await logOf(citizen.id)).filter((e) => e.action === 'change');
  assert.equal(changes.length, 2, 'each change is its own entry');
  assert.ok(
    changes.every((e) => e.count === 1),
    'changes are not counted together',
  );
});

test('concurrent reloads end in one entry with every read counted', async () => {
  const citizen = await createCitizen(db, { municipalityCode: home.code, name: 'Tove Samtidig' });
  const answers = await Promise.all(Array.from({ length: 6 }, () => readJourney(caseworker, citizen.id, 'Forberedelse af samtale')));
  assert.ok(answers.every((a) => a.statusCode === 200));
  const entries = await logOf(citizen.id);
  assert.deepEqual(
    entries.map((e) => e.count),
    [6],
  );
});

test('the log stays append-only for the app: no UPDATE, and the counting function only bumps entries of its own tenant', async () => {
  const citizen = await createCitizen(db, { municipalityCode: home.code, name: 'Ulla Uforandret' });
  await readJourney(caseworker, citizen.id, 'Forberedelse af samtale');
  await assert.rejects(sql`update access_log set count = 99`.execute(appDb), /permission denied/);

  const entry = {
    citizen: citizen.id,
    municipality: home.code,
    subject: caseworkerPrincipal.subject,
  };
  const call = (trx: Parameters<Parameters<typeof withTenant>[2]>[0]) =>
    sql`select record_citizen_access(${entry.citizen}::uuid, ${entry.municipality}, ${entry.subject}, 'Anne Kofoed', null, 'caseworker', 'Gentofteby Kommune', 'read', 'journey', 'Forberedelse af samtale', 'stated', '{}'::jsonb)`.execute(
      trx,
    );
  // Another municipality's caseworker cannot bump (or add to) this citizen's log through the function.
  await assert.rejects(withTenant(appDb, { organisation: `kommune-${other.code}` }, call), /not responsible for the citizen/);
  await assert.rejects(withTenant(appDb, { municipality: other.code }, call), /not responsible for the citizen/);
  // Nor can anyone without a tenant.
  await assert.rejects(withTenant(appDb, {}, call), /not responsible for the citizen/);
  assert.deepEqual(
    (await logOf(citizen.id)).map((e) => e.count),
    [1],
  );
  await withTenant(appDb, { municipality: home.code }, call);
  assert.deepEqual(
    (await logOf(citizen.id)).map((e) => e.count),
    [2],
  );
});
