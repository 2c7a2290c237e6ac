import { sql, type Selectable } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import type { VendorApiClientTable, VendorTable } from '../../platform/db/schema.ts';
import type { Trx } from '../../platform/db/tenant.ts';

export type VendorRow = Selectable<VendorTable>;
export type ApiClientRow = Omit<Selectable<VendorApiClientTable>, 'secret_hash'>;

export async function selectVendorByCvr(db: Db, cvr: string): Promise<VendorRow | undefined> {
  return db.selectFrom('vendor').selectAll().where('cvr', '=', cvr).executeTakeFirst();
}

/** Creates the vendor, or updates its profile when the CVR is registered already. */
export async function upsertVendor(
  db: Db,
  vendor: {
    cvr: string;
    name: string;
    contact_email: string;
    contact_phone: string;
    support_url: string;
    dpa_status: VendorRow['dpa_status'];
    registered_by: string;
  },
): Promise<VendorRow> {
  const { registered_by, cvr, ...profile } = vendor;
  return db
    .insertInto('vendor')
    .values({ cvr, registered_by, ...profile })
    .onConflict((oc) => oc.column('cvr').doUpdateSet({ ...profile, updated_at: new Date() }))
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function selectVendorName(db: Db, vendorId: string): Promise<string | undefined> {
  const row = await db.selectFrom('vendor').select('name').where('id', '=', vendorId).executeTakeFirst();
  return row?.name;
}

/** The company's API clients, newest first, without their secrets' hashes. */
export async function selectApiClients(db: Db, vendorId: string): Promise<ApiClientRow[]> {
  return db
    .selectFrom('vendor_api_client')
    .select(['id', 'vendor_id', 'client_id', 'name', 'created_by', 'created_at', 'last_used_at', 'revoked_at', 'revoked_by'])
    .where('vendor_id', '=', vendorId)
    .orderBy('created_at', 'desc')
    .execute();
}

export async function insertApiClient(
  trx: Trx,
  client: { vendorId: string; clientId: string; secretHash: Buffer; name: string; createdBy: string },
): Promise<string> {
  const row = await trx
    .insertInto('vendor_api_client')
    .values({ vendor_id: client.vendorId, client_id: client.clientId, secret_hash: client.secretHash, name: client.name, created_by: client.createdBy })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Revokes the company's client unless it is revoked already; returns whether a client was revoked. */
export async function updateApiClientRevoked(db: Db, revocation: { id: string; vendorId: string; revokedBy: string }): Promise<boolean> {
  const result = await db
    .updateTable('vendor_api_client')
    .set({ revoked_at: new Date(), revoked_by: revocation.revokedBy })
    .where('id', '=', revocation.id)
    .where('vendor_id', '=', revocation.vendorId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows !== 0n;
}

export async function selectApiClientSecret(db: Db, clientId: string): Promise<{ id: string; secret_hash: Buffer; revoked_at: Date | null } | undefined> {
  return db.selectFrom('vendor_api_client').select(['id', 'secret_hash', 'revoked_at']).where('client_id', '=', clientId).executeTakeFirst();
}

/** Stores a token's hash for the client, valid `seconds` from the database's now. */
export async function insertApiToken(trx: Trx, token: { tokenHash: Buffer; clientId: string; seconds: number }): Promise<void> {
  await trx
    .insertInto('vendor_api_token')
    .values({ token_hash: token.tokenHash, client_id: token.clientId, expires_at: sql<Date>`now() + make_interval(secs => ${token.seconds})` })
    .execute();
}

export async function updateApiClientUsed(trx: Trx, id: string): Promise<void> {
  await trx.updateTable('vendor_api_client').set({ last_used_at: new Date() }).where('id', '=', id).execute();
}

/** The client and company behind an unexpired token of a client that is not revoked. */
export async function selectApiTokenHolder(
  db: Db,
  tokenHash: Buffer,
): Promise<{ client_id: string; client_name: string; cvr: string; vendor_name: string } | undefined> {
  return db
    .selectFrom('vendor_api_token as t')
    .innerJoin('vendor_api_client as c', 'c.id', 't.client_id')
    .innerJoin('vendor', 'vendor.id', 'c.vendor_id')
    .select(['c.client_id', 'c.name as client_name', 'vendor.cvr', 'vendor.name as vendor_name'])
    .where('t.token_hash', '=', tokenHash)
    .where('t.expires_at', '>', sql<Date>`now()`)
    .where('c.revoked_at', 'is', null)
    .executeTakeFirst();
}

export async function deleteExpiredApiTokens(db: Db): Promise<number> {
  const result = await db
    .deleteFrom('vendor_api_token')
    .where('expires_at', '<', sql<Date>`now()`)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
