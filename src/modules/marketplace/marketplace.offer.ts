// What one municipality's marketplace offers, as kept in memory (marketplace.cache.ts), and the rules that turn it
// into one citizen's page: filters, search matches, the jobcenter's recommendations for the citizen first. Plain
// code over plain data, so a request that finds its municipality and citizen in memory asks the database nothing.
import type { NsisLevel } from '../../platform/auth/nsis.ts';
import type { LocalOfferKind, PriceModel } from '../../platform/db/schema.ts';

export type TaxonomyEntry = { code: string; name_da: string; name_en: string; active: boolean };
export type Taxonomies = Record<'stage' | 'category' | 'target_group' | 'language' | 'data_category', TaxonomyEntry[]>;

/** An enabled listing's live version. `position`: its place in the municipality's list (Danish order). */
export type MarketListing = {
  kind: 'listing';
  id: string;
  position: number;
  version: number;
  nameDa: string;
  nameEn: string;
  summaryDa: string;
  summaryEn: string;
  stage: string;
  categories: readonly string[];
  targetGroups: readonly string[];
  languages: readonly string[];
  price: PriceModel;
  level: NsisLevel;
  vendorName: string;
  rating: { average: number; count: number } | undefined;
};

/** One of the jobcenter's own upcoming offers (workshop, course, job fair …). Local offers cost the citizen nothing. */
export type MarketLocalOffer = {
  kind: 'local_offer';
  id: string;
  position: number;
  offerKind: LocalOfferKind;
  titleDa: string;
  titleEn: string;
  descriptionDa: string;
  descriptionEn: string;
  place: string;
  startsAt: Date;
  endsAt: Date;
  /** Places left when sign-up is required; undefined when anyone may just come. */
  placesLeft: number | undefined;
  stage: string | null;
  targetGroups: readonly string[];
  languages: readonly string[];
};

export type MarketItem = MarketListing | MarketLocalOffer;

/**
 * The jobcenter recommends an enabled listing to a target group, at one stage or (stage null) at any. Or, with `by`,
 * the a-kasse or other actor responsible for the citizen recommends it to all its citizens (target group '', stage null).
 */
export type MarketRecommendation = {
  id: string;
  listingId: string;
  targetGroup: string;
  stage: string | null;
  noteDa: string | null;
  noteEn: string | null;
  /** The recommending organisation's name, when not the jobcenter. */
  by?: string | undefined;
};

/** What the a-kasse or other actor responsible for the citizen recommends (actor-offers), with its name. */
export type ActorRecommendations = {
  organisationName: string;
  recommendations: readonly { id: string; listingId: string; noteDa: string | null; noteEn: string | null }[];
};

/**
 * A municipality's marketplace as kept in memory: the jobcenter's own offers soonest first, then the enabled listings
 * in Danish order. `derived` holds what is computed from it (rendered cards, search answers) and goes with it.
 */
export type MarketOffer = {
  municipalityCode: string;
  /** What the municipality calls its employment service ("Jobcenter København"), the name its texts speak with. */
  serviceName: string;
  items: readonly MarketItem[];
  byId: ReadonlyMap<string, MarketItem>;
  recommendations: readonly MarketRecommendation[];
  taxonomies: Taxonomies;
  /** When the first local offer starts (and leaves the list), as epoch ms; undefined without offers. */
  changesAt: number | undefined;
  derived: Map<string, unknown>;
};

/** The value under `key` derived from the offer, made once per offer (so forgotten with it). */
export function derive<T>(offer: MarketOffer, key: string, make: () => T): T {
  if (offer.derived.has(key)) return offer.derived.get(key) as T;
  const value = make();
  offer.derived.set(key, value);
  return value;
}

/** What personalises a citizen's marketplace; `organisationId`: who is responsible for their contact course now, if known. */
export type Personal = { targetGroup: string | null; journeyStage: string | null; dismissed: ReadonlySet<string>; organisationId?: string | undefined };

export type MarketFilter = {
  query: string;
  stages: readonly string[];
  categories: readonly string[];
  languages: readonly string[];
  priceModels: readonly string[];
  localOnly: boolean;
  page: number;
};

export const PAGE_SIZE = 20;

/** Whether a filter narrows anything (a query does not count: it is a search, not a filter). */
export function isFiltered(filter: MarketFilter): boolean {
  return filter.stages.length + filter.categories.length + filter.languages.length + filter.priceModels.length > 0 || filter.localOnly;
}

function matches(item: MarketItem, filter: MarketFilter): boolean {
  if (filter.localOnly && item.kind !== 'local_offer') return false;
  if (filter.stages.length > 0 && !filter.stages.includes(item.stage ?? '')) return false;
  // Categories are the national catalogue's; the jobcenter's own offers have a kind instead, so a category leaves them out.
  if (filter.categories.length > 0 && (item.kind !== 'listing' || !item.categories.some((category) => filter.categories.includes(category)))) return false;
  if (filter.languages.length > 0 && !item.languages.some((language) => filter.languages.includes(language))) return false;
  if (filter.priceModels.length > 0 && !filter.priceModels.includes(item.kind === 'listing' ? item.price : 'free')) return false;
  return true;
}

/**
 * The recommendations that apply to the citizen, by listing. First those of the a-kasse or other actor responsible
 * for them (`actor`), of listings their municipality offers — one it has not enabled is left out, since the citizen
 * could not start it. Then the jobcenter's: for their target group, at their journey stage or at any stage, of a
 * listing still offered. None the citizen said is not relevant. A jobcenter recommendation for their very stage is
 * preferred to one for any stage (its note is the more specific); the actor's stands before the jobcenter's.
 */
export function recommendationsFor(offer: MarketOffer, personal: Personal, actor?: ActorRecommendations): Map<string, MarketRecommendation> {
  const found = new Map<string, MarketRecommendation>();
  for (const recommendation of actor?.recommendations ?? []) {
    if (personal.dismissed.has(recommendation.listingId) || offer.byId.get(recommendation.listingId)?.kind !== 'listing') continue;
    found.set(recommendation.listingId, { ...recommendation, targetGroup: '', stage: null, by: actor?.organisationName });
  }
  if (!personal.targetGroup) return found;
  for (const recommendation of offer.recommendations) {
    if (recommendation.targetGroup !== personal.targetGroup) continue;
    if (recommendation.stage !== null && recommendation.stage !== personal.journeyStage) continue;
    if (personal.dismissed.has(recommendation.listingId) || offer.byId.get(recommendation.listingId)?.kind !== 'listing') continue;
    const before = found.get(recommendation.listingId);
    if (!before || (before.by === undefined && before.stage === null && recommendation.stage !== null)) found.set(recommendation.listingId, recommendation);
  }
  return found;
}

export type ArrangedPage = {
  items: MarketItem[];
  /** The recommendation behind each recommended item on the page. */
  recommended: Map<string, MarketRecommendation>;
  total: number;
  page: number;
  pageCount: number;
};

/**
 * One page of a citizen's marketplace: the items the filter (and the search's matches, when searching) lets through,
 * those the jobcenter recommends to the citizen first, then the rest — by relevance when searching, otherwise local
 * offers soonest first and listings in Danish order. A page past the end shows the last one.
 */
export function arrangePage(
  offer: MarketOffer,
  personal: Personal,
  filter: MarketFilter,
  ranks?: ReadonlyMap<string, number>,
  actor?: ActorRecommendations,
): ArrangedPage {
  if (!ranks && !isFiltered(filter)) return arrangeWhole(offer, personal, filter.page, actor);
  let pool: MarketItem[] = isFiltered(filter) ? offer.items.filter((item) => matches(item, filter)) : [...offer.items];
  if (ranks) {
    pool = pool.filter((item) => ranks.has(item.id));
    pool.sort((a, b) => (ranks.get(b.id) ?? 0) - (ranks.get(a.id) ?? 0) || a.position - b.position);
  }
  const applying = recommendationsFor(offer, personal, actor);
  const byActor: MarketItem[] = [];
  const first: MarketItem[] = [];
  const rest: MarketItem[] = [];
  for (const item of pool) {
    const recommendation = applying.get(item.id);
    (recommendation ? (recommendation.by === undefined ? first : byActor) : rest).push(item);
  }
  first.unshift(...byActor);
  const ordered = first.length > 0 ? first.concat(rest) : rest;
  const pageCount = Math.max(1, Math.ceil(ordered.length / PAGE_SIZE));
  const page = Math.min(filter.page, pageCount);
  const items = ordered.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  const recommended = new Map<string, MarketRecommendation>();
  for (const item of items) {
    const recommendation = applying.get(item.id);
    if (recommendation) recommended.set(item.id, recommendation);
  }
  return { items, recommended, total: ordered.length, page, pageCount };
}

/**
 * The page of the whole offer (no search, no filter: what most requests ask for) without going through all of it:
 * the recommended items are few and found by id, and the rest are walked only as far as the page reaches.
 */
function arrangeWhole(offer: MarketOffer, personal: Personal, requestedPage: number, actor?: ActorRecommendations): ArrangedPage {
  const applying = recommendationsFor(offer, personal, actor);
  const first: MarketItem[] = [];
  for (const listingId of applying.keys()) {
    const item = offer.byId.get(listingId);
    if (item) first.push(item);
  }
  // The actor's recommendations first, then the jobcenter's; each in the municipality's order.
  const rank = (item: MarketItem) => (applying.get(item.id)?.by === undefined ? 1 : 0);
  first.sort((a, b) => rank(a) - rank(b) || a.position - b.position);
  const total = offer.items.length;
  const pageCount = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const page = Math.min(requestedPage, pageCount);
  const start = (page - 1) * PAGE_SIZE;
  const items = first.slice(start, start + PAGE_SIZE);
  // Items not recommended, from the first one this page shows.
  let skip = Math.max(0, start - first.length);
  for (let i = 0; i < offer.items.length && items.length < PAGE_SIZE; i++) {
    const item = offer.items[i];
    if (!item || applying.has(item.id)) continue;
    if (skip > 0) skip--;
    else items.push(item);
  }
  const recommended = new Map<string, MarketRecommendation>();
  for (const item of items) {
    const recommendation = applying.get(item.id);
    if (recommendation) recommended.set(item.id, recommendation);
  }
  return { items, recommended, total, page, pageCount };
}

/**
 * Other listings the municipality offers for the same need: sharing a category or the journey stage (both first),
 * at most `limit`, in the municipality's order.
 */
export function alternativesTo(offer: MarketOffer, listing: { id: string; stage: string; categories: readonly string[] }, limit = 5): MarketListing[] {
  const scored: { item: MarketListing; score: number }[] = [];
  for (const item of offer.items) {
    if (item.kind !== 'listing' || item.id === listing.id) continue;
    const score = (item.categories.some((category) => listing.categories.includes(category)) ? 2 : 0) + (item.stage === listing.stage ? 1 : 0);
    if (score > 0) scored.push({ item, score });
  }
  return scored
    .sort((a, b) => b.score - a.score || a.item.position - b.item.position)
    .slice(0, limit)
    .map((entry) => entry.item);
}
