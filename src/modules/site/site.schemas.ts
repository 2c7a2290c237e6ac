import { z } from 'zod';
import { requiredText } from '../../platform/validation.ts';

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((v) => (v ? v : undefined));

/** A report of an accessibility problem, as the statement page's form sends it. */
export const accessibilityFeedbackSchema = z.object({
  description: requiredText({ min: 10, max: 5000 }),
  pageUrl: optionalText(2000),
  name: optionalText(200),
  email: z
    .string()
    .trim()
    .max(320)
    .optional()
    .transform((v) => (v ? v : undefined))
    .pipe(z.email().optional()),
});
export type AccessibilityFeedbackInput = z.input<typeof accessibilityFeedbackSchema>;

export const languageSwitchQuerySchema = z.object({
  til: z.enum(['da', 'en']).catch('da'),
  tilbage: z.string().max(2000).optional(),
});
