import type { Db } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import {
  refreshRollups,
  selectMonthsWithActivity,
  selectMunicipalityMonth,
  selectMunicipalityNames,
  selectStagesAndTargetGroups,
  selectVendorMonths,
} from './statistics.repository.ts';
import { inTransaction } from '../../platform/db/tenant.ts';
import { refreshDays, refreshMonths, refreshTotals } from './dashboard.repository.ts';
import { SUPPRESSION_THRESHOLD, suppressSmallCells, suppressTable, type Published } from './statistics.suppression.ts';

/** The code a cell carries when the citizen's journey stage or target group is not known. */
export const UNKNOWN = 'unknown';
/** How many completed months the vendor table shows. */
export const VENDOR_TABLE_MONTHS = 12;

export type Term = { code: string; nameDa: string; nameEn: string };

/** The municipality table of one month: municipalities × (journey stage, target group), with its totals, suppressed. */
export type MunicipalityMonthTable = {
  month: string;
  months: string[];
  threshold: number;
  columns: { journeyStage: Term; targetGroup: Term }[];
  rows: { municipalityCode: string; municipalityName: string; cells: Published[]; total: Published }[];
  totals: { cells: Published[]; total: Published };
};

/** The vendor table: vendors × the last completed months, no totals, suppressed. */
export type VendorMonthTable = {
  months: string[];
  threshold: number;
  rows: { cvr: string; vendorName: string; cells: Published[] }[];
};

/** 'YYYY-MM' of the month `offset` months from `month`. */
export function addMonths(month: string, offset: number): string {
  const [year = 0, number = 1] = month.split('-').map(Number);
  const index = year * 12 + (number - 1) + offset;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The current month in Copenhagen as 'YYYY-MM': it is still running, so it is never published. */
export function currentMonth(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Copenhagen', year: 'numeric', month: '2-digit' }).format(now).slice(0, 7);
}

/**
 * Folds new (and late) events, launches, ratings and the journey's changes into the rollups, recomputing whole months
 * (the open statistics) and whole days (the dashboards); `all` recomputes everything, `days` those days (a backfill).
 */
export async function refreshStatistics(db: Db, options: { all?: boolean; days?: string[] } = {}): Promise<{ months: string[]; days: string[] }> {
  const months = await refreshRollups(db, options.all === true);
  // The days and their months in one transaction: the change announced (statisticsRefreshed) is heard at its commit.
  const days = await inTransaction(db, async (trx) => {
    const recomputed = await refreshDays(trx, options.all === true, options.days);
    await refreshMonths(trx, options.all === true, recomputed);
    await refreshTotals(trx, options.all === true, recomputed);
    return recomputed;
  });
  return { months, days };
}

/** The completed months with activity, newest first. */
export async function listPublishedMonths(db: Db, now = new Date()): Promise<string[]> {
  return selectMonthsWithActivity(db, currentMonth(now));
}

/**
 * One month's municipality table as published (the newest completed month when `month` is absent), or undefined when
 * no month has activity yet. Throws NOT_FOUND for a month that is not published.
 */
export async function readMunicipalityMonthTable(db: Db, month?: string, now = new Date()): Promise<MunicipalityMonthTable | undefined> {
  const months = await listPublishedMonths(db, now);
  const chosen = month ?? months[0];
  if (chosen === undefined) return undefined;
  if (!months.includes(chosen)) throw new AppError('NOT_FOUND', `No statistics are published for ${chosen}.`);
  const [stored, municipalities, terms] = await Promise.all([
    selectMunicipalityMonth(db, chosen),
    selectMunicipalityNames(db),
    selectStagesAndTargetGroups(db),
  ]);
  const unknown: Term = { code: UNKNOWN, nameDa: 'Ukendt', nameEn: 'Unknown' };
  const asTerm = (t: (typeof terms)[number]): Term => ({ code: t.code, nameDa: t.name_da, nameEn: t.name_en });
  const stages = [...terms.filter((t) => t.taxonomy === 'stage').map(asTerm), unknown];
  const groups = [...terms.filter((t) => t.taxonomy === 'target_group').map(asTerm), unknown];
  const columns = stages.flatMap((journeyStage) => groups.map((targetGroup) => ({ journeyStage, targetGroup })));
  const columnIndex = new Map(columns.map((c, j) => [`${c.journeyStage.code}/${c.targetGroup.code}`, j]));
  const rowIndex = new Map(municipalities.map((m, i) => [m.code, i]));
  const counts = municipalities.map(() => columns.map(() => 0));
  for (const cell of stored) {
    // A code the catalogue no longer has counts as unknown, so no citizen drops out of the totals.
    const j = columnIndex.get(`${cell.journey_stage}/${cell.target_group}`) ?? columnIndex.get(`${UNKNOWN}/${UNKNOWN}`) ?? 0;
    const row = counts[rowIndex.get(cell.municipality_code) ?? -1];
    if (row) row[j] = (row[j] ?? 0) + cell.citizens;
  }
  const published = suppressTable(counts);
  return {
    month: chosen,
    months,
    threshold: SUPPRESSION_THRESHOLD,
    columns,
    rows: municipalities.map((m, i) => ({
      municipalityCode: m.code,
      municipalityName: m.name,
      cells: published.cells[i] ?? [],
      total: published.rowTotals[i] ?? null,
    })),
    totals: { cells: published.columnTotals, total: published.total },
  };
}

/** The vendor table as published: every vendor with activity in the last completed months, by name. */
export async function readVendorMonthTable(db: Db, now = new Date()): Promise<VendorMonthTable> {
  const last = addMonths(currentMonth(now), -1);
  const months = Array.from({ length: VENDOR_TABLE_MONTHS }, (_, k) => addMonths(last, k - VENDOR_TABLE_MONTHS + 1));
  const stored = await selectVendorMonths(db, months[0] ?? last, last);
  const vendors = new Map<string, { cvr: string; vendorName: string; counts: number[] }>();
  for (const row of stored) {
    const vendor = vendors.get(row.vendor_id) ?? { cvr: row.cvr, vendorName: row.name, counts: months.map(() => 0) };
    vendors.set(row.vendor_id, vendor);
    vendor.counts[months.indexOf(row.month)] = row.citizens;
  }
  return {
    months,
    threshold: SUPPRESSION_THRESHOLD,
    rows: [...vendors.values()].map((v) => ({ cvr: v.cvr, vendorName: v.vendorName, cells: suppressSmallCells(v.counts) })),
  };
}
