import { z } from 'zod';
import { nsisLevels } from '../../platform/auth/nsis.ts';

import { priceModels } from '../../platform/db/schema.ts';

export { channels, legalBases, priceModels } from '../../platform/db/schema.ts';

// A facet value that is not a code is dropped rather than refused: the catalogue is browsed from links and forms,
// and an odd value in a shared link should give the catalogue, not an error page.
export const filterCodes = (pattern: RegExp) =>
  z
    .union([z.string(), z.array(z.string())])
    .optional()
    .catch(undefined)
    .transform((value) =>
      [...new Set(value === undefined ? [] : [value].flat())]
        .filter((code) => pattern.test(code))
        .sort()
        .slice(0, 20),
    );

export const taxonomyCodes = filterCodes(/^[a-z0-9_]{1,30}$/);

/** The catalogue page's query string (Danish names, as users see them in the address bar). */
export const catalogueQuerySchema = z.object({
  q: z.string().max(200).optional().catch(undefined),
  fase: taxonomyCodes,
  kategori: taxonomyCodes,
  maalgruppe: taxonomyCodes,
  sprog: taxonomyCodes,
  pris: filterCodes(new RegExp(`^(${priceModels.join('|')})$`)),
  niveau: z.enum(nsisLevels).optional().catch(undefined),
  side: z.coerce.number().int().min(1).max(400).catch(1).default(1),
});
export type CatalogueQuery = z.infer<typeof catalogueQuerySchema>;

/** A listing's public page: an id that is not a UUID is simply not found. */
export const listingParamsSchema = z.object({
  listingId: z.uuid().optional().catch(undefined),
});
