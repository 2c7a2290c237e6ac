// The vendor's change feed (GET /api/vendor/v1/feed): followed from zero with the opaque cursor, it gives each
// outbound event once, in order — also one whose transaction took its sequence number first and committed last.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { recordOutboundEvent } from '../src/modules/webhooks/index.ts';
import { createTestApp, signedInForms } from './support/app.ts';
import { createSession, principalFor } from './support/factories.ts';

const { app, db } = await createTestApp({ env: { RATE_LIMIT_FORMS_PER_MINUTE: '100000', RATE_LIMIT_API_PER_MINUTE: '100000' } });
const admin = await createSession(db, principalFor('vendor_admin'));
const vendor = await db.selectFrom('vendor').select('id').where('cvr', '=', '39000008').executeTakeFirstOrThrow();
const other = await db.selectFrom('vendor').select('id').where('cvr', '!=', '39000008').executeTakeFirstOrThrow();

const token = await signedInForms(app).vendorApiToken(admin, 'Feedlæser');

type Page = { items: { id: string; type: string; time: string; data: Record<string, unknown> }[]; next: string };
async function feed(after: string | undefined, limit = 2): Promise<Page> {
  const query = new URLSearchParams({ limit: String(limit), ...(after ? { after } : {}) });
  const response = await app.inject({ url: `/api/vendor/v1/feed?${query.toString()}`, headers: { authorization: `Bearer ${token}` } });
  assert.equal(response.statusCode, 200, response.body);
  return response.json<Page>();
}

/** Follows the feed from `cursor` to its end; returns what it read and where it stopped. */
async function follow(cursor: string | undefined): Promise<{ ids: string[]; cursor: string | undefined }> {
  const ids: string[] = [];
  for (;;) {
    const page = await feed(cursor);
    ids.push(...page.items.map((i) => i.id));
    cursor = page.next;
    if (page.items.length === 0) return { ids, cursor };
  }
}

/**
 * Follows the feed until it has given `count` more items, or 10 s have passed. The feed shows a row only once every
 * transaction older than it has ended anywhere on the database server, which other test files share: a transaction of
 * theirs still open holds the newest rows back for a moment (never drops them), so a short wait is part of following.
 */
async function followUntil(cursor: string | undefined, count: number): Promise<{ ids: string[]; cursor: string | undefined }> {
  const ids: string[] = [];
  for (const deadline = Date.now() + 10_000; ;) {
    const read = await follow(cursor);
    ids.push(...read.ids);
    cursor = read.cursor;
    if (ids.length >= count || Date.now() > deadline) return { ids, cursor };
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const record = (vendorId: string, reason: string) =>
  db.transaction().execute(async (trx) => (await recordOutboundEvent(trx, { audience: { vendorId }, type: 'listing.suspended', data: { reason } })).id);

test('followed from zero, the feed gives each of the vendor’s events once, in order, and none of another vendor’s', async () => {
  const mine = [await record(vendor.id, 'a'), await record(vendor.id, 'b'), await record(vendor.id, 'c')];
  await record(other.id, 'not yours');
  const first = await followUntil(undefined, mine.length);
  assert.deepEqual(first.ids, mine);
  const more = await record(vendor.id, 'd');
  const second = await followUntil(first.cursor, 1);
  assert.deepEqual(second.ids, [more], 'the cursor continues where it stopped');
  const bad = await app.inject({ url: '/api/vendor/v1/feed?after=bm9wZQ', headers: { authorization: `Bearer ${token}` } });
  assert.equal(bad.statusCode, 400);
  assert.match(String(bad.headers['content-type']), /problem\+json/);
  const signedIn = await app.inject({ url: '/api/vendor/v1/feed', headers: { cookie: `jobunivers-session=${admin}` } });
  assert.equal(signedIn.statusCode, 403, 'the feed is read with an API client');
});

test('an event committed after a later one is not skipped by a reader that already passed the later one', async () => {
  const recorded = await db
    .selectFrom('outbound_event')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('vendor_id', '=', vendor.id)
    .executeTakeFirstOrThrow();
  const start = await followUntil(undefined, Number(recorded.n));
  let releaseLate!: () => void;
  const lateMayCommit = new Promise<void>((resolve) => (releaseLate = resolve));
  let lateRecorded!: () => void;
  const lateInserted = new Promise<void>((resolve) => (lateRecorded = resolve));
  // The late transaction takes its sequence number (and transaction id) first and commits last.
  const late = db.transaction().execute(async (trx) => {
    const { id } = await recordOutboundEvent(trx, { audience: { vendorId: vendor.id }, type: 'listing.suspended', data: { reason: 'late' } });
    lateRecorded();
    await lateMayCommit;
    return id;
  });
  await lateInserted;
  const early = await record(vendor.id, 'early');
  const meanwhile = await follow(start.cursor);
  assert.deepEqual(meanwhile.ids, [], 'nothing is shown past a transaction still open');
  releaseLate();
  const lateId = await late;
  const after = await followUntil(meanwhile.cursor, 2);
  assert.deepEqual(after.ids, [lateId, early], 'both arrive, the late one too');
});

test('a cursor the feed did not give out, with numbers beyond what a position holds, is a 400 problem, not a 500', async () => {
  for (const position of ['18446744073709551616.1', '1.9223372036854775808', 'x.1']) {
    const after = Buffer.from(position).toString('base64url');
    const response = await app.inject({ url: `/api/vendor/v1/feed?after=${after}`, headers: { authorization: `Bearer ${token}` } });
    assert.equal(response.statusCode, 400, `${position}: ${response.body}`);
    assert.match(String(response.headers['content-type']), /^application\/problem\+json/);
  }
});
