import { z } from 'zod';
import { priceModels } from '../../platform/db/schema.ts';
import { filterCodes, taxonomyCodes } from '../catalogue/index.ts';

export { priceModels } from '../../platform/db/schema.ts';

// Filter values that are not codes are dropped rather than refused, as in the catalogue: an odd value in a shared
// link should give the marketplace, not an error page.
/** The marketplace page's query string (Danish names, as citizens see them in the address bar). */
export const marketplaceQuerySchema = z.object({
  q: z.string().max(200).optional().catch(undefined),
  fase: taxonomyCodes,
  kategori: taxonomyCodes,
  sprog: taxonomyCodes,
  pris: filterCodes(new RegExp(`^(${priceModels.join('|')})$`)),
  lokale: z.literal('1').optional().catch(undefined),
  /** Show the filters (they are one link away on a plain search, so the results come first on a phone). */
  filtre: z.literal('1').optional().catch(undefined),
  side: z.coerce.number().int().min(1).max(500).catch(1).default(1),
});

// An id that is not a UUID names nothing in the marketplace: it is simply not found, as an unknown one is.
const uuidOrNothing = z.uuid().optional().catch(undefined);

export const listingParamsSchema = z.object({ listingId: uuidOrNothing });
export const localOfferParamsSchema = z.object({ localOfferId: uuidOrNothing });
export const ratingParamsSchema = z.object({ ratingId: uuidOrNothing });

/** A listing page's query: which page of ratings, and what just happened (after a redirect). */
export const listingQuerySchema = z.object({
  side: z.coerce.number().int().min(1).max(1000).catch(1).default(1),
  bedoemmelse: z.literal('gemt').optional().catch(undefined),
});

export const signUpOutcomes = ['signed_up', 'already', 'full', 'closed'] as const;
export type SignUpOutcome = (typeof signUpOutcomes)[number];

export const localOfferQuerySchema = z.object({ tilmelding: z.enum(signUpOutcomes).optional().catch(undefined) });

/** A citizen's rating as the form sends it: 1–5 stars and an optional text. */
export const ratingFormSchema = z.object({
  stars: z.coerce
    .number({ message: 'marketplace.validation.stars' })
    .int({ message: 'marketplace.validation.stars' })
    .min(1, { message: 'marketplace.validation.stars' })
    .max(5, { message: 'marketplace.validation.stars' }),
  comment: z
    .string()
    .trim()
    .max(2000)
    .optional()
    .transform((text) => (text ? text : null)),
});
export type RatingInput = z.infer<typeof ratingFormSchema>;

export const moderationDecisions = ['approve', 'reject'] as const;
export type ModerationDecision = (typeof moderationDecisions)[number];

/** A moderator's decision on one rating. */
export const moderationFormSchema = z.object({ decision: z.enum(moderationDecisions) });

export const moderationQuerySchema = z.object({
  side: z.coerce.number().int().min(1).max(1000).catch(1).default(1),
  afgjort: z.enum(moderationDecisions).optional().catch(undefined),
});
