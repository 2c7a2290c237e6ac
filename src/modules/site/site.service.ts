import { randomInt } from 'node:crypto';
import type { Db } from '../../platform/db/database.ts';
import { createOnce, type FormOnce } from '../../platform/http/form-token.ts';
import type { Locale } from '../../platform/i18n/index.ts';
import { parseInput } from '../../platform/validation.ts';
import { insertAccessibilityFeedback } from './site.repository.ts';
import { accessibilityFeedbackSchema } from './site.schemas.ts';

// No 0/O or 1/I/L: references are read aloud on the phone.
const referenceAlphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

function newReference(): string {
  let code = '';
  for (let i = 0; i < 8; i++) code += referenceAlphabet[randomInt(referenceAlphabet.length)];
  return `TG-${code.slice(0, 4)}-${code.slice(4)}`;
}

/**
 * Stores a report of an accessibility problem, once per form token, and returns its reference (a resubmit gets the
 * first report's, `replayed`). Throws VALIDATION with field messages, CONFLICT for another form's token.
 */
export async function submitAccessibilityFeedback(db: Db, input: unknown, locale: Locale, once?: FormOnce): Promise<{ reference: string; replayed: boolean }> {
  const feedback = parseInput(accessibilityFeedbackSchema, input);
  const { id, replayed } = await createOnce(db, once, async (trx) => {
    const reference = newReference();
    await insertAccessibilityFeedback(trx, { ...feedback, reference, locale });
    return reference;
  });
  return { reference: id, replayed };
}
