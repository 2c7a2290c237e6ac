import assert from 'node:assert/strict';
import { globSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { da, en, messageParts } from './catalogue.ts';
import { formatDateTime, localeFromAcceptLanguage, translate } from './index.ts';

type Part = { owner: string; da: Readonly<Record<string, string>>; en: Readonly<Record<string, string>> };
const parts: Part[] = Object.entries(messageParts).map(([owner, part]) => ({ owner, da: part.da, en: part.en }));

test('every Danish text has an English text that is not left empty, in each module and in the whole catalogue', () => {
  for (const part of parts) {
    const missing = Object.keys(part.da).filter((key) => !Object.hasOwn(part.en, key));
    const extra = Object.keys(part.en).filter((key) => !Object.hasOwn(part.da, key));
    assert.deepEqual({ missing, extra }, { missing: [], extra: [] }, `${part.owner}: English keys differ from the Danish ones`);
    for (const [key, text] of Object.entries(part.en)) assert.ok(text.trim().length > 0, `${part.owner}: en ${key} is empty`);
    for (const [key, text] of Object.entries(part.da)) assert.ok(text.trim().length > 0, `${part.owner}: da ${key} is empty`);
  }
  assert.deepEqual(Object.keys(en).sort(), Object.keys(da).sort());
});

test('no two modules (or a module and the platform) define the same key', () => {
  const owners = new Map<string, string[]>();
  for (const part of parts) for (const key of Object.keys(part.da)) owners.set(key, [...(owners.get(key) ?? []), part.owner]);
  const twice = [...owners].filter(([, by]) => by.length > 1).map(([key, by]) => `${key}: ${by.join(', ')}`);
  assert.deepEqual(twice, []);
});

test('no English text keeps a Danish word: a word with æ, ø or å is a proper name (capitalised) found in the Danish text too', () => {
  const leftovers = Object.entries(en).flatMap(([key, text]) =>
    (text.match(/[\p{L}-]*[æøåÆØÅ][\p{L}-]*/gu) ?? [])
      .filter((word) => word[0] === word[0]?.toLowerCase() || !da[key as keyof typeof da].includes(word))
      .map((word) => `${key}: ${word}`),
  );
  assert.deepEqual(leftovers, []);
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

// Keys built at run time from a value, e.g. t(`journey.status.${status}`); `*` stands for the value. Every
// key that fits one of these counts as used. The test after the next one finds every such construction in src, so a
// new one fails until it is listed here and an entry whose construction is gone fails until it is removed.
const dynamicKeys = [
  'check.*.*',
  'check.*.fix',
  'check.*.title',
  'clientAuth.*',
  'channel.*',
  'consent.confirm.*.check',
  'consent.confirm.*.submit',
  'consent.confirm.*.text',
  'consent.confirm.*.title',
  'consent.decision.*',
  'consent.deletion.reason.*',
  'consent.deletion.status.*',
  'consent.legalBasis.*',
  'curation.kind.*',
  'curation.licence.status.*',
  'curation.offer.status.*',
  'dataCategory.*',
  'events.code.*',
  'error.*.text',
  'error.*.title',
  'framework.answer.*',
  'framework.answerType.*',
  'framework.change.*',
  'framework.check.*',
  'framework.declaration.status.*',
  'framework.obligation.*',
  'framework.status.*',
  'journey.escalation.status.*',
  'journey.plan.to.*',
  'journey.reason.citizen.*',
  'journey.reason.staff.*',
  'journey.screening.digitalReadiness.*',
  'journey.screening.needsHelp.*',
  'journey.source.*',
  'journey.status.*',
  'landing.*.link',
  'landing.*.text',
  'landing.*.title',
  'legalBasis.*',
  'level.*',
  'listing.checks.*',
  'listing.field.*',
  'listing.status.*',
  'marketplace.offerKind.*',
  'marketplace.rating.status.*',
  'marketplace.signUp.*',
  'minlog.action.*',
  'notice.*',
  'price.*',
  'review.decide.*',
  'review.declaration.*',
  'review.done.*',
  'review.obligation.*',
  'role.*',
  'signin.failed.*',
  'vendor.profile.dpa.*',
  'weekday.*',
];

const srcRoot = path.resolve(import.meta.dirname, '../..');
/** The code that can use a message: every .ts under src but the messages, the catalogue composed from them and the tests. */
const codeFiles = globSync('**/*.ts', { cwd: srcRoot }).filter(
  (file) => !file.endsWith('.test.ts') && !file.endsWith('.messages.ts') && file !== path.join('platform', 'i18n', 'catalogue.ts'),
);
const source = codeFiles.map((file) => readFileSync(path.join(srcRoot, file), 'utf8')).join('\n');
const patternOf = (entry: string) =>
  new RegExp(
    `^${entry
      .split('*')
      .map((part) => part.replaceAll('.', '\\.'))
      .join('[^.]+')}$`,
  );
const keys = Object.keys(da);

test('every Danish message key is used by the code, literally or through a listed dynamic key', () => {
  const literals = new Set([...source.matchAll(/(['"`])([\w.-]+)\1/g)].map((match) => match[2]));
  const patterns = dynamicKeys.map(patternOf);
  const dead = keys.filter((key) => !literals.has(key) && !patterns.some((pattern) => pattern.test(key)));
  assert.deepEqual(dead, [], 'keys no code uses: remove them from the Danish and English messages that define them');
});

test('the list of dynamic keys matches the template-literal keys the code builds', () => {
  const built = new Set(
    [...source.matchAll(/`([a-z]\w*(?:\.\w+)*\.\$\{[^`]*)`/g)]
      .map((match) => (match[1] ?? '').replace(/\$\{[^}]*\}/g, '*'))
      // Template literals of this shape that build no message key (form field names, column references).
      .filter((entry) => keys.some((key) => patternOf(entry).test(key))),
  );
  assert.deepEqual([...built].sort(), [...dynamicKeys].sort());
  for (const entry of dynamicKeys)
    assert.ok(
      keys.some((key) => patternOf(entry).test(key)),
      `${entry} matches no key`,
    );
});

test('no code casts a string to a message key: a key is a literal, a lookup object or a checked template literal', () => {
  const casts = globSync('**/*.ts', { cwd: srcRoot })
    .filter((file) => !file.endsWith('i18n.test.ts'))
    .flatMap((file) =>
      readFileSync(path.join(srcRoot, file), 'utf8')
        .split('\n')
        .flatMap((line, i) => (/\bas\s+MessageKey\b/.test(line) ? [`src/${file}:${i + 1}`] : [])),
    );
  assert.deepEqual(casts, []);
});
