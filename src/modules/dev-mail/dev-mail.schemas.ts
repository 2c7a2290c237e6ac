import { z } from 'zod';
import { pageQuerySchema } from '../../platform/http/pagination.ts';

/** The list of caught mails: 25 to a page by default, after the cursor the previous page gave. */
export const caughtMailsQuerySchema = pageQuerySchema.extend({
  // After "Slet alle": the list says the mails were deleted.
  slettet: z.literal('1').optional().catch(undefined),
});

export const caughtMailParamsSchema = z.object({ mailId: z.uuid() });
