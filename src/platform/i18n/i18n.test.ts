import assert from 'node:assert/strict';
import { test } from 'node:test';
import { da } from './da.ts';
import { en } from './en.ts';
import { formatDateTime, localeFromAcceptLanguage, translate } from './index.ts';

test('every Danish text has an English text that is not left empty', () => {
  assert.deepEqual(Object.keys(en).sort(), Object.keys(da).sort());
  for (const [key, text] of Object.entries(en)) assert.ok(text.trim().length > 0, `en ${key} is empty`);
});

test('placeholders are filled and the same placeholders exist in both languages', () => {
  assert.equal(translate('da', 'validation.tooShort', { limit: 10 }), 'Skriv mindst 10 tegn.');
  assert.equal(translate('en', 'validation.tooShort', { limit: 10 }), 'Write at least 10 characters.');
  const names = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
  for (const key of Object.keys(da) as (keyof typeof da)[]) assert.deepEqual(names(en[key]), names(da[key]), key);
});

test('dates are shown in Copenhagen time in Danish format', () => {
  // 23:30 UTC on 31 March 2026 is 01:30 on 1 April in Copenhagen (summer time).
  assert.equal(formatDateTime('da', new Date('2026-03-31T23:30:00Z')), '1. april 2026 kl. 01.30');
});

test('Accept-Language picks English only when preferred, Danish otherwise', () => {
  assert.equal(localeFromAcceptLanguage(undefined), 'da');
  assert.equal(localeFromAcceptLanguage('en-GB,en;q=0.9,da;q=0.8'), 'en');
  assert.equal(localeFromAcceptLanguage('da,en;q=0.5'), 'da');
  assert.equal(localeFromAcceptLanguage('de-DE,fr;q=0.8'), 'da');
  assert.equal(localeFromAcceptLanguage('de, en;q=0.3'), 'en');
});
