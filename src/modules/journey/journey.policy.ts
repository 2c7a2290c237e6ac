import { actsForOrganisation, definePolicy, hasRole, ownCitizen } from '../../platform/auth/policy.ts';

/** What can be asked of the journey's policy. */
export type JourneyAction = 'journey.use-own' | 'journey.look-up' | 'journey.assist' | 'escalation.handle' | 'caseload.assign';

/**
 * Who may do what on a citizen's journey: the citizen screens, plans and dismisses for themself only; a caseworker
 * of the citizen's own municipality opens it (with a stated purpose, logged), recommends or assigns activities, sets
 * the target group, and handles its escalations.
 * A caseworker of the organisation responsible for the citizen (municipality, a-kasse or other actor; the database's
 * row-level security decides which citizens that is) opens the journey with a stated purpose (logged), recommends or
 * assigns activities, sets the target group and handles escalations; one that was responsible reads only.
 */
export const journeyPolicy = definePolicy<JourneyAction>({
  'journey.use-own': (actor, journey) => hasRole(actor, 'citizen') && ownCitizen(actor, journey),
  'journey.look-up': (actor) => hasRole(actor, 'caseworker') && actsForOrganisation(actor),
  'journey.assist': (actor) => hasRole(actor, 'caseworker') && actsForOrganisation(actor),
  'escalation.handle': (actor) => hasRole(actor, 'caseworker') && actsForOrganisation(actor),
  // Any of the organisation's caseworkers assigns a citizen it serves to a colleague, or hands their own over.
  'caseload.assign': (actor) => hasRole(actor, 'caseworker') && actsForOrganisation(actor),
});
