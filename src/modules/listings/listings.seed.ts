import type { Principal } from '../../platform/auth/principal.ts';
import type { SeedPart } from '../../platform/seed.ts';
import { createListing, submitListing } from './listings.service.ts';
import type { ListingDraftInput } from './listings.schemas.ts';

const signe: Principal = {
  subject: 'https://data.gov.dk/model/core/eid/person/uuid/00000000-0000-4000-8000-000000000300',
  name: 'Signe Brandt',
  audience: 'vendor',
  roles: ['vendor_admin'],
  nsisLevel: 'Substantial',
  vendor: { cvr: '39000008', name: 'Jobtræner ApS (test)' },
};

const sprogbroen: Principal = {
  ...signe,
  subject: 'urn:jobunivers:demo:sprogbroen-admin',
  name: 'Amira Haddad',
  vendor: { cvr: '39000032', name: 'Sprogbroen ApS (test)' },
};

const inReview: ListingDraftInput = {
  nameDa: 'Videoansøgning på ti minutter',
  nameEn: 'A video application in ten minutes',
  summaryDa: 'Optag en kort videoansøgning med manuskript, lys og lyd — og få feedback, før du sender den.',
  summaryEn: 'Record a short video application with script, light and sound — and get feedback before you send it.',
  descriptionDa: 'Fem trin fra idé til færdig video. Virker på mobilen.',
  descriptionEn: 'Five steps from idea to finished video. Works on your phone.',
  journeyStage: 'search',
  categories: ['cv_application'],
  targetGroups: ['job_ready', 'education_ready'],
  languages: ['da', 'en'],
  channels: ['web', 'app'],
  priceModel: 'per_seat',
  requiredNsisLevel: 'Substantial',
  serviceUrl: 'https://jobtraener.example/video',
  accessibilityStatementUrl: 'https://jobtraener.example/video/tilgaengelighed',
  redirectUris: ['https://jobtraener.example/video/callback'],
  clientAuthMethod: 'private_key_jwt',
  jwksUri: 'https://jobtraener.example/.well-known/jwks.json',
  dataCategories: [
    { category: 'profile', purposeDa: 'At skrive dit navn på videoens forside', purposeEn: 'To put your name on the video', legalBasis: 'consent' },
  ],
};

// Sprogbroen has not made its framework declaration yet, so its submission stops at the automated checks.
const checksFailed: ListingDraftInput = {
  nameDa: 'Jobdansk for sundhedsfagligt personale',
  nameEn: 'Danish at work for healthcare staff',
  summaryDa: 'Dansk til vagtskifte, journal og patientsamtaler for sygeplejersker og SOSU-assistenter.',
  summaryEn: 'Danish for handovers, records and patient talks for nurses and care assistants.',
  journeyStage: 'upskill',
  categories: ['language'],
  languages: ['da', 'ar', 'uk'],
  channels: ['video'],
  priceModel: 'licence',
  serviceUrl: 'https://sprogbroen.example/sundhed',
  redirectUris: ['http://sprogbroen.example/callback'],
};

/** Demo world, listings' part: one listing waiting for governance, one sent back by the automated checks. */
export const listingsSeed: SeedPart = {
  name: 'listings.workflow',
  async run(db) {
    for (const [actor, draft] of [
      [signe, inReview],
      [sprogbroen, checksFailed],
    ] as const) {
      const exists = await db
        .selectFrom('listing_version')
        .select('id')
        .where('name_da', '=', draft.nameDa ?? '')
        .executeTakeFirst();
      if (exists) continue;
      const { id: listingId } = await createListing(db, actor, draft);
      await submitListing(db, { listingChecks: { reachability: false, sandbox: true } }, actor, listingId);
    }
  },
};
