import { z } from 'zod';
import { consentDecisions } from '../../platform/db/schema.ts';

// An id that is not a UUID names nothing: it is simply not found, as an unknown one is.
const uuidOrNothing = z.uuid().optional().catch(undefined);

export const consentParamsSchema = z.object({ consentId: uuidOrNothing });

/** The citizen's answer on the consent screen: the button pressed (name=decision). */
export const consentAnswerFormSchema = z.object({
  decision: z.enum(consentDecisions, { message: 'consent.validation.decision' }),
});

/** The confirmation on the withdrawal and deletion pages: the box must be ticked. */
export const confirmFormSchema = z.object({
  confirm: z.literal('yes', { message: 'consent.validation.confirm' }),
});

export const myConsentsFlashes = ['withdrawn', 'deletion_requested', 'forgotten'] as const;
export type MyConsentsFlash = (typeof myConsentsFlashes)[number];

/** Mine samtykker's query: what just happened (after a redirect). */
export const myConsentsQuerySchema = z.object({ besked: z.enum(myConsentsFlashes).optional().catch(undefined) });

/** What a vendor may send when it confirms a deletion: its own reference for it. */
export const deletionCompletedBodySchema = z
  .object({ reference: z.string().trim().min(1).max(200).optional() })
  .strict()
  .nullish()
  .describe('Optional: your own reference for the deletion. The body may be left out.');

/** The vendor's answer to a deletion request (docs/VENDOR-DELETION.md); anything else is ignored. */
export const vendorDeletionAnswerSchema = z.object({
  reference: z.string().max(200).optional().catch(undefined),
  status: z.string().max(40).optional().catch(undefined),
});
