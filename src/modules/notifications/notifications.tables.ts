import type { ColumnType, Generated } from 'kysely';

// Typed mirror of the notifications module's tables (0094); only its repository reads or writes them.

export const notificationKinds = ['message', 'answer', 'meeting', 'meeting-reminder', 'suggestion', 'recommendation', 'job-agent'] as const;
export type NotificationKind = (typeof notificationKinds)[number];
export type NotificationChannel = 'app' | 'email' | 'sms';
export type DeliveryChannel = Exclude<NotificationChannel, 'app'>;
export type DeliveryStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'skipped';

/** notifications: one notification for a citizen, a staff person or an organisation's team (0094); written only through notify_create. */
export interface NotificationTable {
  id: Generated<string>;
  recipient: ColumnType<'citizen' | 'staff' | 'team', never, never>;
  citizen_id: ColumnType<string | null, never, never>;
  organisation_id: ColumnType<string | null, never, never>;
  staff_subject: ColumnType<string | null, never, never>;
  kind: ColumnType<NotificationKind, never, never>;
  link: ColumnType<string, never, never>;
  params: ColumnType<Record<string, string | number>, never, never>;
  dedupe_key: ColumnType<string | null, never, never>;
  created_at: ColumnType<Date, never, never>;
  read_at: ColumnType<Date | null, never, Date | null>;
}

/** notifications: the team notifications a staff person has read (0094). */
export interface NotificationTeamReadTable {
  notification_id: string;
  organisation_id: string;
  staff_subject: string;
  read_at: ColumnType<Date, Date | undefined, never>;
}

/** notifications: a person's address, number, language and the kinds each channel carries (null: the defaults) (0094). */
export interface NotificationPreferenceTable {
  id: Generated<string>;
  citizen_id: string | null;
  organisation_id: string | null;
  staff_subject: string | null;
  email: string | null;
  phone: string | null;
  language: ColumnType<'da' | 'en', 'da' | 'en' | undefined, 'da' | 'en'>;
  email_kinds: NotificationKind[] | null;
  sms_kinds: NotificationKind[] | null;
  unsubscribe_secret: ColumnType<string, never, never>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

/** notifications: one e-mail or SMS to send for a notification, sent once (0094). */
export interface NotificationDeliveryTable {
  notification_id: ColumnType<string, never, never>;
  channel: ColumnType<DeliveryChannel, never, never>;
  citizen_id: ColumnType<string | null, never, never>;
  organisation_id: ColumnType<string | null, never, never>;
  status: ColumnType<DeliveryStatus, never, DeliveryStatus>;
  attempts: ColumnType<number, never, number>;
  next_attempt_at: ColumnType<Date, never, Date>;
  claimed_at: ColumnType<Date | null, never, Date | null>;
  sent_at: ColumnType<Date | null, never, Date | null>;
  sent_to: ColumnType<string | null, never, string | null>;
  detail: ColumnType<string | null, never, string | null>;
  created_at: ColumnType<Date, never, never>;
}

/** notifications: the SMS simulator's sent texts outside production (0094); synthetic, no row-level security. */
export interface DevSmsTable {
  id: Generated<string>;
  sent_at: ColumnType<Date, Date | undefined, never>;
  sent_to: ColumnType<string, string, never>;
  text: ColumnType<string, string, never>;
}

/** The tables the notifications module owns; src/platform/db/schema.ts composes every module's into the database type. */
export type NotificationsTables = {
  notification: NotificationTable;
  notification_team_read: NotificationTeamReadTable;
  notification_preference: NotificationPreferenceTable;
  notification_delivery: NotificationDeliveryTable;
  dev_sms: DevSmsTable;
};
