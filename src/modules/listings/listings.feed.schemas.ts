import { z } from 'zod';
import { channels, legalBases, priceModels } from '../../platform/db/schema.ts';

export const feedKinds = ['created', 'changed', 'suspended', 'reinstated', 'removed'] as const;

/** The catalogue feed's query: where to continue (the previous page's `next`) and how many items at most. */
export const catalogueFeedQuerySchema = z.object({
  after: z.string().max(200).optional().describe('The `next` of the previous page; leave out to start from the beginning.'),
  limit: z.coerce.number().int().min(1).max(1000).default(100).describe('Items per page, 1–1000.'),
});

/** A live listing as the national catalogue's listing page shows it. */
export const catalogueListingSchema = z
  .object({
    id: z.uuid(),
    version: z.number().int(),
    nameDa: z.string(),
    nameEn: z.string(),
    summaryDa: z.string(),
    summaryEn: z.string(),
    descriptionDa: z.string(),
    descriptionEn: z.string(),
    journeyStage: z.string(),
    priceModel: z.enum(priceModels),
    requiredNsisLevel: z.enum(['Low', 'Substantial', 'High']),
    channels: z.array(z.enum(channels)),
    serviceUrl: z.string(),
    accessibilityStatementUrl: z.string(),
    vendorName: z.string(),
    categories: z.array(z.string()),
    targetGroups: z.array(z.string()),
    languages: z.array(z.string()),
    dataCategories: z.array(
      z.object({ category: z.string(), purposeDa: z.string().nullable(), purposeEn: z.string().nullable(), legalBasis: z.enum(legalBases).nullable() }),
    ),
  })
  .meta({ id: 'CatalogueListing' });

/** What is left of a listing that left the catalogue (suspended or delisted): remove it. */
export const catalogueTombstoneSchema = z
  .object({ id: z.uuid(), removed: z.literal(true), removed_at: z.string().describe('When it left the catalogue (RFC 3339).') })
  .meta({ id: 'CatalogueTombstone' });

export const catalogueFeedItemSchema = z
  .object({
    id: z.uuid().describe('The change’s own id.'),
    listingId: z.uuid(),
    kind: z.enum(feedKinds),
    at: z.string().describe('When the change was made (RFC 3339).'),
    listing: z
      .union([catalogueListingSchema, catalogueTombstoneSchema])
      .describe('The listing as the catalogue shows it now (created, changed, reinstated), or a tombstone (suspended, removed).'),
  })
  .meta({ id: 'CatalogueFeedItem' });

export const catalogueFeedPageSchema = z
  .object({
    items: z.array(catalogueFeedItemSchema),
    next: z.string().describe('Opaque cursor: pass it as `after` to read on (the same cursor comes back while nothing is new).'),
  })
  .meta({ id: 'CatalogueFeedPage' });

export type CatalogueListingDto = z.infer<typeof catalogueListingSchema>;
export type CatalogueFeedItemDto = z.infer<typeof catalogueFeedItemSchema>;
