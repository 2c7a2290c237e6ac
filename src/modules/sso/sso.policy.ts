import { definePolicy, hasRole } from '../../platform/auth/policy.ts';

/**
 * Who may sign in to a vendor's service through Jobunivers: a signed-in citizen, as themself, for the municipality
 * they signed in for (whose enablement and consents then decide the rest, step by step).
 */
export const ssoPolicy = definePolicy<'sso.sign-in-own'>({
  'sso.sign-in-own': (actor) => hasRole(actor, 'citizen') && Boolean(actor.citizenId) && Boolean(actor.municipality),
});
