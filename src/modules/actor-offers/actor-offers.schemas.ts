// What comes in at the actor-offers module's boundary: the offer form, the recommendation form, path and query.
import { z } from 'zod';
import { copenhagenMomentSchema, requiredText } from '../../platform/validation.ts';

export const offerParams = z.object({ offerId: z.uuid() });
export const recommendationParams = z.object({ listingId: z.uuid() });

const pageNumber = z.coerce.number().int().min(1).max(10_000).catch(1);
export const listQuery = z.object({ side: pageNumber, besked: z.string().max(20).optional().catch(undefined) });
export const listingSearchQuery = z.object({ q: z.string().trim().max(100).optional().catch(undefined) });

/** Optional text: trimmed; an empty field is not filled in (null). */
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((value) => (value ? value : null));

/** An optional link to the offer on the organisation's own site: https only, so a citizen is never sent to plain http. */
const optionalUrl = optionalText(500).refine((value) => value === null || /^https:\/\/[^\s/?#]+\.[^\s]*$/.test(value), {
  message: 'validation.url',
});

/** Runs a cross-field rule even when other fields failed, so every message shows at once. */
const always = { when: () => true };

/** An offer as the organisation's caseworker writes it. `earliestStart` (on creation: now) refuses one that has begun. */
export function actorOfferSchema(options: { earliestStart?: Date | undefined } = {}) {
  return z
    .object({
      titleDa: requiredText({ min: 2, max: 120 }),
      titleEn: requiredText({ min: 2, max: 120 }),
      descriptionDa: requiredText({ min: 10, max: 4000 }),
      descriptionEn: requiredText({ min: 10, max: 4000 }),
      place: requiredText({ min: 2, max: 200 }),
      startsAt: copenhagenMomentSchema,
      endsAt: copenhagenMomentSchema,
      url: optionalUrl,
    })
    .superRefine((v, ctx) => {
      const startsAt = v.startsAt as unknown;
      const endsAt = v.endsAt as unknown;
      if (startsAt instanceof Date && endsAt instanceof Date && endsAt <= startsAt)
        ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'actorOffers.validation.endBeforeStart' });
      if (startsAt instanceof Date && options.earliestStart && startsAt <= options.earliestStart)
        ctx.addIssue({ code: 'custom', path: ['startsAt'], message: 'actorOffers.validation.inPast' });
    }, always);
}
export type ActorOfferInput = z.output<ReturnType<typeof actorOfferSchema>>;

/** A recommendation of a live listing, with an optional note in both languages (or none). */
export const actorRecommendationSchema = z
  .object({
    listingId: z.uuid({ message: 'validation.choice' }),
    noteDa: optionalText(500),
    noteEn: optionalText(500),
  })
  .superRefine((v, ctx) => {
    // Danish first, English second, on every page: a note is written in both or not at all.
    if (v.noteDa && !v.noteEn) ctx.addIssue({ code: 'custom', path: ['noteEn'], message: 'actorOffers.validation.noteBoth' });
    if (v.noteEn && !v.noteDa) ctx.addIssue({ code: 'custom', path: ['noteDa'], message: 'actorOffers.validation.noteBoth' });
  }, always);
export type ActorRecommendationInput = z.output<typeof actorRecommendationSchema>;
