// The actor-offers module's SQL: an organisation's own offers and its recommendations, and the national catalogue's
// live listings read through listings' published view (listing_live). No rules here; the caller sets the organisation
// (withTenant), and row-level security checks every write again.
import { sql, type Selectable } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import type { Trx } from '../../platform/db/tenant.ts';
import type { ActorOfferTable } from './actor-offers.tables.ts';

/** An offer as the organisation's pages show it (who wrote it stays in the table). */
export type ActorOfferRow = Omit<Selectable<ActorOfferTable>, 'created_by'>;

/** An offer as written: texts, place, time and an optional https link. */
export type ActorOfferValues = {
  titleDa: string;
  titleEn: string;
  descriptionDa: string;
  descriptionEn: string;
  place: string;
  startsAt: Date;
  endsAt: Date;
  url: string | null;
};

const offerColumns = [
  'id',
  'organisation_id',
  'title_da',
  'title_en',
  'description_da',
  'description_en',
  'place',
  'starts_at',
  'ends_at',
  'url',
  'created_at',
  'updated_at',
  'cancelled_at',
] as const;

/** A page of the organisation's offers: those to come (not cancelled) soonest first, then the rest, newest first. */
export async function selectOffers(db: Db, organisationId: string, page: { limit: number; offset: number }): Promise<ActorOfferRow[]> {
  return db
    .selectFrom('actor_offer')
    .select(offerColumns)
    .where('organisation_id', '=', organisationId)
    .orderBy(sql`(cancelled_at is null and ends_at > now())`, 'desc')
    .orderBy(sql`case when cancelled_at is null and ends_at > now() then starts_at end`, 'asc')
    .orderBy('starts_at', 'desc')
    .orderBy('id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

/** One of the organisation's offers (locked for a change when asked). */
export async function selectOffer(db: Db, organisationId: string, offerId: string, options: { lock?: boolean } = {}): Promise<ActorOfferRow | undefined> {
  let query = db.selectFrom('actor_offer').select(offerColumns).where('organisation_id', '=', organisationId).where('id', '=', offerId);
  if (options.lock) query = query.forUpdate();
  return query.executeTakeFirst();
}

/** An offer's written values as its columns, for an insert and an update alike. */
function offerColumnsOf(offer: ActorOfferValues) {
  return {
    title_da: offer.titleDa,
    title_en: offer.titleEn,
    description_da: offer.descriptionDa,
    description_en: offer.descriptionEn,
    place: offer.place,
    starts_at: offer.startsAt,
    ends_at: offer.endsAt,
    url: offer.url,
  };
}

/** Inserts an offer for the organisation; returns its id. */
export async function insertOffer(trx: Trx, organisationId: string, offer: ActorOfferValues, createdBy: string): Promise<string> {
  const row = await trx
    .insertInto('actor_offer')
    .values({
      ...offerColumnsOf(offer),
      organisation_id: organisationId,
      created_by: createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Changes one of the organisation's offers that is not cancelled; whether a row changed. */
export async function updateOffer(trx: Trx, organisationId: string, offerId: string, offer: ActorOfferValues): Promise<boolean> {
  const result = await trx
    .updateTable('actor_offer')
    .set({
      ...offerColumnsOf(offer),
      updated_at: sql<Date>`now()`,
    })
    .where('organisation_id', '=', organisationId)
    .where('id', '=', offerId)
    .where('cancelled_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Cancels one of the organisation's offers (kept on record); whether a row changed. */
export async function cancelOffer(trx: Trx, organisationId: string, offerId: string): Promise<boolean> {
  const result = await trx
    .updateTable('actor_offer')
    .set({ cancelled_at: sql<Date>`now()`, updated_at: sql<Date>`now()` })
    .where('organisation_id', '=', organisationId)
    .where('id', '=', offerId)
    .where('cancelled_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** The organisation's offers not cancelled and not begun, soonest first (what its citizens are shown). */
export async function selectUpcomingOffers(db: Db, organisationId: string, limit: number): Promise<ActorOfferRow[]> {
  return db
    .selectFrom('actor_offer')
    .select(offerColumns)
    .where('organisation_id', '=', organisationId)
    .where('cancelled_at', 'is', null)
    .where('starts_at', '>', sql<Date>`now()`)
    .orderBy('starts_at')
    .orderBy('id')
    .limit(limit)
    .execute();
}

export type ActorRecommendationRow = {
  id: string;
  listing_id: string;
  note_da: string | null;
  note_en: string | null;
  created_at: Date;
  /** The live version's name; null when the listing is no longer live. */
  name_da: string | null;
  name_en: string | null;
};

/** The organisation's recommendations, newest first, with the listing's live name (read through listing_live). */
export async function selectRecommendations(db: Db, organisationId: string): Promise<ActorRecommendationRow[]> {
  const { rows } = await sql<ActorRecommendationRow>`
    select r.id, r.listing_id, r.note_da, r.note_en, r.created_at, v.name_da, v.name_en
    from actor_recommendation r
    left join listing_live v on v.listing_id = r.listing_id
    where r.organisation_id = ${organisationId}
    order by r.created_at desc, r.id
  `.execute(db);
  return rows;
}

/** One of the organisation's recommendations. */
export async function selectRecommendation(db: Db, organisationId: string, recommendationId: string): Promise<ActorRecommendationRow | undefined> {
  const { rows } = await sql<ActorRecommendationRow>`
    select r.id, r.listing_id, r.note_da, r.note_en, r.created_at, v.name_da, v.name_en
    from actor_recommendation r
    left join listing_live v on v.listing_id = r.listing_id
    where r.organisation_id = ${organisationId} and r.id = ${recommendationId}::uuid
  `.execute(db);
  return rows[0];
}

/** Records the organisation's recommendation of a listing; the id, or undefined when it recommends it already. */
export async function insertRecommendation(
  trx: Trx,
  organisationId: string,
  recommendation: { listingId: string; noteDa: string | null; noteEn: string | null },
  createdBy: string,
): Promise<string | undefined> {
  const row = await trx
    .insertInto('actor_recommendation')
    .values({
      organisation_id: organisationId,
      listing_id: recommendation.listingId,
      note_da: recommendation.noteDa,
      note_en: recommendation.noteEn,
      created_by: createdBy,
    })
    .onConflict((oc) => oc.columns(['organisation_id', 'listing_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}

/** The id of the organisation's recommendation of a listing, when there is one. */
export async function selectRecommendationOf(db: Db, organisationId: string, listingId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('actor_recommendation')
    .select('id')
    .where('organisation_id', '=', organisationId)
    .where('listing_id', '=', listingId)
    .executeTakeFirst();
  return row?.id;
}

/** Removes one of the organisation's recommendations; whether a row went. */
export async function deleteRecommendation(trx: Trx, organisationId: string, recommendationId: string): Promise<boolean> {
  const result = await trx
    .deleteFrom('actor_recommendation')
    .where('organisation_id', '=', organisationId)
    .where('id', '=', recommendationId)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

export type LiveListingChoice = { listing_id: string; name_da: string; name_en: string; vendor_name: string };

/** Live listings of the national catalogue, in Danish order, optionally those whose name holds `query`; at most `limit`. */
export async function selectLiveListings(db: Db, options: { query: string; limit: number }): Promise<LiveListingChoice[]> {
  const pattern = `%${options.query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const { rows } = await sql<LiveListingChoice>`
    select listing_id, name_da, name_en, vendor_name
    from listing_live
    where ${options.query === ''} or name_da ilike ${pattern} or name_en ilike ${pattern}
    order by name_da collate "da-DK-x-icu", listing_id
    limit ${options.limit}
  `.execute(db);
  return rows;
}

/** Whether a listing has a live version in the national catalogue. */
export async function isListingLive(db: Db, listingId: string): Promise<boolean> {
  const row = await db.selectFrom('listing_live').select('listing_id').where('listing_id', '=', listingId).executeTakeFirst();
  return row !== undefined;
}
