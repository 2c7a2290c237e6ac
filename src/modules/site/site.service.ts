import { randomInt } from 'node:crypto';
import type { Db } from '../../platform/db/database.ts';
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

/** Stores a report of an accessibility problem and returns its reference. Throws VALIDATION with field messages. */
export async function submitAccessibilityFeedback(db: Db, input: unknown, locale: Locale): Promise<{ reference: string }> {
  const feedback = parseInput(accessibilityFeedbackSchema, input);
  const reference = newReference();
  await insertAccessibilityFeedback(db, { ...feedback, reference, locale });
  return { reference };
}

/** Where the language switch may send the reader back to: a path on this site, never another host. */
export function safeReturnPath(candidate: string | undefined): string {
  if (!candidate || !candidate.startsWith('/') || candidate.startsWith('//') || candidate.startsWith('/\\')) return '/';
  return candidate;
}
