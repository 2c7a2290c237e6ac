// The platform's signing keys: ID tokens and JWKS of the OpenID Provider, consent receipts, deletion requests and
// logout tokens are signed with them. Kept in PostgreSQL (table oidc_signing_key) so every process and every
// restart signs with the same key; the private key is encrypted at rest under a key derived from the configured
// secret. Rotation makes a new active key and keeps the previous one published until it is retired.
import { createCipheriv, createDecipheriv, generateKeyPairSync, hkdfSync, randomBytes } from 'node:crypto';
import { importJWK, SignJWT, type JWK, type JWTPayload } from 'jose';
import type { Db } from '../../platform/db/database.ts';
import type { Trx } from '../../platform/db/tenant.ts';

export type SigningKey = { kid: string; alg: 'ES256'; privateJwk: JWK; publicJwk: JWK; status: 'active' | 'previous' };

function encryptionKey(secret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, 'jobunivers', 'oidc-signing-keys', 32));
}

export function encryptSecret(secret: string, plain: string): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', encryptionKey(secret), iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

export function decryptSecret(secret: string, sealed: Buffer): string {
  const decipher = createDecipheriv('aes-256-gcm', encryptionKey(secret), sealed.subarray(0, 12));
  decipher.setAuthTag(sealed.subarray(12, 28));
  return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString('utf8');
}

function newKey(): { kid: string; privateJwk: JWK; publicJwk: JWK } {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const kid = `jobunivers-${new Date().toISOString().slice(0, 10)}-${randomBytes(4).toString('hex')}`;
  const base = { kid, alg: 'ES256', use: 'sig' };
  return { kid, privateJwk: { ...privateKey.export({ format: 'jwk' }), ...base }, publicJwk: { ...publicKey.export({ format: 'jwk' }), ...base } };
}

async function insertKey(db: Db | Trx, secret: string, status: 'active' | 'previous'): Promise<void> {
  const key = newKey();
  await db
    .insertInto('oidc_signing_key')
    .values({ kid: key.kid, alg: 'ES256', private_key: encryptSecret(secret, JSON.stringify(key.privateJwk)), public_jwk: JSON.stringify(key.publicJwk), status })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/** The published keys, the active one first; makes the first key when there is none (races settle on one). */
export async function loadSigningKeys(db: Db, secret: string): Promise<SigningKey[]> {
  const read = () => db.selectFrom('oidc_signing_key').selectAll().where('status', 'in', ['active', 'previous']).orderBy('status').orderBy('created_at', 'desc').execute();
  let rows = await read();
  if (!rows.some((row) => row.status === 'active')) {
    await insertKey(db, secret, 'active');
    rows = await read();
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
 */
export async function rotateSigningKeys(db: Db, secret: string): Promise<string> {
  return db.transaction().execute(async (trx) => {
    await trx.updateTable('oidc_signing_key').set({ status: 'retired', retired_at: new Date() }).where('status', '=', 'previous').execute();
    await trx.updateTable('oidc_signing_key').set({ status: 'previous' }).where('status', '=', 'active').execute();
    await insertKey(trx, secret, 'active');
    const active = await trx.selectFrom('oidc_signing_key').select('kid').where('status', '=', 'active').executeTakeFirstOrThrow();
    return active.kid;
  });
}

/** Signs a JWT with the active key (consent receipts, deletion requests, header tokens). */
export async function signWithPlatformKey(keys: readonly SigningKey[], payload: JWTPayload, options: { typ: string; issuer: string; audience?: string; expiresIn?: string }): Promise<string> {
  const active = keys.find((key) => key.status === 'active');
  if (!active) throw new Error('No active signing key.');
  let jwt = new SignJWT(payload).setProtectedHeader({ alg: 'ES256', kid: active.kid, typ: options.typ }).setIssuer(options.issuer).setIssuedAt();
  if (options.audience) jwt = jwt.setAudience(options.audience);
  if (options.expiresIn) jwt = jwt.setExpirationTime(options.expiresIn);
  return jwt.sign(await importJWK(active.privateJwk, 'ES256'));
}

/** The public keys as a JWKS document. */
export function publicJwks(keys: readonly SigningKey[]): { keys: JWK[] } {
  return { keys: keys.map((key) => key.publicJwk) };
}
