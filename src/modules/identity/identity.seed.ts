// What other modules' demo seeds need from identity: the citizens of the test IdP's synthetic persons.
import type { Db } from '../../platform/db/database.ts';
import { recordCitizenSignIn } from './identity.repository.ts';
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
