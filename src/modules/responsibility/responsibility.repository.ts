// SQL of the responsibility module. Every query runs inside the caller's transaction: the citizen's own (app.citizen,
// under row-level security on citizen_situation, responsibility_period and responsibility_choice) or the daily job's
// list of citizens (a SECURITY DEFINER function). Calendar dates are selected as text (YYYY-MM-DD): node-postgres would
// read a `date` as a Date at the server's local midnight.
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import type { Trx } from '../../platform/db/tenant.ts';
import type { Basis, Benefit } from './responsibility.rules.ts';

export type RuleRow = {
  id: string;
  version: number;
  valid_from: string;
  benefit: Exclude<Benefit, 'ingen'>;
  municipality_codes: string[] | null;
  akasse_months: number;
  free_choice: boolean;
  choice_lock_days: number;
  legal_basis: string;
  description_da: string;
  description_en: string;
};

export async function selectRules(trx: Trx): Promise<RuleRow[]> {
  return trx
    .selectFrom('responsibility_rule')
    .select([
      'id',
      'version',
      sql<string>`valid_from::text`.as('valid_from'),
      'benefit',
      'municipality_codes',
      'akasse_months',
      'free_choice',
      'choice_lock_days',
      'legal_basis',
      'description_da',
      'description_en',
    ])
    .orderBy('valid_from')
    .orderBy('id')
    .orderBy('version')
    .execute();
}

/** The citizen as identity publishes them: their CPR number (for DFDG) and municipality. */
export async function selectCitizen(trx: Trx, citizenId: string): Promise<{ cpr_number: string; municipality_code: string } | undefined> {
  return trx.selectFrom('citizen_identity').select(['cpr_number', 'municipality_code']).where('id', '=', citizenId).executeTakeFirst();
}

export type SituationRow = {
  citizen_id: string;
  municipality_code: string;
  benefit: Benefit;
  unemployed_since: string | null;
  akasse_cvr: string | null;
  fetched_at: Date;
};

/** The citizen's situation; `lock` holds it for the transaction, so two movers of one citizen take turns. */
export async function selectSituation(trx: Trx, citizenId: string, options: { lock?: boolean } = {}): Promise<SituationRow | undefined> {
  const query = trx
    .selectFrom('citizen_situation')
    .select(['citizen_id', 'municipality_code', 'benefit', sql<string | null>`unemployed_since::text`.as('unemployed_since'), 'akasse_cvr', 'fetched_at'])
    .where('citizen_id', '=', citizenId);
  return (options.lock ? query.forUpdate() : query).executeTakeFirst();
}

export async function upsertSituation(trx: Trx, row: Omit<SituationRow, 'fetched_at'>): Promise<void> {
  await trx
    .insertInto('citizen_situation')
    .values({ ...row, fetched_at: new Date() })
    .onConflict((oc) =>
      oc.column('citizen_id').doUpdateSet({
        municipality_code: row.municipality_code,
        benefit: row.benefit,
        unemployed_since: row.unemployed_since,
        akasse_cvr: row.akasse_cvr,
        fetched_at: new Date(),
      }),
    )
    .execute();
}

export type PeriodRow = {
  id: string;
  municipality_code: string;
  organisation_id: string;
  starts_on: string;
  ends_on: string | null;
  basis: Basis;
  rule_id: string | null;
  rule_version: number | null;
  legal_basis: string;
};

/** The citizen's periods, oldest first. */
export async function selectPeriods(trx: Trx, citizenId: string): Promise<PeriodRow[]> {
  return trx
    .selectFrom('responsibility_period')
    .select([
      'id',
      'municipality_code',
      'organisation_id',
      sql<string>`starts_on::text`.as('starts_on'),
      sql<string | null>`ends_on::text`.as('ends_on'),
      'basis',
      'rule_id',
      'rule_version',
      'legal_basis',
    ])
    .where('citizen_id', '=', citizenId)
    .orderBy('starts_on')
    .orderBy('created_at')
    .execute();
}

export async function closePeriod(trx: Trx, periodId: string, endsOn: string): Promise<void> {
  await trx.updateTable('responsibility_period').set({ ends_on: endsOn }).where('id', '=', periodId).where('ends_on', 'is', null).execute();
}

export async function insertPeriod(trx: Trx, row: Omit<PeriodRow, 'id'> & { citizen_id: string }): Promise<void> {
  await trx.insertInto('responsibility_period').values(row).execute();
}

export type ChoiceRow = { organisation_id: string; rule_id: string; rule_version: number; chosen_on: string; chosen_at: Date };

/** The citizen's free choices in the order made, each with the Copenhagen date it was made on. */
export async function selectChoices(trx: Trx, citizenId: string): Promise<ChoiceRow[]> {
  return trx
    .selectFrom('responsibility_choice')
    .select(['organisation_id', 'rule_id', 'rule_version', sql<string>`(chosen_at at time zone 'Europe/Copenhagen')::date::text`.as('chosen_on'), 'chosen_at'])
    .where('citizen_id', '=', citizenId)
    .orderBy('chosen_at')
    .orderBy('id')
    .execute();
}

export async function insertChoice(
  trx: Trx,
  row: { citizen_id: string; organisation_id: string; rule_id: string; rule_version: number; chosen_at: Date },
): Promise<void> {
  await trx.insertInto('responsibility_choice').values(row).execute();
}

/** Every citizen with a situation (the daily job then moves each in their own transaction). */
export async function selectCitizensToMove(db: Db): Promise<string[]> {
  const { rows } = await sql<{ citizen_id: string }>`select citizen_id from responsibility_citizens()`.execute(db);
  return rows.map((r) => r.citizen_id);
}
