import { z } from 'zod';

export const timelineCategories = ['service', 'job-search', 'plan', 'local-offer', 'screening', 'meeting'] as const;

/** The timeline's query: a page (keyset cursor), and the filters by service (listing) and by type. */
export const timelineQuery = z.object({
  cursor: z.string().max(500).optional(),
  tjeneste: z
    .uuid()
    .optional()
    .or(z.literal('').transform(() => undefined))
    .catch(undefined),
  type: z
    .enum(timelineCategories)
    .optional()
    .or(z.literal('').transform(() => undefined))
    .catch(undefined),
});
export type TimelineQuery = z.infer<typeof timelineQuery>;

export const caseworkerTimelineQuery = timelineQuery.extend({ purpose: z.string().max(2000).optional() });

export const citizenParams = z.object({ citizenId: z.uuid() });
