import type { SeedPart } from '../../platform/seed.ts';
import { citizenOfTestPerson } from '../identity/index.ts';

const listing = (n: number) => `00000000-0000-4000-9000-${n.toString(16).padStart(12, '0')}`;
const seeder = 'urn:jobunivers:demo:marketplace';

type DemoRating = { person: string; listing: number; stars: number; comment: string | null; status: 'approved' | 'pending' };

// Ratings by the test IdP's citizens of listings their own municipality offers (København enables 1–6, Aarhus 1, 4, 5).
const ratings: DemoRating[] = [
  {
    person: 'Ahmed Hassan',
    listing: 4,
    stars: 5,
    comment:
      'Jeg var ked af det og sov dårligt, da jeg mistede mit job. Øvelserne om rutiner hjalp mig med at komme op om morgenen igen. Man kan lytte til dem i stedet for at læse.',
    status: 'approved',
  },
  {
    person: 'Mette Jensen',
    listing: 2,
    stars: 4,
    comment:
      'Gode skabeloner, og eksemplerne passede til lager og logistik. Jeg savnede lidt hjælp til at skrive om huller i CV’et, men mit CV blev meget kortere og klarere.',
    status: 'approved',
  },
  {
    person: 'Lars Nielsen',
    listing: 1,
    stars: 4,
    comment: 'Det føltes mærkeligt at tale til kameraet i starten, men feedbacken på mine svar var konkret. Jeg fik job-samtalen, jeg øvede til.',
    status: 'approved',
  },
  {
    person: 'Sofie Andersen',
    listing: 1,
    stars: 3,
    comment: 'Fint nok, men mange af spørgsmålene var til kontorjob. Jeg søger job i en børnehave.',
    status: 'approved',
  },
  {
    person: 'Sofie Andersen',
    listing: 5,
    stars: 5,
    comment: 'Min sprogmakker var sød og tålmodig. Nu tør jeg ringe til en arbejdsgiver på dansk.',
    status: 'approved',
  },
  { person: 'Lars Nielsen', listing: 4, stars: 4, comment: null, status: 'approved' },
  // Waits in København's moderation queue.
  {
    person: 'Mette Jensen',
    listing: 1,
    stars: 2,
    comment: 'Videoen hakkede hele tiden på min telefon, så jeg nåede kun to øvelser. Måske virker det bedre på en computer?',
    status: 'pending',
  },
];

/**
 * Demo world, marketplace's part (after curation's): citizens' ratings of the services their municipality offers, most
 * of them approved, one waiting in København's moderation queue. A rating a citizen has written or a moderator has
 * decided since is left alone.
 */
export const marketplaceSeed: SeedPart = {
  name: 'marketplace.demo',
  async run(db) {
    for (const rating of ratings) {
      const citizen = await citizenOfTestPerson(db, rating.person);
      if (!citizen) continue;
      const enabled = await db
        .selectFrom('municipality_listing')
        .select('listing_id')
        .where('municipality_code', '=', citizen.municipalityCode)
        .where('listing_id', '=', listing(rating.listing))
        .executeTakeFirst();
      if (!enabled) continue;
      await db
        .insertInto('listing_rating')
        .values({
          citizen_id: citizen.id,
          municipality_code: citizen.municipalityCode,
          listing_id: listing(rating.listing),
          stars: rating.stars,
          comment: rating.comment,
          status: rating.status,
          moderated_by: rating.status === 'approved' ? seeder : null,
          moderated_at: rating.status === 'approved' ? new Date() : null,
        })
        .onConflict((oc) => oc.columns(['citizen_id', 'listing_id']).doNothing())
        .execute();
    }
  },
};
