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
 * (stemmed: "jobsamtale" finds "jobsamtaler") or, for typos, trigram word similarity on name and summary.
 * Ranked by relevance; without a query, sorted by name in Danish order (æ, ø, å after z).
 */
export async function searchCatalogue(db: Db, filter: { query: string; journeyStage?: string | undefined; limit: number }): Promise<CatalogueRow[]> {
  const query = filter.query.trim();
  const { rows } = await sql<CatalogueRow>`
    with current_version as (
      select distinct on (v.listing_id) v.*
      from listing_version v
      where v.status = 'approved'
      order by v.listing_id, v.version desc
    ), q as (
      select websearch_to_tsquery('danish', ${query}) as ts, ${query}::text as raw
    )
    select c.listing_id, c.version, c.name_da, c.name_en, c.summary_da, c.summary_en, c.journey_stage, c.price_model,
           c.required_nsis_level, vendor.name as vendor_name,
           case when q.raw = '' then c.summary_da
                else ts_headline('danish', c.summary_da, q.ts, ${`StartSel=${MARK_START}, StopSel=${MARK_END}, HighlightAll=true`}) end as headline
    from current_version c
    join listing on listing.id = c.listing_id
    join vendor on vendor.id = listing.vendor_id
    cross join q
    where (q.raw = '' or c.search @@ q.ts or q.raw <% (c.name_da || ' ' || c.summary_da))
      and (${filter.journeyStage ?? null}::text is null or c.journey_stage = ${filter.journeyStage ?? null})
    order by case when q.raw = '' then 0
                  else ts_rank(c.search, q.ts) + word_similarity(q.raw, c.name_da || ' ' || c.summary_da) end desc,
             c.name_da collate "da-DK-x-icu"
    limit ${filter.limit}
  `.execute(db);
  return rows;
}

export async function selectJourneyStages(db: Db): Promise<{ code: string; name_da: string; name_en: string }[]> {
  return db.selectFrom('journey_stage').select(['code', 'name_da', 'name_en']).orderBy('sort').execute();
}
