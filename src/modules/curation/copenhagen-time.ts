// Danish wall-clock time: the forms take a date and a time as people in Denmark read them off a clock
// (Europe/Copenhagen, summer time included) and the database keeps the moment it denotes.
import type { Locale } from '../../platform/i18n/index.ts';

const ZONE = 'Europe/Copenhagen';

/** A date and time of day as typed into a form (day, month and year as numbers; the time as HH:MM). */
export type WallClock = { year: number; month: number; day: number; hour: number; minute: number };

const partsFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
});

/** The Copenhagen wall-clock reading of a moment. */
export function copenhagenWallClock(moment: Date): WallClock {
  const parts = Object.fromEntries(partsFormat.formatToParts(moment).map((p) => [p.type, p.value]));
  return { year: Number(parts.year), month: Number(parts.month), day: Number(parts.day), hour: Number(parts.hour), minute: Number(parts.minute) };
}

const sameClock = (a: WallClock, b: WallClock) => a.year === b.year && a.month === b.month && a.day === b.day && a.hour === b.hour && a.minute === b.minute;

/**
 * The moment a Copenhagen wall-clock time denotes. Undefined when it is no real time: no such date (30 February),
 * or the hour skipped when summer time starts. In the hour that repeats when it ends, the first (summer time) counts.
 */
export function copenhagenMoment(clock: WallClock): Date | undefined {
  const asUtc = Date.UTC(clock.year, clock.month - 1, clock.day, clock.hour, clock.minute);
  if (!Number.isFinite(asUtc)) return undefined;
  // Copenhagen is UTC+2 in summer and UTC+1 in winter: the reading that comes back unchanged is the one.
  for (const offsetHours of [2, 1]) {
    const candidate = new Date(asUtc - offsetHours * 3_600_000);
    if (sameClock(copenhagenWallClock(candidate), clock)) return candidate;
  }
  return undefined;
}

/** A calendar date (YYYY-MM-DD) from its parts; undefined when there is no such date. */
export function calendarDate(year: number, month: number, day: number): string | undefined {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return date.toISOString().slice(0, 10);
}

/** Today's date in Copenhagen (YYYY-MM-DD). */
export function copenhagenToday(now: Date = new Date()): string {
  const clock = copenhagenWallClock(now);
  return calendarDate(clock.year, clock.month, clock.day) ?? now.toISOString().slice(0, 10);
}

const tags: Record<Locale, string> = { da: 'da-DK', en: 'en-GB' };
const dayFormats = Object.fromEntries(
  (['da', 'en'] as const).map((locale) => [locale, new Intl.DateTimeFormat(tags[locale], { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: ZONE })]),
) as Record<Locale, Intl.DateTimeFormat>;
const timeFormats = Object.fromEntries(
  (['da', 'en'] as const).map((locale) => [locale, new Intl.DateTimeFormat(tags[locale], { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: ZONE })]),
) as Record<Locale, Intl.DateTimeFormat>;
const dateOnlyFormats = Object.fromEntries(
  (['da', 'en'] as const).map((locale) => [locale, new Intl.DateTimeFormat(tags[locale], { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })]),
) as Record<Locale, Intl.DateTimeFormat>;

/**
 * When something takes place, as Danes write it: "onsdag den 24. marts 2027, kl. 09.30–12.00", or with both dates
 * when it runs over several days. Always in Copenhagen time.
 */
export function formatPeriod(locale: Locale, startsAt: Date, endsAt: Date): string {
  const startDay = dayFormats[locale].format(startsAt);
  const endDay = dayFormats[locale].format(endsAt);
  const from = timeFormats[locale].format(startsAt);
  const to = timeFormats[locale].format(endsAt);
  const at = locale === 'da' ? 'kl. ' : '';
  return startDay === endDay ? `${startDay}, ${at}${from}–${to}` : `${startDay}, ${at}${from} – ${endDay}, ${at}${to}`;
}

/** A calendar date (YYYY-MM-DD) as Danes write it: "1. januar 2027". */
export function formatCalendarDate(locale: Locale, date: string): string {
  const [year = 0, month = 1, day = 1] = date.split('-').map(Number);
  return dateOnlyFormats[locale].format(new Date(Date.UTC(year, month - 1, day)));
}
