// The citizen's marketplace: browsing and searching what their municipality offers, a listing's page, launching a
// service (with a licence seat when the municipality bought seats), rating it, and signing up for local offers.
import { meetsLevel } from '../../platform/auth/nsis.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import type { Db } from '../../platform/db/database.ts';
import { withTenant, type Trx } from '../../platform/db/tenant.ts';
import { AppError } from '../../platform/errors.ts';
import { parseInput } from '../../platform/validation.ts';
import { findNearestWords, listTaxonomyTerms, normaliseQuery } from '../catalogue/index.ts';
import { getBranding } from '../curation/index.ts';
import { getMunicipality } from '../municipalities/index.ts';
import { employmentServiceName } from '../organisations/index.ts';
import { isActorOrganisationId, loadActorMarketOffer, type ActorMarketOffer } from '../actor-offers/index.ts';
import { recordOutboundEvent } from '../webhooks/index.ts';
import type { MarketplaceCache } from './marketplace.cache.ts';
import type { MarketplaceViewRecorder } from './marketplace.recorder.ts';
import type { ChangeBus } from '../../platform/changes.ts';
import {
  alternativesTo,
  arrangePage,
  derive,
  recommendationsFor,
  type ActorRecommendations,
  type ArrangedPage,
  type MarketFilter,
  type MarketItem,
  type MarketListing,
  type MarketOffer,
  type MarketRecommendation,
  type Personal,
  type Taxonomies,
} from './marketplace.offer.ts';
import {
  claimLicenceSeat,
  hasRecentLaunch,
  insertLaunch,
  selectApprovedRatings,
  selectEnabledListing,
  selectEnabledListings,
  selectLocalOffer,
  selectOwnDismissedListings,
  selectOwnProfile,
  selectOwnResponsibleOrganisation,
  selectOwnRating,
  selectOwnSignUp,
  selectPlacesTaken,
  selectRatingSummaries,
  selectRecommendations,
  selectSeatsTakenNow,
  selectUpcomingLocalOffers,
  selectVendorListingLaunchers,
  signUpForLocalOffer,
  upsertOwnRating,
  searchMunicipalOffer,
  type LauncherRow,
  type LocalOfferRow,
  type MarketListingDetailRow,
  type OwnRatingRow,
  type ShownRatingRow,
} from './marketplace.repository.ts';
import { marketplacePolicy } from './marketplace.policy.ts';
import { ratingFormSchema, type SignUpOutcome } from './marketplace.schemas.ts';

/** The citizen's municipality and id, after the policy said the citizen may use their own marketplace. Throws FORBIDDEN. */
function citizenScope(actor: Principal): { municipalityCode: string; citizenId: string } {
  const municipalityCode = actor.municipality?.code;
  const citizenId = actor.citizenId;
  if (!municipalityCode || !citizenId || !marketplacePolicy.can(actor, 'marketplace.use-own', { municipalityCode, citizenId })) {
    throw new AppError('FORBIDDEN', 'Only a signed-in citizen uses their marketplace.');
  }
  return { municipalityCode, citizenId };
}

// ---- What a municipality offers, and what personalises it ----

async function loadTaxonomies(db: Db): Promise<Taxonomies> {
  const taxonomies: Taxonomies = { stage: [], category: [], target_group: [], language: [], data_category: [] };
  for (const row of await listTaxonomyTerms(db))
    taxonomies[row.taxonomy].push({ code: row.code, name_da: row.name_da, name_en: row.name_en, active: row.active });
  return taxonomies;
}

/** Reads a municipality's marketplace from the database: a handful of queries, however many listings it has. */
async function loadOffer(db: Db, municipalityCode: string): Promise<MarketOffer> {
  const [listings, offers, recommendations, taxonomies, serviceName] = await Promise.all([
    selectEnabledListings(db, municipalityCode),
    selectUpcomingLocalOffers(db, municipalityCode),
    selectRecommendations(db, municipalityCode),
    loadTaxonomies(db),
    employmentServiceName(db, municipalityCode),
  ]);
  const [ratings, taken] = await Promise.all([
    selectRatingSummaries(
      db,
      listings.map((listing) => listing.listing_id),
    ),
    selectPlacesTaken(
      db,
      offers.filter((offer) => offer.signup_required).map((offer) => offer.id),
    ),
  ]);
  const ratingOf = new Map(ratings.map((row) => [row.listing_id, { average: row.average, count: row.count }]));
  const items: MarketItem[] = [];
  for (const offer of offers) items.push(localOfferItem(offer, items.length, taken.get(offer.id) ?? 0));
  for (const row of listings) {
    items.push({
      kind: 'listing',
      id: row.listing_id,
      position: items.length,
      version: row.version,
      nameDa: row.name_da,
      nameEn: row.name_en,
      summaryDa: row.summary_da,
      summaryEn: row.summary_en,
      stage: row.journey_stage,
      categories: row.categories,
      targetGroups: row.target_groups,
      languages: row.languages,
      price: row.price_model,
      level: row.required_nsis_level,
      vendorName: row.vendor_name,
      rating: ratingOf.get(row.listing_id),
    });
  }
  return {
    municipalityCode,
    serviceName,
    items,
    byId: new Map(items.map((item) => [item.id, item])),
    recommendations: recommendations.map((r) => ({
      id: r.id,
      listingId: r.listing_id,
      targetGroup: r.target_group,
      stage: r.journey_stage,
      noteDa: r.note_da,
      noteEn: r.note_en,
    })),
    taxonomies,
    changesAt: offers[0]?.starts_at.getTime(),
    derived: new Map(),
  };
}

function localOfferItem(offer: LocalOfferRow, position: number, taken: number): MarketItem {
  return {
    kind: 'local_offer',
    id: offer.id,
    position,
    offerKind: offer.kind,
    titleDa: offer.title_da,
    titleEn: offer.title_en,
    descriptionDa: offer.description_da,
    descriptionEn: offer.description_en,
    place: offer.place,
    startsAt: offer.starts_at,
    endsAt: offer.ends_at,
    placesLeft: offer.signup_required && offer.capacity !== null ? Math.max(0, offer.capacity - taken) : undefined,
    stage: offer.journey_stage,
    targetGroups: offer.target_groups,
    languages: offer.languages,
  };
}

/** A municipality's marketplace, from memory while the cache holds it; it is forgotten when its first local offer starts. */
export function getMunicipalOffer(db: Db, cache: MarketplaceCache, municipalityCode: string): Promise<MarketOffer> {
  return cache.municipalities.remember(
    municipalityCode,
    () => loadOffer(db, municipalityCode),
    (offer) => offer.changesAt,
  );
}

/**
 * The citizen's target group, stage, dismissed listings and the organisation responsible for them now (as the citizen:
 * app.citizen only), from memory while held.
 */
function getPersonal(db: Db, cache: MarketplaceCache, citizenId: string): Promise<Personal> {
  return cache.citizens.remember(citizenId, () =>
    withTenant(db, { citizen: citizenId }, async (trx) => {
      const profile = await selectOwnProfile(trx, citizenId);
      const dismissed = await selectOwnDismissedListings(trx, citizenId);
      const organisationId = await selectOwnResponsibleOrganisation(trx, citizenId);
      return { targetGroup: profile?.target_group ?? null, journeyStage: profile?.journey_stage ?? null, dismissed: new Set(dismissed), organisationId };
    }),
  );
}

/**
 * What the a-kasse or other actor responsible for the citizen offers them, from memory while held; undefined when their
 * municipality is responsible (no query at all then: the municipality's own offer is the page).
 */
async function getActorOffer(db: Db, cache: MarketplaceCache, personal: Personal): Promise<ActorMarketOffer | undefined> {
  const organisationId = personal.organisationId;
  if (!isActorOrganisationId(organisationId)) return undefined;
  return cache.actors.remember(
    organisationId,
    () => loadActorMarketOffer(db, organisationId),
    (offer) => offer?.changesAt,
  );
}

const actorRecommendations = (actor: ActorMarketOffer | undefined): ActorRecommendations | undefined =>
  actor ? { organisationName: actor.organisationName, recommendations: actor.recommendations } : undefined;

// ---- Search ----

// Letters and digits make words; websearch syntax (quotes, "or", a leading minus) is left as it is.
const wordPattern = /[\p{L}\p{N}]+/gu;

/** Query words worth correcting: not the operator "or", no digits, at least three letters. */
function correctableWords(query: string): string[] {
  const words = (query.match(wordPattern) ?? []).filter((word) => word !== 'or' && !/\p{N}/u.test(word) && [...word].length >= 3);
  return [...new Set(words)];
}

type SearchAnswer = { ranks: Map<string, number>; correctedQuery?: string | undefined };

/**
 * The municipality's items matching a Danish full-text query, with their rank. When nothing matches, each word the
 * live catalogue does not know is taken as misspelt and replaced by the nearest word of the catalogue's lexicon
 * ("jobsøgnig" → "jobsøgning"), as the national catalogue does, and the search runs again.
 */
async function searchOffer(db: Db, municipalityCode: string, query: string): Promise<SearchAnswer> {
  const found = await searchMunicipalOffer(db, municipalityCode, query);
  if (found.length > 0) return { ranks: new Map(found.map((row) => [row.id, row.rank])) };
  const words = correctableWords(query);
  if (words.length === 0) return { ranks: new Map() };
  const nearest = new Map((await findNearestWords(db, words)).map((row) => [row.word, row.nearest ?? row.word]));
  const corrected = query.replace(wordPattern, (word) => nearest.get(word) ?? word);
  if (corrected === query) return { ranks: new Map() };
  const again = await searchMunicipalOffer(db, municipalityCode, corrected);
  return { ranks: new Map(again.map((row) => [row.id, row.rank])), correctedQuery: corrected };
}

const MAX_SEARCHES_KEPT = 500;

/** A search's answer, kept with the municipality's offer (so forgotten with it); the least recently asked go first. */
function searchAnswer(db: Db, offer: MarketOffer, query: string): Promise<SearchAnswer> {
  const searches = derive(offer, 'searches', () => new Map<string, Promise<SearchAnswer>>());
  const hit = searches.get(query);
  if (hit) {
    searches.delete(query);
    searches.set(query, hit);
    return hit;
  }
  const answer = searchOffer(db, offer.municipalityCode, query);
  searches.set(query, answer);
  answer.catch(() => searches.delete(query));
  if (searches.size > MAX_SEARCHES_KEPT) {
    const oldest = searches.keys().next().value;
    if (oldest !== undefined) searches.delete(oldest);
  }
  return answer;
}

export type MarketplaceView = ArrangedPage & {
  offer: MarketOffer;
  filter: MarketFilter;
  correctedQuery?: string | undefined;
  /** What the a-kasse or other actor responsible for the citizen offers, when it is not their municipality. */
  actor?: ActorMarketOffer | undefined;
};

/**
 * One page of the citizen's marketplace: only what their municipality offers (enabled live listings, upcoming local
 * offers), searched and filtered, the jobcenter's recommendations for the citizen first. Answered from memory while the
 * cache holds the municipality and the citizen. Throws FORBIDDEN for anyone but a citizen with a municipality.
 */
export async function browseMarketplace(
  db: Db,
  cache: MarketplaceCache,
  views: MarketplaceViewRecorder,
  actor: Principal,
  filter: MarketFilter,
): Promise<MarketplaceView> {
  const { municipalityCode, citizenId } = citizenScope(actor);
  const [offer, personal] = await Promise.all([getMunicipalOffer(db, cache, municipalityCode), getPersonal(db, cache, citizenId)]);
  const responsible = await getActorOffer(db, cache, personal);
  const query = normaliseQuery(filter.query);
  const normalised = { ...filter, query };
  const answer = query === '' ? undefined : await searchAnswer(db, offer, query);
  const arranged = arrangePage(offer, personal, normalised, answer?.ranks, actorRecommendations(responsible));
  // What the citizen was shown (the funnel's first step) and, on a search's first page, what they searched for.
  const searched = query !== '' && arranged.page === 1;
  await views.record({
    citizenId,
    page: 'list',
    listingIds: arranged.items.filter((item) => item.kind === 'listing').map((item) => item.id),
    terms: searched ? searchTerms(query) : undefined,
    results: arranged.total,
  });
  return { ...arranged, offer, filter: normalised, correctedQuery: answer?.correctedQuery, actor: responsible };
}

/**
 * The words of a search as the statistics keep them: lower case, letters only, 2 to 40 long, at most 8, each once. A
 * token with a digit is dropped whole, so a CPR or phone number typed into the search box is never stored.
 */
export function searchTerms(query: string): string[] {
  const words = query
    .toLowerCase()
    .split(/\s+/)
    .filter((token) => !/\p{N}/u.test(token))
    .flatMap((token) => token.match(/\p{L}+/gu) ?? [])
    .filter((word) => word !== 'or' && [...word].length >= 2 && [...word].length <= 40);
  return [...new Set(words)].slice(0, 8);
}

// ---- A listing's page ----

export const RATINGS_PAGE_SIZE = 10;

export type ListingPage = {
  listing: MarketListingDetailRow;
  offer: MarketOffer;
  /** Why the jobcenter recommends it to this citizen, when it does. */
  recommendation: MarketRecommendation | undefined;
  rating: { average: number; count: number } | undefined;
  ratings: ShownRatingRow[];
  ratingsPage: number;
  hasMoreRatings: boolean;
  own: OwnRatingRow | undefined;
  /** Whether the session's NSIS level is enough to start the service (else a step-up comes first). */
  levelMet: boolean;
};

/** An enabled listing's page for the citizen. Throws NOT_FOUND for a listing outside their municipality's marketplace. */
export async function getListingPage(
  db: Db,
  cache: MarketplaceCache,
  actor: Principal,
  listingId: string | undefined,
  ratingsPage = 1,
  views?: MarketplaceViewRecorder,
): Promise<ListingPage> {
  const { municipalityCode, citizenId } = citizenScope(actor);
  if (!listingId) throw new AppError('NOT_FOUND', 'No such service in your marketplace.');
  const [listing, offer, personal] = await Promise.all([
    selectEnabledListing(db, municipalityCode, listingId),
    getMunicipalOffer(db, cache, municipalityCode),
    getPersonal(db, cache, citizenId),
  ]);
  if (!listing) throw new AppError('NOT_FOUND', 'No such service in your marketplace.');
  const responsible = await getActorOffer(db, cache, personal);
  const [ratings, own] = await Promise.all([
    selectApprovedRatings(db, listing.listing_id, RATINGS_PAGE_SIZE + 1, (ratingsPage - 1) * RATINGS_PAGE_SIZE),
    withTenant(db, { citizen: citizenId }, (trx) => selectOwnRating(trx, citizenId, listing.listing_id)),
    // The funnel's "viewed": the service's own page, counted once per page of its ratings the citizen opens first.
    ratingsPage === 1 ? views?.record({ citizenId, page: 'listing', listingIds: [listing.listing_id] }) : undefined,
  ]);
  const item = offer.byId.get(listing.listing_id);
  return {
    listing,
    offer,
    recommendation: recommendationsFor(offer, personal, actorRecommendations(responsible)).get(listing.listing_id),
    rating: item?.kind === 'listing' ? item.rating : undefined,
    ratings: ratings.slice(0, RATINGS_PAGE_SIZE),
    ratingsPage,
    hasMoreRatings: ratings.length > RATINGS_PAGE_SIZE,
    own,
    levelMet: meetsLevel(actor.nsisLevel, listing.required_nsis_level),
  };
}

// ---- Launch ----

export type LaunchOutcome =
  | { outcome: 'launched'; listingId: string }
  | { outcome: 'no_seat'; listing: MarketListingDetailRow; alternatives: MarketListing[]; contact: JobcenterContact };

export type JobcenterContact = {
  /** What the municipality calls its employment service (its offer's `serviceName`). */
  serviceName: string;
  text: { da: string | null; en: string | null };
  jobcenters: { name: string; phone: string | null; email: string | null; website: string | null; address: string }[];
};

/**
 * Starts a service for the citizen, in one transaction as the citizen: a seat on the municipality's licence is taken
 * (or the one the citizen holds is kept) when the listing is licensed, and the launch is recorded either way. When no
 * seat is free the citizen gets alternatives and the jobcenter's contact instead of the service. Throws NOT_FOUND for
 * a listing outside the citizen's marketplace, STEP_UP_REQUIRED when the service needs a higher NSIS level.
 */
export async function launchListing(db: Db, cache: MarketplaceCache, actor: Principal, listingId: string | undefined): Promise<LaunchOutcome> {
  const { municipalityCode, citizenId } = citizenScope(actor);
  if (!listingId) throw new AppError('NOT_FOUND', 'No such service in your marketplace.');
  const launched = await withTenant(db, { citizen: citizenId }, async (trx) => {
    const listing = await selectEnabledListing(trx, municipalityCode, listingId);
    if (!listing) throw new AppError('NOT_FOUND', 'No such service in your marketplace.');
    if (!meetsLevel(actor.nsisLevel, listing.required_nsis_level)) {
      throw new AppError('STEP_UP_REQUIRED', `This service needs NSIS level ${listing.required_nsis_level}; the session has ${actor.nsisLevel}.`);
    }
    const seat = await claimLicenceSeat(trx, listing.listing_id);
    if (seat === 'seat') await tellSeatsLow(trx, listing.listing_id);
    const outcome = seat === 'full' ? 'no_seat' : 'launched';
    await insertLaunch(trx, { citizen_id: citizenId, municipality_code: municipalityCode, listing_id: listing.listing_id, version: listing.version, outcome });
    return { outcome, listing } as const;
  });
  if (launched.outcome === 'launched') return { outcome: 'launched', listingId: launched.listing.listing_id };
  const [offer, contact] = await Promise.all([getMunicipalOffer(db, cache, municipalityCode), jobcenterContact(db, municipalityCode)]);
  const alternatives = alternativesTo(offer, {
    id: launched.listing.listing_id,
    stage: launched.listing.journey_stage,
    categories: launched.listing.categories,
  });
  return { outcome: 'no_seat', listing: launched.listing, alternatives, contact: { ...contact, serviceName: offer.serviceName } };
}

/**
 * Tells the municipality's systems (`licence.seats-low`, in the launch's transaction) when the seat this launch took
 * left 10 % of a licence's seats or fewer. Once per crossing: only the seat that crosses the line tells, later ones do
 * not (a licence given more seats and filled again tells again).
 */
async function tellSeatsLow(trx: Trx, listingId: string): Promise<void> {
  for (const licence of await selectSeatsTakenNow(trx, listingId)) {
    const left = licence.seats - licence.taken;
    if (left * 10 <= licence.seats && (left + 1) * 10 > licence.seats)
      await recordOutboundEvent(trx, {
        audience: { municipalityCode: licence.municipality_code },
        type: 'licence.seats-low',
        data: { licenceId: licence.licence_id, listingId, seats: licence.seats, seatsLeft: left },
      });
  }
}

/** How long after pressing Start the hand-over page still opens the service. */
const HAND_OVER_MINUTES = 15;

export type HandOver = { listing: MarketListingDetailRow };

/**
 * The page that hands the citizen over to the service they just started (the form's own origin ends there; the
 * browser then goes on to the service). Undefined when the citizen has not started it within the last few minutes,
 * so the seat check cannot be walked around. Throws NOT_FOUND for a listing outside the citizen's marketplace.
 */
export async function getHandOver(db: Db, actor: Principal, listingId: string | undefined): Promise<HandOver | undefined> {
  const { municipalityCode, citizenId } = citizenScope(actor);
  if (!listingId) throw new AppError('NOT_FOUND', 'No such service in your marketplace.');
  return withTenant(db, { citizen: citizenId }, async (trx) => {
    const listing = await selectEnabledListing(trx, municipalityCode, listingId);
    if (!listing) throw new AppError('NOT_FOUND', 'No such service in your marketplace.');
    return (await hasRecentLaunch(trx, citizenId, listing.listing_id, HAND_OVER_MINUTES)) ? { listing } : undefined;
  });
}

async function jobcenterContact(db: Db, municipalityCode: string): Promise<Omit<JobcenterContact, 'serviceName'>> {
  const [{ jobcenters }, branding] = await Promise.all([getMunicipality(db, municipalityCode), getBranding(db, municipalityCode)]);
  return {
    text: { da: branding?.contact_text_da ?? null, en: branding?.contact_text_en ?? null },
    jobcenters: jobcenters.map((jobcenter) => ({
      name: jobcenter.name,
      phone: jobcenter.phone,
      email: jobcenter.email,
      website: jobcenter.website,
      address: [jobcenter.street, [jobcenter.postal_code, jobcenter.city].filter(Boolean).join(' ')].filter(Boolean).join(', '),
    })),
  };
}

// ---- Ratings ----

/**
 * Writes the citizen's rating of a listing in their marketplace (one per citizen and listing; writing again edits it).
 * A new or edited rating waits for the municipality's moderation before anyone else sees it. Throws VALIDATION with
 * field messages (nothing is stored then), NOT_FOUND for a listing outside the citizen's marketplace.
 */
export async function rateListing(db: Db, actor: Principal, listingId: string | undefined, input: unknown, changes: ChangeBus): Promise<void> {
  const { municipalityCode, citizenId } = citizenScope(actor);
  if (!listingId) throw new AppError('NOT_FOUND', 'No such service in your marketplace.');
  const rating = parseInput(ratingFormSchema, input);
  await withTenant(db, { citizen: citizenId }, async (trx) => {
    const listing = await selectEnabledListing(trx, municipalityCode, listingId);
    if (!listing) throw new AppError('NOT_FOUND', 'No such service in your marketplace.');
    await upsertOwnRating(trx, {
      citizen_id: citizenId,
      municipality_code: municipalityCode,
      listing_id: listing.listing_id,
      stars: rating.stars,
      comment: rating.comment,
    });
  });
  // An edit of an approved rating takes it out of the averages everyone sees (other processes: the database's trigger).
  await changes.publish('listingsChanged', { table: 'listing_rating' });
}

// ---- Local offers ----

/** `serviceName`: what the municipality calls its employment service, whose offer it is. */
export type LocalOfferPage = { offer: LocalOfferRow; placesLeft: number | undefined; signedUp: boolean; open: boolean; serviceName: string };

/**
 * One of the citizen's municipality's local offers with places left and whether the citizen is signed up (the name of
 * the employment service from the municipality's offer in memory). Throws NOT_FOUND otherwise.
 */
export async function getLocalOfferPage(db: Db, cache: MarketplaceCache, actor: Principal, offerId: string | undefined): Promise<LocalOfferPage> {
  const { municipalityCode, citizenId } = citizenScope(actor);
  if (!offerId) throw new AppError('NOT_FOUND', 'No such offer from your jobcenter.');
  const [offer, { serviceName }] = await Promise.all([selectLocalOffer(db, municipalityCode, offerId), getMunicipalOffer(db, cache, municipalityCode)]);
  if (!offer) throw new AppError('NOT_FOUND', 'No such offer from your jobcenter.');
  const [taken, signedUp] = await Promise.all([
    selectPlacesTaken(db, [offer.id]),
    withTenant(db, { citizen: citizenId }, (trx) => selectOwnSignUp(trx, citizenId, offer.id)),
  ]);
  const placesLeft = offer.signup_required && offer.capacity !== null ? Math.max(0, offer.capacity - (taken.get(offer.id) ?? 0)) : undefined;
  return {
    offer,
    placesLeft,
    signedUp,
    open: offer.cancelled_at === null && offer.starts_at.getTime() > Date.now() && offer.signup_required,
    serviceName,
  };
}

/**
 * Signs the citizen up for one of their municipality's local offers while places are left: signed up, already signed
 * up, full, or closed (cancelled, started, no sign-up). Throws NOT_FOUND for an offer of another municipality.
 */
export async function signUpForOffer(db: Db, actor: Principal, offerId: string | undefined, changes: ChangeBus): Promise<SignUpOutcome> {
  const { municipalityCode, citizenId } = citizenScope(actor);
  if (!offerId) throw new AppError('NOT_FOUND', 'No such offer from your jobcenter.');
  const outcome = await withTenant(db, { citizen: citizenId }, async (trx) => {
    // The function signs up in the citizen's registered municipality; the marketplace is the session's.
    if (!(await selectLocalOffer(trx, municipalityCode, offerId))) return 'not_found' as const;
    const signedUp = await signUpForLocalOffer(trx, offerId);
    // The offer's municipality's systems are told in the same transaction as the sign-up.
    if (signedUp === 'signed_up') await recordOutboundEvent(trx, { audience: { municipalityCode }, type: 'local-offer.sign-up', data: { offerId }, citizenId });
    return signedUp;
  });
  if (outcome === 'not_found') throw new AppError('NOT_FOUND', 'No such offer from your jobcenter.');
  if (outcome === 'signed_up') await changes.publish('municipalityOfferChanged', { municipalityCode });
  return outcome;
}

/**
 * Who launched a vendor's listing (outcome 'launched') since a moment, each citizen once with their latest launch's
 * municipality: for the events module, which names a vendor's `subject` to a citizen. Runs in the caller's vendor
 * transaction (app.vendor); another vendor's listing gives nobody. Never throws for an unknown listing.
 */
export async function listVendorListingLaunchers(db: Db, listingId: string, since: Date): Promise<LauncherRow[]> {
  return selectVendorListingLaunchers(db, listingId, since);
}
