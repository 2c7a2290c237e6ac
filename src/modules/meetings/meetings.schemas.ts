import { z } from 'zod';
import { calendarDate, copenhagenMoment } from '../../platform/time.ts';
import { requiredText } from '../../platform/validation.ts';
import type { MeetingForm, MeetingOutcome } from './meetings.tables.ts';

export const meetingForms = ['in_person', 'phone', 'video'] as const satisfies readonly MeetingForm[];
export const meetingOutcomes = ['held', 'not_held'] as const satisfies readonly MeetingOutcome[];
/** How long a meeting may last, in minutes (the form's choices). */
export const meetingDurations = [15, 30, 45, 60, 90] as const;
/** The minutes between the starts of a series (the form's choices). */
export const seriesIntervals = [15, 30, 45, 60, 90, 120] as const;
/** The most slots one series makes (a working day in quarters of an hour is 32). */
export const SERIES_MAX = 40;

export const meetingParams = z.object({ meetingId: z.uuid() });
export const slotParams = z.object({ slotId: z.uuid() });
export const citizenParams = z.object({ citizenId: z.uuid() });

/** A page number (1 and up); anything else is the first page. */
export const pageQuery = z.object({ side: z.coerce.number().int().min(1).max(1000).optional().catch(undefined) });

/** The citizen's pages: the page of free slots, and what was just done. */
export const citizenMeetingsQuery = pageQuery.extend({ gemt: z.enum(['booket', 'flyttet', 'aflyst']).optional().catch(undefined) });

/** The caseworker's overview: a page, everyone's slots (`alle=1`) or their own, and what was just done. */
export const staffMeetingsQuery = pageQuery.extend({
  alle: z.enum(['1']).optional().catch(undefined),
  gemt: z.enum(['oprettet', 'booket', 'aflyst', 'udfald']).optional().catch(undefined),
  antal: z.coerce.number().int().min(0).max(SERIES_MAX).optional().catch(undefined),
});

/** A caseworker's page for one citizen: a purpose typed now (else the working session's), a page, and what was just done. */
export const staffCitizenQuery = pageQuery.extend({
  purpose: z.string().max(2000).optional(),
  gemt: z.enum(['booket']).optional().catch(undefined),
});

const topic = z
  .string()
  .trim()
  .max(500, { message: 'validation.tooLong' })
  .optional()
  .transform((value) => value || null);

/** A citizen books: the slot chosen and what they want to talk about (optional). */
export const bookSchema = z.object({ slot: z.uuid({ message: 'meetings.error.chooseSlot' }), topic });
/** A citizen moves a meeting to another slot. */
export const moveSchema = z.object({ slot: z.uuid({ message: 'meetings.error.chooseSlot' }) });

/** A caseworker books a slot for a citizen found by CPR number, with the purpose for the citizen's Min Log. */
export const staffBookByCprSchema = z.object({
  cpr: z
    .string()
    .trim()
    .min(1, { message: 'validation.required' })
    .regex(/^[0-9]{6}-?[0-9]{4}$/, { message: 'validation.format' })
    .transform((v) => v.replace('-', '')),
  purpose: requiredText({ min: 3, max: 500 }),
  topic,
});

/** A caseworker books a slot for the citizen whose page they have open (the purpose is the working session's). */
export const staffBookForCitizenSchema = z.object({
  purpose: z.string().max(500).optional(),
  slot: z.uuid({ message: 'meetings.error.chooseSlot' }),
  topic,
});

/** What became of a meeting, and a short note. */
export const outcomeSchema = z.object({
  outcome: z.enum(meetingOutcomes, { message: 'meetings.error.outcome' }),
  note: z
    .string()
    .trim()
    .max(1000, { message: 'validation.tooLong' })
    .optional()
    .transform((value) => value || null),
});

const clockPattern = /^([0-9]{1,2})[:.]([0-9]{2})$/;
const minutesOf = (text: string): number | undefined => {
  const match = clockPattern.exec(text.trim());
  if (!match) return undefined;
  const [hour, minute] = [Number(match[1]), Number(match[2])];
  return hour < 24 && minute < 60 ? hour * 60 + minute : undefined;
};

const text = z.string().trim().max(600).optional();

/**
 * New slots as the caseworker's form sends them: a day (DKFDS date fields dateDay/Month/Year), a start time, and for a
 * series an end time and the minutes between starts (every start before the end time); the length, the form (with a
 * jobcenter for in person, an https link for video) and who holds them. The times are Copenhagen wall-clock times;
 * the result is the moments they denote. Every field's problem is told at once.
 */
export const slotSchema = z
  .object({
    dateDay: text,
    dateMonth: text,
    dateYear: text,
    from: text,
    to: text,
    interval: text,
    duration: text,
    form: text,
    jobcenter: text,
    videoUrl: text,
    host: text,
  })
  .transform((v, ctx) => {
    let failed = false;
    const fail = (field: string, message: string, params?: Record<string, number>) => {
      failed = true;
      ctx.addIssue({ code: 'custom', path: [field], message, ...(params ? { params } : {}) });
    };
    const [day, month, year] = [v.dateDay ?? '', v.dateMonth ?? '', v.dateYear ?? ''];
    const date = /^\d{1,2}$/.test(day) && /^\d{1,2}$/.test(month) && /^\d{4}$/.test(year) ? calendarDate(Number(year), Number(month), Number(day)) : undefined;
    if (!day && !month && !year) fail('date', 'validation.required');
    else if (!date) fail('date', 'meetings.error.date');
    const from = minutesOf(v.from ?? '');
    if (!v.from) fail('from', 'validation.required');
    else if (from === undefined) fail('from', 'meetings.error.time');
    const to = v.to ? minutesOf(v.to) : undefined;
    if (v.to && to === undefined) fail('to', 'meetings.error.time');
    else if (to !== undefined && from !== undefined && to <= from) fail('to', 'meetings.error.toBeforeFrom');
    const duration = meetingDurations.find((d) => String(d) === v.duration);
    if (!duration) fail('duration', 'validation.choice');
    const interval = seriesIntervals.find((i) => String(i) === (v.interval || '30'));
    if (!interval) fail('interval', 'validation.choice');
    const form = meetingForms.find((f) => f === v.form);
    if (!form) fail('form', 'meetings.error.form');
    if (form === 'in_person' && !v.jobcenter) fail('jobcenter', 'meetings.error.jobcenter');
    let videoUrl: string | null = null;
    if (form === 'video') {
      const url = (v.videoUrl ?? '').trim();
      if (!url) fail('videoUrl', 'validation.required');
      else if (!/^https:\/\/[^\s]+$/.test(url) || url.length > 500 || !URL.canParse(url)) fail('videoUrl', 'meetings.error.videoUrl');
      else videoUrl = url;
    }
    // The starts: one at `from`, or every `interval` minutes from `from` while a meeting still ends by `to`.
    const starts: Date[] = [];
    if (date && from !== undefined && duration && interval) {
      const [y, m, d] = date.split('-').map(Number) as [number, number, number];
      const last = to === undefined ? from : to - duration;
      if (to !== undefined && last < from) fail('to', 'meetings.error.toBeforeFrom');
      for (let minute = from; minute <= last; minute += interval) {
        if (starts.length >= SERIES_MAX) {
          fail('to', 'meetings.error.tooMany', { limit: SERIES_MAX });
          break;
        }
        const moment = copenhagenMoment({ year: y, month: m, day: d, hour: Math.floor(minute / 60), minute: minute % 60 });
        if (moment) starts.push(moment);
      }
      if (!failed && starts.length === 0) fail('from', 'meetings.error.time');
    }
    if (failed || !form || !duration) return z.NEVER;
    return { starts, duration, form, jobcenterId: form === 'in_person' ? (v.jobcenter ?? null) : null, videoUrl, host: v.host?.trim() || null };
  });
export type SlotInput = z.output<typeof slotSchema>;
