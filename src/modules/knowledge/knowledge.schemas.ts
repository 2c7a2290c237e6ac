import { z } from 'zod';
import { requiredText } from '../../platform/validation.ts';

/** Answers a question shows at most. */
export const MAX_ANSWERS = 5;
/** The longest question a citizen can ask (and hand over). */
export const QUESTION_MAX = 1000;

// Path parameters: anything that is not a well-formed id is refused before it reaches a service.
export const articleParams = z.object({ articleId: z.uuid() });

const pageNumber = z.coerce.number().int().min(1).max(1000).catch(1).default(1);

/** A list page's query string: the page, and the notice after a change. */
export const listQuery = z.object({ side: pageNumber, besked: z.enum(['oprettet', 'gemt', 'slettet', 'allerede']).optional().catch(undefined) });

/** The citizen's question page's query string: the thanks after "Ja, tak". */
export const askQuery = z.object({ tak: z.enum(['1']).optional().catch(undefined) });

/** Optional text: trimmed; an empty field is not filled in (null); what is filled in has `min` to `max` characters. */
const optionalText = (max: number, min: number) =>
  z
    .string()
    .trim()
    .max(max)
    .refine((value) => value === '' || value.length >= min, { message: 'validation.tooShort', params: { limit: min } })
    .optional()
    .transform((value) => (value ? value : null));

/** An article as the form sends it: Danish title and text, optionally both English ones, keywords, published or not. */
export const articleSchema = z
  .object({
    titleDa: requiredText({ min: 3, max: 200 }),
    bodyDa: requiredText({ min: 10, max: 10000 }),
    titleEn: optionalText(200, 3),
    bodyEn: optionalText(10000, 10),
    keywords: z
      .string()
      .trim()
      .max(500)
      .optional()
      .transform((value) =>
        (value ?? '')
          .split(',')
          .map((k) => k.trim().replace(/\s+/g, ' '))
          .filter(Boolean)
          .join(', '),
      ),
    published: z
      .union([z.string(), z.array(z.string())])
      .optional()
      .transform((value) => [value ?? []].flat().includes('ja')),
  })
  .superRefine((v, ctx) => {
    if (v.titleEn && !v.bodyEn) ctx.addIssue({ code: 'custom', path: ['bodyEn'], message: 'knowledge.validation.englishBoth' });
    if (v.bodyEn && !v.titleEn) ctx.addIssue({ code: 'custom', path: ['titleEn'], message: 'knowledge.validation.englishBoth' });
  });
export type ArticleInput = z.output<typeof articleSchema>;

/** The citizen's question. */
export const questionSchema = z.object({ spoergsmaal: requiredText({ min: 3, max: QUESTION_MAX }) });

/** The articles a page showed, carried along in its forms (at most MAX_ANSWERS ids). */
const shownIds = z
  .union([z.uuid(), z.array(z.uuid()).max(MAX_ANSWERS)])
  .optional()
  .transform((value) => [...new Set([value ?? []].flat())]);

/** "Ja, tak": the article that helped. */
export const helpedSchema = z.object({ artikel: z.uuid({ message: 'knowledge.validation.chooseAnswer' }) });

/** "Det svarede ikke på mit spørgsmål": the question (as the citizen may have changed it) and the articles shown. */
export const handoverSchema = z.object({ spoergsmaal: requiredText({ min: 3, max: QUESTION_MAX }), vist: shownIds });
export type HandoverInput = z.output<typeof handoverSchema>;
