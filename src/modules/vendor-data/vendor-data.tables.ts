import type { ColumnType } from 'kysely';
import type { UpdatedAt } from '../../platform/db/columns.ts';

// Typed mirror of the vendor-data module's tables (and the views it publishes); only its repository reads or writes them.

/** vendor-data: the citizen's own contact details (e-mail, phone in E.164, preferred language). */
export interface CitizenContactTable {
  citizen_id: string;
  municipality_code: string;
  email: string | null;
  phone: string | null;
  preferred_language: ColumnType<'da' | 'en', 'da' | 'en' | undefined, 'da' | 'en'>;
  updated_at: UpdatedAt;
}

/** The tables the vendor-data module owns; src/platform/db/schema.ts composes every module's into the database type. */
export type VendorDataTables = {
  citizen_contact: CitizenContactTable;
};
