import type { Db } from '../../platform/db/database.ts';
import type { SeedPart } from '../../platform/seed.ts';
import { citizenOfTestPerson } from '../identity/index.ts';

// Invented details for the synthetic test persons; the addresses are on example.dk.
const contacts: { name: string; email: string; phone: string; language: 'da' | 'en' }[] = [
  { name: 'Mette Jensen', email: 'mette.jensen@example.dk', phone: '+4520101851', language: 'da' },
  { name: 'Ahmed Hassan', email: 'ahmed.hassan@example.dk', phone: '+4520203921', language: 'da' },
  { name: 'Lars Nielsen', email: 'lars.nielsen@example.dk', phone: '+4520305781', language: 'da' },
  { name: 'Sofie Andersen', email: 'sofie.andersen@example.dk', phone: '+4520407001', language: 'en' },
  { name: 'Karin Pedersen', email: 'karin.pedersen@example.dk', phone: '+4520509681', language: 'da' },
  { name: 'Birgitte Larsen', email: 'birgitte.larsen@example.dk', phone: '+4520712741', language: 'da' },
];

/**
 * Demo world, vendor-data's part: contact details for most of the test IdP's citizens (created as at a first sign-in
 * when they are not there yet), so the Data API's `contact` category has something to show. What a citizen changed
 * since is left alone.
 */
export const vendorDataSeed: SeedPart = {
  name: 'vendor-data.demo',
  async run(db: Db) {
    for (const contact of contacts) {
      const citizen = await citizenOfTestPerson(db, contact.name);
      if (!citizen) continue;
      await db
        .insertInto('citizen_contact')
        .values({
          citizen_id: citizen.id,
          municipality_code: citizen.municipalityCode,
          email: contact.email,
          phone: contact.phone,
          preferred_language: contact.language,
        })
        .onConflict((oc) => oc.column('citizen_id').doNothing())
        .execute();
    }
  },
};
