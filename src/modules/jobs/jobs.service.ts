import type { Db } from '../../platform/db/database.ts';
import { inTransaction } from '../../platform/db/tenant.ts';
import { AppError, isAppError } from '../../platform/errors.ts';
import type { WorkingHours } from '../../platform/db/schema.ts';
import type { JobFeedAdapter, FeedAd } from './jobs.feed.ts';
import { municipalityPoint, townByName } from './jobs.places.ts';
import {
  countFacets,
  deleteAds,
  deleteAdsNotInSnapshot,
  deleteExpiredAds,
  ensureFeedState,
  lockFeedState,
  pruneLexicon,
  recordFeedError,
  saveFeedState,
  searchAds,
  selectAd,
  selectFeedState,
  selectNearestJobWords,
  selectOccupations,
  selectOccupationsByDisco,
  selectOccupationsByUri,
  upsertAds,
  type FeedState,
  type JobAdRow,
  type JobRow,
  type JobSort,
  type OccupationRow,
} from './jobs.repository.ts';

export const JOBNET_FEED = 'jobnet';
export const JOBS_PAGE_SIZE = 20;

// ---------------------------------------------------------------------------------------------------------------
// Ingestion

export type IngestionRun = { pages: number; adsWritten: number; removed: number; expired: number; phase: FeedState['phase']; cursor: string | null };

/**
 * Reads the feed on from where the last committed page left it: the snapshot's pages (each with its ads in one
 * transaction with the new position, so a crash resumes after the last committed page, never skipping or repeating
 * one), then the changes after the cursor until none are waiting or `maxPages` is reached. Ads the snapshot no longer
 * holds are removed at its end; tombstones remove ads; ads past their deadline are removed after the run. One
 * ingestion runs at a time across every process (the feed's state row is locked for each page).
 */
export async function ingestJobAds(
  db: Db,
  feed: JobFeedAdapter,
  options: { pageSize?: number; maxPages?: number; today: string; feedName?: string },
): Promise<IngestionRun> {
  const feedName = options.feedName ?? JOBNET_FEED;
  const pageSize = options.pageSize ?? 500;
  const maxPages = options.maxPages ?? Number.POSITIVE_INFINITY;
  const run: IngestionRun = { pages: 0, adsWritten: 0, removed: 0, expired: 0, phase: 'snapshot', cursor: null };
  await ensureFeedState(db, feedName);
  try {
    let more = true;
    while (more && run.pages < maxPages) {
      more = await inTransaction(db, async (trx) => {
        const state = await lockFeedState(trx, feedName);
        if (!state) throw new AppError('CONFLICT', `The job feed ${feedName} has no state row.`);
        let again: boolean;
        if (state.phase === 'snapshot') {
          const page = await feed.snapshot({ cursor: state.snapshotCursor ?? undefined, after: state.snapshotAfter ?? undefined, limit: pageSize });
          run.adsWritten += await upsertAds(trx, page.annoncer, state.snapshotId);
          state.adsReceived += page.annoncer.length;
          state.snapshotCursor = page.cursor;
          state.snapshotAfter = page.naeste;
          if (page.naeste === null) {
            run.removed += await deleteAdsNotInSnapshot(trx, state.snapshotId);
            state.phase = 'changes';
            state.cursor = page.cursor;
          }
          again = true;
        } else {
          const page = await feed.changes({ after: state.cursor ?? '0', limit: pageSize }).catch((error: unknown) => {
            if (isAppError(error) && error.code === 'CONFLICT') return undefined;
            throw error;
          });
          if (!page) {
            // The feed no longer knows the cursor: a new snapshot, which at its end removes what it no longer holds.
            Object.assign(state, { phase: 'snapshot', snapshotId: state.snapshotId + 1, snapshotCursor: null, snapshotAfter: null, cursor: null });
            await saveFeedState(trx, feedName, state);
            run.pages += 1;
            return true;
          }
          // Within a page the last change of an ad decides: its newest version, or its removal.
          const last = new Map<string, FeedAd | null>();
          for (const change of page.aendringer) {
            if (change.type === 'annonce') {
              last.delete(change.annonce.annonceId);
              last.set(change.annonce.annonceId, change.annonce);
            } else {
              last.delete(change.annonceId);
              last.set(change.annonceId, null);
            }
          }
          const upserts = [...last.values()].filter((ad): ad is FeedAd => ad !== null);
          const removals = [...last.entries()].filter(([, ad]) => ad === null).map(([id]) => id);
          run.adsWritten += await upsertAds(trx, upserts, state.snapshotId);
          run.removed += await deleteAds(trx, removals);
          state.adsReceived += upserts.length;
          state.removals += removals.length;
          state.cursor = page.cursor;
          again = page.flere;
        }
        state.lastRunAt = new Date();
        state.lastError = null;
        await saveFeedState(trx, feedName, state);
        run.phase = state.phase;
        run.cursor = state.phase === 'changes' ? state.cursor : state.snapshotCursor;
        run.pages += 1;
        return again;
      });
    }
  } catch (error) {
    await recordFeedError(db, feedName, error instanceof Error ? error.message : String(error));
    throw error;
  }
  run.expired = await deleteExpiredAds(db, options.today);
  return run;
}

/** Removes the ads past their deadline and the lexicon's words no ad has any more (nightly). */
export async function expireJobAds(db: Db, today: string): Promise<number> {
  const expired = await deleteExpiredAds(db, today);
  await pruneLexicon(db);
  return expired;
}

/** Where ingestion is, for operators. */
export function readFeedStatus(db: Db, feedName = JOBNET_FEED) {
  return selectFeedState(db, feedName);
}

// ---------------------------------------------------------------------------------------------------------------
// Search

export type JobFilter = {
  query: string;
  occupations: string[];
  /** Typed text naming an occupation (without JavaScript the list is not offered): resolved to the nearest occupations. */
  occupationText: string;
  municipalities: string[];
  /** A town's name, a municipality code or "lat,lon"; empty: no distance filter unless `defaultPlace` gives one. */
  place: string;
  radiusKm: number | undefined;
  hours: WorkingHours[];
  publishedWithinDays: number | undefined;
  deadlineFrom: string | undefined;
  sort: JobSort;
  page: number;
};

export type Place = { name: string; lat: number; lon: number };

export type JobSearchResult = {
  rows: JobRow[];
  total: number;
  page: number;
  pageCount: number;
  correctedQuery: string | null;
  near: (Place & { radiusKm: number }) | null;
  occupationsChosen: OccupationRow[];
  facets: {
    municipality: { value: string; count: number }[];
    hours: { value: string; count: number }[];
    occupation: { value: string; label: string; count: number }[];
    published: { value: string; count: number }[];
  };
};

export const DEFAULT_RADIUS_KM = 50;

/** A place as typed: "lat,lon", a municipality code (its seat) or a town's name; undefined when it names no place. */
export function resolvePlace(text: string): Place | undefined {
  const trimmed = text.trim();
  const point = /^(-?\d{1,2}(?:\.\d+)?)\s*,\s*(-?\d{1,3}(?:\.\d+)?)$/.exec(trimmed);
  if (point) {
    const lat = Number(point[1]);
    const lon = Number(point[2]);
    if (lat >= 54 && lat <= 58 && lon >= 7 && lon <= 16) return { name: `${lat.toFixed(4)}, ${lon.toFixed(4)}`, lat, lon };
    return undefined;
  }
  if (/^\d{3}$/.test(trimmed)) {
    const seat = municipalityPoint(trimmed);
    return seat ? { name: trimmed, lat: seat.lat, lon: seat.lon } : undefined;
  }
  const town = townByName(trimmed);
  return town ? { name: town.name, lat: town.lat, lon: town.lon } : undefined;
}

// Letters make words; web-search syntax (quotes, "or", a leading minus) is left as it is.
const wordPattern = /[\p{L}\p{N}]+/gu;

/**
 * Searches the job ads. A place that names nothing is the field's error. When a text query finds nothing, each
 * word the ads' lexicon does not know is taken as misspelt and replaced by its nearest word, and the search runs again.
 */
export async function searchJobs(db: Db, filter: JobFilter, context: { now: Date; today: string; defaultPlace?: Place | undefined }): Promise<JobSearchResult> {
  let near: JobSearchResult['near'] = null;
  if (filter.place.trim() !== '') {
    const place = resolvePlace(filter.place);
    if (!place)
      throw new AppError('VALIDATION', 'The place is not a Danish town, a municipality code or a point.', [{ field: 'sted', message: 'jobs.error.place' }]);
    near = { ...place, radiusKm: filter.radiusKm ?? DEFAULT_RADIUS_KM };
  } else if (context.defaultPlace) {
    near = { ...context.defaultPlace, radiusKm: filter.radiusKm ?? DEFAULT_RADIUS_KM };
  }
  if (filter.deadlineFrom !== undefined && filter.deadlineFrom < context.today)
    throw new AppError('VALIDATION', 'The deadline cannot be before today.', [{ field: 'frist', message: 'jobs.error.deadlinePast' }]);
  let occupations = filter.occupations;
  if (occupations.length === 0 && filter.occupationText.trim() !== '') {
    occupations = (await selectOccupations(db, filter.occupationText.trim(), 5)).map((o) => o.esco_uri);
    if (occupations.length === 0)
      throw new AppError('VALIDATION', 'No occupation resembles the text.', [{ field: 'stillingstekst', message: 'jobs.error.occupationUnknown' }]);
  }
  const query = filter.query.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();
  const search = {
    query,
    occupations,
    municipalities: filter.municipalities,
    hours: filter.hours,
    publishedSince: filter.publishedWithinDays ? new Date(context.now.getTime() - filter.publishedWithinDays * 86_400_000) : undefined,
    deadlineFrom: filter.deadlineFrom ?? context.today,
    near: near ? { lat: near.lat, lon: near.lon, radiusKm: near.radiusKm } : undefined,
    sort: filter.sort,
    limit: JOBS_PAGE_SIZE,
    offset: (filter.page - 1) * JOBS_PAGE_SIZE,
  };
  let [rows, facets] = await Promise.all([searchAds(db, search), countFacets(db, search, context.now)]);
  let correctedQuery: string | null = null;
  if (total(facets) === 0 && query !== '') {
    const corrected = await correctQuery(db, query);
    if (corrected !== query) {
      correctedQuery = corrected;
      [rows, facets] = await Promise.all([searchAds(db, { ...search, query: corrected }), countFacets(db, { ...search, query: corrected }, context.now)]);
    }
  }
  const occupationFacet = facets.filter((f) => f.facet === 'occupation' && f.key !== null);
  const named = await selectOccupationsByUri(db, [...new Set([...occupationFacet.map((f) => f.key ?? ''), ...occupations])]);
  const titleOf = new Map(named.map((o) => [o.esco_uri, o.title]));
  const count = total(facets);
  return {
    rows,
    total: count,
    page: filter.page,
    pageCount: Math.max(1, Math.ceil(count / JOBS_PAGE_SIZE)),
    correctedQuery,
    near,
    occupationsChosen: named.filter((o) => occupations.includes(o.esco_uri)),
    facets: {
      municipality: facets.filter((f) => f.facet === 'municipality' && f.key !== null).map((f) => ({ value: f.key ?? '', count: Number(f.count) })),
      hours: facets.filter((f) => f.facet === 'hours' && f.key !== null).map((f) => ({ value: f.key ?? '', count: Number(f.count) })),
      occupation: occupationFacet.map((f) => ({ value: f.key ?? '', label: titleOf.get(f.key ?? '') ?? f.key ?? '', count: Number(f.count) })),
      published: facets.filter((f) => f.facet === 'published').map((f) => ({ value: f.key ?? '', count: Number(f.count) })),
    },
  };
}

function total(facets: { facet: string; count: string }[]): number {
  return Number(facets.find((f) => f.facet === 'total')?.count ?? 0);
}

async function correctQuery(db: Db, query: string): Promise<string> {
  const words = [...new Set((query.match(wordPattern) ?? []).filter((w) => w !== 'or' && !/\p{N}/u.test(w) && [...w].length >= 3))];
  if (words.length === 0) return query;
  const nearest = new Map((await selectNearestJobWords(db, words)).map((row) => [row.word, row.nearest ?? row.word]));
  return query.replace(wordPattern, (word) => nearest.get(word) ?? word);
}

/** One ad; NOT_FOUND when the feed took it down or its deadline passed. */
export async function getJobAd(db: Db, adId: string, today: string): Promise<JobAdRow> {
  const ad = await selectAd(db, adId, today);
  if (!ad) throw new AppError('NOT_FOUND', 'The job ad is no longer published.');
  return ad;
}

/** The titles of these occupations (by ESCO URI). */
export async function occupationTitles(db: Db, uris: string[]): Promise<Map<string, string>> {
  return new Map((await selectOccupationsByUri(db, uris)).map((o) => [o.esco_uri, o.title]));
}

/** The ESCO URIs of the occupations ads have named in a DISCO-08 group (a job wish names a group). */
export async function occupationsInGroup(db: Db, discoCode: string): Promise<string[]> {
  return (await selectOccupationsByDisco(db, [discoCode])).map((o) => o.esco_uri);
}

/** Occupations for typeahead: those whose title starts with, contains or resembles the text. */
export function suggestOccupations(db: Db, text: string): Promise<OccupationRow[]> {
  return selectOccupations(db, text, 10);
}
