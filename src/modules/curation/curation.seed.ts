import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import { inTransaction, type Trx } from '../../platform/db/tenant.ts';
import type { SeedPart } from '../../platform/seed.ts';
import { calendarDate, copenhagenDate, copenhagenMoment } from '../../platform/time.ts';
import type { LocalOfferKind } from './curation.schemas.ts';

const listing = (n: number) => `00000000-0000-4000-9000-${n.toString(16).padStart(12, '0')}`;
const demoId = (n: number) => `00000000-0000-4000-a000-${n.toString(16).padStart(12, '0')}`;
const seeder = 'urn:jobunivers:demo:curation';

type DemoRecommendation = { listing: number; targetGroup: string; stage: string; note: [string, string] };
type DemoOffer = {
  id: number;
  kind: LocalOfferKind;
  title: [string, string];
  description: [string, string];
  place: string;
  inDays: number;
  from: [number, number];
  to: [number, number];
  capacity: number | null;
  stage: string;
  targetGroups: string[];
  languages: string[];
};

const københavn = {
  code: '101',
  enable: [1, 2, 3, 4, 5, 6],
  recommendations: [
    {
      listing: 2,
      targetGroup: 'job_ready',
      stage: 'search',
      note: [
        'Start her, før du sender din første ansøgning. På jobcentrets CV-værksted bygger vi videre på det CV, du laver her.',
        'Start here before you send your first application. At the jobcentre’s CV workshop we build on the CV you make here.',
      ],
    },
    {
      listing: 4,
      targetGroup: 'activity_ready',
      stage: 'clarify',
      note: [
        'Et roligt sted at begynde, hvis hverdagen er svær lige nu. Tal med din jobkonsulent om, hvad du får ud af forløbet.',
        'A calm place to begin if everyday life is hard right now. Talk to your caseworker about what you get out of it.',
      ],
    },
  ] satisfies DemoRecommendation[],
  offers: [
    {
      id: 0x101,
      kind: 'workshop',
      title: ['CV-værksted: Skriv et CV, der bliver læst', 'CV workshop: write a CV that gets read'],
      description: [
        'Tag dit CV med (på papir eller på telefonen), så gennemgår vi det sammen i små grupper. Du går hjem med et CV, der passer til de job, du søger, og en skabelon til ansøgningen.\n\nEn jobkonsulent og en rekrutteringskonsulent fra en vikarvirksomhed deltager. Der er kaffe og te.',
        'Bring your CV (on paper or on your phone) and we go through it together in small groups. You leave with a CV that fits the jobs you apply for and a template for your application.\n\nA caseworker and a recruitment consultant from a staffing agency take part. Coffee and tea are served.',
      ],
      place: 'Jobcenter København, Gyldenløvesgade 11, 1600 København V, lokale 2.14',
      inDays: 7,
      from: [9, 30],
      to: [12, 0],
      capacity: 16,
      stage: 'search',
      targetGroups: ['job_ready'],
      languages: ['da', 'en'],
    },
    {
      id: 0x102,
      kind: 'job_fair',
      title: ['Jobmesse i Øksnehallen: 60 virksomheder søger medarbejdere', 'Job fair at Øksnehallen: 60 employers are hiring'],
      description: [
        'Mød virksomheder inden for byggeri, transport, rengøring, hotel og restaurant, handel og omsorg. Mange ansætter på dagen, så tag dit CV med.\n\nDu behøver ikke tilmelde dig. Jobcentret har en stand, hvor du kan få hjælp til at tale med virksomhederne.',
        'Meet employers in construction, transport, cleaning, hotels and restaurants, retail and care. Many hire on the day, so bring your CV.\n\nNo sign-up needed. The jobcentre has a stand where you can get help talking to the employers.',
      ],
      place: 'Øksnehallen, Halmtorvet 11, 1700 København V',
      inDays: 21,
      from: [10, 0],
      to: [15, 0],
      capacity: null,
      stage: 'search',
      targetGroups: ['job_ready', 'education_ready'],
      languages: ['da', 'en'],
    },
    {
      id: 0x103,
      kind: 'course',
      title: ['Kursus: Kom godt i gang med MitID, e-Boks og Jobnet', 'Course: getting started with MitID, e-Boks and Jobnet'],
      description: [
        'Et kursus i tre dele for dig, der gerne vil være mere sikker på de digitale løsninger, når du søger job. Vi øver på bærbare computere, som du låner af os, og på din egen telefon.\n\nUnderviseren taler dansk; tolk på arabisk og ukrainsk kan bestilles ved tilmelding.',
        'A course in three parts for you who want to feel more confident with the digital services when you look for work. We practise on laptops you borrow from us and on your own phone.\n\nThe teacher speaks Danish; an Arabic or Ukrainian interpreter can be booked when you sign up.',
      ],
      place: 'Borgerservice og Jobcenter Amager, Sundholmsvej 8, 2300 København S',
      inDays: 14,
      from: [13, 0],
      to: [15, 30],
      capacity: 12,
      stage: 'upskill',
      targetGroups: ['activity_ready', 'flex_job'],
      languages: ['da', 'ar', 'uk'],
    },
  ] satisfies DemoOffer[],
  licence: { id: 0x201, listing: 2, seats: 250, priceDkk: '187500.00', budgetHolder: 'Beskæftigelses- og Integrationsforvaltningen, Jobcenter København' },
  branding: {
    displayName: 'Jobcenter København',
    contact: [
      'Har du spørgsmål til tilbuddene her, så skriv til din jobkonsulent via Min Plan på Jobnet, eller ring til os på hverdage mellem 9 og 15.',
      'If you have questions about the services here, write to your caseworker through Min Plan on Jobnet, or call us on weekdays between 9 and 15.',
    ] as [string, string],
  },
};

const aarhus = { code: '751', enable: [1, 4, 5] };

/** Listings among the demo ones that are live now (a later part of the demo, or a test, may have suspended one). */
async function liveDemoListings(db: Db, numbers: number[]): Promise<string[]> {
  const rows = await db
    .selectFrom('listing_version')
    .select('listing_id')
    .where('status', '=', 'approved')
    .where('listing_id', 'in', numbers.map(listing))
    .execute();
  return rows.map((row) => row.listing_id);
}

function daysFromToday(days: number, [hour, minute]: [number, number]): Date {
  const [year = 2000, month = 1, day = 1] = copenhagenDate().split('-').map(Number);
  const date = new Date(Date.UTC(year, month - 1, day + days));
  return copenhagenMoment({ year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate(), hour, minute }) ?? date;
}

async function enable(trx: Trx, code: string, listingIds: string[]): Promise<void> {
  if (listingIds.length === 0) return;
  await trx
    .insertInto('municipality_listing')
    .values(listingIds.map((id) => ({ municipality_code: code, listing_id: id, enabled_by: seeder })))
    .onConflict((oc) => oc.columns(['municipality_code', 'listing_id']).doNothing())
    .execute();
}

/**
 * Demo world, curation's part: København enables the live demo listings, recommends two of them, has three local
 * offers to come (kept in the future on later starts), a licence and a display name; Aarhus enables a few others.
 * Nothing a municipality changed itself is overwritten.
 */
export const curationSeed: SeedPart = {
  name: 'curation.demo',
  async run(db) {
    await inTransaction(db, async (trx) => {
      const live101 = await liveDemoListings(trx, københavn.enable);
      await enable(trx, københavn.code, live101);
      for (const r of københavn.recommendations) {
        if (!live101.includes(listing(r.listing))) continue;
        await trx
          .insertInto('listing_recommendation')
          .values({
            municipality_code: københavn.code,
            listing_id: listing(r.listing),
            target_group: r.targetGroup,
            journey_stage: r.stage,
            note_da: r.note[0],
            note_en: r.note[1],
            created_by: seeder,
          })
          .onConflict((oc) => oc.doNothing())
          .execute();
      }
      for (const offer of københavn.offers) {
        const values = {
          kind: offer.kind,
          title_da: offer.title[0],
          title_en: offer.title[1],
          description_da: offer.description[0],
          description_en: offer.description[1],
          place: offer.place,
          starts_at: daysFromToday(offer.inDays, offer.from),
          ends_at: daysFromToday(offer.inDays, offer.to),
          capacity: offer.capacity,
          signup_required: offer.capacity !== null,
          journey_stage: offer.stage,
          target_groups: offer.targetGroups,
          languages: offer.languages,
        };
        // A demo offer that has taken place moves forward again, so the demo always has offers to come.
        await trx
          .insertInto('local_offer')
          .values({ id: demoId(offer.id), municipality_code: københavn.code, created_by: seeder, ...values })
          .onConflict((oc) =>
            oc
              .column('id')
              .doUpdateSet({ starts_at: values.starts_at, ends_at: values.ends_at, updated_at: new Date() })
              .where('local_offer.ends_at', '<', sql<Date>`now()`),
          )
          .execute();
      }
      const licensed = listing(københavn.licence.listing);
      if (live101.includes(licensed)) {
        const year = Number(copenhagenDate().slice(0, 4));
        const period = { valid_from: calendarDate(year, 1, 1) ?? `${year}-01-01`, valid_to: calendarDate(year, 12, 31) ?? `${year}-12-31` };
        await trx
          .insertInto('licence')
          .values({
            id: demoId(københavn.licence.id),
            municipality_code: københavn.code,
            listing_id: licensed,
            seats: københavn.licence.seats,
            price_dkk: københavn.licence.priceDkk,
            budget_holder: københavn.licence.budgetHolder,
            created_by: seeder,
            ...period,
          })
          .onConflict((oc) =>
            oc
              .column('id')
              .doUpdateSet(period)
              .where('licence.valid_to', '<', sql<Date>`current_date`),
          )
          .execute();
      }
      await trx
        .insertInto('municipality_branding')
        .values({
          municipality_code: københavn.code,
          display_name: københavn.branding.displayName,
          contact_text_da: københavn.branding.contact[0],
          contact_text_en: københavn.branding.contact[1],
          updated_by: seeder,
        })
        .onConflict((oc) => oc.column('municipality_code').doNothing())
        .execute();
      await enable(trx, aarhus.code, await liveDemoListings(trx, aarhus.enable));
    });
  },
};
