import { definePolicy, hasRole, ownCitizen, type Resource } from '../../platform/auth/policy.ts';

/** Job ads are public; a citizen's job agents are theirs alone. */
export const jobsPolicy = definePolicy<'jobs.agent.own', Resource>({
  'jobs.agent.own': (actor, resource) => hasRole(actor, 'citizen') && ownCitizen(actor, resource),
});
