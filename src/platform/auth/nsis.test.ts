import assert from 'node:assert/strict';
import { test } from 'node:test';
import { acrValuesAtLeast, meetsLevel, normaliseNsisLevel, nsisLevelFromClaims, type NsisLevel } from './nsis.ts';

const table: [string, unknown, 'acr' | 'loa' | 'legacy', NsisLevel | undefined][] = [
  ['OIOSAML 3 request / OIDC acr: Low', 'https://data.gov.dk/concept/core/nsis/loa/Low', 'acr', 'Low'],
  ['OIOSAML 3 request / OIDC acr: Substantial', 'https://data.gov.dk/concept/core/nsis/loa/Substantial', 'acr', 'Substantial'],
  ['OIOSAML 3 request / OIDC acr: High', 'https://data.gov.dk/concept/core/nsis/loa/High', 'acr', 'High'],
  ['OIOSAML 3 acr in other case', 'HTTPS://DATA.GOV.DK/concept/core/nsis/loa/substantial', 'acr', 'Substantial'],
  ['OIOSAML 3 response attribute: Low', 'Low', 'loa', 'Low'],
  ['OIOSAML 3 response attribute: Substantial', 'Substantial', 'loa', 'Substantial'],
  ['OIOSAML 3 response attribute: High', 'High', 'loa', 'High'],
  ['OIOSAML 4: low', 'https://data.gov.dk/concept/core/loa/low', 'acr', 'Low'],
  ['OIOSAML 4: substantial', 'https://data.gov.dk/concept/core/loa/substantial', 'acr', 'Substantial'],
  ['OIOSAML 4: high', 'https://data.gov.dk/concept/core/loa/high', 'acr', 'High'],
  ['broker loa/ial/aal claim in lower case', 'substantial', 'loa', 'Substantial'],
  ['eIDAS URN', 'http://eidas.europa.eu/loa/high', 'acr', 'High'],
  ['legacy AssuranceLevel 2', '2', 'legacy', 'Low'],
  ['legacy AssuranceLevel 3', '3', 'legacy', 'Substantial'],
  ['legacy AssuranceLevel 3 as a number', 3, 'legacy', 'Substantial'],
  ['legacy AssuranceLevel 4 (not defined) is unknown', '4', 'legacy', undefined],
  ['unknown acr', 'urn:example:loa:ultra', 'acr', undefined],
  ['unknown word under the NSIS prefix', 'https://data.gov.dk/concept/core/nsis/loa/Extreme', 'acr', undefined],
  ['a prefix trick', 'https://data.gov.dk/concept/core/nsis/loa/High/../Low', 'acr', undefined],
  ['empty', '', 'acr', undefined],
  ['not a string', { level: 'High' }, 'acr', undefined],
  ['missing', undefined, 'loa', undefined],
];

for (const [name, value, form, expected] of table) {
  test(`NSIS level from ${name}`, () => assert.equal(normaliseNsisLevel(value, form), expected));
}

test('from claims, the lowest stated level counts and unknown values never raise it', () => {
  assert.equal(nsisLevelFromClaims({ acr: 'https://data.gov.dk/concept/core/nsis/loa/High', loa: 'Substantial' }), 'Substantial');
  assert.equal(nsisLevelFromClaims({ acr: 'urn:unknown:very-high', 'https://data.gov.dk/concept/core/nsis/loa': 'Low' }), 'Low');
  assert.equal(nsisLevelFromClaims({ acr: 'urn:unknown:very-high' }), undefined);
  assert.equal(nsisLevelFromClaims({ 'dk:gov:saml:attribute:AssuranceLevel': '3' }), 'Substantial');
});

test('levels compare in order, and a step-up request lists every level that would do', () => {
  assert.ok(meetsLevel('High', 'Substantial'));
  assert.ok(!meetsLevel('Low', 'Substantial'));
  assert.deepEqual(acrValuesAtLeast('Substantial'), [
    'https://data.gov.dk/concept/core/nsis/loa/Substantial',
    'https://data.gov.dk/concept/core/nsis/loa/High',
  ]);
});
