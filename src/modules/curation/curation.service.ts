// Use cases of the municipality's curation of the national catalogue: which live listings it enables for its
// citizens, and which it recommends to a target group at a stage of the job journey, with a local note.
import type { Principal } from '../../platform/auth/principal.ts';
import type { ChangeBus } from '../../platform/changes.ts';
import type { Db } from '../../platform/db/database.ts';
import { withTenant } from '../../platform/db/tenant.ts';
import { AppError } from '../../platform/errors.ts';
import { parseInput } from '../../platform/validation.ts';
import {
  codesOf,
  countEnabled,
  deleteEnablement,
  deleteRecommendation,
  insertEnablement,
  insertRecommendation,
  lockEnablement,
  selectCuratedListings,
  selectEnabledNotLive,
  selectListingForCuration,
  selectRecommendations,
  selectTaxonomies,
  type CuratedListingRow,
  type CurationTaxonomies,
  type EnabledNotLiveRow,
  type ListingForCuration,
  type RecommendationRow,
} from './curation.repository.ts';
import { announceOfferChange, publishOfferChange } from './curation.changes.ts';
import { curationPolicy } from './curation.policy.ts';
import { recommendationSchema, removeRecommendationSchema, type WorkspaceCatalogueQuery } from './curation.schemas.ts';

export const CATALOGUE_PAGE_SIZE = 25;

/**
 * The municipality a content owner or municipal administrator works for. Throws FORBIDDEN for anyone else
 * (the routes let only those roles in; this keeps the rule in one place for every use case).
 */
export function workspaceMunicipality(actor: Principal): string {
  const code = actor.municipality?.code;
  if (!code || !curationPolicy.can(actor, 'curation.manage', { municipalityCode: code }))
    throw new AppError('FORBIDDEN', 'Only the municipality’s content owners and administrators curate it.');
  return code;
}

/** The taxonomies the workspace's forms and pages use (stages, active target groups, languages). */
export function getCurationTaxonomies(db: Db): Promise<CurationTaxonomies> {
  return selectTaxonomies(db);
}

export type WorkspaceCatalogue = {
  rows: CuratedListingRow[];
  hasNext: boolean;
  enabledCount: number;
  /** Enabled listings with no live version now (suspended or delisted): they can only be disabled. */
  notLive: EnabledNotLiveRow[];
};

/** A page of the national catalogue's live listings with the municipality's choices, optionally only the enabled ones. */
export async function browseCatalogue(db: Db, actor: Principal, query: WorkspaceCatalogueQuery): Promise<WorkspaceCatalogue> {
  const code = workspaceMunicipality(actor);
  const search = (query.q ?? '').normalize('NFC').replace(/\s+/g, ' ').trim();
  const [rows, enabledCount, notLive] = await Promise.all([
    selectCuratedListings(db, code, {
      query: search,
      onlyEnabled: query.vis === 'valgte',
      limit: CATALOGUE_PAGE_SIZE + 1,
      offset: (query.side - 1) * CATALOGUE_PAGE_SIZE,
    }),
    countEnabled(db, code),
    selectEnabledNotLive(db, code),
  ]);
  return { rows: rows.slice(0, CATALOGUE_PAGE_SIZE), hasNext: rows.length > CATALOGUE_PAGE_SIZE, enabledCount, notLive };
}

export type ListingCuration = { listing: ListingForCuration; recommendations: RecommendationRow[] };

/**
 * A listing as the municipality curates it: live, or enabled by the municipality (so it can be disabled).
 * Throws NOT_FOUND for an unknown listing and for one that is neither.
 */
export async function getListingCuration(db: Db, actor: Principal, listingId: string): Promise<ListingCuration> {
  const code = workspaceMunicipality(actor);
  const listing = await selectListingForCuration(db, code, listingId);
  if (!listing || (!listing.live && !listing.enabled_at)) throw new AppError('NOT_FOUND', 'No such listing in the catalogue.');
  return { listing, recommendations: listing.enabled_at ? await selectRecommendations(db, code, listingId) : [] };
}

/** Enables a live listing for the municipality's citizens (again: no change). Throws NOT_FOUND unless it is live. */
export async function enableListing(db: Db, actor: Principal, listingId: string, changes: ChangeBus): Promise<void> {
  const code = workspaceMunicipality(actor);
  await withTenant(db, { municipality: code }, async (trx) => {
    const listing = await selectListingForCuration(trx, code, listingId);
    if (!listing?.live) throw new AppError('NOT_FOUND', 'No such listing in the catalogue.');
    await insertEnablement(trx, code, listingId, actor.subject);
    await announceOfferChange(trx, changes, code);
  });
  await publishOfferChange(changes, code);
}

/** Disables a listing; its recommendations are removed with it. Disabling one that is not enabled changes nothing. */
export async function disableListing(db: Db, actor: Principal, listingId: string, changes: ChangeBus): Promise<void> {
  const code = workspaceMunicipality(actor);
  await withTenant(db, { municipality: code }, async (trx) => {
    const listing = await selectListingForCuration(trx, code, listingId);
    if (!listing) throw new AppError('NOT_FOUND', 'No such listing in the catalogue.');
    await deleteEnablement(trx, code, listingId);
    await announceOfferChange(trx, changes, code);
  });
  await publishOfferChange(changes, code);
}

/**
 * Recommends an enabled listing to an active target group, at a journey stage or at any, with an optional note in
 * Danish and English. Throws VALIDATION with field messages (also for a recommendation that exists already),
 * CONFLICT when the listing is not enabled, NOT_FOUND for an unknown listing.
 */
export async function recommendListing(db: Db, actor: Principal, listingId: string, input: unknown, changes: ChangeBus): Promise<void> {
  const code = workspaceMunicipality(actor);
  const recommendation = parseInput(recommendationSchema(codesOf(await selectTaxonomies(db))), input);
  await withTenant(db, { municipality: code }, async (trx) => {
    const listing = await selectListingForCuration(trx, code, listingId);
    if (!listing) throw new AppError('NOT_FOUND', 'No such listing in the catalogue.');
    // Held until commit, so a disabling at the same moment cannot slip between the check and the insert.
    if (!(await lockEnablement(trx, code, listingId))) throw new AppError('CONFLICT', 'Enable the listing before recommending it.');
    const id = await insertRecommendation(trx, code, listingId, recommendation, actor.subject);
    if (!id)
      throw new AppError('VALIDATION', 'This recommendation exists already.', [
        { field: 'targetGroup', message: 'curation.validation.duplicateRecommendation' },
      ]);
    await announceOfferChange(trx, changes, code);
  });
  await publishOfferChange(changes, code);
}

/** Removes one of the municipality's recommendations of a listing. Throws NOT_FOUND for any other id. */
export async function removeRecommendation(db: Db, actor: Principal, listingId: string, input: unknown, changes: ChangeBus): Promise<void> {
  const code = workspaceMunicipality(actor);
  const { recommendationId } = parseInput(removeRecommendationSchema, input);
  await withTenant(db, { municipality: code }, async (trx) => {
    if (!(await deleteRecommendation(trx, code, listingId, recommendationId))) throw new AppError('NOT_FOUND', 'No such recommendation.');
    await announceOfferChange(trx, changes, code);
  });
  await publishOfferChange(changes, code);
}
