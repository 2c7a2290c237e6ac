import { sql, type Selectable } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import type { JobcenterTable } from '../../platform/db/schema.ts';

export type MunicipalityRow = {
  code: string;
  name: string;
  region_code: string;
  region_name_da: string;
  region_name_en: string;
  has_jobcenter: boolean;
};

export type JobcenterRow = Omit<Selectable<JobcenterTable>, 'created_at' | 'updated_at'>;

export type JobcenterInput = Omit<JobcenterRow, 'id'>;

function municipalityQuery(db: Db) {
  return db
    .selectFrom('municipality as m')
    .innerJoin('region as r', 'r.code', 'm.region_code')
    .select([
      'm.code',
      'm.name',
      'm.region_code',
      'r.name_da as region_name_da',
      'r.name_en as region_name_en',
      sql<boolean>`exists (select 1 from jobcenter j where j.municipality_code = m.code)`.as('has_jobcenter'),
    ]);
}

/** Municipalities in code order after `afterCode`, optionally in one region; fetches `limit` rows. */
export async function selectMunicipalities(
  db: Db,
  filter: { regionCode?: string | undefined; afterCode?: string | undefined; limit: number },
): Promise<MunicipalityRow[]> {
  let query = municipalityQuery(db).orderBy('m.code').limit(filter.limit);
  if (filter.regionCode) query = query.where('m.region_code', '=', filter.regionCode);
  if (filter.afterCode) query = query.where('m.code', '>', filter.afterCode);
  return query.execute();
}

export async function selectMunicipality(db: Db, code: string): Promise<MunicipalityRow | undefined> {
  return municipalityQuery(db).where('m.code', '=', code).executeTakeFirst();
}

export async function selectRegions(db: Db): Promise<{ code: string; name_da: string; name_en: string }[]> {
  return db.selectFrom('region').select(['code', 'name_da', 'name_en']).orderBy('code').execute();
}

export async function selectJobcenters(db: Db, municipalityCode: string): Promise<JobcenterRow[]> {
  return db
    .selectFrom('jobcenter')
    .select(['id', 'municipality_code', 'name', 'street', 'postal_code', 'city', 'phone', 'email', 'website', 'opening_hours'])
    .where('municipality_code', '=', municipalityCode)
    .orderBy('name')
    .execute();
}

/** Inserts or updates a jobcenter, keyed by municipality and name. */
export async function upsertJobcenter(db: Db, jobcenter: JobcenterInput): Promise<void> {
  const values = { ...jobcenter, opening_hours: JSON.stringify(jobcenter.opening_hours) };
  await db
    .insertInto('jobcenter')
    .values(values)
    .onConflict((oc) =>
      oc.columns(['municipality_code', 'name']).doUpdateSet({
        street: values.street,
        postal_code: values.postal_code,
        city: values.city,
        phone: values.phone,
        email: values.email,
        website: values.website,
        opening_hours: values.opening_hours,
        updated_at: new Date(),
      }),
    )
    .execute();
}

export async function countMunicipalitiesAndJobcenters(db: Db): Promise<{ municipalities: number; jobcenters: number }> {
  const row = await db
    .selectNoFrom([
      sql<number>`(select count(*)::int from municipality)`.as('municipalities'),
      sql<number>`(select count(*)::int from jobcenter)`.as('jobcenters'),
    ])
    .executeTakeFirstOrThrow();
  return row;
}
