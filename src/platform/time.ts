// Danish wall-clock time: people in Denmark read dates and times off a clock in Copenhagen (summer time included),
// whatever the server's time zone, and the database keeps the moment they denote. The one place that converts
// between the two; how a moment is written out for a reader lives in `i18n` (formatDate, formatPeriod, …).

export const COPENHAGEN = 'Europe/Copenhagen';

/** A date and time of day as read off a Copenhagen clock (day, month and year as numbers; hour 0–23). */
export type WallClock = { year: number; month: number; day: number; hour: number; minute: number };

const partsFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: COPENHAGEN,
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

/** The date (YYYY-MM-DD) a moment falls on in Copenhagen; without a moment, today's. */
export function copenhagenDate(moment: Date = new Date()): string {
  const clock = copenhagenWallClock(moment);
  return calendarDate(clock.year, clock.month, clock.day) ?? moment.toISOString().slice(0, 10);
}
