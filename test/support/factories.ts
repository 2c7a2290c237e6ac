import { randomInt } from 'node:crypto';
import type { Db } from '../../src/platform/db/database.ts';
import { upsertJobcenter, type JobcenterInput } from '../../src/modules/municipalities/index.ts';

// Codes 9xx are not used by any real municipality, so test municipalities never collide with the 98.
let nextCode = 900 + randomInt(50);

/** A fictitious municipality (code 9xx) for tests that need one of their own. */
export async function createMunicipality(db: Db, overrides: { name?: string; regionCode?: string } = {}): Promise<{ code: string; name: string }> {
  const code = String(nextCode++);
  const name = overrides.name ?? `Testkommune ${code}`;
  await db.insertInto('municipality').values({ code, name, region_code: overrides.regionCode ?? '1084' }).execute();
  return { code, name };
}

/** A jobcenter for a municipality, with plausible contact details. */
export async function createJobcenter(db: Db, municipalityCode: string, overrides: Partial<JobcenterInput> = {}): Promise<JobcenterInput> {
  const jobcenter: JobcenterInput = {
    municipality_code: municipalityCode,
    name: `Jobcenter ${municipalityCode}`,
    street: 'Rådhuspladsen 1',
    postal_code: '1550',
    city: 'København V',
    phone: '70 10 20 30',
    email: 'jobcenter@test.kommune.example',
    website: 'https://test.kommune.example/jobcenter',
    opening_hours: [{ weekday: 1, opens: '09:00', closes: '15:00' }],
    ...overrides,
  };
  await upsertJobcenter(db, jobcenter);
  return jobcenter;
}
