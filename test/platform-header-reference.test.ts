// The reference vendor application (examples/vendor-app) as the demo runs it: its listing seeded idempotently, and the
// program itself against the real app over HTTP — its public key, third-party initiated login that refuses another
// issuer and pushes its authorization request (PAR, private_key_jwt), and the platform's signed logout and deletion
// requests, which it verifies with the platform's published keys.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { SignJWT, importJWK } from 'jose';
import { Webhook } from 'standardwebhooks';
import {
  REFERENCE_API_CLIENT_ID,
  REFERENCE_LISTING_ID,
  REFERENCE_VENDOR_CVR,
  referenceVendorSecrets,
  referenceVendorSeed,
} from '../src/modules/reference-vendor/index.ts';
import { decryptSecret } from '../src/platform/crypto/sealed-secret.ts';
import { loadSigningKeys, signWithPlatformKey } from '../src/platform/crypto/signing-keys.ts';
import { isValidCvr } from '../src/modules/vendors/cvr.ts';
import { readOrCreateSecret } from '../src/platform/local-secret.ts';
import { createLogger } from '../src/platform/logger.ts';
import { runSeed } from '../src/platform/seed.ts';
import { createTestApp } from './support/app.ts';
import { createTestDatabase } from './support/database.ts';
import { startReferenceVendor } from './support/reference-vendor.ts';
import { freePort, startApp } from './support/server.ts';
import { temporaryFolder } from './support/temporary.ts';

const { db, config } = await createTestApp({ listen: true });
const issuer = `${config.baseUrl}/oidc`;
const port = await freePort();
const origin = `http://127.0.0.1:${port}`;
const logger = createLogger({ level: 'silent' });
const seedConfig = { ...config, referenceVendor: { port } };
// The vendor's own record of a citizen it has seen, which a deletion request must remove.
const vendorDataDir = temporaryFolder('jobunivers-reference-vendor-test-');
const vendorRecords = path.join(vendorDataDir, 'citizens.json');
writeFileSync(
  vendorRecords,
  JSON.stringify({
    'pairwise-sub-1': { firstSeen: '2026-11-01T10:00:00.000Z', lastSeen: '2026-11-02T10:00:00.000Z', categoriesShared: ['profile'] },
    'someone-else': { firstSeen: '2026-11-01T10:00:00.000Z', lastSeen: '2026-11-01T10:00:00.000Z', categoriesShared: [] },
  }),
);
// Started before any test runs (the listing that names it is seeded by the tests).
const vendor = await startReferenceVendor({ issuer, clientId: REFERENCE_LISTING_ID, port, dataDir: vendorDataDir });
after(() => vendor.stop());

const referenceRows = async () => ({
  vendor: await db.selectFrom('vendor').select(['cvr', 'name', 'support_url']).where('cvr', '=', REFERENCE_VENDOR_CVR).execute(),
  version: await db
    .selectFrom('listing_version')
    .select([
      'status',
      'name_da',
      'required_nsis_level',
      'client_auth_method',
      'redirect_uris',
      'jwks_uri',
      'initiate_login_uri',
      'backchannel_logout_uri',
      'deletion_uri',
      'service_url',
      'works_without_data',
    ])
    .where('listing_id', '=', REFERENCE_LISTING_ID)
    .execute(),
  data: await db
    .selectFrom('listing_version_data_category')
    .select(['category', 'legal_basis'])
    .where('version_id', '=', REFERENCE_LISTING_ID)
    .orderBy('category')
    .execute(),
  enabledIn: (
    await db
      .selectFrom('municipality_listing')
      .select('municipality_code')
      .where('listing_id', '=', REFERENCE_LISTING_ID)
      .orderBy('municipality_code')
      .execute()
  ).map((r) => r.municipality_code),
});

test('the demo seed makes the reference vendor’s approved listing only when the app runs it, and again changes nothing', async () => {
  await runSeed(db, [referenceVendorSeed], logger);
  assert.deepEqual((await referenceRows()).version, [], 'without a configured port (tests, production) there is no reference listing');

  await runSeed(db, [referenceVendorSeed], logger, { config: seedConfig });
  const first = await referenceRows();
  assert.ok(isValidCvr(REFERENCE_VENDOR_CVR));
  assert.deepEqual(first.vendor, [
    { cvr: REFERENCE_VENDOR_CVR, name: 'Jobunivers Referenceleverandør (demo)', support_url: 'https://jobunivers.example/platform-header' },
  ]);
  assert.deepEqual(first.version, [
    {
      status: 'approved',
      name_da: 'Referencetjenesten',
      required_nsis_level: 'Substantial',
      client_auth_method: 'private_key_jwt',
      redirect_uris: [`${origin}/callback`],
      jwks_uri: `${origin}/.well-known/jwks.json`,
      initiate_login_uri: `${origin}/login`,
      backchannel_logout_uri: `${origin}/backchannel-logout`,
      deletion_uri: `${origin}/deletion`,
      service_url: 'https://jobunivers.example/referencetjenesten',
      works_without_data: true,
    },
  ]);
  assert.deepEqual(
    first.data,
    ['contact', 'cv', 'job_wishes', 'plan', 'profile'].map((category) => ({ category, legal_basis: 'consent' })),
  );
  assert.deepEqual(first.enabledIn, ['101', '751']);

  await runSeed(db, [referenceVendorSeed], logger, { config: seedConfig });
  assert.deepEqual(await referenceRows(), first);
});

test('the demo seed registers the reference vendor’s webhook endpoint with the secret it is started with, sealed; again changes nothing', async () => {
  await runSeed(db, [referenceVendorSeed], logger, { config: seedConfig });
  const endpointRows = () =>
    db
      .selectFrom('webhook_endpoint as e')
      .innerJoin('vendor as v', 'v.id', 'e.vendor_id')
      .innerJoin('webhook_secret as s', 's.endpoint_id', 'e.id')
      .select(['e.id', 'v.cvr', 'e.url', 'e.event_types', 'e.status', 's.sealed', 's.expires_at'])
      .where('v.cvr', '=', REFERENCE_VENDOR_CVR)
      .orderBy('s.created_at')
      .execute();
  const first = await endpointRows();
  assert.equal(first.length, 1, 'one endpoint with one secret');
  const [row] = first;
  assert.equal(row?.url, `${origin}/webhooks`);
  assert.equal(row.status, 'active');
  assert.deepEqual([...row.event_types].sort(), [
    'consent.withdrawn',
    'deletion.requested',
    'listing.reinstated',
    'listing.suspended',
    'plan.listing-assigned',
  ]);
  const { webhookSecret } = referenceVendorSecrets(config.dataDir);
  assert.ok(!row.sealed.toString('latin1').includes(webhookSecret.slice('whsec_'.length)), 'sealed, not in plain text');
  assert.equal(decryptSecret(config.cookieSecret, row.sealed), webhookSecret, 'the secret the reference vendor is started with');
  assert.equal(row.expires_at, null);

  await runSeed(db, [referenceVendorSeed], logger, { config: seedConfig });
  assert.deepEqual(await endpointRows(), first, 'a second run changes nothing');

  // Another data folder holds another secret: the same endpoint gets it, and the old one stops signing at once.
  const otherDataDir = temporaryFolder('jobunivers-app-');
  await runSeed(db, [referenceVendorSeed], logger, { config: { ...seedConfig, dataDir: otherDataDir } });
  const moved = await endpointRows();
  assert.deepEqual(new Set(moved.map((r) => r.id)), new Set([row.id]));
  const live = moved.filter((r) => r.expires_at === null || r.expires_at > new Date());
  assert.deepEqual(
    live.map((r) => decryptSecret(config.cookieSecret, r.sealed)),
    [referenceVendorSecrets(otherDataDir).webhookSecret],
  );
  await runSeed(db, [referenceVendorSeed], logger, { config: seedConfig });
});

test('the reference vendor publishes its public key only, and starts a login only for the platform’s issuer, with PAR', async () => {
  const jwks = (await (await fetch(`${vendor.baseUrl}/.well-known/jwks.json`)).json()) as { keys: Record<string, unknown>[] };
  assert.equal(jwks.keys.length, 1);
  assert.equal(jwks.keys[0]?.kty, 'EC');
  assert.equal(jwks.keys[0]?.d, undefined, 'never the private key');

  const foreign = await fetch(
    `${vendor.baseUrl}/login?${new URLSearchParams({ iss: 'https://evil.example/oidc', target_link_uri: `${vendor.baseUrl}/` }).toString()}`,
    { redirect: 'manual' },
  );
  assert.equal(foreign.status, 400);
  const missing = await fetch(`${vendor.baseUrl}/login`, { redirect: 'manual' });
  assert.equal(missing.status, 400);

  await runSeed(db, [referenceVendorSeed], logger, { config: seedConfig });
  const login = await fetch(`${vendor.baseUrl}/login?${new URLSearchParams({ iss: issuer, target_link_uri: `${vendor.baseUrl}/` }).toString()}`, {
    redirect: 'manual',
  });
  assert.equal(login.status, 303, vendor.output());
  const location = new URL(login.headers.get('location') ?? '');
  assert.equal(`${location.origin}${location.pathname}`.startsWith(issuer), true, location.href);
  assert.equal(location.searchParams.get('client_id'), REFERENCE_LISTING_ID);
  assert.match(location.searchParams.get('request_uri') ?? '', /^urn:ietf:params:oauth:request_uri:/, 'the request was pushed (PAR)');
  assert.equal(location.searchParams.get('code_challenge'), null, 'nothing but the request_uri travels through the browser');
  assert.match(login.headers.get('set-cookie') ?? '', /^refsvc_login_\d+=[^;]+; Path=\/; HttpOnly; SameSite=Lax/);
});

test('the platform’s deletion request and logout token are verified with its keys; forged ones are refused', async () => {
  const keys = await loadSigningKeys(db, config.cookieSecret);
  const deletionToken = (overrides: { audience?: string } = {}) =>
    signWithPlatformKey(
      keys,
      {
        jti: randomUUID(),
        events: {
          'https://jobunivers.dk/events/deletion-requested': {
            sub: 'pairwise-sub-1',
            reason: 'consent_withdrawn',
            requested_at: Math.floor(Date.now() / 1000),
          },
        },
      },
      { typ: 'secevent+jwt', issuer, audience: overrides.audience ?? REFERENCE_LISTING_ID },
    );
  const postDeletion = (body: string, type = 'application/secevent+jwt') =>
    fetch(`${vendor.baseUrl}/deletion`, { method: 'POST', headers: { 'content-type': type }, body });

  const completed = await postDeletion(await deletionToken());
  assert.equal(completed.status, 200);
  assert.equal(((await completed.json()) as { status: string }).status, 'completed', 'the reference vendor deletes at once');
  assert.deepEqual(Object.keys(JSON.parse(readFileSync(vendorRecords, 'utf8')) as object), ['someone-else'], 'exactly that citizen’s record is gone');
  assert.equal((await postDeletion(await deletionToken())).status, 200, 'again: nothing left, still fine');
  assert.equal((await postDeletion(await deletionToken({ audience: randomUUID() }))).status, 400, 'meant for another service');
  assert.equal((await postDeletion(await deletionToken(), 'application/json')).status, 415);
  // Signed by someone else's key with the right claims.
  const { privateKey } = await (async () => {
    const { generateKeyPairSync } = await import('node:crypto');
    return generateKeyPairSync('ec', { namedCurve: 'P-256' });
  })();
  const forger = await importJWK({ ...privateKey.export({ format: 'jwk' }), alg: 'ES256' }, 'ES256');
  const forged = await new SignJWT({ jti: randomUUID(), events: { 'https://jobunivers.dk/events/deletion-requested': { sub: 'x' } } })
    .setProtectedHeader({ alg: 'ES256', typ: 'secevent+jwt', kid: keys[0]?.kid ?? '' })
    .setIssuer(issuer)
    .setAudience(REFERENCE_LISTING_ID)
    .setIssuedAt()
    .sign(forger);
  assert.equal((await postDeletion(forged)).status, 400);

  const logoutToken = (typ: string) =>
    signWithPlatformKey(
      keys,
      { jti: randomUUID(), sid: 'some-session', events: { 'http://schemas.openid.net/event/backchannel-logout': {} } },
      { typ, issuer, audience: REFERENCE_LISTING_ID },
    );
  const postLogout = async (token: string) =>
    fetch(`${vendor.baseUrl}/backchannel-logout`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ logout_token: token }),
    });
  assert.equal((await postLogout(await logoutToken('logout+jwt'))).status, 200);
  assert.equal((await postLogout(await logoutToken('JWT'))).status, 400, 'another kind of token is not a logout token');
  assert.equal((await postLogout('not-a-token')).status, 400);
});

test('npm start runs the reference vendor beside the app, seeds its listing, and stops it with the app', async () => {
  const database = await createTestDatabase();
  const vendorPort = await freePort();
  const dataDir = temporaryFolder('jobunivers-app-');
  const started = await startApp({
    DATABASE_URL: database.url,
    DATA_DIR: dataDir,
    SEED_DEMO: 'true',
    JOBS_ENABLED: 'false',
    REFERENCE_VENDOR_PORT: String(vendorPort),
  });
  try {
    let health: Response | undefined;
    for (let i = 0; i < 100 && !health?.ok; i++) {
      health = await fetch(`http://127.0.0.1:${vendorPort}/healthz`).catch(() => undefined);
      if (!health?.ok) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.equal(health?.status, 200, started.output());
    const page = await (await fetch(`http://127.0.0.1:${vendorPort}/`)).text();
    assert.match(page, new RegExp(`<script src="${started.baseUrl}/platform-header/v1/jobunivers-header\\.js" defer></script>`));
    const version = await database.db
      .selectFrom('listing_version')
      .select(['status', 'redirect_uris'])
      .where('listing_id', '=', REFERENCE_LISTING_ID)
      .executeTakeFirst();
    assert.deepEqual(version, { status: 'approved', redirect_uris: [`http://127.0.0.1:${vendorPort}/callback`] });

    // Its vendor API client is seeded with the secret the reference vendor was started with (the events API, its feed).
    const secrets = referenceVendorSecrets(dataDir);
    const token = await fetch(`${started.baseUrl}/api/vendor/v1/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: REFERENCE_API_CLIENT_ID, client_secret: secrets.apiClientSecret }),
    });
    assert.equal(token.status, 200);
    // Its webhook endpoint is registered with the webhook secret the reference vendor was started with.
    const endpoints = await database.db
      .selectFrom('webhook_endpoint')
      .innerJoin('webhook_secret', 'webhook_secret.endpoint_id', 'webhook_endpoint.id')
      .select(['url', 'status', 'sealed'])
      .execute();
    assert.deepEqual(
      endpoints.map((e) => ({ url: e.url, status: e.status, secret: decryptSecret(readOrCreateSecret(dataDir, 'cookie-secret'), e.sealed) })),
      [{ url: `http://127.0.0.1:${vendorPort}/webhooks`, status: 'active', secret: secrets.webhookSecret }],
    );

    // It follows the public catalogue feed into a copy of its own, with the cursor kept on disk.
    const stateFile = path.join(dataDir, 'reference-vendor', 'platform.json');
    const readState = () => {
      try {
        return JSON.parse(readFileSync(stateFile, 'utf8')) as {
          cursors: { catalogue?: string };
          catalogue: Record<string, { nameDa: string }>;
          received: { via: string; id: string; type: string }[];
        };
      } catch {
        return undefined;
      }
    };
    for (let i = 0; i < 100 && !readState()?.cursors.catalogue; i++) await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(readState()?.catalogue[REFERENCE_LISTING_ID]?.nameDa, 'Referencetjenesten', started.output());

    // Its webhook endpoint accepts what the independent verifier's signer signs with its secret, once per message id,
    // and refuses a changed body, a stale timestamp and another secret.
    const signer = new Webhook(secrets.webhookSecret);
    const sendWebhook = (id: string, at: Date, body: string, signature = signer.sign(id, at, body)) =>
      fetch(`http://127.0.0.1:${vendorPort}/webhooks`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'webhook-id': id,
          'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
          'webhook-signature': signature,
        },
        body,
      });
    const body = JSON.stringify({ type: 'listing.suspended', timestamp: new Date().toISOString(), data: { listingId: REFERENCE_LISTING_ID } });
    assert.equal((await sendWebhook('msg_reference_1', new Date(), body)).status, 204);
    assert.equal((await sendWebhook('msg_reference_1', new Date(), body)).status, 204, 'a retry is acknowledged');
    assert.equal((await sendWebhook('msg_reference_2', new Date(), body, signer.sign('msg_reference_2', new Date(), `${body} `))).status, 401);
    const stale = new Date(Date.now() - 6 * 60_000);
    assert.equal((await sendWebhook('msg_reference_3', stale, body)).status, 401);
    const stranger = new Webhook(`whsec_${Buffer.alloc(32, 7).toString('base64')}`);
    assert.equal((await sendWebhook('msg_reference_4', new Date(), body, stranger.sign('msg_reference_4', new Date(), body))).status, 401);
    assert.deepEqual(
      readState()
        ?.received.filter((r) => r.via === 'webhook')
        .map((r) => [r.id, r.type]),
      [['msg_reference_1', 'listing.suspended']],
    );
  } finally {
    assert.equal(await started.stop(), 0);
  }
  const afterStop = await fetch(`http://127.0.0.1:${vendorPort}/healthz`).catch(() => undefined);
  assert.equal(afterStop, undefined, 'the reference vendor stopped with the app');
});
