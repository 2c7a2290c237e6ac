// The reference vendor's event sender (examples/vendor-app/platform-api.ts) against the real platform over HTTP: a
// token that stopped working (401) is fetched afresh and the event sent once more, and stored once. (Its wait for a
// 429's Retry-After is not tested here: the platform's window is a minute.)
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'kysely';
import type { VendorConfig } from '../examples/vendor-app/config.ts';
import { sendActivityEvent } from '../examples/vendor-app/platform-api.ts';
import { createApiClient } from '../src/modules/vendors/vendors.credentials.ts';
import { pairwiseSubject } from '../src/platform/crypto/pairwise.ts';
import { createTestApp } from './support/app.ts';
import { createCitizen, principalFor } from './support/factories.ts';

const { db, config } = await createTestApp({ listen: true });

const vendor = await db.selectFrom('vendor').select(['id', 'cvr', 'name']).where('cvr', '=', '39000008').executeTakeFirstOrThrow();
const client = await createApiClient(
  db,
  { ...principalFor('vendor_admin'), vendor: { cvr: vendor.cvr, name: vendor.name } },
  { name: 'Referenceleverandøren' },
);
assert.ok(client.created);
const { id: listingId } = await db.insertInto('listing').values({ vendor_id: vendor.id }).returning('id').executeTakeFirstOrThrow();
const citizen = await createCitizen(db, { municipalityCode: '101' });
await db
  .insertInto('listing_launch')
  .values({ citizen_id: citizen.id, municipality_code: '101', listing_id: listingId, version: 1, outcome: 'launched' })
  .execute();
const sub = pairwiseSubject(config, vendor.id, citizen.id);

const vendorConfig: VendorConfig = {
  port: 0,
  publicUrl: 'http://127.0.0.1:1',
  issuer: `${config.baseUrl}/oidc`,
  platformUrl: config.baseUrl,
  clientId: listingId,
  scope: 'openid',
  dataDir: config.dataDir,
  privateKeyFile: `${config.dataDir}/unused.jwk`,
  apiClient: { id: client.created.clientId, secret: client.created.clientSecret },
  webhookSecrets: [],
  feedIntervalMs: 0,
};

const storedEvents = async () =>
  Number((await sql<{ n: string }>`select count(*) as n from activity_event where listing_id = ${listingId}::uuid`.execute(db)).rows[0]?.n);

test('a token that stopped working is fetched afresh and the event sent again, stored once', async () => {
  const first = await sendActivityEvent(vendorConfig, sub, 'started', {});
  assert.equal(first.status, 202, JSON.stringify(first.body));
  // The platform forgets every token of the company (as when they run out): the sender's kept token is refused.
  await db.deleteFrom('vendor_api_token').execute();
  const second = await sendActivityEvent(vendorConfig, sub, 'progress', { percent: 40 });
  assert.equal(second.status, 202, JSON.stringify(second.body));
  assert.equal(await storedEvents(), 2);
});
