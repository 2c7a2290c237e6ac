// The vendor API's credentials: OAuth 2 client credentials (RFC 6749 §4.4). A vendor administrator creates
// clients in the portal; a client exchanges its id and secret at the token endpoint for a short-lived opaque
// bearer token, which the access check turns into a principal acting for the company (role vendor_api).
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { Principal } from '../../platform/auth/principal.ts';
import type { Db } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { createOnce, type FormOnce } from '../../platform/http/form-token.ts';
import { parseInput, requiredText } from '../../platform/validation.ts';
import {
  deleteExpiredApiTokens,
  insertApiClient,
  insertApiToken,
  selectApiClients,
  selectApiClientSecret,
  selectApiTokenHolder,
  updateApiClientRevoked,
  updateApiClientUsed,
  type ApiClientRow,
} from './vendors.repository.ts';
import { vendorPolicy } from './vendors.policy.ts';
import { getOwnVendor } from './vendors.service.ts';

export const ACCESS_TOKEN_SECONDS = 600;

const sha256 = (text: string) => createHash('sha256').update(text).digest();
const randomText = (bytes: number) => randomBytes(bytes).toString('base64url');

export type { ApiClientRow };

async function ownVendorId(db: Db, actor: Principal): Promise<string> {
  const vendor = await getOwnVendor(db, actor);
  if (!vendor) throw new AppError('CONFLICT', 'Register the company before creating API clients.');
  return vendor.id;
}

/** The company's API clients, newest first (secrets are never shown again). */
export async function listApiClients(db: Db, actor: Principal): Promise<ApiClientRow[]> {
  const vendorId = await ownVendorId(db, actor);
  return selectApiClients(db, vendorId);
}

const newClientSchema = z.object({ name: requiredText({ min: 2, max: 100 }) });

/** A client just made, with the secret shown this once. */
export type NewApiClient = { clientId: string; clientSecret: string; name: string };

/**
 * Creates an API client once per form token; the secret is returned this once and only its hash is stored. A
 * resubmit of the same form gets the first client's id without a secret (`created` absent): no second client,
 * and the secret is never shown again. Throws FORBIDDEN, CONFLICT (no company), VALIDATION.
 */
export async function createApiClient(db: Db, actor: Principal, input: unknown, once?: FormOnce): Promise<{ id: string; created?: NewApiClient }> {
  vendorPolicy.authorize(actor, 'credential.create');
  const vendorId = await ownVendorId(db, actor);
  const { name } = parseInput(newClientSchema, input);
  const clientId = `jvc_${randomText(18)}`;
  const clientSecret = `jvs_${randomText(32)}`;
  const result = await createOnce(db, once, (trx) =>
    insertApiClient(trx, { vendorId, clientId, secretHash: sha256(clientSecret), name, createdBy: actor.subject }),
  );
  return result.replayed ? { id: result.id } : { id: result.id, created: { clientId, clientSecret, name } };
}

/** Revokes a client of the company: its tokens stop working at once. */
export async function revokeApiClient(db: Db, actor: Principal, id: string): Promise<void> {
  vendorPolicy.authorize(actor, 'credential.revoke');
  const vendorId = await ownVendorId(db, actor);
  if (!(await updateApiClientRevoked(db, { id, vendorId, revokedBy: actor.subject }))) throw new AppError('NOT_FOUND');
}

/** Why a token request was refused, in RFC 6749 §5.2 terms. */
export class TokenError extends Error {
  readonly error: 'invalid_request' | 'invalid_client' | 'unsupported_grant_type';
  readonly description: string;
  constructor(error: 'invalid_request' | 'invalid_client' | 'unsupported_grant_type', description: string) {
    super(description);
    this.error = error;
    this.description = description;
  }
}

/** The client credentials grant: a live client with the right secret gets a bearer token for ACCESS_TOKEN_SECONDS. */
export async function issueAccessToken(
  db: Db,
  request: { grantType: unknown; clientId: string | undefined; clientSecret: string | undefined },
): Promise<{ access_token: string; token_type: 'Bearer'; expires_in: number }> {
  if (request.grantType !== 'client_credentials') throw new TokenError('unsupported_grant_type', 'Only grant_type=client_credentials is supported.');
  if (!request.clientId || !request.clientSecret)
    throw new TokenError('invalid_client', 'Client authentication is required (HTTP Basic or client_id and client_secret in the body).');
  const client = await selectApiClientSecret(db, request.clientId);
  // The same comparison happens whether or not the client exists, so timing does not tell which client ids exist.
  const expected = client?.secret_hash ?? sha256(`absent:${request.clientId}`);
  const matches = timingSafeEqual(expected, sha256(request.clientSecret));
  if (!client || !matches || client.revoked_at) throw new TokenError('invalid_client', 'Unknown client, wrong secret, or a revoked client.');
  const token = `jva_${randomText(32)}`;
  await db.transaction().execute(async (trx) => {
    await insertApiToken(trx, { tokenHash: sha256(token), clientId: client.id, seconds: ACCESS_TOKEN_SECONDS });
    await updateApiClientUsed(trx, client.id);
  });
  return { access_token: token, token_type: 'Bearer', expires_in: ACCESS_TOKEN_SECONDS };
}

/** The principal behind a bearer token: the company's API client, while the token is unexpired and the client not revoked. */
export async function principalForAccessToken(db: Db, token: string): Promise<Principal | undefined> {
  if (!/^jva_[A-Za-z0-9_-]{20,80}$/.test(token)) return undefined;
  const row = await selectApiTokenHolder(db, sha256(token));
  if (!row) return undefined;
  return {
    subject: `urn:jobunivers:vendor-api-client:${row.client_id}`,
    name: row.client_name,
    audience: 'vendor',
    roles: ['vendor_api'],
    // The client was created by an administrator signed in at Substantial or higher.
    nsisLevel: 'Substantial',
    vendor: { cvr: row.cvr, name: row.vendor_name },
  };
}

/** Removes expired access tokens (run with the session pruning). */
export async function deleteExpiredAccessTokens(db: Db): Promise<number> {
  return deleteExpiredApiTokens(db);
}
