// Sessions are kept in memory between requests; these tests make sure a session that ends stops working at once,
// whichever way it ends.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'node:test';
import { sql } from 'kysely';
import { cookiesFrom, createTestApp, csrfTokenIn } from './support/app.ts';
import { createCitizen, createSession, principalFor } from './support/factories.ts';

const { app, db } = await createTestApp();
const citizen = await createCitizen(db, { municipalityCode: '101' });

const open = (token: string) => app.inject({ url: '/borger/min-log', headers: { cookie: `jobunivers-session=${token}` } });
const tokenHash = (token: string) => createHash('sha256').update(token).digest();
/** Breaks the stored principal of one session; a change the database tells nobody about (no notification). */
const breakStoredPrincipal = (token: string) => sql`update session set principal = '{}'::jsonb where token_hash = ${tokenHash(token)}`.execute(db);

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
  await breakStoredPrincipal(token);
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

test('a session past its lifetime is not served from memory', async (t) => {
  const token = await createSession(db, principalFor('citizen', { municipalityCode: '101', citizenId: citizen.id }), { lifetimeSeconds: 10 });
  const { expires_at: expiresAt } = await db.selectFrom('session').select('expires_at').where('token_hash', '=', tokenHash(token)).executeTakeFirstOrThrow();
  assert.equal((await open(token)).statusCode, 200, 'read, and kept in memory, with 10 s left');
  // The app's clock moves on to the end of the lifetime (within the memory's own limits of 30 s and the idle time),
  // and the stored session is broken, so only a request served from memory could still open the page.
  await breakStoredPrincipal(token);
  t.mock.timers.enable({ apis: ['Date'], now: expiresAt.getTime() });
  assert.equal((await open(token)).statusCode, 303, 'its lifetime ended while it was in memory: refused');
});
