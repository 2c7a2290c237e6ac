import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatCalendarDate, formatDate, formatDateTime, formatPeriod, formatTime } from './i18n/index.ts';
import { calendarDate, copenhagenDate, copenhagenMoment, copenhagenWallClock } from './time.ts';

const at = (iso: string) => new Date(iso);
const clock = (year: number, month: number, day: number, hour: number, minute: number) => ({ year, month, day, hour, minute });

test('a Copenhagen wall-clock time denotes one moment, in winter and in summer time', () => {
  assert.deepEqual(copenhagenMoment(clock(2026, 1, 15, 9, 30)), at('2026-01-15T08:30:00Z'));
  assert.deepEqual(copenhagenMoment(clock(2026, 6, 15, 9, 30)), at('2026-06-15T07:30:00Z'));
  assert.deepEqual(copenhagenWallClock(at('2026-06-15T07:30:00Z')), clock(2026, 6, 15, 9, 30));
  assert.equal(copenhagenMoment(clock(2026, 2, 30, 9, 30)), undefined, 'no 30 February');
});

test('summer time starts on 29 March 2026: the skipped hour is no time, the hours around it are', () => {
  assert.deepEqual(copenhagenMoment(clock(2026, 3, 29, 1, 59)), at('2026-03-29T00:59:00Z'), 'last winter-time minute');
  assert.equal(copenhagenMoment(clock(2026, 3, 29, 2, 0)), undefined, '02.00 is skipped');
  assert.equal(copenhagenMoment(clock(2026, 3, 29, 2, 30)), undefined, '02.30 is skipped');
  assert.deepEqual(copenhagenMoment(clock(2026, 3, 29, 3, 0)), at('2026-03-29T01:00:00Z'), 'first summer-time hour');
  assert.deepEqual(copenhagenWallClock(at('2026-03-29T00:59:00Z')), clock(2026, 3, 29, 1, 59));
  assert.deepEqual(copenhagenWallClock(at('2026-03-29T01:00:00Z')), clock(2026, 3, 29, 3, 0));
  assert.deepEqual(copenhagenMoment(clock(2026, 3, 29, 23, 30)), at('2026-03-29T21:30:00Z'), 'the evening is summer time');
});

test('summer time ends on 25 October 2026: the repeated hour is taken as summer time, and both read back', () => {
  assert.deepEqual(copenhagenMoment(clock(2026, 10, 25, 1, 30)), at('2026-10-24T23:30:00Z'));
  assert.deepEqual(copenhagenMoment(clock(2026, 10, 25, 2, 30)), at('2026-10-25T00:30:00Z'), 'the first 02.30 (summer time)');
  assert.deepEqual(copenhagenMoment(clock(2026, 10, 25, 3, 0)), at('2026-10-25T02:00:00Z'));
  assert.deepEqual(copenhagenWallClock(at('2026-10-25T00:30:00Z')), clock(2026, 10, 25, 2, 30));
  assert.deepEqual(copenhagenWallClock(at('2026-10-25T01:30:00Z')), clock(2026, 10, 25, 2, 30), 'the second 02.30 (winter time)');
});

test('the Copenhagen date of a moment changes at Copenhagen midnight, on the days the clocks change too', () => {
  assert.equal(copenhagenDate(at('2026-03-28T22:59:00Z')), '2026-03-28');
  assert.equal(copenhagenDate(at('2026-03-28T23:00:00Z')), '2026-03-29', 'midnight before summer time starts is UTC+1');
  assert.equal(copenhagenDate(at('2026-03-29T21:59:00Z')), '2026-03-29');
  assert.equal(copenhagenDate(at('2026-03-29T22:00:00Z')), '2026-03-30', 'the next midnight is UTC+2');
  assert.equal(copenhagenDate(at('2026-10-24T21:59:00Z')), '2026-10-24');
  assert.equal(copenhagenDate(at('2026-10-24T22:00:00Z')), '2026-10-25', 'midnight before summer time ends is UTC+2');
  assert.equal(copenhagenDate(at('2026-10-25T22:59:00Z')), '2026-10-25');
  assert.equal(copenhagenDate(at('2026-10-25T23:00:00Z')), '2026-10-26', 'the next midnight is UTC+1');
  assert.match(copenhagenDate(), /^\d{4}-\d{2}-\d{2}$/, 'today, without a moment');
});

test('calendar dates exist or not, whatever the time zone', () => {
  assert.equal(calendarDate(2028, 2, 29), '2028-02-29');
  assert.equal(calendarDate(2026, 2, 29), undefined);
  assert.equal(calendarDate(2026, 13, 1), undefined);
});

test('moments are written in Copenhagen time on the days the clocks change', () => {
  assert.equal(formatDateTime('da', at('2026-03-29T00:59:00Z')), '29. marts 2026 kl. 01.59');
  assert.equal(formatDateTime('da', at('2026-03-29T01:00:00Z')), '29. marts 2026 kl. 03.00');
  assert.equal(formatTime('da', at('2026-10-25T00:30:00Z')), '02.30');
  assert.equal(formatTime('en', at('2026-10-25T01:30:00Z')), '02:30');
  assert.equal(formatDate('da', at('2026-10-24T22:30:00Z')), '25. oktober 2026');
  assert.equal(formatDate('en', at('2026-03-28T23:30:00Z')), '29 March 2026');
});

test('a period is written once, as Danes write it, across a change of the clocks', () => {
  // 01.30 to 03.30 on the night summer time starts lasts one hour.
  assert.equal(formatPeriod('da', at('2026-03-29T00:30:00Z'), at('2026-03-29T01:30:00Z')), 'søndag den 29. marts 2026, kl. 01.30–03.30');
  assert.equal(formatPeriod('en', at('2026-10-25T00:30:00Z'), at('2026-10-25T02:30:00Z')), 'Sunday, 25 October 2026, 02:30–03:30');
  assert.equal(
    formatPeriod('da', at('2026-10-24T20:00:00Z'), at('2026-10-25T09:00:00Z')),
    'lørdag den 24. oktober 2026, kl. 22.00 – søndag den 25. oktober 2026, kl. 10.00',
  );
});

test('a calendar date is written as it stands, with or without the weekday', () => {
  assert.equal(formatCalendarDate('da', '2027-01-01'), '1. januar 2027');
  assert.equal(formatCalendarDate('en', '2027-01-01'), '1 January 2027');
  assert.equal(formatCalendarDate('da', '2026-10-25', { weekday: true }), 'søndag den 25. oktober 2026');
  assert.equal(formatCalendarDate('da', '2026-03-29', { weekday: true }), 'søndag den 29. marts 2026');
});
