// Pairwise subjects: the platform's one way of naming a citizen to a vendor — the OpenID Provider's `sub`, the
// consent receipt's PII principal, the deletion request's subject and the Data API's `sub` all agree.
import { createHmac, hkdfSync } from 'node:crypto';
import type { Config } from '../config.ts';

// Derived once per secret: HKDF on every token and receipt would be wasted work. The label predates the move out of
// the sso module; another label would give every citizen a new sub at every vendor.
const keys = new Map<string, Buffer>();

function pairwiseKey(secret: string): Buffer {
  let key = keys.get(secret);
  if (!key) {
    key = Buffer.from(hkdfSync('sha256', secret, 'jobunivers', 'sso-pairwise-subject', 32));
    keys.set(secret, key);
  }
  return key;
}

/**
 * The `sub` a vendor knows a citizen by: the same for every service of one vendor and on every sign-in, different
 * between vendors, and not reversible to the citizen's id without the platform's secret. Never throws.
 */
export function pairwiseSubject(config: Pick<Config, 'cookieSecret'>, vendorId: string, citizenId: string): string {
  return createHmac('sha256', pairwiseKey(config.cookieSecret)).update(`${vendorId}:${citizenId}`).digest('base64url');
}
