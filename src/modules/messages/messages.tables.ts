import type { ColumnType, Generated } from 'kysely';

// Typed mirror of the messages module's tables (0095); only its repository reads or writes them.

export type MessageThreadStatus = 'open' | 'answered' | 'closed';
export type MessageAuthor = 'citizen' | 'staff';
export type AttachmentType = 'application/pdf' | 'image/png' | 'image/jpeg';
/** A question the knowledge base did not answer, kept with the thread it became. */
export type FromQuestion = { question: string; articles: { id: string; title: string }[] };

/** messages: a municipality's expected answer time, in hours of weekdays (0095). */
export interface MessageSettingsTable {
  municipality_code: string;
  answer_within_hours: number;
  updated_by: string;
  updated_at: Generated<Date>;
}

/** messages: a thread between a citizen and the organisation responsible for them when it started (0095). */
export interface MessageThreadTable {
  id: Generated<string>;
  citizen_id: string;
  municipality_code: string;
  organisation_id: string;
  subject: string;
  status: Generated<MessageThreadStatus>;
  assigned_subject: string | null;
  from_question: ColumnType<FromQuestion | null, string | null, never>;
  created_at: Generated<Date>;
  last_message_at: Generated<Date>;
  last_citizen_message_at: Date | null;
  last_staff_message_at: Date | null;
  citizen_read_at: Date | null;
  staff_read_at: Date | null;
  expected_answer_by: Date | null;
  /** The team inbox's order (0 unread by the team, 1 read, 2 closed), kept by PostgreSQL. */
  inbox_rank: ColumnType<number, never, never>;
}

/** messages: one message of a thread (0095). Never changed once written. */
export interface MessageTable {
  id: Generated<string>;
  thread_id: string;
  citizen_id: string;
  organisation_id: string;
  author: MessageAuthor;
  author_subject: string;
  author_name: string;
  body: string;
  created_at: Generated<Date>;
}

/** messages: a file attached to a message, its bytes kept in the row (0095). */
export interface MessageAttachmentTable {
  id: Generated<string>;
  message_id: string;
  thread_id: string;
  citizen_id: string;
  organisation_id: string;
  file_name: string;
  content_type: AttachmentType;
  size_bytes: number;
  content: Buffer;
  created_at: Generated<Date>;
}

/** messages' published read model (0095): each thread's state without its content, for the caseload. */
export interface MessageThreadStatusView {
  thread_id: string;
  citizen_id: string;
  organisation_id: string;
  status: MessageThreadStatus;
  assigned_subject: string | null;
  last_message_at: Date;
  unread_by_staff: boolean;
}

export type MessagesTables = {
  message_settings: MessageSettingsTable;
  message_thread: MessageThreadTable;
  message: MessageTable;
  message_attachment: MessageAttachmentTable;
  message_thread_status: MessageThreadStatusView;
};
