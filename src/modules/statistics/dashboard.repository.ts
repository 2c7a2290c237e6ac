// The SQL of the municipal dashboard and governance's oversight: sums and distinct counts over the daily rollups
// (0080), never over raw events. Every function runs inside withTenant: a municipality's rows under app.municipality,
// every municipality's under app.national (row-level security decides which rows a query sees).
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import type { Trx } from '../../platform/db/tenant.ts';
import type { StatisticsListingDayTable } from './statistics.tables.ts';

/** A period of Copenhagen calendar days, both ends included, as 'YYYY-MM-DD'. */
export type DayRange = { from: string; to: string };

/** The funnel's sums for one group of rows. */
export type FunnelSums = Pick<
  StatisticsListingDayTable,
  'launches' | 'starts' | 'completions' | 'drops' | 'events' | 'ratings' | 'rating_stars' | 'dismissals'
>;

const sums = [
  sql<number>`coalesce(sum(launches), 0)::int`.as('launches'),
  sql<number>`coalesce(sum(starts), 0)::int`.as('starts'),
  sql<number>`coalesce(sum(completions), 0)::int`.as('completions'),
  sql<number>`coalesce(sum(drops), 0)::int`.as('drops'),
  sql<number>`coalesce(sum(events), 0)::int`.as('events'),
  sql<number>`coalesce(sum(ratings), 0)::int`.as('ratings'),
  sql<number>`coalesce(sum(rating_stars), 0)::int`.as('rating_stars'),
  sql<number>`coalesce(sum(dismissals), 0)::int`.as('dismissals'),
] as const;

const day = (value: string) => sql<Date>`${value}::date`;

/** The listing rows of a period, one municipality's or (national) all the tenant sees, optionally one group's. */
function listingDays(trx: Trx, range: DayRange, filter: { municipalityCode?: string; targetGroup?: string; journeyStage?: string }) {
  let query = trx.selectFrom('statistics_listing_day').where('day', '>=', day(range.from)).where('day', '<=', day(range.to));
  if (filter.municipalityCode !== undefined) query = query.where('municipality_code', '=', filter.municipalityCode);
  if (filter.targetGroup !== undefined) query = query.where('target_group', '=', filter.targetGroup);
  if (filter.journeyStage !== undefined) query = query.where('journey_stage', '=', filter.journeyStage);
  return query;
}

/** The funnel per listing for the period (one municipality's, or every one the tenant sees). */
export async function selectFunnelByListing(
  trx: Trx,
  range: DayRange,
  filter: { municipalityCode?: string; targetGroup?: string; journeyStage?: string },
): Promise<(FunnelSums & { listing_id: string })[]> {
  return listingDays(trx, range, filter)
    .select(['listing_id', ...sums])
    .groupBy('listing_id')
    .execute();
}

/** The funnel per municipality for the period (national). */
export async function selectFunnelByMunicipality(trx: Trx, range: DayRange): Promise<(FunnelSums & { municipality_code: string })[]> {
  return listingDays(trx, range, {})
    .select(['municipality_code', ...sums])
    .groupBy('municipality_code')
    .execute();
}

/** Launches per municipality and listing for the period (national): the concentration of use. */
export async function selectLaunchesByMunicipalityAndListing(trx: Trx, range: DayRange) {
  return listingDays(trx, range, {})
    .select(['municipality_code', 'listing_id', sql<number>`sum(launches)::int`.as('launches')])
    .groupBy(['municipality_code', 'listing_id'])
    .having(sql`sum(launches)`, '>', 0)
    .execute();
}

/** The funnel per target group and journey stage for the period. */
export async function selectFunnelByGroup(trx: Trx, range: DayRange, municipalityCode: string) {
  return listingDays(trx, range, { municipalityCode })
    .select(['target_group', 'journey_stage', ...sums])
    .groupBy(['target_group', 'journey_stage'])
    .execute();
}

/** Distinct citizens active in the period in the municipality. */
export async function selectReach(trx: Trx, range: DayRange, municipalityCode: string): Promise<number> {
  const row = await trx
    .selectFrom('statistics_citizen_day')
    .select(sql<number>`count(distinct citizen_id)::int`.as('citizens'))
    .where('municipality_code', '=', municipalityCode)
    .where('day', '>=', day(range.from))
    .where('day', '<=', day(range.to))
    .executeTakeFirstOrThrow();
  return row.citizens;
}

/** Distinct citizens active in the period per municipality (national). */
export async function selectReachByMunicipality(trx: Trx, range: DayRange) {
  return trx
    .selectFrom('statistics_citizen_day')
    .select(['municipality_code', sql<number>`count(distinct citizen_id)::int`.as('citizens')])
    .where('day', '>=', day(range.from))
    .where('day', '<=', day(range.to))
    .groupBy('municipality_code')
    .execute();
}

/** Distinct citizens active per week (Monday first, within the period) in the municipality. */
export async function selectReachByWeek(trx: Trx, range: DayRange, municipalityCode: string) {
  return trx
    .selectFrom('statistics_citizen_day')
    .select([sql<string>`to_char(date_trunc('week', day), 'YYYY-MM-DD')`.as('week'), sql<number>`count(distinct citizen_id)::int`.as('citizens')])
    .where('municipality_code', '=', municipalityCode)
    .where('day', '>=', day(range.from))
    .where('day', '<=', day(range.to))
    .groupBy(sql`date_trunc('week', day)`)
    .orderBy(sql`date_trunc('week', day)`)
    .execute();
}

/** Screenings, escalations and sign-ups in the period, per municipality (one, or every one the tenant sees). */
export async function selectMunicipalityDaySums(trx: Trx, range: DayRange, municipalityCode?: string) {
  let query = trx
    .selectFrom('statistics_municipality_day')
    .select([
      'municipality_code',
      sql<number>`sum(screenings)::int`.as('screenings'),
      sql<number>`sum(escalations)::int`.as('escalations'),
      sql<number>`sum(escalations_closed)::int`.as('escalations_closed'),
      sql<number>`sum(sign_ups)::int`.as('sign_ups'),
      sql<number>`sum(sign_ups_cancelled)::int`.as('sign_ups_cancelled'),
    ])
    .where('day', '>=', day(range.from))
    .where('day', '<=', day(range.to))
    .groupBy('municipality_code');
  if (municipalityCode !== undefined) query = query.where('municipality_code', '=', municipalityCode);
  return query.execute();
}

/** The last day each listing was launched in the municipality (any time), for "enabled but unused". */
export async function selectLastLaunchDays(trx: Trx, municipalityCode: string) {
  return trx
    .selectFrom('statistics_listing_day')
    .select(['listing_id', sql<string>`to_char(max(day), 'YYYY-MM-DD')`.as('last_launch')])
    .where('municipality_code', '=', municipalityCode)
    .where('launches', '>', 0)
    .groupBy('listing_id')
    .execute();
}

/** The listings the municipality has enabled, with when, their live name and the categories and target groups they serve. */
export async function selectEnabledListings(trx: Trx, municipalityCode: string) {
  return trx
    .selectFrom('municipality_offer_listing as m')
    .leftJoin('listing_live as l', 'l.listing_id', 'm.listing_id')
    .innerJoin('listing_name as n', 'n.listing_id', 'm.listing_id')
    .select([
      'm.listing_id',
      sql<string>`to_char(m.enabled_at at time zone 'Europe/Copenhagen', 'YYYY-MM-DD')`.as('enabled_on'),
      'n.name_da',
      'l.name_en',
      sql<string[]>`coalesce(l.categories, '{}')`.as('categories'),
      sql<string[]>`coalesce(l.target_groups, '{}')`.as('target_groups'),
    ])
    .where('m.municipality_code', '=', municipalityCode)
    .execute();
}

/** Names, vendor and categories of the given listings (live name first, the newest named version otherwise). */
export async function selectListingInfo(trx: Trx, listingIds: string[]) {
  if (listingIds.length === 0) return [];
  return trx
    .selectFrom('listing_name as n')
    .innerJoin('listing_owner as o', 'o.listing_id', 'n.listing_id')
    .innerJoin('vendor_profile as v', 'v.id', 'o.vendor_id')
    .leftJoin('listing_live as l', 'l.listing_id', 'n.listing_id')
    .select(['n.listing_id', 'n.name_da', 'l.name_en', 'o.vendor_id', 'v.name as vendor_name', sql<string[]>`coalesce(l.categories, '{}')`.as('categories')])
    .where('n.listing_id', 'in', listingIds)
    .execute();
}

/** The catalogue's target groups and service categories, in its order. */
export async function selectTerms(trx: Trx) {
  return trx
    .selectFrom('taxonomy_term')
    .select(['taxonomy', 'code', 'name_da', 'name_en'])
    .where('taxonomy', 'in', ['target_group', 'category', 'stage'])
    .orderBy('sort')
    .orderBy('code')
    .execute();
}

/** The municipality's local offers that took place or take place in the period, with sign-ups kept and cancelled. */
export async function selectLocalOfferSignUps(trx: Trx, range: DayRange, municipalityCode: string) {
  return trx
    .selectFrom('municipality_offer_local_offer as o')
    .select([
      'o.id',
      'o.title_da',
      'o.title_en',
      'o.capacity',
      sql<string>`to_char(o.starts_at at time zone 'Europe/Copenhagen', 'YYYY-MM-DD')`.as('starts_on'),
      sql<number>`(select count(*)::int from municipality_offer_sign_up s where s.offer_id = o.id and s.cancelled_at is null)`.as('signed_up'),
      sql<number>`(select count(*)::int from municipality_offer_sign_up s where s.offer_id = o.id and s.cancelled_at is not null)`.as('cancelled'),
    ])
    .where('o.municipality_code', '=', municipalityCode)
    .where(sql<boolean>`(o.starts_at at time zone 'Europe/Copenhagen')::date between ${range.from}::date and ${range.to}::date`)
    .orderBy('o.starts_at')
    .limit(100)
    .execute();
}

/** The municipalities' names, by code. */
export async function selectMunicipalities(trx: Trx) {
  return trx.selectFrom('municipality_name').select(['code', 'name']).orderBy('name').execute();
}

/** When the rollups last looked for changes. */
export async function selectRefreshedAt(trx: Trx): Promise<Date | null> {
  const row = await trx.selectFrom('statistics_refresh_state').select('day_watermark').executeTakeFirst();
  return row?.day_watermark ?? null;
}

/** Recomputes the daily rollups (see statistics_refresh_days, 0080); returns the days recomputed as 'YYYY-MM-DD'. */
export async function refreshDays(db: Db, all: boolean, days?: string[]): Promise<string[]> {
  const { rows } = await sql<{
    day: string;
  }>`select to_char(d, 'YYYY-MM-DD') as day from statistics_refresh_days(${all}, ${days ?? null}::date[]) as d`.execute(db);
  return rows.map((row) => row.day);
}
