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
