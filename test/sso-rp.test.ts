// An independent relying party (openid-client 6) against the real app over real HTTP: discovery, PAR,
// authorization code + PKCE, private_key_jwt with keys from the listing's jwks_uri, a DPoP-bound token, userinfo,
// and a call to a Data API route with the token; a citizen with a platform session drives the browser's part.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import * as oidc from 'openid-client';
import { pairwiseSubject } from '../src/platform/crypto/pairwise.ts';
import { principalOf } from '../src/platform/http/access.ts';
import type { RouteModule } from '../src/platform/http/app.ts';
import { createTestApp } from './support/app.ts';
import { createApprovedListing, createCitizen, createSession, principalFor } from './support/factories.ts';
import { Browser, csrfOf, pushAuthorization, redeemCode, relyingParty, startVendorServer, vendorClientKey } from './support/sso-rp.ts';

// A route only this test has: what the access check makes of a vendor's DPoP-bound token.
const whoAmI: RouteModule = (app) => {
  app.get('/api/vendor/v1/test-sso/whoami', { config: { access: { roles: ['vendor_service'], level: 'Low' } } }, async (request) => principalOf(request));
};

const { config, db } = await createTestApp({
  listen: true,
  extraRoutes: [whoAmI],
  env: { RATE_LIMIT_FORMS_PER_MINUTE: '100000', RATE_LIMIT_API_PER_MINUTE: '100000' },
});
const issuer = `${config.baseUrl}/oidc`;
const vendorServer = await startVendorServer();
after(() => vendorServer.close());

const citizen = await createCitizen(db, { municipalityCode: '101', name: 'Karen Testesen Hansen' });
const sessionToken = await createSession(db, principalFor('citizen', { municipalityCode: '101', citizenId: citizen.id, nsisLevel: 'Substantial' }));

async function vendorListing(options: { vendorId?: string } = {}) {
  const key = await vendorClientKey(vendorServer);
  const redirectUri = `${vendorServer.origin}/callback/${key.kid}`;
  const listing = await createApprovedListing(db, { vendorId: options.vendorId, redirectUris: [redirectUri], jwksUri: key.jwksUri, enabledIn: ['101'] });
  return { ...listing, key, redirectUri };
}

async function signIn(listing: Awaited<ReturnType<typeof vendorListing>>, scope = 'openid') {
  const rp = await relyingParty(issuer, listing.listingId, listing.key);
  const { url, launch } = await pushAuthorization(rp, { redirectUri: listing.redirectUri, scope });
  const browser = new Browser(issuer);
  browser.setCookie('jobunivers-session', sessionToken);
  const page = await browser.follow(url.href);
  const callback = page.location ?? '';
  assert.ok(
    callback.startsWith(listing.redirectUri),
    `the browser should end at the vendor's callback, got ${page.status} ${page.location ?? page.url}\n${page.body.slice(0, 500)}`,
  );
  const tokens = await redeemCode(launch, callback);
  return { rp, launch, tokens, visited: page.visited };
}

test('discovery: issuer, PAR required, DPoP, PKCE S256, pairwise subjects, NSIS acr values, ES256 id tokens', async () => {
  const listing = await vendorListing();
  const rp = await relyingParty(issuer, listing.listingId, listing.key);
  const metadata = rp.serverMetadata();
  assert.equal(metadata.issuer, issuer);
  assert.equal(metadata.require_pushed_authorization_requests, true);
  assert.ok(metadata.pushed_authorization_request_endpoint);
  assert.ok(metadata.dpop_signing_alg_values_supported?.includes('ES256'));
  assert.deepEqual(metadata.code_challenge_methods_supported, ['S256']);
  assert.deepEqual(metadata.subject_types_supported, ['pairwise']);
  assert.ok((metadata.acr_values_supported ?? []).includes('https://data.gov.dk/concept/core/nsis/loa/Substantial'));
  assert.ok(metadata.id_token_signing_alg_values_supported?.includes('ES256'));
  const jwks = (await (await fetch(String(metadata.jwks_uri))).json()) as { keys: { kid: string; d?: string }[] };
  const published = await db.selectFrom('oidc_signing_key').select('kid').where('status', 'in', ['active', 'previous']).execute();
  assert.deepEqual(jwks.keys.map((k) => k.kid).sort(), published.map((k) => k.kid).sort());
  assert.ok(
    jwks.keys.every((k) => k.d === undefined),
    'no private key material in the JWKS',
  );
});

test('a vendor service signs a citizen in: PAR, code + PKCE, private_key_jwt, DPoP-bound token, userinfo, the Data API principal', async () => {
  const listing = await vendorListing();
  const { rp, launch, tokens, visited } = await signIn(listing);
  assert.ok(
    visited.some((url) => url.includes('/oidc-interaktion/')),
    'the authorization passes the platform interaction',
  );
  assert.equal(tokens.token_type.toLowerCase(), 'dpop');
  const claims = tokens.claims();
  assert.ok(claims);
  assert.equal(claims.sub, pairwiseSubject(config, listing.vendorId, citizen.id));
  assert.notEqual(claims.sub, citizen.id);
  assert.equal(claims.acr, 'https://data.gov.dk/concept/core/nsis/loa/Substantial');
  assert.equal(claims.name, undefined, 'no name without consent to the profile');

  const userinfo = await oidc.fetchUserInfo(rp, tokens.access_token, claims.sub, { DPoP: launch.dpop });
  assert.equal(userinfo.sub, claims.sub);
  assert.equal(userinfo.name, undefined);

  const stored = await db
    .selectFrom('oidc_model')
    .select(['payload', 'account_id', 'client_id'])
    .where('kind', '=', 'AccessToken')
    .where('id', '=', tokens.access_token)
    .executeTakeFirstOrThrow();
  assert.equal(stored.account_id, citizen.id);
  assert.equal(stored.client_id, listing.listingId);
  assert.equal(typeof (stored.payload as { jkt?: unknown }).jkt, 'string');

  const response = await oidc.fetchProtectedResource(
    rp,
    tokens.access_token,
    new URL(`${config.baseUrl}/api/vendor/v1/test-sso/whoami`),
    'GET',
    undefined,
    undefined,
    { DPoP: launch.dpop },
  );
  assert.equal(response.status, 200);
  const principal = (await response.json()) as Record<string, unknown>;
  assert.deepEqual(principal.roles, ['vendor_service']);
  assert.equal(principal.citizenId, citizen.id);
  assert.equal(principal.nsisLevel, 'Substantial');
  assert.equal((principal.municipality as { code?: string } | undefined)?.code, '101');
  assert.deepEqual(principal.service, { listingId: listing.listingId, clientId: listing.listingId, scopes: ['openid'] });
  assert.equal(principal.subject, `client:${listing.listingId}`);
});

test('the pairwise sub is stable on repeat and differs between vendors, and is the same for two services of one vendor', async () => {
  const a = await vendorListing();
  const aAgain = await signIn(a);
  const aFirst = await signIn(a);
  const b = await vendorListing();
  const bSignIn = await signIn(b);
  const aSecondService = await vendorListing({ vendorId: a.vendorId });
  const aOther = await signIn(aSecondService);
  const sub = (s: { tokens: { claims(): { sub: string } | undefined } }) => s.tokens.claims()?.sub;
  assert.equal(sub(aAgain), sub(aFirst));
  assert.notEqual(sub(aFirst), sub(bSignIn));
  assert.equal(sub(aOther), sub(aFirst));
});

test('signing out of the platform ends the vendor session: the vendor gets a signed back-channel logout token', async () => {
  const key = await vendorClientKey(vendorServer);
  const redirectUri = `${vendorServer.origin}/callback/${key.kid}`;
  const created = await createApprovedListing(db, {
    redirectUris: [redirectUri],
    jwksUri: key.jwksUri,
    enabledIn: ['101'],
    backchannelLogoutUri: `${vendorServer.origin}/backchannel-logout`,
  });
  const listing = { ...created, key, redirectUri };
  // A citizen of their own: another live platform session of the same citizen would keep the vendor sessions.
  const leaving = await createCitizen(db, { municipalityCode: '101' });
  const ownSession = await createSession(db, principalFor('citizen', { municipalityCode: '101', citizenId: leaving.id, nsisLevel: 'Substantial' }));
  const rp = await relyingParty(issuer, listing.listingId, listing.key);
  const { url, launch } = await pushAuthorization(rp, { redirectUri: listing.redirectUri, scope: 'openid' });
  const browser = new Browser(config.baseUrl);
  browser.setCookie('jobunivers-session', ownSession);
  const page = await browser.follow(url.href);
  const tokens = await redeemCode(launch, page.location ?? '');
  const sub = tokens.claims()?.sub;
  const sid = tokens.claims()?.sid;
  assert.ok(sid, 'the id token carries the session id the logout will name');

  const before = vendorServer.logoutTokens.length;
  const form = await browser.request('/tilgaengelighed');
  const signedOut = await browser.request('/log-af', { form: { _csrf: csrfOf(form.body) } });
  assert.equal(signedOut.status, 303);
  for (let i = 0; i < 50 && vendorServer.logoutTokens.length === before; i++) await sleep(100);
  const logoutToken = vendorServer.logoutTokens.at(-1);
  assert.ok(logoutToken && vendorServer.logoutTokens.length > before, 'the vendor heard of the sign-out');
  const { payload } = await jwtVerify(logoutToken, createRemoteJWKSet(new URL(`${issuer}/jwks`)), { issuer, audience: listing.listingId });
  assert.equal(payload.sub, sub);
  assert.equal(payload.sid, sid);
  assert.ok((payload.events as Record<string, unknown>)['http://schemas.openid.net/event/backchannel-logout']);
  const left = await db.selectFrom('oidc_model').select('id').where('kind', '=', 'Session').where('account_id', '=', leaving.id).execute();
  assert.equal(left.length, 0, "the provider's sessions of the citizen are gone");
});
