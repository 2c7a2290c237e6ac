import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';

/** Months as 'YYYY-MM' text: a date column read as a Date would land at local midnight. */
const monthText = (column: string) => sql<string>`to_char(${sql.ref(column)}, 'YYYY-MM')`;
const monthDate = (month: string) => sql<Date>`to_date(${month}, 'YYYY-MM')`;

/** Recomputes the months that received events since the last run (every month when `all`); returns them. */
export async function refreshRollups(db: Db, all: boolean): Promise<string[]> {
  const { rows } = await sql<{ month: string }>`select to_char(m, 'YYYY-MM') as month from statistics_refresh(${all}) as m`.execute(db);
  return rows.map((row) => row.month);
}

/** The months before `beforeMonth` that have any activity, newest first. */
export async function selectMonthsWithActivity(db: Db, beforeMonth: string): Promise<string[]> {
  const rows = await db
    .selectFrom('statistics_municipality_month')
    .select(monthText('month').as('month'))
    .distinct()
    .where('month', '<', monthDate(beforeMonth))
    .orderBy('month', 'desc')
    .execute();
  return rows.map((row) => row.month);
}

/** One month's stored cells (only those with citizens). */
export async function selectMunicipalityMonth(db: Db, month: string) {
  return db
    .selectFrom('statistics_municipality_month')
    .select(['municipality_code', 'journey_stage', 'target_group', 'citizens'])
    .where('month', '=', monthDate(month))
    .execute();
}

/** Citizens per vendor and month in [fromMonth, toMonth], with the vendor's public name and CVR. */
export async function selectVendorMonths(db: Db, fromMonth: string, toMonth: string) {
  return db
    .selectFrom('statistics_vendor_month as s')
    .innerJoin('vendor_profile as v', 'v.id', 's.vendor_id')
    .select([monthText('s.month').as('month'), 's.vendor_id', 'v.name', 'v.cvr', 's.citizens'])
    .where('s.month', '>=', monthDate(fromMonth))
    .where('s.month', '<=', monthDate(toMonth))
    .orderBy('v.name')
    .orderBy('s.vendor_id')
    .execute();
}

/** Every municipality (the table's rows), by code. */
export async function selectMunicipalityNames(db: Db) {
  return db.selectFrom('municipality_name').select(['code', 'name']).orderBy('code').execute();
}

/** The journey stages and target groups (the table's columns), in the catalogue's order. */
export async function selectStagesAndTargetGroups(db: Db) {
  return db
    .selectFrom('taxonomy_term')
    .select(['taxonomy', 'code', 'name_da', 'name_en'])
    .where('taxonomy', 'in', ['stage', 'target_group'])
    .orderBy('sort')
    .orderBy('code')
    .execute();
}
