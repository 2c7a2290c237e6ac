// The municipality API's clients and tokens (0074). A municipality's own transaction (app.municipality) keeps its
// clients; the token endpoint and the bearer check, which act for nobody yet, run under app.municipality_api = 'on'.
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import type { Trx } from '../../platform/db/tenant.ts';

/** Runs `work` in one transaction as the municipality (its clients only), or as the authentication step (`'auth'`). */
export async function withClientScope<T>(db: Db, scope: { municipalityCode: string } | 'auth', work: (trx: Trx) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    await sql`select set_config('app.municipality', ${scope === 'auth' ? '' : scope.municipalityCode}, true),
      set_config('app.municipality_api', ${scope === 'auth' ? 'on' : ''}, true)`.execute(trx);
    return work(trx);
  });
}

export type MunicipalityApiClientRow = {
  id: string;
  municipality_code: string;
  client_id: string;
  name: string;
  created_by: string;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
  revoked_by: string | null;
};

/** The municipality's clients, newest first, without their secrets' hashes. */
export async function selectMunicipalityApiClients(trx: Trx, municipalityCode: string): Promise<MunicipalityApiClientRow[]> {
  return trx
    .selectFrom('municipality_api_client')
    .select(['id', 'municipality_code', 'client_id', 'name', 'created_by', 'created_at', 'last_used_at', 'revoked_at', 'revoked_by'])
    .where('municipality_code', '=', municipalityCode)
    .orderBy('created_at', 'desc')
    .execute();
}

export async function insertMunicipalityApiClient(
  trx: Trx,
  client: { municipalityCode: string; clientId: string; secretHash: Buffer; name: string; createdBy: string },
): Promise<string> {
  const row = await trx
    .insertInto('municipality_api_client')
    .values({
      municipality_code: client.municipalityCode,
      client_id: client.clientId,
      secret_hash: client.secretHash,
      name: client.name,
      created_by: client.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Revokes the municipality's client unless it is revoked already; returns whether a client was revoked. */
export async function updateMunicipalityApiClientRevoked(trx: Trx, revocation: { id: string; municipalityCode: string; revokedBy: string }): Promise<boolean> {
  const result = await trx
    .updateTable('municipality_api_client')
    .set({ revoked_at: new Date(), revoked_by: revocation.revokedBy })
    .where('id', '=', revocation.id)
    .where('municipality_code', '=', revocation.municipalityCode)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows !== 0n;
}

export async function selectMunicipalityApiClientSecret(
  trx: Trx,
  clientId: string,
): Promise<{ id: string; secret_hash: Buffer; revoked_at: Date | null } | undefined> {
  return trx.selectFrom('municipality_api_client').select(['id', 'secret_hash', 'revoked_at']).where('client_id', '=', clientId).executeTakeFirst();
}

/** Stores a token's hash for the client, valid `seconds` from the database's now, and marks the client used. */
export async function insertMunicipalityApiToken(trx: Trx, token: { tokenHash: Buffer; clientId: string; seconds: number }): Promise<void> {
  await trx
    .insertInto('municipality_api_token')
    .values({ token_hash: token.tokenHash, client_id: token.clientId, expires_at: sql<Date>`now() + make_interval(secs => ${token.seconds})` })
    .execute();
  await trx.updateTable('municipality_api_client').set({ last_used_at: new Date() }).where('id', '=', token.clientId).execute();
}

/** The client and municipality behind an unexpired token of a client that is not revoked. */
export async function selectMunicipalityApiTokenHolder(
  trx: Trx,
  tokenHash: Buffer,
): Promise<{ client_id: string; client_name: string; municipality_code: string; municipality_name: string } | undefined> {
  return trx
    .selectFrom('municipality_api_token as t')
    .innerJoin('municipality_api_client as c', 'c.id', 't.client_id')
    .innerJoin('municipality_name as m', 'm.code', 'c.municipality_code')
    .select(['c.client_id', 'c.name as client_name', 'c.municipality_code', 'm.name as municipality_name'])
    .where('t.token_hash', '=', tokenHash)
    .where('t.expires_at', '>', sql<Date>`now()`)
    .where('c.revoked_at', 'is', null)
    .executeTakeFirst();
}

export async function deleteExpiredMunicipalityApiTokens(trx: Trx): Promise<number> {
  const result = await trx
    .deleteFrom('municipality_api_token')
    .where('expires_at', '<', sql<Date>`now()`)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
