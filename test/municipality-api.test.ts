// The municipality API: a municipal administrator creates an API client (the secret shown once; a resubmitted form
// makes no second client), the client gets a token with OAuth 2 client credentials and reads the municipality's
// change feed — each of its outbound events once, none of another municipality's — and a revoked client, or a vendor's
// token, is refused.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { recordOutboundEvent } from '../src/modules/webhooks/index.ts';
import { createTestApp, signedInForms } from './support/app.ts';
import { createCitizen, createSession, principalFor } from './support/factories.ts';

const { app, db } = await createTestApp({ env: { RATE_LIMIT_FORMS_PER_MINUTE: '100000', RATE_LIMIT_API_PER_MINUTE: '100000' } });
const forms = signedInForms(app);
const admin = await createSession(db, principalFor('municipal_admin', { municipalityCode: '101' }));
const vendor = await db.selectFrom('vendor').select('id').where('cvr', '=', '39000008').executeTakeFirstOrThrow();
const citizen = await createCitizen(db, { municipalityCode: '101' });

const credentialsIn = (body: string) => ({
  clientId: /<dt>client_id<\/dt><dd><code>(jmc_[^<]+)<\/code>/.exec(body)?.[1] ?? '',
  clientSecret: /<dt>client_secret<\/dt><dd><code>(jms_[^<]+)<\/code>/.exec(body)?.[1] ?? '',
});

async function createClient(name: string): Promise<{ clientId: string; clientSecret: string }> {
  const created = await forms.post(admin, '/kommune/api-klienter', '/kommune/api-klienter', { name });
  assert.equal(created.statusCode, 200, created.body.slice(0, 500));
  assert.equal(created.headers['cache-control'], 'no-store', 'the page with the secret is not cached');
  const credentials = credentialsIn(created.body);
  assert.ok(credentials.clientId && credentials.clientSecret, 'the secret is shown once');
  return credentials;
}

const tokenRequest = (clientId: string, clientSecret: string, url = '/api/municipality/v1/token') =>
  app.inject({
    method: 'POST',
    url,
    headers: { authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
    payload: 'grant_type=client_credentials',
  });

async function tokenFor(credentials: { clientId: string; clientSecret: string }): Promise<string> {
  const response = await tokenRequest(credentials.clientId, credentials.clientSecret);
  assert.equal(response.statusCode, 200, response.body);
  assert.equal(response.headers['cache-control'], 'no-store');
  const body = response.json<{ access_token: string; token_type: string; expires_in: number }>();
  assert.equal(body.token_type, 'Bearer');
  return body.access_token;
}

type Page = { items: { id: string; type: string; time: string; data: Record<string, unknown> }[]; next: string };
const feed = (token: string, after?: string) =>
  app.inject({
    url: `/api/municipality/v1/feed?${new URLSearchParams({ limit: '2', ...(after ? { after } : {}) }).toString()}`,
    headers: { authorization: `Bearer ${token}` },
  });

/**
 * Follows the feed from zero until it has given `count` items, or 10 s have passed. The feed shows a row only once
 * every older transaction on the database server has ended, and other test files share the server: a transaction of
 * theirs still open holds the newest rows back for a moment (never drops them), so a short wait is part of following.
 */
async function follow(token: string, count = 0): Promise<Page['items']> {
  const items: Page['items'] = [];
  let cursor: string | undefined;
  for (const deadline = Date.now() + 10_000; ;) {
    const response = await feed(token, cursor);
    assert.equal(response.statusCode, 200, response.body);
    const page = response.json<Page>();
    items.push(...page.items);
    cursor = page.next;
    if (page.items.length === 0 && (items.length >= count || Date.now() > deadline)) return items;
    if (page.items.length === 0) await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const record = (municipalityCode: string, type: 'escalation.created' | 'local-offer.sign-up', data: Record<string, unknown>, citizenId?: string) =>
  db.transaction().execute(async (trx) => (await recordOutboundEvent(trx, { audience: { municipalityCode }, type, data, citizenId })).id);

test('a municipal administrator creates an API client once per form; its token reads the municipality’s events once, no one else’s', async () => {
  const fields = { name: 'Sagssystemet', _skema: 'kommunens-api-klient-formular-1234' };
  const created = await forms.post(admin, '/kommune/api-klienter', '/kommune/api-klienter', fields);
  assert.equal(created.statusCode, 200);
  const credentials = credentialsIn(created.body);
  const again = await forms.post(admin, '/kommune/api-klienter', '/kommune/api-klienter', fields);
  assert.equal(again.statusCode, 303, 'a resubmitted form makes no second client');
  const clients = await db.selectFrom('municipality_api_client').selectAll().where('name', '=', 'Sagssystemet').execute();
  assert.equal(clients.length, 1);
  assert.equal(clients[0]?.municipality_code, '101');
  assert.notEqual(clients[0]?.secret_hash.toString('hex'), Buffer.from(credentials.clientSecret).toString('hex'));
  const already = await forms.open(admin, again.headers.location ?? '');
  assert.ok(already.body.includes(credentials.clientId) && !already.body.includes(credentials.clientSecret), 'the secret is not shown again');

  const token = await tokenFor(credentials);
  const mine = [
    await record('101', 'escalation.created', { escalationId: '00000000-0000-4000-9000-000000000001' }, citizen.id),
    await record('101', 'local-offer.sign-up', { offerId: '00000000-0000-4000-a000-000000000101' }, citizen.id),
    await record('101', 'escalation.created', { escalationId: '00000000-0000-4000-9000-000000000002' }),
  ];
  await record('751', 'escalation.created', { escalationId: '00000000-0000-4000-9000-000000000003' });
  await db
    .transaction()
    .execute((trx) =>
      recordOutboundEvent(trx, { audience: { vendorId: vendor.id }, type: 'listing.suspended', data: { listingId: '00000000-0000-4000-8000-000000000002' } }),
    );

  const recorded = await db
    .selectFrom('outbound_event')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('municipality_code', '=', '101')
    .executeTakeFirstOrThrow();
  const read = await follow(token, Number(recorded.n));
  const ids = read.map((item) => item.id);
  assert.deepEqual(ids.slice(-3), mine, 'its own events, each once, in order, after any older ones of the municipality');
  assert.equal(new Set(ids).size, ids.length, 'no event twice');
  const rows = await db.selectFrom('outbound_event').select(['id', 'municipality_code']).where('id', 'in', ids).execute();
  assert.ok(rows.length === ids.length && rows.every((r) => r.municipality_code === '101'), 'nothing of another municipality or a vendor');
  const signUp = read.find((item) => item.id === mine[1]);
  assert.deepEqual(signUp?.data, { offerId: '00000000-0000-4000-a000-000000000101', citizenId: citizen.id }, 'a citizen by the platform’s id');

  const used = await db.selectFrom('municipality_api_client').select('last_used_at').where('client_id', '=', credentials.clientId).executeTakeFirstOrThrow();
  assert.ok(used.last_used_at, 'the page shows when the client was last used');
});

test('a revoked client is refused (asked first), and its tokens stop working at once', async () => {
  const credentials = await createClient('Gammelt system');
  const token = await tokenFor(credentials);
  assert.equal((await feed(token)).statusCode, 200);
  const client = await db.selectFrom('municipality_api_client').select('id').where('client_id', '=', credentials.clientId).executeTakeFirstOrThrow();

  const asked = await forms.post(admin, '/kommune/api-klienter', `/kommune/api-klienter/${client.id}/spaer`);
  assert.equal(asked.statusCode, 200);
  assert.match(asked.body, /Spær API-klienten &quot;Gammelt system&quot;\?/);
  assert.equal((await feed(token)).statusCode, 200, 'asking revokes nothing');

  const revoked = await forms.post(admin, '/kommune/api-klienter', `/kommune/api-klienter/${client.id}/spaer`, { bekraeft: 'ja' });
  assert.equal(revoked.statusCode, 303);
  const refused = await feed(token);
  assert.equal(refused.statusCode, 401);
  assert.equal(refused.json<{ code: string }>().code, 'UNAUTHENTICATED');
  const noToken = await tokenRequest(credentials.clientId, credentials.clientSecret);
  assert.equal(noToken.statusCode, 401);
  assert.equal(noToken.json<{ error: string }>().error, 'invalid_client');
  assert.equal((await tokenRequest(credentials.clientId, 'jms_wrong-secret')).statusCode, 401);

  const another = await createSession(db, principalFor('municipal_admin', { municipalityCode: '751' }));
  const { id } = await db
    .selectFrom('municipality_api_client')
    .select('id')
    .where('client_id', '=', (await createClient('Til Aarhus?')).clientId)
    .executeTakeFirstOrThrow();
  const foreign = await forms.post(another, '/kommune/api-klienter', `/kommune/api-klienter/${id}/spaer`, { bekraeft: 'ja' });
  assert.equal(foreign.statusCode, 404, 'another municipality’s administrator cannot revoke it');
});

test('a vendor’s token does not read the municipality’s feed, and the municipality’s token does not read a vendor’s', async () => {
  const vendorAdmin = await createSession(db, principalFor('vendor_admin'));
  const created = await forms.post(vendorAdmin, '/leverandoer/api-noegler', '/leverandoer/api-noegler', { name: 'Leverandørens klient' });
  const clientId = /<dt>client_id<\/dt><dd><code>(jvc_[^<]+)<\/code>/.exec(created.body)?.[1] ?? '';
  const clientSecret = /<dt>client_secret<\/dt><dd><code>(jvs_[^<]+)<\/code>/.exec(created.body)?.[1] ?? '';
  const vendorToken = (await tokenRequest(clientId, clientSecret, '/api/vendor/v1/token')).json<{ access_token: string }>().access_token;
  assert.ok(vendorToken);
  assert.equal((await feed(vendorToken)).statusCode, 403);
  assert.equal((await tokenRequest(clientId, clientSecret)).statusCode, 401, "a vendor's client gets no municipality token");

  const municipalityToken = await tokenFor(await createClient('Kun kommunen'));
  const vendorFeed = await app.inject({ url: '/api/vendor/v1/feed', headers: { authorization: `Bearer ${municipalityToken}` } });
  assert.equal(vendorFeed.statusCode, 403);
});
