import { actsForOrganisation, definePolicy, hasRole, ownCitizen } from '../../platform/auth/policy.ts';

/** What can be asked of the timeline's policy. */
export type TimelineAction = 'timeline.view-own' | 'timeline.look-up';

/**
 * The citizen sees their own timeline; a caseworker of an organisation that is or was responsible for the citizen
 * (row-level security decides which) sees the citizen's, with a stated purpose written to the citizen's Min Log.
 */
export const timelinePolicy = definePolicy<TimelineAction>({
  'timeline.view-own': (actor, resource) => hasRole(actor, 'citizen') && ownCitizen(actor, resource),
  'timeline.look-up': (actor) => hasRole(actor, 'caseworker') && actsForOrganisation(actor),
});
