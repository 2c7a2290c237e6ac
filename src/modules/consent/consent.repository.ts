// SQL for consents and deletion requests. Consent rows are under row-level security: the caller passes a
// transaction with the citizen set (withTenant). Listings, versions and vendors are read as they are.
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import type { DeletionReason, DeletionStatus, LegalBasis } from '../../platform/db/schema.ts';
import type { Trx } from '../../platform/db/tenant.ts';

export type LiveVersionRow = {
  listing_id: string;
  version_id: string;
  vendor_id: string;
  vendor_name: string;
  name_da: string | null;
  name_en: string | null;
  works_without_data: boolean;
};

/** A listing's live (approved) version with its vendor, unless the listing is delisted. */
export function selectLiveVersion(db: Db | Trx, listingId: string): Promise<LiveVersionRow | undefined> {
  return db
    .selectFrom('listing_live as v')
    .select(['v.listing_id', 'v.version_id', 'v.vendor_id', 'v.vendor_name', 'v.name_da', 'v.name_en', 'v.works_without_data'])
    .where('v.listing_id', '=', listingId)
    .executeTakeFirst();
}

export type VersionCategoryRow = {
  code: string;
  name_da: string;
  name_en: string;
  purpose_da: string | null;
  purpose_en: string | null;
  legal_basis: LegalBasis | null;
};

/** The data categories a version asks for, with their names, purposes and legal bases, by code. */
export function selectVersionCategories(db: Db | Trx, versionId: string): Promise<VersionCategoryRow[]> {
  return db
    .selectFrom('listing_data_use as c')
    .innerJoin('taxonomy_term as d', (join) => join.onRef('d.code', '=', 'c.category').on('d.taxonomy', '=', 'data_category'))
    .select(['c.category as code', 'd.name_da', 'd.name_en', 'c.purpose_da', 'c.purpose_en', 'c.legal_basis'])
    .where('c.version_id', '=', versionId)
    .orderBy('c.category')
    .execute();
}

export type VendorRow = { id: string; name: string; cvr: string; contact_email: string; contact_phone: string; support_url: string };

export function selectVendor(db: Db | Trx, vendorId: string): Promise<VendorRow | undefined> {
  return db
    .selectFrom('vendor_profile')
    .select(['id', 'name', 'cvr', 'contact_email', 'contact_phone', 'support_url'])
    .where('id', '=', vendorId)
    .executeTakeFirst();
}

export function selectVendorIdByCvr(db: Db | Trx, cvr: string): Promise<string | undefined> {
  return db
    .selectFrom('vendor_profile')
    .select('id')
    .where('cvr', '=', cvr)
    .executeTakeFirst()
    .then((row) => row?.id);
}

export type CurrentConsentRow = { id: string; decision: 'accepted' | 'declined'; policy_hash: string; valid_until: Date; categories: string[] };

/** The citizen's current (active) decision about a listing, with the categories it covers. */
export async function selectCurrentConsent(trx: Trx, citizenId: string, listingId: string): Promise<CurrentConsentRow | undefined> {
  const { rows } = await sql<CurrentConsentRow>`
    select r.id, r.decision, r.policy_hash, r.valid_until,
      coalesce(array(select c.category from consent_record_category c where c.consent_id = r.id order by c.category), '{}') as categories
    from consent_record r
    where r.citizen_id = ${citizenId} and r.listing_id = ${listingId} and r.status = 'active'`.execute(trx);
  return rows[0];
}

/** The categories an active, accepted and unexpired decision covers. */
export async function selectConsentedCategories(trx: Trx, citizenId: string, listingId: string): Promise<string[]> {
  const rows = await trx
    .selectFrom('consent_record as r')
    .innerJoin('consent_record_category as c', 'c.consent_id', 'r.id')
    .select('c.category')
    .where('r.citizen_id', '=', citizenId)
    .where('r.listing_id', '=', listingId)
    .where('r.status', '=', 'active')
    .where('r.decision', '=', 'accepted')
    .where('r.valid_until', '>', sql<Date>`now()`)
    .orderBy('c.category')
    .execute();
  return rows.map((row) => row.category);
}

/** Marks the citizen's current decision about a listing as superseded (a new one is being recorded). */
export async function supersedeCurrent(trx: Trx, citizenId: string, listingId: string): Promise<void> {
  await trx
    .updateTable('consent_record')
    .set({ status: 'superseded' })
    .where('citizen_id', '=', citizenId)
    .where('listing_id', '=', listingId)
    .where('status', '=', 'active')
    .execute();
}

export type NewConsent = {
  citizen_id: string;
  municipality_code: string;
  vendor_id: string;
  listing_id: string;
  listing_version_id: string;
  decision: 'accepted' | 'declined';
  policy_hash: string;
  language: 'da' | 'en';
};

/** Inserts a decision valid for `months` from now; returns its id and times. */
export function insertConsent(trx: Trx, consent: NewConsent, months: number): Promise<{ id: string; given_at: Date; valid_until: Date }> {
  return trx
    .insertInto('consent_record')
    .values({ ...consent, collection_method: 'web_form', valid_until: sql<Date>`now() + make_interval(months => ${months})` })
    .returning(['id', 'given_at', 'valid_until'])
    .executeTakeFirstOrThrow();
}

export async function insertConsentCategories(
  trx: Trx,
  rows: {
    consent_id: string;
    category: string;
    citizen_id: string;
    municipality_code: string;
    purpose_da: string;
    purpose_en: string;
    legal_basis: LegalBasis;
  }[],
): Promise<void> {
  if (rows.length > 0) await trx.insertInto('consent_record_category').values(rows).execute();
}

export async function updateReceipt(trx: Trx, consentId: string, receipt: string): Promise<void> {
  await trx.updateTable('consent_record').set({ receipt }).where('id', '=', consentId).execute();
}

export type OwnConsentRow = {
  id: string;
  vendor_id: string;
  vendor_name: string;
  vendor_email: string;
  vendor_phone: string;
  listing_id: string;
  listing_version_id: string;
  name_da: string | null;
  name_en: string | null;
  works_without_data: boolean;
  decision: 'accepted' | 'declined';
  status: 'active' | 'superseded' | 'withdrawn';
  language: 'da' | 'en';
  given_at: Date;
  valid_until: Date;
  withdrawn_at: Date | null;
  has_receipt: boolean;
};

const ownConsentColumns = sql`r.id, r.vendor_id, vp.name as vendor_name, vp.contact_email as vendor_email, vp.contact_phone as vendor_phone,
  r.listing_id, r.listing_version_id, v.name_da, v.name_en, v.works_without_data, r.decision, r.status, r.language, r.given_at, r.valid_until,
  r.withdrawn_at, r.receipt is not null as has_receipt`;

/** The citizen's decisions, newest first (the transaction sees only the citizen's own). */
export async function selectOwnConsents(trx: Trx, citizenId: string, limit: number): Promise<OwnConsentRow[]> {
  const { rows } = await sql<OwnConsentRow>`
    select ${ownConsentColumns}
    from consent_record r
    join listing_version_brief v on v.version_id = r.listing_version_id
    join vendor_profile vp on vp.id = r.vendor_id
    where r.citizen_id = ${citizenId}
    order by r.given_at desc, r.id
    limit ${limit}`.execute(trx);
  return rows;
}

/** One of the citizen's decisions; `lock` holds it for an update in the same transaction. */
export async function selectOwnConsent(trx: Trx, citizenId: string, consentId: string, options: { lock?: boolean } = {}): Promise<OwnConsentRow | undefined> {
  const { rows } = await sql<OwnConsentRow>`
    select ${ownConsentColumns}
    from consent_record r
    join listing_version_brief v on v.version_id = r.listing_version_id
    join vendor_profile vp on vp.id = r.vendor_id
    where r.citizen_id = ${citizenId} and r.id = ${consentId}
    ${options.lock ? sql`for update of r` : sql``}`.execute(trx);
  return rows[0];
}

export type ConsentCategoryRow = {
  consent_id: string;
  category: string;
  name_da: string;
  name_en: string;
  purpose_da: string;
  purpose_en: string;
  legal_basis: LegalBasis;
};

export function selectConsentCategories(trx: Trx, consentIds: readonly string[]): Promise<ConsentCategoryRow[]> {
  if (consentIds.length === 0) return Promise.resolve([]);
  return trx
    .selectFrom('consent_record_category as c')
    .innerJoin('taxonomy_term as d', (join) => join.onRef('d.code', '=', 'c.category').on('d.taxonomy', '=', 'data_category'))
    .select(['c.consent_id', 'c.category', 'd.name_da', 'd.name_en', 'c.purpose_da', 'c.purpose_en', 'c.legal_basis'])
    .where('c.consent_id', 'in', consentIds)
    .orderBy('c.category')
    .execute();
}

export function selectOwnReceipt(trx: Trx, citizenId: string, consentId: string): Promise<{ receipt: string | null } | undefined> {
  return trx.selectFrom('consent_record').select('receipt').where('citizen_id', '=', citizenId).where('id', '=', consentId).executeTakeFirst();
}

export async function markWithdrawn(trx: Trx, consentId: string): Promise<void> {
  await trx
    .updateTable('consent_record')
    .set({ status: 'withdrawn', withdrawn_at: sql<Date>`now()` })
    .where('id', '=', consentId)
    .execute();
}

/** Where a vendor takes deletion requests for a listing: its live version's address, else the given version's. */
export async function selectDeletionUri(db: Db | Trx, listingId: string, fallbackVersionId: string | null): Promise<string | null> {
  const { rows } = await sql<{ deletion_uri: string | null }>`
    select coalesce(
      (select deletion_uri from listing_live where listing_id = ${listingId}),
      (select deletion_uri from listing_version_brief where version_id = ${fallbackVersionId})
    ) as deletion_uri`.execute(db);
  return rows[0]?.deletion_uri ?? null;
}

export type DeletionRequestRow = {
  id: string;
  citizen_id: string;
  vendor_id: string;
  listing_id: string;
  consent_id: string | null;
  reason: DeletionReason;
  status: DeletionStatus;
  attempts: number;
  last_error: string | null;
  vendor_reference: string | null;
  requested_at: Date;
  updated_at: Date;
};

export function insertDeletionRequest(
  trx: Trx,
  request: {
    citizen_id: string;
    municipality_code: string;
    vendor_id: string;
    listing_id: string;
    consent_id: string;
    reason: DeletionReason;
    status: 'pending' | 'not_supported';
  },
): Promise<{ id: string }> {
  return trx.insertInto('vendor_deletion_request').values(request).returning('id').executeTakeFirstOrThrow();
}

/** The columns of a deletion request as the consent screen and the delivery job read it. */
const deletionRequestColumns = [
  'id',
  'citizen_id',
  'vendor_id',
  'listing_id',
  'consent_id',
  'reason',
  'status',
  'attempts',
  'last_error',
  'vendor_reference',
  'requested_at',
  'updated_at',
] as const;

/** The citizen's deletion requests, newest first. */
export function selectOwnDeletionRequests(trx: Trx, citizenId: string): Promise<DeletionRequestRow[]> {
  return trx
    .selectFrom('vendor_deletion_request')
    .select(deletionRequestColumns)
    .where('citizen_id', '=', citizenId)
    .orderBy('requested_at', 'desc')
    .limit(200)
    .execute();
}

/** A pending request, locked for its sender (another sender at the same time skips it). */
export function claimPendingDeletionRequest(trx: Trx, id: string): Promise<DeletionRequestRow | undefined> {
  return trx
    .selectFrom('vendor_deletion_request')
    .select(deletionRequestColumns)
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .forUpdate()
    .skipLocked()
    .executeTakeFirst();
}

export async function updateDeletionRequest(
  trx: Trx,
  id: string,
  change: { status: DeletionStatus; attempts: number; last_error: string | null; vendor_reference?: string | null | undefined },
): Promise<void> {
  const { vendor_reference, ...rest } = change;
  await trx
    .updateTable('vendor_deletion_request')
    .set({ ...rest, ...(vendor_reference !== undefined ? { vendor_reference } : {}), updated_at: sql<Date>`now()` })
    .where('id', '=', id)
    .execute();
}

/** Pending requests due for another try (any citizen's; through the narrow database function). */
export async function selectDueDeletionRequests(db: Db, limit: number): Promise<{ id: string; citizen_id: string }[]> {
  const { rows } = await sql<{ id: string; citizen_id: string }>`select id, citizen_id from due_vendor_deletion_requests(${limit})`.execute(db);
  return rows;
}

/** A vendor's confirmation that it deleted; the status after, or undefined when the request is not the vendor's. */
export async function confirmDeletion(db: Db, requestId: string, vendorId: string, reference: string | null): Promise<string | undefined> {
  const { rows } = await sql<{ status: string | null }>`select confirm_vendor_deletion(${requestId}::uuid, ${vendorId}::uuid, ${reference}) as status`.execute(
    db,
  );
  return rows[0]?.status ?? undefined;
}
