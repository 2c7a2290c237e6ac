// The change bus (src/platform/changes.ts): subscribers act on committed changes only; a change announced in a
// transaction reaches other processes' buses at commit and never on rollback; a citizen's withdrawal is published
// as consentWithdrawn, which sso answers by revoking the vendor's grants and tokens before the citizen is answered,
// and which another process hears too.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, test } from 'node:test';
import { announceChange, createChangeBus, listenForChanges, type Change, type ChangeBus, type ChangeName, type ChangeOrigin } from '../src/platform/changes.ts';
import { createLogger } from '../src/platform/logger.ts';
import { createTestApp, csrfPairFor } from './support/app.ts';
import { CONSENT_SCREEN_PATH, consentScreenRoutes, createConsentListing } from './support/consent.ts';
import { createCitizen, createSession, principalFor } from './support/factories.ts';

const { app, db, pool } = await createTestApp({
  env: { RATE_LIMIT_FORMS_PER_MINUTE: '100000', RATE_LIMIT_API_PER_MINUTE: '100000' },
  extraRoutes: [consentScreenRoutes],
});
const silent = createLogger({ level: 'silent' });

/** A bus as another process has one: its own LISTEN connection on the same database. */
async function busOfAnotherProcess(): Promise<ChangeBus> {
  const bus = createChangeBus({ logger: silent });
  const listener = await listenForChanges(bus, { connection: pool.options, logger: silent });
  after(() => listener.stop());
  return bus;
}

/** Collects what a bus hears of one change; `next()` resolves with the next one (no sleeping and hoping). */
function collect<N extends ChangeName>(bus: ChangeBus, name: N) {
  const heard: { change: Change<N>; origin: ChangeOrigin }[] = [];
  const waiting: (() => void)[] = [];
  bus.subscribe(name, (change, origin) => {
    heard.push({ change, origin });
    waiting.splice(0).forEach((wake) => wake());
  });
  return {
    heard,
    next: (count: number) =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`heard ${heard.length} of ${count} changes`)), 5_000);
        const check = () => (heard.length >= count ? (clearTimeout(timer), resolve()) : waiting.push(check));
        check();
      }),
  };
}

const citizenId = () => randomUUID();

test('publish waits for every subscriber; one that fails is logged, not thrown, and does not stop the others', async () => {
  const errors: unknown[] = [];
  const bus = createChangeBus({ logger: { warn: () => undefined, error: (entry: unknown) => void errors.push(entry) } });
  const done: string[] = [];
  bus.subscribe('citizenChanged', async ({ citizenId }) => {
    await new Promise((resolve) => setImmediate(resolve));
    done.push(citizenId);
  });
  bus.subscribe('citizenChanged', () => {
    throw new Error('subscriber broke');
  });
  const stop = bus.subscribe('citizenChanged', ({ citizenId }) => void done.push(`second:${citizenId}`));
  const id = citizenId();
  await bus.publish('citizenChanged', { citizenId: id });
  assert.deepEqual(done.sort(), [id, `second:${id}`].sort(), 'both working subscribers ran before publish resolved');
  assert.equal(errors.length, 1, 'the failing subscriber was logged');
  stop();
  await bus.publish('citizenChanged', { citizenId: id });
  assert.equal(done.filter((entry) => entry.startsWith('second:')).length, 1, 'a stopped subscriber hears nothing more');
});

test('a bus ignores its own announcements and what is not a well-formed change', async () => {
  const bus = createChangeBus({ logger: silent });
  const { heard } = collect(bus, 'citizenChanged');
  const id = citizenId();
  await bus.receive(JSON.stringify({ origin: bus.id, name: 'citizenChanged', change: { citizenId: id } }));
  await bus.receive('not json');
  await bus.receive(JSON.stringify({ origin: 'other', name: 'noSuchChange', change: {} }));
  await bus.receive(JSON.stringify({ origin: 'other', name: 'citizenChanged', change: { citizenId: 'not-a-uuid' } }));
  assert.deepEqual(heard, []);
  await bus.receive(JSON.stringify({ origin: 'other', name: 'citizenChanged', change: { citizenId: id } }));
  assert.deepEqual(heard, [{ change: { citizenId: id }, origin: 'another-process' }]);
});

test('a change announced in a transaction reaches another process at commit, never on rollback, and not its own bus', async () => {
  const writer = createChangeBus({ logger: silent });
  const writerListener = await listenForChanges(writer, { connection: pool.options, logger: silent });
  after(() => writerListener.stop());
  const own = collect(writer, 'citizenChanged');
  const other = collect(await busOfAnotherProcess(), 'citizenChanged');
  const [rolledBack, committed, fromElsewhere] = [citizenId(), citizenId(), citizenId()];

  await assert.rejects(
    db.transaction().execute(async (trx) => {
      await announceChange(trx, writer, 'citizenChanged', { citizenId: rolledBack });
      throw new Error('roll back');
    }),
  );
  let heardInsideTransaction = 0;
  await db.transaction().execute(async (trx) => {
    await announceChange(trx, writer, 'citizenChanged', { citizenId: committed });
    // Nobody hears it before the commit.
    await new Promise((resolve) => setTimeout(resolve, 50));
    heardInsideTransaction = other.heard.length;
  });
  assert.equal(heardInsideTransaction, 0);
  // Notifications arrive in commit order: once the committed change is heard, the rolled-back one never will be.
  await other.next(1);
  assert.deepEqual(other.heard, [{ change: { citizenId: committed }, origin: 'another-process' }]);

  // The writer's own listener skips its announcement: a change from a third bus arrives, its own never does.
  await db.transaction().execute((trx) => announceChange(trx, createChangeBus({ logger: silent }), 'citizenChanged', { citizenId: fromElsewhere }));
  await own.next(1);
  assert.deepEqual(own.heard, [{ change: { citizenId: fromElsewhere }, origin: 'another-process' }]);
});

test('a subscriber within the transaction acts on it, and its failure rolls the change back', async () => {
  const bus = createChangeBus({ logger: silent });
  const seen: string[] = [];
  const stop = bus.subscribeWithin('citizenChanged', async ({ citizenId: id }, trx) => {
    // Reads through the writer's transaction: it sees the writer's uncommitted row.
    const row = await trx.selectFrom('municipality').select('code').where('code', '=', '999').executeTakeFirst();
    seen.push(`${id}:${row ? 'sees the write' : 'does not see the write'}`);
    if (id === failing) throw new Error('the reaction failed');
  });
  const failing = citizenId();
  const fine = citizenId();
  const write = (id: string) =>
    db.transaction().execute(async (trx) => {
      await trx
        .insertInto('municipality')
        .values({ code: '999', name: 'Rulletilbage', region_code: '1084' })
        .onConflict((oc) => oc.column('code').doNothing())
        .execute();
      await announceChange(trx, bus, 'citizenChanged', { citizenId: id });
    });
  await assert.rejects(write(failing), /the reaction failed/);
  assert.equal(
    await db.selectFrom('municipality').select('code').where('code', '=', '999').executeTakeFirst(),
    undefined,
    'the change rolled back with its reaction',
  );
  await write(fine);
  assert.ok(await db.selectFrom('municipality').select('code').where('code', '=', '999').executeTakeFirst());
  assert.deepEqual(seen, [`${failing}:sees the write`, `${fine}:sees the write`]);
  stop();
  await db.deleteFrom('municipality').where('code', '=', '999').execute();
});

test('withdrawing consent publishes consentWithdrawn: sso revokes before the answer, and another process hears it', async () => {
  const other = collect(await busOfAnotherProcess(), 'consentWithdrawn');
  const vendor = await db.selectFrom('vendor').select('id').where('cvr', '=', '39000008').executeTakeFirstOrThrow();
  const { listingId } = await createConsentListing(db, {
    vendorId: vendor.id,
    data: [{ category: 'profile', purpose: 'For at tiltale dig ved navn.', legalBasis: 'consent' }],
  });
  const citizen = await createCitizen(db, { municipalityCode: '101' });
  const token = await createSession(db, principalFor('citizen', { municipalityCode: '101', citizenId: citizen.id, nsisLevel: 'Substantial' }));
  const pair = await csrfPairFor(app, token);
  const headers = { cookie: `${pair.cookie}; jobunivers-session=${token}`, accept: 'text/html' };
  const post = (url: string, payload: Record<string, string>) => app.inject({ method: 'POST', url, headers, payload: { _csrf: pair.token, ...payload } });

  assert.equal((await post(`${CONSENT_SCREEN_PATH}/${listingId}`, { decision: 'accepted' })).statusCode, 303);
  const consent = await db
    .selectFrom('consent_record')
    .select('id')
    .where('citizen_id', '=', citizen.id)
    .where('status', '=', 'active')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('oidc_model')
    .values({
      kind: 'AccessToken',
      id: `bus-${randomUUID()}`,
      payload: JSON.stringify({ accountId: citizen.id, clientId: listingId }),
      account_id: citizen.id,
      client_id: listingId,
      expires_at: new Date(Date.now() + 3_600_000),
    })
    .execute();

  const withdrawn = await post(`/borger/samtykker/${consent.id}/traek-tilbage`, { confirm: 'yes' });
  assert.equal(withdrawn.statusCode, 303);
  const left = await db.selectFrom('oidc_model').select('id').where('account_id', '=', citizen.id).execute();
  assert.deepEqual(left, [], 'the vendor’s tokens are gone when the citizen is answered');
  await other.next(1);
  assert.deepEqual(other.heard, [{ change: { citizenId: citizen.id, vendorId: vendor.id, listingId, consentId: consent.id }, origin: 'another-process' }]);
});
