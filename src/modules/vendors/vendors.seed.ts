import type { SeedPart } from '../../platform/seed.ts';
import { upsertVendor } from './vendors.repository.ts';

// Demo vendors. Jobtræner ApS is the test IdP's vendor (Signe Brandt, Kasper Winther); Kompetencekompasset
// (Louise Falk) is left unregistered so a newcomer can try the registration. CVR numbers are synthetic.
export const demoVendors = [
  {
    cvr: '39000008',
    name: 'Jobtræner ApS (test)',
    contact_email: 'support@jobtraener.example',
    contact_phone: '70 20 30 40',
    support_url: 'https://jobtraener.example/support',
    dpa_status: 'signed' as const,
  },
  {
    cvr: '39000032',
    name: 'Sprogbroen ApS (test)',
    contact_email: 'hej@sprogbroen.example',
    contact_phone: '70 20 30 41',
    support_url: 'https://sprogbroen.example/hjaelp',
    dpa_status: 'signed' as const,
  },
];

/** Demo world, vendors' part. */
export const vendorsSeed: SeedPart = {
  name: 'vendors.companies',
  async run(db) {
    for (const vendor of demoVendors) await upsertVendor(db, { ...vendor, registered_by: 'demo-seed' });
  },
};
