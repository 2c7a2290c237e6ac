import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt } from '../../platform/db/columns.ts';

// Typed mirror of the events module's tables; only its repository reads or writes them.

/** events: one event a vendor's service reported about a citizen's activity in its listing (append-only, 0061). */
export interface ActivityEventTable {
  id: Generated<string>;
  vendor_id: string;
  listing_id: string;
  citizen_id: string;
  municipality_code: string;
  /** The CloudEvents `id`: the vendor's idempotency key, unique per vendor. */
  event_id: string;
  type: string;
  occurred_at: Date;
  data: ColumnType<Record<string, unknown>, string, never>;
  /** SHA-256 of the event as sent (canonical JSON), to tell a repeat from a different event under a used id. */
  body_hash: Buffer;
  received_via: 'cloudevents' | 'xapi';
  received_at: CreatedAt;
}

/** events (published view, 0061): an event as the timeline and Joblog forwarding read it. */
export interface ActivityEventEntryView {
  id: string;
  vendor_id: string;
  listing_id: string;
  citizen_id: string;
  municipality_code: string;
  type: string;
  occurred_at: Date;
  data: Record<string, unknown>;
  received_at: Date;
}

/** events: who a vendor's pairwise `subject` is among the launchers of one of its listings (0062). */
export interface EventSubjectTable {
  listing_id: string;
  subject: string;
  vendor_id: string;
  citizen_id: string;
  municipality_code: string;
}

/** events: up to when a listing's launches were mapped into event_subject (0062). */
export interface EventSubjectSyncTable {
  listing_id: string;
  vendor_id: string;
  synced_until: Date;
}

/** events: a vendor's own event type under its prefix dk.cvr.<CVR>. (0062). */
export interface EventCustomTypeTable {
  id: Generated<string>;
  vendor_id: string;
  type: string;
  description: ColumnType<string, string | undefined, never>;
  data_schema: ColumnType<Record<string, unknown> | null, string | null, never>;
  created_by: string;
  created_at: CreatedAt;
}

/** events: an item the ingest refused, kept 30 days for the vendor's event log (0062). */
export interface EventRejectionTable {
  id: Generated<string>;
  vendor_id: string;
  received_at: CreatedAt;
  event_id: string | null;
  listing_id: string | null;
  type: string | null;
  code: string;
  /** [{ field, message (catalogue key), params? }] */
  errors: ColumnType<{ field: string; message: string; params?: Record<string, string | number> }[], string, never>;
  item: string;
  received_via: 'cloudevents' | 'xapi';
}

/** The tables the events module owns; src/platform/db/schema.ts composes every module's into the database type. */
export type EventsTables = {
  activity_event: ActivityEventTable;
  activity_event_entry: ActivityEventEntryView;
  event_subject: EventSubjectTable;
  event_subject_sync: EventSubjectSyncTable;
  event_custom_type: EventCustomTypeTable;
  event_rejection: EventRejectionTable;
};
