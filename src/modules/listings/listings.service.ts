import type { Principal } from '../../platform/auth/principal.ts';
import { announceChange, type ChangeBus } from '../../platform/changes.ts';
import type { Config } from '../../platform/config.ts';
import type { Db } from '../../platform/db/database.ts';
import type { ListingStatus, NoticeKind } from '../../platform/db/schema.ts';
import { inTransaction, withTenant, type Trx } from '../../platform/db/tenant.ts';
import { AppError } from '../../platform/errors.ts';
import { createOnce, type CreatedOnce, type FormOnce } from '../../platform/http/form-token.ts';
import { parseInput } from '../../platform/validation.ts';
import { declarationChecklist, type DeclarationChecklist } from '../frameworks/index.ts';
import { getOwnVendor, getVendorName } from '../vendors/index.ts';
import { recordOutboundEvent } from '../webhooks/index.ts';
import { runChecks, type CheckResult } from './listings.checks.ts';
import {
  deletableStatuses,
  deleteDraftVersion,
  editableStatuses,
  insertChecks,
  insertListing,
  insertTransition,
  insertVendorNotice,
  insertVersion,
  lockListing,
  lockLiveAndSuspendedVersions,
  lockVersionsInStatus,
  markListingDelisted,
  nextAttempt,
  notifyMunicipalities,
  openStatuses,
  selectLatestChecks,
  selectListingOwner,
  selectLiveListings,
  selectLiveVersionId,
  selectMunicipalityNotices,
  selectOpenVersionId,
  selectRecentDecisions,
  selectReviewQueue,
  selectTaxonomyCodes,
  selectTransitions,
  selectVendorListings,
  selectTaxonomyLabels,
  selectVendorNotices,
  selectVersionDetail,
  selectVersions,
  updateStatus,
  updateVersionContent,
  wasReviewed,
  type CheckRow,
  type LiveListingRow,
  type NoticeRow,
  type TaxonomyLabels,
  type TransitionRow,
  type VersionDetail,
  type VersionRow,
} from './listings.repository.ts';
import { listingsPolicy } from './listings.policy.ts';
import { decisionSchema, deleteDraftSchema, listingDraftSchema, reasonSchema, type ListingDraft } from './listings.schemas.ts';

function actorRole(actor: Principal): string {
  return actor.roles[0] ?? actor.audience;
}

function transitionBy(actor: Principal) {
  return { actor_subject: actor.subject, actor_name: actor.name, actor_role: actorRole(actor) };
}

/** The signed-in vendor user's registered company; CONFLICT while it is not registered yet. */
async function ownVendorId(db: Db, actor: Principal): Promise<string> {
  const vendor = await getOwnVendor(db, actor);
  if (!vendor) throw new AppError('CONFLICT', 'Register the company (Virksomhedsprofil) before adding listings.');
  return vendor.id;
}

/** The listing, if it belongs to the actor's company; another company's listing does not exist for them. */
async function ownListing(db: Db, actor: Principal, listingId: string): Promise<{ id: string; vendor_id: string; delisted_at: Date | null }> {
  const vendorId = await ownVendorId(db, actor);
  const listing = await selectListingOwner(db, listingId);
  if (!listing || listing.vendor_id !== vendorId) throw new AppError('NOT_FOUND');
  return listing;
}

async function parseDraft(db: Db, input: unknown): Promise<ListingDraft> {
  return parseInput(listingDraftSchema(await selectTaxonomyCodes(db)), input);
}

function requireGovernance(actor: Principal): void {
  listingsPolicy.authorize(actor, 'listing.review');
}

/** What the signed-in vendor user may do with the company's listings (the pages offer "submit" from this). */
export function listingPermissions(actor: Principal): { submit: boolean } {
  return { submit: listingsPolicy.can(actor, 'listing.submit') };
}

/** Whether a version in this status is still the vendor's to edit (the edit page is offered only then). */
export function isEditable(status: ListingStatus): boolean {
  return editableStatuses.includes(status);
}

/** The taxonomies' labels in both languages, as the listing form and pages show them. */
export function getTaxonomyLabels(db: Db): Promise<TaxonomyLabels> {
  return selectTaxonomyLabels(db);
}

export type VendorListingsView = { listings: Awaited<ReturnType<typeof selectVendorListings>>; notices: NoticeRow[] };

/** The vendor's listings and the latest notices about them. */
export async function listVendorListings(db: Db, actor: Principal): Promise<VendorListingsView> {
  const vendorId = await ownVendorId(db, actor);
  const [listings, notices] = await Promise.all([selectVendorListings(db, vendorId), selectVendorNotices(db, vendorId, 10)]);
  return { listings, notices };
}

export type ListingView = {
  listingId: string;
  delisted: boolean;
  versions: VersionRow[];
  /** The version being written or reviewed, if any. */
  open: VersionDetail | undefined;
  /** The version the catalogue shows, if any. */
  live: VersionDetail | undefined;
  /** The latest decided version that is neither open nor live (rejected, suspended, delisted), if newer than the live one. */
  latestClosed: VersionRow | undefined;
  /** Results of the latest submission of the open version (or of the newest version when none is open). */
  checks: CheckRow[];
  transitions: TransitionRow[];
  /** The open version never left the vendor's hands (a draft governance never had in review), so it may be deleted. */
  draftDeletable: boolean;
};

async function listingView(db: Db, listingId: string, delisted: boolean): Promise<ListingView> {
  const versions = await selectVersions(db, listingId);
  const openRow = versions.find((v) => openStatuses.includes(v.status));
  const liveRow = versions.find((v) => v.status === 'approved');
  const [open, live, transitions] = await Promise.all([
    openRow ? selectVersionDetail(db, openRow.id) : undefined,
    liveRow ? selectVersionDetail(db, liveRow.id) : undefined,
    selectTransitions(db, listingId),
  ]);
  const newest = versions[0];
  const checks = newest ? await selectLatestChecks(db, (openRow ?? newest).id) : [];
  const latestClosed = newest && newest !== openRow && newest !== liveRow ? newest : undefined;
  const draftDeletable =
    open !== undefined && deletableStatuses.includes(open.status) && !transitions.some((tr) => tr.version_id === open.id && tr.to_status === 'in_review');
  return { listingId, delisted, versions, open, live, latestClosed, checks, transitions, draftDeletable };
}

/** One of the vendor's listings with its versions, check results and history. */
export async function getVendorListing(db: Db, actor: Principal, listingId: string): Promise<ListingView> {
  const listing = await ownListing(db, actor, listingId);
  return listingView(db, listing.id, listing.delisted_at !== null);
}

/**
 * Creates a listing with its first version as a draft, once per form token (a resubmit gets the first one's id,
 * `replayed`). Throws VALIDATION with field messages, CONFLICT (no company, or another form's token).
 */
export async function createListing(db: Db, actor: Principal, input: unknown, once?: FormOnce): Promise<CreatedOnce> {
  const vendorId = await ownVendorId(db, actor);
  const draft = await parseDraft(db, input);
  return createOnce(db, once, async (trx) => {
    const listingId = await insertListing(trx, vendorId, actor.subject);
    const versionId = await insertVersion(trx, listingId, 1, draft, actor.subject);
    await insertTransition(trx, { version_id: versionId, listing_id: listingId, from_status: null, to_status: 'draft', ...transitionBy(actor), reason: null });
    return listingId;
  });
}

async function lockOpenVersion(trx: Trx, listingId: string): Promise<VersionDetail | undefined> {
  const openId = await selectOpenVersionId(trx, listingId);
  return openId ? selectVersionDetail(trx, openId, { lock: true }) : undefined;
}

/** Saves the open version's content (a draft, or one sent back by checks or governance). */
export async function saveListingDraft(db: Db, actor: Principal, listingId: string, input: unknown): Promise<void> {
  const listing = await ownListing(db, actor, listingId);
  const draft = await parseDraft(db, input);
  await inTransaction(db, async (trx) => {
    const open = await lockOpenVersion(trx, listing.id);
    if (!open || !isEditable(open.status)) throw new AppError('CONFLICT', 'This listing has no version that can be edited now.');
    await updateVersionContent(trx, open.id, draft);
  });
}

/** Starts the next version as a copy of the newest one, while the live version stays in the catalogue. */
export async function startNextVersion(db: Db, actor: Principal, listingId: string): Promise<void> {
  const listing = await ownListing(db, actor, listingId);
  if (listing.delisted_at) throw new AppError('CONFLICT', 'The listing has been delisted.');
  await inTransaction(db, async (trx) => {
    await lockListing(trx, listing.id);
    if (await lockOpenVersion(trx, listing.id)) throw new AppError('CONFLICT', 'A version of this listing is already being written or reviewed.');
    const newest = (await selectVersions(trx, listing.id))[0];
    const base = newest ? await selectVersionDetail(trx, newest.id) : undefined;
    if (!newest || !base) throw new AppError('NOT_FOUND');
    const versionId = await insertVersion(trx, listing.id, newest.version + 1, draftOf(base), actor.subject);
    await insertTransition(trx, { version_id: versionId, listing_id: listing.id, from_status: null, to_status: 'draft', ...transitionBy(actor), reason: null });
  });
}

/**
 * Deletes the listing's open version when it never left the vendor's hands (a draft, or one the automated checks sent
 * back, that governance never had in review), with its checks and history; a listing left without versions goes
 * with it. `input.version` is the version the vendor confirmed. Returns whether the listing went too.
 * Throws NOT_FOUND (not the company's listing), VALIDATION (no version named), CONFLICT (that version cannot be deleted now).
 */
export async function deleteListingDraft(db: Db, actor: Principal, listingId: string, input: unknown): Promise<{ listingDeleted: boolean }> {
  const listing = await ownListing(db, actor, listingId);
  const { version } = parseInput(deleteDraftSchema, input);
  return inTransaction(db, async (trx) => {
    await lockListing(trx, listing.id);
    const open = await lockOpenVersion(trx, listing.id);
    if (!open || open.version !== version || !deletableStatuses.includes(open.status) || (await wasReviewed(trx, open.id))) {
      throw new AppError('CONFLICT', 'Only a draft that governance has not had in review can be deleted.');
    }
    const listingDeleted = await deleteDraftVersion(trx, { vendorId: listing.vendor_id, listingId: listing.id, versionId: open.id });
    return { listingDeleted };
  });
}

/** A stored version as draft input again (to copy it into the next version). */
export function draftOf(v: VersionDetail): ListingDraft {
  return {
    nameDa: v.name_da ?? undefined,
    nameEn: v.name_en ?? undefined,
    summaryDa: v.summary_da ?? undefined,
    summaryEn: v.summary_en ?? undefined,
    descriptionDa: v.description_da ?? undefined,
    descriptionEn: v.description_en ?? undefined,
    journeyStage: v.journey_stage ?? undefined,
    categories: v.categories,
    targetGroups: v.target_groups,
    languages: v.languages,
    channels: v.channels,
    priceModel: v.price_model ?? undefined,
    requiredNsisLevel: v.required_nsis_level ?? undefined,
    serviceUrl: v.service_url ?? undefined,
    accessibilityStatementUrl: v.accessibility_statement_url ?? undefined,
    redirectUris: v.redirect_uris,
    clientAuthMethod: v.client_auth_method ?? undefined,
    jwksUri: v.jwks_uri ?? undefined,
    initiateLoginUri: v.initiate_login_uri ?? undefined,
    backchannelLogoutUri: v.backchannel_logout_uri ?? undefined,
    deletionUri: v.deletion_uri ?? undefined,
    worksWithoutData: v.works_without_data,
    dataCategories: v.data_categories.map((d) => ({
      category: d.category,
      purposeDa: d.purpose_da ?? undefined,
      purposeEn: d.purpose_en ?? undefined,
      legalBasis: (d.legal_basis ?? undefined) as ListingDraft['dataCategories'][number]['legalBasis'],
    })),
  };
}

export type SubmissionOutcome = { status: 'in_review' | 'checks_failed'; checks: CheckResult[] };

/**
 * Submits the open version: it is recorded as submitted, checked automatically, and goes either to governance's
 * queue (in_review) or back to the vendor with the results (checks_failed). Every step is a transition.
 */
export async function submitListing(db: Db, config: Pick<Config, 'listingChecks'>, actor: Principal, listingId: string): Promise<SubmissionOutcome> {
  listingsPolicy.authorize(actor, 'listing.submit');
  const listing = await ownListing(db, actor, listingId);
  if (listing.delisted_at) throw new AppError('CONFLICT', 'The listing has been delisted.');
  const before = await inTransaction(db, (trx) => lockOpenVersion(trx, listing.id));
  if (!before || !isEditable(before.status)) throw new AppError('CONFLICT', 'This listing has no version that can be submitted now.');
  // Checks may fetch addresses, so they run outside the transaction; the version must be unchanged when they are stored.
  const declaration: DeclarationChecklist | undefined = await declarationChecklist(db, listing.vendor_id);
  const checks = await runChecks(before, { ...config.listingChecks, declaration });
  const failed = checks.some((c) => c.outcome === 'failed');
  const status = failed ? 'checks_failed' : 'in_review';
  await inTransaction(db, async (trx) => {
    const version = await lockOpenVersion(trx, listing.id);
    if (!version || version.id !== before.id || version.status !== before.status || version.updated_at.getTime() !== before.updated_at.getTime()) {
      throw new AppError('CONFLICT', 'The listing changed while it was being checked; submit it again.');
    }
    const now = new Date();
    const by = transitionBy(actor);
    await insertTransition(trx, { version_id: version.id, listing_id: listing.id, from_status: version.status, to_status: 'submitted', ...by, reason: null });
    await insertChecks(trx, version.id, await nextAttempt(trx, version.id), checks);
    const failedCount = checks.filter((c) => c.outcome === 'failed').length;
    await insertTransition(trx, {
      version_id: version.id,
      listing_id: listing.id,
      from_status: 'submitted',
      to_status: status,
      actor_subject: 'jobunivers:automated-checks',
      actor_name: 'Automatiske kontroller',
      actor_role: 'system',
      reason: failed ? `${failedCount} automatiske kontroller fejlede` : 'Alle automatiske kontroller er bestået',
    });
    await updateStatus(trx, version.id, status, failed ? {} : { submitted_at: now, submitted_by: actor.subject, assignee_subject: null, assignee_name: null });
  });
  return { status, checks };
}

/** Governance's workspace: the queue (oldest first) and the latest decisions. */
export async function getReviewWorkspace(db: Db) {
  const [queue, recent] = await Promise.all([selectReviewQueue(db), selectRecentDecisions(db, 20)]);
  return { queue, recent };
}

/** `assignedToActor`: the version in review is the reader's own case (so there is nothing to take). */
export type ReviewView = ListingView & { vendorName: string; checklist: DeclarationChecklist | undefined; assignedToActor: boolean };

/** Everything a reviewer needs about one listing: versions, checks, the vendor's framework declaration, history. */
export async function getListingForReview(db: Db, actor: Principal, listingId: string): Promise<ReviewView> {
  requireGovernance(actor);
  const listing = await selectListingOwner(db, listingId);
  if (!listing) throw new AppError('NOT_FOUND');
  const [view, vendorName, checklist] = await Promise.all([
    listingView(db, listing.id, listing.delisted_at !== null),
    getVendorName(db, listing.vendor_id),
    declarationChecklist(db, listing.vendor_id),
  ]);
  return { ...view, vendorName, checklist, assignedToActor: view.open?.status === 'in_review' && view.open.assignee_subject === actor.subject };
}

export type LiveListingsView = { items: LiveListingRow[]; page: number; hasNext: boolean };

const LIVE_PAGE_SIZE = 25;

/** Governance's list of listings in the catalogue or suspended, searched by name or vendor, 25 to a page. */
export async function listLiveListings(
  db: Db,
  actor: Principal,
  input: { query: string; status: 'approved' | 'suspended' | undefined; page: number },
): Promise<LiveListingsView> {
  requireGovernance(actor);
  const rows = await selectLiveListings(db, { query: input.query, status: input.status, limit: LIVE_PAGE_SIZE, offset: (input.page - 1) * LIVE_PAGE_SIZE });
  return { items: rows.slice(0, LIVE_PAGE_SIZE), page: input.page, hasNext: rows.length > LIVE_PAGE_SIZE };
}

/** Takes the version in review as one's own case (its assignee). */
export async function assignReview(db: Db, actor: Principal, listingId: string): Promise<void> {
  requireGovernance(actor);
  await inTransaction(db, async (trx) => {
    const version = await lockOpenVersion(trx, listingId);
    if (!version || version.status !== 'in_review') throw new AppError('CONFLICT', 'Nothing of this listing is waiting for review.');
    await updateStatus(trx, version.id, 'in_review', { assignee_subject: actor.subject, assignee_name: actor.name });
  });
}

function nameOf(v: Pick<VersionRow, 'name_da' | 'version'>): string {
  return v.name_da ?? `#${v.version}`;
}

async function tell(trx: Trx, v: VersionDetail, kind: NoticeKind, reason: string | null, municipalities: boolean): Promise<void> {
  await insertVendorNotice(trx, { vendorId: v.vendor_id, listingId: v.listing_id, kind, listingName: nameOf(v), reason });
  if (municipalities) await notifyMunicipalities(trx, { listingId: v.listing_id, kind, listingName: nameOf(v), reason });
}

const decisionStatus = { approve: 'approved', request_changes: 'changes_requested', reject: 'rejected' } as const;

/**
 * Decides on the version in review: approve (it goes live and the previous live version is superseded),
 * request changes, or reject — the two last with a reason the vendor reads. The vendor gets a notice either way.
 */
export async function decideReview(db: Db, actor: Principal, listingId: string, input: unknown, changes: ChangeBus): Promise<ListingStatus> {
  requireGovernance(actor);
  const { decision, reason } = parseInput(decisionSchema, input);
  const status = decisionStatus[decision];
  await inTransaction(db, async (trx) => {
    const version = await lockOpenVersion(trx, listingId);
    if (!version || version.status !== 'in_review') throw new AppError('CONFLICT', 'Nothing of this listing is waiting for review.');
    const by = transitionBy(actor);
    if (status === 'approved') {
      const previous = await lockLiveAndSuspendedVersions(trx, listingId);
      for (const old of previous) {
        await updateStatus(trx, old.id, 'superseded');
        await insertTransition(trx, {
          version_id: old.id,
          listing_id: listingId,
          from_status: old.status,
          to_status: 'superseded',
          ...by,
          reason: `Afløst af version ${version.version}`,
        });
      }
    }
    await updateStatus(trx, version.id, status, {
      decided_at: new Date(),
      assignee_subject: version.assignee_subject ?? actor.subject,
      assignee_name: version.assignee_name ?? actor.name,
    });
    await insertTransition(trx, { version_id: version.id, listing_id: listingId, from_status: 'in_review', to_status: status, ...by, reason: reason ?? null });
    await tell(trx, version, status, reason ?? null, false);
    if (status === 'approved') await announceChange(trx, changes, 'listingWentLive', { listingId });
  });
  if (status === 'approved') await changes.publish('listingWentLive', { listingId });
  return status;
}

type LiveAction = 'suspend' | 'reinstate' | 'delist';

/**
 * Suspends the live version (out of the catalogue), reinstates a suspended one, or delists the listing for good
 * (every version that is live, suspended or on its way ends). Always with a reason; the vendor and every
 * municipality that enabled the listing are told.
 */
export async function changeLiveStatus(db: Db, actor: Principal, listingId: string, action: LiveAction, input: unknown, changes: ChangeBus): Promise<void> {
  requireGovernance(actor);
  const { reason } = parseInput(reasonSchema, input);
  await inTransaction(db, async (trx) => {
    const listing = await lockListing(trx, listingId);
    if (!listing) throw new AppError('NOT_FOUND');
    if (listing.delisted_at) throw new AppError('CONFLICT', 'The listing has been delisted already.');
    const from: ListingStatus[] = action === 'suspend' ? ['approved'] : action === 'reinstate' ? ['suspended'] : ['approved', 'suspended', ...openStatuses];
    const to: ListingStatus = action === 'suspend' ? 'suspended' : action === 'reinstate' ? 'approved' : 'delisted';
    const versions = await lockVersionsInStatus(trx, listingId, from);
    if (versions.length === 0) throw new AppError('CONFLICT', action === 'reinstate' ? 'The listing is not suspended.' : 'The listing has no live version.');
    if (action === 'reinstate') {
      if (await selectLiveVersionId(trx, listingId)) throw new AppError('CONFLICT', 'A newer version is live already.');
    }
    const by = transitionBy(actor);
    let notified: VersionDetail | undefined;
    for (const { id } of action === 'delist' ? versions : versions.slice(0, 1)) {
      const version = await selectVersionDetail(trx, id);
      if (!version) continue;
      await updateStatus(trx, id, to, { decided_at: new Date() });
      await insertTransition(trx, { version_id: id, listing_id: listingId, from_status: version.status, to_status: to, ...by, reason });
      notified ??= version;
    }
    if (action === 'delist') await markListingDelisted(trx, listingId);
    if (notified) await tell(trx, notified, action === 'suspend' ? 'suspended' : action === 'reinstate' ? 'reinstated' : 'delisted', reason, true);
    if (notified && action !== 'delist')
      await recordOutboundEvent(trx, {
        audience: { vendorId: notified.vendor_id },
        type: action === 'suspend' ? 'listing.suspended' : 'listing.reinstated',
        data: { listingId, reason },
      });
    await announceChange(trx, changes, 'listingWentLive', { listingId });
  });
  await changes.publish('listingWentLive', { listingId });
}

/** A municipality's notices about listings it enabled (row-level security keeps other municipalities' out). */
export async function getMunicipalityNotices(db: Db, actor: Principal): Promise<NoticeRow[]> {
  const code = actor.municipality?.code;
  if (!code) throw new AppError('FORBIDDEN');
  return withTenant(db, { municipality: code }, (trx) => selectMunicipalityNotices(trx, code, 50));
}
