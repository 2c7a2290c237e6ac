// The marketplace's SQL: what a municipality offers (read through the views curation, listings and journey publish:
// the municipality's offer, the live versions, the citizen's own profile and dismissals), launches, ratings and
// sign-ups. No rules here; tenancy is set by the caller (withTenant), and row-level security checks it again.
import { sql } from 'kysely';
import type { NsisLevel } from '../../platform/auth/nsis.ts';
import type { Db } from '../../platform/db/database.ts';
import type { Channel, LegalBasis, LocalOfferKind, PriceModel } from '../../platform/db/schema.ts';

/** An enabled listing's live version as the marketplace lists it (approved versions are complete). */
export type EnabledListingRow = {
  listing_id: string;
  version: number;
  name_da: string;
  name_en: string;
  summary_da: string;
  summary_en: string;
  journey_stage: string;
  price_model: PriceModel;
  required_nsis_level: NsisLevel;
  vendor_name: string;
  categories: string[];
  target_groups: string[];
  languages: string[];
};

/** The municipality's enabled listings that are live, in Danish order (æ, ø, å after z). */
export async function selectEnabledListings(db: Db, municipalityCode: string): Promise<EnabledListingRow[]> {
  const { rows } = await sql<EnabledListingRow>`
    select v.listing_id, v.version, v.name_da, v.name_en, v.summary_da, v.summary_en, v.journey_stage, v.price_model,
           v.required_nsis_level, v.vendor_name, v.categories, v.target_groups, v.languages
    from municipality_offer_listing ml
    join listing_live v on v.listing_id = ml.listing_id
    where ml.municipality_code = ${municipalityCode}
    order by v.name_da collate "da-DK-x-icu", v.listing_id
  `.execute(db);
  return rows;
}

export type RatingSummaryRow = { listing_id: string; average: number; count: number };

/** Average and number of approved ratings per listing (nationally: a service is the same wherever it is used). */
export async function selectRatingSummaries(db: Db, listingIds: string[]): Promise<RatingSummaryRow[]> {
  if (listingIds.length === 0) return [];
  const { rows } = await sql<RatingSummaryRow>`
    select listing_id, avg(stars)::float8 as average, count(*)::int as count
    from listing_rating
    where status = 'approved' and listing_id = any(${listingIds}::uuid[])
    group by listing_id
  `.execute(db);
  return rows;
}

export type RecommendationRow = {
  id: string;
  listing_id: string;
  target_group: string;
  journey_stage: string | null;
  note_da: string | null;
  note_en: string | null;
};

/** The municipality's recommendations of its enabled listings, oldest first. */
export async function selectRecommendations(db: Db, municipalityCode: string): Promise<RecommendationRow[]> {
  return db
    .selectFrom('municipality_offer_recommendation')
    .select(['id', 'listing_id', 'target_group', 'journey_stage', 'note_da', 'note_en'])
    .where('municipality_code', '=', municipalityCode)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export type LocalOfferRow = {
  id: string;
  municipality_code: string;
  kind: LocalOfferKind;
  title_da: string;
  title_en: string;
  description_da: string;
  description_en: string;
  place: string;
  starts_at: Date;
  ends_at: Date;
  capacity: number | null;
  signup_required: boolean;
  journey_stage: string | null;
  target_groups: string[];
  languages: string[];
  cancelled_at: Date | null;
};

const localOfferColumns = [
  'id',
  'municipality_code',
  'kind',
  'title_da',
  'title_en',
  'description_da',
  'description_en',
  'place',
  'starts_at',
  'ends_at',
  'capacity',
  'signup_required',
  'journey_stage',
  'target_groups',
  'languages',
  'cancelled_at',
] as const;

/** The municipality's local offers that have not started and are not cancelled, soonest first. */
export async function selectUpcomingLocalOffers(db: Db, municipalityCode: string): Promise<LocalOfferRow[]> {
  return db
    .selectFrom('municipality_offer_local_offer')
    .select(localOfferColumns)
    .where('municipality_code', '=', municipalityCode)
    .where('cancelled_at', 'is', null)
    .where('starts_at', '>', sql<Date>`now()`)
    .orderBy('starts_at')
    .orderBy('id')
    .execute();
}

/** One local offer of the municipality (cancelled and past ones too), or undefined. */
export async function selectLocalOffer(db: Db, municipalityCode: string, offerId: string): Promise<LocalOfferRow | undefined> {
  return db
    .selectFrom('municipality_offer_local_offer')
    .select(localOfferColumns)
    .where('id', '=', offerId)
    .where('municipality_code', '=', municipalityCode)
    .executeTakeFirst();
}

/** Places taken on each offer (no citizen named), through the function that may count across citizens. */
export async function selectPlacesTaken(db: Db, offerIds: string[]): Promise<Map<string, number>> {
  if (offerIds.length === 0) return new Map();
  const { rows } = await sql<{ offer_id: string; taken: number }>`select offer_id, taken from local_offer_places_taken(${offerIds}::uuid[])`.execute(db);
  return new Map(rows.map((row) => [row.offer_id, row.taken]));
}

/**
 * Danish full-text matches among the municipality's enabled live listings and upcoming local offers, with their
 * rank. `query` is in web-search syntax ("quoted phrase", or, -not).
 */
export async function searchMunicipalOffer(db: Db, municipalityCode: string, query: string): Promise<{ id: string; rank: number }[]> {
  const tsQuery = sql`websearch_to_tsquery('danish', ${query})`;
  const { rows } = await sql<{ id: string; rank: number }>`
    select v.listing_id as id, ts_rank(v.search, ${tsQuery})::float8 as rank
    from municipality_offer_listing ml
    join listing_live v on v.listing_id = ml.listing_id
    where ml.municipality_code = ${municipalityCode} and v.search @@ ${tsQuery}
    union all
    select o.id, ts_rank(d.search, ${tsQuery})::float8
    from municipality_offer_local_offer o
    cross join lateral (select setweight(to_tsvector('danish', o.title_da), 'A') || setweight(to_tsvector('danish', o.description_da), 'C') as search) d
    where o.municipality_code = ${municipalityCode} and o.cancelled_at is null and o.starts_at > now() and d.search @@ ${tsQuery}
  `.execute(db);
  return rows;
}

export type CitizenMarketProfile = { target_group: string | null; journey_stage: string | null };

/** The citizen's target group and stage (app.citizen must be set). */
export async function selectOwnProfile(db: Db, citizenId: string): Promise<CitizenMarketProfile | undefined> {
  return db.selectFrom('citizen_journey').select(['target_group', 'journey_stage']).where('citizen_id', '=', citizenId).executeTakeFirst();
}

/**
 * The organisation responsible for the citizen's contact course now: their open period, read through responsibility's
 * published view (app.citizen must be set). Undefined when they have none (their municipality then is).
 */
export async function selectOwnResponsibleOrganisation(db: Db, citizenId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('citizen_responsibility')
    .select('organisation_id')
    .where('citizen_id', '=', citizenId)
    .where('ends_on', 'is', null)
    .executeTakeFirst();
  return row?.organisation_id;
}

/** Listings the citizen said are not relevant to them (app.citizen must be set). */
export async function selectOwnDismissedListings(db: Db, citizenId: string): Promise<string[]> {
  const rows = await db.selectFrom('citizen_dismissal').select('item_id').where('citizen_id', '=', citizenId).where('item_kind', '=', 'listing').execute();
  return rows.map((row) => row.item_id);
}

export type DataCategoryUse = { category: string; purpose_da: string | null; purpose_en: string | null; legal_basis: LegalBasis | null };

/** An enabled listing's live version with everything its marketplace page shows. */
export type MarketListingDetailRow = EnabledListingRow & {
  description_da: string;
  description_en: string;
  channels: Channel[];
  service_url: string;
  accessibility_statement_url: string;
  data_categories: DataCategoryUse[];
  /** Whether a citizen who declines to share data can still use the service (listings, issue 6). */
  works_without_data: boolean;
};

/** The listing's live version when the municipality has it enabled; undefined otherwise (not enabled, not live, unknown). */
export async function selectEnabledListing(db: Db, municipalityCode: string, listingId: string): Promise<MarketListingDetailRow | undefined> {
  const { rows } = await sql<MarketListingDetailRow>`
    select v.listing_id, v.version, v.name_da, v.name_en, v.summary_da, v.summary_en, v.description_da, v.description_en,
           v.journey_stage, v.price_model, v.required_nsis_level, v.channels, v.service_url, v.accessibility_statement_url,
           v.works_without_data, v.vendor_name, v.categories, v.target_groups, v.languages, v.data_categories
    from municipality_offer_listing ml
    join listing_live v on v.listing_id = ml.listing_id
    where ml.municipality_code = ${municipalityCode} and ml.listing_id = ${listingId}
  `.execute(db);
  return rows[0];
}

/** Takes (or finds) the citizen's seat on a licence for the listing: 'free' (not licensed here), 'seat' or 'full'. */
export async function claimLicenceSeat(db: Db, listingId: string): Promise<'free' | 'seat' | 'full'> {
  const { rows } = await sql<{ outcome: 'free' | 'seat' | 'full' }>`select claim_licence_seat(${listingId}::uuid) as outcome`.execute(db);
  const outcome = rows[0]?.outcome;
  if (!outcome) throw new Error('claim_licence_seat returned nothing');
  return outcome;
}

/** The licences of the listing on which this transaction took the citizen's seat: seats and how many are taken (0075). */
export async function selectSeatsTakenNow(
  db: Db,
  listingId: string,
): Promise<{ licence_id: string; municipality_code: string; seats: number; taken: number }[]> {
  const { rows } = await sql<{
    licence_id: string;
    municipality_code: string;
    seats: number;
    taken: number;
  }>`select licence_id, municipality_code, seats, taken from licence_seats_taken_now(${listingId}::uuid)`.execute(db);
  return rows;
}

/** Records a launch (append-only). */
export async function insertLaunch(
  db: Db,
  launch: { citizen_id: string; municipality_code: string; listing_id: string; version: number; outcome: 'launched' | 'no_seat' },
): Promise<void> {
  await db.insertInto('listing_launch').values(launch).execute();
}

/** A citizen who launched a listing, with their latest launch's municipality and time. */
export type LauncherRow = { citizen_id: string; municipality_code: string; launched_at: Date };

/** The citizens who launched the listing since `since`, when the transaction's vendor (app.vendor) owns it (0064). */
export async function selectVendorListingLaunchers(db: Db, listingId: string, since: Date): Promise<LauncherRow[]> {
  const { rows } =
    await sql<LauncherRow>`select citizen_id, municipality_code, launched_at from vendor_listing_launchers(${listingId}::uuid, ${since})`.execute(db);
  return rows;
}

/** Whether the citizen (app.citizen) launched the listing within the last `minutes` minutes. */
export async function hasRecentLaunch(db: Db, citizenId: string, listingId: string, minutes: number): Promise<boolean> {
  const row = await db
    .selectFrom('listing_launch')
    .select('id')
    .where('citizen_id', '=', citizenId)
    .where('listing_id', '=', listingId)
    .where('outcome', '=', 'launched')
    .where('launched_at', '>', sql<Date>`now() - make_interval(mins => ${minutes})`)
    .executeTakeFirst();
  return row !== undefined;
}

export type ShownRatingRow = { stars: number; comment: string | null; updated_at: Date };

/** A page of the listing's approved ratings, newest first, without who wrote them; one row more tells a next page. */
export async function selectApprovedRatings(db: Db, listingId: string, limit: number, offset: number): Promise<ShownRatingRow[]> {
  return db
    .selectFrom('listing_rating')
    .select(['stars', 'comment', 'updated_at'])
    .where('listing_id', '=', listingId)
    .where('status', '=', 'approved')
    .orderBy('updated_at', 'desc')
    .orderBy('id')
    .limit(limit)
    .offset(offset)
    .execute();
}

export type OwnRatingRow = { id: string; stars: number; comment: string | null; status: 'pending' | 'approved' | 'rejected'; updated_at: Date };

/** The citizen's own rating of a listing (app.citizen must be set). */
export async function selectOwnRating(db: Db, citizenId: string, listingId: string): Promise<OwnRatingRow | undefined> {
  return db
    .selectFrom('listing_rating')
    .select(['id', 'stars', 'comment', 'status', 'updated_at'])
    .where('citizen_id', '=', citizenId)
    .where('listing_id', '=', listingId)
    .executeTakeFirst();
}

/** Writes the citizen's one rating of a listing, new or edited; either way it waits for moderation again. */
export async function upsertOwnRating(
  db: Db,
  rating: { citizen_id: string; municipality_code: string; listing_id: string; stars: number; comment: string | null },
): Promise<void> {
  await db
    .insertInto('listing_rating')
    .values({ ...rating, status: 'pending' })
    .onConflict((oc) =>
      oc.columns(['citizen_id', 'listing_id']).doUpdateSet({
        stars: rating.stars,
        comment: rating.comment,
        municipality_code: rating.municipality_code,
        status: 'pending',
        updated_at: sql<Date>`now()`,
        moderated_by: null,
        moderated_at: null,
      }),
    )
    .execute();
}

export type PendingRatingRow = { id: string; listing_id: string; listing_name: string; stars: number; comment: string | null; updated_at: Date };

/** A page of the municipality's ratings waiting for moderation, oldest first (app.municipality must be set). */
export async function selectPendingRatings(db: Db, municipalityCode: string, limit: number, offset: number): Promise<PendingRatingRow[]> {
  const { rows } = await sql<PendingRatingRow>`
    select r.id, r.listing_id, r.stars, r.comment, r.updated_at,
           coalesce((select n.name_da from listing_name n where n.listing_id = r.listing_id), '') as listing_name
    from listing_rating r
    where r.municipality_code = ${municipalityCode} and r.status = 'pending'
    order by r.updated_at, r.id
    limit ${limit} offset ${offset}
  `.execute(db);
  return rows;
}

/** Decides a pending rating of the municipality; false when there is no such pending rating. */
export async function decidePendingRating(
  db: Db,
  municipalityCode: string,
  ratingId: string,
  status: 'approved' | 'rejected',
  moderatedBy: string,
): Promise<boolean> {
  const result = await db
    .updateTable('listing_rating')
    .set({ status, moderated_by: moderatedBy, moderated_at: sql<Date>`now()` })
    .where('id', '=', ratingId)
    .where('municipality_code', '=', municipalityCode)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Signs the citizen (app.citizen) up for a local offer of their municipality; the function's outcome or 'not_found'. */
export async function signUpForLocalOffer(db: Db, offerId: string): Promise<'signed_up' | 'already' | 'full' | 'closed' | 'not_found'> {
  const { rows } = await sql<{
    outcome: 'signed_up' | 'already' | 'full' | 'closed' | 'not_found';
  }>`select sign_up_for_local_offer(${offerId}::uuid) as outcome`.execute(db);
  return rows[0]?.outcome ?? 'not_found';
}

/** Whether the citizen (app.citizen) is signed up for the offer now. */
export async function selectOwnSignUp(db: Db, citizenId: string, offerId: string): Promise<boolean> {
  const row = await db
    .selectFrom('municipality_offer_sign_up')
    .select('offer_id')
    .where('offer_id', '=', offerId)
    .where('citizen_id', '=', citizenId)
    .where('cancelled_at', 'is', null)
    .executeTakeFirst();
  return row !== undefined;
}

/** A page a citizen saw: the list (with a search's words and hit count) or a listing's own page. */
export type MarketplaceViewRow = {
  citizenId: string;
  at: Date;
  page: 'list' | 'listing';
  listingIds: string[];
  terms?: string[] | undefined;
  results?: number | undefined;
};

/**
 * Records pages citizens saw, in one statement; record_marketplace_views (0088) adds each citizen's municipality,
 * target group and stage and keeps no citizen id.
 */
export async function insertMarketplaceViews(db: Db, views: readonly MarketplaceViewRow[]): Promise<void> {
  if (views.length === 0) return;
  const json = JSON.stringify(
    views.map((v) => ({
      citizen: v.citizenId,
      at: v.at.toISOString(),
      page: v.page,
      listings: v.listingIds,
      terms: v.terms && v.terms.length > 0 ? v.terms : null,
      results: v.results ?? null,
    })),
  );
  await sql`select record_marketplace_views(${json}::jsonb)`.execute(db);
}
