// Sessions are kept in memory between requests; these tests make sure a session that ends stops working at once,
// whichever way it ends.
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'node:test';
import { sql } from 'kysely';
import { cookiesFrom, createTestApp, csrfTokenIn } from './support/app.ts';
import { createCitizen, createSession, principalFor } from './support/factories.ts';

const { app, db } = await createTestApp();
const citizen = await createCitizen(db, { municipalityCode: '101' });

const open = (token: string) => app.inject({ url: '/borger/min-log', headers: { cookie: `jobunivers-session=${token}` } });

/** Polls until the page no longer opens (the notification from the database has arrived), for at most a second. */
async function refusedWithinASecond(token: string): Promise<boolean> {
  for (let i = 0; i < 50; i++) {
    if ((await open(token)).statusCode === 303) return true;
    await sleep(20);
  }
  return false;
}

test('a session read once is served from memory: the database is not asked again for a while', async () => {
  const token = await createSession(db, principalFor('citizen', { municipalityCode: '101', citizenId: citizen.id }));
  assert.equal((await open(token)).statusCode, 200);
  // Break the stored principal: a request served from memory does not notice.
  await sql`update session set principal = '{}'::jsonb`.execute(db);
  assert.equal((await open(token)).statusCode, 200);
});

test('signing out in this process ends the session before the answer goes out', async () => {
  const token = await createSession(db, principalFor('citizen', { municipalityCode: '101', citizenId: citizen.id }));
  const page = await open(token);
  assert.equal(page.statusCode, 200);
  const out = await app.inject({
    method: 'POST',
    url: '/log-af',
    headers: { cookie: `${cookiesFrom(page)}; jobunivers-session=${token}`, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ _csrf: csrfTokenIn(page.body) }).toString(),
  });
  assert.ok([302, 303].includes(out.statusCode), String(out.statusCode));
  assert.equal((await open(token)).statusCode, 303, 'the very next request is sent to sign in');
});

test('a session ended elsewhere (another process, the pruning job) is forgotten as soon as the database says so', async () => {
  const token = await createSession(db, principalFor('citizen', { municipalityCode: '101', citizenId: citizen.id }));
  assert.equal((await open(token)).statusCode, 200);
  await sql`delete from session where principal->>'citizenId' = ${citizen.id}`.execute(db);
  assert.ok(await refusedWithinASecond(token));
});

test('a session past its lifetime is not served from memory', async () => {
  const token = await createSession(db, principalFor('citizen', { municipalityCode: '101', citizenId: citizen.id }));
  await sql`update session set expires_at = now() + interval '300 milliseconds' where principal->>'citizenId' = ${citizen.id}`.execute(db);
  assert.equal((await open(token)).statusCode, 200, 'read, and kept in memory, with 300 ms left');
  await sleep(400);
  assert.equal((await open(token)).statusCode, 303, 'its lifetime ended while it was in memory: refused');
});
