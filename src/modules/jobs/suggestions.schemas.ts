import { z } from 'zod';
import { calendarDate } from '../../platform/time.ts';
import type { JobSuggestionAnswer } from './jobs.tables.ts';

export const suggestionAnswers = ['applied', 'not_relevant', 'will_apply'] as const satisfies readonly JobSuggestionAnswer[];

/** An ad's id as the feed gives it (as jobs.schemas.ts' adParams). */
export const adIdSchema = z.string().regex(/^[A-Za-z0-9._:-]{1,64}$/, { message: 'validation.invalid' });

export const suggestionCitizenParams = z.object({ citizenId: z.uuid() });

/** The caseworker's page: the purpose (asked first), the job search (text and place) and what was just done. */
export const caseworkerSuggestionsQuery = z.object({
  purpose: z.string().max(2000).optional(),
  q: z.string().max(200).optional().catch(undefined),
  sted: z.string().max(100).optional().catch(undefined),
  gemt: z.enum(['1']).optional().catch(undefined),
});

/** Which of the forms on the caseworker's page was sent: opening it with a purpose (by default), or a suggestion. */
export const caseworkerSuggestionsAction = z.object({ action: z.enum(['open', 'suggest']).catch('open') });

/**
 * One suggestion as the caseworker's form sends it, its fields read under plain names (the page names each ad's note
 * field after the ad, so that every field on the page has its own id; the service maps them): the purpose written to
 * the citizen's Min Log, the ad and an optional note to the citizen.
 */
export const suggestionSchema = z.object({
  // Typed only where the page was opened with one; else the working session's purpose (identity's purpose sessions).
  purpose: z.string().max(500).optional(),
  adId: adIdSchema,
  note: z
    .string()
    .trim()
    .max(1000, { message: 'validation.tooLong' })
    .optional()
    .transform((note) => note || null),
});

/** The citizen's page: what was just saved. */
export const citizenSuggestionsQuery = z.object({ gemt: z.enum(['1']).optional().catch(undefined) });

/** Which suggestion an answer is to (a hidden field of its form). */
export const answerTargetSchema = z.object({ forslag: z.uuid() });

const datePart = z.string().trim().max(10).optional();

/**
 * The citizen's answer, its fields read under plain names (the page names them after the suggestion): applied; not
 * relevant, with a reason (at most 500 characters); or will apply by a day (DKFDS date fields applyByDay/Month/Year,
 * not before `today`, Copenhagen's). Every field's problem is told at once.
 */
export function answerSchema(today: string) {
  return z
    .object({ answer: z.string().optional(), reason: z.string().optional(), applyByDay: datePart, applyByMonth: datePart, applyByYear: datePart })
    .transform((v, ctx) => {
      let failed = false;
      const fail = (field: string, message: string, params?: Record<string, number>) => {
        failed = true;
        ctx.addIssue({ code: 'custom', path: [field], message, ...(params ? { params } : {}) });
      };
      const answer = suggestionAnswers.find((a) => a === v.answer);
      if (!answer) fail('answer', 'jobs.suggestion.error.answer');
      const reason = (v.reason ?? '').trim();
      if (answer === 'not_relevant') {
        if (!reason) fail('reason', 'jobs.suggestion.error.reason');
        else if (reason.length > 500) fail('reason', 'validation.tooLong', { limit: 500 });
      }
      let applyBy: string | undefined;
      if (answer === 'will_apply') {
        const [day, month, year] = [v.applyByDay ?? '', v.applyByMonth ?? '', v.applyByYear ?? ''];
        applyBy = /^\d{1,2}$/.test(day) && /^\d{1,2}$/.test(month) && /^\d{4}$/.test(year) ? calendarDate(Number(year), Number(month), Number(day)) : undefined;
        if (!day && !month && !year) fail('applyBy', 'jobs.suggestion.error.applyBy');
        else if (!applyBy) fail('applyBy', 'jobs.suggestion.error.date');
        else if (applyBy < today) fail('applyBy', 'jobs.suggestion.error.past');
      }
      if (failed || !answer) return z.NEVER;
      return {
        answer,
        reason: answer === 'not_relevant' ? reason : null,
        applyBy: answer === 'will_apply' ? (applyBy ?? null) : null,
      };
    });
}
export type SuggestionAnswerInput = z.output<ReturnType<typeof answerSchema>>;

/** The names of an answer form's fields on the citizen's page, each suggestion's its own (so every id is unique). */
export function answerFieldsOf(suggestionId: string) {
  return { answer: `answer-${suggestionId}`, reason: `reason-${suggestionId}`, applyBy: `applyBy-${suggestionId}` } as const;
}

/** The name of an ad's note field on the caseworker's page (each ad's its own, so every id is unique). */
export function noteFieldOf(adId: string): string {
  return `note-${adId}`;
}
