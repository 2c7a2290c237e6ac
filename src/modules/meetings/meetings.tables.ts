import type { Generated } from 'kysely';

// Typed mirror of the meetings module's tables and views (0097); only its repository reads or writes the tables.

/** How a meeting is held: at a jobcenter's address, by phone (the jobcenter calls), or by video (a link). */
export type MeetingForm = 'in_person' | 'phone' | 'video';
/** What became of a meeting, as the caseworker recorded it afterwards. */
export type MeetingOutcome = 'held' | 'not_held';

/**
 * meetings: a time a jobcenter's caseworker holds for a meeting (0097). Row-level security: staff keep their
 * organisation's; a citizen reads those of the organisation responsible for them, and those of their own meetings.
 */
export interface MeetingSlotTable {
  id: Generated<string>;
  organisation_id: string;
  municipality_code: string;
  starts_at: Date;
  duration_minutes: number;
  form: MeetingForm;
  address: string | null;
  video_url: string | null;
  host_subject: string;
  host_name: string;
  created_by_subject: string;
  created_at: Generated<Date>;
}

/**
 * meetings: a citizen's meeting on a slot (0097); at most one that is not cancelled per slot (a unique index). The
 * citizen reads, books, moves and cancels their own; staff those on their organisation's slots.
 */
export interface MeetingTable {
  id: Generated<string>;
  slot_id: string;
  citizen_id: string;
  municipality_code: string;
  organisation_id: string;
  organisation_name: string;
  booked_by: 'citizen' | 'staff';
  booked_by_subject: string | null;
  topic: string | null;
  booked_at: Generated<Date>;
  moved_at: Date | null;
  cancelled_at: Date | null;
  cancelled_by: 'citizen' | 'staff' | null;
  outcome: MeetingOutcome | null;
  outcome_note: string | null;
  outcome_at: Date | null;
  outcome_by_subject: string | null;
}

/** meetings' published view for the timeline: when, how, with whom and what became of it — no topic, no note (0097). */
export interface MeetingEntryView {
  id: string;
  citizen_id: string;
  municipality_code: string;
  organisation_name: string;
  starts_at: Date;
  duration_minutes: number;
  form: MeetingForm;
  booked_at: Date;
  moved_at: Date | null;
  cancelled_at: Date | null;
  cancelled_by: 'citizen' | 'staff' | null;
  outcome: MeetingOutcome | null;
  outcome_at: Date | null;
}

/** meetings' published view for the caseload: each citizen's booked meetings still to come (0097). */
export interface MeetingUpcomingView {
  id: string;
  citizen_id: string;
  organisation_id: string;
  starts_at: Date;
}

export type MeetingsTables = {
  meeting_slot: MeetingSlotTable;
  meeting: MeetingTable;
  meeting_entry: MeetingEntryView;
  meeting_upcoming: MeetingUpcomingView;
};
