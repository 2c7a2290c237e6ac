import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt, UpdatedAt } from '../../platform/db/columns.ts';

// Typed mirror of the municipalities module's tables (and the views it publishes); only its repository reads or writes them.

/** municipalities: the five regions. */
export interface RegionTable {
  code: string;
  name_da: string;
  name_en: string;
}

/** municipalities: the 98 kommuner, keyed by official kommunekode. */
export interface MunicipalityTable {
  code: string;
  name: string;
  region_code: string;
}

export type OpeningHours = { weekday: number; opens: string; closes: string }[];

/** municipalities: a municipality's jobcenter(s). */
export interface JobcenterTable {
  id: Generated<string>;
  municipality_code: string;
  name: string;
  street: string;
  postal_code: string;
  city: string;
  phone: string;
  email: string;
  website: string;
  opening_hours: ColumnType<OpeningHours, string, string>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

/** municipalities' published read model (migration 0044): each kommune's code and name. */
export interface MunicipalityNameView {
  code: string;
  name: string;
}

/** The tables the municipalities module owns; src/platform/db/schema.ts composes every module's into the database type. */
export type MunicipalitiesTables = {
  region: RegionTable;
  municipality: MunicipalityTable;
  jobcenter: JobcenterTable;
  municipality_name: MunicipalityNameView;
};
