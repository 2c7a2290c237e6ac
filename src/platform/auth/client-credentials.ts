// OAuth 2 client credentials (RFC 6749 §4.4) as the platform's machine APIs use them (the vendor API, the municipality
// API): a client's secret and every access token are random, opaque and stored only as their SHA-256, and a refused
// grant is answered in RFC 6749 §5.2's terms. Each module keeps its own tables and token prefixes.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Generated } from 'kysely';
import type { CreatedAt } from '../db/columns.ts';
import { audienceOfRole, type Principal, type Role } from './principal.ts';

/** The columns of a module's table of OAuth 2 clients; the module adds the owner (the secret is kept only as a SHA-256). */
export interface ClientCredentialsClientColumns {
  id: Generated<string>;
  client_id: string;
  secret_hash: Buffer;
  name: string;
  created_by: string;
  created_at: CreatedAt;
  last_used_at: Date | null;
  revoked_at: Date | null;
  revoked_by: string | null;
}

/** The columns of a module's table of access tokens (opaque, stored hashed). */
export interface ClientCredentialsTokenColumns {
  token_hash: Buffer;
  client_id: string;
  expires_at: Date;
  created_at: CreatedAt;
}

/** The RFC 6749 §5.2 error codes a token endpoint answers with. */
export type TokenErrorCode = 'invalid_request' | 'invalid_client' | 'unsupported_grant_type';

/** Why a token request was refused, in RFC 6749 §5.2 terms. */
export class TokenError extends Error {
  readonly error: TokenErrorCode;
  readonly description: string;
  constructor(error: TokenErrorCode, description: string) {
    super(description);
    this.error = error;
    this.description = description;
  }
}

/** A token request as the endpoint read it (HTTP Basic or form fields). */
export type TokenRequest = { grantType: unknown; clientId: string | undefined; clientSecret: string | undefined };

/** A token endpoint's successful answer (RFC 6749 §5.1). */
export type IssuedToken = { access_token: string; token_type: 'Bearer'; expires_in: number };

/** The SHA-256 a client secret or an access token is stored as. */
export const hashCredential = (text: string): Buffer => createHash('sha256').update(text).digest();

/** A new random client id, secret or token: the prefix and `bytes` random bytes in base64url. */
export const randomCredential = (prefix: string, bytes: number): string => `${prefix}${randomBytes(bytes).toString('base64url')}`;

/** A new client's id and secret (the secret to be shown once) and the hash the secret is stored as. */
export function newClientCredentials(prefixes: { id: string; secret: string }): { clientId: string; clientSecret: string; secretHash: Buffer } {
  const clientSecret = randomCredential(prefixes.secret, 32);
  return { clientId: randomCredential(prefixes.id, 18), clientSecret, secretHash: hashCredential(clientSecret) };
}

/** Whether a bearer token has the shape of the tokens issued with this prefix; any other is not looked up. */
export const isTokenOf = (prefix: string, token: string): boolean => token.startsWith(prefix) && /^[A-Za-z0-9_-]{20,80}$/.test(token.slice(prefix.length));

/**
 * The principal of an API client acting for its owner (the module adds the owner: vendor or municipality). The level
 * is Substantial: only an administrator signed in at Substantial or higher creates clients.
 */
export function apiClientPrincipal(client: { subject: string; name: string; role: Role }): Principal {
  return { subject: client.subject, name: client.name, audience: audienceOfRole(client.role), roles: [client.role], nsisLevel: 'Substantial' };
}

/** The grant's checks before any lookup: grant_type=client_credentials and a client that authenticated. Throws TokenError. */
export function clientCredentialsOf(request: TokenRequest): { clientId: string; clientSecret: string } {
  if (request.grantType !== 'client_credentials') throw new TokenError('unsupported_grant_type', 'Only grant_type=client_credentials is supported.');
  if (!request.clientId || !request.clientSecret)
    throw new TokenError('invalid_client', 'Client authentication is required (HTTP Basic or client_id and client_secret in the body).');
  return { clientId: request.clientId, clientSecret: request.clientSecret };
}

/** The stored client when it exists, is not revoked and the secret matches its hash. Throws TokenError (invalid_client). */
export function authenticateClient<C extends { secret_hash: Buffer; revoked_at: Date | null }>(
  client: C | undefined,
  credentials: { clientId: string; clientSecret: string },
): C {
  // The same comparison happens whether or not the client exists, so timing does not tell which client ids exist.
  const expected = client?.secret_hash ?? hashCredential(`absent:${credentials.clientId}`);
  const matches = timingSafeEqual(expected, hashCredential(credentials.clientSecret));
  if (!client || !matches || client.revoked_at) throw new TokenError('invalid_client', 'Unknown client, wrong secret, or a revoked client.');
  return client;
}
