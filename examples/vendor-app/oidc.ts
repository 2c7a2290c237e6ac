// Signing in through the platform with openid-client 6, and reading the Data API. Every step the platform requires:
// pushed authorization requests (PAR), PKCE, DPoP-bound tokens, and private_key_jwt client authentication.
import * as client from 'openid-client';
import type { VendorConfig } from './config.ts';
import type { ClientKey } from './keys.ts';
import { newId, type PendingLogin, type Session } from './store.ts';

export type Platform = { config: client.Configuration; jwksUri: string };

/** Discovers the platform's OpenID Provider and sets us up as its client (private_key_jwt with our key). */
export async function discoverPlatform(vendor: VendorConfig, key: ClientKey): Promise<Platform> {
  const issuer = new URL(vendor.issuer);
  // Plain http is for a platform on this machine only (development and tests); anywhere else it must be https.
  const local = issuer.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(issuer.hostname);
  const config = await client.discovery(
    issuer,
    vendor.clientId,
    // The platform signs ID tokens with ES256; openid-client expects RS256 unless told.
    { id_token_signed_response_alg: 'ES256' },
    client.PrivateKeyJwt({ key: key.privateKey, kid: key.kid }),
    local ? { execute: [client.allowInsecureRequests] } : undefined,
  );
  const jwksUri = config.serverMetadata().jwks_uri;
  if (!jwksUri) throw new Error('The platform publishes no jwks_uri.');
  return { config, jwksUri };
}

/**
 * Starts a sign-in: a new DPoP key for this citizen's tokens, a PKCE verifier, state and nonce; the authorization
 * request is pushed to the platform (PAR) and the browser is sent to the authorization endpoint with its request_uri.
 */
export async function startLogin(platform: Platform, vendor: VendorConfig, returnTo: string): Promise<{ redirectTo: URL; pending: PendingLogin }> {
  const dpopKeys = await client.randomDPoPKeyPair('ES256');
  const codeVerifier = client.randomPKCECodeVerifier();
  const pending: PendingLogin = { state: client.randomState(), nonce: client.randomNonce(), codeVerifier, dpopKeys, returnTo, createdAt: Date.now() };
  const redirectTo = await client.buildAuthorizationUrlWithPAR(
    platform.config,
    {
      redirect_uri: `${vendor.publicUrl}/callback`,
      scope: vendor.scope,
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state: pending.state,
      nonce: pending.nonce,
    },
    { DPoP: client.getDPoPHandle(platform.config, dpopKeys) },
  );
  return { redirectTo, pending };
}

/** Finishes a sign-in: exchanges the code for a DPoP-bound access token and checks the ID token. */
export async function finishLogin(platform: Platform, currentUrl: URL, pending: PendingLogin): Promise<Session> {
  const tokens = await client.authorizationCodeGrant(
    platform.config,
    currentUrl,
    { pkceCodeVerifier: pending.codeVerifier, expectedState: pending.state, expectedNonce: pending.nonce, idTokenExpected: true },
    undefined,
    { DPoP: client.getDPoPHandle(platform.config, pending.dpopKeys) },
  );
  if (tokens.token_type.toLowerCase() !== 'dpop') throw new Error(`Expected a DPoP-bound token, got ${tokens.token_type}.`);
  const claims = tokens.claims();
  if (!claims) throw new Error('No ID token.');
  return {
    id: newId(),
    sub: claims.sub,
    sid: typeof claims.sid === 'string' ? claims.sid : undefined,
    acr: typeof claims.acr === 'string' ? claims.acr : undefined,
    accessToken: tokens.access_token,
    scopes: (tokens.scope ?? '').split(' ').filter(Boolean),
    dpopKeys: pending.dpopKeys,
    expiresAt: Date.now() + (tokens.expiresIn() ?? 600) * 1000,
    csrf: newId(),
  };
}

/** The Data API's categories and where they are read. `header` needs no category scope. */
export const dataCategories = [
  { code: 'profile', path: 'profile', name: 'Profil' },
  { code: 'contact', path: 'contact', name: 'Kontaktoplysninger' },
  { code: 'cv', path: 'cv', name: 'CV' },
  { code: 'job_wishes', path: 'job-wishes', name: 'Jobønsker' },
  { code: 'plan', path: 'plan', name: 'Plan' },
] as const;

export type DataRead = { status: 'shared'; body: unknown } | { status: 'not_shared'; reason: 'not_granted' | 'refused'; httpStatus?: number };

/** GETs one Data API address with the session's token and a fresh DPoP proof for this request. */
export async function readDataApi(platform: Platform, vendor: VendorConfig, session: Session, path: string): Promise<{ status: number; body: unknown }> {
  let response: Response;
  try {
    response = await client.fetchProtectedResource(
      platform.config,
      session.accessToken,
      new URL(`${vendor.platformUrl}/api/vendor/v1/citizen/${path}`),
      'GET',
      undefined,
      new Headers({ accept: 'application/json' }),
      { DPoP: client.getDPoPHandle(platform.config, session.dpopKeys) },
    );
  } catch (error) {
    // A refused token (revoked when the citizen withdrew consent, or expired) comes as a WWW-Authenticate challenge.
    if (error instanceof client.WWWAuthenticateChallengeError) return { status: error.status, body: error.cause.map((challenge) => challenge.parameters) };
    throw error;
  }
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: shown as it came
  }
  return { status: response.status, body };
}

/**
 * Reads every category the token may read. A category whose scope the platform did not grant is not asked for; one
 * the platform refuses (the citizen withdrew consent since) is "not shared" too, with the answer's status.
 */
export async function readConsentedData(platform: Platform, vendor: VendorConfig, session: Session): Promise<Map<string, DataRead>> {
  const reads = new Map<string, DataRead>();
  await Promise.all(
    dataCategories.map(async (category) => {
      if (!session.scopes.includes(`jobunivers:${category.code}`)) {
        reads.set(category.code, { status: 'not_shared', reason: 'not_granted' });
        return;
      }
      const answer = await readDataApi(platform, vendor, session, category.path);
      reads.set(
        category.code,
        answer.status === 200 ? { status: 'shared', body: answer.body } : { status: 'not_shared', reason: 'refused', httpStatus: answer.status },
      );
    }),
  );
  return reads;
}
