import type { ColumnType, Generated } from 'kysely';

// Typed mirror of the operations module's tables (and the views it publishes); only its repository reads or writes them.

/** operations: the operator's log of start-ups, migrations, seeds and CLI commands. */
export interface OpsLogTable {
  id: Generated<string>;
  occurred_at: ColumnType<Date, Date | undefined, never>;
  kind: string;
  message: string;
  details: ColumnType<Record<string, unknown>, string | undefined, never>;
}

/** The tables the operations module owns; src/platform/db/schema.ts composes every module's into the database type. */
export type OperationsTables = {
  ops_log: OpsLogTable;
};
