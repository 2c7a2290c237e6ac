// The public catalogue feed's SQL (migration 0071): rows are written by the database's triggers, read here.
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import type { ListingFeedTable, ListingLiveView } from '../../platform/db/schema.ts';

/** A live listing with what the catalogue's listing page shows (listing_live's columns; catalogue's LiveListingRow). */
export type CatalogueListingSource = Pick<
  ListingLiveView,
  | 'listing_id'
  | 'version'
  | 'name_da'
  | 'name_en'
  | 'summary_da'
  | 'summary_en'
  | 'description_da'
  | 'description_en'
  | 'journey_stage'
  | 'price_model'
  | 'required_nsis_level'
  | 'channels'
  | 'service_url'
  | 'accessibility_statement_url'
  | 'vendor_name'
  | 'categories'
  | 'target_groups'
  | 'languages'
  | 'data_categories'
>;

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
