import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';

export type CatalogueRow = {
  listing_id: string;
  version: number;
  name_da: string;
  name_en: string;
  summary_da: string;
  summary_en: string;
  journey_stage: string;
  price_model: string;
  required_nsis_level: string;
  vendor_name: string;
  /** The Danish summary with matches between \u0001 and \u0002 (escaped and marked up by the page). */
  headline: string;
};

// Highlight markers that cannot occur in stored text, so the summary can be escaped before they become <mark>.
export const MARK_START = '\u0001';
export const MARK_END = '\u0002';

/**
 * The national catalogue: the latest approved version of every listing, matching a Danish full-text query
 * (stemmed: "jobsamtale" finds "jobsamtaler") or, in 'similar' mode, trigram word similarity on name and
 * summary. Ranked by relevance; without a query, sorted by name in Danish order (æ, ø, å after z).
 */
export async function searchCatalogue(
  db: Db,
  filter: { query: string; mode: 'fulltext' | 'similar'; journeyStage?: string | undefined; limit: number; offset: number },
): Promise<CatalogueRow[]> {
  const query = filter.query.trim();
  const tsQuery = sql`websearch_to_tsquery('danish', ${query})`;
  const words = sql`(v.name_da || ' ' || v.summary_da)`;
  // Full text uses the tsvector's GIN index; 'similar' (typos) the trigram index on name and summary.
  const matches = query === '' ? sql`true` : filter.mode === 'fulltext' ? sql`v.search @@ ${tsQuery}` : sql`${words} %> ${query}`;
  const stage = filter.journeyStage ? sql`v.journey_stage = ${filter.journeyStage}` : sql`true`;
  const rank = query === '' ? sql`0::real` : sql`ts_rank(v.search, ${tsQuery}) + word_similarity(${query}, ${words})`;
  const headline =
    query === '' ? sql`r.summary_da` : sql`ts_headline('danish', r.summary_da, ${tsQuery}, ${`StartSel=${MARK_START}, StopSel=${MARK_END}, HighlightAll=true`})`;
  const { rows } = await sql<CatalogueRow>`
    with ranked as (
      select v.listing_id, v.version, v.name_da, v.name_en, v.summary_da, v.summary_en, v.journey_stage, v.price_model,
             v.required_nsis_level, ${rank} as rank
      from listing_version v
      where v.status = 'approved' and ${matches} and ${stage}
        -- the latest approved version of its listing only: an approved version stays live while the next is reviewed
        and not exists (select 1 from listing_version newer
                         where newer.listing_id = v.listing_id and newer.status = 'approved' and newer.version > v.version)
      order by rank desc, v.name_da collate "da-DK-x-icu"
      limit ${filter.limit} offset ${filter.offset}
    )
    select r.listing_id, r.version, r.name_da, r.name_en, r.summary_da, r.summary_en, r.journey_stage, r.price_model,
           r.required_nsis_level, vendor.name as vendor_name, ${headline} as headline
    from ranked r
    join listing on listing.id = r.listing_id
    join vendor on vendor.id = listing.vendor_id
    order by r.rank desc, r.name_da collate "da-DK-x-icu"
  `.execute(db);
  return rows;
}

export async function selectJourneyStages(db: Db): Promise<{ code: string; name_da: string; name_en: string }[]> {
  return db.selectFrom('journey_stage').select(['code', 'name_da', 'name_en']).orderBy('sort').execute();
}
