import type { ColumnType, Generated } from 'kysely';

// Typed mirror of the responsibility module's tables (migration 0047); only its repository reads or writes them.

/** A calendar date: written as YYYY-MM-DD; node-postgres reads it as a Date at local midnight, so the repository selects it as text. */
type CalendarDate = ColumnType<Date, string, string>;

/** One version of a rule deciding who runs the contact course (rules are data: a reform or a trial is a new row). */
export interface ResponsibilityRuleTable {
  id: string;
  version: number;
  valid_from: CalendarDate;
  benefit: 'dagpenge' | 'kontanthjaelp' | 'uddannelseshjaelp' | 'sygedagpenge' | 'andet';
  municipality_codes: string[] | null;
  akasse_months: number;
  free_choice: ColumnType<boolean, boolean | undefined, boolean>;
  choice_lock_days: ColumnType<number, number | undefined, number>;
  legal_basis: string;
  description_da: string;
  description_en: string;
  created_at: ColumnType<Date, Date | undefined, never>;
}

/** The citizen's situation as DFDG reported it last. */
export interface CitizenSituationTable {
  citizen_id: string;
  municipality_code: string;
  benefit: 'dagpenge' | 'kontanthjaelp' | 'uddannelseshjaelp' | 'sygedagpenge' | 'andet' | 'ingen';
  unemployed_since: CalendarDate | null;
  akasse_cvr: string | null;
  fetched_at: ColumnType<Date, Date | undefined, Date>;
}

/** Who was and is responsible: [starts_on, ends_on), ends_on null while open; one open period per citizen. */
export interface ResponsibilityPeriodTable {
  id: Generated<string>;
  citizen_id: string;
  municipality_code: string;
  organisation_id: string;
  starts_on: CalendarDate;
  ends_on: CalendarDate | null;
  basis: 'rule' | 'choice' | 'default';
  rule_id: string | null;
  rule_version: number | null;
  legal_basis: string;
  created_at: ColumnType<Date, Date | undefined, never>;
}

/** A citizen's free choice of organisation (append-only for the application). */
export interface ResponsibilityChoiceTable {
  id: Generated<string>;
  citizen_id: string;
  organisation_id: string;
  rule_id: string;
  rule_version: number;
  chosen_at: ColumnType<Date, Date | undefined, never>;
}

/**
 * Published view (migration 0053): who was and is responsible for a citizen, period by period — the read model other
 * modules use (journey's "Mine borgere"); row-level security as on responsibility_period.
 */
export interface CitizenResponsibilityView {
  citizen_id: string;
  municipality_code: string;
  organisation_id: string;
  starts_on: CalendarDate;
  ends_on: CalendarDate | null;
  basis: 'rule' | 'choice' | 'default';
}

/** The tables the responsibility module owns; src/platform/db/schema.ts composes every module's into the database type. */
export type ResponsibilityTables = {
  responsibility_rule: ResponsibilityRuleTable;
  citizen_situation: CitizenSituationTable;
  responsibility_period: ResponsibilityPeriodTable;
  responsibility_choice: ResponsibilityChoiceTable;
  citizen_responsibility: CitizenResponsibilityView;
};
