import type { ColumnType } from 'kysely';
import type { CreatedAt, UpdatedAt } from '../../platform/db/columns.ts';

// Typed mirror of the organisations module's tables (migration 0046); only its repository reads or writes them.

/** organisations: a municipality (kommune), an a-kasse or another actor (anden aktør) that runs citizens' contact courses. */
export interface OrganisationTable {
  /** 'kommune-<code>', 'akasse-<cvr>' or 'aktoer-<cvr>'. */
  id: string;
  kind: 'kommune' | 'akasse' | 'anden_aktoer';
  name: string;
  cvr: string | null;
  /** kommune: the municipality it is; anden_aktoer: the municipality that registered it. */
  municipality_code: string | null;
  employment_service_name: ColumnType<string | null, string | null | undefined, string | null>;
  phone: ColumnType<string | null, string | null | undefined, string | null>;
  email: ColumnType<string | null, string | null | undefined, string | null>;
  website: ColumnType<string | null, string | null | undefined, string | null>;
  active: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

/** organisations: a municipality's contract with another actor; valid_to is the contract's last day (null: open). */
export interface OrganisationContractTable {
  organisation_id: string;
  municipality_code: string;
  // pg reads a date as a Date at local midnight; the repository selects them as 'YYYY-MM-DD' text instead.
  valid_from: ColumnType<Date, string, string>;
  valid_to: ColumnType<Date | null, string | null | undefined, string | null>;
  created_at: CreatedAt;
}

/** The tables the organisations module owns; src/platform/db/schema.ts composes every module's into the database type. */
export type OrganisationsTables = {
  organisation: OrganisationTable;
  organisation_contract: OrganisationContractTable;
};
