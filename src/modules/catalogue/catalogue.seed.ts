import { sql } from 'kysely';
import type { NsisLevel } from '../../platform/auth/nsis.ts';
import type { Channel, LegalBasis } from '../../platform/db/schema.ts';
import type { SeedPart } from '../../platform/seed.ts';

type DemoListing = {
  id: string;
  cvr: string;
  name: [string, string];
  summary: [string, string];
  stage: string;
  price: 'free' | 'licence' | 'per_seat' | 'per_completion';
  categories: string[];
  targetGroups: string[];
  languages: string[];
  channels: Channel[];
  level: NsisLevel;
  data: { category: string; purpose: [string, string]; legalBasis: LegalBasis }[];
};

const profile = {
  category: 'profile',
  purpose: ['Så tjenesten kan tiltale dig og vide, hvilken kommune du bor i.', 'So the service can address you and know your municipality.'] as [
    string,
    string,
  ],
  legalBasis: 'consent' as const,
};

const n = (i: number) => `00000000-0000-4000-9000-${i.toString(16).padStart(12, '0')}`;

// Approved demo listings, so the catalogue and its search have something to find from the first start.
const listings: DemoListing[] = [
  {
    id: n(1),
    cvr: '39000008',
    name: ['Øvebanen til jobsamtaler', 'Interview practice'],
    summary: ['Øv jobsamtaler med video og få konkret feedback på dine svar.', 'Practise job interviews on video and get concrete feedback.'],
    stage: 'prepare',
    price: 'per_seat',
    categories: ['interview'],
    targetGroups: ['job_ready', 'education_ready'],
    languages: ['da', 'en'],
    channels: ['web', 'video'],
    level: 'Substantial',
    data: [
      profile,
      { category: 'cv', purpose: ['Så øvelserne passer til de job, du søger.', 'So the exercises fit the jobs you apply for.'], legalBasis: 'consent' },
    ],
  },
  {
    id: n(2),
    cvr: '39000008',
    name: ['Zoom ind på dit CV', 'Zoom in on your CV'],
    summary: [
      'Skriv et CV, der bliver læst: skabeloner, eksempler og hjælp til ansøgningen.',
      'Write a CV that gets read: templates, examples and help with applications.',
    ],
    stage: 'search',
    price: 'licence',
    categories: ['cv_application'],
    targetGroups: ['job_ready'],
    languages: ['da'],
    channels: ['web'],
    level: 'Low',
    data: [],
  },
  {
    id: n(3),
    cvr: '39000008',
    name: ['Målrettet jobsøgning', 'Targeted job search'],
    summary: ['Lær at finde de skjulte job og planlæg din jobsøgning uge for uge.', 'Find the hidden jobs and plan your job search week by week.'],
    stage: 'search',
    price: 'per_seat',
    categories: ['cv_application', 'networking'],
    targetGroups: ['job_ready', 'activity_ready'],
    languages: ['da', 'en'],
    channels: ['web', 'app'],
    level: 'Substantial',
    data: [
      profile,
      {
        category: 'job_wishes',
        purpose: ['For at foreslå job, der passer til dine ønsker.', 'To suggest jobs that match your wishes.'],
        legalBasis: 'consent',
      },
    ],
  },
  {
    id: n(4),
    cvr: '39000032',
    name: ['Ærlig talt – motivation i ledighed', 'Honestly – motivation while unemployed'],
    summary: [
      'Korte forløb om trivsel, rutiner og motivation, når jobbet lader vente på sig.',
      'Short courses on wellbeing, routines and motivation while the job waits.',
    ],
    stage: 'clarify',
    price: 'free',
    categories: ['wellbeing'],
    targetGroups: ['activity_ready', 'sick_leave'],
    languages: ['da'],
    channels: ['app', 'phone'],
    level: 'Substantial',
    data: [profile],
  },
  {
    id: n(5),
    cvr: '39000032',
    name: ['Åben sprogcafé online', 'Open language café online'],
    summary: [
      'Træn dansk til jobsamtalen og arbejdspladsen med frivillige sprogmakkere.',
      'Practise Danish for interviews and the workplace with volunteer partners.',
    ],
    stage: 'upskill',
    price: 'free',
    categories: ['language', 'interview'],
    targetGroups: ['job_ready', 'activity_ready'],
    languages: ['da', 'ar', 'uk'],
    channels: ['video', 'in_person'],
    level: 'Low',
    data: [],
  },
  {
    id: n(6),
    cvr: '39000032',
    name: ['Digital på arbejdsmarkedet', 'Digital at work'],
    summary: [
      'Grundkursus i MitID, e-Boks, jobportaler og videomøder i dit eget tempo.',
      'A basic course in MitID, e-Boks, job portals and video meetings at your own pace.',
    ],
    stage: 'upskill',
    price: 'per_completion',
    categories: ['digital_skills', 'courses'],
    targetGroups: ['activity_ready', 'flex_job'],
    languages: ['da', 'tr', 'pl'],
    channels: ['web', 'phone'],
    level: 'Substantial',
    data: [
      profile,
      {
        category: 'plan',
        purpose: ['For at følge op på de mål, du har aftalt med jobcentret.', 'To follow up on the goals you agreed with the job centre.'],
        legalBasis: 'public_task',
      },
    ],
  },
];

/** Demo world, catalogue's part: approved listings from the demo vendors (after vendors.companies). */
export const catalogueSeed: SeedPart = {
  name: 'catalogue.listings',
  async run(db) {
    for (const listing of listings) {
      await sql`
        insert into listing (id, vendor_id) select ${listing.id}::uuid, id from vendor where cvr = ${listing.cvr}
        on conflict (id) do nothing`.execute(db);
      await db
        .insertInto('listing_version')
        .values({
          id: listing.id,
          listing_id: listing.id,
          version: 1,
          status: 'approved',
          name_da: listing.name[0],
          name_en: listing.name[1],
          summary_da: listing.summary[0],
          summary_en: listing.summary[1],
          description_da: listing.summary[0],
          description_en: listing.summary[1],
          journey_stage: listing.stage,
          price_model: listing.price,
          required_nsis_level: listing.level,
          channels: listing.channels,
          service_url: `https://tjeneste.example/${listing.id}`,
          accessibility_statement_url: `https://tjeneste.example/${listing.id}/tilgaengelighed`,
        })
        .onConflict((oc) => oc.column('id').doNothing())
        .execute();
      for (const category of listing.categories) {
        await db
          .insertInto('listing_version_category')
          .values({ version_id: listing.id, category })
          .onConflict((oc) => oc.doNothing())
          .execute();
      }
      for (const group of listing.targetGroups) {
        await db
          .insertInto('listing_version_target_group')
          .values({ version_id: listing.id, target_group: group })
          .onConflict((oc) => oc.doNothing())
          .execute();
      }
      for (const language of listing.languages) {
        await db
          .insertInto('listing_version_language')
          .values({ version_id: listing.id, language })
          .onConflict((oc) => oc.doNothing())
          .execute();
      }
      for (const use of listing.data) {
        await db
          .insertInto('listing_version_data_category')
          .values({ version_id: listing.id, category: use.category, purpose_da: use.purpose[0], purpose_en: use.purpose[1], legal_basis: use.legalBasis })
          .onConflict((oc) => oc.doNothing())
          .execute();
      }
    }
  },
};
