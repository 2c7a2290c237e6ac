// Use cases of an a-kasse's or another actor's own offers and recommendations: its caseworkers write, change and
// cancel offers and recommend listings of the national catalogue; the citizen's marketplace reads what an organisation
// offers (loadActorMarketOffer) for the citizens it is responsible for.
import { randomUUID } from 'node:crypto';
import type { Principal } from '../../platform/auth/principal.ts';
import type { ChangeBus } from '../../platform/changes.ts';
import type { Db } from '../../platform/db/database.ts';
import { withTenant } from '../../platform/db/tenant.ts';
import { AppError, isAppError } from '../../platform/errors.ts';
import { createOnce, type CreatedOnce, type FormOnce } from '../../platform/http/form-token.ts';
import { parseInput } from '../../platform/validation.ts';
import { getOrganisation } from '../organisations/index.ts';
import { announceActorOffersChange, publishActorOffersChange } from './actor-offers.changes.ts';
import { actorOffersPolicy } from './actor-offers.policy.ts';
import {
  cancelOffer as cancelOfferRow,
  deleteRecommendation,
  insertOffer,
  insertRecommendation,
  isListingLive,
  selectLiveListings,
  selectOffer,
  selectOffers,
  selectRecommendation,
  selectRecommendationOf,
  selectRecommendations,
  selectUpcomingOffers,
  updateOffer as updateOfferRow,
  type ActorOfferRow,
  type ActorOfferValues,
  type ActorRecommendationRow,
  type LiveListingChoice,
} from './actor-offers.repository.ts';
import { actorOfferSchema, actorRecommendationSchema } from './actor-offers.schemas.ts';

export const ACTOR_OFFERS_PAGE_SIZE = 20;
/** How many of an organisation's upcoming offers its citizens' marketplace shows. */
export const MARKET_OFFERS_SHOWN = 20;
/** How many listings the recommendation form offers to choose from at once (a search narrows them). */
export const LISTING_CHOICES = 100;

/** The organisation whose offers the actor manages. */
export type ActingOrganisation = { id: string; name: string };

/**
 * The a-kasse or other actor the caseworker signed in for, after the policy said they may manage its offers. For a
 * municipality's staff (whose offers are curation's, at /kommune/tilbud) and anyone else these pages do not exist:
 * NOT_FOUND, as for any resource outside the actor's reach.
 */
export function actingOrganisation(actor: Principal): ActingOrganisation {
  const organisation = actor.organisation;
  if (!organisation || !actorOffersPolicy.can(actor, 'actor-offers.manage', { organisationId: organisation.id }))
    throw new AppError('NOT_FOUND', 'Only an a-kasse’s or another actor’s caseworkers have offers of their own here.');
  return { id: organisation.id, name: organisation.name };
}

/** Whether an organisation id names an a-kasse or another actor (the kinds with offers here), from its form alone. */
export function isActorOrganisationId(organisationId: string | null | undefined): organisationId is string {
  return organisationId !== null && organisationId !== undefined && /^(akasse|aktoer)-[0-9]{8}$/.test(organisationId);
}

/** Whether the actor may use the offers pages (the start page's link). Never throws. */
export function mayManageActorOffers(actor: Principal): boolean {
  return actor.organisation !== undefined && actorOffersPolicy.can(actor, 'actor-offers.manage', { organisationId: actor.organisation.id });
}

/** A page of the organisation's offers, those to come first. Throws NOT_FOUND for anyone but its caseworkers. */
export async function listActorOffers(
  db: Db,
  actor: Principal,
  page: number,
): Promise<{ organisation: ActingOrganisation; offers: ActorOfferRow[]; hasNext: boolean }> {
  const organisation = actingOrganisation(actor);
  const rows = await selectOffers(db, organisation.id, { limit: ACTOR_OFFERS_PAGE_SIZE + 1, offset: (page - 1) * ACTOR_OFFERS_PAGE_SIZE });
  return { organisation, offers: rows.slice(0, ACTOR_OFFERS_PAGE_SIZE), hasNext: rows.length > ACTOR_OFFERS_PAGE_SIZE };
}

/** One of the organisation's offers. Throws NOT_FOUND for another organisation's or an unknown one. */
export async function getActorOffer(db: Db, actor: Principal, offerId: string): Promise<ActorOfferRow> {
  const organisation = actingOrganisation(actor);
  const offer = await selectOffer(db, organisation.id, offerId);
  if (!offer) throw new AppError('NOT_FOUND', 'No such offer.');
  return offer;
}

/**
 * Creates an offer starting in the future, once per form token (a resubmit gets the first one's id, `replayed`).
 * Throws NOT_FOUND for anyone but the organisation's caseworkers, VALIDATION with field messages (nothing is
 * stored), CONFLICT for another form's token.
 */
export async function createActorOffer(
  db: Db,
  actor: Principal,
  input: unknown,
  changes: ChangeBus,
  once?: FormOnce,
  now: Date = new Date(),
): Promise<CreatedOnce> {
  const organisation = actingOrganisation(actor);
  const offer = parseInput(actorOfferSchema({ earliestStart: now }), input);
  const created = await withTenant(db, { organisation: organisation.id }, (trx) =>
    createOnce(trx, once, async (t) => {
      const id = await insertOffer(t, organisation.id, offer, actor.subject);
      await announceActorOffersChange(t, changes, organisation.id);
      return id;
    }),
  );
  await publishActorOffersChange(changes, organisation.id);
  return created;
}

/** Changes an offer. Throws NOT_FOUND (another organisation's, unknown), CONFLICT (cancelled), VALIDATION with field messages. */
export async function updateActorOffer(db: Db, actor: Principal, offerId: string, input: unknown, changes: ChangeBus): Promise<void> {
  const organisation = actingOrganisation(actor);
  const offer = parseInput(actorOfferSchema(), input);
  await withTenant(db, { organisation: organisation.id }, async (trx) => {
    const current = await selectOffer(trx, organisation.id, offerId, { lock: true });
    if (!current) throw new AppError('NOT_FOUND', 'No such offer.');
    if (current.cancelled_at) throw new AppError('CONFLICT', 'A cancelled offer cannot be changed.');
    await updateOfferRow(trx, organisation.id, offerId, offer);
    await announceActorOffersChange(trx, changes, organisation.id);
  });
  await publishActorOffersChange(changes, organisation.id);
}

/** Cancels an offer (it stays on record; citizens no longer see it). Throws NOT_FOUND for another organisation's or an unknown one. */
export async function cancelActorOffer(db: Db, actor: Principal, offerId: string, changes: ChangeBus): Promise<void> {
  const organisation = actingOrganisation(actor);
  await withTenant(db, { organisation: organisation.id }, async (trx) => {
    if (!(await selectOffer(trx, organisation.id, offerId, { lock: true }))) throw new AppError('NOT_FOUND', 'No such offer.');
    await cancelOfferRow(trx, organisation.id, offerId);
    await announceActorOffersChange(trx, changes, organisation.id);
  });
  await publishActorOffersChange(changes, organisation.id);
}

/** The organisation's recommendations with the listings' names. Throws NOT_FOUND for anyone but its caseworkers. */
export async function listActorRecommendations(
  db: Db,
  actor: Principal,
): Promise<{ organisation: ActingOrganisation; recommendations: ActorRecommendationRow[] }> {
  const organisation = actingOrganisation(actor);
  return { organisation, recommendations: await selectRecommendations(db, organisation.id) };
}

/** Live listings of the national catalogue to recommend, those whose name holds `query` (all when empty). Throws NOT_FOUND as above. */
export async function listListingChoices(db: Db, actor: Principal, query: string): Promise<LiveListingChoice[]> {
  actingOrganisation(actor);
  return selectLiveListings(db, { query, limit: LISTING_CHOICES });
}

/**
 * Recommends a live listing to the organisation's citizens, with an optional note in both languages; recommending it
 * again changes nothing (`created` false). Throws NOT_FOUND as above, VALIDATION with field messages (also for a
 * listing that is not live in the national catalogue).
 */
export async function recommendListing(db: Db, actor: Principal, input: unknown, changes: ChangeBus): Promise<{ listingId: string; created: boolean }> {
  const organisation = actingOrganisation(actor);
  const recommendation = parseInput(actorRecommendationSchema, input);
  if (!(await isListingLive(db, recommendation.listingId)))
    throw new AppError('VALIDATION', 'The listing is not in the national catalogue.', [{ field: 'listingId', message: 'actorOffers.validation.notLive' }]);
  const id = await withTenant(db, { organisation: organisation.id }, async (trx) => {
    const made = await insertRecommendation(trx, organisation.id, recommendation, actor.subject);
    if (made) await announceActorOffersChange(trx, changes, organisation.id);
    return made;
  });
  if (id) await publishActorOffersChange(changes, organisation.id);
  return { listingId: recommendation.listingId, created: id !== undefined };
}

/** The organisation's recommendation of a listing. Throws NOT_FOUND when it has none. */
export async function getActorRecommendation(db: Db, actor: Principal, listingId: string): Promise<ActorRecommendationRow> {
  const organisation = actingOrganisation(actor);
  const id = await selectRecommendationOf(db, organisation.id, listingId);
  const recommendation = id ? await selectRecommendation(db, organisation.id, id) : undefined;
  if (!recommendation) throw new AppError('NOT_FOUND', 'No such recommendation.');
  return recommendation;
}

/** Removes the organisation's recommendation of a listing. Throws NOT_FOUND when it has none. */
export async function removeActorRecommendation(db: Db, actor: Principal, listingId: string, changes: ChangeBus): Promise<void> {
  const organisation = actingOrganisation(actor);
  await withTenant(db, { organisation: organisation.id }, async (trx) => {
    const id = await selectRecommendationOf(trx, organisation.id, listingId);
    if (!id || !(await deleteRecommendation(trx, organisation.id, id))) throw new AppError('NOT_FOUND', 'No such recommendation.');
    await announceActorOffersChange(trx, changes, organisation.id);
  });
  await publishActorOffersChange(changes, organisation.id);
}

// ---- What the citizen's marketplace shows of an organisation ----

/** One of an organisation's upcoming offers as its citizens see it. */
export type ActorMarketItem = ActorOfferValues & { id: string };

/** An organisation's recommendation of a listing (shown only where the citizen's municipality enabled it). */
export type ActorMarketRecommendation = { id: string; listingId: string; noteDa: string | null; noteEn: string | null };

/** What an a-kasse or another actor offers the citizens it is responsible for, as the marketplace keeps it in memory. */
export type ActorMarketOffer = {
  organisationId: string;
  organisationName: string;
  offers: readonly ActorMarketItem[];
  recommendations: readonly ActorMarketRecommendation[];
  /** When the first offer starts (and leaves the list), as epoch ms; undefined without offers. */
  changesAt: number | undefined;
  /** Tells one load from another (a page made from it is kept under this). */
  version: string;
  /** What is computed from it (rendered sections) goes with it. */
  derived: Map<string, unknown>;
};

/**
 * Reads what an a-kasse or another actor offers its citizens: its upcoming offers and its recommendations. Undefined
 * for a kommune (its offer is curation's) or an organisation not in the register. Throws only on database failure.
 */
export async function loadActorMarketOffer(db: Db, organisationId: string): Promise<ActorMarketOffer | undefined> {
  if (!isActorOrganisationId(organisationId)) return undefined;
  let name: string;
  try {
    name = (await getOrganisation(db, organisationId)).name;
  } catch (error) {
    if (isAppError(error) && error.code === 'NOT_FOUND') return undefined;
    throw error;
  }
  const [offers, recommendations] = await Promise.all([
    selectUpcomingOffers(db, organisationId, MARKET_OFFERS_SHOWN),
    selectRecommendations(db, organisationId),
  ]);
  return {
    organisationId,
    organisationName: name,
    offers: offers.map((offer) => ({
      id: offer.id,
      titleDa: offer.title_da,
      titleEn: offer.title_en,
      descriptionDa: offer.description_da,
      descriptionEn: offer.description_en,
      place: offer.place,
      startsAt: offer.starts_at,
      endsAt: offer.ends_at,
      url: offer.url,
    })),
    // Oldest first, so the order the citizen sees does not move when the organisation adds one.
    recommendations: recommendations
      .slice()
      .reverse()
      .map((r) => ({ id: r.id, listingId: r.listing_id, noteDa: r.note_da, noteEn: r.note_en })),
    changesAt: offers[0]?.starts_at.getTime(),
    version: randomUUID(),
    derived: new Map(),
  };
}
