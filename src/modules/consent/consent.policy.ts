import { definePolicy, hasRole, ownCitizen, sameMunicipality } from '../../platform/auth/policy.ts';

/** What can be asked of the consent policy. */
export type ConsentAction = 'consent.read-own' | 'consent.withdraw-own' | 'deletion.confirm';

/**
 * Who may do what with consents: a citizen reads, withdraws and asks for deletion under their own decisions only
 * (recorded in the municipality they signed in for); a vendor's API client confirms its own company's deletions.
 */
export const consentPolicy = definePolicy<ConsentAction>({
  'consent.read-own': (actor, consent) => hasRole(actor, 'citizen') && ownCitizen(actor, consent) && sameMunicipality(actor, consent),
  'consent.withdraw-own': (actor, consent) => hasRole(actor, 'citizen') && ownCitizen(actor, consent) && sameMunicipality(actor, consent),
  'deletion.confirm': { allow: (actor) => hasRole(actor, 'vendor_api') && actor.vendor !== undefined, refusal: 'Only a vendor API client confirms deletions.' },
});
