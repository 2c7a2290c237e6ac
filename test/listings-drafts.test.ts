// Deleting a draft through the app: a vendor deletes a version that never left its hands (asked first, without
// JavaScript), a listing left without versions disappears, and nothing governance has seen or the catalogue shows
// can be deleted — by the vendor, by another company, or by the application role going round the function.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'kysely';
import { createDatabase } from '../src/platform/db/database.ts';
import { completeListingForm, createTestApp, signedInForms } from './support/app.ts';
import { createSession, principalFor } from './support/factories.ts';

const { app, db, url } = await createTestApp({ env: { RATE_LIMIT_FORMS_PER_MINUTE: '100000' } });

// principalFor gives vendor roles the demo company Jobtræner ApS (CVR 39000008), whose framework declaration is submitted.
const admin = await createSession(db, { ...principalFor('vendor_admin'), name: 'Signe Brandt' });
const developer = await createSession(db, principalFor('vendor_developer'));
const otherVendor = await createSession(db, { ...principalFor('vendor_admin'), vendor: { cvr: '39000032', name: 'Sprogbroen ApS (test)' } });
const reviewer = await createSession(db, { ...principalFor('governance_reviewer'), name: 'Henrik Lauridsen' });

const { open, post } = signedInForms(app);

const complete = completeListingForm({ da: 'Kladdefisk jobsamtaletræning', en: 'Kladdefisk interview training' }, 'kladdefisk.example', {
  worksWithoutData: 'yes',
});

const idFrom = (location: string | undefined) => /\/leverandoer\/ydelser\/([0-9a-f-]{36})/.exec(location ?? '')?.[1] ?? '';
const listingRow = (id: string) => db.selectFrom('listing').select('id').where('id', '=', id).executeTakeFirst();
const versionsOf = (id: string) => db.selectFrom('listing_version').select(['version', 'status']).where('listing_id', '=', id).orderBy('version').execute();
const transitionsOf = (id: string) => db.selectFrom('listing_transition').select('to_status').where('listing_id', '=', id).orderBy('id').execute();
const deleteButton = /action="\/leverandoer\/ydelser\/[0-9a-f-]{36}\/slet-kladde"/;

async function createDraft(token: string, fields: Record<string, string | string[]> = {}): Promise<string> {
  const created = await post(token, '/leverandoer/ydelser/ny', '/leverandoer/ydelser', { ...fields, action: 'save' });
  assert.equal(created.statusCode, 303);
  return idFrom(created.headers.location);
}

/** Asks to delete the listing's draft (`version`) as the page's button does, confirmed or not. */
function deleteDraft(token: string, listingId: string, version: number, confirmed: boolean) {
  return post(token, `/leverandoer/ydelser/${listingId}`, `/leverandoer/ydelser/${listingId}/slet-kladde`, {
    version: String(version),
    ...(confirmed ? { bekraeft: 'ja' } : {}),
  });
}

test('an empty draft is deleted after a confirmation page: gone from the list with a banner, its listing row and history gone', async () => {
  const listingId = await createDraft(admin);
  const page = await open(admin, `/leverandoer/ydelser/${listingId}`);
  assert.match(page.body, /<h1>\(uden navn\)<\/h1>/);
  assert.match(page.body, deleteButton);
  assert.match(page.body, />Slet kladde<\/button>/);
  assert.match((await open(admin, '/leverandoer/ydelser')).body, new RegExp(`href="/leverandoer/ydelser/${listingId}"`));

  // The first POST only asks; nothing is deleted.
  const asked = await deleteDraft(admin, listingId, 1, false);
  assert.equal(asked.statusCode, 200);
  assert.match(asked.body, /<h1>Slet kladden &quot;\(uden navn\)&quot; \(version 1\)\?<\/h1>/);
  assert.match(asked.body, /ydelsen forsvinder helt fra jeres liste/);
  assert.match(asked.body, /<input type="hidden" name="bekraeft" value="ja"><input type="hidden" name="version" value="1">/);
  assert.match(asked.body, /<button class="button button-primary" type="submit">Ja, slet kladden<\/button>/);
  assert.match(asked.body, new RegExp(`<a class="button button-secondary" href="/leverandoer/ydelser/${listingId}">Fortryd</a>`));
  assert.ok(await listingRow(listingId), 'the unconfirmed POST deletes nothing');
  assert.deepEqual(await versionsOf(listingId), [{ version: 1, status: 'draft' }]);

  const deleted = await deleteDraft(admin, listingId, 1, true);
  assert.equal(deleted.statusCode, 303);
  assert.equal(deleted.headers.location, '/leverandoer/ydelser?slettet=1');
  const list = await open(admin, deleted.headers.location);
  assert.match(list.body, /<p class="alert-text">Kladden er slettet\.<\/p>/);
  assert.doesNotMatch(list.body, new RegExp(listingId));
  assert.equal(await listingRow(listingId), undefined, 'the listing row is gone');
  assert.deepEqual(await versionsOf(listingId), []);
  assert.deepEqual(await transitionsOf(listingId), [], 'the draft’s history went with it');
  assert.equal((await open(admin, `/leverandoer/ydelser/${listingId}`)).statusCode, 404);
  assert.equal((await deleteDraft(admin, listingId, 1, true)).statusCode, 404, 'deleting again finds nothing');
});

test('a developer deletes a draft the automated checks sent back; the banner shows only after a deletion', async () => {
  const listingId = await createDraft(developer, { nameDa: 'Halvfærdig kladde' });
  await post(admin, `/leverandoer/ydelser/${listingId}`, `/leverandoer/ydelser/${listingId}/indsend`, {});
  assert.deepEqual(await versionsOf(listingId), [{ version: 1, status: 'checks_failed' }]);
  assert.match((await open(developer, `/leverandoer/ydelser/${listingId}`)).body, deleteButton);
  assert.equal((await deleteDraft(developer, listingId, 1, true)).statusCode, 303);
  assert.equal(await listingRow(listingId), undefined);
  assert.doesNotMatch((await open(admin, '/leverandoer/ydelser')).body, /Kladden er slettet/);
  assert.doesNotMatch((await open(admin, '/leverandoer/ydelser?slettet=ja')).body, /Kladden er slettet/);
});

test('another company cannot delete a vendor’s draft, asked or confirmed', async () => {
  const listingId = await createDraft(admin, { nameDa: 'Andres kladde' });
  assert.equal((await deleteDraft(otherVendor, listingId, 1, false)).statusCode, 404);
  assert.equal((await deleteDraft(otherVendor, listingId, 1, true)).statusCode, 404);
  assert.ok(await listingRow(listingId));
  assert.deepEqual(await versionsOf(listingId), [{ version: 1, status: 'draft' }]);
});

test('a live listing’s version cannot be deleted; a next version’s draft can, and the live version stays', async () => {
  const listingId = '00000000-0000-4000-9000-000000000001'; // demo: live, Jobtræner ApS
  assert.deepEqual(await versionsOf(listingId), [{ version: 1, status: 'approved' }]);
  assert.doesNotMatch((await open(admin, `/leverandoer/ydelser/${listingId}`)).body, deleteButton);
  assert.equal((await deleteDraft(admin, listingId, 1, false)).statusCode, 409);
  assert.equal((await deleteDraft(admin, listingId, 1, true)).statusCode, 409);
  assert.deepEqual(await versionsOf(listingId), [{ version: 1, status: 'approved' }]);

  await post(admin, `/leverandoer/ydelser/${listingId}`, `/leverandoer/ydelser/${listingId}/ny-version`, {});
  assert.deepEqual(await versionsOf(listingId), [
    { version: 1, status: 'approved' },
    { version: 2, status: 'draft' },
  ]);
  assert.equal((await deleteDraft(admin, listingId, 1, true)).statusCode, 409, 'the confirmed version must be the draft');
  const asked = await deleteDraft(admin, listingId, 2, false);
  assert.match(asked.body, /Version 2 og dens historik slettes\. Ydelsens andre versioner bliver, som de er\./);
  const deleted = await deleteDraft(admin, listingId, 2, true);
  assert.equal(deleted.statusCode, 303);
  assert.ok(await listingRow(listingId), 'the listing stays');
  assert.deepEqual(await versionsOf(listingId), [{ version: 1, status: 'approved' }]);
  assert.equal((await app.inject({ url: `/katalog/${listingId}` })).statusCode, 200, 'still in the catalogue');
});

test('a version governance has had in review cannot be deleted, even when it is back with the vendor', async () => {
  const listingId = await createDraft(admin, complete);
  await post(admin, `/leverandoer/ydelser/${listingId}`, `/leverandoer/ydelser/${listingId}/indsend`, {});
  assert.deepEqual(await versionsOf(listingId), [{ version: 1, status: 'in_review' }]);
  assert.doesNotMatch((await open(admin, `/leverandoer/ydelser/${listingId}`)).body, deleteButton);
  assert.equal((await deleteDraft(admin, listingId, 1, true)).statusCode, 409);

  const changes = await post(reviewer, `/faellesskab/ydelser/${listingId}`, `/faellesskab/ydelser/${listingId}/afgoerelse`, {
    decision: 'request_changes',
    reason: 'Skriv hvor lang tid øvelserne tager.',
  });
  assert.equal(changes.statusCode, 303);
  assert.deepEqual(await versionsOf(listingId), [{ version: 1, status: 'changes_requested' }]);
  assert.doesNotMatch((await open(admin, `/leverandoer/ydelser/${listingId}`)).body, deleteButton);
  assert.equal((await deleteDraft(admin, listingId, 1, true)).statusCode, 409);
  assert.deepEqual(await versionsOf(listingId), [{ version: 1, status: 'changes_requested' }]);
});

test('the application role deletes versions and listings only through the narrow function, which refuses anything reviewed or live', async () => {
  const draftId = await createDraft(admin, { nameDa: 'Rollekladde' });
  const live = '00000000-0000-4000-9000-000000000002';
  const liveVersion = await db
    .selectFrom('listing_version')
    .select('id')
    .where('listing_id', '=', live)
    .where('status', '=', 'approved')
    .executeTakeFirstOrThrow();
  const vendor = await db.selectFrom('listing').select('vendor_id').where('id', '=', live).executeTakeFirstOrThrow();
  const appDb = createDatabase({ url, poolMax: 1, asAppRole: true });
  try {
    await assert.rejects(sql`delete from listing_version where listing_id = ${draftId}`.execute(appDb.db), /permission denied/);
    await assert.rejects(sql`delete from listing where id = ${draftId}`.execute(appDb.db), /permission denied/);
    await assert.rejects(
      sql`select delete_listing_draft(${vendor.vendor_id}, ${live}, ${liveVersion.id})`.execute(appDb.db),
      /not a draft governance never saw/,
    );
  } finally {
    await appDb.db.destroy();
  }
  assert.ok(await listingRow(draftId));
  assert.equal((await versionsOf(live)).length, 1);
});
