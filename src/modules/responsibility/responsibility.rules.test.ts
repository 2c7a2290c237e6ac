import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addDays, addMonths, choiceLockedUntil, responsibleOn, ruleInForce, stretchesBetween, type Inputs, type Rule } from './responsibility.rules.ts';

const general: Rule = {
  id: 'dagpenge-akasse',
  version: 1,
  validFrom: '2019-01-01',
  benefit: 'dagpenge',
  municipalityCodes: null,
  akasseMonths: 3,
  freeChoice: false,
  choiceLockDays: 0,
  legalBasis: 'LAB',
};
const trial: Rule = {
  id: 'forsoeg-2027',
  version: 1,
  validFrom: '2027-01-01',
  benefit: 'dagpenge',
  municipalityCodes: ['101', '461'],
  akasseMonths: 4,
  freeChoice: true,
  choiceLockDays: 30,
  legalBasis: 'Forsøg 2027',
};
const candidates = { kommune: 'kommune-101', akasse: 'akasse-11111111', otherActors: ['aktoer-22222222'] };
const dagpenge = (since: string, municipalityCode = '751'): Inputs => ({
  situation: { municipalityCode, benefit: 'dagpenge', unemployedSince: since, akasseCvr: '11111111' },
  rules: [general, trial],
  candidates: { ...candidates, kommune: `kommune-${municipalityCode}` },
  choices: [],
});

test('months are added on the calendar, the day clamped to the end of a shorter month', () => {
  assert.equal(addMonths('2026-11-30', 3), '2027-02-28');
  assert.equal(addMonths('2027-11-30', 3), '2028-02-29', 'leap year');
  assert.equal(addMonths('2026-01-31', 1), '2026-02-28');
  assert.equal(addMonths('2026-10-15', 3), '2027-01-15', 'over the new year');
  assert.equal(addMonths('2026-05-31', 4), '2026-09-30');
  assert.equal(addDays('2026-02-28', 1), '2026-03-01');
  assert.equal(addDays('2026-03-01', -1), '2026-02-28');
});

test('a dagpenge citizen is with their a-kasse for the first months, then with the municipality', () => {
  const inputs = dagpenge('2026-03-10');
  const first = responsibleOn(inputs, '2026-03-10');
  assert.equal(first.organisationId, 'akasse-11111111');
  assert.equal(first.basis, 'rule');
  assert.deepEqual(first.rule, { id: 'dagpenge-akasse', version: 1 });
  assert.deepEqual(first.handOver, { on: '2026-06-10', organisationId: 'kommune-751' });
  assert.equal(responsibleOn(inputs, '2026-06-09').organisationId, 'akasse-11111111', 'the day before');
  const after = responsibleOn(inputs, '2026-06-10');
  assert.equal(after.organisationId, 'kommune-751', 'on the hand-over date');
  assert.equal(after.handOver, null);
});

test('without an a-kasse, or on another benefit, the municipality is responsible', () => {
  const noAkasse = { ...dagpenge('2026-03-10'), candidates: { ...candidates, kommune: 'kommune-751', akasse: null } };
  assert.equal(responsibleOn(noAkasse, '2026-03-10').organisationId, 'kommune-751');
  const kontanthjaelp: Inputs = {
    ...dagpenge('2026-03-10'),
    situation: { municipalityCode: '751', benefit: 'kontanthjaelp', unemployedSince: '2026-03-10', akasseCvr: null },
  };
  const answer = responsibleOn(kontanthjaelp, '2026-03-10');
  assert.equal(answer.organisationId, 'kommune-751');
  assert.equal(answer.basis, 'default');
  assert.equal(answer.rule, null);
});

test('a rule naming the municipality comes before the general one, and only from its start', () => {
  assert.equal(ruleInForce([general, trial], { benefit: 'dagpenge', municipalityCode: '101' }, '2026-12-31')?.id, 'dagpenge-akasse');
  assert.equal(ruleInForce([general, trial], { benefit: 'dagpenge', municipalityCode: '101' }, '2027-01-01')?.id, 'forsoeg-2027');
  assert.equal(ruleInForce([general, trial], { benefit: 'dagpenge', municipalityCode: '751' }, '2027-01-01')?.id, 'dagpenge-akasse');
  const v2 = { ...general, version: 2, validFrom: '2026-01-01', akasseMonths: 4 };
  assert.equal(ruleInForce([general, v2], { benefit: 'dagpenge', municipalityCode: '751' }, '2026-06-01')?.version, 2, 'the latest start');
  assert.equal(ruleInForce([general, v2], { benefit: 'dagpenge', municipalityCode: '751' }, '2025-06-01')?.version, 1, 'not before it starts');
});

test('a new rule version with four months moves the hand-over date', () => {
  const inputs = { ...dagpenge('2026-03-10'), rules: [general, { ...general, version: 2, validFrom: '2026-01-01', akasseMonths: 4 }] };
  assert.deepEqual(responsibleOn(inputs, '2026-03-10').handOver, { on: '2026-07-10', organisationId: 'kommune-751' });
});

test('the trial starting before the hand-over moves it: four months in the trial municipalities', () => {
  const inputs = dagpenge('2026-11-30', '101');
  assert.deepEqual(responsibleOn(inputs, '2026-12-01').handOver, { on: '2027-03-30', organisationId: 'kommune-101' });
  const elsewhere = dagpenge('2026-11-30', '751');
  assert.deepEqual(responsibleOn(elsewhere, '2026-12-01').handOver, { on: '2027-02-28', organisationId: 'kommune-751' });
});

test('under a free-choice rule the latest choice decides from the day it was made', () => {
  const inputs = { ...dagpenge('2027-01-04', '101'), choices: [{ organisationId: 'aktoer-22222222', chosenOn: '2027-01-20' }] };
  assert.equal(responsibleOn(inputs, '2027-01-19').organisationId, 'akasse-11111111');
  assert.deepEqual(responsibleOn(inputs, '2027-01-19').handOver, { on: '2027-01-20', organisationId: 'aktoer-22222222' });
  const chosen = responsibleOn(inputs, '2027-01-20');
  assert.equal(chosen.organisationId, 'aktoer-22222222');
  assert.equal(chosen.basis, 'choice');
  assert.equal(chosen.handOver, null, 'a choice is not handed over after four months');
  const ended = { ...inputs, candidates: { ...inputs.candidates, otherActors: [] } };
  assert.equal(responsibleOn(ended, '2027-01-20').organisationId, 'akasse-11111111', 'a contract that ended: the rule again');
  const notFree = { ...inputs, rules: [general] };
  assert.equal(responsibleOn(notFree, '2027-01-20').organisationId, 'akasse-11111111', 'no free choice without a rule allowing it');
});

test('the stretches from unemployment replay each change of organisation', () => {
  const stretches = stretchesBetween(dagpenge('2026-01-15'), '2026-01-15', '2026-09-01');
  assert.deepEqual(
    stretches.map((s) => [s.organisationId, s.startsOn]),
    [
      ['akasse-11111111', '2026-01-15'],
      ['kommune-751', '2026-04-15'],
    ],
  );
  assert.equal(stretchesBetween(dagpenge('2026-01-15'), '2026-01-15', '2026-04-14').length, 1, 'not yet');
});

test('a choice stands for the lock days', () => {
  assert.equal(choiceLockedUntil('2027-01-20', 30, '2027-02-18'), '2027-02-19');
  assert.equal(choiceLockedUntil('2027-01-20', 30, '2027-02-19'), null);
  assert.equal(choiceLockedUntil(undefined, 30, '2027-02-19'), null);
  assert.equal(choiceLockedUntil('2027-01-20', 0, '2027-01-20'), null);
});
