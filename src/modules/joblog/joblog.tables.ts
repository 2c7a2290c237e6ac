import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt } from '../../platform/db/columns.ts';

// Typed mirror of the joblog module's tables (and the view it publishes); only its repository reads or writes them.

/** What a registration records the citizen did: an application, a job interview, a network meeting or another contact. */
export type JoblogKind = 'application' | 'job-interview' | 'network' | 'other';
export type JoblogStatus = 'pending' | 'registered' | 'failed' | 'cancelled';

/** joblog: whether the platform may forward for the citizen — their agreement, or a legal basis recorded (0066). */
export interface JoblogAgreementTable {
  citizen_id: string;
  municipality_code: string;
  consented_at: Date | null;
  withdrawn_at: Date | null;
  legal_basis: string | null;
  legal_basis_since: Date | null;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

/** joblog: one registration forwarded (or to forward) to Joblog in DFDG — the outbox row (0066). */
export interface JoblogRegistrationTable {
  id: Generated<string>;
  citizen_id: string;
  municipality_code: string;
  source: 'event' | 'manual';
  event_id: string | null;
  kind: JoblogKind;
  job_title: string | null;
  employer: string;
  /** A calendar date (YYYY-MM-DD); read it as text, not as a Date (node-postgres would put it at local midnight). */
  activity_on: ColumnType<Date, string, string>;
  basis: 'consent' | 'legal-basis';
  /** DFDG's x-requestId: fixed for the row, so a retry never registers twice. */
  request_id: Generated<string>;
  status: ColumnType<JoblogStatus, JoblogStatus | undefined, JoblogStatus>;
  attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: ColumnType<Date, Date | undefined, Date>;
  last_error: string | null;
  registered_at: Date | null;
  created_at: CreatedAt;
}

/** joblog (published view, 0066): a registration as the timeline shows it. */
export interface JoblogEntryView {
  id: string;
  citizen_id: string;
  municipality_code: string;
  source: 'event' | 'manual';
  event_id: string | null;
  kind: JoblogKind;
  job_title: string | null;
  employer: string;
  activity_on: Date;
  status: JoblogStatus;
  registered_at: Date | null;
  created_at: Date;
}

/** The tables the joblog module owns; src/platform/db/schema.ts composes every module's into the database type. */
export type JoblogTables = {
  joblog_agreement: JoblogAgreementTable;
  joblog_registration: JoblogRegistrationTable;
  joblog_entry: JoblogEntryView;
};
