import type { ColumnType, Generated } from 'kysely';

// Typed mirror of the jobs module's tables (0089); only its repository reads or writes them.

export type WorkingHours = 'fuldtid' | 'deltid';
export type Employment = 'fast' | 'tidsbegraenset' | 'vikariat' | 'elev';

/** jobs: a job ad from the state's feed, as last received (0089). Public data: no row-level security. */
export interface JobAdTable {
  ad_id: string;
  version: number;
  title: string;
  body: string;
  ad_language: 'da' | 'en';
  employer_name: string;
  employer_cvr: string;
  town: string;
  postal_code: string | null;
  municipality_code: string;
  lat: number;
  lon: number;
  /** earthdistance's point (ll_to_earth), written by the ingesting statement. */
  position: string;
  esco_uri: string;
  occupation_title: string;
  disco_code: string;
  working_hours: WorkingHours;
  /** numeric: node-postgres reads it as text. */
  hours_per_week: ColumnType<string, string | number, string | number>;
  employment: Employment;
  published_at: Date;
  /** A calendar date (YYYY-MM-DD); read it as text. */
  deadline: ColumnType<Date, string, string>;
  url: string;
  first_seen_at: Generated<Date>;
  seen_seq: ColumnType<string, never, never>;
  updated_at: Generated<Date>;
  snapshot_id: Generated<string>;
  search: ColumnType<string, never, never>;
}

/** jobs: the words of ads' titles and occupations with their Danish stems, for typo correction (0089). */
export interface JobWordTable {
  word: string;
  stem: string;
}

/** jobs: every occupation an ad has named, for typeahead (0089). */
export interface JobOccupationTable {
  esco_uri: string;
  title: string;
  disco_code: string;
}

/** jobs: where ingestion of a feed is (0089). */
export interface JobFeedStateTable {
  feed: string;
  phase: 'snapshot' | 'changes';
  snapshot_id: ColumnType<string, string | number, string | number>;
  snapshot_cursor: string | null;
  snapshot_after: string | null;
  cursor: string | null;
  ads_received: ColumnType<string, string | number | undefined, string | number>;
  removals: ColumnType<string, string | number | undefined, string | number>;
  last_run_at: Date | null;
  last_error: string | null;
  updated_at: Generated<Date>;
}

/** The search a job agent keeps, as the search form takes it (the place resolved into near_*). */
export type JobAgentCriteria = {
  query: string;
  occupations: string[];
  municipalities: string[];
  hours: WorkingHours[];
  /** The place as typed (shown to the citizen); its point and radius are near_lat, near_lon, near_radius_km. */
  place: string;
};

/** jobs: a citizen's saved search that tells them of new ads (0091). Row-level security: the citizen's own. */
export interface JobAgentTable {
  id: Generated<string>;
  citizen_id: string;
  municipality_code: string;
  name: string;
  criteria: ColumnType<JobAgentCriteria, string, string>;
  near_lat: number | null;
  near_lon: number | null;
  near_radius_km: number | null;
  email: string;
  frequency: 'immediate' | 'daily';
  after_seq: ColumnType<string, string | number, string | number>;
  unsubscribe_token: string;
  active: Generated<boolean>;
  created_at: Generated<Date>;
  stopped_at: Date | null;
}

/** jobs: what an agent told the citizen, in the app and by mail (0091). */
export interface JobAgentNoticeTable {
  id: Generated<string>;
  agent_id: string;
  citizen_id: string;
  municipality_code: string;
  kind: 'immediate' | 'digest';
  ads: number;
  created_at: Generated<Date>;
  seen_at: Date | null;
  mailed_at: Date | null;
  mail_attempts: Generated<number>;
  mail_error: string | null;
}

/** jobs: an ad an agent found, once (0091). */
export interface JobAgentMatchTable {
  agent_id: string;
  ad_id: string;
  citizen_id: string;
  title: string;
  employer_name: string;
  town: string;
  deadline: ColumnType<Date, string, string>;
  matched_at: Generated<Date>;
  notice_id: string | null;
}

export type JobsTables = {
  job_suggestion: JobSuggestionTable;
  job_suggestion_entry: JobSuggestionEntryView;
  job_agent: JobAgentTable;
  job_agent_notice: JobAgentNoticeTable;
  job_agent_match: JobAgentMatchTable;
  job_ad: JobAdTable;
  job_word: JobWordTable;
  job_occupation: JobOccupationTable;
  job_feed_state: JobFeedStateTable;
};

/** The citizen's answer to a job suggestion. */
export type JobSuggestionAnswer = 'applied' | 'not_relevant' | 'will_apply';

/**
 * jobs: an ad a caseworker suggested to a citizen, with the ad as it was then and the citizen's answer (0092).
 * Row-level security: the citizen reads and answers their own (only the answer's columns may change); staff send and
 * read for the organisation responsible for the citizen, and read what their organisation sent.
 */
export interface JobSuggestionTable {
  id: Generated<string>;
  citizen_id: string;
  municipality_code: string;
  organisation_id: string;
  organisation_name: string;
  sent_by_subject: string;
  sent_by: string;
  ad_id: string;
  title: string;
  employer_name: string;
  town: string;
  /** A calendar date (YYYY-MM-DD); read it as text. */
  deadline: ColumnType<Date, string, string>;
  url: string;
  note: string | null;
  created_at: Generated<Date>;
  answer: JobSuggestionAnswer | null;
  answer_reason: string | null;
  /** A calendar date (YYYY-MM-DD); read it as text. */
  apply_by: ColumnType<Date | null, string | null, string | null>;
  answered_at: Date | null;
}

/** jobs' published view of the suggestions for the timeline, without the note, the reason or who exactly sent it (0092). */
export interface JobSuggestionEntryView {
  id: string;
  citizen_id: string;
  municipality_code: string;
  organisation_name: string;
  ad_id: string;
  title: string;
  employer_name: string;
  created_at: Date;
  answer: JobSuggestionAnswer | null;
  apply_by: Date | null;
  answered_at: Date | null;
}
