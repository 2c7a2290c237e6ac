import { z } from 'zod';
import { isMessageKey, translate } from './i18n/index.ts';
import { AppError, type FieldError } from './errors.ts';
import { copenhagenMoment } from './time.ts';

/** The parts of a zod issue the messages depend on (also what fastify-type-provider-zod hands over). */
export type IssueLike = {
  code: string;
  path: readonly PropertyKey[];
  message?: string;
  origin?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  format?: string;
  expected?: string;
  keys?: string[];
  /** Parameters a custom check gives its catalogue message, e.g. `{ limit: 10 }`. */
  params?: Record<string, unknown>;
};

function limit(value: number | bigint | undefined): number {
  return Number(value ?? 0);
}

function messageFor(issue: IssueLike): Pick<FieldError, 'message' | 'params'> {
  // A schema may name a catalogue text itself, e.g. `.refine(..., { message: 'validation.url' })`.
  if (issue.message && isMessageKey(issue.message)) {
    // `.max(254, { message: 'validation.tooLong' })` names the text but not its {limit}: take it from the issue, as the
    // default message would, so no placeholder is ever shown as it is.
    const wantsLimit = translate('da', issue.message).includes('{limit}');
    const bound = issue.code === 'too_big' ? issue.maximum : issue.code === 'too_small' ? issue.minimum : undefined;
    const fromIssue: Record<string, number> = wantsLimit && bound !== undefined ? { limit: limit(bound) } : {};
    const given = Object.entries(issue.params ?? {}).filter(
      (entry): entry is [string, string | number] => typeof entry[1] === 'string' || typeof entry[1] === 'number',
    );
    const params: Record<string, string | number> = { ...fromIssue, ...Object.fromEntries(given) };
    return Object.keys(params).length ? { message: issue.message, params } : { message: issue.message };
  }
  switch (issue.code) {
    case 'invalid_type':
      if (issue.expected === 'number') return { message: 'validation.number' };
      // zod leaves the input out of issues by default; its message still says what was received.
      if (/received (undefined|null)/.test(issue.message ?? '')) return { message: 'validation.required' };
      return { message: 'validation.invalid' };
    case 'too_small':
      if (issue.origin === 'string' || issue.origin === 'array')
        return limit(issue.minimum) <= 1 ? { message: 'validation.required' } : { message: 'validation.tooShort', params: { limit: limit(issue.minimum) } };
      return { message: 'validation.tooSmall', params: { limit: limit(issue.minimum) } };
    case 'too_big':
      if (issue.origin === 'string' || issue.origin === 'array') return { message: 'validation.tooLong', params: { limit: limit(issue.maximum) } };
      return { message: 'validation.tooBig', params: { limit: limit(issue.maximum) } };
    case 'invalid_format':
      if (issue.format === 'email') return { message: 'validation.email' };
      if (issue.format === 'url') return { message: 'validation.url' };
      return { message: 'validation.format' };
    case 'invalid_value':
      return { message: 'validation.choice' };
    default:
      return { message: 'validation.invalid' };
  }
}

/** Turns zod issues into field errors with catalogue messages; the first problem per field wins. */
export function fieldErrorsFromIssues(issues: readonly IssueLike[]): FieldError[] {
  const byField = new Map<string, FieldError>();
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys ?? []) {
        const field = [...issue.path.map(String), key].join('.');
        if (!byField.has(field)) byField.set(field, { field, message: 'validation.unknownField' });
      }
      continue;
    }
    const field = issue.path.map(String).join('.') || '(root)';
    if (!byField.has(field)) byField.set(field, { field, ...messageFor(issue) });
  }
  return [...byField.values()];
}

/** Validates input against a schema; throws AppError VALIDATION with field-level messages. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new AppError('VALIDATION', 'The input is not valid.', fieldErrorsFromIssues(result.error.issues));
}

/** A required text field: trimmed, and an empty one says "fill in" rather than "too short". */
export function requiredText(options: { min?: number; max: number }) {
  return z
    .string()
    .trim()
    .min(1, { message: 'validation.required' })
    .min(options.min ?? 1)
    .max(options.max);
}

const datePart = z.string().trim().max(10).optional();

/** A date and time typed into DKFDS date fields (<name>Day, Month, Year) and a time field, read as Copenhagen time. */
export const copenhagenMomentSchema = z.object({ day: datePart, month: datePart, year: datePart, time: datePart }).transform((v, ctx) => {
  const [day = '', month = '', year = '', time = ''] = [v.day, v.month, v.year, v.time].map((part) => part ?? '');
  if (!day && !month && !year && !time) {
    ctx.addIssue({ code: 'custom', message: 'validation.required' });
    return z.NEVER;
  }
  const clock = /^([0-9]{1,2})[:.]([0-9]{2})$/.exec(time);
  const wellFormed = /^[0-9]{1,2}$/.test(day) && /^[0-9]{1,2}$/.test(month) && /^[0-9]{4}$/.test(year) && clock;
  const moment =
    wellFormed && Number(year) >= 2000 && Number(year) <= 2100 && Number(clock[1]) < 24 && Number(clock[2]) < 60
      ? copenhagenMoment({ year: Number(year), month: Number(month), day: Number(day), hour: Number(clock[1]), minute: Number(clock[2]) })
      : undefined;
  if (!moment) {
    ctx.addIssue({ code: 'custom', message: 'validation.moment' });
    return z.NEVER;
  }
  return moment;
});
