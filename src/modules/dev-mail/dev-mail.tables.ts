import type { ColumnType, Generated } from 'kysely';

// Typed mirror of the dev-mail module's table; only its repository reads or writes it.

/** One header line of a caught mail, in the order it came. */
export type CaughtMailHeader = { name: string; value: string };

/** dev-mail: the mails the app's own SMTP catcher took in outside production (migration 0090); no citizen's data. */
export interface DevMailTable {
  id: Generated<string>;
  received_at: ColumnType<Date, Date | undefined, never>;
  mail_from: ColumnType<string, string, never>;
  rcpt_to: ColumnType<string[], string[], never>;
  subject: ColumnType<string, string, never>;
  text_body: ColumnType<string, string, never>;
  html_body: ColumnType<string | null, string | null, never>;
  headers: ColumnType<CaughtMailHeader[], string, never>;
  raw: ColumnType<Buffer, Buffer, never>;
  size: ColumnType<number, number, never>;
}

/** The tables the dev-mail module owns; src/platform/db/schema.ts composes every module's into the database type. */
export type DevMailTables = {
  dev_mail: DevMailTable;
};
