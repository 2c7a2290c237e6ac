import { definePolicy, hasRole, ownCitizen } from '../../platform/auth/policy.ts';

/** What can be asked of the joblog module's policy. */
export type JoblogAction = 'joblog.use-own';

/** The citizen agrees to (and withdraws) forwarding to Joblog, and registers activities, for themself only. */
export const joblogPolicy = definePolicy<JoblogAction>({
  'joblog.use-own': (actor, resource) => hasRole(actor, 'citizen') && ownCitizen(actor, resource),
});
