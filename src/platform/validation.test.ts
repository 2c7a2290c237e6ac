import assert from 'node:assert/strict';
import { test } from 'node:test';
import { z } from 'zod';
import { AppError } from './errors.ts';
import { parseInput, requiredText } from './validation.ts';

const schema = z.strictObject({
  description: requiredText({ min: 10, max: 20 }),
  email: z.email().optional(),
  count: z.coerce.number().int().max(5),
  choice: z.enum(['a', 'b']),
});

function errorsOf(input: unknown) {
  try {
    parseInput(schema, input);
  } catch (error) {
    assert.ok(error instanceof AppError);
    assert.equal(error.code, 'VALIDATION');
    return error.fields;
  }
  assert.fail('expected a validation error');
}

test('each broken field gets its own message with the limit it broke', () => {
  assert.deepEqual(errorsOf({ description: 'short', email: 'nope', count: 9, choice: 'c', extra: 1 }), [
    { field: 'description', message: 'validation.tooShort', params: { limit: 10 } },
    { field: 'email', message: 'validation.email' },
    { field: 'count', message: 'validation.tooBig', params: { limit: 5 } },
    { field: 'choice', message: 'validation.choice' },
    { field: 'extra', message: 'validation.unknownField' },
  ]);
});

test('a missing or blank field says it must be filled in, not that it is too short', () => {
  assert.deepEqual(errorsOf({ count: 1, choice: 'a' }), [{ field: 'description', message: 'validation.required' }]);
  assert.deepEqual(errorsOf({ description: '   ', count: 1, choice: 'a' }), [{ field: 'description', message: 'validation.required' }]);
});

test('valid input comes back parsed', () => {
  assert.deepEqual(parseInput(schema, { description: '  long enough text ', count: '3', choice: 'b' }), {
    description: 'long enough text',
    count: 3,
    choice: 'b',
  });
});

test('a schema that names a limit message itself still gets its {limit} (the contact e-mail showed "{limit}")', async () => {
  const { translate } = await import('./i18n/index.ts');
  const contact = z.object({ email: z.string().max(5, { message: 'validation.tooLong' }) });
  const [field] = errorsOf2(contact, { email: 'toolong@example.dk' });
  assert.deepEqual(field, { field: 'email', message: 'validation.tooLong', params: { limit: 5 } });
  assert.equal(translate('da', field.message, field.params), 'Skriv højst 5 tegn.');
});

function errorsOf2(s: z.ZodType, input: unknown) {
  try {
    parseInput(s, input);
  } catch (error) {
    assert.ok(error instanceof AppError);
    return error.fields;
  }
  assert.fail('expected a validation error');
}
