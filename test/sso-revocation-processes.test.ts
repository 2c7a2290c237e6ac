// A vendor's token revoked by one process of the platform is refused by another at once, although the other has just
// served it from its token cache: the revocation is announced on the change bus (vendorAccessRevoked) in the
// transaction that deletes the token, and the other process forgets the token when it hears it — not a second later.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'kysely';
import { revokeVendorAccess } from '../src/modules/sso/index.ts';
import { loadConsentRequest, recordConsent } from '../src/modules/consent/index.ts';
import { announceChange, createChangeBus, type ChangeBus } from '../src/platform/changes.ts';
import { createLogger } from '../src/platform/logger.ts';
import { createTestApp, type TestApp } from './support/app.ts';
import { createDpopKey, dpopHeaders, insertVendorAccessToken, type DpopKey } from './support/dpop.ts';
import { createApprovedListing, createCitizen } from './support/factories.ts';

const env = { RATE_LIMIT_API_PER_MINUTE: '100000' };
const first = await createTestApp({ seed: false, env });
// Another process of the platform: its own app, pools, bus, LISTEN connection and caches, on the first one's database.
const second = await createTestApp({ database: first, seed: false, env });
const { db, config } = first;
const copenhagen = { code: '101', name: 'København' };
const profileUrl = '/api/vendor/v1/citizen/profile';

/** A citizen signed in to a service that may read the profile: the listing, the consent and a DPoP-bound token. */
async function signedInService() {
  const listing = await createApprovedListing(db, {
    redirectUris: ['https://tjeneste.example/callback'],
    dataCategories: [{ category: 'profile', purpose: 'At tiltale dig ved navn' }],
    enabledIn: ['101'],
  });
  const citizen = await createCitizen(db, { municipalityCode: '101' });
  const request = await loadConsentRequest(db, { citizenId: citizen.id, municipalityCode: '101', listingId: listing.listingId });
  await recordConsent({ db, config }, request, { decision: 'accepted', locale: 'da' });
  const key = await createDpopKey();
  const token = await insertVendorAccessToken(db, {
    citizenId: citizen.id,
    listingId: listing.listingId,
    categories: ['profile'],
    jkt: key.jkt,
    municipality: copenhagen,
  });
  return { citizenId: citizen.id, vendorId: listing.vendorId, key, token };
}

/** The status of a profile read with the token, in one process's app. */
async function profileStatus(app: TestApp, token: string, key: DpopKey): Promise<number> {
  const headers = await dpopHeaders(key, token, 'GET', `${app.config.baseUrl}${profileUrl}`);
  return (await app.app.inject({ url: profileUrl, headers })).statusCode;
}

/** Resolves when `bus` has heard vendorAccessRevoked for the citizen (from another process, through the database). */
function heardRevocation(bus: ChangeBus, citizenId: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the revocation was not heard within 5 s')), 5_000);
    const stop = bus.subscribe('vendorAccessRevoked', (change) => {
      if (change.citizenId !== citizenId) return;
      clearTimeout(timer);
      stop();
      resolve();
    });
  });
}

test('a token revoked in one app is refused by a second app on the same database as soon as it hears so', async () => {
  const service = await signedInService();
  assert.equal(await profileStatus(second, service.token, service.key), 200, 'the second app has read (and kept) the token');
  const heard = heardRevocation(second.changes, service.citizenId);
  assert.ok((await revokeVendorAccess({ db, changes: first.changes }, service.citizenId, service.vendorId)) > 0);
  await heard;
  assert.equal(await profileStatus(second, service.token, service.key), 401);
  assert.equal(await profileStatus(first, service.token, service.key), 401);
});

test('a token revoked by a process sharing no memory with this one is refused here at once, not a second later', async () => {
  const service = await signedInService();
  assert.equal(await profileStatus(second, service.token, service.key), 200, 'the second app has read (and kept) the token');
  // What the provider does in another process (its adapter destroying the token): the row goes, and the
  // revocation is announced in the same transaction on that process's own bus.
  const elsewhere = createChangeBus({ logger: createLogger({ level: 'silent' }) });
  const heard = heardRevocation(second.changes, service.citizenId);
  await db.transaction().execute(async (trx) => {
    await sql`delete from oidc_model where kind = 'AccessToken' and id = ${service.token}`.execute(trx);
    await announceChange(trx, elsewhere, 'vendorAccessRevoked', { citizenId: service.citizenId, vendorId: service.vendorId });
  });
  await heard;
  assert.equal(await profileStatus(second, service.token, service.key), 401);
});
