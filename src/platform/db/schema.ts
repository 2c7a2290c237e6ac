import type { ColumnType, Generated } from 'kysely';

// Typed mirror of the tables the migrations create, grouped by the module that owns them.
// A module's repository is the only code that reads or writes its own tables.

type CreatedAt = ColumnType<Date, Date | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | undefined, Date>;

/** operations: the operator's log of start-ups, migrations, seeds and CLI commands. */
export interface OpsLogTable {
  id: Generated<string>;
  occurred_at: ColumnType<Date, Date | undefined, never>;
  kind: string;
  message: string;
  details: ColumnType<Record<string, unknown>, string | undefined, never>;
}

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

/** site: reports of accessibility problems, the feedback channel the accessibility statement must offer. */
export interface AccessibilityFeedbackTable {
  id: Generated<string>;
  reference: string;
  page_url: string | null;
  description: string;
  name: string | null;
  email: string | null;
  locale: string;
  created_at: CreatedAt;
}

export interface Database {
  ops_log: OpsLogTable;
  region: RegionTable;
  municipality: MunicipalityTable;
  jobcenter: JobcenterTable;
  accessibility_feedback: AccessibilityFeedbackTable;
}
