import { z } from 'zod';
import type { AnswerType, CheckCode } from '../../platform/db/schema.ts';
import { requiredText } from '../../platform/validation.ts';

export const answerTypes = ['yes_no', 'text', 'url', 'email', 'nsis_level'] as const satisfies readonly AnswerType[];
export const obligations = ['must', 'may'] as const;
export const checkCodes = ['https_url', 'email', 'accessibility_statement', 'nsis_level'] as const satisfies readonly CheckCode[];
export const yesNoAnswers = ['yes', 'no'] as const;
export const nsisLevelAnswers = ['Low', 'Substantial', 'High'] as const;

/** The longest answer kept (the database refuses longer ones too). */
export const ANSWER_MAX_LENGTH = 2000;

/** The answer type an automated check understands (the database holds the same rule). */
export const answerTypeOfCheck: Record<CheckCode, AnswerType> = {
  https_url: 'url',
  accessibility_statement: 'url',
  email: 'email',
  nsis_level: 'nsis_level',
};

const httpsUrl = z.url({ protocol: /^https$/, hostname: z.regexes.domain });
const emailAddress = z.email();

/** One answer, checked by its requirement's answer type. An empty answer means "not answered" (a draft may have gaps). */
export function answerSchema(type: AnswerType) {
  const text = z.string().trim().max(ANSWER_MAX_LENGTH);
  switch (type) {
    case 'yes_no':
      return text.refine((v) => v === '' || (yesNoAnswers as readonly string[]).includes(v), { message: 'validation.choice' });
    case 'nsis_level':
      return text.refine((v) => v === '' || (nsisLevelAnswers as readonly string[]).includes(v), { message: 'validation.choice' });
    case 'url':
      return text.refine((v) => v === '' || (!/\s/.test(v) && httpsUrl.safeParse(v).success), { message: 'validation.url' });
    case 'email':
      return z
        .string()
        .trim()
        .max(320)
        .refine((v) => v === '' || emailAddress.safeParse(v).success, { message: 'validation.email' });
    case 'text':
      return text;
  }
}

/**
 * A declaration as the vendor sends it: answers keyed by requirement key. A key left out keeps its answer (or the
 * answer carried over from the earlier version); an empty answer clears it. `versionId` names the version the
 * vendor saw, so answers to an outdated form are not stored against a newer version.
 */
export function declarationInputSchema(requirements: readonly { key: string; answer_type: AnswerType }[]) {
  return z.strictObject({
    versionId: z.uuid().optional(),
    answers: z.strictObject(Object.fromEntries(requirements.map((r) => [r.key, answerSchema(r.answer_type).optional()]))).default({}),
  });
}
export type DeclarationInput = z.input<ReturnType<typeof declarationInputSchema>>;

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((v) => (v ? v : null));

const requirementContentShape = {
  position: z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().min(1).max(1000).optional()),
  textDa: requiredText({ min: 2, max: 1000 }),
  textEn: requiredText({ min: 2, max: 1000 }),
  helpDa: optionalText(2000),
  helpEn: optionalText(2000),
  answerType: z.enum(answerTypes),
  obligation: z.enum(obligations),
  checkCode: z
    .union([z.literal(''), z.enum(checkCodes)], { message: 'validation.choice' })
    .optional()
    .transform((v) => (v ? v : null)),
};

function checkMatchesAnswerType(value: { answerType: AnswerType; checkCode: CheckCode | null }, ctx: z.RefinementCtx): void {
  if (value.checkCode && answerTypeOfCheck[value.checkCode] !== value.answerType) {
    ctx.addIssue({ code: 'custom', path: ['checkCode'], message: 'framework.requirement.checkMismatch' });
  }
}

/** A requirement's content as governance edits it (the key stays: changing it would make a new requirement). */
export const requirementContentSchema = z.strictObject(requirementContentShape).superRefine(checkMatchesAnswerType);

/** A new requirement: its stable key and content. */
export const newRequirementSchema = z
  .strictObject({
    key: z
      .string()
      .trim()
      .regex(/^[a-z][a-z0-9_]{1,59}$/, { message: 'framework.requirement.keyFormat' }),
    ...requirementContentShape,
  })
  .superRefine(checkMatchesAnswerType);

export type RequirementContent = z.output<typeof requirementContentSchema>;
export type NewRequirement = z.output<typeof newRequirementSchema>;
