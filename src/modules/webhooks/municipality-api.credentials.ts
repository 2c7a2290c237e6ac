// The municipality API's credentials: OAuth 2 client credentials (RFC 6749 §4.4), as the vendor API's
// (vendors.credentials.ts). A municipal administrator creates clients on /kommune/api-klienter; a client exchanges its
// id and secret at POST /api/municipality/v1/token for a short-lived opaque bearer token, which the access check turns
// into a principal acting for the municipality (role municipality_api) — it reads the municipality's change feed.
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
  deleteExpiredMunicipalityApiTokens,
  insertMunicipalityApiClient,
  insertMunicipalityApiToken,
  selectMunicipalityApiClients,
  selectMunicipalityApiClientSecret,
  selectMunicipalityApiTokenHolder,
  updateMunicipalityApiClientRevoked,
  withClientScope,
  type MunicipalityApiClientRow,
} from './municipality-api.repository.ts';
import { webhooksPolicy } from './webhooks.policy.ts';

export type { MunicipalityApiClientRow };

export const MUNICIPALITY_TOKEN_SECONDS = 600;
/** Every access token of the municipality API begins so; the composition sends such bearer tokens here. */
export const MUNICIPALITY_TOKEN_PREFIX = 'jma_';

function ownMunicipality(actor: Principal): string {
  webhooksPolicy.authorize(actor, 'api-client.manage');
  if (!actor.municipality) throw new AppError('FORBIDDEN');
  return actor.municipality.code;
}

/** The municipality's API clients, newest first (secrets are never shown again). Throws FORBIDDEN. */
export async function listMunicipalityApiClients(db: Db, actor: Principal): Promise<MunicipalityApiClientRow[]> {
  const municipalityCode = ownMunicipality(actor);
  return withClientScope(db, { municipalityCode }, (trx) => selectMunicipalityApiClients(trx, municipalityCode));
}

const newClientSchema = z.object({ name: requiredText({ min: 2, max: 100 }) });

/** A client just made, with the secret shown this once. */
export type NewMunicipalityApiClient = { clientId: string; clientSecret: string; name: string };

/**
 * Creates an API client once per form token; the secret is returned this once and only its hash is stored. A resubmit
 * of the same form gets the first client's id without a secret. Throws FORBIDDEN, VALIDATION.
 */
export async function createMunicipalityApiClient(
  db: Db,
  actor: Principal,
  input: unknown,
  once?: FormOnce,
): Promise<{ id: string; created?: NewMunicipalityApiClient }> {
  const municipalityCode = ownMunicipality(actor);
  const { name } = parseInput(newClientSchema, input);
  const { clientId, clientSecret, secretHash } = newClientCredentials({ id: 'jmc_', secret: 'jms_' });
  const result = await withClientScope(db, { municipalityCode }, (trx) =>
    createOnce(trx, once, (t) => insertMunicipalityApiClient(t, { municipalityCode, clientId, secretHash, name, createdBy: actor.subject })),
  );
  return result.replayed ? { id: result.id } : { id: result.id, created: { clientId, clientSecret, name } };
}

/** Revokes a client of the municipality: its tokens stop working at once. Throws FORBIDDEN, NOT_FOUND. */
export async function revokeMunicipalityApiClient(db: Db, actor: Principal, id: string): Promise<void> {
  const municipalityCode = ownMunicipality(actor);
  const revoked = await withClientScope(db, { municipalityCode }, (trx) =>
    updateMunicipalityApiClientRevoked(trx, { id, municipalityCode, revokedBy: actor.subject }),
  );
  if (!revoked) throw new AppError('NOT_FOUND');
}

/** The client credentials grant: a live client with the right secret gets a bearer token. Throws TokenError. */
export async function issueMunicipalityAccessToken(db: Db, request: TokenRequest): Promise<IssuedToken> {
  const credentials = clientCredentialsOf(request);
  const token = randomCredential(MUNICIPALITY_TOKEN_PREFIX, 32);
  await withClientScope(db, 'auth', async (trx) => {
    const client = authenticateClient(await selectMunicipalityApiClientSecret(trx, credentials.clientId), credentials);
    await insertMunicipalityApiToken(trx, { tokenHash: hashCredential(token), clientId: client.id, seconds: MUNICIPALITY_TOKEN_SECONDS });
  });
  return { access_token: token, token_type: 'Bearer', expires_in: MUNICIPALITY_TOKEN_SECONDS };
}

/** The principal behind a municipality API token, while it is unexpired and its client not revoked. */
export async function principalForMunicipalityToken(db: Db, token: string): Promise<Principal | undefined> {
  if (!isTokenOf(MUNICIPALITY_TOKEN_PREFIX, token)) return undefined;
  const row = await withClientScope(db, 'auth', (trx) => selectMunicipalityApiTokenHolder(trx, hashCredential(token)));
  if (!row) return undefined;
  return {
    ...apiClientPrincipal({ subject: `urn:jobunivers:municipality-api-client:${row.client_id}`, name: row.client_name, role: 'municipality_api' }),
    municipality: { code: row.municipality_code, name: row.municipality_name },
  };
}

/** Removes expired access tokens. */
export async function pruneMunicipalityAccessTokens(db: Db): Promise<number> {
  return withClientScope(db, 'auth', deleteExpiredMunicipalityApiTokens);
}
