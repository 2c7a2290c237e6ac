import type { Db } from '../../platform/db/database.ts';
import { searchCatalogue, type CatalogueRow } from './catalogue.repository.ts';

/**
 * Searches the national catalogue: Danish full text first (stemmed, fast through its index); only when that
 * finds nothing is the query taken as possibly misspelt and matched by trigram similarity ("jobsøgnig").
 */
export async function findListings(
  db: Db,
  filter: { query: string; journeyStage?: string | undefined; limit: number; offset: number },
): Promise<CatalogueRow[]> {
  const exact = await searchCatalogue(db, { ...filter, mode: 'fulltext' });
  if (exact.length > 0 || filter.query.trim() === '') return exact;
  return searchCatalogue(db, { ...filter, mode: 'similar' });
}
