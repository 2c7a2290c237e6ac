import { createHash, randomBytes, randomInt, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { NsisLevel } from '../../src/platform/auth/nsis.ts';
import { audienceOfRole, type Principal, type Role } from '../../src/platform/auth/principal.ts';
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

/** A citizen registered as at a sign-in (through the same database function the app uses). */
export async function createCitizen(db: Db, options: { municipalityCode: string; name?: string; cpr?: string }): Promise<{ id: string; cpr: string; name: string; personUuid: string }> {
  const personUuid = randomUUID();
  const cpr = options.cpr ?? `${70 + randomInt(20)}${String(randomInt(1, 10_000_000)).padStart(8, '0')}`;
  const name = options.name ?? `Testborger ${cpr.slice(-4)}`;
  const { rows } = await sql<{ id: string }>`select record_citizen_sign_in(${personUuid}, ${cpr}, ${name}, ${options.municipalityCode}) as id`.execute(db);
  return { id: rows[0]?.id ?? '', cpr, name, personUuid };
}

/** A live session for a principal, as a sign-in would leave it; returns the cookie value. */
export async function createSession(db: Db, principal: Principal): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await db
    .insertInto('session')
    .values({
      token_hash: createHash('sha256').update(token).digest(),
      subject: principal.subject,
      audience: principal.audience,
      principal: JSON.stringify(principal),
      nsis_level: principal.nsisLevel,
      idp_issuer: 'http://127.0.0.1/test-idp',
      id_token: 'not-used',
      expires_at: sql<Date>`now() + interval '1 hour'`,
    })
    .execute();
  return token;
}

/** A principal for a role, bound to a municipality or vendor as the role requires. */
export function principalFor(role: Role, options: { municipalityCode?: string; citizenId?: string; nsisLevel?: NsisLevel } = {}): Principal {
  const audience = audienceOfRole(role);
  const municipality = audience === 'citizen' || audience === 'staff' ? { code: options.municipalityCode ?? '101', name: 'Testkommune' } : undefined;
  return {
    subject: `https://data.gov.dk/model/core/eid/person/uuid/${randomUUID()}`,
    name: `Test ${role}`,
    audience,
    roles: [role],
    nsisLevel: options.nsisLevel ?? 'High',
    municipality,
    vendor: audience === 'vendor' ? { cvr: '39000008', name: 'Testleverandør' } : undefined,
    citizenId: role === 'citizen' ? options.citizenId : undefined,
  };
}
