import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import type { Trx } from '../../platform/db/tenant.ts';
import type { OrganisationTable } from './organisations.tables.ts';

export type OrganisationKindValue = OrganisationTable['kind'];

export type OrganisationRow = {
  id: string;
  kind: OrganisationKindValue;
  name: string;
  cvr: string | null;
  municipality_code: string | null;
  employment_service_name: string | null;
  phone: string | null;
  email: string | null;
  website: string | null;
  active: boolean;
};

/** A municipality's contract with another actor, with the actor; dates as 'YYYY-MM-DD', valid_to its last day. */
export type ContractRow = OrganisationRow & { contract_municipality_code: string; valid_from: string; valid_to: string | null };

const organisationColumns = [
  'o.id',
  'o.kind',
  'o.name',
  'o.cvr',
  'o.municipality_code',
  'o.employment_service_name',
  'o.phone',
  'o.email',
  'o.website',
  'o.active',
] as const;

export async function selectOrganisation(db: Db | Trx, id: string): Promise<OrganisationRow | undefined> {
  return db.selectFrom('organisation as o').select(organisationColumns).where('o.id', '=', id).executeTakeFirst();
}

/** Organisations of one kind in name order (Danish collation), optionally only active ones, a page at a time. */
export async function selectOrganisations(
  db: Db | Trx,
  filter: { kind: OrganisationKindValue; activeOnly?: boolean; limit: number; offset?: number },
): Promise<OrganisationRow[]> {
  let query = db
    .selectFrom('organisation as o')
    .select(organisationColumns)
    .where('o.kind', '=', filter.kind)
    .orderBy(sql`o.name collate "da-DK-x-icu"`)
    .orderBy('o.id')
    .limit(filter.limit)
    .offset(filter.offset ?? 0);
  if (filter.activeOnly) query = query.where('o.active', '=', true);
  return query.execute();
}

export async function selectOrganisationByCvr(db: Db | Trx, kind: OrganisationKindValue, cvr: string): Promise<OrganisationRow | undefined> {
  return db.selectFrom('organisation as o').select(organisationColumns).where('o.kind', '=', kind).where('o.cvr', '=', cvr).executeTakeFirst();
}

export type OrganisationValues = {
  id: string;
  kind: OrganisationKindValue;
  name: string;
  cvr: string | null;
  municipality_code: string | null;
  employment_service_name?: string | null;
  phone?: string | null;
  email?: string | null;
  website?: string | null;
};

/** Inserts an organisation unless one with its id exists; says whether it did. */
export async function insertOrganisation(db: Db | Trx, values: OrganisationValues): Promise<boolean> {
  const inserted = await db
    .insertInto('organisation')
    .values(values)
    .onConflict((oc) => oc.column('id').doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

/** Changes an organisation's name and contact details; says whether a row was changed (row-level security may hide it). */
export async function updateOrganisationDetails(
  trx: Trx,
  id: string,
  values: { name: string; cvr?: string; phone: string | null; email: string | null; website: string | null },
): Promise<boolean> {
  const result = await trx
    .updateTable('organisation')
    .set({ ...values, updated_at: new Date() })
    .where('id', '=', id)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function updateOrganisationActive(trx: Trx, id: string, active: boolean): Promise<boolean> {
  const result = await trx.updateTable('organisation').set({ active, updated_at: new Date() }).where('id', '=', id).executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function updateEmploymentServiceName(trx: Trx, id: string, name: string | null): Promise<boolean> {
  const result = await trx.updateTable('organisation').set({ employment_service_name: name, updated_at: new Date() }).where('id', '=', id).executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

function contractQuery(db: Db | Trx, municipalityCode: string) {
  return db
    .selectFrom('organisation_contract as c')
    .innerJoin('organisation as o', 'o.id', 'c.organisation_id')
    .select(organisationColumns)
    .select([
      'c.municipality_code as contract_municipality_code',
      sql<string>`to_char(c.valid_from, 'YYYY-MM-DD')`.as('valid_from'),
      sql<string | null>`to_char(c.valid_to, 'YYYY-MM-DD')`.as('valid_to'),
    ])
    .where('c.municipality_code', '=', municipalityCode);
}

/** A municipality's contracts with other actors: running and to come first (by start), then ended ones. */
export async function selectContracts(db: Db | Trx, municipalityCode: string, today: string): Promise<ContractRow[]> {
  return contractQuery(db, municipalityCode)
    .orderBy(sql`c.valid_to is not null and c.valid_to < ${today}::date`)
    .orderBy('c.valid_from')
    .orderBy(sql`o.name collate "da-DK-x-icu"`)
    .execute();
}

export async function selectContract(db: Db | Trx, municipalityCode: string, organisationId: string): Promise<ContractRow | undefined> {
  return contractQuery(db, municipalityCode).where('c.organisation_id', '=', organisationId).executeTakeFirst();
}

/** The active other actors with a contract running on `onDate` (its first and last day included). */
export async function selectContractedActors(db: Db | Trx, municipalityCode: string, onDate: string): Promise<ContractRow[]> {
  return contractQuery(db, municipalityCode)
    .where('o.kind', '=', 'anden_aktoer')
    .where('o.active', '=', true)
    .where('c.valid_from', '<=', sql<Date>`${onDate}::date`)
    .where((eb) => eb.or([eb('c.valid_to', 'is', null), eb('c.valid_to', '>=', sql<Date>`${onDate}::date`)]))
    .orderBy(sql`o.name collate "da-DK-x-icu"`)
    .execute();
}

/** Inserts a contract unless the municipality has one with the actor; says whether it did. */
export async function insertContract(
  db: Db | Trx,
  values: { organisation_id: string; municipality_code: string; valid_from: string; valid_to: string | null },
): Promise<boolean> {
  const inserted = await db
    .insertInto('organisation_contract')
    .values(values)
    .onConflict((oc) => oc.columns(['organisation_id', 'municipality_code']).doNothing())
    .returning('organisation_id')
    .executeTakeFirst();
  return inserted !== undefined;
}

export async function updateContractDates(
  trx: Trx,
  municipalityCode: string,
  organisationId: string,
  dates: { valid_from: string; valid_to: string | null },
): Promise<boolean> {
  const result = await trx
    .updateTable('organisation_contract')
    .set(dates)
    .where('municipality_code', '=', municipalityCode)
    .where('organisation_id', '=', organisationId)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function deleteContract(trx: Trx, municipalityCode: string, organisationId: string): Promise<boolean> {
  const result = await trx
    .deleteFrom('organisation_contract')
    .where('municipality_code', '=', municipalityCode)
    .where('organisation_id', '=', organisationId)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}
