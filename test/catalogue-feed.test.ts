// The public catalogue feed (GET /api/public/v1/catalogue/feed, issue 15): a consumer that starts from zero and follows
// the cursor through creations, changes, a suspension, a reinstatement and a delisting — each made through the
// vendor's and governance's own pages — ends with exactly the national catalogue; a change committed late is not
// skipped; paging one item at a time gives the same; a cursor the feed did not give out is a 400 problem.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { CatalogueCache } from '../src/modules/catalogue/catalogue.cache.ts';
import { findListings, getLiveListing } from '../src/modules/catalogue/catalogue.service.ts';
import { presentCatalogueListing } from '../src/modules/listings/listings.feed.views.ts';
import { completeListingForm, createTestApp, signedInForms } from './support/app.ts';
import { createSession, principalFor } from './support/factories.ts';

const { app, db, pool } = await createTestApp({ env: { RATE_LIMIT_FORMS_PER_MINUTE: '100000', RATE_LIMIT_API_PER_MINUTE: '100000' } });
const { open, post } = signedInForms(app);
const admin = await createSession(db, principalFor('vendor_admin'));
const reviewer = await createSession(db, principalFor('governance_reviewer'));

type Item = { id: string; listingId: string; kind: string; at: string; listing: Record<string, unknown> & { id: string; removed?: true } };
type Consumer = { cursor: string | undefined; listings: Map<string, Record<string, unknown>>; items: Item[] };

const FEED = '/api/public/v1/catalogue/feed';
const newConsumer = (): Consumer => ({ cursor: undefined, listings: new Map(), items: [] });

/** Reads pages until one is empty, replaying each item into the consumer's copy (a tombstone deletes). No sign-in. */
async function follow(consumer: Consumer, limit = 1000): Promise<Item[]> {
  const read: Item[] = [];
  for (;;) {
    const response = await app.inject({ url: FEED, query: { limit: String(limit), ...(consumer.cursor ? { after: consumer.cursor } : {}) } });
    assert.equal(response.statusCode, 200, response.body);
    const page = response.json<{ items: Item[]; next: string }>();
    assert.ok(page.items.length <= limit);
    for (const item of page.items) {
      if (item.listing.removed) consumer.listings.delete(item.listingId);
      else consumer.listings.set(item.listingId, item.listing);
    }
    consumer.cursor = page.next;
    consumer.items.push(...page.items);
    read.push(...page.items);
    if (page.items.length === 0) return read;
  }
}

/** The live national catalogue as its service lists it (every page), each listing as its page shows it. */
async function liveCatalogue(): Promise<Map<string, Record<string, unknown>>> {
  // A fresh cache is off until switched on: every call reads the database.
  const cache = new CatalogueCache();
  const ids: string[] = [];
  for (let page = 1; ; page++) {
    const result = await findListings(db, cache, { query: '', stages: [], categories: [], targetGroups: [], languages: [], priceModels: [], page });
    ids.push(...result.rows.map((row) => row.listing_id));
    if (!result.hasNext) break;
  }
  const listings = new Map<string, Record<string, unknown>>();
  for (const id of ids.sort()) listings.set(id, presentCatalogueListing(await getLiveListing(db, cache, id)));
  return listings;
}

const sorted = (map: Map<string, Record<string, unknown>>) => Object.fromEntries([...map].sort(([a], [b]) => a.localeCompare(b)));

/**
 * Follows the feed and compares its copy with the catalogue. A change becomes readable once every older transaction
 * in the database server has ended (other test files share the server), so a short wait is part of following.
 */
async function followUntilEqual(consumer: Consumer): Promise<Item[]> {
  const read: Item[] = [];
  for (let attempt = 0; ; attempt++) {
    read.push(...(await follow(consumer)));
    const expected = sorted(await liveCatalogue());
    if (attempt >= 40 || JSON.stringify(sorted(consumer.listings)) === JSON.stringify(expected)) {
      assert.deepEqual(sorted(consumer.listings), expected);
      return read;
    }
    await sleep(50);
  }
}

const consumer = newConsumer();
let created = '';
const suspendedListing = '00000000-0000-4000-9000-000000000003'; // demo: "Målrettet jobsøgning"
const listingIdFrom = (location: string | undefined) => /\/leverandoer\/ydelser\/([0-9a-f-]{36})/.exec(location ?? '')?.[1] ?? '';

async function decide(listingId: string, decision: 'approve'): Promise<void> {
  const response = await post(reviewer, `/faellesskab/ydelser/${listingId}`, `/faellesskab/ydelser/${listingId}/afgoerelse`, { decision, reason: '' });
  assert.equal(response.statusCode, 303, response.body);
}

async function changeLiveStatus(listingId: string, liveAction: 'suspend' | 'reinstate' | 'delist'): Promise<void> {
  const response = await post(reviewer, `/faellesskab/ydelser/${listingId}`, `/faellesskab/ydelser/${listingId}/status`, {
    liveAction,
    liveReason: 'Prøve af katalogets ændringsstrøm.',
    bekraeft: 'ja',
  });
  assert.equal(response.statusCode, 303, response.body);
}

test('from zero the feed gives the whole catalogue, as created items', async () => {
  const items = await followUntilEqual(consumer);
  assert.ok(consumer.listings.size >= 5, `only ${consumer.listings.size} listings`);
  assert.ok(consumer.listings.has(suspendedListing));
  assert.equal(items.length, new Set(items.map((item) => item.id)).size, 'every item has its own id');
});

test('a listing going live is created; a version in review is not in the feed; the next approved version is changed', async () => {
  const submitted = await post(
    admin,
    '/leverandoer/ydelser/ny',
    '/leverandoer/ydelser',
    completeListingForm({ da: 'Strømfisk samtaletræning', en: 'Streamfish interview training' }, 'stroemfisk.example', { action: 'submit' }),
  );
  assert.equal(submitted.statusCode, 303, submitted.body);
  created = listingIdFrom(submitted.headers.location);
  assert.deepEqual(await follow(consumer), [], 'nothing in review reaches the feed');
  await decide(created, 'approve');
  let items = await followUntilEqual(consumer);
  assert.deepEqual(
    items.map((item) => [item.listingId, item.kind]),
    [[created, 'created']],
  );
  assert.equal(items[0]?.listing.nameDa, 'Strømfisk samtaletræning');
  assert.equal(items[0]?.listing.vendorName, 'Jobtræner ApS (test)');

  await post(admin, `/leverandoer/ydelser/${created}`, `/leverandoer/ydelser/${created}/ny-version`, {});
  const v2 = await post(
    admin,
    `/leverandoer/ydelser/${created}/rediger`,
    `/leverandoer/ydelser/${created}/rediger`,
    completeListingForm({ da: 'Strømfisk samtaletræning 2.0', en: 'Streamfish interview training 2.0' }, 'stroemfisk.example', {
      languages: ['da', 'en'],
      action: 'submit',
    }),
  );
  assert.equal(v2.statusCode, 303, v2.body);
  assert.deepEqual(await follow(consumer), [], 'the live version stays as it was while the next is reviewed');
  await decide(created, 'approve');
  items = await followUntilEqual(consumer);
  assert.deepEqual(
    items.map((item) => [item.listingId, item.kind, item.listing.version, item.listing.nameDa, item.listing.languages]),
    [[created, 'changed', 2, 'Strømfisk samtaletræning 2.0', ['da', 'en']]],
  );
});

test('suspension is a tombstone, reinstatement brings the listing back, delisting removes it for good', async () => {
  await changeLiveStatus(suspendedListing, 'suspend');
  let items = await followUntilEqual(consumer);
  assert.equal(items.length, 1);
  assert.equal(items[0]?.kind, 'suspended');
  assert.deepEqual(items[0]?.listing, { id: suspendedListing, removed: true, removed_at: items[0]?.at });
  assert.ok(!consumer.listings.has(suspendedListing));

  await changeLiveStatus(suspendedListing, 'reinstate');
  items = await followUntilEqual(consumer);
  assert.deepEqual(
    items.map((item) => [item.listingId, item.kind, item.listing.nameDa]),
    [[suspendedListing, 'reinstated', 'Målrettet jobsøgning']],
  );

  await changeLiveStatus(suspendedListing, 'delist');
  await changeLiveStatus(created, 'delist');
  items = await followUntilEqual(consumer);
  assert.deepEqual(
    items.map((item) => [item.listingId, item.kind, item.listing.removed]),
    [
      [suspendedListing, 'removed', true],
      [created, 'removed', true],
    ],
  );
  assert.ok(!Number.isNaN(Date.parse(String(items[0]?.listing.removed_at))));
});

test('a change committed late is not skipped: the feed holds back what a still-running older transaction could precede', async () => {
  const live = await db.selectFrom('listing_live').select(['listing_id', 'vendor_id']).orderBy('listing_id').execute();
  const renamed = live[0]!.vendor_id;
  const early = live.filter((row) => row.vendor_id === renamed).map((row) => row.listing_id);
  const late = live.find((row) => row.vendor_id !== renamed)!.listing_id;
  // An older transaction renames a vendor (its listings change on the listing page) and writes its feed rows at once
  // (SET CONSTRAINTS ALL IMMEDIATE runs the deferred triggers), but commits last.
  const client = await pool.connect();
  try {
    await client.query('begin');
    await client.query(`update vendor set name = name || ' (omdøbt)' where id = $1`, [renamed]);
    await client.query('set constraints all immediate');
    // A younger one, through governance's page, commits first (a timeout rather than a hang if it ever waits for us).
    await Promise.race([changeLiveStatus(late, 'suspend'), sleep(15_000).then(() => assert.fail('the suspension waited for the open transaction'))]);
    const whileOpen = await follow(consumer);
    assert.deepEqual(whileOpen, [], 'nothing after the open transaction is given out while it runs');
    await client.query('commit');
  } catch (error) {
    await client.query('rollback');
    throw error;
  } finally {
    client.release();
  }
  const items = await followUntilEqual(consumer);
  // The older transaction's items first (in the order it wrote them), then the younger one's.
  assert.deepEqual(
    items
      .slice(0, early.length)
      .map((item) => [item.listingId, item.kind])
      .sort(),
    early.map((id) => [id, 'changed']),
  );
  assert.deepEqual(
    items.slice(early.length).map((item) => [item.listingId, item.kind]),
    [[late, 'suspended']],
  );
  assert.match(String(items[0]?.listing.vendorName), / \(omdøbt\)$/);
});

test('paging one item at a time from zero gives the same items and the same catalogue', async () => {
  const oneByOne = newConsumer();
  await follow(oneByOne, 1);
  assert.deepEqual(
    oneByOne.items.map((item) => item.id),
    consumer.items.map((item) => item.id),
  );
  assert.deepEqual(sorted(oneByOne.listings), sorted(await liveCatalogue()));
  const again = await app.inject({ url: FEED, query: { after: oneByOne.cursor ?? '' } });
  assert.deepEqual(again.json(), { items: [], next: oneByOne.cursor }, 'with nothing new the cursor stays');
});

test('a cursor the feed did not give out, and a limit out of range, are 400 problems', async () => {
  const forged = Buffer.from(JSON.stringify({ v: 1, x: '-1', s: '0' })).toString('base64url');
  for (const after of ['not a cursor', 'bm90IGpzb24', forged, Buffer.from('[1,2]').toString('base64url'), '']) {
    const response = await app.inject({ url: FEED, query: { after } });
    assert.equal(response.statusCode, 400, after);
    assert.match(String(response.headers['content-type']), /^application\/problem\+json/);
    assert.equal(response.json().code, 'VALIDATION');
    assert.equal(response.json().errors?.[0]?.field, 'after');
  }
  for (const limit of ['0', '1001', 'x']) assert.equal((await app.inject({ url: FEED, query: { limit } })).statusCode, 400, limit);
  assert.equal((await open(admin, FEED)).statusCode, 200, 'a signed-in caller reads it too');
});
