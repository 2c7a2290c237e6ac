// The public catalogue feed's SQL (migration 0071): rows are written by the database's triggers, read here.
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import type { Channel, LegalBasis, ListingFeedTable, PriceModel } from '../../platform/db/schema.ts';

/** A live listing with what the catalogue's listing page shows (listing_live's columns; catalogue's LiveListingRow). */
export type CatalogueListingSource = {
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
  required_nsis_level: 'Low' | 'Substantial' | 'High';
  channels: Channel[];
  service_url: string;
  accessibility_statement_url: string;
  vendor_name: string;
  categories: string[];
  target_groups: string[];
  languages: string[];
  data_categories: { category: string; purpose_da: string | null; purpose_en: string | null; legal_basis: LegalBasis | null }[];
};

/** One change of the catalogue; `listing` is listing_live's columns as stored at the change (null when it left). */
export type FeedRow = {
  seq: string;
  xid: string;
  id: string;
  listing_id: string;
  kind: ListingFeedTable['kind'];
  at: Date;
  listing: CatalogueListingSource | null;
};

/** Where a reader stands: the (transaction id, seq) of the last row it read; ('0', '0') before the first. */
export type FeedPosition = { xid: string; seq: string };

/**
 * Up to `limit` rows after `after` in (xid, seq) order, only of transactions older than every transaction still
 * running, so no row can later commit behind a position this returns.
 */
export async function selectFeedAfter(db: Db, after: FeedPosition, limit: number): Promise<FeedRow[]> {
  const { rows } = await sql<FeedRow>`
    select f.seq::text as seq, f.xid::text as xid, f.id, f.listing_id, f.kind, f.at, f.listing
    from listing_feed f
    where (f.xid, f.seq) > (${after.xid}::xid8, ${after.seq}::bigint)
      and f.xid < pg_snapshot_xmin(pg_current_snapshot())
    order by f.xid, f.seq
    limit ${limit}
  `.execute(db);
  return rows;
}
