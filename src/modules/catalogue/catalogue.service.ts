import { nsisLevels, type NsisLevel } from '../../platform/auth/nsis.ts';
import type { Db } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import type { CatalogueCache } from './catalogue.cache.ts';
import {
  searchCatalogue,
  selectLiveListing,
  selectNearestWords,
  selectTaxonomies,
  type CatalogueRow,
  type LiveListingRow,
  type TaxonomyKind,
  type TaxonomyRow,
} from './catalogue.repository.ts';

export type CatalogueFilter = {
  query: string;
  stages: string[];
  categories: string[];
  targetGroups: string[];
  languages: string[];
  priceModels: string[];
  /** The highest level the reader can sign in with: versions requiring more are left out. */
  maxNsisLevel?: NsisLevel | undefined;
  page: number;
};

export type CatalogueResult = {
  rows: CatalogueRow[];
  /** Whether a page follows this one. */
  hasNext: boolean;
  /** The query as searched when a misspelt word was corrected ("jobsøgnig" → "jobsøgning"). */
  correctedQuery?: string | undefined;
};

export const PAGE_SIZE = 25;

/** For each word, the nearest word of the live catalogue's lexicon (or itself, or null when nothing is near); throws nothing of its own. */
export function findNearestWords(db: Db, words: string[]): Promise<{ word: string; nearest: string | null }[]> {
  return selectNearestWords(db, words);
}

/** Every taxonomy's codes with names, uncached (for validating input against the current codes); throws nothing of its own. */
export function listTaxonomyTerms(db: Db): Promise<TaxonomyRow[]> {
  return selectTaxonomies(db);
}

/** The query as it is searched and remembered: Unicode-normalised, lower case, single spaces. */
export function normaliseQuery(query: string): string {
  return query.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();
}

// Letters and digits make words; websearch syntax (quotes, "or", a leading minus) is left as it is.
const wordPattern = /[\p{L}\p{N}]+/gu;

/** Words of a query worth correcting: not the operator "or", no digits, at least three letters. */
function correctableWords(query: string): string[] {
  const words = (query.match(wordPattern) ?? []).filter((word) => word !== 'or' && !/\p{N}/u.test(word) && [...word].length >= 3);
  return [...new Set(words)];
}

/**
 * Searches the national catalogue: Danish full text over the live versions with the facet filters, PAGE_SIZE to a
 * page. When that finds nothing, each query word the live catalogue does not know is taken as misspelt and
 * replaced by the nearest word of the catalogue's lexicon ("jobsøgnig" → "jobsøgning"), and the search runs again.
 * Answers come from `cache` while it holds them.
 */
export function findListings(db: Db, cache: CatalogueCache, filter: CatalogueFilter): Promise<CatalogueResult> {
  const query = normaliseQuery(filter.query);
  const normalised = { ...filter, query };
  return cache.remember(`search:${JSON.stringify(normalised)}`, async () => {
    const found = await searchPage(db, normalised, query);
    if (found.length > 0 || query === '') return page(found);
    const corrected = await correctQuery(db, query);
    if (corrected === query) return page(found);
    return { ...page(await searchPage(db, normalised, corrected)), correctedQuery: corrected };
  });
}

function page(rows: CatalogueRow[]): CatalogueResult {
  return { rows: rows.slice(0, PAGE_SIZE), hasNext: rows.length > PAGE_SIZE };
}

function searchPage(db: Db, filter: CatalogueFilter, query: string): Promise<CatalogueRow[]> {
  const levelIndex = filter.maxNsisLevel ? nsisLevels.indexOf(filter.maxNsisLevel) : -1;
  return searchCatalogue(db, {
    query,
    stages: filter.stages,
    categories: filter.categories,
    targetGroups: filter.targetGroups,
    languages: filter.languages,
    priceModels: filter.priceModels,
    nsisLevels: levelIndex >= 0 ? nsisLevels.slice(0, levelIndex + 1) : [],
    // One row more than shown tells whether a next page exists.
    limit: PAGE_SIZE + 1,
    offset: (filter.page - 1) * PAGE_SIZE,
  });
}

/** The query with each unknown word replaced by its nearest catalogue word; unchanged when nothing is near. */
async function correctQuery(db: Db, query: string): Promise<string> {
  const words = correctableWords(query);
  if (words.length === 0) return query;
  const nearest = new Map((await selectNearestWords(db, words)).map((row) => [row.word, row.nearest ?? row.word]));
  return query.replace(wordPattern, (word) => nearest.get(word) ?? word);
}

export type TaxonomyEntry = { code: string; name_da: string; name_en: string; active: boolean };
export type Taxonomies = Record<TaxonomyKind, TaxonomyEntry[]>;

/** The taxonomies the catalogue is filtered and labelled with (both languages), from `cache` while it holds them. */
export function getTaxonomies(db: Db, cache: CatalogueCache): Promise<Taxonomies> {
  return cache.remember('taxonomies', async () => {
    const taxonomies: Taxonomies = { stage: [], category: [], target_group: [], language: [], data_category: [] };
    for (const row of await selectTaxonomies(db)) taxonomies[row.taxonomy].push(entryOf(row));
    return taxonomies;
  });
}

function entryOf(row: TaxonomyRow): TaxonomyEntry {
  return { code: row.code, name_da: row.name_da, name_en: row.name_en, active: row.active };
}

/** The live version of a listing for its public page. Throws NOT_FOUND for a missing id, an unknown listing or one that is not live. */
export async function getLiveListing(db: Db, cache: CatalogueCache, listingId: string | undefined): Promise<LiveListingRow> {
  if (!listingId) throw new AppError('NOT_FOUND', 'No such listing in the catalogue.');
  const id = listingId.toLowerCase();
  const listing = await cache.remember(`listing:${id}`, () => selectLiveListing(db, id));
  if (!listing) throw new AppError('NOT_FOUND', 'No such listing in the catalogue.');
  return listing;
}
