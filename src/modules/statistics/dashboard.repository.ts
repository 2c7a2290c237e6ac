// The SQL of the municipal dashboard and governance's oversight: sums and distinct counts over the daily rollups
// (0080), never over raw events. Every function runs inside withTenant: a municipality's rows under app.municipality,
// every municipality's under app.national (row-level security decides which rows a query sees).
import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import type { Trx } from '../../platform/db/tenant.ts';
import type { StatisticsListingDayTable } from './statistics.tables.ts';

/** A period of Copenhagen calendar days, both ends included, as 'YYYY-MM-DD'. */
export type DayRange = { from: string; to: string };

/** The funnel's sums for one group of rows. */
export type FunnelSums = Pick<
  StatisticsListingDayTable,
  'shown' | 'viewed' | 'launches' | 'starts' | 'completions' | 'drops' | 'events' | 'ratings' | 'rating_stars' | 'dismissals'
>;

const day = (value: string) => sql<Date>`${value}::date`;

function shift(dayText: string, days: number): string {
  const date = new Date(`${dayText}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

const firstOfMonth = (dayText: string) => `${dayText.slice(0, 8)}01`;
const firstOfNextMonth = (dayText: string) => {
  const date = new Date(`${firstOfMonth(dayText)}T00:00:00Z`);
  date.setUTCMonth(date.getUTCMonth() + 1);
  return date.toISOString().slice(0, 10);
};

/**
 * A period as the whole months inside it (read from the month tables) and the days before and after them (read from
 * the day tables): a year costs twelve months' rows and a few days', not 365 days'.
 */
export function splitPeriod(range: DayRange): { days: DayRange[]; months: DayRange | null } {
  const firstWhole = range.from === firstOfMonth(range.from) ? range.from : firstOfNextMonth(range.from);
  const afterLastWhole = firstOfNextMonth(range.to) === shift(range.to, 1) ? shift(range.to, 1) : firstOfMonth(range.to);
  if (firstWhole >= afterLastWhole) return { days: [range], months: null };
  const days: DayRange[] = [];
  if (range.from < firstWhole) days.push({ from: range.from, to: shift(firstWhole, -1) });
  if (afterLastWhole <= range.to) days.push({ from: afterLastWhole, to: range.to });
  return { days, months: { from: firstWhole, to: firstOfMonth(shift(afterLastWhole, -1)) } };
}

const dayBetween = (r: DayRange) => sql<boolean>`day between ${r.from}::date and ${r.to}::date`;
const monthBetween = (months: DayRange) => sql<boolean>`month between ${months.from}::date and ${months.to}::date`;

/**
 * A period's rows as one SELECT per day range and one for the whole months, joined by `union all`:
 * each is an index range scan, where one condition ORing the ranges made PostgreSQL read every day between them.
 */
function periodRows(
  parts: { days: DayRange[]; months: DayRange | null },
  fromDays: (inRange: RawBuilder<boolean>) => RawBuilder<unknown>,
  fromMonths: (inRange: RawBuilder<boolean>) => RawBuilder<unknown>,
) {
  const branches = [...parts.days.map((r) => fromDays(dayBetween(r))), ...(parts.months ? [fromMonths(monthBetween(parts.months))] : [])];
  return branches.length > 0 ? sql.join(branches, sql` union all `) : fromDays(sql<boolean>`false`);
}

type FunnelFilter = {
  municipalityCode?: string | undefined;
  targetGroup?: string | undefined;
  journeyStage?: string | undefined;
};
type FunnelKey = 'listing_id' | 'municipality_code' | 'target_group' | 'journey_stage';

/**
 * The funnel's sums over the period grouped by `keys`, from the month tier for whole months and the day tier for the
 * rest; from the totals over groups and stages (0087) when neither a key nor the filter asks for a group or stage.
 */
async function funnelSums<K extends FunnelKey>(trx: Trx, range: DayRange, filter: FunnelFilter, keys: K[]): Promise<(FunnelSums & Record<K, string>)[]> {
  const parts = splitPeriod(range);
  const byGroup = filter.targetGroup !== undefined || filter.journeyStage !== undefined || keys.some((k) => k === 'target_group' || k === 'journey_stage');
  const [dayTable, monthTable] = byGroup
    ? [sql.table('statistics_listing_day'), sql.table('statistics_listing_month')]
    : [sql.table('statistics_listing_total_day'), sql.table('statistics_listing_total_month')];
  const conditions = [
    filter.municipalityCode !== undefined ? sql`municipality_code = ${filter.municipalityCode}` : sql`true`,
    filter.targetGroup !== undefined ? sql`${sql.ref('target_group')} = ${filter.targetGroup}` : sql`true`,
    filter.journeyStage !== undefined ? sql`${sql.ref('journey_stage')} = ${filter.journeyStage}` : sql`true`,
  ];
  const where = sql.join(conditions, sql` and `);
  const columns = sql.raw('shown, viewed, launches, starts, completions, drops, events, ratings, rating_stars, dismissals');
  const keyList = keys.length > 0 ? sql.join(keys.map((k) => sql.ref(k))) : sql``;
  const select = keys.length > 0 ? sql`${keyList}, ` : sql``;
  const groupBy = keys.length > 0 ? sql`group by ${keyList}` : sql``;
  const { rows } = await sql<FunnelSums & Record<K, string>>`
    select ${select}coalesce(sum(shown), 0)::int as shown, coalesce(sum(viewed), 0)::int as viewed, coalesce(sum(launches), 0)::int as launches, coalesce(sum(starts), 0)::int as starts,
           coalesce(sum(completions), 0)::int as completions, coalesce(sum(drops), 0)::int as drops,
           coalesce(sum(events), 0)::int as events, coalesce(sum(ratings), 0)::int as ratings,
           coalesce(sum(rating_stars), 0)::int as rating_stars, coalesce(sum(dismissals), 0)::int as dismissals
      from (${periodRows(
        parts,
        (inRange) => sql`select ${select}${columns} from ${dayTable} where ${where} and ${inRange}`,
        (inRange) => sql`select ${select}${columns} from ${monthTable} where ${where} and ${inRange}`,
      )}) r
     ${groupBy}`.execute(trx);
  return rows;
}

/** The funnel per listing for the period (one municipality's, or every one the tenant sees). */
export async function selectFunnelByListing(trx: Trx, range: DayRange, filter: FunnelFilter): Promise<(FunnelSums & { listing_id: string })[]> {
  return funnelSums(trx, range, filter, ['listing_id']);
}

/** The funnel's totals for the period (of one municipality or group, as the filter says). */
export async function selectFunnelTotal(trx: Trx, range: DayRange, filter: FunnelFilter): Promise<FunnelSums> {
  const [row] = await funnelSums(trx, range, filter, []);
  return row ?? { shown: 0, viewed: 0, launches: 0, starts: 0, completions: 0, drops: 0, events: 0, ratings: 0, rating_stars: 0, dismissals: 0 };
}

/** The funnel per municipality and listing for the period (national): one scan gives both margins and the concentration. */
export async function selectFunnelByMunicipalityAndListing(
  trx: Trx,
  range: DayRange,
): Promise<(FunnelSums & { municipality_code: string; listing_id: string })[]> {
  return funnelSums(trx, range, {}, ['municipality_code', 'listing_id']);
}

/** The funnel per target group and journey stage for the period. */
export async function selectFunnelByGroup(trx: Trx, range: DayRange, municipalityCode: string) {
  return funnelSums(trx, range, { municipalityCode }, ['target_group', 'journey_stage']);
}

/**
 * The citizens active in the period (their days outside whole months, and the whole months), one municipality's or
 * all; a citizen appears once per day or month, so count them distinct.
 */
function activeCitizens(range: DayRange, municipalityCode?: string) {
  const parts = splitPeriod(range);
  const municipality = municipalityCode !== undefined ? sql`municipality_code = ${municipalityCode}` : sql`true`;
  return periodRows(
    parts,
    (inRange) => sql`select municipality_code, citizen_id from statistics_citizen_day where ${municipality} and ${inRange}`,
    (inRange) => sql`select municipality_code, citizen_id from statistics_citizen_month where ${municipality} and ${inRange}`,
  );
}

/** Distinct citizens active in the period in the municipality. */
export async function selectReach(trx: Trx, range: DayRange, municipalityCode: string): Promise<number> {
  const { rows } = await sql<{
    citizens: number;
  }>`select count(distinct citizen_id)::int as citizens from (${activeCitizens(range, municipalityCode)}) c`.execute(trx);
  return rows[0]?.citizens ?? 0;
}

/** Distinct citizens active in the period per municipality (national). */
export async function selectReachByMunicipality(trx: Trx, range: DayRange) {
  const { rows } = await sql<{ municipality_code: string; citizens: number }>`
    select municipality_code, count(distinct citizen_id)::int as citizens from (${activeCitizens(range)}) c group by municipality_code`.execute(trx);
  return rows;
}

/**
 * Distinct citizens active per week (Monday first) in the municipality: whole weeks inside the period from the week
 * table, the first and last weeks, cut by the period, counted from the days.
 */
export async function selectReachByWeek(trx: Trx, range: DayRange, municipalityCode: string) {
  const weekday = (new Date(`${range.from}T00:00:00Z`).getUTCDay() + 6) % 7;
  const firstWhole = weekday === 0 ? range.from : shift(range.from, 7 - weekday);
  const endWeekday = (new Date(`${range.to}T00:00:00Z`).getUTCDay() + 6) % 7;
  const lastWholeStart = endWeekday === 6 ? shift(range.to, -6) : shift(range.to, -endWeekday - 7);
  const whole = firstWhole <= lastWholeStart;
  const edges: DayRange[] = whole
    ? [
        ...(range.from < firstWhole ? [{ from: range.from, to: shift(firstWhole, -1) }] : []),
        ...(shift(lastWholeStart, 7) <= range.to ? [{ from: shift(lastWholeStart, 7), to: range.to }] : []),
      ]
    : [range];
  const { rows } = await sql<{ week: string; citizens: number }>`
    select to_char(week, 'YYYY-MM-DD') as week, citizens from statistics_reach_week
     where municipality_code = ${municipalityCode} and ${whole ? sql`week between ${firstWhole}::date and ${lastWholeStart}::date` : sql`false`}
    union all
    select to_char(date_trunc('week', day), 'YYYY-MM-DD'), count(distinct citizen_id)::int
      from (${periodRows(
        { days: edges, months: null },
        (inRange) => sql`select day, citizen_id from statistics_citizen_day where municipality_code = ${municipalityCode} and ${inRange}`,
        () => sql`select null::date, null::uuid where false`,
      )}) e
     group by date_trunc('week', day)
    order by 1`.execute(trx);
  return rows;
}

/**
 * The words searched for in the period in the municipality, each with its searches and those without results: the
 * `limit` most searched and the `limit` most often without results, each only when searched at least `atLeast` times.
 */
export async function selectSearchTerms(trx: Trx, range: DayRange, municipalityCode: string, options: { atLeast: number; limit: number }) {
  const parts = splitPeriod(range);
  const { rows } = await sql<{ term: string; searches: number; without_results: number }>`
    with terms as (
      select term, sum(searches)::int as searches, sum(without_results)::int as without_results
        from (${periodRows(
          parts,
          (inRange) => sql`select term, searches, without_results from statistics_search_day where municipality_code = ${municipalityCode} and ${inRange}`,
          (inRange) => sql`select term, searches, without_results from statistics_search_month where municipality_code = ${municipalityCode} and ${inRange}`,
        )}) t
       group by term
      having sum(searches) >= ${options.atLeast})
    (select term, searches, without_results from terms order by searches desc, term limit ${options.limit})
    union
    (select term, searches, without_results from terms where without_results >= ${options.atLeast} order by without_results desc, term limit ${options.limit})`.execute(
    trx,
  );
  return rows;
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
      sql<number>`sum(searches)::int`.as('searches'),
      sql<number>`sum(searches_without_results)::int`.as('searches_without_results'),
      sql<number>`sum(attended)::int`.as('attended'),
      sql<number>`sum(not_attended)::int`.as('not_attended'),
    ])
    .where('day', '>=', day(range.from))
    .where('day', '<=', day(range.to))
    .groupBy('municipality_code');
  if (municipalityCode !== undefined) query = query.where('municipality_code', '=', municipalityCode);
  return query.execute();
}

/** The last month each listing was launched in the municipality (any time), as 'YYYY-MM'. */
export async function selectLastLaunchMonths(trx: Trx, municipalityCode: string, listingIds: string[]) {
  if (listingIds.length === 0) return [];
  return trx
    .selectFrom('statistics_listing_total_month')
    .select(['listing_id', sql<string>`to_char(max(month), 'YYYY-MM')`.as('last_launch')])
    .where('municipality_code', '=', municipalityCode)
    .where('listing_id', 'in', listingIds)
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
      sql<number>`(select count(*)::int from municipality_offer_sign_up s where s.offer_id = o.id and s.cancelled_at is null and s.attended)`.as('attended'),
      sql<number>`(select count(*)::int from municipality_offer_sign_up s where s.offer_id = o.id and s.cancelled_at is null and not s.attended)`.as(
        'not_attended',
      ),
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

/** Recomputes the month tier for the months and weeks of `days`, or all of it (statistics_refresh_months, 0082). */
export async function refreshMonths(db: Db, all: boolean, days: string[]): Promise<void> {
  await sql`select statistics_refresh_months(${all}, ${days}::date[])`.execute(db);
}

/** Recomputes the totals over groups and stages for `days` and their months, or all of them (statistics_refresh_totals, 0087). */
export async function refreshTotals(db: Db, all: boolean, days: string[]): Promise<void> {
  await sql`select statistics_refresh_totals(${all}, ${days}::date[])`.execute(db);
}

/** Recomputes the daily rollups (see statistics_refresh_days, 0080); returns the days recomputed as 'YYYY-MM-DD'. */
export async function refreshDays(db: Db, all: boolean, days?: string[]): Promise<string[]> {
  const { rows } = await sql<{
    day: string;
  }>`select to_char(d, 'YYYY-MM-DD') as day from statistics_refresh_days(${all}, ${days ?? null}::date[]) as d`.execute(db);
  return rows.map((row) => row.day);
}
