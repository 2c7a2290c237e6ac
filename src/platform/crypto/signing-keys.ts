// The platform's signing keys: ID tokens and JWKS of the OpenID Provider, consent receipts, deletion requests and
// logout tokens are signed with them. Kept in PostgreSQL (table oidc_signing_key) so every process and every
// restart signs with the same key; the private key is sealed at rest under a key derived from the configured
// secret. Rotation makes a new active key and keeps the previous one published until it is retired.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { importJWK, SignJWT, type JWK, type JWTPayload } from 'jose';
import type { Db } from '../db/database.ts';
import type { Trx } from '../db/tenant.ts';
import { decryptSecret, encryptSecret } from './sealed-secret.ts';
import { demoteSigningKeys, insertSigningKey, selectActiveKid, selectPublishedKeys } from './signing-keys.repository.ts';

export type SigningKey = { kid: string; alg: 'ES256'; privateJwk: JWK; publicJwk: JWK; status: 'active' | 'previous' };

function newKey(): { kid: string; privateJwk: JWK; publicJwk: JWK } {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const kid = `jobunivers-${new Date().toISOString().slice(0, 10)}-${randomBytes(4).toString('hex')}`;
  const base = { kid, alg: 'ES256', use: 'sig' };
  return { kid, privateJwk: { ...privateKey.export({ format: 'jwk' }), ...base }, publicJwk: { ...publicKey.export({ format: 'jwk' }), ...base } };
}

async function addKey(db: Db | Trx, secret: string, status: 'active' | 'previous'): Promise<void> {
  const key = newKey();
  await insertSigningKey(db, {
    kid: key.kid,
    privateKey: encryptSecret(secret, JSON.stringify(key.privateJwk)),
    publicJwk: JSON.stringify(key.publicJwk),
    status,
  });
}

/** The published keys, the active one first; makes the first key when there is none (races settle on one). Throws on database failure. */
export async function loadSigningKeys(db: Db, secret: string): Promise<SigningKey[]> {
  let rows = await selectPublishedKeys(db);
  if (!rows.some((row) => row.status === 'active')) {
    await addKey(db, secret, 'active');
    rows = await selectPublishedKeys(db);
  }
  return rows.map((row) => ({
    kid: row.kid,
    alg: 'ES256',
    privateJwk: JSON.parse(decryptSecret(secret, row.private_key)) as JWK,
    publicJwk: row.public_jwk,
    status: row.status as 'active' | 'previous',
  }));
}

/**
 * Rotation: the active key becomes `previous` (still published, so what it signed still verifies), earlier
 * previous keys are retired, and a new key becomes active. Processes pick it up when they reload their keys.
 * Returns the new active key's id; throws on database failure.
 */
export async function rotateSigningKeys(db: Db, secret: string): Promise<string> {
  return db.transaction().execute(async (trx) => {
    await demoteSigningKeys(trx);
    await addKey(trx, secret, 'active');
    return selectActiveKid(trx);
  });
}

/** Signs a JWT with the active key (consent receipts, deletion requests, header tokens). Throws without an active key. */
export async function signWithPlatformKey(
  keys: readonly SigningKey[],
  payload: JWTPayload,
  options: { typ: string; issuer: string; audience?: string; expiresIn?: string },
): Promise<string> {
  const active = keys.find((key) => key.status === 'active');
  if (!active) throw new Error('No active signing key.');
  let jwt = new SignJWT(payload).setProtectedHeader({ alg: 'ES256', kid: active.kid, typ: options.typ }).setIssuer(options.issuer).setIssuedAt();
  if (options.audience) jwt = jwt.setAudience(options.audience);
  if (options.expiresIn) jwt = jwt.setExpirationTime(options.expiresIn);
  return jwt.sign(await importJWK(active.privateJwk, 'ES256'));
}

/** The public keys as a JWKS document. Never throws. */
export function publicJwks(keys: readonly SigningKey[]): { keys: JWK[] } {
  return { keys: keys.map((key) => key.publicJwk) };
}
