import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isValidCvr } from './cvr.ts';

for (const [cvr, valid] of [
  ['39000008', true],
  ['39000016', true],
  ['39000024', true],
  ['39000001', false],
  ['39000080', false],
  ['93000008', false],
  ['09000008', false],
  ['3900000', false],
  ['390000088', false],
  ['3900000a', false],
  ['', false],
] as const) {
  test(`CVR ${JSON.stringify(cvr)} is ${valid ? 'valid' : 'refused'}`, () => assert.equal(isValidCvr(cvr), valid));
}
