import { actsForOrganisation, definePolicy, hasRole, ownCitizen, sameMunicipality, type Resource } from '../../platform/auth/policy.ts';

/** What can be asked of the messages module's policy. */
export type MessagesAction = 'messages.write-own' | 'messages.answer' | 'messages.settings';

/**
 * A citizen writes to their jobcenter and reads their own threads; a caseworker acting for an organisation reads and
 * answers its team's threads (which ones, row-level security decides: the organisation's); a municipality's admin sets
 * its expected answer time.
 */
export const messagesPolicy = definePolicy<MessagesAction, Resource>({
  'messages.write-own': (actor, resource) => hasRole(actor, 'citizen') && ownCitizen(actor, resource),
  'messages.answer': (actor) => hasRole(actor, 'caseworker') && actsForOrganisation(actor),
  'messages.settings': (actor, resource) => hasRole(actor, 'municipal_admin') && sameMunicipality(actor, resource),
});
