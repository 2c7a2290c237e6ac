// meetings: time slots a jobcenter publishes, meetings citizens book (or caseworkers book for them), move and cancel,
// reminders the day before, calendar files, and the meeting and its outcome on the citizen's timeline (0097).
export { meetingPages } from './meetings.pages.ts';
export { meetingRemindersJob } from './meetings.jobs.ts';
export {
  citizenMeetingsSummary,
  remindTomorrowsMeetings,
  CHANGE_DEADLINE_HOURS,
  MAX_FUTURE_MEETINGS,
  type CitizenMeetingsSummary,
} from './meetings.service.ts';
export { renderCitizenMeetingsSection } from './meetings.views.ts';
export { copenhagenTimezone } from './meetings.calendar.ts';
