// The municipal dashboard (/kommune/overblik) and governance's oversight (/faellesskab/overblik): what citizens used
// and finished, from the daily rollups (0080). A municipality's content owners and administrators see their own
// municipality (app.municipality); the national comparison and governance read every municipality (app.national),
// and a municipality is shown only the national medians, never another municipality's figures.
import type { Principal } from '../../platform/auth/principal.ts';
import type { Db } from '../../platform/db/database.ts';
import { withTenant, type Trx } from '../../platform/db/tenant.ts';
import { AppError } from '../../platform/errors.ts';
import { copenhagenDate } from '../../platform/time.ts';
import { listLicenceUse, type LicenceUse } from '../curation/index.ts';
import {
  selectEnabledListings,
  selectFunnelByGroup,
  selectFunnelByListing,
  selectFunnelByMunicipalityAndListing,
  selectFunnelTotal,
  selectLastLaunchMonths,
  selectListingInfo,
  selectLocalOfferSignUps,
  selectMunicipalityDaySums,
  selectReach,
  selectReachByMunicipality,
  selectReachByWeek,
  selectRefreshedAt,
  selectSearchTerms,
  selectTerms,
  type DayRange,
  type FunnelSums,
} from './dashboard.repository.ts';
import { statisticsPolicy } from './statistics.policy.ts';

export type { DayRange } from './dashboard.repository.ts';

/** The figures compared across periods and municipalities. */
export const figureKeys = [
  'reach',
  'screenings',
  'escalations',
  'searches',
  'searchesWithoutResults',
  'shown',
  'viewed',
  'launches',
  'starts',
  'completions',
  'completionRate',
  'drops',
  'ratings',
  'averageRating',
  'signUps',
  'attended',
] as const;
export type FigureKey = (typeof figureKeys)[number];
export type Figures = Record<FigureKey, number | null>;

/** A listing's funnel: shown → viewed → launched → started → completed (and dropped), with ratings and "not relevant". */
export type FunnelRow = {
  listingId: string;
  nameDa: string;
  nameEn: string;
  shown: number;
  viewed: number;
  launches: number;
  starts: number;
  completions: number;
  drops: number;
  completionRate: number | null;
  ratings: number;
  averageRating: number | null;
  dismissals: number;
};

export type Term = { code: string; nameDa: string; nameEn: string };

export type SearchTerm = { term: string; searches: number; withoutResults: number };

/** What a curator should look at: each kind with the listings or licences it concerns. */
/** A licence's use: seats taken of those bought, and what a completion cost in the period (the price spread over its days). */
export type LicenceFigures = {
  licenceId: string;
  listingId: string;
  nameDa: string;
  nameEn: string;
  validFrom: string;
  validTo: string;
  seats: number;
  seatsUsed: number;
  utilisation: number;
  priceDkk: number;
  completions: number;
  costPerCompletion: number | null;
  /** Seats taken by the end of each month with first launches, cumulative. */
  seatsOverTime: { month: string; seats: number }[];
};

export type Nudges = {
  unused: { listingId: string; nameDa: string; nameEn: string; enabledOn: string; lastLaunch: string | null }[];
  lowCompletion: { listingId: string; nameDa: string; nameEn: string; starts: number; completionRate: number; peerRate: number }[];
  idleSeats: LicenceFigures[];
};

export type Dashboard = {
  municipalityCode: string;
  period: DayRange & { days: number };
  previous: DayRange;
  filter: { targetGroup?: string | undefined; journeyStage?: string | undefined };
  figures: { current: Figures; previous: Figures; nationalMedian: Figures };
  reachByWeek: { week: string; citizens: number }[];
  funnel: { rows: FunnelRow[]; all: FunnelRow[]; total: number; page: number; pages: number; totals: FunnelRow };
  groups: { targetGroup: Term; journeyStage: Term; launches: number; starts: number; completions: number; completionRate: number | null }[];
  demand: {
    targetGroupsWithout: Term[];
    categoriesWithout: Term[];
    dismissed: FunnelRow[];
    /** Words searched at least MIN_SEARCHES_SHOWN times: the most searched, and the most often without results. */
    searched: SearchTerm[];
    withoutResults: SearchTerm[];
  };
  licences: LicenceFigures[];
  localOffers: {
    id: string;
    titleDa: string;
    titleEn: string;
    startsOn: string;
    capacity: number | null;
    signedUp: number;
    cancelled: number;
    attended: number;
    notAttended: number;
  }[];
  nudges: Nudges;
  terms: { targetGroups: Term[]; journeyStages: Term[] };
  refreshedAt: Date | null;
};

/** National figures of a period: per municipality, per listing, and the medians across municipalities. */
export type NationalFigures = {
  range: DayRange;
  byMunicipality: Map<string, Figures>;
  byListing: Map<string, FunnelSums>;
  launchesByMunicipalityAndListing: { municipality_code: string; listing_id: string; launches: number }[];
  /** Every listing with figures in the period: its names, vendor and categories. */
  listings: Map<string, ListingInfo>;
  medians: Figures;
};

export type ListingInfo = { nameDa: string; nameEn: string; vendorId: string; vendorName: string; categories: string[] };

/** Loads (or remembers) a period's national figures; the pages keep them in a cache forgotten when rollups change. */
export type NationalLoader = (range: DayRange) => Promise<NationalFigures>;

export const FUNNEL_PAGE_SIZE = 25;
export const DEFAULT_PERIOD_DAYS = 30;
export const MAX_PERIOD_DAYS = 366;
/** Seats "bought but idle": a licence in force for this many days with fewer than half its seats taken. */
export const IDLE_AFTER_DAYS = 30;
export const IDLE_BELOW_SHARE = 0.5;
/**
 * A searched word is shown only when searched this often in the period: a word typed by one or two citizens (a name, an
 * address) stays out of sight. The words are kept without who searched (0085).
 */
export const MIN_SEARCHES_SHOWN = 5;
export const SEARCH_TERMS_SHOWN = 20;
/** A listing enabled this long and not launched in as long is "unused". */
export const UNUSED_DAYS = 90;
/** Too few starts say nothing about a completion rate: below this a listing is neither compared nor a peer. */
export const MIN_STARTS_TO_COMPARE = 10;
/** "Far below" its peers: a completion rate under this share of the peers' median. */
export const FAR_BELOW_SHARE = 0.5;

const dayPattern = /^\d{4}-\d{2}-\d{2}$/;

function addDays(day: string, offset: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + offset);
  return date.toISOString().slice(0, 10);
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

function isCalendarDay(value: string): boolean {
  if (!dayPattern.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) return false;
  return new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) === value;
}

/**
 * The period asked for ('fra' and 'til', both included; the last 30 days to today when absent). Throws VALIDATION with
 * a message on the field that is wrong: not a date, the end before the start, or longer than a year.
 */
export function parsePeriod(input: { fra?: string | undefined; til?: string | undefined }, today = copenhagenDate()): DayRange & { days: number } {
  const to = input.til?.trim() || today;
  const from = input.fra?.trim() || addDays(to, -(DEFAULT_PERIOD_DAYS - 1));
  const errors: { field: string; message: 'statistics.dashboard.error.date' | 'statistics.dashboard.error.order' | 'statistics.dashboard.error.long' }[] = [];
  if (!isCalendarDay(from)) errors.push({ field: 'fra', message: 'statistics.dashboard.error.date' });
  if (!isCalendarDay(to)) errors.push({ field: 'til', message: 'statistics.dashboard.error.date' });
  if (errors.length === 0 && from > to) errors.push({ field: 'til', message: 'statistics.dashboard.error.order' });
  if (errors.length === 0 && daysBetween(from, to) > MAX_PERIOD_DAYS) errors.push({ field: 'fra', message: 'statistics.dashboard.error.long' });
  if (errors.length > 0) throw new AppError('VALIDATION', 'The period is not valid.', errors);
  return { from, to, days: daysBetween(from, to) };
}

/** The periods every dashboard reads national figures for: the default period and the nudges' last 90 days. */
export function standardRanges(today = copenhagenDate()): DayRange[] {
  const period = parsePeriod({}, today);
  return [
    { from: period.from, to: period.to },
    { from: addDays(today, -(UNUSED_DAYS - 1)), to: today },
  ];
}

/** The period of the same length just before. */
export function previousPeriod(period: DayRange & { days: number }): DayRange {
  return { from: addDays(period.from, -period.days), to: addDays(period.from, -1) };
}

const rate = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

function funnelRow(listingId: string, sums: FunnelSums, names: { nameDa: string; nameEn: string }): FunnelRow {
  return {
    listingId,
    ...names,
    shown: sums.shown,
    viewed: sums.viewed,
    launches: sums.launches,
    starts: sums.starts,
    completions: sums.completions,
    drops: sums.drops,
    completionRate: rate(sums.completions, sums.starts),
    ratings: sums.ratings,
    averageRating: rate(sums.rating_stars, sums.ratings),
    dismissals: sums.dismissals,
  };
}

const emptySums = (): FunnelSums => ({
  shown: 0,
  viewed: 0,
  launches: 0,
  starts: 0,
  completions: 0,
  drops: 0,
  events: 0,
  ratings: 0,
  rating_stars: 0,
  dismissals: 0,
});

function addSums(into: FunnelSums, from: FunnelSums): FunnelSums {
  for (const key of Object.keys(into) as (keyof FunnelSums)[]) into[key] += from[key];
  return into;
}

type DaySums = { screenings: number; escalations: number; sign_ups: number; searches: number; searches_without_results: number; attended: number };

function figuresOf(sums: FunnelSums, reach: number, day: DaySums | undefined): Figures {
  return {
    reach,
    screenings: day?.screenings ?? 0,
    escalations: day?.escalations ?? 0,
    searches: day?.searches ?? 0,
    searchesWithoutResults: day?.searches_without_results ?? 0,
    shown: sums.shown,
    viewed: sums.viewed,
    launches: sums.launches,
    starts: sums.starts,
    completions: sums.completions,
    completionRate: rate(sums.completions, sums.starts),
    drops: sums.drops,
    ratings: sums.ratings,
    averageRating: rate(sums.rating_stars, sums.ratings),
    signUps: day?.sign_ups ?? 0,
    attended: day?.attended ?? 0,
  };
}

/** The median of the values present (null when none). */
export function median(values: (number | null)[]): number | null {
  const present = values.filter((v): v is number => v !== null).sort((a, b) => a - b);
  if (present.length === 0) return null;
  const middle = Math.floor(present.length / 2);
  return present.length % 2 === 1 ? (present[middle] ?? null) : ((present[middle - 1] ?? 0) + (present[middle] ?? 0)) / 2;
}

async function municipalityFigures(trx: Trx, range: DayRange, code: string, funnel?: FunnelSums): Promise<Figures> {
  const [total, reach, days] = await Promise.all([
    funnel ?? selectFunnelTotal(trx, range, { municipalityCode: code }),
    selectReach(trx, range, code),
    selectMunicipalityDaySums(trx, range, code),
  ]);
  return figuresOf(total, reach, days[0]);
}

/**
 * A period's national figures, read across every municipality (app.national). Only the statistics service asks for
 * them: a municipality's dashboard shows their medians, governance's oversight all of them.
 */
export async function loadNationalFigures(db: Db, range: DayRange): Promise<NationalFigures> {
  return withTenant(db, { national: true }, async (trx) => {
    const [cells, reach, days] = await Promise.all([
      selectFunnelByMunicipalityAndListing(trx, range),
      selectReachByMunicipality(trx, range),
      selectMunicipalityDaySums(trx, range),
    ]);
    const funnelOf = new Map<string, FunnelSums>();
    const listingSums = new Map<string, FunnelSums>();
    for (const { municipality_code, listing_id, ...sums } of cells) {
      funnelOf.set(municipality_code, addSums(funnelOf.get(municipality_code) ?? emptySums(), sums));
      listingSums.set(listing_id, addSums(listingSums.get(listing_id) ?? emptySums(), sums));
    }
    const launches = cells
      .filter((c) => c.launches > 0)
      .map((c) => ({ municipality_code: c.municipality_code, listing_id: c.listing_id, launches: c.launches }));
    const reachOf = new Map(reach.map((r) => [r.municipality_code, r.citizens]));
    const daysOf = new Map(days.map((d) => [d.municipality_code, d]));
    const codes = new Set([...funnelOf.keys(), ...reachOf.keys(), ...daysOf.keys()]);
    const byMunicipality = new Map<string, Figures>();
    for (const code of codes) byMunicipality.set(code, figuresOf(funnelOf.get(code) ?? emptySums(), reachOf.get(code) ?? 0, daysOf.get(code)));
    const info = await selectListingInfo(trx, [...listingSums.keys()]);
    const all = [...byMunicipality.values()];
    const medians = Object.fromEntries(figureKeys.map((key) => [key, median(all.map((f) => f[key]))])) as Figures;
    return {
      range,
      byMunicipality,
      byListing: listingSums,
      launchesByMunicipalityAndListing: launches,
      listings: new Map(
        info.map((l) => [
          l.listing_id,
          { nameDa: l.name_da, nameEn: l.name_en ?? l.name_da, vendorId: l.vendor_id, vendorName: l.vendor_name, categories: l.categories },
        ]),
      ),
      medians,
    };
  });
}

const searchTerm = (w: { term: string; searches: number; without_results: number }): SearchTerm => ({
  term: w.term,
  searches: w.searches,
  withoutResults: w.without_results,
});

/** The code of the municipality the actor may see the dashboard of; FORBIDDEN for anyone else. */
function dashboardMunicipality(actor: Principal): string {
  const code = actor.municipality?.code;
  if (!code || !statisticsPolicy.can(actor, 'statistics.municipality', { municipalityCode: code }))
    throw new AppError('FORBIDDEN', 'Only the municipality’s content owners and administrators see its dashboard.');
  return code;
}

const asTerm = (t: { code: string; name_da: string; name_en: string }): Term => ({ code: t.code, nameDa: t.name_da, nameEn: t.name_en });
const unknownTerm: Term = { code: 'unknown', nameDa: 'Ukendt', nameEn: 'Unknown' };
const termsOfTaxonomy = (terms: { taxonomy: string; code: string; name_da: string; name_en: string }[]) => (taxonomy: string) =>
  terms.filter((t) => t.taxonomy === taxonomy).map(asTerm);
/** What the dashboard's form filters by: each target group and stage, and "unknown" (no screening or no visitation yet). */
const filterTerms = (termsOf: (taxonomy: string) => Term[]): Dashboard['terms'] => ({
  targetGroups: [...termsOf('target_group'), unknownTerm],
  journeyStages: [...termsOf('stage'), unknownTerm],
});

/**
 * The municipality's dashboard for a period: key figures against the previous period and the national median, reach
 * per week, the funnel per listing (a page of it, most launched first; optionally one target group's or stage's),
 * the funnel per target group and stage, demand signals, local offers' sign-ups and the curator's nudges.
 */
export async function getDashboard(
  db: Db,
  actor: Principal,
  request: { period: DayRange & { days: number }; targetGroup?: string | undefined; journeyStage?: string | undefined; page?: number | undefined },
  national: NationalLoader,
  today = copenhagenDate(),
): Promise<Dashboard> {
  const code = dashboardMunicipality(actor);
  const { period } = request;
  const previous = previousPeriod(period);
  const nudgeRange = { from: addDays(today, -(UNUSED_DAYS - 1)), to: today };
  const [nationalNow, nationalNudges, licenceUse] = await Promise.all([national(period), national(nudgeRange), listLicenceUse(db, actor, period)]);
  const filtered = request.targetGroup !== undefined || request.journeyStage !== undefined;
  const filter = { municipalityCode: code, targetGroup: request.targetGroup, journeyStage: request.journeyStage };
  return withTenant(db, { municipality: code }, async (trx) => {
    const everyGroup = await selectFunnelByListing(trx, period, { municipalityCode: code });
    const [current, before, reachByWeek, funnel, groups, enabled, terms, offers, recent, refreshedAt, searched] = await Promise.all([
      municipalityFigures(
        trx,
        period,
        code,
        everyGroup.reduce((acc, { listing_id: _id, ...sums }) => addSums(acc, sums), emptySums()),
      ),
      municipalityFigures(trx, previous, code),
      selectReachByWeek(trx, period, code),
      filtered ? selectFunnelByListing(trx, period, filter) : everyGroup,
      selectFunnelByGroup(trx, period, code),
      selectEnabledListings(trx, code),
      selectTerms(trx),
      selectLocalOfferSignUps(trx, period, code),
      selectFunnelByListing(trx, nudgeRange, { municipalityCode: code }),
      selectRefreshedAt(trx),
      selectSearchTerms(trx, period, code, { atLeast: MIN_SEARCHES_SHOWN, limit: SEARCH_TERMS_SHOWN }),
    ]);
    const info = await selectListingInfo(trx, [...new Set([...funnel.map((f) => f.listing_id), ...recent.map((f) => f.listing_id)])]);
    const names = new Map<string, { nameDa: string; nameEn: string; categories: string[] }>();
    for (const l of info) names.set(l.listing_id, { nameDa: l.name_da, nameEn: l.name_en ?? l.name_da, categories: l.categories });
    for (const l of enabled) names.set(l.listing_id, { nameDa: l.name_da, nameEn: l.name_en ?? l.name_da, categories: l.categories });
    const nameOf = (id: string) => names.get(id) ?? { nameDa: id, nameEn: id, categories: [] };

    const rows = funnel
      .map(({ listing_id, ...sums }) => funnelRow(listing_id, sums, nameOf(listing_id)))
      .sort((a, b) => b.launches - a.launches || b.starts - a.starts || a.nameDa.localeCompare(b.nameDa, 'da'));
    const pages = Math.max(1, Math.ceil(rows.length / FUNNEL_PAGE_SIZE));
    const page = Math.min(Math.max(1, request.page ?? 1), pages);
    const totals = funnelRow(
      'total',
      funnel.reduce((acc, { listing_id: _id, ...sums }) => addSums(acc, sums), emptySums()),
      { nameDa: '', nameEn: '' },
    );

    const termsOf = termsOfTaxonomy(terms);
    const targetGroups = termsOf('target_group');
    const journeyStages = termsOf('stage');
    const find = (list: Term[], codeOf: string) => list.find((t) => t.code === codeOf) ?? { ...unknownTerm, code: codeOf };
    const served = new Set(enabled.flatMap((l) => l.target_groups));
    const categoriesServed = new Set(enabled.flatMap((l) => l.categories));

    const unusedSince = addDays(today, -UNUSED_DAYS);
    const launchedRecently = new Set(recent.filter((r) => r.launches > 0).map((r) => r.listing_id));
    const unusedListings = enabled.filter((l) => l.enabled_on <= unusedSince && !launchedRecently.has(l.listing_id));
    const lastLaunches = await selectLastLaunchMonths(
      trx,
      code,
      unusedListings.map((l) => l.listing_id),
    );
    const lastLaunchOf = new Map(lastLaunches.map((l) => [l.listing_id, l.last_launch]));
    const unused = unusedListings
      .map((l) => ({ listingId: l.listing_id, ...nameOf(l.listing_id), enabledOn: l.enabled_on, lastLaunch: lastLaunchOf.get(l.listing_id) ?? null }))
      .sort((a, b) => a.nameDa.localeCompare(b.nameDa, 'da'));

    const completionsOf = new Map(funnel.map((f) => [f.listing_id, f.completions]));
    const licences = licenceUse.map((l) => licenceFigures(l, nameOf(l.listing_id), period, completionsOf.get(l.listing_id) ?? 0));
    return {
      municipalityCode: code,
      period,
      previous,
      filter: { targetGroup: request.targetGroup, journeyStage: request.journeyStage },
      figures: { current, previous: before, nationalMedian: nationalNow.medians },
      reachByWeek,
      funnel: { rows: rows.slice((page - 1) * FUNNEL_PAGE_SIZE, page * FUNNEL_PAGE_SIZE), all: rows, total: rows.length, page, pages, totals },
      groups: groups
        .map((g) => ({
          targetGroup: find(targetGroups, g.target_group),
          journeyStage: find(journeyStages, g.journey_stage),
          launches: g.launches,
          starts: g.starts,
          completions: g.completions,
          completionRate: rate(g.completions, g.starts),
        }))
        .sort((a, b) => b.launches - a.launches),
      demand: {
        targetGroupsWithout: targetGroups.filter((t) => !served.has(t.code)),
        categoriesWithout: termsOf('category').filter((c) => !categoriesServed.has(c.code)),
        dismissed: rows.filter((r) => r.dismissals > 0).sort((a, b) => b.dismissals - a.dismissals),
        searched: searched
          .map(searchTerm)
          .sort((a, b) => b.searches - a.searches || a.term.localeCompare(b.term, 'da'))
          .slice(0, SEARCH_TERMS_SHOWN),
        withoutResults: searched
          .filter((w) => w.without_results >= MIN_SEARCHES_SHOWN)
          .map(searchTerm)
          .sort((a, b) => b.withoutResults - a.withoutResults || a.term.localeCompare(b.term, 'da'))
          .slice(0, SEARCH_TERMS_SHOWN),
      },
      licences,
      localOffers: offers.map((o) => ({
        id: o.id,
        titleDa: o.title_da,
        titleEn: o.title_en ?? o.title_da,
        startsOn: o.starts_on,
        capacity: o.capacity,
        signedUp: o.signed_up,
        cancelled: o.cancelled,
        attended: o.attended,
        notAttended: o.not_attended,
      })),
      nudges: {
        unused,
        lowCompletion: lowCompletion(
          recent.map(({ listing_id, ...sums }) => ({ listingId: listing_id, sums, ...nameOf(listing_id) })),
          nationalNudges.byListing,
          (id) => nationalNudges.listings.get(id)?.categories ?? nameOf(id).categories,
        ),
        idleSeats: licences.filter((l) => l.validFrom <= addDays(today, -IDLE_AFTER_DAYS) && l.validTo >= today && l.utilisation < IDLE_BELOW_SHARE),
      },
      terms: filterTerms(termsOf),
      refreshedAt,
    };
  });
}

/** The target groups and journey stages the dashboard filters by (with "unknown"), for its form. */
export async function getDashboardTerms(db: Db, actor: Principal): Promise<Dashboard['terms']> {
  const code = dashboardMunicipality(actor);
  const terms = await withTenant(db, { municipality: code }, (trx) => selectTerms(trx));
  return filterTerms(termsOfTaxonomy(terms));
}

/**
 * A licence's figures for the period: seats taken (cumulative by month), and the cost of a completion — the licence's
 * price spread evenly over its days, the share of those days inside the period, divided by the listing's completions
 * in the period (null without completions).
 */
export function licenceFigures(licence: LicenceUse, names: { nameDa: string; nameEn: string }, period: DayRange, completions: number): LicenceFigures {
  const licenceDays = daysBetween(licence.valid_from, licence.valid_to);
  const overlapFrom = licence.valid_from > period.from ? licence.valid_from : period.from;
  const overlapTo = licence.valid_to < period.to ? licence.valid_to : period.to;
  const overlap = overlapFrom <= overlapTo ? daysBetween(overlapFrom, overlapTo) : 0;
  const price = Number(licence.price_dkk);
  let running = 0;
  return {
    licenceId: licence.id,
    listingId: licence.listing_id,
    nameDa: names.nameDa,
    nameEn: names.nameEn,
    validFrom: licence.valid_from,
    validTo: licence.valid_to,
    seats: licence.seats,
    seatsUsed: licence.seatsByMonth.reduce((n, m) => n + m.seats, 0),
    utilisation: licence.seats > 0 ? licence.seatsByMonth.reduce((n, m) => n + m.seats, 0) / licence.seats : 0,
    priceDkk: price,
    completions,
    costPerCompletion: completions > 0 && overlap > 0 ? (price * overlap) / licenceDays / completions : null,
    seatsOverTime: licence.seatsByMonth.map((m) => ({ month: m.month, seats: (running += m.seats) })),
  };
}

/**
 * Listings whose completion rate is far below their peers': the median rate of the listings sharing a category with
 * them nationally (each with enough starts to say something; at least three peers).
 */
export function lowCompletion(
  own: { listingId: string; nameDa: string; nameEn: string; sums: FunnelSums }[],
  nationalByListing: Map<string, FunnelSums>,
  categoriesOf: (listingId: string) => string[],
): Nudges['lowCompletion'] {
  const rateOf = new Map<string, number>();
  for (const [id, sums] of nationalByListing) if (sums.starts >= MIN_STARTS_TO_COMPARE) rateOf.set(id, sums.completions / sums.starts);
  const flagged: Nudges['lowCompletion'] = [];
  for (const listing of own) {
    if (listing.sums.starts < MIN_STARTS_TO_COMPARE) continue;
    const categories = new Set(categoriesOf(listing.listingId));
    const peers = [...rateOf].filter(([id]) => id !== listing.listingId && categoriesOf(id).some((c) => categories.has(c))).map(([, r]) => r);
    const peerRate = peers.length >= 3 ? median(peers) : null;
    const own = listing.sums.completions / listing.sums.starts;
    if (peerRate !== null && own < peerRate * FAR_BELOW_SHARE)
      flagged.push({
        listingId: listing.listingId,
        nameDa: listing.nameDa,
        nameEn: listing.nameEn,
        starts: listing.sums.starts,
        completionRate: own,
        peerRate,
      });
  }
  return flagged.sort((a, b) => a.completionRate - b.completionRate);
}
