// SQL of the municipality's workspace: enablement, recommendations, local offers and their sign-ups, licences
// with their seats, and branding. Every function takes the municipality explicitly; writes (and reads of
// licences, seats and sign-ups) run in a transaction from withTenant, where row-level security checks it again.
import { sql, type Selectable } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import type { LocalOfferTable, MunicipalityBrandingTable } from '../../platform/db/schema.ts';
import type { Trx } from '../../platform/db/tenant.ts';
import type { CurationCodes, LicenceInput, LocalOfferInput, RecommendationInput } from './curation.schemas.ts';

type Executor = Db | Trx;

export type TaxonomyEntry = { code: string; name_da: string; name_en: string };
export type CurationTaxonomies = { journeyStages: TaxonomyEntry[]; targetGroups: TaxonomyEntry[]; languages: TaxonomyEntry[] };

/** The journey stages (in their order), the active target groups and the languages, with their names (catalogue's taxonomy_term). */
export async function selectTaxonomies(db: Executor): Promise<CurationTaxonomies> {
  const rows = await db
    .selectFrom('taxonomy_term')
    .select(['taxonomy', 'code', 'name_da', 'name_en'])
    .where('taxonomy', 'in', ['stage', 'target_group', 'language'])
    .where('active', '=', true)
    .orderBy('sort')
    .orderBy('code')
    .execute();
  const of = (taxonomy: string) => rows.filter((row) => row.taxonomy === taxonomy).map(({ code, name_da, name_en }) => ({ code, name_da, name_en }));
  return { journeyStages: of('stage'), targetGroups: of('target_group'), languages: of('language') };
}

export function codesOf(taxonomies: CurationTaxonomies): CurationCodes {
  const codes = (entries: TaxonomyEntry[]) => entries.map((entry) => entry.code);
  return { journeyStages: codes(taxonomies.journeyStages), targetGroups: codes(taxonomies.targetGroups), languages: codes(taxonomies.languages) };
}

// ---- The national catalogue as the municipality curates it ----

export type RecommendationBrief = { target_group: string; journey_stage: string | null };

/** A live listing with the municipality's choices about it. */
export type CuratedListingRow = {
  listing_id: string;
  name_da: string;
  name_en: string;
  summary_da: string;
  summary_en: string;
  journey_stage: string;
  price_model: string;
  vendor_name: string;
  enabled_at: Date | null;
  recommendations: RecommendationBrief[];
};

const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * The live (approved) versions of the national catalogue with the municipality's enablement and recommendations,
 * in Danish order. A query matches the Danish full text (stemmed) or a part of either name.
 */
export async function selectCuratedListings(
  db: Executor,
  code: string,
  options: { query: string; onlyEnabled: boolean; limit: number; offset: number },
): Promise<CuratedListingRow[]> {
  const conditions = [sql`true`];
  if (options.query) {
    const pattern = likePattern(options.query);
    conditions.push(sql`(v.search @@ websearch_to_tsquery('danish', ${options.query}) or v.name_da ilike ${pattern} or v.name_en ilike ${pattern})`);
  }
  if (options.onlyEnabled) conditions.push(sql`ml.listing_id is not null`);
  const { rows } = await sql<CuratedListingRow>`
    select v.listing_id, v.name_da, v.name_en, v.summary_da, v.summary_en, v.journey_stage, v.price_model, v.vendor_name,
           ml.enabled_at,
           coalesce((select json_agg(json_build_object('target_group', r.target_group, 'journey_stage', r.journey_stage) order by r.target_group, r.journey_stage)
                     from listing_recommendation r where r.municipality_code = ${code} and r.listing_id = v.listing_id), '[]') as recommendations
    from listing_live v
    left join municipality_listing ml on ml.listing_id = v.listing_id and ml.municipality_code = ${code}
    where ${sql.join(conditions, sql` and `)}
    order by v.name_da collate "da-DK-x-icu", v.listing_id
    limit ${options.limit} offset ${options.offset}`.execute(db);
  return rows;
}

export async function countEnabled(db: Executor, code: string): Promise<number> {
  const row = await db
    .selectFrom('municipality_listing')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('municipality_code', '=', code)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export type EnabledNotLiveRow = { listing_id: string; name_da: string | null; name_en: string | null; status: string };

/** Listings the municipality enabled that have no live version now (suspended, delisted). */
export async function selectEnabledNotLive(db: Executor, code: string): Promise<EnabledNotLiveRow[]> {
  const { rows } = await sql<EnabledNotLiveRow>`
    select ml.listing_id, latest.name_da, latest.name_en, latest.status
    from municipality_listing ml
    cross join lateral (select v.name_da, v.name_en, v.status from listing_version_brief v where v.listing_id = ml.listing_id
                        and v.status not in ('draft', 'submitted', 'checks_failed', 'in_review', 'changes_requested', 'rejected')
                        order by v.version desc limit 1) latest
    where ml.municipality_code = ${code}
      and not exists (select 1 from listing_live live where live.listing_id = ml.listing_id)
    order by latest.name_da collate "da-DK-x-icu"`.execute(db);
  return rows;
}

export type ListingForCuration = {
  listing_id: string;
  name_da: string | null;
  name_en: string | null;
  summary_da: string | null;
  summary_en: string | null;
  journey_stage: string | null;
  price_model: string | null;
  vendor_name: string;
  live: boolean;
  /** The shown version's status (approved, suspended or delisted) and the reason governance gave for it, if any. */
  status: string;
  status_reason: string | null;
  enabled_at: Date | null;
};

/** A listing with its live version (or, when none is live, its latest decided one) and the municipality's enablement. */
export async function selectListingForCuration(db: Executor, code: string, listingId: string): Promise<ListingForCuration | undefined> {
  const { rows } = await sql<ListingForCuration>`
    select l.listing_id, v.name_da, v.name_en, v.summary_da, v.summary_en, v.journey_stage, v.price_model, vp.name as vendor_name,
           v.status = 'approved' as live, v.status, v.status_reason, ml.enabled_at
    from listing_owner l
    join vendor_profile vp on vp.id = l.vendor_id
    cross join lateral (select * from listing_version_brief v where v.listing_id = l.listing_id
                        and v.status not in ('draft', 'submitted', 'checks_failed', 'in_review', 'changes_requested', 'rejected')
                        order by (v.status = 'approved') desc, v.version desc limit 1) v
    left join municipality_listing ml on ml.listing_id = l.listing_id and ml.municipality_code = ${code}
    where l.listing_id = ${listingId}`.execute(db);
  return rows[0];
}

/** Enables a listing for the municipality; enabling it twice changes nothing. */
export async function insertEnablement(trx: Trx, code: string, listingId: string, by: string): Promise<void> {
  await trx
    .insertInto('municipality_listing')
    .values({ municipality_code: code, listing_id: listingId, enabled_by: by })
    .onConflict((oc) => oc.columns(['municipality_code', 'listing_id']).doNothing())
    .execute();
}

/** Disables a listing; its recommendations go with it (the foreign key cascades). Returns whether it was enabled. */
/** Whether the municipality has the listing enabled, holding that row until commit (FOR SHARE). */
export async function lockEnablement(trx: Trx, code: string, listingId: string): Promise<boolean> {
  const row = await trx
    .selectFrom('municipality_listing')
    .select('listing_id')
    .where('municipality_code', '=', code)
    .where('listing_id', '=', listingId)
    .forShare()
    .executeTakeFirst();
  return row !== undefined;
}

export async function deleteEnablement(trx: Trx, code: string, listingId: string): Promise<boolean> {
  const result = await trx.deleteFrom('municipality_listing').where('municipality_code', '=', code).where('listing_id', '=', listingId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export type RecommendationRow = {
  id: string;
  target_group: string;
  journey_stage: string | null;
  note_da: string | null;
  note_en: string | null;
  created_by: string;
  created_at: Date;
};

export async function selectRecommendations(db: Executor, code: string, listingId: string): Promise<RecommendationRow[]> {
  return db
    .selectFrom('listing_recommendation')
    .select(['id', 'target_group', 'journey_stage', 'note_da', 'note_en', 'created_by', 'created_at'])
    .where('municipality_code', '=', code)
    .where('listing_id', '=', listingId)
    .orderBy('target_group')
    .orderBy('created_at')
    .execute();
}

/** Adds a recommendation; returns undefined when the same target group and stage is recommended already. */
export async function insertRecommendation(trx: Trx, code: string, listingId: string, input: RecommendationInput, by: string): Promise<string | undefined> {
  const row = await trx
    .insertInto('listing_recommendation')
    .values({
      municipality_code: code,
      listing_id: listingId,
      target_group: input.targetGroup,
      journey_stage: input.journeyStage ?? null,
      note_da: input.noteDa,
      note_en: input.noteEn,
      created_by: by,
    })
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}

export async function deleteRecommendation(trx: Trx, code: string, listingId: string, recommendationId: string): Promise<boolean> {
  const result = await trx
    .deleteFrom('listing_recommendation')
    .where('municipality_code', '=', code)
    .where('listing_id', '=', listingId)
    .where('id', '=', recommendationId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

// ---- Local offers ----

export type LocalOfferRow = Selectable<LocalOfferTable>;
export type LocalOfferListRow = LocalOfferRow & { taken: number };

function offerColumns(input: LocalOfferInput) {
  return {
    kind: input.kind,
    title_da: input.titleDa,
    title_en: input.titleEn,
    description_da: input.descriptionDa,
    description_en: input.descriptionEn,
    place: input.place,
    starts_at: input.startsAt,
    ends_at: input.endsAt,
    capacity: input.capacity ?? null,
    signup_required: input.signupRequired,
    journey_stage: input.journeyStage ?? null,
    target_groups: input.targetGroups,
    languages: input.languages,
  };
}

/** How many places are taken on each offer (a database function: the count crosses citizens, no one is named). */
export async function selectPlacesTaken(db: Executor, offerIds: string[]): Promise<Map<string, number>> {
  if (offerIds.length === 0) return new Map();
  const { rows } = await sql<{ offer_id: string; taken: number }>`select offer_id, taken from local_offer_places_taken(${offerIds}::uuid[])`.execute(db);
  return new Map(rows.map((row) => [row.offer_id, row.taken]));
}

/** The municipality's local offers: those still to come (soonest first), then the rest (latest first). */
export async function selectLocalOffers(db: Executor, code: string, options: { limit: number; offset: number }): Promise<LocalOfferListRow[]> {
  const rows = await db
    .selectFrom('local_offer')
    .selectAll()
    .where('municipality_code', '=', code)
    .orderBy(sql`(cancelled_at is null and ends_at > now())`, 'desc')
    .orderBy(sql`case when cancelled_at is null and ends_at > now() then starts_at end`, 'asc')
    .orderBy('starts_at', 'desc')
    .orderBy('id')
    .limit(options.limit)
    .offset(options.offset)
    .execute();
  const taken = await selectPlacesTaken(
    db,
    rows.map((row) => row.id),
  );
  return rows.map((row) => ({ ...row, taken: taken.get(row.id) ?? 0 }));
}

export async function selectLocalOffer(db: Executor, code: string, offerId: string, options: { lock?: boolean } = {}): Promise<LocalOfferRow | undefined> {
  let query = db.selectFrom('local_offer').selectAll().where('municipality_code', '=', code).where('id', '=', offerId);
  if (options.lock) query = query.forUpdate();
  return query.executeTakeFirst();
}

export async function insertLocalOffer(trx: Trx, code: string, input: LocalOfferInput, by: string): Promise<string> {
  const row = await trx
    .insertInto('local_offer')
    .values({ municipality_code: code, created_by: by, ...offerColumns(input) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateLocalOffer(trx: Trx, code: string, offerId: string, input: LocalOfferInput): Promise<boolean> {
  const result = await trx
    .updateTable('local_offer')
    .set({ ...offerColumns(input), updated_at: new Date() })
    .where('municipality_code', '=', code)
    .where('id', '=', offerId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function cancelLocalOffer(trx: Trx, code: string, offerId: string): Promise<void> {
  await trx
    .updateTable('local_offer')
    .set({ cancelled_at: new Date(), updated_at: new Date() })
    .where('municipality_code', '=', code)
    .where('id', '=', offerId)
    .where('cancelled_at', 'is', null)
    .execute();
}

export type SignupRow = { citizen_id: string; full_name: string | null; signed_up_at: Date; attended: boolean | null };

/**
 * Who signed up for an offer (names only), a page at a time. Inside withTenant for the municipality: row-level
 * security shows its own sign-ups and its own citizens; a citizen who has moved away keeps the place but is not named.
 */
export async function selectSignups(trx: Trx, code: string, offerId: string, options: { limit: number; offset: number }): Promise<SignupRow[]> {
  return trx
    .selectFrom('local_offer_signup as s')
    .leftJoin('citizen_identity as c', 'c.id', 's.citizen_id')
    .select(['s.citizen_id', 'c.full_name', 's.signed_up_at', 's.attended'])
    .where('s.municipality_code', '=', code)
    .where('s.offer_id', '=', offerId)
    .where('s.cancelled_at', 'is', null)
    .orderBy(sql`c.full_name collate "da-DK-x-icu"`)
    .orderBy('s.signed_up_at')
    .orderBy('s.citizen_id')
    .limit(options.limit)
    .offset(options.offset)
    .execute();
}

export type AttendanceCounts = { attended: number; absent: number; unrecorded: number };

/** How many of an offer's sign-ups (not cancelled) came, did not come, and are not recorded yet; inside withTenant. */
export async function selectAttendanceCounts(trx: Trx, code: string, offerId: string): Promise<AttendanceCounts> {
  const row = await trx
    .selectFrom('local_offer_signup')
    .select([
      sql<number>`count(*) filter (where attended)::int`.as('attended'),
      sql<number>`count(*) filter (where not attended)::int`.as('absent'),
      sql<number>`count(*) filter (where attended is null)::int`.as('unrecorded'),
    ])
    .where('municipality_code', '=', code)
    .where('offer_id', '=', offerId)
    .where('cancelled_at', 'is', null)
    .executeTakeFirstOrThrow();
  return row;
}

/**
 * Of the citizens given, those signed up (not cancelled) for the offer whom the municipality can name — the ones its
 * participant list lists by name; inside withTenant.
 */
export async function selectNamedSignups(trx: Trx, code: string, offerId: string, citizenIds: readonly string[]): Promise<string[]> {
  if (citizenIds.length === 0) return [];
  const rows = await trx
    .selectFrom('local_offer_signup as s')
    .innerJoin('citizen_identity as c', 'c.id', 's.citizen_id')
    .select('s.citizen_id')
    .where('s.municipality_code', '=', code)
    .where('s.offer_id', '=', offerId)
    .where('s.cancelled_at', 'is', null)
    .where('s.citizen_id', 'in', [...citizenIds])
    .execute();
  return rows.map((row) => row.citizen_id);
}

/**
 * Records who came (true) or not (false) for sign-ups (not cancelled) of the offer; a sign-up already recorded so is
 * left as it is, so its time and author stay. Returns the citizens whose attendance changed. Inside withTenant.
 */
export async function updateAttendance(
  trx: Trx,
  code: string,
  offerId: string,
  choices: readonly { citizenId: string; attended: boolean }[],
  by: string,
): Promise<string[]> {
  if (choices.length === 0) return [];
  const values = sql.join(choices.map((choice) => sql`(${choice.citizenId}::uuid, ${choice.attended}::boolean)`));
  const { rows } = await sql<{ citizen_id: string }>`
    update local_offer_signup s
    set attended = v.attended, attendance_recorded_at = now(), attendance_recorded_by = ${by}
    from (values ${values}) as v (citizen_id, attended)
    where s.municipality_code = ${code} and s.offer_id = ${offerId} and s.citizen_id = v.citizen_id
      and s.cancelled_at is null and s.attended is distinct from v.attended
    returning s.citizen_id`.execute(trx);
  return rows.map((row) => row.citizen_id);
}

// ---- Licences ----

export type LicenceRow = {
  id: string;
  listing_id: string;
  listing_name_da: string | null;
  listing_name_en: string | null;
  seats: number;
  seats_used: number;
  valid_from: string;
  valid_to: string;
  price_dkk: string;
  budget_holder: string;
  created_by: string;
  created_at: Date;
};

/** The municipality's licences: their terms, the period as 'YYYY-MM-DD'; inside withTenant (licences are its own). */
function licenceTerms(trx: Trx, code: string) {
  return trx
    .selectFrom('licence as l')
    .select([
      'l.id',
      'l.listing_id',
      'l.seats',
      'l.price_dkk',
      sql<string>`to_char(l.valid_from, 'YYYY-MM-DD')`.as('valid_from'),
      sql<string>`to_char(l.valid_to, 'YYYY-MM-DD')`.as('valid_to'),
    ])
    .where('l.municipality_code', '=', code);
}

/** Licences of the municipality with their seat use; inside withTenant (licences and seats are the municipality's own). */
function licenceQuery(trx: Trx, code: string) {
  return licenceTerms(trx, code).select([
    'l.budget_holder',
    'l.created_by',
    'l.created_at',
    sql<number>`(select count(*)::int from licence_seat s where s.licence_id = l.id)`.as('seats_used'),
    sql<
      string | null
    >`(select v.name_da from listing_version_brief v where v.listing_id = l.listing_id order by (v.status = 'approved') desc, v.version desc limit 1)`.as(
      'listing_name_da',
    ),
    sql<
      string | null
    >`(select v.name_en from listing_version_brief v where v.listing_id = l.listing_id order by (v.status = 'approved') desc, v.version desc limit 1)`.as(
      'listing_name_en',
    ),
  ]);
}

/** Seats first taken per licence and month, 'YYYY-MM', for the licences given; inside withTenant. */
export async function selectSeatsTakenByMonth(trx: Trx, code: string, licenceIds: string[]) {
  if (licenceIds.length === 0) return [];
  return trx
    .selectFrom('licence_seat')
    .select([
      'licence_id',
      sql<string>`to_char(first_launch_at at time zone 'Europe/Copenhagen', 'YYYY-MM')`.as('month'),
      sql<number>`count(*)::int`.as('seats'),
    ])
    .where('municipality_code', '=', code)
    .where('licence_id', 'in', licenceIds)
    .groupBy(['licence_id', sql`to_char(first_launch_at at time zone 'Europe/Copenhagen', 'YYYY-MM')`])
    .orderBy('licence_id')
    .orderBy(sql`2`)
    .execute();
}

/** The licences valid on some day of [from, to] (seats, price, period); inside withTenant. */
export async function selectLicencesValidIn(trx: Trx, code: string, from: string, to: string) {
  return licenceTerms(trx, code)
    .where('l.valid_from', '<=', sql<Date>`${to}::date`)
    .where('l.valid_to', '>=', sql<Date>`${from}::date`)
    .orderBy('l.valid_from')
    .orderBy('l.id')
    .limit(200)
    .execute();
}

/** Licences in force or to come first (ending soonest first), then expired ones (latest first). */
export async function selectLicences(trx: Trx, code: string, options: { today: string; limit: number; offset: number }): Promise<LicenceRow[]> {
  return licenceQuery(trx, code)
    .orderBy(sql`l.valid_to >= ${options.today}::date`, 'desc')
    .orderBy(sql`case when l.valid_to >= ${options.today}::date then l.valid_to end`, 'asc')
    .orderBy('l.valid_to', 'desc')
    .orderBy('l.id')
    .limit(options.limit)
    .offset(options.offset)
    .execute();
}

export async function selectLicence(trx: Trx, code: string, licenceId: string, options: { lock?: boolean } = {}): Promise<LicenceRow | undefined> {
  const query = licenceQuery(trx, code).where('l.id', '=', licenceId);
  return (options.lock ? query.forUpdate('l') : query).executeTakeFirst();
}

export async function selectLicencesOfListing(trx: Trx, code: string, listingId: string): Promise<LicenceRow[]> {
  return licenceQuery(trx, code).where('l.listing_id', '=', listingId).orderBy('l.valid_to', 'desc').execute();
}

function licenceColumns(input: LicenceInput) {
  return {
    listing_id: input.listingId,
    seats: input.seats,
    valid_from: input.validFrom,
    valid_to: input.validTo,
    price_dkk: input.priceDkk,
    budget_holder: input.budgetHolder,
  };
}

export async function insertLicence(trx: Trx, code: string, input: LicenceInput, by: string): Promise<string> {
  const row = await trx
    .insertInto('licence')
    .values({ municipality_code: code, created_by: by, ...licenceColumns(input) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateLicence(trx: Trx, code: string, licenceId: string, input: LicenceInput): Promise<boolean> {
  const result = await trx
    .updateTable('licence')
    .set(licenceColumns(input))
    .where('municipality_code', '=', code)
    .where('id', '=', licenceId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export type ListingChoiceRow = { listing_id: string; name_da: string | null; name_en: string | null };

/** Listings a municipality may record a licence for: those it has enabled. */
export async function selectEnabledListingChoices(db: Executor, code: string): Promise<ListingChoiceRow[]> {
  const { rows } = await sql<ListingChoiceRow>`
    select ml.listing_id, latest.name_da, latest.name_en
    from municipality_listing ml
    cross join lateral (select v.name_da, v.name_en from listing_version_brief v where v.listing_id = ml.listing_id
                        order by (v.status = 'approved') desc, v.version desc limit 1) latest
    where ml.municipality_code = ${code}
    order by latest.name_da collate "da-DK-x-icu", ml.listing_id`.execute(db);
  return rows;
}

// ---- Branding ----

export type BrandingRow = Omit<Selectable<MunicipalityBrandingTable>, 'logo'> & { has_logo: boolean };

/** A municipality's branding without the logo's bytes (public: what a municipality shows is public). */
export async function selectBranding(db: Executor, code: string): Promise<BrandingRow | undefined> {
  return db
    .selectFrom('municipality_branding')
    .select(['municipality_code', 'display_name', 'logo_type', 'logo_alt', 'contact_text_da', 'contact_text_en', 'updated_by', 'updated_at'])
    .select(sql<boolean>`logo is not null`.as('has_logo'))
    .where('municipality_code', '=', code)
    .executeTakeFirst();
}

export async function selectLogo(db: Executor, code: string): Promise<{ logo: Buffer; logo_type: 'image/png' | 'image/jpeg'; updated_at: Date } | undefined> {
  const row = await db.selectFrom('municipality_branding').select(['logo', 'logo_type', 'updated_at']).where('municipality_code', '=', code).executeTakeFirst();
  return row?.logo && row.logo_type ? { logo: row.logo, logo_type: row.logo_type, updated_at: row.updated_at } : undefined;
}

/** Saves the texts, and the logo when one is given (without one, the stored logo stays). */
export async function upsertBranding(
  trx: Trx,
  code: string,
  values: {
    display_name: string | null;
    contact_text_da: string | null;
    contact_text_en: string | null;
    logo_alt: string | null;
    logo?: { bytes: Buffer; type: 'image/png' | 'image/jpeg' } | undefined;
  },
  by: string,
): Promise<void> {
  const texts = {
    display_name: values.display_name,
    contact_text_da: values.contact_text_da,
    contact_text_en: values.contact_text_en,
    logo_alt: values.logo_alt,
  };
  const logo = values.logo ? { logo: values.logo.bytes, logo_type: values.logo.type } : {};
  await trx
    .insertInto('municipality_branding')
    .values({ municipality_code: code, ...texts, ...logo, updated_by: by })
    .onConflict((oc) => oc.column('municipality_code').doUpdateSet({ ...texts, ...logo, updated_by: by, updated_at: new Date() }))
    .execute();
}

export async function deleteLogo(trx: Trx, code: string, by: string): Promise<boolean> {
  const result = await trx
    .updateTable('municipality_branding')
    .set({ logo: null, logo_type: null, logo_alt: null, updated_by: by, updated_at: new Date() })
    .where('municipality_code', '=', code)
    .where('logo', 'is not', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
