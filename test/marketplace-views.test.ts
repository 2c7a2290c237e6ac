// What citizens saw in the marketplace is kept for a moment and written in one statement (issue 16), so the page —
// answered from memory — does not wait for a database write: the views of several requests arrive together, in one
// transaction, after the pages were answered; an app that stops writes what waits; no citizen id is kept.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { createTestApp } from './support/app.ts';
import { createApprovedListing, createCitizen, createMunicipality, createSession, principalFor } from './support/factories.ts';

const first = await createTestApp({ env: { MARKETPLACE_VIEWS_FLUSH_MS: '1500' } });
const { db } = first;
const home = await createMunicipality(db, { name: 'Visningby' });
const listing = await createApprovedListing(db, { name: 'Visningskursus', enabledIn: [home.code], redirectUris: ['https://tjeneste.example/cb'] });
const citizen = await createCitizen(db, { municipalityCode: home.code, name: 'Vera Visning' });
const token = await createSession(db, principalFor('citizen', { municipalityCode: home.code, citizenId: citizen.id }));
const open = (app: typeof first.app, path: string) => app.inject({ url: path, headers: { cookie: `jobunivers-session=${token}`, accept: 'text/html' } });
const views = async () =>
  (
    await sql<{ page: string; xmin: string; listing_ids: string[]; search_terms: string[] | null }>`
      select page, xmin::text as xmin, listing_ids, search_terms from marketplace_view where municipality_code = ${home.code} order by id`.execute(db)
  ).rows;

test('the views of several requests are written together after the pages were answered, in one statement', async () => {
  for (const path of ['/borger/markedsplads', '/borger/markedsplads?q=visningskursus', `/borger/markedsplads/${listing.listingId}`])
    assert.equal((await open(first.app, path)).statusCode, 200, path);
  assert.deepEqual(await views(), [], 'nothing written while the pages were answered');
  let written = await views();
  for (let waited = 0; written.length < 3 && waited < 10_000; waited += 100) {
    await sleep(100);
    written = await views();
  }
  assert.deepEqual(
    written.map((v) => [v.page, v.listing_ids, v.search_terms]),
    [
      ['list', [listing.listingId], null],
      ['list', [listing.listingId], ['visningskursus']],
      ['listing', [listing.listingId], null],
    ],
  );
  assert.equal(new Set(written.map((v) => v.xmin)).size, 1, 'one transaction wrote the three');
  const columns = await sql<{ column_name: string }>`select column_name from information_schema.columns where table_name = 'marketplace_view'`.execute(db);
  assert.ok(!columns.rows.some((c) => c.column_name.includes('citizen')), 'no citizen id is kept');
});

test('an app that stops writes the views that wait', async () => {
  const second = await createTestApp({ database: first, env: { MARKETPLACE_VIEWS_FLUSH_MS: '60000' } });
  const before = (await views()).length;
  assert.equal((await open(second.app, '/borger/markedsplads')).statusCode, 200);
  assert.equal((await views()).length, before, 'waiting for its batch');
  await second.app.close();
  assert.equal((await views()).length, before + 1, 'written when the app stopped');
});
