import type { Db } from '../../platform/db/database.ts';
import type { SeedPart } from '../../platform/seed.ts';
import { citizenOfTestPerson, testPersons } from '../identity/index.ts';
import { contactByDate, type DigitalReadiness, type EscalationReason, type HelpNeed } from './journey.rules.ts';

type DemoProfile = {
  name: string;
  digitalReadiness: DigitalReadiness;
  jobGoal: string;
  journeyStage: string;
  needsHelp: HelpNeed;
  wantsContact: boolean;
  languages: string[];
  targetGroup: string | null;
};

// Mette Jensen (København) is left without a profile, so the demo shows a first visit's screening.
const profiles: DemoProfile[] = [
  {
    name: 'Ahmed Hassan',
    digitalReadiness: 'low',
    jobGoal: 'Lager eller chauffør, gerne med faste timer',
    journeyStage: 'clarify',
    needsHelp: 'some',
    wantsContact: true,
    languages: ['da', 'ar'],
    targetGroup: 'activity_ready',
  },
  {
    name: 'Lars Nielsen',
    digitalReadiness: 'high',
    jobGoal: 'Projektleder i byggeriet',
    journeyStage: 'search',
    needsHelp: 'no',
    wantsContact: false,
    languages: ['da', 'en'],
    targetGroup: 'job_ready',
  },
  {
    name: 'Karin Pedersen',
    digitalReadiness: 'medium',
    jobGoal: 'Tilbage til kontorarbejde efter sygemelding',
    journeyStage: 'prepare',
    needsHelp: 'some',
    wantsContact: false,
    languages: ['da'],
    targetGroup: 'sick_leave',
  },
];

const caseworker = testPersons.find((p) => p.name === 'Anne Kofoed');

async function listingTitle(db: Db, listingId: string): Promise<string | undefined> {
  const row = await db.selectFrom('listing_version').select('name_da').where('listing_id', '=', listingId).where('status', '=', 'approved').executeTakeFirst();
  return row?.name_da ?? undefined;
}

/**
 * Demo world, journey's part (after the catalogue's listings): screened profiles for some of the test IdP's citizens,
 * one open escalation in København, and a plan with two activities. What a user has changed since is left alone.
 */
export const journeySeed: SeedPart = {
  name: 'journey.demo',
  async run(db) {
    for (const profile of profiles) {
      const citizen = await citizenOfTestPerson(db, profile.name);
      if (!citizen) continue;
      await db
        .insertInto('citizen_profile')
        .values({
          citizen_id: citizen.id,
          municipality_code: citizen.municipalityCode,
          digital_readiness: profile.digitalReadiness,
          job_goal: profile.jobGoal,
          journey_stage: profile.journeyStage,
          needs_help: profile.needsHelp,
          wants_contact: profile.wantsContact,
          wellbeing_concern: false,
          languages: profile.languages,
          target_group: profile.targetGroup,
          screened_at: new Date(),
        })
        .onConflict((oc) => oc.column('citizen_id').doNothing())
        .execute();
    }

    const ahmed = await citizenOfTestPerson(db, 'Ahmed Hassan');
    if (!ahmed) return;
    const hasEscalation = await db.selectFrom('escalation').select('id').where('citizen_id', '=', ahmed.id).executeTakeFirst();
    if (!hasEscalation) {
      const reasons: EscalationReason[] = ['low_readiness_needs_help', 'wants_contact'];
      await db
        .insertInto('escalation')
        .values({ citizen_id: ahmed.id, municipality_code: ahmed.municipalityCode, reasons, contact_by: contactByDate(new Date()) })
        .execute();
    }

    const hasPlan = await db.selectFrom('plan_activity').select('id').where('citizen_id', '=', ahmed.id).executeTakeFirst();
    if (hasPlan) return;
    const digital = '00000000-0000-4000-9000-000000000006';
    const motivation = '00000000-0000-4000-9000-000000000004';
    const inTwoWeeks = new Date(Date.now() + 14 * 24 * 3600 * 1000).toISOString().slice(0, 10);
    const digitalTitle = await listingTitle(db, digital);
    const motivationTitle = await listingTitle(db, motivation);
    await db
      .insertInto('plan_activity')
      .values([
        {
          citizen_id: ahmed.id,
          municipality_code: ahmed.municipalityCode,
          source: 'assigned',
          listing_id: digitalTitle ? digital : null,
          title: digitalTitle ?? 'Digital på arbejdsmarkedet',
          due_on: inTwoWeeks,
          note: 'Start med modulet om MitID og e-Boks. Vi taler om det ved næste samtale.',
          created_by: caseworker ? `https://data.gov.dk/model/core/eid/person/uuid/${caseworker.id}` : 'urn:jobunivers:demo:caseworker',
          created_by_name: caseworker?.name ?? 'Anne Kofoed',
        },
        {
          citizen_id: ahmed.id,
          municipality_code: ahmed.municipalityCode,
          source: 'chosen',
          listing_id: motivationTitle ? motivation : null,
          title: motivationTitle ?? 'Ærlig talt – motivation i ledighed',
          status: 'in_progress',
          due_on: null,
          note: null,
          created_by: 'urn:jobunivers:demo:ahmed-hassan',
          created_by_name: 'Ahmed Hassan',
        },
      ])
      .execute();
  },
};
