// What the single sign-on refuses, each with the error a vendor's developer can act on: an access token without
// its DPoP proof, with a proof from another key, replayed or for another request, sent as a Bearer token, expired or
// revoked; vendor A's token for what the citizen gave vendor B; an unregistered redirect URI at PAR; a code without
// its PKCE verifier or without DPoP; an authorization request not pushed; a Low session at a Substantial listing;
// a client assertion or DPoP proof sent to the provider twice.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, test } from 'node:test';
import { sql } from 'kysely';
import { SignJWT } from 'jose';
import * as oidc from 'openid-client';
import { revokeVendorAccess } from '../src/modules/sso/index.ts';
import { createTestApp } from './support/app.ts';
import { createCitizen, createSession, principalFor, type ApprovedListingOptions } from './support/factories.ts';
import {
  authorize,
  type Browser,
  csrfOf,
  pushAuthorization,
  relyingParty,
  signedInBrowser,
  startVendorServer,
  tokensFrom,
  vendorListing as registerListing,
  type VendorListing,
} from './support/sso-rp.ts';

const { config, db, changes } = await createTestApp({ listen: true, env: { RATE_LIMIT_FORMS_PER_MINUTE: '100000', RATE_LIMIT_API_PER_MINUTE: '100000' } });
const issuer = `${config.baseUrl}/oidc`;
const profileUrl = new URL(`${config.baseUrl}/api/vendor/v1/citizen/profile`);
const vendorServer = await startVendorServer();
after(() => vendorServer.close());

const citizen = await createCitizen(db, { municipalityCode: '101' });
const session = await createSession(db, principalFor('citizen', { municipalityCode: '101', citizenId: citizen.id, nsisLevel: 'Substantial' }));
const profileData = [{ category: 'profile', purpose: 'At tiltale dig ved navn' }];

const vendorListing = (options: Partial<ApprovedListingOptions> = {}): Promise<VendorListing> => registerListing(db, vendorServer, options);
const signedIn = (token = session): Browser => signedInBrowser(config.baseUrl, token);

/** A signed-in vendor service: its tokens and DPoP handle, the citizen having accepted the listing's categories. */
async function signedInService(listing: VendorListing, scope = 'openid') {
  const browser = signedIn();
  const result = await authorize(issuer, listing, browser, scope);
  if (result.page.status === 200 && result.page.body.includes('name="decision"')) {
    const uid = /\/oidc-interaktion\/([\w-]+)/.exec(result.page.url)?.[1] ?? '';
    result.page = await browser.follow(`/oidc-interaktion/${uid}/samtykke`, { form: { _csrf: csrfOf(result.page.body), decision: 'accepted' } });
  }
  const tokens = await tokensFrom(result);
  return { ...result, tokens };
}

async function call(url: URL, headers: Record<string, string>) {
  const response = await fetch(url, { headers: { accept: 'application/json', ...headers } });
  return { status: response.status, wwwAuthenticate: response.headers.get('www-authenticate') ?? '', body: (await response.json()) as { code?: string } };
}

/** A Data API call as a vendor's service makes it (openid-client adds the proof); a refusal as status and error. */
async function dataApi(
  rp: oidc.Configuration,
  accessToken: string,
  dpop: oidc.DPoPHandle,
  url = profileUrl,
): Promise<{ status: number; error?: string | undefined }> {
  try {
    const response = await oidc.fetchProtectedResource(rp, accessToken, url, 'GET', undefined, undefined, { DPoP: dpop });
    return { status: response.status };
  } catch (error) {
    if (!(error instanceof oidc.WWWAuthenticateChallengeError)) throw error;
    return { status: error.status, error: error.cause[0]?.parameters.error };
  }
}

const listingA = await vendorListing({ dataCategories: profileData });
const serviceA = await signedInService(listingA, 'openid jobunivers:profile');

test('the Data API answers a DPoP-bound token with its proof (the baseline the refusals below differ from)', async () => {
  const response = await dataApi(serviceA.rp, serviceA.tokens.access_token, serviceA.launch.dpop);
  assert.equal(response.status, 200);
});

test('a token without a DPoP proof is refused: invalid_dpop_proof', async () => {
  const response = await call(profileUrl, { authorization: `DPoP ${serviceA.tokens.access_token}` });
  assert.equal(response.status, 401);
  assert.match(response.wwwAuthenticate, /^DPoP error="invalid_dpop_proof"/);
  assert.equal(response.body.code, 'UNAUTHENTICATED');
});

test('a proof signed by another key than the token is bound to is refused: invalid_dpop_proof', async () => {
  const otherKey = oidc.getDPoPHandle(serviceA.rp, await oidc.randomDPoPKeyPair('ES256'));
  assert.deepEqual(await dataApi(serviceA.rp, serviceA.tokens.access_token, otherKey), { status: 401, error: 'invalid_dpop_proof' });
});

test('a proof used twice, or made for another address, is refused: invalid_dpop_proof', async () => {
  let proof = '';
  const capture: typeof fetch = async (input, init) => {
    proof = new Headers(init?.headers).get('dpop') ?? '';
    return fetch(input, init);
  };
  const first = await oidc.fetchProtectedResource(serviceA.rp, serviceA.tokens.access_token, profileUrl, 'GET', undefined, undefined, {
    DPoP: serviceA.launch.dpop,
    [oidc.customFetch]: capture,
  } as oidc.DPoPOptions);
  assert.equal(first.status, 200);
  const replay = await call(profileUrl, { authorization: `DPoP ${serviceA.tokens.access_token}`, dpop: proof });
  assert.equal(replay.status, 401);
  assert.match(replay.wwwAuthenticate, /invalid_dpop_proof/);
  // The same kind of proof, made for /contact, sent to /profile.
  await oidc.fetchProtectedResource(
    serviceA.rp,
    serviceA.tokens.access_token,
    new URL(`${config.baseUrl}/api/vendor/v1/citizen/contact`),
    'GET',
    undefined,
    undefined,
    { DPoP: serviceA.launch.dpop, [oidc.customFetch]: capture } as oidc.DPoPOptions,
  );
  await db.deleteFrom('oidc_model').where('kind', '=', 'DPoPProof').execute();
  const elsewhere = await call(profileUrl, { authorization: `DPoP ${serviceA.tokens.access_token}`, dpop: proof });
  assert.equal(elsewhere.status, 401);
  assert.match(elsewhere.wwwAuthenticate, /invalid_dpop_proof/);
});

test('a DPoP-bound token sent as a Bearer token is refused', async () => {
  const response = await call(profileUrl, { authorization: `Bearer ${serviceA.tokens.access_token}` });
  assert.equal(response.status, 401);
  assert.equal(response.body.code, 'UNAUTHENTICATED');
});

test('vendor A’s token does not read what the citizen gave vendor B', async () => {
  const listingB = await vendorListing({ dataCategories: profileData });
  const serviceB = await signedInService(listingB, 'openid jobunivers:profile');
  const asB = await dataApi(serviceB.rp, serviceB.tokens.access_token, serviceB.launch.dpop);
  assert.equal(asB.status, 200);
  // Vendor A's service without the profile: its token is its own listing's, whatever the citizen gave B.
  const listingC = await vendorListing({ vendorId: listingA.vendorId });
  const serviceC = await signedInService(listingC, 'openid');
  const asC = await dataApi(serviceC.rp, serviceC.tokens.access_token, serviceC.launch.dpop);
  assert.equal(asC.status, 403);
  // B's token with A's key (as if A had stolen it) is not B's: the proof's key does not match.
  assert.deepEqual(await dataApi(serviceA.rp, serviceB.tokens.access_token, serviceA.launch.dpop), { status: 401, error: 'invalid_dpop_proof' });
  assert.notEqual(serviceB.tokens.claims()?.sub, serviceA.tokens.claims()?.sub, 'pairwise: B and A know the citizen by different subjects');
});

test('an expired token is refused: invalid_token', async () => {
  const service = await signedInService(await vendorListing());
  await db
    .updateTable('oidc_model')
    .set({ expires_at: sql<Date>`now() - interval '1 second'` })
    .where('kind', '=', 'AccessToken')
    .where('id', '=', service.tokens.access_token)
    .execute();
  assert.deepEqual(await dataApi(service.rp, service.tokens.access_token, service.launch.dpop), { status: 401, error: 'invalid_token' });
});

test('a revoked token (revokeVendorAccess, as on withdrawal) is refused at once: invalid_token', async () => {
  const listing = await vendorListing({ dataCategories: profileData });
  const service = await signedInService(listing, 'openid jobunivers:profile');
  const before = await dataApi(service.rp, service.tokens.access_token, service.launch.dpop);
  assert.equal(before.status, 200);
  assert.ok((await revokeVendorAccess({ db, changes }, citizen.id, listing.vendorId)) > 0);
  const afterRevocation = await dataApi(service.rp, service.tokens.access_token, service.launch.dpop);
  assert.deepEqual(afterRevocation, { status: 401, error: 'invalid_token' });
  await assert.rejects(oidc.fetchUserInfo(service.rp, service.tokens.access_token, service.tokens.claims()?.sub ?? '', { DPoP: service.launch.dpop }));
});

test('an unregistered redirect URI is refused at PAR: invalid_request naming the redirect_uri', async () => {
  const listing = await vendorListing();
  const rp = await relyingParty(issuer, listing.listingId, listing.key);
  await assert.rejects(
    pushAuthorization(rp, { redirectUri: `${vendorServer.origin}/somewhere-else`, scope: 'openid' }),
    (error: { error?: string; error_description?: string }) =>
      error.error === 'invalid_request' && /redirect_uri did not match/.test(error.error_description ?? ''),
  );
});

test('an authorization request that was not pushed is refused', async () => {
  const listing = await vendorListing();
  const url = new URL(`${issuer}/auth`);
  url.search = new URLSearchParams({
    client_id: listing.listingId,
    redirect_uri: listing.redirectUri,
    response_type: 'code',
    scope: 'openid',
    code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    code_challenge_method: 'S256',
  }).toString();
  const page = await signedIn().request(url.href);
  assert.ok(!page.location?.includes('code='), 'no code');
  assert.ok(page.status === 400 || (page.location ?? '').includes('error=invalid_request'), `got ${page.status} ${page.location ?? ''}`);
});

test('a code without its PKCE verifier is refused at the token endpoint: invalid_grant', async () => {
  const listing = await vendorListing();
  const { page, launch } = await authorize(issuer, listing, signedIn());
  await assert.rejects(
    oidc.authorizationCodeGrant(launch.config, new URL(page.location ?? ''), { expectedState: launch.state, expectedNonce: launch.nonce }, undefined, {
      DPoP: launch.dpop,
    }),
    (error: { error?: string }) => error.error === 'invalid_grant',
  );
});

test('a code redeemed without a DPoP proof is refused: no unbound token is ever issued', async () => {
  const listing = await vendorListing();
  const { page, launch } = await authorize(issuer, listing, signedIn());
  await assert.rejects(
    oidc.authorizationCodeGrant(launch.config, new URL(page.location ?? ''), {
      pkceCodeVerifier: launch.verifier,
      expectedState: launch.state,
      expectedNonce: launch.nonce,
    }),
    (error: { error?: string }) => error.error === 'invalid_grant' || error.error === 'invalid_dpop_proof' || error.error === 'invalid_request',
  );
  const unbound = await db.selectFrom('oidc_model').select('id').where('kind', '=', 'AccessToken').where('client_id', '=', listing.listingId).execute();
  assert.equal(unbound.length, 0);
});

test('a Low session at a listing that needs Substantial is sent to step up and never gets a code', async () => {
  const low = await createSession(db, principalFor('citizen', { municipalityCode: '101', citizenId: citizen.id, nsisLevel: 'Low' }));
  const listing = await vendorListing({ requiredLevel: 'Substantial' });
  const browser = signedIn(low);
  const rp = await relyingParty(issuer, listing.listingId, listing.key);
  const { url, launch } = await pushAuthorization(rp, { redirectUri: listing.redirectUri, scope: 'openid' });
  const toInteraction = await browser.request(url.href);
  const interaction = await browser.request(toInteraction.location ?? '');
  assert.equal(interaction.status, 303);
  const stepUp = new URL(interaction.location ?? '', config.baseUrl);
  assert.equal(stepUp.pathname, '/log-ind/borger');
  assert.equal(stepUp.searchParams.get('niveau'), 'Substantial');
  // Trying the interaction again, or its consent answer, with the same Low session changes nothing.
  const again = await browser.request(toInteraction.location ?? '');
  assert.equal(new URL(again.location ?? '', config.baseUrl).pathname, '/log-ind/borger');
  const form = await browser.request('/tilgaengelighed');
  const forced = await browser.request(`${toInteraction.location ?? ''}/samtykke`, { form: { _csrf: csrfOf(form.body), decision: 'accepted' } });
  assert.equal(new URL(forced.location ?? '', config.baseUrl).pathname, '/log-ind/borger');
  assert.ok(!(forced.location ?? '').startsWith(launch.redirectUri), 'no way to the vendor');
  const codes = await db.selectFrom('oidc_model').select('id').where('kind', '=', 'AuthorizationCode').where('client_id', '=', listing.listingId).execute();
  assert.equal(codes.length, 0);
});

test('a High listing steps a Substantial session up to High', async () => {
  const listing = await vendorListing({ requiredLevel: 'High' });
  const browser = signedIn();
  const rp = await relyingParty(issuer, listing.listingId, listing.key);
  const { url } = await pushAuthorization(rp, { redirectUri: listing.redirectUri, scope: 'openid' });
  const toInteraction = await browser.request(url.href);
  const interaction = await browser.request(toInteraction.location ?? '');
  assert.equal(new URL(interaction.location ?? '', config.baseUrl).searchParams.get('niveau'), 'High');
});

test('a client assertion or a DPoP proof sent to the provider a second time is refused (invalid_client; a request naming the replayed proof)', async () => {
  const listing = await vendorListing();
  const rp = await relyingParty(issuer, listing.listingId, listing.key);
  // What openid-client sends to the PAR endpoint, kept to be sent again.
  let sent: { url: string; headers: Headers; body: URLSearchParams } | undefined;
  rp[oidc.customFetch] = (url, init) => {
    sent = { url, headers: new Headers(init.headers), body: new URLSearchParams(init.body as URLSearchParams) };
    return fetch(url, init);
  };
  await pushAuthorization(rp, { redirectUri: listing.redirectUri, scope: 'openid' });
  assert.ok(sent);
  const pushedRequests = async () => (await db.selectFrom('oidc_model').select('id').where('kind', '=', 'PushedAuthorizationRequest').execute()).length;
  const pushedBefore = await pushedRequests();
  const resend = async (body: URLSearchParams, headers: Headers) => {
    const response = await fetch(sent?.url ?? '', { method: 'POST', headers, body });
    return { status: response.status, body: (await response.json()) as { error?: string; error_description?: string } };
  };

  // The same client assertion again (without the DPoP proof, so only the assertion counts).
  const withoutProof = new Headers(sent.headers);
  withoutProof.delete('dpop');
  const assertionAgain = await resend(sent.body, withoutProof);
  assert.equal(assertionAgain.status, 401);
  assert.equal(assertionAgain.body.error, 'invalid_client');

  // A fresh client assertion with the same DPoP proof.
  const fresh = new URLSearchParams(sent.body);
  const now = Math.floor(Date.now() / 1000);
  fresh.set(
    'client_assertion',
    await new SignJWT({ jti: randomUUID() })
      .setProtectedHeader({ alg: 'ES256', kid: listing.key.kid })
      .setIssuer(listing.listingId)
      .setSubject(listing.listingId)
      .setAudience(issuer)
      .setIssuedAt(now)
      .setExpirationTime(now + 60)
      .sign(listing.key.privateKey),
  );
  const proofAgain = await resend(fresh, sent.headers);
  assert.equal(proofAgain.status, 400);
  // At PAR oidc-provider answers a replayed proof as a bad request and names it.
  assert.equal(proofAgain.body.error, 'invalid_request');
  assert.match(proofAgain.body.error_description ?? '', /DPoP proof JWT Replay detected/);

  // Neither refusal stored a request.
  assert.equal(await pushedRequests(), pushedBefore);
});
