import { definePolicy, hasRole, ownCitizen } from '../../platform/auth/policy.ts';

/** What can be asked of the responsibility policy. */
export type ResponsibilityAction = 'responsibility.see-own' | 'responsibility.choose-own';

/**
 * Who may do what with responsibility for a contact course: the citizen sees who helps them, the periods so far and,
 * where a rule allows it, makes their own free choice. Staff see periods through row-level security, not here.
 */
export const responsibilityPolicy = definePolicy<ResponsibilityAction>({
  'responsibility.see-own': (actor, resource) => hasRole(actor, 'citizen') && Boolean(actor.citizenId) && ownCitizen(actor, resource),
  'responsibility.choose-own': (actor, resource) => hasRole(actor, 'citizen') && Boolean(actor.citizenId) && ownCitizen(actor, resource),
});
