import { sql } from 'kysely';
import type { SeedPart } from '../../platform/seed.ts';
import { copenhagenDate, copenhagenMoment } from '../../platform/time.ts';
import { demoOrganisationId } from '../organisations/index.ts';

const demoId = (n: number) => `00000000-0000-4000-c000-${n.toString(16).padStart(12, '0')}`;
const seeder = 'urn:jobunivers:demo:actor-offers';
/** The demo listing 3F A-kasse recommends (listings seed; enabled in København by curation's seed, not recommended there). */
const recommendedListing = '00000000-0000-4000-9000-000000000003';

const offers = [
  {
    id: 0x301,
    title: ['CV-værksted for ledige i 3F A-kasse', 'CV workshop for unemployed members of 3F A-kasse'],
    description: [
      'Tag dit CV med, så gennemgår vi det sammen med en af vores jobkonsulenter. Du går hjem med et CV, der passer til de job, du søger inden for dit fag.',
      'Bring your CV and we go through it with one of our job consultants. You leave with a CV that fits the jobs you apply for in your trade.',
    ],
    place: '3F A-kasse, Kampmannsgade 4, 1790 København V',
    inDays: 10,
    from: [9, 0],
    to: [12, 0],
    url: 'https://www.3f.dk/a-kasse',
  },
  {
    id: 0x302,
    title: ['Jobsøgningskursus online', 'Job search course online'],
    description: [
      'Et kursus over to formiddage på Teams: hvordan du finder de job, der ikke bliver slået op, og skriver en ansøgning, der bliver læst.',
      'A course over two mornings on Teams: how to find the jobs that are never advertised and write an application that gets read.',
    ],
    place: 'Online',
    inDays: 17,
    from: [10, 0],
    to: [12, 0],
    url: null,
  },
] as const;

function daysFromToday(days: number, [hour, minute]: readonly [number, number]): Date {
  const [year = 2000, month = 1, day = 1] = copenhagenDate().split('-').map(Number);
  const date = new Date(Date.UTC(year, month - 1, day + days));
  return copenhagenMoment({ year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate(), hour, minute }) ?? date;
}

/**
 * Demo world, actor-offers' part (after organisations, listings and curation): 3F A-kasse has two offers to come (moved
 * forward again on a later start once past) and recommends one demo listing København has enabled. Nothing it changed
 * itself is overwritten.
 */
export const actorOffersSeed: SeedPart = {
  name: 'actor-offers.demo',
  async run(db) {
    const organisationId = demoOrganisationId('3F A-kasse');
    for (const offer of offers) {
      const values = {
        title_da: offer.title[0],
        title_en: offer.title[1],
        description_da: offer.description[0],
        description_en: offer.description[1],
        place: offer.place,
        starts_at: daysFromToday(offer.inDays, offer.from),
        ends_at: daysFromToday(offer.inDays, offer.to),
        url: offer.url,
      };
      await db
        .insertInto('actor_offer')
        .values({ id: demoId(offer.id), organisation_id: organisationId, created_by: seeder, ...values })
        .onConflict((oc) =>
          oc
            .column('id')
            .doUpdateSet({ starts_at: values.starts_at, ends_at: values.ends_at, updated_at: new Date() })
            .where('actor_offer.ends_at', '<', sql<Date>`now()`),
        )
        .execute();
    }
    const live = await db.selectFrom('listing_live').select('listing_id').where('listing_id', '=', recommendedListing).executeTakeFirst();
    if (live) {
      await db
        .insertInto('actor_recommendation')
        .values({
          organisation_id: organisationId,
          listing_id: recommendedListing,
          note_da: 'Brug den sammen med vores jobsøgningskursus: her finder du de job inden for dit fag, som passer til dig.',
          note_en: 'Use it with our job search course: here you find the jobs in your trade that suit you.',
          created_by: seeder,
        })
        .onConflict((oc) => oc.columns(['organisation_id', 'listing_id']).doNothing())
        .execute();
    }
  },
};
