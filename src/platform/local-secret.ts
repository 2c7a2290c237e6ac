import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Returns a random secret kept in `dir/<name>.txt`, made on first use, so it survives restarts. Local runs only. */
export function readOrCreateSecret(dir: string, name: string): string {
  const file = path.join(dir, `${name}.txt`);
  try {
    const existing = readFileSync(file, 'utf8').trim();
    if (existing.length >= 32) return existing;
  } catch {
    // not made yet
  }
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
