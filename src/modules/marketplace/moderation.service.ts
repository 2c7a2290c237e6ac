// The municipality moderates what its citizens write about services before other citizens read it.
import type { Principal } from '../../platform/auth/principal.ts';
import type { Db } from '../../platform/db/database.ts';
import { withTenant } from '../../platform/db/tenant.ts';
import { AppError } from '../../platform/errors.ts';
import { parseInput } from '../../platform/validation.ts';
import type { ChangeBus } from '../../platform/changes.ts';
import { marketplacePolicy } from './marketplace.policy.ts';
import { decidePendingRating, selectPendingRatings, type PendingRatingRow } from './marketplace.repository.ts';
import { moderationFormSchema, type ModerationDecision } from './marketplace.schemas.ts';

export const MODERATION_PAGE_SIZE = 20;

function moderatedMunicipality(actor: Principal): string {
  const code = actor.municipality?.code;
  if (!code || !marketplacePolicy.can(actor, 'marketplace.moderate', { municipalityCode: code }))
    throw new AppError('FORBIDDEN', 'Only the municipality’s content owners moderate ratings.');
  return code;
}

/** A page of the actor's municipality's ratings waiting for moderation, oldest first. Throws FORBIDDEN. */
export async function listPendingRatings(db: Db, actor: Principal, page: number): Promise<{ ratings: PendingRatingRow[]; page: number; hasNext: boolean }> {
  const code = moderatedMunicipality(actor);
  const rows = await withTenant(db, { municipality: code }, (trx) =>
    selectPendingRatings(trx, code, MODERATION_PAGE_SIZE + 1, (page - 1) * MODERATION_PAGE_SIZE),
  );
  return { ratings: rows.slice(0, MODERATION_PAGE_SIZE), page, hasNext: rows.length > MODERATION_PAGE_SIZE };
}

/**
 * Approves (then every citizen sees it) or rejects a pending rating written by a citizen of the actor's municipality.
 * Throws VALIDATION for an unknown decision, NOT_FOUND for a rating that is not pending in the actor's municipality.
 */
export async function moderateRating(db: Db, actor: Principal, ratingId: string | undefined, input: unknown, changes: ChangeBus): Promise<ModerationDecision> {
  const code = moderatedMunicipality(actor);
  const { decision } = parseInput(moderationFormSchema, input);
  if (!ratingId) throw new AppError('NOT_FOUND', 'No such rating waiting for moderation.');
  const decided = await withTenant(db, { municipality: code }, (trx) =>
    decidePendingRating(trx, code, ratingId, decision === 'approve' ? 'approved' : 'rejected', actor.subject),
  );
  if (!decided) throw new AppError('NOT_FOUND', 'No such rating waiting for moderation.');
  // Ratings are shown in every municipality that offers the listing; other processes hear it from the database's trigger.
  if (decision === 'approve') await changes.publish('listingsChanged', { table: 'listing_rating' });
  return decision;
}
