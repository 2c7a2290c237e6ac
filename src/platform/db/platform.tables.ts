import type { CreatedAt } from './columns.ts';

// Typed mirror of the platform module's tables (and the views it publishes); only its repository reads or writes them.

/** platform: one-time tokens of creating forms, each with the id of the row its first submit made. */
export interface PlatformFormTokenTable {
  token: string;
  purpose: string;
  owner: string;
  result_id: string | null;
  created_at: CreatedAt;
}

/** The tables the platform module owns; src/platform/db/schema.ts composes every module's into the database type. */
export type PlatformTables = {
  platform_form_token: PlatformFormTokenTable;
};
