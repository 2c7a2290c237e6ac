// Secrets the platform keeps at rest (its signing keys' private halves, vendor services' client secrets), sealed with
// AES-256-GCM under a key derived from the configured secret, so a copy of the database alone reveals none of them.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

// The derivation's label predates the move out of the sso module; changing it would make every sealed value unreadable.
function encryptionKey(secret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, 'jobunivers', 'oidc-signing-keys', 32));
}

/** Seals a text under the configured secret: IV, tag and ciphertext in one buffer. Never throws. */
export function encryptSecret(secret: string, plain: string): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', encryptionKey(secret), iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

/** Opens what `encryptSecret` sealed. Throws when the secret is another or the value was altered. */
export function decryptSecret(secret: string, sealed: Buffer): string {
  const decipher = createDecipheriv('aes-256-gcm', encryptionKey(secret), sealed.subarray(0, 12));
  decipher.setAuthTag(sealed.subarray(12, 28));
  return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString('utf8');
}
