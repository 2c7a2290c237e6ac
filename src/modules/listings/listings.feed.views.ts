// The catalogue feed's presenter: a feed row as the public API's JSON.
import type { CatalogueListingSource, FeedRow } from './listings.feed.repository.ts';
import type { CatalogueFeedItemDto, CatalogueListingDto } from './listings.feed.schemas.ts';

/** A live listing as the feed and the catalogue present it. */
export function presentCatalogueListing(l: CatalogueListingSource): CatalogueListingDto {
  return {
    id: l.listing_id,
    version: l.version,
    nameDa: l.name_da,
    nameEn: l.name_en,
    summaryDa: l.summary_da,
    summaryEn: l.summary_en,
    descriptionDa: l.description_da,
    descriptionEn: l.description_en,
    journeyStage: l.journey_stage,
    priceModel: l.price_model,
    requiredNsisLevel: l.required_nsis_level,
    channels: l.channels,
    serviceUrl: l.service_url,
    accessibilityStatementUrl: l.accessibility_statement_url,
    vendorName: l.vendor_name,
    categories: l.categories,
    targetGroups: l.target_groups,
    languages: l.languages,
    dataCategories: l.data_categories.map((d) => ({ category: d.category, purposeDa: d.purpose_da, purposeEn: d.purpose_en, legalBasis: d.legal_basis })),
  };
}

/** One feed row: the listing as it was live after the change, or a tombstone when it left the catalogue. */
export function presentFeedItem(row: FeedRow): CatalogueFeedItemDto {
  const at = row.at.toISOString();
  return {
    id: row.id,
    listingId: row.listing_id,
    kind: row.kind,
    at,
    listing: row.listing ? presentCatalogueListing(row.listing) : { id: row.listing_id, removed: true, removed_at: at },
  };
}
