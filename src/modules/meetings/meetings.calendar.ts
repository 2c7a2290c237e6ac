// A meeting as an iCalendar file (RFC 5545) for the citizen's and the caseworker's calendars, made with ical-generator.
// The times are written as Copenhagen wall-clock times with TZID=Europe/Copenhagen and the zone's VTIMEZONE, so a
// calendar shows the meeting at the same clock time on either side of a change to or from summer time.
import { TZDate } from '@date-fns/tz';
import ical, { ICalCalendarMethod } from 'ical-generator';
import { COPENHAGEN } from '../../platform/time.ts';

/**
 * Europe/Copenhagen's VTIMEZONE: the EU's rules since 1996 — summer time (CEST, UTC+2) from the last Sunday of March at
 * 01:00 UTC (02:00 local), standard time (CET, UTC+1) from the last Sunday of October at 01:00 UTC (03:00 local). Written
 * here rather than taken from a package of zone data: these rules are all a meeting a few weeks ahead needs.
 */
export function copenhagenTimezone(zone: string): string | null {
  if (zone !== COPENHAGEN) return null;
  return [
    'BEGIN:VTIMEZONE',
    `TZID:${COPENHAGEN}`,
    `X-LIC-LOCATION:${COPENHAGEN}`,
    'BEGIN:DAYLIGHT',
    'TZOFFSETFROM:+0100',
    'TZOFFSETTO:+0200',
    'TZNAME:CEST',
    'DTSTART:19700329T020000',
    'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
    'END:DAYLIGHT',
    'BEGIN:STANDARD',
    'TZOFFSETFROM:+0200',
    'TZOFFSETTO:+0100',
    'TZNAME:CET',
    'DTSTART:19701025T030000',
    'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
    'END:STANDARD',
    'END:VTIMEZONE',
    '',
  ].join('\r\n');
}

/**
 * A moment as a date in Copenhagen (@date-fns/tz's TZDate, which ical-generator reads in its own zone): written as the
 * Copenhagen wall-clock reading beside TZID, where a plain Date would be read in the server's own time zone.
 */
const inCopenhagen = (moment: Date) => new TZDate(moment, COPENHAGEN);

export type CalendarMeeting = {
  id: string;
  startsAt: Date;
  durationMinutes: number;
  summary: string;
  description: string;
  /** Where: an address, "by phone", or the video link. */
  location: string;
  url?: string | undefined;
  organiser: { name: string; email?: string | undefined };
  cancelled: boolean;
  /** The platform's host name, for the event's UID. */
  host: string;
};

/** The meeting as an .ics file's text: one VEVENT with TZID Europe/Copenhagen and the zone's VTIMEZONE. */
export function meetingCalendar(meeting: CalendarMeeting): string {
  const calendar = ical({
    prodId: { company: 'Jobunivers', product: 'Moeder', language: 'DA' },
    method: ICalCalendarMethod.PUBLISH,
    timezone: { name: null, generator: copenhagenTimezone },
  });
  calendar.createEvent({
    id: `${meeting.id}@${meeting.host}`,
    start: inCopenhagen(meeting.startsAt),
    end: inCopenhagen(new Date(meeting.startsAt.getTime() + meeting.durationMinutes * 60_000)),
    timezone: COPENHAGEN,
    summary: meeting.summary,
    description: meeting.description,
    location: meeting.location,
    url: meeting.url ?? null,
    organizer: meeting.organiser.email ? { name: meeting.organiser.name, email: meeting.organiser.email } : null,
    status: meeting.cancelled ? 'CANCELLED' : 'CONFIRMED',
  } as Parameters<typeof calendar.createEvent>[0]);
  return calendar.toString();
}
