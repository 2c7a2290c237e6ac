// Verifying the platform's webhooks (Standard Webhooks, https://www.standardwebhooks.com). Written out by hand so you
// can see every step; the `standardwebhooks` npm package does the same in one call.
//
//   webhook-id          the message id: the same on every retry, so a message seen before is dropped
//   webhook-timestamp   seconds since 1970 when this attempt was signed
//   webhook-signature   "v1,<base64 HMAC-SHA256>" — several, space-separated, while the platform rotates the secret
//
// The HMAC is over "<webhook-id>.<webhook-timestamp>.<raw body>", keyed with the secret's bytes (the base64 after
// "whsec_"). Verify the raw body exactly as it arrived, before parsing it.
import { createHmac, timingSafeEqual } from 'node:crypto';

/** Attempts older or newer than this are refused, so a captured request cannot be replayed later. */
const TOLERANCE_SECONDS = 5 * 60;

export type VerifiedWebhook = { id: string; timestamp: number; payload: { type: string; timestamp: string; data: unknown } };

/** Checks the headers and signature of one webhook against our secrets; throws (with why) when anything is off. */
export function verifyWebhook(
  secrets: readonly string[],
  headers: Record<string, string | string[] | undefined>,
  rawBody: string,
  nowSeconds = Math.floor(Date.now() / 1000),
): VerifiedWebhook {
  const id = headers['webhook-id'];
  const timestampText = headers['webhook-timestamp'];
  const signatures = headers['webhook-signature'];
  if (typeof id !== 'string' || typeof timestampText !== 'string' || typeof signatures !== 'string') throw new Error('missing webhook headers');
  if (!/^[0-9]{1,12}$/.test(timestampText)) throw new Error('bad webhook-timestamp');
  const timestamp = Number(timestampText);
  if (Math.abs(nowSeconds - timestamp) > TOLERANCE_SECONDS) throw new Error('webhook-timestamp outside the 5-minute window');
  const signed = `${id}.${timestampText}.${rawBody}`;
  const offered = signatures
    .split(' ')
    .filter((s) => s.startsWith('v1,'))
    .map((s) => Buffer.from(s.slice(3), 'base64'));
  const matches = secrets.some((secret) => {
    const expected = createHmac('sha256', Buffer.from(secret.slice('whsec_'.length), 'base64'))
      .update(signed)
      .digest();
    // Constant-time comparison, so the time taken tells an attacker nothing about how close a guess was.
    return offered.some((signature) => signature.length === expected.length && timingSafeEqual(signature, expected));
  });
  if (!matches) throw new Error('no valid signature');
  return { id, timestamp, payload: JSON.parse(rawBody) as VerifiedWebhook['payload'] };
}
