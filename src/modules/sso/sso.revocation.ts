import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import type { Trx } from '../../platform/db/tenant.ts';

/**
 * Ends at once everything a vendor's services hold from the platform for a citizen: their grants, authorization
 * codes, access and refresh tokens (oidc-provider's rows, each carrying the account and the client, which is the
 * listing's id). The Data API reads tokens from these rows, so the vendor's next call is refused. Returns how many
 * rows went.
 */
export async function revokeVendorAccess(db: Db | Trx, citizenId: string, vendorId: string): Promise<number> {
  const result = await db
    .deleteFrom('oidc_model')
    .where('account_id', '=', citizenId)
    .where('client_id', 'in', (eb) => eb.selectFrom('listing').select(sql<string>`id::text`.as('id')).where('vendor_id', '=', vendorId))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
