import { sql, type RawBuilder } from 'kysely';
import type { NsisLevel } from '../../platform/auth/nsis.ts';
import type { Db } from '../../platform/db/database.ts';
import type { Channel, LegalBasis, PriceModel } from '../../platform/db/schema.ts';

/** One live listing as a search result. Approved versions are complete (a database check), so nothing is null. */
export type CatalogueRow = {
  listing_id: string;
  name_da: string;
  name_en: string;
  summary_da: string;
  summary_en: string;
  journey_stage: string;
  price_model: PriceModel;
  required_nsis_level: NsisLevel;
  vendor_name: string;
  /** The Danish summary with matches between MARK_START and MARK_END (escaped and marked up by the page). */
  headline: string;
};

// Highlight markers that cannot occur in stored text, so the summary can be escaped before they become <mark>.
export const MARK_START = '\u0001';
export const MARK_END = '\u0002';

export type CatalogueSearch = {
  /** Danish full-text query in web-search syntax ("quoted phrase", or, -not); empty lists everything. */
  query: string;
  stages: string[];
  categories: string[];
  targetGroups: string[];
  languages: string[];
  priceModels: string[];
  /** The levels a version may require (empty: any). */
  nsisLevels: NsisLevel[];
  limit: number;
  offset: number;
};

// Ties, and the list without a query, in Danish order (æ, ø, å after z), then by id so pages never overlap.
const danishOrder = (alias: 'v' | 'p') => sql`${sql.ref(`${alias}.name_da`)} collate "da-DK-x-icu", ${sql.ref(`${alias}.listing_id`)}`;

function linked(column: 'categories' | 'target_groups' | 'languages', codes: string[]): RawBuilder<unknown> {
  return sql`${sql.ref(`v.${column}`)} && ${codes}::text[]`;
}

/**
 * The live (approved) versions matching a Danish full-text query (stemmed: "jobsamtale" finds "jobsamtaler") and
 * the facet filters: within a facet any of the chosen codes, across facets all of them. Ranked by relevance, ties
 * and the query-less list in Danish order (æ, ø, å after z). Only the index's matches are ranked, and only the rows
 * of the page get a highlighted summary.
 */
export async function searchCatalogue(db: Db, search: CatalogueSearch): Promise<CatalogueRow[]> {
  const tsQuery = sql`websearch_to_tsquery('danish', ${search.query})`;
  const hasQuery = search.query.trim() !== '';
  const conditions: RawBuilder<unknown>[] = [sql`true`];
  if (hasQuery) conditions.push(sql`v.search @@ ${tsQuery}`);
  if (search.stages.length > 0) conditions.push(sql`v.journey_stage = any(${search.stages}::text[])`);
  if (search.priceModels.length > 0) conditions.push(sql`v.price_model = any(${search.priceModels}::text[])`);
  if (search.nsisLevels.length > 0) conditions.push(sql`v.required_nsis_level = any(${search.nsisLevels}::text[])`);
  if (search.categories.length > 0) conditions.push(linked('categories', search.categories));
  if (search.targetGroups.length > 0) conditions.push(linked('target_groups', search.targetGroups));
  if (search.languages.length > 0) conditions.push(linked('languages', search.languages));
  // Without a query the order is that of the index listing_version_live_by_name, so a page is read off it.
  const rank = hasQuery ? sql`ts_rank(v.search, ${tsQuery})` : sql`0::real`;
  const order = (alias: 'v' | 'p') => (hasQuery ? sql`${sql.ref(`${alias}.rank`)} desc, ${danishOrder(alias)}` : danishOrder(alias));
  const headline = hasQuery
    ? sql`ts_headline('danish', p.summary_da, ${tsQuery}, ${`StartSel=${MARK_START}, StopSel=${MARK_END}, HighlightAll=true`})`
    : sql`p.summary_da`;
  // listings' listing_live (the live versions); the vendor's name is read for the page's rows only.
  const { rows } = await sql<CatalogueRow>`
    select p.listing_id, p.name_da, p.name_en, p.summary_da, p.summary_en, p.journey_stage, p.price_model, p.required_nsis_level,
           w.vendor_name, ${headline} as headline
    from (
      select v.version_id, v.listing_id, v.name_da, v.name_en, v.summary_da, v.summary_en, v.journey_stage, v.price_model,
             v.required_nsis_level, v.rank
      from (select v.version_id, v.listing_id, v.name_da, v.name_en, v.summary_da, v.summary_en, v.journey_stage, v.price_model,
                   v.required_nsis_level, ${rank} as rank
            from listing_live v where ${sql.join(conditions, sql` and `)}) v
      order by ${order('v')}
      limit ${search.limit} offset ${search.offset}
    ) p
    join listing_live w on w.version_id = p.version_id
    order by ${order('p')}
  `.execute(db);
  return rows;
}

/**
 * For each word, the nearest word of the live catalogue's lexicon (catalogue_word, kept by triggers) by trigram
 * distance, among those similar enough (pg_trgm's threshold); the word itself when a word with its Danish stem is
 * live, or when it is a stop word; null when nothing is near.
 */
export async function selectNearestWords(db: Db, words: string[]): Promise<{ word: string; nearest: string | null }[]> {
  const { rows } = await sql<{ word: string; nearest: string | null }>`
    select q.word,
           case when s.stem is null or exists (select 1 from catalogue_word k where k.stem = s.stem) then q.word
                else (select w.word from catalogue_word w where w.word % q.word
                      order by w.word <-> q.word, w.documents desc, w.word limit 1)
           end as nearest
    from unnest(${words}::text[]) with ordinality q(word, position)
    cross join lateral (select (ts_lexize('danish_stem', q.word))[1] as stem) s
    order by q.position
  `.execute(db);
  return rows;
}

export type TaxonomyKind = 'stage' | 'category' | 'target_group' | 'language' | 'data_category';
export type TaxonomyRow = { taxonomy: TaxonomyKind; code: string; name_da: string; name_en: string; active: boolean };

/** Every taxonomy the catalogue labels and filters with, in one round trip: stages in their order, the rest by Danish name. */
export async function selectTaxonomies(db: Db): Promise<TaxonomyRow[]> {
  const { rows } = await sql<TaxonomyRow>`
    select taxonomy, code, name_da, name_en, active from (
      select 'stage' as taxonomy, code, name_da, name_en, true as active, sort from journey_stage
      union all select 'category', code, name_da, name_en, true, 0 from service_category
      union all select 'target_group', code, name_da, name_en, active, 0 from target_group
      union all select 'language', code, name_da, name_en, true, 0 from language
      union all select 'data_category', code, name_da, name_en, true, 0 from data_category
    ) t
    order by taxonomy, sort, name_da collate "da-DK-x-icu"
  `.execute(db);
  return rows;
}

export type DataCategoryUse = { category: string; purpose_da: string | null; purpose_en: string | null; legal_basis: LegalBasis | null };

/** A listing's live version with everything its public page shows. */
export type LiveListingRow = {
  listing_id: string;
  version: number;
  name_da: string;
  name_en: string;
  summary_da: string;
  summary_en: string;
  description_da: string;
  description_en: string;
  journey_stage: string;
  price_model: PriceModel;
  required_nsis_level: NsisLevel;
  channels: Channel[];
  service_url: string;
  accessibility_statement_url: string;
  vendor_name: string;
  categories: string[];
  target_groups: string[];
  languages: string[];
  data_categories: DataCategoryUse[];
};

/** The live version of a listing, or undefined when it has none (unknown, in review only, suspended, delisted). */
export async function selectLiveListing(db: Db, listingId: string): Promise<LiveListingRow | undefined> {
  const { rows } = await sql<LiveListingRow>`
    select v.listing_id, v.version, v.name_da, v.name_en, v.summary_da, v.summary_en, v.description_da, v.description_en,
           v.journey_stage, v.price_model, v.required_nsis_level, v.channels, v.service_url, v.accessibility_statement_url,
           v.vendor_name, v.categories, v.target_groups, v.languages, v.data_categories
    from listing_live v
    where v.listing_id = ${listingId}
  `.execute(db);
  return rows[0];
}
