import { sql, type Selectable } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import type { ListingCheckTable, ListingStatus, ListingTransitionTable, ListingVersionTable, NoticeKind, NoticeTable } from '../../platform/db/schema.ts';
import type { Trx } from '../../platform/db/tenant.ts';
import type { ListingDraft, TaxonomyCodes } from './listings.schemas.ts';

type Executor = Db | Trx;

export type VersionRow = Selectable<ListingVersionTable>;
export type VersionDetail = VersionRow & {
  vendor_id: string;
  vendor_name: string;
  delisted_at: Date | null;
  categories: string[];
  target_groups: string[];
  languages: string[];
  data_categories: { category: string; purpose_da: string | null; purpose_en: string | null; legal_basis: string | null }[];
};
export type TransitionRow = Selectable<ListingTransitionTable> & { version: number };
export type CheckRow = Selectable<ListingCheckTable>;
export type NoticeRow = Selectable<NoticeTable>;

/** The statuses in which the vendor writes; a version in one of them is the listing's "open" version. */
export const editableStatuses: readonly ListingStatus[] = ['draft', 'checks_failed', 'changes_requested'];
/** The statuses in which a version may be deleted, if governance never had it in review (see `wasReviewed`). */
export const deletableStatuses: readonly ListingStatus[] = ['draft', 'checks_failed'];
/** Statuses of a version still on its way (at most one per listing, by a unique index). */
export const openStatuses: readonly ListingStatus[] = [...editableStatuses, 'submitted', 'in_review'];

/** The codes a draft may use, from catalogue's published taxonomy_term (retired target groups left out). */
export async function selectTaxonomyCodes(db: Executor): Promise<TaxonomyCodes> {
  const labels = await selectTaxonomyLabels(db);
  const codes = (entries: TaxonomyEntry[]) => entries.map((e) => e.code);
  return {
    journeyStages: codes(labels.journeyStages),
    categories: codes(labels.categories),
    targetGroups: codes(labels.targetGroups),
    languages: codes(labels.languages),
    dataCategories: codes(labels.dataCategories),
  };
}

function contentColumns(draft: ListingDraft) {
  return {
    name_da: draft.nameDa ?? null,
    name_en: draft.nameEn ?? null,
    summary_da: draft.summaryDa ?? null,
    summary_en: draft.summaryEn ?? null,
    description_da: draft.descriptionDa ?? null,
    description_en: draft.descriptionEn ?? null,
    journey_stage: draft.journeyStage ?? null,
    price_model: draft.priceModel ?? null,
    required_nsis_level: draft.requiredNsisLevel ?? null,
    service_url: draft.serviceUrl ?? null,
    accessibility_statement_url: draft.accessibilityStatementUrl ?? null,
    channels: draft.channels,
    redirect_uris: draft.redirectUris,
    client_auth_method: draft.clientAuthMethod ?? null,
    jwks_uri: draft.jwksUri ?? null,
    initiate_login_uri: draft.initiateLoginUri ?? null,
    backchannel_logout_uri: draft.backchannelLogoutUri ?? null,
    deletion_uri: draft.deletionUri ?? null,
    works_without_data: draft.worksWithoutData,
  };
}

async function replaceDescriptors(trx: Trx, versionId: string, draft: ListingDraft): Promise<void> {
  await trx.deleteFrom('listing_version_category').where('version_id', '=', versionId).execute();
  await trx.deleteFrom('listing_version_target_group').where('version_id', '=', versionId).execute();
  await trx.deleteFrom('listing_version_language').where('version_id', '=', versionId).execute();
  await trx.deleteFrom('listing_version_data_category').where('version_id', '=', versionId).execute();
  if (draft.categories.length)
    await trx
      .insertInto('listing_version_category')
      .values(draft.categories.map((category) => ({ version_id: versionId, category })))
      .execute();
  if (draft.targetGroups.length)
    await trx
      .insertInto('listing_version_target_group')
      .values(draft.targetGroups.map((target_group) => ({ version_id: versionId, target_group })))
      .execute();
  if (draft.languages.length)
    await trx
      .insertInto('listing_version_language')
      .values(draft.languages.map((language) => ({ version_id: versionId, language })))
      .execute();
  const seen = new Set<string>();
  const data = draft.dataCategories.filter((d) => !seen.has(d.category) && seen.add(d.category));
  if (data.length)
    await trx
      .insertInto('listing_version_data_category')
      .values(
        data.map((d) => ({
          version_id: versionId,
          category: d.category,
          purpose_da: d.purposeDa ?? null,
          purpose_en: d.purposeEn ?? null,
          legal_basis: d.legalBasis ?? null,
        })),
      )
      .execute();
}

export async function insertListing(trx: Trx, vendorId: string, createdBy: string): Promise<string> {
  const row = await trx.insertInto('listing').values({ vendor_id: vendorId, created_by: createdBy }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function insertVersion(trx: Trx, listingId: string, version: number, draft: ListingDraft, createdBy: string): Promise<string> {
  const row = await trx
    .insertInto('listing_version')
    .values({ listing_id: listingId, version, status: 'draft', created_by: createdBy, ...contentColumns(draft) })
    .returning('id')
    .executeTakeFirstOrThrow();
  await replaceDescriptors(trx, row.id, draft);
  return row.id;
}

export async function updateVersionContent(trx: Trx, versionId: string, draft: ListingDraft): Promise<void> {
  await trx
    .updateTable('listing_version')
    .set({ ...contentColumns(draft), updated_at: new Date() })
    .where('id', '=', versionId)
    .execute();
  await replaceDescriptors(trx, versionId, draft);
}

/** A version with its descriptors; `lock` takes the row for the rest of the transaction. */
export async function selectVersionDetail(db: Executor, versionId: string, options: { lock?: boolean } = {}): Promise<VersionDetail | undefined> {
  let query = db
    .selectFrom('listing_version as v')
    .innerJoin('listing as l', 'l.id', 'v.listing_id')
    .innerJoin('vendor_profile as vp', 'vp.id', 'l.vendor_id')
    .selectAll('v')
    .select(['l.vendor_id', 'l.delisted_at', 'vp.name as vendor_name'])
    .where('v.id', '=', versionId);
  if (options.lock) query = query.forUpdate('v');
  const version = await query.executeTakeFirst();
  if (!version) return undefined;
  const [categories, targetGroups, languages, dataCategories] = await Promise.all([
    db.selectFrom('listing_version_category').select('category').where('version_id', '=', versionId).orderBy('category').execute(),
    db.selectFrom('listing_version_target_group').select('target_group').where('version_id', '=', versionId).orderBy('target_group').execute(),
    db.selectFrom('listing_version_language').select('language').where('version_id', '=', versionId).orderBy('language').execute(),
    db
      .selectFrom('listing_version_data_category')
      .select(['category', 'purpose_da', 'purpose_en', 'legal_basis'])
      .where('version_id', '=', versionId)
      .orderBy('category')
      .execute(),
  ]);
  return {
    ...version,
    categories: categories.map((r) => r.category),
    target_groups: targetGroups.map((r) => r.target_group),
    languages: languages.map((r) => r.language),
    data_categories: dataCategories,
  };
}

export async function selectListingOwner(db: Executor, listingId: string): Promise<{ id: string; vendor_id: string; delisted_at: Date | null } | undefined> {
  return db.selectFrom('listing').select(['id', 'vendor_id', 'delisted_at']).where('id', '=', listingId).executeTakeFirst();
}

/** Every version of a listing, newest first. */
export async function selectVersions(db: Executor, listingId: string): Promise<VersionRow[]> {
  return db.selectFrom('listing_version').selectAll().where('listing_id', '=', listingId).orderBy('version', 'desc').execute();
}

/** Locks the listing row for the rest of the transaction (so two writers on one listing take turns). */
export async function lockListing(trx: Trx, listingId: string): Promise<{ id: string; delisted_at: Date | null } | undefined> {
  return trx.selectFrom('listing').select(['id', 'delisted_at']).where('id', '=', listingId).forUpdate().executeTakeFirst();
}

/** The id of the listing's version being written or reviewed, if any. */
export async function selectOpenVersionId(trx: Trx, listingId: string): Promise<string | undefined> {
  const open = await trx.selectFrom('listing_version').select('id').where('listing_id', '=', listingId).where('status', 'in', openStatuses).executeTakeFirst();
  return open?.id;
}

/** The id of the listing's live version, if any. */
export async function selectLiveVersionId(trx: Trx, listingId: string): Promise<string | undefined> {
  const live = await trx.selectFrom('listing_version').select('id').where('listing_id', '=', listingId).where('status', '=', 'approved').executeTakeFirst();
  return live?.id;
}

/** Locks the listing's live and suspended versions (those a newly approved version supersedes). */
export async function lockLiveAndSuspendedVersions(trx: Trx, listingId: string): Promise<{ id: string; status: ListingStatus }[]> {
  return trx
    .selectFrom('listing_version')
    .select(['id', 'status'])
    .where('listing_id', '=', listingId)
    .where('status', 'in', ['approved', 'suspended'])
    .forUpdate()
    .execute();
}

/** Locks the listing's versions in the given statuses, newest first. */
export async function lockVersionsInStatus(trx: Trx, listingId: string, statuses: readonly ListingStatus[]): Promise<{ id: string }[]> {
  return trx
    .selectFrom('listing_version')
    .select('id')
    .where('listing_id', '=', listingId)
    .where('status', 'in', statuses)
    .orderBy('version', 'desc')
    .forUpdate()
    .execute();
}

export async function markListingDelisted(trx: Trx, listingId: string): Promise<void> {
  await trx.updateTable('listing').set({ delisted_at: new Date() }).where('id', '=', listingId).execute();
}

export async function updateStatus(
  trx: Trx,
  versionId: string,
  status: ListingStatus,
  extra: Partial<Pick<VersionRow, 'submitted_at' | 'submitted_by' | 'assignee_subject' | 'assignee_name' | 'decided_at'>> = {},
): Promise<void> {
  await trx
    .updateTable('listing_version')
    .set({ status, ...extra })
    .where('id', '=', versionId)
    .execute();
}

export async function insertTransition(
  trx: Trx,
  transition: {
    version_id: string;
    listing_id: string;
    from_status: ListingStatus | null;
    to_status: ListingStatus;
    actor_subject: string;
    actor_name: string;
    actor_role: string;
    reason: string | null;
  },
): Promise<void> {
  await trx.insertInto('listing_transition').values(transition).execute();
}

/** Whether governance ever had the version in review (then its history is a record, and the version stays). */
export async function wasReviewed(db: Executor, versionId: string): Promise<boolean> {
  const row = await db
    .selectFrom('listing_transition')
    .select('id')
    .where('version_id', '=', versionId)
    .where('to_status', '=', 'in_review')
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Deletes a draft version with its checks, descriptors and transitions, and the listing when no version is left
 * (a database function: the application role may not delete versions or their history itself). Returns whether
 * the listing went too. The function refuses (an error) anything but a draft governance never saw.
 */
export async function deleteDraftVersion(trx: Trx, draft: { vendorId: string; listingId: string; versionId: string }): Promise<boolean> {
  const { rows } = await sql<{
    listing_deleted: boolean;
  }>`select delete_listing_draft(${draft.vendorId}, ${draft.listingId}, ${draft.versionId}) as listing_deleted`.execute(trx);
  return rows[0]?.listing_deleted === true;
}

export async function selectTransitions(db: Executor, listingId: string): Promise<TransitionRow[]> {
  return db
    .selectFrom('listing_transition as t')
    .innerJoin('listing_version as v', 'v.id', 't.version_id')
    .selectAll('t')
    .select('v.version')
    .where('t.listing_id', '=', listingId)
    .orderBy('t.id', 'desc')
    .execute();
}

export async function nextAttempt(trx: Trx, versionId: string): Promise<number> {
  const row = await trx
    .selectFrom('listing_check')
    .select(sql<number>`coalesce(max(attempt), 0) + 1`.as('next'))
    .where('version_id', '=', versionId)
    .executeTakeFirst();
  return Number(row?.next ?? 1);
}

export async function insertChecks(
  trx: Trx,
  versionId: string,
  attempt: number,
  results: { code: string; outcome: CheckRow['outcome']; message_key: string; params: Record<string, string | number> }[],
): Promise<void> {
  if (results.length === 0) return;
  await trx
    .insertInto('listing_check')
    .values(
      results.map((r) => ({ version_id: versionId, attempt, code: r.code, outcome: r.outcome, message_key: r.message_key, params: JSON.stringify(r.params) })),
    )
    .execute();
}

/** The results of the latest submission of a version (in the order they were run). */
export async function selectLatestChecks(db: Executor, versionId: string): Promise<CheckRow[]> {
  return db
    .selectFrom('listing_check')
    .selectAll()
    .where('version_id', '=', versionId)
    .where('attempt', '=', (eb) =>
      eb
        .selectFrom('listing_check')
        .select(sql<number>`max(attempt)`.as('a'))
        .where('version_id', '=', versionId),
    )
    .orderBy('checked_at')
    .orderBy('code')
    .execute();
}

export async function insertVendorNotice(
  trx: Trx,
  notice: { vendorId: string; listingId: string; kind: NoticeKind; listingName: string; reason: string | null },
): Promise<void> {
  await trx
    .insertInto('notice')
    .values({ recipient_vendor_id: notice.vendorId, listing_id: notice.listingId, kind: notice.kind, listing_name: notice.listingName, reason: notice.reason })
    .execute();
}

/** Tells every municipality that enabled the listing (through a database function: governance crosses tenants). */
export async function notifyMunicipalities(
  trx: Trx,
  notice: { listingId: string; kind: NoticeKind; listingName: string; reason: string | null },
): Promise<number> {
  const { rows } = await sql<{
    sent: number;
  }>`select notify_municipalities_of_listing(${notice.listingId}, ${notice.kind}, ${notice.listingName}, ${notice.reason}) as sent`.execute(trx);
  return rows[0]?.sent ?? 0;
}

export async function selectVendorNotices(db: Executor, vendorId: string, limit: number): Promise<NoticeRow[]> {
  return db.selectFrom('notice').selectAll().where('recipient_vendor_id', '=', vendorId).orderBy('created_at', 'desc').limit(limit).execute();
}

/** A municipality's notices; run inside withTenant, so row-level security keeps other municipalities' out. */
export async function selectMunicipalityNotices(trx: Trx, municipalityCode: string, limit: number): Promise<NoticeRow[]> {
  return trx.selectFrom('notice').selectAll().where('recipient_municipality', '=', municipalityCode).orderBy('created_at', 'desc').limit(limit).execute();
}

export type ListingSummaryRow = {
  listing_id: string;
  delisted_at: Date | null;
  latest_version: number;
  latest_status: ListingStatus;
  latest_name: string | null;
  live_version: number | null;
  updated_at: Date;
};

/** A vendor's listings with their newest version and the live one, newest activity first. */
export async function selectVendorListings(db: Executor, vendorId: string): Promise<ListingSummaryRow[]> {
  const { rows } = await sql<ListingSummaryRow>`
    select l.id as listing_id, l.delisted_at, latest.version as latest_version, latest.status as latest_status,
           coalesce(latest.name_da, live.name_da) as latest_name, live.version as live_version, latest.updated_at
    from listing l
    cross join lateral (select * from listing_version v where v.listing_id = l.id order by v.version desc limit 1) latest
    left join listing_version live on live.listing_id = l.id and live.status = 'approved'
    where l.vendor_id = ${vendorId}
    order by latest.updated_at desc`.execute(db);
  return rows;
}

export type QueueRow = {
  listing_id: string;
  version_id: string;
  version: number;
  name_da: string;
  vendor_name: string;
  submitted_at: Date;
  assignee_name: string | null;
};

/** Governance's queue: every version waiting for a decision, oldest first. */
export async function selectReviewQueue(db: Executor): Promise<QueueRow[]> {
  return db
    .selectFrom('listing_version as v')
    .innerJoin('listing as l', 'l.id', 'v.listing_id')
    .innerJoin('vendor_profile as vp', 'vp.id', 'l.vendor_id')
    .select(['v.listing_id', 'v.id as version_id', 'v.version', 'vp.name as vendor_name', 'v.assignee_name'])
    .select([sql<string>`v.name_da`.as('name_da'), sql<Date>`v.submitted_at`.as('submitted_at')])
    .where('v.status', '=', 'in_review')
    .orderBy('v.submitted_at')
    .execute();
}

export type DecisionRow = {
  listing_id: string;
  version: number;
  to_status: ListingStatus;
  name_da: string | null;
  vendor_name: string;
  actor_name: string;
  at: Date;
};

/** The latest governance decisions, suspensions included, for the workspace's overview. */
export async function selectRecentDecisions(db: Executor, limit: number): Promise<DecisionRow[]> {
  return db
    .selectFrom('listing_transition as t')
    .innerJoin('listing_version as v', 'v.id', 't.version_id')
    .innerJoin('listing as l', 'l.id', 't.listing_id')
    .innerJoin('vendor_profile as vp', 'vp.id', 'l.vendor_id')
    .select(['t.listing_id', 'v.version', 't.to_status', 'v.name_da', 'vp.name as vendor_name', 't.actor_name', 't.at'])
    .where('t.to_status', 'in', ['approved', 'changes_requested', 'rejected', 'suspended', 'delisted'])
    .where('t.actor_role', 'in', ['governance_reviewer', 'governance_admin'])
    .orderBy('t.id', 'desc')
    .limit(limit)
    .execute();
}

export type TaxonomyEntry = { code: string; name_da: string; name_en: string };
export type TaxonomyLabels = Record<'journeyStages' | 'categories' | 'targetGroups' | 'languages' | 'dataCategories', TaxonomyEntry[]>;

const labelKeys = {
  stage: 'journeyStages',
  category: 'categories',
  target_group: 'targetGroups',
  language: 'languages',
  data_category: 'dataCategories',
} as const;

/** The taxonomies with their Danish and English names, for forms and pages: catalogue's taxonomy_term in one read. */
export async function selectTaxonomyLabels(db: Executor): Promise<TaxonomyLabels> {
  const rows = await db
    .selectFrom('taxonomy_term')
    .select(['taxonomy', 'code', 'name_da', 'name_en'])
    .where('active', '=', true)
    .orderBy('taxonomy')
    .orderBy('sort')
    .orderBy('code')
    .execute();
  const labels: TaxonomyLabels = { journeyStages: [], categories: [], targetGroups: [], languages: [], dataCategories: [] };
  for (const { taxonomy, ...entry } of rows) labels[labelKeys[taxonomy]].push(entry);
  return labels;
}

export type LiveListingRow = {
  listing_id: string;
  name_da: string | null;
  vendor_name: string;
  version: number;
  status: 'approved' | 'suspended';
  decided_at: Date | null;
};

const containing = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * Listings that are live or suspended (not delisted), in Danish order of their name, one page at a time (one row more
 * than `limit` tells that there is a next page). `query` matches a part of either name or of the vendor's name.
 */
export async function selectLiveListings(
  db: Executor,
  options: { query: string; status: 'approved' | 'suspended' | undefined; limit: number; offset: number },
): Promise<LiveListingRow[]> {
  const conditions = [sql`l.delisted_at is null`, options.status ? sql`v.status = ${options.status}` : sql`v.status in ('approved', 'suspended')`];
  if (options.query) {
    const pattern = containing(options.query);
    conditions.push(sql`(v.name_da ilike ${pattern} or v.name_en ilike ${pattern} or vp.name ilike ${pattern})`);
  }
  const { rows } = await sql<LiveListingRow>`
    select v.listing_id, v.name_da, vp.name as vendor_name, v.version, v.status, v.decided_at
    from listing_version v
    join listing l on l.id = v.listing_id
    join vendor_profile vp on vp.id = l.vendor_id
    where ${sql.join(conditions, sql` and `)}
    order by v.name_da collate "da-DK-x-icu", v.listing_id
    limit ${options.limit + 1} offset ${options.offset}`.execute(db);
  return rows;
}
