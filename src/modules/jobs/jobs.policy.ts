import { actsForOrganisation, definePolicy, hasRole, ownCitizen, type Resource } from '../../platform/auth/policy.ts';

/** What can be asked of the jobs module's policy. */
export type JobsAction = 'jobs.agent.own' | 'jobs.suggestion.send' | 'jobs.suggestion.answer';

/**
 * Job ads are public; a citizen's job agents are theirs alone. A caseworker acting for an organisation suggests ads to a
 * citizen and reads the answers (which citizens, row-level security decides: those the organisation is responsible for);
 * the citizen answers their own suggestions.
 */
export const jobsPolicy = definePolicy<JobsAction, Resource>({
  'jobs.agent.own': (actor, resource) => hasRole(actor, 'citizen') && ownCitizen(actor, resource),
  'jobs.suggestion.send': (actor) => hasRole(actor, 'caseworker') && actsForOrganisation(actor),
  'jobs.suggestion.answer': (actor, resource) => hasRole(actor, 'citizen') && ownCitizen(actor, resource),
});
