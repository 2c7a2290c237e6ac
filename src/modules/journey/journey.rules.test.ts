import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addWorkingDays, allowedNextStatuses, contactByDate, reasonsToEscalate, recommend, type Candidate } from './journey.rules.ts';
import { copenhagenDate } from '../../platform/time.ts';

test('two working days skip the weekend', () => {
  assert.equal(addWorkingDays('2026-06-08', 2), '2026-06-10', 'Monday → Wednesday');
  assert.equal(addWorkingDays('2026-06-11', 2), '2026-06-15', 'Thursday → Monday');
  assert.equal(addWorkingDays('2026-06-12', 2), '2026-06-16', 'Friday → Tuesday');
  assert.equal(addWorkingDays('2026-06-13', 2), '2026-06-16', 'Saturday → Tuesday');
  assert.equal(addWorkingDays('2026-06-14', 2), '2026-06-16', 'Sunday → Tuesday');
  assert.equal(addWorkingDays('2026-12-31', 2), '2027-01-04', 'over the new year, Thursday → Monday');
});

test('the day is Copenhagen’s, not the server’s', () => {
  assert.equal(copenhagenDate(new Date('2026-06-12T22:30:00Z')), '2026-06-13', 'half past midnight on Saturday in summer time');
  assert.equal(copenhagenDate(new Date('2026-01-09T23:30:00Z')), '2026-01-10', 'half past midnight on Saturday in winter time');
  assert.equal(contactByDate(new Date('2026-06-12T21:30:00Z')), '2026-06-16', 'Friday evening → Tuesday');
  assert.equal(contactByDate(new Date('2026-06-12T22:30:00Z')), '2026-06-16', 'early Saturday → Tuesday');
});

test('the screening escalates on a wish for contact, much help, low readiness with help, or a wellbeing concern', () => {
  const calm = { digitalReadiness: 'high', needsHelp: 'no', wantsContact: false, wellbeingConcern: false } as const;
  assert.deepEqual(reasonsToEscalate(calm), []);
  assert.deepEqual(reasonsToEscalate({ ...calm, digitalReadiness: 'low' }), [], 'low readiness alone is met with suggestions, not a case');
  assert.deepEqual(reasonsToEscalate({ ...calm, digitalReadiness: 'low', needsHelp: 'some' }), ['low_readiness_needs_help']);
  assert.deepEqual(reasonsToEscalate({ ...calm, needsHelp: 'some' }), []);
  assert.deepEqual(reasonsToEscalate({ ...calm, needsHelp: 'much' }), ['much_help']);
  assert.deepEqual(reasonsToEscalate({ ...calm, wantsContact: true }), ['wants_contact']);
  assert.deepEqual(reasonsToEscalate({ ...calm, wellbeingConcern: true }), ['wellbeing']);
});

test('recommendations: the jobcenter’s first, then readiness, stage, target group and language; dismissed and planned never', () => {
  const item = (id: string, over: Partial<Candidate> = {}): Candidate => ({
    kind: 'listing',
    id,
    journeyStage: null,
    categories: [],
    targetGroups: [],
    languages: ['da'],
    ...over,
  });
  const candidates = [
    item('stage', { journeyStage: 'search' }),
    item('digital', { categories: ['digital_skills'] }),
    item('byJobcenter'),
    item('group', { targetGroups: ['activity_ready'] }),
    item('arabic', { languages: ['da', 'ar'] }),
    item('nothing', { journeyStage: 'upskill', targetGroups: ['job_ready'] }),
    item('dismissed', { journeyStage: 'search' }),
    item('planned', { journeyStage: 'search' }),
  ];
  const result = recommend({
    profile: { digitalReadiness: 'low', journeyStage: 'search', needsHelp: 'some', languages: ['da', 'ar'], targetGroup: 'activity_ready' },
    candidates,
    municipalRecommendations: [
      { listingId: 'byJobcenter', targetGroup: 'activity_ready', journeyStage: null, noteDa: 'Godt først', noteEn: null },
      { listingId: 'nothing', targetGroup: 'job_ready', journeyStage: null, noteDa: null, noteEn: null },
    ],
    dismissed: new Set(['listing:dismissed']),
    inPlan: new Set(['listing:planned']),
  });
  assert.deepEqual(
    result.map((r) => [r.id, r.reasons.map((reason) => reason.code)]),
    [
      ['byJobcenter', ['jobcenter']],
      ['digital', ['digital_readiness']],
      ['stage', ['journey_stage']],
      ['group', ['target_group']],
      ['arabic', ['language']],
    ],
  );
});

test('a citizen moves an activity forward or drops it, but not one the jobcenter assigned', () => {
  assert.deepEqual(allowedNextStatuses({ status: 'planned', source: 'chosen' }), ['in_progress', 'done', 'dropped']);
  assert.deepEqual(allowedNextStatuses({ status: 'planned', source: 'assigned' }), ['in_progress', 'done']);
  assert.deepEqual(allowedNextStatuses({ status: 'in_progress', source: 'recommended' }), ['done', 'dropped']);
  assert.deepEqual(allowedNextStatuses({ status: 'done', source: 'chosen' }), []);
});
