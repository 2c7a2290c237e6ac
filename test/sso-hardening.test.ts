// The OpenID Provider under pressure (issue 12): a code redeemed by token requests racing each other gives one token
// set and then loses it (every token from the code revoked); a wrong PKCE verifier burns the code; auth_time is when
// the citizen signed in, and prompt=login / max_age send them to sign in again; PAR and token requests are rate
// limited per client and per address; discovery advertises only what a client can use.
import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, test } from 'node:test';
import { sql } from 'kysely';
import { SignJWT } from 'jose';
import * as oidc from 'openid-client';
import type { Principal } from '../src/platform/auth/principal.ts';
import { createTestApp } from './support/app.ts';
import { createCitizen, createSession, principalFor } from './support/factories.ts';
import {
  authorize,
  type Browser,
  type Launch,
  pushAuthorization,
  redeemCode,
  relyingParty,
  signedInBrowser,
  startVendorServer,
  tokensFrom,
  vendorListing,
  type VendorListing,
} from './support/sso-rp.ts';

const unlimited = {
  RATE_LIMIT_FORMS_PER_MINUTE: '100000',
  RATE_LIMIT_API_PER_MINUTE: '100000',
  RATE_LIMIT_OIDC_PER_MINUTE: '100000',
  RATE_LIMIT_OIDC_ADDRESS_PER_MINUTE: '100000',
};
const { config, db } = await createTestApp({ listen: true, env: unlimited });
const issuer = `${config.baseUrl}/oidc`;
const profileUrl = new URL(`${config.baseUrl}/api/vendor/v1/citizen/profile`);
const vendorServer = await startVendorServer();
after(() => vendorServer.close());

const citizen = await createCitizen(db, { municipalityCode: '101' });
const citizenPrincipal = principalFor('citizen', { municipalityCode: '101', citizenId: citizen.id, nsisLevel: 'Substantial' });

/** A platform session of the citizen whose sign-in at the IdP was at `signedInAt` (whole seconds, as auth_time). */
async function sessionSignedInAt(principal: Principal, signedInAt: Date): Promise<string> {
  const token = await createSession(db, principal);
  await sql`update session set created_at = ${signedInAt}, auth_time = ${signedInAt} where token_hash = ${createHash('sha256').update(token).digest()}`.execute(
    db,
  );
  return token;
}

const wholeSecond = (ms = Date.now()) => new Date(Math.floor(ms / 1000) * 1000);
const epoch = (date: Date) => date.getTime() / 1000;

/** A Data API call as a vendor's service makes it; a refusal as status and error. */
async function dataApi(rp: oidc.Configuration, accessToken: string, dpop: oidc.DPoPHandle): Promise<{ status: number; error?: string | undefined }> {
  try {
    const response = await oidc.fetchProtectedResource(rp, accessToken, profileUrl, 'GET', undefined, undefined, { DPoP: dpop });
    return { status: response.status };
  } catch (error) {
    if (!(error instanceof oidc.WWWAuthenticateChallengeError)) throw error;
    return { status: error.status, error: error.cause[0]?.parameters.error };
  }
}

const tokenRows = (listing: VendorListing) =>
  db.selectFrom('oidc_model').select(['kind', 'id']).where('kind', 'in', ['AccessToken', 'RefreshToken']).where('client_id', '=', listing.listingId).execute();

const redeemWithVerifier = (launch: Launch, callback: string, verifier: string) =>
  oidc.authorizationCodeGrant(
    launch.config,
    new URL(callback),
    { pkceCodeVerifier: verifier, expectedState: launch.state, expectedNonce: launch.nonce },
    undefined,
    { DPoP: launch.dpop },
  );

const isInvalidGrant = (error: { error?: string }) => error.error === 'invalid_grant';

test('discovery advertises only the grant, response type, client authentication and signing algorithms a client can use', async () => {
  const discovery = (await (await fetch(`${issuer}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
  assert.deepEqual(discovery.grant_types_supported, ['authorization_code']);
  assert.deepEqual(discovery.response_types_supported, ['code']);
  assert.deepEqual([...(discovery.token_endpoint_auth_methods_supported as string[])].sort(), ['client_secret_basic', 'private_key_jwt']);
  assert.deepEqual(discovery.id_token_signing_alg_values_supported, ['ES256']);
  const algorithmLists = Object.entries(discovery).filter(([name]) => name.endsWith('_alg_values_supported'));
  assert.ok(algorithmLists.length > 0);
  for (const [name, values] of algorithmLists) {
    assert.ok(Array.isArray(values) && values.length > 0, name);
    for (const alg of values as string[]) assert.ok(!/^HS/.test(alg) && alg !== 'none', `${name} advertises ${alg}`);
  }
  assert.deepEqual(discovery.code_challenge_methods_supported, ['S256']);
});

test('three token requests racing for one code, ten times: exactly one token set each time, and every token from the code is then revoked', async () => {
  const listing = await vendorListing(db, vendorServer);
  for (let attempt = 0; attempt < 10; attempt++) {
    const { page, launch, rp } = await authorize(issuer, listing, signedInBrowser(config.baseUrl, await createSession(db, citizenPrincipal)));
    const callback = page.location ?? '';
    assert.ok(new URL(callback).searchParams.has('code'), `attempt ${attempt}: a code`);
    // Each request with its own client assertion, DPoP proof and the right verifier.
    const results = await Promise.allSettled([1, 2, 3].map(() => redeemCode(launch, callback)));
    const issued = results.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
    assert.equal(issued.length, 1, `attempt ${attempt}: ${issued.length} token sets`);
    for (const result of results)
      if (result.status === 'rejected') assert.ok(isInvalidGrant(result.reason as { error?: string }), `attempt ${attempt}: ${String(result.reason)}`);
    assert.deepEqual(await tokenRows(listing), [], `attempt ${attempt}: tokens left`);
    assert.deepEqual(await dataApi(rp, issued[0]?.access_token ?? '', launch.dpop), { status: 401, error: 'invalid_token' });
  }
});

test('a wrong PKCE verifier burns the code: the right verifier is refused afterwards and no token is issued', async () => {
  const listing = await vendorListing(db, vendorServer);
  const { page, launch } = await authorize(issuer, listing, signedInBrowser(config.baseUrl, await createSession(db, citizenPrincipal)));
  await assert.rejects(redeemWithVerifier(launch, page.location ?? '', oidc.randomPKCECodeVerifier()), isInvalidGrant);
  await assert.rejects(redeemCode(launch, page.location ?? ''), isInvalidGrant);
  assert.deepEqual(await tokenRows(listing), []);
});

test('a wrong PKCE verifier for a code already redeemed revokes the tokens it gave', async () => {
  const listing = await vendorListing(db, vendorServer);
  const result = await authorize(issuer, listing, signedInBrowser(config.baseUrl, await createSession(db, citizenPrincipal)));
  const tokens = await tokensFrom(result);
  assert.equal((await dataApi(result.rp, tokens.access_token, result.launch.dpop)).status, 403, 'a live token (without the profile scope)');
  await assert.rejects(redeemWithVerifier(result.launch, result.page.location ?? '', oidc.randomPKCECodeVerifier()), isInvalidGrant);
  assert.deepEqual(await dataApi(result.rp, tokens.access_token, result.launch.dpop), { status: 401, error: 'invalid_token' });
  assert.deepEqual(await tokenRows(listing), []);
});

/** An authorization request with extra parameters, followed to the interaction's answer (not further). */
async function startAuthorization(listing: VendorListing, browser: Browser, extra: Record<string, string>) {
  const rp = await relyingParty(issuer, listing.listingId, listing.key);
  const { url, launch } = await pushAuthorization(rp, { redirectUri: listing.redirectUri, scope: 'openid', extra });
  const first = await browser.request(url.href);
  const interaction =
    first.location && new URL(first.location, config.baseUrl).pathname.startsWith('/oidc-interaktion/') ? await browser.request(first.location) : undefined;
  return { rp, launch, first, interaction };
}

/** Where the interaction sends the citizen to sign in again; fails when it does not. */
function freshSignIn(page: { status: number; location?: string | undefined } | undefined): { back: string } {
  assert.equal(page?.status, 303, 'the interaction redirects');
  const target = new URL(page?.location ?? '', config.baseUrl);
  assert.equal(target.pathname, '/log-ind/borger');
  assert.equal(target.searchParams.get('genlogin'), '1');
  const back = target.searchParams.get('tilbage') ?? '';
  assert.match(back, /^\/oidc-interaktion\/[\w-]+/);
  return { back };
}

test('auth_time is when the citizen signed in; prompt=login and max_age send them to sign in again, a plain launch does not', async () => {
  const listing = await vendorListing(db, vendorServer);
  const signedInLongAgo = wholeSecond(Date.now() - 10 * 60_000);
  const browser = signedInBrowser(config.baseUrl, await sessionSignedInAt(citizenPrincipal, signedInLongAgo));

  const first = await tokensFrom(await authorize(issuer, listing, browser));
  assert.equal(first.claims()?.auth_time, epoch(signedInLongAgo), 'the sign-in time, not the hand-over');
  const repeated = await tokensFrom(await authorize(issuer, listing, browser));
  assert.equal(repeated.claims()?.auth_time, epoch(signedInLongAgo), 'a plain repeat keeps the sign-in time');

  // prompt=login: sign in again (identity's part is simulated by a new session) and come back to the interaction.
  const withLogin = await startAuthorization(listing, browser, { prompt: 'login' });
  const { back } = freshSignIn(withLogin.interaction);
  const signedInAgain = wholeSecond();
  browser.setCookie('jobunivers-session', await sessionSignedInAt(citizenPrincipal, signedInAgain));
  const afterLogin = await tokensFrom({ page: await browser.follow(back), launch: withLogin.launch });
  assert.equal(afterLogin.claims()?.auth_time, epoch(signedInAgain));

  // max_age=1 once that sign-in is more than a second old.
  while (Date.now() / 1000 - epoch(signedInAgain) < 2.2) await sleep(200);
  const withMaxAge = await startAuthorization(listing, browser, { max_age: '1' });
  const again = freshSignIn(withMaxAge.interaction);
  const signedInThird = wholeSecond();
  browser.setCookie('jobunivers-session', await sessionSignedInAt(citizenPrincipal, signedInThird));
  const afterMaxAge = await tokensFrom({ page: await browser.follow(again.back), launch: withMaxAge.launch });
  assert.equal(afterMaxAge.claims()?.auth_time, epoch(signedInThird));
});

test('coming back from the sign-in still with an old sign-in ends the authorization with login_required, not in a loop', async () => {
  const listing = await vendorListing(db, vendorServer);
  const browser = signedInBrowser(config.baseUrl, await sessionSignedInAt(citizenPrincipal, wholeSecond(Date.now() - 60_000)));
  await tokensFrom(await authorize(issuer, listing, browser));
  const withLogin = await startAuthorization(listing, browser, { prompt: 'login' });
  const { back } = freshSignIn(withLogin.interaction);
  const page = await browser.follow(back);
  const callback = new URL(page.location ?? '');
  assert.ok(callback.href.startsWith(listing.redirectUri), `to the vendor: ${callback.href}`);
  assert.equal(callback.searchParams.get('error'), 'login_required');
});

test('prompt=none with a max_age the sign-in is older than answers login_required', async () => {
  const listing = await vendorListing(db, vendorServer);
  const browser = signedInBrowser(config.baseUrl, await sessionSignedInAt(citizenPrincipal, wholeSecond(Date.now() - 60_000)));
  await tokensFrom(await authorize(issuer, listing, browser));
  const silent = await startAuthorization(listing, browser, { prompt: 'none', max_age: '30' });
  const callback = new URL(silent.first.location ?? '');
  assert.ok(callback.href.startsWith(listing.redirectUri));
  assert.equal(callback.searchParams.get('error'), 'login_required');
  assert.equal(callback.searchParams.get('code'), null);
});

// A second app whose OpenID Provider allows 5 requests a minute per client and 8 per address, behind a trusted proxy
// (the address is X-Forwarded-For's).
const limited = await createTestApp({ listen: true, env: { TRUST_PROXY: 'true', RATE_LIMIT_OIDC_PER_MINUTE: '5', RATE_LIMIT_OIDC_ADDRESS_PER_MINUTE: '8' } });
const limitedIssuer = `${limited.config.baseUrl}/oidc`;

/** A pushed authorization request of `listing` (its own client assertion) from `address`. */
async function pushFrom(listing: VendorListing, address: string) {
  const now = Math.floor(Date.now() / 1000);
  const assertion = await new SignJWT({ jti: randomUUID() })
    .setProtectedHeader({ alg: 'ES256', kid: listing.key.kid })
    .setIssuer(listing.listingId)
    .setSubject(listing.listingId)
    .setAudience(limitedIssuer)
    .setIssuedAt(now)
    .setExpirationTime(now + 60)
    .sign(listing.key.privateKey);
  const body = new URLSearchParams({
    client_id: listing.listingId,
    redirect_uri: listing.redirectUri,
    response_type: 'code',
    scope: 'openid',
    code_challenge: await oidc.calculatePKCECodeChallenge(oidc.randomPKCECodeVerifier()),
    code_challenge_method: 'S256',
    client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
    client_assertion: assertion,
  });
  const response = await fetch(`${limitedIssuer}/request`, { method: 'POST', headers: { accept: 'application/json', 'x-forwarded-for': address }, body });
  return {
    status: response.status,
    retryAfter: response.headers.get('retry-after'),
    contentType: response.headers.get('content-type') ?? '',
    body: (await response.json()) as { error?: string },
  };
}

test('PAR is rate limited per client: the sixth request in a minute gets 429 with Retry-After, another client does not', async () => {
  const [busy, other] = [await vendorListing(limited.db, vendorServer), await vendorListing(limited.db, vendorServer)];
  for (let i = 1; i <= 5; i++) assert.equal((await pushFrom(busy, `10.0.0.${i}`)).status, 201, `request ${i}`);
  const refused = await pushFrom(busy, '10.0.0.6');
  assert.equal(refused.status, 429);
  assert.ok(Number(refused.retryAfter) > 0 && Number(refused.retryAfter) <= 60, `Retry-After: ${refused.retryAfter}`);
  assert.match(refused.contentType, /json/);
  assert.equal(refused.body.error, 'slow_down');
  assert.equal((await pushFrom(other, '10.0.0.7')).status, 201, 'another client');
});

test('PAR and token requests are rate limited per address: the ninth in a minute gets 429 with Retry-After, another address does not', async () => {
  const listings = [
    await vendorListing(limited.db, vendorServer),
    await vendorListing(limited.db, vendorServer),
    await vendorListing(limited.db, vendorServer),
  ];
  for (let i = 0; i < 8; i++) assert.equal((await pushFrom(listings[i % 2] as VendorListing, '10.0.1.1')).status, 201, `request ${i + 1}`);
  const refused = await pushFrom(listings[2] as VendorListing, '10.0.1.1');
  assert.equal(refused.status, 429);
  assert.ok(Number(refused.retryAfter) > 0, `Retry-After: ${refused.retryAfter}`);
  assert.equal(refused.body.error, 'slow_down');
  const token = await fetch(`${limitedIssuer}/token`, {
    method: 'POST',
    headers: { accept: 'application/json', 'x-forwarded-for': '10.0.1.1' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code: 'x' }),
  });
  assert.equal(token.status, 429, 'the token endpoint too');
  assert.ok(Number(token.headers.get('retry-after')) > 0);
  assert.equal((await pushFrom(listings[2] as VendorListing, '10.0.1.2')).status, 201, 'another address');
});
