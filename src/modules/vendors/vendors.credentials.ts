// The vendor API's credentials: OAuth 2 client credentials (RFC 6749 §4.4). A vendor administrator creates
// clients in the portal; a client exchanges its id and secret at the token endpoint for a short-lived opaque
// bearer token, which the access check turns into a principal acting for the company (role vendor_api).
import { z } from 'zod';
import {
  apiClientPrincipal,
  authenticateClient,
  clientCredentialsOf,
  hashCredential,
  isTokenOf,
  newClientCredentials,
  randomCredential,
  type IssuedToken,
  type TokenRequest,
} from '../../platform/auth/client-credentials.ts';
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
const ACCESS_TOKEN_PREFIX = 'jva_';

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
  const { clientId, clientSecret, secretHash } = newClientCredentials({ id: 'jvc_', secret: 'jvs_' });
  const result = await createOnce(db, once, (trx) => insertApiClient(trx, { vendorId, clientId, secretHash, name, createdBy: actor.subject }));
  return result.replayed ? { id: result.id } : { id: result.id, created: { clientId, clientSecret, name } };
}

/** Revokes a client of the company: its tokens stop working at once. */
export async function revokeApiClient(db: Db, actor: Principal, id: string): Promise<void> {
  vendorPolicy.authorize(actor, 'credential.revoke');
  const vendorId = await ownVendorId(db, actor);
  if (!(await updateApiClientRevoked(db, { id, vendorId, revokedBy: actor.subject }))) throw new AppError('NOT_FOUND');
}

/** The client credentials grant: a live client with the right secret gets a bearer token for ACCESS_TOKEN_SECONDS. Throws TokenError. */
export async function issueAccessToken(db: Db, request: TokenRequest): Promise<IssuedToken> {
  const credentials = clientCredentialsOf(request);
  const client = authenticateClient(await selectApiClientSecret(db, credentials.clientId), credentials);
  const token = randomCredential(ACCESS_TOKEN_PREFIX, 32);
  await db.transaction().execute(async (trx) => {
    await insertApiToken(trx, { tokenHash: hashCredential(token), clientId: client.id, seconds: ACCESS_TOKEN_SECONDS });
    await updateApiClientUsed(trx, client.id);
  });
  return { access_token: token, token_type: 'Bearer', expires_in: ACCESS_TOKEN_SECONDS };
}

/** The principal behind a bearer token: the company's API client, while the token is unexpired and the client not revoked. */
export async function principalForAccessToken(db: Db, token: string): Promise<Principal | undefined> {
  if (!isTokenOf(ACCESS_TOKEN_PREFIX, token)) return undefined;
  const row = await selectApiTokenHolder(db, hashCredential(token));
  if (!row) return undefined;
  return {
    ...apiClientPrincipal({ subject: `urn:jobunivers:vendor-api-client:${row.client_id}`, name: row.client_name, role: 'vendor_api' }),
    vendor: { cvr: row.cvr, name: row.vendor_name },
  };
}

/** Removes expired access tokens (run with the session pruning). */
export async function deleteExpiredAccessTokens(db: Db): Promise<number> {
  return deleteExpiredApiTokens(db);
}
