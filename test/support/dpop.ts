// A vendor's service's side of RFC 9449 for tests and benchmarks: a DPoP key, proofs for each request, and an access
// token stored the way the platform's OpenID Provider stores one (an 'AccessToken' row of oidc_model whose payload
// carries accountId, clientId, scope, jkt, exp and the extra claims acr and municipality) — so the Data API can be
// exercised through the real DPoP reader without walking the whole sign-in.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import type { Db } from '../../src/platform/db/database.ts';

/** A service's DPoP key pair, its public JWK and the thumbprint a token is bound to (`jkt`). */
export type DpopKey = { privateKey: CryptoKey; publicJwk: JWK; jkt: string };

/** A new ES256 DPoP key. */
export async function createDpopKey(): Promise<DpopKey> {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const publicJwk = await exportJWK(publicKey);
  return { privateKey, publicJwk, jkt: await calculateJwkThumbprint(publicJwk, 'sha256') };
}

/** The `ath` claim: base64url(SHA-256(access token)). */
export function accessTokenHash(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

/**
 * A DPoP proof for one request: typ dpop+jwt, the public key in the header, htm and htu of the request (htu without
 * query), a fresh jti, iat now (or as given) and ath of the token. `overrides` changes claims for negative tests.
 */
export async function dpopProof(
  key: DpopKey,
  request: { method: string; url: string; token?: string },
  overrides: { iat?: number; jti?: string; htm?: string; htu?: string; ath?: string; typ?: string } = {},
): Promise<string> {
  const payload: Record<string, unknown> = {
    htm: overrides.htm ?? request.method,
    htu: overrides.htu ?? request.url.split(/[?#]/)[0],
    jti: overrides.jti ?? randomUUID(),
  };
  const ath = overrides.ath ?? (request.token ? accessTokenHash(request.token) : undefined);
  if (ath) payload.ath = ath;
  return new SignJWT(payload)
    .setProtectedHeader({ alg: 'ES256', typ: overrides.typ ?? 'dpop+jwt', jwk: key.publicJwk })
    .setIssuedAt(overrides.iat ?? Math.floor(Date.now() / 1000))
    .sign(key.privateKey);
}

export type VendorTokenOptions = {
  citizenId: string;
  /** The listing = the OpenID client. */
  listingId: string;
  /** Data categories whose scopes (jobunivers:<category>) the token carries; `openid` is always there. */
  categories: readonly string[];
  jkt: string;
  municipality?: { code: string; name: string } | undefined;
  acr?: string;
  /** Seconds until it expires (negative: already expired). */
  expiresIn?: number;
};

/** An access token as the OpenID Provider stores it (kind 'AccessToken', id = the token value); returns the token. */
export async function insertVendorAccessToken(db: Db, options: VendorTokenOptions): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const exp = now + (options.expiresIn ?? 600);
  const payload = {
    kind: 'AccessToken',
    jti: token,
    iat: now,
    exp,
    accountId: options.citizenId,
    clientId: options.listingId,
    grantId: randomBytes(16).toString('base64url'),
    scope: ['openid', ...options.categories.map((c) => `jobunivers:${c}`)].join(' '),
    jkt: options.jkt,
    tokenType: 'DPoP',
    extra: {
      acr: options.acr ?? 'https://data.gov.dk/concept/core/nsis/loa/Substantial',
      ...(options.municipality ? { municipality: options.municipality } : {}),
    },
  };
  await db
    .insertInto('oidc_model')
    .values({
      kind: 'AccessToken',
      id: token,
      payload: JSON.stringify(payload),
      grant_id: payload.grantId,
      account_id: options.citizenId,
      client_id: options.listingId,
      expires_at: new Date(exp * 1000),
    })
    .execute();
  return token;
}

/** Headers for one Data API call: the token and a fresh proof for exactly this method and URL. */
export async function dpopHeaders(key: DpopKey, token: string, method: string, url: string): Promise<Record<string, string>> {
  return { authorization: `DPoP ${token}`, dpop: await dpopProof(key, { method, url, token }) };
}
