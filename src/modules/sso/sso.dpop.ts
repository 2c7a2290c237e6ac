// The resource server's side of RFC 9449: a vendor's service calls the Data API with `Authorization: DPoP <token>` and
// a `DPoP` proof signed by the key the token is bound to. The token is opaque and read from oidc-provider's rows, so
// revoking it (deleting the row) stops the next call.
import { createHash, createPublicKey, type JsonWebKey } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createVerifier, type Algorithm } from 'fast-jwt';
import { calculateJwkThumbprint, decodeProtectedHeader, type JWK } from 'jose';
import { normaliseNsisLevel } from '../../platform/auth/nsis.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import { LoadingCache } from '../../platform/cache.ts';
import type { ChangeBus } from '../../platform/changes.ts';
import type { Config } from '../../platform/config.ts';
import type { Db } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { createBatchWriter } from '../../platform/db/batch.ts';
import type { SessionReader } from '../../platform/http/access.ts';
import { rememberProofs, type SeenProof } from './sso.repository.ts';
import { VendorTokenCache } from './sso.token-cache.ts';

const PROOF_MAX_AGE_S = 300;
const proofAlgorithms = ['ES256', 'ES384', 'EdDSA', 'PS256', 'RS256'];

function refuse(reply: FastifyReply, error: 'invalid_token' | 'invalid_dpop_proof', detail: string): never {
  reply.header('www-authenticate', `DPoP error="${error}", algs="${proofAlgorithms.join(' ')}"`);
  throw new AppError('UNAUTHENTICATED', detail);
}

type Proof = { jkt: string; jti: string; iat: number };

/** A proof key's verifier (fast-jwt, synchronous: node:crypto with the key imported once) and its RFC 7638 thumbprint. */
type ProofKey = { verify: (token: string) => Record<string, unknown>; jkt: string };

// A service signs its proofs with one key for many calls: the key's verifier and thumbprint are kept by the key's
// public members (the least recently used go first), so a call costs one signature check — done synchronously, which
// on these small payloads costs half of WebCrypto's round through the thread pool. Derived from the key alone, they
// never go stale: the cache is always on and follows no change.
const PROOF_KEY_KEPT_MS = 24 * 3600_000;
const MAX_PROOF_KEYS = 10_000;

function createProofKeyCache(): LoadingCache {
  const cache = new LoadingCache({ ttlMs: PROOF_KEY_KEPT_MS, maxEntries: MAX_PROOF_KEYS });
  cache.setEnabled(true);
  return cache;
}

function proofKey(proofKeys: LoadingCache, jwk: JWK, alg: string): Promise<ProofKey> {
  const id = JSON.stringify([alg, jwk.kty, jwk.crv, jwk.x, jwk.y, jwk.n, jwk.e]);
  return proofKeys.remember(id, async () => {
    const jkt = await calculateJwkThumbprint(jwk, 'sha256');
    const { kty, crv, x, y, n, e } = jwk;
    const pem = createPublicKey({ key: { kty, crv, x, y, n, e } as JsonWebKey, format: 'jwk' })
      .export({ type: 'spki', format: 'pem' })
      .toString();
    return { verify: createVerifier({ key: pem, algorithms: [alg as Algorithm] }) as (token: string) => Record<string, unknown>, jkt };
  });
}

async function verifyProof(request: FastifyRequest, reply: FastifyReply, config: Config, proofKeys: LoadingCache, token: string): Promise<Proof> {
  const header = request.headers.dpop;
  if (typeof header !== 'string' || header.length === 0 || header.length > 4000)
    refuse(reply, 'invalid_dpop_proof', 'A DPoP proof (one DPoP header) is required with a DPoP-bound token.');
  let jwk: JWK | undefined;
  let alg = '';
  try {
    const protectedHeader = decodeProtectedHeader(header);
    jwk = protectedHeader.jwk;
    alg = String(protectedHeader.alg);
    if (protectedHeader.typ !== 'dpop+jwt' || !jwk || 'd' in jwk || !proofAlgorithms.includes(alg)) throw new Error('bad header');
  } catch {
    refuse(reply, 'invalid_dpop_proof', 'The DPoP proof is not a dpop+jwt with a public jwk.');
  }
  let payload: Record<string, unknown>;
  let jkt: string;
  try {
    const embedded = await proofKey(proofKeys, jwk, alg);
    jkt = embedded.jkt;
    payload = embedded.verify(header);
  } catch {
    refuse(reply, 'invalid_dpop_proof', 'The DPoP proof is not signed by its key.');
  }
  const path = request.url.split('?')[0] ?? '/';
  const htu = typeof payload.htu === 'string' ? payload.htu.split(/[?#]/)[0] : undefined;
  if (payload.htm !== request.method || htu !== `${config.baseUrl}${path}`)
    refuse(reply, 'invalid_dpop_proof', 'The DPoP proof is for another request (htm, htu).');
  const iat = typeof payload.iat === 'number' ? payload.iat : NaN;
  if (!(Math.abs(Date.now() / 1000 - iat) <= PROOF_MAX_AGE_S)) refuse(reply, 'invalid_dpop_proof', 'The DPoP proof is too old or from the future (iat).');
  if (typeof payload.jti !== 'string' || payload.jti.length < 8 || payload.jti.length > 200)
    refuse(reply, 'invalid_dpop_proof', 'The DPoP proof has no usable jti.');
  if (payload.ath !== createHash('sha256').update(token).digest('base64url'))
    refuse(reply, 'invalid_dpop_proof', 'The DPoP proof is not for this access token (ath).');
  return { jkt, jti: payload.jti, iat };
}

/**
 * The access check's `dpop` reader: the principal of a vendor's service acting for one citizen (role vendor_service),
 * from a DPoP-bound access token and its proof. Throws UNAUTHENTICATED with `WWW-Authenticate: DPoP
 * error="invalid_token"` (unknown, expired or revoked token; listing no longer live) or `error="invalid_dpop_proof"`.
 * It owns the app's token cache, which follows the change bus from `start` (the app ready) to `stop` (it closes).
 */
export function createVendorServiceReader(deps: {
  db: Db;
  stateDb: Db;
  config: Config;
  changes: ChangeBus;
}): Required<Pick<SessionReader, 'dpop' | 'start' | 'stop'>> {
  const { db, config } = deps;
  const tokens = new VendorTokenCache();
  const proofKeys = createProofKeyCache();
  let stopFollowing: (() => void) | undefined;
  // A proof's id is stored before the call goes on (so no other process accepts it again); the ids of calls arriving
  // together are stored in one statement, committed asynchronously like the provider's replay ids (docs/SSO.md).
  const remember = createBatchWriter((proofs: SeenProof[]) => rememberProofs(deps.stateDb, proofs), { concurrency: 2 });
  const dpop = async (token: string, request: FastifyRequest, reply: FastifyReply): Promise<Principal> => {
    if (token.length > 200) refuse(reply, 'invalid_token', 'The access token is unknown, expired or revoked.');
    const [row, proof] = await Promise.all([tokens.read(db, token), verifyProof(request, reply, config, proofKeys, token)]);
    const payload = row?.payload;
    const expired =
      !row || (row.expires_at !== null && row.expires_at.getTime() <= Date.now()) || (typeof payload?.exp === 'number' && payload.exp * 1000 <= Date.now());
    if (!row || !payload || expired || !payload.accountId || !payload.clientId)
      refuse(reply, 'invalid_token', 'The access token is unknown, expired or revoked.');
    if (!payload.jkt) refuse(reply, 'invalid_token', 'The access token is not DPoP-bound.');
    if (payload.jkt !== proof.jkt) refuse(reply, 'invalid_dpop_proof', 'The DPoP proof is signed by another key than the one the token is bound to.');
    if (!(await remember({ jkt: proof.jkt, jti: proof.jti, expiresAt: new Date((proof.iat + PROOF_MAX_AGE_S) * 1000) })))
      refuse(reply, 'invalid_dpop_proof', 'The DPoP proof was used before (jti).');
    const municipality = payload.extra?.municipality;
    return {
      subject: `client:${payload.clientId}`,
      name: row.vendor_name,
      audience: 'vendor',
      roles: ['vendor_service'],
      nsisLevel: normaliseNsisLevel(payload.extra?.acr) ?? 'Low',
      vendor: { cvr: row.vendor_cvr, name: row.vendor_name },
      citizenId: payload.accountId,
      municipality: municipality?.code && municipality.name ? { code: municipality.code, name: municipality.name } : undefined,
      service: { listingId: row.listing_id, clientId: payload.clientId, scopes: (payload.scope ?? '').split(' ').filter(Boolean) },
    };
  };
  return {
    dpop,
    start() {
      stopFollowing = tokens.followChanges(deps.changes);
      return Promise.resolve();
    },
    stop() {
      stopFollowing?.();
      tokens.setEnabled(false);
      return Promise.resolve();
    },
  };
}
