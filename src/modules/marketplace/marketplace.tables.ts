import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt, UpdatedAt } from '../../platform/db/columns.ts';

// Typed mirror of the marketplace module's tables (and the views it publishes); only its repository reads or writes them.

/** marketplace: a citizen's launch of a service (append-only). */
export interface ListingLaunchTable {
  id: Generated<number>;
  citizen_id: string;
  municipality_code: string;
  listing_id: string;
  version: number;
  outcome: 'launched' | 'no_seat';
  launched_at: CreatedAt;
}

/** marketplace: a citizen's rating of a listing, moderated by the municipality. */
export interface ListingRatingTable {
  id: Generated<string>;
  citizen_id: string;
  municipality_code: string;
  listing_id: string;
  stars: number;
  comment: string | null;
  status: ColumnType<'pending' | 'approved' | 'rejected', 'pending' | 'approved' | 'rejected' | undefined, 'pending' | 'approved' | 'rejected'>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
  moderated_by: string | null;
  moderated_at: Date | null;
}

/**
 * marketplace: a page a citizen saw — the list (the listings on it, and a search's words and hit count) or a listing's
 * own page (0085). No citizen id. Written only through record_marketplace_view; the app role cannot read it.
 */
export interface MarketplaceViewTable {
  id: Generated<number>;
  occurred_at: CreatedAt;
  municipality_code: string;
  target_group: string;
  journey_stage: string;
  page: 'list' | 'listing';
  listing_ids: string[];
  search_terms: string[] | null;
  results: number | null;
}

/** The tables the marketplace module owns; src/platform/db/schema.ts composes every module's into the database type. */
export type MarketplaceTables = {
  listing_launch: ListingLaunchTable;
  listing_rating: ListingRatingTable;
  marketplace_view: MarketplaceViewTable;
};
