// Our signing key for private_key_jwt: the platform fetches the public half from /.well-known/jwks.json (the
// listing's jwks_uri) and checks the client assertion we sign at its token and PAR endpoints with it.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { randomUUID, type webcrypto } from 'node:crypto';
import { exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';

export type ClientKey = { privateKey: webcrypto.CryptoKey; kid: string; publicJwk: JWK };

/** Loads the key from `file`, or makes one (ES256) and keeps it there (readable by us only). */
export async function loadOrCreateClientKey(file: string): Promise<ClientKey> {
  let jwk: JWK;
  try {
    jwk = JSON.parse(readFileSync(file, 'utf8')) as JWK;
  } catch {
    const { privateKey } = await generateKeyPair('ES256', { extractable: true });
    jwk = { ...(await exportJWK(privateKey)), kid: randomUUID(), alg: 'ES256', use: 'sig' };
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(jwk, null, 2), { mode: 0o600 });
  }
  const privateKey = (await importJWK(jwk, 'ES256')) as webcrypto.CryptoKey;
  // The public half: the private parameter d left out.
  const { d: _d, ...publicJwk } = jwk;
  return { privateKey, kid: String(jwk.kid), publicJwk };
}
