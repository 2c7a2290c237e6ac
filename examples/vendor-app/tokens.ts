// Tokens the platform sends us on its own (server to server), verified with the platform's published keys:
// back-channel logout tokens (OpenID Connect Back-Channel Logout 1.0) and deletion requests (Security Event Tokens,
// docs/VENDOR-DELETION.md).
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';
import type { VendorConfig } from './config.ts';

const BACKCHANNEL_LOGOUT_EVENT = 'http://schemas.openid.net/event/backchannel-logout';
export const DELETION_EVENT = 'https://jobunivers.dk/events/deletion-requested';

export type PlatformKeys = ReturnType<typeof createRemoteJWKSet>;

export function platformKeys(jwksUri: string): PlatformKeys {
  return createRemoteJWKSet(new URL(jwksUri));
}

/** A valid logout token names the citizen (sub) and/or the platform session (sid); throws when anything is off. */
export async function verifyLogoutToken(token: string, keys: PlatformKeys, vendor: VendorConfig): Promise<{ sub?: string; sid?: string; jti: string }> {
  const { payload } = await jwtVerify(token, keys, {
    issuer: vendor.issuer,
    audience: vendor.clientId,
    typ: 'logout+jwt',
    maxTokenAge: '5 minutes',
    algorithms: ['ES256', 'PS256', 'RS256'],
  });
  const events = payload.events as Record<string, unknown> | undefined;
  if (!events || typeof events[BACKCHANNEL_LOGOUT_EVENT] !== 'object') throw new Error('not a back-channel logout token');
  if ('nonce' in payload) throw new Error('a logout token has no nonce');
  if (!payload.jti) throw new Error('no jti');
  const sid = typeof payload.sid === 'string' ? payload.sid : undefined;
  if (!payload.sub && !sid) throw new Error('neither sub nor sid');
  return { ...(payload.sub ? { sub: payload.sub } : {}), ...(sid ? { sid } : {}), jti: payload.jti };
}

/** A valid deletion request names the citizen by our pairwise sub; throws when anything is off. */
export async function verifyDeletionRequest(token: string, keys: PlatformKeys, vendor: VendorConfig): Promise<{ sub: string; reason: string; jti: string }> {
  const { payload } = await jwtVerify<JWTPayload & { events?: Record<string, { sub?: unknown; reason?: unknown }> }>(token, keys, {
    issuer: vendor.issuer,
    audience: vendor.clientId,
    typ: 'secevent+jwt',
    maxTokenAge: '1 hour',
    algorithms: ['ES256', 'PS256', 'RS256'],
  });
  const event = payload.events?.[DELETION_EVENT];
  if (!event || typeof event.sub !== 'string') throw new Error('not a deletion request');
  if (!payload.jti) throw new Error('no jti');
  return { sub: event.sub, reason: typeof event.reason === 'string' ? event.reason : 'unknown', jti: payload.jti };
}
