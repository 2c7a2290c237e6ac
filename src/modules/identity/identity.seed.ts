// What other modules' demo seeds need from identity: the citizens of the test IdP's synthetic persons.
import type { Db } from '../../platform/db/database.ts';
import type { SeedPart } from '../../platform/seed.ts';
import { getOrganisation } from '../organisations/index.ts';
import { recordCitizenSignIn, recordStaffSignIn } from './identity.repository.ts';
import { testPersons } from './test-idp/test-persons.ts';

/**
 * The citizen of a test person (by name), found, or created as at their first sign-in (through the one database
 * function that may). Undefined for a name that is not a test IdP citizen with a CPR number and municipality.
 */
export async function citizenOfTestPerson(db: Db, personName: string): Promise<{ id: string; municipalityCode: string } | undefined> {
  const person = testPersons.find((p) => p.name === personName && p.audience === 'citizen');
  if (!person?.cpr || !person.municipality) return undefined;
  const existing = await db.selectFrom('citizen').select(['id', 'municipality_code']).where('person_uuid', '=', person.id).executeTakeFirst();
  if (existing) return { id: existing.id, municipalityCode: existing.municipality_code };
  const id = await recordCitizenSignIn(db, { personUuid: person.id, cpr: person.cpr, name: person.name, municipalityCode: person.municipality });
  return { id, municipalityCode: person.municipality };
}

/**
 * The test IdP's staff in the staff directory, as if each had signed in once for their organisation: so the demo's
 * caseworkers can assign citizens and work to colleagues who have not signed in yet. Idempotent.
 */
export const identitySeed: SeedPart = {
  name: 'identity.staff-directory',
  async run(db) {
    for (const person of testPersons) {
      if (person.audience !== 'staff') continue;
      const organisationId = person.organisation?.id ?? (person.municipality ? `kommune-${person.municipality}` : undefined);
      if (!organisationId) continue;
      const known = await getOrganisation(db, organisationId).catch(() => undefined);
      if (known) await recordStaffSignIn(db, { organisationId, subject: person.id, name: person.name, roles: person.roles });
    }
  },
};
