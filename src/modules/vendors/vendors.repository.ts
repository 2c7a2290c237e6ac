import type { Selectable } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import type { VendorTable } from '../../platform/db/schema.ts';

export type VendorRow = Selectable<VendorTable>;

export async function selectVendorByCvr(db: Db, cvr: string): Promise<VendorRow | undefined> {
  return db.selectFrom('vendor').selectAll().where('cvr', '=', cvr).executeTakeFirst();
}

/** Creates the vendor, or updates its profile when the CVR is registered already. */
export async function upsertVendor(
  db: Db,
  vendor: { cvr: string; name: string; contact_email: string; contact_phone: string; support_url: string; dpa_status: VendorRow['dpa_status']; registered_by: string },
): Promise<VendorRow> {
  const { registered_by, cvr, ...profile } = vendor;
  return db
    .insertInto('vendor')
    .values({ cvr, registered_by, ...profile })
    .onConflict((oc) => oc.column('cvr').doUpdateSet({ ...profile, updated_at: new Date() }))
    .returningAll()
    .executeTakeFirstOrThrow();
}
