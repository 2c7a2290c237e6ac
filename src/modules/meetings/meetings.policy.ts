import { actsForOrganisation, definePolicy, hasRole, ownCitizen, type Resource } from '../../platform/auth/policy.ts';

/** What can be asked of the meetings module's policy. */
export type MeetingsAction = 'meetings.slot.publish' | 'meetings.staff.work' | 'meetings.citizen.own';

/**
 * A jobcenter's caseworkers and municipal administrators publish slots for their kommune's organisation; its
 * caseworkers book for a citizen, move, cancel and record outcomes (which citizens and meetings, row-level security
 * decides: their organisation's slots, citizens it is responsible for). A citizen books, moves and cancels their own.
 */
export const meetingsPolicy = definePolicy<MeetingsAction, Resource>({
  'meetings.slot.publish': (actor) => hasRole(actor, 'caseworker', 'municipal_admin') && actsForOrganisation(actor) && actor.organisation?.kind === 'kommune',
  'meetings.staff.work': (actor) => hasRole(actor, 'caseworker', 'municipal_admin') && actsForOrganisation(actor) && actor.organisation?.kind === 'kommune',
  'meetings.citizen.own': (actor, resource) => hasRole(actor, 'citizen') && ownCitizen(actor, resource),
});
