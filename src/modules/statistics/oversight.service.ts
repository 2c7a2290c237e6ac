// Governance's oversight (/faellesskab/overblik): national figures per vendor and listing, outcomes compared across
// municipalities, how concentrated use is (the share of launches the five most launched listings take), and flags on
// listings whose completion or rating falls far below their peers', each the basis of a review.
import type { Principal } from '../../platform/auth/principal.ts';
import type { Db } from '../../platform/db/database.ts';
import { withTenant } from '../../platform/db/tenant.ts';
import { AppError } from '../../platform/errors.ts';
import { selectMunicipalities } from './dashboard.repository.ts';
import { FAR_BELOW_SHARE, MIN_STARTS_TO_COMPARE, median, type DayRange, type Figures, type NationalFigures, type NationalLoader } from './dashboard.service.ts';
import { statisticsPolicy } from './statistics.policy.ts';

/** How many listings count as "the top" for concentration (Emploi Store: 5 of 300 services took 75 % of visits). */
export const TOP_LISTINGS = 5;
export const OVERSIGHT_PAGE_SIZE = 50;
/** A rating "far below" its peers: this many stars under the peers' median, with enough ratings on both sides. */
export const RATING_BELOW_BY = 1;
export const MIN_RATINGS_TO_COMPARE = 5;

export type ListingFigures = {
  listingId: string;
  nameDa: string;
  nameEn: string;
  vendorId: string;
  vendorName: string;
  launches: number;
  starts: number;
  completions: number;
  completionRate: number | null;
  ratings: number;
  averageRating: number | null;
  share: number | null;
};

export type Flag = { listingId: string; nameDa: string; nameEn: string; vendorName: string; kind: 'completion' | 'rating'; value: number; peer: number };

export type Oversight = {
  period: DayRange & { days: number };
  totals: { launches: number; starts: number; completions: number; completionRate: number | null; municipalitiesActive: number };
  concentration: { national: number | null; top: ListingFigures[] };
  vendors: { vendorName: string; listings: number; launches: number; starts: number; completions: number; completionRate: number | null }[];
  listings: { rows: ListingFigures[]; all: ListingFigures[]; total: number; page: number; pages: number };
  municipalities: { code: string; name: string; figures: Figures; topShare: number | null }[];
  flags: Flag[];
};

const rate = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

/** The share of `launches` the `TOP_LISTINGS` largest take (null without launches). */
export function topShare(launches: number[]): number | null {
  const total = launches.reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  return (
    [...launches]
      .sort((a, b) => b - a)
      .slice(0, TOP_LISTINGS)
      .reduce((a, b) => a + b, 0) / total
  );
}

type OversightCore = Omit<Oversight, 'period' | 'listings' | 'municipalities'> & {
  listings: ListingFigures[];
  topShareOf: Map<string, number | null>;
};

/**
 * What the oversight derives from a period's national figures, worked out once per figures object: the figures are
 * kept by the pages' cache until the rollups change, and so is this (a WeakMap entry lives as long as its key).
 */
const cores = new WeakMap<NationalFigures, OversightCore>();

function coreOf(figures: NationalFigures): OversightCore {
  const kept = cores.get(figures);
  if (kept) return kept;
  const listings: ListingFigures[] = [];
  let launches = 0;
  let starts = 0;
  let completions = 0;
  for (const sums of figures.byListing.values()) {
    launches += sums.launches;
    starts += sums.starts;
    completions += sums.completions;
  }
  for (const [listingId, sums] of figures.byListing) {
    const info = figures.listings.get(listingId);
    listings.push({
      listingId,
      nameDa: info?.nameDa ?? listingId,
      nameEn: info?.nameEn ?? listingId,
      vendorId: info?.vendorId ?? '',
      vendorName: info?.vendorName ?? '',
      launches: sums.launches,
      starts: sums.starts,
      completions: sums.completions,
      completionRate: rate(sums.completions, sums.starts),
      ratings: sums.ratings,
      averageRating: rate(sums.rating_stars, sums.ratings),
      share: rate(sums.launches, launches),
    });
  }
  listings.sort((a, b) => b.launches - a.launches || b.starts - a.starts || a.nameDa.localeCompare(b.nameDa, 'da'));

  const vendors = new Map<string, Oversight['vendors'][number]>();
  for (const listing of listings) {
    const vendor = vendors.get(listing.vendorId) ?? {
      vendorName: listing.vendorName,
      listings: 0,
      launches: 0,
      starts: 0,
      completions: 0,
      completionRate: null,
    };
    vendor.listings += 1;
    vendor.launches += listing.launches;
    vendor.starts += listing.starts;
    vendor.completions += listing.completions;
    vendor.completionRate = rate(vendor.completions, vendor.starts);
    vendors.set(listing.vendorId, vendor);
  }

  const launchesOf = new Map<string, number[]>();
  for (const row of figures.launchesByMunicipalityAndListing) {
    const list = launchesOf.get(row.municipality_code);
    if (list) list.push(row.launches);
    else launchesOf.set(row.municipality_code, [row.launches]);
  }
  const core: OversightCore = {
    totals: { launches, starts, completions, completionRate: rate(completions, starts), municipalitiesActive: figures.byMunicipality.size },
    concentration: { national: topShare(listings.map((l) => l.launches)), top: listings.slice(0, TOP_LISTINGS) },
    vendors: [...vendors.values()].sort((a, b) => b.launches - a.launches || a.vendorName.localeCompare(b.vendorName, 'da')),
    listings,
    topShareOf: new Map([...launchesOf].map(([code, list]) => [code, topShare(list)])),
    flags: flags(listings, (id) => figures.listings.get(id)?.categories ?? []),
  };
  cores.set(figures, core);
  return core;
}

/** The national oversight for a period. FORBIDDEN for anyone but governance. */
export async function getOversight(
  db: Db,
  actor: Principal,
  request: { period: DayRange & { days: number }; page?: number | undefined },
  national: NationalLoader,
): Promise<Oversight> {
  if (!statisticsPolicy.can(actor, 'statistics.national')) throw new AppError('FORBIDDEN', 'Only governance sees the national oversight.');
  const [figures, municipalities] = await Promise.all([national(request.period), withTenant(db, { national: true }, (trx) => selectMunicipalities(trx))]);
  const { listings, topShareOf, ...core } = coreOf(figures);
  const pages = Math.max(1, Math.ceil(listings.length / OVERSIGHT_PAGE_SIZE));
  const page = Math.min(Math.max(1, request.page ?? 1), pages);
  return {
    ...core,
    period: request.period,
    listings: { rows: listings.slice((page - 1) * OVERSIGHT_PAGE_SIZE, page * OVERSIGHT_PAGE_SIZE), all: listings, total: listings.length, page, pages },
    municipalities: municipalities
      .filter((m) => figures.byMunicipality.has(m.code))
      .map((m) => ({ code: m.code, name: m.name, figures: figures.byMunicipality.get(m.code) as Figures, topShare: topShareOf.get(m.code) ?? null })),
  };
}

/** Listings far below the median of the listings sharing a category with them: completion rate, and rating. */
export function flags(listings: ListingFigures[], categoriesOf: (listingId: string) => string[]): Flag[] {
  const found: Flag[] = [];
  const peersOf = (listing: ListingFigures, value: (l: ListingFigures) => number | null, enough: (l: ListingFigures) => boolean) => {
    const categories = new Set(categoriesOf(listing.listingId));
    const values = listings
      .filter((l) => l.listingId !== listing.listingId && enough(l) && categoriesOf(l.listingId).some((c) => categories.has(c)))
      .map(value);
    return values.length >= 3 ? median(values) : null;
  };
  for (const listing of listings) {
    const base = { listingId: listing.listingId, nameDa: listing.nameDa, nameEn: listing.nameEn, vendorName: listing.vendorName };
    if (listing.starts >= MIN_STARTS_TO_COMPARE && listing.completionRate !== null) {
      const peer = peersOf(
        listing,
        (l) => l.completionRate,
        (l) => l.starts >= MIN_STARTS_TO_COMPARE,
      );
      if (peer !== null && listing.completionRate < peer * FAR_BELOW_SHARE) found.push({ ...base, kind: 'completion', value: listing.completionRate, peer });
    }
    if (listing.ratings >= MIN_RATINGS_TO_COMPARE && listing.averageRating !== null) {
      const peer = peersOf(
        listing,
        (l) => l.averageRating,
        (l) => l.ratings >= MIN_RATINGS_TO_COMPARE,
      );
      if (peer !== null && listing.averageRating <= peer - RATING_BELOW_BY) found.push({ ...base, kind: 'rating', value: listing.averageRating, peer });
    }
  }
  return found;
}
