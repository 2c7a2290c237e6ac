import { definePolicy, hasRole, ownCitizen, sameMunicipality } from '../../platform/auth/policy.ts';

/** What can be asked of the journey's policy. */
export type JourneyAction = 'journey.use-own' | 'journey.look-up' | 'journey.assist' | 'escalation.handle';

/**
 * Who may do what on a citizen's journey: the citizen screens, plans and dismisses for themself only; a caseworker
 * of the citizen's own municipality opens it (with a stated purpose, logged), recommends or assigns activities, sets
 * the target group, and handles its escalations.
 */
export const journeyPolicy = definePolicy<JourneyAction>({
  'journey.use-own': (actor, journey) => hasRole(actor, 'citizen') && ownCitizen(actor, journey),
  'journey.look-up': (actor, journey) => hasRole(actor, 'caseworker') && sameMunicipality(actor, journey),
  'journey.assist': (actor, journey) => hasRole(actor, 'caseworker') && sameMunicipality(actor, journey),
  'escalation.handle': (actor, escalation) => hasRole(actor, 'caseworker') && sameMunicipality(actor, escalation),
});
