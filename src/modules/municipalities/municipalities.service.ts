import type { Db } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { decodeCursor } from '../../platform/http/pagination.ts';
import {
  countMunicipalitiesAndJobcenters,
  selectJobcenters,
  selectMunicipalities,
  selectMunicipality,
  selectRegions,
  upsertJobcenter,
  type JobcenterInput,
  type JobcenterRow,
  type MunicipalityRow,
} from './municipalities.repository.ts';
import type { MunicipalityListQuery } from './municipalities.schemas.ts';

/** One page of municipalities in kommunekode order (fetches one extra row to know if more follow). Throws VALIDATION on a bad cursor. */
export async function listMunicipalities(db: Db, query: MunicipalityListQuery): Promise<MunicipalityRow[]> {
  const afterCode = query.cursor ? String(decodeCursor(query.cursor, 1)[0]) : undefined;
  return selectMunicipalities(db, { regionCode: query.region, afterCode, limit: query.limit + 1 });
}

/** Every municipality, optionally in one region, for the public overview page. */
export async function listAllMunicipalities(db: Db, regionCode?: string): Promise<MunicipalityRow[]> {
  return selectMunicipalities(db, { regionCode, limit: 100 });
}

/** A municipality with its jobcenters. Throws NOT_FOUND for an unknown code. */
export async function getMunicipality(db: Db, code: string): Promise<{ municipality: MunicipalityRow; jobcenters: JobcenterRow[] }> {
  const municipality = await selectMunicipality(db, code);
  if (!municipality) throw new AppError('NOT_FOUND', `There is no municipality with code ${code}.`);
  return { municipality, jobcenters: await selectJobcenters(db, code) };
}

export const listRegions = selectRegions;

/** Figures for the landing page. */
export const countCoverage = countMunicipalitiesAndJobcenters;

/** Creates or updates a jobcenter by municipality and name (seed and test set-up); throws nothing of its own. */
export function saveJobcenter(db: Db, jobcenter: JobcenterInput): Promise<void> {
  return upsertJobcenter(db, jobcenter);
}
